//! The catalogue's versions: `cargo xtask diff REV1 [REV2]` compares the
//! catalogues of two git revisions (the second defaults to the working
//! tree), with the same comparison as `leimu diff`
//! (`leimu_engine::diff`), which this only feeds with `git show`'s output.

use std::path::Path;
use std::process::Command;

use leimu_engine::diff::{diff, read_catalogue};

/// `cargo xtask update-source NEW.txt`: replaces `catalog/source.txt` and
/// marks the rows whose text changed (see `leimu_catalog::update_source`).
pub fn update_source(root: &Path, args: &[String]) -> Result<(), String> {
    let [new] = args else {
        return Err("usage: cargo xtask update-source NEW.txt".into());
    };
    let text = std::fs::read_to_string(new).map_err(|e| format!("cannot read `{new}`: {e}"))?;
    match leimu_catalog::update_source::update_source(&root.join("catalog"), &text) {
        Ok(report) => {
            print!("{}", report.to_text());
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            Err(format!(
                "{} problem(s): the catalogue must validate against its current source.txt, with no row left marked, before it takes in a new text; nothing was changed",
                problems.len()
            ))
        }
    }
}

const CATALOG_JSON: &str = "catalog/generated/catalog.json";

/// `cargo xtask diff REV1 [REV2] [--json]`.
pub fn diff_revisions(root: &Path, args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let revisions: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let (old, new) = match revisions.as_slice() {
        [old] => (catalogue_at(root, old)?, working_tree_catalogue(root)?),
        [old, new] => (catalogue_at(root, old)?, catalogue_at(root, new)?),
        _ => {
            return Err(
                "usage: cargo xtask diff REV1 [REV2] [--json] (REV2 defaults to the working tree)"
                    .into(),
            );
        }
    };
    let changes = diff(&old, &new);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&changes).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", changes.to_text());
    }
    Ok(())
}

fn working_tree_catalogue(root: &Path) -> Result<leimu_engine::model::CatalogData, String> {
    let bytes = std::fs::read(root.join(CATALOG_JSON))
        .map_err(|e| format!("cannot read {CATALOG_JSON}: {e}"))?;
    read_catalogue(&bytes).map_err(|e| format!("{CATALOG_JSON}: {e}"))
}

/// The catalogue JSON as committed at `revision`.
fn catalogue_at(root: &Path, revision: &str) -> Result<leimu_engine::model::CatalogData, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("show")
        .arg(format!("{revision}:{CATALOG_JSON}"))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{revision}` has no {CATALOG_JSON}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    read_catalogue(&output.stdout).map_err(|e| format!("{CATALOG_JSON} at `{revision}`: {e}"))
}
