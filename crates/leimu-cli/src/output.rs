//! Running a command and rendering its answer, as text for people (in the
//! language of [`Words`]) or as JSON for programs (the same in every language).

use std::fmt::Write as _;

use std::collections::BTreeMap;

use leimu_engine::model::{Leaf, Node, NodeKind};
use leimu_engine::report::{
    CategoryDetails, ListEntry, PlanReport, ProfileRequest, SearchReport, UnlockReport,
    VerdictReport, path_of, resolve_category,
};
use leimu_engine::{
    Catalog, Completion, Confirmation, DocumentUse, NeededFor, Profile, Status, Verdict,
};
use serde::Serialize;

use crate::cli::{self, Command};
use crate::lang::Words;

/// Runs a command that answers from the catalogue (not `validate`,
/// `completions` or `man`): the text to print, or the message of a mistake.
pub fn run(catalog: &Catalog, command: Command, words: &Words) -> Result<String, String> {
    match command {
        Command::Validate { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Diff { .. } => Ok(String::new()),
        Command::Info { json } => Ok(if json {
            to_json(&leimu_engine::report::CatalogueInfo::of(catalog.data()))
        } else {
            (words.catalogue_version)(&leimu_engine::report::CatalogueInfo::of(catalog.data()))
                + "\n"
        }),
        Command::List { json } => Ok(list(catalog, json, words)),
        Command::Show { category, json } => {
            let leaf = find_leaf(catalog, &category.text("show", words)?, words)?;
            Ok(if json {
                to_json(&CategoryDetails::new(catalog, leaf))
            } else {
                show(catalog, leaf, words)
            })
        }
        Command::Check {
            category,
            profile,
            json,
        } => {
            let leaf = find_leaf(catalog, &category.text("check", words)?, words)?;
            let profile = resolve_profile(catalog, &profile.request(words)?, &[leaf], words)?;
            let verdict = catalog
                .evaluate(&leaf.id, &profile)
                .ok_or_else(|| (words.vanished)(&leaf.id))?;
            Ok(if json {
                to_json(&VerdictReport::new(catalog, leaf, &verdict))
            } else {
                verdict_text(catalog, leaf, &verdict, words)
            })
        }
        Command::Unlock { profile, json } => {
            let profile = resolve_profile(catalog, &profile.request(words)?, &[], words)?;
            let entries = catalog.unlock(&profile);
            if json {
                return Ok(to_json(&UnlockReport::all(catalog, &entries)));
            }
            let mut out = String::new();
            let ready: Vec<_> = entries
                .iter()
                .filter(|e| e.documents_ready && !e.no_qualification && e.status != Status::Confirm)
                .collect();
            let confirm: Vec<_> = entries
                .iter()
                .filter(|e| e.status == Status::Confirm && !e.no_qualification)
                .collect();
            let open = entries.iter().filter(|e| e.no_qualification).count();
            let near: Vec<_> = entries.iter().filter(|e| !e.documents_ready).collect();
            let _ = writeln!(out, "{}", (words.unlock_ready)(ready.len(), open));
            for e in ready {
                let by_email = if e.status == Status::ByEmail {
                    format!("  {}", words.by_email)
                } else {
                    String::new()
                };
                let _ = writeln!(out, "  {}{by_email}", path_of(catalog, &e.category));
            }
            let _ = writeln!(out, "\n{}", (words.unlock_confirm)(confirm.len()));
            for e in confirm {
                let _ = writeln!(out, "  {}", path_of(catalog, &e.category));
                for confirmation in &e.to_confirm {
                    let _ = writeln!(out, "      - {}", confirmation_text(confirmation, words));
                }
            }
            let _ = writeln!(out, "\n{}", (words.one_away)(near.len()));
            for e in near {
                let names: Vec<String> = e
                    .one_away
                    .iter()
                    .map(|d| document_text(catalog, d, words))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {}  ← {}",
                    path_of(catalog, &e.category),
                    names.join(" | ")
                );
            }
            Ok(out)
        }
        Command::Plan {
            categories,
            profile,
            ways,
            json,
        } => {
            let mut leaves = Vec::new();
            for category in cli::texts(&categories, "CATEGORY", words)? {
                leaves.push(find_leaf(catalog, &category, words)?);
            }
            let mut choices = BTreeMap::new();
            for value in cli::texts(&ways, "--way", words)? {
                let (category, number) = value
                    .rsplit_once('=')
                    .and_then(|(c, n)| Some((c, n.trim().parse::<usize>().ok()?)))
                    .filter(|(_, n)| *n >= 1)
                    .ok_or_else(|| (words.bad_way)(&value))?;
                choices.insert(find_leaf(catalog, category, words)?.id.clone(), number);
            }
            let ids: Vec<String> = leaves.iter().map(|l| l.id.clone()).collect();
            let profile = resolve_profile(catalog, &profile.request(words)?, &leaves, words)?;
            let plan = catalog.plan_choosing(&ids, &profile, &choices);
            if json {
                return Ok(to_json(&PlanReport::new(catalog, &plan)));
            }
            Ok(plan_text(catalog, &plan, words))
        }
        Command::Search { query, limit, json } => {
            let query = cli::texts(&query, "QUERY", words)?.join(" ");
            let outcome = catalog.search_outcome(&query, limit);
            let hits = outcome.hits;
            if json {
                return Ok(to_json(&SearchReport::all(catalog, &hits)));
            }
            if hits.is_empty() {
                return Ok(format!("{}\n", (words.no_match)(&query)));
            }
            let mut out = String::new();
            if outcome.weak {
                let browse: Vec<&str> = outcome
                    .browse
                    .iter()
                    .filter_map(|id| {
                        catalog
                            .data()
                            .first_levels
                            .iter()
                            .find(|f| f.id == *id)
                            .map(|f| f.name.as_str())
                    })
                    .collect();
                let _ = writeln!(out, "{}", (words.weak_match)(&query, &browse.join("、")));
            }
            for hit in hits {
                let _ = writeln!(
                    out,
                    "{}  ({})",
                    path_of(catalog, &hit.category),
                    hit.category
                );
                let limit = |b: &&leimu_engine::Because| b.kind == leimu_engine::BecauseKind::Limit;
                let reasons: Vec<String> = hit
                    .because
                    .iter()
                    .filter(|b| !limit(b))
                    .take(4)
                    .map(|b| format!("{} {}", (words.because)(b.kind), b.text))
                    .collect();
                if !reasons.is_empty() {
                    let _ = writeln!(out, "    {}: {}", words.matched, reasons.join("; "));
                }
                // A limit of the source is never cut off with the reasons: it
                // is what the user must know before applying.
                for b in hit.because.iter().filter(limit) {
                    let _ = writeln!(out, "    {}: {}", (words.because)(b.kind), b.text);
                }
            }
            Ok(out)
        }
    }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn find_leaf<'a>(catalog: &'a Catalog, query: &str, words: &Words) -> Result<&'a Leaf, String> {
    resolve_category(catalog, query).map_err(|problem| (words.lookup)(&problem, &words.hints))
}

