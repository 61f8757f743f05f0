//! "My documents": the one profile of what the applicant and its partners
//! hold, kept in this browser. Editable here and from every category page.

use std::collections::BTreeMap;

use leimu_engine::Catalog;
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::components::profile_facts::{AnswerList, ApprovedList, KindChooser, ScopeEditor};

/// Documents whose name or a spelling contains the query (without 《》), at most `limit`.
pub fn find_documents(catalog: &Catalog, query: &str, limit: usize) -> Vec<String> {
    let query = query.trim().trim_start_matches('《').trim_end_matches('》');
    if query.is_empty() {
        return Vec::new();
    }
    let lower = query.to_ascii_lowercase();
    catalog
        .documents()
        .iter()
        .filter(|d| {
            d.id.contains(&lower)
                || d.aliases
                    .iter()
                    .any(|a| a.to_ascii_lowercase().contains(&lower))
        })
        .take(limit)
        .map(|d| d.id.clone())
        .collect()
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let query = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let matches = Memo::new(move |_| find_documents(catalog, &query.get(), 12));
    let side_list = move |partners: bool| {
        move || {
            let entries: BTreeMap<String, u32> = app.profile.with(|p| {
                if partners {
                    p.partners.clone()
                } else {
                    p.applicant.clone()
                }
            });
            if entries.is_empty() {
                return view! { <p class="empty">{app.strings().profile_empty}</p> }.into_any();
            }
            let items = entries
                .into_iter()
                .map(|(id, count)| held_row(app, id, count, partners))
                .collect_view();
            view! { <ul class="held">{items}</ul> }.into_any()
        }
    };
    view! {
        <section class="profile">
            <h1 tabindex="-1">{app.strings().profile_title}</h1>
            <p>{app.strings().profile_intro}</p>
            <h2>{app.strings().profile_applicant}</h2>
            {side_list(false)}
            <h2>{app.strings().profile_partners}</h2>
            {side_list(true)}
            <h2>{app.strings().profile_kinds}</h2>
            <KindChooser/>
            <ScopeEditor/>
            <ApprovedList/>
            <AnswerList/>
            <h2><label for="document-search">{app.strings().profile_add_document}</label></h2>
            <input id="document-search" type="search" autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <ul class="document-matches">
                {move || matches.get().into_iter().filter_map(|id| catalog.document(&id)).map(|d| {
                    let (a, b) = (d.id.clone(), d.id.clone());
                    view! {
                        <li>
                            <span>{d.name.clone()}</span>" "
                            <button type="button" on:click=move |_| app.profile.update(|p| { p.applicant.entry(a.clone()).or_insert(1); })>
                                {app.strings().profile_applicant}
                            </button>" "
                            <button type="button" on:click=move |_| app.profile.update(|p| { p.partners.entry(b.clone()).or_insert(1); })>
                                {app.strings().profile_partners}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p>
                <button type="button" class="danger" on:click=move |_| {
                    app.profile.set(Default::default());
                    status.set(app.strings().profile_cleared.to_owned());
                }>{app.strings().profile_clear}</button>
                <span role="status" class="status">{move || status.get()}</span>
            </p>
        </section>
    }
}

fn held_row(app: AppState, id: String, count: u32, partners: bool) -> impl IntoView {
    let name = app
        .catalog
        .document(&id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| id.clone());
    let input_id = format!("held-{}-{id}", if partners { "p" } else { "a" });
    let (set_id, remove_id) = (id.clone(), id);
    view! {
        <li>
            <span class="doc-name">{name.clone()}</span>" "
            <label for=input_id.clone()>{app.strings().count}</label>
            <input id=input_id type="number" min="0" max="99" prop:value=count.to_string() on:change=move |ev| {
                let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0).min(99);
                app.profile.update(|p| {
                    let side = if partners { &mut p.partners } else { &mut p.applicant };
                    if value == 0 { side.remove(&set_id); } else { side.insert(set_id.clone(), value); }
                });
            }/>" "
            <button type="button" on:click=move |_| app.profile.update(|p| {
                let side = if partners { &mut p.partners } else { &mut p.applicant };
                side.remove(&remove_id);
            })>{app.strings().remove}<span class="visually-hidden">{" "}{name.clone()}</span></button>
        </li>
    }
}
