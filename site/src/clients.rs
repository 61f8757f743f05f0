//! Client profiles: an agency keeps one named profile (documents, kinds,
//! answers) and one plan per client, switches between them, and moves them
//! between browsers as a file. Plain data and plain functions, tested
//! natively; `app.rs` does the storage.
//!
//! Storage layout. The index [`CLIENTS_KEY`] names the clients and the
//! current one. The first client, `default`, keeps the keys the site used
//! before clients existed ([`state::PROFILE_KEY`], [`state::PLAN_KEY`]), so
//! a visitor's data needs no migration; every other client has its own two
//! keys, `leimu.client.<id>.profile` and `.plan`. Ids are made here, short
//! and ASCII, so a key can never be forged from a name.

use std::collections::BTreeMap;

use leimu_engine::{Catalog, Profile};
use serde::Serialize;

use crate::json::Json;
use crate::state::{self, Holdings, Loaded, StoredProfile};

pub const CLIENTS_KEY: &str = "leimu.clients.v1";
pub const DEFAULT_CLIENT: &str = "default";
/// The prefix of every other client's keys.
pub const CLIENT_KEY_PREFIX: &str = "leimu.client.";
/// Longest client name kept (a company's full name is rarely over 60).
pub const MAX_NAME_CHARS: usize = 80;
/// More clients than any agency keeps in one browser; the rest of a file is refused by name.
pub const MAX_CLIENTS: usize = 200;
/// What an export file says it is.
pub const FILE_FORMAT: &str = "leimu-profiles";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    pub id: String,
    /// As the user typed it; empty for the first client until it is named.
    pub name: String,
}

/// The index of client profiles, as stored under [`CLIENTS_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clients {
    pub version: u32,
    pub current: String,
    pub clients: Vec<Client>,
}

impl Default for Clients {
    /// One unnamed client: a visitor who never names one never sees the feature.
    fn default() -> Clients {
        Clients {
            version: 1,
            current: DEFAULT_CLIENT.to_owned(),
            clients: vec![Client {
                id: DEFAULT_CLIENT.to_owned(),
                name: String::new(),
            }],
        }
    }
}

