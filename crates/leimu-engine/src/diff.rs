//! What changed between two catalogues: `leimu diff`, `cargo xtask diff`,
//! and later the site's "what changed" page and its notice to returning
//! visitors.
//!
//! Categories are matched by id (ids are never reused, `catalog/README.md`):
//! an id only in the new catalogue was added, only in the old one removed,
//! in both with another path renamed. A category in both is changed when its
//! texts, its rule or its flags differ, and the change is told as a person
//! would say it: the texts line by line, the ways to qualify gained and lost
//! (each a set of documents with their counts and the kinds of applicant it
//! is for), the documents that entered or left the category, the flags.
//! Ways are compared by what they ask (documents, holders, counts, kinds),
//! not by how the tree is written, so a rule rewritten into the same meaning
//! is no change of what it takes.
//!
//! Pure functions of two [`CatalogData`], so it runs in the browser too;
//! reading the files is the caller's ([`read_catalogue`] turns bytes into a
//! catalogue with the error a person needs).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::SCHEMA_VERSION;
use crate::model::{CatalogData, Leaf, Node, NodeKind};
use crate::ways::flatten_leaf;

/// Why bytes are not a catalogue `diff` can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not UTF-8, or not JSON: the message names the line and column.
    Malformed(String),
    /// A catalogue JSON of a schema version this build does not read.
    Schema(String),
    /// JSON, but not a catalogue (no `schema`, `leaves` …, or fields of the wrong shape).
    NotACatalogue(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Malformed(message) => write!(f, "malformed JSON: {message}"),
            ReadError::Schema(message) => write!(f, "{message}"),
            ReadError::NotACatalogue(message) => write!(
                f,
                "not a leimu catalogue ({message}); pass a catalogue JSON such as catalog/generated/catalog.json"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a catalogue JSON for comparison: the JSON must parse (errors say
/// where), carry a schema version this build reads, and have the
/// catalogue's shape. References are not checked: a diff reads what a file
/// says, and an old catalogue need not load into today's engine.
pub fn read_catalogue(bytes: &[u8]) -> Result<CatalogData, ReadError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ReadError::Malformed(format!("not UTF-8 at byte {}", e.valid_up_to())))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ReadError::Malformed(e.to_string()))?;
    let Some(object) = value.as_object() else {
        return Err(ReadError::NotACatalogue("the JSON is not an object".into()));
    };
    for field in ["schema", "leaves", "documents", "first_levels"] {
        if !object.contains_key(field) {
            return Err(ReadError::NotACatalogue(format!("it has no `{field}`")));
        }
    }
    match object.get("schema").and_then(serde_json::Value::as_u64) {
        Some(schema) if schema == u64::from(SCHEMA_VERSION) => {}
        Some(schema) => {
            return Err(ReadError::Schema(format!(
                "the catalogue has schema version {schema}, and this leimu reads schema {SCHEMA_VERSION}; use the leimu of that catalogue's time"
            )));
        }
        None => {
            return Err(ReadError::Schema(format!(
                "the catalogue's schema version is `{}`, not a number; this leimu reads schema {SCHEMA_VERSION}",
                object
                    .get("schema")
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )));
        }
    }
    serde_json::from_value(value).map_err(|e| ReadError::NotACatalogue(e.to_string()))
}

/// Which catalogue a side of a diff is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    pub version: String,
    pub title: String,
    pub taken: String,
    pub source_sha256: String,
}

impl VersionInfo {
    pub fn of(data: &CatalogData) -> VersionInfo {
        VersionInfo {
            version: data.provenance.version.clone(),
            title: data.source_title.clone(),
            taken: data.provenance.taken.clone(),
            source_sha256: data.provenance.source_sha256.clone(),
        }
    }
}

/// A category added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    pub id: String,
    /// Its path joined with ` > `.
    pub category: String,
}

/// A category whose path changed (same id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renamed {
    pub id: String,
    pub from: String,
    pub to: String,
}

/// A category in both catalogues whose content changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedCategory {
    pub id: String,
    /// Its path in the new catalogue.
    pub category: String,
    pub changes: Vec<Change>,
}

