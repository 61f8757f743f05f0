//! Realistic search queries (issue 11): `tests/search-realistic.toml` holds
//! queries written from the source before any result was looked at, by kind
//! (business descriptions, licence names, pinyin, English or mixed, cases a
//! note decides, feature words). Top-3 accuracy per kind must not fall below
//! the floors here: raise a floor when the search gets better (a ratchet).

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
    kind: String,
    query: String,
    /// Leaf id expected among the first three results, or `none`.
    expect: String,
    /// The source line that decides it (0 for `none`).
    line: usize,
}

/// Per kind: the least share of queries (in per cent) whose expected leaf
/// ranks in the top 3 of a result that does not say nothing fits well (for
/// `expect = "none"`: that says so).
const FLOORS: [(&str, u32); 6] = [
    ("business", 98),
    ("licence", 100),
    ("pinyin", 93),
    ("english", 100),
    ("note", 95),
    ("feature", 100),
];

#[test]
fn realistic_queries_find_their_category() {
    let text = include_str!("../../../tests/search-realistic.toml");
    let source_lines = include_str!("../../../catalog/source.txt").lines().count();
    let queries: Queries = toml::from_str(text).expect("tests/search-realistic.toml parses");
    let catalog = common::catalog();
    assert!(
        queries.query.len() >= 300,
        "the realistic set needs at least 300 queries"
    );
    let mut firsts = std::collections::BTreeSet::new();
    let mut report = String::new();
    let mut failures = Vec::new();
    for (kind, floor) in FLOORS {
        let of_kind: Vec<&Query> = queries.query.iter().filter(|q| q.kind == kind).collect();
        assert!(!of_kind.is_empty(), "no queries of kind `{kind}`");
        let mut passed = 0;
        for q in &of_kind {
            if q.expect == "none" {
                assert_eq!(q.line, 0);
                let result = catalog.search_outcome(&q.query, 3);
                if result.weak {
                    passed += 1;
                } else {
                    report.push_str(&format!(
                        "  miss [{kind}] `{}`: expected no good match\n",
                        q.query
                    ));
                }
                continue;
            }
            let leaf = catalog
                .leaf(&q.expect)
                .unwrap_or_else(|| panic!("`{}` expects unknown leaf `{}`", q.query, q.expect));
            firsts.insert(leaf.first_level);
            assert!(
                q.line >= 1 && q.line <= source_lines,
                "`{}`: line {} is not in the source",
                q.query,
                q.line
            );
            let outcome = catalog.search_outcome(&q.query, 3);
            let hits = &outcome.hits;
            if !outcome.weak && hits.iter().any(|h| h.category == q.expect) {
                passed += 1;
            } else {
                let got: Vec<&str> = hits.iter().map(|h| h.category.as_str()).collect();
                report.push_str(&format!(
                    "  miss [{kind}] `{}`: expected `{}`, got {got:?}{}\n",
                    q.query,
                    q.expect,
                    if outcome.weak { " (weak)" } else { "" }
                ));
            }
        }
        let share = passed * 100 / of_kind.len() as u32;
        report.push_str(&format!(
            "{kind}: {passed}/{} ({share}%), floor {floor}%\n",
            of_kind.len()
        ));
        if share < floor {
            failures.push(format!("{kind}: {share}% < {floor}%"));
        }
    }
    println!("{report}");
    assert_eq!(
        firsts.len(),
        24,
        "the set must cover all 24 first-level categories"
    );
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}
