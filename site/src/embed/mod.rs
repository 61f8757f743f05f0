//! The embed widget: its own small binary (`src/bin/leimu-embed.rs`) of this
//! library, loaded by `embed.html` (`site/embed.html`, whose `<html>` carries
//! `data-leimu-embed` for the stylesheet; `cargo xtask site` builds it with a
//! second trunk run). It shows a
//! compact checker — search, one category's checklist, the live verdict —
//! without the site's header, footer or storage, and talks to the page that
//! frames it by `postMessage` (schema in `protocol`).
//!
//! Why a second page rather than a route: the host's iframe must not share
//! the site's history, storage or chrome, and a separate file makes the mode
//! visible before any wasm runs (the stylesheet keys on the attribute). Why
//! no storage: a host decides what its visitors hold (`set-profile`, and the
//! `profile` event to keep it), and the widget never alters the profile of a
//! visitor who also uses the site itself on the same origin.

pub mod protocol;

use std::cell::Cell;

use leimu_engine::Verdict;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::app::AppState;
use crate::components::applicant::AlternativePicker;
use crate::components::badges::Badges;
use crate::components::rule_tree::RuleTree;
use crate::components::search::SearchBox;
use crate::components::verdict::VerdictPanel;
use crate::i18n::Lang;
use crate::pages::category::unreachable_verdict;
use crate::state::Route;
use protocol::{Command, EmbedQuery, Event};

/// Messages longer than this (as JSON) are not even parsed.
const MAX_MESSAGE_CHARS: usize = 64 * 1024;

/// The widget's own words (the rest comes from `i18n`).
struct EmbedStrings {
    heading: &'static str,
    open_full_page: &'static str,
    unknown_category: &'static str,
    source_text: &'static str,
}

fn strings(lang: Lang) -> &'static EmbedStrings {
    match lang {
        Lang::Zh => &EmbedStrings {
            heading: "小程序服务类目资质自查",
            open_full_page: "在 leimu 打开完整页面",
            unknown_category: "没有这个类目：",
            source_text: "资质要求原文",
        },
        Lang::En => &EmbedStrings {
            heading: "WeChat mini-program category checker",
            open_full_page: "Open the full page on leimu",
            unknown_category: "No such category: ",
            source_text: "Requirement (source text)",
        },
    }
}

/// The short language code used in the protocol and in `lang=`.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// Where events go: the parent window, once per allowed origin (the browser
/// drops a message whose target origin is not the parent's), or to any
/// parent when the embed was given no `allow=` list.
#[derive(Clone)]
struct Outbox {
    parent: Option<web_sys::Window>,
    targets: Vec<String>,
    last_height: std::rc::Rc<Cell<u32>>,
}

impl Outbox {
    fn new(allow: &[String]) -> Outbox {
        let own = window();
        // A page opened on its own is its own parent: then there is no one to tell.
        let parent = own
            .parent()
            .ok()
            .flatten()
            .filter(|parent| !js_sys::Object::is(parent.as_ref(), own.as_ref()));
        let targets = if allow.is_empty() {
            vec!["*".to_owned()]
        } else {
            allow.to_vec()
        };
        Outbox {
            parent,
            targets,
            last_height: std::rc::Rc::new(Cell::new(0)),
        }
    }

    fn post(&self, event: &Event) {
        let Some(parent) = &self.parent else { return };
        let Ok(data) = js_sys::JSON::parse(&event.to_json()) else {
            return;
        };
        for target in &self.targets {
            let _ = parent.post_message(&data, target);
        }
    }

    fn resize(&self, height: u32) {
        if self.last_height.replace(height) != height {
            self.post(&Event::Resize { height });
        }
    }
}

/// The message's data as JSON text, if it is plain data of a sensible size.
fn message_json(event: &web_sys::MessageEvent) -> Option<String> {
    // `stringify` throws for BigInt and cycles, and returns `undefined` (not a string) for `undefined`.
    let text = js_sys::JSON::stringify(&event.data()).ok()?.as_string()?;
    (text.len() <= MAX_MESSAGE_CHARS).then_some(text)
}

