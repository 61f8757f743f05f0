//! Search queries, as people type them (any text, any length) and with any limit.
//!
//! - At most `limit` results, each a category the catalogue has, none twice,
//!   scores finite, best first (good evidence, then terms matched, then
//!   score), the outcome weak exactly when the first result is not strong,
//!   every strong result saying why, every result showing what matched
//!   (a range or a reason: `terms_matched` counts only whole words, so a
//!   weak result found by lone characters has none), every match
//!   a non-empty range inside its field; the same answer when asked again.

use leimu_engine::Field;

use crate::catalog;

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let (limit, query) = data.split_first().unwrap_or((&20, &[]));
    let limit = usize::from(*limit % 64);
    let query = String::from_utf8_lossy(query);
    let outcome = catalog.search_outcome(&query, limit);
    let hits = outcome.hits.clone();
    if let Some(first) = hits.first() {
        assert_eq!(
            outcome.weak, !first.strong,
            "{query:?}: weak exactly when the best result is not strong"
        );
    }
    assert!(outcome.browse.len() <= 3 && (outcome.weak || outcome.browse.is_empty()));
    assert!(hits.len() <= limit, "{} hits for limit {limit}", hits.len());
    for (i, hit) in hits.iter().enumerate() {
        let Some(leaf) = catalog.leaf(&hit.category) else {
            panic!("{query:?}: unknown category `{}`", hit.category)
        };
        assert!(
            !hits[..i].iter().any(|h| h.category == hit.category),
            "{query:?}: `{}` twice",
            hit.category
        );
        assert!(hit.score.is_finite(), "{query:?}: score {}", hit.score);
        assert!(
            !hit.strong || !hit.because.is_empty(),
            "{query:?}: `{}` strong with no reason",
            hit.category
        );
        // Best first: good evidence, then more of the query's terms matched, then the higher score.
        if let Some(previous) = i.checked_sub(1).and_then(|p| hits.get(p)) {
            let order = (previous.strong, previous.terms_matched, previous.score)
                >= (hit.strong, hit.terms_matched, hit.score);
            assert!(order, "{query:?}: not best first");
        }
        assert!(
            hit.terms_matched >= 1 || !hit.matches.is_empty() || !hit.because.is_empty(),
            "{query:?}: `{}` with no evidence",
            hit.category
        );
        for range in &hit.matches {
            assert!(range.start < range.end, "{query:?}: empty range {range:?}");
            let text = match range.field {
                Field::Name => leaf.path.last().map(String::as_str),
                Field::Path(i) => leaf.path.get(i).map(String::as_str),
                Field::Scope => Some(leaf.scope.as_str()),
                Field::Notes => Some(leaf.notes.as_str()),
                // A document's range is in whichever of its spellings matched.
                Field::Document(_) => None,
            };
            if let Some(text) = text {
                assert!(
                    range.end <= text.chars().count(),
                    "{query:?}: {range:?} past the end of {text:?}"
                );
            }
        }
    }
    let again = catalog.search(&query, limit);
    assert_eq!(again, hits, "{query:?}: the same query, the same answer");
}