/// One change of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Change {
    /// A text cell changed: `field` is `requirement`, `scope` or `notes`.
    Text {
        field: &'static str,
        from: String,
        to: String,
        lines: Vec<LineChange>,
    },
    /// What it takes changed: ways to qualify gained and lost.
    Ways {
        gained: Vec<WayOf>,
        lost: Vec<WayOf>,
    },
    /// Documents that entered or left the category's rule.
    Documents {
        entered: Vec<DocumentRef>,
        left: Vec<DocumentRef>,
    },
    /// A flag changed: `email_only`, `local_review` or `no_qualification`.
    Flag {
        flag: &'static str,
        from: bool,
        to: bool,
    },
}

/// One line of a text diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineChange {
    /// `same`, `removed` or `added`.
    pub op: &'static str,
    pub text: String,
}

/// One way to qualify, as a person says it: for whom, and which documents.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct WayOf {
    /// The applicant labels of the alternatives it goes through (企业主体 …);
    /// empty when it is for anyone.
    pub kinds: Vec<String>,
    pub documents: Vec<WayDocument>,
}

/// A document of a way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct WayDocument {
    pub document: String,
    pub name: String,
    /// Who holds it when not the applicant (合作医院).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// How many are needed.
    pub count: u32,
}

/// A document by id and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DocumentRef {
    pub document: String,
    pub name: String,
}

/// Everything that changed from one catalogue to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueDiff {
    pub from: VersionInfo,
    pub to: VersionInfo,
    pub added: Vec<CategoryRef>,
    pub removed: Vec<CategoryRef>,
    pub renamed: Vec<Renamed>,
    pub changed: Vec<ChangedCategory>,
}

impl CatalogueDiff {
    /// No category was added, removed, renamed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }

    /// The diff for a person to read, in English (the source's words as they are).
    pub fn to_text(&self) -> String {
        self.to_text_in(&DiffWords::EN)
    }

    /// The diff for a person to read, with headings in `words`' language.
    pub fn to_text_in(&self, words: &DiffWords) -> String {
        let mut out = String::new();
        let side = |info: &VersionInfo| {
            if info.version.is_empty() {
                words.unversioned.to_owned()
            } else {
                (words.version)(&info.version, &info.taken)
            }
        };
        let _ = writeln!(out, "{} → {}", side(&self.from), side(&self.to));
        if self.is_empty() {
            let _ = writeln!(out, "{}", words.no_change);
            return out;
        }
        let _ = writeln!(
            out,
            "{}",
            (words.summary)([
                self.added.len(),
                self.removed.len(),
                self.renamed.len(),
                self.changed.len()
            ])
        );
        if !self.added.is_empty() {
            let _ = writeln!(out, "\n{}", words.added);
            for category in &self.added {
                let _ = writeln!(out, "  + {}  ({})", category.category, category.id);
            }
        }
        if !self.removed.is_empty() {
            let _ = writeln!(out, "\n{}", words.removed);
            for category in &self.removed {
                let _ = writeln!(out, "  - {}  ({})", category.category, category.id);
            }
        }
        if !self.renamed.is_empty() {
            let _ = writeln!(out, "\n{}", words.renamed);
            for renamed in &self.renamed {
                let _ = writeln!(out, "  {} → {}  ({})", renamed.from, renamed.to, renamed.id);
            }
        }
        if !self.changed.is_empty() {
            let _ = writeln!(out, "\n{}", words.changed);
        }
        for category in &self.changed {
            let _ = writeln!(out, "\n  {}  ({})", category.category, category.id);
            for change in &category.changes {
                write_change(&mut out, change, words);
            }
        }
        out
    }
}

