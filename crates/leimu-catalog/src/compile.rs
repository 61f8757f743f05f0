//! Validating the catalogue source and compiling it into the engine's data.
//!
//! One pass does both, collecting every problem with its file and line
//! (cedar's validator and rust-analyzer's `(T, Vec<Error>)` are the model): a
//! catalogue with problems produces diagnostics and no data, never a partial
//! catalogue that looks whole.

use std::collections::{BTreeMap, HashMap, HashSet};

use leimu_engine::model::{
    ApplicantLabel, CatalogData, Document, DocumentRequirement, FirstLevel, Leaf, Node, NodeKind,
    Prerequisite, ScopeCheck, Situation,
};

use crate::diagnostic::Diagnostic;
use crate::fidelity::check_fidelity;
use crate::kinds::KindRegistry;
use crate::mentions::{check_coverage, mention_key};
use crate::pinyin_text::pinyin_table;
use crate::references::resolve_references;
use crate::rule::{RuleKind, RuleNode, parse_rule};
use crate::scope_conditions::read_scope_condition;
use crate::source::{CatalogSource, CategoryFile, Row, SourceFile};

/// Marks in the source text that decide the two flags; the flags are entered
/// by hand and checked against these (a second reading of the same fact).
pub const EMAIL_ONLY_MARK: &str = "暂不支持线上申请";
pub const LOCAL_REVIEW_MARK: &str = "当地互联网主管机关审核";

