//! The home page: search, and the 24 first-level categories to browse.

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::badges::Badges;
use crate::components::search::SearchBox;
use crate::state::Route;

/// The home page's search box (its input is `home-search-input`).
pub const HOME_SEARCH: &str = "home-search";

#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let s = app.strings();
    let groups = catalog
        .data()
        .first_levels
        .iter()
        .enumerate()
        .map(|(index, first)| {
            let count = catalog.leaves_under(index).count();
            // A group's leaves are built the first time it is opened: the
            // home page then creates 24 summaries instead of ~400 links, and
            // the search box is usable sooner.
            let opened = RwSignal::new(false);
            let leaves = move || {
                opened.get().then(|| {
                    catalog
                        .leaves_under(index)
                        .map(|leaf| {
                            let name = leaf.path.iter().skip(1).cloned().collect::<Vec<_>>().join(" › ");
                            view! { <li><a href=Route::Category(leaf.id.clone()).href()>{name}</a><Badges leaf=leaf/></li> }
                        })
                        .collect_view()
                })
            };
            view! {
                <details class="first-level" id=format!("browse-{}", first.id) on:toggle=move |_| opened.set(true)>
                    <summary>
                        <span class="first-level-name">{first.name.clone()}</span>
                        <span class="count">{count}" "{s.leaves_count}</span>
                    </summary>
                    <ul>{leaves}</ul>
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="home">
            <h1 tabindex="-1" class="visually-hidden">{s.nav_home}</h1>
            <SearchBox id=HOME_SEARCH autofocus=true query=app.home_query/>
            <h2>{s.browse_title}</h2>
            <div class="browse">{groups}</div>
        </section>
    }
}
