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

/// Parses JSON text; `None` if it is not JSON.
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
        js_sys::JSON::parse(text).ok().map(|value| from_js(&value))
    }

    /// What `JSON.parse` returns is always one of these shapes.
    fn from_js(value: &JsValue) -> Json {
        if let Some(b) = value.as_bool() {
            Json::Bool(b)
        } else if let Some(n) = value.as_f64() {
            Json::Number(n)
        } else if let Some(s) = value.as_string() {
            Json::String(s)
        } else if let Some(array) = value.dyn_ref::<js_sys::Array>() {
            Json::Array(array.iter().map(|item| from_js(&item)).collect())
        } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
            Json::Object(
                js_sys::Object::entries(object)
                    .iter()
                    .filter_map(|entry| {
                        let entry = entry.dyn_into::<js_sys::Array>().ok()?;
                        Some((entry.get(0).as_string()?, from_js(&entry.get(1))))
                    })
                    .collect(),
            )
        } else {
            Json::Null
        }
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
        serde_json::from_str(text).ok().map(from_value)
    }

    fn from_value(value: serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(from_value).collect()),
            Value::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k, from_value(v)))
                    .collect(),
            ),
        }
    }
}
