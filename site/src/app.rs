//! The application shell: shared state, routing, header, notices, footer.

use std::collections::BTreeMap;

use leimu_engine::{Catalog, Profile};
use leptos::ev;
use leptos::prelude::*;

use crate::clients::{self, Clients};
use crate::i18n::{Lang, Strings, fill};
use crate::pages::{
    about::AboutPage, category::CategoryPage, embed_docs::DOCS_PAGE, home::HomePage,
    not_found::NotFoundPage, plan::PlanPage, profile::ProfilePage, unlock::UnlockPage,
};
use crate::state::{self, Route, updates};
use crate::storage;

/// A message about the user's data or a link, shown under the header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    pub text: String,
    /// The page that raised it: the notice goes when the user leaves that
    /// page. `None` for what concerns the whole site (stored data).
    pub page: Option<Route>,
    /// Lines under the text, each with the address it links to, if any
    /// (the categories a catalogue update changed).
    pub lines: Vec<(String, Option<String>)>,
    /// Dismissing it records that this client (id) has seen this catalogue
    /// version, so a catalogue update's notice does not come back.
    pub seen: Option<(String, String)>,
}

impl Notice {
    pub fn site(text: String) -> Notice {
        Notice {
            text,
            page: None,
            lines: Vec::new(),
            seen: None,
        }
    }

    /// A notice that belongs to `page` and goes when the user leaves it.
    pub fn on(page: Route, text: String) -> Notice {
        Notice {
            page: Some(page),
            ..Notice::site(text)
        }
    }
}

/// The catalogue version a client's data was last saved with or whose
/// update notice was dismissed: its own record, else the stored profile's
/// `catalogue`; `None` for data from before catalogues had versions.
fn seen_catalogue(client: &str) -> Option<String> {
    storage::get(&updates::seen_key(client))
        .filter(|v| !v.is_empty())
        .or_else(|| {
            storage::get(&clients::profile_key(client))
                .and_then(|raw| updates::profile_catalogue(&raw))
        })
}

/// A share link's content, waiting for the user to say what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingShare {
    pub plan: Vec<String>,
    pub profile: Profile,
}

/// State shared by every page (provided as context).
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    pub catalog: &'static Catalog,
    /// What the current client's applicant and partners hold; saved in localStorage.
    pub profile: RwSignal<Profile>,
    pub lang: RwSignal<Lang>,
    /// Leaf ids in the current client's plan; saved in localStorage.
    pub plan: RwSignal<Vec<String>>,
    /// The way the user chose for a category of the plan (from 1), saved with the plan.
    pub plan_ways: RwSignal<BTreeMap<String, usize>>,
    /// Messages about data that could not be kept (dropped ids, unreadable storage).
    pub notices: RwSignal<Vec<Notice>>,
    pub route: RwSignal<Route>,
    /// The home page's query, kept here so a language switch (which re-renders the page) keeps it.
    pub home_query: RwSignal<String>,
    /// The client profiles and which one is current.
    pub clients: RwSignal<Clients>,
    /// A share link that would replace the user's data, until the user decides.
    pub pending_share: RwSignal<Option<PendingShare>>,
    /// The browser refused to save (quota, private mode): shown at once, with an export.
    pub save_failed: RwSignal<bool>,
    /// Whether this state lives in localStorage (the widget's does not).
    pub stored: bool,
    /// Whether search has the catalogue's lexicon of everyday words: the
    /// site embeds the catalogue without it and fetches it after the first
    /// paint (see [`AppState::load_lexicon`]); searches run again when it comes.
    pub lexicon: RwSignal<bool>,
}

