//! A category's page: scope, notes with links to the categories they name,
//! the rules as a checklist beside the verbatim source text, and the verdict.

use leimu_engine::model::Leaf;

use crate::components::applicant::{AlternativePicker, Prerequisites};
use leptos::prelude::*;

use crate::app::use_app;
use crate::components::badges::Badges;
use crate::components::rule_tree::{RuleTree, TickStatus};
use crate::components::verdict::VerdictPanel;
use crate::i18n::fill;
use crate::pages::not_found::NotFoundPage;
use crate::state::Route;

/// Provided as context when the page is rendered to static HTML at build
/// time: the parts that show the visitor's data are left out (the verdict)
/// or keep their place invisibly (its one-line summary).
#[derive(Debug, Clone, Copy)]
pub struct StaticRender;

/// Splits notes into text and the cross-references found in them, in order.
pub fn link_references(text: &str, leaf: &Leaf) -> Vec<(String, Option<usize>)> {
    let mut pieces: Vec<(String, Option<usize>)> = Vec::new();
    let mut rest = text;
    loop {
        let next = leaf
            .references
            .iter()
            .enumerate()
            .filter_map(|(i, r)| rest.find(&r.text).map(|at| (at, i)))
            .min();
        match next {
            Some((at, i)) => {
                if at > 0 {
                    pieces.push((rest[..at].to_owned(), None));
                }
                let reference = &leaf.references[i];
                pieces.push((reference.text.clone(), Some(i)));
                rest = &rest[at + reference.text.len()..];
            }
            None => {
                if !rest.is_empty() {
                    pieces.push((rest.to_owned(), None));
                }
                return pieces;
            }
        }
    }
}

