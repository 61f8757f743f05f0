//! The embed widget's own wasm (`site/embed.html`, built by a second trunk
//! run; see `xtask/src/embed.rs`): the widget alone, so the site's first
//! visit does not download it and the widget does not download the site.

fn main() {
    leptos::mount::mount_to_body(leimu_site::embed::EmbedApp);
}
