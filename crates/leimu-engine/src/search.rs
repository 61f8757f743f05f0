//! Finding categories by name, by describing the service, by pinyin.
//!
//! The query is split into terms (whitespace, and boundaries between Chinese
//! and Latin letters: `yiliao互联网` is two terms). A Chinese term matches a
//! field where it occurs whole, or else piecewise: the longest pieces of it
//! that occur in the field (卖茶叶 finds 茶叶 in 食品饮料's scope). A Latin term
//! matches letters in the text (AI, KTV) or the pinyin of the text, with full
//! syllables, initials, or both mixed (`yiliao`, `yl`, `yil`); a term typed in
//! capitals (CT, ETC) is an acronym and matches letters only.
//!
//! Pieces are weighted by the field they are in (the category's own name
//! counts most, notes least) and by how rare they are among categories, so
//! that a query containing 服务 or 提供 — words in nearly every scope — ranks
//! by its distinctive part. Every hit carries the character ranges that
//! matched, for highlighting.
//!
//! People describe a business in a sentence, not a name, so three things
//! keep the sentence's form from outweighing its content. English lexicon
//! phrases are looked up over runs of whole query words, stemmed alike on
//! both sides (`car rentals`, `used car trading`; `online` may stand on either
//! side: `doctor online`), and English function words (shop, app, online …)
//! count only inside such a phrase. Characters
//! of a Chinese word's frame (开了家, 工作室, a closing 店) are not asked of a
//! leaf that matched the rest. Only a word match, not lone characters of a
//! longer word, makes a query word count as matched for ranking.
//!
//! A search looks at every field of every leaf once per term, so that loop
//! allocates nothing per leaf: what the leaves found lives in flat arrays
//! ([`Matches`]), a term's distinct pieces are numbered once ([`Keys`]) and
//! compared as numbers, and a document's pieces are scored once per term for
//! all the leaves that need it (issue 11: 1.8× on the realistic set).

use crate::hash::FastMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::binary::LexiconData;
use crate::catalog::Catalog;
use crate::model::{CatalogData, LexiconEntry, Node, NodeKind};

/// Weight of a lone character of a longer Chinese term, against 1.0 for a word.
const SINGLE_CHARACTER_QUALITY: f32 = 0.5;

/// Where in a category a match was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "field", content = "index", rename_all = "snake_case")]
pub enum Field {
    /// The leaf's own name (last element of its path).
    Name,
    /// An ancestor's name: index into the path (0 = first level).
    Path(usize),
    /// The 类目适用范围 text.
    Scope,
    /// The 备注 text.
    Notes,
    /// A document the rule needs: index into the document registry.
    Document(usize),
}

impl Field {
    fn weight(self) -> f32 {
        match self {
            Field::Name => 10.0,
            Field::Path(_) => 5.0,
            Field::Scope => 3.0,
            Field::Document(_) => 2.0,
            Field::Notes => 1.0,
        }
    }
}

/// A matched range, in characters (Unicode scalar values) of the field's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchRange {
    #[serde(flatten)]
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Leaf id.
    pub category: String,
    /// Higher is better; only meaningful for ordering.
    pub score: f32,
    /// How many of the query's words matched somewhere as a word (a word
    /// of the field, a lexicon word or a note's condition; lone characters
    /// of a longer word do not count).
    pub terms_matched: usize,
    pub matches: Vec<MatchRange>,
    /// Whether the evidence is good: a word (two characters or more, or the
    /// whole query) in the name, path, scope or a document, a lexicon term,
    /// or a note's redirect. A lone shared character, or a match only in the
    /// notes, is not.
    #[serde(default)]
    pub strong: bool,
    /// What matched, for showing why this result is here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<Because>,
}

/// One reason a result is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Because {
    pub kind: BecauseKind,
    /// The text that matched: part of the name, scope, note or document name;
    /// the lexicon term; or, for a redirect or a limit, the note's sentence.
    pub text: String,
    /// For a redirect: the leaf whose note sends the user here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// Where a reason comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BecauseKind {
    Name,
    Path,
    Scope,
    Note,
    Document,
    /// A term of `catalog/lexicon.toml`.
    Lexicon,
    /// A note of another category that sends this case here.
    Redirect,
    /// A sentence of this category's notes that limits what it allows
    /// ("暂不支持涉及vpn等服务", "禁止接入") and shares words with the query:
    /// the result is where the query points, but the source restricts it.
    Limit,
}

/// A search's answer: the results, and whether any of them fits well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchOutcome {
    pub hits: Vec<SearchHit>,
    /// No result has good evidence (see [`SearchHit::strong`]): the results
    /// are only the closest there is, not answers.
    pub weak: bool,
    /// First-level category ids to browse instead, closest first (set when `weak`).
    pub browse: Vec<String>,
}

/// A field's text prepared for matching.
#[derive(Debug, Clone, Default)]
struct FieldText {
    /// Folded text: ASCII and full-width Latin lowercased to ASCII, one char per source char.
    folded: String,
    /// Per char, an index into [`PinyinTable::readings`] (0: no pinyin);
    /// empty when the field is not matched by pinyin (notes, other spellings).
    pinyin: Vec<u32>,
    /// A 512-bit Bloom filter of the field's characters, checked before
    /// any search of the text: most fields lack most of a query's characters,
    /// and an absent one (the common case) then costs one AND. Built in one
    /// pass with no sorting or allocation, which keeps loading quick.
    bloom: [u64; 8],
}

/// The catalogue's pinyin table, indexed: `readings[0]` is "no pinyin".
#[derive(Debug, Clone, Default)]
struct PinyinTable {
    /// Entry per ASCII and CJK Unified Ideographs character, by code point
    /// (see [`index_slot`]): a plain array, because building the index looks
    /// up every character of the catalogue once, and a hash map made that the
    /// slowest part of loading in the browser.
    index: Vec<u32>,
    readings: Vec<Readings>,
    /// Per reading entry, a bit per letter its readings start with.
    initials: Vec<u32>,
}

impl PinyinTable {
    fn empty() -> PinyinTable {
        PinyinTable {
            index: vec![0; INDEXED_CHARS],
            readings: vec![Box::new([])],
            initials: vec![0],
        }
    }

    fn insert(&mut self, c: char, token: &str) {
        let readings = readings_of(token);
        let bits = readings
            .iter()
            .filter_map(|r| r.bytes().next())
            .fold(0, |bits, b| bits | letter_bit(b));
        if let Some(slot) = index_slot(c).and_then(|i| self.index.get_mut(i)) {
            *slot = self.readings.len() as u32;
            self.readings.push(readings);
            self.initials.push(bits);
        }
    }

    fn build(data: &CatalogData) -> PinyinTable {
        let mut table = PinyinTable::empty();
        for c in ('a'..='z').chain('0'..='9') {
            table.insert(c, &c.to_string());
        }
        for (key, token) in &data.pinyin {
            if let Some(c) = key.chars().next() {
                table.insert(c, token);
            }
        }
        table
    }

    /// The reading entry of a (folded) character; 0 when it has none.
    fn token(&self, c: char) -> u32 {
        index_slot(c)
            .and_then(|i| self.index.get(i))
            .copied()
            .unwrap_or(0)
    }
}

/// ASCII (0..128), then the CJK Unified Ideographs block (U+4E00..=U+9FFF),
/// where every character of the catalogue's pinyin table lies.
const INDEXED_CHARS: usize = 128 + (0x9FFF - 0x4E00 + 1);

fn index_slot(c: char) -> Option<usize> {
    match u32::from(c) {
        code @ 0..=127 => Some(code as usize),
        code @ 0x4E00..=0x9FFF => Some(128 + (code - 0x4E00) as usize),
        _ => None,
    }
}

impl FieldText {
    /// One pass over the text: its Bloom filter, its pinyin and whether
    /// folding changes anything. Most fields are Chinese with nothing to
    /// fold, and their folded text is then a plain copy; loading builds a
    /// few thousand of these, and in the browser this is the larger half
    /// of the search index's cost.
    fn new(text: &str, pinyin: Option<&PinyinTable>) -> FieldText {
        let mut bloom = [0u64; 8];
        let mut tokens = Vec::with_capacity(if pinyin.is_some() { text.len() } else { 0 });
        let mut changed = false;
        for c in text.chars() {
            let folded = fold_char(c);
            changed |= folded != c;
            let (word, bit) = bloom_slot(folded);
            if let Some(word) = bloom.get_mut(word) {
                *word |= bit;
            }
            if let Some(table) = pinyin {
                tokens.push(table.token(folded));
            }
        }
        tokens.shrink_to_fit();
        let folded = if changed {
            text.chars().map(fold_char).collect()
        } else {
            text.to_owned()
        };
        FieldText {
            folded,
            pinyin: tokens,
            bloom,
        }
    }

    /// Whether the field may have `c`: never false when it does, rarely
    /// true when it does not. The matcher finds every piece in the text
    /// before using it, so a false "may" costs one failed search, no more.
    fn has(&self, c: char) -> bool {
        let (word, bit) = bloom_slot(c);
        self.bloom.get(word).is_some_and(|w| w & bit != 0)
    }
}

/// The search index, built once when the catalogue loads.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    /// Per leaf: its own fields (name, ancestors, scope, notes).
    ///
    /// This and the other parts built from the catalogue's own text are
    /// shared with the index that adds a lexicon file ([`SearchIndex::with_lexicon`]).
    leaves: Arc<Vec<Vec<(Field, FieldText)>>>,
    /// Per document: its name and aliases.
    documents: Arc<Vec<Vec<FieldText>>>,
    /// Per leaf: the documents its rule needs.
    leaf_documents: Arc<Vec<Vec<usize>>>,
    /// (folded words people type, the source's words).
    synonyms: Arc<Vec<(Vec<String>, Vec<String>)>>,
    /// Lexicon words, longest first.
    lexicon: Vec<LexiconWord>,
    /// Per first character, the lexicon words starting with it (longest first).
    lexicon_by_first: FastMap<char, Vec<usize>>,
    /// Latin lexicon words by their English words, stemmed and joined by a
    /// space (`bubble tea` → `bubble tea`, `car rentals` → `car rental`):
    /// matched against runs of whole words of the query.
    latin_phrases: FastMap<String, usize>,
    /// Sentences of notes that send a case to another category.
    redirects: Arc<Vec<Redirect>>,
    /// Per leaf, the sentences of its notes that limit what it allows.
    limits: Arc<Vec<Vec<Limit>>>,
    pinyin: PinyinTable,
}

/// "暂不支持涉及vpn等服务": a sentence of a leaf's notes that says what the
/// category does not allow.
#[derive(Debug, Clone)]
struct Limit {
    /// The sentence as the note writes it.
    sentence: String,
    /// What it limits (after 不支持, 禁止 …), folded.
    object: String,
}