/// The headings of a diff's text, per language (a struct, so a missing one does not compile).
#[derive(Debug)]
pub struct DiffWords {
    pub unversioned: &'static str,
    pub version: fn(version: &str, taken: &str) -> String,
    pub no_change: &'static str,
    /// Added, removed, renamed, changed.
    pub summary: fn([usize; 4]) -> String,
    pub added: &'static str,
    pub removed: &'static str,
    pub renamed: &'static str,
    pub changed: &'static str,
    pub requirement: &'static str,
    pub scope: &'static str,
    pub notes: &'static str,
    pub ways_gained: &'static str,
    pub ways_lost: &'static str,
    pub documents_entered: &'static str,
    pub documents_left: &'static str,
    pub no_document: &'static str,
    pub held_by: fn(holder: &str) -> String,
    pub email_only: &'static str,
    pub local_review: &'static str,
    pub no_qualification: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

impl DiffWords {
    pub const EN: DiffWords = DiffWords {
        unversioned: "an unversioned catalogue",
        version: |version, taken| format!("catalogue {version} (taken {taken})"),
        no_change: "No category changed.",
        summary: |[a, r, n, c]| format!("{a} added, {r} removed, {n} renamed, {c} changed."),
        added: "Added:",
        removed: "Removed:",
        renamed: "Renamed:",
        changed: "Changed:",
        requirement: "requirement (资质要求)",
        scope: "scope (类目适用范围)",
        notes: "notes (备注)",
        ways_gained: "ways gained",
        ways_lost: "ways lost",
        documents_entered: "documents entered",
        documents_left: "documents left",
        no_document: "no document",
        held_by: |holder| format!(" (held by {holder})"),
        email_only: "by email only",
        local_review: "extra local review",
        no_qualification: "no qualification needed",
        yes: "yes",
        no: "no",
    };

