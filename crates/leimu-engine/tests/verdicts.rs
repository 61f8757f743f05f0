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
    #[serde(default)]
    kind: Vec<String>,
    /// `satisfied`, `missing` or `by_email`.
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
    let profile = common::profile(&case.have, &case.partner, &case.kind);
    let verdict = common::catalog()
        .evaluate(&leaf.id, &profile)
        .expect("leaf exists");
    let status = match verdict.status {
        Status::Satisfied => "satisfied",
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
        let mut ids: Vec<String> = expected.iter().map(|n| common::holding(n).0).collect();
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
        let id = common::holding(name).0;
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