/// A lexicon word and the leaves it means.
#[derive(Debug, Clone)]
struct LexiconWord {
    /// As listed (shown as the reason).
    shown: String,
    /// Folded.
    folded: String,
    chars: usize,
    /// All ASCII: matched only as whole words of the query (see `latin_phrases`).
    latin: bool,
    /// Per char, its reading entry (empty unless every char has pinyin).
    pinyin: Vec<u32>,
    leaves: Vec<usize>,
}

/// "如提供在线看诊…，需选择【医疗服务-互联网医院】类目": the condition, and where it sends.
#[derive(Debug, Clone)]
struct Redirect {
    /// The leaf whose note this is.
    from: usize,
    /// The sentence as the note writes it.
    sentence: String,
    /// The condition (before 需选择, 建议选 …), folded.
    condition: String,
    /// The condition's characters, for skipping it at once.
    bloom: FieldText,
    to: Vec<usize>,
}

impl SearchIndex {
    pub(crate) fn build(data: &CatalogData) -> SearchIndex {
        let pinyin = PinyinTable::build(data);
        let document_positions: FastMap<&str, usize> = data
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let documents = data
            .documents
            .iter()
            .map(|d| {
                let mut texts = vec![FieldText::new(&d.name, Some(&pinyin))];
                texts.extend(
                    d.aliases
                        .iter()
                        .filter(|a| **a != d.name)
                        .map(|a| FieldText::new(a, None)),
                );
                texts
            })
            .collect();
        let mut leaves = Vec::with_capacity(data.leaves.len());
        let mut leaf_documents = Vec::with_capacity(data.leaves.len());
        for leaf in &data.leaves {
            let mut fields = Vec::new();
            let last = leaf.path.len().saturating_sub(1);
            for (i, name) in leaf.path.iter().enumerate() {
                let field = if i == last {
                    Field::Name
                } else {
                    Field::Path(i)
                };
                fields.push((field, FieldText::new(name, Some(&pinyin))));
            }
            fields.push((Field::Scope, FieldText::new(&leaf.scope, Some(&pinyin))));
            if !leaf.notes.is_empty() {
                fields.push((Field::Notes, FieldText::new(&leaf.notes, None)));
            }
            leaves.push(fields);
            let mut needed = Vec::new();
            if let Some(rule) = &leaf.rule {
                collect_documents(rule, &document_positions, &mut needed);
            }
            leaf_documents.push(needed);
        }
        let fold = |w: &String| w.chars().map(fold_char).collect::<String>();
        let synonyms = data
            .synonyms
            .iter()
            .map(|s| {
                (
                    s.words.iter().map(fold).collect(),
                    s.source.iter().map(fold).collect(),
                )
            })
            .collect();
        let positions = leaf_positions(data);
        let lexicon = lexicon_words(&data.lexicon, &positions, &pinyin);
        let redirects = redirects(data, &positions);
        let limits = data.leaves.iter().map(|leaf| limits(&leaf.notes)).collect();
        SearchIndex {
            lexicon_by_first: lexicon.by_first,
            latin_phrases: lexicon.latin_phrases,
            leaves: Arc::new(leaves),
            documents: Arc::new(documents),
            leaf_documents: Arc::new(leaf_documents),
            synonyms: Arc::new(synonyms),
            lexicon: lexicon.words,
            redirects: Arc::new(redirects),
            limits: Arc::new(limits),
            pinyin,
        }
    }

    /// This index with a lexicon file's words added (and the pinyin of the
    /// characters only they use). What was built from the catalogue's own
    /// text is shared, not built again: adding the lexicon after the first
    /// paint must not become a long task of its own.
    pub(crate) fn with_lexicon(&self, data: &CatalogData, extra: &LexiconData) -> SearchIndex {
        let mut pinyin = self.pinyin.clone();
        for (key, token) in &extra.pinyin {
            if let Some(c) = key.chars().next() {
                pinyin.insert(c, token);
            }
        }
        let entries: Vec<LexiconEntry> =
            data.lexicon.iter().chain(&extra.entries).cloned().collect();
        let lexicon = lexicon_words(&entries, &leaf_positions(data), &pinyin);
        SearchIndex {
            lexicon_by_first: lexicon.by_first,
            latin_phrases: lexicon.latin_phrases,
            leaves: Arc::clone(&self.leaves),
            documents: Arc::clone(&self.documents),
            leaf_documents: Arc::clone(&self.leaf_documents),
            synonyms: Arc::clone(&self.synonyms),
            lexicon: lexicon.words,
            redirects: Arc::clone(&self.redirects),
            limits: Arc::clone(&self.limits),
            pinyin,
        }
    }
}

/// Each leaf's position, by id.
fn leaf_positions(data: &CatalogData) -> FastMap<&str, usize> {
    data.leaves
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect()
}

/// The lexicon's words, ready for matching.
struct LexiconIndex {
    /// Folded, each with the leaves it means, longest first.
    words: Vec<LexiconWord>,
    /// Per first character, the Chinese words that start with it.
    by_first: FastMap<char, Vec<usize>>,
    /// Latin words by their stemmed English words (see [`english_phrase`]).
    latin_phrases: FastMap<String, usize>,
}

/// The lexicon's words, folded, each with the leaves it means (longest
/// first), per first character the Chinese words that start with it, and
/// the Latin words by their stemmed English words.
fn lexicon_words(
    entries: &[LexiconEntry],
    positions: &FastMap<&str, usize>,
    pinyin: &PinyinTable,
) -> LexiconIndex {
    {
        let mut lexicon: Vec<LexiconWord> = Vec::new();
        let mut seen: FastMap<String, usize> = FastMap::default();
        // (stemmed words, folded spelling) of every Latin word.
        let mut phrase_spellings: Vec<(String, String)> = Vec::new();
        for entry in entries {
            let Some(&leaf) = positions.get(entry.category.as_str()) else {
                continue;
            };
            for word in &entry.words {
                // Normalised as queries are: only letters, digits and Han count.
                let folded: String = word
                    .chars()
                    .map(fold_char)
                    .filter(|&c| is_latin(c) || is_han(c))
                    .collect();
                if folded.is_empty() {
                    continue;
                }
                if folded.is_ascii() {
                    phrase_spellings.push((english_phrase(word), folded.clone()));
                }
                // Looked up by map: a scan per word made adding the lexicon
                // quadratic (3,000 words: ~40 ms natively).
                if let Some(known) = seen.get(&folded).and_then(|&w| lexicon.get_mut(w)) {
                    if !known.leaves.contains(&leaf) {
                        known.leaves.push(leaf);
                    }
                    continue;
                }
                seen.insert(folded.clone(), lexicon.len());
                let tokens: Vec<u32> = folded.chars().map(|c| pinyin.token(c)).collect();
                let has_pinyin = folded.chars().all(is_han) && tokens.iter().all(|&t| t != 0);
                lexicon.push(LexiconWord {
                    shown: word.clone(),
                    chars: folded.chars().count(),
                    latin: folded.is_ascii(),
                    pinyin: if has_pinyin { tokens } else { Vec::new() },
                    folded,
                    leaves: vec![leaf],
                });
            }
        }
        // Longest first; among equals, in the order listed (ties by position).
        let mut order: Vec<(std::cmp::Reverse<usize>, usize)> = lexicon
            .iter()
            .enumerate()
            .map(|(i, w)| (std::cmp::Reverse(w.chars), i))
            .collect();
        crate::sort::sort(&mut order);
        let mut slots: Vec<Option<LexiconWord>> = lexicon.into_iter().map(Some).collect();
        let lexicon: Vec<LexiconWord> = order
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take))
            .collect();
        let mut lexicon_by_first: FastMap<char, Vec<usize>> = FastMap::default();
        let mut latin_phrases: FastMap<String, usize> = FastMap::default();
        let mut latin_positions: FastMap<&str, usize> = FastMap::default();
        for (w, word) in lexicon.iter().enumerate() {
            if word.latin {
                latin_positions.insert(word.folded.as_str(), w);
            } else if let Some(c) = word.folded.chars().next() {
                lexicon_by_first.entry(c).or_default().push(w);
            }
        }
        // Every spelling of a word (`bubbletea` beside `bubble tea`); of
        // spellings that stem alike (`car rental`, `car rentals`), the first stands.
        for (phrase, folded) in phrase_spellings {
            if let Some(&w) = latin_positions.get(folded.as_str()) {
                latin_phrases.entry(phrase).or_insert(w);
            }
        }
        LexiconIndex {
            words: lexicon,
            by_first: lexicon_by_first,
            latin_phrases,
        }
    }
}

/// Words that say nothing about a condition (提供, 服务): matching them is no evidence.
const CONDITION_STOPWORDS: [&str; 14] = [
    "提供",
    "服务",
    "涉及",
    "相关",
    "类目",
    "小程序",
    "其他",
    "主体",
    "需要",
    "内容",
    "等",
    "如",
    "若",
    "仅",
];

/// Verbs after which a note names where to go.
const REDIRECT_VERBS: [&str; 7] = [
    "需选择",
    "建议选择",
    "建议选",
    "需补充",
    "可选择",
    "请选择",
    "建议调整为",
];

/// Every redirect in the notes: a sentence with a condition and a verb
/// (需选择, 建议选, 需补充 …) followed by category names — the resolved cross
/// references (【…】) or quoted names (“公立医疗机构”).
fn redirects(data: &CatalogData, positions: &FastMap<&str, usize>) -> Vec<Redirect> {
    let mut out = Vec::new();
    for (from, leaf) in data.leaves.iter().enumerate() {
        if leaf.notes.is_empty() {
            continue;
        }
        for sentence in split_sentences(&leaf.notes) {
            let Some((at, verb)) = REDIRECT_VERBS
                .iter()
                .filter_map(|v| sentence.find(v).map(|at| (at, *v)))
                .min_by_key(|(at, _)| *at)
            else {
                continue;
            };
            let (before, after) = sentence.split_at(at);
            let after = &after[verb.len()..];
            let mut to: Vec<usize> = Vec::new();
            for reference in &leaf.references {
                if after.contains(reference.text.as_str()) {
                    for id in &reference.to {
                        if let Some(&p) = positions.get(id.as_str())
                            && p != from
                            && !to.contains(&p)
                        {
                            to.push(p);
                        }
                    }
                }
            }
            for quoted in after.split('“').skip(1).filter_map(|q| q.split('”').next()) {
                for (i, other) in data.leaves.iter().enumerate() {
                    let name = other.path.last().map(String::as_str).unwrap_or("");
                    if i != from && !quoted.is_empty() && name.contains(quoted) && !to.contains(&i)
                    {
                        to.push(i);
                    }
                }
            }
            let condition = before
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || c.is_whitespace() || "、.:：（）()注".contains(c)
                })
                .trim_end_matches(['，', ',', ' ']);
            let condition: String = condition.chars().map(fold_char).collect();
            if to.is_empty() || condition.chars().count() < 2 {
                continue;
            }
            out.push(Redirect {
                from,
                sentence: shown_sentence(sentence),
                bloom: FieldText::new(&condition, None),
                condition,
                to,
            });
        }
    }
    out
}

