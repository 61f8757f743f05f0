//! The verdict for one category: qualifies (and how), or the shortest ways
//! to qualify, plus what the user must confirm. Announced politely to screen
//! readers as it changes.

use leimu_engine::{DocumentUse, NeededFor, Status, Verdict};
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::components::questions::Questions;
use crate::i18n::fill;

/// A document of a way; `missing` lists say how many are still needed
/// (还差 1 份 when one of two is held), not the total again.
fn document_text(app: AppState, use_: &DocumentUse, missing: bool) -> String {
    let s = app.strings();
    let mut text = use_.name.clone();
    if missing && use_.need > 1 && use_.have < use_.need {
        text.push_str(&format!(
            "（{}）",
            fill(s.still_needed, &[&(use_.need - use_.have).to_string()])
        ));
    } else if use_.need > 1 {
        text.push_str(&format!(" ×{}", use_.need));
    }
    if let Some(holder) = &use_.holder {
        text.push_str(&format!("（{} {holder}）", s.held_by));
    }
    match &use_.needed_for {
        Some(NeededFor::Prerequisite { category }) => {
            let path = app
                .catalog
                .leaf(category)
                .map(|l| l.path.join(" > "))
                .unwrap_or_else(|| category.clone());
            text.push_str(&fill(s.needed_for_prerequisite, &[&path]));
        }
        Some(NeededFor::Situation { .. }) => text.push_str(s.needed_for_situation),
        None => {}
    }
    text
}

#[component]
pub fn VerdictPanel(#[prop(into)] verdict: Signal<Verdict>) -> impl IntoView {
    let app = use_app();
    let headline = move || {
        let v = verdict.get();
        let s = app.strings();
        match (v.status, v.documents_ready) {
            (Status::Satisfied, _) => ("satisfied", s.satisfied),
            (Status::Confirm, _) => ("confirm", s.confirm_needed),
            (Status::ByEmail, true) => ("email", s.by_email_ready),
            (Status::ByEmail, false) => ("email", s.by_email_missing),
            (Status::Missing, _) => ("missing", s.missing),
        }
    };
    let body = move || {
        let v = verdict.get();
        let s = app.strings();
        let satisfied = v.satisfied_by.as_ref().filter(|w| !w.relies_on.is_empty()).map(|way| {
            let names: Vec<String> = way.relies_on.iter().map(|u| document_text(app, u, false)).collect();
            view! { <p class="way-used"><strong>{s.satisfied_by}": "</strong>{names.join(" + ")}</p> }
        });
        let ways = (!v.documents_ready && !v.completions.is_empty()).then(|| {
            let items = v
                .completions
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let names: Vec<String> = c.missing.iter().map(|u| document_text(app, u, true)).collect();
                    // Which kind of applicant (or which option) this way is for.
                    let labels: Vec<String> = c.applicants.iter().map(|l| l.label.clone()).collect();
                    let for_whom = (!labels.is_empty()).then(|| view! { <span class="for-kind">{s.only_for}" "{labels.join("、")}</span> });
                    view! { <li><span class="way-label">{format!("{} {}", s.way, i + 1)}": "</span>{s.add}" "<strong>{names.join(" + ")}</strong>{for_whom}</li> }
                })
                .collect_view();
            view! { <h3>{s.shortest_ways}</h3><ol class="ways">{items}</ol> }
        });
        let nothing_open = (!v.documents_ready && v.completions.is_empty())
            .then(|| view! { <p>{s.no_alternative_for_kind}</p> });
        view! { {satisfied}{ways}{nothing_open}<Questions verdict=verdict/> }
    };
    view! {
        <section class=move || format!("verdict {}", headline().0) aria-live="polite" aria-labelledby="verdict-heading">
            <h2 id="verdict-heading">{app.strings().verdict}": "<span class="status">{move || headline().1}</span></h2>
            {body}
        </section>
    }
}