/// A key-safe id: what [`Clients::add`] makes (`c1`, `c2`…) or `default`.
fn valid_id(id: &str) -> bool {
    id == DEFAULT_CLIENT
        || (id.len() <= 12
            && id.starts_with('c')
            && id.len() > 1
            && id[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// A name as kept: trimmed, control characters out, at most [`MAX_NAME_CHARS`].
pub fn clean_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    // Cut at the limit, a name may end in spaces: trimmed again, a kept
    // name reads back as itself (found by the client_files fuzz target).
    kept.trim_end().to_owned()
}

impl Clients {
    /// Reads the index leniently: entries of the wrong shape or with an id
    /// this site would not make are dropped, names are cleaned, a lost
    /// current client falls back to the first; `None` only when the text is
    /// not an index at all.
    pub fn read(raw: &str) -> Option<Clients> {
        let json = crate::json::parse(raw)?;
        let Json::Array(items) = json.get("clients")? else {
            return None;
        };
        let mut clients = Clients {
            version: 1,
            current: String::new(),
            clients: Vec::new(),
        };
        for item in items {
            let (Some(id), Some(name)) = (
                item.get("id").and_then(Json::as_str),
                item.get("name").and_then(Json::as_str),
            ) else {
                continue;
            };
            if valid_id(id) && !clients.contains(id) && clients.clients.len() < MAX_CLIENTS {
                clients.clients.push(Client {
                    id: id.to_owned(),
                    name: clean_name(name),
                });
            }
        }
        if clients.clients.is_empty() {
            return None;
        }
        let current = json.get("current").and_then(Json::as_str).unwrap_or("");
        clients.current = if clients.contains(current) {
            current.to_owned()
        } else {
            clients.clients[0].id.clone()
        };
        Some(clients)
    }

    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.clients.iter().any(|c| c.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    pub fn current(&self) -> &Client {
        self.get(&self.current)
            .or(self.clients.first())
            .expect("an index always has a client")
    }

    /// The user has more than the one unnamed client: names then appear on
    /// every page and export.
    pub fn in_use(&self) -> bool {
        self.clients.len() > 1 || self.clients.iter().any(|c| !c.name.is_empty())
    }

    /// A name not yet taken: `base`, else `base (2)`, `base (3)`…
    pub fn unique_name(&self, base: &str) -> String {
        let base = clean_name(base);
        let taken = |name: &str| self.clients.iter().any(|c| c.name == name);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|name| !taken(name))
            .unwrap_or(base)
    }

    /// Adds a client (not made current) and returns its id; `None` at [`MAX_CLIENTS`].
    pub fn add(&mut self, name: &str) -> Option<String> {
        if self.clients.len() >= MAX_CLIENTS {
            return None;
        }
        let id = (1..)
            .map(|n| format!("c{n}"))
            .find(|id| !self.contains(id))?;
        let name = self.unique_name(name);
        self.clients.push(Client {
            id: id.clone(),
            name,
        });
        Some(id)
    }

    pub fn rename(&mut self, id: &str, name: &str) {
        let name = clean_name(name);
        if let Some(client) = self.clients.iter_mut().find(|c| c.id == id) {
            client.name = name;
        }
    }

    /// Removes a client; the last one is never removed. The current client
    /// moves to the first remaining one when it was the one removed.
    pub fn remove(&mut self, id: &str) -> bool {
        if self.clients.len() <= 1 || !self.contains(id) {
            return false;
        }
        self.clients.retain(|c| c.id != id);
        if self.current == id {
            self.current = self.clients[0].id.clone();
        }
        true
    }

    /// Rebuilds an index from the keys found in storage, when the index
    /// itself was lost or unreadable: every client whose profile or plan is
    /// still there comes back (under its id, since its name was in the index).
    pub fn recovered(keys: &[String]) -> Clients {
        let mut clients = Clients::default();
        let mut ids: Vec<&str> = keys
            .iter()
            .filter_map(|key| {
                let rest = key.strip_prefix(CLIENT_KEY_PREFIX)?;
                let id = rest
                    .strip_suffix(".profile")
                    .or_else(|| rest.strip_suffix(".plan"))?;
                valid_id(id).then_some(id)
            })
            .collect();
        // By number, then by id (a total order: the engine's sort is not stable).
        leimu_engine::sort::sort_by_key(&mut ids, |id| {
            (
                id.get(1..)
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(u64::MAX),
                *id,
            )
        });
        ids.dedup();
        for id in ids {
            if !clients.contains(id) && clients.clients.len() < MAX_CLIENTS {
                clients.clients.push(Client {
                    id: id.to_owned(),
                    name: id.to_owned(),
                });
            }
        }
        clients
    }
}

/// Where a client's profile is stored.
pub fn profile_key(id: &str) -> String {
    if id == DEFAULT_CLIENT {
        state::PROFILE_KEY.to_owned()
    } else {
        format!("{CLIENT_KEY_PREFIX}{id}.profile")
    }
}

/// Where a client's plan is stored.
pub fn plan_key(id: &str) -> String {
    if id == DEFAULT_CLIENT {
        state::PLAN_KEY.to_owned()
    } else {
        format!("{CLIENT_KEY_PREFIX}{id}.plan")
    }
}

/// One client as an export file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portable {
    pub name: String,
    pub plan: Vec<String>,
    /// The ways the user chose for categories of the plan (from 1).
    pub ways: BTreeMap<String, usize>,
    pub profile: Profile,
}

/// The export file: `{"format": "leimu-profiles", "version": 1, "catalog": …, "profiles": [{name, plan, profile}]}`.
pub fn export_json(catalog_version: &str, clients: &[Portable]) -> String {
    #[derive(Serialize)]
    struct Entry<'a> {
        name: &'a str,
        plan: Vec<state::PlanEntry<'a>>,
        profile: StoredProfile,
    }
    #[derive(Serialize)]
    struct File<'a> {
        format: &'static str,
        version: u32,
        catalog: &'a str,
        profiles: Vec<Entry<'a>>,
    }
    let file = File {
        format: FILE_FORMAT,
        version: 1,
        catalog: catalog_version,
        profiles: clients
            .iter()
            .map(|c| Entry {
                name: &c.name,
                plan: state::plan_entries(&c.plan, &c.ways),
                profile: StoredProfile::of(&c.profile),
            })
            .collect(),
    };
    crate::json::to_string_pretty(&file).unwrap_or_default()
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON (or nested beyond reason).
    NotJson,
    /// JSON, but neither an export of this site nor a stored profile.
    NotProfiles,
    /// An export from a later version of the site.
    NewerVersion,
}

