//! Double entry of the rules: the hand-entered tree of every row compared
//! with the tree [`crate::derive`] reads off the same requirement text.
//!
//! Two readings made independently rarely make the same mistake, so every
//! place where they differ is a place to read the source again. What does
//! not change the meaning is normalised away before comparing: the order of
//! siblings, all-in-all / any-in-any nesting, single-child groups, 《》 around
//! a mention, the wording of holders and conditions (only their presence and
//! number are compared; their text is checked verbatim elsewhere). A cell
//! the source merges across third levels, with one labelled part per third
//! level, is compared part by part. The disagreements that remain after reading the source are listed, with the
//! reason, in `catalog/double-entry.toml`; the test `tests/double_entry.rs`
//! keeps that list exact in both directions.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::derive::derive_rule;
use crate::mentions::mention_key;
use crate::rule::{RuleKind, RuleNode, parse_rule};
use crate::source::CatalogSource;

/// One row where the two entries differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The id of the row's first leaf.
    pub id: String,
    pub differences: Vec<String>,
    /// Both trees in the rule language (empty when one could not be built).
    pub hand: String,
    pub derived: String,
}

/// A tree reduced to what carries meaning; children sorted, so equal trees are equal values.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Norm {
    shape: Shape,
    applicant: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Doc {
        key: String,
        holder: bool,
        min: Option<u32>,
        max: Option<u32>,
        conditions: usize,
        issuer: bool,
        form: usize,
    },
    All(Vec<Norm>),
    Any(u32, Vec<Norm>),
}

impl Norm {
    fn of(node: &RuleNode) -> Norm {
        let applicant = node.attributes.applicant.clone();
        let shape = match &node.kind {
            RuleKind::Doc { mention } => Shape::Doc {
                key: mention_key(mention),
                holder: node.attributes.holder.is_some(),
                min: node.attributes.min,
                max: node.attributes.max,
                conditions: node.attributes.conditions.len(),
                issuer: node.attributes.issuer.is_some(),
                form: node.attributes.form.len(),
            },
            RuleKind::All(children) => {
                Shape::All(flatten(children, |s| matches!(s, Shape::All(_))))
            }
            RuleKind::Any { at_least, children } => {
                let at_least = *at_least;
                Shape::Any(
                    at_least,
                    flatten(children, |s| at_least == 1 && matches!(s, Shape::Any(1, _))),
                )
            }
        };
        Norm { shape, applicant }.unwrap_single()
    }

    /// A group of one is its child (the group's label moves down when the child has none).
    fn unwrap_single(self) -> Norm {
        let single = match &self.shape {
            Shape::All(c) | Shape::Any(1, c) if c.len() == 1 => c.first().cloned(),
            _ => None,
        };
        match single {
            Some(child) if child.applicant.is_none() || self.applicant.is_none() => Norm {
                applicant: child.applicant.or(self.applicant),
                shape: child.shape,
            },
            _ => self,
        }
    }

    fn describe(&self) -> String {
        let label = self
            .applicant
            .as_ref()
            .map(|a| format!(" for=\"{a}\""))
            .unwrap_or_default();
        match &self.shape {
            Shape::Doc {
                key,
                holder,
                min,
                max,
                conditions,
                issuer,
                form,
            } => {
                let mut out = format!("doc \"{key}\"{label}");
                if *issuer {
                    out.push_str(" issuer");
                }
                if *form > 0 {
                    let _ = write!(out, " form×{form}");
                }
                if *holder {
                    out.push_str(" holder");
                }
                if let Some(n) = min {
                    let _ = write!(out, " min={n}");
                }
                if let Some(n) = max {
                    let _ = write!(out, " max={n}");
                }
                if *conditions > 0 {
                    let _ = write!(out, " cond×{conditions}");
                }
                out
            }
            Shape::All(children) => format!("all{label}[{}]", describe_all(children)),
            Shape::Any(1, children) => format!("any{label}[{}]", describe_all(children)),
            Shape::Any(k, children) => format!("at-least {k}{label}[{}]", describe_all(children)),
        }
    }

    fn heading(&self) -> String {
        let label = self
            .applicant
            .as_ref()
            .map(|a| format!(" for=\"{a}\""))
            .unwrap_or_default();
        match &self.shape {
            Shape::Doc { key, .. } => format!("doc \"{key}\"{label}"),
            Shape::All(_) => format!("all{label}"),
            Shape::Any(1, _) => format!("any{label}"),
            Shape::Any(k, _) => format!("at-least {k}{label}"),
        }
    }

