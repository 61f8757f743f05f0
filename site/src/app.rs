//! The application shell: shared state, routing, header, notices, footer.

use leimu_engine::{Catalog, Profile};
use leptos::ev;
use leptos::prelude::*;

use crate::i18n::{Lang, fill};
use crate::pages::{
    category::CategoryPage, embed_docs::DOCS_PAGE, home::HomePage, plan::PlanPage,
    profile::ProfilePage, unlock::UnlockPage,
};
use crate::state::{self, Route};
use crate::storage;

/// State shared by every page (provided as context).
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    pub catalog: &'static Catalog,
    /// What the applicant and its partners hold; saved in localStorage.
    pub profile: RwSignal<Profile>,
    pub lang: RwSignal<Lang>,
    /// Leaf ids in the plan; saved in localStorage.
    pub plan: RwSignal<Vec<String>>,
    /// Messages about data that could not be kept (dropped ids, unreadable storage).
    pub notices: RwSignal<Vec<String>>,
    pub route: RwSignal<Route>,
    /// The home page's query, kept here so a language switch (which re-renders the page) keeps it.
    pub home_query: RwSignal<String>,
    /// The visitor's own plan and profile, kept when a share link replaced them, until restored or dismissed.
    pub replaced: RwSignal<Option<(Vec<String>, Profile)>>,
}

impl AppState {
    /// Creates the state from storage and the current URL.
    pub fn load(catalog: &'static Catalog) -> AppState {
        let lang = storage::get(state::LANG_KEY)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
        let s = lang.strings();
        let mut notices = Vec::new();
        let profile = match storage::get(state::PROFILE_KEY) {
            Some(raw) => {
                let loaded = state::profile_from_json(&raw, catalog);
                if loaded.unreadable {
                    // Keep what the user had, even unreadable, rather than lose it.
                    storage::set(state::PROFILE_BACKUP_KEY, &raw);
                    notices.push(s.notice_broken_profile.to_owned());
                }
                if !loaded.dropped.is_empty() {
                    notices.push(fill(s.notice_dropped, &[&loaded.dropped.join(", ")]));
                }
                loaded.value
            }
            None => Profile::default(),
        };
        let plan = match storage::get(state::PLAN_KEY) {
            Some(raw) => {
                let loaded = state::plan_from_json(&raw, catalog);
                if !loaded.dropped.is_empty() {
                    notices.push(fill(s.notice_dropped, &[&loaded.dropped.join(", ")]));
                }
                loaded.value
            }
            None => Vec::new(),
        };
        let hash = window().location().hash().unwrap_or_default();
        AppState {
            catalog,
            profile: RwSignal::new(profile),
            lang: RwSignal::new(lang),
            plan: RwSignal::new(plan),
            notices: RwSignal::new(notices),
            route: RwSignal::new(Route::from_hash(&hash)),
            home_query: RwSignal::new(String::new()),
            replaced: RwSignal::new(None),
        }
    }

    /// State that starts empty and is never read from or written to storage:
    /// the embed widget's (its host decides what it holds, see `embed`).
    pub fn empty(catalog: &'static Catalog, lang: Lang) -> AppState {
        AppState {
            catalog,
            profile: RwSignal::new(Profile::default()),
            lang: RwSignal::new(lang),
            plan: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            route: RwSignal::new(Route::Home),
            home_query: RwSignal::new(String::new()),
            replaced: RwSignal::new(None),
        }
    }

    /// The interface strings of the current language, untracked: a language
    /// switch re-renders the page (see `App`) instead of every string being
    /// its own reactive node, which keeps the wasm much smaller.
    pub fn strings(&self) -> &'static crate::i18n::Strings {
        self.lang.get_untracked().strings()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Goes to a route by setting the fragment (which adds a history entry).
pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.to_hash());
}

