//! `cargo xtask js`: the npm package `leimu` (the engine as a JavaScript
//! module), built into `target/js/leimu/`, ready for `npm publish` from there.
//!
//! Steps: the `leimu-js` crate for wasm32 with the size profile; the
//! installed `wasm-bindgen` CLI (`--target web`: an ES module that takes the
//! wasm's URL or bytes, which the entry module supplies in browsers and in
//! Node alike); `wasm-opt -Oz` from npm's binaryen (Debian's is too old, see
//! shared/TOOLCHAIN.md); then the committed files of
//! `crates/leimu-js/package/` (entry module, types, package.json, README).
//! The generated `.d.ts` is not kept: the package's types are the
//! hand-written `leimu.d.ts`, checked against real answers by
//! `tests/node/js-api.test.mjs`.
//!
//! The site build copies the package and the example page into `dist/js/`
//! ([`copy_into_site`]), so the embed documentation can import it from there.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, setup, status};

/// Files of `crates/leimu-js/package/` that ship as they are.
const PACKAGE_FILES: [&str; 4] = ["package.json", "leimu.js", "leimu.d.ts", "README.md"];

/// The package folder: `target/js/leimu/`.
pub fn package_dir(root: &Path) -> PathBuf {
    root.join("target/js/leimu")
}

/// Builds the package into `target/js/leimu/` (replacing what was there).
pub fn build_package(root: &Path) -> Result<PathBuf, String> {
    let source = root.join("crates/leimu-js/package");
    check_version(&source)?;
    cargo(&[
        "build",
        "-p",
        "leimu-js",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ])?;
    let out = package_dir(root);
    let wasm = crate::cargo_target_dir(root).join("wasm32-unknown-unknown/release/leimu_js.wasm");
    // wasm-opt takes ~15 s; a site rebuild that did not change the crate reuses the last output.
    let stamp = root.join("target/js/leimu.stamp");
    let fingerprint = fingerprint(&wasm)?;
    let current = fs::read_to_string(&stamp).is_ok_and(|s| s == fingerprint)
        && out.join("leimu_wasm_bg.wasm").is_file()
        && out.join("leimu_wasm.js").is_file();
    if !current {
        bind_and_optimise(root, &wasm, &out)?;
        fs::write(&stamp, &fingerprint)
            .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    }
    for name in PACKAGE_FILES {
        copy(&source.join(name), &out.join(name))?;
    }
    let size = fs::metadata(out.join("leimu_wasm_bg.wasm"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "{} the npm package `leimu` in {} (wasm {} KB)",
        if current { "updated" } else { "built" },
        out.display(),
        size / 1024
    );
    Ok(out)
}

/// What identifies a build of the crate's wasm: its size and modification time.
fn fingerprint(wasm: &Path) -> Result<String, String> {
    let metadata =
        fs::metadata(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(format!("{} {modified}", metadata.len()))
}

/// `wasm-bindgen --target web` then `wasm-opt -Oz` into a fresh `out`.
fn bind_and_optimise(root: &Path, wasm: &Path, out: &Path) -> Result<(), String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    status(
        Command::new("wasm-bindgen")
            .arg("--target")
            .arg("web")
            .arg("--no-typescript")
            .arg("--out-name")
            .arg("leimu_wasm")
            .arg("--out-dir")
            .arg(out)
            .arg(wasm)
            .env("PATH", setup::tool_path(root)),
    )?;
    let bindgen_wasm = out.join("leimu_wasm_bg.wasm");
    let optimised = out.join("leimu_wasm_bg.opt.wasm");
    status(
        Command::new("wasm-opt")
            .arg("-Oz")
            .arg(&bindgen_wasm)
            .arg("-o")
            .arg(&optimised)
            .env("PATH", setup::tool_path(root)),
    )?;
    fs::rename(&optimised, &bindgen_wasm)
        .map_err(|e| format!("cannot replace {}: {e}", bindgen_wasm.display()))
}

/// Copies the built package and the example page into `<dist>/js/`.
pub fn copy_into_site(root: &Path, dist: &Path) -> Result<(), String> {
    let package = package_dir(root);
    let target = dist.join("js");
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    let entries =
        fs::read_dir(&package).map_err(|e| format!("cannot read {}: {e}", package.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if let Some(name) = path.file_name() {
            copy(&path, &target.join(name))?;
        }
    }
    copy(
        &root.join("crates/leimu-js/example/index.html"),
        &target.join("example.html"),
    )
}

/// The committed package.json must carry the workspace's version (the crates' and the CLI's).
fn check_version(source: &Path) -> Result<(), String> {
    let path = source.join("package.json");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let expected = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    if text.contains(&expected) {
        Ok(())
    } else {
        Err(format!(
            "{} does not say {expected}; set it to the workspace version in Cargo.toml",
            path.display()
        ))
    }
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
