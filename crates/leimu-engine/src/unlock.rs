//! "What can I apply for?": every category a profile satisfies or satisfies
//! pending confirmation, and those one document away.
//!
//! This runs on every tick of a checkbox in the browser, over all ~380 leaves,
//! so the profile's kinds are assessed once, each way's document shortfall is
//! counted without allocating, and only the leaves that pass are described.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::evaluate::{Confirmation, Context, DocumentUse, Status};
use crate::kinds::Truth;
use crate::ways::LeafWays;

/// One category the profile unlocks or nearly unlocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockEntry {
    /// Leaf id.
    pub category: String,
    /// `satisfied`, `confirm` (documents held, `to_confirm` lists what
    /// remains), `missing` (then exactly one thing is missing) or `by_email`.
    pub status: Status,
    pub no_qualification: bool,
    pub documents_ready: bool,
    /// When one document away: each single document that would complete it.
    pub one_away: Vec<DocumentUse>,
    /// What the user must confirm for the way that unlocks it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_confirm: Vec<Confirmation>,
}

impl Catalog {
    /// Every category the profile satisfies (or satisfies pending
    /// confirmation), and every category one document away, in source order.
    pub fn unlock(&self, profile: &crate::evaluate::Profile) -> Vec<UnlockEntry> {
        let context = self.context(profile);
        let mut entries = Vec::new();
        for (position, leaf) in self.leaves().iter().enumerate() {
            let Some(ways) = self.leaf_ways(position) else {
                continue;
            };
            match self.smallest_shortfall(leaf, ways, &context) {
                Some(shortfall) if shortfall <= 1 => {}
                _ => continue,
            }
            let verdict = self.evaluate_at(position, &context);
            let one_away: Vec<DocumentUse> = verdict
                .completions
                .iter()
                .filter(|c| c.gaps() == 1 && c.missing.len() == 1)
                .flat_map(|c| c.missing.iter().cloned())
                .collect();
            if !verdict.documents_ready && one_away.is_empty() {
                continue;
            }
            // A way met by being a kind (纪念币: a bank) is "unlocked" only
            // when the applicant said it is that kind: otherwise every
            // profile, even an empty one, would list it.
            let kind_only = verdict
                .satisfied_by
                .as_ref()
                .is_some_and(|w| w.relies_on.is_empty() && !w.applicants.is_empty());
            if kind_only && verdict.status == Status::Confirm && !verdict.no_qualification {
                continue;
            }
            entries.push(UnlockEntry {
                category: verdict.category,
                status: verdict.status,
                no_qualification: verdict.no_qualification,
                documents_ready: verdict.documents_ready,
                one_away,
                to_confirm: if verdict.documents_ready {
                    verdict.to_confirm
                } else {
                    Vec::new()
                },
            });
        }
        entries
    }

    /// The fewest distinct documents any way open to the profile still lacks;
    /// `None` when the profile's statements rule every way out.
    fn smallest_shortfall(
        &self,
        leaf: &crate::model::Leaf,
        ways: &LeafWays,
        context: &Context,
    ) -> Option<usize> {
        let set = self.candidate_ways(leaf, ways, context);
        set.iter()
            .filter(|way| {
                way.applicants
                    .iter()
                    .all(|&l| self.label_truth(context, &leaf.id, l) != Truth::No)
            })
            .map(|way| {
                // Same accounting as `describe_way`: repeated documents add up.
                let mut needs: Vec<((bool, &str), u32, u32)> = Vec::new();
                for requirement in way
                    .requirements
                    .iter()
                    .filter_map(|&i| ways.requirements.get(i))
                    .map(|r| &r.document)
                {
                    let key = (requirement.holder.is_some(), requirement.document.as_str());
                    match needs.iter_mut().find(|(k, _, _)| *k == key) {
                        Some(entry) => entry.1 += requirement.min,
                        None => {
                            needs.push((key, requirement.min, context.profile.held(requirement)))
                        }
                    }
                }
                needs.iter().filter(|(_, need, have)| have < need).count()
            })
            .min()
    }
}
