//! Double entry of the rules, kept exact: every row where the hand-entered
//! rule and the parser's derivation disagree is listed in
//! `catalog/double-entry.toml` with the reason, and nothing else is.
//!
//! A new disagreement means a rule or a requirement changed: read the source,
//! then fix the rule, improve the parser, or list the row. A listed row that
//! now agrees is a stale entry and must go, so the list never hides anything.
//!
//! The same holds for the applicant labels (the parser reads each label's
//! text into a meaning and the comparison checks it against the hand-entered
//! `means`), the prerequisite sentences (found in the notes, compared both
//! ways with the rows' `prerequisites`) and the conditional sentences of the
//! notes and requirement cells (each must have gone somewhere; the list is
//! `catalog/generated/conditional-sentences.md`).

use std::fs;

use leimu_catalog::derive::derive_rule;
use leimu_catalog::double_entry::{
    Destination, ResolutionsFile, check_label_resolutions, check_resolutions,
    conditional_sentence_report, double_entry_report, label_report, prerequisite_report,
    rows_compared,
};
use leimu_catalog::rule::RuleKind;
use leimu_catalog::{compile, default_catalog_dir, read_catalog};
use leimu_engine::model::CatalogData;

fn compiled() -> CatalogData {
    let (catalog, diagnostics) = read_catalog(&default_catalog_dir());
    let (data, more) = compile(&catalog);
    assert!(
        diagnostics.is_empty() && more.is_empty(),
        "the catalogue has problems: run `cargo xtask validate`"
    );
    data.expect("the catalogue compiles")
}

fn resolutions() -> ResolutionsFile {
    let text = fs::read_to_string(default_catalog_dir().join("double-entry.toml"))
        .expect("catalog/double-entry.toml is readable");
    toml::from_str(&text).expect("catalog/double-entry.toml is valid")
}

#[test]
fn every_disagreement_is_resolved_and_no_resolution_is_stale() {
    let root = default_catalog_dir();
    let (catalog, _) = read_catalog(&root);
    let report = double_entry_report(&catalog);
    let text = fs::read_to_string(root.join("double-entry.toml"))
        .expect("catalog/double-entry.toml is readable");
    let resolutions: ResolutionsFile =
        toml::from_str(&text).expect("catalog/double-entry.toml is valid");
    let problems = check_resolutions(&report, &resolutions);
    assert!(
        problems.is_empty(),
        "double entry: {} rows compared, {} disagree, {} problem(s):\n\n{}",
        rows_compared(&catalog),
        report.len(),
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn the_comparison_covers_the_catalogue() {
    // Guards against a report that passes because it compared nothing.
    let (catalog, _) = read_catalog(&default_catalog_dir());
    let compared = rows_compared(&catalog);
    let disagreeing = double_entry_report(&catalog).len();
    assert!(
        compared > 200,
        "only {compared} rows with a rule were found"
    );
    assert!(
        disagreeing * 5 < compared,
        "{disagreeing} of {compared} rows disagree: the parser or the comparison is broken"
    );
}

#[test]
fn every_derived_text_is_a_slice_of_its_requirement() {
    let (catalog, _) = read_catalog(&default_catalog_dir());
    let mut problems = Vec::new();
    for row in catalog.categories.iter().flat_map(|f| &f.value.row) {
        let requirement = row.requirement.get_ref();
        let Ok(rule) = derive_rule(requirement) else {
            continue;
        };
        rule.walk(&mut |node| {
            let a = &node.attributes;
            let mention = match &node.kind {
                RuleKind::Doc { mention } => Some(mention.as_str()),
                _ => None,
            };
            let texts = a
                .conditions
                .iter()
                .map(String::as_str)
                .chain(a.applicant.as_deref())
                .chain(a.holder.as_deref())
                .chain(mention);
            for text in texts {
                if !requirement.contains(text) {
                    problems.push(format!(
                        "`{text}` is not in the requirement of {:?}",
                        row.leaves().first().map(|(_, id)| id.get_ref())
                    ));
                }
            }
        });
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_label_meaning_agrees_with_the_parser_or_is_listed() {
    let data = compiled();
    let report = label_report(&data);
    let problems = check_label_resolutions(&report, &resolutions());
    assert!(
        problems.is_empty(),
        "labels: {} compared, {} disagree, {} problem(s):\n\n{}",
        data.applicant_labels.len(),
        report.len(),
        problems.len(),
        problems.join("\n\n")
    );
    // Guards against a comparison that passes because it read nothing.
    assert!(data.applicant_labels.len() > 100);
    assert!(
        report.len() * 5 < data.applicant_labels.len(),
        "{} of {} labels disagree: the parser or the comparison is broken",
        report.len(),
        data.applicant_labels.len()
    );
}

#[test]
fn the_prerequisites_are_exactly_the_sentences_that_ask_for_one() {
    let data = compiled();
    let problems = prerequisite_report(&data);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let count: usize = data.leaves.iter().map(|l| l.prerequisites.len()).sum();
    assert_eq!(
        count, 2,
        "the source has two prerequisite sentences (lines 1951 and 1962)"
    );
}

#[test]
fn every_conditional_sentence_went_somewhere() {
    let data = compiled();
    let report = conditional_sentence_report(&data);
    let lost: Vec<String> = report
        .iter()
        .filter(|s| s.destination == Destination::Nowhere)
        .map(|s| format!("{:?} ({}): {}", s.leaves, s.cell, s.text))
        .collect();
    assert!(
        lost.is_empty(),
        "{} conditional sentence(s) reach no situation, prerequisite, condition, redirect, email or after-approval instruction; give each a destination (a `[[row.situation]]`, a `prerequisites` entry, a `cond`, a reference in cross-references.toml):\n{}",
        lost.len(),
        lost.join("\n")
    );
    assert!(
        report.len() > 120,
        "only {} conditional sentences found: the scanner is broken",
        report.len()
    );
    // Each kind of destination the source needs is used.
    for wanted in [
        "prerequisite",
        "situation",
        "condition",
        "email",
        "after approval",
        "redirect",
    ] {
        assert!(
            report.iter().any(|s| {
                let kind = match s.destination {
                    Destination::Prerequisite(_) => "prerequisite",
                    Destination::Situation { .. } => "situation",
                    Destination::Condition(_) => "condition",
                    Destination::EmailApplication => "email",
                    Destination::AfterApproval => "after approval",
                    Destination::Redirect(_) | Destination::RedirectUnnamed => "redirect",
                    Destination::Nowhere => "nowhere",
                };
                kind == wanted
            }),
            "no sentence goes to {wanted}"
        );
    }
}
