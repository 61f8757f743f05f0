//! The leimu web site: a Leptos client-side app that embeds the compiled
//! catalogue and runs the engine in the browser. There is no server: the
//! built `dist/` works from any static host, under any sub-path.
//!
//! `lib.rs` holds the app and `main.rs` only mounts it, so tests can mount
//! components. State follows the Leptos book's order: the URL first (the
//! route lives in the fragment, so deep links, reloads and the back button
//! work on a static host), then context for the profile, language and plan.
//! The catalogue never changes, so it is a plain `&'static` value, never a
//! signal.

#![cfg_attr(feature = "ssr", recursion_limit = "256")]

pub mod app;
pub mod boot_shell;
pub mod clients;
pub mod components;
pub mod document_search;
pub mod embed;
pub mod fetch;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod profile_edit;
pub mod state;
#[cfg(feature = "ssr")]
pub mod static_pages;
pub mod storage;

use std::sync::OnceLock;

use leimu_engine::{Catalog, LoadError};

/// The compiled catalogue, embedded at build time in its binary form
/// (`catalog.json` says the same; see `leimu_engine::binary`): it decodes
/// several times faster than JSON, and the wasm then needs no JSON parser
/// and no deserialisers for the catalogue's types.
pub const CATALOG_BIN: &[u8] = include_bytes!("../../catalog/generated/catalog.bin");

/// The catalogue, decoded once.
pub fn catalog() -> Result<&'static Catalog, &'static LoadError> {
    static CATALOG: OnceLock<Result<Catalog, LoadError>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::from_bytes(CATALOG_BIN))
        .as_ref()
}

pub use app::App;
