//! Replays every fuzz target's seeds and committed corpus (`fuzz/corpus/<target>/`)
//! on stable, so CI guards what the fuzzer found without nightly.

use std::path::Path;

use leimu_fuzz::{TARGETS, seeds::seeds};

fn corpus_files(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask fuzz {target}`", dir.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_seeds_and_a_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let fuzz_targets = root.join("fuzz/fuzz_targets");
    let manifest = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    let xtask = std::fs::read_to_string(root.join("xtask/src/fuzz.rs")).expect("xtask/src/fuzz.rs");
    for entry in std::fs::read_dir(&fuzz_targets)
        .expect("fuzz/fuzz_targets")
        .flatten()
    {
        let file = entry.file_name().to_string_lossy().into_owned();
        let name = file.trim_end_matches(".rs");
        assert!(
            TARGETS.iter().any(|(target, _)| *target == name),
            "fuzz/fuzz_targets/{file} is not in leimu_fuzz::TARGETS"
        );
    }
    for (name, _) in TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] {name}"
        );
        assert!(
            xtask.contains(&format!("\"{name}\",")),
            "xtask/src/fuzz.rs does not run {name}"
        );
        assert!(!seeds(name).is_empty(), "{name} has no seeds");
        let file = fuzz_targets.join(format!("{name}.rs"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            text.contains(&format!("leimu_fuzz::{name}::check")),
            "{} runs leimu_fuzz::{name}::check",
            file.display()
        );
    }
}

#[test]
fn seeds_hold() {
    for (name, check) in TARGETS {
        for seed in seeds(name) {
            check(&seed);
        }
    }
}

/// One test per target, so a failure names the target and the file.
macro_rules! replay {
    ($($target:ident),* $(,)?) => {$(
        #[test]
        fn $target() {
            let check = TARGETS
                .iter()
                .find(|(name, _)| *name == stringify!($target))
                .map(|(_, check)| *check)
                .expect("a target of that name");
            let files = corpus_files(stringify!($target));
            assert!(!files.is_empty(), "the corpus of {} is empty", stringify!($target));
            for file in files {
                // A fuzzer running meanwhile replaces corpus files as it shrinks them.
                let data = match std::fs::read(&file) {
                    Ok(data) => data,
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(error) => panic!("{}: {error}", file.display()),
                };
                let outcome = std::panic::catch_unwind(|| check(&data));
                assert!(outcome.is_ok(), "{} fails on {}", stringify!($target), file.display());
            }
        }
    )*};
}

replay!(
    share_link,
    stored_profile,
    client_files,
    widget_command,
    js_api,
    cli,
    catalog_json,
    catalog_binary,
    search_query,
);
