//! Planning several categories at once: one combined checklist in which a
//! document that several categories need is counted once.
//!
//! Each category can usually be completed in several ways; the plan picks one
//! way per category so that the union of what is still missing is as small as
//! possible (a document shared by two categories then only costs once), and
//! among equals the way that asks the fewest questions about who the
//! applicant is: a way the applicant's kinds settle beats one meant for a kind
//! it has not confirmed. A way the applicant's statements rule out is never
//! picked. The user may choose a category's way instead (`choices`). The
//! choice is exhaustive while the number of combinations is small — it always
//! is for realistic plans — and greedy beyond that.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::evaluate::{Completion, Confirmation, Profile, Status};

/// Exhaustive search up to this many combinations, greedy above.
const EXHAUSTIVE_LIMIT: usize = 20_000;

/// The combined checklist for several categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Each requested category and the way chosen for it, in request order.
    pub categories: Vec<PlannedCategory>,
    /// Every document the chosen ways use, each once, in order of first use.
    pub documents: Vec<PlannedDocument>,
    /// How many distinct documents are still missing in all.
    pub missing_count: usize,
    /// Requested ids that are not categories (they are otherwise ignored).
    pub unknown: Vec<String>,
    /// Categories no way is open to (the applicant's statements rule every
    /// way out): no number of documents completes them, so a total of
    /// missing documents never speaks for them.
    pub blocked: Vec<String>,
    /// How many categories are satisfied, need confirming, or lack something.
    pub satisfied_count: usize,
    pub confirm_count: usize,
    pub missing_categories: usize,
}

/// One category of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCategory {
    pub category: String,
    pub status: Status,
    pub no_qualification: bool,
    pub documents_ready: bool,
    /// The way chosen; `None` when no alternative is open to the profile's applicant kinds.
    pub chosen: Option<Completion>,
    /// The user chose this way (by its `way`), rather than the plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chosen_by_user: bool,
    /// Every way open to the profile, for choosing another.
    pub ways: Vec<Completion>,
    /// The shortest ways are meant for different kinds of applicant and the
    /// profile does not say which it is: the choice depends on that.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub depends_on_kind: bool,
    /// Labels of the alternatives the applicant's statements rule out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<crate::evaluate::HiddenLabel>,
}

/// One line of the combined checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDocument {
    pub document: String,
    pub name: String,
    /// `None`: the applicant holds it; else the partner label of its first use.
    pub holder: Option<String>,
    /// The largest count any category needs.
    pub need: u32,
    pub have: u32,
    pub missing: bool,
    /// Leaf ids of the categories that need it.
    pub categories: Vec<String>,
    /// Conditions written beside it in any of those categories.
    pub conditions: Vec<String>,
}

impl Catalog {
    /// Plans the given categories (leaf ids) together for a profile.
    pub fn plan(&self, categories: &[String], profile: &Profile) -> Plan {
        self.plan_choosing(categories, profile, &BTreeMap::new())
    }

