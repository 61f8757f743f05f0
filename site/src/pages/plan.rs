//! The plan: several categories at once, one combined checklist with shared
//! documents counted once; print, Markdown and JSON export, copy, and a share
//! link that carries the plan and the profile in the URL (nothing uploaded).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{AppState, Notice, PendingShare, navigate, use_app};
use crate::components::clients::{download, file_name_of};
use crate::components::search::SearchBox;
use crate::i18n::fill;
use crate::state::{self, Route, ShareOutcome, updates};

#[component]
pub fn PlanPage(share: Option<String>) -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    // Opening a share link never destroys anything: a link with nothing
    // recognisable changes nothing and says so; one that would replace the
    // visitor's own data waits for the visitor to choose (see ShareOffer).
    if let Some(query) = share {
        let loaded = state::from_share_query(&query, catalog);
        let s = app.strings();
        let here = Route::Plan { share: None };
        if !loaded.dropped.is_empty() {
            app.notify(Notice::on(
                here.clone(),
                fill(s.notice_broken_link, &[&loaded.dropped.join(", ")]),
            ));
        }
        older_link_note(app, &query);
        let own = (app.plan.get_untracked(), app.profile.get_untracked());
        match state::share_outcome(&loaded.value, &own.0, &own.1) {
            ShareOutcome::Nothing => app.notify(Notice::on(here, s.share_nothing.to_owned())),
            ShareOutcome::Same => {}
            ShareOutcome::Take => {
                let (plan, profile) = loaded.value;
                app.plan_ways.set(Default::default());
                app.plan.set(plan);
                app.profile.set(profile);
            }
            ShareOutcome::Ask => {
                let (plan, profile) = loaded.value;
                app.pending_share.set(Some(PendingShare { plan, profile }));
            }
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
        app.plan_ways
            .with(|ways| app.profile.with(|p| catalog.plan_choosing(&ids, p, ways)))
    });
    let share_url = move || {
        let query = app.profile.with(|p| state::share_query(&app.plan.get(), p));
        let location = window().location();
        // Made for the site's root, even when the plan was opened on a
        // category's static page (`c/<id>/#/plan`).
        let pathname = location.pathname().unwrap_or_default();
        let pathname = if state::on_static_page() {
            state::site_root_path(&pathname)
        } else {
            pathname
        };
        let base = format!("{}{pathname}", location.origin().unwrap_or_default());
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
        let text = state::plan_markdown(
            &plan.get(),
            catalog,
            app.lang.get(),
            app.export_name().as_deref(),
        );
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
                let chooser = way_chooser(app, &planned, leaf);
                let remove_id = id.clone();
                view! {
                    <li>
                        <a href=Route::Category(leaf.id.clone()).href()>{leaf.path.join(" > ")}</a>" "
                        <span class=format!("plan-status {class}")>{status}</span>{for_whom}{depends}" "
                        <button type="button" class="no-print" on:click=move |_| {
                            app.plan_ways.update(|w| { w.remove(&remove_id); });
                            app.plan.update(|p| p.retain(|x| *x != remove_id));
                        }>
                            {app.strings().remove}<span class="visually-hidden">{" "}{leaf.path.join(" > ")}</span>
                        </button>
                        {chooser}
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
            <h1 tabindex="-1">{app.strings().plan_title}
                <Show when=move || app.clients.with(|c| c.in_use())>
                    <span class="client-tag">" · "{move || app.client_name()}</span>
                </Show>
            </h1>
            <ShareOffer/>
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
                    <button type="button" on:click=move |_| download(&format!("{}.md", export_base(app)), "text/markdown", &state::plan_markdown(&plan.get(), catalog, app.lang.get(), app.export_name().as_deref()))>
                        {app.strings().plan_markdown}
                    </button>
                    <button type="button" on:click=move |_| download(&format!("{}.json", export_base(app)), "application/json", &state::plan_json(&plan.get(), catalog, app.export_name().as_deref()))>
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
            <p class="no-print"><a href=Route::Home.href() on:click=move |ev| { ev.prevent_default(); navigate(&Route::Home); }>{app.strings().back_home}</a></p>
        </section>
    }
}

/// A link made with another catalogue version is read against today's
/// catalogue; a note says so and, once `catalogue-changes.json` has arrived
/// (fetched only for such a link), which of its categories changed or went.
fn older_link_note(app: AppState, query: &str) {
    let current = app.catalog.data().provenance.version.clone();
    let Some(version) =
        updates::share_version(query).filter(|v| updates::needs_check(Some(v), &current))
    else {
        return;
    };
    let categories = updates::share_categories(query);
    leptos::task::spawn_local(async move {
        let since = updates::fetch_since(current, version.clone()).await;
        let words = updates::share_notice(
            app.strings(),
            app.catalog,
            &version,
            since.as_ref(),
            &categories,
        );
        app.notify(Notice {
            lines: words.lines,
            ..Notice::on(Route::Plan { share: None }, words.text)
        });
    });
}

