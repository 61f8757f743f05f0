//! "My documents": the one profile of what the applicant and its partners
//! hold, kept in this browser. Editable here and from every category page.

use std::collections::BTreeMap;

use leimu_engine::Profile;
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::components::clients::ClientManager;
use crate::components::profile_facts::{AnswerList, ApprovedList, KindChooser, ScopeEditor};
use crate::document_search::find_documents;
use crate::i18n::fill;

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
    // 清空全部 asks first, and can be undone until the user leaves the page.
    let confirm_clear = RwSignal::new(false);
    let cleared = RwSignal::new(None::<Profile>);
    let add = move |id: String, partners: bool| {
        let s = app.strings();
        let name = catalog
            .document(&id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| id.clone());
        app.profile.update(|p| {
            let side = if partners {
                &mut p.partners
            } else {
                &mut p.applicant
            };
            side.entry(id).or_insert(1);
        });
        let side = if partners {
            s.profile_partners
        } else {
            s.profile_applicant
        };
        status.set(fill(s.profile_added, &[&name, side, &app.client_name()]));
    };
    view! {
        <section class="profile">
            <h1 tabindex="-1">{app.strings().profile_title}
                <Show when=move || app.clients.with(|c| c.in_use())>
                    <span class="client-tag">" · "{move || app.client_name()}</span>
                </Show>
            </h1>
            <p>{app.strings().profile_intro}</p>
            <ClientManager/>
            <h2>{app.strings().profile_applicant}</h2>
            {side_list(false)}
            <h2>{app.strings().profile_partners}</h2>
            {side_list(true)}
            <h2><label for="document-search">{app.strings().profile_add_document}</label></h2>
            <p class="hint" id="document-search-hint">{app.strings().profile_search_hint}</p>
            <input id="document-search" type="search" autocomplete="off" aria-describedby="document-search-hint"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <Show when=move || !query.with(|q| q.trim().is_empty()) && matches.with(Vec::is_empty)>
                <p class="empty" role="status">{move || fill(app.strings().profile_no_match, &[query.get().trim()])}</p>
            </Show>
            <ul class="document-matches">
                {move || matches.get().into_iter().filter_map(|id| catalog.document(&id)).map(|d| {
                    let (a, b) = (d.id.clone(), d.id.clone());
                    let (held_a, held_b) = (d.id.clone(), d.id.clone());
                    let name = d.name.clone();
                    view! {
                        <li>
                            <span>{d.name.clone()}</span>" "
                            <button type="button"
                                disabled=move || app.profile.with(|p| p.applicant.contains_key(&held_a))
                                on:click=move |_| add(a.clone(), false)>
                                {app.strings().profile_applicant}<span class="visually-hidden">{" "}{name.clone()}</span>
                            </button>" "
                            <button type="button"
                                disabled=move || app.profile.with(|p| p.partners.contains_key(&held_b))
                                on:click=move |_| add(b.clone(), true)>
                                {app.strings().profile_partners}<span class="visually-hidden">{" "}{name.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p role="status" class="status">{move || status.get()}</p>
            <h2>{app.strings().profile_kinds}</h2>
            <KindChooser/>
            <ScopeEditor/>
            <ApprovedList/>
            <AnswerList/>
            <div class="clear-all">
                <Show when=move || cleared.with(Option::is_some)>
                    <p role="status">{move || app.strings().profile_cleared}" "
                        <button type="button" on:click=move |_| {
                            if let Some(before) = cleared.get_untracked() { app.profile.set(before); }
                            cleared.set(None);
                            status.set(app.strings().profile_restored.to_owned());
                        }>{app.strings().undo}</button>
                    </p>
                </Show>
                <Show when=move || confirm_clear.get() fallback=move || view! {
                    <p><button type="button" class="danger"
                        disabled=move || app.profile.with(|p| *p == Profile::default())
                        on:click=move |_| confirm_clear.set(true)>{app.strings().profile_clear}</button></p>
                }>
                    <p class="confirm" role="group" aria-label=app.strings().profile_clear>
                        {move || fill(app.strings().profile_clear_confirm, &[&app.client_name()])}" "
                        <button type="button" class="danger" on:click=move |_| {
                            cleared.set(Some(app.profile.get_untracked()));
                            app.profile.set(Default::default());
                            confirm_clear.set(false);
                            status.set(String::new());
                        }>{app.strings().profile_clear_yes}</button>" "
                        <button type="button" on:click=move |_| confirm_clear.set(false)>{app.strings().cancel}</button>
                    </p>
                </Show>
            </div>
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
            // The stepper stops at 1: removing is the remove button's job, so a
            // slip of the arrow key never deletes a document.
            <input id=input_id type="number" min="1" max="99" prop:value=count.to_string() on:change=move |ev| {
                let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(count).clamp(1, 99);
                if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                    input.set_value(&value.to_string());
                }
                app.profile.update(|p| {
                    let side = if partners { &mut p.partners } else { &mut p.applicant };
                    side.insert(set_id.clone(), value);
                });
            }/>" "
            <button type="button" on:click=move |_| app.profile.update(|p| {
                let side = if partners { &mut p.partners } else { &mut p.applicant };
                side.remove(&remove_id);
            })>{app.strings().remove}<span class="visually-hidden">{" "}{name.clone()}</span></button>
        </li>
    }
}
