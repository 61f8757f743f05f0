//! Double entry of the rules, kept exact: every row where the hand-entered
//! rule and the parser's derivation disagree is listed in
//! `catalog/double-entry.toml` with the reason, and nothing else is.
//!
//! A new disagreement means a rule or a requirement changed: read the source,
//! then fix the rule, improve the parser, or list the row. A listed row that
//! now agrees is a stale entry and must go, so the list never hides anything.

use std::fs;

use leimu_catalog::derive::derive_rule;
use leimu_catalog::double_entry::{
    ResolutionsFile, check_resolutions, double_entry_report, rows_compared,
};
use leimu_catalog::rule::RuleKind;
use leimu_catalog::{default_catalog_dir, read_catalog};

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