/// What to do with a share link that would replace the visitor's data.
#[component]
fn ShareOffer() -> impl IntoView {
    let app = use_app();
    let finish = move |text: String| {
        app.pending_share.set(None);
        app.notify(Notice::on(Route::Plan { share: None }, text));
    };
    let as_new = move |_| {
        let Some(shared) = app.pending_share.get_untracked() else {
            return;
        };
        let s = app.strings();
        if let Some(id) = app.add_client(
            s.share_client_name,
            &shared.plan,
            &Default::default(),
            &shared.profile,
        ) {
            app.switch_client(&id);
            finish(fill(s.share_opened_as_new, &[&app.client_name()]));
        }
    };
    let replace = move |_| {
        let Some(shared) = app.pending_share.get_untracked() else {
            return;
        };
        let s = app.strings();
        let keep_as = fill(s.share_before_replace, &[&app.client_name()]);
        // Keep the visitor's own data first; replace only once it is written.
        if let Some(id) = app.add_client(
            &keep_as,
            &app.plan.get_untracked(),
            &app.plan_ways.get_untracked(),
            &app.profile.get_untracked(),
        ) {
            let kept = app
                .clients
                .with_untracked(|c| c.get(&id).map(|c| c.name.clone()).unwrap_or_default());
            app.plan_ways.set(Default::default());
            app.plan.set(shared.plan);
            app.profile.set(shared.profile);
            finish(fill(s.share_replaced, &[&kept]));
        }
    };
    let offer = move || {
        app.pending_share.get().map(|shared| {
        let s = app.strings();
        let documents = shared.profile.applicant.len() + shared.profile.partners.len();
        let names = shared
            .plan
            .iter()
            .filter_map(|id| app.catalog.leaf(id))
            .map(|leaf| view! { <li>{leaf.path.join(" > ")}</li> })
            .collect_view();
        view! {
            <div class="share-offer" role="region" aria-label=s.plan_share>
                <p>{fill(s.share_offer, &[&shared.plan.len().to_string(), &documents.to_string(), &app.client_name()])}</p>
                <ul>{names}</ul>
                <p class="share-choices">
                    <button type="button" class="primary" on:click=as_new>{s.share_as_new}</button>" "
                    <button type="button" on:click=replace>{s.share_replace}</button>" "
                    <button type="button" on:click=move |_| finish(app.strings().share_ignored.to_owned())>{s.share_ignore}</button>
                </p>
            </div>
        }
    })
    };
    view! { {offer} }
}

/// The plan's exports carry the client's name when the user keeps several.
fn export_base(app: AppState) -> String {
    match app.export_name() {
        Some(name) => format!("{}-plan", file_name_of(&name)),
        None => "leimu-plan".to_owned(),
    }
}

/// Which way a category of the plan uses: the plan's own choice (the
/// shortest) until the user picks another. Only shown when there is a choice.
fn way_chooser(
    app: AppState,
    planned: &leimu_engine::PlannedCategory,
    leaf: &'static leimu_engine::model::Leaf,
) -> Option<impl IntoView + use<>> {
    if planned.ways.len() < 2 {
        return None;
    }
    let s = app.strings();
    let select_id = format!("way-{}", leaf.id.replace('.', "-"));
    let chosen = planned
        .chosen_by_user
        .then(|| planned.chosen.as_ref().map(|c| c.way))
        .flatten();
    let options = planned
        .ways
        .iter()
        .map(|way| {
            let mut text = format!("{} {}", s.way, way.way);
            let missing: Vec<String> = way
                .missing
                .iter()
                .map(|u| {
                    if u.need > 1 {
                        format!("{} ×{}", u.name, u.need.saturating_sub(u.have))
                    } else {
                        u.name.clone()
                    }
                })
                .collect();
            if missing.is_empty() {
                text.push_str(&format!("：{}", s.plan_way_complete));
            } else {
                text.push_str(&format!("：{} {}", s.add, missing.join(" + ")));
            }
            let labels: Vec<&str> = way.applicants.iter().map(|l| l.label.as_str()).collect();
            if !labels.is_empty() {
                text.push_str(&format!("（{} {}）", s.only_for, labels.join("、")));
            }
            let value = way.way.to_string();
            let selected = chosen == Some(way.way);
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    let id = leaf.id.clone();
    Some(view! {
        <div class="way-chooser no-print">
            // Several choosers on a page: each is named by its category too.
            <label for=select_id.clone()>{s.plan_way_label}<span class="visually-hidden">{leaf.path.join(" > ")}</span></label>" "
            <select id=select_id on:change=move |ev| {
                let value = event_target_value(&ev);
                app.plan_ways.update(|ways| match value.parse::<usize>() {
                    Ok(way) if way >= 1 => { ways.insert(id.clone(), way); }
                    _ => { ways.remove(&id); }
                });
            }>
                <option value="" selected=chosen.is_none()>{s.plan_way_auto}</option>
                {options}
            </select>
        </div>
    })
}
