//! Fetching a file that sits beside the page (the lexicon, what changed in
//! the catalogue): the site's only requests after its first download.
//!
//! The global `fetch` and the few members of its `Response` read here are
//! declared directly rather than through web-sys's `Request`/`Response`
//! features, which would add their bindings to the wasm.

/// The body of `url` as bytes, or `None` when it cannot be had (offline
/// with no cached copy, an HTTP error).
#[cfg(target_arch = "wasm32")]
pub async fn bytes(url: &str) -> Option<Vec<u8>> {
    let response = ok_response(url).await?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The body of `url` as text, or `None` as for [`bytes`].
#[cfg(target_arch = "wasm32")]
pub async fn text(url: &str) -> Option<String> {
    let response = ok_response(url).await?;
    wasm_bindgen_futures::JsFuture::from(response.text())
        .await
        .ok()?
        .as_string()
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = fetch)]
        pub fn fetch_url(url: &str) -> js_sys::Promise;
        pub type FetchResponse;
        #[wasm_bindgen(method, getter)]
        pub fn ok(this: &FetchResponse) -> bool;
        #[wasm_bindgen(method)]
        pub fn text(this: &FetchResponse) -> js_sys::Promise;
        #[wasm_bindgen(method, js_name = arrayBuffer)]
        pub fn array_buffer(this: &FetchResponse) -> js_sys::Promise;
    }
}

#[cfg(target_arch = "wasm32")]
async fn ok_response(url: &str) -> Option<js::FetchResponse> {
    use wasm_bindgen::JsCast;
    let response: js::FetchResponse = wasm_bindgen_futures::JsFuture::from(js::fetch_url(url))
        .await
        .ok()?
        .unchecked_into();
    response.ok().then_some(response)
}

/// Natively (unit tests, the static pages' renderer) there is nothing to fetch.
#[cfg(not(target_arch = "wasm32"))]
pub async fn bytes(_url: &str) -> Option<Vec<u8>> {
    None
}

/// Natively there is nothing to fetch.
#[cfg(not(target_arch = "wasm32"))]
pub async fn text(_url: &str) -> Option<String> {
    None
}
