//! The catalogue source as it is on disk (`catalog/`), read with positions.
//!
//! Everything here keeps the byte span of what it read so that every problem
//! the validator finds can name its file and line. Reading never stops at the
//! first problem: a file that does not parse becomes a diagnostic and the
//! other files are still read.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;

/// One `categories/NN-<id>.toml` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub row: Vec<Row>,
}

/// One row of the source table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub l2: Spanned<String>,
    #[serde(default)]
    pub l3: Option<Vec<ThirdLevel>>,
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    pub requirement: Spanned<String>,
    /// The requirement cell is merged with the row above: the source prints it
    /// once, there, and this row repeats its text.
    #[serde(default)]
    pub requirement_merged_above: bool,
    pub scope: Spanned<String>,
    #[serde(default)]
    pub notes: Option<Spanned<String>>,
    #[serde(default)]
    pub rule: Option<Spanned<String>>,
    #[serde(default)]
    pub email_only: bool,
    #[serde(default)]
    pub local_review: bool,
    #[serde(default)]
    pub not_required: Vec<Spanned<String>>,
    /// Mentions written once in the text that several alternatives of the rule need.
    #[serde(default)]
    pub shared_mentions: Vec<Spanned<String>>,
    /// Sentences of the notes naming a category the mini program must
    /// already hold (小程序需已通过【电商平台-电商平台】类目), verbatim.
    #[serde(default)]
    pub prerequisites: Vec<Spanned<String>>,
    /// Sentences that add requirements in a situation, verbatim, each with
    /// the documents it adds when it names them.
    #[serde(default)]
    pub situation: Vec<SituationEntry>,
    /// Set by `cargo xtask update-source` when the source text of this row
    /// changed: the old and the new text. `validate` fails until it is deleted.
    #[serde(default)]
    pub review: Option<Spanned<String>>,
}

/// A sentence that adds requirements in a situation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SituationEntry {
    /// The sentence, verbatim from the row's notes or requirement.
    pub text: Spanned<String>,
    /// The documents it adds, in the rule language; absent when it names none.
    #[serde(default)]
    pub rule: Option<Spanned<String>>,
    /// The sentence says the category does not cover the situation
    /// (…建议去除): a mini program in it cannot use the category as it is.
    #[serde(default)]
    pub blocks: bool,
    /// Documents (ids) the sentence means without naming them (“对应资质”):
    /// named to the user with the question, never required automatically.
    #[serde(default)]
    pub refers_to: Vec<Spanned<String>>,
}

/// A third-level category sharing its row's cells.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThirdLevel {
    pub name: Spanned<String>,
    pub id: Spanned<String>,
}

impl Row {
    /// The notes text, empty when absent.
    pub fn notes_text(&self) -> &str {
        self.notes
            .as_ref()
            .map(|n| n.get_ref().as_str())
            .unwrap_or("")
    }

    /// `(name, id)` of each leaf of this row, in source order.
    pub fn leaves(&self) -> Vec<(&Spanned<String>, &Spanned<String>)> {
        match (&self.l3, &self.id) {
            (Some(l3), _) => l3.iter().map(|t| (&t.name, &t.id)).collect(),
            (None, Some(id)) => vec![(&self.l2, id)],
            (None, None) => Vec::new(),
        }
    }
}

/// `documents.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsFile {
    /// Words the source uses for several documents (合作协议, 承诺函).
    #[serde(default)]
    pub generic: Vec<Spanned<String>>,
    /// The document whose 经营范围 the profile's business scope is: its
    /// scope conditions are checked against it.
    #[serde(default)]
    pub business_scope_document: Option<Spanned<String>>,
    #[serde(default)]
    pub document: Vec<DocumentEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// `applicant-kinds.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindsFile {
    #[serde(default)]
    pub group: Vec<GroupEntry>,
    #[serde(default)]
    pub kind: Vec<KindEntry>,
    #[serde(default)]
    pub label: Vec<LabelEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// An applicant is at most one kind of the group.
    #[serde(default)]
    pub exclusive: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindEntry {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub group: Option<Spanned<String>>,
    /// Kinds this one implies.
    #[serde(default)]
    pub is: Vec<Spanned<String>>,
    /// Kinds this one can never also be.
    #[serde(default)]
    pub excludes: Vec<Spanned<String>>,
    /// How people say it.
    #[serde(default)]
    pub words: Vec<Spanned<String>>,
    /// A choice of one row (陆运, 自营型), not a fact about the applicant.
    #[serde(default)]
    pub option: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelEntry {
    pub id: Spanned<String>,
    /// The `for` label, verbatim.
    pub text: Spanned<String>,
    /// What it means: an expression over kind ids (`!`, `&`, `|`, parentheses).
    pub means: Spanned<String>,
    /// `false`: the label asks more than its kinds say; always confirmed.
    #[serde(default = "yes")]
    pub exact: bool,
}

fn yes() -> bool {
    true
}

/// `provenance.toml`: which source text this is, set by the maintainer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceFile {
    /// The catalogue's version as published (`2026.1`).
    pub version: Spanned<String>,
    /// The day the text was taken from WeChat's page, `YYYY-MM-DD`.
    pub taken: Spanned<String>,
    /// SHA-256 of `source.txt`; checked, so it cannot go stale.
    pub source_sha256: Spanned<String>,
}

