//! Who the applicant is: three-valued reasoning over the kinds it states.
//!
//! The source restricts alternatives to kinds of applicant (银行主体,
//! 非政府/事业单位, 公立医疗主体 …). Matching those labels as flat strings
//! shut a 企业 out of 内资企业主体 and a bank out of 银行机构主体: a label
//! is a statement about the applicant, and what the applicant says may make
//! it true, false, or leave it open. So the catalogue states the kinds with
//! what each implies (`is`) and excludes (exclusive groups, `excludes`), and
//! every label as an expression over kinds; here a profile's stated kinds
//! give every kind a [`Truth`], and every label follows by Kleene logic. An
//! alternative is hidden only on [`Truth::No`]; [`Truth::Unknown`] keeps it
//! open and asks the user to confirm the label.
//!
//! Everything is indexed once at load time; evaluating a profile is a pass
//! over ~100 kinds and ~130 labels, done once per question, so `unlock` over
//! every leaf pays it once.

use serde::{Deserialize, Serialize};

use crate::hash::FastMap;
use crate::model::{CatalogData, KindExpr};

/// How far `is` chains and label expressions may nest; the catalogue's go
/// three deep, so anything beyond is damage.
const MAX_DEPTH: usize = 16;

/// What a profile says about a kind or a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A label expression with kinds as positions.
#[derive(Debug, Clone)]
enum Expr {
    Kind(usize),
    Not(Box<Expr>),
    All(Vec<Expr>),
    Any(Vec<Expr>),
}

impl Expr {
    fn truth(&self, kinds: &[Truth]) -> Truth {
        match self {
            Expr::Kind(k) => kinds.get(*k).copied().unwrap_or(Truth::Unknown),
            Expr::Not(inner) => inner.truth(kinds).not(),
            Expr::All(parts) => {
                let mut out = Truth::Yes;
                for part in parts {
                    match part.truth(kinds) {
                        Truth::No => return Truth::No,
                        Truth::Unknown => out = Truth::Unknown,
                        Truth::Yes => {}
                    }
                }
                out
            }
            Expr::Any(parts) => {
                let mut out = Truth::No;
                for part in parts {
                    match part.truth(kinds) {
                        Truth::Yes => return Truth::Yes,
                        Truth::Unknown => out = Truth::Unknown,
                        Truth::No => {}
                    }
                }
                out
            }
        }
    }

    /// The kinds the expression names, in order.
    fn kinds(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Kind(k) => {
                if !out.contains(k) {
                    out.push(*k)
                }
            }
            Expr::Not(inner) => inner.kinds(out),
            Expr::All(parts) | Expr::Any(parts) => parts.iter().for_each(|p| p.kinds(out)),
        }
    }

    /// When the expression is a conjunction of kinds and negated kinds, those
    /// literals: what stating the label as a fact means.
    fn literals(&self, out: &mut Vec<(usize, bool)>) -> bool {
        match self {
            Expr::Kind(k) => {
                out.push((*k, true));
                true
            }
            Expr::Not(inner) => match inner.as_ref() {
                Expr::Kind(k) => {
                    out.push((*k, false));
                    true
                }
                // Not any of them: not each of them.
                Expr::Any(parts) => parts.iter().all(|p| match p {
                    Expr::Kind(k) => {
                        out.push((*k, false));
                        true
                    }
                    _ => false,
                }),
                _ => false,
            },
            Expr::All(parts) => parts.iter().all(|p| p.literals(out)),
            Expr::Any(_) => false,
        }
    }
}

/// The kind and label registries, indexed for reasoning.
#[derive(Debug, Default)]
pub(crate) struct KindModel {
    /// Per kind: itself and every kind it implies, transitively.
    implied: Vec<Vec<usize>>,
    /// Per kind: the kinds it directly excludes (its exclusive group's other
    /// members and its `excludes`), both ways.
    excludes: Vec<Vec<usize>>,
    kind_index: FastMap<String, usize>,
    labels: Vec<Expr>,
    /// Per label: every kind it names is a row's option (陆运, 自营型).
    label_option: Vec<bool>,
    label_index: FastMap<String, usize>,
}

/// What a profile's stated kinds make of every kind and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assessment {
    pub kinds: Vec<Truth>,
    pub labels: Vec<Truth>,
}

