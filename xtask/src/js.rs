//! `cargo xtask js`: the npm package `leimu` (the engine as a JavaScript
//! module), built into `target/js/leimu/`, ready for `npm publish` from there.
//!
//! Steps: the `leimu-js` crate for wasm32 with the size profile; the
//! installed `wasm-bindgen` CLI (`--target web --omit-default-module-path`:
//! an ES module glue that takes the wasm's URL, bytes or module from its
//! caller, so only init.js names the .wasm file and bundlers copy it only for
//! that entry); `wasm-opt -Oz` from npm's binaryen (Debian's is too old, see
//! shared/TOOLCHAIN.md); the wasm as base64 in `leimu_wasm_inline.js` (what
//! the main entry compiles synchronously, see `package/leimu.js`); the
//! committed files of `crates/leimu-js/package/` (entries, types,
//! package.json, README); and last the CommonJS files, bundled from the ES
//! entries by esbuild (pinned in the root package.json): `leimu.cjs` from
//! `leimu.js`, `init.node.cjs` from `init.node.js`, with the types copied as
//! `.d.cts`. The generated `.d.ts` is not kept: the package's types are the
//! hand-written `leimu.d.ts` and `init.d.ts`, checked against real answers by
//! `tests/node/types.test.mjs`.
//!
//! The site build copies the browser's files and the example page into
//! `dist/js/` ([`copy_into_site`]), so the embed documentation can import it
//! from there.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, setup, status};

/// Files of `crates/leimu-js/package/` that ship as they are.
const PACKAGE_FILES: [&str; 10] = [
    "package.json",
    "README.md",
    "api.js",
    "leimu.js",
    "leimu.node.js",
    "leimu.d.ts",
    "init.js",
    "init.node.js",
    "init.d.ts",
    "init.d.cts",
];

/// What a page without a bundler needs (copied into the site's `dist/js/`):
/// not the CommonJS or Node files, nor the inlined wasm (the example page
/// uses `init.js` and the .wasm file, so the site's precache stays small).
const BROWSER_FILES: [&str; 8] = [
    "package.json",
    "README.md",
    "api.js",
    "init.js",
    "init.d.ts",
    "leimu.d.ts",
    "leimu_wasm.js",
    "leimu_wasm_bg.wasm",
];

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
        && out.join("leimu_wasm_inline.js").is_file()
        && out.join("leimu_wasm.js").is_file();
    if !current {
        bind_and_optimise(root, &wasm, &out)?;
        fs::write(&stamp, &fingerprint)
            .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    }
    for name in PACKAGE_FILES {
        copy(&source.join(name), &out.join(name))?;
    }
    // The same declarations, for `require` (TypeScript reads .d.cts as CommonJS).
    copy(&source.join("leimu.d.ts"), &out.join("leimu.d.cts"))?;
    common_js(root, &out)?;
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
    // The recipe's version: bump it when the steps after cargo change (glue options, inlining).
    Ok(format!("recipe 2, {} {modified}", metadata.len()))
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
            .arg("--omit-default-module-path")
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
        .map_err(|e| format!("cannot replace {}: {e}", bindgen_wasm.display()))?;
    write_inline_wasm(&bindgen_wasm, &out.join("leimu_wasm_inline.js"))
}

/// The wasm as a base64 string module, for the entry that compiles it synchronously.
fn write_inline_wasm(wasm: &Path, module: &Path) -> Result<(), String> {
    let bytes = fs::read(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let text = format!(
        "// generated by `cargo xtask js` from leimu_wasm_bg.wasm - do not edit\nexport default '{}';\n",
        crate::pwa::base64(&bytes)
    );
    fs::write(module, text).map_err(|e| format!("cannot write {}: {e}", module.display()))
}

/// The CommonJS files, bundled from the ES entries by esbuild: `leimu.cjs`
/// (everything inlined, no Node built-in, so bundlers may take it too) and
/// `init.node.cjs` (Node only: `import.meta.url` becomes the file's URL).
fn common_js(root: &Path, out: &Path) -> Result<(), String> {
    let esbuild = |entry: &str, target: &str, extra: &[&str]| {
        status(
            Command::new("esbuild")
                .arg(out.join(entry))
                .args(["--bundle", "--format=cjs", "--log-level=warning"])
                .arg(format!("--outfile={}", out.join(target).display()))
                .args(extra)
                .env("PATH", setup::tool_path(root)),
        )
    };
    esbuild("leimu.js", "leimu.cjs", &["--platform=neutral"])?;
    esbuild(
        "init.node.js",
        "init.node.cjs",
        &[
            "--platform=node",
            "--define:import.meta.url=__leimu_module_url",
            "--banner:js=const __leimu_module_url = require('node:url').pathToFileURL(__filename).href;",
        ],
    )
}

/// Copies the browser's files of the built package and the example page into `<dist>/js/`.
pub fn copy_into_site(root: &Path, dist: &Path) -> Result<(), String> {
    let package = package_dir(root);
    let target = dist.join("js");
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    for name in BROWSER_FILES {
        copy(&package.join(name), &target.join(name))?;
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
