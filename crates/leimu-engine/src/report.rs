//! The answers as programs receive them: the shapes of the CLI's `--json`
//! output and of the JavaScript API's return values, defined once.
//!
//! The engine's own types ([`Verdict`], [`UnlockEntry`], [`Plan`] …) name a
//! category by its leaf id only, because that is all the engine needs. A
//! program wants the path too (`category`, joined with ` > `, since names
//! contain `/`) beside the `id`, and the check verdict adds the leaf's flags
//! and resolved cross-references. Both front-ends serialise these structs, so
//! the CLI and the JavaScript API give the same fields by construction
//! rather than by two hand-kept copies.
//!
//! Resolving what a person typed (a category by path, id or name; a document
//! in any spelling; an applicant kind by id or label) also lives here, so
//! both front-ends accept the same names and report the same problems; each
//! supplies only its own advice for when nothing is close ([`Hints`]).

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::evaluate::{Completion, Confirmation, DocumentUse, Profile, Status, Verdict};
use crate::lookup::{Lookup, suggestions};
use crate::model::{Leaf, Node};
use crate::plan::{Plan, PlannedDocument};
use crate::search::{MatchRange, SearchHit};
use crate::unlock::UnlockEntry;

/// How many closest names a "no … matches" problem offers.
const SUGGESTION_LIMIT: usize = 5;

/// A category as every answer names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryName {
    /// The path joined with ` > ` (`生活服务 > 丽人服务 > 美甲`).
    pub category: String,
    /// The leaf id (`life.beauty.nail`).
    pub id: String,
}

impl CategoryName {
    /// The name of a leaf id; an id the catalogue does not know is shown as itself.
    pub fn of(catalog: &Catalog, id: &str) -> CategoryName {
        CategoryName {
            category: path_of(catalog, id),
            id: id.to_owned(),
        }
    }
}

/// One line of `list`: a category and its flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListEntry {
    pub category: String,
    pub id: String,
    /// The names from the first level down to the leaf.
    pub path: Vec<String>,
    pub no_qualification: bool,
    pub email_only: bool,
    pub local_review: bool,
    /// 1-based line of `catalog/source.txt` where the category's row starts.
    pub source_line: u32,
}

impl ListEntry {
    pub fn new(leaf: &Leaf) -> ListEntry {
        ListEntry {
            category: Catalog::display_path(leaf),
            id: leaf.id.clone(),
            path: leaf.path.clone(),
            no_qualification: leaf.no_qualification,
            email_only: leaf.email_only,
            local_review: leaf.local_review,
            source_line: leaf.source_line,
        }
    }
}

/// Everything `show` tells about one category: its flags, its source text and its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryDetails {
    pub category: String,
    pub id: String,
    pub path: Vec<String>,
    pub no_qualification: bool,
    pub email_only: bool,
    pub local_review: bool,
    pub source_line: u32,
    /// The 资质要求 cell, verbatim.
    pub requirement_text: String,
    /// The 类目适用范围 cell, verbatim.
    pub scope: String,
    /// The 备注 cell, verbatim (empty when the source has none).
    pub notes: String,
    /// The requirement as a tree; `None` when the source lists no documents.
    pub rule: Option<Node>,
    pub references: Vec<ReferenceReport>,
}

impl CategoryDetails {
    pub fn new(catalog: &Catalog, leaf: &Leaf) -> CategoryDetails {
        CategoryDetails {
            category: Catalog::display_path(leaf),
            id: leaf.id.clone(),
            path: leaf.path.clone(),
            no_qualification: leaf.no_qualification,
            email_only: leaf.email_only,
            local_review: leaf.local_review,
            source_line: leaf.source_line,
            requirement_text: leaf.requirement_text.clone(),
            scope: leaf.scope.clone(),
            notes: leaf.notes.clone(),
            rule: leaf.rule.clone(),
            references: references(catalog, leaf),
        }
    }
}

/// A note's pointer to other categories, with their paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceReport {
    /// The reference as written (`【医疗服务-互联网医院】`).
    pub text: String,
    pub to: Vec<CategoryName>,
    /// Why it was resolved this way, when the text names no category verbatim.
    pub judgement: Option<String>,
}