/// `synonyms.toml`: search help, not part of the source.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    #[serde(default)]
    pub synonym: Vec<SynonymEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymEntry {
    /// Words people type.
    pub words: Vec<Spanned<String>>,
    /// The source's words for the same thing; each must occur in the catalogue.
    pub source: Vec<Spanned<String>>,
}

/// `cross-references.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferencesFile {
    #[serde(default)]
    pub reference: Vec<ReferenceEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEntry {
    pub text: Spanned<String>,
    pub to: Vec<Spanned<String>>,
    pub why: Spanned<String>,
}

/// A file read from disk, kept for turning spans into line numbers.
#[derive(Debug, Clone)]
pub struct SourceFile<T> {
    /// Path relative to the catalogue folder's parent, as diagnostics print it.
    pub path: PathBuf,
    pub text: String,
    pub value: T,
}

impl<T> SourceFile<T> {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        line_of(&self.text, offset)
    }

    /// The 1-based line where a spanned value starts.
    pub fn line<U>(&self, spanned: &Spanned<U>) -> usize {
        self.line_of(spanned.span().start)
    }

    /// A diagnostic at a spanned value.
    pub fn error_at<U>(&self, spanned: &Spanned<U>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, self.line(spanned), message)
    }

    /// The 1-based file line of the first line of a multi-line string's content
    /// (TOML drops the newline right after an opening `'''`).
    pub fn content_line(&self, spanned: &Spanned<String>) -> usize {
        let start = spanned.span().start;
        let after_quotes = self.text.get(start..).map(|rest| {
            let quotes = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
                3
            } else {
                1
            };
            rest.get(quotes..)
                .is_some_and(|r| r.starts_with('\n') || r.starts_with("\r\n"))
        });
        self.line_of(start) + usize::from(after_quotes.unwrap_or(false))
    }
}

pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|prefix| prefix.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// The whole catalogue source.
#[derive(Debug, Clone)]
pub struct CatalogSource {
    pub root: PathBuf,
    /// How diagnostics name `source.txt`.
    pub source_path: PathBuf,
    /// `catalog/source.txt`.
    pub source_text: String,
    pub categories: Vec<SourceFile<CategoryFile>>,
    pub documents: Option<SourceFile<DocumentsFile>>,
    pub kinds: Option<SourceFile<KindsFile>>,
    pub references: Option<SourceFile<ReferencesFile>>,
    pub synonyms: Option<SourceFile<SynonymsFile>>,
    pub provenance: Option<SourceFile<ProvenanceFile>>,
}

/// Reads the catalogue folder. Files that cannot be read or parsed become diagnostics.
pub fn read_catalog(root: &Path) -> (CatalogSource, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let display_root = root
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.to_path_buf());
    let source_text = match fs::read_to_string(root.join("source.txt")) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                &display_root.join("source.txt"),
                0,
                format!("cannot read the source text: {e}"),
            ));
            String::new()
        }
    };
    let mut category_paths: Vec<PathBuf> = match fs::read_dir(root.join("categories")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                &display_root.join("categories"),
                0,
                format!("cannot list the category files: {e}"),
            ));
            Vec::new()
        }
    };
    category_paths.sort();
    let categories = category_paths
        .iter()
        .filter_map(|path| read_toml::<CategoryFile>(root, &display_root, path, &mut diagnostics))
        .collect();
    let documents =
        read_optional::<DocumentsFile>(root, &display_root, "documents.toml", &mut diagnostics);
    let kinds = read_optional::<KindsFile>(
        root,
        &display_root,
        "applicant-kinds.toml",
        &mut diagnostics,
    );
    let references = read_optional::<ReferencesFile>(
        root,
        &display_root,
        "cross-references.toml",
        &mut diagnostics,
    );
    let synonyms =
        read_optional::<SynonymsFile>(root, &display_root, "synonyms.toml", &mut diagnostics);
    let provenance =
        read_optional::<ProvenanceFile>(root, &display_root, "provenance.toml", &mut diagnostics);
    (
        CatalogSource {
            root: root.to_path_buf(),
            source_path: display_root.join("source.txt"),
            source_text,
            categories,
            documents,
            kinds,
            references,
            synonyms,
            provenance,
        },
        diagnostics,
    )
}

/// Reads a registry that may not exist yet (a catalogue being entered).
fn read_optional<T: for<'de> Deserialize<'de>>(
    root: &Path,
    display_root: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile<T>> {
    let path = root.join(name);
    if !path.exists() {
        return None;
    }
    read_toml(root, display_root, &path, diagnostics)
}

fn read_toml<T: for<'de> Deserialize<'de>>(
    root: &Path,
    display_root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile<T>> {
    let shown = display_root.join(path.strip_prefix(root).unwrap_or(path));
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                &shown,
                0,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    match toml::from_str::<T>(&text) {
        Ok(value) => Some(SourceFile {
            path: shown,
            text,
            value,
        }),
        Err(e) => {
            let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(0);
            let message = e.message().trim().to_owned();
            diagnostics.push(Diagnostic::new(
                &shown,
                line,
                format!("not valid catalogue TOML: {message}"),
            ));
            None
        }
    }
}
