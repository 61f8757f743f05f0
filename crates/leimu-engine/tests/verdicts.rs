//! Data-driven verdict cases: `tests/cases/*.toml` at the repository root.
//!
//! Each case names a category, a profile and the expected verdict, and cites
//! the source sentence it tests; the citation must be a verbatim part of the
//! category's requirement (or scope/notes) text, so a case cannot drift from
//! the source it claims to test.
//!
//! A case marked `disputed` records a reading of the source that the engine
//! or the data does not give today (reported to the lead, who decides). It
//! must still fail, and says so in the test output; when it starts to pass
//! the mark must go, so a settled dispute never lingers as a silent case.

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
    /// Texts that must not appear among the things to confirm (of the
    /// reported way, nor of any completion).
    #[serde(default)]
    not_confirm: Vec<String>,
    /// How many alternatives the applicant's statements must rule out.
    #[serde(default)]
    excluded_by_kind: Option<usize>,
    /// The documents the satisfying way relies on, any order (status
    /// `satisfied` or `confirm`); `[]` for a way met by being a kind.
    #[serde(default)]
    relies_on: Option<Vec<String>>,
    /// Documents of the first completion that must be there because of a
    /// prerequisite category (`needed_for` a prerequisite).
    #[serde(default)]
    for_prerequisite: Vec<String>,
    /// Documents of the first completion that must be there because of a
    /// situation the user said is theirs.
    #[serde(default)]
    for_situation: Vec<String>,
    /// The applicant labels of the first (shortest) completion, any order:
    /// whom the way shown first is for.
    #[serde(default)]
    first_completion_for: Option<Vec<String>>,
    /// Leaf ids of the prerequisite categories the verdict must list.
    #[serde(default)]
    prerequisites: Option<Vec<String>>,
    /// Why the engine's answer is believed wrong against the source; the case
    /// then must fail (see the module comment).
    #[serde(default)]
    disputed: Option<String>,
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
    for text in &case.not_confirm {
        let everywhere = verdict.to_confirm.iter().chain(
            verdict
                .completions
                .iter()
                .chain(verdict.satisfied_by.iter())
                .flat_map(|c| &c.to_confirm),
        );
        if let Some(found) = everywhere
            .into_iter()
            .find(|c| format!("{c:?}").contains(text.as_str()))
        {
            problems.push(format!(
                "{}: `{text}` must not be asked, but is: {found:?}",
                case.name
            ));
        }
    }
    if let Some(expected) = case.excluded_by_kind
        && verdict.excluded_by_kind != expected
    {
        problems.push(format!(
            "{}: {} alternatives ruled out, expected {expected} ({:?})",
            case.name, verdict.excluded_by_kind, verdict.excluded
        ));
    }
    if let Some(expected) = &case.relies_on {
        let mut ids: Vec<String> = expected.iter().map(|n| document_in(leaf, n)).collect();
        ids.sort();
        let mut got: Vec<String> = verdict
            .satisfied_by
            .iter()
            .flat_map(|c| c.relies_on.iter().map(|d| d.document.clone()))
            .collect();
        got.sort();
        if verdict.satisfied_by.is_none() || got != ids {
            problems.push(format!(
                "{}: the satisfying way relies on {got:?}, expected {ids:?}",
                case.name
            ));
        }
    }
    for (names, prerequisite) in [(&case.for_prerequisite, true), (&case.for_situation, false)] {
        for name in names {
            let id = document_in(leaf, name);
            let found = verdict.completions.first().is_some_and(|c| {
                c.missing.iter().any(|m| {
                    m.document == id
                        && match &m.needed_for {
                            Some(leimu_engine::NeededFor::Prerequisite { .. }) => prerequisite,
                            Some(leimu_engine::NeededFor::Situation { .. }) => !prerequisite,
                            None => false,
                        }
                })
            });
            if !found {
                problems.push(format!(
                    "{}: `{name}` is not in the first completion as needed for a {}: {:?}",
                    case.name,
                    if prerequisite {
                        "prerequisite"
                    } else {
                        "situation"
                    },
                    verdict.completions.first().map(|c| &c.missing)
                ));
            }
        }
    }
    if let Some(expected) = &case.first_completion_for {
        let mut got: Vec<&str> = verdict
            .completions
            .first()
            .map(|c| c.applicants.iter().map(|a| a.label.as_str()).collect())
            .unwrap_or_default();
        got.sort();
        let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
        want.sort();
        if got != want {
            problems.push(format!(
                "{}: the first completion is for {got:?}, expected {want:?}",
                case.name
            ));
        }
    }
    if let Some(expected) = &case.prerequisites {
        let got: Vec<&str> = verdict
            .prerequisites
            .iter()
            .map(|p| p.category.as_str())
            .collect();
        if got != expected.iter().map(String::as_str).collect::<Vec<_>>() {
            problems.push(format!(
                "{}: prerequisites {got:?}, expected {expected:?}",
                case.name
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
    let mut disputed = Vec::new();
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
            let mut found = Vec::new();
            check(case, &mut found);
            match &case.disputed {
                None => problems.extend(found),
                Some(why) if why.trim().is_empty() => problems.push(format!(
                    "{}: `disputed` must say why, citing the source",
                    case.name
                )),
                Some(_) if found.is_empty() => problems.push(format!(
                    "{}: the disputed case now passes: the dispute is settled, remove `disputed`",
                    case.name
                )),
                Some(why) => disputed.push(format!(
                    "{}: {why}\n    today: {}",
                    case.name,
                    found.join("; ").chars().take(400).collect::<String>()
                )),
            }
        }
    }
    if !disputed.is_empty() {
        eprintln!(
            "{} disputed case(s), reported for a decision:\n{}",
            disputed.len(),
            disputed.join("\n")
        );
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
