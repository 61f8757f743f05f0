//! Who the applicant is, on a category page: which alternative is theirs
//! (recorded for this category only), which alternatives what the profile
//! says rules out and why (with a way to take that back in place), and the
//! categories this one requires first.
//!
//! The choice on a category page is an answer for that category, never a
//! fact of the whole profile: choosing 快递合作方 on 收件/派件 must not empty
//! another category's checklist (it did, when the choice was a profile kind).

use leimu_engine::model::Leaf;
use leimu_engine::{Statement, Truth};
use leptos::prelude::*;

use crate::app::use_app;
use crate::i18n::fill;
use crate::profile_edit;
use crate::state::Route;

/// The alternative picker of a category whose rule has alternatives for
/// particular applicants or options (nothing otherwise).
#[component]
pub fn AlternativePicker(leaf: &'static Leaf) -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let states = Memo::new(move |_| app.profile.with(|p| catalog.label_states(&leaf.id, p)));
    move || {
        let labels = states.get();
        if labels.is_empty() {
            return None;
        }
        let s = app.strings();
        let chosen = profile_edit::chosen_alternative(&labels).unwrap_or_default();
        let choose = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let labels = states.get_untracked();
            app.profile.update(|p| {
                profile_edit::choose_alternative(
                    p,
                    &leaf.id,
                    (!value.is_empty()).then_some(value.as_str()),
                    &labels,
                )
            });
        };
        // A label the profile's facts settle is not a choice on this page.
        let open: Vec<_> = labels
            .iter()
            .filter(|l| l.answered.is_some() || l.truth == Truth::Unknown)
            .cloned()
            .collect();
        let settled_yes: Vec<String> = labels
            .iter()
            .filter(|l| l.answered.is_none() && l.truth == Truth::Yes)
            .map(|l| l.label.clone())
            .collect();
        let closed: Vec<_> = labels
            .iter()
            .filter(|l| l.answered.is_none() && l.truth == Truth::No)
            .cloned()
            .collect();
        let picker = (!open.is_empty()).then(|| {
            let options = open
                .iter()
                .map(|l| view! { <option value=l.kind.clone() selected=l.kind == chosen>{l.label.clone()}</option> })
                .collect_view();
            view! {
                <p class="kind-picker">
                    <label for="kind-select">{s.alternatives_title}</label>
                    <select id="kind-select" on:change=choose prop:value=chosen.clone()>
                        <option value="">{s.kind_any}</option>
                        {options}
                    </select>
                    <span class="hint">{s.alternatives_hint}</span>
                </p>
            }
        });
        let yes = (!settled_yes.is_empty()).then(|| {
            view! { <p class="kind-settled">{s.label_settled_yes}{settled_yes.join("、")}</p> }
        });
        let all_closed =
            labels.iter().all(|l| l.truth == Truth::No) && !labels.iter().all(|l| l.option);
        let closed_view = (!closed.is_empty()).then(|| {
            let items = closed
                .into_iter()
                .map(|l| {
                    let reasons: Vec<String> = l.because.iter().map(|b| statement_text(app, b)).collect();
                    let because = l.because.clone();
                    let take_back = move |_| {
                        app.profile.update(|p| {
                            for statement in &because {
                                profile_edit::set_kind(catalog, p, &statement.kind, None);
                            }
                        })
                    };
                    view! {
                        <li>
                            <q>{l.label.clone()}</q>" — "{s.because_you_said}{reasons.join("、")}" "
                            <button type="button" class="link" on:click=take_back>
                                {s.take_back}<span class="visually-hidden">" "{l.label.clone()}</span>
                            </button>
                            <span class="hint">{s.take_back_everywhere}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="kind-closed">
                    <p>{s.label_closed}</p>
                    <ul>{items}</ul>
                    {all_closed.then(|| view! { <p class="all-closed" role="note">{s.all_closed}</p> })}
                </div>
            }
        });
        Some(view! { <div class="alternatives">{picker}{yes}{closed_view}</div> })
    }
}

fn statement_text(app: crate::app::AppState, statement: &Statement) -> String {
    let s = app.strings();
    fill(
        if statement.is {
            s.statement_is
        } else {
            s.statement_is_not
        },
        &[&statement.name],
    )
}

/// The categories this one requires first, each with a switch for "already approved".
#[component]
pub fn Prerequisites(leaf: &'static Leaf) -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    (!leaf.prerequisites.is_empty()).then(|| {
        let items = leaf
            .prerequisites
            .iter()
            .filter_map(|p| catalog.leaf(&p.category))
            .map(|required| {
                let id = required.id.clone();
                let approved = {
                    let id = id.clone();
                    Signal::derive(move || app.profile.with(|p| p.approved.contains(&id)))
                };
                let input_id = format!("approved-{}", id.replace('.', "-"));
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    app.profile
                        .update(|p| profile_edit::set_approved(p, &id, on));
                };
                view! {
                    <li>
                        {app.strings().prerequisite_needed}
                        <a href=Route::Category(required.id.clone()).href()>{required.path.join(" > ")}</a>" "
                        <input type="checkbox" id=input_id.clone() prop:checked=approved on:change=toggle/>
                        <label for=input_id>{app.strings().prerequisite_approved}</label>
                        <span class="hint">" "{app.strings().prerequisite_counted}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="prerequisites">{items}</ul> }
    })
}
