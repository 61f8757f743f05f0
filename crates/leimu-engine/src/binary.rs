//! The catalogue in a compact binary form, for the browser.
//!
//! `catalog.json` is the open, readable form; the site embeds this one
//! instead (`catalog/generated/catalog.bin`). Decoding it is a straight walk
//! over bytes with no parser, no field names and no serde machinery, which
//! matters twice in the browser: the catalogue is ready several times sooner
//! at start-up, and the wasm carries neither a JSON parser nor the derived
//! deserialisers of every model type (together about a tenth of the site's
//! download). Document and applicant-kind ids inside rules are written as
//! positions in their registries, so each id is stored once; text quoted
//! from a requirement (mentions, holders, conditions, applicant labels) is
//! stored as a range of the requirement text.
//!
//! The layout mirrors [`CatalogData`] field by field: integers are unsigned
//! LEB128, strings UTF-8 ending in NUL (in a separate text stream after the
//! structure), lists a length and their items, options and
//! booleans one byte. A round-trip test over the real
//! catalogue proves [`encode`] and [`decode`] agree; malformed input gives an
//! error naming the byte where it went wrong, never a panic.
//!
//! The search lexicon (everyday words, about a quarter of the compressed
//! catalogue) can live in a file of its own, [`encode_split`]: the site then
//! paints and searches with the catalogue alone and adds the lexicon when it
//! has arrived ([`crate::Catalog::add_lexicon`]). The catalogue names that
//! file by its [`fingerprint`], so a catalogue is never paired with another
//! version's lexicon, and the file's name changes whenever its bytes do.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{
    ApplicantGroup, ApplicantKind, ApplicantLabel, CatalogData, CrossReference, Document,
    DocumentRequirement, FirstLevel, KindExpr, LabelMeaning, Leaf, LexiconEntry, Node, NodeKind,
    Prerequisite, Provenance, ScopeCheck, Situation, Synonym,
};

/// The first bytes of every encoded catalogue; the last byte is the layout version.
const MAGIC: &[u8; 8] = b"leimu\0c\x05";

/// The first bytes of a lexicon file written by [`encode_split`].
const LEXICON_MAGIC: &[u8; 8] = b"leimu\0l\x01";

/// A catalogue whose search lexicon is in a file of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitCatalogue {
    /// The catalogue without its lexicon (and without the pinyin only the
    /// lexicon's words need), naming the lexicon file by its fingerprint.
    pub catalogue: Vec<u8>,
    /// The lexicon file ([`decode_lexicon`]).
    pub lexicon: Vec<u8>,
}

/// What a lexicon file holds: the lexicon's entries and the pinyin of the
/// characters only its words use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LexiconData {
    pub entries: Vec<LexiconEntry>,
    pub pinyin: BTreeMap<String, String>,
}

/// FNV-1a (64 bits) of `bytes`: the same on every platform (the wasm's and
/// the build's), which a `Hasher` is not promised to be.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The name a lexicon file is served under: its fingerprint in it, so a
/// cache can never answer with another version's lexicon.
pub fn lexicon_file_name(fingerprint: u64) -> String {
    format!("lexicon-{fingerprint:016x}.bin")
}

/// Requirement trees nest a few levels (临床试验 goes four deep); anything
/// deeper is damage, and refusing it keeps the decoder's recursion bounded.
const MAX_DEPTH: usize = 32;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset where decoding failed.
    pub offset: usize,
    pub problem: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.problem)
    }
}

/// Encodes a catalogue, its lexicon included. Fails when a rule names a
/// document or applicant kind missing from the registries (a catalogue
/// `leimu-catalog` would not produce).
pub fn encode(data: &CatalogData) -> Result<Vec<u8>, String> {
    encode_with(data, None)
}

