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

use std::collections::HashMap;

use leimu_engine::model::{ApplicantKind, CatalogData, KindExpr, Leaf, Node, NodeKind};

use crate::derive::{
    conditional_sentences, derive_label, derive_rule, prerequisite_sentences, sentence_core,
};
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
    /// Labels whose hand-entered meaning differs from the parser's reading.
    #[serde(default)]
    pub label: Vec<LabelResolution>,
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

// ---------------------------------------------------------------------------
// Applicant labels: the hand-entered `means` against the parser's reading

/// A label whose hand-entered meaning and the parser's reading differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDisagreement {
    /// The label, verbatim.
    pub text: String,
    pub hand: String,
    /// `None` when the parser cannot read the label.
    pub derived: Option<String>,
    /// Statements about the applicant on which the two meanings differ.
    pub differences: Vec<String>,
}

/// A meaning written as in `applicant-kinds.toml`.
pub fn describe_expression(expr: &KindExpr) -> String {
    match expr {
        KindExpr::Kind(id) => id.clone(),
        KindExpr::Not(inner) => format!("!{}", grouped(inner)),
        KindExpr::All(parts) => parts.iter().map(grouped).collect::<Vec<_>>().join(" & "),
        KindExpr::Any(parts) => parts.iter().map(grouped).collect::<Vec<_>>().join(" | "),
    }
}

fn grouped(expr: &KindExpr) -> String {
    match expr {
        KindExpr::All(parts) | KindExpr::Any(parts) if parts.len() > 1 => {
            format!("({})", describe_expression(expr))
        }
        _ => describe_expression(expr),
    }
}

/// What some statements about the applicant make of every kind, read off
/// the registry on its own (the engine's `kinds.rs` is not used, so the
/// comparison is a second reading of the registry too): a kind is true when
/// a stated kind `is` it; false when it is denied, or shares an exclusive
/// group with a true kind, or is excluded by one, or `is` a false kind.
struct Reasoner<'a> {
    data: &'a CatalogData,
}

impl Reasoner<'_> {
    fn kind(&self, id: &str) -> Option<&ApplicantKind> {
        self.data.applicant_kinds.iter().find(|k| k.id == id)
    }

    /// A kind and everything it `is`, transitively.
    fn ancestors(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_owned()];
        let mut at = 0;
        while let Some(current) = out.get(at).cloned() {
            for parent in self
                .kind(&current)
                .map(|k| k.is.clone())
                .unwrap_or_default()
            {
                if !out.contains(&parent) {
                    out.push(parent);
                }
            }
            at += 1;
        }
        out
    }

    fn truths(&self, yes: &[&str], no: &[&str]) -> HashMap<String, Option<bool>> {
        let exclusive = |group: &Option<String>| {
            group.as_ref().is_some_and(|g| {
                self.data
                    .applicant_groups
                    .iter()
                    .any(|x| &x.id == g && x.exclusive)
            })
        };
        let true_kinds: Vec<String> = yes.iter().flat_map(|k| self.ancestors(k)).collect();
        let mut false_kinds: Vec<String> = no.iter().map(|k| (*k).to_owned()).collect();
        for t in &true_kinds {
            let Some(tk) = self.kind(t) else { continue };
            for other in &self.data.applicant_kinds {
                let same_group =
                    exclusive(&tk.group) && other.group == tk.group && other.id != tk.id;
                if same_group || tk.excludes.contains(&other.id) || other.excludes.contains(t) {
                    false_kinds.push(other.id.clone());
                }
            }
        }
        self.data
            .applicant_kinds
            .iter()
            .map(|k| {
                let truth = if true_kinds.contains(&k.id) {
                    Some(true)
                } else if self
                    .ancestors(&k.id)
                    .iter()
                    .any(|a| false_kinds.contains(a))
                {
                    Some(false)
                } else {
                    None
                };
                (k.id.clone(), truth)
            })
            .collect()
    }
}