/// The words with which a note limits its category: what follows is not allowed.
const LIMIT_WORDS: [&str; 3] = ["不支持", "禁止", "不可"];

/// Sentences with a limit word that are not about the category as a whole:
/// the email-only categories' "暂不支持线上申请" is their badge, and
/// 微短剧's "不支持删除且不支持申请其他类目" is about the account.
const NOT_LIMITS: [&str; 3] = ["线上申请", "不支持删除", "申请其他类目"];

/// The sentences of `notes` that limit what the category allows, each with
/// what it limits (from the first limit word on).
fn limits(notes: &str) -> Vec<Limit> {
    split_sentences(notes)
        .into_iter()
        .filter(|sentence| !NOT_LIMITS.iter().any(|n| sentence.contains(n)))
        .filter_map(|sentence| {
            let at = LIMIT_WORDS.iter().filter_map(|w| sentence.find(w)).min()?;
            let object: String = sentence.get(at..)?.chars().map(fold_char).collect();
            Some(Limit {
                sentence: shown_sentence(sentence),
                object,
            })
        })
        .collect()
}

/// How many characters of the query must appear in what a limit limits
/// (in runs of two or more, stopwords of conditions not counted): a shared
/// word of two characters (上门, 公司, 在线) is in too many queries that are
/// about something else. Measured on the realistic set: with two, 86 of its
/// 979 queries showed a limit in their top 3, most of them beside the point
/// (搬家公司 → 公司转让's "暂不支持公司股权在线交易").
const LIMIT_CONTENT: usize = 3;

/// Whether `query_words` touch what `limit` limits: [`LIMIT_CONTENT`]
/// characters of its Chinese words in runs found in the sentence, or a whole
/// Latin word of two letters or more (vpn). Only the results returned are
/// checked, and each run is extended only while it is found, so this stays
/// linear in the query.
fn limit_applies(limit: &Limit, query_words: &[String]) -> bool {
    let mut content = 0usize;
    for word in query_words.iter().take(MAX_TERMS) {
        let chars: Vec<char> = word.chars().collect();
        if !chars.first().is_some_and(|c| is_han(*c)) {
            if chars.len() >= 2
                && limit
                    .object
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == word.as_str())
            {
                return true;
            }
            continue;
        }
        let mut i = 0;
        while i + 1 < chars.len() {
            let mut run = String::new();
            let mut len = 0;
            for (l, c) in chars.iter().enumerate().skip(i) {
                run.push(*c);
                if !limit.object.contains(run.as_str()) {
                    break;
                }
                len = l + 1 - i;
            }
            if len < 2 {
                i += 1;
                continue;
            }
            let piece: String = chars.get(i..i + len).unwrap_or_default().iter().collect();
            let stop: usize = CONDITION_STOPWORDS
                .iter()
                .map(|w| piece.matches(w).count() * w.chars().count())
                .sum();
            if !CONDITION_STOPWORDS
                .iter()
                .any(|w| w.contains(piece.as_str()))
            {
                content += len.saturating_sub(stop);
            }
            i += len;
        }
    }
    content >= LIMIT_CONTENT
}

/// A note's sentence as a reason shows it: without its number (2、) or 注：.
fn shown_sentence(sentence: &str) -> String {
    sentence
        .trim()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || "、.:：注".contains(c)
        })
        .to_owned()
}

/// A note's sentences: split at 。；; and line breaks, and before a numbered
/// item (2、).
fn split_sentences(notes: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = notes.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let numbered = c.is_ascii_digit()
            && chars
                .get(k + 1)
                .is_some_and(|&(_, n)| n == '、' || n == '.')
            && k > 0;
        if matches!(c, '。' | '；' | ';' | '\n') {
            if let Some(piece) = notes.get(start..at) {
                out.push(piece);
            }
            start = at + c.len_utf8();
        } else if numbered {
            if let Some(piece) = notes.get(start..at) {
                out.push(piece);
            }
            start = at;
        }
    }
    if let Some(piece) = notes.get(start..) {
        out.push(piece);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

fn collect_documents(node: &Node, positions: &FastMap<&str, usize>, out: &mut Vec<usize>) {
    match &node.kind {
        NodeKind::Document(requirement) => {
            if let Some(&p) = positions.get(requirement.document.as_str())
                && !out.contains(&p)
            {
                out.push(p);
            }
        }
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            for child in children {
                collect_documents(child, positions, out);
            }
        }
    }
}

/// The readings of one pinyin token: `xing|hang` → [xing, hang]; `_` → none.
type Readings = Box<[Box<str>]>;

fn readings_of(token: &str) -> Readings {
    if token == "_" {
        Box::new([])
    } else {
        token.split('|').map(Box::from).collect()
    }
}

/// Which word and bit of a field's Bloom filter stand for `c`.
fn bloom_slot(c: char) -> (usize, u64) {
    let hash = u32::from(c).wrapping_mul(2_654_435_761) >> 23;
    ((hash >> 6) as usize, 1u64 << (hash & 63))
}

/// A bit for an ASCII letter or digit (digits share bit 26): a cheap first-letter filter.
fn letter_bit(byte: u8) -> u32 {
    match byte {
        b'a'..=b'z' => 1 << (byte - b'a'),
        _ => 1 << 26,
    }
}

/// Folds full-width Latin letters and digits to ASCII and lowercases ASCII, char for char.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// English words that say what kind of thing a business is, or join words,
/// rather than what it does: `bubble tea shop`, `K12 tutoring app`,
/// `online car rental`. They are looked for only inside lexicon phrases
/// (`tea shop`, `online course`), never on their own in the catalogue's
/// text, where they would match pinyin by accident (`shop`, `app`) and make
/// a leaf that shares only them look like a match of more of the query.
/// Words of the engine's matching, like [`CONDITION_STOPWORDS`], not
/// knowledge of categories: what a word means belongs in the lexicon.
const ENGLISH_FUNCTION_WORDS: [&str; 51] = [
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "with",
    "by",
    "from",
    "my",
    "our",
    "we",
    "i",
    "is",
    "are",
    "do",
    "does",
    "shop",
    "store",
    "app",
    "application",
    "online",
    "service",
    "platform",
    "company",
    "business",
    "center",
    "centre",
    "website",
    "site",
    "web",
    "system",
    "mini",
    "program",
    "miniprogram",
    "wechat",
    "weixin",
    "sell",
    "selling",
    "sale",
    "sales",
    "provider",
    "booking",
    "reservation",
    "appointment",
    "ordering",
];

/// Words that frame a description of a business rather than say what it
/// does: who speaks (我们是), opening a shop (开了家), wanting (想做), the
/// form of the business (工作室, 门店, 小程序). A query word's characters in
/// them are not held against a leaf that matched the rest of the word:
/// 开了家美甲工作室 is as much a match of 美甲 as 美甲 is. Words of the
/// engine's matching, like [`CONDITION_STOPWORDS`]; none names a category.
const FRAME_WORDS: [&str; 40] = [
    "我们是做",
    "我们是",
    "我们",
    "我是做",
    "我是",
    "我想",
    "我家",
    "我",
    "开了一家",
    "开了家",
    "开了个",
    "开了",
    "开一家",
    "开家",
    "想开",
    "打算",
    "想做",
    "想让",
    "想要",
    "想",
    "需要",
    "要做",
    "主要做",
    "主要",
    "专门",
    "专业",
    "客人",
    "顾客",
    "客户",
    "用户",
    "工作室",
    "门店",
    "店铺",
    "小店",
    "一家",
    "一个",
    "小程序",
    "公众号",
    "公司",
    "的",
];

/// Which characters of a query word belong to [`FRAME_WORDS`], or are a
/// shop-type suffix (店, 馆, 铺, 坊) ending the word.
fn frame_characters(word: &str) -> Vec<bool> {
    let chars: Vec<char> = word.chars().collect();
    let mut free = vec![false; chars.len()];
    if !chars.first().copied().is_some_and(is_han) {
        return free;
    }
    let mut i = 0;
    let mut byte = 0;
    while i < chars.len() {
        let rest = word.get(byte..).unwrap_or("");
        match FRAME_WORDS.iter().find(|f| rest.starts_with(**f)) {
            Some(frame) => {
                let n = frame.chars().count();
                for flag in free.iter_mut().skip(i).take(n) {
                    *flag = true;
                }
                i += n;
                byte += frame.len();
            }
            None => {
                byte += chars.get(i).map_or(1, |c| c.len_utf8());
                i += 1;
            }
        }
    }
    if let (Some(last), Some(flag)) = (chars.last(), free.last_mut())
        && matches!(last, '店' | '馆' | '铺' | '坊')
        && chars.len() > 2
    {
        *flag = true;
    }
    free
}