/// Encodes a catalogue with its lexicon in a file of its own: the
/// catalogue keeps the pinyin of every character its other text uses, the
/// lexicon file the entries and the pinyin only they need.
pub fn encode_split(data: &CatalogData) -> Result<SplitCatalogue, String> {
    let mut rest = data.clone();
    rest.lexicon.clear();
    rest.pinyin.clear();
    // Every string is in the text stream: its characters are the ones the
    // catalogue without its lexicon can ask the pinyin of.
    let probe = encode_with(&rest, None)?;
    let used: BTreeSet<char> = text_stream(&probe)
        .map_err(|e| e.to_string())?
        .chars()
        .collect();
    let (kept, moved): (BTreeMap<String, String>, BTreeMap<String, String>) = data
        .pinyin
        .iter()
        .map(|(c, r)| (c.clone(), r.clone()))
        .partition(|(c, _)| c.chars().next().is_some_and(|c| used.contains(&c)));
    let lexicon = encode_lexicon(&LexiconData {
        entries: data.lexicon.clone(),
        pinyin: moved,
    })?;
    rest.pinyin = kept;
    let catalogue = encode_with(&rest, Some(fingerprint(&lexicon)))?;
    Ok(SplitCatalogue { catalogue, lexicon })
}

/// Encodes a lexicon file (see [`encode_split`]).
pub fn encode_lexicon(lexicon: &LexiconData) -> Result<Vec<u8>, String> {
    let mut w = Writer {
        out: Vec::new(),
        text: Vec::new(),
        strings: 0,
        documents: BTreeMap::new(),
        kinds: BTreeMap::new(),
        labels: BTreeMap::new(),
    };
    w.lexicon_entries(&lexicon.entries);
    w.pinyin_table(&lexicon.pinyin);
    w.finish(LEXICON_MAGIC)
}

/// Decodes a lexicon file (see [`encode_split`]).
pub fn decode_lexicon(bytes: &[u8]) -> Result<LexiconData, DecodeError> {
    let mut r = Reader::open(bytes, LEXICON_MAGIC, "not a leimu lexicon file")?;
    let entries = r.lexicon_entries()?;
    let pinyin = r.pinyin_table()?;
    r.finish(bytes.len(), "bytes left over after the lexicon")?;
    Ok(LexiconData { entries, pinyin })
}

/// The text stream of an encoded catalogue.
fn text_stream(bytes: &[u8]) -> Result<&str, DecodeError> {
    let r = Reader::open(bytes, MAGIC, "not a leimu catalogue")?;
    Ok(r.text)
}

