//! Every requirement tree, flattened once into its minimal "ways".
//!
//! A way is one set of document requirements that together satisfy the tree
//! (the tree in disjunctive normal form). The source's trees are small — the
//! deepest, 医疗服务-临床试验, has a handful of ways — so enumerating them at
//! load time is cheap, and afterwards every question (is it satisfied, what is
//! missing, which categories does a profile unlock) is a scan over ways instead
//! of a tree walk. Computing all ways instead of stopping at the first failing
//! branch is what lets the engine list *every* shortest completion.

use crate::model::{DocumentRequirement, Node, NodeKind};

/// No real tree comes close (the largest has a few dozen ways); the cap only
/// keeps a malformed catalogue from exhausting memory. Ways beyond it are
/// dropped, largest first, and [`LeafWays::truncated`] records it.
const MAX_WAYS: usize = 4096;

/// The flattened form of one leaf's rule, with the rules it depends on.
#[derive(Debug, Clone, Default)]
pub(crate) struct LeafWays {
    /// The document leaves of the trees in depth-first (source) order: the
    /// leaf's own, then its prerequisites', then its situations'.
    pub requirements: Vec<Requirement>,
    /// Minimal ways of the leaf's own rule, in source order of their first
    /// differing alternative.
    pub ways: Vec<Way>,
    /// Each prerequisite category (leaf position) and the ways of its rule;
    /// crossed with [`Self::ways`] unless the profile says it is approved.
    pub prerequisites: Vec<(usize, Vec<Way>)>,
    /// Each situation's ways (`None` when it names no documents); crossed
    /// in when the user says the situation is theirs.
    pub situations: Vec<Option<Vec<Way>>>,
    /// Set when [`MAX_WAYS`] was hit and some ways were dropped.
    pub truncated: bool,
}

/// A document requirement and why the leaf needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirement {
    pub document: DocumentRequirement,
    pub because: Because,
}

/// Why a leaf needs a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Because {
    /// The leaf's own rule.
    Own,
    /// The rule of the prerequisite category at this leaf position.
    Prerequisite(usize),
    /// The situation at this index of the leaf's situations.
    Situation(usize),
}

/// One way to satisfy a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Way {
    /// Indices into [`LeafWays::requirements`], sorted and unique.
    pub requirements: Vec<usize>,
    /// Positions of the applicant labels (in the catalogue's label registry)
    /// of the alternatives this way passes through.
    pub applicants: Vec<usize>,
}

impl Way {
    fn is_subset_of(&self, other: &Way) -> bool {
        self.requirements
            .iter()
            .all(|r| other.requirements.binary_search(r).is_ok())
            && self.applicants.iter().all(|a| other.applicants.contains(a))
    }

    pub fn union(&self, other: &Way) -> Way {
        let mut requirements = self.requirements.clone();
        requirements.extend_from_slice(&other.requirements);
        crate::sort::sort(&mut requirements);
        requirements.dedup();
        let mut applicants = self.applicants.clone();
        for label in &other.applicants {
            if !applicants.contains(label) {
                applicants.push(*label);
            }
        }
        Way {
            requirements,
            applicants,
        }
    }
}

/// Flattens a leaf's rule, its prerequisites' rules and its situations'
/// rules. `label_position` maps an applicant label id to its registry position.
pub(crate) fn flatten_leaf<'a>(
    rule: Option<&Node>,
    prerequisites: impl Iterator<Item = (usize, Option<&'a Node>)>,
    situations: impl Iterator<Item = Option<&'a Node>>,
    label_position: &dyn Fn(&str) -> Option<usize>,
) -> LeafWays {
    let mut leaf = LeafWays::default();
    let mut truncated = false;
    let mut flattener = Flattener {
        requirements: &mut leaf.requirements,
        truncated: &mut truncated,
        label_position,
        because: Because::Own,
    };
    leaf.ways = flattener.rule_ways(rule);
    for (position, rule) in prerequisites {
        flattener.because = Because::Prerequisite(position);
        let ways = flattener.rule_ways(rule);
        leaf.prerequisites.push((position, ways));
    }
    for (index, rule) in situations.enumerate() {
        flattener.because = Because::Situation(index);
        let ways = rule.map(|node| flattener.ways_of(node));
        leaf.situations.push(ways);
    }
    leaf.truncated = truncated;
    leaf
}

/// Flattens a rule into its ways (no prerequisites, no situations).
#[cfg(test)]
pub(crate) fn flatten(rule: Option<&Node>) -> LeafWays {
    flatten_leaf(rule, std::iter::empty(), std::iter::empty(), &|_| None)
}

struct Flattener<'r> {
    requirements: &'r mut Vec<Requirement>,
    truncated: &'r mut bool,
    label_position: &'r dyn Fn(&str) -> Option<usize>,
    because: Because,
}

