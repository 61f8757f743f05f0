//! Share links: the site's location fragment (`#/plan?c=…&a=…`) read as a
//! route, and the plan page's query read as a plan and a profile.
//!
//! - Any text: the route it reads as reads back from its own fragment; the
//!   query keeps only ids the catalogue knows, reports every part it does not
//!   keep, and what it kept shares and reads back unchanged.
//! - A plan and profile built from the fuzzer's bytes: its share link reads
//!   back exactly, with nothing dropped.

use arbitrary::Unstructured;
use leimu_site::json::Json;
use leimu_site::state::{Route, decode_component, from_share_query, share_query};

use crate::{arbitrary_leaves, arbitrary_profile, assert_known, catalog};

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let text = String::from_utf8_lossy(data);

    let route = Route::from_hash(&text);
    assert_eq!(
        Route::from_hash(&route.to_hash()),
        route,
        "the route of {text:?} reads back from its fragment {:?}",
        route.to_hash()
    );

    let query = match &route {
        Route::Plan { share: Some(query) } => query.as_str(),
        _ => &text,
    };
    let loaded = from_share_query(query, catalog);
    let (plan, profile) = &loaded.value;
    for (i, id) in plan.iter().enumerate() {
        assert!(catalog.leaf(id).is_some(), "kept unknown category `{id}`");
        assert!(!plan[..i].contains(id), "category `{id}` kept twice");
    }
    assert_known(profile, catalog, "share link");
    assert_every_part_kept_or_dropped(query, &loaded.value, &loaded.dropped);

    let again = from_share_query(&share_query(plan, profile), catalog);
    assert!(again.dropped.is_empty(), "{:?}", again.dropped);
    assert_eq!(
        again.value, loaded.value,
        "what a link kept shares unchanged"
    );

    let mut u = Unstructured::new(data);
    let plan = arbitrary_leaves(&mut u, catalog, 8);
    let profile = arbitrary_profile(&mut u, catalog);
    let query = share_query(&plan, &profile);
    let back = from_share_query(&query, catalog);
    assert!(back.dropped.is_empty(), "{query}: {:?}", back.dropped);
    assert_eq!(back.value, (plan, profile), "{query}");
    if !query.is_empty() {
        let route = Route::Plan { share: Some(query) };
        assert_eq!(Route::from_hash(&route.to_hash()), route);
    }
}

/// Every non-empty part of the query is either in what was kept or named in `dropped`.
fn assert_every_part_kept_or_dropped(
    query: &str,
    (plan, profile): &(Vec<String>, leimu_engine::Profile),
    dropped: &[String],
) {
    let reported = |item: &str| dropped.iter().any(|d| d == item);
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            assert!(
                reported(&decode_component(part)),
                "`{part}` neither kept nor reported"
            );
            continue;
        };
        let value = decode_component(value);
        for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let kept = match key {
                "c" => plan.iter().any(|id| id == item),
                "a" | "p" => {
                    let side = if key == "a" {
                        &profile.applicant
                    } else {
                        &profile.partners
                    };
                    let id = item.split_once('*').map_or(item, |(id, _)| id);
                    side.contains_key(id)
                }
                "k" => profile.kinds.iter().any(|kind| kind == item),
                "n" => profile.not_kinds.iter().any(|kind| kind == item),
                "v" => profile.approved.iter().any(|id| id == item),
                // The scope is kept whole (up to its length limit), answers as JSON.
                "s" => true,
                // The catalogue version a link was made with is information,
                // not data: read (for the older-link note), never stored.
                "cv" => true,
                // Answers as JSON: an empty list or map of them carries nothing to lose.
                "q" => {
                    !profile.answers.is_empty()
                        || reported("q")
                        || reported(item)
                        || matches!(
                            leimu_site::json::parse(&value),
                            Some(Json::Array(ref a)) if a.is_empty()
                        )
                        || matches!(
                            leimu_site::json::parse(&value),
                            Some(Json::Object(ref o)) if o.is_empty()
                        )
                }
                _ => false,
            };
            let key_reported = !matches!(key, "c" | "a" | "p" | "k" | "n" | "v" | "s" | "q" | "cv")
                && reported(key);
            assert!(
                kept || reported(item) || key_reported,
                "`{item}` of `{part}` neither kept nor reported: {dropped:?}"
            );
        }
        if !matches!(key, "c" | "a" | "p" | "k" | "n" | "v" | "s" | "q" | "cv") {
            assert!(reported(key), "unknown key `{key}` not reported");
        }
    }
}
