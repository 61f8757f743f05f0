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

use answers::Failure;
use leimu_engine::Catalog;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The compiled catalogue, embedded at build time in its binary form (as in
/// the site): smaller than the JSON and decoded several times faster.
const CATALOG_BIN: &[u8] = include_bytes!("../../../catalog/generated/catalog.bin");

/// Its search lexicon, which the site fetches after its first paint; a
/// package answers every search alike from the start, so it embeds it.
const LEXICON_BIN: &[u8] = include_bytes!("../../../catalog/generated/lexicon.bin");

/// The catalogue with its lexicon, parsed once on first use.
pub fn catalog() -> Result<&'static Catalog, String> {
    static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let catalog = Catalog::from_bytes(CATALOG_BIN).map_err(|e| e.to_string())?;
            catalog
                .add_lexicon(LEXICON_BIN)
                .map_err(|e| e.to_string())?;
            Ok(catalog)
        })
        .as_ref()
        .map_err(|e| {
            format!(
                "the embedded catalogue did not load ({e}); this is a bug in this build of leimu"
            )
        })
}

/// Turns an answer into a plain JS value, or a failure into a thrown `Error`
/// (with `problems`: the names that did not resolve, as plain objects).
fn answer<T: Serialize>(function: &str, result: Result<T, Failure>) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let error = |failure: Failure| {
        let error = js_sys::Error::new(&format!("{function}: {}", failure.message));
        let problems = failure
            .problems
            .serialize(&serializer)
            .unwrap_or_else(|_| js_sys::Array::new().into());
        // Setting a property on a fresh Error cannot fail; if it did, the message still says everything.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("problems"), &problems);
        JsValue::from(error)
    };
    let value = result.map_err(error)?;
    value.serialize(&serializer).map_err(|e| {
        error(Failure::from(format!(
            "the answer could not be converted ({e}); this is a bug in leimu"
        )))
    })
}

fn catalog_or_failure() -> Result<&'static Catalog, Failure> {
    catalog().map_err(Failure::from)
}

#[wasm_bindgen]
pub fn search(query: &str, options: &str) -> Result<JsValue, JsValue> {
    answer(
        "search",
        catalog_or_failure().and_then(|c| answers::search(c, query, options)),
    )
}

#[wasm_bindgen]
pub fn check(category: &str, profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "check",
        catalog_or_failure().and_then(|c| answers::check(c, category, profile)),
    )
}

#[wasm_bindgen]
pub fn unlock(profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "unlock",
        catalog_or_failure().and_then(|c| answers::unlock(c, profile)),
    )
}

#[wasm_bindgen]
pub fn plan(categories: &str, profile: &str) -> Result<JsValue, JsValue> {
    answer(
        "plan",
        catalog_or_failure().and_then(|c| answers::plan(c, categories, profile)),
    )
}

#[wasm_bindgen]
pub fn show(category: &str) -> Result<JsValue, JsValue> {
    answer(
        "show",
        catalog_or_failure().and_then(|c| answers::show(c, category)),
    )
}

#[wasm_bindgen]
pub fn list() -> Result<JsValue, JsValue> {
    answer("list", catalog_or_failure().map(answers::list))
}

#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsValue> {
    answer("info", catalog_or_failure().map(answers::info))
}

/// The package's version (the workspace version), for hosts that log what they run.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
