//! Properties every verdict must have, checked on the real catalogue with
//! random profiles built from the documents each category names:
//!
//! 1. adding a document never turns `satisfied` into `missing`;
//! 2. adding any returned completion makes the category satisfied;
//! 3. no returned completion has a proper subset that also completes it
//!    (by property 1 it is enough to drop one document at a time);
//!
//! and, over profiles that also say what the applicant is and is not, paste
//! a business scope, approve prerequisites and answer questions (issue 9):
//!
//! 4. naming a more specific kind (one that `is` the broader one) never
//!    closes an alternative the broader kind left open, unless the specific
//!    kind itself contradicts one of its labels;
//! 5. adding a document never turns `satisfied` or `confirm` into `missing`,
//!    and never `satisfied` into anything else;
//! 6. answering a question never adds something to confirm, and a condition
//!    or label once answered is not asked again;
//! 7. `confirm` is never reported with nothing to confirm, `satisfied` never
//!    with something to confirm — in `check`, `unlock` and `plan`.

mod common;

use std::collections::BTreeSet;

use leimu_engine::model::{Leaf, Node, NodeKind};
use leimu_engine::report::{ProfileRequest, resolve_profile_for};
use leimu_engine::{Answer, Completion, Profile, Status};
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

// ---------------------------------------------------------------------------
// Profiles that say who the applicant is, paste a scope, approve and answer.

/// Business scopes as applicants paste them: none, a tea shop's (matches
/// almost no scope condition), one that matches many, a software company's.
const SCOPES: [&str; 4] = [
    "",
    "茶叶、茶具销售；预包装食品销售；餐饮服务（不产生油烟）",
    "商业保理；商务服务业；融资租赁业务；法律咨询；商务秘书；供电；供气；住宿服务；旅馆业；回收；机械设备销售",
    "软件开发；互联网信息服务；技术服务",
];

/// Leaves whose rules name an applicant label (the ones kinds can change).
fn labelled_leaves() -> &'static [usize] {
    static LEAVES: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    LEAVES.get_or_init(|| {
        fn has_label(node: &Node) -> bool {
            node.applicant.is_some()
                || match &node.kind {
                    NodeKind::Document(_) => false,
                    NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                        children.iter().any(has_label)
                    }
                }
        }
        common::catalog()
            .leaves()
            .iter()
            .enumerate()
            .filter(|(_, l)| l.rule.as_ref().is_some_and(has_label))
            .map(|(i, _)| i)
            .collect()
    })
}

/// Every (specific, broader) pair of kinds along the registry's `is` chains.
fn specific_broader_pairs() -> &'static [(String, String)] {
    static PAIRS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let kinds = &common::catalog().data().applicant_kinds;
        let mut pairs = Vec::new();
        for kind in kinds {
            let mut frontier: Vec<&str> = kind.is.iter().map(String::as_str).collect();
            let mut seen: Vec<&str> = Vec::new();
            while let Some(parent) = frontier.pop() {
                if seen.contains(&parent) {
                    continue;
                }
                seen.push(parent);
                pairs.push((kind.id.clone(), parent.to_owned()));
                if let Some(p) = kinds.iter().find(|k| k.id == parent) {
                    frontier.extend(p.is.iter().map(String::as_str));
                }
            }
        }
        pairs
    })
}

/// A profile stating kinds (ids) and kinds it is not, as the CLI resolves
/// them; `None` when the statements contradict each other.
fn stated(kinds: &[String], not_kinds: &[String], leaf: &Leaf) -> Option<Profile> {
    let mut request = ProfileRequest {
        kinds: kinds.to_vec(),
        ..ProfileRequest::default()
    };
    request
        .kinds
        .extend(not_kinds.iter().map(|k| format!("!{k}")));
    resolve_profile_for(common::catalog(), &request, &[leaf]).ok()
}

/// Every question some open way of the leaf asks a profile (their keys).
fn questions(leaf: &Leaf, profile: &Profile) -> BTreeSet<String> {
    let plan = common::catalog().plan(std::slice::from_ref(&leaf.id), profile);
    plan.categories
        .iter()
        .flat_map(|c| c.ways.iter().chain(c.chosen.iter()))
        .flat_map(|w| &w.to_confirm)
        .map(|c| c.key().to_owned())
        .collect()
}