#[component]
pub fn CategoryPage(id: String) -> impl IntoView {
    let app = use_app();
    // Rendered to a static page (site/src/static_pages.rs): only what does
    // not depend on the visitor's data, so no verdict.
    let is_static = use_context::<StaticRender>().is_some();
    let catalog = app.catalog;
    let Some(leaf) = catalog.leaf(&id) else {
        // A first level's address (`c/medical/`, the breadcrumbs' link) is
        // answered offline by the worker's stand-in, and `#/c/medical` by
        // the root: the app has a page for it too, never "not found".
        if let Some(index) = crate::pages::first_level::index(catalog, &id) {
            return view! { <crate::pages::first_level::FirstLevelPage index=index/> }.into_any();
        }
        return view! { <NotFoundPage asked=id/> }.into_any();
    };
    let leaf_id = leaf.id.clone();
    let tick_status = RwSignal::new(String::new());
    provide_context(TickStatus(tick_status));
    let verdict = Memo::new(move |_| {
        app.profile
            .with(|p| catalog.evaluate(&leaf_id, p))
            .unwrap_or_else(|| unreachable_verdict(&leaf_id))
    });
    let summary = move || {
        let v = verdict.get();
        let s = app.strings();
        let (class, status) = match (v.status, v.documents_ready) {
            (leimu_engine::Status::Satisfied, _) => ("satisfied", s.satisfied),
            (leimu_engine::Status::Confirm, _) => ("confirm", s.confirm_needed),
            (leimu_engine::Status::ByEmail, _) => ("email", s.by_email),
            (leimu_engine::Status::Missing, _) => ("missing", s.missing),
        };
        // How far the shortest way is, in documents still to get.
        let gap = (!v.documents_ready)
            .then(|| v.completions.first())
            .flatten()
            .map(|way| {
                way.missing
                    .iter()
                    .map(|u| u.need.saturating_sub(u.have).max(1))
                    .sum::<u32>()
            })
            .filter(|n| *n > 0)
            .map(|n| format!(" · {}", fill(s.shortest_gap, &[&n.to_string()])))
            .unwrap_or_default();
        (class, format!("{status}{gap}"))
    };
    let in_plan = {
        let id = leaf.id.clone();
        Signal::derive(move || app.plan.with(|p| p.contains(&id)))
    };
    let toggle_plan = {
        let id = leaf.id.clone();
        move |_| {
            app.plan.update(|p| {
                if let Some(at) = p.iter().position(|x| *x == id) {
                    p.remove(at);
                } else {
                    p.push(id.clone());
                }
            })
        }
    };
    let notes = (!leaf.notes.is_empty()).then(|| {
        let pieces = link_references(&leaf.notes, leaf)
            .into_iter()
            .map(|(text, reference)| match reference.and_then(|i| leaf.references.get(i)) {
                Some(r) => {
                    let targets = r
                        .to
                        .iter()
                        .filter_map(|id| catalog.leaf(id))
                        .map(|l| view! { <a href=Route::Category(l.id.clone()).href()>{l.path.join(" > ")}</a> })
                        .collect::<Vec<_>>();
                    let first_href = r.to.first().map(|id| Route::Category(id.clone())).unwrap_or(Route::Home).href();
                    if targets.len() == 1 {
                        view! { <a class="reference" href=first_href>{text}</a> }.into_any()
                    } else {
                        view! { <span class="reference">{text}<span class="targets">" → "{targets.into_iter().map(|t| view! { <span class="target">{t}</span> }).collect_view()}</span></span> }.into_any()
                    }
                }
                None => text.into_any(),
            })
            .collect_view();
        view! { <h2>{app.strings().notes}</h2><p class="source-text notes">{pieces}</p> }
    });
    let path = leaf.path.clone();
    let last = path.len() - 1;
    // The first level links its static page (the list of its categories).
    let first_level_page = catalog
        .data()
        .first_levels
        .get(leaf.first_level)
        .map(|first| crate::state::site_file(&format!("c/{}/", first.id)));
    let crumbs = path
        .iter()
        .take(last)
        .enumerate()
        .map(|(i, p)| match first_level_page.clone().filter(|_| i == 0) {
            Some(href) => {
                view! { <span class="crumb"><a href=href>{p.clone()}</a>" › "</span> }.into_any()
            }
            None => view! { <span class="crumb">{p.clone()}" › "</span> }.into_any(),
        })
        .collect_view();
    view! {
        <article class="category">
            <p class="breadcrumbs">{crumbs}</p>
            <h1 tabindex="-1">{path[last].clone()}</h1>
            <p class="meta"><code>{leaf.id.clone()}</code><Badges leaf=leaf/></p>
            // On a static page too (disabled there, as every control is), so
            // nothing below it moves when the app takes the page over.
            <p>
                <button type="button" class="plan-toggle" aria-pressed=move || in_plan.get().to_string() on:click=toggle_plan>
                    {move || if in_plan.get() { app.strings().in_plan } else { app.strings().add_to_plan }}
                </button>
            </p>
            <h2>{app.strings().scope}</h2>
            <p class="source-text">{leaf.scope.clone()}</p>
            {notes}
            <div class="rules-and-source">
                <section class="checklist">
                    <h2>{app.strings().rules}</h2>
                    <Prerequisites leaf=leaf/>
                    <AlternativePicker leaf=leaf/>
                    <RuleTree leaf=leaf/>
                    // The verdict is below the checklist; a one-line summary stays
                    // in view while ticking, on every width (sticky at the end of
                    // the checklist), with what the last tick did.
                    // A static page keeps its place, invisible: it would show a
                    // verdict for an empty profile, not the visitor's.
                    {view! {
                        <div class=move || format!("verdict-summary {}{}", summary().0, if is_static { " boot-placeholder" } else { "" })>
                            <a href="#verdict-heading" on:click=move |ev| {
                                ev.prevent_default();
                                if let Some(heading) = document().get_element_by_id("verdict-heading") { heading.scroll_into_view(); }
                            }>{app.strings().verdict}": "{move || summary().1}</a>
                            // No text at all until a tick (a static page would otherwise hold
                            // a space, and `:empty` hides the line only when it is empty).
                            <p class="tick-status" role="status">{move || Some(tick_status.get()).filter(|t| !t.is_empty())}</p>
                        </div>
                    }}
                </section>
                <section class="source">
                    <h2>{app.strings().requirement_source}</h2>
                    <pre class="source-text">{leaf.requirement_text.clone()}</pre>
                    <p class="source-line">{fill(app.strings().source_line, &[&leaf.source_line.to_string()])}</p>
                </section>
            </div>
            {(!is_static).then(|| view! { <VerdictPanel verdict=verdict/> })}
        </article>
    }
    .into_any()
}

/// `evaluate` only returns `None` for an unknown id, which the page already ruled out.
pub(crate) fn unreachable_verdict(id: &str) -> leimu_engine::Verdict {
    leimu_engine::Verdict {
        category: id.to_owned(),
        status: leimu_engine::Status::Missing,
        no_qualification: false,
        documents_ready: false,
        satisfied_by: None,
        completions: Vec::new(),
        to_confirm: Vec::new(),
        excluded_by_kind: 0,
        excluded: Vec::new(),
        prerequisites: Vec::new(),
    }
}
