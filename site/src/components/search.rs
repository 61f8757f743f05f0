//! The search box: results as you type, matched parts highlighted, ↑/↓/Enter.
//!
//! It follows the ARIA combobox pattern (an input that controls a listbox
//! whose active option is announced through `aria-activedescendant`), so it
//! works by keyboard alone and with screen readers.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{navigate, use_app};
use crate::components::result_items::{RenderedItems, ResultItem};
use crate::state::Route;

/// How many results to show.
const LIMIT: usize = 12;

/// A search box. `on_choose`, when given, receives the chosen leaf id instead of navigating to it.
#[component]
pub fn SearchBox(
    /// Element id prefix, so two boxes can share a page.
    #[prop(into)]
    id: String,
    /// Called with the chosen leaf id; by default the box opens the category page.
    #[prop(optional, into)]
    on_choose: Option<Callback<String>>,
    /// Focus the input when mounted (the home page).
    #[prop(optional)]
    autofocus: bool,
    /// Where the query lives, when it must outlive the component.
    #[prop(optional)]
    query: Option<RwSignal<String>>,
) -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let query = query.unwrap_or_else(|| RwSignal::new(String::new()));
    let active = RwSignal::new(None::<usize>);
    let outcome = Memo::new(move |_| {
        // Again when the lexicon arrives: the same query may now find more.
        app.lexicon.track();
        let q = query.get();
        if q.trim().is_empty() {
            None
        } else {
            Some(catalog.search_outcome(&q, LIMIT))
        }
    });
    let hits = Memo::new(move |_| {
        outcome.with(|o| o.as_ref().map(|o| o.hits.clone()).unwrap_or_default())
    });
    // When nothing fits well: the first levels to browse, by name.
    let weak = move || {
        outcome.with(|o| {
            o.as_ref()
                .filter(|o| o.weak && !o.hits.is_empty())
                .map(|o| {
                    o.browse
                        .iter()
                        .filter_map(|id| catalog.data().first_levels.iter().find(|f| f.id == *id))
                        .map(|f| f.name.clone())
                        .collect::<Vec<_>>()
                        .join("、")
                })
        })
    };
    let list_id = format!("{id}-results");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };
    let choose = move |leaf: String| match on_choose {
        Some(callback) => {
            callback.run(leaf);
            query.set(String::new());
            active.set(None);
        }
        None => navigate(&Route::Category(leaf)),
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let count = hits.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                let index = active.get().unwrap_or(0);
                if let Some(hit) = hits.with(|h| h.get(index).cloned()) {
                    ev.prevent_default();
                    choose(hit.category);
                }
            }
            "Escape" => {
                query.set(String::new());
                active.set(None);
            }
            _ => {}
        }
    };
    // Keep the active option in view while arrowing through a long list.
    let scroll_option = option_id.clone();
    Effect::new(move |_| {
        if let Some(i) = active.get()
            && let Some(element) = document().get_element_by_id(&scroll_option(i))
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let input_ref = NodeRef::<leptos::html::Input>::new();
    if autofocus {
        Effect::new(move |_| {
            if input_ref.get().is_some() {
                // Focus in the next frame, not now: `focus()` forces style and
                // layout of the whole page (with the first CJK font lookup),
                // which cost ~60 ms before the box could answer a query. In
                // the frame, that work is done once, for painting anyway.
                request_animation_frame(move || {
                    if let Some(input) = input_ref.get_untracked() {
                        let _ = input.focus();
                    }
                });
            }
        });
    }
    let input_id = format!("{id}-input");
    let hint_id = format!("{id}-hint");
    let active_descendant = {
        let option_id = option_id.clone();
        move || {
            active
                .get()
                .filter(|i| *i < hits.with(Vec::len))
                .map(&option_id)
        }
    };
    let expanded = move || (!hits.with(Vec::is_empty)).to_string();
    // The items, written to the list when the hits change and re-marked when
    // the active one does.
    let list_ref = NodeRef::<leptos::html::Ul>::new();
    let rendered = StoredValue::new_local(RenderedItems::default());
    let items = Memo::new(move |_| {
        let strings = app.strings();
        hits.with(|hits| {
            hits.iter()
                .filter_map(|hit| ResultItem::of(hit, catalog, strings))
                .collect::<Vec<_>>()
        })
    });
    {
        let option_id = option_id.clone();
        Effect::new(move |_| {
            let Some(list) = list_ref.get() else { return };
            let active = active.get();
            items.with(|items| {
                rendered.update_value(|r| r.show(&list, items, &option_id, active));
            });
        });
    }
    let on_list_click = move |ev: ev::MouseEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if let Some(leaf) = target.and_then(|node| rendered.with_value(|r| r.category_at(&node))) {
            choose(leaf);
        }
    };
    let list_id_for_input = list_id.clone();
    view! {
        <div class="search">
            <label for=input_id.clone() class="search-label">{app.strings().search_label}</label>
            <input
                id=input_id
                node_ref=input_ref
                type="search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-expanded=expanded
                aria-controls=list_id_for_input
                aria-describedby=hint_id.clone()
                aria-activedescendant=active_descendant
                placeholder=app.strings().search_placeholder
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(None);
                }
                on:keydown=on_keydown
            />
            <p id=hint_id class="hint">{app.strings().search_hint}</p>
            <Show when=move || !query.with(|q| q.trim().is_empty()) && hits.with(Vec::is_empty)>
                <p class="empty" role="status">{app.strings().search_empty}</p>
            </Show>
            {move || weak().map(|browse| view! {
                <p class="empty weak" role="status">{app.strings().search_weak}" "{browse}</p>
            })}
            // Its items are written by the effect above (see result_items.rs);
            // a click on one is found here, where the list listens for all of them.
            <ul id=list_id role="listbox" class="results" aria-label=app.strings().search_results
                node_ref=list_ref on:click=on_list_click></ul>
        </div>
    }
}
