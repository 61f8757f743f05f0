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
use crate::evaluate::{
    Answer, Checked, Completion, Confirmation, DocumentUse, HiddenLabel, NeededFor, Profile,
    Status, Unmet, Verdict, WayLabel, question,
};
use crate::lookup::{Lookup, suggestions};
use crate::model::{Leaf, Node, NodeKind};
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

/// Which catalogue this is: `leimu info --json`, the JavaScript API's
/// `info()`/`version`, the widget's `ready` event and the site's footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueInfo {
    /// The catalogue's version as published (`2026.1`); empty for a
    /// catalogue compiled without `catalog/provenance.toml`.
    pub version: String,
    /// The source text's title (非个人主体小程序开放的服务类目).
    pub title: String,
    /// The day the text was taken, `YYYY-MM-DD`.
    pub taken: String,
    /// SHA-256 of the source text, lower-case hex.
    pub source_sha256: String,
    /// The JSON's schema version.
    pub schema: u32,
    pub first_levels: usize,
    pub categories: usize,
    pub documents: usize,
}

impl CatalogueInfo {
    pub fn of(data: &crate::model::CatalogData) -> CatalogueInfo {
        CatalogueInfo {
            version: data.provenance.version.clone(),
            title: data.source_title.clone(),
            taken: data.provenance.taken.clone(),
            source_sha256: data.provenance.source_sha256.clone(),
            schema: data.schema,
            first_levels: data.first_levels.len(),
            categories: data.leaves.len(),
            documents: data.documents.len(),
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
    /// Categories the mini program must already hold.
    pub prerequisites: Vec<PrerequisiteReport>,
    /// Sentences that add requirements in a situation.
    pub situations: Vec<crate::model::Situation>,
    /// Set when the source prints this row's requirement cell only once, for
    /// it and the row above: the line where the text stands.
    pub requirement_from_line: Option<u32>,
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
            prerequisites: leaf
                .prerequisites
                .iter()
                .map(|p| PrerequisiteReport {
                    text: p.text.clone(),
                    category: CategoryName::of(catalog, &p.category),
                    approved: false,
                })
                .collect(),
            situations: leaf.situations.clone(),
            requirement_from_line: leaf.requirement_from_line,
        }
    }
}

/// A category another one requires first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrerequisiteReport {
    /// The source's sentence.
    pub text: String,
    pub category: CategoryName,
    /// The profile says the mini program already holds it.
    pub approved: bool,
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
    /// Set when the document is needed for a prerequisite category or a situation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed_for: Option<NeededFor>,
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
            needed_for: use_.needed_for.clone(),
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
    /// `satisfied`, `confirm` or `missing`: this way's own state.
    pub status: Status,
    /// The way's number (from 1), to choose it in a plan.
    pub way: usize,
    /// Conditions known to fail.
    pub unmet: Vec<Unmet>,
    /// Conditions settled by the business scope or the user's answers.
    pub checked: Vec<Checked>,
    /// Whom this way is for.
    pub applicants: Vec<WayLabel>,
}