/// Every unknown document or kind, one line each (each becomes an `error:` line).
/// A generic document name (合作协议) means the one these categories need.
fn resolve_profile(
    catalog: &Catalog,
    request: &ProfileRequest,
    categories: &[&Leaf],
    words: &Words,
) -> Result<Profile, String> {
    leimu_engine::report::resolve_profile_for(catalog, request, categories).map_err(|problems| {
        problems
            .iter()
            .map(|p| (words.lookup)(p, &words.hints))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn list(catalog: &Catalog, json: bool, words: &Words) -> String {
    if json {
        return to_json(
            &catalog
                .leaves()
                .iter()
                .map(ListEntry::new)
                .collect::<Vec<_>>(),
        );
    }
    let mut out = String::new();
    for leaf in catalog.leaves() {
        let _ = writeln!(
            out,
            "{}  ({}){}",
            Catalog::display_path(leaf),
            leaf.id,
            badges(leaf, words)
        );
    }
    out
}

fn badges(leaf: &Leaf, words: &Words) -> String {
    let mut out = String::new();
    for (shown, badge) in [
        (leaf.no_qualification, words.badge_no_qualification),
        (leaf.email_only, words.badge_email_only),
        (leaf.local_review, words.badge_local_review),
    ] {
        if shown {
            let _ = write!(out, "  {badge}");
        }
    }
    out
}

fn show(catalog: &Catalog, leaf: &Leaf, words: &Words) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}){}",
        Catalog::display_path(leaf),
        leaf.id,
        badges(leaf, words)
    );
    let _ = writeln!(out, "\n{}\n{}", words.scope, indent(&leaf.scope, "  "));
    if !leaf.notes.is_empty() {
        let _ = writeln!(out, "\n{}\n{}", words.notes, indent(&leaf.notes, "  "));
    }
    let requirement = match leaf.requirement_from_line {
        Some(line) => (words.requirement_merged)(line),
        None => (words.requirement)(leaf.source_line),
    };
    let _ = writeln!(
        out,
        "\n{requirement}\n{}",
        indent(&leaf.requirement_text, "  ")
    );
    match &leaf.rule {
        Some(rule) => {
            let _ = writeln!(out, "\n{}", words.rules);
            write_node(catalog, rule, 1, &mut out, words);
        }
        None if leaf.no_qualification => {
            let _ = writeln!(out, "\n{}", words.rules_none_open);
        }
        None => {
            let _ = writeln!(out, "\n{}", words.rules_none_email);
        }
    }
    if !leaf.references.is_empty() {
        let _ = writeln!(out, "\n{}", words.see_also);
        for reference in &leaf.references {
            let to: Vec<String> = reference.to.iter().map(|id| path_of(catalog, id)).collect();
            let _ = writeln!(out, "  {} → {}", reference.text, to.join("; "));
        }
    }
    out
}