/// `lexicon_file`: `None` writes the lexicon inline, `Some(fingerprint)`
/// names the file that holds it instead.
fn encode_with(data: &CatalogData, lexicon_file: Option<u64>) -> Result<Vec<u8>, String> {
    let documents: BTreeMap<&str, usize> = data
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let kinds: BTreeMap<&str, usize> = data
        .applicant_kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.as_str(), i))
        .collect();
    let labels: BTreeMap<&str, usize> = data
        .applicant_labels
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.as_str(), i))
        .collect();
    let mut w = Writer {
        out: Vec::new(),
        text: Vec::new(),
        strings: 0,
        documents,
        kinds,
        labels,
    };
    w.uint(u64::from(data.schema));
    w.str(&data.notice);
    w.str(&data.source_title);
    w.str(&data.provenance.version);
    w.str(&data.provenance.taken);
    w.str(&data.provenance.source_sha256);
    w.bool(lexicon_file.is_some());
    if let Some(fingerprint) = lexicon_file {
        w.uint(fingerprint);
    }
    w.len(data.first_levels.len());
    for first in &data.first_levels {
        w.str(&first.id);
        w.str(&first.name);
    }
    w.len(data.documents.len());
    for document in &data.documents {
        w.str(&document.id);
        w.str(&document.name);
        w.strs(&document.aliases);
    }
    w.strs(&data.generic_document_names);
    w.len(data.applicant_groups.len());
    for group in &data.applicant_groups {
        w.str(&group.id);
        w.str(&group.name);
        w.bool(group.exclusive);
    }
    w.len(data.applicant_kinds.len());
    for kind in &data.applicant_kinds {
        w.str(&kind.id);
        w.str(&kind.name);
        w.strs(&kind.words);
        w.opt_str(kind.group.as_deref());
        w.strs(&kind.is);
        w.strs(&kind.excludes);
        w.bool(kind.option);
    }
    w.len(data.applicant_labels.len());
    for label in &data.applicant_labels {
        w.str(&label.id);
        w.str(&label.text);
        w.expr(&label.means, 0)
            .map_err(|e| format!("label `{}`: {e}", label.id))?;
        w.bool(label.exact);
    }
    w.len(data.synonyms.len());
    for synonym in &data.synonyms {
        w.strs(&synonym.words);
        w.strs(&synonym.source);
    }
    let inline_lexicon: &[LexiconEntry] = match lexicon_file {
        Some(_) => &[],
        None => &data.lexicon,
    };
    w.lexicon_entries(inline_lexicon);
    w.pinyin_table(&data.pinyin);
    w.len(data.leaves.len());
    for leaf in &data.leaves {
        w.str(&leaf.id);
        w.strs(&leaf.path);
        w.len(leaf.first_level);
        w.str(&leaf.requirement_text);
        w.str(&leaf.scope);
        w.str(&leaf.notes);
        w.bool(leaf.no_qualification);
        match &leaf.rule {
            Some(node) => {
                w.bool(true);
                w.node(node, &leaf.requirement_text)
                    .map_err(|e| format!("leaf `{}`: {e}", leaf.id))?;
            }
            None => w.bool(false),
        }
        w.bool(leaf.email_only);
        w.bool(leaf.local_review);
        w.len(leaf.references.len());
        for reference in &leaf.references {
            w.str(&reference.text);
            w.strs(&reference.to);
            w.opt_str(reference.judgement.as_deref());
        }
        w.uint(u64::from(leaf.source_line));
        w.len(leaf.prerequisites.len());
        for prerequisite in &leaf.prerequisites {
            w.slice(&prerequisite.text, &leaf.notes);
            w.str(&prerequisite.category);
        }
        w.len(leaf.situations.len());
        for situation in &leaf.situations {
            // A situation is a sentence of the notes or of the requirement.
            let in_notes = leaf.notes.contains(&situation.text);
            w.bool(in_notes);
            let within = if in_notes {
                &leaf.notes
            } else {
                &leaf.requirement_text
            };
            w.slice(&situation.text, within);
            match &situation.rule {
                Some(node) => {
                    w.bool(true);
                    w.node(node, &situation.text)
                        .map_err(|e| format!("leaf `{}`: {e}", leaf.id))?;
                }
                None => w.bool(false),
            }
            w.bool(situation.blocks);
            w.strs(&situation.refers_to);
        }
        w.bool(leaf.requirement_from_line.is_some());
        if let Some(line) = leaf.requirement_from_line {
            w.uint(u64::from(line));
        }
    }
    w.finish(MAGIC)
}

/// Two streams: the structure (numbers, flags) and the text of every string
/// in order. Kept apart, the text compresses as well as text alone (brotli:
/// about 41 KB in all, against 49 KB for the JSON or numbers interleaved).
struct Writer<'a> {
    out: Vec<u8>,
    text: Vec<u8>,
    /// Strings written, to check that none contained the terminator.
    strings: usize,
    documents: BTreeMap<&'a str, usize>,
    kinds: BTreeMap<&'a str, usize>,
    labels: BTreeMap<&'a str, usize>,
}