/// Whether a query word is an English function word (see [`ENGLISH_FUNCTION_WORDS`]).
fn is_function_word(word: &str) -> bool {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    // The word or its plural: stems would also send `books` to `booking`.
    let singular = word
        .strip_suffix("es")
        .filter(|w| w.ends_with('s') || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh"))
        .or_else(|| word.strip_suffix('s'))
        .unwrap_or(word);
    ENGLISH_FUNCTION_WORDS.contains(&word) || ENGLISH_FUNCTION_WORDS.contains(&singular)
}

/// A light stemmer for English words, applied alike to the lexicon and the
/// query, so that plurals and -ing forms meet: `rentals` and `rental`,
/// `booking` and `book`, `shopping` and `shop`, `trading` and `trade`
/// (both `trad`). Words of three letters or fewer, and digits, stay.
/// Not a linguist's stemmer: it only has to send two forms of one word to
/// the same key, and a collision of two words matters only when both are
/// in the lexicon.
fn stem_english(word: &str) -> String {
    let mut w: String = word.chars().map(fold_char).collect();
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) || w == "news" {
        return w;
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 4
        && (w.ends_with("sses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes"))
    {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    }
    if w.len() > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
        // shopping → shop, but dressing → dress, selling → sell.
        let b = w.as_bytes();
        if let [.., x, y] = b
            && x == y
            && !matches!(x, b'l' | b's' | b'z' | b'f')
        {
            w.pop();
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// A Latin lexicon word as its English words, each stemmed, joined by a space.
/// Two words with the same phrase are one word to the search; the catalogue's
/// validator uses this to hold them to the lexicon's rules together.
pub fn english_phrase(word: &str) -> String {
    let folded: String = word.chars().map(fold_char).collect();
    folded
        .split(|c: char| !is_latin(c))
        .filter(|w| !w.is_empty())
        .map(stem_english)
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Weight of a synonym's match against the word the user typed.
const SYNONYM_WEIGHT: f32 = 0.6;

/// At most this many query terms count (a bit each in a `u64`).
const MAX_TERMS: usize = 32;

/// A term to look for: a word of the query, or a synonym standing in for part of one.
struct Term {
    text: String,
    chars: Vec<char>,
    /// Byte offset of each char in `text`, and the length at the end.
    bytes: Vec<usize>,
    latin: bool,
    /// Typed in capitals (see [`split_query`]): matched as Latin text only, never as pinyin.
    acronym: bool,
    /// Which word of the query this serves.
    group: usize,
    /// The characters of that word it covers (a synonym covers the word it replaces).
    covers: Option<(usize, usize)>,
    weight: f32,
}

impl Term {
    fn new(text: String, group: usize, covers: Option<(usize, usize)>, weight: f32) -> Term {
        let chars: Vec<char> = text.chars().collect();
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let latin = chars.first().is_some_and(|&c| is_latin(c));
        Term {
            text,
            chars,
            bytes,
            latin,
            acronym: false,
            group,
            covers,
            weight,
        }
    }

    /// The term's characters `from..to`, as a slice of its text.
    fn slice(&self, from: usize, to: usize) -> Option<&str> {
        self.text.get(*self.bytes.get(from)?..*self.bytes.get(to)?)
    }
}

impl SearchIndex {
    /// Each word of the query, followed by the source's words for any synonym
    /// it contains: 网上卖药 also looks for 销售 (for 卖) and 药品 (for 药).
    ///
    /// English function words (see [`ENGLISH_FUNCTION_WORDS`]) are left out
    /// when the query has any other word: they count only inside lexicon phrases.
    /// Each word with a synonym's typed word replaced by its source word
    /// (卖彩票 → 销售彩票), for each synonym it holds; words with none are left out.
    fn in_source_words(&self, words: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in words.iter().take(MAX_TERMS) {
            for (typed, source) in self.synonyms.iter() {
                for typed_word in typed.iter().filter(|t| word.contains(t.as_str())) {
                    for s in source {
                        let replaced = word.replacen(typed_word.as_str(), s, 1);
                        if !out.contains(&replaced) && out.len() < MAX_TERMS {
                            out.push(replaced);
                        }
                    }
                }
            }
        }
        out
    }

    fn expand(&self, words: Vec<String>, acronyms: &[bool]) -> (Vec<Term>, Vec<usize>) {
        let mut terms = Vec::new();
        let mut lengths = Vec::new();
        let function: Vec<bool> = words
            .iter()
            .take(MAX_TERMS)
            .map(|w| {
                w.bytes().all(|b| b.is_ascii_alphabetic()) && (w.len() == 1 || is_function_word(w))
            })
            .collect();
        let all_function = function.iter().all(|&f| f);
        for (group, word) in words.into_iter().take(MAX_TERMS).enumerate() {
            lengths.push(word.chars().count());
            if !all_function && function.get(group).copied().unwrap_or(false) {
                continue;
            }
            let mut extra: Vec<Term> = Vec::new();
            for (typed, source) in self.synonyms.iter() {
                for typed_word in typed {
                    let Some(byte) = word.find(typed_word.as_str()) else {
                        continue;
                    };
                    let start = char_offset(&word, byte);
                    let span = (start, start + typed_word.chars().count());
                    for s in source {
                        if !word.contains(s.as_str()) && !extra.iter().any(|t| t.text == *s) {
                            extra.push(Term::new(s.clone(), group, Some(span), SYNONYM_WEIGHT));
                        }
                    }
                }
            }
            let mut term = Term::new(word, group, None, 1.0);
            term.acronym = acronyms.get(group).copied().unwrap_or(false);
            terms.push(term);
            terms.extend(extra);
        }
        (terms, lengths)
    }
}

/// Splits a query into terms: runs of Han characters and runs of Latin letters/digits.
#[cfg(test)]
fn terms(query: &str) -> Vec<String> {
    split_query(query).0
}

/// The query's terms (runs of Han characters, runs of Latin letters and
/// digits), and per term whether it is an
/// acronym typed in capitals: two letters or more, every letter a capital
/// (CT, KTV, ETC, IELTS). People type pinyin initials in lower case; a
/// capitalised `CT` is the letters C and T, not 出租 or 城投, and matches only
/// Latin text.
fn split_query(query: &str) -> (Vec<String>, Vec<bool>) {
    let mut out: Vec<String> = Vec::new();
    let mut acronyms: Vec<bool> = Vec::new();
    let mut current = String::new();
    let mut current_is_latin = false;
    // Capitals and lower-case letters of the current Latin term.
    let (mut upper, mut lower) = (0usize, 0usize);
    let mut kept_count = 0;
    for original in query.chars() {
        let c = fold_char(original);
        if kept_count >= MAX_QUERY_CHARS {
            break;
        }
        let latin = is_latin(c);
        let kept = latin || is_han(c);
        if (!kept || (!current.is_empty() && latin != current_is_latin)) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            acronyms.push(current_is_latin && upper >= 2 && lower == 0);
            (upper, lower) = (0, 0);
        }
        if kept {
            current_is_latin = latin;
            current.push(c);
            kept_count += 1;
            let unfolded = match original {
                '\u{FF01}'..='\u{FF5E}' => {
                    char::from_u32(original as u32 - 0xFEE0).unwrap_or(original)
                }
                _ => original,
            };
            if unfolded.is_ascii_uppercase() {
                upper += 1;
            } else if unfolded.is_ascii_lowercase() {
                lower += 1;
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
        acronyms.push(current_is_latin && upper >= 2 && lower == 0);
    }
    (out, acronyms)
}

/// A piece of a term found in a field.
#[derive(Clone, Copy)]
struct Piece {
    field: Field,
    /// Byte range in the field's folded text (characters only for the hits
    /// returned: counting characters for every piece was most of the cost).
    start: usize,
    end: usize,
    /// What matched, as its number among the term's distinct pieces
    /// ([`Keys`]): the key for rarity weighting.
    key: u32,
    /// The characters of the term it matched.
    covers: (usize, usize),
    /// 1.0 for a literal match, less for pinyin or a lone character.
    quality: f32,
    /// The whole term matched the whole field or its start.
    bonus: f32,
}

/// What one word of the query found in one leaf (a view into [`Matches`]).
struct GroupMatch<'a> {
    score: &'a mut f32,
    /// Whether the match is a word, not only lone characters of a longer
    /// word: only such a match counts towards [`SearchHit::terms_matched`],
    /// so that 看包裹到哪了 sharing 到 with a scope does not lift that leaf
    /// above one that matched 单号查询.
    solid: &'a mut bool,
    /// Which characters of the word are accounted for.
    covered: &'a mut [bool],
}

/// What every leaf found for every word of the query, in flat arrays: one
/// allocation each per query. A `Vec` per leaf and word was about a tenth
/// of a search's time, in the allocator.
struct Matches {
    words: usize,
    /// Per word, where its characters start among a leaf's; the total at the end.
    starts: Vec<usize>,
    /// Per leaf and word.
    score: Vec<f32>,
    solid: Vec<bool>,
    /// Per leaf and character of the query's words.
    covered: Vec<bool>,
}

impl Matches {
    fn new(leaf_count: usize, lengths: &[usize]) -> Matches {
        let mut starts = Vec::with_capacity(lengths.len() + 1);
        let mut total = 0;
        for &n in lengths {
            starts.push(total);
            total += n;
        }
        starts.push(total);
        Matches {
            words: lengths.len(),
            starts,
            score: vec![0.0; leaf_count * lengths.len()],
            solid: vec![false; leaf_count * lengths.len()],
            covered: vec![false; leaf_count * total],
        }
    }

    /// What `leaf` found for the query's word `word`.
    fn group(&mut self, leaf: usize, word: usize) -> Option<GroupMatch<'_>> {
        let chars = *self.starts.last()?;
        let from = *self.starts.get(word)?;
        let to = *self.starts.get(word + 1)?;
        let at = leaf * self.words + word;
        Some(GroupMatch {
            score: self.score.get_mut(at)?,
            solid: self.solid.get_mut(at)?,
            covered: self
                .covered
                .get_mut(leaf * chars + from..leaf * chars + to)?,
        })
    }
}

/// The distinct pieces of one term found anywhere, numbered: counting
/// the leaves that have each and finding a leaf's best piece per field
/// then compare numbers, not strings.
struct Keys<'a> {
    ids: FastMap<&'a str, u32>,
    /// Per key, its length in characters.
    chars: Vec<usize>,
    /// Per span of the term (start × length), its key once known; for
    /// terms of up to [`SPAN_TABLE_CHARS`] characters.
    by_span: Vec<u32>,
    term_chars: usize,
}

/// Terms longer than this look their pieces up by text only.
const SPAN_TABLE_CHARS: usize = 64;

impl<'a> Keys<'a> {
    fn new(term: &Term) -> Keys<'a> {
        let n = term.chars.len();
        Keys {
            ids: FastMap::default(),
            chars: Vec::new(),
            by_span: if n <= SPAN_TABLE_CHARS {
                vec![u32::MAX; n * n]
            } else {
                Vec::new()
            },
            term_chars: n,
        }
    }

    fn id(&mut self, key: &'a str) -> u32 {
        let chars = &mut self.chars;
        *self.ids.entry(key).or_insert_with(|| {
            chars.push(key.chars().count());
            (chars.len() - 1) as u32
        })
    }

    /// The key of the term's characters `from..from + len` (`len` ≥ 1).
    fn span(&mut self, term: &'a Term, from: usize, len: usize) -> u32 {
        let slot = (from * self.term_chars + len).wrapping_sub(1);
        if let Some(&known) = self.by_span.get(slot)
            && known != u32::MAX
        {
            return known;
        }
        let id = self.id(term.slice(from, from + len).unwrap_or(""));
        if let Some(entry) = self.by_span.get_mut(slot) {
            *entry = id;
        }
        id
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn chars(&self, key: u32) -> usize {
        self.chars.get(key as usize).copied().unwrap_or(0)
    }
}

impl Catalog {
    /// Ranked categories for a free-text query, best first; at most `limit`.
    ///
    /// A leaf's score sums, for each word of the query, the weight of its
    /// pieces (field × length^1.5 × rarity × quality), scaled by the square
    /// of the share of the word's characters the leaf accounts for — so 酒类
    /// (酒 in its name, 销售 for 卖 in its scope) beats 电话卡销售 (销售 only)
    /// for 卖酒. Leaves matching more of the query's words rank first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_outcome(query, limit).hits
    }

    /// [`Catalog::search`], with whether anything fits well and, when
    /// nothing does, the first-level categories closest to the query.
    pub fn search_outcome(&self, query: &str, limit: usize) -> SearchOutcome {
        let index = self.search_index();
        let (words, acronyms) = split_query(query);
        let (terms, lengths) = index.expand(words.clone(), &acronyms);
        if terms.is_empty() {
            return SearchOutcome {
                hits: Vec::new(),
                weak: true,
                browse: Vec::new(),
            };
        }
        let leaf_count = index.leaves.len();
        let mut matches = Matches::new(leaf_count, &lengths);
        let mut strong = vec![false; leaf_count];
        let mut reasons: Vec<Vec<Because>> = vec![Vec::new(); leaf_count];
        let free_characters: Vec<Vec<bool>> = words
            .iter()
            .take(MAX_TERMS)
            .map(|w| frame_characters(w))
            .collect();
        let lexicon_spans = index.match_lexicon(
            &words,
            &acronyms,
            leaf_count,
            &mut matches,
            &mut strong,
            &mut reasons,
        );
        index.match_redirects(
            self,
            &words,
            &lexicon_spans,
            &mut matches,
            &mut strong,
            &mut reasons,
        );
        // Byte ranges of the matches, per leaf as a linked list (the head
        // per leaf, each entry with the next): only the hits returned read
        // them, and they are sorted then.
        let mut range_head: Vec<u32> = vec![u32::MAX; leaf_count];
        let mut range_list: Vec<((Field, usize, usize), u32)> = Vec::new();
        // Buffers reused for every term: the pieces of all leaves one after
        // another (with where each leaf's end), and of all documents.
        let mut pieces: Vec<Piece> = Vec::new();
        let mut leaf_ends: Vec<usize> = Vec::with_capacity(leaf_count);
        let mut document_pieces: Vec<Piece> = Vec::new();
        let mut document_ends: Vec<usize> = Vec::with_capacity(index.documents.len());
        let mut document_frequency: Vec<usize> = Vec::new();
        let mut last_leaf: Vec<usize> = Vec::new();
        let mut best: Vec<(Field, u32, f32)> = Vec::new();
        let mut key_weights: Vec<(f32, f32, bool)> = Vec::new();
        let mut document_best: Vec<(u32, f32)> = Vec::new();
        let mut document_best_ends: Vec<usize> = Vec::new();
        let mut document_flags: Vec<(bool, bool)> = Vec::new();
        // Ranges in documents, per document: a leaf's are its documents'.
        let mut document_range_head: Vec<u32> = vec![u32::MAX; index.documents.len()];
        let mut document_range_list: Vec<((Field, usize, usize), u32)> = Vec::new();
        for term in &terms {
            let mut keys = Keys::new(term);
            // Documents are shared by many leaves: match each once.
            document_pieces.clear();
            document_ends.clear();
            for (i, texts) in index.documents.iter().enumerate() {
                for (alias, text) in texts.iter().enumerate() {
                    let from = document_pieces.len();
                    match_field(
                        &mut document_pieces,
                        &mut keys,
                        Field::Document(i),
                        text,
                        term,
                        &index.pinyin,
                    );
                    // Ranges are reported only for the display name (alias 0).
                    if alias > 0 {
                        for piece in document_pieces.get_mut(from..).unwrap_or_default() {
                            piece.start = 0;
                            piece.end = 0;
                        }
                    }
                }
                document_ends.push(document_pieces.len());
            }
            pieces.clear();
            leaf_ends.clear();
            for fields in index.leaves.iter() {
                for (field, text) in fields {
                    match_field(&mut pieces, &mut keys, *field, text, term, &index.pinyin);
                }
                leaf_ends.push(pieces.len());
            }
            // A document's pieces, for any leaf that needs it.
            let document = |d: usize| -> &[Piece] {
                let from = d
                    .checked_sub(1)
                    .and_then(|before| document_ends.get(before))
                    .copied()
                    .unwrap_or(0);
                let to = document_ends.get(d).copied().unwrap_or(from);
                document_pieces.get(from..to).unwrap_or(&[])
            };
            // How many leaves have each piece, in their fields or documents.
            document_frequency.clear();
            document_frequency.resize(keys.len(), 0);
            last_leaf.clear();
            last_leaf.resize(keys.len(), usize::MAX);
            for (leaf, (own, needed)) in own_pieces(&pieces, &leaf_ends)
                .zip(index.leaf_documents.iter())
                .enumerate()
            {
                for piece in own.iter().chain(needed.iter().flat_map(|&d| document(d))) {
                    if let (Some(last), Some(count)) = (
                        last_leaf.get_mut(piece.key as usize),
                        document_frequency.get_mut(piece.key as usize),
                    ) && *last != leaf
                    {
                        *last = leaf;
                        *count += 1;
                    }
                }
            }
            // Per key, what its value and evidence depend on: whether it is
            // distinctive, its length^1.5 and its rarity.
            key_weights.clear();
            key_weights.extend((0..keys.len()).map(|k| {
                let df = document_frequency.get(k).copied().unwrap_or(1).max(1);
                let chars = keys.chars(k as u32);
                // Good evidence is a distinctive word: 销售 or 服务, in
                // dozens of scopes, says nothing about which category.
                let evidence = df * COMMON_SHARE <= leaf_count
                    && (chars >= 2 || (term.chars.len() == 1 && !term.latin));
                let rarity = (1.0 + leaf_count as f32 / df as f32).ln();
                ((chars as f32).powf(1.5), rarity, evidence)
            }));
            let value = |piece: &Piece, bonus: f32| -> (f32, bool) {
                let (length, rarity, evidence) = key_weights
                    .get(piece.key as usize)
                    .copied()
                    .unwrap_or((0.0, 0.0, false));
                let evidence = evidence
                    && piece.field != Field::Notes
                    && (keys.chars(piece.key) >= 2 || piece.quality >= 1.0);
                (
                    piece.field.weight() * length * rarity * piece.quality + bonus,
                    evidence,
                )
            };
            // Every leaf that needs a document gets the same from it: its
            // best value per piece (in the order found), whether it is good
            // evidence, whether it is a word. Worked out once per document.
            document_best.clear();
            document_best_ends.clear();
            document_flags.clear();
            for d in 0..document_ends.len() {
                let found = document(d);
                let from = document_best.len();
                let mut flags = (false, false);
                for piece in found {
                    // In a leaf, a document's piece has no bonus.
                    let (v, evidence) = value(piece, 0.0);
                    flags.0 |= evidence;
                    flags.1 |=
                        term.latin || piece.covers.1 - piece.covers.0 >= 2 || term.chars.len() == 1;
                    match document_best
                        .get_mut(from..)
                        .unwrap_or_default()
                        .iter_mut()
                        .find(|(k, _)| *k == piece.key)
                    {
                        Some((_, slot)) => *slot = slot.max(v),
                        None => document_best.push((piece.key, v)),
                    }
                    if piece.end > piece.start
                        && let Some(head) = document_range_head.get_mut(d)
                    {
                        document_range_list.push(((piece.field, piece.start, piece.end), *head));
                        *head = (document_range_list.len() - 1) as u32;
                    }
                }
                document_best_ends.push(document_best.len());
                document_flags.push(flags);
            }
            for (leaf, (own, needed)) in own_pieces(&pieces, &leaf_ends)
                .zip(index.leaf_documents.iter())
                .enumerate()
            {
                if own.is_empty() && needed.iter().all(|&d| document(d).is_empty()) {
                    continue;
                }
                let Some(group) = matches.group(leaf, term.group) else {
                    continue;
                };
                let mut solid = false;
                let mut evidence = false;
                // Best piece per (field, key): a word repeated in a long scope
                // counts once. A field's pieces are found one after another,
                // so only the entries since the field began are compared.
                best.clear();
                let mut field_from = 0;
                for piece in own {
                    let (v, good) = value(piece, piece.bonus);
                    evidence |= good;
                    if best.last().is_some_and(|&(f, ..)| f != piece.field) {
                        field_from = best.len();
                    }
                    match best
                        .get_mut(field_from..)
                        .unwrap_or_default()
                        .iter_mut()
                        .find(|(f, k, _)| *f == piece.field && *k == piece.key)
                    {
                        Some((.., slot)) => *slot = slot.max(v),
                        None => best.push((piece.field, piece.key, v)),
                    }
                    solid |=
                        term.latin || piece.covers.1 - piece.covers.0 >= 2 || term.chars.len() == 1;
                }
                for piece in own.iter().chain(needed.iter().flat_map(|&d| document(d))) {
                    let (from, to) = term.covers.unwrap_or(piece.covers);
                    for flag in group.covered.iter_mut().take(to).skip(from) {
                        *flag = true;
                    }
                }
                for &d in needed {
                    if let Some(&(good, word)) = document_flags.get(d) {
                        evidence |= good;
                        solid |= word;
                    }
                }
                if evidence && let Some(flag) = strong.get_mut(leaf) {
                    *flag = true;
                }
                *group.solid |= solid;
                let document_values = needed.iter().flat_map(|&d| {
                    let from = d
                        .checked_sub(1)
                        .and_then(|before| document_best_ends.get(before))
                        .copied()
                        .unwrap_or(0);
                    let to = document_best_ends.get(d).copied().unwrap_or(from);
                    document_best
                        .get(from..to)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&(_, v)| v)
                });
                *group.score += best
                    .iter()
                    .map(|&(.., v)| v)
                    .chain(document_values)
                    .sum::<f32>()
                    * term.weight;
                if let Some(head) = range_head.get_mut(leaf) {
                    for p in own.iter().filter(|p| p.end > p.start) {
                        range_list.push(((p.field, p.start, p.end), *head));
                        *head = (range_list.len() - 1) as u32;
                    }
                }
            }
        }
        let mut hits: Vec<(usize, SearchHit)> = Vec::new();
        for i in 0..leaf_count {
            let mut score = 0.0;
            let mut terms_matched = 0;
            let mut matched_any = false;
            for (word, free) in free_characters.iter().enumerate() {
                let Some(group) = matches.group(i, word) else {
                    continue;
                };
                let covered = group.covered.iter().filter(|c| **c).count();
                if covered == 0 {
                    continue;
                }
                matched_any = true;
                if *group.solid {
                    terms_matched += 1;
                }
                // Words of the sentence's frame (开了家, 工作室, 我们是做) are
                // not asked of any leaf once the word matched otherwise.
                let free = group
                    .covered
                    .iter()
                    .zip(free)
                    .filter(|&(c, f)| !*c && *f)
                    .count();
                let share = covered as f32 / group.covered.len().saturating_sub(free).max(1) as f32;
                score += *group.score * share * share;
            }
            if !matched_any {
                continue;
            }
            if self.leaves().get(i).is_none() {
                continue;
            }
            hits.push((
                i,
                SearchHit {
                    // Named once it is among those returned.
                    category: String::new(),
                    score,
                    terms_matched,
                    matches: Vec::new(),
                    strong: strong.get(i).copied().unwrap_or(false),
                    because: Vec::new(),
                },
            ));
        }
        // The leaf index is the last key, so the order is total and an unstable sort suffices.
        crate::sort::sort_by(&mut hits, |(ia, a), (ib, b)| {
            b.strong
                .cmp(&a.strong)
                .then(b.terms_matched.cmp(&a.terms_matched))
                .then(b.score.total_cmp(&a.score))
                .then(ia.cmp(ib))
                .is_lt()
        });
        let weak = !hits.first().is_some_and(|(_, h)| h.strong);
        let mut browse: Vec<String> = Vec::new();
        if weak {
            for (i, _) in hits.iter().take(12) {
                if let Some(first) = self
                    .leaves()
                    .get(*i)
                    .and_then(|l| self.data().first_levels.get(l.first_level))
                    && !browse.contains(&first.id)
                    && browse.len() < 3
                {
                    browse.push(first.id.clone());
                }
            }
        }
        // The query in the source's words (卖彩票 → 销售彩票), for its limits:
        // they say 销售 where people say 卖.
        let source_words = index.in_source_words(&words);
        let hits = hits
            .into_iter()
            .take(limit)
            .map(|(i, mut hit)| {
                hit.category = self
                    .leaves()
                    .get(i)
                    .map(|leaf| leaf.id.clone())
                    .unwrap_or_default();
                let mut leaf_ranges = Vec::new();
                let mut next = range_head.get(i).copied().unwrap_or(u32::MAX);
                while let Some(&(range, after)) = range_list.get(next as usize) {
                    leaf_ranges.push(range);
                    next = after;
                }
                for &d in index.leaf_documents.get(i).map_or(&[][..], Vec::as_slice) {
                    let mut next = document_range_head.get(d).copied().unwrap_or(u32::MAX);
                    while let Some(&(range, after)) = document_range_list.get(next as usize) {
                        leaf_ranges.push(range);
                        next = after;
                    }
                }
                hit.matches = index.char_ranges(i, leaf_ranges);
                let mut because = reasons.get_mut(i).map(std::mem::take).unwrap_or_default();
                because.extend(index.field_reasons(i, &hit.matches));
                // A lone shared character is no reason when there is a better one.
                if because.iter().any(|b| b.text.chars().count() >= 2) {
                    because.retain(|b| b.text.chars().count() >= 2);
                }
                // A match in another spelling of a document has no range to show:
                // name the words that matched it.
                if hit.strong && because.is_empty() {
                    because.push(Because {
                        kind: BecauseKind::Document,
                        text: words.join(" "),
                        from: None,
                    });
                }
                // The source's limits on this category that the query touches.
                for limit in index.limits.get(i).map_or(&[][..], Vec::as_slice) {
                    if limit_applies(limit, &words) || limit_applies(limit, &source_words) {
                        because.push(Because {
                            kind: BecauseKind::Limit,
                            text: limit.sentence.clone(),
                            from: None,
                        });
                    }
                }
                hit.because = because;
                hit
            })
            // A weak result with nothing to show (a lone character of a
            // document's other spelling) explains nothing: it is left out,
            // as every result must say what matched (found by fuzzing).
            .filter(|hit| hit.strong || !hit.matches.is_empty() || !hit.because.is_empty())
            .collect();
        SearchOutcome { hits, weak, browse }
    }
}

