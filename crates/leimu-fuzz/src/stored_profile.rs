//! What the site reads back from localStorage: the stored profile and the
//! stored plan (and what a widget host sends as `set-profile`, read by the
//! same `Holdings`).
//!
//! - Any text: an unreadable profile is reported as unreadable and yields the
//!   empty profile (the site then backs the text up); a readable one keeps
//!   only ids the catalogue knows, names every id it did not keep, and what
//!   it kept is stored and read back unchanged. The same for the plan.
//! - A profile built from the fuzzer's bytes: stored and read back exactly.

use arbitrary::Unstructured;
use leimu_engine::Profile;
use leimu_site::json::{self, Json};
use leimu_site::state::{plan_from_json, profile_from_json, profile_to_json};

use crate::{arbitrary_leaves, arbitrary_profile, assert_known, catalog};

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let text = String::from_utf8_lossy(data);

    let loaded = profile_from_json(&text, catalog);
    if loaded.unreadable {
        assert_eq!(loaded.value, Profile::default());
        assert!(loaded.dropped.is_empty());
    } else {
        assert_known(&loaded.value, catalog, "stored profile");
        let parsed = json::parse(&text);
        let written = parsed.as_ref().map(profile_ids).unwrap_or_default();
        for id in written {
            let kept = loaded.value.applicant.contains_key(&id)
                || loaded.value.partners.contains_key(&id)
                || loaded.value.kinds.contains(&id);
            assert!(
                kept || loaded.dropped.contains(&id),
                "`{id}` neither kept nor reported"
            );
        }
    }
    let again = profile_from_json(&profile_to_json(&loaded.value), catalog);
    assert!(!again.unreadable && again.dropped.is_empty());
    assert_eq!(
        again.value, loaded.value,
        "a loaded profile stores unchanged"
    );

    let plan = plan_from_json(&text, catalog);
    if plan.unreadable {
        assert!(plan.value.is_empty() && plan.dropped.is_empty());
    } else {
        for (i, id) in plan.value.iter().enumerate() {
            assert!(catalog.leaf(id).is_some(), "kept unknown category `{id}`");
            assert!(!plan.value[..i].contains(id), "`{id}` kept twice");
        }
        let written = json::parse(&text)
            .and_then(|json| json.as_strings())
            .unwrap_or_default();
        for id in written {
            assert!(
                plan.value.contains(&id) || plan.dropped.contains(&id),
                "plan entry `{id}` neither kept nor reported"
            );
        }
    }
    let stored_plan = serde_json::to_string(&plan.value).unwrap_or_default();
    assert_eq!(plan_from_json(&stored_plan, catalog).value, plan.value);

    let mut u = Unstructured::new(data);
    let profile = arbitrary_profile(&mut u, catalog);
    let back = profile_from_json(&profile_to_json(&profile), catalog);
    assert!(!back.unreadable && back.dropped.is_empty());
    assert_eq!(back.value, profile);
    let plan = arbitrary_leaves(&mut u, catalog, 8);
    let back = plan_from_json(&serde_json::to_string(&plan).unwrap_or_default(), catalog);
    assert!(!back.unreadable && back.dropped.is_empty());
    assert_eq!(back.value, plan);
}

/// Every id a stored profile names: the keys of `applicant` and `partners`, the items of `kinds`.
fn profile_ids(json: &Json) -> Vec<String> {
    let mut ids = Vec::new();
    for side in ["applicant", "partners"] {
        if let Some(Json::Object(members)) = json.get(side) {
            ids.extend(members.iter().map(|(id, _)| id.clone()));
        }
    }
    if let Some(kinds) = json.get("kinds").and_then(Json::as_strings) {
        ids.extend(kinds);
    }
    ids
}
