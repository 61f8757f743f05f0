//! Verdicts: does a profile satisfy a category, and if not, what is missing.
//!
//! Every answer carries its reasons (cedar's `Response { decision,
//! diagnostics }` is the model): the way that satisfied the rule, or every
//! shortest completion — never only the first failing branch — plus the
//! conditions and applicant kinds the user still has to confirm, each with the
//! verbatim words of the source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::model::{DocumentRequirement, Leaf};
use crate::ways::{LeafWays, Way};

/// What an applicant holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Documents the applicant itself holds: document id → how many (agreements with two schools → 2).
    #[serde(default)]
    pub applicant: BTreeMap<String, u32>,
    /// Documents the applicant's partners hold: document id → how many partners hold one.
    #[serde(default)]
    pub partners: BTreeMap<String, u32>,
    /// The kinds of applicant it is (applicant-kind ids). Empty: not said, every alternative stays open.
    #[serde(default)]
    pub kinds: Vec<String>,
}

impl Profile {
    pub(crate) fn held(&self, requirement: &DocumentRequirement) -> u32 {
        let side = if requirement.holder.is_some() {
            &self.partners
        } else {
            &self.applicant
        };
        side.get(&requirement.document).copied().unwrap_or(0)
    }

    /// Whether a way is open to this applicant. Applicant-kind labels
    /// (政府主体, 银行主体) close a way when the profile names applicant kinds
    /// and none of them; option labels (陆运, 批发) close a way only when the
    /// profile names options too. So choosing 自营型 does not hide 国际船舶客运,
    /// and choosing 海运 does hide 陆运.
    pub(crate) fn admits(&self, way: &Way, filter: KindFilter) -> bool {
        way.applicants.iter().all(|label| {
            let filtering = if label.option {
                filter.options
            } else {
                filter.applicants
            };
            !filtering
                || self.kinds.contains(&label.kind)
                || label.also.iter().any(|k| self.kinds.contains(k))
        })
    }
}

/// Which kinds of label a profile filters on (see [`Profile::admits`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KindFilter {
    pub applicants: bool,
    pub options: bool,
}

impl Catalog {
    pub(crate) fn kind_filter(&self, profile: &Profile) -> KindFilter {
        let mut filter = KindFilter::default();
        for kind in &profile.kinds {
            match self.data().applicant_kinds.iter().find(|k| k.id == *kind) {
                Some(k) if k.option => filter.options = true,
                _ => filter.applicants = true,
            }
        }
        filter
    }
}

/// The verdict's headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The profile meets the requirement.
    Satisfied,
    /// Something is still missing.
    Missing,
    /// The category is applied for by email only (内测); see `documents_ready`.
    ByEmail,
}

/// One document of a way, as the verdict reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentUse {
    /// Document id.
    pub document: String,
    /// Display name, without 《》.
    pub name: String,
    /// The document as the requirement text writes it.
    pub mention: String,
    /// Who must hold it: `None` for the applicant, else the partner label verbatim.
    pub holder: Option<String>,
    /// How many are needed.
    pub need: u32,
    /// How many the profile has.
    pub have: u32,
}

/// Something the user must confirm themselves: the engine cannot see it in a checkbox.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Confirmation {
    /// A condition written beside a document (经营范围含…, 机构类型为：机关).
    Condition {
        document: String,
        name: String,
        text: String,
    },
    /// The alternative is only for one kind of applicant.
    Applicant { kind: String, label: String },
    /// The alternative is one option of the row (陆运, 批发 …): the user confirms it is theirs.
    Option { label: String },
}

/// One way to satisfy the category and what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// Documents still needed (empty when this way is satisfied).
    pub missing: Vec<DocumentUse>,
    /// Documents of this way the profile already holds.
    pub relies_on: Vec<DocumentUse>,
    /// What the user must confirm for this way.
    pub to_confirm: Vec<Confirmation>,
}

/// The answer to "does this profile qualify for this category?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Leaf id.
    pub category: String,
    pub status: Status,
    /// The source says no qualification is needed (`/`).
    pub no_qualification: bool,
    /// Whether the documents are complete. For `by_email` categories this says whether the email can be sent.
    pub documents_ready: bool,
    /// The way that satisfies the rule (the one needing the fewest documents), when one does.
    pub satisfied_by: Option<Completion>,
    /// When not ready: the shortest ways to complete the rule, shortest first, none a superset of another.
    pub completions: Vec<Completion>,
    /// What the user must confirm for the way reported first (`satisfied_by`, else the first completion).
    pub to_confirm: Vec<Confirmation>,
    /// Some alternatives were left out because the profile's applicant kinds exclude them.
    pub excluded_by_kind: usize,
}

impl Catalog {
    /// Evaluates one category (by leaf id) against a profile. `None` when the id is unknown.
    pub fn evaluate(&self, category: &str, profile: &Profile) -> Option<Verdict> {
        let position = self.leaf_position(category)?;
        let leaf = self.leaves().get(position)?;
        let ways = self.leaf_ways(position)?;
        Some(evaluate_leaf(self, leaf, ways, profile))
    }
}

