//! Command-line parsing.

pub const HELP: &str = "\
leimu — WeChat mini-program service categories (非个人主体小程序开放的服务类目): what each needs, and whether you qualify

USAGE:
    leimu list [--json]
    leimu show <CATEGORY> [--json]
    leimu check <CATEGORY> [PROFILE] [--json]
    leimu unlock [PROFILE] [--json]
    leimu plan <CATEGORY>... [PROFILE] [--json]
    leimu search <QUERY> [--limit N] [--json]
    leimu validate [CATALOG_DIR]

CATEGORY:
    a path (`物流服务 > 收件/派件`, `生活服务 > 丽人服务 > 美甲`), an id (`life.beauty.nail`),
    or a leaf name that only one category has (`互联网医院`).

PROFILE (what the applicant holds; every flag may repeat):
    --have <DOC>[=N]      the applicant itself holds DOC (N of them, e.g. agreements with N
                          partners; default 1) and it meets the conditions written beside it,
                          which `check` lists under `to_confirm`
    --partner <DOC>[=N]   N of the applicant's partners (合作医院, 入驻商家 …) hold DOC (default 1)
    --kind <KIND>         the applicant is of this kind (政府主体, 银行主体 …; an id or a label);
                          alternatives meant for other kinds are then left out
    DOC is a document's name as the source writes it, with or without 《》 (any spelling), or its id.

OUTPUT:
    --json                machine-readable output; see README.md for the fields
    --limit N             search: at most N results (default 20)

EXIT CODES:
    0 success; 1 the catalogue is invalid (validate) or could not load; 2 usage error,
    unknown category, document or kind (the message names the closest matches)
";

pub use leimu_engine::report::{Holding, ProfileRequest};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    List {
        json: bool,
    },
    Show {
        category: String,
        json: bool,
    },
    Check {
        category: String,
        profile: ProfileRequest,
        json: bool,
    },
    Unlock {
        profile: ProfileRequest,
        json: bool,
    },
    Plan {
        categories: Vec<String>,
        profile: ProfileRequest,
        json: bool,
    },
    Search {
        query: String,
        limit: usize,
        json: bool,
    },
    Validate {
        dir: Option<String>,
    },
}

pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((name, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    if matches!(name.as_str(), "-h" | "--help" | "help") {
        return Ok(Command::Help);
    }
    let mut positional = Vec::new();
    let mut profile = ProfileRequest::default();
    let mut json = false;
    let mut limit = 20usize;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| -> Result<String, String> {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--have" => profile.have.push(Holding::parse(&value("--have")?)?),
            "--partner" => profile.partner.push(Holding::parse(&value("--partner")?)?),
            "--kind" => profile.kinds.push(value("--kind")?),
            "--limit" => {
                let text = value("--limit")?;
                limit = text
                    .parse()
                    .map_err(|_| format!("`--limit` needs a whole number, not `{text}`"))?;
            }
            flag if flag.starts_with("--") => {
                let (key, inline) = flag.split_once('=').unwrap_or((flag, ""));
                match key {
                    "--have" if !inline.is_empty() => profile.have.push(Holding::parse(inline)?),
                    "--partner" if !inline.is_empty() => {
                        profile.partner.push(Holding::parse(inline)?)
                    }
                    "--kind" if !inline.is_empty() => profile.kinds.push(inline.to_owned()),
                    _ => return Err(format!("unknown option `{flag}`")),
                }
            }
            _ => positional.push(arg.clone()),
        }
    }
    let uses_profile = !profile.is_empty();
    let no_profile = |command: &str| -> Result<(), String> {
        if uses_profile {
            Err(format!(
                "`leimu {command}` takes no --have, --partner or --kind"
            ))
        } else {
            Ok(())
        }
    };
    let exactly_one = |what: &str| -> Result<String, String> {
        match positional.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(format!("`leimu {name}` needs a {what}")),
            more => Err(format!(
                "`leimu {name}` takes one {what}, got {}: quote names that contain spaces or `>`",
                more.len()
            )),
        }
    };
    Ok(match name.as_str() {
        "list" => {
            no_profile("list")?;
            Command::List { json }
        }
        "show" => {
            no_profile("show")?;
            Command::Show {
                category: exactly_one("category")?,
                json,
            }
        }
        "check" => Command::Check {
            category: exactly_one("category")?,
            profile,
            json,
        },
        "unlock" => {
            if !positional.is_empty() {
                return Err(
                    "`leimu unlock` takes only profile flags (--have, --partner, --kind)".into(),
                );
            }
            Command::Unlock { profile, json }
        }
        "plan" => {
            if positional.is_empty() {
                return Err("`leimu plan` needs at least one category".into());
            }
            Command::Plan {
                categories: positional,
                profile,
                json,
            }
        }
        "search" => {
            no_profile("search")?;
            if positional.is_empty() {
                return Err("`leimu search` needs a query".into());
            }
            Command::Search {
                query: positional.join(" "),
                limit,
                json,
            }
        }
        "validate" => Command::Validate {
            dir: positional.first().cloned(),
        },
        other => {
            return Err(format!(
                "unknown command `{other}`; expected list, show, check, unlock, plan, search or validate"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn check_with_profile() {
        let command = parse(&[
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
        let Command::Check {
            category,
            profile,
            json,
        } = command
        else {
            panic!()
        };
        assert_eq!(category, "互联网医院");
        assert!(json);
        assert_eq!(
            profile.have,
            [Holding {
                document: "医疗机构执业许可证".into(),
                count: 1
            }]
        );
        assert_eq!(
            profile.partner,
            [Holding {
                document: "合作协议".into(),
                count: 2
            }]
        );
        assert_eq!(profile.kinds, ["政府主体"]);
    }

    #[test]
    fn mistakes_are_named() {
        assert!(
            parse(&["chek"])
                .unwrap_err()
                .contains("unknown command `chek`")
        );
        assert!(parse(&["check"]).unwrap_err().contains("needs a category"));
        assert!(
            parse(&["check", "a", "--have"])
                .unwrap_err()
                .contains("`--have` needs a value")
        );
        assert!(
            parse(&["list", "--have", "x"])
                .unwrap_err()
                .contains("takes no --have")
        );
        assert!(
            parse(&["search", "x", "--limit", "many"])
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            parse(&["check", "a", "--have", "x=0"])
                .unwrap_err()
                .contains("count of 0")
        );
    }
}
