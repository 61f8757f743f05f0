//! The command line's grammar, declared with clap's derive API.
//!
//! Every value a person types (names, queries, documents) is read as an
//! `OsString`, never as a `String`: clap then accepts any bytes, and the
//! conversion to text happens here, where a name that is not UTF-8 becomes
//! an ordinary usage error (exit 2) that shows the bytes, instead of a panic.
//! Paths stay paths (`validate` takes any folder the system can name).
//!
//! To add an option: add a field (with its `///` help) to the subcommand, or
//! to [`ProfileArgs`] when it describes the applicant, then its Chinese help
//! to `lang::HELP_ZH` (a test lists what is missing) and, for a profile
//! option, its reading to [`ProfileArgs::request`].

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use leimu_engine::report::{Holding, ProfileRequest};

use crate::lang::{HELP_ZH, Lang, Words};

#[derive(Debug, Parser)]
#[command(
    name = "leimu",
    about = "WeChat mini-program service categories (非个人主体小程序开放的服务类目): what each needs, and whether you qualify",
    after_help = "A CATEGORY is a path (`物流服务 > 收件/派件`), an id (`life.beauty.nail`) or a leaf name only one category has (`互联网医院`).\nA DOC is a document's name as the source writes it, with or without 《》 (any spelling), or its id.\nExit codes: 0 success; 1 the catalogue is invalid (validate) or could not load; 2 usage error, unknown category, document or kind (the message names the closest matches).",
    disable_version_flag = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Language of headings and messages (catalogue text is never translated) [default: from LC_ALL, LC_MESSAGES or LANG]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Print the program's and the catalogue's versions
    #[arg(short = 'V', long)]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every category, in the order of the official list
    List {
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// A category's rules as a tree, beside the verbatim source text
    Show {
        #[command(flatten)]
        category: OneCategory,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Whether a profile qualifies for a category, and every shortest way to complete it
    Check {
        #[command(flatten)]
        category: OneCategory,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Every category a profile satisfies, and every one it is a single document away from
    Unlock {
        #[command(flatten)]
        profile: ProfileArgs,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// One checklist for several categories, a shared document counted once
    Plan {
        /// The categories (one or more): path, id or a unique leaf name
        #[arg(required = true, value_name = "CATEGORY")]
        categories: Vec<OsString>,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Use way N for CATEGORY (the way's number as `plan` lists it) instead of the plan's choice; repeatable
        #[arg(long = "way", value_name = "CATEGORY=N")]
        ways: Vec<OsString>,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Find categories by describing the service in your own words, by name, or by pinyin (hlwyy, yiliao)
    Search {
        /// What to look for; several words are joined with spaces
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<OsString>,
        /// At most N results
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Which catalogue this is: its version, the source text's title, when it was taken and its SHA-256
    Info {
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// What changed between two catalogue JSON files (catalog/generated/catalog.json, catalog/history/*.json)
    Diff {
        /// The older catalogue's JSON file
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The newer catalogue's JSON file
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Machine-readable output (fields in README.md)
        #[arg(long)]
        json: bool,
    },
    /// Every problem in an edited catalogue source, with file and line
    Validate {
        /// The catalogue folder (default: this repository's catalog/)
        #[arg(value_name = "CATALOG_DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script (e.g. `leimu completions bash > ~/.local/share/bash-completion/completions/leimu`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `leimu man > leimu.1`
    Man,
}

/// One category, named as a path, an id or a unique leaf name.
#[derive(Debug, Args)]
pub struct OneCategory {
    /// The category: a path (`医疗服务 > 互联网医院`), an id or a unique leaf name
    #[arg(value_name = "CATEGORY", index = 1)]
    pub category: OsString,
    /// Words after the category: an unquoted name that contains spaces (reported with a hint).
    #[arg(hide = true, value_name = "MORE", index = 2)]
    pub more: Vec<OsString>,
}

impl OneCategory {
    /// The category as text; more than one word is an error that says to quote the name.
    pub fn text(&self, command: &str, words: &Words) -> Result<String, String> {
        if !self.more.is_empty() {
            return Err((words.one_category_only)(command, 1 + self.more.len()));
        }
        text(&self.category, "CATEGORY", words)
    }
}

/// What the applicant holds and is: shared by `check`, `unlock` and `plan`.
#[derive(Debug, Args, Default)]
pub struct ProfileArgs {
    /// The applicant itself holds DOC (N of them, e.g. agreements with N partners; default 1); conditions written beside it are asked under "to confirm"; repeatable
    #[arg(long, value_name = "DOC[=N]")]
    pub have: Vec<OsString>,
    /// N of the applicant's partners (合作医院, 入驻商家 …) hold DOC (default 1); repeatable
    #[arg(long, value_name = "DOC[=N]")]
    pub partner: Vec<OsString>,
    /// What the applicant is (企业, 内资企业主体, 银行主体, 公立医疗机构 …; 非X says it is not X); only alternatives this contradicts are left out, the others ask to confirm; repeatable
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<OsString>,
    /// The mini program already holds CATEGORY (a category another one requires first); repeatable
    #[arg(long, value_name = "CATEGORY")]
    pub approved: Vec<OsString>,
    /// The business scope (经营范围) from the applicant's business licence; conditions on it are checked against it
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<OsString>,
    /// A question of "to confirm" holds: its condition, label or situation (or a unique part of it); repeatable
    #[arg(long, value_name = "TEXT")]
    pub confirm: Vec<OsString>,
    /// A question of "to confirm" does not hold (named as for --confirm); repeatable
    #[arg(long, value_name = "TEXT")]
    pub deny: Vec<OsString>,
}

impl ProfileArgs {
    /// The profile as typed, names not yet resolved.
    pub fn request(&self, words: &Words) -> Result<ProfileRequest, String> {
        let holdings = |values: &[OsString], flag: &str| -> Result<Vec<Holding>, String> {
            values
                .iter()
                .map(|value| Holding::parse(&text(value, flag, words)?))
                .collect()
        };
        Ok(ProfileRequest {
            have: holdings(&self.have, "--have")?,
            partner: holdings(&self.partner, "--partner")?,
            kinds: texts(&self.kind, "--kind", words)?,
            approved: texts(&self.approved, "--approved", words)?,
            scope: match &self.scope {
                Some(scope) => text(scope, "--scope", words)?,
                None => String::new(),
            },
            confirm: texts(&self.confirm, "--confirm", words)?,
            deny: texts(&self.deny, "--deny", words)?,
            answers: Vec::new(),
        })
    }
}

/// A value as text, or a message naming `what` and showing the bytes that are not UTF-8.
pub fn text(value: &OsStr, what: &str, words: &Words) -> Result<String, String> {
    value.to_str().map(str::to_owned).ok_or_else(|| {
        // Debug shows the bytes that are not UTF-8 as `\xFF` and keeps the rest readable.
        let shown = format!("{value:?}");
        let shown = shown
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(&shown);
        (words.not_utf8)(what, shown)
    })
}

/// Several values as text (see [`text`]).
pub fn texts(values: &[OsString], what: &str, words: &Words) -> Result<Vec<String>, String> {
    values
        .iter()
        .map(|value| text(value, what, words))
        .collect()
}

/// The language `--lang` asks for, read before clap parses, so that the help
/// clap prints is already in that language. An invalid value is left for
/// clap to report.
pub fn lang_argument(args: &[OsString]) -> Option<Lang> {
    use clap::ValueEnum;
    let mut iter = args.iter();
    let mut found = None;
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().cloned()
        } else {
            arg.as_encoded_bytes()
                .strip_prefix(b"--lang=")
                .map(|rest| OsStr::new(&String::from_utf8_lossy(rest).into_owned()).to_owned())
        };
        if let Some(lang) = value
            .as_deref()
            .and_then(OsStr::to_str)
            .and_then(|v| Lang::from_str(v, false).ok())
        {
            found = Some(lang);
        }
    }
    found
}

/// The clap command with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    // clap adds its own `-h`/`--help` and `help` when it builds the command,
    // after this: their lines stay English (mutating a built command breaks
    // its positional arguments).
    let command = Cli::command();
    match lang {
        Lang::En => command,
        Lang::Zh => translate(command, "").after_help(crate::lang::AFTER_HELP_ZH),
    }
}

/// Applies [`HELP_ZH`] to a command (`path` is its subcommand's name, `""` for the program).
fn translate(mut command: clap::Command, path: &str) -> clap::Command {
    if let Some(about) = help_zh(path) {
        command = command.about(about);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let text = help_zh(&argument_path(path, &id))
            .or_else(|| help_zh(&argument_path("*", &id)))
            .or_else(|| help_zh(&argument_path("", &id)));
        if let Some(text) = text {
            command = command.mut_arg(id, |arg| arg.help(text).long_help(text));
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| translate(sub, &name));
    }
    command
}

/// `"check --have"`, `"check category"`: an argument's key in [`HELP_ZH`].
pub fn argument_path(command: &str, id: &str) -> String {
    let is_option = !matches!(
        id,
        "category" | "categories" | "query" | "dir" | "shell" | "more" | "old" | "new"
    );
    let name = if is_option {
        format!("--{id}")
    } else {
        id.to_owned()
    };
    if command.is_empty() {
        name
    } else {
        format!("{command} {name}")
    }
}

fn help_zh(path: &str) -> Option<&'static str> {
    HELP_ZH
        .iter()
        .find(|(key, _)| *key == path)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use clap::{Args, CommandFactory};

    use super::*;
    use crate::lang::EN;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        use clap::FromArgMatches;
        let matches = command(Lang::En)
            .try_get_matches_from(std::iter::once("leimu").chain(args.iter().copied()))?;
        Cli::from_arg_matches(&matches)
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
    }

    #[test]
    fn check_with_profile() {
        let cli = parse(&[
            "check",
            "互联网医院",
            "--have",
            "医疗机构执业许可证",
            "--partner=合作协议=2",
            "--kind",
            "政府主体",
            "--json",
        ])
        .unwrap();
        let Some(Command::Check {
            category,
            profile,
            json,
        }) = cli.command
        else {
            panic!("{cli:?}")
        };
        assert_eq!(category.text("check", &EN).unwrap(), "互联网医院");
        assert!(json);
        let request = profile.request(&EN).unwrap();
        assert_eq!(
            request.have,
            [Holding {
                document: "医疗机构执业许可证".into(),
                count: 1
            }]
        );
        assert_eq!(
            request.partner,
            [Holding {
                document: "合作协议".into(),
                count: 2
            }]
        );
        assert_eq!(request.kinds, ["政府主体"]);
        let with_more = parse(&[
            "unlock",
            "--approved",
            "电商平台 > 电商平台",
            "--scope",
            "商业保理",
            "--confirm",
            "经营范围",
            "--deny",
            "银行主体",
        ])
        .unwrap();
        let Some(Command::Unlock { profile, .. }) = with_more.command else {
            panic!()
        };
        let request = profile.request(&EN).unwrap();
        assert_eq!(request.approved, ["电商平台 > 电商平台"]);
        assert_eq!(request.scope, "商业保理");
        assert_eq!(
            (request.confirm, request.deny),
            (vec!["经营范围".to_owned()], vec!["银行主体".to_owned()])
        );
    }

    #[test]
    fn mistakes_are_named() {
        let error = |args: &[&str]| parse(args).unwrap_err().to_string();
        assert!(error(&["chek"]).contains("unrecognized subcommand 'chek'"));
        assert!(error(&["chek"]).contains("check"), "the closest name");
        assert!(error(&["check"]).contains("<CATEGORY>"));
        assert!(error(&["check", "a", "--have"]).contains("--have"));
        assert!(error(&["list", "--have", "x"]).contains("unexpected argument '--have'"));
        assert!(error(&["search", "x", "--limit", "many"]).contains("invalid digit"));
        let zero = parse(&["check", "a", "--have", "x=0"]).unwrap();
        let Some(Command::Check { profile, .. }) = zero.command else {
            panic!()
        };
        assert!(profile.request(&EN).unwrap_err().contains("count of 0"));
        let two = parse(&["check", "医疗服务", "互联网医院"]).unwrap();
        let Some(Command::Check { category, .. }) = two.command else {
            panic!()
        };
        assert!(
            category
                .text("check", &EN)
                .unwrap_err()
                .contains("takes one category, got 2: quote names")
        );
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_argument(&args(&["check", "x", "--lang", "zh"])),
            Some(Lang::Zh)
        );
        assert_eq!(lang_argument(&args(&["--lang=en", "list"])), Some(Lang::En));
        assert_eq!(lang_argument(&args(&["--lang", "fr"])), None);
        assert_eq!(
            lang_argument(&args(&["search", "--", "--lang", "zh"])),
            None
        );
    }

    /// Every subcommand and argument has its Chinese help, and every line of
    /// `HELP_ZH` names something that exists.
    #[test]
    fn every_help_has_a_chinese_line() {
        let command = Cli::command();
        let mut wanted = vec![String::new()];
        let mut shared = Vec::new();
        let skip = |id: &str| matches!(id, "help" | "more");
        let profile_options: Vec<String> = ProfileArgs::augment_args(clap::Command::new("profile"))
            .get_arguments()
            .map(|arg| arg.get_id().to_string())
            .collect();
        for arg in command.get_arguments() {
            if !skip(arg.get_id().as_str()) {
                wanted.push(argument_path("", arg.get_id().as_str()));
            }
        }
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            wanted.push(name.to_owned());
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if skip(id) {
                    continue;
                }
                if profile_options.iter().any(|option| option == id) {
                    shared.push(argument_path("*", id));
                } else {
                    wanted.push(argument_path(name, id));
                }
            }
        }
        wanted.extend(shared);
        wanted.sort();
        wanted.dedup();
        let mut have: Vec<String> = HELP_ZH.iter().map(|(key, _)| (*key).to_owned()).collect();
        have.sort();
        let missing: Vec<&String> = wanted.iter().filter(|w| !have.contains(w)).collect();
        let stray: Vec<&String> = have.iter().filter(|h| !wanted.contains(h)).collect();
        assert!(
            missing.is_empty(),
            "add Chinese help to lang::HELP_ZH for {missing:?}"
        );
        assert!(
            stray.is_empty(),
            "HELP_ZH names nothing that exists: {stray:?}"
        );
    }
}
