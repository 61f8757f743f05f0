//! Running a command and rendering its answer, as text for people or as JSON for programs.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use leimu_engine::model::{Leaf, Node, NodeKind};
use leimu_engine::report::{
    CategoryDetails, Hints, ListEntry, PlanReport, ProfileRequest, SearchReport, UnlockReport,
    VerdictReport, path_of, resolve_category,
};
use leimu_engine::{Catalog, Confirmation, DocumentUse, Profile, Status, Verdict};
use serde::Serialize;

use crate::args::Command;

/// The CLI's advice when nothing is close to an unknown name.
const HINTS: Hints = Hints {
    category: "run `leimu search` to find one",
    document: "run `leimu show <CATEGORY>` to see a category's documents",
    kind: "see `leimu show <CATEGORY>` for the kinds a category names",
};

pub fn validate(dir: Option<&str>) -> ExitCode {
    let root = dir
        .map(PathBuf::from)
        .unwrap_or_else(leimu_catalog::default_catalog_dir);
    if !root.join("source.txt").exists() {
        eprintln!(
            "error: `{}` is not a catalogue folder (it has no source.txt); pass the path of `catalog/`",
            root.display()
        );
        return ExitCode::from(crate::EXIT_USAGE);
    }
    if leimu_catalog::print_report(&leimu_catalog::validate(&root)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub fn run(catalog: &Catalog, command: Command) -> Result<String, String> {
    match command {
        Command::Help | Command::Validate { .. } => Ok(String::new()),
        Command::List { json } => Ok(list(catalog, json)),
        Command::Show { category, json } => {
            let leaf = find_leaf(catalog, &category)?;
            Ok(if json {
                to_json(&CategoryDetails::new(catalog, leaf))
            } else {
                show(catalog, leaf)
            })
        }
        Command::Check {
            category,
            profile,
            json,
        } => {
            let leaf = find_leaf(catalog, &category)?;
            let profile = resolve_profile(catalog, &profile)?;
            let verdict = catalog
                .evaluate(&leaf.id, &profile)
                .ok_or_else(|| format!("category `{}` vanished", leaf.id))?;
            Ok(if json {
                to_json(&VerdictReport::new(catalog, leaf, &verdict))
            } else {
                verdict_text(catalog, leaf, &verdict)
            })
        }
        Command::Unlock { profile, json } => {
            let profile = resolve_profile(catalog, &profile)?;
            let entries = catalog.unlock(&profile);
            if json {
                return Ok(to_json(&UnlockReport::all(catalog, &entries)));
            }
            let mut out = String::new();
            let ready: Vec<_> = entries
                .iter()
                .filter(|e| e.documents_ready && !e.no_qualification)
                .collect();
            let open = entries.iter().filter(|e| e.no_qualification).count();
            let near: Vec<_> = entries.iter().filter(|e| !e.documents_ready).collect();
            let _ = writeln!(
                out,
                "Satisfied ({}), plus {open} categories that need no qualification:",
                ready.len()
            );
            for e in ready {
                let _ = writeln!(
                    out,
                    "  {}{}",
                    path_of(catalog, &e.category),
                    if e.status == Status::ByEmail {
                        "  [by email]"
                    } else {
                        ""
                    }
                );
            }
            let _ = writeln!(out, "\nOne document away ({}):", near.len());
            for e in near {
                let names: Vec<String> = e.one_away.iter().map(document_text).collect();
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
            json,
        } => {
            let mut ids = Vec::new();
            for category in &categories {
                ids.push(find_leaf(catalog, category)?.id.clone());
            }
            let profile = resolve_profile(catalog, &profile)?;
            let plan = catalog.plan(&ids, &profile);
            if json {
                return Ok(to_json(&PlanReport::new(catalog, &plan)));
            }
            let mut out = String::new();
            let _ = writeln!(
                out,
                "Plan for {} categories — {} document(s) still missing:",
                plan.categories.len(),
                plan.missing_count
            );
            for document in &plan.documents {
                let mark = if document.missing { "[ ]" } else { "[x]" };
                let who = document
                    .holder
                    .as_deref()
                    .map(|h| format!(" (held by {h})"))
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
                    "  {mark} {}{count}{who} — for {}",
                    document.name,
                    used_by.join("; ")
                );
                for condition in &document.conditions {
                    let _ = writeln!(out, "        confirm: {condition}");
                }
            }
            Ok(out)
        }
        Command::Search { query, limit, json } => {
            let hits = catalog.search(&query, limit);
            if json {
                return Ok(to_json(&SearchReport::all(catalog, &hits)));
            }
            if hits.is_empty() {
                return Ok(format!(
                    "no category matches `{query}`; try fewer words, a category name, or pinyin initials\n"
                ));
            }
            let mut out = String::new();
            for hit in hits {
                let _ = writeln!(
                    out,
                    "{}  ({})",
                    path_of(catalog, &hit.category),
                    hit.category
                );
            }
            Ok(out)
        }
    }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn find_leaf<'a>(catalog: &'a Catalog, query: &str) -> Result<&'a Leaf, String> {
    resolve_category(catalog, query).map_err(|problem| problem.message(&HINTS))
}

/// Every unknown document or kind, one `error:` line each.
fn resolve_profile(catalog: &Catalog, request: &ProfileRequest) -> Result<Profile, String> {
    leimu_engine::report::resolve_profile(catalog, request).map_err(|problems| {
        problems
            .iter()
            .map(|p| p.message(&HINTS))
            .collect::<Vec<_>>()
            .join("\nerror: ")
    })
}

fn list(catalog: &Catalog, json: bool) -> String {
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
            badges(leaf)
        );
    }
    out
}