fn references(catalog: &Catalog, leaf: &Leaf) -> Vec<ReferenceReport> {
    leaf.references
        .iter()
        .map(|r| ReferenceReport {
            text: r.text.clone(),
            to: r
                .to
                .iter()
                .map(|id| CategoryName::of(catalog, id))
                .collect(),
            judgement: r.judgement.clone(),
        })
        .collect()
}

/// One document of a way, named by `id` (the engine's [`DocumentUse`] calls it `document`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentReport {
    pub name: String,
    pub id: String,
    pub mention: String,
    pub holder: Option<String>,
    pub need: u32,
    pub have: u32,
}

impl DocumentReport {
    pub fn new(use_: &DocumentUse) -> DocumentReport {
        DocumentReport {
            name: use_.name.clone(),
            id: use_.document.clone(),
            mention: use_.mention.clone(),
            holder: use_.holder.clone(),
            need: use_.need,
            have: use_.have,
        }
    }
}

fn documents(uses: &[DocumentUse]) -> Vec<DocumentReport> {
    uses.iter().map(DocumentReport::new).collect()
}

/// One way to satisfy a category, as `check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletionReport {
    pub missing: Vec<DocumentReport>,
    pub relies_on: Vec<DocumentReport>,
    pub to_confirm: Vec<Confirmation>,
}

impl CompletionReport {
    pub fn new(completion: &Completion) -> CompletionReport {
        CompletionReport {
            missing: documents(&completion.missing),
            relies_on: documents(&completion.relies_on),
            to_confirm: completion.to_confirm.clone(),
        }
    }
}

/// The answer of `check`: the verdict with the category's name, flags and references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictReport {
    pub category: String,
    pub id: String,
    pub status: Status,
    pub no_qualification: bool,
    pub email_only: bool,
    pub local_review: bool,
    pub documents_ready: bool,
    pub satisfied_by: Option<CompletionReport>,
    /// The missing documents of each completion, shortest first (a shorthand for `completions[i].missing`).
    pub missing: Vec<Vec<DocumentReport>>,
    pub completions: Vec<CompletionReport>,
    pub to_confirm: Vec<Confirmation>,
    pub excluded_by_kind: usize,
    pub references: Vec<ReferenceReport>,
}

impl VerdictReport {
    pub fn new(catalog: &Catalog, leaf: &Leaf, verdict: &Verdict) -> VerdictReport {
        VerdictReport {
            category: Catalog::display_path(leaf),
            id: leaf.id.clone(),
            status: verdict.status,
            no_qualification: verdict.no_qualification,
            email_only: leaf.email_only,
            local_review: leaf.local_review,
            documents_ready: verdict.documents_ready,
            satisfied_by: verdict.satisfied_by.as_ref().map(CompletionReport::new),
            missing: verdict
                .completions
                .iter()
                .map(|c| documents(&c.missing))
                .collect(),
            completions: verdict
                .completions
                .iter()
                .map(CompletionReport::new)
                .collect(),
            to_confirm: verdict.to_confirm.clone(),
            excluded_by_kind: verdict.excluded_by_kind,
            references: references(catalog, leaf),
        }
    }
}

/// One entry of `unlock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnlockReport {
    pub category: String,
    pub id: String,
    pub status: Status,
    pub no_qualification: bool,
    pub documents_ready: bool,
    pub one_away: Vec<DocumentReport>,
}

impl UnlockReport {
    /// Every entry, named; entries whose id the catalogue does not know are left out.
    pub fn all(catalog: &Catalog, entries: &[UnlockEntry]) -> Vec<UnlockReport> {
        entries
            .iter()
            .filter_map(|e| {
                let leaf = catalog.leaf(&e.category)?;
                Some(UnlockReport {
                    category: Catalog::display_path(leaf),
                    id: leaf.id.clone(),
                    status: e.status,
                    no_qualification: e.no_qualification,
                    documents_ready: e.documents_ready,
                    one_away: documents(&e.one_away),
                })
            })
            .collect()
    }
}

/// One search result, named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchReport {
    pub category: String,
    pub id: String,
    /// The engine's `f32` score widened to `f64`, so JSON text and JS numbers carry the same value.
    pub score: f64,
    pub terms_matched: usize,
    pub matches: Vec<MatchRange>,
}

