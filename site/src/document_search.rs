//! Finding a document on the profile page the way people type it: its name
//! or any spelling the source uses, with or without 《》, a shortened form
//! (快递合作协议 for 与快递公司的合作协议), pinyin in full syllables, initials
//! or both mixed (yyzz, yingyezhizhao, yingyzz). Plain functions, tested
//! natively.

use leimu_engine::Catalog;
use leimu_engine::model::Document;

/// How a document matched, best first; the order ranks results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The whole name or a spelling.
    Exact,
    /// The query occurs in the name or a spelling.
    Contains,
    /// The query spells the pinyin of part of the name.
    Pinyin,
    /// Every character of the query occurs in the name, in order.
    Scattered,
}

/// Lowercase, without spaces, 《》 or the full-width forms of ASCII.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '<' | '>'))
        .map(|c| match u32::from(c) {
            code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The readings of each character of `text` (`[]` where it has none).
fn readings(catalog: &Catalog, text: &str) -> Vec<Vec<String>> {
    let table = &catalog.data().pinyin;
    let mut key = String::new();
    text.chars()
        .map(|c| {
            key.clear();
            key.push(c);
            table
                .get(&key)
                .map(|token| {
                    token
                        .split('|')
                        .filter(|r| !r.is_empty() && *r != "_")
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// Whether `query` (lowercase letters) spells, from some character on, the
/// pinyin of consecutive characters: each character by a full syllable or
/// its initial letter, and the query may end inside a syllable.
fn spells_pinyin(query: &str, readings: &[Vec<String>]) -> bool {
    // Which offsets of the query can be reached after each character: a set
    // per step instead of a search over choices, so a long query costs
    // (characters × query length), never an explosion of branches.
    if query.is_empty() || query.len() > 64 {
        return false;
    }
    (0..readings.len()).any(|start| {
        let mut offsets = vec![0usize];
        for choices in &readings[start..] {
            let mut next = Vec::new();
            for &at in &offsets {
                let rest = &query[at..];
                for reading in choices {
                    if reading.starts_with(rest) {
                        return true;
                    }
                    if rest.starts_with(reading.as_str()) {
                        next.push(at + reading.len());
                    }
                    if rest.as_bytes()[0] == reading.as_bytes()[0] {
                        next.push(at + 1);
                    }
                }
            }
            if next.contains(&query.len()) {
                return true;
            }
            leimu_engine::sort::sort(&mut next);
            next.dedup();
            if next.is_empty() {
                return false;
            }
            offsets = next;
        }
        false
    })
}

/// Whether every character of `query` occurs in `text` in order (at least two).
fn scattered(query: &str, text: &str) -> bool {
    let mut chars = text.chars();
    query.chars().count() >= 2 && query.chars().all(|q| chars.any(|c| c == q))
}

/// How `document` matches the folded `query`, if it does.
fn match_document(catalog: &Catalog, document: &Document, query: &str) -> Option<Match> {
    let latin = query.bytes().all(|b| b.is_ascii_lowercase());
    let spellings = || {
        std::iter::once(&document.name)
            .chain(&document.aliases)
            .map(|s| fold(s))
    };
    if spellings().any(|s| s == query) {
        return Some(Match::Exact);
    }
    if spellings().any(|s| s.contains(query)) || document.id.contains(query) {
        return Some(Match::Contains);
    }
    if latin && query.len() >= 2 && spells_pinyin(query, &readings(catalog, &document.name)) {
        return Some(Match::Pinyin);
    }
    if !latin && spellings().any(|s| scattered(query, &s)) {
        return Some(Match::Scattered);
    }
    None
}

/// Documents matching `query`, best first (then shorter names), at most `limit`.
pub fn find_documents(catalog: &Catalog, query: &str, limit: usize) -> Vec<String> {
    let query = fold(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Match, usize, &str)> = catalog
        .documents()
        .iter()
        .filter_map(|d| {
            let how = match_document(catalog, d, &query)?;
            Some((how, d.name.chars().count(), d.id.as_str()))
        })
        .collect();
    leimu_engine::sort::sort(&mut found);
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, id)| id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::from_bytes(crate::CATALOG_BIN).expect("catalogue"))
    }

    fn first_name(query: &str) -> Option<String> {
        let catalog = catalog();
        let id = find_documents(catalog, query, 5).into_iter().next()?;
        Some(catalog.document(&id)?.name.clone())
    }

    #[test]
    fn documents_are_found_the_way_people_type_them() {
        for (query, expected) in [
            ("营业执照", "营业执照"),
            ("《营业执照》", "营业执照"),
            ("yyzz", "营业执照"),
            ("YYZZ", "营业执照"),
            ("yingyezhizhao", "营业执照"),
            ("yingyzz", "营业执照"),
            ("快递合作协议", "与快递公司的合作协议"),
            ("快递业务经营许可证", "快递业务经营许可证"),
            ("ＩＣＰ", "增值电信业务经营许可证"),
        ] {
            assert_eq!(first_name(query).as_deref(), Some(expected), "{query}");
        }
    }

    #[test]
    fn nonsense_finds_nothing_and_never_panics() {
        let catalog = catalog();
        for query in ["", "   ", "zzzzqqq", "🙂🙂", "\u{0}", &"营".repeat(100_000)] {
            let found = find_documents(catalog, query, 12);
            assert!(found.len() <= 12);
        }
        assert!(find_documents(catalog, "zzzzqqq", 12).is_empty());
    }

    #[test]
    fn pinyin_spelling_takes_syllables_initials_and_a_last_partial() {
        let readings: Vec<Vec<String>> = ["ying", "ye", "zhi", "zhao"]
            .iter()
            .map(|r| vec![(*r).to_owned()])
            .collect();
        for query in ["yyzz", "yingye", "yingyezhizhao", "yezhi", "yingyezh", "zz"] {
            assert!(spells_pinyin(query, &readings), "{query}");
        }
        for query in ["yyzzz", "zy", "ab"] {
            assert!(!spells_pinyin(query, &readings), "{query}");
        }
    }
}