impl Writer<'_> {
    fn lexicon_entries(&mut self, entries: &[LexiconEntry]) {
        self.len(entries.len());
        for entry in entries {
            self.str(&entry.category);
            self.strs(&entry.words);
        }
    }

    fn pinyin_table(&mut self, pinyin: &BTreeMap<String, String>) {
        self.len(pinyin.len());
        for (character, readings) in pinyin {
            self.str(character);
            self.str(readings);
        }
    }

    /// The magic bytes, the structure's length, the structure, the text.
    fn finish(mut self, magic: &[u8]) -> Result<Vec<u8>, String> {
        if self.text.iter().filter(|&&b| b == 0).count() != self.strings {
            return Err("a string contains NUL, which the binary form uses as a terminator".into());
        }
        let mut bytes = magic.to_vec();
        let structure = std::mem::take(&mut self.out);
        self.len(structure.len());
        bytes.append(&mut self.out);
        bytes.extend(structure);
        bytes.extend(self.text);
        Ok(bytes)
    }

    fn uint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn len(&mut self, value: usize) {
        self.uint(value as u64);
    }

    fn bool(&mut self, value: bool) {
        self.out.push(u8::from(value));
    }

    fn str(&mut self, value: &str) {
        // A terminator rather than a length: lengths are noise to the
        // compressor, and the text never contains NUL (`encode` checks).
        self.text.extend_from_slice(value.as_bytes());
        self.text.push(0);
        self.strings += 1;
    }

    fn strs(&mut self, values: &[String]) {
        self.len(values.len());
        for value in values {
            self.str(value);
        }
    }

    fn opt_str(&mut self, value: Option<&str>) {
        self.bool(value.is_some());
        if let Some(value) = value {
            self.str(value);
        }
    }

    fn kind(&mut self, id: &str) -> Result<(), String> {
        let position = *self
            .kinds
            .get(id)
            .ok_or_else(|| format!("unknown applicant kind `{id}`"))?;
        self.len(position);
        Ok(())
    }

    fn expr(&mut self, expr: &KindExpr, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err("a label expression nests too deep".into());
        }
        match expr {
            KindExpr::Kind(id) => {
                self.out.push(0);
                self.kind(id)
            }
            KindExpr::Not(inner) => {
                self.out.push(1);
                self.expr(inner, depth + 1)
            }
            KindExpr::All(parts) | KindExpr::Any(parts) => {
                self.out.push(if matches!(expr, KindExpr::All(_)) {
                    2
                } else {
                    3
                });
                self.len(parts.len());
                parts.iter().try_for_each(|p| self.expr(p, depth + 1))
            }
        }
    }

    /// Text the source writes inside the requirement (a mention, a holder,
    /// a condition, an applicant label): where it is in `within`, or the text
    /// itself if it is not there. Each would otherwise be stored twice.
    fn slice(&mut self, text: &str, within: &str) {
        match within.find(text) {
            Some(start) => {
                self.bool(true);
                self.len(start);
                self.len(text.len());
            }
            None => {
                self.bool(false);
                self.str(text);
            }
        }
    }

    fn node(&mut self, node: &Node, within: &str) -> Result<(), String> {
        match &node.applicant {
            Some(applicant) => {
                // The label's text is in the label registry: only its position is written.
                self.bool(true);
                let position = *self
                    .labels
                    .get(applicant.kind.as_str())
                    .ok_or_else(|| format!("unknown applicant label `{}`", applicant.kind))?;
                self.len(position);
                self.bool(applicant.option);
            }
            None => self.bool(false),
        }
        match &node.kind {
            NodeKind::AllOf { children } => {
                self.out.push(0);
                self.nodes(children, within)
            }
            NodeKind::AnyOf { at_least, children } => {
                self.out.push(1);
                self.uint(u64::from(*at_least));
                self.nodes(children, within)
            }
            NodeKind::Document(requirement) => {
                self.out.push(2);
                let position = *self
                    .documents
                    .get(requirement.document.as_str())
                    .ok_or_else(|| format!("unknown document `{}`", requirement.document))?;
                self.len(position);
                self.slice(&requirement.mention, within);
                self.bool(requirement.holder.is_some());
                if let Some(holder) = &requirement.holder {
                    self.slice(holder, within);
                }
                self.uint(u64::from(requirement.min));
                self.bool(requirement.max.is_some());
                if let Some(max) = requirement.max {
                    self.uint(u64::from(max));
                }
                self.len(requirement.conditions.len());
                for condition in &requirement.conditions {
                    self.slice(condition, within);
                }
                self.bool(requirement.issuer.is_some());
                if let Some(issuer) = &requirement.issuer {
                    self.slice(issuer, within);
                }
                self.len(requirement.form.len());
                for form in &requirement.form {
                    self.slice(form, within);
                }
                self.len(requirement.scope_checks.len());
                for check in &requirement.scope_checks {
                    self.slice(&check.condition, within);
                    self.len(check.terms.len());
                    for term in &check.terms {
                        self.slice(term, within);
                    }
                    self.bool(check.exhaustive);
                }
                Ok(())
            }
        }
    }

    fn nodes(&mut self, nodes: &[Node], within: &str) -> Result<(), String> {
        self.len(nodes.len());
        for node in nodes {
            self.node(node, within)?;
        }
        Ok(())
    }
}

