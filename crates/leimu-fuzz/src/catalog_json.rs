//! The catalogue's JSON form (`catalog.json`, open data anyone may edit and
//! load with `Catalog::from_json`).
//!
//! - Any text: a catalogue or a `LoadError` with a message. A catalogue that
//!   loads writes itself as JSON and as the binary form (unless a text holds
//!   NUL, which only JSON can carry), and both read back as the same data;
//!   every leaf answers `evaluate`, and `search` answers.

use leimu_engine::{Catalog, Profile, binary};

pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Catalog::from_json(&text) {
        Ok(catalog) => assert_whole(&catalog),
        Err(error) => assert!(!error.to_string().trim().is_empty()),
    }
}

/// What every catalogue that loads must do, whichever form it came from.
pub fn assert_whole(catalog: &Catalog) {
    let data = catalog.data();
    let json = match serde_json::to_string(data) {
        Ok(json) => json,
        Err(error) => panic!("a loaded catalogue does not serialise: {error}"),
    };
    match Catalog::from_json(&json) {
        Ok(again) => assert_eq!(again.data(), data, "JSON round trip"),
        Err(error) => panic!("a loaded catalogue written as JSON does not load: {error}"),
    }
    match binary::encode(data) {
        Ok(bytes) => match Catalog::from_bytes(&bytes) {
            Ok(again) => assert_eq!(again.data(), data, "binary round trip"),
            Err(error) => panic!("a loaded catalogue encoded does not decode: {error}"),
        },
        // The binary form ends strings with NUL, so it cannot carry one; JSON can.
        Err(error) if error.contains("NUL") && json.contains("\\u0000") => {}
        Err(error) => panic!("a loaded catalogue does not encode: {error}"),
    }
    let empty = Profile::default();
    for leaf in catalog.leaves().iter().take(64) {
        let verdict = catalog.evaluate(&leaf.id, &empty);
        assert!(verdict.is_some(), "no verdict for `{}`", leaf.id);
    }
    if let Some(leaf) = catalog.leaves().first() {
        let _ = catalog.search(&leaf.id, 5);
        let _ = catalog.search(&Catalog::display_path(leaf), 5);
    }
}
