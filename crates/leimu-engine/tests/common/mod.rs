//! Shared by the engine's integration tests: the real catalogue and name lookups.
#![allow(dead_code)]

use std::sync::OnceLock;

use leimu_engine::model::Leaf;
use leimu_engine::{Catalog, Lookup, Profile};

pub const CATALOG_JSON: &str = include_str!("../../../../catalog/generated/catalog.json");

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_json(CATALOG_JSON).expect("the generated catalogue loads"))
}

pub fn leaf(name: &str) -> &'static Leaf {
    match catalog().find_leaf(name) {
        Lookup::Found(leaf) => leaf,
        other => panic!("category `{name}` does not resolve to one leaf: {other:?}"),
    }
}

pub fn document_id(name: &str) -> String {
    match catalog().find_document(name) {
        Lookup::Found(document) => document.id.clone(),
        other => panic!("document `{name}` does not resolve to one document: {other:?}"),
    }
}

/// `name` or `name=N`.
pub fn holding(text: &str) -> (String, u32) {
    match text.rsplit_once('=') {
        Some((name, count)) if count.chars().all(|c| c.is_ascii_digit()) && !count.is_empty() => {
            (document_id(name), count.parse().expect("count"))
        }
        _ => (document_id(text), 1),
    }
}

pub fn profile(have: &[String], partner: &[String], kinds: &[String]) -> Profile {
    let mut profile = Profile::default();
    for h in have {
        let (id, n) = holding(h);
        profile.applicant.insert(id, n);
    }
    for h in partner {
        let (id, n) = holding(h);
        profile.partners.insert(id, n);
    }
    for kind in kinds {
        let found = catalog()
            .data()
            .applicant_kinds
            .iter()
            .find(|k| k.id == *kind || k.name == *kind || k.labels.iter().any(|l| l == kind))
            .unwrap_or_else(|| panic!("applicant kind `{kind}` is not in the registry"));
        profile.kinds.push(found.id.clone());
    }
    profile
}