    /// Plans the given categories, using the way the user chose (category id
    /// → the `way` of one of its completions) where there is one.
    pub fn plan_choosing(
        &self,
        categories: &[String],
        profile: &Profile,
        choices: &BTreeMap<String, usize>,
    ) -> Plan {
        let context = self.context(profile);
        let mut unknown = Vec::new();
        let mut requested: Vec<usize> = Vec::new();
        for id in categories {
            match self.leaf_position(id) {
                Some(position) if !requested.contains(&position) => requested.push(position),
                Some(_) => {}
                None => unknown.push(id.clone()),
            }
        }
        struct Entry {
            verdict: crate::evaluate::Verdict,
            ways: Vec<Completion>,
            user_choice: Option<usize>,
        }
        let mut entries = Vec::new();
        for &position in &requested {
            let (Some(leaf), Some(ways)) = (self.leaves().get(position), self.leaf_ways(position))
            else {
                continue;
            };
            let verdict = self.evaluate_at(position, &context);
            let open = self.open_ways(leaf, ways, &context).candidates;
            let user_choice = choices
                .get(&leaf.id)
                .and_then(|w| open.iter().position(|c| c.way == *w));
            entries.push(Entry {
                verdict,
                ways: open,
                user_choice,
            });
        }
        let options: Vec<Vec<Completion>> = entries
            .iter()
            .map(|e| match (e.user_choice, &e.verdict.satisfied_by) {
                (Some(i), _) => e.ways.get(i).cloned().into_iter().collect(),
                (None, Some(way)) => vec![way.clone()],
                (None, None) => e.verdict.completions.clone(),
            })
            .collect();
        let choice = choose_ways(&options);
        let mut planned = Vec::new();
        let mut documents: Vec<PlannedDocument> = Vec::new();
        for ((entry, option), chosen_index) in entries.iter().zip(&options).zip(&choice) {
            let verdict = &entry.verdict;
            let chosen = chosen_index.and_then(|i| option.get(i)).cloned();
            if let Some(way) = &chosen {
                let uses = way
                    .missing
                    .iter()
                    .map(|u| (u, true))
                    .chain(way.relies_on.iter().map(|u| (u, false)));
                for (used, is_missing) in uses {
                    let conditions: Vec<String> = way
                        .to_confirm
                        .iter()
                        .filter_map(|c| match c {
                            Confirmation::Condition { document, text, .. }
                                if *document == used.document =>
                            {
                                Some(text.clone())
                            }
                            _ => None,
                        })
                        .collect();
                    let same = |d: &&mut PlannedDocument| {
                        d.document == used.document && d.holder.is_some() == used.holder.is_some()
                    };
                    match documents.iter_mut().find(same) {
                        Some(line) => {
                            line.need = line.need.max(used.need);
                            line.missing = line.have < line.need || (line.missing && is_missing);
                            if !line.categories.contains(&verdict.category) {
                                line.categories.push(verdict.category.clone());
                            }
                            for text in conditions {
                                if !line.conditions.contains(&text) {
                                    line.conditions.push(text);
                                }
                            }
                        }
                        None => documents.push(PlannedDocument {
                            document: used.document.clone(),
                            name: used.name.clone(),
                            holder: used.holder.clone(),
                            need: used.need,
                            have: used.have,
                            missing: is_missing,
                            categories: vec![verdict.category.clone()],
                            conditions,
                        }),
                    }
                }
            }
            // The way decides the category's state in the plan, so a way the
            // user chose reports its own state, not the verdict's best way's.
            let status = match (&chosen, verdict.status) {
                (_, Status::ByEmail) => Status::ByEmail,
                (Some(way), _) => way.status(),
                (None, status) => status,
            };
            planned.push(PlannedCategory {
                category: verdict.category.clone(),
                status,
                no_qualification: verdict.no_qualification,
                documents_ready: chosen.as_ref().is_some_and(Completion::documents_complete),
                depends_on_kind: entry.user_choice.is_none() && depends_on_kind(&entry.ways),
                chosen_by_user: entry.user_choice.is_some(),
                chosen,
                ways: entry.ways.clone(),
                excluded: verdict.excluded.clone(),
            });
        }
        let missing_count = documents.iter().filter(|d| d.missing).count();
        let count = |status: Status| planned.iter().filter(|c| c.status == status).count();
        Plan {
            blocked: planned
                .iter()
                .filter(|c| c.chosen.is_none())
                .map(|c| c.category.clone())
                .collect(),
            satisfied_count: count(Status::Satisfied),
            confirm_count: count(Status::Confirm),
            missing_categories: count(Status::Missing),
            categories: planned,
            documents,
            missing_count,
            unknown,
        }
    }
}

