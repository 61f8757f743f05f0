//! JSON text for what the site stores, shares and exports.
//!
//! In the browser this goes through the browser's own `JSON` and
//! serde-wasm-bindgen, so the wasm carries no JSON parser or printer of its
//! own (serde_json was about a tenth of the site's download). Natively — the
//! unit tests of `state.rs` — it goes through serde_json, which writes the
//! same text: plain objects for structs and maps, `null` for `None`, two
//! spaces of indentation for the pretty form. The wasm-bindgen tests in
//! `tests/web.rs` check the browser path against the same expectations.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Compact JSON; `None` only if the value cannot be represented.
pub fn to_string<T: Serialize>(value: &T) -> Option<String> {
    imp::to_string(value, false)
}

/// JSON indented by two spaces, for files people read.
pub fn to_string_pretty<T: Serialize>(value: &T) -> Option<String> {
    imp::to_string(value, true)
}

/// Parses JSON text into `T`; `None` if it is not JSON or not of `T`'s shape.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    imp::from_str(text)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::JsValue;

    pub fn to_string<T: Serialize>(value: &T, pretty: bool) -> Option<String> {
        let value = value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .ok()?;
        let text = if pretty {
            js_sys::JSON::stringify_with_replacer_and_space(
                &value,
                &JsValue::NULL,
                &JsValue::from(2),
            )
        } else {
            js_sys::JSON::stringify(&value)
        };
        text.ok()?.as_string()
    }

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        let value = js_sys::JSON::parse(text).ok()?;
        serde_wasm_bindgen::from_value(value).ok()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    pub fn to_string<T: Serialize>(value: &T, pretty: bool) -> Option<String> {
        if pretty {
            serde_json::to_string_pretty(value).ok()
        } else {
            serde_json::to_string(value).ok()
        }
    }

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }
}
