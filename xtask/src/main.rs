//! `cargo xtask <task>`: the project's automation, in Rust rather than shell
//! scripts (matklad's cargo-xtask), so it runs the same on every machine.
//!
//! - `setup`     install what is missing (see `setup.rs`): nothing is downloaded
//!   but packages from the registries (crates.io, npm, Debian)
//! - `run`       set up, build the site, serve it on http://127.0.0.1:8080
//! - `test`      set up, then every check: formatting, clippy, the engine's
//!   wasm32 build, the site build, unit/data/property tests, the front-end's
//!   wasm-bindgen tests in headless Chromium, the npm package's Node tests,
//!   the end-to-end browser tests
//! - `generate`  regenerate `catalog/generated/` from `catalog/`
//! - `validate`  report every problem in `catalog/`
//! - `site`      build the site into `dist/` (trunk, the npm package under `dist/js/`,
//!   `dist/embed.html`), then generate its service worker (`dist/sw.js`)
//! - `js`        build the npm package `leimu` into `target/js/leimu/` (see `js.rs`)
//! - `sw`        (re)generate the service worker of a built site (`--dir D`, default `dist/`)
//! - `icons`     render the app icons (`site/pwa/icons/*.svg`) to PNG with Chromium
//! - `serve`     serve `dist/` (`--port N`, `--dir D`)
//! - `bench`     the engine's criterion benchmarks, then the site's browser benchmark
//! - `cli`       run the `leimu` CLI with the remaining arguments
//! - `fuzz`      coverage-guided fuzzing: `cargo xtask fuzz [TARGET…] [--time S]` (see `fuzz.rs`)
//! - `diff`      what changed between the catalogues of two git revisions:
//!   `cargo xtask diff REV1 [REV2] [--json]` (see `versions.rs`)
//! - `update-source NEW.txt`  take in a revised source text: replace
//!   `catalog/source.txt` and mark the rows whose text changed for review
//!   (`leimu_catalog::update_source`)