fn write_node(catalog: &Catalog, node: &Node, depth: usize, out: &mut String, words: &Words) {
    let pad = "  ".repeat(depth);
    let applicant = node
        .applicant
        .as_ref()
        .map(|a| format!("  {}", (words.only_for)(&a.label)))
        .unwrap_or_default();
    match &node.kind {
        NodeKind::AllOf { children } => {
            let _ = writeln!(out, "{pad}{}{applicant}", words.all_of);
            for child in children {
                write_node(catalog, child, depth + 1, out, words);
            }
        }
        NodeKind::AnyOf { at_least, children } => {
            let head = if *at_least == 1 {
                (words.one_of)(children.len())
            } else {
                (words.at_least)(*at_least, children.len())
            };
            let _ = writeln!(out, "{pad}{head}{applicant}");
            for child in children {
                write_node(catalog, child, depth + 1, out, words);
            }
        }
        NodeKind::Document(requirement) => {
            let name = catalog
                .document(&requirement.document)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| requirement.document.clone());
            let count = match (requirement.min, requirement.max) {
                (1, None) => String::new(),
                (min, None) => format!(" {}", (words.count_or_more)(min)),
                (min, Some(max)) => format!(" {}", (words.count_range)(min, max)),
            };
            let holder = requirement
                .holder
                .as_deref()
                .map(|h| format!(" {}", (words.held_by)(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{pad}• {name}{count}{holder}{applicant}   [{}]",
                requirement.document
            );
            for condition in &requirement.conditions {
                let _ = writeln!(out, "{pad}    {}", (words.condition)(condition));
            }
        }
    }
}

fn indent(text: &str, pad: &str) -> String {
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn document_text(catalog: &Catalog, use_: &DocumentUse, words: &Words) -> String {
    let mut text = use_.name.clone();
    if use_.need > 1 {
        let _ = write!(text, " {}", (words.need_have)(use_.need, use_.have));
    }
    if let Some(holder) = &use_.holder {
        text.push_str(&(words.held_by)(holder));
    }
    match &use_.needed_for {
        Some(NeededFor::Prerequisite { category }) => {
            text.push_str(&(words.for_prerequisite)(&path_of(catalog, category)))
        }
        Some(NeededFor::Situation { .. }) => text.push_str(words.for_situation),
        None => {}
    }
    text
}

fn confirmation_text(confirmation: &Confirmation, words: &Words) -> String {
    match confirmation {
        Confirmation::Condition { name, text, .. } => (words.condition_of)(name, text),
        Confirmation::Applicant { label, .. } => (words.applicant_is)(label),
        Confirmation::Option { label, .. } => (words.option_applies)(label),
        Confirmation::Situation { text, applies, .. } => {
            if *applies {
                (words.situation_applies)(text)
            } else {
                (words.situation_asks)(text)
            }
        }
    }
}

fn status_word(status: Status, words: &Words) -> &'static str {
    match status {
        Status::Satisfied => words.status_satisfied,
        Status::Confirm => words.status_confirm,
        Status::Missing => words.status_missing,
        Status::ByEmail => words.status_by_email,
    }
}

/// Whom a way is for, when its alternatives name kinds of applicant.
fn for_whom(completion: &Completion, words: &Words) -> String {
    if completion.applicants.is_empty() {
        return String::new();
    }
    let labels: Vec<&str> = completion
        .applicants
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    format!("  {}", (words.for_whom)(&labels.join(" + ")))
}

fn verdict_text(catalog: &Catalog, leaf: &Leaf, verdict: &Verdict, words: &Words) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({})", Catalog::display_path(leaf), leaf.id);
    let headline = match (
        verdict.status,
        verdict.no_qualification,
        verdict.documents_ready,
    ) {
        (_, true, _) => words.satisfied_open,
        (Status::Satisfied, _, _) => words.satisfied,
        (Status::Confirm, _, _) => words.confirm_status,
        (Status::ByEmail, _, true) => words.by_email_ready,
        (Status::ByEmail, _, false) => words.by_email_missing,
        (Status::Missing, _, _) => words.missing,
    };
    let _ = writeln!(out, "{headline}");
    for prerequisite in &verdict.prerequisites {
        let path = path_of(catalog, &prerequisite.category);
        let _ = writeln!(
            out,
            "  {}",
            (words.prerequisite)(&path, prerequisite.approved)
        );
    }
    if let Some(way) = &verdict.satisfied_by
        && !way.relies_on.is_empty()
    {
        let names: Vec<String> = way
            .relies_on
            .iter()
            .map(|d| document_text(catalog, d, words))
            .collect();
        let _ = writeln!(
            out,
            "  {} {}{}",
            words.satisfied_by,
            names.join(" + "),
            for_whom(way, words)
        );
    }
    if let Some(way) = &verdict.satisfied_by {
        for checked in &way.checked {
            let _ = writeln!(
                out,
                "    {}",
                (words.checked)(&checked.name, &checked.text, checked.matched.as_deref())
            );
        }
    }
    if !verdict.documents_ready {
        if verdict.completions.is_empty() && verdict.excluded_by_kind > 0 {
            let _ = writeln!(
                out,
                "  {}",
                (words.no_way_for_kinds)(verdict.excluded_by_kind)
            );
        }
        for (i, completion) in verdict.completions.iter().enumerate() {
            let mut names: Vec<String> = completion
                .missing
                .iter()
                .map(|d| document_text(catalog, d, words))
                .collect();
            names.extend(
                completion
                    .unmet
                    .iter()
                    .map(|u| (words.unmet)(&u.name, &u.text)),
            );
            let _ = writeln!(
                out,
                "  {}{}",
                (words.way)(i + 1, &names.join(" + ")),
                for_whom(completion, words)
            );
        }
    }
    if !verdict.excluded.is_empty() {
        let _ = writeln!(out, "  {}", words.hidden_heading);
        for hidden in &verdict.excluded {
            let because: Vec<String> = hidden
                .because
                .iter()
                .map(|s| (words.statement)(&s.name, s.is))
                .collect();
            let _ = writeln!(
                out,
                "    - {}",
                (words.hidden_line)(&hidden.label, &because.join(", "))
            );
        }
    }
    if !verdict.to_confirm.is_empty() {
        let _ = writeln!(out, "  {}", words.to_confirm);
        for confirmation in &verdict.to_confirm {
            let _ = writeln!(out, "    - {}", confirmation_text(confirmation, words));
        }
    }
    out
}