    fn children(&self) -> &[Norm] {
        match &self.shape {
            Shape::All(c) | Shape::Any(_, c) => c,
            Shape::Doc { .. } => &[],
        }
    }
}

fn describe_all(nodes: &[Norm]) -> String {
    nodes
        .iter()
        .map(Norm::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Normalises children, splices unlabelled children of the same kind, sorts.
fn flatten(children: &[RuleNode], same: impl Fn(&Shape) -> bool) -> Vec<Norm> {
    let mut out = Vec::new();
    for child in children.iter().map(Norm::of) {
        if child.applicant.is_none() && same(&child.shape) {
            out.extend(child.children().iter().cloned());
        } else {
            out.push(child);
        }
    }
    out.sort();
    out
}

/// The differences between a hand-entered and a derived tree, after normalising.
pub fn compare(hand: &RuleNode, derived: &RuleNode) -> Vec<String> {
    let mut out = Vec::new();
    diff(&Norm::of(hand), &Norm::of(derived), "root", &mut out);
    out
}

fn diff(hand: &Norm, derived: &Norm, path: &str, out: &mut Vec<String>) {
    if hand == derived {
        return;
    }
    if hand.applicant != derived.applicant {
        out.push(format!(
            "{path}: for={:?} by hand, for={:?} by the parser",
            hand.applicant, derived.applicant
        ));
    }
    match (&hand.shape, &derived.shape) {
        (Shape::Doc { key: a, .. }, Shape::Doc { key: b, .. }) if a != b => {
            out.push(format!(
                "{path}: hand has {}, parser has {}",
                hand.describe(),
                derived.describe()
            ));
        }
        (Shape::Doc { .. }, Shape::Doc { .. }) => diff_doc(hand, derived, path, out),
        (Shape::All(a), Shape::All(b)) => {
            diff_children(a, b, &format!("{path} > {}", hand.heading()), out)
        }
        (Shape::Any(j, a), Shape::Any(k, b)) if j == k => {
            diff_children(a, b, &format!("{path} > {}", hand.heading()), out)
        }
        _ => out.push(format!(
            "{path}: hand has {}, parser has {}",
            hand.describe(),
            derived.describe()
        )),
    }
}

fn diff_doc(hand: &Norm, derived: &Norm, path: &str, out: &mut Vec<String>) {
    let (
        Shape::Doc {
            key,
            holder: h1,
            min: n1,
            max: x1,
            conditions: c1,
            issuer: i1,
            form: f1,
        },
        Shape::Doc {
            holder: h2,
            min: n2,
            max: x2,
            conditions: c2,
            issuer: i2,
            form: f2,
            ..
        },
    ) = (&hand.shape, &derived.shape)
    else {
        return;
    };
    let at = format!("{path} > doc \"{key}\"");
    if h1 != h2 {
        out.push(format!(
            "{at}: holder {} by hand, {} by the parser",
            present(*h1),
            present(*h2)
        ));
    }
    if (n1, x1) != (n2, x2) {
        out.push(format!(
            "{at}: count {} by hand, {} by the parser",
            count(*n1, *x1),
            count(*n2, *x2)
        ));
    }
    if c1 != c2 {
        out.push(format!(
            "{at}: {c1} condition(s) by hand, {c2} by the parser"
        ));
    }
    if i1 != i2 {
        out.push(format!(
            "{at}: issuer {} by hand, {} by the parser",
            present(*i1),
            present(*i2)
        ));
    }
    if f1 != f2 {
        out.push(format!(
            "{at}: {f1} form note(s) by hand, {f2} by the parser"
        ));
    }
}

fn present(yes: bool) -> &'static str {
    if yes { "present" } else { "absent" }
}

fn count(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (None, None) => "none".into(),
        (Some(n), None) => format!("min={n}"),
        (n, Some(x)) => format!("min={} max={x}", n.unwrap_or(1)),
    }
}

