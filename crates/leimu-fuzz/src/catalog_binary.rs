//! The catalogue's binary form (`catalog.bin`, what the site, the widget and
//! the npm package embed; `leimu_engine::binary`).
//!
//! - Any bytes: a catalogue or an error naming the byte where decoding
//!   failed (within the input). What decodes encodes again and decodes to
//!   the same data; what loads satisfies everything `catalog_json` asks.

use leimu_engine::{Catalog, binary};

pub fn check(data: &[u8]) {
    match binary::decode(data) {
        Ok(decoded) => {
            match binary::encode(&decoded) {
                Ok(bytes) => match binary::decode(&bytes) {
                    Ok(again) => assert_eq!(again, decoded, "binary round trip"),
                    Err(error) => panic!("re-encoded bytes do not decode: {error}"),
                },
                Err(error) => panic!("decoded data does not encode: {error}"),
            }
            if let Ok(catalog) = Catalog::from_data(decoded) {
                crate::catalog_json::assert_whole(&catalog);
            }
        }
        Err(error) => {
            assert!(
                error.offset <= data.len(),
                "{error} past the end ({})",
                data.len()
            );
            assert!(!error.problem.trim().is_empty());
        }
    }
    if let Err(error) = Catalog::from_bytes(data) {
        assert!(!error.to_string().trim().is_empty());
    }
}