/// A word found in more than one leaf in this many is too common to be good evidence.
const COMMON_SHARE: usize = 8;

/// Characters `from..to` of the query's word `group`.
type Span = (usize, usize, usize);

/// Weight of a lexicon term against 10 for a leaf's own name.
const LEXICON_WEIGHT: f32 = 10.0;

/// `online`, stemmed (see [`stem_english`]).
const ONLINE_STEM: &str = "onlin";

/// The longest English lexicon phrase looked for, in words.
const MAX_PHRASE_WORDS: usize = 4;

/// Query words longer than this many characters count only up to it.
const MAX_QUERY_CHARS: usize = 256;

impl SearchIndex {
    /// Lexicon words in the query (whole Latin words; Chinese anywhere), and
    /// Latin words that spell a Chinese lexicon word's pinyin in full.
    /// Returns the Chinese words found, as spans of the query's words.
    fn match_lexicon(
        &self,
        words: &[String],
        acronyms: &[bool],
        leaf_count: usize,
        matches: &mut Matches,
        strong: &mut [bool],
        reasons: &mut [Vec<Because>],
    ) -> Vec<Span> {
        // The query's words joined, with each char's word and offset.
        let mut joined = String::new();
        let mut owner: Vec<(usize, usize)> = Vec::new();
        for (g, word) in words.iter().enumerate().take(MAX_TERMS) {
            for (k, c) in word.chars().enumerate() {
                joined.push(c);
                owner.push((g, k));
            }
        }
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut found: Vec<(usize, usize, usize, f32)> = Vec::new(); // (word, start, end, quality)
        // Candidates: words starting at some character of the query, longest first.
        let mut candidates: Vec<(usize, usize)> = Vec::new(); // (word, start char)
        for (start, (byte, c)) in joined.char_indices().enumerate() {
            let Some(bucket) = self.lexicon_by_first.get(&c) else {
                continue;
            };
            let rest = joined.get(byte..).unwrap_or("");
            for &w in bucket {
                if self
                    .lexicon
                    .get(w)
                    .is_some_and(|word| rest.starts_with(word.folded.as_str()))
                    && !candidates.iter().any(|&(known, _)| known == w)
                {
                    candidates.push((w, start));
                }
            }
        }
        // The lexicon is sorted longest first, so word order is length order.
        crate::sort::sort(&mut candidates);
        for (w, start) in candidates {
            let Some(word) = self.lexicon.get(w) else {
                continue;
            };
            let end = start + word.chars;
            // A word inside a longer one already found adds nothing.
            if spans.iter().any(|&(s, e)| s <= start && end <= e) {
                continue;
            }
            spans.push((start, end));
            found.push((w, start, end, 1.0));
        }
        // English: runs of whole Latin words, stemmed as the lexicon's are
        // (`car rentals` finds `car rental`), longest first; and the words
        // run together (`wi fi` finds `wifi`).
        let mut phrases: Vec<(usize, usize, usize, usize)> = Vec::new(); // (words, word, start, end)
        let mut word_starts: Vec<usize> = Vec::new();
        let mut stems: Vec<Option<String>> = Vec::new();
        let mut offset = 0;
        for word in words.iter().take(MAX_TERMS) {
            word_starts.push(offset);
            offset += word.chars().count();
            stems.push(
                word.bytes()
                    .all(|b| b.is_ascii_alphanumeric())
                    .then(|| stem_english(word)),
            );
        }
        word_starts.push(offset);
        // A function word alone (`shop`, `online`) is no evidence beside other words.
        let content_words = words
            .iter()
            .take(MAX_TERMS)
            .filter(|w| !is_function_word(w))
            .count();
        for first in 0..stems.len() {
            let mut key = String::new();
            let mut run_together = String::new();
            for last in first..stems.len().min(first + MAX_PHRASE_WORDS) {
                let (Some(Some(stem)), Some(word)) = (stems.get(last), words.get(last)) else {
                    break;
                };
                if last > first {
                    key.push(' ');
                }
                key.push_str(stem);
                run_together.push_str(word);
                let (Some(&start), Some(&end)) =
                    (word_starts.get(first), word_starts.get(last + 1))
                else {
                    break;
                };
                let found_word = self
                    .latin_phrases
                    .get(&key)
                    .or_else(|| {
                        (last > first)
                            .then(|| self.latin_phrases.get(&stem_english(&run_together)))
                            .flatten()
                    })
                    .or_else(|| {
                        // `online` is the one word English puts on either
                        // side: `see a doctor online` is an `online doctor`.
                        let online_elsewhere = stems.iter().enumerate().any(|(k, s)| {
                            (k < first || k > last) && s.as_deref() == Some(ONLINE_STEM)
                        });
                        online_elsewhere
                            .then(|| self.latin_phrases.get(&format!("{ONLINE_STEM} {key}")))
                            .flatten()
                    });
                let lone_function_word =
                    last == first && content_words > 0 && is_function_word(word);
                if let Some(&w) = found_word
                    && !lone_function_word
                {
                    phrases.push((last + 1 - first, w, start, end));
                }
            }
        }
        // Longest first; of two as long that overlap, the later: an English
        // compound names its head last (`home appliance repair` is a repair).
        crate::sort::sort_by(&mut phrases, |a, b| {
            b.0.cmp(&a.0).then(b.2.cmp(&a.2)).is_lt()
        });
        for (_, w, start, end) in phrases {
            if spans.iter().any(|&(s, e)| s < end && start < e) {
                continue;
            }
            spans.push((start, end));
            found.push((w, start, end, 1.0));
        }
        // Pinyin: a Latin word that spells a whole Chinese lexicon word.
        let mut offset = 0;
        for (g, word) in words.iter().enumerate().take(MAX_TERMS) {
            let n = word.chars().count();
            let first = word.bytes().next();
            if n >= 4
                && !acronyms.get(g).copied().unwrap_or(false)
                && word.bytes().all(|b| b.is_ascii_lowercase())
                && !spans.iter().any(|&(s, e)| s <= offset && offset + n <= e)
                && let Some(first) = first
            {
                let bit = letter_bit(first);
                for (w, lexeme) in self.lexicon.iter().enumerate() {
                    let starts = lexeme
                        .pinyin
                        .first()
                        .and_then(|&t| self.pinyin.initials.get(t as usize))
                        .is_some_and(|bits| bits & bit != 0);
                    if starts
                        && n >= 2 * lexeme.chars
                        && match_syllables(word, &lexeme.pinyin, &self.pinyin)
                    {
                        found.push((w, offset, offset + n, 0.8));
                    }
                }
            }
            offset += n;
        }
        let mut word_spans: Vec<Span> = Vec::new();
        for &(w, start, end, _) in &found {
            if self.lexicon.get(w).is_some_and(|word| word.latin) {
                continue;
            }
            for &(g, k) in owner.get(start..end).unwrap_or(&[]) {
                match word_spans.last_mut() {
                    Some(span) if span.0 == g && span.2 == k => span.2 = k + 1,
                    _ => word_spans.push((g, k, k + 1)),
                }
            }
        }
        for (w, start, end, quality) in found {
            let Some(word) = self.lexicon.get(w) else {
                continue;
            };
            let df = word.leaves.len().max(1) as f32;
            let rarity = (1.0 + leaf_count as f32 / df).ln();
            let length = if word.latin {
                (word.chars as f32 / 2.0).max(2.0)
            } else {
                word.chars as f32
            };
            let value = (LEXICON_WEIGHT * length.powf(1.5) * rarity + 20.0) * quality;
            for &leaf in &word.leaves {
                if leaf >= leaf_count {
                    continue;
                }
                let mut scored = false;
                for &(g, k) in owner.get(start..end).unwrap_or(&[]) {
                    if let Some(group) = matches.group(leaf, g) {
                        if let Some(flag) = group.covered.get_mut(k) {
                            *flag = true;
                        }
                        *group.solid = true;
                        if !scored {
                            *group.score += value;
                            scored = true;
                        }
                    }
                }
                if let Some(flag) = strong.get_mut(leaf) {
                    *flag = true;
                }
                if let Some(list) = reasons.get_mut(leaf) {
                    list.push(Because {
                        kind: BecauseKind::Lexicon,
                        text: word.shown.clone(),
                        from: None,
                    });
                }
            }
        }
        word_spans
    }

