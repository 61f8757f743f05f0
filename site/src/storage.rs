//! localStorage, used gently: a browser that refuses storage (private mode,
//! a full quota, an embedding that blocks it) still gets a working site, it
//! just forgets on reload — and [`set`] says so, so the site can tell the
//! user at once instead of claiming a save or a backup it never made.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Writes `value`; `false` when the browser refused (no storage, quota full).
#[must_use]
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Every key that starts with `prefix` (to find client profiles an index lost).
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(storage) = local() else {
        return Vec::new();
    };
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}
