//! "What can I apply for", sized to a person's attention: a first screen
//! with the answer in one sentence, then the categories the profile
//! satisfies, those whose documents are complete but that rest on something
//! to confirm, and those one document away, closest first. Categories open
//! only to a kind of applicant the profile does not say it is (政府主体,
//! 银行主体…) are collapsed apart, as are those that need no qualification.

use leimu_engine::{Confirmation, Status, UnlockEntry};

use crate::components::questions::confirmation_text;
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::components::badges::Badges;
use crate::i18n::fill;
use crate::state::Route;

/// How many one-away categories show before "show all".
const FIRST_SCREEN: usize = 12;

/// Which list an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Satisfied,
    Confirm,
    OneAway,
    /// Usable only if the applicant is a kind it has not said it is.
    OtherKinds,
    NoQualification,
}

/// The labels of the applicant kinds an entry rests on, when it rests on any.
pub fn kind_labels(entry: &UnlockEntry) -> Vec<&str> {
    entry
        .to_confirm
        .iter()
        .filter_map(|c| match c {
            Confirmation::Applicant { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect()
}

pub fn section(entry: &UnlockEntry) -> Section {
    if entry.no_qualification {
        Section::NoQualification
    } else if !kind_labels(entry).is_empty() {
        Section::OtherKinds
    } else if entry.documents_ready && entry.status != Status::Confirm {
        Section::Satisfied
    } else if entry.status == Status::Confirm {
        Section::Confirm
    } else {
        Section::OneAway
    }
}

/// The entries of a section, closest first: fewer things to confirm, then source order.
pub fn entries_of(entries: &[UnlockEntry], which: Section) -> Vec<&UnlockEntry> {
    let mut list: Vec<(usize, &UnlockEntry)> = entries
        .iter()
        .filter(|e| section(e) == which)
        .enumerate()
        .collect();
    // Source order among equals: the position is the last key.
    leimu_engine::sort::sort_by_key(&mut list, |&(i, e)| {
        (!e.documents_ready, e.to_confirm.len(), i)
    });
    list.into_iter().map(|(_, e)| e).collect()
}

fn entry_view(app: AppState, entry: &UnlockEntry) -> Option<impl IntoView + use<>> {
    let leaf = app.catalog.leaf(&entry.category)?;
    let s = app.strings();
    let away: Vec<String> = entry.one_away.iter().map(|d| d.name.clone()).collect();
    let away = (!away.is_empty())
        .then(|| view! { <span class="away">" ← "{s.add}" "{away.join(" / ")}</span> });
    let confirm = (!entry.to_confirm.is_empty()).then(|| {
        let items = entry
            .to_confirm
            .iter()
            .map(|c| view! { <li>{confirmation_text(app, c)}</li> })
            .collect_view();
        view! { <ul class="confirm">{items}</ul> }
    });
    Some(view! {
        <li>
            <a href=Route::Category(leaf.id.clone()).href()>{leaf.path.join(" › ")}</a>
            <Badges leaf=leaf/>{away}{confirm}
        </li>
    })
}

#[component]
pub fn UnlockPage() -> impl IntoView {
    let app = use_app();
    let catalog = app.catalog;
    let entries = Memo::new(move |_| app.profile.with(|p| catalog.unlock(p)));
    let show_all = RwSignal::new(false);
    let count =
        move |which: Section| entries.with(|e| e.iter().filter(|x| section(x) == which).count());
    let list = move |which: Section, limit: Option<usize>| {
        move || {
            entries.with(|all| {
                let list = entries_of(all, which);
                if list.is_empty() {
                    return view! { <p class="empty">{app.strings().unlock_none}</p> }.into_any();
                }
                let shown = match limit {
                    Some(n) if !show_all.get() => n,
                    _ => list.len(),
                };
                let hidden = list.len().saturating_sub(shown);
                let items = list
                    .iter()
                    .take(shown)
                    .filter_map(|e| entry_view(app, e))
                    .collect_view();
                let more = (hidden > 0).then(|| {
                    view! {
                        <button type="button" class="link" on:click=move |_| show_all.set(true)>
                            {fill(app.strings().unlock_show_all, &[&hidden.to_string()])}
                        </button>
                    }
                });
                view! { <ul class="unlock-list">{items}</ul>{more} }.into_any()
            })
        }
    };
    let headline = move || {
        let s = app.strings();
        let nothing_held = app
            .profile
            .with(|p| p.applicant.is_empty() && p.partners.is_empty());
        if nothing_held {
            return s.unlock_start.to_owned();
        }
        fill(
            s.unlock_headline,
            &[
                &count(Section::Satisfied).to_string(),
                &count(Section::Confirm).to_string(),
                &count(Section::OneAway).to_string(),
            ],
        )
    };
    let other_kinds = move || {
        let labels: Vec<String> = entries.with(|e| {
            let mut labels: Vec<String> = e
                .iter()
                .filter(|x| section(x) == Section::OtherKinds)
                .flat_map(|x| kind_labels(x).into_iter().map(str::to_owned))
                .collect();
            leimu_engine::sort::sort(&mut labels);
            labels.dedup();
            labels
        });
        fill(
            app.strings().unlock_other_kinds,
            &[&count(Section::OtherKinds).to_string(), &labels.join("、")],
        )
    };
    view! {
        <section class="unlock">
            <h1 tabindex="-1">{app.strings().unlock_title}
                <Show when=move || app.clients.with(|c| c.in_use())>
                    <span class="client-tag">" · "{move || app.client_name()}</span>
                </Show>
            </h1>
            <p class="unlock-headline" role="status">{headline}</p>
            <p class="hint">{app.strings().unlock_intro}</p>
            <h2>{app.strings().unlock_satisfied}</h2>
            {list(Section::Satisfied, None)}
            <h2>{app.strings().unlock_confirm}</h2>
            {list(Section::Confirm, None)}
            <h2>{app.strings().unlock_one_away}</h2>
            {list(Section::OneAway, Some(FIRST_SCREEN))}
            <Show when=move || { count(Section::OtherKinds) > 0 }>
                <details class="unlock-other-kinds">
                    <summary>{other_kinds}</summary>
                    <p class="hint">{app.strings().unlock_other_kinds_hint}" "<a href=Route::Profile.href()>{app.strings().nav_profile}</a></p>
                    {list(Section::OtherKinds, None)}
                </details>
            </Show>
            <details class="unlock-open">
                <summary>{move || fill(app.strings().unlock_open, &[&count(Section::NoQualification).to_string()])}</summary>
                {list(Section::NoQualification, None)}
            </details>
        </section>
    }
}
