//! The CLI's own words in Chinese and English: headings, labels, messages
//! and the help text.
//!
//! Only the CLI's words are translated; catalogue text (names, requirement
//! texts, conditions, labels) is always printed as the source wrote it, and
//! the JSON output is the same in both languages. The language comes from
//! `--lang`, else from the locale as POSIX orders it (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`; the first one set decides): a locale starting
//! with `zh` means Chinese, anything else English.
//!
//! Like the site's `i18n.rs`, [`Words`] is a struct of fields, so a missing
//! translation does not compile. The help text is clap's, declared in English
//! in `cli.rs`; [`HELP_ZH`] gives every subcommand and option its Chinese
//! help, and a test fails when one is missing (add the line next to the
//! option you add).

use std::ffi::OsStr;

use clap::ValueEnum;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use leimu_engine::report::{Hints, LookupProblem};

/// The language of headings and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

impl Lang {
    /// The language a locale value names (`zh_CN.UTF-8` → Chinese, `C`, `en_US` … → English).
    pub fn of_locale(value: &OsStr) -> Lang {
        if value.as_encoded_bytes().starts_with(b"zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The locale's language: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty.
    pub fn from_locale(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::of_locale(&value))
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Every word the CLI prints around catalogue text.
#[derive(Debug)]
pub struct Words {
    /// What to do when nothing is close to an unknown name.
    pub hints: Hints<'static>,
    /// `error: ` before every message on stderr.
    pub error: &'static str,
    pub not_utf8: fn(what: &str, shown: &str) -> String,
    pub one_category_only: fn(command: &str, count: usize) -> String,
    pub not_a_catalogue_folder: fn(path: &str) -> String,
    pub catalogue_ok: &'static str,
    pub problems: fn(count: usize) -> String,
    pub catalogue_failed: fn(error: &str) -> String,
    pub vanished: fn(id: &str) -> String,
    /// `--version`: the catalogue's line, from its facts.
    pub catalogue_version: fn(&CatalogueFacts) -> String,
    // `list` and `show`
    pub badge_no_qualification: &'static str,
    pub badge_email_only: &'static str,
    pub badge_local_review: &'static str,
    pub scope: &'static str,
    pub notes: &'static str,
    pub requirement: fn(line: u32) -> String,
    /// The requirement of a row whose cell the source merges with the row above's.
    pub requirement_merged: fn(line: u32) -> String,
    pub rules: &'static str,
    pub rules_none_open: &'static str,
    pub rules_none_email: &'static str,
    pub see_also: &'static str,
    pub only_for: fn(label: &str) -> String,
    pub all_of: &'static str,
    pub one_of: fn(count: usize) -> String,
    pub at_least: fn(at_least: u32, count: usize) -> String,
    pub count_or_more: fn(min: u32) -> String,
    pub count_range: fn(min: u32, max: u32) -> String,
    /// After a document's name, with its own leading space where the language wants one.
    pub held_by: fn(holder: &str) -> String,
    pub condition: fn(text: &str) -> String,
    /// A condition to confirm: the document's name and the condition's text.
    pub condition_of: fn(name: &str, text: &str) -> String,
    // `check`
    pub satisfied_open: &'static str,
    pub satisfied: &'static str,
    pub by_email_ready: &'static str,
    pub by_email_missing: &'static str,
    pub missing: &'static str,
    pub satisfied_by: &'static str,
    pub no_way_for_kinds: fn(left_out: usize) -> String,
    pub way: fn(number: usize, documents: &str) -> String,
    pub need_have: fn(need: u32, have: u32) -> String,
    pub to_confirm: &'static str,
    pub applicant_is: fn(label: &str) -> String,
    pub option_applies: fn(label: &str) -> String,
    /// `check` when every document is held but something must be confirmed.
    pub confirm_status: &'static str,
    /// A situation of the notes the user must say is theirs or not.
    pub situation_asks: fn(text: &str) -> String,
    /// A situation the user said is theirs, which names nothing leimu can check.
    pub situation_applies: fn(text: &str) -> String,
    /// Alternatives left out by what the applicant said.
    pub hidden_heading: &'static str,
    pub hidden_line: fn(label: &str, because: &str) -> String,
    /// One thing the applicant said: `is` true for "is", false for "is not".
    pub statement: fn(name: &str, is: bool) -> String,
    /// A category this one requires first.
    pub prerequisite: fn(path: &str, approved: bool) -> String,
    /// A held document that does not meet this category's condition.
    pub unmet: fn(name: &str, text: &str) -> String,
    /// A condition settled by the business scope (`matched`) or by the user.
    pub checked: fn(name: &str, text: &str, matched: Option<&str>) -> String,
    /// Whom a way is for.
    pub for_whom: fn(labels: &str) -> String,
    /// Why a document is in a way: a prerequisite category or a situation.
    pub for_prerequisite: fn(path: &str) -> String,
    pub for_situation: &'static str,
    /// `unlock`: categories whose documents are held, with something to confirm.
    pub unlock_confirm: fn(count: usize) -> String,
    /// `plan`: a category's line.
    pub plan_status: fn(status: &str) -> String,
    pub status_satisfied: &'static str,
    pub status_confirm: &'static str,
    pub status_missing: &'static str,
    pub status_by_email: &'static str,
    pub plan_blocked: &'static str,
    pub plan_depends_on_kind: &'static str,
    pub plan_way: fn(number: usize, chosen_by_user: bool) -> String,
    pub plan_summary:
        fn(satisfied: usize, confirm: usize, missing: usize, blocked: usize) -> String,
    /// `--way CATEGORY=N`: a mistake in it.
    pub bad_way: fn(value: &str) -> String,
    // `unlock`
    pub unlock_ready: fn(ready: usize, open: usize) -> String,
    pub by_email: &'static str,
    pub one_away: fn(count: usize) -> String,
    // `plan`
    pub plan_heading: fn(categories: usize, missing: usize) -> String,
    pub needed_for: fn(categories: &str) -> String,
    pub confirm: fn(condition: &str) -> String,
    // `search`
    pub no_match: fn(query: &str) -> String,
    /// Heading when no result fits well, with the first levels to browse.
    pub weak_match: fn(query: &str, browse: &str) -> String,
    /// Label of a result's reasons, and each kind of reason.
    pub matched: &'static str,
    pub because: fn(leimu_engine::BecauseKind) -> &'static str,
    /// How an unresolved name is reported.
    pub lookup: fn(&LookupProblem, &Hints) -> String,
}

/// What `--version` and `info` tell about the embedded catalogue.
pub type CatalogueFacts = leimu_engine::report::CatalogueInfo;

pub static EN: Words = Words {
    hints: Hints {
        category: "run `leimu search` to find one",
        document: "run `leimu show <CATEGORY>` to see a category's documents",
        kind: "see `leimu show <CATEGORY>` for the kinds a category names",
    },
    error: "error: ",
    not_utf8: |what, shown| {
        format!(
            "{what} `{shown}` is not valid UTF-8; leimu reads names as Unicode text: check the terminal's encoding (e.g. LANG=C.UTF-8)"
        )
    },
    one_category_only: |command, count| {
        format!(
            "`leimu {command}` takes one category, got {count}: quote names that contain spaces or `>`"
        )
    },
    not_a_catalogue_folder: |path| {
        format!(
            "`{path}` is not a catalogue folder (it has no source.txt); pass the path of `catalog/`"
        )
    },
    catalogue_ok: "catalogue ok",
    problems: |count| format!("{count} problem(s)"),
    catalogue_failed: |error| {
        format!(
            "the embedded catalogue did not load ({error}); this is a bug in this build of leimu"
        )
    },
    vanished: |id| format!("category `{id}` vanished"),
    catalogue_version: |facts| {
        format!(
            "catalogue {}: {}, taken {} (source.txt SHA-256 {})\n  schema {}; {} first-level categories, {} categories, {} documents",
            facts.version,
            facts.title,
            facts.taken,
            facts.source_sha256,
            facts.schema,
            facts.first_levels,
            facts.categories,
            facts.documents
        )
    },
    badge_no_qualification: "[no qualification needed]",
    badge_email_only: "[by email only]",
    badge_local_review: "[extra review ~7 days]",
    scope: "适用范围 scope:",
    notes: "备注 notes:",
    requirement: |line| format!("资质要求 requirement (source text, line {line} of the source):"),
    requirement_merged: |line| {
        format!(
            "资质要求 requirement (source text, line {line}: the source prints this cell once for this row and the row above, so it is read as this row's too):"
        )
    },
    rules: "Rules:",
    rules_none_open: "Rules: none — no qualification is needed.",
    rules_none_email: "Rules: none — the source lists no documents; apply by email as it says.",
    see_also: "See also:",
    only_for: |label| format!("[only for: {label}]"),
    all_of: "all of:",
    one_of: |count| format!("one of these {count}:"),
    at_least: |at_least, count| format!("at least {at_least} of these {count}:"),
    count_or_more: |min| format!("×{min} or more"),
    count_range: |min, max| format!("×{min}–{max}"),
    held_by: |holder| format!(" (held by {holder})"),
    condition: |text| format!("condition: {text}"),
    condition_of: |name, text| format!("{name}: {text}"),
    satisfied_open: "SATISFIED — no qualification is needed",
    satisfied: "SATISFIED",
    by_email_ready: "BY EMAIL — documents complete; this category is applied for by email only",
    by_email_missing: "BY EMAIL — this category is applied for by email only, and documents are missing",
    missing: "MISSING",
    satisfied_by: "satisfied by:",
    no_way_for_kinds: |left_out| {
        format!("no alternative is open to the applicant kind(s) given ({left_out} left out)")
    },
    way: |number, documents| format!("way {number}: add {documents}"),
    need_have: |need, have| format!("×{need} (have {have})"),
    to_confirm: "to confirm:",
    applicant_is: |label| format!("the applicant is: {label}"),
    option_applies: |label| format!("this alternative applies to you: {label}"),
    confirm_status: "CONFIRM — every document is held; it depends on what is listed under \"to confirm\"",
    situation_asks: |text| format!("whether this applies to you: {text}"),
    situation_applies: |text| {
        format!("you said this applies; what it asks for cannot be checked here: {text}")
    },
    hidden_heading: "left out by what you said about the applicant:",
    hidden_line: |label, because| {
        format!("for {label} — because you said: {because} (take that back to reopen it)")
    },
    statement: |name, is| {
        if is {
            format!("is {name}")
        } else {
            format!("is not {name}")
        }
    },
    prerequisite: |path, approved| {
        if approved {
            format!("requires {path} first (you said it is approved)")
        } else {
            format!(
                "requires {path} first: its documents are part of every way (--approved if you hold it)"
            )
        }
    },
    unmet: |name, text| format!("{name} does not meet: {text}"),
    checked: |name, text, matched| match matched {
        Some(term) => format!("{name}: {text} — met (your business scope contains “{term}”)"),
        None => format!("{name}: {text} — you confirmed it"),
    },
    for_whom: |labels| format!("[for: {labels}]"),
    for_prerequisite: |path| format!(" (for {path})"),
    for_situation: " (for a situation of the notes)",
    unlock_confirm: |count| format!("Documents held, confirm first ({count}):"),
    plan_status: |status| status.to_owned(),
    status_satisfied: "satisfied",
    status_confirm: "confirm",
    status_missing: "missing",
    status_by_email: "by email",
    plan_blocked: "no way is open to the applicant as described: no document completes it",
    plan_depends_on_kind: "which way is yours depends on what kind of applicant you are; the ways:",
    plan_way: |number, by_user| {
        if by_user {
            format!("way #{number} (your choice)")
        } else {
            format!("way #{number} (--way CATEGORY=N to use another)")
        }
    },
    plan_summary: |satisfied, confirm, missing, blocked| {
        format!(
            "{satisfied} satisfied, {confirm} to confirm, {missing} missing documents, {blocked} with no open way"
        )
    },
    bad_way: |value| {
        format!(
            "`--way {value}`: write CATEGORY=N, with N a way number `plan` lists for that category"
        )
    },
    unlock_ready: |ready, open| {
        format!("Satisfied ({ready}), plus {open} categories that need no qualification:")
    },
    by_email: "[by email]",
    one_away: |count| format!("One document away ({count}):"),
    plan_heading: |categories, missing| {
        format!("Plan for {categories} categories — {missing} document(s) still missing:")
    },
    needed_for: |categories| format!("for {categories}"),
    confirm: |condition| format!("confirm: {condition}"),
    no_match: |query| {
        format!(
            "no category matches `{query}`; try fewer words, a category name, or pinyin initials"
        )
    },
    weak_match: |query, browse| {
        format!(
            "nothing fits `{query}` well; the closest below are guesses. Browse instead: {browse}"
        )
    },
    matched: "matched",
    because: |kind| match kind {
        leimu_engine::BecauseKind::Name => "name",
        leimu_engine::BecauseKind::Path => "path",
        leimu_engine::BecauseKind::Scope => "scope",
        leimu_engine::BecauseKind::Note => "note",
        leimu_engine::BecauseKind::Document => "document",
        leimu_engine::BecauseKind::Lexicon => "everyday word",
        leimu_engine::BecauseKind::Redirect => "a note sends this here",
        leimu_engine::BecauseKind::Limit => "the source limits this",
    },
    // The engine's English message: the JavaScript API throws the same text (tests/node compare them).
    lookup: LookupProblem::message,
};

pub static ZH: Words = Words {
    hints: Hints {
        category: "可用 `leimu search` 查找",
        document: "可用 `leimu show <类目>` 查看类目所需的资料",
        kind: "可用 `leimu show <类目>` 查看类目提到的主体类型",
    },
    error: "错误：",
    not_utf8: |what, shown| {
        format!(
            "{what} `{shown}` 不是有效的 UTF-8；leimu 按 Unicode 文本读取名称，请检查终端的编码（例如 LANG=zh_CN.UTF-8）"
        )
    },
    one_category_only: |command, count| {
        format!("`leimu {command}` 只接受一个类目，收到 {count} 个：含空格或 `>` 的名称请加引号")
    },
    not_a_catalogue_folder: |path| {
        format!("`{path}` 不是类目表文件夹（其中没有 source.txt）；请给出 `catalog/` 的路径")
    },
    catalogue_ok: "类目表无误",
    problems: |count| format!("{count} 个问题"),
    catalogue_failed: |error| format!("内置的类目表无法加载（{error}）；这是此版本 leimu 的缺陷"),
    vanished: |id| format!("类目 `{id}` 不存在"),
    catalogue_version: |facts| {
        format!(
            "类目表版本 {}：{}，原文取于 {}（source.txt 的 SHA-256 为 {}）\n  格式版本 {}；一级类目 {} 个，类目 {} 个，资料 {} 种",
            facts.version,
            facts.title,
            facts.taken,
            facts.source_sha256,
            facts.schema,
            facts.first_levels,
            facts.categories,
            facts.documents
        )
    },
    badge_no_qualification: "［无需资质］",
    badge_email_only: "［仅限邮件申请］",
    badge_local_review: "［另需约 7 天审核］",
    scope: "适用范围：",
    notes: "备注：",
    requirement: |line| format!("资质要求（原文第 {line} 行）："),
    requirement_merged: |line| {
        format!("资质要求（原文第 {line} 行；原文此单元格与上一行合并，按本行同样适用理解）：")
    },
    rules: "规则：",
    rules_none_open: "规则：无 —— 无需资质。",
    rules_none_email: "规则：无 —— 原文未列出资料，请按原文所说通过邮件申请。",
    see_also: "另见：",
    only_for: |label| format!("［仅适用于：{label}］"),
    all_of: "以下全部：",
    one_of: |count| format!("以下 {count} 项之一："),
    at_least: |at_least, count| format!("以下 {count} 项中至少 {at_least} 项："),
    count_or_more: |min| format!("×{min} 或更多"),
    count_range: |min, max| format!("×{min}–{max}"),
    held_by: |holder| format!("（由{holder}持有）"),
    condition: |text| format!("条件：{text}"),
    condition_of: |name, text| format!("{name}：{text}"),
    satisfied_open: "符合 —— 无需资质",
    satisfied: "符合",
    by_email_ready: "邮件申请 —— 资料齐全；此类目仅限邮件申请",
    by_email_missing: "邮件申请 —— 此类目仅限邮件申请，且资料不全",
    missing: "缺少资料",
    satisfied_by: "依据：",
    no_way_for_kinds: |left_out| format!("所给主体类型没有可用的方案（{left_out} 个方案不适用）"),
    way: |number, documents| format!("方案 {number}：补充 {documents}"),
    need_have: |need, have| format!("×{need}（已有 {have}）"),
    to_confirm: "需自行确认：",
    applicant_is: |label| format!("申请主体为：{label}"),
    option_applies: |label| format!("此项适用于你：{label}"),
    confirm_status: "待确认 —— 资料齐全，但取决于下列“需自行确认”的事项",
    situation_asks: |text| format!("此情况是否适用于你：{text}"),
    situation_applies: |text| format!("你已确认此情况适用，其要求无法在此核对：{text}"),
    hidden_heading: "因你所说的主体情况而不适用：",
    hidden_line: |label, because| {
        format!("适用于{label}的方案 —— 因为你说：{because}（撤回即可重新考虑）")
    },
    statement: |name, is| {
        if is {
            format!("是{name}")
        } else {
            format!("不是{name}")
        }
    },
    prerequisite: |path, approved| {
        if approved {
            format!("需先通过 {path}（你已说明已通过）")
        } else {
            format!("需先通过 {path}：其所需资料已计入每个方案（已通过请用 --approved）")
        }
    },
    unmet: |name, text| format!("{name}不符合：{text}"),
    checked: |name, text, matched| match matched {
        Some(term) => format!("{name}：{text} —— 已符合（经营范围含“{term}”）"),
        None => format!("{name}：{text} —— 你已确认"),
    },
    for_whom: |labels| format!("［适用于：{labels}］"),
    for_prerequisite: |path| format!("（用于 {path}）"),
    for_situation: "（用于备注所述情况）",
    unlock_confirm: |count| format!("资料齐全、待确认（{count} 个）："),
    plan_status: |status| status.to_owned(),
    status_satisfied: "已符合",
    status_confirm: "待确认",
    status_missing: "缺资料",
    status_by_email: "邮件申请",
    plan_blocked: "按你所说的主体情况，没有可用的方案：补齐资料也无法满足",
    plan_depends_on_kind: "哪个方案适用取决于你的主体类型；可选方案：",
    plan_way: |number, by_user| {
        if by_user {
            format!("方案 #{number}（你选定的）")
        } else {
            format!("方案 #{number}（可用 --way 类目=N 改用其他方案）")
        }
    },
    plan_summary: |satisfied, confirm, missing, blocked| {
        format!(
            "已符合 {satisfied} 个，待确认 {confirm} 个，缺资料 {missing} 个，无可用方案 {blocked} 个"
        )
    },
    bad_way: |value| format!("`--way {value}`：请写成 类目=N，N 为 plan 列出的该类目方案编号"),
    unlock_ready: |ready, open| format!("已符合（{ready} 个），另有 {open} 个类目无需资质："),
    by_email: "［邮件申请］",
    one_away: |count| format!("只差一份资料（{count} 个）："),
    plan_heading: |categories, missing| {
        format!("{categories} 个类目的清单 —— 仍缺 {missing} 份资料：")
    },
    needed_for: |categories| format!("用于 {categories}"),
    confirm: |condition| format!("需确认：{condition}"),
    no_match: |query| format!("没有与 `{query}` 匹配的类目；试试更少的词、类目名称或拼音首字母"),
    weak_match: |query, browse| {
        format!("没有与 `{query}` 相符的类目；以下只是最接近的猜测。可浏览：{browse}")
    },
    matched: "匹配",
    because: |kind| match kind {
        leimu_engine::BecauseKind::Name => "名称",
        leimu_engine::BecauseKind::Path => "上级类目",
        leimu_engine::BecauseKind::Scope => "适用范围",
        leimu_engine::BecauseKind::Note => "备注",
        leimu_engine::BecauseKind::Document => "资料",
        leimu_engine::BecauseKind::Lexicon => "常用说法",
        leimu_engine::BecauseKind::Redirect => "备注指向此处",
        leimu_engine::BecauseKind::Limit => "原文限制",
    },
    lookup: lookup_zh,
};

/// [`LookupProblem::message`] in Chinese.
fn lookup_zh(problem: &LookupProblem, hints: &Hints) -> String {
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let not_found = |what: &str, query: &str, closest: &[String], hint: &str| {
        if closest.is_empty() {
            format!("没有与 `{query}` 匹配的{what}；{hint}")
        } else {
            format!(
                "没有与 `{query}` 匹配的{what}；最接近的：{}",
                quoted(closest)
            )
        }
    };
    match problem {
        LookupProblem::UnknownCategory { query, closest } => {
            not_found("类目", query, closest, hints.category)
        }
        LookupProblem::AmbiguousCategory { query, options } => {
            let options: Vec<String> = options
                .iter()
                .map(|o| format!("`{}`（{}）", o.category, o.id))
                .collect();
            format!(
                "`{query}` 对应多个类目；请给出其中一个的路径或 id：{}",
                options.join("、")
            )
        }
        LookupProblem::UnknownDocument { query, closest } => {
            not_found("资料", query, closest, hints.document)
        }
        LookupProblem::AmbiguousDocument { query, options, .. } => {
            let options: Vec<String> = options
                .iter()
                .map(|o| {
                    if o.categories.is_empty() {
                        format!("`{}`（{}）", o.name, o.id)
                    } else {
                        format!("`{}`（{}；用于 {}）", o.name, o.id, o.categories.join("；"))
                    }
                })
                .collect();
            format!(
                "资料 `{query}` 可能指多种资料；请写出其名称或 id：{}",
                options.join("、")
            )
        }
        LookupProblem::UnknownKind { query, closest } => {
            not_found("主体类型", query, closest, hints.kind)
        }
        LookupProblem::AmbiguousKind { query, options } => {
            format!(
                "`{query}` 包含多种主体类型；请说明是哪一种：{}",
                quoted(options)
            )
        }
        LookupProblem::ContradictoryKinds { first, second } => {
            format!("`{first}` 与 `{second}` 不可能同时成立；请只保留符合实际的一项")
        }
        LookupProblem::UnknownQuestion { query, closest } => not_found(
            "需确认的事项",
            query,
            closest,
            "请写出 check 在“需自行确认”下列出的条件、主体类型或情况",
        ),
        LookupProblem::AmbiguousQuestion { query, options } => {
            format!(
                "`{query}` 出现在多个需确认的事项中；请写得更完整：{}",
                quoted(options)
            )
        }
        LookupProblem::ConflictingAnswers { query } => {
            format!("`{query}` 同时被确认和否认；请只保留一项")
        }
    }
}

/// The end of `leimu --help` in Chinese (the English is `cli.rs`'s `after_help`).
pub const AFTER_HELP_ZH: &str = "类目（CATEGORY）：路径（`物流服务 > 收件/派件`）、id（`life.beauty.nail`）或只有一个类目使用的名称（`互联网医院`）。\n资料（DOC）：原文写法的资料名，带或不带《》（任一写法），或其 id。\n退出码：0 成功；1 类目表有误（validate）或无法加载；2 用法错误，或未知的类目、资料、主体类型（提示中列出最接近的名称）。";

/// The Chinese help of every subcommand and option, by path: `""` is the
/// program itself, `"check"` a subcommand, `"check --have"` an option or
/// argument (by its id: the field's name). Options that every subcommand
/// shares (`--lang`) are listed once, at the top.
pub const HELP_ZH: &[(&str, &str)] = &[
    (
        "",
        "微信小程序服务类目（非个人主体小程序开放的服务类目）：每个类目需要什么资料，你是否符合",
    ),
    (
        "--lang",
        "标题和提示的语言（类目原文不翻译）；默认取自 LC_ALL、LC_MESSAGES 或 LANG",
    ),
    ("--version", "显示程序和类目表的版本"),
    ("list", "按官方列表的顺序列出所有类目"),
    ("list --json", "输出 JSON（字段见 README.md）"),
    ("show", "显示一个类目的规则树及原文"),
    (
        "show category",
        "类目：路径（`医疗服务 > 互联网医院`）、id 或唯一的类目名",
    ),
    ("show --json", "输出 JSON（字段见 README.md）"),
    (
        "check",
        "检查资料是否符合一个类目；不符合时列出所有最短的补齐方案",
    ),
    (
        "check category",
        "类目：路径（`医疗服务 > 互联网医院`）、id 或唯一的类目名",
    ),
    ("check --json", "输出 JSON（字段见 README.md）"),
    ("unlock", "列出资料已符合的类目，以及只差一份资料的类目"),
    ("unlock --json", "输出 JSON（字段见 README.md）"),
    ("plan", "多个类目合并为一份资料清单，共用的资料只算一次"),
    (
        "plan categories",
        "类目（一个或多个）：路径、id 或唯一的类目名",
    ),
    ("plan --json", "输出 JSON（字段见 README.md）"),
    (
        "search",
        "用自己的话、类目名或拼音（hlwyy、yiliao）查找类目",
    ),
    ("search query", "要找的内容，多个词用空格分开"),
    ("search --limit", "最多显示 N 个结果"),
    ("search --json", "输出 JSON（字段见 README.md）"),
    (
        "info",
        "显示这份类目表是哪一版：版本、原文标题、取得日期及其 SHA-256",
    ),
    ("info --json", "输出 JSON（字段见 README.md）"),
    (
        "diff",
        "比较两个类目表 JSON 文件（catalog/generated/catalog.json、catalog/history/*.json）的变化",
    ),
    ("diff old", "较旧的类目表 JSON 文件"),
    ("diff new", "较新的类目表 JSON 文件"),
    ("diff --json", "输出 JSON（字段见 README.md）"),
    (
        "validate",
        "检查修改过的类目表源文件，列出每个问题的文件和行号",
    ),
    ("validate dir", "类目表文件夹（默认为本仓库的 catalog/）"),
    ("completions", "输出 shell 补全脚本"),
    ("completions shell", "shell 的名称"),
    (
        "man",
        "输出 man 手册页（roff 格式），例如 `leimu man > leimu.1`",
    ),
    // The profile options, shared by check, unlock and plan.
    (
        "* --have",
        "申请主体自己持有的资料 DOC（N 份，默认 1）；资料旁写明的条件列在“需自行确认”下；可重复",
    ),
    (
        "* --partner",
        "N 个合作方（合作医院、入驻商家……）持有资料 DOC（默认 1）；可重复",
    ),
    (
        "* --kind",
        "申请主体的类型（企业、内资企业主体、银行主体、公立医疗机构……；非X 表示不是 X）；只排除与之矛盾的方案，其余的列为需确认；可重复",
    ),
    (
        "* --approved",
        "小程序已通过的类目（其他类目要求先通过的类目）；可重复",
    ),
    (
        "* --scope",
        "营业执照上的经营范围；与经营范围有关的条件将据此核对",
    ),
    (
        "* --confirm",
        "确认“需自行确认”中的一项成立：写出其条件、主体类型或情况（或其中唯一的一段）；可重复",
    ),
    (
        "* --deny",
        "确认“需自行确认”中的一项不成立（写法同 --confirm）；可重复",
    ),
    (
        "plan --ways",
        "对类目 CATEGORY 使用方案 N（plan 列出的编号），而不是自动选择；可重复",
    ),
];

/// A clap usage error in Chinese, for the mistakes people make most (an
/// unknown command or option, a bad or missing value); `None` leaves the rest
/// to clap's English. The usage line stays clap's.
pub fn clap_error_zh(error: &clap::Error) -> Option<String> {
    let get = |kind: ContextKind| -> Vec<String> {
        match error.get(kind) {
            Some(ContextValue::String(value)) => vec![value.clone()],
            Some(ContextValue::Strings(values)) => values.clone(),
            Some(ContextValue::StyledStr(value)) => vec![value.to_string()],
            Some(ContextValue::StyledStrs(values)) => {
                values.iter().map(ToString::to_string).collect()
            }
            Some(ContextValue::Number(number)) => vec![number.to_string()],
            _ => Vec::new(),
        }
    };
    let first = |kind: ContextKind| get(kind).into_iter().next().unwrap_or_default();
    let listed = |values: Vec<String>| {
        values
            .iter()
            .map(|value| format!("`{value}`"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let closest = |kind: ContextKind| {
        let suggested = get(kind);
        if suggested.is_empty() {
            String::new()
        } else {
            format!("；最接近的：{}", listed(suggested))
        }
    };
    let message = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "没有 `{}` 这个命令{}",
            first(ContextKind::InvalidSubcommand),
            closest(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "不认识的选项或参数 `{}`{}",
            first(ContextKind::InvalidArg),
            closest(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = first(ContextKind::InvalidValue);
            let argument = first(ContextKind::InvalidArg);
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("`{argument}` 需要一个值")
            } else if valid.is_empty() {
                let reason = std::error::Error::source(error)
                    .map(|source| format!("（{source}）"))
                    .unwrap_or_default();
                format!("`{argument}` 的值 `{value}` 无效{reason}")
            } else {
                format!(
                    "`{argument}` 的值 `{value}` 无效；可用的值：{}",
                    listed(valid)
                )
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "缺少必需的参数：{}",
                get(ContextKind::InvalidArg).join("、")
            )
        }
        ErrorKind::InvalidUtf8 => {
            "参数不是有效的 UTF-8；请检查终端的编码（例如 LANG=zh_CN.UTF-8）".to_owned()
        }
        _ => return None,
    };
    let usage = first(ContextKind::Usage);
    Some(format!(
        "{}{message}\n{}\n用 `leimu --help` 或 `leimu <命令> --help` 查看用法。\n",
        ZH.error,
        if usage.is_empty() {
            String::new()
        } else {
            format!("\n{usage}\n")
        }
    ))
}