    /// Notes' redirects whose condition the query matches: the target gets a
    /// score above any direct match, and the note's sentence as the reason.
    fn match_redirects(
        &self,
        catalog: &Catalog,
        words: &[String],
        lexicon_spans: &[Span],
        matches: &mut Matches,
        strong: &mut [bool],
        reasons: &mut [Vec<Because>],
    ) {
        // Per target leaf: the best redirect's value, its index, and the query's characters it covers.
        let mut best: Vec<(usize, f32, usize, Vec<Span>)> = Vec::new();
        // Each Chinese word's characters and their byte offsets (and its length at the end).
        let prepared: Vec<(usize, &str, Vec<char>, Vec<usize>)> = words
            .iter()
            .enumerate()
            .take(MAX_TERMS)
            .filter(|(_, w)| w.chars().next().is_some_and(is_han))
            .map(|(g, w)| {
                let mut bytes: Vec<usize> = w.char_indices().map(|(b, _)| b).collect();
                bytes.push(w.len());
                (g, w.as_str(), w.chars().collect(), bytes)
            })
            .collect();
        for (r, redirect) in self.redirects.iter().enumerate() {
            let mut content = 0usize;
            let mut covered: Vec<Span> = Vec::new();
            for (g, word, chars, bytes) in &prepared {
                let g = *g;
                let slice = |from: usize, to: usize| -> &str {
                    match (bytes.get(from), bytes.get(to)) {
                        (Some(&a), Some(&b)) => word.get(a..b).unwrap_or(""),
                        _ => "",
                    }
                };
                let mut i = 0;
                while i + 1 < chars.len() {
                    let pair = chars
                        .get(i..i + 2)
                        .is_some_and(|p| p.iter().all(|&c| redirect.bloom.has(c)));
                    let mut len = 0;
                    if pair {
                        for l in 2..=chars.len() - i {
                            if redirect.condition.contains(slice(i, i + l)) {
                                len = l;
                            } else {
                                break;
                            }
                        }
                    }
                    if len == 0 {
                        i += 1;
                        continue;
                    }
                    let piece = slice(i, i + len);
                    let stop: usize = CONDITION_STOPWORDS
                        .iter()
                        .map(|w| piece.matches(w).count() * w.chars().count())
                        .sum();
                    // A piece that strands one character of a lexicon word
                    // of the query is a chance overlap of two words:
                    // 保税商品 shares 税商品 with 免税商品, 在线预约 shares 在线预
                    // with 在线预定. Its characters in that word are no
                    // evidence. (股票 in 买卖股票 strands no character: a word.)
                    let cut: usize = lexicon_spans
                        .iter()
                        .filter(|&&(sg, s, e)| {
                            sg == g
                                && s < i + len
                                && i < e
                                && (i.checked_sub(s) == Some(1)
                                    || e.checked_sub(i + len) == Some(1))
                        })
                        .map(|&(_, s, e)| (i + len).min(e) - i.max(s))
                        .sum();
                    content += len.saturating_sub(stop + cut);
                    covered.push((g, i, i + len));
                    i += len;
                }
            }
            if content < 3 {
                continue;
            }
            let value = 50.0 * (content as f32).powf(1.5) + 150.0;
            for &to in &redirect.to {
                match best.iter_mut().find(|(t, ..)| *t == to) {
                    Some(slot) if slot.1 < value => *slot = (to, value, r, covered.clone()),
                    Some(_) => {}
                    None => best.push((to, value, r, covered.clone())),
                }
            }
        }
        for (to, value, r, covered) in best {
            let Some(redirect) = self.redirects.get(r) else {
                continue;
            };
            let mut scored = false;
            // The note decides the case the query describes: the whole word
            // counts as accounted for (美容院也做推拿洗浴 is a 美容 case the
            // note sends to 洗浴保健).
            for (g, _, _) in covered {
                if let Some(group) = matches.group(to, g) {
                    for flag in group.covered.iter_mut() {
                        *flag = true;
                    }
                    *group.solid = true;
                    if !scored {
                        *group.score += value;
                        scored = true;
                    }
                }
            }
            if let Some(flag) = strong.get_mut(to) {
                *flag = true;
            }
            if let Some(list) = reasons.get_mut(to) {
                list.push(Because {
                    kind: BecauseKind::Redirect,
                    text: redirect.sentence.clone(),
                    from: catalog.leaves().get(redirect.from).map(|l| l.id.clone()),
                });
            }
        }
    }