/// Reads a client's profile and plan, keeping aside what cannot be read and
/// saying so only once the copy is really written.
fn load_client(
    catalog: &Catalog,
    id: &str,
    s: &Strings,
    notices: &mut Vec<Notice>,
) -> (Profile, Vec<String>, BTreeMap<String, usize>) {
    let profile_key = clients::profile_key(id);
    let profile = match storage::get(&profile_key) {
        Some(raw) => {
            let loaded = state::profile_from_json(&raw, catalog);
            if loaded.newer {
                // Written by a later leimu: keep the original untouched (the
                // site does not write the profile until the user changes it)
                // and a copy beside it, whatever happens next.
                let copy = format!("{profile_key}.newer");
                let kept = storage::get(&copy).as_deref() == Some(raw.as_str())
                    || storage::set(&copy, &raw);
                notices.push(Notice::site(if kept {
                    fill(s.notice_newer_profile, &[&copy])
                } else {
                    s.notice_newer_profile_unsaved.to_owned()
                }));
            } else if loaded.unreadable {
                notices.push(Notice::site(keep_unreadable(&profile_key, &raw, s)));
            }
            if !loaded.dropped.is_empty() {
                notices.push(Notice::site(fill(
                    s.notice_dropped,
                    &[&loaded.dropped.join(", ")],
                )));
            }
            loaded.value
        }
        None => Profile::default(),
    };
    let plan_key = clients::plan_key(id);
    let (plan, ways) = match storage::get(&plan_key) {
        Some(raw) => {
            let loaded = state::plan_from_json(&raw, catalog);
            if loaded.unreadable {
                notices.push(Notice::site(keep_unreadable(&plan_key, &raw, s)));
            }
            if !loaded.dropped.is_empty() {
                notices.push(Notice::site(fill(
                    s.notice_dropped,
                    &[&loaded.dropped.join(", ")],
                )));
            }
            let ways = state::plan_ways_from_json(&raw)
                .into_iter()
                .filter(|(id, _)| loaded.value.contains(id))
                .collect();
            (loaded.value, ways)
        }
        None => Default::default(),
    };
    (profile, plan, ways)
}

/// Copies unreadable stored text aside under a key of its own (never over an
/// earlier copy) and returns the notice: it names the copy only if it exists.
fn keep_unreadable(key: &str, raw: &str, s: &Strings) -> String {
    let base = format!("{key}.unreadable");
    let copy = std::iter::once(base.clone())
        .chain((2..100).map(|n| format!("{base}.{n}")))
        .find(|k| storage::get(k).is_none_or(|held| held == raw));
    match copy {
        Some(copy) if storage::get(&copy).as_deref() == Some(raw) || storage::set(&copy, raw) => {
            fill(s.notice_unreadable_kept, &[&copy])
        }
        _ => s.notice_unreadable_lost.to_owned(),
    }
}

impl AppState {
    /// Creates the state from storage and the current URL.
    pub fn load(catalog: &'static Catalog) -> AppState {
        let lang = storage::get(state::LANG_KEY)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
        let s = lang.strings();
        let mut notices = Vec::new();
        let mut clients = match storage::get(clients::CLIENTS_KEY) {
            None => Clients::recovered(&storage::keys_with_prefix(clients::CLIENT_KEY_PREFIX)),
            Some(raw) => Clients::read(&raw).unwrap_or_else(|| {
                notices.push(Notice::site(keep_unreadable(clients::CLIENTS_KEY, &raw, s)));
                Clients::recovered(&storage::keys_with_prefix(clients::CLIENT_KEY_PREFIX))
            }),
        };
        // What an older version of the site kept when a share link replaced
        // the visitor's data becomes a client profile of its own; the old key
        // goes only once that profile is really written.
        if let Some(raw) = storage::get(state::BEFORE_SHARE_KEY)
            && let Some((plan, profile)) = state::before_share_from_json(&raw, catalog)
        {
            let mut next = clients.clone();
            if let Some(id) = next.add(s.client_before_share) {
                let written = storage::set(
                    &clients::profile_key(&id),
                    &state::profile_to_json(&profile),
                ) && storage::set(
                    &clients::plan_key(&id),
                    &state::plan_to_json(&plan, &BTreeMap::new()),
                ) && storage::set(clients::CLIENTS_KEY, &next.to_json());
                if written {
                    clients = next;
                    storage::remove(state::BEFORE_SHARE_KEY);
                    notices.push(Notice::site(fill(
                        s.notice_before_share_kept,
                        &[s.client_before_share],
                    )));
                }
            }
        }
        let current = clients.current.clone();
        let (profile, plan, ways) = load_client(catalog, &current, s, &mut notices);
        let route = current_route();
        AppState {
            catalog,
            profile: RwSignal::new(profile),
            lang: RwSignal::new(lang),
            plan: RwSignal::new(plan),
            plan_ways: RwSignal::new(ways),
            notices: RwSignal::new(notices),
            route: RwSignal::new(route),
            home_query: RwSignal::new(String::new()),
            clients: RwSignal::new(clients),
            pending_share: RwSignal::new(None),
            save_failed: RwSignal::new(false),
            stored: true,
            lexicon: RwSignal::new(catalog.missing_lexicon_file().is_none()),
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
            plan_ways: RwSignal::new(BTreeMap::new()),
            notices: RwSignal::new(Vec::new()),
            route: RwSignal::new(Route::Home),
            home_query: RwSignal::new(String::new()),
            clients: RwSignal::new(Clients::default()),
            pending_share: RwSignal::new(None),
            save_failed: RwSignal::new(false),
            stored: false,
            lexicon: RwSignal::new(catalog.missing_lexicon_file().is_none()),
        }
    }

