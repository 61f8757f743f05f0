//! `leimu-catalog validate [DIR]`: the catalogue validator on its own, for
//! people editing `catalog/` (the same check as `leimu validate`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("validate") => {
            let root = args
                .next()
                .map(PathBuf::from)
                .unwrap_or_else(leimu_catalog::default_catalog_dir);
            let diagnostics = leimu_catalog::validate(&root);
            for d in &diagnostics {
                println!("{d}");
            }
            if diagnostics.is_empty() {
                println!("catalogue ok");
                ExitCode::SUCCESS
            } else {
                eprintln!("{} problem(s)", diagnostics.len());
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: leimu-catalog validate [CATALOG_DIR]");
            ExitCode::from(2)
        }
    }
}