impl SearchReport {
    /// Every hit, named, in the engine's order (best first).
    pub fn all(catalog: &Catalog, hits: &[SearchHit]) -> Vec<SearchReport> {
        hits.iter()
            .filter_map(|hit| {
                let leaf = catalog.leaf(&hit.category)?;
                Some(SearchReport {
                    category: Catalog::display_path(leaf),
                    id: leaf.id.clone(),
                    score: f64::from(hit.score),
                    terms_matched: hit.terms_matched,
                    matches: hit.matches.clone(),
                })
            })
            .collect()
    }
}

/// The answer of `plan`.
///
/// Its categories carry the chosen way as the engine reports it (documents
/// named by `document`, not `id`), and its documents name the categories
/// that need them by leaf id: that is the CLI's published format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanReport {
    pub categories: Vec<PlannedCategoryReport>,
    pub documents: Vec<PlannedDocument>,
    pub missing_count: usize,
    pub unknown: Vec<String>,
}

/// One category of a plan, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedCategoryReport {
    pub category: String,
    pub id: String,
    pub status: Status,
    pub no_qualification: bool,
    pub documents_ready: bool,
    pub chosen: Option<Completion>,
}

impl PlanReport {
    pub fn new(catalog: &Catalog, plan: &Plan) -> PlanReport {
        PlanReport {
            categories: plan
                .categories
                .iter()
                .map(|c| {
                    let name = CategoryName::of(catalog, &c.category);
                    PlannedCategoryReport {
                        category: name.category,
                        id: name.id,
                        status: c.status,
                        no_qualification: c.no_qualification,
                        documents_ready: c.documents_ready,
                        chosen: c.chosen.clone(),
                    }
                })
                .collect(),
            documents: plan.documents.clone(),
            missing_count: plan.missing_count,
            unknown: plan.unknown.clone(),
        }
    }
}

/// A category's path joined with ` > `; an unknown id as itself.
pub fn path_of(catalog: &Catalog, id: &str) -> String {
    catalog
        .leaf(id)
        .map(Catalog::display_path)
        .unwrap_or_else(|| id.to_owned())
}

/// A document someone says they hold, as typed, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holding {
    /// Any spelling of the document, with or without 《》, or its id.
    pub document: String,
    pub count: u32,
}

impl Holding {
    /// Reads `DOC` or `DOC=N` (the CLI's `--have` syntax; N ≥ 1).
    pub fn parse(text: &str) -> Result<Holding, String> {
        if let Some((document, count)) = text.rsplit_once('=')
            && !count.is_empty()
            && count.chars().all(|c| c.is_ascii_digit())
        {
            let count: u32 = count
                .parse()
                .map_err(|_| format!("count `{count}` in `{text}` is too large"))?;
            if count == 0 {
                return Err(format!(
                    "`{text}`: a count of 0 means you do not hold it; leave it out"
                ));
            }
            return Ok(Holding {
                document: document.to_owned(),
                count,
            });
        }
        if text.trim().is_empty() {
            return Err("an empty document name".into());
        }
        Ok(Holding {
            document: text.to_owned(),
            count: 1,
        })
    }
}

/// A profile as a person gives it: documents and kinds by any name, not yet resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRequest {
    /// Documents the applicant holds.
    pub have: Vec<Holding>,
    /// Documents the applicant's partners hold (count = how many partners).
    pub partner: Vec<Holding>,
    /// Applicant kinds, by id, name or any label the source uses.
    pub kinds: Vec<String>,
}

impl ProfileRequest {
    pub fn is_empty(&self) -> bool {
        self.have.is_empty() && self.partner.is_empty() && self.kinds.is_empty()
    }
}

/// Why a name resolved to nothing usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum LookupProblem {
    UnknownCategory {
        query: String,
        closest: Vec<String>,
    },
    /// Several leaves share the name; `options` lists them.
    AmbiguousCategory {
        query: String,
        options: Vec<CategoryName>,
    },
    UnknownDocument {
        query: String,
        closest: Vec<String>,
    },
    /// Several documents share the spelling; their ids tell them apart.
    AmbiguousDocument {
        query: String,
        ids: Vec<String>,
    },
    UnknownKind {
        query: String,
        closest: Vec<String>,
    },
}

