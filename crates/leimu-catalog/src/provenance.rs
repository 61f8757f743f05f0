//! The catalogue's provenance: which source text it is, taken when, and the
//! version it is published as.
//!
//! The maintainer sets the version and the day the text was taken in
//! `catalog/provenance.toml`; the hash of `source.txt` is written there too
//! and checked here, so replacing the text without saying so fails
//! validation (a stale hash would name the wrong text to every user). A
//! catalogue folder without the file (a test's, or one being entered)
//! compiles with an empty provenance; the repository's own has one, and a
//! test says so.

use leimu_engine::model::Provenance;
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::source::CatalogSource;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Reads and checks `provenance.toml` against the source text.
pub fn compile_provenance(
    catalog: &CatalogSource,
    diagnostics: &mut Vec<Diagnostic>,
) -> Provenance {
    let Some(file) = &catalog.provenance else {
        return Provenance::default();
    };
    let value = &file.value;
    let version = value.version.get_ref().trim();
    if version.is_empty() || version.chars().any(|c| c.is_whitespace() || c.is_control()) {
        diagnostics.push(file.error_at(
            &value.version,
            format!("the version `{version}` must be one word, such as `2026.1`"),
        ));
    }
    let taken = value.taken.get_ref().trim();
    if !is_date(taken) {
        diagnostics.push(file.error_at(
            &value.taken,
            format!("`taken` must be the day the text was taken, as YYYY-MM-DD, not `{taken}`"),
        ));
    }
    let actual = sha256_hex(catalog.source_text.as_bytes());
    let written = value.source_sha256.get_ref().trim();
    if written != actual {
        diagnostics.push(file.error_at(
            &value.source_sha256,
            format!(
                "`source_sha256` is `{written}` but source.txt hashes to `{actual}`: the text changed; \
                 set `source_sha256` to it, and `taken` and `version` for the new text"
            ),
        ));
    }
    Provenance {
        version: version.to_owned(),
        taken: taken.to_owned(),
        source_sha256: actual,
    }
}

/// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [year, month, day] => {
            number(year, 4).is_some()
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2026-11-28"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-1-01"));
        assert!(!is_date("28.11.2026"));
    }

    #[test]
    fn hash_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
