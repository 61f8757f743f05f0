//! Resolving what a person types — a path, an id, a name — to a leaf or a
//! document, with the closest candidates when it resolves to nothing.

use crate::catalog::Catalog;
use crate::model::{Document, Leaf, Node, NodeKind};

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
        self.find_document_in(query, &[])
    }

    /// Finds a document as a person types it, where `context` (document
    /// ids, empty for none) lists the documents of the categories asked about.
    ///
    /// Tried in turn, stopping at the first that finds anything:
    /// 1. an id, a name or a spelling the source uses (with or without 《》);
    /// 2. a 《title》 the source writes inside a longer mention (在用证明 in
    ///    深度合成服务《在用证明》, 代收代缴合作协议 in …的《代收代缴合作协议》或《授权证明》);
    /// 3. a spelling with the source's subject words before it: a holder or
    ///    issuer ending in 的, or a short subject (电商平台对…, 小程序主体在…,
    ///    小程序主体与底层链的合作协议, 由教育行政部门出具的审批设立证明);
    /// 4. the end of a spelling after its 的 (网络销售与实名制授权书).
    ///
    /// A generic word (合作协议, 承诺函: `generic_document_names`) skips the
    /// first step, so it always finds every document it may mean. The
    /// context then decides among several; without one the caller gets them
    /// all to ask which — never a silent pick.
    pub fn find_document_in(&self, query: &str, context: &[&str]) -> Lookup<&Document> {
        let name = normalise(query);
        if let Some(document) = self.document(&name) {
            return Lookup::Found(document);
        }
        let key = without_titles(&name);
        let generic = self
            .data()
            .generic_document_names
            .iter()
            .any(|g| without_titles(g) == key);
        let spelled = |d: &Document, key: &str| {
            without_titles(&d.name) == key || d.aliases.iter().any(|a| without_titles(a) == key)
        };
        // A generic word may mean any document whose name contains it.
        let mut candidates: Vec<&Document> = if generic {
            self.documents()
                .iter()
                .filter(|d| {
                    without_titles(&d.name).contains(&key)
                        || d.aliases.iter().any(|a| without_titles(a).contains(&key))
                })
                .collect()
        } else {
            self.documents()
                .iter()
                .filter(|d| spelled(d, &key))
                .collect()
        };
        if candidates.is_empty() {
            candidates = self.documents_titled(&key);
        }
        if candidates.is_empty() && !generic {
            // Who holds or issues it, written before a registered spelling:
            // 电商平台对入驻经营者的…, 小程序主体在中国支付清算协会系统的…,
            // 区、县级教育部门颁发的《民办学校办学许可证》.
            // The longest spelling wins: 与底层链的合作协议, not 合作协议.
            let matched = |d: &Document| -> usize {
                std::iter::once(&d.name)
                    .chain(&d.aliases)
                    .map(|a| without_titles(a))
                    .filter(|spelling| {
                        key.strip_suffix(spelling.as_str()).is_some_and(|prefix| {
                            !prefix.is_empty()
                                && spelling.chars().count() >= 4
                                && (prefix.ends_with('的') || prefix.chars().count() <= 6)
                        })
                    })
                    .map(|spelling| spelling.chars().count())
                    .max()
                    .unwrap_or(0)
            };
            let longest = self.documents().iter().map(matched).max().unwrap_or(0);
            if longest > 0 {
                candidates = self
                    .documents()
                    .iter()
                    .filter(|d| matched(d) == longest)
                    .collect();
            }
        }
        if candidates.is_empty() && !generic {
            for prefix in SUBJECT_PREFIXES {
                if let Some(rest) = key.strip_prefix(prefix).filter(|r| !r.is_empty()) {
                    candidates.extend(self.documents().iter().filter(|d| spelled(d, rest)));
                }
            }
        }
        if candidates.is_empty() && key.chars().count() >= 4 {
            let tail = format!("的{key}");
            candidates = self
                .documents()
                .iter()
                .filter(|d| d.aliases.iter().any(|a| without_titles(a).ends_with(&tail)))
                .collect();
        }
        candidates.dedup_by(|a, b| a.id == b.id);
        let in_context: Vec<&Document> = candidates
            .iter()
            .copied()
            .filter(|d| context.contains(&d.id.as_str()))
            .collect();
        let chosen = if in_context.is_empty() {
            candidates
        } else {
            in_context
        };
        // A generic word is decided only by the context, never picked outside it.
        let decided = !generic || chosen.iter().all(|d| context.contains(&d.id.as_str()));
        match chosen.as_slice() {
            [one] if decided => Lookup::Found(one),
            [] => {
                let candidates = self
                    .documents()
                    .iter()
                    .flat_map(|d| d.aliases.iter().cloned().chain([d.id.clone()]));
                Lookup::NotFound {
                    suggestions: suggestions(&name, candidates, 5),
                }
            }
            _ => Lookup::Ambiguous(chosen),
        }
    }

    /// Documents whose mention in some rule has `title` inside 《》.
    fn documents_titled(&self, title: &str) -> Vec<&Document> {
        fn walk<'a>(node: &'a Node, title: &str, out: &mut Vec<&'a str>) {
            match &node.kind {
                NodeKind::Document(requirement) => {
                    let mut rest = requirement.mention.as_str();
                    while let Some(open) = rest.find('《') {
                        let after = rest.get(open + '《'.len_utf8()..).unwrap_or("");
                        let Some(close) = after.find('》') else {
                            break;
                        };
                        if after.get(..close).map(without_titles).as_deref() == Some(title)
                            && !out.contains(&requirement.document.as_str())
                        {
                            out.push(&requirement.document);
                        }
                        rest = after.get(close..).unwrap_or("");
                    }
                }
                NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                    children.iter().for_each(|c| walk(c, title, out))
                }
            }
        }
        let mut ids = Vec::new();
        for leaf in self.leaves() {
            let situations = leaf.situations.iter().filter_map(|s| s.rule.as_ref());
            for node in leaf.rule.iter().chain(situations) {
                walk(node, title, &mut ids);
            }
        }
        ids.into_iter().filter_map(|id| self.document(id)).collect()
    }
}

/// Words the source writes before a document for who holds or issues it,
/// which the registered spelling leaves out (小程序主体与底层链的合作协议 →
/// 与底层链的合作协议; 由教育行政部门出具的… → 教育行政部门出具的…).
const SUBJECT_PREFIXES: [&str; 6] = [
    "小程序主体的",
    "小程序主体",
    "申请主体的",
    "申请主体",
    "由",
    "提供",
];

/// A spelling compared without 《》 and whitespace, so 《A》备案 and A备案 meet.
fn without_titles(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '《' | '》') && !c.is_whitespace())
        .collect()
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
