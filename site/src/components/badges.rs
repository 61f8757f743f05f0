//! The flags of a category as small labelled badges.

use leimu_engine::model::Leaf;
use leptos::prelude::*;

use crate::app::use_app;

#[component]
pub fn Badges(leaf: &'static Leaf) -> impl IntoView {
    let app = use_app();
    view! {
        <span class="badges">
            {leaf.no_qualification.then(|| view! { <span class="badge open">{app.strings().badge_open}</span> })}
            {leaf.email_only.then(|| view! { <span class="badge email">{app.strings().badge_email}</span> })}
            {leaf.local_review.then(|| view! { <span class="badge review">{app.strings().badge_review}</span> })}
        </span>
    }
}
