//! Resolving what a person types — a path, an id, a name — to a leaf or a
//! document, with the closest candidates when it resolves to nothing.

use crate::catalog::Catalog;
use crate::model::{Document, Leaf};

/// The outcome of resolving a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<T> {
    Found(T),
    /// Several match equally well; the caller should ask which.
    Ambiguous(Vec<T>),
    /// Nothing matches; the closest names, best first.
    NotFound {
        suggestions: Vec<String>,
    },
}

/// Strips 《》 and surrounding whitespace; normalises the ` > ` separator.
fn normalise(text: &str) -> String {
    text.trim()
        .trim_start_matches('《')
        .trim_end_matches('》')
        .trim()
        .to_owned()
}

impl Catalog {
    /// Finds a leaf by id, by path (`生活服务 > 丽人服务 > 美甲`, also with `>`, `-` or `/`
    /// between names when unambiguous), or by its own name when only one leaf has it.
    pub fn find_leaf(&self, query: &str) -> Lookup<&Leaf> {
        let query = query.trim();
        if let Some(leaf) = self.leaf(query) {
            return Lookup::Found(leaf);
        }
        let compact: String = query
            .split('>')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(">");
        if let Some(leaf) = self.leaves().iter().find(|l| l.path.join(">") == compact) {
            return Lookup::Found(leaf);
        }
        let by_name: Vec<&Leaf> = self
            .leaves()
            .iter()
            .filter(|l| l.path.last().is_some_and(|n| n == query))
            .collect();
        match by_name.len() {
            1 => {
                return by_name.into_iter().next().map_or(
                    Lookup::NotFound {
                        suggestions: Vec::new(),
                    },
                    Lookup::Found,
                );
            }
            n if n > 1 => return Lookup::Ambiguous(by_name),
            _ => {}
        }
        // Paths typed with other separators: 物流服务-收件/派件, 医疗服务 互联网医院.
        let joined: Vec<&Leaf> = self
            .leaves()
            .iter()
            .filter(|l| {
                ["-", " ", "", "－"]
                    .iter()
                    .any(|sep| l.path.join(sep) == query)
            })
            .collect();
        if joined.len() == 1 {
            return joined.into_iter().next().map_or(
                Lookup::NotFound {
                    suggestions: Vec::new(),
                },
                Lookup::Found,
            );
        }
        let candidates = self.leaves().iter().flat_map(|l| {
            [Catalog::display_path(l), l.id.clone()]
                .into_iter()
                .chain(l.path.last().cloned())
        });
        Lookup::NotFound {
            suggestions: suggestions(query, candidates, 5),
        }
    }

    /// Finds a document by id, name or any alias (with or without 《》).
    pub fn find_document(&self, query: &str) -> Lookup<&Document> {
        let name = normalise(query);
        if let Some(document) = self.document(&name) {
            return Lookup::Found(document);
        }
        let found: Vec<&Document> = self
            .documents()
            .iter()
            .filter(|d| d.name == name || d.aliases.contains(&name))
            .collect();
        match found.len() {
            0 => {
                let candidates = self
                    .documents()
                    .iter()
                    .flat_map(|d| d.aliases.iter().cloned().chain([d.id.clone()]));
                Lookup::NotFound {
                    suggestions: suggestions(&name, candidates, 5),
                }
            }
            1 => found.into_iter().next().map_or(
                Lookup::NotFound {
                    suggestions: Vec::new(),
                },
                Lookup::Found,
            ),
            _ => Lookup::Ambiguous(found),
        }
    }
}

/// The `limit` candidates closest to `query`: those containing it first,
/// then by edit distance over characters (at most half the query's length).
pub fn suggestions(
    query: &str,
    candidates: impl IntoIterator<Item = String>,
    limit: usize,
) -> Vec<String> {
    let query_chars: Vec<char> = query.chars().collect();
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .map(|candidate| {
            let distance = if !query.is_empty() && candidate.contains(query) {
                0
            } else {
                edit_distance(&query_chars, &candidate.chars().collect::<Vec<_>>())
            };
            (distance, candidate)
        })
        .collect();
    crate::sort::sort(&mut scored);
    scored.dedup_by(|a, b| a.1 == b.1);
    let cutoff = query_chars.len().div_ceil(2).max(1);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= cutoff)
        .take(limit)
        .map(|(_, c)| c)
        .collect()
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(usize::from(ca != cb));
            let delete = previous
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insert = current
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_prefer_containment_then_distance() {
        let names = ["互联网医院", "公立医疗机构", "挂号", "医院"].map(String::from);
        assert_eq!(suggestions("互联网医", names.clone(), 2), ["互联网医院"]);
        assert_eq!(
            suggestions("公立医院机构", names.clone(), 2),
            ["公立医疗机构"]
        );
        assert!(suggestions("zzzzzz", names, 3).is_empty());
    }
}