    /// The interface strings of the current language, untracked: a language
    /// switch re-renders the page (see `App`) instead of every string being
    /// its own reactive node, which keeps the wasm much smaller.
    pub fn strings(&self) -> &'static crate::i18n::Strings {
        self.lang.get_untracked().strings()
    }

    /// Fetches the search lexicon the catalogue names (a file beside the
    /// page, `lexicon-<fingerprint>.bin`, precached by the service worker)
    /// once the page has painted, and adds it. Until it comes, and if it
    /// never does (offline before the worker cached it), search answers from
    /// the source's own words and says when nothing fits well.
    pub fn load_lexicon(&self) {
        let Some(file) = self.catalog.missing_lexicon_file() else {
            return;
        };
        let app = *self;
        // After the frame that shows the app, so the fetch and the index it
        // builds never delay the first paint.
        request_animation_frame(move || {
            leptos::task::spawn_local(async move {
                // At the site's root, from a category's static page too.
                let Some(bytes) = crate::fetch::bytes(&state::site_file(&file)).await else {
                    return;
                };
                match app.catalog.add_lexicon(&bytes) {
                    Ok(()) => app.lexicon.set(true),
                    Err(error) => leptos::logging::warn!("leimu: {error}"),
                }
            });
        });
    }

    /// When the current client's data was saved with another catalogue
    /// version than this one, fetches what changed since (only then) and
    /// says which of the plan's categories changed or went. Dismissing the
    /// notice records today's version; nothing the user entered is touched.
    pub fn check_catalogue_update(&self) {
        if !self.stored {
            return;
        }
        let client = self.clients.with_untracked(|c| c.current.clone());
        let current = self.catalog.data().provenance.version.clone();
        let Some(version) =
            seen_catalogue(&client).filter(|v| updates::needs_check(Some(v), &current))
        else {
            return;
        };
        // Every id the stored plan names, those today's catalogue dropped too.
        let plan: Vec<String> = storage::get(&clients::plan_key(&client))
            .map(|raw| {
                let loaded = state::plan_from_json(&raw, self.catalog);
                loaded.value.into_iter().chain(loaded.dropped).collect()
            })
            .unwrap_or_default();
        let app = *self;
        leptos::task::spawn_local(async move {
            let Some(since) = updates::fetch_since(current.clone(), version).await else {
                return;
            };
            // The visitor may have switched clients meanwhile.
            if app.clients.with_untracked(|c| c.current != client) {
                return;
            }
            let words = updates::returning_notice(app.strings(), app.catalog, &since, &plan);
            app.notify(Notice {
                lines: words.lines,
                seen: Some((client, current)),
                ..Notice::site(words.text)
            });
        });
    }

    /// Adds a notice (the same text is not shown twice).
    pub fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            if !n.contains(&notice) {
                n.push(notice);
            }
        });
    }

    /// The current client's name as shown (the first client may be unnamed).
    pub fn client_name(&self) -> String {
        let s = self.strings();
        self.clients.with(|c| {
            let name = &c.current().name;
            if name.is_empty() {
                s.client_unnamed.to_owned()
            } else {
                name.clone()
            }
        })
    }

    /// The current client's name for exports, only when the user has named clients.
    pub fn export_name(&self) -> Option<String> {
        self.clients
            .with_untracked(Clients::in_use)
            .then(|| self.client_name())
    }

    fn save_index(&self, clients: &Clients) -> bool {
        !self.stored || storage::set(clients::CLIENTS_KEY, &clients.to_json())
    }

    /// Makes another client current: its profile and plan replace the page's.
    pub fn switch_client(&self, id: &str) {
        let mut clients = self.clients.get_untracked();
        if !clients.contains(id) || clients.current == id {
            return;
        }
        clients.current = id.to_owned();
        if !self.save_index(&clients) {
            self.save_failed.set(true);
        }
        let mut notices = Vec::new();
        let (profile, plan, ways) = load_client(self.catalog, id, self.strings(), &mut notices);
        // Read before the persisting effects write this client's keys.
        self.clients.set(clients);
        self.check_catalogue_update();
        self.profile.set(profile);
        self.plan.set(plan);
        self.plan_ways.set(ways);
        for notice in notices {
            self.notify(notice);
        }
    }

    /// Adds a client holding `plan` and `profile`, written before it is
    /// listed; `None` when the browser refused (nothing is then claimed).
    pub fn add_client(
        &self,
        name: &str,
        plan: &[String],
        ways: &BTreeMap<String, usize>,
        profile: &Profile,
    ) -> Option<String> {
        let mut clients = self.clients.get_untracked();
        let id = clients.add(name)?;
        if self.stored {
            let written =
                storage::set(&clients::profile_key(&id), &state::profile_to_json(profile))
                    && storage::set(&clients::plan_key(&id), &state::plan_to_json(plan, ways))
                    && self.save_index(&clients);
            if !written {
                storage::remove(&clients::profile_key(&id));
                storage::remove(&clients::plan_key(&id));
                self.save_failed.set(true);
                return None;
            }
        }
        self.clients.set(clients);
        Some(id)
    }

    pub fn rename_client(&self, id: &str, name: &str) {
        let mut clients = self.clients.get_untracked();
        clients.rename(id, name);
        if !self.save_index(&clients) {
            self.save_failed.set(true);
        }
        self.clients.set(clients);
    }

    /// Deletes a client and its stored data; the last client stays.
    pub fn delete_client(&self, id: &str) {
        let mut clients = self.clients.get_untracked();
        let was_current = clients.current == id;
        if !clients.remove(id) {
            return;
        }
        if !self.save_index(&clients) {
            self.save_failed.set(true);
            return;
        }
        if self.stored {
            storage::remove(&clients::profile_key(id));
            storage::remove(&clients::plan_key(id));
            storage::remove(&updates::seen_key(id));
        }
        let next = clients.current.clone();
        if was_current {
            let mut notices = Vec::new();
            let (profile, plan, ways) =
                load_client(self.catalog, &next, self.strings(), &mut notices);
            self.clients.set(clients);
            self.profile.set(profile);
            self.plan.set(plan);
            self.plan_ways.set(ways);
            for notice in notices {
                self.notify(notice);
            }
        } else {
            self.clients.set(clients);
        }
    }

    /// Every client with its stored data, the current one from the page.
    pub fn portable_clients(&self) -> Vec<clients::Portable> {
        let clients = self.clients.get_untracked();
        let s = self.strings();
        clients
            .clients
            .iter()
            .map(|client| {
                let (profile, plan, ways) = if client.id == clients.current {
                    (
                        self.profile.get_untracked(),
                        self.plan.get_untracked(),
                        self.plan_ways.get_untracked(),
                    )
                } else {
                    load_client(self.catalog, &client.id, s, &mut Vec::new())
                };
                let name = if client.name.is_empty() {
                    s.client_unnamed.to_owned()
                } else {
                    client.name.clone()
                };
                clients::Portable {
                    name,
                    plan,
                    ways,
                    profile,
                }
            })
            .collect()
    }
}