/// The ways of a leaf open to a profile, by their `way`, with their labels' ids.
fn open_ways(leaf: &Leaf, profile: &Profile) -> Vec<(usize, Vec<String>)> {
    let plan = common::catalog().plan(std::slice::from_ref(&leaf.id), profile);
    plan.categories
        .iter()
        .flat_map(|c| &c.ways)
        .map(|w| (w.way, w.applicants.iter().map(|a| a.kind.clone()).collect()))
        .collect()
}

/// What stating some kinds says of every kind, read off the registry by a
/// reasoner of its own (not the engine's `kinds.rs`), so that property 4
/// compares the engine with a second reading: a kind is true when a stated
/// kind `is` it; false when it shares an exclusive group with, or is
/// excluded by, a true kind, or when something it `is` is false.
fn oracle_truths(stated: &[String]) -> std::collections::BTreeMap<String, Option<bool>> {
    let data = common::catalog().data();
    let kind = |id: &str| data.applicant_kinds.iter().find(|k| k.id == id);
    let ancestors = |id: &str| -> Vec<String> {
        let mut out = vec![id.to_owned()];
        let mut at = 0;
        while let Some(current) = out.get(at).cloned() {
            for parent in kind(&current).map(|k| k.is.clone()).unwrap_or_default() {
                if !out.contains(&parent) {
                    out.push(parent);
                }
            }
            at += 1;
        }
        out
    };
    let exclusive = |group: &Option<String>| {
        group.as_ref().is_some_and(|g| {
            data.applicant_groups
                .iter()
                .any(|x| &x.id == g && x.exclusive)
        })
    };
    let yes: Vec<String> = stated.iter().flat_map(|s| ancestors(s)).collect();
    let mut no: Vec<String> = Vec::new();
    for t in &yes {
        let Some(tk) = kind(t) else { continue };
        for other in &data.applicant_kinds {
            let same_group = exclusive(&tk.group) && other.group == tk.group && other.id != tk.id;
            let excluded = tk.excludes.contains(&other.id) || other.excludes.contains(t);
            if same_group || excluded {
                no.push(other.id.clone());
            }
        }
    }
    data.applicant_kinds
        .iter()
        .map(|k| {
            let truth = if yes.contains(&k.id) {
                Some(true)
            } else if ancestors(&k.id).iter().any(|a| no.contains(a)) {
                Some(false)
            } else {
                None
            };
            (k.id.clone(), truth)
        })
        .collect()
}