impl KindModel {
    /// Indexes the registries; problems (unknown ids, cycles) are reported, not panicked on.
    pub fn build(data: &CatalogData, problems: &mut Vec<String>) -> KindModel {
        let mut model = KindModel::default();
        for (i, kind) in data.applicant_kinds.iter().enumerate() {
            if model.kind_index.insert(kind.id.clone(), i).is_some() {
                problems.push(format!("applicant kind `{}` appears twice", kind.id));
            }
        }
        let count = data.applicant_kinds.len();
        let position = |id: &str, problems: &mut Vec<String>, context: &str| {
            let found = model.kind_index.get(id).copied();
            if found.is_none() {
                problems.push(format!("{context} names unknown applicant kind `{id}`"));
            }
            found
        };
        let mut direct: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut excludes: Vec<Vec<usize>> = vec![Vec::new(); count];
        let exclusive_groups: Vec<&str> = data
            .applicant_groups
            .iter()
            .filter(|g| g.exclusive)
            .map(|g| g.id.as_str())
            .collect();
        for (i, kind) in data.applicant_kinds.iter().enumerate() {
            let context = format!("kind `{}`", kind.id);
            for parent in &kind.is {
                if let (Some(p), Some(slot)) =
                    (position(parent, problems, &context), direct.get_mut(i))
                {
                    slot.push(p);
                }
            }
            for other in &kind.excludes {
                if let Some(o) = position(other, problems, &context) {
                    add_pair(&mut excludes, i, o);
                }
            }
            if let Some(group) = &kind.group {
                if !data.applicant_groups.iter().any(|g| g.id == *group) {
                    problems.push(format!("{context} names unknown group `{group}`"));
                }
                if exclusive_groups.contains(&group.as_str()) {
                    for (j, other) in data.applicant_kinds.iter().enumerate() {
                        if j != i && other.group.as_deref() == Some(group.as_str()) {
                            add_pair(&mut excludes, i, j);
                        }
                    }
                }
            }
        }
        model.implied = (0..count)
            .map(|k| {
                let mut out = vec![k];
                let mut frontier = vec![(k, 0)];
                while let Some((at, depth)) = frontier.pop() {
                    if depth > MAX_DEPTH {
                        problems.push(format!(
                            "applicant kind `{}`: `is` goes round in a circle",
                            data.applicant_kinds.get(k).map_or("", |x| x.id.as_str())
                        ));
                        break;
                    }
                    for &parent in direct.get(at).map(Vec::as_slice).unwrap_or(&[]) {
                        if !out.contains(&parent) {
                            out.push(parent);
                            frontier.push((parent, depth + 1));
                        }
                    }
                }
                out
            })
            .collect();
        model.excludes = excludes;
        for (i, label) in data.applicant_labels.iter().enumerate() {
            if model.label_index.insert(label.id.clone(), i).is_some() {
                problems.push(format!("applicant label `{}` appears twice", label.id));
            }
            let context = format!("label `{}`", label.id);
            let expr = model.compile(&label.means, 0, problems, &context);
            let mut named = Vec::new();
            expr.kinds(&mut named);
            let option = !named.is_empty()
                && named
                    .iter()
                    .all(|&k| data.applicant_kinds.get(k).is_some_and(|kind| kind.option));
            model.label_option.push(option);
            model.labels.push(expr);
        }
        model
    }

    fn compile(
        &self,
        expr: &KindExpr,
        depth: usize,
        problems: &mut Vec<String>,
        context: &str,
    ) -> Expr {
        if depth > MAX_DEPTH {
            problems.push(format!("{context}: the expression nests too deep"));
            return Expr::Any(Vec::new());
        }
        match expr {
            KindExpr::Kind(id) => match self.kind_index.get(id) {
                Some(&k) => Expr::Kind(k),
                None => {
                    problems.push(format!("{context} names unknown applicant kind `{id}`"));
                    Expr::Any(Vec::new())
                }
            },
            KindExpr::Not(inner) => {
                Expr::Not(Box::new(self.compile(inner, depth + 1, problems, context)))
            }
            KindExpr::All(parts) => Expr::All(
                parts
                    .iter()
                    .map(|p| self.compile(p, depth + 1, problems, context))
                    .collect(),
            ),
            KindExpr::Any(parts) => Expr::Any(
                parts
                    .iter()
                    .map(|p| self.compile(p, depth + 1, problems, context))
                    .collect(),
            ),
        }
    }

