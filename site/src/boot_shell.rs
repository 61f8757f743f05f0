//! The frame `index.html` paints before the app has started (`#boot-shell`):
//! the header and a search box that works as an input from the first paint.
//! The app takes it over: what the visitor typed becomes the home page's
//! query, and focus moves to the app's own box, so nothing typed is lost.

use wasm_bindgen::JsCast;

/// The shell's element, and its input.
const SHELL: &str = "boot-shell";
const INPUT: &str = "boot-search-input";
/// The plain links to every first-level category's static page that the
/// build puts after the shell in dist/index.html (site/src/static_pages.rs):
/// for crawlers and visitors without JavaScript; the app has its own.
const INDEX: &str = "boot-index";

/// What the visitor did in the shell before the app started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    /// The text in the shell's search box.
    pub query: String,
    /// Whether the box had the focus (the visitor may still be typing).
    pub focused: bool,
}

/// Removes the shell, returning what was typed into it; `None` without a
/// shell (the other pages, the tests). Call it just before mounting the app,
/// in the same task, so no frame shows neither.
pub fn take() -> Option<Typed> {
    let document = web_sys::window()?.document()?;
    if let Some(index) = document.get_element_by_id(INDEX) {
        index.remove();
    }
    let shell = document.get_element_by_id(SHELL)?;
    let input = document
        .get_element_by_id(INPUT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let typed = Typed {
        query: input.as_ref().map(|i| i.value()).unwrap_or_default(),
        focused: input.is_some_and(|i| {
            document
                .active_element()
                .is_some_and(|active| active == **i)
        }),
    };
    shell.remove();
    Some(typed)
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
