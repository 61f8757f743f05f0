//! Mounts the app, or the embed widget on the embed page; everything else
//! is in the library so tests can mount components.

fn main() {
    if leimu_site::embed::requested() {
        leptos::mount::mount_to_body(leimu_site::embed::EmbedApp);
    } else {
        leptos::mount::mount_to_body(leimu_site::App);
    }
}