    pub fn kind_position(&self, id: &str) -> Option<usize> {
        self.kind_index.get(id).copied()
    }

    pub fn label_position(&self, id: &str) -> Option<usize> {
        self.label_index.get(id).copied()
    }

    /// The truth of every kind and label, given the kinds stated to be true
    /// (`asserted`) and false (`denied`). Unknown ids are ignored.
    pub fn assess(&self, asserted: &[usize], denied: &[usize]) -> Assessment {
        let count = self.implied.len();
        let mut holds = vec![false; count];
        for &k in asserted {
            for &implied in self.implied.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = holds.get_mut(implied) {
                    *slot = true;
                }
            }
        }
        let kinds: Vec<Truth> = (0..count)
            .map(|k| {
                if holds.get(k).copied().unwrap_or(false) {
                    return Truth::Yes;
                }
                let implied = self.implied.get(k).map(Vec::as_slice).unwrap_or(&[]);
                // k implies each of `implied`: if any of them is false, so is k.
                let contradicted = implied.iter().any(|&a| {
                    denied.contains(&a)
                        || self
                            .excludes
                            .get(a)
                            .is_some_and(|ex| ex.iter().any(|&x| holds.get(x) == Some(&true)))
                });
                if contradicted {
                    Truth::No
                } else {
                    Truth::Unknown
                }
            })
            .collect();
        let labels = self.labels.iter().map(|e| e.truth(&kinds)).collect();
        Assessment { kinds, labels }
    }

    /// Pairs of stated kinds that cannot both hold (企业 and 政府机关), or a
    /// kind stated both to hold and not to: a profile that says them is contradictory.
    /// Each pair is (stated kind, other kind, whether the other was stated
    /// to hold — `false`: it was denied).
    pub fn contradictions(
        &self,
        asserted: &[usize],
        denied: &[usize],
    ) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        for (i, &a) in asserted.iter().enumerate() {
            let alone = self.assess(&[a], &[]);
            for &d in denied {
                if alone.kinds.get(d) == Some(&Truth::Yes) {
                    out.push((a, d, false));
                }
            }
            for &b in asserted.iter().skip(i + 1) {
                if alone.kinds.get(b) == Some(&Truth::No) {
                    out.push((a, b, true));
                }
            }
        }
        out
    }

    /// Whether a label names only options of a row (陆运, 自营型).
    pub fn label_is_option(&self, label: usize) -> bool {
        self.label_option.get(label).copied().unwrap_or(false)
    }

    /// What stating a label as a fact means, when it is a conjunction of
    /// kinds and negated kinds (非银行主体 → not 银行); `None` when it offers a
    /// choice (银行机构主体/非银行金融机构主体) the user must make.
    pub fn label_literals(&self, label: usize) -> Option<Vec<(usize, bool)>> {
        let mut out = Vec::new();
        self.labels
            .get(label)
            .filter(|e| e.literals(&mut out))
            .map(|_| out)
    }

    /// The kinds a label names, in order (to list the choices it offers).
    pub fn label_kinds(&self, label: usize) -> Vec<usize> {
        let mut out = Vec::new();
        if let Some(expr) = self.labels.get(label) {
            expr.kinds(&mut out);
        }
        out
    }

    /// The stated kinds that make a label false: those without which it
    /// would no longer be false. Used to explain a hidden alternative.
    pub fn reasons_against(
        &self,
        label: usize,
        asserted: &[usize],
        denied: &[usize],
    ) -> Vec<usize> {
        let Some(expr) = self.labels.get(label) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, &k) in asserted.iter().enumerate() {
            let rest: Vec<usize> = asserted
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, &x)| x)
                .collect();
            if expr.truth(&self.assess(&rest, denied).kinds) != Truth::No {
                out.push(k);
            }
        }
        for (i, &k) in denied.iter().enumerate() {
            let rest: Vec<usize> = denied
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, &x)| x)
                .collect();
            if expr.truth(&self.assess(asserted, &rest).kinds) != Truth::No {
                out.push(k);
            }
        }
        out
    }
}

fn add_pair(excludes: &mut [Vec<usize>], a: usize, b: usize) {
    if let Some(list) = excludes.get_mut(a)
        && !list.contains(&b)
    {
        list.push(b);
    }
    if let Some(list) = excludes.get_mut(b)
        && !list.contains(&a)
    {
        list.push(a);
    }
}
