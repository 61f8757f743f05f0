//! `leimu`: the catalogue and the checker on the command line.
//!
//! The JSON output (`--json`) is a contract other programs script against:
//! every object names its category by `category` (the path joined with
//! ` > `, since names contain `/`) and `id`, and it is the same in every
//! language. Arguments are parsed by clap (`cli.rs`) from OS strings, so no
//! argument can crash the program: every mistake — a bad flag, a name that
//! is not UTF-8, an unknown category, document or kind — is a message on
//! stderr and exit code 2, naming the closest valid values where there are
//! some. Headings and messages are in Chinese or English (`lang.rs`).
//!
//! [`run`] is the whole program as a function of its arguments and locale,
//! returning what to print and the exit code; `main.rs` only does the
//! printing. That is what the tests and the fuzz target call.

pub mod cli;
pub mod lang;
mod output;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::FromArgMatches;
use clap::error::ErrorKind;
use leimu_engine::Catalog;

use crate::cli::{Cli, Command};
use crate::lang::{CatalogueFacts, Lang, Words};

/// The compiled catalogue, embedded at build time.
pub const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");

/// Exit code for a usage error or unknown input (category, document, kind).
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the catalogue is invalid (`validate`) or did not load.
pub const EXIT_FAILURE: u8 = 1;

/// What one run prints and how it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    fn success(stdout: String) -> Outcome {
        Outcome {
            code: 0,
            stdout,
            stderr: String::new(),
        }
    }

    fn error(code: u8, words: &Words, message: &str) -> Outcome {
        let stderr = message
            .lines()
            .map(|line| format!("{}{line}\n", words.error))
            .collect();
        Outcome {
            code,
            stdout: String::new(),
            stderr,
        }
    }
}

/// Runs `leimu` with `args` (without the program's name). `locale` is the
/// language of the environment, used unless `--lang` says otherwise.
pub fn run(args: Vec<OsString>, locale: Lang) -> Outcome {
    let lang = cli::lang_argument(&args).unwrap_or(locale);
    let words = lang.words();
    let command = cli::command(lang);
    let matches = match command
        .clone()
        .try_get_matches_from(std::iter::once(OsString::from("leimu")).chain(args))
    {
        Ok(matches) => matches,
        Err(error) => return clap_outcome(&error, lang),
    };
    let parsed = match Cli::from_arg_matches(&matches) {
        Ok(parsed) => parsed,
        Err(error) => return clap_outcome(&error, lang),
    };
    if parsed.version {
        return match load_catalog(words) {
            Ok(catalog) => Outcome::success(version_text(catalog, words)),
            Err(outcome) => outcome,
        };
    }
    let Some(subcommand) = parsed.command else {
        return Outcome::success(command.clone().render_help().to_string());
    };
    match subcommand {
        Command::Completions { shell } => {
            let mut command = command;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "leimu", &mut script);
            Outcome::success(String::from_utf8_lossy(&script).into_owned())
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(command).render(&mut page) {
                Ok(()) => Outcome::success(String::from_utf8_lossy(&page).into_owned()),
                Err(error) => Outcome::error(EXIT_FAILURE, words, &error.to_string()),
            }
        }
        Command::Validate { dir } => validate(dir, words),
        Command::Diff { old, new, json } => diff(&old, &new, json, lang),
        other => {
            let catalog = match load_catalog(words) {
                Ok(catalog) => catalog,
                Err(outcome) => return outcome,
            };
            match output::run(catalog, other, words) {
                Ok(text) => Outcome::success(text),
                Err(message) => Outcome::error(EXIT_USAGE, words, &message),
            }
        }
    }
}

/// clap's help, version or usage error (exit 0 for help, 2 for a mistake):
/// as clap renders it in English, in Chinese for the mistakes people make
/// most (see [`lang::clap_error_zh`]).
fn clap_outcome(error: &clap::Error, lang: Lang) -> Outcome {
    let shows_help = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if shows_help {
        return Outcome::success(error.render().to_string());
    }
    let stderr = match lang {
        Lang::Zh => lang::clap_error_zh(error),
        Lang::En => None,
    }
    .unwrap_or_else(|| error.render().to_string());
    Outcome {
        code: EXIT_USAGE,
        stdout: String::new(),
        stderr,
    }
}

/// The embedded catalogue, parsed once per process (the fuzz target calls [`run`] many times).
fn load_catalog(words: &Words) -> Result<&'static Catalog, Outcome> {
    static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::from_json(CATALOG_JSON).map_err(|error| error.to_string()))
        .as_ref()
        .map_err(|error| Outcome::error(EXIT_FAILURE, words, &(words.catalogue_failed)(error)))
}

/// `leimu --version`: the program's version, then the embedded catalogue's facts.
pub(crate) fn version_text(catalog: &Catalog, words: &Words) -> String {
    let facts = CatalogueFacts::of(catalog.data());
    format!(
        "leimu {}\n{}\n",
        env!("CARGO_PKG_VERSION"),
        (words.catalogue_version)(&facts)
    )
}

fn validate(dir: Option<PathBuf>, words: &Words) -> Outcome {
    let root = dir.unwrap_or_else(leimu_catalog::default_catalog_dir);
    if !root.join("source.txt").exists() {
        return Outcome::error(
            EXIT_USAGE,
            words,
            &(words.not_a_catalogue_folder)(&root.display().to_string()),
        );
    }
    let diagnostics = leimu_catalog::validate(&root);
    if diagnostics.is_empty() {
        return Outcome::success(format!("{}\n", words.catalogue_ok));
    }
    Outcome {
        code: EXIT_FAILURE,
        stdout: diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        stderr: format!("{}\n", (words.problems)(diagnostics.len())),
    }
}

/// `leimu diff OLD NEW`: reads two catalogue JSON files (any path, so a
/// file of `catalog/history/` or one another program wrote) and compares
/// them. Exit 0 with the changes, or 2 naming the file that cannot be read.
fn diff(old: &std::path::Path, new: &std::path::Path, json: bool, lang: Lang) -> Outcome {
    let read = |path: &std::path::Path| -> Result<leimu_engine::model::CatalogData, String> {
        let text =
            std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        leimu_engine::diff::read_catalogue(&text).map_err(|e| format!("`{}`: {e}", path.display()))
    };
    let (old, new) = match (read(old), read(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(message), _) | (_, Err(message)) => {
            return Outcome {
                code: EXIT_USAGE,
                stdout: String::new(),
                stderr: format!("error: {message}\n"),
            };
        }
    };
    let changes = leimu_engine::diff::diff(&old, &new);
    Outcome::success(if json {
        serde_json::to_string_pretty(&changes).unwrap_or_default() + "\n"
    } else {
        changes.to_text_in(match lang {
            Lang::Zh => &leimu_engine::diff::DiffWords::ZH,
            Lang::En => &leimu_engine::diff::DiffWords::EN,
        })
    })
}
