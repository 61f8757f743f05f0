//! What a verdict leaves to the user, answered in place: each thing to
//! confirm with "yes" and "no", the conditions known to fail (held, but not
//! meeting this category's condition) and those already settled, each with
//! a way to take the answer back. Answers are kept in the profile for this
//! category, so the verdict and every other page follow at once.

use leimu_engine::{Confirmation, Unmet, UnmetReason, Verdict};
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::i18n::fill;
use crate::profile_edit;

/// The text of something to confirm.
pub fn confirmation_text(app: AppState, confirmation: &Confirmation) -> String {
    let s = app.strings();
    match confirmation {
        Confirmation::Condition { name, text, .. } => format!("{name}: {text}"),
        Confirmation::Applicant { label, .. } => format!("{}{label}", s.applicant_is),
        Confirmation::Option { label, .. } => format!("{}{label}", s.option_is),
        Confirmation::Situation { text, applies, .. } => {
            let lead = if *applies {
                s.situation_applies
            } else {
                s.situation_asks
            };
            format!("{lead}{text}")
        }
    }
}

fn unmet_text(app: AppState, unmet: &Unmet) -> String {
    let s = app.strings();
    let why = match &unmet.reason {
        UnmetReason::Scope { terms } => format!("{}{}", s.unmet_scope, terms.join("、")),
        UnmetReason::Denied => s.unmet_denied.to_owned(),
        UnmetReason::NotCovered => s.unmet_not_covered.to_owned(),
    };
    if unmet.name.is_empty() {
        format!("{} — {why}", unmet.text)
    } else {
        format!("{}: {} — {why}", unmet.name, unmet.text)
    }
}

/// The questions of a category's verdict, answerable in place.
#[component]
pub fn Questions(#[prop(into)] verdict: Signal<Verdict>) -> impl IntoView {
    let app = use_app();
    move || {
        let v = verdict.get();
        let s = app.strings();
        let category = v.category.clone();
        let way = v
            .satisfied_by
            .clone()
            .or_else(|| v.completions.first().cloned());
        let ask = (!v.to_confirm.is_empty()).then(|| {
            let items = v
                .to_confirm
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let key = c.key().to_owned();
                    let (yes_key, no_key) = (key.clone(), key);
                    let (yes_cat, no_cat) = (category.clone(), category.clone());
                    let hint = match c {
                        Confirmation::Condition { scope_terms, .. } if !scope_terms.is_empty() => {
                            Some(view! { <span class="hint">" ("{s.scope_terms_hint}")"</span> })
                        }
                        _ => None,
                    };
                    let text_id = format!("confirm-{i}");
                    view! {
                        <li>
                            <span id=text_id.clone()>{confirmation_text(app, c)}</span>{hint}
                            <span class="answer" role="group" aria-labelledby=text_id>
                                <button type="button" on:click=move |_| app.profile.update(|p| profile_edit::answer(p, Some(&yes_cat), &yes_key, true))>{s.answer_yes}</button>
                                <button type="button" on:click=move |_| app.profile.update(|p| profile_edit::answer(p, Some(&no_cat), &no_key, false))>{s.answer_no}</button>
                            </span>
                        </li>
                    }
                })
                .collect_view();
            view! { <h3>{s.to_confirm}</h3><ul class="confirm">{items}</ul> }
        });
        let retract = move |key: String, category: String| {
            move |_| {
                app.profile.update(|p| {
                    profile_edit::retract(p, Some(&category), &key);
                    profile_edit::retract(p, None, &key);
                })
            }
        };
        let unmet = way.as_ref().filter(|w| !w.unmet.is_empty()).map(|w| {
            let items = w
                .unmet
                .iter()
                .map(|u| {
                    // A scope mismatch is fixed in the profile's scope, not taken back here.
                    let button = (!matches!(u.reason, UnmetReason::Scope { .. })).then(|| {
                        view! { <button type="button" class="link" on:click=retract(u.key.clone(), category.clone())>{s.take_back}</button> }
                    });
                    view! { <li>{unmet_text(app, u)}" "{button}</li> }
                })
                .collect_view();
            view! { <h3>{s.unmet_title}</h3><ul class="unmet">{items}</ul> }
        });
        let checked = way.as_ref().filter(|w| !w.checked.is_empty()).map(|w| {
            let items = w
                .checked
                .iter()
                .map(|c| {
                    let how = match &c.matched {
                        Some(term) => fill(s.checked_scope, &[term]),
                        None => s.checked_answer.to_owned(),
                    };
                    let button = c.matched.is_none().then(|| {
                        let key = leimu_engine::question::condition(&c.document, &c.text);
                        view! { <button type="button" class="link" on:click=retract(key, category.clone())>{s.take_back}</button> }
                    });
                    view! { <li>{format!("{}: {} — {how}", c.name, c.text)}" "{button}</li> }
                })
                .collect_view();
            view! { <h3>{s.checked_title}</h3><ul class="checked">{items}</ul> }
        });
        view! { {ask}{unmet}{checked} }
    }
}