#[component]
pub fn App() -> impl IntoView {
    // First, in the task that mounts the app: no frame shows neither.
    let typed = crate::boot_shell::take();
    let catalog = match crate::catalog() {
        Ok(catalog) => catalog,
        Err(error) => {
            return view! { <main class="fatal"><h1>"leimu"</h1><p>{error.to_string()}</p></main> }
                .into_any();
        }
    };
    let app = AppState::load(catalog);
    provide_context(app);
    if let Some(typed) = typed
        && app.route.get_untracked() == Route::Home
    {
        if !typed.query.is_empty() {
            app.home_query.set(typed.query);
        }
        if typed.focused {
            // Right after mounting, before any further key press is handled.
            Effect::new(move |_| {
                crate::boot_shell::focus(&format!("{}-input", crate::pages::home::HOME_SEARCH))
            });
        }
    }

    // The fragment is the route: follow it, including the back button.
    let _ = window_event_listener(ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        app.route.set(Route::from_hash(&hash));
    });
    // Persist what the user entered.
    Effect::new(move |_| {
        storage::set(
            state::PROFILE_KEY,
            &state::profile_to_json(&app.profile.get()),
        )
    });
    Effect::new(move |_| {
        storage::set(
            state::PLAN_KEY,
            &crate::json::to_string(&app.plan.get()).unwrap_or_default(),
        )
    });
    Effect::new(move |_| {
        let lang = app.lang.get();
        storage::set(state::LANG_KEY, lang.code());
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    // A new page: title, scroll to top, focus its heading for keyboard and screen-reader users.
    Effect::new(move |previous: Option<Route>| {
        let route = app.route.get();
        let s = app.lang.get().strings();
        let title = match &route {
            Route::Category(id) => catalog
                .leaf(id)
                .map(|l| format!("{} · {}", l.path.join(" > "), s.app_title)),
            Route::Profile => Some(format!("{} · {}", s.nav_profile, s.app_title)),
            Route::Unlock => Some(format!("{} · {}", s.nav_unlock, s.app_title)),
            Route::Plan { .. } => Some(format!("{} · {}", s.nav_plan, s.app_title)),
            _ => None,
        };
        document().set_title(&title.unwrap_or_else(|| s.app_title.to_owned()));
        if previous.is_some() && previous.as_ref() != Some(&route) {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            request_animation_frame(|| {
                if let Some(heading) = document().query_selector("main h1").ok().flatten() {
                    use wasm_bindgen::JsCast;
                    if let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = heading.focus();
                    }
                }
            });
        }
        route
    });

    let page = move || match (app.lang.track(), app.route.get()).1 {
        Route::Home => view! { <HomePage/> }.into_any(),
        Route::Category(id) => view! { <CategoryPage id=id/> }.into_any(),
        Route::Profile => view! { <ProfilePage/> }.into_any(),
        Route::Unlock => view! { <UnlockPage/> }.into_any(),
        Route::Plan { share } => view! { <PlanPage share=share/> }.into_any(),
        // The guide is a page of its own (embed-docs.html, its own small wasm,
        // so the site's does not carry it); old links to #/embed go there.
        Route::Embed => {
            let _ = window().location().replace(DOCS_PAGE);
            let s = app.strings();
            view! { <section><p>{s.embed_moved}<a href=DOCS_PAGE>{DOCS_PAGE}</a></p></section> }
                .into_any()
        }
        Route::NotFound(_) => {
            let s = app.strings();
            view! {
                <section>
                    <h1 tabindex="-1">{s.not_found}</h1>
                    <p><a href="#/">{s.back_home}</a></p>
                </section>
            }
            .into_any()
        }
    };

    view! {
        <a class="skip" href="#main-content" on:click=move |ev: ev::MouseEvent| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main-content") {
                use wasm_bindgen::JsCast;
                if let Some(main) = main.dyn_ref::<web_sys::HtmlElement>() { let _ = main.focus(); }
            }
        }>{move || if app.lang.get() == Lang::Zh { "跳到正文" } else { "Skip to content" }}</a>
        <Header/>
        <Notices/>
        <main id="main-content" tabindex="-1">{page}</main>
        <footer class="site-footer">
            <p>{move || app.lang.get().strings().footer}</p>
            <p class="catalogue-version">{move || {
                let provenance = &app.catalog.data().provenance;
                (app.lang.get().strings().footer_version)(&provenance.version, &provenance.taken)
            }}" · "<a href="changes.html">{move || app.lang.get().strings().footer_changes}</a></p>
            <p><a href=DOCS_PAGE>{move || app.lang.get().strings().footer_embed}</a></p>
        </footer>
    }
    .into_any()
}

#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    let link = move |route: Route, label: fn(&crate::i18n::Strings) -> &'static str| {
        let target = route.clone();
        let current = move || {
            let now = app.route.get();
            std::mem::discriminant(&now) == std::mem::discriminant(&target)
        };
        view! {
            <a href=route.to_hash() aria-current=move || current().then_some("page")>{move || label(app.lang.get().strings())}</a>
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href="#/">
                <span class="brand-name">"leimu "<span lang="zh-CN">"类目"</span></span>
                <span class="tagline">{move || app.lang.get().strings().tagline}</span>
            </a>
            <nav aria-label=move || if app.lang.get() == Lang::Zh { "主导航" } else { "Main" }>
                {link(Route::Home, |s| s.nav_home)}
                {link(Route::Profile, |s| s.nav_profile)}
                {link(Route::Unlock, |s| s.nav_unlock)}
                {link(Route::Plan { share: None }, |s| s.nav_plan)}
            </nav>
            <button type="button" class="lang-switch" on:click=move |_| app.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                {move || app.lang.get().strings().switch_language}
            </button>
        </header>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let app = use_app();
    let restore = move |_| {
        if let Some((plan, profile)) = app.replaced.get_untracked() {
            app.plan.set(plan);
            app.profile.set(profile);
        }
        app.replaced.set(None);
    };
    view! {
        <Show when=move || app.replaced.with(Option::is_some)>
            <div class="notices" role="status">
                <p>{move || app.lang.get().strings().notice_shared_loaded}</p>
                <button type="button" on:click=restore>{move || app.lang.get().strings().restore_mine}</button>
                <button type="button" on:click=move |_| app.replaced.set(None)>{move || app.lang.get().strings().dismiss}</button>
            </div>
        </Show>
        <Show when=move || !app.notices.with(Vec::is_empty)>
            <div class="notices" role="status">
                <ul>{move || app.notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <button type="button" on:click=move |_| app.notices.set(Vec::new())>{move || app.lang.get().strings().dismiss}</button>
            </div>
        </Show>
    }
}
