//! JSON text for what the site stores, shares and exports.
//!
//! In the browser this goes through the browser's own `JSON`: values are
//! written with serde-wasm-bindgen and `JSON.stringify`, and read back with
//! `JSON.parse` into a small [`Json`] tree that `state.rs` reads by hand. The
//! wasm then carries no JSON parser and no serde deserialisers (reading by
//! hand instead of through serde-wasm-bindgen alone measured −7 KB brotli). Natively — the unit tests of `state.rs` — serde_json
//! does the same two jobs and writes the same text: plain objects for
//! structs and maps, `null` for `None`, two spaces of indentation for the
//! pretty form. The wasm-bindgen tests in `tests/web.rs` check the browser
//! path against the native tests' expectations.

use serde::Serialize;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Members in the order written.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A whole number in `u32`'s range.
    pub fn as_u32(&self) -> Option<u32> {
        match *self {
            Json::Number(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Some(n as u32)
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// An object of counts (`{"business-licence": 2}`); `None` if any value
    /// is not a whole number in `u32`'s range.
    pub fn as_counts(&self) -> Option<std::collections::BTreeMap<String, u32>> {
        match self {
            Json::Object(members) => members
                .iter()
                .map(|(key, count)| Some((key.clone(), count.as_u32()?)))
                .collect(),
            _ => None,
        }
    }

    /// An array of strings; `None` if anything else is in it.
    pub fn as_strings(&self) -> Option<Vec<String>> {
        match self {
            Json::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect(),
            _ => None,
        }
    }
}

/// Compact JSON; `None` only if the value cannot be represented.
pub fn to_string<T: Serialize>(value: &T) -> Option<String> {
    imp::to_string(value, false)
}

/// JSON indented by two spaces, for files people read.
pub fn to_string_pretty<T: Serialize>(value: &T) -> Option<String> {
    imp::to_string(value, true)
}

/// How deeply arrays and objects may nest in what the site reads. Nothing it
/// stores nests deeper than 4; a stored value or a file nested thousands
/// deep (tampering, a fuzzer) would otherwise exhaust the wasm stack while
/// being read, and a trap blanks the page.
pub const MAX_DEPTH: usize = 32;

/// Parses JSON text; `None` if it is not JSON or nests deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Option<Json> {
    imp::parse(text)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Json;
    use serde::Serialize;
    use wasm_bindgen::{JsCast, JsValue};

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

    pub fn parse(text: &str) -> Option<Json> {
        from_js(&js_sys::JSON::parse(text).ok()?, 0)
    }

    /// What `JSON.parse` returns is always one of these shapes; `None` past [`super::MAX_DEPTH`].
    fn from_js(value: &JsValue, depth: usize) -> Option<Json> {
        Some(if let Some(b) = value.as_bool() {
            Json::Bool(b)
        } else if let Some(n) = value.as_f64() {
            Json::Number(n)
        } else if let Some(s) = value.as_string() {
            Json::String(s)
        } else if depth >= super::MAX_DEPTH {
            return None;
        } else if let Some(array) = value.dyn_ref::<js_sys::Array>() {
            Json::Array(
                array
                    .iter()
                    .map(|item| from_js(&item, depth + 1))
                    .collect::<Option<_>>()?,
            )
        } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
            let mut members = Vec::new();
            for entry in js_sys::Object::entries(object).iter() {
                let Ok(entry) = entry.dyn_into::<js_sys::Array>() else {
                    continue;
                };
                if let Some(key) = entry.get(0).as_string() {
                    members.push((key, from_js(&entry.get(1), depth + 1)?));
                }
            }
            Json::Object(members)
        } else {
            Json::Null
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::Json;
    use serde::Serialize;

    pub fn to_string<T: Serialize>(value: &T, pretty: bool) -> Option<String> {
        if pretty {
            serde_json::to_string_pretty(value).ok()
        } else {
            serde_json::to_string(value).ok()
        }
    }

    pub fn parse(text: &str) -> Option<Json> {
        // serde_json stops at 128 levels itself; the site's own limit is lower.
        from_value(serde_json::from_str(text).ok()?, 0)
    }

    fn from_value(value: serde_json::Value, depth: usize) -> Option<Json> {
        use serde_json::Value;
        Some(match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::String(s),
            _ if depth >= super::MAX_DEPTH => return None,
            Value::Array(items) => Json::Array(
                items
                    .into_iter()
                    .map(|v| from_value(v, depth + 1))
                    .collect::<Option<_>>()?,
            ),
            Value::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| Some((k, from_value(v, depth + 1)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }
}
