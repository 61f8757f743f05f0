//! Verdicts: does a profile satisfy a category, and if not, what is missing.
//!
//! Every answer carries its reasons (cedar's `Response { decision,
//! diagnostics }` is the model): the way that satisfied the rule, or every
//! shortest completion — never only the first failing branch — plus what the
//! user still has to confirm, each with the verbatim words of the source.
//!
//! A verdict has three honest states. `satisfied`: every document of a way is
//! held and nothing is left to confirm. `confirm`: every document is held, but
//! the way rests on something leimu cannot see — a condition beside a
//! document (经营范围, 等级, ratings), an applicant label the profile has not
//! settled, a situation the notes add requirements for — and the answer lists
//! exactly that. `missing`: documents are lacking, or a condition is known to
//! fail (the pasted business scope lacks the terms, or the user said no).
//! The profile can settle confirmations once ([`Answer`]) and keep them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::kinds::{Assessment, Truth};
use crate::model::{DocumentRequirement, Leaf};
use crate::scope::{ScopeOutcome, check as check_scope, normalise as normalise_scope};
use crate::ways::{Because, LeafWays, Way, cross};

/// What an applicant holds and has said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Documents the applicant itself holds: document id → how many (agreements with two schools → 2).
    #[serde(default)]
    pub applicant: BTreeMap<String, u32>,
    /// Documents the applicant's partners hold: document id → how many partners hold one.
    #[serde(default)]
    pub partners: BTreeMap<String, u32>,
    /// Kinds the applicant says it is (applicant-kind ids). Empty: not said,
    /// every alternative stays open and its label goes to confirm.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Kinds the applicant says it is not (非银行主体 → `bank`).
    #[serde(default)]
    pub not_kinds: Vec<String>,
    /// Categories (leaf ids) the mini program already holds.
    #[serde(default)]
    pub approved: Vec<String>,
    /// The business scope (经营范围) from the applicant's business licence,
    /// as pasted; conditions on it are checked against it.
    #[serde(default)]
    pub scope: String,
    /// What the user has confirmed or denied.
    #[serde(default)]
    pub answers: Vec<Answer>,
}

/// The user's answer to a question a verdict asked ([`Confirmation::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The category it was answered for; `None`: wherever the question is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The question's key, as a [`Confirmation`] gives it.
    pub question: String,
    /// `true`: it holds (the condition is met, the label fits, the situation is ours).
    pub holds: bool,
}

/// The keys of the questions a verdict asks, so that answers can be stored
/// and matched without the verdict that asked them.
pub mod question {
    /// Does an applicant label fit (银行主体, 自营型)?
    pub fn label(label_id: &str) -> String {
        format!("label:{label_id}")
    }
    /// Is a condition beside a document met?
    pub fn condition(document: &str, text: &str) -> String {
        format!("condition:{document}:{text}")
    }
    /// Is a situation of the notes the applicant's?
    pub fn situation(text: &str) -> String {
        format!("situation:{text}")
    }
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

    /// The answer to a question for a category: one given for that category
    /// wins over one given for every category.
    pub fn answer(&self, category: &str, question: &str) -> Option<bool> {
        let mut general = None;
        for answer in self.answers.iter().filter(|a| a.question == question) {
            match &answer.category {
                Some(c) if c == category => return Some(answer.holds),
                None => general = Some(answer.holds),
                Some(_) => {}
            }
        }
        general
    }
}

/// What a profile means for every category, worked out once per question.
#[derive(Debug)]
pub(crate) struct Context<'p> {
    pub profile: &'p Profile,
    pub asserted: Vec<usize>,
    pub denied: Vec<usize>,
    pub assessment: Assessment,
    /// The business scope in comparable form; `None` when none was given.
    pub scope: Option<String>,
}

