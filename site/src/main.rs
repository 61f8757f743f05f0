//! Mounts the app; everything else is in the library so tests can mount components.

fn main() {
    leptos::mount::mount_to_body(leimu_site::App);
}
