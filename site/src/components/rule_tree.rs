//! A category's rule as a checklist: the structure in words (all of, one of,
//! only for …), one checkbox per document. Ticking writes to the profile, so
//! the verdict beside it and every other page follow at once.

use leimu_engine::model::{DocumentRequirement, Leaf, Node, NodeKind};
use leimu_engine::{LabelState, Profile, Truth};
use leptos::prelude::*;

use crate::app::{AppState, use_app};
use crate::i18n::fill;
use crate::profile_edit;

/// Where a category page says what a tick did (the sticky verdict line
/// shows it): ticking writes to the client's whole profile, and the user
/// must see that, not discover it on another category.
#[derive(Debug, Clone, Copy)]
pub struct TickStatus(pub RwSignal<String>);

/// How many of a document the profile holds on the requirement's side.
pub fn held(profile: &Profile, requirement: &DocumentRequirement) -> u32 {
    let side = if requirement.holder.is_some() {
        &profile.partners
    } else {
        &profile.applicant
    };
    side.get(&requirement.document).copied().unwrap_or(0)
}

/// Sets how many of a document the profile holds (0 removes it).
pub fn set_held(profile: &mut Profile, requirement: &DocumentRequirement, count: u32) {
    let side = if requirement.holder.is_some() {
        &mut profile.partners
    } else {
        &mut profile.applicant
    };
    if count == 0 {
        side.remove(&requirement.document);
    } else {
        side.insert(requirement.document.clone(), count.min(99));
    }
}

/// Whether an alternative is hidden: what the profile says (or an answer
/// for this category) rules its label out, and some other alternative is
/// still open — a checklist is never left empty.
pub fn hidden_by_kind(states: &[LabelState], node: &Node) -> bool {
    let Some(label) = &node.applicant else {
        return false;
    };
    let closed = |kind: &str| {
        states
            .iter()
            .any(|s| s.kind == kind && s.truth == Truth::No)
    };
    closed(&label.kind) && !states.iter().all(|s| s.truth == Truth::No)
}

#[component]
pub fn RuleTree(leaf: &'static Leaf) -> impl IntoView {
    let app = use_app();
    match &leaf.rule {
        Some(rule) => {
            let states =
                Memo::new(move |_| app.profile.with(|p| app.catalog.label_states(&leaf.id, p)));
            view! { <ul class="rule-tree" role="list">{node_view(app, rule, leaf, vec![0], states)}</ul> }
                .into_any()
        }
        None if leaf.no_qualification => {
            view! { <p class="open">{app.strings().no_qualification}</p> }.into_any()
        }
        None => view! { <p>{app.strings().email_no_documents}</p> }.into_any(),
    }
}

