//! The widget's input from its host: commands (`postMessage` data as JSON
//! text) and the embed page's query (`category=`, `lang=`, `allow=`).
//!
//! - Any text: a command is `None` or names only what the catalogue knows;
//!   every `allow=` origin is normalised (normalising it again changes
//!   nothing), at most 16, none twice, never `*` or `null`.
//! - A command built from the fuzzer's bytes, written as a host writes it:
//!   read back as that command.

use arbitrary::Unstructured;
use leimu_site::embed::protocol::{Command, normalise_origin, parse_command, parse_query};
use leimu_site::i18n::Lang;
use serde_json::json;

use crate::{arbitrary_leaves, arbitrary_profile, assert_known, catalog};

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let text = String::from_utf8_lossy(data);

    match parse_command(&text, catalog) {
        None | Some(Command::SetLang(_)) | Some(Command::SetCategory(None)) => {}
        Some(Command::SetCategory(Some(id))) => {
            assert!(catalog.leaf(&id).is_some(), "opened unknown `{id}`");
        }
        Some(Command::SetProfile(profile)) => assert_known(&profile, catalog, "set-profile"),
    }

    let query = parse_query(&text);
    assert!(query.allow.len() <= 16);
    for (i, origin) in query.allow.iter().enumerate() {
        assert_eq!(normalise_origin(origin).as_deref(), Some(origin.as_str()));
        assert!(!query.allow[..i].contains(origin), "`{origin}` twice");
        assert!(origin.starts_with("http://") || origin.starts_with("https://"));
    }
    if let Some(origin) = normalise_origin(&text) {
        assert_eq!(normalise_origin(&origin).as_deref(), Some(origin.as_str()));
    }

    let mut u = Unstructured::new(data);
    let (message, expected) = match u.int_in_range(0..=3).unwrap_or(0) {
        0 => {
            let id = arbitrary_leaves(&mut u, catalog, 1).pop();
            (
                json!({"source": "leimu", "version": 1, "type": "set-category", "category": id}),
                Command::SetCategory(id),
            )
        }
        1 => {
            let lang = if u.arbitrary().unwrap_or(false) {
                Lang::Zh
            } else {
                Lang::En
            };
            let code = if lang == Lang::Zh { "zh" } else { "en" };
            (
                json!({"source": "leimu", "version": 1, "type": "set-lang", "lang": code}),
                Command::SetLang(lang),
            )
        }
        _ => {
            let profile = arbitrary_profile(&mut u, catalog);
            (
                json!({"source": "leimu", "version": 1, "type": "set-profile", "profile": {
                    "applicant": profile.applicant, "partners": profile.partners, "kinds": profile.kinds,
                    "not_kinds": profile.not_kinds, "approved": profile.approved,
                    "scope": profile.scope, "answers": profile.answers,
                }}),
                Command::SetProfile(profile),
            )
        }
    };
    assert_eq!(
        parse_command(&message.to_string(), catalog),
        Some(expected),
        "{message}"
    );
}
