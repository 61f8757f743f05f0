//! The leimu engine as a JavaScript module, for hosts that want answers
//! without the site's interface: `search`, `check`, `unlock`, `plan`, `show`
//! and `list`, returning plain objects with the same fields as the CLI's
//! `--json` output (both are built by `leimu_engine::report`).
//!
//! This file is only the wasm boundary. The functions take their arguments
//! as JSON text, which the package's entry module (`package/leimu.js`)
//! produces after checking in JavaScript that they are plain data; the work
//! is done by [`answers`], in plain Rust. Answers cross back as plain objects
//! and arrays (`Serializer::json_compatible`: no `Map`s, `null` for absent
//! values), and every mistake comes back as a thrown `Error` whose message
//! names the function, the problem and what to do. Nothing here panics: the
//! module is built with `panic = "abort"`, and a panic would kill it for the
//! whole page.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod answers;
pub mod input;

use std::sync::OnceLock;

use leimu_engine::Catalog;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The compiled catalogue, embedded at build time (as in the CLI and the site).
const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");

/// The catalogue, parsed once on first use.
pub fn catalog() -> Result<&'static Catalog, String> {
    static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            Catalog::from_json(CATALOG_JSON)
                .map_err(|e| format!("the embedded catalogue did not load ({e}); this is a bug in this build of leimu"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Turns an answer into a plain JS value, or a message into a thrown `Error`.
fn answer<T: Serialize>(function: &str, result: Result<T, String>) -> Result<JsValue, JsValue> {
    let fail =
        |message: String| JsValue::from(js_sys::Error::new(&format!("{function}: {message}")));
    let value = result.map_err(fail)?;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            fail(format!(
                "the answer could not be converted ({e}); this is a bug in leimu"
            ))
        })
}

#[wasm_bindgen]
pub fn search(query: &str, options: &str) -> Result<JsValue, JsValue> {
    answer(
        "search",
        catalog().and_then(|c| answers::search(c, query, options)),
    )
}

#[wasm_bindgen]
pub fn check(category: &str, profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "check",
        catalog().and_then(|c| answers::check(c, category, profile)),
    )
}

#[wasm_bindgen]
pub fn unlock(profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "unlock",
        catalog().and_then(|c| answers::unlock(c, profile)),
    )
}

#[wasm_bindgen]
pub fn plan(categories: &str, profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "plan",
        catalog().and_then(|c| answers::plan(c, categories, profile)),
    )
}

#[wasm_bindgen]
pub fn show(category: &str) -> Result<JsValue, JsValue> {
    answer("show", catalog().and_then(|c| answers::show(c, category)))
}

#[wasm_bindgen]
pub fn list() -> Result<JsValue, JsValue> {
    answer("list", catalog().map(answers::list))
}

/// The package's version (the workspace version), for hosts that log what they run.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
