//! "What can I apply for": the categories the profile satisfies, those whose
//! documents are complete but that rest on something to confirm, and those
//! one document away, grouped by first-level category.

use leimu_engine::{Status, UnlockEntry};

use crate::components::questions::confirmation_text;
use leptos::prelude::*;

use crate::app::use_app;
use crate::components::badges::Badges;
use crate::i18n::fill;
use crate::state::Route;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let entries = Memo::new(move |_| app.profile.with(|p| catalog.unlock(p)));
    // 0: satisfied (or ready to email); 1: documents complete, to confirm; 2: one away.
    let group = move |which: u8| {
        move || {
            let list: Vec<UnlockEntry> = entries
                .get()
                .into_iter()
                .filter(|e| {
                    !e.no_qualification
                        && match which {
                            0 => e.documents_ready && e.status != Status::Confirm,
                            1 => e.status == Status::Confirm,
                            _ => !e.documents_ready,
                        }
                })
                .collect();
            if list.is_empty() {
                return view! { <p class="empty">{app.strings().unlock_none}</p> }.into_any();
            }
            let groups = catalog
                .data()
                .first_levels
                .iter()
                .enumerate()
                .filter_map(|(index, first)| {
                    let items: Vec<_> = list
                        .iter()
                        .filter_map(|e| catalog.leaf(&e.category).map(|l| (e, l)))
                        .filter(|(_, l)| l.first_level == index)
                        .map(|(entry, leaf)| {
                            let name = leaf.path.iter().skip(1).cloned().collect::<Vec<_>>().join(" › ");
                            let away: Vec<String> = entry.one_away.iter().map(|d| d.name.clone()).collect();
                            let away = (!away.is_empty()).then(|| view! { <span class="away">" ← "{app.strings().add}" "{away.join(" / ")}</span> });
                            let confirm = (!entry.to_confirm.is_empty()).then(|| {
                                let items = entry.to_confirm.iter().map(|c| view! { <li>{confirmation_text(app, c)}</li> }).collect_view();
                                view! { <ul class="confirm">{items}</ul> }
                            });
                            view! { <li><a href=Route::Category(leaf.id.clone()).to_hash()>{name}</a><Badges leaf=leaf/>{away}{confirm}</li> }
                        })
                        .collect();
                    (!items.is_empty()).then(|| view! { <h3>{first.name.clone()}</h3><ul>{items}</ul> })
                })
                .collect_view();
            view! { <div>{groups}</div> }.into_any()
        }
    };
    let open_count = move || entries.with(|e| e.iter().filter(|x| x.no_qualification).count());
    view! {
        <section class="unlock">
            <h1 tabindex="-1">{app.strings().unlock_title}</h1>
            <p>{app.strings().unlock_intro}</p>
            <h2>{app.strings().unlock_satisfied}</h2>
            {group(0)}
            <h2>{app.strings().unlock_confirm}</h2>
            {group(1)}
            <h2>{app.strings().unlock_one_away}</h2>
            {group(2)}
            <p class="open-count">{move || fill(app.strings().unlock_open, &[&open_count().to_string()])}</p>
        </section>
    }
}