    /// The parts of a leaf's fields that matched, as reasons: at most three per field kind.
    fn field_reasons(&self, leaf: usize, matches: &[MatchRange]) -> Vec<Because> {
        let mut out: Vec<Because> = Vec::new();
        for m in matches {
            let (kind, text) = match m.field {
                Field::Document(d) => (
                    BecauseKind::Document,
                    self.documents
                        .get(d)
                        .and_then(|t| t.first())
                        .map(|t| &t.folded),
                ),
                field => (
                    match field {
                        Field::Name => BecauseKind::Name,
                        Field::Path(_) => BecauseKind::Path,
                        Field::Scope => BecauseKind::Scope,
                        _ => BecauseKind::Note,
                    },
                    self.leaves
                        .get(leaf)
                        .and_then(|f| f.iter().find(|(f, _)| *f == field))
                        .map(|(_, t)| &t.folded),
                ),
            };
            let Some(text) = text else {
                continue;
            };
            let piece: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            if piece.is_empty()
                || out.iter().any(|b| b.kind == kind && b.text == piece)
                || out.iter().filter(|b| b.kind == kind).count() >= 3
            {
                continue;
            }
            out.push(Because {
                kind,
                text: piece,
                from: None,
            });
        }
        out
    }

    /// Byte ranges of a leaf's matches as deduplicated character ranges.
    fn char_ranges(&self, leaf: usize, mut ranges: Vec<(Field, usize, usize)>) -> Vec<MatchRange> {
        crate::sort::sort(&mut ranges);
        ranges.dedup();
        ranges
            .into_iter()
            .filter_map(|(field, start, end)| {
                let text = match field {
                    Field::Document(d) => &self.documents.get(d)?.first()?.folded,
                    _ => {
                        &self
                            .leaves
                            .get(leaf)?
                            .iter()
                            .find(|(f, _)| *f == field)?
                            .1
                            .folded
                    }
                };
                let start_char = char_offset(text, start);
                let end_char = start_char + text.get(start..end)?.chars().count();
                Some(MatchRange {
                    field,
                    start: start_char,
                    end: end_char,
                })
            })
            .collect()
    }
}

/// All pieces of a term found in one field, added to `out`.
fn match_field<'a>(
    out: &mut Vec<Piece>,
    keys: &mut Keys<'a>,
    field: Field,
    text: &'a FieldText,
    term: &'a Term,
    pinyin: &PinyinTable,
) {
    let whole_bonus = |start: usize, end: usize| -> f32 {
        let len = text.folded.len();
        match field {
            Field::Name if start == 0 && end == len => 60.0,
            Field::Name if start == 0 => 25.0,
            Field::Document(_) if start == 0 && end == len => 10.0,
            _ => 0.0,
        }
    };
    let n = term.chars.len();
    if term.latin {
        if !text.pinyin.is_empty() && !term.acronym {
            if let Some((start, end, literal)) = match_pinyin(&term.text, &text.pinyin, pinyin) {
                let (start, end) = (
                    char_to_byte(&text.folded, start),
                    char_to_byte(&text.folded, end),
                );
                let key = keys.id(text.folded.get(start..end).unwrap_or(""));
                out.push(Piece {
                    field,
                    start,
                    end,
                    key,
                    covers: (0, n),
                    quality: if literal { 1.0 } else { 0.8 },
                    bonus: whole_bonus(start, end),
                });
            }
        } else if let Some(byte) = text.folded.find(&term.text) {
            let (start, end) = (byte, byte + term.text.len());
            out.push(Piece {
                field,
                start,
                end,
                key: keys.id(&term.text),
                covers: (0, n),
                quality: 1.0,
                bonus: whole_bonus(start, end),
            });
        }
        return;
    }
    // Chinese: the whole term, else its longest pieces, left to right. A lone
    // character counts too, but less: 开网店卖衣服 should still find 服饰内衣
    // through 衣, ranked by how rare 衣 is, below any word match.
    // Which of the term's characters the field has, as bits (terms are short).
    let present: u64 = term
        .chars
        .iter()
        .take(64)
        .enumerate()
        .fold(
            0,
            |bits, (k, &c)| if text.has(c) { bits | 1 << k } else { bits },
        );
    if present == 0 {
        return;
    }
    let mut i = 0;
    while i < n {
        // Only a run of characters the field has can match.
        let run = if i < 64 {
            (present >> i).trailing_ones() as usize
        } else {
            0
        };
        if run == 0 {
            i += 1;
            continue;
        }
        // Grow the piece while it still occurs: a piece that does not occur
        // cannot be part of a longer one that does, and the longer one's
        // first occurrence is no earlier than the shorter one's.
        let mut found = None;
        for len in 1..=run {
            let Some(piece) = term.slice(i, i + len) else {
                break;
            };
            // A lone character is searched as a char, which is much cheaper than a substring.
            let at = match (term.chars.get(i), found) {
                (Some(&c), None) => text.folded.find(c),
                (_, Some((_, byte, _))) => find_from(&text.folded, byte, piece),
                (None, None) => None,
            };
            match at {
                Some(byte) => found = Some((piece, byte, len)),
                None => break,
            }
        }
        match found {
            Some((key, start, len)) => {
                let end = start + key.len();
                out.push(Piece {
                    field,
                    start,
                    end,
                    key: keys.span(term, i, len),
                    covers: (i, i + len),
                    quality: if len == 1 && n > 1 {
                        SINGLE_CHARACTER_QUALITY
                    } else {
                        1.0
                    },
                    bonus: if len == n {
                        whole_bonus(start, end)
                    } else {
                        0.0
                    },
                });
                i += len;
            }
            None => i += 1,
        }
    }
}