fn node_view(
    app: AppState,
    node: &'static Node,
    leaf: &'static Leaf,
    path: Vec<usize>,
    states: Memo<Vec<LabelState>>,
) -> AnyView {
    let hidden = move || states.with(|s| hidden_by_kind(s, node));
    let applicant = node.applicant.as_ref().map(|label| {
        view! { <span class="for-kind">{app.strings().only_for}" "<q>{label.label.clone()}</q></span> }
    });
    match &node.kind {
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            let heading = {
                let kind = node.kind.clone();
                move || {
                    let s = app.strings();
                    match &kind {
                        NodeKind::AllOf { children } => {
                            fill(s.all_of, &[&children.len().to_string()])
                        }
                        NodeKind::AnyOf {
                            at_least: 1,
                            children,
                        } => fill(s.one_of, &[&children.len().to_string()]),
                        NodeKind::AnyOf { at_least, children } => fill(
                            s.at_least,
                            &[&children.len().to_string(), &at_least.to_string()],
                        ),
                        NodeKind::Document(_) => String::new(),
                    }
                }
            };
            let class = if matches!(node.kind, NodeKind::AllOf { .. }) {
                "group all"
            } else {
                "group any"
            };
            if children.is_empty() {
                // An alternative met by being a kind (is "银行机构"): nothing to tick.
                return view! {
                    <li class="group kind-only" hidden=hidden>
                        <span class="group-head">{app.strings().kind_only}{applicant}</span>
                    </li>
                }
                .into_any();
            }
            let items = children
                .iter()
                .enumerate()
                .map(|(i, child)| {
                    let mut child_path = path.clone();
                    child_path.push(i);
                    node_view(app, child, leaf, child_path, states)
                })
                .collect_view();
            view! {
                <li class=class hidden=hidden>
                    <span class="group-head">{heading}{applicant}</span>
                    <ul role="list">{items}</ul>
                </li>
            }
            .into_any()
        }
        NodeKind::Document(requirement) => {
            let id = format!(
                "doc-{}-{}",
                leaf.id.replace('.', "-"),
                path.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("-")
            );
            let name = app
                .catalog
                .document(&requirement.document)
                .map(|d| d.name.clone())
                .unwrap_or_default();
            let checked = move || {
                app.profile
                    .with(|p| held(p, requirement) >= requirement.min)
            };
            let tick_status = use_context::<TickStatus>();
            let doc_name = name.clone();
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                app.profile.update(|p| {
                    set_held(p, requirement, if on { requirement.min.max(1) } else { 0 })
                });
                if let Some(TickStatus(status)) = tick_status {
                    let s = app.strings();
                    let side = if requirement.holder.is_some() {
                        s.profile_partners
                    } else {
                        s.profile_applicant
                    };
                    let mut text = fill(
                        if on { s.tick_recorded } else { s.tick_removed },
                        &[&doc_name, side, &app.client_name()],
                    );
                    if !on && !requirement.conditions.is_empty() {
                        text.push(' ');
                        text.push_str(s.tick_condition_hint);
                    }
                    status.set(text);
                }
            };
            // "I hold it, but here it does not meet the condition" is an
            // answer for this category only, never an untick.
            let condition_answers = requirement
                .conditions
                .iter()
                .map(|text| {
                    let key = leimu_engine::question::condition(&requirement.document, text);
                    let category = leaf.id.clone();
                    let current = {
                        let (key, category) = (key.clone(), category.clone());
                        Memo::new(move |_| app.profile.with(|p| {
                            p.answers
                                .iter()
                                .find(|a| a.question == key && a.category.as_deref() == Some(category.as_str()))
                                .map(|a| a.holds)
                        }))
                    };
                    let set = {
                        let (key, category) = (key.clone(), category.clone());
                        Callback::new(move |value: Option<bool>| app.profile.update(|p| match value {
                            Some(holds) => profile_edit::answer(p, Some(&category), &key, holds),
                            None => profile_edit::retract(p, Some(&category), &key),
                        }))
                    };
                    let yes = move || current.get();
                    let no = yes;
                    view! {
                        <span class="answer condition-answer" role="group" aria-label=fill(app.strings().condition_here, &[text])>
                            <button type="button" aria-pressed=move || (yes() == Some(true)).to_string()
                                on:click=move |_| set.run(if yes() == Some(true) { None } else { Some(true) })>{app.strings().condition_met}</button>
                            <button type="button" aria-pressed=move || (no() == Some(false)).to_string()
                                on:click=move |_| set.run(if no() == Some(false) { None } else { Some(false) })>{app.strings().condition_not_met}</button>
                        </span>
                    }
                })
                .collect::<Vec<_>>();
            let show_answers = move || {
                app.profile
                    .with(|p| held(p, requirement) >= requirement.min.max(1))
            };
            let condition_answers = (!condition_answers.is_empty()).then(|| view! {
                <div class="condition-answers" hidden=move || !show_answers()>
                    <span class="hint">{app.strings().condition_question}</span>" "{condition_answers}
                </div>
            });
            let count = (requirement.min > 1 || requirement.holder.is_some()).then(|| {
                let count_id = format!("{id}-count");
                let label_for = count_id.clone();
                view! {
                    <label class="count" for=label_for>
                        {if requirement.holder.is_some() { app.strings().partners_hold } else { app.strings().count }}
                        <input id=count_id type="number" min="0" max="99" inputmode="numeric"
                            prop:value=move || app.profile.with(|p| held(p, requirement)).to_string()
                            on:change=move |ev| {
                                let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                app.profile.update(|p| set_held(p, requirement, value));
                            }/>
                    </label>
                }
            });
            // A partial count says what is left, not the total again.
            let still_needed = (requirement.min > 1).then_some({
                move || {
                    let have = app.profile.with(|p| held(p, requirement));
                    (have > 0 && have < requirement.min).then(|| view! {
                        <span class="still-needed">{fill(app.strings().still_needed, &[&(requirement.min - have).to_string()])}</span>
                    })
                }
            });
            let amount = match (requirement.min, requirement.max) {
                (1, None) => None,
                (min, None) => Some((Some(min), None)),
                (min, Some(max)) => Some((Some(min), Some(max))),
            }
            .map(|(min, max)| {
                move || {
                    let s = app.strings();
                    match (min, max) {
                        (Some(min), Some(max)) => {
                            fill(s.count_range, &[&min.to_string(), &max.to_string()])
                        }
                        (Some(min), None) => fill(s.count_at_least, &[&min.to_string()]),
                        _ => String::new(),
                    }
                }
            });
            let holder = requirement.holder.clone().map(|h| view! { <span class="holder">{app.strings().held_by}" "<q>{h.clone()}</q></span> });
            let conditions = requirement
                .conditions
                .iter()
                .map(|c| view! { <li class="condition">{app.strings().condition}": "<q>{c.clone()}</q></li> })
                .collect_view();
            let issuer = requirement
                .issuer
                .clone()
                .map(|i| view! { <li class="issuer">{app.strings().issuer}": "<q>{i}</q></li> });
            let form = requirement
                .form
                .iter()
                .map(|f| view! { <li class="form">{app.strings().form}": "<q>{f.clone()}</q></li> })
                .collect_view();
            view! {
                <li class="doc" hidden=hidden>
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                    <label for=id>
                        <span class="doc-name">{name}</span>
                        {amount.map(|a| view! { <span class="amount">{a}</span> })}
                        {holder}
                        {applicant}
                    </label>
                    {count}{still_needed}
                    <ul class="conditions" role="list">{issuer}{conditions}{form}</ul>
                    {condition_answers}
                </li>
            }
            .into_any()
        }
    }
}
