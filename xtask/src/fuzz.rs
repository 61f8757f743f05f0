//! `cargo xtask fuzz [TARGET…] [--time S]`: coverage-guided fuzzing of every
//! decoder of outside input, one target after another (the machine is
//! shared: libFuzzer runs one process per target, never `-jobs`).
//!
//! Installs what it needs from the registries: a nightly toolchain through
//! rustup (`--profile minimal`; the stable toolchain stays the default) and
//! cargo-fuzz at a pinned version. Then, per target: its seeds into
//! `fuzz/corpus/<target>/` if that is empty (`leimu-fuzz`'s `fuzz-seeds`),
//! `cargo +nightly fuzz run` for S seconds (default 600), and `cargo fuzz
//! cmin` by edge coverage alone, so the corpus to commit stays small. A crash stops the run with the
//! input in `fuzz/artifacts/<target>/`: make it a regression test, fix it,
//! run again.
//!
//! The targets' bodies live in `crates/leimu-fuzz` and the committed corpora
//! are replayed by its stable tests, so `cargo xtask test` guards them
//! without nightly. No sanitizer: the code is safe Rust (`unsafe_code =
//! "forbid"`), the fuzzer looks for panics and broken properties, and
//! AddressSanitizer would halve the executions on a shared 2-core machine.

use std::path::Path;
use std::process::Command;

use crate::{setup, status};

const CARGO_FUZZ_VERSION: &str = "0.13.2";
const DEFAULT_SECONDS: u64 = 600;

/// The targets, in the order they run (the names of `fuzz/fuzz_targets/*.rs`).
pub const TARGETS: [&str; 9] = [
    "share_link",
    "stored_profile",
    "client_files",
    "widget_command",
    "js_api",
    "cli",
    "catalog_json",
    "catalog_binary",
    "search_query",
];

pub fn fuzz(root: &Path, args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--time" => {
                let value = iter.next().ok_or("`--time` needs a number of seconds")?;
                seconds = value
                    .parse()
                    .map_err(|_| format!("`--time` needs a number of seconds, not `{value}`"))?;
            }
            name if TARGETS.contains(&name) => targets.push(name),
            other => {
                return Err(format!(
                    "unknown fuzz target `{other}`; the targets are {}",
                    TARGETS.join(", ")
                ));
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    nightly()?;
    setup::cargo_tool(
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        &[
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ],
    )?;
    let mut seeds = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    seeds
        .args([
            "run",
            "--quiet",
            "-p",
            "leimu-fuzz",
            "--bin",
            "fuzz-seeds",
            "--",
        ])
        .arg(root.join("fuzz/corpus"))
        .args(&targets)
        .current_dir(root);
    status(&mut seeds)?;
    for target in targets {
        println!("fuzz: {target} for {seconds} s");
        status(fuzz_command(root, "run", target).args([
            "--".to_owned(),
            format!("-max_total_time={seconds}"),
            "-timeout=20".to_owned(),
            "-rss_limit_mb=4096".to_owned(),
            "-print_final_stats=1".to_owned(),
        ]))?;
        // Edges only (no hit counters): the smallest set that covers what the
        // whole corpus covers, e.g. share_link 872 files / 230 KB → 102 / 1.7 KB.
        // cmin keeps what adds coverage; the named inputs of past finds are
        // kept whatever it decides, since they document a bug.
        let corpus = root.join("fuzz/corpus").join(target);
        let regressions: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&corpus)
            .map_err(|e| format!("{}: {e}", corpus.display()))?
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with("regression-"))
            })
            .filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)))
            .collect();
        status(fuzz_command(root, "cmin", target).args(["--", "-use_counters=0"]))?;
        for (path, bytes) in regressions {
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// `cargo +nightly fuzz <action> <target>` in `fuzz/`, without a sanitizer.
fn fuzz_command(root: &Path, action: &str, target: &str) -> Command {
    // The rustup proxy (`cargo` on PATH), not $CARGO: only the proxy understands `+nightly`.
    let mut command = Command::new("cargo");
    command
        .args(["+nightly", "fuzz", action, target, "--sanitizer", "none"])
        .current_dir(root.join("fuzz"))
        .env("PATH", setup::tool_path(root))
        .env_remove("RUSTUP_TOOLCHAIN");
    command
}

/// A nightly toolchain, installed through rustup when missing.
fn nightly() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if installed.lines().any(|line| line.starts_with("nightly")) {
        return Ok(());
    }
    println!(
        "fuzz: installing a nightly toolchain (rustup, profile minimal); stable stays the default"
    );
    status(Command::new("rustup").args(["toolchain", "install", "nightly", "--profile", "minimal"]))
}