impl CompletionReport {
    pub fn new(completion: &Completion) -> CompletionReport {
        CompletionReport {
            missing: documents(&completion.missing),
            relies_on: documents(&completion.relies_on),
            to_confirm: completion.to_confirm.clone(),
            status: completion.status(),
            way: completion.way,
            unmet: completion.unmet.clone(),
            checked: completion.checked.clone(),
            applicants: completion.applicants.clone(),
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
    /// The labels of the alternatives the applicant's statements rule out,
    /// each with what rules it out (taking that back reopens it).
    pub excluded: Vec<HiddenLabel>,
    /// Categories this one requires first.
    pub prerequisites: Vec<PrerequisiteReport>,
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
            excluded: verdict.excluded.clone(),
            prerequisites: verdict
                .prerequisites
                .iter()
                .map(|p| PrerequisiteReport {
                    text: p.text.clone(),
                    category: CategoryName::of(catalog, &p.category),
                    approved: p.approved,
                })
                .collect(),
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
    /// For `confirm`: what remains to confirm.
    pub to_confirm: Vec<Confirmation>,
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
                    to_confirm: e.to_confirm.clone(),
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
    /// Categories no way is open to: no document completes them.
    pub blocked: Vec<String>,
    pub satisfied_count: usize,
    pub confirm_count: usize,
    pub missing_categories: usize,
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
    pub chosen_by_user: bool,
    /// Every way open to the profile (choose one with its `way`).
    pub ways: Vec<Completion>,
    /// The shortest ways are for different kinds the profile does not settle.
    pub depends_on_kind: bool,
    pub excluded: Vec<HiddenLabel>,
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
                        chosen_by_user: c.chosen_by_user,
                        ways: c.ways.clone(),
                        depends_on_kind: c.depends_on_kind,
                        excluded: c.excluded.clone(),
                    }
                })
                .collect(),
            documents: plan.documents.clone(),
            missing_count: plan.missing_count,
            unknown: plan.unknown.clone(),
            blocked: plan.blocked.clone(),
            satisfied_count: plan.satisfied_count,
            confirm_count: plan.confirm_count,
            missing_categories: plan.missing_categories,
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