/// Validates and compiles. Returns the data only when there are no problems.
pub fn compile(catalog: &CatalogSource) -> (Option<CatalogData>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (source_lines, fidelity) = check_fidelity(catalog);
    diagnostics.extend(fidelity);
    diagnostics.extend(crate::update_source::review_marks(catalog));
    let provenance = crate::provenance::compile_provenance(catalog, &mut diagnostics);
    let source_lines: HashMap<String, usize> = source_lines.into_iter().collect();

    let documents = DocumentRegistry::build(catalog, &mut diagnostics);
    let kinds = KindRegistry::build(catalog, &mut diagnostics);

    let mut first_levels = Vec::new();
    let mut leaves = Vec::new();
    let mut seen_ids: HashMap<String, String> = HashMap::new();
    let mut first_level_ids = HashSet::new();
    let mut used_documents = HashSet::new();
    for file in &catalog.categories {
        let category = &file.value;
        let first_id = category.id.get_ref();
        if !is_valid_id(first_id) || first_id.contains('.') {
            diagnostics.push(file.error_at(
                &category.id,
                format!("first-level id `{first_id}` must be lowercase a-z, 0-9 and '-'"),
            ));
        }
        if !first_level_ids.insert(first_id.clone()) {
            diagnostics.push(file.error_at(
                &category.id,
                format!("first-level id `{first_id}` is used by another file"),
            ));
        }
        let first_level = first_levels.len();
        first_levels.push(FirstLevel {
            id: first_id.clone(),
            name: category.name.get_ref().clone(),
        });
        let mut previous_requirement: Option<&str> = None;
        for row in &category.row {
            check_row_shape(file, row, &mut diagnostics);
            if row.requirement_merged_above
                && previous_requirement != Some(row.requirement.get_ref().as_str())
            {
                diagnostics.push(file.error_at(
                    &row.requirement,
                    "`requirement_merged_above`: the requirement must repeat the row above's requirement exactly",
                ));
            }
            previous_requirement = Some(row.requirement.get_ref());
            let rule = row.rule.as_ref().and_then(|rule| {
                compile_rule(
                    file,
                    rule,
                    row.requirement.get_ref(),
                    &documents,
                    &kinds,
                    &mut used_documents,
                    &mut diagnostics,
                )
            });
            let situations = compile_situations(
                file,
                row,
                &documents,
                &kinds,
                &mut used_documents,
                &mut diagnostics,
            );
            for sentence in &row.prerequisites {
                if !row.notes_text().contains(sentence.get_ref().as_str()) {
                    diagnostics.push(file.error_at(
                        sentence,
                        "a prerequisite must be a sentence of the row's notes, verbatim",
                    ));
                }
            }
            let email_only_in_text = [
                row.requirement.get_ref(),
                row.scope.get_ref(),
                row.notes_text(),
            ]
            .iter()
            .any(|t| t.contains(EMAIL_ONLY_MARK));
            if row.email_only != email_only_in_text {
                diagnostics.push(file.error_at(
                    &row.l2,
                    format!(
                        "`email_only` is {} but the row's text {} “{EMAIL_ONLY_MARK}”",
                        row.email_only,
                        if email_only_in_text {
                            "says"
                        } else {
                            "does not say"
                        }
                    ),
                ));
            }
            let review_in_text = [
                row.requirement.get_ref(),
                row.scope.get_ref(),
                row.notes_text(),
            ]
            .iter()
            .any(|t| t.contains(LOCAL_REVIEW_MARK));
            if row.local_review != review_in_text {
                diagnostics.push(file.error_at(
                    &row.l2,
                    format!(
                        "`local_review` is {} but the row's text {} “{LOCAL_REVIEW_MARK}”",
                        row.local_review,
                        if review_in_text {
                            "says"
                        } else {
                            "does not say"
                        }
                    ),
                ));
            }
            for (name, id) in row.leaves() {
                let leaf_id = id.get_ref();
                if !is_valid_id(leaf_id) || !leaf_id.starts_with(&format!("{first_id}.")) {
                    diagnostics.push(file.error_at(id, format!("leaf id `{leaf_id}` must be `{first_id}.` followed by lowercase a-z, 0-9, '-' and '.' segments")));
                }
                if let Some(other) = seen_ids.insert(
                    leaf_id.clone(),
                    format!("{}:{}", file.path.display(), file.line(id)),
                ) {
                    diagnostics.push(file.error_at(
                        id,
                        format!("leaf id `{leaf_id}` is already used at {other}"),
                    ));
                }
                let mut path = vec![category.name.get_ref().clone(), row.l2.get_ref().clone()];
                if row.l3.is_some() {
                    path.push(name.get_ref().clone());
                }
                leaves.push(Leaf {
                    id: leaf_id.clone(),
                    path,
                    first_level,
                    requirement_text: row.requirement.get_ref().clone(),
                    scope: row.scope.get_ref().clone(),
                    notes: row.notes_text().to_owned(),
                    no_qualification: row.requirement.get_ref() == "/",
                    rule: rule.clone(),
                    email_only: row.email_only,
                    local_review: row.local_review,
                    references: Vec::new(),
                    source_line: source_lines.get(leaf_id).copied().unwrap_or(0) as u32,
                    prerequisites: Vec::new(),
                    situations: situations.clone(),
                    requirement_from_line: None,
                });
            }
        }
    }
    for document in &documents.entries {
        if !used_documents.contains(&document.id) {
            diagnostics.push(documents.error(
                &document.id,
                format!(
                    "document `{}` is not needed by any rule; remove it",
                    document.id
                ),
            ));
        }
    }
    diagnostics.extend(kinds.unused());
    let references = resolve_references(catalog, &leaves, &mut diagnostics);
    for leaf in &mut leaves {
        leaf.references = references.get(&leaf.id).cloned().unwrap_or_default();
    }
    resolve_prerequisites(catalog, &mut leaves, &mut diagnostics);
    mark_merged_requirements(catalog, &mut leaves, &source_lines);
    diagnostics.extend(check_coverage(catalog, &documents));
    diagnostics.sort();
    diagnostics.dedup();
    if !diagnostics.is_empty() {
        return (None, diagnostics);
    }
    let synonyms = compile_synonyms(catalog, &leaves, &documents.entries, &mut diagnostics);
    let lexicon = compile_lexicon(catalog, &leaves, &mut diagnostics);
    if !diagnostics.is_empty() {
        return (None, diagnostics);
    }
    let pinyin = pinyin_table(
        leaves
            .iter()
            .flat_map(|l| l.path.iter().map(String::as_str).chain([l.scope.as_str()]))
            .chain(documents.entries.iter().map(|d| d.name.as_str()))
            .chain(
                lexicon
                    .iter()
                    .flat_map(|e| e.words.iter().map(String::as_str)),
            ),
    );
    let data = CatalogData {
        notice: crate::generate::NOTICE.to_owned(),
        schema: leimu_engine::SCHEMA_VERSION,
        source_title: catalog
            .source_text
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned(),
        provenance,
        first_levels,
        leaves,
        documents: documents.entries,
        applicant_kinds: kinds.kinds,
        applicant_groups: kinds.groups,
        applicant_labels: kinds.labels,
        generic_document_names: documents.generic,
        synonyms,
        lexicon,
        pinyin,
    };
    (Some(data), diagnostics)
}

