//! Search quality: `tests/search-queries.toml` lists queries people type —
//! names, descriptions of their service in their own words, pinyin, initials,
//! mixed — each with the category that must rank in the top 3.

mod common;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    query: String,
    /// Leaf id expected among the first three results.
    expect: String,
    /// What kind of query this is and why the expected category is right.
    why: String,
}

#[test]
fn expected_category_ranks_in_the_top_three() {
    let text = include_str!("../../../tests/search-queries.toml");
    let queries: Queries = toml::from_str(text).expect("tests/search-queries.toml parses");
    let catalog = common::catalog();
    let mut failures = Vec::new();
    for q in &queries.query {
        assert!(
            catalog.leaf(&q.expect).is_some(),
            "`{}` expects unknown leaf `{}`",
            q.query,
            q.expect
        );
        assert!(!q.why.trim().is_empty());
        let hits = catalog.search(&q.query, 3);
        if !hits.iter().any(|h| h.category == q.expect) {
            let got: Vec<&str> = hits.iter().map(|h| h.category.as_str()).collect();
            failures.push(format!(
                "`{}`: expected `{}` in the top 3, got {got:?}",
                q.query, q.expect
            ));
        }
    }
    assert!(
        queries.query.len() >= 40,
        "the quality set needs at least 40 queries"
    );
    assert!(
        failures.is_empty(),
        "{} of {} queries failed:\n{}",
        failures.len(),
        queries.query.len(),
        failures.join("\n")
    );
}
