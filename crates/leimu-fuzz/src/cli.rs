//! The command line: names as `leimu_engine::report` resolves them (the
//! CLI's and the JavaScript API's shared resolver), and whole argument lists
//! as `leimu_cli::run` takes them, bytes that are not UTF-8 included.
//!
//! - Any name: a category resolves to a leaf that its id and its path
//!   resolve to again; an unknown one offers closest names that each
//!   resolve; an ambiguous one lists options that each resolve. A profile of
//!   unknown names reports each of them. `DOC=N` reads as N ≥ 1.
//! - Any argument list (except `validate`, which reads files): exit 0 or 2,
//!   never a panic; exit 2 prints an `error:` message and nothing on stdout;
//!   JSON on stdout parses.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use leimu_cli::lang::Lang;
use leimu_engine::Catalog;
use leimu_engine::report::{
    Holding, LookupProblem, ProfileRequest, resolve_category, resolve_profile,
};

use crate::catalog;

pub fn check(data: &[u8]) {
    let catalog = catalog();
    let text = String::from_utf8_lossy(data);
    category(catalog, &text);
    profile(catalog, &text);
    command_line(data);
}

fn category(catalog: &Catalog, name: &str) {
    match resolve_category(catalog, name) {
        Ok(leaf) => {
            for again in [leaf.id.clone(), Catalog::display_path(leaf)] {
                let found = resolve_category(catalog, &again).map(|l| &l.id);
                assert_eq!(found, Ok(&leaf.id), "`{name}` → `{again}`");
            }
        }
        Err(LookupProblem::UnknownCategory { closest, .. }) => {
            for suggestion in closest {
                assert!(
                    resolve_category(catalog, &suggestion).is_ok(),
                    "`{name}`: the closest name `{suggestion}` does not resolve"
                );
            }
        }
        Err(LookupProblem::AmbiguousCategory { options, .. }) => {
            assert!(options.len() >= 2, "`{name}`: {options:?}");
            for option in options {
                let found = resolve_category(catalog, &option.id).map(|l| &l.id);
                assert_eq!(found, Ok(&option.id));
            }
        }
        Err(other) => panic!("a category lookup gave {other:?}"),
    }
}

fn profile(catalog: &Catalog, text: &str) {
    let holding = Holding::parse(text);
    if let Ok(holding) = &holding {
        assert!(holding.count >= 1, "`{text}` → {holding:?}");
        if !text.contains('=') {
            assert_eq!(holding.document, text);
        }
    }
    let request = ProfileRequest {
        have: holding.into_iter().collect(),
        kinds: vec![text.to_owned()],
        ..ProfileRequest::default()
    };
    match resolve_profile(catalog, &request) {
        Ok(profile) => crate::assert_known(&profile, catalog, "resolved profile"),
        Err(problems) => {
            assert!(!problems.is_empty() && problems.len() <= 2);
            for problem in &problems {
                let closest = match problem {
                    LookupProblem::UnknownDocument { closest, .. } => closest.clone(),
                    LookupProblem::UnknownKind { closest, .. } => closest.clone(),
                    LookupProblem::AmbiguousDocument { ids, .. } => ids.clone(),
                    // A label offering a choice of kinds: each choice is a kind.
                    LookupProblem::AmbiguousKind { options, .. } => options.clone(),
                    other => panic!("a profile lookup gave {other:?}"),
                };
                for name in closest {
                    let request = ProfileRequest {
                        have: vec![Holding {
                            document: name.clone(),
                            count: 1,
                        }],
                        ..ProfileRequest::default()
                    };
                    let kind = ProfileRequest {
                        kinds: vec![name.clone()],
                        ..ProfileRequest::default()
                    };
                    assert!(
                        resolve_profile(catalog, &request).is_ok()
                            || resolve_profile(catalog, &kind).is_ok(),
                        "`{text}`: the closest name `{name}` does not resolve"
                    );
                }
            }
        }
    }
}

/// The bytes as an argument list: NUL separates arguments (as in a real `argv`).
fn command_line(data: &[u8]) {
    let args: Vec<OsString> = data
        .split(|b| *b == 0)
        .map(|arg| OsString::from_vec(arg.to_vec()))
        .collect();
    // `validate` reads a folder the arguments name: not this target's business.
    if args.iter().any(|arg| arg == "validate") {
        return;
    }
    let outcome = leimu_cli::run(args.clone(), Lang::En);
    match outcome.code {
        0 => {
            if outcome.stdout.starts_with(['[', '{']) {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&outcome.stdout).is_ok(),
                    "{args:?}: output that looks like JSON and is not"
                );
            }
        }
        2 => {
            assert!(outcome.stdout.is_empty(), "{args:?}: {}", outcome.stdout);
            assert!(
                outcome.stderr.starts_with("error: ") || outcome.stderr.starts_with("错误："),
                "{args:?}: {}",
                outcome.stderr
            );
        }
        code => panic!("{args:?} exited {code}: {}", outcome.stderr),
    }
}