/// Decodes what [`encode`] or [`encode_split`] wrote; a split catalogue
/// decodes with an empty lexicon ([`decode_parts`] says which file holds it).
pub fn decode(bytes: &[u8]) -> Result<CatalogData, DecodeError> {
    decode_parts(bytes).map(|(data, _)| data)
}

/// Decodes a catalogue, and the fingerprint of the lexicon file it names
/// when its lexicon is not inline.
pub fn decode_parts(bytes: &[u8]) -> Result<(CatalogData, Option<u64>), DecodeError> {
    let mut r = Reader::open(bytes, MAGIC, "not a leimu catalogue")?;
    let schema = r.u32()?;
    let notice = r.string()?;
    let source_title = r.string()?;
    let provenance = Provenance {
        version: r.string()?,
        taken: r.string()?,
        source_sha256: r.string()?,
    };
    let lexicon_file = if r.bool()? { Some(r.uint()?) } else { None };
    let first_levels = r.list(|r| {
        Ok(FirstLevel {
            id: r.string()?,
            name: r.string()?,
        })
    })?;
    let documents = r.list(|r| {
        Ok(Document {
            id: r.string()?,
            name: r.string()?,
            aliases: r.strings()?,
        })
    })?;
    let document_ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    let generic_document_names = r.strings()?;
    let applicant_groups = r.list(|r| {
        Ok(ApplicantGroup {
            id: r.string()?,
            name: r.string()?,
            exclusive: r.bool()?,
        })
    })?;
    let applicant_kinds = r.list(|r| {
        Ok(ApplicantKind {
            id: r.string()?,
            name: r.string()?,
            words: r.strings()?,
            group: r.opt_string()?,
            is: r.strings()?,
            excludes: r.strings()?,
            option: r.bool()?,
        })
    })?;
    let kind_ids: Vec<&str> = applicant_kinds.iter().map(|k| k.id.as_str()).collect();
    let applicant_labels = r.list(|r| {
        Ok(LabelMeaning {
            id: r.string()?,
            text: r.string()?,
            means: r.expr(&kind_ids, 0)?,
            exact: r.bool()?,
        })
    })?;
    let labels: Vec<(&str, &str)> = applicant_labels
        .iter()
        .map(|l| (l.id.as_str(), l.text.as_str()))
        .collect();
    let synonyms = r.list(|r| {
        Ok(Synonym {
            words: r.strings()?,
            source: r.strings()?,
        })
    })?;
    let lexicon = r.lexicon_entries()?;
    let pinyin = r.pinyin_table()?;
    let ids = Ids {
        documents: &document_ids,
        labels: &labels,
    };
    let leaves = r.list(|r| {
        let id = r.string()?;
        let path = r.strings()?;
        let first_level = r.usize()?;
        let requirement_text = r.string()?;
        let scope = r.string()?;
        let notes = r.string()?;
        let no_qualification = r.bool()?;
        let rule = if r.bool()? {
            Some(r.node(&ids, &requirement_text, 0)?)
        } else {
            None
        };
        let email_only = r.bool()?;
        let local_review = r.bool()?;
        let references = r.list(|r| {
            Ok(CrossReference {
                text: r.string()?,
                to: r.strings()?,
                judgement: r.opt_string()?,
            })
        })?;
        let source_line = r.u32()?;
        let prerequisites = r.list(|r| {
            Ok(Prerequisite {
                text: r.slice(&notes)?,
                category: r.string()?,
            })
        })?;
        let situations = r.list(|r| {
            let within = if r.bool()? { &notes } else { &requirement_text };
            let text = r.slice(within)?;
            let rule = if r.bool()? {
                Some(r.node(&ids, &text, 0)?)
            } else {
                None
            };
            Ok(Situation {
                text,
                rule,
                blocks: r.bool()?,
                refers_to: r.strings()?,
            })
        })?;
        let requirement_from_line = if r.bool()? { Some(r.u32()?) } else { None };
        Ok(Leaf {
            id,
            path,
            first_level,
            requirement_text,
            scope,
            notes,
            no_qualification,
            rule,
            email_only,
            local_review,
            references,
            source_line,
            prerequisites,
            situations,
            requirement_from_line,
        })
    })?;
    r.finish(bytes.len(), "bytes left over after the catalogue")?;
    let data = CatalogData {
        notice,
        schema,
        source_title,
        provenance,
        first_levels,
        leaves,
        documents,
        applicant_kinds,
        applicant_groups,
        applicant_labels,
        generic_document_names,
        synonyms,
        lexicon,
        pinyin,
    };
    Ok((data, lexicon_file))
}