    pub const ZH: DiffWords = DiffWords {
        unversioned: "无版本的类目表",
        version: |version, taken| format!("类目表 {version}（原文取于 {taken}）"),
        no_change: "没有类目变化。",
        summary: |[a, r, n, c]| format!("新增 {a} 个，删除 {r} 个，改名 {n} 个，修改 {c} 个类目。"),
        added: "新增：",
        removed: "删除：",
        renamed: "改名：",
        changed: "修改：",
        requirement: "资质要求",
        scope: "类目适用范围",
        notes: "备注",
        ways_gained: "新增的申请方式",
        ways_lost: "取消的申请方式",
        documents_entered: "新要求的资料",
        documents_left: "不再要求的资料",
        no_document: "无需资料",
        held_by: |holder| format!("（由{holder}持有）"),
        email_only: "仅限邮件申请",
        local_review: "需当地主管机关审核",
        no_qualification: "无需资质",
        yes: "是",
        no: "否",
    };
}

fn write_change(out: &mut String, change: &Change, words: &DiffWords) {
    match change {
        Change::Text { field, lines, .. } => {
            let heading = match *field {
                "requirement" => words.requirement,
                "scope" => words.scope,
                _ => words.notes,
            };
            let _ = writeln!(out, "    {heading}:");
            for line in lines {
                let mark = match line.op {
                    "removed" => "-",
                    "added" => "+",
                    _ => " ",
                };
                let _ = writeln!(out, "      {mark} {}", line.text);
            }
        }
        Change::Ways { gained, lost } => {
            for (title, ways, mark) in [
                (words.ways_gained, gained, "+"),
                (words.ways_lost, lost, "-"),
            ] {
                if ways.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "    {title}:");
                for way in ways {
                    let _ = writeln!(out, "      {mark} {}", way_text(way, words));
                }
            }
        }
        Change::Documents { entered, left } => {
            let names = |documents: &[DocumentRef]| {
                documents
                    .iter()
                    .map(|d| format!("《{}》", d.name))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            if !entered.is_empty() {
                let _ = writeln!(out, "    {}: {}", words.documents_entered, names(entered));
            }
            if !left.is_empty() {
                let _ = writeln!(out, "    {}: {}", words.documents_left, names(left));
            }
        }
        Change::Flag { flag, from, to } => {
            let name = match *flag {
                "email_only" => words.email_only,
                "local_review" => words.local_review,
                _ => words.no_qualification,
            };
            let yes_no = |value: bool| if value { words.yes } else { words.no };
            let _ = writeln!(out, "    {name}: {} → {}", yes_no(*from), yes_no(*to));
        }
    }
}

/// `企业主体: 《A》 + 《B》 ×2 (held by 合作医院)`.
fn way_text(way: &WayOf, words: &DiffWords) -> String {
    let documents = if way.documents.is_empty() {
        words.no_document.to_owned()
    } else {
        way.documents
            .iter()
            .map(|d| {
                let mut text = format!("《{}》", d.name);
                if d.count > 1 {
                    let _ = write!(text, " ×{}", d.count);
                }
                if let Some(holder) = &d.holder {
                    text.push_str(&(words.held_by)(holder));
                }
                text
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    if way.kinds.is_empty() {
        documents
    } else {
        format!("{}: {documents}", way.kinds.join(", "))
    }
}

/// Compares two catalogues.
pub fn diff(old: &CatalogData, new: &CatalogData) -> CatalogueDiff {
    let old_by_id: BTreeMap<&str, &Leaf> = old.leaves.iter().map(|l| (l.id.as_str(), l)).collect();
    let new_ids: BTreeSet<&str> = new.leaves.iter().map(|l| l.id.as_str()).collect();
    let old_names = Names::of(old);
    let new_names = Names::of(new);
    let mut result = CatalogueDiff {
        from: VersionInfo::of(old),
        to: VersionInfo::of(new),
        added: Vec::new(),
        removed: Vec::new(),
        renamed: Vec::new(),
        changed: Vec::new(),
    };
    for leaf in &new.leaves {
        let path = leaf.path.join(" > ");
        let Some(before) = old_by_id.get(leaf.id.as_str()) else {
            result.added.push(CategoryRef {
                id: leaf.id.clone(),
                category: path,
            });
            continue;
        };
        if before.path != leaf.path {
            result.renamed.push(Renamed {
                id: leaf.id.clone(),
                from: before.path.join(" > "),
                to: path.clone(),
            });
        }
        let changes = leaf_changes(before, leaf, (old, &old_names), (new, &new_names));
        if !changes.is_empty() {
            result.changed.push(ChangedCategory {
                id: leaf.id.clone(),
                category: path,
                changes,
            });
        }
    }
    for leaf in &old.leaves {
        if !new_ids.contains(leaf.id.as_str()) {
            result.removed.push(CategoryRef {
                id: leaf.id.clone(),
                category: leaf.path.join(" > "),
            });
        }
    }
    result
}

/// Document names and label positions of one catalogue.
struct Names<'a> {
    documents: BTreeMap<&'a str, &'a str>,
    labels: BTreeMap<&'a str, usize>,
}

impl<'a> Names<'a> {
    fn of(data: &'a CatalogData) -> Names<'a> {
        Names {
            documents: data
                .documents
                .iter()
                .map(|d| (d.id.as_str(), d.name.as_str()))
                .collect(),
            labels: data
                .applicant_labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id.as_str(), i))
                .collect(),
        }
    }

    fn document(&self, id: &str) -> DocumentRef {
        DocumentRef {
            document: id.to_owned(),
            name: self.documents.get(id).copied().unwrap_or(id).to_owned(),
        }
    }
}

fn leaf_changes(
    before: &Leaf,
    after: &Leaf,
    old: (&CatalogData, &Names<'_>),
    new: (&CatalogData, &Names<'_>),
) -> Vec<Change> {
    let mut changes = Vec::new();
    for (field, from, to) in [
        (
            "requirement",
            &before.requirement_text,
            &after.requirement_text,
        ),
        ("scope", &before.scope, &after.scope),
        ("notes", &before.notes, &after.notes),
    ] {
        if from != to {
            changes.push(Change::Text {
                field,
                from: from.clone(),
                to: to.clone(),
                lines: line_diff(from, to),
            });
        }
    }
    if before.rule != after.rule {
        let old_ways = ways_of(before, old.0, old.1);
        let new_ways = ways_of(after, new.0, new.1);
        let gained: Vec<WayOf> = new_ways.difference(&old_ways).cloned().collect();
        let lost: Vec<WayOf> = old_ways.difference(&new_ways).cloned().collect();
        if !gained.is_empty() || !lost.is_empty() {
            changes.push(Change::Ways { gained, lost });
        }
        let old_documents = documents_of(before.rule.as_ref());
        let new_documents = documents_of(after.rule.as_ref());
        let entered: Vec<DocumentRef> = new_documents
            .difference(&old_documents)
            .map(|id| new.1.document(id))
            .collect();
        let left: Vec<DocumentRef> = old_documents
            .difference(&new_documents)
            .map(|id| old.1.document(id))
            .collect();
        if !entered.is_empty() || !left.is_empty() {
            changes.push(Change::Documents { entered, left });
        }
    }
    for (flag, from, to) in [
        ("email_only", before.email_only, after.email_only),
        ("local_review", before.local_review, after.local_review),
        (
            "no_qualification",
            before.no_qualification,
            after.no_qualification,
        ),
    ] {
        if from != to {
            changes.push(Change::Flag { flag, from, to });
        }
    }
    changes
}

/// The ways of a leaf's own rule, as sets of documents with kinds.
fn ways_of(leaf: &Leaf, data: &CatalogData, names: &Names<'_>) -> BTreeSet<WayOf> {
    let flat = flatten_leaf(
        leaf.rule.as_ref(),
        std::iter::empty(),
        std::iter::empty(),
        &|id| names.labels.get(id).copied(),
    );
    flat.ways
        .iter()
        .map(|way| {
            let mut documents: Vec<WayDocument> = way
                .requirements
                .iter()
                .filter_map(|&i| flat.requirements.get(i))
                .map(|r| WayDocument {
                    document: r.document.document.clone(),
                    name: names.document(&r.document.document).name,
                    holder: r.document.holder.clone(),
                    count: r.document.min,
                })
                .collect();
            documents.sort();
            documents.dedup();
            let mut kinds: Vec<String> = way
                .applicants
                .iter()
                .filter_map(|&i| data.applicant_labels.get(i))
                .map(|l| l.text.clone())
                .collect();
            kinds.sort();
            kinds.dedup();
            WayOf { kinds, documents }
        })
        .collect()
}

fn documents_of(rule: Option<&Node>) -> BTreeSet<String> {
    fn walk(node: &Node, out: &mut BTreeSet<String>) {
        match &node.kind {
            NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                children.iter().for_each(|child| walk(child, out));
            }
            NodeKind::Document(document) => {
                out.insert(document.document.clone());
            }
        }
    }
    let mut out = BTreeSet::new();
    if let Some(rule) = rule {
        walk(rule, &mut out);
    }
    out
}

/// A line diff by longest common subsequence: the cells are a few dozen
/// lines at most, so the quadratic table is small.
pub fn line_diff(from: &str, to: &str) -> Vec<LineChange> {
    let a: Vec<&str> = from.lines().collect();
    let b: Vec<&str> = to.lines().collect();
    let width = b.len() + 1;
    // lcs[i * width + j]: the common subsequence's length of a[i..] and b[j..].
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            let value = if a.get(i) == b.get(j) {
                lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lcs.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let line = |op, text: &str| LineChange {
        op,
        text: text.to_owned(),
    };
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                out.push(line("same", x));
                i += 1;
                j += 1;
            }
            (Some(x), Some(_)) if at(i + 1, j) >= at(i, j + 1) => {
                out.push(line("removed", x));
                i += 1;
            }
            (_, Some(y)) => {
                out.push(line("added", y));
                j += 1;
            }
            (Some(x), None) => {
                out.push(line("removed", x));
                i += 1;
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_diff_keeps_common_lines() {
        let ops: Vec<(&str, String)> = line_diff("a\nb\nc", "a\nx\nc\nd")
            .into_iter()
            .map(|l| (l.op, l.text))
            .collect();
        assert_eq!(
            ops,
            vec![
                ("same", "a".to_owned()),
                ("removed", "b".to_owned()),
                ("added", "x".to_owned()),
                ("same", "c".to_owned()),
                ("added", "d".to_owned()),
            ]
        );
    }
}
