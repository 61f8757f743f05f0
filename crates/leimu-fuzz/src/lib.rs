//! The fuzz targets' bodies: one function per decoder of input from outside
//! leimu, taking the fuzzer's bytes and panicking when something that must
//! hold does not. Each asserts more than "no crash":
//!
//! - decoding what was encoded gives it back (share links, stored profiles,
//!   client indexes and profile files,
//!   widget commands, the catalogue's JSON and binary forms);
//! - what a decoder drops is reported (unknown ids in share links, stored
//!   profiles and plans; closest names that resolve);
//! - an answer is an answer or an error with a message (the JavaScript API,
//!   the CLI, search).
//!
//! They live in an ordinary crate, built on stable, so that `cargo test`
//! replays the committed corpora (`fuzz/corpus/<target>/`, see
//! `tests/corpora.rs`) without nightly; `fuzz/` (cargo-fuzz, outside the
//! workspace) only wraps each in `fuzz_target!`. The properties are written
//! against the decoders' public functions, so new fields in the stored
//! profile or new commands do not break them.

pub mod catalog_binary;
pub mod catalog_json;
pub mod cli;
pub mod client_files;
pub mod js_api;
pub mod search_query;
pub mod seeds;
pub mod share_link;
pub mod stored_profile;
pub mod widget_command;

use std::sync::OnceLock;

use arbitrary::Unstructured;
use leimu_engine::{Catalog, Profile};

/// A target's body: the fuzzer's bytes in, a panic when a property breaks.
pub type Check = fn(&[u8]);

/// Every target: its name (the file in `fuzz/fuzz_targets/` and the folder in `fuzz/corpus/`) and its body.
pub const TARGETS: &[(&str, Check)] = &[
    ("share_link", share_link::check),
    ("stored_profile", stored_profile::check),
    ("client_files", client_files::check),
    ("widget_command", widget_command::check),
    ("js_api", js_api::check),
    ("cli", cli::check),
    ("catalog_json", catalog_json::check),
    ("catalog_binary", catalog_binary::check),
    ("search_query", search_query::check),
];

/// The real catalogue, loaded once per process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| match Catalog::from_json(leimu_cli::CATALOG_JSON) {
        Ok(catalog) => catalog,
        Err(error) => panic!("the embedded catalogue does not load: {error}"),
    })
}

/// A profile of ids the catalogue knows, chosen by the fuzzer's bytes, as
/// the site and the widget build them (counts 1–99, each kind once).
pub fn arbitrary_profile(u: &mut Unstructured, catalog: &Catalog) -> Profile {
    let documents = catalog.documents();
    let kinds = &catalog.data().applicant_kinds;
    let mut profile = Profile::default();
    for side in [&mut profile.applicant, &mut profile.partners] {
        let count = u.int_in_range(0..=6).unwrap_or(0);
        for _ in 0..count {
            let Ok(index) = u.choose_index(documents.len()) else {
                break;
            };
            let held = u.int_in_range(1..=99).unwrap_or(1);
            if let Some(document) = documents.get(index) {
                side.insert(document.id.clone(), held);
            }
        }
    }
    // What the applicant is and is not: only statements that agree with
    // each other (a contradictory profile is refused, not evaluated).
    for denied in [false, true] {
        let count = u.int_in_range(0..=if denied { 2 } else { 3 }).unwrap_or(0);
        for _ in 0..count {
            let Ok(index) = u.choose_index(kinds.len()) else {
                break;
            };
            let Some(kind) = kinds.get(index) else {
                continue;
            };
            if profile.kinds.contains(&kind.id) || profile.not_kinds.contains(&kind.id) {
                continue;
            }
            let list = if denied {
                &mut profile.not_kinds
            } else {
                &mut profile.kinds
            };
            list.push(kind.id.clone());
            if catalog.kinds_contradict(&profile.kinds, &profile.not_kinds) {
                let list = if denied {
                    &mut profile.not_kinds
                } else {
                    &mut profile.kinds
                };
                list.pop();
            }
        }
    }
    for id in arbitrary_leaves(u, catalog, 2) {
        profile.approved.push(id);
    }
    const SCOPES: [&str; 4] = [
        "",
        "一般项目：商业保理；企业管理咨询",
        "茶叶销售，预包装食品销售",
        "住宿服务、餐饮服务（依法须经批准的项目除外）",
    ];
    profile.scope = SCOPES[u.choose_index(SCOPES.len()).unwrap_or(0)].to_owned();
    let labels = &catalog.data().applicant_labels;
    let answers = u.int_in_range(0..=3).unwrap_or(0);
    for _ in 0..answers {
        let (Ok(label), Ok(for_category)) = (u.choose_index(labels.len()), u.arbitrary::<bool>())
        else {
            break;
        };
        let category = if for_category {
            arbitrary_leaves(u, catalog, 1).into_iter().next()
        } else {
            None
        };
        let Some(label) = labels.get(label) else {
            continue;
        };
        let question = leimu_engine::question::label(&label.id);
        if profile
            .answers
            .iter()
            .any(|a| a.question == question && a.category == category)
        {
            continue;
        }
        profile.answers.push(leimu_engine::Answer {
            category,
            question,
            holds: u.arbitrary().unwrap_or(false),
        });
    }
    profile
}

/// Distinct leaf ids chosen by the fuzzer's bytes.
pub fn arbitrary_leaves(u: &mut Unstructured, catalog: &Catalog, most: usize) -> Vec<String> {
    let leaves = catalog.leaves();
    let mut ids: Vec<String> = Vec::new();
    let count = u.int_in_range(0..=most).unwrap_or(0);
    for _ in 0..count {
        let Ok(index) = u.choose_index(leaves.len()) else {
            break;
        };
        if let Some(leaf) = leaves.get(index)
            && !ids.contains(&leaf.id)
        {
            ids.push(leaf.id.clone());
        }
    }
    ids
}

/// Every id of a profile is in the catalogue, with a count of 1–99, each kind once.
pub fn assert_known(profile: &Profile, catalog: &Catalog, context: &str) {
    for (id, count) in profile.applicant.iter().chain(&profile.partners) {
        assert!(
            catalog.document(id).is_some(),
            "{context}: kept unknown document `{id}`"
        );
        assert!(
            (1..=99).contains(count),
            "{context}: kept count {count} for `{id}`"
        );
    }
    for (i, kind) in profile.kinds.iter().enumerate() {
        assert!(
            catalog
                .data()
                .applicant_kinds
                .iter()
                .any(|known| known.id == *kind),
            "{context}: kept unknown kind `{kind}`"
        );
        assert!(
            !profile.kinds[..i].contains(kind),
            "{context}: kind `{kind}` kept twice"
        );
    }
}
