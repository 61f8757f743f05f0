//! Which source text the catalogue is: its title, the day it was taken, its
//! SHA-256 and the catalogue's version (`catalog/provenance.toml`, carried in
//! the embedded catalogue), with the page of every version's changes.

use leptos::prelude::*;

use crate::app::use_app;
use crate::i18n::fill;
use crate::state::Route;

#[component]
pub fn AboutPage() -> impl IntoView {
    let app = use_app();
    let s = app.strings();
    let data = app.catalog.data();
    let provenance = &data.provenance;
    let counts = fill(
        s.about_counts,
        &[
            &data.first_levels.len().to_string(),
            &data.leaves.len().to_string(),
            &data.documents.len().to_string(),
        ],
    );
    view! {
        <section class="about">
            <h1 tabindex="-1">{s.about_title}</h1>
            <p>{s.about_intro}</p>
            <dl class="provenance">
                <dt>{s.about_source_title}</dt>
                <dd lang="zh-CN">{data.source_title.clone()}</dd>
                <dt>{s.about_version}</dt>
                <dd class="catalogue-version-value">{provenance.version.clone()}</dd>
                <dt>{s.about_taken}</dt>
                <dd><time datetime=provenance.taken.clone()>{provenance.taken.clone()}</time></dd>
                <dt>{s.about_sha256}</dt>
                <dd><code class="sha256">{provenance.source_sha256.clone()}</code>
                    <br/><span class="hint">{s.about_sha256_hint}</span></dd>
                <dt>{s.about_contents}</dt>
                <dd>{counts}</dd>
            </dl>
            <p><a href="changes.html">{s.about_changes}</a></p>
            <p><a href=Route::Home.href()>{s.back_home}</a></p>
        </section>
    }
}
