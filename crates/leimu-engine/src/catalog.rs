//! Loading the compiled catalogue and the indexes built from it once.
//!
//! The catalogue never changes while the program runs, so everything the
//! queries need — document and leaf lookups, the search index — is built
//! here, at load time (each rule's flattened ways on first use), and the query functions
//! only read.

use crate::hash::FastMap;
use std::fmt;
use std::sync::OnceLock;

use crate::kinds::KindModel;
use crate::model::{CatalogData, Document, Leaf, Node, NodeKind};
use crate::search::SearchIndex;
use crate::ways::{LeafWays, flatten_leaf};

/// The schema version this engine reads.
pub const SCHEMA_VERSION: u32 = 2;

/// The loaded catalogue with its indexes.
#[derive(Debug)]
pub struct Catalog {
    data: CatalogData,
    document_index: FastMap<String, usize>,
    leaf_index: FastMap<String, usize>,
    /// Each leaf's rule flattened into its ways, worked out the first time
    /// the leaf is asked about: loading stays quick (the browser builds the
    /// catalogue before it can show anything), and the answers are the same.
    ways: Vec<OnceLock<LeafWays>>,
    kinds: KindModel,
    /// The search index over what the catalogue holds.
    search_index: SearchIndex,
    /// When the lexicon is in a file of its own (`binary::encode_split`):
    /// the fingerprint of that file, which [`Catalog::add_lexicon`] checks.
    lexicon_file: Option<u64>,
    /// The search index rebuilt with that file's lexicon, once it arrived;
    /// searches use it from then on.
    index_with_lexicon: OnceLock<SearchIndex>,
}

/// Why a lexicon file could not be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexiconError {
    /// The file is not the one this catalogue names (another version's, or
    /// the catalogue holds its lexicon already).
    NotThisCatalogue { expected: Option<u64>, found: u64 },
    /// The file is damaged.
    Binary(crate::binary::DecodeError),
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LexiconError::NotThisCatalogue {
                expected: Some(expected),
                found,
            } => write!(
                f,
                "the lexicon file is not this catalogue's (fingerprint {found:016x}, expected {expected:016x}); serve the lexicon built with this catalogue"
            ),
            LexiconError::NotThisCatalogue {
                expected: None,
                found,
            } => write!(
                f,
                "this catalogue holds its lexicon already; the lexicon file {found:016x} was not added"
            ),
            LexiconError::Binary(error) => write!(
                f,
                "the lexicon file is malformed {error}; regenerate it with `cargo xtask generate`"
            ),
        }
    }
}

impl std::error::Error for LexiconError {}

