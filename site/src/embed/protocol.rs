//! The embed's message schema (version 1) as plain data: the events the
//! widget posts to its host page and the commands it accepts from it, the
//! `allow=` list of origins, and the embed page's query. Nothing here touches
//! the DOM, so every rule — above all "anything unexpected is ignored" — is
//! tested natively with ordinary `#[test]`s.
//!
//! Every message is an object `{source: "leimu", version: 1, type, …}`.
//! Incoming data is parsed from its JSON text into typed structs: a message
//! that is not exactly one of the known shapes (another source or version,
//! an unknown type, a field of the wrong type, an id the catalogue does not
//! know) yields `None` and is dropped. Strings from a message are only ever
//! compared with catalogue ids, never shown, so nothing a host sends can
//! become markup.

use std::collections::BTreeMap;

use leimu_engine::{Catalog, Profile, Status, Verdict};
use serde::Serialize;

use crate::json::Json;
use crate::state::Holdings;

use crate::i18n::Lang;

/// The `source` of every message, in and out.
pub const SOURCE: &str = "leimu";
/// The schema version; bumped only for a change a host could notice.
pub const VERSION: u32 = 1;
/// The most origins an `allow=` list may name (a guard against absurd URLs, not a policy).
const MAX_ORIGINS: usize = 16;

/// What the embed page reads from its own query string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedQuery {
    /// `category=`: the leaf to open first (unchecked here; the app checks it against the catalogue).
    pub category: Option<String>,
    /// `lang=zh|en`.
    pub lang: Option<Lang>,
    /// `allow=`: origins whose commands are accepted (comma-separated; repeated parameters add up).
    pub allow: Vec<String>,
}

/// Parses the embed page's `location.search` (with or without `?`).
/// Unknown parameters and malformed values are ignored: a wrong snippet still gives a working widget.
pub fn parse_query(search: &str) -> EmbedQuery {
    let mut query = EmbedQuery::default();
    for part in search.trim_start_matches('?').split('&') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        // `+` is a space in a query string; nothing we read may contain one, so it simply fails to match.
        let value = crate::state::decode_component(value);
        match key {
            "category" if !value.is_empty() => query.category = Some(value),
            "lang" => query.lang = query.lang.or(Lang::from_code(&value)),
            "allow" => {
                for origin in value.split(',').filter_map(normalise_origin) {
                    if !query.allow.contains(&origin) && query.allow.len() < MAX_ORIGINS {
                        query.allow.push(origin);
                    }
                }
            }
            _ => {}
        }
    }
    query
}

/// An origin as `MessageEvent.origin` reports it (`https://host[:port]`), or `None`.
///
/// Only http(s) origins with a host are accepted. `null` (sandboxed frames,
/// `file:` pages) and `*` are refused on purpose: any page can produce them.
/// A trailing `/` is tolerated because people paste it; paths are not.
pub fn normalise_origin(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_suffix('/').unwrap_or(raw);
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (host, port) = match rest.rsplit_once(':') {
        // An IPv6 literal's colons are inside brackets; a port follows the `]`.
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    // A colon belongs only inside an IPv6 literal's brackets: `host:P:80` is
    // not an origin (it normalised to `host:P`, which then did not normalise
    // at all; found by fuzzing).
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ipv6) => {
            !ipv6.is_empty()
                && ipv6
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'))
        }
        None => {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        }
    };
    if !host_ok {
        return None;
    }
    let host = host.to_ascii_lowercase();
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(port) => {
            let number = port.parse::<u16>().ok().filter(|p| *p > 0)?;
            let default =
                (scheme == "http" && number == 80) || (scheme == "https" && number == 443);
            // The browser drops a default port from `origin`; do the same so the comparison matches.
            Some(if default {
                format!("{scheme}://{host}")
            } else {
                format!("{scheme}://{host}:{number}")
            })
        }
    }
}

/// Whether a message from `origin` may command the widget.
pub fn origin_allowed(allow: &[String], origin: &str) -> bool {
    allow.iter().any(|allowed| allowed == origin)
}

/// A command from the host, validated against the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open this category (`None`: back to the search).
    SetCategory(Option<String>),
    SetLang(Lang),
    /// Replace what the applicant and its partners hold; unknown ids were dropped.
    SetProfile(Profile),
}

