//! Planning several categories at once: one combined checklist in which a
//! document that several categories need is counted once.
//!
//! Each category can usually be completed in several ways; the plan picks one
//! way per category so that the union of what is still missing is as small as
//! possible (a document shared by two categories then only costs once). The
//! choice is exhaustive while the number of combinations is small — it always
//! is for realistic plans — and greedy beyond that.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::evaluate::{Completion, Confirmation, Profile, Status, evaluate_leaf};

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
        let mut unknown = Vec::new();
        let mut verdicts = Vec::new();
        for id in categories {
            let found = self
                .leaf_position(id)
                .and_then(|p| Some((self.leaves().get(p)?, self.leaf_ways(p)?)));
            match found {
                Some((leaf, ways)) => {
                    if !verdicts
                        .iter()
                        .any(|v: &crate::evaluate::Verdict| v.category == leaf.id)
                    {
                        verdicts.push(evaluate_leaf(self, leaf, ways, profile));
                    }
                }
                None => unknown.push(id.clone()),
            }
        }
        let options: Vec<Vec<Completion>> = verdicts
            .iter()
            .map(|v| match &v.satisfied_by {
                Some(way) => vec![way.clone()],
                None => v.completions.clone(),
            })
            .collect();
        let choice = choose_ways(&options);
        let mut planned = Vec::new();
        let mut documents: Vec<PlannedDocument> = Vec::new();
        for ((verdict, option), chosen_index) in verdicts.iter().zip(&options).zip(&choice) {
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
            planned.push(PlannedCategory {
                category: verdict.category.clone(),
                status: verdict.status,
                no_qualification: verdict.no_qualification,
                documents_ready: verdict.documents_ready,
                chosen,
            });
        }
        let missing_count = documents.iter().filter(|d| d.missing).count();
        Plan {
            categories: planned,
            documents,
            missing_count,
            unknown,
        }
    }
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

fn missing_keys<'a>(chosen: impl Iterator<Item = &'a Completion>) -> Vec<(&'a str, bool)> {
    let mut keys: Vec<(&str, bool)> = Vec::new();
    for completion in chosen {
        for m in &completion.missing {
            let key = (m.document.as_str(), m.holder.is_some());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

fn choose_exhaustively(options: &[Vec<Completion>]) -> Vec<Option<usize>> {
    let mut current: Vec<usize> = vec![0; options.len()];
    let mut best: Option<(usize, Vec<usize>)> = None;
    loop {
        let chosen = current.iter().zip(options).filter_map(|(&i, o)| o.get(i));
        let cost = missing_keys(chosen).len();
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
            missing_keys(chosen).len()
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