mod boot;
mod changes;
mod embed;
mod fuzz;
mod js;
mod pwa;
mod serve;
mod setup;
mod versions;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let rest: Vec<String> = std::env::args().skip(2).collect();
    let result = match task.as_deref() {
        Some("generate") => generate(),
        Some("validate") => validate(),
        Some("setup") => setup::setup(&root()),
        Some("site") => setup::setup(&root()).and_then(|()| build_site()),
        Some("js") => setup::setup(&root()).and_then(|()| js::build_package(&root()).map(drop)),
        Some("serve") => serve_dist(&rest),
        Some("sw") => service_worker(&rest),
        Some("icons") => icons(),
        Some("run") => setup::setup(&root())
            .and_then(|()| build_site())
            .and_then(|()| serve_dist(&rest)),
        Some("test") => setup::setup(&root()).and_then(|()| test()),
        Some("bench") => bench(),
        Some("cli") => cli(&rest),
        Some("fuzz") => fuzz::fuzz(&root(), &rest),
        Some("diff") => versions::diff_revisions(&root(), &rest),
        Some("update-source") => versions::update_source(&root(), &rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|setup|site|js|serve|sw|icons|generate|validate|bench|cli|fuzz|diff|update-source>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}

fn catalog_dir() -> PathBuf {
    root().join("catalog")
}

fn generate() -> Result<(), String> {
    match leimu_catalog::generate::write_generated(&catalog_dir()) {
        Ok(written) if written.is_empty() => {
            println!("catalog/generated/ is up to date");
            Ok(())
        }
        Ok(written) => {
            for path in written {
                println!("wrote catalog/{}", path.display());
            }
            Ok(())
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            Err(format!(
                "{} problem(s) in catalog/; nothing was generated",
                diagnostics.len()
            ))
        }
    }
}

fn validate() -> Result<(), String> {
    if leimu_catalog::print_report(&leimu_catalog::validate(&catalog_dir())) {
        Ok(())
    } else {
        Err("the catalogue has problems".into())
    }
}

/// `trunk build` with the pinned tools, offline (trunk would otherwise try to
/// download them), then the steps that derive files from its output, in order:
/// the JavaScript package and its example page into `dist/js/` (`js.rs`; trunk
/// empties `dist/` first, so this comes after it), the embed page (`embed.rs`),
/// the "what changed" page, the static category pages (`leimu-static`, which
/// also adds their index to index.html), and last the service worker
/// (`pwa.rs`), so that it lists every file.
fn build_site() -> Result<(), String> {
    let dist = root().join("dist");
    trunk_build(&root(), "site/index.html", &dist, boot::Start::AtFirstInput)?;
    copy_lexicon(&root(), &dist)?;
    js::build_package(&root())?;
    js::copy_into_site(&root(), &dist)?;
    embed::build_embed_page(&root(), &dist)?;
    changes::write_changes_page(&root(), &dist)?;
    static_pages(&root(), &dist)?;
    // Keep this the last step: the worker precaches whatever is in dist/ at this moment.
    write_service_worker(&root().join("dist"))
}

/// The search lexicon beside the page, under the name the embedded
/// catalogue asks for (its fingerprint in it, so no cache can answer with
/// another version's): the site and the widget fetch it after their first
/// paint.
fn copy_lexicon(root: &Path, dist: &Path) -> Result<(), String> {
    let source = root.join("catalog/generated/lexicon.bin");
    let bytes = fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let name = leimu_engine::binary::lexicon_file_name(leimu_engine::binary::fingerprint(&bytes));
    fs::write(dist.join(&name), bytes)
        .map_err(|e| format!("cannot write {}/{name}: {e}", dist.display()))
}

/// Where cargo puts its output: `CARGO_TARGET_DIR` when set (relative to the
/// workspace root, as cargo reads it), else `target/` (CI builds with an
/// empty `CARGO_TARGET_DIR` elsewhere).
pub fn cargo_target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// `trunk build <page> --release` into `dist`, with the pinned tools, offline;
/// then the page's start-up files go into the page (see `boot.rs`). trunk
/// names the page `index.html` whatever the source page is called.
pub fn trunk_build(root: &Path, page: &str, dist: &Path, start: boot::Start) -> Result<(), String> {
    let mut command = Command::new("trunk");
    command
        .args(["build", page, "--release", "--offline=true", "--dist"])
        .arg(dist)
        .current_dir(root)
        .env("PATH", setup::tool_path(root))
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("NO_COLOR", "true");
    status(&mut command)?;
    boot::inline_boot(root, dist, "index.html", start)
}

/// A static page for every category, written natively by the site's own
/// components (`leimu-static`, the site crate's `ssr` feature; see
/// site/src/static_pages.rs), plus sitemap.xml and robots.txt when
/// `LEIMU_PUBLIC_URL` is set.
fn static_pages(root: &Path, dist: &Path) -> Result<(), String> {
    let mut command = Command::new("cargo");
    command
        .args([
            "run",
            "--quiet",
            "-p",
            "leimu-site",
            "--features",
            "ssr",
            "--bin",
            "leimu-static",
            "--",
        ])
        .arg(dist)
        .current_dir(root);
    let started = std::time::Instant::now();
    status(&mut command)?;
    println!(
        "static pages: {:.1} s (with compiling leimu-static)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_service_worker(dist: &Path) -> Result<(), String> {
    let precache = pwa::write_service_worker(dist)?;
    println!(
        "wrote {}: version {}, {} files ({:.1} KB) precached",
        dist.join(pwa::SERVICE_WORKER).display(),
        precache.version,
        precache.entries.len(),
        precache.bytes as f64 / 1024.0
    );
    Ok(())
}

/// `cargo xtask sw [--dir D]`: the service worker of an already built site (e.g. a copy of
/// dist/ that a test changed, to deploy "a new version").
fn service_worker(args: &[String]) -> Result<(), String> {
    match args {
        [] => write_service_worker(&root().join("dist")),
        [flag, dir] if flag == "--dir" => write_service_worker(Path::new(dir)),
        _ => Err(format!(
            "unexpected arguments {args:?} for sw (expected nothing, or --dir D)"
        )),
    }
}

/// Renders the app icons with Debian's Chromium (site/pwa/render-icons.mjs); commit the PNGs.
fn icons() -> Result<(), String> {
    let mut command = Command::new("node");
    command
        .arg("site/pwa/render-icons.mjs")
        .current_dir(root())
        .env("PATH", setup::tool_path(&root()));
    status(&mut command)
}

fn serve_dist(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_owned();
    let mut dir = root().join("dist");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => port = iter.next().cloned().ok_or("`--port` needs a number")?,
            "--dir" => dir = PathBuf::from(iter.next().ok_or("`--dir` needs a folder")?),
            other => {
                return Err(format!(
                    "unknown argument `{other}` for serve (expected --port N, --dir D)"
                ));
            }
        }
    }
    if !dir.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html; run `cargo xtask site` first",
            dir.display()
        ));
    }
    serve::serve(&dir, &format!("127.0.0.1:{port}"))
}

