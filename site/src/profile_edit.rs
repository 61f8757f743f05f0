//! Changes to a profile that pages make, as plain functions: answers to
//! the questions a verdict asks, the alternative a category page says is the
//! applicant's, approvals, what the applicant is. Tested natively.
//!
//! What a category page records stays with that category (an answer with
//! its `category`): saying "mine is the 快递合作方 way" on 收件/派件 must not
//! close anything on another category. Only the profile page states facts
//! about the applicant for every category (its kinds).

use leimu_engine::{Answer, Catalog, LabelState, Profile, Truth, question};

/// Records an answer, replacing an earlier one to the same question for the same category.
pub fn answer(profile: &mut Profile, category: Option<&str>, question: &str, holds: bool) {
    retract(profile, category, question);
    profile.answers.push(Answer {
        category: category.map(str::to_owned),
        question: question.to_owned(),
        holds,
    });
}

/// Forgets an answer.
pub fn retract(profile: &mut Profile, category: Option<&str>, question: &str) {
    profile
        .answers
        .retain(|a| !(a.question == question && a.category.as_deref() == category));
}

/// The alternative the user says is theirs on a category page: its label
/// holds for this category, and every other label of the category that
/// the profile's facts leave open does not. `None` forgets the choice.
pub fn choose_alternative(
    profile: &mut Profile,
    category: &str,
    chosen: Option<&str>,
    labels: &[LabelState],
) {
    for state in labels {
        retract(profile, Some(category), &question::label(&state.kind));
    }
    let Some(chosen) = chosen else {
        return;
    };
    for state in labels {
        let decided_by_facts = state.answered.is_none() && state.truth != Truth::Unknown;
        if state.kind == chosen {
            if !decided_by_facts {
                answer(profile, Some(category), &question::label(&state.kind), true);
            }
        } else if !decided_by_facts {
            answer(
                profile,
                Some(category),
                &question::label(&state.kind),
                false,
            );
        }
    }
}

/// The label a category page shows as chosen: the one answered yes for it.
pub fn chosen_alternative(labels: &[LabelState]) -> Option<String> {
    labels
        .iter()
        .find(|s| s.answered == Some(true))
        .map(|s| s.kind.clone())
}

/// Adds or removes a category the mini program already holds.
pub fn set_approved(profile: &mut Profile, category: &str, approved: bool) {
    profile.approved.retain(|c| c != category);
    if approved {
        profile.approved.push(category.to_owned());
    }
}

/// What the applicant says about one kind: it is (`Some(true)`), it is
/// not (`Some(false)`), or nothing. Saying it is a kind of an exclusive
/// group (one legal form) takes back the group's other kinds.
pub fn set_kind(catalog: &Catalog, profile: &mut Profile, kind: &str, is: Option<bool>) {
    profile.kinds.retain(|k| k != kind);
    profile.not_kinds.retain(|k| k != kind);
    let data = catalog.data();
    let group = data
        .applicant_kinds
        .iter()
        .find(|k| k.id == kind)
        .and_then(|k| k.group.clone());
    let exclusive = group.as_ref().is_some_and(|g| {
        data.applicant_groups
            .iter()
            .any(|x| x.id == *g && x.exclusive)
    });
    match is {
        Some(true) => {
            if exclusive {
                let siblings: Vec<&str> = data
                    .applicant_kinds
                    .iter()
                    .filter(|k| k.group == group && k.id != kind)
                    .map(|k| k.id.as_str())
                    .collect();
                profile.kinds.retain(|k| !siblings.contains(&k.as_str()));
            }
            profile.kinds.push(kind.to_owned());
        }
        Some(false) => profile.not_kinds.push(kind.to_owned()),
        None => {}
    }
}

/// What the applicant says about a kind, as [`set_kind`] takes it.
pub fn kind_statement(profile: &Profile, kind: &str) -> Option<bool> {
    if profile.kinds.iter().any(|k| k == kind) {
        Some(true)
    } else if profile.not_kinds.iter().any(|k| k == kind) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        crate::catalog().expect("the embedded catalogue loads")
    }

    #[test]
    fn choosing_an_alternative_stays_with_its_category() {
        let catalog = catalog();
        let mut profile = Profile::default();
        let labels = catalog.label_states("logistics.pickup-delivery", &profile);
        choose_alternative(
            &mut profile,
            "logistics.pickup-delivery",
            Some("express-partner"),
            &labels,
        );
        let after = catalog.label_states("logistics.pickup-delivery", &profile);
        let truth = |kind: &str| after.iter().find(|s| s.kind == kind).map(|s| s.truth);
        assert_eq!(truth("express-partner"), Some(Truth::Yes));
        assert_eq!(truth("express-company"), Some(Truth::No));
        assert_eq!(
            chosen_alternative(&after).as_deref(),
            Some("express-partner")
        );
        // Another category with the same kinds of labels is untouched.
        let elsewhere = catalog.label_states("transport.ride-hailing.express", &profile);
        assert!(elsewhere.iter().all(|s| s.truth == Truth::Unknown));
        // 不限定: the choice is forgotten.
        choose_alternative(&mut profile, "logistics.pickup-delivery", None, &after);
        assert!(profile.answers.is_empty());
    }

    #[test]
    fn a_choice_never_overrides_what_the_profile_says() {
        let catalog = catalog();
        let mut profile = Profile::default();
        set_kind(catalog, &mut profile, "enterprise", Some(true));
        let labels = catalog.label_states("government.customs", &profile);
        choose_alternative(
            &mut profile,
            "government.customs",
            Some("not-government"),
            &labels,
        );
        // 企业 already settles both labels: nothing to record.
        assert!(profile.answers.is_empty());
    }

    #[test]
    fn one_legal_form_at_a_time() {
        let catalog = catalog();
        let mut profile = Profile::default();
        set_kind(catalog, &mut profile, "enterprise", Some(true));
        set_kind(catalog, &mut profile, "government", Some(true));
        assert_eq!(profile.kinds, ["government"]);
        set_kind(catalog, &mut profile, "bank", Some(false));
        assert_eq!(kind_statement(&profile, "bank"), Some(false));
        set_kind(catalog, &mut profile, "bank", None);
        assert_eq!(kind_statement(&profile, "bank"), None);
    }

    #[test]
    fn answers_replace_earlier_ones() {
        let mut profile = Profile::default();
        answer(&mut profile, Some("a"), "q", true);
        answer(&mut profile, Some("a"), "q", false);
        answer(&mut profile, None, "q", true);
        assert_eq!(profile.answers.len(), 2);
        assert!(!profile.answer("a", "q").unwrap_or(true));
        assert_eq!(profile.answer("b", "q"), Some(true));
        set_approved(&mut profile, "x", true);
        set_approved(&mut profile, "x", true);
        assert_eq!(profile.approved, ["x"]);
        set_approved(&mut profile, "x", false);
        assert!(profile.approved.is_empty());
    }
}