/// `synonyms.toml`: each source word must occur in the catalogue (a name, a
/// scope, a note or a document), or the synonym could never find anything.
fn compile_synonyms(
    catalog: &CatalogSource,
    leaves: &[Leaf],
    documents: &[Document],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<leimu_engine::model::Synonym> {
    let Some(file) = &catalog.synonyms else {
        return Vec::new();
    };
    let occurs = |word: &str| {
        leaves.iter().any(|l| {
            l.path.iter().any(|p| p.contains(word))
                || l.scope.contains(word)
                || l.notes.contains(word)
        }) || documents
            .iter()
            .any(|d| d.aliases.iter().any(|a| a.contains(word)))
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for entry in &file.value.synonym {
        for word in &entry.words {
            if word.get_ref().trim().is_empty() || !seen.insert(word.get_ref().clone()) {
                diagnostics.push(file.error_at(
                    word,
                    format!("word `{}` is empty or listed twice", word.get_ref()),
                ));
            }
        }
        for word in &entry.source {
            if !occurs(word.get_ref()) {
                diagnostics.push(file.error_at(
                    word,
                    format!(
                        "`{}` occurs nowhere in the catalogue, so it cannot help search",
                        word.get_ref()
                    ),
                ));
            }
        }
        out.push(leimu_engine::model::Synonym {
            words: entry.words.iter().map(|w| w.get_ref().clone()).collect(),
            source: entry.source.iter().map(|w| w.get_ref().clone()).collect(),
        });
    }
    out
}

/// `lexicon.toml`: every category must be a leaf, every word non-empty and
/// listed once per category, and a word under two categories must be
/// declared ambiguous with exactly those categories.
fn compile_lexicon(
    catalog: &CatalogSource,
    leaves: &[Leaf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<leimu_engine::model::LexiconEntry> {
    let Some(file) = &catalog.lexicon else {
        return Vec::new();
    };
    let ids: HashSet<&str> = leaves.iter().map(|l| l.id.as_str()).collect();
    // English words are one word in all their forms (`rental`, `rentals`),
    // as the search stems them: the rules hold for their stemmed form.
    let fold = |w: &str| -> String {
        if w.is_ascii() {
            leimu_engine::english_phrase(w).replace(' ', "")
        } else {
            w.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase()
        }
    };
    let mut categories_of: std::collections::BTreeMap<String, Vec<String>> =
        std::collections::BTreeMap::new();
    let mut out: Vec<leimu_engine::model::LexiconEntry> = Vec::new();
    for term in &file.value.term {
        let category = term.category.get_ref();
        if !ids.contains(category.as_str()) {
            diagnostics
                .push(file.error_at(&term.category, format!("`{category}` is not a category id")));
        }
        let mut words = Vec::new();
        for word in &term.words {
            let text = word.get_ref();
            let key = fold(text);
            let chars = key.chars().count();
            if key.is_empty() || chars > 24 || key.chars().any(char::is_control) {
                diagnostics.push(file.error_at(
                    word,
                    format!("word `{text}` is empty, too long or has control characters"),
                ));
                continue;
            }
            let listed = categories_of.entry(key).or_default();
            if listed.contains(category) {
                diagnostics.push(file.error_at(
                    word,
                    format!("word `{text}` is listed twice for `{category}`"),
                ));
                continue;
            }
            listed.push(category.clone());
            words.push(text.trim().to_owned());
        }
        match out.iter_mut().find(|e| e.category == *category) {
            Some(entry) => entry.words.extend(words),
            None => out.push(leimu_engine::model::LexiconEntry {
                category: category.clone(),
                words,
            }),
        }
    }
    let mut declared: std::collections::BTreeMap<String, Vec<String>> =
        std::collections::BTreeMap::new();
    for entry in &file.value.ambiguous {
        let key = fold(entry.word.get_ref());
        let mut named: Vec<String> = entry
            .categories
            .iter()
            .map(|c| c.get_ref().clone())
            .collect();
        named.sort();
        let mut listed = categories_of.get(&key).cloned().unwrap_or_default();
        listed.sort();
        if named.len() < 2 || named != listed {
            diagnostics.push(file.error_at(
                &entry.word,
                format!(
                    "ambiguous word `{}` names {named:?} but is listed under {listed:?}",
                    entry.word.get_ref()
                ),
            ));
        }
        declared.insert(key, named);
    }
    for (word, listed) in &categories_of {
        if listed.len() > 1 && !declared.contains_key(word) {
            let at = file
                .value
                .term
                .iter()
                .flat_map(|t| t.words.iter())
                .find(|w| fold(w.get_ref()) == *word);
            if let Some(at) = at {
                diagnostics.push(file.error_at(
                    at,
                    format!("word `{word}` is listed under {listed:?}; declare it in [[ambiguous]] with both, or keep one"),
                ));
            }
        }
    }
    out
}

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('-')
                && !segment.ends_with('-')
                && segment
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn check_row_shape(file: &SourceFile<CategoryFile>, row: &Row, diagnostics: &mut Vec<Diagnostic>) {
    match (&row.l3, &row.id) {
        (Some(_), Some(id)) => diagnostics.push(file.error_at(
            id,
            "a row with `l3` has its ids in `l3`; remove the row's `id`",
        )),
        (None, None) => {
            diagnostics.push(file.error_at(&row.l2, "the row needs an `id` (or `l3` with ids)"))
        }
        (Some(l3), None) if l3.is_empty() => diagnostics
            .push(file.error_at(&row.l2, "`l3` is empty; remove it and give the row an `id`")),
        _ => {}
    }
    let is_open = row.requirement.get_ref() == "/";
    match (&row.rule, is_open) {
        (Some(rule), true) => diagnostics.push(file.error_at(
            rule,
            "the requirement is `/` (no qualification needed), so the row has no `rule`",
        )),
        // An email-only category may list no documents at all (公益 > 网络互助).
        (None, false) if !row.email_only => diagnostics.push(file.error_at(
            &row.requirement,
            "the requirement needs a `rule` (see catalog/README.md)",
        )),
        _ => {}
    }
}

/// Parses and resolves a rule (a row's, or a situation's) into an engine
/// node; every quoted value must be a slice of `within`.
fn compile_rule(
    file: &SourceFile<CategoryFile>,
    rule: &toml::Spanned<String>,
    within: &str,
    documents: &DocumentRegistry,
    kinds: &KindRegistry,
    used_documents: &mut HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let first_line = file.content_line(rule);
    let parsed = match parse_rule(rule.get_ref()) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for e in errors {
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    first_line + e.line - 1,
                    e.message,
                ));
            }
            return None;
        }
    };
    let requirement = within;
    let mut ok = true;
    parsed.walk(&mut |node: &RuleNode| {
        let line = first_line + node.line - 1;
        let mut verbatim = |what: &str, value: &str| {
            if !requirement.contains(value) {
                ok = false;
                diagnostics.push(Diagnostic::new(&file.path, line, format!("{what} `{value}` is not in the row's requirement text; quote the source exactly")));
            }
        };
        if let RuleKind::Doc { mention } = &node.kind {
            verbatim("document", mention);
        }
        if let Some(v) = &node.attributes.applicant {
            verbatim("`for`", v);
        }
        if let Some(v) = &node.attributes.holder {
            verbatim("`holder`", v);
        }
        if let Some(v) = &node.attributes.issuer {
            verbatim("`issuer`", v);
        }
        for c in node.attributes.conditions.iter().chain(&node.attributes.form) {
            verbatim("`cond`/`form`", c);
        }
        if let RuleKind::Any { at_least, children } = &node.kind
            && (children.len() < 2 || *at_least as usize >= children.len()) {
                ok = false;
                diagnostics.push(Diagnostic::new(&file.path, line, format!("a choice of {at_least} among {} children is not a choice", children.len())));
            }
        if let RuleKind::All(children) = &node.kind
            && children.len() < 2 && !node.is_kind_only() {
                ok = false;
                diagnostics.push(Diagnostic::new(&file.path, line, "`all` with one child: write the child alone"));
            }
    });
    let node = resolve(
        &parsed,
        file,
        first_line,
        documents,
        kinds,
        used_documents,
        diagnostics,
        &mut ok,
    );
    ok.then_some(node)
}

