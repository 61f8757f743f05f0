//! Shared by the engine's integration tests: the real catalogue and name lookups.
#![allow(dead_code)]

use std::sync::OnceLock;

use leimu_engine::model::Leaf;
use leimu_engine::report::{Holding, ProfileRequest, resolve_profile_for};
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
    request_profile(
        &ProfileRequest {
            have: have
                .iter()
                .map(|h| Holding::parse(h).expect("holding"))
                .collect(),
            partner: partner
                .iter()
                .map(|h| Holding::parse(h).expect("holding"))
                .collect(),
            kinds: kinds.to_vec(),
            ..ProfileRequest::default()
        },
        &[],
    )
}

/// Resolves a request as the CLI does, for questions about `categories`.
pub fn request_profile(request: &ProfileRequest, categories: &[&Leaf]) -> Profile {
    resolve_profile_for(catalog(), request, categories)
        .unwrap_or_else(|problems| panic!("the profile does not resolve: {problems:?}"))
}