/// What a front-end advises when nothing is close to an unknown name: its own command or function to run.
#[derive(Debug, Clone, Copy)]
pub struct Hints<'a> {
    /// E.g. "run `leimu search` to find one".
    pub category: &'a str,
    pub document: &'a str,
    pub kind: &'a str,
}

impl LookupProblem {
    /// The message shown to the person: the bad name in backticks and what to do.
    pub fn message(&self, hints: &Hints) -> String {
        match self {
            LookupProblem::UnknownCategory { query, closest } => {
                not_found("category", query, closest, hints.category)
            }
            LookupProblem::AmbiguousCategory { query, options } => {
                let options: Vec<String> = options
                    .iter()
                    .map(|o| format!("`{}` ({})", o.category, o.id))
                    .collect();
                format!(
                    "`{query}` names several categories; give the path or id of one: {}",
                    options.join(", ")
                )
            }
            LookupProblem::UnknownDocument { query, closest } => {
                not_found("document", query, closest, hints.document)
            }
            LookupProblem::AmbiguousDocument { query, ids } => {
                let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
                format!(
                    "document `{query}` is ambiguous; use one of the ids {}",
                    ids.join(", ")
                )
            }
            LookupProblem::UnknownKind { query, closest } => {
                not_found("applicant kind", query, closest, hints.kind)
            }
        }
    }
}

fn not_found(what: &str, query: &str, closest: &[String], hint: &str) -> String {
    if closest.is_empty() {
        format!("no {what} matches `{query}`; {hint}")
    } else {
        let list: Vec<String> = closest.iter().map(|s| format!("`{s}`")).collect();
        format!("no {what} matches `{query}`; closest: {}", list.join(", "))
    }
}

/// Resolves a category typed as a path, an id or a leaf name only one category has.
pub fn resolve_category<'a>(catalog: &'a Catalog, query: &str) -> Result<&'a Leaf, LookupProblem> {
    match catalog.find_leaf(query) {
        Lookup::Found(leaf) => Ok(leaf),
        Lookup::Ambiguous(leaves) => Err(LookupProblem::AmbiguousCategory {
            query: query.to_owned(),
            options: leaves
                .iter()
                .map(|l| CategoryName {
                    category: Catalog::display_path(l),
                    id: l.id.clone(),
                })
                .collect(),
        }),
        Lookup::NotFound { suggestions } => Err(LookupProblem::UnknownCategory {
            query: query.to_owned(),
            closest: suggestions,
        }),
    }
}

/// Resolves every document and kind of a request. Reports every problem, not only the first.
pub fn resolve_profile(
    catalog: &Catalog,
    request: &ProfileRequest,
) -> Result<Profile, Vec<LookupProblem>> {
    let mut profile = Profile::default();
    let mut problems = Vec::new();
    for (holdings, side) in [
        (&request.have, &mut profile.applicant),
        (&request.partner, &mut profile.partners),
    ] {
        for holding in holdings {
            match catalog.find_document(&holding.document) {
                Lookup::Found(document) => {
                    let count = side.entry(document.id.clone()).or_insert(0);
                    *count = (*count).max(holding.count);
                }
                Lookup::Ambiguous(documents) => problems.push(LookupProblem::AmbiguousDocument {
                    query: holding.document.clone(),
                    ids: documents.iter().map(|d| d.id.clone()).collect(),
                }),
                Lookup::NotFound { suggestions } => problems.push(LookupProblem::UnknownDocument {
                    query: holding.document.clone(),
                    closest: suggestions,
                }),
            }
        }
    }
    let kinds = &catalog.data().applicant_kinds;
    for kind in &request.kinds {
        match kinds
            .iter()
            .find(|k| k.id == *kind || k.name == *kind || k.labels.iter().any(|l| l == kind))
        {
            Some(found) => {
                if !profile.kinds.contains(&found.id) {
                    profile.kinds.push(found.id.clone());
                }
            }
            None => {
                let candidates = kinds
                    .iter()
                    .flat_map(|k| k.labels.iter().cloned().chain([k.id.clone()]));
                problems.push(LookupProblem::UnknownKind {
                    query: kind.clone(),
                    closest: suggestions(kind, candidates, SUGGESTION_LIMIT),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}
