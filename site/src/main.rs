//! Mounts the app; everything else is in the library so tests can mount
//! components. The embed widget has its own binary (`bin/leimu-embed.rs`),
//! so neither wasm carries the other's code.

fn main() {
    leptos::mount::mount_to_body(leimu_site::App);
}
