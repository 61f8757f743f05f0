//! Properties every verdict must have, checked on the real catalogue with
//! random profiles built from the documents each category names:
//!
//! 1. adding a document never turns `satisfied` into `missing`;
//! 2. adding any returned completion makes the category satisfied;
//! 3. no returned completion has a proper subset that also completes it
//!    (by property 1 it is enough to drop one document at a time).

mod common;

use leimu_engine::model::{Node, NodeKind};
use leimu_engine::{Completion, Profile};
use proptest::prelude::*;

/// (document id, held by a partner) for every document a leaf's rule names.
fn named_documents(node: &Node, out: &mut Vec<(String, bool)>) {
    match &node.kind {
        NodeKind::Document(requirement) => {
            let key = (requirement.document.clone(), requirement.holder.is_some());
            if !out.contains(&key) {
                out.push(key);
            }
        }
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            for child in children {
                named_documents(child, out);
            }
        }
    }
}

/// A random leaf and a random profile over the documents and kinds it names.
fn leaf_and_profile() -> impl Strategy<Value = (usize, Profile, (String, bool, u32))> {
    let catalog = common::catalog();
    let leaves = catalog.leaves().len();
    (
        0..leaves,
        prop::collection::vec(0u32..3, 64),
        prop::bool::weighted(0.2),
        0usize..64,
        0usize..64,
        1u32..3,
    )
        .prop_map(
            move |(index, counts, with_kind, kind_pick, extra_pick, extra_count)| {
                let leaf = &catalog.leaves()[index];
                let mut documents = Vec::new();
                if let Some(rule) = &leaf.rule {
                    named_documents(rule, &mut documents);
                }
                let mut profile = Profile::default();
                for ((id, partner), count) in documents.iter().zip(counts) {
                    if count > 0 {
                        let side = if *partner {
                            &mut profile.partners
                        } else {
                            &mut profile.applicant
                        };
                        side.insert(id.clone(), count);
                    }
                }
                let kinds = &catalog.data().applicant_kinds;
                if with_kind && !kinds.is_empty() {
                    profile
                        .kinds
                        .push(kinds[kind_pick % kinds.len()].id.clone());
                }
                let extra = if documents.is_empty() {
                    let all = catalog.documents();
                    (all[extra_pick % all.len()].id.clone(), false, extra_count)
                } else {
                    let (id, partner) = &documents[extra_pick % documents.len()];
                    (id.clone(), *partner, extra_count)
                };
                (index, profile, extra)
            },
        )
}

fn add(profile: &Profile, document: &str, partner: bool, count: u32) -> Profile {
    let mut more = profile.clone();
    let side = if partner {
        &mut more.partners
    } else {
        &mut more.applicant
    };
    let held = side.entry(document.to_owned()).or_insert(0);
    *held = (*held).max(count);
    more
}

fn with_completion(profile: &Profile, completion: &Completion, skip: Option<usize>) -> Profile {
    let mut more = profile.clone();
    for (i, missing) in completion.missing.iter().enumerate() {
        if Some(i) != skip {
            more = add(
                &more,
                &missing.document,
                missing.holder.is_some(),
                missing.need,
            );
        }
    }
    more
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn adding_a_document_never_loses_a_satisfied_verdict((index, profile, (document, partner, count)) in leaf_and_profile()) {
        let catalog = common::catalog();
        let id = &catalog.leaves()[index].id;
        let before = catalog.evaluate(id, &profile).expect("leaf");
        let after = catalog.evaluate(id, &add(&profile, &document, partner, count)).expect("leaf");
        if before.documents_ready {
            prop_assert!(after.documents_ready, "{id}: adding {document} lost the verdict");
        }
    }

    #[test]
    fn every_completion_completes_and_is_minimal((index, profile, _) in leaf_and_profile()) {
        let catalog = common::catalog();
        let id = &catalog.leaves()[index].id;
        let verdict = catalog.evaluate(id, &profile).expect("leaf");
        for completion in &verdict.completions {
            prop_assert!(!completion.missing.is_empty(), "{id}: an empty completion");
            let completed = catalog.evaluate(id, &with_completion(&profile, completion, None)).expect("leaf");
            prop_assert!(completed.documents_ready, "{id}: completion {:?} does not complete it", completion.missing);
            for skip in 0..completion.missing.len() {
                let partial = catalog.evaluate(id, &with_completion(&profile, completion, Some(skip))).expect("leaf");
                prop_assert!(!partial.documents_ready, "{id}: completion {:?} is not minimal (works without item {skip})", completion.missing);
            }
        }
        // Shortest first.
        let lengths: Vec<usize> = verdict.completions.iter().map(|c| c.missing.len()).collect();
        prop_assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{id}: completions not shortest first: {lengths:?}");
    }
}

/// Every leaf, empty profile: each completion completes; the suite above samples, this sweeps.
#[test]
fn every_leaf_can_be_completed_from_nothing() {
    let catalog = common::catalog();
    for leaf in catalog.leaves() {
        let verdict = catalog
            .evaluate(&leaf.id, &Profile::default())
            .expect("leaf");
        if leaf.rule.is_none() {
            // An email-only category that lists nothing is never "ready".
            assert_eq!(verdict.documents_ready, !leaf.email_only, "{}", leaf.id);
            continue;
        }
        if verdict.documents_ready {
            // Only an alternative met by being a kind (纪念币: a bank) needs
            // nothing, and then its label is asked.
            let way = verdict.satisfied_by.as_ref().expect("a way");
            assert!(
                way.relies_on.is_empty() && !way.applicants.is_empty(),
                "{} is ready from nothing",
                leaf.id
            );
            continue;
        }
        assert!(
            !verdict.completions.is_empty(),
            "{}: no way to complete it",
            leaf.id
        );
        for completion in &verdict.completions {
            let done = catalog
                .evaluate(
                    &leaf.id,
                    &with_completion(&Profile::default(), completion, None),
                )
                .expect("leaf");
            assert!(
                done.documents_ready,
                "{}: {:?} does not complete it",
                leaf.id, completion.missing
            );
        }
    }
}