impl Catalog {
    pub(crate) fn context<'p>(&self, profile: &'p Profile) -> Context<'p> {
        let positions = |ids: &[String]| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| self.kinds().kind_position(id))
                .collect()
        };
        let asserted = positions(&profile.kinds);
        let denied = positions(&profile.not_kinds);
        let assessment = self.kinds().assess(&asserted, &denied);
        let scope = Some(normalise_scope(&profile.scope)).filter(|s| !s.is_empty());
        Context {
            profile,
            asserted,
            denied,
            assessment,
            scope,
        }
    }

    /// Whether what a profile says about the applicant contradicts itself
    /// (企业 and 政府机关; a kind both stated and denied). Unknown ids are ignored.
    pub fn kinds_contradict(&self, kinds: &[String], not_kinds: &[String]) -> bool {
        let positions = |ids: &[String]| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| self.kinds().kind_position(id))
                .collect()
        };
        !self
            .kinds()
            .contradictions(&positions(kinds), &positions(not_kinds))
            .is_empty()
    }

    /// What the profile makes of an applicant label in a category.
    pub(crate) fn label_truth(&self, context: &Context, category: &str, label: usize) -> Truth {
        let meaning = self.data().applicant_labels.get(label);
        let mut truth = context
            .assessment
            .labels
            .get(label)
            .copied()
            .unwrap_or(Truth::Unknown);
        if truth == Truth::Yes && meaning.is_some_and(|m| !m.exact) {
            truth = Truth::Unknown;
        }
        if truth != Truth::Unknown || context.profile.answers.is_empty() {
            return truth;
        }
        match meaning.and_then(|m| context.profile.answer(category, &question::label(&m.id))) {
            Some(true) => Truth::Yes,
            Some(false) => Truth::No,
            None => Truth::Unknown,
        }
    }
}

/// The verdict's headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every document of a way is held and nothing is left to confirm.
    Satisfied,
    /// Every document of a way is held, but the way rests on something the
    /// user must confirm (`to_confirm` lists it).
    Confirm,
    /// Something is still missing.
    Missing,
    /// The category is applied for by email only (内测); see `documents_ready`.
    ByEmail,
}

/// Why a category needs a document beyond its own rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NeededFor {
    /// The category requires another category first, which needs the document.
    Prerequisite { category: String },
    /// The user said a situation of the notes is theirs, and it adds the document.
    Situation { text: String },
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
    /// Set when the document is needed for a prerequisite or a situation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed_for: Option<NeededFor>,
}

/// Something the user must confirm themselves: the engine cannot see it in a checkbox.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Confirmation {
    /// A condition written beside a document (经营范围含…, 协议内容须含…).
    Condition {
        document: String,
        name: String,
        text: String,
        /// The question's key, for [`Answer::question`].
        key: String,
        /// For a condition on the business scope: the terms it looks for
        /// (giving the scope in the profile checks it).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        scope_terms: Vec<String>,
    },
    /// The alternative is only for one kind of applicant, and the profile
    /// neither says so nor rules it out.
    Applicant {
        /// The label's id.
        kind: String,
        label: String,
        key: String,
    },
    /// The alternative is one option of the row (陆运, 自营型 …): the user confirms it is theirs.
    Option {
        kind: String,
        label: String,
        key: String,
    },
    /// A sentence of the notes adds requirements in a situation (若同时涉及…需同时提供…).
    Situation {
        text: String,
        key: String,
        /// The documents it would add, when it names them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        documents: Vec<String>,
        /// The user said the situation is theirs, and it names no document
        /// leimu can check: what it asks for must be confirmed by hand.
        #[serde(default, skip_serializing_if = "is_false")]
        applies: bool,
    },
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Confirmation {
    /// The question's key, for [`Answer::question`].
    pub fn key(&self) -> &str {
        match self {
            Confirmation::Condition { key, .. }
            | Confirmation::Applicant { key, .. }
            | Confirmation::Option { key, .. }
            | Confirmation::Situation { key, .. } => key,
        }
    }
}

/// A condition known to fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmet {
    pub document: String,
    pub name: String,
    pub text: String,
    pub key: String,
    pub reason: UnmetReason,
}

/// Why a condition is known to fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UnmetReason {
    /// The business scope given contains none of these terms, and the source lists them all.
    Scope { terms: Vec<String> },
    /// The user said the condition is not met.
    Denied,
    /// The user said the mini program offers a service the category does
    /// not cover (…建议去除); `document` is empty.
    NotCovered,
}

/// A condition settled without asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub document: String,
    pub name: String,
    pub text: String,
    /// The business scope contains this term; `None` when the user confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
}

