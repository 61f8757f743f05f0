//! What an agency's browser and files hold about its clients: the index of
//! client profiles (`leimu.clients.v1` in localStorage) and a profiles file
//! brought in with 导入 (an export of this site, or one stored profile).
//!
//! - Any text as the index: `None`, or an index whose ids are ones the site
//!   makes (so no storage key can be forged from it), each once, at most
//!   `MAX_CLIENTS`, names cleaned, the current client among them; stored and
//!   read back unchanged.
//! - Any text as a file: an error, or clients whose documents, kinds and plan
//!   are all ids the catalogue knows, every entry of the file either imported
//!   or reported by name; what was imported exports and imports unchanged.
//! - Clients built from the fuzzer's bytes: exported and imported exactly.

use std::collections::BTreeMap;

use arbitrary::Unstructured;
use leimu_site::clients::{self, Clients, MAX_CLIENTS, MAX_NAME_CHARS, Portable};
use leimu_site::json::{self, Json};

use crate::{arbitrary_leaves, arbitrary_profile, assert_known, catalog};

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let text = String::from_utf8_lossy(data);

    if let Some(index) = Clients::read(&text) {
        assert!(!index.clients.is_empty() && index.clients.len() <= MAX_CLIENTS);
        for (i, client) in index.clients.iter().enumerate() {
            let id = client.id.as_str();
            assert!(
                id == clients::DEFAULT_CLIENT
                    || (id.len() > 1
                        && id.len() <= 12
                        && id.starts_with('c')
                        && id[1..].bytes().all(|b| b.is_ascii_digit())),
                "kept an id the site would not make: {id:?}"
            );
            assert!(
                !index.clients[..i].iter().any(|c| c.id == client.id),
                "`{id}` kept twice"
            );
            assert_eq!(client.name, clients::clean_name(&client.name));
            assert!(client.name.chars().count() <= MAX_NAME_CHARS);
            assert!(clients::profile_key(id).starts_with("leimu."));
        }
        assert!(
            index.contains(&index.current),
            "the current client is one of them"
        );
        assert_eq!(
            Clients::read(&index.to_json()),
            Some(index),
            "stores unchanged"
        );
    }

    if let Ok(loaded) = clients::import(&text, "客户资料.json", catalog) {
        assert!(loaded.value.len() <= MAX_CLIENTS);
        for client in &loaded.value {
            assert!(!client.name.is_empty(), "an imported client has a name");
            assert_known(&client.profile, catalog, "imported profile");
            for id in &client.plan {
                assert!(catalog.leaf(id).is_some(), "kept unknown category `{id}`");
            }
            for id in client.ways.keys() {
                assert!(
                    client.plan.contains(id),
                    "a way for `{id}`, not in the plan"
                );
            }
        }
        // Every named entry of an export is imported or reported by name.
        let parsed = json::parse(&text);
        let export = parsed
            .as_ref()
            .filter(|j| j.get("format").and_then(Json::as_str) == Some(clients::FILE_FORMAT));
        if let Some(Json::Array(entries)) = export.and_then(|j| j.get("profiles")) {
            for entry in entries {
                if let Some(name) = entry.get("name").and_then(Json::as_str) {
                    let name = clients::clean_name(name);
                    if !name.is_empty() {
                        assert!(
                            loaded.value.iter().any(|c| c.name == name)
                                || loaded.dropped.contains(&name),
                            "entry `{name}` neither imported nor reported"
                        );
                    }
                }
            }
        }
        // A file whose every entry was refused imports no one; the site shows
        // what was refused and exports nothing, so there is nothing to re-read.
        if !loaded.value.is_empty() {
            let again = clients::import(
                &clients::export_json("2026.1", &loaded.value),
                "x.json",
                catalog,
            )
            .expect("an export imports");
            assert!(again.dropped.is_empty(), "{:?}", again.dropped);
            assert_eq!(
                again.value, loaded.value,
                "imported clients export unchanged"
            );
        }
    }

    let mut u = Unstructured::new(data);
    let count = u.int_in_range(1..=4).unwrap_or(1);
    let mut made = Vec::new();
    for i in 0..count {
        let name: String = u.arbitrary().unwrap_or_default();
        let name = Some(clients::clean_name(&name))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("客户 {i}"));
        let plan = arbitrary_leaves(&mut u, catalog, 6);
        let mut ways = BTreeMap::new();
        for id in &plan {
            if u.arbitrary().unwrap_or(false) {
                ways.insert(id.clone(), u.int_in_range(1..=4).unwrap_or(1));
            }
        }
        made.push(Portable {
            name,
            plan,
            ways,
            profile: arbitrary_profile(&mut u, catalog),
        });
    }
    let back = clients::import(&clients::export_json("2026.1", &made), "x.json", catalog)
        .expect("an export imports");
    assert!(back.dropped.is_empty(), "{:?}", back.dropped);
    assert_eq!(back.value, made, "clients export and import exactly");
}