fn badges(leaf: &Leaf) -> String {
    let mut out = String::new();
    if leaf.no_qualification {
        out.push_str("  [no qualification needed]");
    }
    if leaf.email_only {
        out.push_str("  [by email only]");
    }
    if leaf.local_review {
        out.push_str("  [extra review ~7 days]");
    }
    out
}

fn show(catalog: &Catalog, leaf: &Leaf) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}){}",
        Catalog::display_path(leaf),
        leaf.id,
        badges(leaf)
    );
    let _ = writeln!(out, "\n适用范围 scope:\n{}", indent(&leaf.scope, "  "));
    if !leaf.notes.is_empty() {
        let _ = writeln!(out, "\n备注 notes:\n{}", indent(&leaf.notes, "  "));
    }
    let _ = writeln!(
        out,
        "\n资质要求 requirement (source text, line {} of the source):\n{}",
        leaf.source_line,
        indent(&leaf.requirement_text, "  ")
    );
    match &leaf.rule {
        Some(rule) => {
            let _ = writeln!(out, "\nRules:");
            write_node(catalog, rule, 1, &mut out);
        }
        None if leaf.no_qualification => {
            let _ = writeln!(out, "\nRules: none — no qualification is needed.");
        }
        None => {
            let _ = writeln!(
                out,
                "\nRules: none — the source lists no documents; apply by email as it says."
            );
        }
    }
    if !leaf.references.is_empty() {
        let _ = writeln!(out, "\nSee also:");
        for reference in &leaf.references {
            let to: Vec<String> = reference.to.iter().map(|id| path_of(catalog, id)).collect();
            let _ = writeln!(out, "  {} → {}", reference.text, to.join("; "));
        }
    }
    out
}

fn write_node(catalog: &Catalog, node: &Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let applicant = node
        .applicant
        .as_ref()
        .map(|a| format!("  [only for: {}]", a.label))
        .unwrap_or_default();
    match &node.kind {
        NodeKind::AllOf { children } => {
            let _ = writeln!(out, "{pad}all of:{applicant}");
            for child in children {
                write_node(catalog, child, depth + 1, out);
            }
        }
        NodeKind::AnyOf { at_least, children } => {
            let head = if *at_least == 1 {
                format!("one of these {}:", children.len())
            } else {
                format!("at least {at_least} of these {}:", children.len())
            };
            let _ = writeln!(out, "{pad}{head}{applicant}");
            for child in children {
                write_node(catalog, child, depth + 1, out);
            }
        }
        NodeKind::Document(requirement) => {
            let name = catalog
                .document(&requirement.document)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| requirement.document.clone());
            let count = match (requirement.min, requirement.max) {
                (1, None) => String::new(),
                (min, None) => format!(" ×{min} or more"),
                (min, Some(max)) => format!(" ×{min}–{max}"),
            };
            let holder = requirement
                .holder
                .as_deref()
                .map(|h| format!("  (held by {h})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{pad}• {name}{count}{holder}{applicant}   [{}]",
                requirement.document
            );
            for condition in &requirement.conditions {
                let _ = writeln!(out, "{pad}    condition: {condition}");
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

fn document_text(use_: &DocumentUse) -> String {
    let mut text = use_.name.clone();
    if use_.need > 1 {
        let _ = write!(text, " ×{} (have {})", use_.need, use_.have);
    }
    if let Some(holder) = &use_.holder {
        let _ = write!(text, " (held by {holder})");
    }
    text
}

fn confirmation_text(confirmation: &Confirmation) -> String {
    match confirmation {
        Confirmation::Condition { name, text, .. } => format!("{name}: {text}"),
        Confirmation::Applicant { label, .. } => format!("the applicant is: {label}"),
        Confirmation::Option { label } => format!("this alternative applies to you: {label}"),
    }
}

fn verdict_text(catalog: &Catalog, leaf: &Leaf, verdict: &Verdict) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({})", Catalog::display_path(leaf), leaf.id);
    let headline = match (
        verdict.status,
        verdict.no_qualification,
        verdict.documents_ready,
    ) {
        (_, true, _) => "SATISFIED — no qualification is needed".to_owned(),
        (Status::Satisfied, _, _) => "SATISFIED".to_owned(),
        (Status::ByEmail, _, true) => {
            "BY EMAIL — documents complete; this category is applied for by email only".to_owned()
        }
        (Status::ByEmail, _, false) => {
            "BY EMAIL — this category is applied for by email only, and documents are missing"
                .to_owned()
        }
        (Status::Missing, _, _) => "MISSING".to_owned(),
    };
    let _ = writeln!(out, "{headline}");
    if let Some(way) = &verdict.satisfied_by
        && !way.relies_on.is_empty()
    {
        let names: Vec<String> = way.relies_on.iter().map(document_text).collect();
        let _ = writeln!(out, "  satisfied by: {}", names.join(" + "));
    }
    if !verdict.documents_ready {
        if verdict.completions.is_empty() {
            let _ = writeln!(
                out,
                "  no alternative is open to the applicant kind(s) given ({} left out)",
                verdict.excluded_by_kind
            );
        }
        for (i, completion) in verdict.completions.iter().enumerate() {
            let names: Vec<String> = completion.missing.iter().map(document_text).collect();
            let _ = writeln!(out, "  way {}: add {}", i + 1, names.join(" + "));
        }
    }
    if !verdict.to_confirm.is_empty() {
        let _ = writeln!(out, "  to confirm:");
        for confirmation in &verdict.to_confirm {
            let _ = writeln!(out, "    - {}", confirmation_text(confirmation));
        }
    }
    let _ = catalog;
    out
}