/// An applicant label of a way, and what the profile makes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WayLabel {
    /// The label's id.
    pub kind: String,
    pub label: String,
    /// A row's option (陆运, 自营型) rather than a kind of applicant.
    #[serde(default, skip_serializing_if = "is_false")]
    pub option: bool,
    /// `yes`: the applicant said so; `unknown`: to confirm.
    pub truth: Truth,
}

/// One way to satisfy the category and what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// The way's number among the category's ways for this profile, from 1 (a plan can choose it).
    pub way: usize,
    /// Documents still needed (empty when this way is satisfied).
    pub missing: Vec<DocumentUse>,
    /// Documents of this way the profile already holds.
    pub relies_on: Vec<DocumentUse>,
    /// What the user must confirm for this way.
    pub to_confirm: Vec<Confirmation>,
    /// Conditions known to fail: held documents that do not meet this category's condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<Unmet>,
    /// Conditions settled by the business scope or by the user's answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<Checked>,
    /// Whom this way is for: its applicant labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applicants: Vec<WayLabel>,
}

impl Completion {
    /// Every document is held and no condition is known to fail.
    pub fn documents_complete(&self) -> bool {
        self.missing.is_empty() && self.unmet.is_empty()
    }

    /// The way's own state: satisfied, confirm or missing.
    pub fn status(&self) -> Status {
        if !self.documents_complete() {
            Status::Missing
        } else if self.to_confirm.is_empty() {
            Status::Satisfied
        } else {
            Status::Confirm
        }
    }

    /// How many things must still be obtained or fixed.
    pub fn gaps(&self) -> usize {
        self.missing.len() + self.unmet.len()
    }
}

/// An alternative's label the profile rules out, and the statements that do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenLabel {
    /// The label's id.
    pub kind: String,
    pub label: String,
    /// What the applicant said that contradicts it; taking one back reopens it.
    pub because: Vec<Statement>,
}

/// Something the applicant said about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The kind's id.
    pub kind: String,
    pub name: String,
    /// `true`: "we are …"; `false`: "we are not …".
    pub is: bool,
}

/// A category this one requires, and whether the profile has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrerequisiteState {
    /// Leaf id of the required category.
    pub category: String,
    /// The source's sentence.
    pub text: String,
    /// The profile says the mini program already holds it; otherwise its
    /// documents are part of every way (`needed_for`).
    pub approved: bool,
}

/// An applicant label of a category's rule, and what a profile makes of it:
/// what a page shows beside the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelState {
    /// The label's id.
    pub kind: String,
    pub label: String,
    /// A row's option (陆运, 自营型) rather than a kind of applicant.
    pub option: bool,
    pub truth: Truth,
    /// What the applicant said that decides it (empty when only an answer
    /// for this category, or nothing, decides it).
    pub because: Vec<Statement>,
    /// The answer given for this category, if any.
    pub answered: Option<bool>,
}

/// The answer to "does this profile qualify for this category?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Leaf id.
    pub category: String,
    pub status: Status,
    /// The source says no qualification is needed (`/`).
    pub no_qualification: bool,
    /// Whether the documents are complete (`satisfied` and `confirm`). For
    /// `by_email` categories this says whether the email can be sent.
    pub documents_ready: bool,
    /// The way whose documents are all held (needing the fewest confirmations,
    /// then the fewest documents), when one is; with status `confirm` its
    /// `to_confirm` lists what remains.
    pub satisfied_by: Option<Completion>,
    /// When not ready: the shortest ways to complete the rule, shortest first, none a superset of another.
    pub completions: Vec<Completion>,
    /// What the user must confirm for the way reported first (`satisfied_by`, else the first completion).
    pub to_confirm: Vec<Confirmation>,
    /// How many alternatives the profile's statements rule out.
    pub excluded_by_kind: usize,
    /// The labels of those alternatives and what rules each out.
    pub excluded: Vec<HiddenLabel>,
    /// Categories this one requires first.
    pub prerequisites: Vec<PrerequisiteState>,
}

impl Catalog {
    /// Evaluates one category (by leaf id) against a profile. `None` when the id is unknown.
    pub fn evaluate(&self, category: &str, profile: &Profile) -> Option<Verdict> {
        let context = self.context(profile);
        let position = self.leaf_position(category)?;
        Some(self.evaluate_at(position, &context))
    }

