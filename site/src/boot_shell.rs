//! The frame a page paints before the app has started (`#boot-shell`):
//! on `index.html`, the header and a search box that works as an input from
//! the first paint; on a category's static page (`c/<id>/`,
//! site/src/static_pages.rs), the whole category page as the app renders it
//! for an empty profile, its checkboxes, counts and choice of kind enabled
//! by the page's own script once the app can start. The app takes it over:
//! what the visitor typed becomes the home page's query; a control changed
//! on a static page is changed the same way in the app's page (the same
//! id), as if the visitor had done it there; focus moves to the app's
//! element of the same id. So nothing typed is lost.

use wasm_bindgen::JsCast;

/// The shell's element, and its input.
const SHELL: &str = "boot-shell";
const INPUT: &str = "boot-search-input";
/// The plain links to every first-level category's static page that the
/// build puts after the shell in dist/index.html (site/src/static_pages.rs):
/// for crawlers and visitors without JavaScript; the app has its own.
const INDEX: &str = "boot-index";
/// The frame's language button (index.html).
const LANGUAGE_SWITCH: &str = "boot-lang-switch";
/// The app's footer, rendered after the index by the same build step.
const FOOTER: &str = "boot-footer";

/// What the visitor did in the shell before the app started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    /// The text in the shell's search box.
    pub query: String,
    /// Whether the box had the focus (the visitor may still be typing).
    pub focused: bool,
    /// The controls of a static page the visitor changed, in page order.
    pub changed: Vec<Changed>,
    /// The id of the element that had the focus, on a static page.
    pub focused_id: Option<String>,
    /// The language the visitor switched the home page's frame to with its
    /// own button (`<html lang>` then), before the app started.
    pub switched_language: Option<String>,
}

/// A control of a static page the visitor changed: its id and what it holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub id: String,
    pub state: ControlState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlState {
    /// A checkbox or radio button, ticked or not.
    Checked(bool),
    /// A text or number input, or a select: its value.
    Value(String),
}

/// Removes the shell, returning what was typed into it; `None` without a
/// shell (the other pages, the tests). Call it just before mounting the app,
/// in the same task, so no frame shows neither.
pub fn take() -> Option<Typed> {
    let document = web_sys::window()?.document()?;
    for id in [INDEX, FOOTER] {
        if let Some(element) = document.get_element_by_id(id) {
            element.remove();
        }
    }
    let shell = document.get_element_by_id(SHELL)?;
    let input = document
        .get_element_by_id(INPUT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let active = document.active_element();
    let typed = Typed {
        query: input.as_ref().map(|i| i.value()).unwrap_or_default(),
        focused: input.is_some_and(|i| active.as_ref().is_some_and(|active| *active == **i)),
        changed: changed_controls(&shell),
        focused_id: active
            .filter(|active| shell.contains(Some(active)))
            .map(|active| active.id())
            .filter(|id| !id.is_empty() && id != INPUT),
        switched_language: document
            .get_element_by_id(LANGUAGE_SWITCH)
            .filter(|button| button.get_attribute("data-switched").as_deref() == Some("1"))
            .and_then(|_| document.document_element())
            .and_then(|root| root.get_attribute("lang")),
    };
    shell.remove();
    Some(typed)
}

/// The controls under `shell` (with an id) whose state differs from the
/// page's markup: what the visitor changed.
fn changed_controls(shell: &web_sys::Element) -> Vec<Changed> {
    let Ok(controls) = shell.query_selector_all("input[id], select[id]") else {
        return Vec::new();
    };
    (0..controls.length())
        .filter_map(|i| controls.item(i))
        .filter_map(|node| {
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                let state = match input.type_().as_str() {
                    "checkbox" | "radio" => (input.checked() != input.default_checked())
                        .then(|| ControlState::Checked(input.checked())),
                    _ => (input.value() != input.default_value())
                        .then(|| ControlState::Value(input.value())),
                };
                state.map(|state| (input.id(), state))
            } else {
                let select = node.dyn_ref::<web_sys::HtmlSelectElement>()?;
                let options = select.options();
                let changed = (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .any(|o| o.selected() != o.default_selected());
                changed.then(|| (select.id(), ControlState::Value(select.value())))
            }
        })
        .filter(|(id, _)| id != INPUT)
        .map(|(id, state)| Changed { id, state })
        .collect()
}

/// Makes each change again on the app's control of the same id, as the
/// visitor would (the new state, then the `input` and `change` events the
/// app's handlers listen to), where the app's control does not already
/// hold it; then focuses the element of the focused id. Call it once the
/// app is in the document.
pub fn replay(typed: &Typed) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for change in &typed.changed {
        let Some(element) = document.get_element_by_id(&change.id) else {
            continue;
        };
        let input = element.dyn_ref::<web_sys::HtmlInputElement>();
        let select = element.dyn_ref::<web_sys::HtmlSelectElement>();
        let changed = match (&change.state, input, select) {
            (ControlState::Checked(on), Some(input), _) if input.checked() != *on => {
                input.set_checked(*on);
                true
            }
            (ControlState::Value(value), Some(input), _) if input.value() != *value => {
                input.set_value(value);
                true
            }
            (ControlState::Value(value), None, Some(select)) if select.value() != *value => {
                select.set_value(value);
                true
            }
            _ => false,
        };
        if changed {
            for kind in ["input", "change"] {
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                    let _ = element.dispatch_event(&event);
                }
            }
        }
    }
    if let Some(id) = &typed.focused_id {
        focus(id);
    }
}