/// Reads a command from a message's data as JSON text; `None` for anything
/// that is not a well-formed version-1 leimu command naming things the
/// catalogue knows. Read by hand from the parsed tree (see `json.rs`): only
/// validated [`Command`]s leave this module.
pub fn parse_command(json: &str, catalog: &Catalog) -> Option<Command> {
    let message = crate::json::parse(json)?;
    if message.get("source")?.as_str()? != SOURCE || message.get("version")?.as_u32()? != VERSION {
        return None;
    }
    match message.get("type")?.as_str()? {
        // `category` is required but nullable: `null` goes back to the search.
        "set-category" => match message.get("category")? {
            Json::Null => Some(Command::SetCategory(None)),
            Json::String(id) => catalog
                .leaf(id)
                .map(|leaf| Command::SetCategory(Some(leaf.id.clone()))),
            _ => None,
        },
        "set-lang" => Lang::from_code(message.get("lang")?.as_str()?).map(Command::SetLang),
        // Ids the catalogue does not know are dropped, as from a stored profile.
        "set-profile" => Some(Command::SetProfile(
            Holdings::read(message.get("profile")?)?
                .keep_known(catalog)
                .value,
        )),
        _ => None,
    }
}

/// A document of the shortest way to complete a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingDocument {
    pub id: String,
    pub name: String,
    /// How many are needed in all.
    pub need: u32,
    /// How many the profile already has.
    pub have: u32,
    /// Who must hold it: `null` for the applicant, else the partner as the source names it.
    pub holder: Option<String>,
}

/// An event for the host page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    /// The widget is listening; `category` is what it shows (`null`: the
    /// search); `catalogue` is the catalogue's version (`2026.1`).
    Ready {
        lang: &'static str,
        category: Option<String>,
        catalogue: String,
    },
    /// A category was chosen (by the user or a command); `id: null` when the widget went back to the search.
    Category {
        id: Option<String>,
        name: Option<String>,
        path: Vec<String>,
    },
    /// The verdict of the shown category changed.
    Verdict {
        category: String,
        status: Status,
        satisfied: bool,
        /// For email-only categories: whether the documents are complete.
        documents_ready: bool,
        /// The shortest way to complete the category (empty when nothing is missing).
        missing: Vec<MissingDocument>,
    },
    /// The widget's content height in CSS pixels.
    Resize { height: u32 },
    /// What the user holds, after every change, so a host can keep it and send it back with `set-profile`.
    Profile {
        applicant: BTreeMap<String, u32>,
        partners: BTreeMap<String, u32>,
        kinds: Vec<String>,
        /// Kinds the applicant said it is not.
        not_kinds: Vec<String>,
        /// Categories the mini program already holds.
        approved: Vec<String>,
        /// The business scope given.
        scope: String,
        /// Answers to the questions verdicts asked (`{category?, question, holds}`).
        answers: Vec<leimu_engine::Answer>,
    },
}

impl Event {
    pub fn category(catalog: &Catalog, id: Option<&str>) -> Event {
        let leaf = id.and_then(|id| catalog.leaf(id));
        Event::Category {
            id: leaf.map(|l| l.id.clone()),
            name: leaf.and_then(|l| l.path.last().cloned()),
            path: leaf.map(|l| l.path.clone()).unwrap_or_default(),
        }
    }