/// A label's truth under [`oracle_truths`], by Kleene logic.
fn oracle_label(
    label: &str,
    truths: &std::collections::BTreeMap<String, Option<bool>>,
) -> Option<bool> {
    fn eval(
        expr: &leimu_engine::model::KindExpr,
        truths: &std::collections::BTreeMap<String, Option<bool>>,
    ) -> Option<bool> {
        use leimu_engine::model::KindExpr;
        match expr {
            KindExpr::Kind(id) => truths.get(id).copied().flatten(),
            KindExpr::Not(inner) => eval(inner, truths).map(|t| !t),
            KindExpr::All(parts) => {
                let values: Vec<Option<bool>> = parts.iter().map(|p| eval(p, truths)).collect();
                if values.contains(&Some(false)) {
                    Some(false)
                } else if values.iter().all(|v| *v == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            KindExpr::Any(parts) => {
                let values: Vec<Option<bool>> = parts.iter().map(|p| eval(p, truths)).collect();
                if values.contains(&Some(true)) {
                    Some(true)
                } else if values.iter().all(|v| *v == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }
    let meaning = common::catalog()
        .data()
        .applicant_labels
        .iter()
        .find(|l| l.id == label)?;
    eval(&meaning.means, truths)
}

/// The engine's open ways for `stated` agree with the second reading: a way
/// is closed exactly when one of its labels is false.
fn ways_agree_with_the_registry(leaf: &Leaf, stated_kinds: &[String]) -> Result<(), String> {
    let Some(profile) = stated(stated_kinds, &[], leaf) else {
        return Ok(());
    };
    let truths = oracle_truths(stated_kinds);
    let everyone = open_ways(leaf, &Profile::default());
    let open: Vec<usize> = open_ways(leaf, &profile)
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    for (way, labels) in everyone {
        let contradicted = labels
            .iter()
            .any(|l| oracle_label(l, &truths) == Some(false));
        if contradicted == open.contains(&way) {
            return Err(format!(
                "{}: way {way} for {labels:?} is {} to {stated_kinds:?}, but its labels are {}",
                leaf.id,
                if open.contains(&way) {
                    "open"
                } else {
                    "closed"
                },
                if contradicted {
                    "contradicted"
                } else {
                    "not contradicted"
                }
            ));
        }
    }
    Ok(())
}

/// Property 4 for one leaf: every way open to `others` + `broader` and closed
/// to `others` + `specific` has a label that the second reading finds false
/// for `others` + `specific`. Returns how many ways the narrowing closed
/// (to show the check is not vacuous).
fn narrowing_closes_only_what_it_contradicts(
    leaf: &Leaf,
    specific: &str,
    broader: &str,
    others: &[String],
) -> Result<usize, String> {
    let with = |kind: &str| {
        let mut all = others.to_vec();
        all.push(kind.to_owned());
        all
    };
    // When the other statements contradict one of them, it is no refinement.
    let (Some(broad), Some(narrow)) = (
        stated(&with(broader), &[], leaf),
        stated(&with(specific), &[], leaf),
    ) else {
        return Ok(0);
    };
    let truths = oracle_truths(&with(specific));
    let open_narrow: Vec<usize> = open_ways(leaf, &narrow)
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    let mut closed = 0;
    for (way, labels) in open_ways(leaf, &broad) {
        if open_narrow.contains(&way) {
            continue;
        }
        closed += 1;
        if !labels
            .iter()
            .any(|l| oracle_label(l, &truths) == Some(false))
        {
            return Err(format!(
                "{}: way {way} for {labels:?} is open to {broader} (with {others:?}) but closed to {specific}, which contradicts none of its labels",
                leaf.id
            ));
        }
    }
    Ok(closed)
}

/// A leaf with a rule and a profile over its documents that also states
/// kinds, a scope, approvals and answers.
fn leaf_and_rich_profile() -> impl Strategy<Value = (usize, Profile, (String, bool, u32))> {
    let catalog = common::catalog();
    let kinds = &catalog.data().applicant_kinds;
    (
        leaf_and_profile(),
        prop::collection::vec(0usize..kinds.len(), 0..3),
        prop::collection::vec(0usize..kinds.len(), 0..2),
        0usize..SCOPES.len(),
        prop::bool::ANY,
        prop::collection::vec((0usize..64, prop::bool::ANY), 0..3),
    )
        .prop_map(
            move |((index, base, extra), said, denied, scope, approve, answers)| {
                let leaf = &catalog.leaves()[index];
                let ids = |picks: &[usize]| -> Vec<String> {
                    picks.iter().map(|&k| kinds[k].id.clone()).collect()
                };
                let mut profile = stated(&ids(&said), &ids(&denied), leaf)
                    .or_else(|| stated(&ids(&said), &[], leaf))
                    .unwrap_or_default();
                profile.applicant = base.applicant;
                profile.partners = base.partners;
                profile.scope = SCOPES[scope].to_owned();
                if approve {
                    profile.approved = leaf
                        .prerequisites
                        .iter()
                        .map(|p| p.category.clone())
                        .collect();
                }
                let asked: Vec<String> = questions(leaf, &profile).into_iter().collect();
                if !asked.is_empty() {
                    for (pick, holds) in answers {
                        let question = asked[pick % asked.len()].clone();
                        if !profile.answers.iter().any(|a| a.question == question) {
                            profile.answers.push(Answer {
                                category: Some(leaf.id.clone()),
                                question,
                                holds,
                            });
                        }
                    }
                }
                (index, profile, extra)
            },
        )
}

/// A labelled leaf, a kind and a more specific one, and other kinds beside them.
fn leaf_and_refinement() -> impl Strategy<Value = (usize, String, String, Vec<String>)> {
    let kinds = &common::catalog().data().applicant_kinds;
    let leaves = labelled_leaves();
    let pairs = specific_broader_pairs();
    (
        0..leaves.len(),
        0..pairs.len(),
        prop::collection::vec(0usize..kinds.len(), 0..3),
    )
        .prop_map(move |(leaf, pair, others)| {
            let (specific, broader) = pairs[pair].clone();
            (
                leaves[leaf],
                specific,
                broader,
                others.iter().map(|&k| kinds[k].id.clone()).collect(),
            )
        })
}

fn status_agrees_with_confirmations(
    what: &str,
    status: Status,
    to_confirm: usize,
) -> Result<(), TestCaseError> {
    match status {
        Status::Confirm => prop_assert!(to_confirm > 0, "{what}: confirm with nothing to confirm"),
        Status::Satisfied => prop_assert!(
            to_confirm == 0,
            "{what}: satisfied with {to_confirm} thing(s) to confirm"
        ),
        _ => {}
    }
    Ok(())
}

proptest! {
    // Each case plans or evaluates a category several times: fewer cases
    // than above keep the debug run to seconds.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_more_specific_kind_never_closes_what_the_broader_left_open((index, specific, broader, others) in leaf_and_refinement()) {
        let leaf = &common::catalog().leaves()[index];
        let checked = narrowing_closes_only_what_it_contradicts(leaf, &specific, &broader, &others);
        prop_assert!(checked.is_ok(), "{}", checked.err().unwrap_or_default());
    }

    #[test]
    fn adding_a_document_never_loses_satisfied_or_confirm((index, profile, (document, partner, count)) in leaf_and_rich_profile()) {
        let catalog = common::catalog();
        let id = &catalog.leaves()[index].id;
        let before = catalog.evaluate(id, &profile).expect("leaf");
        let after = catalog.evaluate(id, &add(&profile, &document, partner, count)).expect("leaf");
        if before.documents_ready {
            prop_assert!(after.documents_ready, "{id}: adding {document} lost the ready verdict");
        }
        match before.status {
            Status::Satisfied => prop_assert_eq!(after.status, Status::Satisfied, "{}: adding {} turned satisfied into {:?}", id, document, after.status),
            Status::Confirm => prop_assert!(matches!(after.status, Status::Satisfied | Status::Confirm), "{id}: adding {document} turned confirm into {:?}", after.status),
            _ => {}
        }
    }

    #[test]
    fn answering_a_question_never_adds_something_to_confirm((index, profile, pick, holds) in leaf_and_rich_profile().prop_flat_map(|(i, p, _)| (Just(i), Just(p), 0usize..64, prop::bool::ANY))) {
        let catalog = common::catalog();
        let leaf = &catalog.leaves()[index];
        let asked: Vec<String> = questions(leaf, &profile).into_iter().collect();
        if asked.is_empty() {
            return Ok(());
        }
        let question = asked[pick % asked.len()].clone();
        let mut answered = profile.clone();
        answered.answers.retain(|a| a.question != question);
        answered.answers.push(Answer { category: Some(leaf.id.clone()), question: question.clone(), holds });
        let now = questions(leaf, &answered);
        let added: Vec<&String> = now.iter().filter(|q| !asked.contains(q)).collect();
        prop_assert!(added.is_empty(), "{}: answering {question} = {holds} added {added:?}", leaf.id);
        // A situation answered yes whose requirements leimu cannot check stays, marked as applying.
        if !question.starts_with("situation:") {
            prop_assert!(!now.contains(&question), "{}: {question} is asked again after the answer", leaf.id);
        }
        let before = catalog.evaluate(&leaf.id, &profile).expect("leaf");
        let after = catalog.evaluate(&leaf.id, &answered).expect("leaf");
        if before.status == Status::Satisfied {
            prop_assert_eq!(after.status, Status::Satisfied, "{}: an answer unsettled a satisfied verdict", leaf.id);
        }
    }

    #[test]
    fn confirm_and_satisfied_agree_with_what_is_left_to_confirm((index, profile, _) in leaf_and_rich_profile()) {
        let catalog = common::catalog();
        let leaf = &catalog.leaves()[index];
        let verdict = catalog.evaluate(&leaf.id, &profile).expect("leaf");
        status_agrees_with_confirmations(&format!("check {}", leaf.id), verdict.status, verdict.to_confirm.len())?;
        if let Some(way) = &verdict.satisfied_by {
            prop_assert_eq!(&verdict.to_confirm, &way.to_confirm, "{}: the verdict's to_confirm is its way's", leaf.id);
        }
        let plan = catalog.plan(std::slice::from_ref(&leaf.id), &profile);
        for planned in &plan.categories {
            let to_confirm = planned.chosen.as_ref().map_or(0, |c| c.to_confirm.len());
            status_agrees_with_confirmations(&format!("plan {}", leaf.id), planned.status, to_confirm)?;
        }
        // `unlock` runs over every leaf: the sweep below checks it.
    }
}

/// Property 4 for every refinement the registry has and every labelled
/// leaf, with nothing else said; proof that narrowing does close ways (each
/// time by a contradiction), so the property is not vacuous; and, for every
/// single kind, the engine's open ways are those the second reading leaves.
#[test]
fn every_refinement_closes_only_what_it_contradicts() {
    let catalog = common::catalog();
    let pairs = specific_broader_pairs();
    assert!(pairs.len() > 30, "only {} `is` pairs", pairs.len());
    let mut closed = 0;
    let mut problems = Vec::new();
    for (specific, broader) in pairs {
        for &index in labelled_leaves() {
            match narrowing_closes_only_what_it_contradicts(
                &catalog.leaves()[index],
                specific,
                broader,
                &[],
            ) {
                Ok(n) => closed += n,
                Err(problem) => problems.push(problem),
            }
        }
    }
    for kind in &catalog.data().applicant_kinds {
        for &index in labelled_leaves() {
            if let Err(problem) = ways_agree_with_the_registry(
                &catalog.leaves()[index],
                std::slice::from_ref(&kind.id),
            ) {
                problems.push(problem);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        closed > 20,
        "only {closed} ways closed by naming a more specific kind: the sweep checks little"
    );
}

/// Property 7 over every leaf and a few fixed profiles, not only samples, and
/// over `unlock`, which the sampled property leaves out.
#[test]
fn no_leaf_reports_confirm_or_satisfied_against_its_confirmations() {
    let catalog = common::catalog();
    for (kinds, scope) in [
        (vec![], ""),
        (vec!["企业主体".to_owned()], SCOPES[1]),
        (vec!["银行主体".to_owned()], SCOPES[2]),
        (vec!["政府主体".to_owned()], ""),
        (vec!["公立医疗机构主体".to_owned()], SCOPES[3]),
        (vec!["非银行主体".to_owned(), "自营".to_owned()], ""),
    ] {
        let mut profile = common::request_profile(
            &ProfileRequest {
                kinds,
                scope: scope.to_owned(),
                ..ProfileRequest::default()
            },
            &[],
        );
        // Hold one of every document, and two partners' of each, so that
        // unlock has something to say about every category.
        for document in catalog.documents() {
            profile.applicant.insert(document.id.clone(), 1);
            profile.partners.insert(document.id.clone(), 2);
        }
        for entry in catalog.unlock(&profile) {
            match entry.status {
                Status::Confirm => assert!(!entry.to_confirm.is_empty(), "{entry:?}"),
                Status::Satisfied => assert!(entry.to_confirm.is_empty(), "{entry:?}"),
                _ => {}
            }
        }
        for leaf in catalog.leaves() {
            let verdict = catalog.evaluate(&leaf.id, &profile).expect("leaf");
            match verdict.status {
                Status::Confirm => assert!(!verdict.to_confirm.is_empty(), "{}", leaf.id),
                Status::Satisfied => assert!(verdict.to_confirm.is_empty(), "{}", leaf.id),
                _ => {}
            }
        }
    }
}