/// Focuses the element with `id` at once (the app's search box, after the
/// visitor was typing in the shell's: a frame later, keys would be lost).
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Strings};

    const PAGE: &str = include_str!("../index.html");

    /// The value of `attribute` in `tag`.
    fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
        let from = tag.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
        Some(&tag[from..from + tag[from..].find('"')?])
    }

    fn field(strings: &Strings, key: &str) -> &'static str {
        match key {
            "tagline" => strings.tagline,
            "nav_home" => strings.nav_home,
            "nav_profile" => strings.nav_profile,
            "nav_unlock" => strings.nav_unlock,
            "nav_plan" => strings.nav_plan,
            "switch_language" => strings.switch_language,
            "search_label" => strings.search_label,
            "search_placeholder" => strings.search_placeholder,
            "search_hint" => strings.search_hint,
            "search_loading" => strings.search_loading,
            "search_load_failed" => strings.search_load_failed,
            other => panic!("index.html names `{other}`, which this test does not know"),
        }
    }

    #[test]
    fn the_shell_says_what_the_app_says_in_both_languages() {
        let mut checked = Vec::new();
        for (at, _) in PAGE.match_indices(" data-i18n=\"") {
            let start = PAGE[..at].rfind('<').expect("inside a tag");
            let tag = &PAGE[start..start + PAGE[start..].find('>').expect("tag ends")];
            let key = attribute(tag, "data-i18n").expect("a key");
            let chinese = if tag.starts_with("<input") {
                attribute(tag, "placeholder").expect("an input's words are its placeholder")
            } else {
                let after = start + tag.len() + 1;
                &PAGE[after..after + PAGE[after..].find('<').expect("text ends")]
            };
            assert_eq!(chinese, field(Lang::Zh.strings(), key), "{key} in Chinese");
            assert_eq!(
                attribute(tag, "data-en"),
                Some(field(Lang::En.strings(), key)),
                "{key} in English"
            );
            checked.push(key);
        }
        assert_eq!(
            checked,
            [
                "tagline",
                "nav_home",
                "nav_profile",
                "nav_unlock",
                "nav_plan",
                "switch_language",
                "search_label",
                "search_placeholder",
                "search_hint",
                "search_loading",
                "search_load_failed"
            ]
        );
    }

    #[test]
    fn the_shell_and_its_input_have_the_ids_the_app_takes_over() {
        assert!(PAGE.contains(&format!("<div id=\"{}\">", super::SHELL)));
        assert!(PAGE.contains(&format!("<input id=\"{}\"", super::INPUT)));
    }
}
