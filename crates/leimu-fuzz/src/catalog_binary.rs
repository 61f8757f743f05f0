//! The catalogue's binary form (`catalog.bin`, what the site, the widget and
//! the npm package embed; `leimu_engine::binary`).
//!
//! - Any bytes: a catalogue or an error naming the byte where decoding
//!   failed (within the input). What decodes encodes again and decodes to
//!   the same data; what loads satisfies everything `catalog_json` asks.
//! - The same bytes as a lexicon file (`lexicon.bin`): entries or an error
//!   within the input; what decodes encodes and decodes to the same; a
//!   catalogue takes it only when it names those bytes' fingerprint.

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
    match binary::decode_lexicon(data) {
        Ok(lexicon) => match binary::encode_lexicon(&lexicon) {
            Ok(bytes) => assert_eq!(
                binary::decode_lexicon(&bytes).as_ref(),
                Ok(&lexicon),
                "lexicon round trip"
            ),
            Err(error) => panic!("decoded lexicon does not encode: {error}"),
        },
        Err(error) => {
            assert!(error.offset <= data.len(), "{error} past the end");
            assert!(!error.problem.trim().is_empty());
        }
    }
    // The real catalogue names one lexicon file: any other bytes are refused.
    static REAL: std::sync::OnceLock<Option<Catalog>> = std::sync::OnceLock::new();
    if let Some(catalog) = REAL.get_or_init(|| Catalog::from_bytes(CATALOG_BIN).ok())
        && data != LEXICON_BIN
    {
        assert!(
            catalog.add_lexicon(data).is_err(),
            "a foreign lexicon file was added"
        );
        assert!(catalog.missing_lexicon_file().is_some());
    }
}

const CATALOG_BIN: &[u8] = include_bytes!("../../../catalog/generated/catalog.bin");
const LEXICON_BIN: &[u8] = include_bytes!("../../../catalog/generated/lexicon.bin");
