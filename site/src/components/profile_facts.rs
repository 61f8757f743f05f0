//! The parts of "My documents" beyond documents: what the applicant is (a
//! short grouped list: one legal form, then sectors by group), its business
//! scope, the categories it already holds, and the answers it has given.

use leimu_engine::Catalog;
use leimu_engine::model::ApplicantKind;
use leptos::prelude::*;

use crate::app::use_app;
use crate::i18n::fill;
use crate::profile_edit;
use crate::state::Route;

/// The groups to show and their kinds, in catalogue order: every group
/// with a kind that is a fact about the applicant (not a row's option).
pub fn kind_groups(
    catalog: &Catalog,
) -> Vec<(&leimu_engine::model::ApplicantGroup, Vec<&ApplicantKind>)> {
    let data = catalog.data();
    data.applicant_groups
        .iter()
        .map(|group| {
            let kinds: Vec<&ApplicantKind> = data
                .applicant_kinds
                .iter()
                .filter(|k| !k.option && k.group.as_deref() == Some(group.id.as_str()))
                .collect();
            (group, kinds)
        })
        .filter(|(_, kinds)| !kinds.is_empty())
        .collect()
}

/// What the applicant is: each exclusive group a set of radio buttons, each
/// other group's kinds a choice of "not stated / is / is not".
#[component]
pub fn KindChooser() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let stated = move || {
        let s = app.strings();
        let items: Vec<(String, String)> = app.profile.with(|p| {
            p.kinds
                .iter()
                .map(|k| (k.clone(), true))
                .chain(p.not_kinds.iter().map(|k| (k.clone(), false)))
                .filter_map(|(id, is)| {
                    let kind = catalog.data().applicant_kinds.iter().find(|x| x.id == id)?;
                    let text = fill(
                        if is {
                            s.statement_is
                        } else {
                            s.statement_is_not
                        },
                        &[&kind.name],
                    );
                    Some((id, text))
                })
                .collect()
        });
        let list = items
            .into_iter()
            .map(|(id, text)| {
                let label = text.clone();
                view! {
                    <li>{text}" "
                        <button type="button" on:click=move |_| app.profile.update(|p| profile_edit::set_kind(catalog, p, &id, None))>
                            {s.remove}<span class="visually-hidden">" "{label}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="held stated-kinds">{list}</ul> }
    };
    let groups = kind_groups(catalog)
        .into_iter()
        .enumerate()
        .map(|(index, (group, kinds))| {
            let s = app.strings();
            let body = if group.exclusive {
                let name = format!("group-{}", group.id);
                let ids: Vec<String> = kinds.iter().map(|k| k.id.clone()).collect();
                let none_id = format!("{name}-none");
                let none_for = none_id.clone();
                let clear_ids = ids.clone();
                let none_checked = move || app.profile.with(|p| !clear_ids.iter().any(|k| p.kinds.contains(k)));
                let clear = {
                    let ids = ids.clone();
                    move |_| app.profile.update(|p| {
                        for id in &ids {
                            profile_edit::set_kind(catalog, p, id, None);
                        }
                    })
                };
                let options = kinds
                    .iter()
                    .map(|kind| {
                        let id = kind.id.clone();
                        let input_id = format!("kind-{id}");
                        let label_for = input_id.clone();
                        let checked = {
                            let id = id.clone();
                            move || app.profile.with(|p| p.kinds.contains(&id))
                        };
                        view! {
                            <label for=label_for class="choice">
                                <input type="radio" id=input_id name=name.clone() prop:checked=checked
                                    on:change=move |_| app.profile.update(|p| profile_edit::set_kind(catalog, p, &id, Some(true)))/>
                                {kind.name.clone()}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <label for=none_for class="choice">
                        <input type="radio" id=none_id name=name.clone() prop:checked=none_checked on:change=clear/>
                        {s.kind_unstated}
                    </label>
                    {options}
                }
                .into_any()
            } else {
                kinds
                    .iter()
                    .map(|kind| {
                        let id = kind.id.clone();
                        let select_id = format!("kind-{id}");
                        let current = {
                            let id = id.clone();
                            move || match app.profile.with(|p| profile_edit::kind_statement(p, &id)) {
                                Some(true) => "is",
                                Some(false) => "not",
                                None => "",
                            }
                        };
                        let change = move |ev: leptos::ev::Event| {
                            let value = event_target_value(&ev);
                            let is = match value.as_str() {
                                "is" => Some(true),
                                "not" => Some(false),
                                _ => None,
                            };
                            app.profile.update(|p| profile_edit::set_kind(catalog, p, &id, is));
                        };
                        view! {
                            <p class="kind-row">
                                <label for=select_id.clone()>{kind.name.clone()}</label>" "
                                <select id=select_id prop:value=current on:change=change>
                                    <option value="">{s.kind_unstated}</option>
                                    <option value="is">{s.kind_is}</option>
                                    <option value="not">{s.kind_is_not}</option>
                                </select>
                            </p>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            // The legal form is open; every other group folds away.
            view! {
                <details class="kind-group" open=index == 0>
                    <summary>{group.name.clone()}</summary>
                    <fieldset>
                        <legend class="visually-hidden">{group.name.clone()}</legend>
                        {body}
                    </fieldset>
                </details>
            }
        })
        .collect_view();
    view! {
        <p>{move || app.strings().profile_kinds_intro}</p>
        {stated}
        <div class="kind-groups">{groups}</div>
    }
}

/// The business scope, as pasted from the business licence.
#[component]
pub fn ScopeEditor() -> impl IntoView {
    let app = use_app();
    view! {
        <h2><label for="scope-text">{move || app.strings().profile_scope}</label></h2>
        <p class="hint">{move || app.strings().profile_scope_hint}</p>
        <textarea id="scope-text" rows="4"
            prop:value=move || app.profile.with(|p| p.scope.clone())
            on:change=move |ev| {
                let text = event_target_value(&ev);
                app.profile.update(|p| p.scope = text.trim().to_owned());
            }></textarea>
    }
}

/// The categories already approved, each removable.
#[component]
pub fn ApprovedList() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    move || {
        let s = app.strings();
        let approved = app.profile.with(|p| p.approved.clone());
        // An empty list is a paragraph, not a <ul> holding a <p> (axe: list).
        let body = if approved.is_empty() {
            view! { <p class="empty">{s.profile_approved_empty}</p> }.into_any()
        } else {
            let items = approved
                .into_iter()
                .filter_map(|id| catalog.leaf(&id))
                .map(|leaf| {
                    let id = leaf.id.clone();
                    let path = leaf.path.join(" > ");
                    view! {
                        <li>
                            <a href=Route::Category(leaf.id.clone()).href()>{path.clone()}</a>" "
                            <button type="button" on:click=move |_| app.profile.update(|p| profile_edit::set_approved(p, &id, false))>
                                {s.remove}<span class="visually-hidden">" "{path}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="held">{items}</ul> }.into_any()
        };
        view! { <h2>{s.profile_approved}</h2>{body} }
    }
}

/// The answers given on category pages, each removable.
#[component]
pub fn AnswerList() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    move || {
        let s = app.strings();
        let answers = app.profile.with(|p| p.answers.clone());
        let body = if answers.is_empty() {
            view! { <p class="empty">{s.profile_answers_empty}</p> }.into_any()
        } else {
            let items = answers
                .into_iter()
                .map(|answer| {
                    let question = answer_text(catalog, &answer.question);
                    let verdict = if answer.holds { s.answer_yes } else { s.answer_no };
                    let scope = match answer.category.as_deref().and_then(|c| catalog.leaf(c)) {
                        Some(leaf) => fill(s.answer_for_category, &[&leaf.path.join(" > ")]),
                        None => s.answer_everywhere.to_owned(),
                    };
                    let (category, key) = (answer.category.clone(), answer.question.clone());
                    view! {
                        <li>
                            {question}" — "<strong>{verdict}</strong>" ("{scope}") "
                            <button type="button" on:click=move |_| app.profile.update(|p| profile_edit::retract(p, category.as_deref(), &key))>
                                {s.remove}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="held answers">{items}</ul> }.into_any()
        };
        view! { <h2>{s.profile_answers}</h2>{body} }
    }
}

/// A question's key as a person reads it: the label, condition or situation.
pub fn answer_text(catalog: &Catalog, key: &str) -> String {
    if let Some(label) = key.strip_prefix("label:") {
        return catalog
            .data()
            .applicant_labels
            .iter()
            .find(|l| l.id == label)
            .map_or_else(|| label.to_owned(), |l| l.text.clone());
    }
    if let Some(rest) = key.strip_prefix("condition:")
        && let Some((document, text)) = rest.split_once(':')
    {
        let name = catalog
            .document(document)
            .map_or_else(|| document.to_owned(), |d| d.name.clone());
        return format!("{name}: {text}");
    }
    key.strip_prefix("situation:").unwrap_or(key).to_owned()
}