/// Pairs the children that differ (same document first, then same label,
/// then same kind) and compares the pairs; the rest is missing on one side.
fn diff_children(hand: &[Norm], derived: &[Norm], path: &str, out: &mut Vec<String>) {
    let mut only_hand: Vec<&Norm> = Vec::new();
    let mut only_derived: Vec<&Norm> = derived.iter().collect();
    for h in hand {
        match only_derived.iter().position(|d| *d == h) {
            Some(i) => {
                only_derived.remove(i);
            }
            None => only_hand.push(h),
        }
    }
    for h in only_hand {
        let best = only_derived
            .iter()
            .enumerate()
            .map(|(i, d)| (similarity(h, d), i))
            .filter(|(score, _)| *score > 0)
            .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)));
        match best {
            Some((_, i)) => {
                let d = only_derived.remove(i);
                diff(h, d, path, out);
            }
            None => out.push(format!("{path}: only the hand entry has {}", h.describe())),
        }
    }
    for d in only_derived {
        out.push(format!("{path}: only the parser has {}", d.describe()));
    }
}

fn similarity(a: &Norm, b: &Norm) -> u32 {
    match (&a.shape, &b.shape) {
        (Shape::Doc { key: x, .. }, Shape::Doc { key: y, .. }) if x == y => 4,
        _ if a.applicant.is_some() && a.applicant == b.applicant => 3,
        (Shape::All(_), Shape::All(_)) | (Shape::Any(..), Shape::Any(..)) => {
            1 + shared_documents(a, b).min(1)
        }
        _ => 0,
    }
}

fn shared_documents(a: &Norm, b: &Norm) -> u32 {
    let keys = |n: &Norm| {
        let mut set = BTreeSet::new();
        collect_keys(n, &mut set);
        set
    };
    let shared = keys(a).intersection(&keys(b)).count();
    u32::try_from(shared).unwrap_or(u32::MAX)
}

fn collect_keys(n: &Norm, into: &mut BTreeSet<String>) {
    if let Shape::Doc { key, .. } = &n.shape {
        into.insert(key.clone());
    }
    for c in n.children() {
        collect_keys(c, into);
    }
}

/// Compares every row that has a rule. Rows whose rule does not parse are
/// reported by the validator; here they are a disagreement too, so the
/// report never silently skips a row.
pub fn double_entry_report(catalog: &CatalogSource) -> Vec<Disagreement> {
    let mut report = Vec::new();
    for file in &catalog.categories {
        for row in &file.value.row {
            let Some(rule) = &row.rule else { continue };
            let id = row
                .leaves()
                .first()
                .map(|(_, id)| id.get_ref().clone())
                .unwrap_or_default();
            let hand = parse_rule(rule.get_ref());
            // Only third levels share a merged cell; an l2 name may well be an applicant label.
            let names: Vec<&str> = row
                .l3
                .iter()
                .flatten()
                .map(|t| t.name.get_ref().as_str())
                .collect();
            let derived = derive_rule(row.requirement.get_ref()).map(|d| leaf_part(d, &names));
            let (differences, hand_text, derived_text) = match (&hand, &derived) {
                (Ok(h), Ok(d)) => (compare(h, d), h.to_text(), d.to_text()),
                (Err(errors), _) => {
                    let messages = errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ");
                    (
                        vec![format!("the hand-entered rule does not parse: {messages}")],
                        String::new(),
                        String::new(),
                    )
                }
                (Ok(h), Err(e)) => (
                    vec![format!("the parser derives no rule: {e}")],
                    h.to_text(),
                    String::new(),
                ),
            };
            if !differences.is_empty() {
                report.push(Disagreement {
                    id,
                    differences,
                    hand: hand_text,
                    derived: derived_text,
                });
            }
        }
    }
    report
}

/// A cell merged across third levels whose parts are labelled with the
/// third-level names ("一、发行方（2选1）… 二、预付卡代售（同时符合）…"):
/// each row's rule is the part labelled with its own name, without the label.
fn leaf_part(derived: RuleNode, names: &[&str]) -> RuleNode {
    let is_leaf_part = |child: &RuleNode| {
        child
            .attributes
            .applicant
            .as_deref()
            .is_some_and(|a| names.contains(&a))
    };
    let part = derived.children().iter().find(|c| is_leaf_part(c)).cloned();
    match part {
        Some(mut part)
            if derived
                .children()
                .iter()
                .all(|c| c.attributes.applicant.is_some()) =>
        {
            part.attributes.applicant = None;
            part
        }
        _ => derived,
    }
}