/// A row's situations: each a verbatim sentence of its notes or requirement,
/// with the documents it adds when it names them.
fn compile_situations(
    file: &SourceFile<CategoryFile>,
    row: &Row,
    documents: &DocumentRegistry,
    kinds: &KindRegistry,
    used_documents: &mut HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Situation> {
    let mut out = Vec::new();
    for entry in &row.situation {
        let text = entry.text.get_ref();
        if !row.notes_text().contains(text.as_str())
            && !row.requirement.get_ref().contains(text.as_str())
        {
            diagnostics.push(file.error_at(
                &entry.text,
                "a situation must be a sentence of the row's notes or requirement, verbatim",
            ));
            continue;
        }
        let rule = entry.rule.as_ref().and_then(|rule| {
            compile_rule(
                file,
                rule,
                text,
                documents,
                kinds,
                used_documents,
                diagnostics,
            )
        });
        if entry.rule.is_some() && rule.is_none() {
            continue;
        }
        let mut refers_to = Vec::new();
        for id in &entry.refers_to {
            if documents.entries.iter().any(|d| d.id == *id.get_ref()) {
                refers_to.push(id.get_ref().clone());
            } else if documents.present {
                diagnostics.push(file.error_at(
                    id,
                    format!("`refers_to`: unknown document `{}`", id.get_ref()),
                ));
            }
        }
        out.push(Situation {
            text: text.clone(),
            rule,
            blocks: entry.blocks,
            refers_to,
        });
    }
    out
}

/// Each prerequisite sentence names one category in 【…】, resolved like
/// the notes' cross-references.
fn resolve_prerequisites(
    catalog: &CatalogSource,
    leaves: &mut [Leaf],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for file in &catalog.categories {
        for row in &file.value.row {
            for sentence in &row.prerequisites {
                let text = sentence.get_ref();
                let row_ids: Vec<String> = row
                    .leaves()
                    .iter()
                    .map(|(_, id)| id.get_ref().clone())
                    .collect();
                let Some(first) = leaves.iter().find(|l| row_ids.first() == Some(&l.id)) else {
                    continue;
                };
                let targets: Vec<String> = first
                    .references
                    .iter()
                    .filter(|r| text.contains(r.text.as_str()))
                    .flat_map(|r| r.to.clone())
                    .collect();
                if targets.len() != 1 {
                    diagnostics.push(file.error_at(
                        sentence,
                        format!(
                            "a prerequisite must name exactly one category in 【…】; `{text}` names {}",
                            targets.len()
                        ),
                    ));
                    continue;
                }
                for leaf in leaves.iter_mut().filter(|l| row_ids.contains(&l.id)) {
                    leaf.prerequisites.push(Prerequisite {
                        text: text.clone(),
                        category: targets.concat(),
                    });
                }
            }
        }
    }
}

/// Marks the leaves of a row whose requirement cell the source merges with
/// the row above's: the text they show stands on another line.
fn mark_merged_requirements(
    catalog: &CatalogSource,
    leaves: &mut [Leaf],
    source_lines: &HashMap<String, usize>,
) {
    for file in &catalog.categories {
        let mut previous_first: Option<String> = None;
        for row in &file.value.row {
            let ids: Vec<String> = row
                .leaves()
                .iter()
                .map(|(_, id)| id.get_ref().clone())
                .collect();
            if row.requirement_merged_above
                && let Some(above) = &previous_first
                && let Some(line) = source_lines.get(above)
            {
                // The line of the source, at or after the row above's start,
                // where the requirement's text begins.
                let first = row
                    .requirement
                    .get_ref()
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or_default();
                let at = catalog
                    .source_text
                    .lines()
                    .enumerate()
                    .skip(line.saturating_sub(1))
                    .find(|(_, text)| !first.is_empty() && text.contains(first))
                    .map_or(*line, |(index, _)| index + 1);
                for leaf in leaves.iter_mut().filter(|l| ids.contains(&l.id)) {
                    leaf.requirement_from_line = Some(at as u32);
                }
            }
            previous_first = ids.first().cloned();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve(
    node: &RuleNode,
    file: &SourceFile<CategoryFile>,
    first_line: usize,
    documents: &DocumentRegistry,
    kinds: &KindRegistry,
    used_documents: &mut HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
    ok: &mut bool,
) -> Node {
    let line = first_line + node.line - 1;
    let applicant = node.attributes.applicant.as_ref().and_then(|label| match kinds.label(label) {
        Some(meaning) => Some(ApplicantLabel {
            kind: meaning.id.clone(),
            label: label.clone(),
            option: kinds.is_option(meaning),
        }),
        None if kinds.present => {
            *ok = false;
            diagnostics.push(Diagnostic::new(&file.path, line, format!("applicant label `{label}` is not in applicant-kinds.toml; add a `[[label]]` saying what it means")));
            None
        }
        None => Some(ApplicantLabel { kind: String::new(), label: label.clone(), option: false }),
    });
    let mut children = |children: &[RuleNode], ok: &mut bool| -> Vec<Node> {
        children
            .iter()
            .map(|c| {
                resolve(
                    c,
                    file,
                    first_line,
                    documents,
                    kinds,
                    used_documents,
                    diagnostics,
                    ok,
                )
            })
            .collect()
    };
    let kind = match &node.kind {
        RuleKind::All(c) => NodeKind::AllOf {
            children: children(c, ok),
        },
        RuleKind::Any {
            at_least,
            children: c,
        } => NodeKind::AnyOf {
            at_least: *at_least,
            children: children(c, ok),
        },
        RuleKind::Doc { mention } => {
            let name = mention_key(mention);
            let owners = documents.by_alias.get(&name).cloned().unwrap_or_default();
            let chosen = match (&node.attributes.document, owners.as_slice()) {
                (Some(id), _) if owners.contains(id) => Ok(id.clone()),
                (Some(id), _) => Err(format!(
                    "`as=\"{id}\"`: document `{id}` does not list the spelling `{name}`"
                )),
                (None, [one]) => Ok(one.clone()),
                (None, []) => Err(format!(
                    "document `{name}` is not in documents.toml; add it as an alias of its document"
                )),
                (None, many) => Err(format!(
                    "`{name}` is a spelling of several documents ({}); choose one with `as=\"id\"`",
                    many.join(", ")
                )),
            };
            let document = match chosen {
                Ok(id) => {
                    used_documents.insert(id.clone());
                    id
                }
                Err(message) => {
                    if documents.present {
                        *ok = false;
                        diagnostics.push(Diagnostic::new(&file.path, line, message));
                    }
                    name
                }
            };
            let conditions = node.attributes.conditions.clone();
            let scope_checks = if node.attributes.holder.is_none()
                && documents.business_scope_document.as_deref() == Some(document.as_str())
            {
                conditions
                    .iter()
                    .filter_map(|c| {
                        read_scope_condition(c).map(|(terms, exhaustive)| ScopeCheck {
                            condition: c.clone(),
                            terms,
                            exhaustive,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            NodeKind::Document(DocumentRequirement {
                document,
                mention: mention.clone(),
                holder: node.attributes.holder.clone(),
                min: node.attributes.min.unwrap_or(1),
                max: node.attributes.max,
                conditions,
                issuer: node.attributes.issuer.clone(),
                form: node.attributes.form.clone(),
                scope_checks,
            })
        }
    };
    Node { applicant, kind }
}

/// `documents.toml`, indexed.
#[derive(Debug)]
pub struct DocumentRegistry {
    pub present: bool,
    pub entries: Vec<Document>,
    /// Alias (without 《》) → the documents that list it (one, unless the
    /// source uses one spelling for several documents and rules say `as`).
    pub by_alias: BTreeMap<String, Vec<String>>,
    /// Words the source uses for several documents.
    pub generic: Vec<String>,
    /// The document whose scope the profile's business scope is.
    pub business_scope_document: Option<String>,
    lines: HashMap<String, (std::path::PathBuf, usize)>,
}

impl DocumentRegistry {
    fn build(catalog: &CatalogSource, diagnostics: &mut Vec<Diagnostic>) -> DocumentRegistry {
        let mut registry = DocumentRegistry {
            present: false,
            entries: Vec::new(),
            by_alias: BTreeMap::new(),
            generic: Vec::new(),
            business_scope_document: None,
            lines: HashMap::new(),
        };
        let Some(file) = &catalog.documents else {
            return registry;
        };
        registry.present = true;
        registry.generic = file
            .value
            .generic
            .iter()
            .map(|g| g.get_ref().clone())
            .collect();
        registry.business_scope_document = file
            .value
            .business_scope_document
            .as_ref()
            .map(|d| d.get_ref().clone());
        for entry in &file.value.document {
            let id = entry.id.get_ref().clone();
            if !is_valid_id(&id) || id.contains('.') {
                diagnostics.push(file.error_at(
                    &entry.id,
                    format!("document id `{id}` must be lowercase a-z, 0-9 and '-'"),
                ));
            }
            if registry
                .lines
                .insert(id.clone(), (file.path.clone(), file.line(&entry.id)))
                .is_some()
            {
                diagnostics
                    .push(file.error_at(&entry.id, format!("document id `{id}` appears twice")));
            }
            let name = entry.name.get_ref().clone();
            if name.contains('《') || name.contains('》') {
                diagnostics.push(file.error_at(&entry.name, "write the name without 《》"));
            }
            let mut aliases: Vec<String> = vec![name.clone()];
            for alias in &entry.aliases {
                let text = alias.get_ref().clone();
                if text.contains('《') || text.contains('》') {
                    diagnostics.push(file.error_at(alias, "write the alias without 《》"));
                }
                if aliases.contains(&text) {
                    if text != name {
                        diagnostics
                            .push(file.error_at(alias, format!("alias `{text}` is listed twice")));
                    }
                    continue;
                }
                aliases.push(text);
            }
            for alias in &aliases {
                let owners = registry.by_alias.entry(alias.clone()).or_default();
                if !owners.contains(&id) {
                    owners.push(id.clone());
                }
            }
            registry.entries.push(Document { id, name, aliases });
        }
        if let Some(scope_document) = &file.value.business_scope_document
            && !registry
                .entries
                .iter()
                .any(|d| d.id == *scope_document.get_ref())
        {
            diagnostics.push(file.error_at(
                scope_document,
                format!("unknown document `{}`", scope_document.get_ref()),
            ));
        }
        registry
    }

    fn error(&self, id: &str, message: String) -> Diagnostic {
        let (path, line) = self.lines.get(id).cloned().unwrap_or_default();
        Diagnostic::new(&path, line, message)
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids() {
        assert!(is_valid_id("medical.internet-hospital"));
        assert!(is_valid_id("life.beauty.nail"));
        assert!(!is_valid_id("Medical.x"));
        assert!(!is_valid_id("medical..x"));
        assert!(!is_valid_id("medical.-x"));
        assert!(!is_valid_id("医疗"));
    }
}