pub(crate) fn evaluate_leaf(
    catalog: &Catalog,
    leaf: &Leaf,
    ways: &LeafWays,
    profile: &Profile,
) -> Verdict {
    let filter = catalog.kind_filter(profile);
    let mut excluded_by_kind = 0;
    let mut candidates: Vec<Completion> = Vec::new();
    for way in &ways.ways {
        if !profile.admits(way, filter) {
            excluded_by_kind += 1;
            continue;
        }
        candidates.push(describe_way(catalog, ways, way, profile));
    }
    let satisfied_by = candidates
        .iter()
        .filter(|c| c.missing.is_empty())
        .min_by_key(|c| (c.relies_on.len(), c.to_confirm.len()))
        .cloned();
    let completions = if satisfied_by.is_some() {
        Vec::new()
    } else {
        shortest_completions(candidates)
    };
    let documents_ready = satisfied_by.is_some();
    let to_confirm = satisfied_by
        .as_ref()
        .or(completions.first())
        .map(|c| c.to_confirm.clone())
        .unwrap_or_default();
    let status = if leaf.email_only {
        Status::ByEmail
    } else if documents_ready {
        Status::Satisfied
    } else {
        Status::Missing
    };
    Verdict {
        category: leaf.id.clone(),
        status,
        no_qualification: leaf.no_qualification,
        documents_ready,
        satisfied_by,
        completions,
        to_confirm,
        excluded_by_kind,
    }
}

/// Reports a way against a profile: what it lacks, what it uses, what to confirm.
fn describe_way(catalog: &Catalog, ways: &LeafWays, way: &Way, profile: &Profile) -> Completion {
    // A way that names the same document twice on the same side needs it
    // twice: the source does this only for separate copies (微短剧: the 简历
    // of the legal representative and of the editor-in-chief).
    let mut needs: BTreeMap<(bool, &str), (u32, &DocumentRequirement)> = BTreeMap::new();
    let mut to_confirm = Vec::new();
    for requirement in way
        .requirements
        .iter()
        .filter_map(|&i| ways.requirements.get(i))
    {
        let key = (requirement.holder.is_some(), requirement.document.as_str());
        needs
            .entry(key)
            .and_modify(|entry| entry.0 += requirement.min)
            .or_insert((requirement.min, requirement));
        for text in &requirement.conditions {
            let confirmation = Confirmation::Condition {
                document: requirement.document.clone(),
                name: document_name(catalog, &requirement.document),
                text: text.clone(),
            };
            if !to_confirm.contains(&confirmation) {
                to_confirm.push(confirmation);
            }
        }
    }
    for label in &way.applicants {
        if label.option {
            to_confirm.push(Confirmation::Option {
                label: label.label.clone(),
            });
        } else if profile.kinds.is_empty() {
            to_confirm.push(Confirmation::Applicant {
                kind: label.kind.clone(),
                label: label.label.clone(),
            });
        }
    }
    let mut missing = Vec::new();
    let mut relies_on = Vec::new();
    // Report in source order of the requirements, not in key order.
    let mut ordered: Vec<(u32, &DocumentRequirement)> = needs.into_values().collect();
    // Positions are distinct, so the order is total.
    crate::sort::sort_by_key(&mut ordered, |(_, r)| {
        ways.requirements.iter().position(|x| std::ptr::eq(x, *r))
    });
    for (need, requirement) in ordered {
        let have = profile.held(requirement);
        let used = DocumentUse {
            document: requirement.document.clone(),
            name: document_name(catalog, &requirement.document),
            mention: requirement.mention.clone(),
            holder: requirement.holder.clone(),
            need,
            have,
        };
        if have >= need {
            relies_on.push(used)
        } else {
            missing.push(used)
        }
    }
    Completion {
        missing,
        relies_on,
        to_confirm,
    }
}

fn document_name(catalog: &Catalog, id: &str) -> String {
    catalog
        .document(id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// Keeps the completions whose missing set is minimal (no other completion's
/// missing set is a proper subset of it, counting shortfalls), merges those
/// that miss exactly the same documents, and sorts them shortest first.
fn shortest_completions(candidates: Vec<Completion>) -> Vec<Completion> {
    let mut kept: Vec<Completion> = Vec::new();
    for candidate in candidates {
        if kept.iter().any(|k| missing_within(k, &candidate)) {
            continue;
        }
        kept.retain(|k| !missing_within(&candidate, k));
        kept.push(candidate);
    }
    // Among equally short completions the source's order stays: the index is
    // the last key, so an unstable sort is as good as a stable one.
    let mut ordered: Vec<(usize, u32, usize, Completion)> = kept
        .into_iter()
        .enumerate()
        .map(|(index, c)| {
            (
                c.missing.len(),
                c.missing.iter().map(|m| m.need - m.have).sum::<u32>(),
                index,
                c,
            )
        })
        .collect();
    crate::sort::sort_by_key(&mut ordered, |(len, shortfall, index, _)| {
        (*len, *shortfall, *index)
    });
    ordered.into_iter().map(|(_, _, _, c)| c).collect()
}

/// Whether everything `a` lacks, `b` lacks too (at least as much): then `b` is never shorter.
fn missing_within(a: &Completion, b: &Completion) -> bool {
    a.missing.iter().all(|m| {
        b.missing.iter().any(|n| {
            n.document == m.document
                && n.holder.is_some() == m.holder.is_some()
                && n.need - n.have >= m.need - m.have
        })
    })
}