/// Reads an export file, or a single profile as the site stores it or the
/// JS API takes it (`{"version": 2, "applicant": {...}}`), named after
/// `file_name`. What the catalogue no longer knows is dropped and reported;
/// an entry of the wrong shape is skipped and reported by its name.
pub fn import(
    text: &str,
    file_name: &str,
    catalog: &Catalog,
) -> Result<Loaded<Vec<Portable>>, ImportError> {
    let json = crate::json::parse(text).ok_or(ImportError::NotJson)?;
    let mut loaded = Loaded::<Vec<Portable>>::default();
    let entries: Vec<&Json> = match (json.get("format"), json.get("profiles")) {
        (Some(Json::String(format)), Some(Json::Array(entries))) if format == FILE_FORMAT => {
            if json.get("version").and_then(Json::as_u32) != Some(1) {
                return Err(ImportError::NewerVersion);
            }
            entries.iter().collect()
        }
        // A file that names another format, or holds profiles in a shape
        // this site never wrote, is not one stored profile either.
        _ if json.get("format").is_some() || json.get("profiles").is_some() => {
            return Err(ImportError::NotProfiles);
        }
        _ if json.get("version").and_then(Json::as_u32).is_some() => vec![&json],
        _ => return Err(ImportError::NotProfiles),
    };
    let fallback = clean_name(
        file_name
            .rsplit_once('.')
            .map_or(file_name, |(stem, _)| stem),
    );
    for (index, entry) in entries.into_iter().enumerate() {
        let name = entry
            .get("name")
            .and_then(Json::as_str)
            .map(clean_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("{fallback} {}", index + 1));
        // More than a browser keeps: the rest is refused by name, not lost silently.
        if loaded.value.len() >= MAX_CLIENTS {
            loaded.dropped.push(name);
            continue;
        }
        let stored = entry.get("profile").unwrap_or(entry);
        let Some(holdings) = Holdings::read(stored) else {
            loaded.dropped.push(name);
            continue;
        };
        let profile = holdings.keep_known(catalog);
        loaded.dropped.extend(profile.dropped);
        let (plan, ways) = match entry.get("plan") {
            Some(plan) => {
                let ways = state::plan_ways_from(plan);
                let plan = state::plan_from(plan, catalog);
                loaded.dropped.extend(plan.dropped);
                let ways = ways
                    .into_iter()
                    .filter(|(id, _)| plan.value.contains(id))
                    .collect();
                (plan.value, ways)
            }
            None => Default::default(),
        };
        loaded.value.push(Portable {
            name,
            plan,
            ways,
            profile: profile.value,
        });
    }
    if loaded.value.is_empty() && loaded.dropped.is_empty() {
        return Err(ImportError::NotProfiles);
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::from_bytes(crate::CATALOG_BIN).expect("catalogue"))
    }

    #[test]
    fn the_first_client_keeps_the_keys_of_the_site_before_clients() {
        assert_eq!(profile_key(DEFAULT_CLIENT), state::PROFILE_KEY);
        assert_eq!(plan_key(DEFAULT_CLIENT), state::PLAN_KEY);
        assert_eq!(profile_key("c3"), "leimu.client.c3.profile");
        assert!(!Clients::default().in_use());
    }

    /// A name cut at the limit where a space falls reads back as itself
    /// (the client_files fuzz target's first find).
    #[test]
    fn a_cleaned_name_stays_the_same_when_cleaned_again() {
        let name = format!("{}{}尾", "a".repeat(MAX_NAME_CHARS - 3), " ".repeat(10));
        let once = clean_name(&name);
        assert_eq!(once, "a".repeat(MAX_NAME_CHARS - 3));
        assert_eq!(clean_name(&once), once);
        assert_eq!(clean_name(" \u{7}茶叶店\n "), "茶叶店");
    }

    #[test]
    fn a_file_with_more_clients_than_a_browser_keeps_reports_the_rest_by_name() {
        let entries: Vec<String> = (0..MAX_CLIENTS + 2)
            .map(|i| format!(r#"{{"name":"客户{i}","profile":{{"version":2,"applicant":{{}}}}}}"#))
            .collect();
        let file = format!(
            r#"{{"format":"leimu-profiles","version":1,"catalog":"2026.1","profiles":[{}]}}"#,
            entries.join(",")
        );
        let loaded = import(&file, "all.json", catalog()).expect("imports");
        assert_eq!(loaded.value.len(), MAX_CLIENTS);
        assert_eq!(
            loaded.dropped,
            vec![
                format!("客户{MAX_CLIENTS}"),
                format!("客户{}", MAX_CLIENTS + 1)
            ]
        );
    }

    /// A damaged export (its format misspelt) is refused, not imported as
    /// one empty profile (the client_files fuzz target's second find).
    #[test]
    fn a_file_of_another_format_is_refused() {
        let damaged = r#"{"format":"leimu-pfiles","version":1,"profiles":[{"name":"茶叶店","profile":{"version":2,"applicant":{"business-licence":1}}}]}"#;
        assert_eq!(
            import(damaged, "x.json", catalog()).err(),
            Some(ImportError::NotProfiles)
        );
        let shapeless = r#"{"version":2,"profiles":{"茶叶店":{}}}"#;
        assert_eq!(
            import(shapeless, "x.json", catalog()).err(),
            Some(ImportError::NotProfiles)
        );
    }

    #[test]
    fn clients_are_added_renamed_removed_and_never_all_removed() {
        let mut clients = Clients::default();
        let a = clients.add("  茶叶店\u{7}  ").expect("added");
        assert_eq!(clients.get(&a).expect("there").name, "茶叶店");
        let b = clients.add("茶叶店").expect("added");
        assert_eq!(clients.get(&b).expect("there").name, "茶叶店 (2)");
        assert_ne!(a, b);
        assert!(clients.in_use());
        clients.rename(&a, "医院");
        assert_eq!(clients.get(&a).expect("there").name, "医院");
        clients.current = a.clone();
        assert!(clients.remove(&a));
        assert_eq!(clients.current, DEFAULT_CLIENT);
        assert!(clients.remove(DEFAULT_CLIENT));
        assert!(!clients.remove(&b), "the last client stays");
        assert_eq!(clients.current, b);
        // An id is never reused while its client exists.
        let c = clients.add("x").expect("added");
        assert_ne!(c, b);
    }

    #[test]
    fn the_index_round_trips_and_is_read_leniently() {
        let mut clients = Clients::default();
        clients.add("甲").expect("added");
        clients.current = "c1".into();
        assert_eq!(Clients::read(&clients.to_json()), Some(clients.clone()));
        let tampered = r#"{"version":1,"current":"c9","clients":[
            {"id":"../../x","name":"bad"},{"id":"c1","name":7},{"id":"c2","name":"乙"},{"id":"c2","name":"again"},"junk"]}"#;
        let read = Clients::read(tampered).expect("readable");
        assert_eq!(read.clients.len(), 1);
        assert_eq!(
            read.current, "c2",
            "a lost current client falls back to the first"
        );
        for raw in ["", "[]", "{}", r#"{"clients":[]}"#, r#"{"clients":"x"}"#] {
            assert_eq!(Clients::read(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_lost_index_is_rebuilt_from_the_keys_left_in_storage() {
        let keys = [
            "leimu.client.c2.plan",
            "leimu.client.c10.profile",
            "leimu.client.c2.profile",
            "leimu.client.evil.profile",
            "leimu.profile.v1",
        ]
        .map(String::from);
        let clients = Clients::recovered(&keys);
        let ids: Vec<&str> = clients.clients.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["default", "c2", "c10"]);
    }

    #[test]
    fn an_export_imports_as_it_was_and_reports_what_it_dropped() {
        let catalog = catalog();
        let mut profile = Profile::default();
        profile.applicant.insert("business-licence".into(), 1);
        profile.kinds.push("enterprise".into());
        let clients = vec![
            Portable {
                name: "茶叶店".into(),
                plan: vec![
                    "medical.internet-hospital".into(),
                    "medical.otc-sales".into(),
                ],
                ways: BTreeMap::from([("medical.otc-sales".to_owned(), 2)]),
                profile: profile.clone(),
            },
            Portable {
                name: "医院".into(),
                plan: Vec::new(),
                ways: BTreeMap::new(),
                profile: Profile::default(),
            },
        ];
        let file = export_json("test", &clients);
        let loaded = import(&file, "x.json", catalog).expect("imports");
        assert_eq!(loaded.value, clients);
        assert!(loaded.dropped.is_empty());

        let tampered = file
            .replace("business-licence", "no-such-document")
            .replace("medical.internet-hospital", "gone.category");
        let loaded = import(&tampered, "x.json", catalog).expect("imports");
        assert_eq!(loaded.dropped, ["no-such-document", "gone.category"]);
        assert!(loaded.value[0].profile.applicant.is_empty());
    }

    #[test]
    fn a_single_stored_profile_imports_under_the_file_name() {
        let catalog = catalog();
        let loaded = import(
            r#"{"version":2,"applicant":{"business-licence":1}}"#,
            "客户甲.json",
            catalog,
        )
        .expect("imports");
        assert_eq!(loaded.value[0].name, "客户甲 1");
        assert_eq!(loaded.value[0].profile.applicant.len(), 1);
    }

    #[test]
    fn files_that_are_not_profiles_are_refused_with_the_reason() {
        let catalog = catalog();
        assert_eq!(import("{", "f", catalog), Err(ImportError::NotJson));
        assert_eq!(import("[1,2]", "f", catalog), Err(ImportError::NotProfiles));
        assert_eq!(
            import(
                r#"{"format":"leimu-profiles","version":2,"profiles":[]}"#,
                "f",
                catalog
            ),
            Err(ImportError::NewerVersion)
        );
        assert_eq!(
            import(
                r#"{"format":"leimu-profiles","version":1,"profiles":[]}"#,
                "f",
                catalog
            ),
            Err(ImportError::NotProfiles)
        );
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(import(&deep, "f", catalog), Err(ImportError::NotJson));
    }
}