fn test() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"]).map_err(|e| format!("{e}; run `cargo fmt --all`"))?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    // The engine must stay free of I/O and native-only dependencies: prove it builds for the browser.
    cargo(&[
        "build",
        "-p",
        "leimu-engine",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ])?;
    build_site()?;
    cargo(&["test", "--workspace", "--doc"])?;
    // Front-end components in a real headless Chromium (wasm-bindgen-test-runner finds chromedriver on PATH).
    let mut wasm_tests = cargo_command(&[
        "test",
        "-p",
        "leimu-site",
        "--target",
        "wasm32-unknown-unknown",
        "--tests",
    ]);
    wasm_tests.env("PATH", setup::tool_path(&root()));
    status(&mut wasm_tests)?;
    cargo(&["test", "--workspace", "--all-targets"])?;
    // The static pages' generator (the site crate's `ssr` feature, native only): lints and tests.
    cargo(&[
        "clippy",
        "-p",
        "leimu-site",
        "--features",
        "ssr",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["test", "-p", "leimu-site", "--features", "ssr", "--lib"])?;
    // The npm package in Node, compared with the CLI built just above.
    let mut node_tests = Command::new("node");
    node_tests
        .args(["--test", "--test-concurrency=1", "tests/node/"])
        .current_dir(root())
        .env("PATH", setup::tool_path(&root()));
    status(&mut node_tests)?;
    // Last, so that the run's closing lines are a test runner's summary.
    let mut e2e = Command::new("node");
    e2e.args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .current_dir(root())
        .env("PATH", setup::tool_path(&root()));
    // The update test regenerates a copied site's sw.js with this very binary (no nested cargo).
    if let Ok(xtask) = std::env::current_exe() {
        e2e.env("LEIMU_XTASK", xtask);
    }
    // The static-pages test runs the page writer again on a copy of dist/
    // with a public URL (CI builds without one), as `static_pages` built it.
    e2e.env(
        "LEIMU_STATIC",
        cargo_target_dir(&root())
            .join("debug")
            .join(format!("leimu-static{}", std::env::consts::EXE_SUFFIX)),
    );
    status(&mut e2e)
}

fn bench() -> Result<(), String> {
    cargo(&["bench", "-p", "leimu-engine"])?;
    setup::setup(&root())?;
    build_site()?;
    let mut command = Command::new("node");
    command
        .args(["tests/perf/site-bench.mjs"])
        .current_dir(root())
        .env("PATH", setup::tool_path(&root()));
    status(&mut command)?;
    // The mobile view from outside: Lighthouse's preset, side by side with a plain page.
    setup::lighthouse(&root())?;
    let mut command = Command::new("node");
    command
        .args(["tests/lighthouse/lighthouse-bench.mjs"])
        .current_dir(root())
        .env("PATH", setup::tool_path(&root()));
    status(&mut command)
}

fn cli(args: &[String]) -> Result<(), String> {
    let mut command = vec!["run", "--quiet", "-p", "leimu-cli", "--"];
    command.extend(args.iter().map(String::as_str));
    cargo(&command)
}

fn cargo_command(args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(root());
    command
}

fn cargo(args: &[&str]) -> Result<(), String> {
    status(&mut cargo_command(args))
}

pub fn status(command: &mut Command) -> Result<(), String> {
    let shown = format!(
        "{:?} {:?}",
        command.get_program(),
        command.get_args().collect::<Vec<_>>()
    );
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
