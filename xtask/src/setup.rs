//! Installs what the project needs and the machine lacks, from the package
//! registries only (see shared/TOOLCHAIN.md for why each version):
//!
//! - the `wasm32-unknown-unknown` target (rustup);
//! - trunk 0.21.14 (`cargo install --locked`; 0.22 needs a newer rustc);
//! - wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock
//!   (`cargo install`, not `--locked`: its lockfile names a yanked crate);
//! - wasm-opt (npm `binaryen`), terser, esbuild, playwright-core and axe-core (`npm ci`);
//! - the bundlers and package checkers of the npm package's tests (`npm ci` in `tests/bundlers/`);
//! - Debian's chromium and chromium-driver, and a CJK font so screenshots
//!   show text (apt, when run as root).
//!
//! Each step checks first, so a second run costs a few version probes.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::status;

const TRUNK_VERSION: &str = "0.21.14";
const DEBIAN_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-wqy-zenhei"];

pub fn setup(root: &Path) -> Result<(), String> {
    wasm_target()?;
    debian_packages()?;
    npm_packages(root)?;
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
    )?;
    let bindgen = wasm_bindgen_version(root)?;
    cargo_tool(
        "wasm-bindgen",
        &bindgen,
        &["install", "wasm-bindgen-cli", "--version", &bindgen],
    )?;
    Ok(())
}

/// PATH with the project's npm tools first (trunk takes wasm-opt from PATH).
pub fn tool_path(root: &Path) -> String {
    let mut paths = vec![root.join("node_modules/.bin"), cargo_bin()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("setup: installing the wasm32-unknown-unknown target");
        status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn debian_packages() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            !output("dpkg-query", &["-W", "-f=${Status}", p])
                .is_some_and(|s| s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !is_root {
        return Err(format!(
            "missing Debian packages: {}; install them with `sudo apt-get install {}`",
            missing.join(", "),
            missing.join(" ")
        ));
    }
    println!("setup: installing {}", missing.join(", "));
    status(Command::new("apt-get").arg("update"))?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    status(&mut install)
}

fn npm_packages(root: &Path) -> Result<(), String> {
    let needed = [
        "node_modules/.bin/wasm-opt",
        "node_modules/playwright-core/package.json",
        "node_modules/axe-core/axe.min.js",
        "node_modules/terser/bin/terser",
        "node_modules/esbuild/package.json",
    ];
    if !needed.iter().all(|p| root.join(p).exists()) {
        println!("setup: installing npm packages from package-lock.json");
        status(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root),
        )?;
    }
    // The bundlers the npm package is built with in tests/node/bundlers.test.mjs, from their own lockfile.
    npm_folder(&root.join("tests/bundlers"), "the bundler tests'")
}

/// Lighthouse, pinned in tests/lighthouse/ (its own lockfile): only
/// `cargo xtask bench` needs it, so `setup` (and `test`) never installs it.
pub fn lighthouse(root: &Path) -> Result<(), String> {
    npm_folder(&root.join("tests/lighthouse"), "Lighthouse's")
}

/// `npm ci` in `folder` unless its node_modules is newer than its lockfile.
fn npm_folder(folder: &Path, whose: &str) -> Result<(), String> {
    let installed = folder.join("node_modules/.package-lock.json");
    let lock = folder.join("package-lock.json");
    let fresh = match (installed.metadata(), lock.metadata()) {
        (Ok(installed), Ok(lock)) => installed.modified().ok() >= lock.modified().ok(),
        _ => false,
    };
    if !fresh {
        println!(
            "setup: installing {whose} npm packages from {}",
            lock.display()
        );
        status(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(folder),
        )?;
    }
    Ok(())
}

/// Installs a cargo tool unless `<binary> --version` already reports `version`.
pub fn cargo_tool(binary: &str, version: &str, install: &[&str]) -> Result<(), String> {
    let on_path = output(binary, &["--version"])
        .or_else(|| output(&cargo_bin().join(binary).to_string_lossy(), &["--version"]));
    if on_path.is_some_and(|v| v.split_whitespace().any(|word| word == version)) {
        return Ok(());
    }
    println!("setup: installing {binary} {version} (cargo install; takes a few minutes once)");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    status(Command::new(cargo).args(install))
}

/// The `wasm-bindgen` version Cargo.lock pins: the CLI must match it exactly.
fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock pins no wasm-bindgen".into())
}