#[component]
pub fn EmbedApp() -> impl IntoView {
    let catalog = match crate::catalog() {
        Ok(catalog) => catalog,
        Err(error) => return view! { <p>{error.to_string()}</p> }.into_any(),
    };
    let EmbedQuery {
        category,
        lang,
        allow,
    } = protocol::parse_query(&window().location().search().unwrap_or_default());
    let app = AppState::empty(catalog, lang.unwrap_or_default());
    provide_context(app);
    app.load_lexicon();
    let unknown = RwSignal::new(category.clone().filter(|id| catalog.leaf(id).is_none()));
    let chosen =
        RwSignal::new(category.and_then(|id| catalog.leaf(&id).map(|leaf| leaf.id.clone())));
    let outbox = Outbox::new(&allow);

    // Commands: only from the parent window, only from an allowed origin,
    // only well-formed version-1 commands naming known things.
    let parent = outbox.parent.clone();
    let _ = window_event_listener(ev::message, move |event: web_sys::MessageEvent| {
        let from_parent = match (&parent, event.source()) {
            (Some(parent), Some(source)) => js_sys::Object::is(parent.as_ref(), source.as_ref()),
            _ => false,
        };
        if !from_parent || !protocol::origin_allowed(&allow, &event.origin()) {
            return;
        }
        match message_json(&event).and_then(|json| protocol::parse_command(&json, catalog)) {
            Some(Command::SetCategory(id)) => {
                unknown.set(None);
                chosen.set(id);
            }
            Some(Command::SetLang(lang)) => app.lang.set(lang),
            Some(Command::SetProfile(profile)) => app.profile.set(profile),
            None => {}
        }
    });

    let verdict: Memo<Option<Verdict>> = Memo::new(move |_| {
        let id = chosen.get()?;
        app.profile.with(|p| catalog.evaluate(&id, p))
    });

    // Events, in this order on load: ready (the listener above is in place),
    // category, verdict; then each change. One effect for the three (each
    // effect costs the wasm about a kilobyte), remembering what the host was
    // told so that only real changes go out.
    outbox.post(&Event::Ready {
        lang: lang_code(app.lang.get_untracked()),
        category: chosen.get_untracked(),
        catalogue: catalog.data().provenance.version.clone(),
    });
    let post = outbox.clone();
    Effect::new(
        move |told: Option<(Option<String>, Option<Event>, Event)>| {
            let category = chosen.get();
            let verdict = verdict.with(|v| v.as_ref().map(Event::verdict));
            let profile = app.profile.with(Event::profile);
            let (told_category, told_verdict, told_profile) = match told {
                Some((c, v, p)) => (Some(c), Some(v), Some(p)),
                None => (None, None, None),
            };
            // At load, only an actual category is news; `null` is for going back to the search.
            if told_category.as_ref() != Some(&category)
                && (told_category.is_some() || category.is_some())
            {
                post.post(&Event::category(catalog, category.as_deref()));
            }
            if let Some(event) = &verdict
                && told_verdict.as_ref() != Some(&verdict)
            {
                post.post(event);
            }
            // The profile is news only when it changes (a command that sets the same again says nothing).
            if told_profile.as_ref().is_some_and(|told| *told != profile) {
                post.post(&profile);
            }
            (category, verdict, profile)
        },
    );

    // Tell the host the content's height whenever it changes. The body holds
    // only the widget (no margin, and `.embed` is a flow root), so its height
    // is the content's; it exists before the view is mounted.
    if let Some(body) = document().body() {
        let measured = body.clone();
        let sizes = outbox.clone();
        let callback = Closure::<dyn Fn()>::new(move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            sizes.resize(height.clamp(0.0, f64::from(u32::MAX)) as u32);
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&body);
        }
        // The observer lives as long as the page.
        callback.forget();
    }

    let choose = Callback::new(move |id: String| {
        unknown.set(None);
        chosen.set(Some(id));
    });
    let body = move || {
        let lang = app.lang.get();
        let words = strings(lang);
        // Re-rendered on each language switch, like the site's pages; the document follows.
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(&format!("{} · leimu", words.heading));
        let unknown_notice = move || {
            unknown.get().map(|id| {
                view! { <p class="embed-notice" role="status">{strings(app.lang.get()).unknown_category}<code>{id}</code></p> }
            })
        };
        let category = move || {
            chosen.get().and_then(|id| catalog.leaf(&id)).map(|leaf| {
                let verdict = Signal::derive(move || {
                    verdict
                        .get()
                        .unwrap_or_else(|| unreachable_verdict(&leaf.id))
                });
                view! { <EmbedCategory leaf=leaf verdict=verdict/> }
            })
        };
        view! {
            <h1 class="visually-hidden">{words.heading}</h1>
            <SearchBox id="embed-search" on_choose=choose/>
            {unknown_notice}
            {category}
        }
    };
    view! { <div class="embed">{body}</div> }.into_any()
}

/// One category, compactly: where it sits, its checklist and the verdict.
#[component]
fn EmbedCategory(
    leaf: &'static leimu_engine::model::Leaf,
    verdict: Signal<Verdict>,
) -> impl IntoView {
    let app = crate::app::use_app();
    let words = strings(app.lang.get_untracked());
    let last = leaf.path.len().saturating_sub(1);
    let crumbs = leaf
        .path
        .iter()
        .take(last)
        .cloned()
        .collect::<Vec<_>>()
        .join(" › ");
    // Relative, so it points at the site this embed page belongs to, under any sub-path.
    let full_page = format!("index.html{}", Route::Category(leaf.id.clone()).to_hash());
    view! {
        <section class="embed-category" aria-labelledby="embed-category-name">
            <p class="breadcrumbs">{crumbs}</p>
            <h2 id="embed-category-name">{leaf.path.get(last).cloned().unwrap_or_default()}</h2>
            <p class="meta">
                <code>{leaf.id.clone()}</code><Badges leaf=leaf/>
                " "<a href=full_page target="_blank" rel="noopener">{words.open_full_page}</a>
            </p>
            <details class="embed-source">
                <summary>{words.source_text}</summary>
                <pre class="source-text">{leaf.requirement_text.clone()}</pre>
            </details>
            <AlternativePicker leaf=leaf/>
            <RuleTree leaf=leaf/>
            <VerdictPanel verdict=verdict/>
        </section>
    }
}
