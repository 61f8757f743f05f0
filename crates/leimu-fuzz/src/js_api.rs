//! The JavaScript API's arguments, as the JSON text the package's entry
//! module makes of them (`crates/leimu-js/src/answers.rs`).
//!
//! - Any text as any function's arguments: an answer (which serialises to
//!   JSON, and is the same when asked again) or a failure whose message is
//!   not empty and names every unresolved name in its `problems`.
//! - A profile built from the fuzzer's bytes, written with the CLI's
//!   spellings (names, `DOC=N`) or as the site stores it: always an answer,
//!   and the same verdict both ways.

use arbitrary::Unstructured;
use leimu_engine::report::LookupProblem;
use leimu_js::answers::{self, Failure};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{arbitrary_leaves, arbitrary_profile, catalog};

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let (selector, rest) = data.split_first().unwrap_or((&0, &[]));
    let mut arguments = rest.split(|b| *b == 0).map(String::from_utf8_lossy);
    let mut next = || arguments.next().unwrap_or_default().into_owned();
    let (first, second) = (next(), next());
    match selector % 6 {
        0 => same_twice(|| answers::search(catalog, &first, &second)),
        1 => same_twice(|| answers::check(catalog, &first, &second)),
        2 => same_twice(|| answers::unlock(catalog, &first)),
        3 => same_twice(|| answers::plan(catalog, &first, &second)),
        4 => same_twice(|| answers::show(catalog, &first)),
        _ => same_twice(|| Ok(answers::list(catalog))),
    }

    let mut u = Unstructured::new(data);
    let profile = arbitrary_profile(&mut u, catalog);
    let categories = arbitrary_leaves(&mut u, catalog, 4);
    let name = |id: &str| {
        catalog
            .document(id)
            .map_or_else(|| id.to_owned(), |document| document.name.clone())
    };
    let holdings = |side: &std::collections::BTreeMap<String, u32>| -> Vec<String> {
        side.iter()
            .map(|(id, count)| format!("{}={count}", name(id)))
            .collect()
    };
    let kinds: Vec<String> = profile
        .kinds
        .iter()
        .cloned()
        .chain(profile.not_kinds.iter().map(|k| format!("!{k}")))
        .collect();
    let spelled = json!({
        "have": holdings(&profile.applicant),
        "partner": holdings(&profile.partners),
        "kinds": kinds,
        "approved": profile.approved,
        "scope": profile.scope,
        "answers": profile.answers,
    })
    .to_string();
    let stored = json!({
        "version": 2,
        "applicant": profile.applicant,
        "partners": profile.partners,
        "kinds": profile.kinds,
        "not_kinds": profile.not_kinds,
        "approved": profile.approved,
        "scope": profile.scope,
        "answers": profile.answers,
    })
    .to_string();
    // Both spellings of the profile give the same verdict (check, not unlock:
    // unlock evaluates every category and would cut the executions tenfold).
    let category = categories
        .first()
        .cloned()
        .unwrap_or_else(|| "medical.internet-hospital".to_owned());
    let category = Value::from(category).to_string();
    let verdict = |profile: &str| answers::check(catalog, &category, profile).map(|a| to_value(&a));
    let (by_name, by_id) = (verdict(&spelled), verdict(&stored));
    assert!(by_name.is_ok(), "check {category} {spelled}: {by_name:?}");
    assert_eq!(by_name, by_id, "{spelled} and {stored}");
    if categories.len() > 1 {
        let list = json!(categories).to_string();
        assert!(
            answers::plan(catalog, &list, &stored).is_ok(),
            "{list} {stored}"
        );
    }
}

/// The call's answer serialises and is the same the second time; a failure explains itself.
fn same_twice<T: Serialize + std::fmt::Debug>(call: impl Fn() -> Result<T, Failure>) {
    let first = call().map(|answer| to_value(&answer));
    let second = call().map(|answer| to_value(&answer));
    assert_eq!(first, second, "the same question, the same answer");
    if let Err(failure) = first {
        assert!(!failure.message.trim().is_empty(), "{failure:?}");
        for problem in &failure.problems {
            let query = match problem {
                LookupProblem::UnknownCategory { query, .. }
                | LookupProblem::AmbiguousCategory { query, .. }
                | LookupProblem::UnknownDocument { query, .. }
                | LookupProblem::AmbiguousDocument { query, .. }
                | LookupProblem::UnknownKind { query, .. }
                | LookupProblem::AmbiguousKind { query, .. }
                | LookupProblem::UnknownQuestion { query, .. }
                | LookupProblem::AmbiguousQuestion { query, .. }
                | LookupProblem::ConflictingAnswers { query } => query,
                LookupProblem::ContradictoryKinds { first, .. } => first,
            };
            assert!(
                failure.message.contains(&format!("`{query}`")),
                "the message names `{query}`: {}",
                failure.message
            );
        }
    }
}

fn to_value(answer: &impl Serialize) -> Value {
    match serde_json::to_value(answer) {
        Ok(value) => value,
        Err(error) => panic!("an answer that does not serialise: {error}"),
    }
}
