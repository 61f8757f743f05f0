//! Data-driven verdict cases: `tests/cases/*.toml` at the repository root.
//!
//! Each case names a category, a profile and the expected verdict, and cites
//! the source sentence it tests; the citation must be a verbatim part of the
//! category's requirement (or scope/notes) text, so a case cannot drift from
//! the source it claims to test.

mod common;

use std::fs;
use std::path::Path;

use leimu_engine::Status;
use leimu_engine::report::{Holding, ProfileRequest};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    category: String,
    /// The source sentence this case tests, verbatim.
    source: String,
    #[serde(default)]
    have: Vec<String>,
    #[serde(default)]
    partner: Vec<String>,
    /// What the applicant says it is (kinds, or labels of the source such as 非银行主体).
    #[serde(default)]
    kind: Vec<String>,
    /// Categories already approved.
    #[serde(default)]
    approved: Vec<String>,
    /// The business scope from the business licence.
    #[serde(default)]
    scope: String,
    /// Questions answered yes / no (condition, label or situation text).
    #[serde(default)]
    yes: Vec<String>,
    #[serde(default)]
    no: Vec<String>,
    /// `satisfied`, `confirm`, `missing` or `by_email`.
    expect: String,
    /// For `by_email`: whether the documents are complete.
    #[serde(default)]
    ready: Option<bool>,
    /// Number of documents in the shortest completion.
    #[serde(default)]
    shortest: Option<usize>,
    /// The documents of the first (shortest) completion, any order.
    #[serde(default)]
    first_completion: Option<Vec<String>>,
    /// Documents each of which appears in some completion.
    #[serde(default)]
    in_some_completion: Vec<String>,
    /// Texts that must appear among the things to confirm.
    #[serde(default)]
    confirm: Vec<String>,
    /// Labels the applicant's statements must hide.
    #[serde(default)]
    hidden: Vec<String>,
    /// Texts that must appear among the conditions known to fail (first completion).
    #[serde(default)]
    unmet: Vec<String>,
}

fn check(case: &Case, problems: &mut Vec<String>) {
    let leaf = common::leaf(&case.category);
    let cited = [&leaf.requirement_text, &leaf.scope, &leaf.notes]
        .iter()
        .any(|t| t.contains(case.source.as_str()));
    if !cited {
        problems.push(format!(
            "{}: `source` is not a verbatim part of {}'s text",
            case.name, leaf.id
        ));
    }
    let holdings = |names: &[String]| -> Vec<Holding> {
        names
            .iter()
            .map(|n| Holding::parse(n).expect("holding"))
            .collect()
    };
    let resolved = leimu_engine::report::resolve_profile_for(
        common::catalog(),
        &ProfileRequest {
            have: holdings(&case.have),
            partner: holdings(&case.partner),
            kinds: case.kind.clone(),
            approved: case.approved.clone(),
            scope: case.scope.clone(),
            confirm: case.yes.clone(),
            deny: case.no.clone(),
            answers: Vec::new(),
        },
        &[leaf],
    );
    let profile = match resolved {
        Ok(profile) => profile,
        Err(problem) => {
            problems.push(format!(
                "{}: the profile does not resolve: {problem:?}",
                case.name
            ));
            return;
        }
    };
    let verdict = common::catalog()
        .evaluate(&leaf.id, &profile)
        .expect("leaf exists");
    let status = match verdict.status {
        Status::Satisfied => "satisfied",
        Status::Confirm => "confirm",
        Status::Missing => "missing",
        Status::ByEmail => "by_email",
    };
    if status != case.expect {
        problems.push(format!(
            "{}: expected {}, got {status} ({verdict:#?})",
            case.name, case.expect
        ));
        return;
    }
    if let Some(ready) = case.ready
        && verdict.documents_ready != ready
    {
        problems.push(format!("{}: expected documents_ready = {ready}", case.name));
    }
    let completion_ids = |i: usize| -> Vec<String> {
        let mut ids: Vec<String> = verdict
            .completions
            .get(i)
            .map(|c| c.missing.iter().map(|m| m.document.clone()).collect())
            .unwrap_or_default();
        ids.sort();
        ids
    };
    if let Some(n) = case.shortest {
        let got = verdict.completions.first().map(|c| c.missing.len());
        if got != Some(n) {
            problems.push(format!(
                "{}: shortest completion has {got:?} documents, expected {n}",
                case.name
            ));
        }
    }
    if let Some(expected) = &case.first_completion {
        let mut ids: Vec<String> = expected.iter().map(|n| document_in(leaf, n)).collect();
        ids.sort();
        if completion_ids(0) != ids {
            problems.push(format!(
                "{}: first completion is {:?}, expected {ids:?}",
                case.name,
                completion_ids(0)
            ));
        }
    }
    for name in &case.in_some_completion {
        let id = document_in(leaf, name);
        if !verdict
            .completions
            .iter()
            .any(|c| c.missing.iter().any(|m| m.document == id))
        {
            problems.push(format!("{}: no completion contains `{name}`", case.name));
        }
    }
    for text in &case.confirm {
        let found = verdict
            .to_confirm
            .iter()
            .any(|c| format!("{c:?}").contains(text.as_str()));
        if !found {
            problems.push(format!(
                "{}: nothing to confirm mentions `{text}`: {:?}",
                case.name, verdict.to_confirm
            ));
        }
    }

    for label in &case.hidden {
        if !verdict.excluded.iter().any(|h| h.label == *label) {
            problems.push(format!(
                "{}: `{label}` is not among the hidden labels {:?}",
                case.name, verdict.excluded
            ));
        }
    }
    for text in &case.unmet {
        let found = verdict
            .completions
            .first()
            .is_some_and(|c| c.unmet.iter().any(|u| u.text.contains(text.as_str())));
        if !found {
            problems.push(format!(
                "{}: no condition known to fail mentions `{text}`: {:?}",
                case.name,
                verdict.completions.first().map(|c| &c.unmet)
            ));
        }
    }
}

