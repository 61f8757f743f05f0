//! Client profiles on the profile page: switch, create, rename, duplicate,
//! delete (after a confirmation), export to a file and import from one. An
//! agency keeps one profile per client; nothing here ever overwrites a
//! client's data without the user asking for exactly that.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{AppState, Notice, use_app};
use crate::clients::{self, ImportError};
use crate::i18n::fill;
use crate::state::Route;

/// Offers `contents` as a file download, built in the browser.
pub fn download(name: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document().create_element("a")
        && let Some(anchor) = anchor.dyn_ref::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A file name made of a client's name: what a file system accepts everywhere.
pub fn file_name_of(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        "leimu".to_owned()
    } else {
        format!("leimu-{safe}")
    }
}

/// Downloads every client profile as one file (also offered when a save failed).
pub fn download_all(app: AppState) {
    let file = clients::export_json(&crate::state::catalogue_version(), &app.portable_clients());
    download("leimu-profiles.json", "application/json", &file);
}

#[component]
pub fn ClientManager() -> impl IntoView {
    let app = use_app();
    let status = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let renaming = RwSignal::new(false);
    let rename_to = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(None::<String>);
    let say = move |text: String| status.set(text);

    let create = move |copy: bool| {
        let s = app.strings();
        let typed = clients::clean_name(&new_name.get_untracked());
        let name = if !typed.is_empty() {
            typed
        } else if copy {
            fill(s.clients_copy_of, &[&app.client_name()])
        } else {
            s.clients_new_default.to_owned()
        };
        let (plan, ways, profile) = if copy {
            (
                app.plan.get_untracked(),
                app.plan_ways.get_untracked(),
                app.profile.get_untracked(),
            )
        } else {
            Default::default()
        };
        match app.add_client(&name, &plan, &ways, &profile) {
            Some(id) => {
                app.switch_client(&id);
                new_name.set(String::new());
                say(fill(s.clients_created, &[&app.client_name()]));
            }
            None => say(s.clients_not_saved.to_owned()),
        }
    };

    let list = move || {
        let s = app.strings();
        let current = app.clients.with(|c| c.current.clone());
        app.clients
            .get()
            .clients
            .into_iter()
            .map(|client| {
                let is_current = client.id == current;
                let name = if client.name.is_empty() { s.client_unnamed.to_owned() } else { client.name.clone() };
                let switch_id = client.id.clone();
                let label = name.clone();
                let id = client.id.clone();
                // Delete asks first, in place; the last client cannot be deleted.
                let delete = move || {
                    let s = app.strings();
                    if app.clients.with(|c| c.clients.len() <= 1) {
                        return ().into_any();
                    }
                    let (id, name) = (id.clone(), name.clone());
                    if confirm_delete.get().as_deref() == Some(id.as_str()) {
                        view! {
                            <span class="confirm" role="group" aria-label=s.clients_delete>
                                {fill(s.clients_delete_confirm, &[&name])}" "
                                <button type="button" class="danger" on:click=move |_| {
                                    app.delete_client(&id);
                                    confirm_delete.set(None);
                                    say(fill(app.strings().clients_deleted, &[&name]));
                                }>{s.clients_delete_yes}</button>" "
                                <button type="button" on:click=move |_| confirm_delete.set(None)>{s.cancel}</button>
                            </span>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="danger" on:click=move |_| confirm_delete.set(Some(id.clone()))>
                                {s.clients_delete}<span class="visually-hidden">{" "}{name.clone()}</span>
                            </button>
                        }
                        .into_any()
                    }
                };
                view! {
                    <li class:current=is_current>
                        <span class="client-name">{label.clone()}</span>
                        {is_current.then(|| view! { <span class="badge">{s.clients_current}</span> })}
                        {(!is_current).then(|| view! {
                            <button type="button" on:click=move |_| {
                                app.switch_client(&switch_id);
                                say(fill(app.strings().clients_switched, &[&app.client_name()]));
                            }>{s.clients_switch}<span class="visually-hidden">{" "}{label.clone()}</span></button>
                        })}
                        {delete}
                    </li>
                }
            })
            .collect_view()
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        leptos::task::spawn_local(async move {
            let s = app.strings();
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                say(s.clients_import_unreadable.to_owned());
                return;
            };
            match clients::import(&text, &file_name, app.catalog) {
                Err(error) => say(match error {
                    ImportError::NotJson => s.clients_import_not_json,
                    ImportError::NotProfiles => s.clients_import_not_profiles,
                    ImportError::NewerVersion => s.clients_import_newer,
                }
                .to_owned()),
                Ok(loaded) => {
                    let mut added = Vec::new();
                    for client in &loaded.value {
                        match app.add_client(
                            &client.name,
                            &client.plan,
                            &client.ways,
                            &client.profile,
                        ) {
                            Some(id) => added.push(app.clients.with_untracked(|c| {
                                c.get(&id).map(|c| c.name.clone()).unwrap_or_default()
                            })),
                            None => break,
                        }
                    }
                    let mut message = fill(
                        s.clients_imported,
                        &[&added.len().to_string(), &added.join("、")],
                    );
                    if added.len() < loaded.value.len() {
                        message.push(' ');
                        message.push_str(s.clients_not_saved);
                    }
                    if !loaded.dropped.is_empty() {
                        app.notify(Notice::on(
                            Route::Profile,
                            fill(s.notice_dropped, &[&loaded.dropped.join(", ")]),
                        ));
                    }
                    say(message);
                }
            }
        });
    };

    view! {
        <section class="clients" aria-labelledby="clients-title">
            <h2 id="clients-title">{app.strings().clients_title}</h2>
            <p class="hint">{app.strings().clients_intro}</p>
            <ul class="client-list">{list}</ul>
            <Show when=move || renaming.get() fallback=move || view! {
                <p><button type="button" on:click=move |_| {
                    rename_to.set(app.clients.with_untracked(|c| c.current().name.clone()));
                    renaming.set(true);
                }>{app.strings().clients_rename}</button></p>
            }>
                <form class="client-rename" on:submit=move |ev| {
                    ev.prevent_default();
                    let id = app.clients.with_untracked(|c| c.current.clone());
                    app.rename_client(&id, &rename_to.get_untracked());
                    renaming.set(false);
                    say(fill(app.strings().clients_renamed, &[&app.client_name()]));
                }>
                    <label for="client-rename">{app.strings().clients_name}</label>" "
                    <input id="client-rename" type="text" maxlength=clients::MAX_NAME_CHARS.to_string()
                        prop:value=move || rename_to.get() on:input=move |ev| rename_to.set(event_target_value(&ev))/>" "
                    <button type="submit">{app.strings().save}</button>" "
                    <button type="button" on:click=move |_| renaming.set(false)>{app.strings().cancel}</button>
                </form>
            </Show>
            <form class="client-new" on:submit=move |ev| { ev.prevent_default(); create(false); }>
                <label for="client-new">{app.strings().clients_new_label}</label>" "
                <input id="client-new" type="text" maxlength=clients::MAX_NAME_CHARS.to_string()
                    prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>" "
                <button type="submit">{app.strings().clients_new}</button>" "
                <button type="button" on:click=move |_| create(true)>{app.strings().clients_duplicate}</button>
            </form>
            <p class="client-files">
                <button type="button" on:click=move |_| {
                    let file = clients::export_json(&crate::state::catalogue_version(), &[clients::Portable {
                        name: app.client_name(),
                        plan: app.plan.get_untracked(),
                        ways: app.plan_ways.get_untracked(),
                        profile: app.profile.get_untracked(),
                    }]);
                    download(&format!("{}.json", file_name_of(&app.client_name())), "application/json", &file);
                }>{app.strings().clients_export_one}</button>" "
                <button type="button" on:click=move |_| download_all(app)>{app.strings().clients_export_all}</button>" "
                <label class="file-button" for="client-import">{app.strings().clients_import}</label>
                <input id="client-import" class="visually-hidden" type="file" accept=".json,application/json" on:change=import/>
            </p>
            <p role="status" class="status">{move || status.get()}</p>
        </section>
    }
}