/// Writes a client's profile or plan, and that its data is now of this
/// catalogue version (a plan alone records it too).
fn save_client_data(client: &str, key: &str, json: &str, app: AppState) {
    if storage::set(key, json) {
        let _ = storage::set(
            &updates::seen_key(client),
            &app.catalog.data().provenance.version,
        );
    } else {
        app.save_failed.set(true);
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Goes to a route: by setting the fragment at the site's root (which adds
/// a history entry); from a category's static page, to the route's address
/// (another category's static page, or the root with the route's fragment).
pub fn navigate(route: &Route) {
    if state::on_static_page() {
        let _ = window().location().assign(&route.href());
    } else {
        let _ = window().location().set_hash(&route.to_hash());
    }
}

/// Whether this document is a category's static page (`c/<id>/`, or the
/// worker's offline stand-in for one): the build marks its `<html>` with
/// the way to the site's root, `data-leimu-root`.
fn is_static_page() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.has_attribute(STATIC_PAGE_MARK))
}

/// The route of the current address. The path counts only on a static
/// page: index.html served from a folder that happens to be named
/// `…/c/<name>/` is still the home page.
fn current_route() -> Route {
    let location = window().location();
    let pathname = if state::on_static_page() {
        location.pathname().unwrap_or_default()
    } else {
        String::new()
    };
    Route::from_location(&pathname, &location.hash().unwrap_or_default())
}