/// Why a catalogue could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The JSON does not parse or does not have the catalogue's shape.
    Json(String),
    /// The binary form (`catalog.bin`) is damaged or was written by another layout.
    Binary(crate::binary::DecodeError),
    /// The JSON was written for another schema version.
    Schema { found: u32, expected: u32 },
    /// Internal references do not resolve.
    Inconsistent(Vec<String>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json(message) => write!(
                f,
                "the catalogue JSON is malformed: {message}; regenerate it with `cargo xtask generate`"
            ),
            LoadError::Binary(error) => write!(
                f,
                "the catalogue binary is malformed {error}; regenerate it with `cargo xtask generate`"
            ),
            LoadError::Schema { found, expected } => write!(
                f,
                "the catalogue JSON has schema {found} but this engine reads schema {expected}; regenerate it with `cargo xtask generate`"
            ),
            LoadError::Inconsistent(problems) => {
                write!(
                    f,
                    "the catalogue JSON is inconsistent ({} problems): {}",
                    problems.len(),
                    problems.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl Catalog {
    /// Parses and indexes a catalogue JSON (`catalog/generated/catalog.json`).
    pub fn from_json(json: &str) -> Result<Catalog, LoadError> {
        let data: CatalogData =
            serde_json::from_str(json).map_err(|e| LoadError::Json(e.to_string()))?;
        Catalog::from_data(data)
    }

    /// Decodes and indexes the binary catalogue (`catalog/generated/catalog.bin`).
    /// When its lexicon is in a file of its own, search works without it
    /// until [`Catalog::add_lexicon`] is given that file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog, LoadError> {
        let (data, lexicon_file) = crate::binary::decode_parts(bytes).map_err(LoadError::Binary)?;
        let mut catalog = Catalog::from_data(data)?;
        catalog.lexicon_file = lexicon_file;
        Ok(catalog)
    }

    /// The name of the lexicon file this catalogue still waits for
    /// (`lexicon-<fingerprint>.bin`), or `None` when search has its lexicon.
    pub fn missing_lexicon_file(&self) -> Option<String> {
        match self.lexicon_file {
            Some(fingerprint) if self.index_with_lexicon.get().is_none() => {
                Some(crate::binary::lexicon_file_name(fingerprint))
            }
            _ => None,
        }
    }

    /// Adds the search lexicon from its own file (see
    /// `binary::encode_split`): from then on searches know its words. The
    /// file must be the one the catalogue names; adding it twice is harmless.
    pub fn add_lexicon(&self, bytes: &[u8]) -> Result<(), LexiconError> {
        let found = crate::binary::fingerprint(bytes);
        if self.lexicon_file != Some(found) {
            return Err(LexiconError::NotThisCatalogue {
                expected: self.lexicon_file,
                found,
            });
        }
        if self.index_with_lexicon.get().is_some() {
            return Ok(());
        }
        let lexicon = crate::binary::decode_lexicon(bytes).map_err(LexiconError::Binary)?;
        let _ = self
            .index_with_lexicon
            .set(self.search_index.with_lexicon(&self.data, &lexicon));
        Ok(())
    }

    /// The search index searches use: with the lexicon once it is there.
    pub(crate) fn search_index(&self) -> &SearchIndex {
        self.index_with_lexicon.get().unwrap_or(&self.search_index)
    }

    /// Indexes an already-deserialised catalogue, checking its references.
    pub fn from_data(data: CatalogData) -> Result<Catalog, LoadError> {
        if data.schema != SCHEMA_VERSION {
            return Err(LoadError::Schema {
                found: data.schema,
                expected: SCHEMA_VERSION,
            });
        }
        let mut problems = Vec::new();
        let mut document_index = FastMap::default();
        for (i, document) in data.documents.iter().enumerate() {
            if document_index.insert(document.id.clone(), i).is_some() {
                problems.push(format!("document id `{}` appears twice", document.id));
            }
        }
        let mut leaf_index = FastMap::default();
        for (i, leaf) in data.leaves.iter().enumerate() {
            if leaf_index.insert(leaf.id.clone(), i).is_some() {
                problems.push(format!("leaf id `{}` appears twice", leaf.id));
            }
            if data.first_levels.get(leaf.first_level).is_none() {
                problems.push(format!(
                    "leaf `{}` points to first level {} which does not exist",
                    leaf.id, leaf.first_level
                ));
            }
            if let Some(rule) = &leaf.rule {
                check_node(rule, leaf, &document_index, &mut problems);
            }
            for situation in &leaf.situations {
                if let Some(rule) = &situation.rule {
                    check_node(rule, leaf, &document_index, &mut problems);
                }
            }
        }
        for leaf in &data.leaves {
            for prerequisite in &leaf.prerequisites {
                if !leaf_index.contains_key(&prerequisite.category)
                    || prerequisite.category == leaf.id
                {
                    problems.push(format!(
                        "leaf `{}` requires unknown leaf `{}`",
                        leaf.id, prerequisite.category
                    ));
                }
            }
            for reference in &leaf.references {
                for target in &reference.to {
                    if !leaf_index.contains_key(target) {
                        problems.push(format!(
                            "leaf `{}` refers to unknown leaf `{target}`",
                            leaf.id
                        ));
                    }
                }
            }
        }
        let kinds = KindModel::build(&data, &mut problems);
        for leaf in &data.leaves {
            if let Some(rule) = &leaf.rule {
                check_labels(rule, leaf, &kinds, &mut problems);
            }
        }
        if !problems.is_empty() {
            return Err(LoadError::Inconsistent(problems));
        }
        let ways = data.leaves.iter().map(|_| OnceLock::new()).collect();
        let search_index = SearchIndex::build(&data);
        Ok(Catalog {
            data,
            document_index,
            leaf_index,
            ways,
            kinds,
            search_index,
            lexicon_file: None,
            index_with_lexicon: OnceLock::new(),
        })
    }

    /// The catalogue as loaded.
    pub fn data(&self) -> &CatalogData {
        &self.data
    }

    /// Every selectable category, in source order.
    pub fn leaves(&self) -> &[Leaf] {
        &self.data.leaves
    }

    /// The leaves under the first-level category at `first_level` (an
    /// index into the first levels), in source order.
    pub fn leaves_under(&self, first_level: usize) -> impl Iterator<Item = &Leaf> {
        self.data
            .leaves
            .iter()
            .filter(move |l| l.first_level == first_level)
    }

    /// The document registry.
    pub fn documents(&self) -> &[Document] {
        &self.data.documents
    }

    /// A leaf by id.
    pub fn leaf(&self, id: &str) -> Option<&Leaf> {
        self.leaf_index
            .get(id)
            .and_then(|&i| self.data.leaves.get(i))
    }

    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.document_index
            .get(id)
            .and_then(|&i| self.data.documents.get(i))
    }

    /// The ways of the leaf at `position`, flattened on first use, with its
    /// prerequisites' and situations' ways.
    pub(crate) fn leaf_ways(&self, position: usize) -> Option<&LeafWays> {
        let leaf = self.data.leaves.get(position)?;
        let ways = self.ways.get(position)?;
        Some(ways.get_or_init(|| {
            // A prerequisite's own prerequisites are not followed: the
            // source has none, and following them could go round in a circle.
            let prerequisites = leaf.prerequisites.iter().filter_map(|p| {
                let at = self.leaf_position(&p.category)?;
                Some((at, self.data.leaves.get(at)?.rule.as_ref()))
            });
            let situations = leaf.situations.iter().map(|s| s.rule.as_ref());
            flatten_leaf(leaf.rule.as_ref(), prerequisites, situations, &|label| {
                self.kinds.label_position(label)
            })
        }))
    }

    /// The applicant-kind model.
    pub(crate) fn kinds(&self) -> &KindModel {
        &self.kinds
    }

    pub(crate) fn leaf_position(&self, id: &str) -> Option<usize> {
        self.leaf_index.get(id).copied()
    }

    /// The path of a leaf joined the way the CLI prints it: `生活服务 > 丽人服务 > 美甲`.
    pub fn display_path(leaf: &Leaf) -> String {
        leaf.path.join(" > ")
    }
}

fn check_labels(node: &Node, leaf: &Leaf, kinds: &KindModel, problems: &mut Vec<String>) {
    if let Some(label) = &node.applicant
        && kinds.label_position(&label.kind).is_none()
    {
        problems.push(format!(
            "leaf `{}` uses unknown applicant label `{}`",
            leaf.id, label.kind
        ));
    }
    if let NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } = &node.kind {
        for child in children {
            check_labels(child, leaf, kinds, problems);
        }
    }
}