    pub fn verdict(verdict: &Verdict) -> Event {
        let missing = if verdict.documents_ready {
            Vec::new()
        } else {
            verdict
                .completions
                .first()
                .map(|way| {
                    way.missing
                        .iter()
                        .map(|d| MissingDocument {
                            id: d.document.clone(),
                            name: d.name.clone(),
                            need: d.need,
                            have: d.have,
                            holder: d.holder.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        Event::Verdict {
            category: verdict.category.clone(),
            status: verdict.status,
            satisfied: verdict.status == Status::Satisfied,
            documents_ready: verdict.documents_ready,
            missing,
        }
    }

    pub fn profile(profile: &Profile) -> Event {
        Event::Profile {
            applicant: profile.applicant.clone(),
            partners: profile.partners.clone(),
            kinds: profile.kinds.clone(),
            not_kinds: profile.not_kinds.clone(),
            approved: profile.approved.clone(),
            scope: profile.scope.clone(),
            answers: profile.answers.clone(),
        }
    }

    /// The message as JSON text: `{"source": "leimu", "version": 1, "type": …, …}`.
    pub fn to_json(&self) -> String {
        // serde writes a tagged enum as `{"type":…`; the envelope's fields go
        // in front by splicing rather than `#[serde(flatten)]`, whose generic
        // machinery would cost the wasm more than this whole module.
        let event = crate::json::to_string(self).unwrap_or_default();
        let fields = event.strip_prefix('{').unwrap_or("\"type\":null}");
        format!("{{\"source\":\"{SOURCE}\",\"version\":{VERSION},{fields}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::from_bytes(crate::CATALOG_BIN).expect("catalogue"))
    }

    fn command(json: &str) -> Option<Command> {
        parse_command(json, catalog())
    }

    #[test]
    fn origins_are_normalised_or_refused() {
        let cases = [
            ("https://example.com", Some("https://example.com")),
            ("https://Example.COM/", Some("https://example.com")),
            ("http://localhost:8080", Some("http://localhost:8080")),
            (" http://127.0.0.1:8081 ", Some("http://127.0.0.1:8081")),
            ("https://example.com:443", Some("https://example.com")),
            ("http://example.com:80", Some("http://example.com")),
            ("http://[::1]:8080", Some("http://[::1]:8080")),
            ("http://[::1]", Some("http://[::1]")),
            ("https://example.com/path", None),
            ("https://example.com:0", None),
            ("https://example.com:99999", None),
            ("https://exa mple.com", None),
            ("https://", None),
            ("*", None),
            ("null", None),
            ("file:///etc/passwd", None),
            ("javascript://alert(1)", None),
            ("ftp://example.com", None),
            ("", None),
            // Found by fuzzing: a colon outside brackets is not part of a host.
            ("http://loost:P:80/", None),
            ("http://a:b", None),
            ("http://[::1]x", None),
            ("http://[]", None),
            ("http://[::g]", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(normalise_origin(raw).as_deref(), expected, "{raw:?}");
            // What comes out normalises to itself.
            if let Some(origin) = expected {
                assert_eq!(normalise_origin(origin).as_deref(), Some(origin));
            }
        }
    }

    #[test]
    fn the_query_gives_category_lang_and_allowed_origins() {
        let query = parse_query(
            "?category=medical.internet-hospital&lang=en&allow=http%3A%2F%2Flocalhost%3A8080,https://a.example&allow=*&allow=null&x=1",
        );
        assert_eq!(
            query,
            EmbedQuery {
                category: Some("medical.internet-hospital".into()),
                lang: Some(Lang::En),
                allow: vec!["http://localhost:8080".into(), "https://a.example".into()],
            }
        );
        assert_eq!(parse_query(""), EmbedQuery::default());
        assert_eq!(parse_query("?lang=fr&category="), EmbedQuery::default());
        assert!(origin_allowed(&query.allow, "http://localhost:8080"));
        assert!(!origin_allowed(&query.allow, "http://localhost:8081"));
        assert!(!origin_allowed(&query.allow, "null"));
    }

    #[test]
    fn well_formed_commands_are_accepted() {
        assert_eq!(
            command(
                r#"{"source":"leimu","version":1,"type":"set-category","category":"medical.internet-hospital"}"#
            ),
            Some(Command::SetCategory(Some(
                "medical.internet-hospital".into()
            )))
        );
        assert_eq!(
            command(r#"{"source":"leimu","version":1,"type":"set-category","category":null}"#),
            Some(Command::SetCategory(None))
        );
        assert_eq!(
            command(r#"{"source":"leimu","version":1,"type":"set-lang","lang":"en"}"#),
            Some(Command::SetLang(Lang::En))
        );
        let document = catalog().documents()[0].id.clone();
        let profile = command(&format!(
            r#"{{"source":"leimu","version":1,"type":"set-profile","profile":{{"applicant":{{"{document}":250,"no-such-document":1}},"partners":{{"{document}":0}},"kinds":["no-such-kind"]}}}}"#
        ));
        let mut expected = Profile::default();
        expected.applicant.insert(document, 99);
        assert_eq!(profile, Some(Command::SetProfile(expected)));
    }

    #[test]
    fn anything_else_is_ignored() {
        let ignored = [
            "",
            "null",
            "42",
            "\"set-category\"",
            "[]",
            "{}",
            r#"{"type":"set-lang","lang":"en"}"#,
            r#"{"source":"other","version":1,"type":"set-lang","lang":"en"}"#,
            r#"{"source":"leimu","version":2,"type":"set-lang","lang":"en"}"#,
            r#"{"source":"leimu","version":"1","type":"set-lang","lang":"en"}"#,
            r#"{"source":"leimu","version":1,"type":"set-lang","lang":"fr"}"#,
            r#"{"source":"leimu","version":1,"type":"set-lang","lang":5}"#,
            r#"{"source":"leimu","version":1,"type":"set-lang"}"#,
            r#"{"source":"leimu","version":1,"type":"launch-missiles"}"#,
            r#"{"source":"leimu","version":1,"type":"ready","lang":"zh","category":null}"#,
            r#"{"source":"leimu","version":1,"type":"set-category","category":"<img src=x onerror=\"window.__pwned=1\">"}"#,
            r#"{"source":"leimu","version":1,"type":"set-category","category":["medical.internet-hospital"]}"#,
            r#"{"source":"leimu","version":1,"type":"set-category"}"#,
            r#"{"source":"leimu","version":1,"type":"set-profile","profile":"everything"}"#,
            r#"{"source":"leimu","version":1,"type":"set-profile","profile":{"applicant":{"x":-1}}}"#,
        ];
        for json in ignored {
            assert_eq!(command(json), None, "{json}");
        }
    }

    #[test]
    fn events_carry_the_documented_shape() {
        let catalog = catalog();
        let json = |event: &Event| {
            serde_json::from_str::<serde_json::Value>(&event.to_json()).expect("json")
        };

        let ready = json(&Event::Ready {
            lang: "en",
            category: None,
            catalogue: "2026.1".into(),
        });
        assert_eq!(
            ready,
            serde_json::json!({"source": "leimu", "version": 1, "type": "ready", "lang": "en", "category": null, "catalogue": "2026.1"})
        );

        let category = json(&Event::category(catalog, Some("medical.internet-hospital")));
        assert_eq!(category["type"], "category");
        assert_eq!(category["id"], "medical.internet-hospital");
        assert_eq!(category["name"], "互联网医院");
        assert_eq!(
            category["path"],
            serde_json::json!(["医疗服务", "互联网医院"])
        );
        assert_eq!(
            json(&Event::category(catalog, Some("no.such")))["id"],
            serde_json::Value::Null
        );

        let empty = Profile::default();
        let verdict = catalog
            .evaluate("medical.internet-hospital", &empty)
            .expect("known");
        let missing = json(&Event::verdict(&verdict));
        assert_eq!(missing["type"], "verdict");
        assert_eq!(missing["status"], "missing");
        assert_eq!(missing["satisfied"], false);
        let shortest = verdict.completions[0].missing.len();
        assert_eq!(missing["missing"].as_array().map(Vec::len), Some(shortest));
        assert_eq!(
            missing["missing"][0]
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec![
                "have".into(),
                "holder".into(),
                "id".into(),
                "name".into(),
                "need".into()
            ])
        );

        // Holding the shortest way satisfies the category and empties `missing`.
        let mut profile = Profile::default();
        for d in &verdict.completions[0].missing {
            let side = if d.holder.is_some() {
                &mut profile.partners
            } else {
                &mut profile.applicant
            };
            side.insert(d.document.clone(), d.need);
        }
        let verdict = catalog
            .evaluate("medical.internet-hospital", &profile)
            .expect("known");
        // Every document held, but the way's label and conditions are still to confirm.
        let confirm = json(&Event::verdict(&verdict));
        assert_eq!(confirm["status"], "confirm");
        assert_eq!(confirm["satisfied"], false);
        assert_eq!(confirm["documents_ready"], true);
        for question in &verdict.to_confirm {
            profile.answers.push(leimu_engine::Answer {
                category: None,
                question: question.key().to_owned(),
                holds: true,
            });
        }
        let verdict = catalog
            .evaluate("medical.internet-hospital", &profile)
            .expect("known");
        let satisfied = json(&Event::verdict(&verdict));
        assert_eq!(satisfied["status"], "satisfied");
        assert_eq!(satisfied["satisfied"], true);
        assert_eq!(satisfied["missing"], serde_json::json!([]));

        assert_eq!(
            json(&Event::Resize { height: 321 }),
            serde_json::json!({"source": "leimu", "version": 1, "type": "resize", "height": 321})
        );
        let profile_event = json(&Event::profile(&profile));
        assert_eq!(profile_event["type"], "profile");
        assert!(profile_event["applicant"].is_object() && profile_event["kinds"].is_array());
    }
}