/// The registries' ids, for turning positions in rules back into ids.
struct Ids<'a> {
    documents: &'a [&'a str],
    /// Each label's id and text.
    labels: &'a [(&'a str, &'a str)],
}

struct Reader<'a> {
    /// The structure stream (from the start of the data, so `pos` is an offset into it).
    bytes: &'a [u8],
    pos: usize,
    /// The text stream, checked to be UTF-8 once, as a whole, so each string
    /// is only cut at its NUL; `text_pos` is the offset in the whole data of
    /// its next byte.
    text: &'a str,
    text_pos: usize,
}

impl<'a> Reader<'a> {
    /// Checks the magic bytes and splits the structure from the text.
    fn open(bytes: &'a [u8], magic: &[u8], what: &str) -> Result<Reader<'a>, DecodeError> {
        if bytes.get(..magic.len()) != Some(magic) {
            return Err(DecodeError {
                offset: 0,
                problem: format!("{what} (wrong magic bytes or layout version)"),
            });
        }
        let mut r = Reader {
            bytes,
            pos: magic.len(),
            text: "",
            text_pos: 0,
        };
        let structure_len = r.usize()?;
        let structure_end = r
            .pos
            .checked_add(structure_len)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| r.error("the structure is longer than the data"))?;
        r.text = std::str::from_utf8(bytes.get(structure_end..).unwrap_or_default())
            .map_err(|e| r.error_at(structure_end + e.valid_up_to(), "text is not UTF-8"))?;
        r.text_pos = structure_end;
        r.bytes = bytes.get(..structure_end).unwrap_or_default();
        Ok(r)
    }

    /// Lexicon entries: a category and its words each.
    fn lexicon_entries(&mut self) -> Result<Vec<LexiconEntry>, DecodeError> {
        self.list(|r| {
            Ok(LexiconEntry {
                category: r.string()?,
                words: r.strings()?,
            })
        })
    }

    /// Pinyin readings: a character and its readings each.
    fn pinyin_table(&mut self) -> Result<BTreeMap<String, String>, DecodeError> {
        Ok(self
            .list(|r| Ok((r.string()?, r.string()?)))?
            .into_iter()
            .collect())
    }

    /// Fails unless both streams were read to their ends (`len`: the whole input's).
    fn finish(&self, len: usize, problem: &str) -> Result<(), DecodeError> {
        if self.pos != self.bytes.len() || self.text_pos != len {
            return Err(self.error(problem));
        }
        Ok(())
    }

    fn error(&self, problem: impl Into<String>) -> DecodeError {
        self.error_at(self.pos, problem)
    }

