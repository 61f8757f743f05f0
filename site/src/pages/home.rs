//! The home page: search, and the 24 first-level categories to browse.

use leptos::prelude::*;

use crate::app::use_app;
use crate::components::badges::Badges;
use crate::components::search::SearchBox;
use crate::state::Route;

#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let groups = catalog
        .data()
        .first_levels
        .iter()
        .enumerate()
        .map(|(index, first)| {
            let leaves: Vec<_> = catalog.leaves().iter().filter(|l| l.first_level == index).collect();
            let count = leaves.len();
            let items = leaves
                .into_iter()
                .map(|leaf| {
                    let name = leaf.path.iter().skip(1).cloned().collect::<Vec<_>>().join(" › ");
                    view! {
                        <li><a href=Route::Category(leaf.id.clone()).to_hash()>{name}</a><Badges leaf=leaf/></li>
                    }
                })
                .collect_view();
            view! {
                <details class="first-level" id=format!("browse-{}", first.id)>
                    <summary>
                        <span class="first-level-name">{first.name.clone()}</span>
                        <span class="count">{count}" "{app.strings().leaves_count}</span>
                    </summary>
                    <ul>{items}</ul>
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="home">
            <h1 tabindex="-1" class="visually-hidden">{app.strings().nav_home}</h1>
            <SearchBox id="home-search" autofocus=true query=app.home_query/>
            <h2>{app.strings().browse_title}</h2>
            <div class="browse">{groups}</div>
        </section>
    }
}