/// Kleene logic over the truths of kinds.
fn evaluate_expression(expr: &KindExpr, truths: &HashMap<String, Option<bool>>) -> Option<bool> {
    match expr {
        KindExpr::Kind(id) => truths.get(id).copied().flatten(),
        KindExpr::Not(inner) => evaluate_expression(inner, truths).map(|t| !t),
        KindExpr::All(parts) => {
            let values: Vec<Option<bool>> = parts
                .iter()
                .map(|p| evaluate_expression(p, truths))
                .collect();
            if values.contains(&Some(false)) {
                Some(false)
            } else if values.iter().all(|v| *v == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        KindExpr::Any(parts) => {
            let values: Vec<Option<bool>> = parts
                .iter()
                .map(|p| evaluate_expression(p, truths))
                .collect();
            if values.contains(&Some(true)) {
                Some(true)
            } else if values.iter().all(|v| *v == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
    }
}

fn truth_word(truth: Option<bool>) -> &'static str {
    match truth {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// Every label whose hand-entered meaning differs from the parser's reading
/// of its text, compared by what they say: the truth of each under every
/// single statement "we are X" and "we are not X" (and none).
pub fn label_report(data: &CatalogData) -> Vec<LabelDisagreement> {
    let kind_of = |word: &str| -> Option<String> {
        data.applicant_kinds
            .iter()
            .find(|k| k.words.iter().any(|w| w == word))
            .map(|k| k.id.clone())
    };
    let reasoner = Reasoner { data };
    let mut statements: Vec<(String, HashMap<String, Option<bool>>)> =
        vec![("nothing said".to_owned(), reasoner.truths(&[], &[]))];
    for kind in &data.applicant_kinds {
        statements.push((
            format!("is {}", kind.name),
            reasoner.truths(&[&kind.id], &[]),
        ));
        statements.push((
            format!("is not {}", kind.name),
            reasoner.truths(&[], &[&kind.id]),
        ));
    }
    let mut report = Vec::new();
    for label in &data.applicant_labels {
        let derived = derive_label(&label.text, &kind_of);
        let differences: Vec<String> = match &derived {
            None => vec!["the parser cannot read the label".to_owned()],
            Some(derived) => statements
                .iter()
                .filter_map(|(said, truths)| {
                    let hand = evaluate_expression(&label.means, truths);
                    let parser = evaluate_expression(derived, truths);
                    (hand != parser).then(|| {
                        format!(
                            "{said}: {} by hand, {} by the parser",
                            truth_word(hand),
                            truth_word(parser)
                        )
                    })
                })
                .collect(),
        };
        if !differences.is_empty() {
            report.push(LabelDisagreement {
                text: label.text.clone(),
                hand: describe_expression(&label.means),
                derived: derived.as_ref().map(describe_expression),
                differences,
            });
        }
    }
    report
}

/// One label disagreement settled by reading the source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelResolution {
    /// The label, verbatim.
    pub text: String,
    /// `hand` or `ambiguous`, as for rows.
    pub resolution: String,
    pub why: String,
}

/// Checks the label resolutions against the report, both ways.
pub fn check_label_resolutions(
    report: &[LabelDisagreement],
    resolutions: &ResolutionsFile,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut listed = BTreeSet::new();
    for r in &resolutions.label {
        if !listed.insert(r.text.as_str()) {
            problems.push(format!("label `{}` is listed twice", r.text));
        }
        if !["hand", "ambiguous"].contains(&r.resolution.as_str()) {
            problems.push(format!(
                "label `{}`: resolution must be \"hand\" or \"ambiguous\", not {:?}",
                r.text, r.resolution
            ));
        }
        if r.why.trim().is_empty() {
            problems.push(format!("label `{}`: say why, citing the source", r.text));
        }
    }
    for d in report {
        if !listed.contains(d.text.as_str()) {
            let shown = d.differences.len().min(4);
            problems.push(format!(
                "label `{}`: the hand-entered meaning `{}` and the parser's `{}` differ and double-entry.toml does not list it:\n  {}{}",
                d.text,
                d.hand,
                d.derived.as_deref().unwrap_or("(none)"),
                d.differences.iter().take(shown).cloned().collect::<Vec<_>>().join("\n  "),
                if d.differences.len() > shown {
                    format!("\n  … and {} more", d.differences.len() - shown)
                } else {
                    String::new()
                }
            ));
        }
    }
    let disagreeing: BTreeSet<&str> = report.iter().map(|d| d.text.as_str()).collect();
    for text in listed.difference(&disagreeing) {
        problems.push(format!(
            "label `{text}` is listed in double-entry.toml but the two meanings now agree: remove the stale entry"
        ));
    }
    problems
}

// ---------------------------------------------------------------------------
// Prerequisites: the sentences the parser finds against the rows' entries

/// Every place where the prerequisite sentences of a leaf's notes and
/// requirement and its `prerequisites` differ, both ways, and every
/// prerequisite whose category is not what the sentence's 【…】 resolves to.
pub fn prerequisite_report(data: &CatalogData) -> Vec<String> {
    let mut problems = Vec::new();
    for leaf in &data.leaves {
        let found: Vec<&str> = prerequisite_sentences(&leaf.notes)
            .into_iter()
            .chain(prerequisite_sentences(&leaf.requirement_text))
            .collect();
        let entered: Vec<&str> = leaf
            .prerequisites
            .iter()
            .map(|p| sentence_core(&p.text))
            .collect();
        for sentence in &found {
            if !entered.contains(sentence) {
                problems.push(format!(
                    "{}: the source says “{sentence}”, but the row lists no such prerequisite",
                    leaf.id
                ));
            }
        }
        for sentence in &entered {
            if !found.contains(sentence) {
                problems.push(format!(
                    "{}: the row lists the prerequisite “{sentence}”, which the parser finds in neither its notes nor its requirement",
                    leaf.id
                ));
            }
        }
        for prerequisite in &leaf.prerequisites {
            let named: Vec<&String> = leaf
                .references
                .iter()
                .filter(|r| prerequisite.text.contains(&r.text))
                .flat_map(|r| &r.to)
                .collect();
            if named != [&prerequisite.category] {
                problems.push(format!(
                    "{}: the prerequisite “{}” is `{}`, but its 【…】 resolves to {named:?}",
                    leaf.id, prerequisite.text, prerequisite.category
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// Conditional sentences and where each went

/// Where a conditional sentence of the source went in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Destination {
    /// A `prerequisites` entry of its row: the category it requires.
    Prerequisite(String),
    /// A `situation` of its row (`blocks`: the category does not cover it;
    /// `documents`: it adds documents to every way when it applies).
    Situation { blocks: bool, documents: bool },
    /// A `cond` of its row's rule, verbatim.
    Condition(String),
    /// An instruction for the email application of an email-only row.
    EmailApplication,
    /// An instruction for after the category is approved (or for the code
    /// review that follows): nothing to hold before applying.
    AfterApproval,
    /// It sends the applicant to other categories, resolved by the row's
    /// 【…】 references (or names in “…” that are categories).
    Redirect(Vec<String>),
    /// It sends the applicant to categories it describes without naming
    /// any (需选择对应医疗类目): nothing to resolve, nothing added here.
    RedirectUnnamed,
    /// None of the above: the sentence would be lost.
    Nowhere,
}

/// A conditional sentence, the leaves whose cell holds it, and its destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionalSentence {
    /// Leaf ids (a cell shared by third levels holds it once for all).
    pub leaves: Vec<String>,
    /// `notes` or `requirement`.
    pub cell: &'static str,
    /// The sentence, verbatim.
    pub text: String,
    pub destination: Destination,
}

fn rule_conditions<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match &node.kind {
        NodeKind::Document(d) => out.extend(d.conditions.iter().map(String::as_str)),
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            children.iter().for_each(|c| rule_conditions(c, out))
        }
    }
}

fn destination(data: &CatalogData, leaf: &Leaf, sentence: &str) -> Destination {
    let core = sentence_core(sentence);
    if let Some(p) = leaf
        .prerequisites
        .iter()
        .find(|p| sentence_core(&p.text) == core)
    {
        return Destination::Prerequisite(p.category.clone());
    }
    let overlaps = |other: &str| {
        let other = sentence_core(other);
        other.chars().count() >= 6 && (core.contains(other) || other.contains(core))
    };
    if let Some(s) = leaf.situations.iter().find(|s| overlaps(&s.text)) {
        return Destination::Situation {
            blocks: s.blocks,
            documents: s.rule.is_some(),
        };
    }
    let mut conditions = Vec::new();
    if let Some(rule) = &leaf.rule {
        rule_conditions(rule, &mut conditions);
    }
    if let Some(c) = conditions
        .iter()
        .find(|c| c.chars().count() >= 4 && overlaps(c))
    {
        return Destination::Condition((*c).to_owned());
    }
    if leaf.email_only && sentence.contains("邮箱") {
        return Destination::EmailApplication;
    }
    if sentence.contains("申请通过后") || sentence.contains("首次提交代码审核") {
        return Destination::AfterApproval;
    }
    if ["需选择", "可选择", "建议选", "需补充"]
        .iter()
        .any(|w| sentence.contains(w))
    {
        if sentence.contains('【') {
            let mut to: Vec<String> = leaf
                .references
                .iter()
                .filter(|r| sentence.contains(&r.text))
                .flat_map(|r| r.to.iter().cloned())
                .collect();
            to.dedup();
            return if to.is_empty() {
                Destination::Nowhere
            } else {
                Destination::Redirect(to)
            };
        }
        // “三级私立医疗机构”: a quoted name that is a category's own name.
        let mut to: Vec<String> = Vec::new();
        for quoted in sentence
            .split('“')
            .skip(1)
            .filter_map(|q| q.split('”').next())
        {
            let named: Vec<&Leaf> = data
                .leaves
                .iter()
                .filter(|l| {
                    l.path.get(1).is_some_and(|n| n == quoted)
                        || l.path.last().is_some_and(|n| n == quoted)
                })
                .collect();
            to.extend(named.iter().map(|l| l.id.clone()));
        }
        to.dedup();
        return if to.is_empty() {
            Destination::RedirectUnnamed
        } else {
            Destination::Redirect(to)
        };
    }
    Destination::Nowhere
}

/// Every conditional sentence of every notes and requirement cell (found by
/// [`conditional_sentences`]) and where it went, in source order; a cell
/// shared by several leaves gives one entry per sentence.
pub fn conditional_sentence_report(data: &CatalogData) -> Vec<ConditionalSentence> {
    let mut report: Vec<ConditionalSentence> = Vec::new();
    for leaf in &data.leaves {
        for (cell, text) in [
            ("requirement", &leaf.requirement_text),
            ("notes", &leaf.notes),
        ] {
            for sentence in conditional_sentences(text) {
                let destination = destination(data, leaf, sentence);
                // The same cell of the row above (third levels share cells).
                let shared = report.iter_mut().rev().take(40).find(|e| {
                    e.cell == cell
                        && e.text == sentence
                        && e.destination == destination
                        && e.leaves
                            .last()
                            .and_then(|id| data.leaves.iter().find(|l| &l.id == id))
                            .is_some_and(|l| {
                                (if cell == "notes" {
                                    &l.notes
                                } else {
                                    &l.requirement_text
                                }) == text
                                    && l.path.get(..2) == leaf.path.get(..2)
                            })
                });
                match shared {
                    Some(entry) => entry.leaves.push(leaf.id.clone()),
                    None => report.push(ConditionalSentence {
                        leaves: vec![leaf.id.clone()],
                        cell,
                        text: sentence.to_owned(),
                        destination,
                    }),
                }
            }
        }
    }
    report
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
            label: Vec::new(),
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