impl Flattener<'_> {
    fn rule_ways(&mut self, rule: Option<&Node>) -> Vec<Way> {
        match rule {
            // No qualification needed: one way that needs nothing.
            None => vec![Way {
                requirements: Vec::new(),
                applicants: Vec::new(),
            }],
            Some(node) => self.ways_of(node),
        }
    }

    fn ways_of(&mut self, node: &Node) -> Vec<Way> {
        let mut ways = match &node.kind {
            NodeKind::Document(requirement) => {
                self.requirements.push(Requirement {
                    document: requirement.clone(),
                    because: self.because,
                });
                vec![Way {
                    requirements: vec![self.requirements.len() - 1],
                    applicants: Vec::new(),
                }]
            }
            NodeKind::AllOf { children } => {
                let mut product = vec![Way {
                    requirements: Vec::new(),
                    applicants: Vec::new(),
                }];
                for child in children {
                    let child_ways = self.ways_of(child);
                    product = cross(&product, &child_ways, self.truncated);
                }
                product
            }
            NodeKind::AnyOf { at_least, children } => {
                let per_child: Vec<Vec<Way>> =
                    children.iter().map(|child| self.ways_of(child)).collect();
                choose(&per_child, *at_least as usize, self.truncated)
            }
        };
        if let Some(label) = node
            .applicant
            .as_ref()
            .and_then(|a| (self.label_position)(&a.kind))
        {
            for way in &mut ways {
                if !way.applicants.contains(&label) {
                    way.applicants.push(label);
                }
            }
        }
        minimise(ways, self.truncated)
    }
}

pub(crate) fn cross(left: &[Way], right: &[Way], truncated: &mut bool) -> Vec<Way> {
    let mut out = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            out.push(l.union(r));
        }
    }
    minimise(out, truncated)
}

/// Ways of "at least `k` of these children": every k-subset, crossed.
fn choose(per_child: &[Vec<Way>], k: usize, truncated: &mut bool) -> Vec<Way> {
    if k == 0 {
        return vec![Way {
            requirements: Vec::new(),
            applicants: Vec::new(),
        }];
    }
    let Some((first, rest)) = per_child.split_first() else {
        // Fewer children than needed: no way at all.
        return Vec::new();
    };
    // Either the first child is one of the k …
    let with_first = cross(first, &choose(rest, k - 1, truncated), truncated);
    // … or it is not.
    let mut out = with_first;
    out.extend(choose(rest, k, truncated));
    minimise(out, truncated)
}

/// Drops duplicate ways and ways that are supersets of another way, keeping
/// source order among the rest.
fn minimise(ways: Vec<Way>, truncated: &mut bool) -> Vec<Way> {
    let mut kept: Vec<Way> = Vec::with_capacity(ways.len());
    for way in ways {
        if kept.iter().any(|k| k.is_subset_of(&way)) {
            continue;
        }
        kept.retain(|k| !way.is_subset_of(k));
        kept.push(way);
    }
    if kept.len() > MAX_WAYS {
        *truncated = true;
        let mut ranked: Vec<(usize, Way)> = kept.into_iter().enumerate().collect();
        // Shortest first; among equals, the order they were found in.
        crate::sort::sort_by_key(&mut ranked, |(i, w)| (w.requirements.len(), *i));
        kept = ranked.into_iter().map(|(_, w)| w).collect();
        kept.truncate(MAX_WAYS);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str) -> Node {
        Node {
            applicant: None,
            kind: NodeKind::Document(DocumentRequirement {
                document: id.to_owned(),
                mention: id.to_owned(),
                holder: None,
                min: 1,
                max: None,
                conditions: Vec::new(),
                issuer: None,
                form: Vec::new(),
                scope_checks: Vec::new(),
            }),
        }
    }
    fn all(children: Vec<Node>) -> Node {
        Node {
            applicant: None,
            kind: NodeKind::AllOf { children },
        }
    }
    fn any(children: Vec<Node>) -> Node {
        Node {
            applicant: None,
            kind: NodeKind::AnyOf {
                at_least: 1,
                children,
            },
        }
    }
    fn way_docs(leaf: &LeafWays) -> Vec<Vec<String>> {
        leaf.ways
            .iter()
            .map(|w| {
                w.requirements
                    .iter()
                    .map(|&i| leaf.requirements[i].document.document.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn all_of_any_is_the_cross_product() {
        let rule = all(vec![
            any(vec![doc("a"), doc("b")]),
            any(vec![doc("c"), doc("d")]),
        ]);
        assert_eq!(
            way_docs(&flatten(Some(&rule))),
            [["a", "c"], ["a", "d"], ["b", "c"], ["b", "d"]]
        );
    }

    #[test]
    fn nested_alternatives_flatten_in_source_order() {
        // 临床试验-like: any(any(x, y), all(p, q, any(r, s)))
        let rule = any(vec![
            any(vec![doc("x"), doc("y")]),
            all(vec![doc("p"), doc("q"), any(vec![doc("r"), doc("s")])]),
        ]);
        assert_eq!(
            way_docs(&flatten(Some(&rule))),
            vec![
                vec!["x"],
                vec!["y"],
                vec!["p", "q", "r"],
                vec!["p", "q", "s"]
            ]
        );
    }

    #[test]
    fn at_least_two_of_three() {
        let rule = Node {
            applicant: None,
            kind: NodeKind::AnyOf {
                at_least: 2,
                children: vec![doc("a"), doc("b"), doc("c")],
            },
        };
        assert_eq!(
            way_docs(&flatten(Some(&rule))),
            [["a", "b"], ["a", "c"], ["b", "c"]]
        );
    }

    #[test]
    fn no_rule_is_one_empty_way() {
        let leaf = flatten(None);
        assert_eq!(leaf.ways.len(), 1);
        assert!(leaf.ways[0].requirements.is_empty());
    }
}