/// A profile as a person gives it: documents, kinds and categories by any
/// name, not yet resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRequest {
    /// Documents the applicant holds.
    pub have: Vec<Holding>,
    /// Documents the applicant's partners hold (count = how many partners).
    pub partner: Vec<Holding>,
    /// What the applicant is: kinds by id, name or any word for them, or a
    /// label of the source (非银行主体 says "not a bank").
    pub kinds: Vec<String>,
    /// Categories the mini program already holds.
    #[serde(default)]
    pub approved: Vec<String>,
    /// The business scope from the applicant's business licence.
    #[serde(default)]
    pub scope: String,
    /// Questions of a verdict answered yes: by key, or by the text of the
    /// condition, label or situation (a part of it, when only one contains it).
    #[serde(default)]
    pub confirm: Vec<String>,
    /// Questions answered no, named the same way.
    #[serde(default)]
    pub deny: Vec<String>,
    /// Answers already keyed (as a stored profile keeps them).
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl ProfileRequest {
    pub fn is_empty(&self) -> bool {
        self.have.is_empty()
            && self.partner.is_empty()
            && self.kinds.is_empty()
            && self.approved.is_empty()
            && self.scope.trim().is_empty()
            && self.confirm.is_empty()
            && self.deny.is_empty()
            && self.answers.is_empty()
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
    /// Several documents answer to the name; `options` lists them with the
    /// categories that need each.
    AmbiguousDocument {
        query: String,
        ids: Vec<String>,
        options: Vec<DocumentOption>,
    },
    UnknownKind {
        query: String,
        closest: Vec<String>,
    },
    /// The label offers a choice of kinds (银行机构主体/非银行金融机构主体): say which.
    AmbiguousKind {
        query: String,
        options: Vec<String>,
    },
    /// Two statements about the applicant cannot both be true.
    ContradictoryKinds {
        first: String,
        second: String,
    },
    /// No question of the categories asked matches.
    UnknownQuestion {
        query: String,
        closest: Vec<String>,
    },
    /// Several different questions contain the text.
    AmbiguousQuestion {
        query: String,
        options: Vec<String>,
    },
    /// The same question was both confirmed and denied.
    ConflictingAnswers {
        query: String,
    },
}

/// A document a name may mean, and where it is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentOption {
    pub id: String,
    pub name: String,
    /// Paths of (up to five of) the categories whose rules need it.
    pub categories: Vec<String>,
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
            LookupProblem::AmbiguousDocument { query, options, .. } => {
                let options: Vec<String> = options
                    .iter()
                    .map(|o| {
                        if o.categories.is_empty() {
                            format!("`{}` ({})", o.name, o.id)
                        } else {
                            format!(
                                "`{}` ({}; needed by {})",
                                o.name,
                                o.id,
                                o.categories.join("; ")
                            )
                        }
                    })
                    .collect();
                format!(
                    "document `{query}` may mean several documents; name one by its name or id: {}",
                    options.join(", ")
                )
            }
            LookupProblem::UnknownKind { query, closest } => {
                not_found("applicant kind", query, closest, hints.kind)
            }
            LookupProblem::AmbiguousKind { query, options } => {
                let options: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
                format!(
                    "`{query}` covers several kinds of applicant; say which one you are: {}",
                    options.join(", ")
                )
            }
            LookupProblem::ContradictoryKinds { first, second } => format!(
                "`{first}` and `{second}` cannot both be true of one applicant; keep only the one that is"
            ),
            LookupProblem::UnknownQuestion { query, closest } => not_found(
                "question to confirm",
                query,
                closest,
                "give a condition, label or situation as `check` lists it under to confirm",
            ),
            LookupProblem::AmbiguousQuestion { query, options } => {
                let options: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
                format!(
                    "`{query}` is part of several questions; give more of the one you mean: {}",
                    options.join(", ")
                )
            }
            LookupProblem::ConflictingAnswers { query } => {
                format!("`{query}` is both confirmed and denied; keep one")
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

/// Resolves every document, kind, category and answer of a request, with no
/// category to decide generic document names (unlock, a stored profile).
/// Reports every problem, not only the first.
pub fn resolve_profile(
    catalog: &Catalog,
    request: &ProfileRequest,
) -> Result<Profile, Vec<LookupProblem>> {
    resolve_profile_for(catalog, request, &[])
}

/// Resolves a request for the questions about these categories: a generic
/// document name (合作协议, 承诺函) means the one these categories need, and
/// answers are recorded for them (for every category when there is one
/// category or none).
pub fn resolve_profile_for(
    catalog: &Catalog,
    request: &ProfileRequest,
    categories: &[&Leaf],
) -> Result<Profile, Vec<LookupProblem>> {
    let mut profile = Profile::default();
    let mut problems = Vec::new();
    let context: Vec<&str> = categories
        .iter()
        .flat_map(|leaf| leaf_documents(catalog, leaf))
        .collect();
    for (holdings, side) in [
        (&request.have, &mut profile.applicant),
        (&request.partner, &mut profile.partners),
    ] {
        for holding in holdings {
            match catalog.find_document_in(&holding.document, &context) {
                Lookup::Found(document) => {
                    let count = side.entry(document.id.clone()).or_insert(0);
                    *count = (*count).max(holding.count);
                }
                Lookup::Ambiguous(documents) => problems.push(LookupProblem::AmbiguousDocument {
                    query: holding.document.clone(),
                    ids: documents.iter().map(|d| d.id.clone()).collect(),
                    options: documents
                        .iter()
                        .map(|d| DocumentOption {
                            id: d.id.clone(),
                            name: d.name.clone(),
                            categories: catalog
                                .leaves()
                                .iter()
                                .filter(|l| leaf_documents(catalog, l).any(|id| id == d.id))
                                .take(5)
                                .map(Catalog::display_path)
                                .collect(),
                        })
                        .collect(),
                }),
                Lookup::NotFound { suggestions } => problems.push(LookupProblem::UnknownDocument {
                    query: holding.document.clone(),
                    closest: suggestions,
                }),
            }
        }
    }
    resolve_kinds(catalog, &request.kinds, &mut profile, &mut problems);
    for category in &request.approved {
        match resolve_category(catalog, category) {
            Ok(leaf) => {
                if !profile.approved.contains(&leaf.id) {
                    profile.approved.push(leaf.id.clone())
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    profile.scope = request.scope.trim().to_owned();
    let answered_for = match categories {
        [one] => Some(one.id.clone()),
        _ => None,
    };
    let asked: Vec<&Leaf> = if categories.is_empty() {
        catalog.leaves().iter().collect()
    } else {
        categories.to_vec()
    };
    let questions = questions_of(catalog, &asked);
    for (texts, holds) in [(&request.confirm, true), (&request.deny, false)] {
        for text in texts {
            match match_question(&questions, text) {
                Ok(keys) => {
                    for key in keys {
                        let clash = profile
                            .answers
                            .iter()
                            .any(|a| a.question == key && a.holds != holds);
                        if clash {
                            problems.push(LookupProblem::ConflictingAnswers {
                                query: text.clone(),
                            });
                            continue;
                        }
                        profile.answers.push(Answer {
                            category: answered_for.clone(),
                            question: key,
                            holds,
                        });
                    }
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    for answer in &request.answers {
        if let Some(category) = &answer.category
            && catalog.leaf(category).is_none()
        {
            problems.push(LookupProblem::UnknownCategory {
                query: category.clone(),
                closest: Vec::new(),
            });
            continue;
        }
        profile.answers.push(answer.clone());
    }
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

/// Reads kinds: ids, names and words of kinds, and labels of the source.
fn resolve_kinds(
    catalog: &Catalog,
    requested: &[String],
    profile: &mut Profile,
    problems: &mut Vec<LookupProblem>,
) {
    let data = catalog.data();
    let mut stated: Vec<(usize, bool, &str)> = Vec::new();
    let kind_named = |wanted: &str| {
        data.applicant_kinds
            .iter()
            .position(|k| k.id == wanted || k.name == wanted || k.words.iter().any(|w| w == wanted))
    };
    for query in requested {
        let wanted = query.trim();
        if let Some(position) = kind_named(wanted) {
            stated.push((position, true, query));
            continue;
        }
        // 非X (or !X) says the applicant is not X, as the source's 非银行主体 does.
        let denied = wanted
            .strip_prefix('非')
            .or_else(|| wanted.strip_prefix('!'))
            .and_then(|rest| kind_named(rest.trim()));
        if let Some(position) = denied
            && !data.applicant_labels.iter().any(|l| l.text == wanted)
        {
            stated.push((position, false, query));
            continue;
        }
        let label = data
            .applicant_labels
            .iter()
            .position(|l| l.id == wanted || l.text == wanted);
        if let Some(label) = label {
            match catalog.kinds().label_literals(label) {
                Some(literals) => {
                    stated.extend(literals.into_iter().map(|(k, is)| (k, is, query.as_str())))
                }
                None => problems.push(LookupProblem::AmbiguousKind {
                    query: query.clone(),
                    options: catalog
                        .kinds()
                        .label_kinds(label)
                        .into_iter()
                        .filter_map(|k| data.applicant_kinds.get(k))
                        .map(|k| k.name.clone())
                        .collect(),
                }),
            }
            continue;
        }
        let candidates = data
            .applicant_kinds
            .iter()
            .flat_map(|k| {
                k.words
                    .iter()
                    .cloned()
                    .chain([k.name.clone(), k.id.clone()])
            })
            // Only labels that say one thing about the applicant are names of it.
            .chain(
                data.applicant_labels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| catalog.kinds().label_literals(*i).is_some())
                    .map(|(_, l)| l.text.clone()),
            );
        problems.push(LookupProblem::UnknownKind {
            query: query.clone(),
            closest: suggestions(wanted, candidates, SUGGESTION_LIMIT),
        });
    }
    let asserted: Vec<usize> = stated.iter().filter(|s| s.1).map(|s| s.0).collect();
    let denied: Vec<usize> = stated.iter().filter(|s| !s.1).map(|s| s.0).collect();
    let said = |position: usize, is: bool| {
        stated
            .iter()
            .find(|s| s.0 == position && s.1 == is)
            .map_or_else(String::new, |s| s.2.to_owned())
    };
    for (a, b, b_is) in catalog.kinds().contradictions(&asserted, &denied) {
        problems.push(LookupProblem::ContradictoryKinds {
            first: said(a, true),
            second: said(b, b_is),
        });
    }
    for (position, is, _) in stated {
        let Some(kind) = data.applicant_kinds.get(position) else {
            continue;
        };
        let list = if is {
            &mut profile.kinds
        } else {
            &mut profile.not_kinds
        };
        if !list.contains(&kind.id) {
            list.push(kind.id.clone());
        }
    }
}

/// The documents a leaf's rules name: its own, its prerequisites' and its situations'.
fn leaf_documents<'a>(catalog: &'a Catalog, leaf: &'a Leaf) -> impl Iterator<Item = &'a str> {
    let prerequisites = leaf
        .prerequisites
        .iter()
        .filter_map(|p| catalog.leaf(&p.category))
        .filter_map(|l| l.rule.as_ref());
    let situations = leaf.situations.iter().filter_map(|s| s.rule.as_ref());
    let mut out = Vec::new();
    for node in leaf.rule.iter().chain(prerequisites).chain(situations) {
        node_documents(node, &mut out);
    }
    out.into_iter()
}

fn node_documents<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match &node.kind {
        NodeKind::Document(requirement) => out.push(&requirement.document),
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            children.iter().for_each(|c| node_documents(c, out))
        }
    }
}

/// A question the categories may ask: its key and the text a person sees.
struct Question {
    key: String,
    text: String,
}

fn questions_of(catalog: &Catalog, leaves: &[&Leaf]) -> Vec<Question> {
    fn walk(node: &Node, out: &mut Vec<Question>) {
        if let Some(label) = &node.applicant {
            out.push(Question {
                key: question::label(&label.kind),
                text: label.label.clone(),
            });
        }
        match &node.kind {
            NodeKind::Document(requirement) => {
                for text in &requirement.conditions {
                    out.push(Question {
                        key: question::condition(&requirement.document, text),
                        text: text.clone(),
                    });
                }
            }
            NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                children.iter().for_each(|c| walk(c, out))
            }
        }
    }
    let mut out = Vec::new();
    for leaf in leaves {
        if let Some(rule) = &leaf.rule {
            walk(rule, &mut out);
        }
        for prerequisite in leaf
            .prerequisites
            .iter()
            .filter_map(|p| catalog.leaf(&p.category))
        {
            if let Some(rule) = &prerequisite.rule {
                walk(rule, &mut out);
            }
        }
        for situation in &leaf.situations {
            out.push(Question {
                key: question::situation(&situation.text),
                text: situation.text.clone(),
            });
            if let Some(rule) = &situation.rule {
                walk(rule, &mut out);
            }
        }
    }
    out
}

/// The keys a typed answer names: a key itself, every question whose text
/// is the typed text, or every question whose text contains it when only one
/// distinct text does.
fn match_question(questions: &[Question], typed: &str) -> Result<Vec<String>, LookupProblem> {
    fn keys_where(questions: &[Question], keep: impl Fn(&Question) -> bool) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for q in questions.iter().filter(|q| keep(q)) {
            if !keys.contains(&q.key) {
                keys.push(q.key.clone());
            }
        }
        keys
    }
    let typed_text = typed.trim();
    let keys = keys_where(questions, |q| q.key == typed_text || q.text == typed_text);
    if !keys.is_empty() {
        return Ok(keys);
    }
    let mut texts: Vec<&str> = Vec::new();
    if !typed_text.is_empty() {
        for q in questions.iter().filter(|q| q.text.contains(typed_text)) {
            if !texts.contains(&q.text.as_str()) {
                texts.push(&q.text);
            }
        }
    }
    match texts.as_slice() {
        [one] => Ok(keys_where(questions, |q| q.text == *one)),
        [] => Err(LookupProblem::UnknownQuestion {
            query: typed.to_owned(),
            closest: suggestions(
                typed_text,
                questions.iter().map(|q| q.text.clone()),
                SUGGESTION_LIMIT,
            ),
        }),
        many => Err(LookupProblem::AmbiguousQuestion {
            query: typed.to_owned(),
            options: many.iter().take(8).map(|t| (*t).to_owned()).collect(),
        }),
    }
}