    fn error_at(&self, offset: usize, problem: impl Into<String>) -> DecodeError {
        DecodeError {
            offset,
            problem: problem.into(),
        }
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let byte = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| self.error("unexpected end of data"))?;
        self.pos += 1;
        Ok(byte)
    }

    fn uint(&mut self) -> Result<u64, DecodeError> {
        let start = self.pos;
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.error_at(start, "integer too long"))
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        let start = self.pos;
        let value = self.uint()?;
        u32::try_from(value).map_err(|_| self.error_at(start, format!("{value} is too large")))
    }

    fn usize(&mut self) -> Result<usize, DecodeError> {
        let start = self.pos;
        let value = self.uint()?;
        usize::try_from(value).map_err(|_| self.error_at(start, format!("{value} is too large")))
    }

    fn bool(&mut self) -> Result<bool, DecodeError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.error_at(self.pos - 1, format!("{other} is not a boolean"))),
        }
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let (taken, rest) = self.text.split_once('\0').ok_or_else(|| {
            self.error_at(self.text_pos, "a string runs past the end of the data")
        })?;
        self.text = rest;
        self.text_pos += taken.len() + 1;
        Ok(taken.to_owned())
    }

    fn opt_string(&mut self) -> Result<Option<String>, DecodeError> {
        Ok(if self.bool()? {
            Some(self.string()?)
        } else {
            None
        })
    }

    fn strings(&mut self) -> Result<Vec<String>, DecodeError> {
        self.list(Reader::string)
    }

    /// A length-prefixed list. Every item takes at least one byte of one of
    /// the two streams (a string only its NUL in the text stream), so a
    /// length beyond the bytes left in both is damage: refuse it before
    /// allocating. (Counting the structure stream alone refused valid small
    /// catalogues whose structure ends in a list of strings; found by fuzzing.)
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let start = self.pos;
        let len = self.usize()?;
        if len > self.bytes.len() - self.pos + self.text.len() {
            return Err(self.error_at(start, format!("a list of {len} items cannot fit")));
        }
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(item(self)?);
        }
        Ok(items)
    }

    fn id(&mut self, ids: &[&str], what: &str) -> Result<String, DecodeError> {
        let start = self.pos;
        let position = self.usize()?;
        ids.get(position)
            .map(|id| (*id).to_owned())
            .ok_or_else(|| self.error_at(start, format!("{what} {position} does not exist")))
    }

    /// What [`Writer::slice`] wrote: a range of `within`, or a string.
    fn slice(&mut self, within: &str) -> Result<String, DecodeError> {
        if !self.bool()? {
            return self.string();
        }
        let at = self.pos;
        let start = self.usize()?;
        let len = self.usize()?;
        start
            .checked_add(len)
            .and_then(|end| within.get(start..end))
            .map(str::to_owned)
            .ok_or_else(|| self.error_at(at, "a range outside the requirement text"))
    }

    fn expr(&mut self, kinds: &[&str], depth: usize) -> Result<KindExpr, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(self.error("a label expression nested too deep"));
        }
        let start = self.pos;
        Ok(match self.byte()? {
            0 => KindExpr::Kind(self.id(kinds, "applicant kind")?),
            1 => KindExpr::Not(Box::new(self.expr(kinds, depth + 1)?)),
            2 => KindExpr::All(self.list(|r| r.expr(kinds, depth + 1))?),
            3 => KindExpr::Any(self.list(|r| r.expr(kinds, depth + 1))?),
            other => {
                return Err(self.error_at(start, format!("{other} is not a label expression")));
            }
        })
    }

    fn node(&mut self, ids: &Ids<'_>, within: &str, depth: usize) -> Result<Node, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(self.error("requirement tree nested too deep"));
        }
        let applicant = if self.bool()? {
            let start = self.pos;
            let position = self.usize()?;
            let (id, text) = ids.labels.get(position).ok_or_else(|| {
                self.error_at(start, format!("applicant label {position} does not exist"))
            })?;
            Some(ApplicantLabel {
                kind: (*id).to_owned(),
                label: (*text).to_owned(),
                option: self.bool()?,
            })
        } else {
            None
        };
        let start = self.pos;
        let kind = match self.byte()? {
            0 => NodeKind::AllOf {
                children: self.list(|r| r.node(ids, within, depth + 1))?,
            },
            1 => NodeKind::AnyOf {
                at_least: self.u32()?,
                children: self.list(|r| r.node(ids, within, depth + 1))?,
            },
            2 => NodeKind::Document(DocumentRequirement {
                document: self.id(ids.documents, "document")?,
                mention: self.slice(within)?,
                holder: if self.bool()? {
                    Some(self.slice(within)?)
                } else {
                    None
                },
                min: self.u32()?,
                max: if self.bool()? {
                    Some(self.u32()?)
                } else {
                    None
                },
                conditions: self.list(|r| r.slice(within))?,
                issuer: if self.bool()? {
                    Some(self.slice(within)?)
                } else {
                    None
                },
                form: self.list(|r| r.slice(within))?,
                scope_checks: self.list(|r| {
                    Ok(ScopeCheck {
                        condition: r.slice(within)?,
                        terms: r.list(|r| r.slice(within))?,
                        exhaustive: r.bool()?,
                    })
                })?,
            }),
            other => return Err(self.error_at(start, format!("{other} is not a node kind"))),
        };
        Ok(Node { applicant, kind })
    }
}