/// Whether the shortest open ways are meant for different kinds of applicant
/// that the profile leaves unsettled: then which way is the applicant's
/// depends on what it is, and the plan says so.
fn depends_on_kind(ways: &[Completion]) -> bool {
    let Some(shortest) = ways.iter().map(Completion::gaps).min() else {
        return false;
    };
    let kinds_of = |c: &Completion| -> Vec<String> {
        c.applicants
            .iter()
            .filter(|l| !l.option)
            .map(|l| l.kind.clone())
            .collect()
    };
    let shortest_ways: Vec<&Completion> = ways.iter().filter(|c| c.gaps() == shortest).collect();
    // One of them is the applicant's by what it said: nothing depends on the kind.
    let settled = shortest_ways.iter().any(|c| {
        c.applicants
            .iter()
            .all(|l| l.option || l.truth == crate::kinds::Truth::Yes)
            && c.applicants.iter().any(|l| !l.option)
    });
    if settled {
        return false;
    }
    let unsettled = shortest_ways.iter().any(|c| {
        c.applicants
            .iter()
            .any(|l| !l.option && l.truth == crate::kinds::Truth::Unknown)
    });
    unsettled
        && shortest_ways.iter().any(|c| {
            kinds_of(c)
                != shortest_ways
                    .first()
                    .map(|f| kinds_of(f))
                    .unwrap_or_default()
        })
}

/// Picks one option per category minimising the distinct documents missing overall.
fn choose_ways(options: &[Vec<Completion>]) -> Vec<Option<usize>> {
    let combinations = options
        .iter()
        .try_fold(1usize, |acc, o| acc.checked_mul(o.len().max(1)));
    match combinations {
        Some(n) if n <= EXHAUSTIVE_LIMIT => choose_exhaustively(options),
        _ => choose_greedily(options),
    }
}

/// What a combination of ways costs: the distinct documents and failed
/// conditions still to fix, then the applicant labels left to confirm.
fn cost<'a>(chosen: impl Iterator<Item = &'a Completion>) -> (usize, usize) {
    let mut keys: Vec<(&str, bool)> = Vec::new();
    let mut unmet = 0;
    let mut unsettled = 0;
    for completion in chosen {
        for m in &completion.missing {
            let key = (m.document.as_str(), m.holder.is_some());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        unmet += completion.unmet.len();
        unsettled += completion
            .applicants
            .iter()
            .filter(|l| l.truth != crate::kinds::Truth::Yes)
            .count();
    }
    (keys.len() + unmet, unsettled)
}

fn choose_exhaustively(options: &[Vec<Completion>]) -> Vec<Option<usize>> {
    let mut current: Vec<usize> = vec![0; options.len()];
    let mut best: Option<((usize, usize), Vec<usize>)> = None;
    loop {
        let chosen = current.iter().zip(options).filter_map(|(&i, o)| o.get(i));
        let cost = cost(chosen);
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, current.clone()));
        }
        // Advance the mixed-radix counter; stop after the last combination.
        let mut position = 0;
        loop {
            let Some((digit, option)) = current.get_mut(position).zip(options.get(position)) else {
                return to_choice(options, best.map(|(_, c)| c).unwrap_or_default());
            };
            *digit += 1;
            if *digit < option.len() {
                break;
            }
            *digit = 0;
            position += 1;
        }
    }
}

fn choose_greedily(options: &[Vec<Completion>]) -> Vec<Option<usize>> {
    let mut picked: Vec<usize> = Vec::new();
    for (index, option) in options.iter().enumerate() {
        let best = (0..option.len()).min_by_key(|&candidate| {
            let chosen = picked
                .iter()
                .zip(options)
                .filter_map(|(&i, o)| o.get(i))
                .chain(option.get(candidate));
            cost(chosen)
        });
        picked.push(best.unwrap_or(0));
        debug_assert_eq!(picked.len(), index + 1);
    }
    to_choice(options, picked)
}

fn to_choice(options: &[Vec<Completion>], picked: Vec<usize>) -> Vec<Option<usize>> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if o.is_empty() {
                None
            } else {
                picked.get(i).copied()
            }
        })
        .collect()
}