/// The number of rows `double_entry_report` compares (rows with a rule).
pub fn rows_compared(catalog: &CatalogSource) -> usize {
    catalog
        .categories
        .iter()
        .flat_map(|f| &f.value.row)
        .filter(|r| r.rule.is_some())
        .count()
}

/// `catalog/double-entry.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionsFile {
    #[serde(default)]
    pub disagreement: Vec<Resolution>,
}

/// One disagreement settled by reading the source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub id: String,
    /// `hand`: the hand entry is right and the parser cannot read this case;
    /// `ambiguous`: the source can be read both ways.
    pub resolution: String,
    pub why: String,
}

/// Checks the resolutions against the report: every disagreement listed,
/// every listed row still disagreeing, every entry well formed. Returns the problems.
pub fn check_resolutions(report: &[Disagreement], resolutions: &ResolutionsFile) -> Vec<String> {
    let mut problems = Vec::new();
    let mut listed = BTreeSet::new();
    for r in &resolutions.disagreement {
        if !listed.insert(r.id.as_str()) {
            problems.push(format!("`{}` is listed twice in double-entry.toml", r.id));
        }
        if !["hand", "ambiguous"].contains(&r.resolution.as_str()) {
            problems.push(format!(
                "`{}`: resolution must be \"hand\" or \"ambiguous\", not {:?}",
                r.id, r.resolution
            ));
        }
        if r.why.trim().is_empty() {
            problems.push(format!("`{}`: say why, citing the source", r.id));
        }
    }
    let disagreeing: BTreeSet<&str> = report.iter().map(|d| d.id.as_str()).collect();
    for d in report {
        if !listed.contains(d.id.as_str()) {
            problems.push(format!(
                "`{}`: the hand entry and the parser disagree and double-entry.toml does not list it:\n  {}\nhand:\n{}parser:\n{}",
                d.id,
                d.differences.join("\n  "),
                d.hand,
                d.derived
            ));
        }
    }
    for id in listed.difference(&disagreeing) {
        problems.push(format!("`{id}` is listed in double-entry.toml but the two entries now agree: remove the stale entry"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> RuleNode {
        parse_rule(text).unwrap()
    }

    #[test]
    fn order_nesting_and_brackets_do_not_matter() {
        let a = rule(
            "any\n  doc \"《甲》\" for=\"政府\"\n  all\n    doc \"乙\"\n    all\n      doc \"丙\" cond=\"x\"\n",
        );
        let b = rule(
            "any\n  all\n    doc \"丙\" cond=\"y\"\n    doc \"《乙》\"\n  doc \"甲\" for=\"政府\"\n",
        );
        assert_eq!(compare(&a, &b), Vec::<String>::new());
    }

    #[test]
    fn differences_are_reported() {
        let hand = rule("all\n  doc \"《甲》\" holder=\"合作方\" min=2\n  doc \"乙\"\n");
        let derived = rule("any\n  doc \"《甲》\"\n  doc \"乙\"\n");
        assert_eq!(compare(&hand, &derived).len(), 1);
        let derived = rule("all\n  doc \"《甲》\"\n  doc \"丁\" cond=\"c\"\n");
        let differences = compare(&hand, &derived);
        for expected in [
            "holder present by hand",
            "count min=2 by hand, none",
            "only the hand entry has doc \"乙\"",
            "only the parser has doc \"丁\" cond×1",
        ] {
            assert!(
                differences.iter().any(|d| d.contains(expected)),
                "{expected}: {differences:?}"
            );
        }
    }

    #[test]
    fn resolutions_must_match_the_report() {
        let report = vec![Disagreement {
            id: "a.b".into(),
            differences: vec!["x".into()],
            hand: String::new(),
            derived: String::new(),
        }];
        let listed = |ids: &[&str]| ResolutionsFile {
            disagreement: ids
                .iter()
                .map(|id| Resolution {
                    id: (*id).into(),
                    resolution: "hand".into(),
                    why: "the source says so".into(),
                })
                .collect(),
        };
        assert!(check_resolutions(&report, &listed(&["a.b"])).is_empty());
        assert_eq!(check_resolutions(&report, &listed(&[])).len(), 1);
        assert_eq!(check_resolutions(&[], &listed(&["a.b"])).len(), 1);
        assert_eq!(
            check_resolutions(&report, &listed(&["a.b", "a.b"])).len(),
            1
        );
    }
}
