//! A page that does not exist (a mistyped link, a category an older
//! catalogue had): never a dead end. It says what was asked for, offers the
//! closest categories and a search box.

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::search::SearchBox;
use crate::state::Route;

/// Leaf ids closest to what was asked for: by the id's spelling (a typo, a
/// renamed id), then by searching its words (a Chinese name in the link).
pub fn closest(catalog: &leimu_engine::Catalog, asked: &str, limit: usize) -> Vec<String> {
    let asked: String = asked.chars().take(200).collect();
    let last = asked.rsplit('/').next().unwrap_or(&asked);
    let mut found =
        leimu_engine::suggestions(last, catalog.leaves().iter().map(|l| l.id.clone()), limit);
    let words = last.replace(['.', '-', '_'], " ");
    for hit in catalog.search(&words, limit) {
        if found.len() >= limit {
            break;
        }
        if !found.contains(&hit.category) {
            found.push(hit.category);
        }
    }
    found
}

#[component]
pub fn NotFoundPage(
    /// What the link asked for, shown as text.
    asked: String,
) -> impl IntoView {
    let app = use_app();
    let s = app.strings();
    let near = closest(app.catalog, &asked, 5)
        .into_iter()
        .filter_map(|id| app.catalog.leaf(&id))
        .map(|leaf| view! { <li><a href=Route::Category(leaf.id.clone()).href()>{leaf.path.join(" > ")}</a></li> })
        .collect_view();
    view! {
        <section class="not-found">
            <h1 tabindex="-1">{s.not_found}</h1>
            <p>{s.not_found_asked}" "<code>{asked.clone()}</code></p>
            <h2>{s.not_found_closest}</h2>
            <ul>{near}</ul>
            <h2>{s.not_found_search}</h2>
            <SearchBox id="not-found-search"/>
            <p><a href=Route::Home.href()>{s.back_home}</a></p>
        </section>
    }
}
