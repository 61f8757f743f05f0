//! `leimu`: the catalogue and the checker on the command line.
//!
//! The JSON output (`--json`) is a contract other programs script against:
//! every object names its category by `category` (the path joined with
//! ` > `, since names contain `/`) and `id`. Argument parsing is written out
//! by hand rather than with a framework so that every mistake gets the same
//! shape of message — what was wrong, the closest valid values, exit code 2 —
//! and the binary stays small.

mod args;
mod output;

use std::process::ExitCode;

use leimu_engine::Catalog;

use crate::args::{Command, parse_args};

/// The compiled catalogue, embedded at build time.
const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");

/// Exit code for a usage error or unknown input (category, document, kind).
pub const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("run `leimu --help` for usage");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if let Command::Help = command {
        write_stdout(args::HELP);
        return ExitCode::SUCCESS;
    }
    if let Command::Validate { dir } = &command {
        return output::validate(dir.as_deref());
    }
    let catalog = match Catalog::from_json(CATALOG_JSON) {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match output::run(&catalog, command) {
        Ok(text) => {
            write_stdout(&text);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Writes to standard output, ignoring a closed pipe (`leimu list --json | head`):
/// `print!` would panic there, and the reader leaving early is not an error.
fn write_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
