//! Reads, validates and compiles the leimu catalogue source.
//!
//! `catalog/` holds the human-edited source (one TOML file per first-level
//! category, plus the document and applicant-kind registries); this crate
//! turns it into the engine's [`leimu_engine::model::CatalogData`] and the
//! committed `catalog/generated/catalog.json`, and proves on the way that the
//! catalogue is the official text and nothing else ([`fidelity`], [`mentions`]).

pub mod compile;
pub mod derive;
pub mod diagnostic;
pub mod double_entry;
pub mod fidelity;
pub mod generate;
pub mod kinds;
pub mod mentions;
pub mod pinyin_text;
pub mod provenance;
pub mod references;
pub mod rule;
pub mod scope_conditions;
pub mod source;
pub mod update_source;

use std::path::{Path, PathBuf};

pub use compile::compile;
pub use diagnostic::Diagnostic;
pub use source::{CatalogSource, read_catalog};

/// The repository's `catalog/` folder (this crate lives in `crates/leimu-catalog`).
pub fn default_catalog_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog")
}

/// Prints a validation report (every problem, then a summary) and says whether the catalogue is valid.
pub fn print_report(diagnostics: &[Diagnostic]) -> bool {
    use std::io::Write;
    // A closed pipe (`leimu validate | head`) must not panic: write and ignore the error.
    let mut stdout = std::io::stdout().lock();
    for d in diagnostics {
        let _ = writeln!(stdout, "{d}");
    }
    if diagnostics.is_empty() {
        let _ = writeln!(stdout, "catalogue ok");
    } else {
        eprintln!("{} problem(s)", diagnostics.len());
    }
    diagnostics.is_empty()
}

/// Reads and validates a catalogue folder: every problem, in file and line order.
pub fn validate(root: &Path) -> Vec<Diagnostic> {
    let (catalog, mut diagnostics) = read_catalog(root);
    let (_, more) = compile(&catalog);
    diagnostics.extend(more);
    diagnostics
}
