//! Front-end tests in a real browser (wasm-bindgen-test in headless Chromium):
//! mount the app, act on the DOM as a person would, wait a tick, compare.
//! Flows across pages are covered by the Playwright tests in tests/e2e/.
#![cfg(target_arch = "wasm32")]

use leimu_site::App;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh wrapper at a route, with empty storage.
fn mount_at(hash: &str) -> (web_sys::HtmlElement, impl Drop) {
    let wrapper = fresh_wrapper();
    window().location().set_hash(hash).expect("hash");
    let handle = mount_to(wrapper.clone(), App);
    (wrapper, handle)
}

/// Empties storage and returns a new element in the body to mount into.
fn fresh_wrapper() -> web_sys::HtmlElement {
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("localStorage")
        .clear()
        .expect("clear");
    let wrapper: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&wrapper)
        .expect("append");
    wrapper
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The element `selector` finds under `root`, as the type the test needs.
fn find<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
        .unchecked_into()
}

/// The profile the site keeps in localStorage, if any.
fn stored_profile() -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("leimu.profile.v1").ok().flatten())
}

/// Ticks the checklist's first document and expects the verdict to turn from missing to satisfied.
async fn tick_first_document_and_qualify(root: &web_sys::HtmlElement) {
    assert!(
        text_of(root, ".verdict").contains("尚缺资质"),
        "{}",
        text_of(root, ".verdict")
    );
    find::<web_sys::HtmlInputElement>(root, ".rule-tree input[type=checkbox]").click();
    settle().await;
    assert!(
        text_of(root, ".verdict").contains("符合条件"),
        "{}",
        text_of(root, ".verdict")
    );
}

async fn settle() {
    leptos::task::tick().await;
    // Effects and memos run on the next animation frames in the browser.
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[wasm_bindgen_test]
async fn typing_in_the_search_box_lists_matching_categories() {
    let (root, _handle) = mount_at("#/");
    settle().await;
    let input: web_sys::HtmlInputElement = find(&root, "#home-search-input");
    input.set_value("卖茶叶");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    let results = text_of(&root, "#home-search-results");
    assert!(results.contains("食品饮料"), "results: {results}");
    assert!(
        root.query_selector("#home-search-results mark")
            .ok()
            .flatten()
            .is_some(),
        "the match is highlighted"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn ticking_a_document_updates_the_verdict() {
    // 医疗服务 > 药品信息展示: （2选1） either document qualifies.
    let (root, _handle) = mount_at("#/c/medical.drug-info");
    settle().await;
    assert!(text_of(&root, "h1").contains("药品信息展示"));
    tick_first_document_and_qualify(&root).await;
    // The tick is kept in the profile in localStorage.
    let stored = stored_profile().unwrap_or_default();
    assert!(
        stored.contains("internet-drug-info-service-certificate"),
        "stored: {stored}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_category_says_so() {
    let (root, _handle) = mount_at("#/c/no.such.category");
    settle().await;
    assert!(text_of(&root, "main").contains("找不到这个页面"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_interface_only() {
    let (root, _handle) = mount_at("#/c/medical.drug-info");
    settle().await;
    let button: web_sys::HtmlElement = find(&root, ".lang-switch");
    button.click();
    settle().await;
    assert!(
        text_of(&root, ".verdict").contains("Missing documents"),
        "{}",
        text_of(&root, ".verdict")
    );
    assert!(
        text_of(&root, "h1").contains("药品信息展示"),
        "catalogue text stays as the source wrote it"
    );
    root.remove();
}

/// The browser's JSON path (src/json.rs) writes and reads exactly what the
/// native unit tests in state.rs expect from serde_json.
#[wasm_bindgen_test]
fn json_in_the_browser_matches_the_native_expectations() {
    use leimu_site::state;
    let catalog = leimu_site::catalog().expect("catalogue");
    let expected = include_str!("data/json-expectations.txt").trim_end();
    let loaded = state::profile_from_json(expected, catalog);
    assert!(loaded.dropped.is_empty() && !loaded.unreadable);
    assert_eq!(state::profile_to_json(&loaded.value), expected);
    assert!(state::profile_from_json("{", catalog).unreadable);
    for raw in [
        r#"{"version":1,"applicant":{"a":"two"}}"#,
        r#"{"version":1,"applicant":{"business-licence":1.5}}"#,
        r#"{"applicant":{"business-licence":1}}"#,
        r#"{"version":1,"kinds":[1]}"#,
        "null",
    ] {
        assert!(state::profile_from_json(raw, catalog).unreadable, "{raw}");
    }
    assert_eq!(
        state::plan_from_json(r#"["medical.internet-hospital"]"#, catalog).value,
        vec!["medical.internet-hospital".to_owned()]
    );
    let plan = catalog.plan(
        &["medical.internet-hospital".to_owned()],
        &leimu_engine::Profile::default(),
    );
    let text = state::plan_json(&plan, catalog, None);
    assert!(
        text.starts_with("{\n  \"categories\": [\n    {\n      \"category\": \"医疗服务"),
        "{text}"
    );
    assert!(
        text.contains("\"holder\": null"),
        "None is written as null: {text}"
    );
    assert!(text.contains("\n  \"missing_count\": "), "{text}");
    // An agency's export names its client first.
    let named = state::plan_json(&plan, catalog, Some("茶叶店"));
    assert!(
        named.starts_with("{\n  \"client\": \"茶叶店\",\n  \"categories\": ["),
        "{named}"
    );
}

#[wasm_bindgen_test]
async fn the_embed_widget_checks_a_category_without_site_chrome_or_storage() {
    let wrapper = fresh_wrapper();
    let _embed = mount_to(wrapper.clone(), leimu_site::embed::EmbedApp);
    settle().await;
    assert!(
        wrapper
            .query_selector("header, footer, nav")
            .ok()
            .flatten()
            .is_none(),
        "no site header, footer or navigation"
    );
    let input: web_sys::HtmlInputElement = find(&wrapper, "#embed-search-input");
    input.set_value("药品信息展示");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    let option: web_sys::HtmlElement = find(&wrapper, "#embed-search-results li[role=option]");
    option.click();
    settle().await;
    assert_eq!(text_of(&wrapper, "#embed-category-name"), "药品信息展示");
    tick_first_document_and_qualify(&wrapper).await;
    let stored = stored_profile();
    assert_eq!(stored, None, "the widget keeps nothing in storage");
    wrapper.remove();
}
