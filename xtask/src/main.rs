//! `cargo xtask <task>`: the project's automation, in Rust rather than shell
//! scripts (matklad's cargo-xtask), so it runs the same on every machine.
//!
//! - `generate`  regenerate `catalog/generated/` from `catalog/`
//! - `validate`  report every problem in `catalog/`
//! - `setup`     install what the tests need and is missing (the wasm32 target)
//! - `test`      set up, then run every check: formatting, clippy, all tests
//!   (including the stale-generated-files test), and the engine's wasm32 build
//! - `run`       set up, then run the product (today: the CLI on an example)
//! - `bench`     run the benchmarks

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let rest: Vec<String> = std::env::args().skip(2).collect();
    let result = match task.as_deref() {
        Some("generate") => generate(),
        Some("validate") => validate(),
        Some("setup") => setup(),
        Some("test") => setup().and_then(|()| test()),
        Some("run") => setup().and_then(|()| run(&rest)),
        Some("bench") => cargo(&["bench", "-p", "leimu-engine"]),
        _ => {
            eprintln!("usage: cargo xtask <generate|validate|setup|test|run|bench>");
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

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
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
    let diagnostics = leimu_catalog::validate(&catalog_dir());
    for d in &diagnostics {
        println!("{d}");
    }
    if diagnostics.is_empty() {
        println!("catalogue ok");
        Ok(())
    } else {
        Err(format!("{} problem(s)", diagnostics.len()))
    }
}

/// Installs what is missing: the wasm32 target (rustup), nothing from outside the registries.
fn setup() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if !String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("xtask: installing the wasm32-unknown-unknown target");
        status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
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
    cargo(&["test", "--workspace", "--doc"])?;
    // Last, so that the run's closing lines are the test runner's summary.
    cargo(&["test", "--workspace", "--all-targets"])?;
    Ok(())
}

fn run(args: &[String]) -> Result<(), String> {
    let example: Vec<String> = if args.is_empty() {
        [
            "check",
            "医疗服务 > 互联网医院",
            "--have",
            "医疗机构执业许可证",
        ]
        .map(String::from)
        .to_vec()
    } else {
        args.to_vec()
    };
    let mut command = vec!["run", "--quiet", "-p", "leimu-cli", "--"];
    command.extend(example.iter().map(String::as_str));
    cargo(&command)
}

fn cargo(args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    status(Command::new(cargo).args(args).current_dir(root()))
}

fn status(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