    /// Every applicant label of a category's rule, in source order, with
    /// what the profile makes of it. Empty for an unknown id.
    pub fn label_states(&self, category: &str, profile: &Profile) -> Vec<LabelState> {
        let Some(leaf) = self.leaf(category) else {
            return Vec::new();
        };
        let context = self.context(profile);
        let mut labels: Vec<&str> = Vec::new();
        fn collect<'a>(node: &'a crate::model::Node, out: &mut Vec<&'a str>) {
            if let Some(label) = &node.applicant
                && !out.contains(&label.kind.as_str())
            {
                out.push(&label.kind);
            }
            if let crate::model::NodeKind::AllOf { children }
            | crate::model::NodeKind::AnyOf { children, .. } = &node.kind
            {
                children.iter().for_each(|c| collect(c, out));
            }
        }
        if let Some(rule) = &leaf.rule {
            collect(rule, &mut labels);
        }
        labels
            .into_iter()
            .filter_map(|id| {
                let position = self.kinds().label_position(id)?;
                let meaning = self.data().applicant_labels.get(position)?;
                let truth = self.label_truth(&context, &leaf.id, position);
                let answered = profile
                    .answers
                    .iter()
                    .find(|a| {
                        a.category.as_deref() == Some(leaf.id.as_str())
                            && a.question == question::label(id)
                    })
                    .map(|a| a.holds);
                let because = if truth == Truth::No && answered.is_none() {
                    self.hidden_label(position, &context)
                        .map(|h| h.because)
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                Some(LabelState {
                    kind: meaning.id.clone(),
                    label: meaning.text.clone(),
                    option: self.kinds().label_is_option(position),
                    truth,
                    because,
                    answered,
                })
            })
            .collect()
    }

    pub(crate) fn evaluate_at(&self, position: usize, context: &Context) -> Verdict {
        let (Some(leaf), Some(ways)) = (self.leaves().get(position), self.leaf_ways(position))
        else {
            return Verdict {
                category: String::new(),
                status: Status::Missing,
                no_qualification: false,
                documents_ready: false,
                satisfied_by: None,
                completions: Vec::new(),
                to_confirm: Vec::new(),
                excluded_by_kind: 0,
                excluded: Vec::new(),
                prerequisites: Vec::new(),
            };
        };
        let OpenWays {
            candidates,
            excluded_by_kind,
            hidden,
        } = self.open_ways(leaf, ways, context);
        let satisfied = candidates
            .iter()
            .filter(|c| c.status() == Status::Satisfied)
            .min_by_key(|c| c.relies_on.len());
        let confirm = candidates
            .iter()
            .filter(|c| c.documents_complete())
            .min_by_key(|c| {
                let unsettled = c
                    .applicants
                    .iter()
                    .filter(|l| l.truth != Truth::Yes)
                    .count();
                (unsettled, c.to_confirm.len(), c.relies_on.len())
            });
        // An email-only category whose text lists no documents (公益 > 网络互助)
        // is not "ready" for nobody knows what the email must carry.
        let lists_nothing = leaf.email_only && leaf.rule.is_none();
        let satisfied_by = satisfied.or(confirm).filter(|_| !lists_nothing).cloned();
        let completions = if satisfied_by.is_some() || lists_nothing {
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
        } else {
            satisfied_by
                .as_ref()
                .map_or(Status::Missing, Completion::status)
        };
        let excluded = hidden
            .into_iter()
            .filter_map(|label| self.hidden_label(label, context))
            .collect();
        let prerequisites = leaf
            .prerequisites
            .iter()
            .map(|p| PrerequisiteState {
                category: p.category.clone(),
                text: p.text.clone(),
                approved: context.profile.approved.contains(&p.category),
            })
            .collect();
        Verdict {
            category: leaf.id.clone(),
            status,
            no_qualification: leaf.no_qualification,
            documents_ready,
            satisfied_by,
            completions,
            to_confirm,
            excluded_by_kind,
            excluded,
            prerequisites,
        }
    }