fn check_node(
    node: &Node,
    leaf: &Leaf,
    documents: &FastMap<String, usize>,
    problems: &mut Vec<String>,
) {
    // Applicant labels are checked against the label registry by
    // `check_labels` (a catalogue that loads must encode: the binary form
    // writes a label as its registry position).
    match &node.kind {
        NodeKind::Document(requirement) => {
            if !documents.contains_key(&requirement.document) {
                problems.push(format!(
                    "leaf `{}` needs unknown document `{}`",
                    leaf.id, requirement.document
                ));
            }
            if requirement.min == 0 {
                problems.push(format!(
                    "leaf `{}` needs zero of `{}`",
                    leaf.id, requirement.document
                ));
            }
        }
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            // An `all` with no children is an alternative met by being a
            // kind of applicant (is "银行机构"): it needs its label.
            let kind_only = node.applicant.is_some() && matches!(node.kind, NodeKind::AllOf { .. });
            if children.is_empty() && !kind_only {
                problems.push(format!("leaf `{}` has a group with no children", leaf.id));
            }
            for child in children {
                check_node(child, leaf, documents, problems);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_under_a_first_level_are_its_own_and_all_of_them() {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../catalog/generated/catalog.json"
        ))
        .expect("catalog/generated/catalog.json");
        let catalog = Catalog::from_json(&json).expect("the catalogue loads");
        let firsts = catalog.data().first_levels.len();
        let total: usize = (0..firsts).map(|i| catalog.leaves_under(i).count()).sum();
        assert_eq!(total, catalog.leaves().len());
        for i in 0..firsts {
            assert!(catalog.leaves_under(i).next().is_some(), "first level {i}");
            assert!(catalog.leaves_under(i).all(|l| l.first_level == i));
        }
        assert_eq!(catalog.leaves_under(firsts).count(), 0);
    }
}
