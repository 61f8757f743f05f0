//! The embedding guide's own wasm (`site/embed-docs.html`, built by a third
//! trunk run; see `xtask/src/embed.rs`): the guide alone, without the
//! catalogue (its live preview is the widget's own iframe), so the site's
//! first visit does not download the guide's text.

fn main() {
    leptos::mount::mount_to_body(leimu_site::pages::embed_docs::EmbedDocsApp);
}