/// The attribute that marks a category's static page (site/src/static_pages.rs).
pub const STATIC_PAGE_MARK: &str = "data-leimu-root";

#[component]
pub fn App() -> impl IntoView {
    // First, in the task that mounts the app: no frame shows neither.
    let typed = crate::boot_shell::take();
    state::links_from_static_page(is_static_page());
    let catalog = match crate::catalog() {
        Ok(catalog) => catalog,
        Err(error) => {
            return view! { <main class="fatal"><h1>"leimu"</h1><p>{error.to_string()}</p></main> }
                .into_any();
        }
    };
    let app = AppState::load(catalog);
    // The visitor chose a language with the frame's button: the app speaks it,
    // and keeps the choice as if made in the app.
    if let Some(lang) = typed
        .as_ref()
        .and_then(|t| t.switched_language.as_deref())
        .and_then(Lang::from_code)
    {
        app.lang.set(lang);
        let _ = storage::set(state::LANG_KEY, lang.code());
    }
    provide_context(app);
    app.check_catalogue_update();
    app.load_lexicon();
    // On a static page: what the visitor changed in its frame, changed again
    // in the app's page, right after mounting (untracked: the handlers this
    // runs read signals, which must not make this effect run again).
    if let Some(typed) = typed
        .clone()
        .filter(|t| !t.changed.is_empty() || t.focused_id.is_some())
    {
        Effect::new(move |_| untrack(|| crate::boot_shell::replay(&typed)));
    }
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
        app.route.set(current_route());
    });
    // Persist what the user entered, under the current client's keys. Not
    // on the first run: what was just read needs no writing, and a profile
    // written by a later version stays untouched until the user changes it.
    // A refused save is shown at once (see `Notices`).
    // (A page may change the data before these effects first run — a share
    // link opened on a fresh visit — so the first run compares with what
    // was read rather than skipping outright.)
    let read_profile = state::profile_to_json(&app.profile.get_untracked());
    let read_plan = app
        .plan_ways
        .with_untracked(|ways| state::plan_to_json(&app.plan.get_untracked(), ways));
    Effect::new(move |first: Option<()>| {
        let json = state::profile_to_json(&app.profile.get());
        let client = app.clients.with(|c| c.current.clone());
        if first.is_some() || json != read_profile {
            save_client_data(&client, &clients::profile_key(&client), &json, app);
        }
    });
    Effect::new(move |first: Option<()>| {
        let json = app
            .plan_ways
            .with(|ways| state::plan_to_json(&app.plan.get(), ways));
        let client = app.clients.with(|c| c.current.clone());
        if first.is_some() || json != read_plan {
            save_client_data(&client, &clients::plan_key(&client), &json, app);
        }
    });
    // The language is stored once the visitor chooses it, not on the first
    // run: anything stored under `leimu.*` makes the next visit start the app
    // at once (xtask/src/boot.rs), which a visitor who only looked should
    // not pay for.
    Effect::new(move |first: Option<()>| {
        let lang = app.lang.get();
        if first.is_some() {
            let _ = storage::set(state::LANG_KEY, lang.code());
        }
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
                .map(|l| l.path.join(" > "))
                .or_else(|| crate::pages::first_level::name(catalog, id))
                .map(|name| format!("{name} · {}", s.app_title)),
            Route::Profile => Some(format!("{} · {}", s.nav_profile, s.app_title)),
            Route::Unlock => Some(format!("{} · {}", s.nav_unlock, s.app_title)),
            Route::Plan { .. } => Some(format!("{} · {}", s.nav_plan, s.app_title)),
            Route::About => Some(format!("{} · {}", s.about_title, s.app_title)),
            _ => None,
        };
        document().set_title(&title.unwrap_or_else(|| s.app_title.to_owned()));
        if previous.is_some() && previous.as_ref() != Some(&route) {
            // A page's notices belong to it: they go when the user leaves it.
            let here = route.without_share();
            app.notices
                .update(|n| n.retain(|notice| notice.page.as_ref().is_none_or(|p| *p == here)));
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
            let _ = window().location().replace(&state::site_file(DOCS_PAGE));
            let s = app.strings();
            view! { <section><p>{s.embed_moved}<a href=state::site_file(DOCS_PAGE)>{DOCS_PAGE}</a></p></section> }
                .into_any()
        }
        Route::About => view! { <AboutPage/> }.into_any(),
        Route::NotFound(asked) => view! { <NotFoundPage asked=asked/> }.into_any(),
    };

    view! {
        <SkipLink/>
        <Header/>
        <Notices/>
        <main id="main-content" tabindex="-1">{page}</main>
        <Footer/>
    }
    .into_any()
}