fn plan_text(catalog: &Catalog, plan: &leimu_engine::Plan, words: &Words) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        (words.plan_heading)(plan.categories.len(), plan.missing_count)
    );
    let _ = writeln!(
        out,
        "{}",
        (words.plan_summary)(
            plan.satisfied_count,
            plan.confirm_count,
            plan.missing_categories - plan.blocked.len(),
            plan.blocked.len()
        )
    );
    for category in &plan.categories {
        let _ = writeln!(
            out,
            "\n{} — {}",
            path_of(catalog, &category.category),
            (words.plan_status)(status_word(category.status, words))
        );
        match &category.chosen {
            None => {
                let _ = writeln!(out, "  {}", words.plan_blocked);
            }
            Some(way) => {
                let _ = writeln!(
                    out,
                    "  {}{}",
                    (words.plan_way)(way.way, category.chosen_by_user),
                    for_whom(way, words)
                );
                for u in &way.unmet {
                    let _ = writeln!(out, "    {}", (words.unmet)(&u.name, &u.text));
                }
                for confirmation in &way.to_confirm {
                    let _ = writeln!(out, "    - {}", confirmation_text(confirmation, words));
                }
            }
        }
        if category.depends_on_kind {
            let _ = writeln!(out, "  {}", words.plan_depends_on_kind);
            for way in &category.ways {
                let names: Vec<String> = way
                    .missing
                    .iter()
                    .chain(&way.relies_on)
                    .map(|d| d.name.clone())
                    .collect();
                let _ = writeln!(
                    out,
                    "    #{} {}{}",
                    way.way,
                    names.join(" + "),
                    for_whom(way, words)
                );
            }
        }
    }
    let _ = writeln!(out);
    for document in &plan.documents {
        let mark = if document.missing { "[ ]" } else { "[x]" };
        let who = document
            .holder
            .as_deref()
            .map(words.held_by)
            .unwrap_or_default();
        let count = if document.need > 1 {
            format!(" ×{}", document.need)
        } else {
            String::new()
        };
        let used_by: Vec<String> = document
            .categories
            .iter()
            .map(|c| path_of(catalog, c))
            .collect();
        let _ = writeln!(
            out,
            "  {mark} {}{count}{who} — {}",
            document.name,
            (words.needed_for)(&used_by.join("; "))
        );
        for condition in &document.conditions {
            let _ = writeln!(out, "        {}", (words.confirm)(condition));
        }
    }
    out
}