/// A document as named in a case, resolved for its category.
fn document_in(leaf: &leimu_engine::model::Leaf, name: &str) -> String {
    match common::catalog().find_document_in(name, &documents_of(leaf)) {
        leimu_engine::Lookup::Found(d) => d.id.clone(),
        other => panic!(
            "`{name}` does not name one document of {}: {other:?}",
            leaf.id
        ),
    }
}

fn documents_of(leaf: &leimu_engine::model::Leaf) -> Vec<&str> {
    fn walk<'a>(node: &'a leimu_engine::model::Node, out: &mut Vec<&'a str>) {
        match &node.kind {
            leimu_engine::model::NodeKind::Document(d) => out.push(&d.document),
            leimu_engine::model::NodeKind::AllOf { children }
            | leimu_engine::model::NodeKind::AnyOf { children, .. } => {
                children.iter().for_each(|c| walk(c, out))
            }
        }
    }
    let mut out = Vec::new();
    for node in leaf
        .rule
        .iter()
        .chain(leaf.situations.iter().filter_map(|s| s.rule.as_ref()))
        .chain(
            leaf.prerequisites
                .iter()
                .filter_map(|p| common::catalog().leaf(&p.category))
                .filter_map(|l| l.rule.as_ref()),
        )
    {
        walk(node, &mut out);
    }
    out
}

#[test]
fn verdict_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut first_levels = std::collections::HashSet::new();
    let mut count = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let text = fs::read_to_string(path).expect("readable");
        let file: CaseFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            count += 1;
            if !names.insert(case.name.clone()) {
                problems.push(format!(
                    "{}: case name `{}` is used twice",
                    path.display(),
                    case.name
                ));
            }
            first_levels.insert(common::leaf(&case.category).first_level);
            check(case, &mut problems);
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {count} cases failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        count >= 60,
        "only {count} verdict cases; the suite needs at least 60"
    );
    assert_eq!(
        first_levels.len(),
        common::catalog().data().first_levels.len(),
        "some first-level category has no verdict case"
    );
}