/// The first occurrence of `needle` in `text` at or after byte `from`.
/// Fields and pieces are short: finding the first character and comparing
/// there is quicker than preparing a substring search for every piece.
fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else {
        return Some(from).filter(|&f| f <= text.len());
    };
    let mut at = from;
    loop {
        let found = at + text.get(at..)?.find(first)?;
        if text.get(found..)?.starts_with(needle) {
            return Some(found);
        }
        at = found + first.len_utf8();
    }
}

/// The byte offset of a character index (the text's length past the end).
fn char_to_byte(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .map(|prefix| prefix.chars().count())
        .unwrap_or(0)
}

/// The first place where `term` (lowercase Latin) spells the pinyin of
/// consecutive characters: full syllables, initials, or a mix, the last
/// syllable possibly unfinished. Returns the char range and whether the match
/// was literal Latin text rather than pinyin.
fn match_pinyin(term: &str, tokens: &[u32], table: &PinyinTable) -> Option<(usize, usize, bool)> {
    let first = letter_bit(*term.as_bytes().first()?);
    (0..tokens.len())
        .filter(|&start| {
            tokens.get(start).and_then(|&t| table.initials.get(t as usize)).is_some_and(|bits| bits & first != 0)
        })
        .find_map(|start| {
            let end = match_from(term, tokens, table, start)?;
            let literal = tokens.get(start..end).is_some_and(|ts| {
                ts.iter().all(|&t| {
                    table.readings.get(t as usize).is_some_and(|r| matches!(r.as_ref(), [r] if r.len() == 1 && r.bytes().all(|b| b.is_ascii_alphanumeric())))
                })
            });
            Some((start, end, literal))
        })
}

/// Whether `term` spells the readings of all of `tokens` in full syllables.
fn match_syllables(term: &str, tokens: &[u32], table: &PinyinTable) -> bool {
    fn go(rest: &str, tokens: &[u32], table: &PinyinTable) -> bool {
        let Some((&first, others)) = tokens.split_first() else {
            return rest.is_empty();
        };
        table.readings.get(first as usize).is_some_and(|readings| {
            readings.iter().any(|r| {
                rest.strip_prefix(&**r)
                    .is_some_and(|after| go(after, others, table))
            })
        })
    }
    !tokens.is_empty() && go(term, tokens, table)
}

fn match_from(rest: &str, tokens: &[u32], table: &PinyinTable, at: usize) -> Option<usize> {
    if rest.is_empty() {
        return Some(at);
    }
    // A polyphone has several readings; any of them may match.
    let readings = table.readings.get(*tokens.get(at)? as usize)?;
    // The whole syllable …
    for reading in readings.iter() {
        if let Some(after) = rest.strip_prefix(&**reading)
            && let Some(end) = match_from(after, tokens, table, at + 1)
        {
            return Some(end);
        }
    }
    // … the query ends inside this syllable …
    if readings.iter().any(|reading| reading.starts_with(rest)) {
        return Some(at + 1);
    }
    // … or only its initial.
    for reading in readings.iter() {
        let initial = reading.chars().next()?;
        if let Some(after) = rest.strip_prefix(initial)
            && let Some(end) = match_from(after, tokens, table, at + 1)
        {
            return Some(end);
        }
    }
    None
}

/// Each leaf's own pieces: `pieces` cut at `leaf_ends` (one end per leaf).
fn own_pieces<'a>(
    pieces: &'a [Piece],
    leaf_ends: &'a [usize],
) -> impl Iterator<Item = &'a [Piece]> {
    leaf_ends.iter().scan(0, move |from, &to| {
        let own = pieces.get(*from..to).unwrap_or(&[]);
        *from = to;
        Some(own)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pinyin table of the given characters, and the tokens of `text` in it.
    fn tokens(text: &str, readings: &str) -> (Vec<u32>, PinyinTable) {
        let mut table = PinyinTable::empty();
        for c in ('a'..='z').chain('0'..='9') {
            table.insert(c, &c.to_string());
        }
        for (c, token) in text.chars().zip(readings.split(' ')) {
            if token != "_" && !c.is_ascii() {
                table.insert(c, token);
            }
        }
        (text.chars().map(|c| table.token(c)).collect(), table)
    }

    #[test]
    fn a_limit_is_a_sentence_that_says_what_is_not_allowed() {
        let found =
            limits("注：暂不支持涉及VPN等服务。\n2、提供在线看诊需选择【医疗服务-互联网医院】类目");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sentence, "暂不支持涉及VPN等服务");
        assert_eq!(found[0].object, "不支持涉及vpn等服务");
        // Not limits on what the category allows: how to apply, and the account.
        assert!(limits("该类目正在内测阶段，暂不支持线上申请。如需申请发送至邮箱").is_empty());
        assert!(limits("注意：审核通过后不支持删除且不支持申请其他类目。").is_empty());
        let vpn = &limits("注：暂不支持涉及vpn等服务")[0];
        let words = |q: &str| split_query(q).0;
        assert!(limit_applies(vpn, &words("VPN")));
        assert!(limit_applies(vpn, &words("做vpn的小程序")));
        // A whole Latin word is evidence, and three characters of Chinese
        // in runs, stopwords of conditions not counted.
        assert!(!limit_applies(vpn, &words("vp")));
        assert!(!limit_applies(vpn, &words("vpnx")));
        assert!(!limit_applies(vpn, &words("提供服务")));
        let drugs = &limits("注：该类目不支持在线销售处方药。")[0];
        assert!(limit_applies(drugs, &words("卖处方药")));
        assert!(limit_applies(drugs, &words("在线 处方")));
        assert!(!limit_applies(drugs, &words("处方")));
        assert!(!limit_applies(drugs, &words("在线问诊")));
    }

    #[test]
    fn char_to_byte_offsets() {
        assert_eq!(char_to_byte("互联网医院", 3), 9);
        assert_eq!(char_to_byte("ab医院", 3), 5);
        assert_eq!(char_to_byte("ab", 9), 2);
    }

    #[test]
    fn query_terms_split_on_script_and_space() {
        assert_eq!(terms("yiliao互联网  医院"), ["yiliao", "互联网", "医院"]);
        assert_eq!(terms("ＡＰＰ，卖茶叶"), ["app", "卖茶叶"]);
        assert!(terms(" ，。 ").is_empty());
    }

    #[test]
    fn pinyin_full_initials_and_mixed() {
        let (t, table) = tokens("互联网医院", "hu lian wang yi yuan");
        assert_eq!(match_pinyin("yiyuan", &t, &table), Some((3, 5, false)));
        assert_eq!(match_pinyin("hlw", &t, &table), Some((0, 3, false)));
        assert_eq!(match_pinyin("hulianwy", &t, &table), Some((0, 4, false)));
        assert_eq!(match_pinyin("yiy", &t, &table), Some((3, 5, false)));
        assert_eq!(match_pinyin("xyz", &t, &table), None);
        let (bank, table) = tokens("银行", "yin xing|hang");
        assert_eq!(match_pinyin("yinhang", &bank, &table), Some((0, 2, false)));
        assert_eq!(match_pinyin("yh", &bank, &table), Some((0, 2, false)));
    }

    #[test]
    fn english_forms_of_one_word_stem_alike() {
        for (a, b) in [
            ("rentals", "rental"),
            ("booking", "book"),
            ("shopping", "shop"),
            ("trading", "trade"),
            ("dresses", "dress"),
            ("selling", "sell"),
            ("categories", "category"),
            ("clothes", "clothe"),
        ] {
            assert_eq!(stem_english(a), stem_english(b), "{a} {b}");
        }
        assert_ne!(stem_english("news"), stem_english("new"));
        assert_eq!(stem_english("bus"), "bus");
        assert_eq!(stem_english("k12"), "k12");
        assert_eq!(english_phrase("Car Rentals"), "car rental");
        assert_eq!(english_phrase("e-commerce"), "e commerc");
        assert_eq!(english_phrase("B&B"), "b b");
    }

    #[test]
    fn capitals_mark_an_acronym() {
        let (words, acronyms) = split_query("CT 报告 ct Ct KTV房 ＡＰＰ x");
        assert_eq!(words, ["ct", "报告", "ct", "ct", "ktv", "房", "app", "x"]);
        assert_eq!(
            acronyms,
            [true, false, false, false, true, false, true, false]
        );
        assert_eq!(stem_english("online"), ONLINE_STEM);
    }

    #[test]
    fn function_words_and_their_plurals_but_not_their_stems() {
        assert!(is_function_word("shop") && is_function_word("shops"));
        assert!(is_function_word("services") && is_function_word("booking"));
        assert!(!is_function_word("books"), "books is not booking");
        assert!(!is_function_word("tea") && !is_function_word("店"));
    }

    #[test]
    fn frame_words_and_shop_suffixes_are_free() {
        let free = |w: &str| -> String {
            w.chars()
                .zip(frame_characters(w))
                .map(|(c, f)| if f { '_' } else { c })
                .collect()
        };
        assert_eq!(free("开了家美甲工作室"), "___美甲___");
        assert_eq!(free("我们是做社区团购的"), "____社区团购_");
        assert_eq!(free("兰州拉面馆"), "兰州拉面_");
        assert_eq!(
            free("饭馆"),
            "饭馆",
            "a two-character word keeps its suffix"
        );
        assert_eq!(free("yoga"), "yoga");
    }

    #[test]
    fn pinyin_tokens_of_latin_text_match_literally() {
        let (t, table) = tokens("ai问答", "a i wen da");
        assert_eq!(match_pinyin("ai", &t, &table), Some((0, 2, true)));
        assert_eq!(match_pinyin("aiwenda", &t, &table), Some((0, 4, false)));
    }
}