    /// Every way the profile's statements leave open, described; and the
    /// labels of those they rule out.
    pub(crate) fn open_ways(&self, leaf: &Leaf, ways: &LeafWays, context: &Context) -> OpenWays {
        let set = self.candidate_ways(leaf, ways, context);
        let mut open = OpenWays {
            candidates: Vec::new(),
            excluded_by_kind: 0,
            hidden: Vec::new(),
        };
        for (index, way) in set.iter().enumerate() {
            let ruled_out: Vec<usize> = way
                .applicants
                .iter()
                .copied()
                .filter(|&l| self.label_truth(context, &leaf.id, l) == Truth::No)
                .collect();
            if ruled_out.is_empty() {
                open.candidates
                    .push(self.describe_way(leaf, ways, index, way, context));
                continue;
            }
            open.excluded_by_kind += 1;
            for label in ruled_out {
                if !open.hidden.contains(&label) {
                    open.hidden.push(label);
                }
            }
        }
        open
    }

    /// The ways that apply to this profile: the leaf's own, crossed with the
    /// ways of each prerequisite not yet approved and of each situation the
    /// user said is theirs.
    pub(crate) fn candidate_ways<'w>(
        &self,
        leaf: &Leaf,
        ways: &'w LeafWays,
        context: &Context,
    ) -> Cow<'w, [Way]> {
        let mut set: Cow<'w, [Way]> = Cow::Borrowed(&ways.ways);
        let mut truncated = false;
        for (position, prerequisite_ways) in &ways.prerequisites {
            let approved = self
                .leaves()
                .get(*position)
                .is_some_and(|p| context.profile.approved.contains(&p.id));
            if !approved {
                set = Cow::Owned(cross(&set, prerequisite_ways, &mut truncated));
            }
        }
        if !context.profile.answers.is_empty() {
            for (situation, situation_ways) in leaf.situations.iter().zip(&ways.situations) {
                if let Some(situation_ways) = situation_ways
                    && context
                        .profile
                        .answer(&leaf.id, &question::situation(&situation.text))
                        == Some(true)
                {
                    set = Cow::Owned(cross(&set, situation_ways, &mut truncated));
                }
            }
        }
        set
    }

    fn hidden_label(&self, label: usize, context: &Context) -> Option<HiddenLabel> {
        let meaning = self.data().applicant_labels.get(label)?;
        let statement = |position: usize, is: bool| {
            self.data()
                .applicant_kinds
                .get(position)
                .map(|k| Statement {
                    kind: k.id.clone(),
                    name: k.name.clone(),
                    is,
                })
        };
        let because = self
            .kinds()
            .reasons_against(label, &context.asserted, &context.denied)
            .into_iter()
            .filter_map(|k| statement(k, context.asserted.contains(&k)))
            .collect();
        Some(HiddenLabel {
            kind: meaning.id.clone(),
            label: meaning.text.clone(),
            because,
        })
    }

    /// Reports a way against a profile: what it lacks, uses, settles and leaves to confirm.
    fn describe_way(
        &self,
        leaf: &Leaf,
        ways: &LeafWays,
        index: usize,
        way: &Way,
        context: &Context,
    ) -> Completion {
        let profile = context.profile;
        // A way that names the same document twice on the same side needs it
        // twice: the source does this only for separate copies (微短剧: the 简历
        // of the legal representative and of the editor-in-chief).
        let mut needs: BTreeMap<(bool, &str), (u32, usize)> = BTreeMap::new();
        let mut to_confirm = Vec::new();
        let mut unmet = Vec::new();
        let mut checked = Vec::new();
        for &position in &way.requirements {
            let Some(requirement) = ways.requirements.get(position) else {
                continue;
            };
            let document = &requirement.document;
            let key = (document.holder.is_some(), document.document.as_str());
            needs
                .entry(key)
                .and_modify(|entry| entry.0 += document.min)
                .or_insert((document.min, position));
            for text in &document.conditions {
                self.settle_condition(
                    leaf,
                    document,
                    text,
                    context,
                    &mut to_confirm,
                    &mut unmet,
                    &mut checked,
                );
            }
        }
        let mut applicants = Vec::new();
        for &label in &way.applicants {
            let Some(meaning) = self.data().applicant_labels.get(label) else {
                continue;
            };
            let truth = self.label_truth(context, &leaf.id, label);
            let option = self.kinds().label_is_option(label);
            if truth == Truth::Unknown {
                let key = question::label(&meaning.id);
                let confirmation = if option {
                    Confirmation::Option {
                        kind: meaning.id.clone(),
                        label: meaning.text.clone(),
                        key,
                    }
                } else {
                    Confirmation::Applicant {
                        kind: meaning.id.clone(),
                        label: meaning.text.clone(),
                        key,
                    }
                };
                push_unique(&mut to_confirm, confirmation);
            }
            applicants.push(WayLabel {
                kind: meaning.id.clone(),
                label: meaning.text.clone(),
                option,
                truth,
            });
        }
        for (situation, situation_ways) in leaf.situations.iter().zip(&ways.situations) {
            let key = question::situation(&situation.text);
            let applies = match profile.answer(&leaf.id, &key) {
                Some(false) => continue,
                Some(true) if situation.blocks => {
                    unmet.push(Unmet {
                        document: String::new(),
                        name: String::new(),
                        text: situation.text.clone(),
                        key,
                        reason: UnmetReason::NotCovered,
                    });
                    continue;
                }
                // Its documents were crossed into the way: nothing left to ask.
                Some(true) if situation_ways.is_some() => continue,
                Some(true) => true,
                None => false,
            };
            let documents = situation_ways
                .iter()
                .flatten()
                .flat_map(|w| &w.requirements)
                .filter_map(|&r| ways.requirements.get(r))
                .map(|r| self.document_name(&r.document.document))
                .chain(situation.refers_to.iter().map(|id| self.document_name(id)))
                .fold(Vec::new(), |mut names, name| {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                    names
                });
            push_unique(
                &mut to_confirm,
                Confirmation::Situation {
                    text: situation.text.clone(),
                    key,
                    documents,
                    applies,
                },
            );
        }
        let mut missing = Vec::new();
        let mut relies_on = Vec::new();
        // Report in source order of the requirements, not in key order.
        let mut ordered: Vec<(u32, usize)> = needs.into_values().collect();
        crate::sort::sort_by_key(&mut ordered, |(_, position)| *position);
        for (need, position) in ordered {
            let Some(requirement) = ways.requirements.get(position) else {
                continue;
            };
            let document = &requirement.document;
            let have = profile.held(document);
            let needed_for = match requirement.because {
                Because::Own => None,
                Because::Prerequisite(p) => self.leaves().get(p).map(|l| NeededFor::Prerequisite {
                    category: l.id.clone(),
                }),
                Because::Situation(s) => leaf.situations.get(s).map(|s| NeededFor::Situation {
                    text: s.text.clone(),
                }),
            };
            let used = DocumentUse {
                document: document.document.clone(),
                name: self.document_name(&document.document),
                mention: document.mention.clone(),
                holder: document.holder.clone(),
                need,
                have,
                needed_for,
            };
            if have >= need {
                relies_on.push(used)
            } else {
                missing.push(used)
            }
        }
        Completion {
            way: index + 1,
            missing,
            relies_on,
            to_confirm,
            unmet,
            checked,
            applicants,
        }
    }

    /// Settles one condition beside a document: by the user's answer, else by
    /// the business scope when it is a scope condition, else asks.
    #[allow(clippy::too_many_arguments)]
    fn settle_condition(
        &self,
        leaf: &Leaf,
        document: &DocumentRequirement,
        text: &str,
        context: &Context,
        to_confirm: &mut Vec<Confirmation>,
        unmet: &mut Vec<Unmet>,
        checked: &mut Vec<Checked>,
    ) {
        let key = question::condition(&document.document, text);
        let name = || self.document_name(&document.document);
        match context.profile.answer(&leaf.id, &key) {
            Some(true) => {
                checked.push(Checked {
                    document: document.document.clone(),
                    name: name(),
                    text: text.to_owned(),
                    matched: None,
                });
                return;
            }
            Some(false) => {
                unmet.push(Unmet {
                    document: document.document.clone(),
                    name: name(),
                    text: text.to_owned(),
                    key,
                    reason: UnmetReason::Denied,
                });
                return;
            }
            None => {}
        }
        let scope_check = document.scope_checks.iter().find(|c| c.condition == text);
        if let (Some(scope_check), Some(scope)) = (scope_check, &context.scope) {
            match check_scope(scope_check, scope) {
                ScopeOutcome::Matched(term) => {
                    checked.push(Checked {
                        document: document.document.clone(),
                        name: name(),
                        text: text.to_owned(),
                        matched: Some(term),
                    });
                    return;
                }
                ScopeOutcome::NotMatched => {
                    unmet.push(Unmet {
                        document: document.document.clone(),
                        name: name(),
                        text: text.to_owned(),
                        key,
                        reason: UnmetReason::Scope {
                            terms: scope_check.terms.clone(),
                        },
                    });
                    return;
                }
                ScopeOutcome::Undecided => {}
            }
        }
        push_unique(
            to_confirm,
            Confirmation::Condition {
                document: document.document.clone(),
                name: name(),
                text: text.to_owned(),
                key,
                scope_terms: scope_check.map(|c| c.terms.clone()).unwrap_or_default(),
            },
        );
    }

    pub(crate) fn document_name(&self, id: &str) -> String {
        self.document(id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The ways of a category open to a profile.
pub(crate) struct OpenWays {
    pub candidates: Vec<Completion>,
    pub excluded_by_kind: usize,
    /// Positions of the labels that rule the others out.
    pub hidden: Vec<usize>,
}

fn push_unique(list: &mut Vec<Confirmation>, item: Confirmation) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Keeps the completions whose gaps are minimal (no other completion's gaps
/// are a proper subset of them, counting shortfalls), and sorts them shortest
/// first, then by what is left to confirm.
fn shortest_completions(candidates: Vec<Completion>) -> Vec<Completion> {
    // Among ways with the same gaps, the one whose applicant labels the
    // profile settles must survive: a 药店's own way, not a 药品生产企业's with
    // the same two documents. So a candidate only gives way to one at least
    // as settled.
    let unsettled = |c: &Completion| {
        c.applicants
            .iter()
            .filter(|l| l.truth != Truth::Yes)
            .count()
    };
    // `a` makes `b` redundant: `a` lacks no more than `b` does and, when they
    // lack the same, `a` is at least as settled.
    let covers = |a: &Completion, b: &Completion| {
        gaps_within(a, b) && (!gaps_within(b, a) || unsettled(a) <= unsettled(b))
    };
    let mut kept: Vec<Completion> = Vec::new();
    for candidate in candidates {
        if kept.iter().any(|k| covers(k, &candidate)) {
            continue;
        }
        kept.retain(|k| !covers(&candidate, k));
        kept.push(candidate);
    }
    // Among equally short completions the source's order stays: the index is
    // the last key, so an unstable sort is as good as a stable one.
    // Among equally short ways, one whose applicant labels the profile
    // settles comes before one meant for a kind it has not confirmed.
    /// Gaps, shortfall, unsettled labels, confirmations, source position.
    type Rank = (usize, u32, usize, usize, usize);
    let mut ordered: Vec<(Rank, Completion)> = kept
        .into_iter()
        .enumerate()
        .map(|(index, c)| {
            let unsettled = c
                .applicants
                .iter()
                .filter(|l| l.truth != Truth::Yes)
                .count();
            let key = (
                c.gaps(),
                c.missing.iter().map(|m| m.need - m.have).sum::<u32>(),
                unsettled,
                c.to_confirm.len(),
                index,
            );
            (key, c)
        })
        .collect();
    crate::sort::sort_by_key(&mut ordered, |(key, _)| *key);
    ordered.into_iter().map(|(_, c)| c).collect()
}

/// Whether everything `a` lacks, `b` lacks too (at least as much): then `b` is never shorter.
fn gaps_within(a: &Completion, b: &Completion) -> bool {
    a.missing.iter().all(|m| {
        b.missing.iter().any(|n| {
            n.document == m.document
                && n.holder.is_some() == m.holder.is_some()
                && n.need - n.have >= m.need - m.have
        })
    }) && a
        .unmet
        .iter()
        .all(|u| b.unmet.iter().any(|v| v.key == u.key))
}
