//! The plan: several categories at once, one combined checklist with shared
//! documents counted once; print, Markdown and JSON export, copy, and a share
//! link that carries the plan and the profile in the URL (nothing uploaded).

use leimu_engine::Profile;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{navigate, use_app};
use crate::components::search::SearchBox;
use crate::i18n::fill;
use crate::state::{self, Route};

/// Offers `contents` as a file download, built in the browser.
fn download(name: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document().create_element("a")
        && let Some(anchor) = anchor.dyn_ref::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn PlanPage(share: Option<String>) -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    // Opening a share link: take its plan and profile, report what was dropped, then show the plain plan URL.
    if let Some(query) = share {
        let loaded = state::from_share_query(&query, catalog);
        let (plan, profile) = loaded.value;
        // Never lose what the visitor had: keep it, and offer to restore it.
        let (own_plan, own_profile) = (app.plan.get_untracked(), app.profile.get_untracked());
        let had_own = !own_plan.is_empty() || own_profile != Profile::default();
        if had_own && (own_plan != plan || own_profile != profile) {
            crate::storage::set(
                state::BEFORE_SHARE_KEY,
                &state::before_share_json(&own_plan, &own_profile),
            );
            app.replaced.set(Some((own_plan, own_profile)));
        }
        app.plan.set(plan);
        app.profile.set(profile);
        if !loaded.dropped.is_empty() {
            let s = app.strings();
            app.notices
                .update(|n| n.push(fill(s.notice_broken_link, &[&loaded.dropped.join(", ")])));
        }
        // Show the plain plan URL, and forget the query so a re-render (a
        // language switch) does not apply the link a second time.
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&Route::Plan { share: None }.to_hash()),
            );
        }
        queue_microtask(move || app.route.set(Route::Plan { share: None }));
    }
    let status = RwSignal::new(String::new());
    let plan = Memo::new(move |_| {
        let ids = app.plan.get();
        app.profile.with(|p| catalog.plan(&ids, p))
    });
    let share_url = move || {
        let query = app.profile.with(|p| state::share_query(&app.plan.get(), p));
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        format!("{base}{}", Route::Plan { share: Some(query) }.to_hash())
    };
    let add = Callback::new(move |id: String| {
        app.plan.update(|p| {
            if !p.contains(&id) {
                p.push(id)
            }
        })
    });
    let copy = move |_| {
        let text = state::plan_markdown(&plan.get(), catalog, app.lang.get());
        let promise = window().navigator().clipboard().write_text(&text);
        // Say "copied" only when the browser says so; it may refuse (no permission, no focus).
        leptos::task::spawn_local(async move {
            let s = app.strings();
            let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => s.plan_copied,
                Err(_) => s.plan_copy_failed,
            };
            status.set(message.to_owned());
        });
    };
    let categories = move || {
        plan.get()
            .categories
            .into_iter()
            .filter_map(|c| catalog.leaf(&c.category).map(|leaf| (c, leaf)))
            .map(|(planned, leaf)| {
                let id = leaf.id.clone();
                let s = app.strings();
                let (class, status) = match (&planned.chosen, planned.status) {
                    (None, _) => ("missing", s.plan_blocked),
                    (_, leimu_engine::Status::Satisfied) => ("satisfied", s.satisfied),
                    (_, leimu_engine::Status::Confirm) => ("confirm", s.confirm_needed),
                    (_, leimu_engine::Status::ByEmail) => ("email", s.by_email),
                    (_, leimu_engine::Status::Missing) => ("missing", s.missing),
                };
                let for_whom: Vec<String> = planned
                    .chosen
                    .iter()
                    .flat_map(|w| w.applicants.iter().map(|l| l.label.clone()))
                    .collect();
                let for_whom = (!for_whom.is_empty()).then(|| view! { <span class="for-kind">{s.only_for}" "{for_whom.join("、")}</span> });
                let depends = planned.depends_on_kind.then(|| view! { <span class="hint">" "{s.plan_depends_on_kind}</span> });
                view! {
                    <li>
                        <a href=Route::Category(leaf.id.clone()).to_hash()>{leaf.path.join(" > ")}</a>" "
                        <span class=format!("plan-status {class}")>{status}</span>{for_whom}{depends}" "
                        <button type="button" class="no-print" on:click=move |_| app.plan.update(|p| p.retain(|x| *x != id))>
                            {app.strings().remove}<span class="visually-hidden">{" "}{leaf.path.join(" > ")}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let checklist = move || {
        let s = app.strings();
        plan.get()
            .documents
            .into_iter()
            .map(|d| {
                let used_by: Vec<String> = d
                    .categories
                    .iter()
                    .filter_map(|c| catalog.leaf(c))
                    .map(|l| l.path.join(" > "))
                    .collect();
                let count = (d.need > 1).then(|| format!(" ×{}", d.need));
                let holder = d.holder.clone().map(|h| format!("（{} {h}）", s.held_by));
                let conditions = d
                    .conditions
                    .iter()
                    .map(|c| view! { <li>{s.to_confirm}": "{c.clone()}</li> })
                    .collect_view();
                let mark = if d.missing { "☐" } else { "☑" };
                view! {
                    <li class:missing=d.missing>
                        <span aria-hidden="true">{mark}" "</span>
                        <strong>{d.name.clone()}</strong>{count}{holder}
                        <span class="used-by">" — "{s.plan_needed_by}" "{used_by.join("; ")}</span>
                        <ul>{conditions}</ul>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="plan">
            <h1 tabindex="-1">{app.strings().plan_title}</h1>
            <p class="no-print">{app.strings().plan_intro}</p>
            <Show when=move || !app.plan.with(Vec::is_empty) fallback=move || view! { <p class="empty">{app.strings().plan_empty}</p> }>
                <ul class="plan-categories">{categories}</ul>
                <h2>{move || fill(app.strings().plan_missing_total, &[&plan.with(|p| p.missing_count).to_string()])}</h2>
                <p class="plan-summary">{move || plan.with(|p| fill(app.strings().plan_summary, &[
                    &p.satisfied_count.to_string(),
                    &p.confirm_count.to_string(),
                    &(p.missing_categories - p.blocked.len()).to_string(),
                    &p.blocked.len().to_string(),
                ]))}</p>
                <ul class="plan-checklist">{checklist}</ul>
                <div class="actions no-print">
                    <button type="button" on:click=move |_| { let _ = window().print(); }>{app.strings().plan_print}</button>
                    <button type="button" on:click=move |_| download("leimu-plan.md", "text/markdown", &state::plan_markdown(&plan.get(), catalog, app.lang.get()))>
                        {app.strings().plan_markdown}
                    </button>
                    <button type="button" on:click=move |_| download("leimu-plan.json", "application/json", &state::plan_json(&plan.get(), catalog))>
                        {app.strings().plan_json}
                    </button>
                    <button type="button" on:click=copy>{app.strings().plan_copy}</button>
                    <span role="status" class="status">{move || status.get()}</span>
                </div>
                <p class="no-print">
                    <label for="share-link">{app.strings().plan_share}</label>
                    <input id="share-link" type="text" readonly prop:value=share_url on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { input.select(); }
                    }/>
                    <span class="hint">{app.strings().plan_share_note}</span>
                </p>
            </Show>
            <div class="no-print">
                <h2>{app.strings().plan_add_category}</h2>
                <SearchBox id="plan-search" on_choose=add/>
            </div>
            <p class="no-print"><a href="#/" on:click=move |ev| { ev.prevent_default(); navigate(&Route::Home); }>{app.strings().back_home}</a></p>
        </section>
    }
}