/// The skip link, first in the page: to the page's `<main>`.
#[component]
pub fn SkipLink() -> impl IntoView {
    let app = use_app();
    view! {
        <a class="skip" href="#main-content" on:click=move |ev: ev::MouseEvent| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main-content") {
                use wasm_bindgen::JsCast;
                if let Some(main) = main.dyn_ref::<web_sys::HtmlElement>() { let _ = main.focus(); }
            }
        }>{move || if app.lang.get() == Lang::Zh { "跳到正文" } else { "Skip to content" }}</a>
    }
}

/// The site's footer (also on the static pages: site/src/static_pages.rs).
#[component]
pub fn Footer() -> impl IntoView {
    let app = use_app();
    view! {
        <footer class="site-footer">
            <p>{move || app.lang.get().strings().footer}</p>
            <p class="catalogue-version">{move || {
                let provenance = &app.catalog.data().provenance;
                (app.lang.get().strings().footer_version)(&provenance.version, &provenance.taken)
            }}" · "<a href=Route::About.href()>{move || app.lang.get().strings().footer_about}</a>
            " · "<a href=state::site_file("changes.html")>{move || app.lang.get().strings().footer_changes}</a></p>
            <p><a href=state::site_file(DOCS_PAGE)>{move || app.lang.get().strings().footer_embed}</a></p>
        </footer>
    }
}

/// The site's header (also on the static pages: site/src/static_pages.rs).
#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let link = move |route: Route, label: fn(&crate::i18n::Strings) -> &'static str| {
        let target = route.clone();
        let current = move || {
            let now = app.route.get();
            std::mem::discriminant(&now) == std::mem::discriminant(&target)
        };
        view! {
            <a href=route.href() aria-current=move || current().then_some("page")>{move || label(app.lang.get().strings())}</a>
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href=Route::Home.href()>
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
    let dismiss = move |notice: Notice| {
        if let Some((client, version)) = &notice.seen
            && app.stored
        {
            let _ = storage::set(&updates::seen_key(client), version);
        }
        app.notices.update(|n| n.retain(|x| *x != notice));
    };
    let export = move |_| crate::components::clients::download_all(app);
    view! {
        <Show when=move || app.save_failed.get()>
            <div class="notices notice-error" role="alert">
                <p>{move || app.lang.get().strings().notice_save_failed}</p>
                <div class="notice-actions">
                    <button type="button" on:click=export>{move || app.lang.get().strings().clients_export_all}</button>
                    <button type="button" on:click=move |_| app.save_failed.set(false)>{move || app.lang.get().strings().dismiss}</button>
                </div>
            </div>
        </Show>
        <For each=move || app.notices.get() key=|n| n.clone() let:notice>
            <div class="notices" role="status">
                <p>{notice.text.clone()}</p>
                {(!notice.lines.is_empty()).then(|| {
                    let lines = notice.lines.iter().map(|(text, link)| match link {
                        Some(href) => view! { <li><a href=href.clone()>{text.clone()}</a></li> }.into_any(),
                        None => view! { <li>{text.clone()}</li> }.into_any(),
                    }).collect_view();
                    view! { <ul class="notice-lines">{lines}</ul> }
                })}
                <div class="notice-actions">
                    <button type="button" on:click=move |_| dismiss(notice.clone())>{move || app.lang.get().strings().dismiss}</button>
                </div>
            </div>
        </For>
    }
}
