//! The `leimu` binary: [`leimu_cli::run`] with the process's arguments and
//! locale, then its output printed and its exit code returned.

use std::io::Write;
use std::process::ExitCode;

use leimu_cli::lang::Lang;

fn main() -> ExitCode {
    let locale = Lang::from_locale(|name| std::env::var_os(name));
    let outcome = leimu_cli::run(std::env::args_os().skip(1).collect(), locale);
    // A closed pipe (`leimu list --json | head`) is not an error: `print!` would
    // panic there, so write and ignore what fails.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
