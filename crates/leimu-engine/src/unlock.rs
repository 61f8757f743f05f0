//! "What can I apply for?": every category a profile satisfies, and those one
//! document away.
//!
//! This runs on every tick of a checkbox in the browser, over all ~380 leaves,
//! so it first counts each way's shortfall without allocating and describes
//! only the leaves it returns.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::evaluate::{DocumentUse, KindFilter, Profile, Status, evaluate_leaf};
use crate::ways::LeafWays;

/// One category the profile unlocks or nearly unlocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockEntry {
    /// Leaf id.
    pub category: String,
    /// `satisfied`, `missing` (then exactly one document is missing) or `by_email`.
    pub status: Status,
    pub no_qualification: bool,
    pub documents_ready: bool,
    /// When one document away: each single document that would complete it.
    pub one_away: Vec<DocumentUse>,
}

impl Catalog {
    /// Every category the profile satisfies, and every category one document away, in source order.
    pub fn unlock(&self, profile: &Profile) -> Vec<UnlockEntry> {
        let filter = self.kind_filter(profile);
        let mut entries = Vec::new();
        for (position, leaf) in self.leaves().iter().enumerate() {
            let Some(ways) = self.leaf_ways(position) else {
                continue;
            };
            let Some(shortfall) = smallest_shortfall(ways, profile, filter) else {
                continue;
            };
            if shortfall > 1 {
                continue;
            }
            let verdict = evaluate_leaf(self, leaf, ways, profile);
            let one_away = verdict
                .completions
                .iter()
                .filter(|c| c.missing.len() == 1)
                .flat_map(|c| c.missing.iter().cloned())
                .collect();
            entries.push(UnlockEntry {
                category: verdict.category,
                status: verdict.status,
                no_qualification: verdict.no_qualification,
                documents_ready: verdict.documents_ready,
                one_away,
            });
        }
        entries
    }
}

/// The fewest distinct documents any admitted way still lacks; `None` when no way is admitted.
fn smallest_shortfall(ways: &LeafWays, profile: &Profile, filter: KindFilter) -> Option<usize> {
    ways.ways
        .iter()
        .filter(|way| profile.admits(way, filter))
        .map(|way| {
            // Same accounting as `describe_way`: repeated documents add up.
            let mut needs: Vec<((bool, &str), u32, u32)> = Vec::new();
            for requirement in way
                .requirements
                .iter()
                .filter_map(|&i| ways.requirements.get(i))
            {
                let key = (requirement.holder.is_some(), requirement.document.as_str());
                match needs.iter_mut().find(|(k, _, _)| *k == key) {
                    Some(entry) => entry.1 += requirement.min,
                    None => needs.push((key, requirement.min, profile.held(requirement))),
                }
            }
            needs.iter().filter(|(_, need, have)| have < need).count()
        })
        .min()
}
