//! A first-level category's page in the app: its categories, linked. The
//! static page `c/<first>/` is the same list (site/src/static_pages.rs); the
//! app shows it where that page is not at hand: offline, answered by the
//! worker's stand-in, and at an old-style `#/c/<first>` link.

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::badges::Badges;
use crate::state::Route;

/// The position of the first-level category `id`, if it is one.
pub fn index(catalog: &leimu_engine::Catalog, id: &str) -> Option<usize> {
    catalog.data().first_levels.iter().position(|f| f.id == id)
}

/// The name of the first-level category `id`, if it is one.
pub fn name(catalog: &leimu_engine::Catalog, id: &str) -> Option<String> {
    index(catalog, id).map(|i| catalog.data().first_levels[i].name.clone())
}

#[component]
pub fn FirstLevelPage(
    /// Its position in the catalogue's first levels.
    index: usize,
) -> impl IntoView {
    let app = use_app();
    let s = app.strings();
    let catalog = app.catalog;
    let Some(first) = catalog.data().first_levels.get(index) else {
        return view! { <crate::pages::not_found::NotFoundPage asked=index.to_string()/> }
            .into_any();
    };
    let leaves: Vec<_> = catalog.leaves_under(index).collect();
    let count = leaves.len();
    let items = leaves
        .into_iter()
        .map(|leaf| {
            let name = leaf.path.iter().skip(1).cloned().collect::<Vec<_>>().join(" › ");
            view! { <li><a href=Route::Category(leaf.id.clone()).href()>{name}</a><Badges leaf=leaf/></li> }
        })
        .collect_view();
    view! {
        <article class="category first-level">
            <h1 tabindex="-1">{first.name.clone()}</h1>
            <p class="meta"><code>{first.id.clone()}</code>" · "{count}" "{s.leaves_count}</p>
            <ul class="leaf-list">{items}</ul>
            <p><a href=Route::Home.href()>{s.back_home}</a></p>
        </article>
    }
    .into_any()
}
