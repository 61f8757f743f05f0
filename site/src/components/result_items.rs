//! The search box's result items, written straight to the DOM.
//!
//! Why not `view!`: the list is rebuilt on every keystroke, and the browser
//! benchmark's budget for a keystroke is 16 ms at the 95th percentile. With
//! `view!`, Leptos rebuilt 12 items of about 40 nodes each, plus about 270
//! comment markers for their `Vec`, `Option` and `AnyView` children and two
//! render effects per item; in a CPU profile that was 3.3 ms of a 10 ms
//! keystroke, and the markers doubled the nodes the browser styles. The items
//! depend on nothing reactive except which one is active, so here they are
//! plain data ([`ResultItem`], built and tested natively) written once per
//! result set as elements and text nodes (never HTML, so catalogue or query
//! text can never be read as markup). An item whose content did not change
//! keeps its element, so typing one more character rewrites only the items
//! it changed.

use leimu_engine::{BecauseKind, Catalog, Field, SearchHit};
use wasm_bindgen::JsCast;

use crate::components::highlight::{segments, snippet};
use crate::i18n::Strings;

/// Text split into `(piece, matched)`; a matched piece is shown in `<mark>`.
pub type Marked = Vec<(String, bool)>;

/// Everything one result shows, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultItem {
    /// The leaf id, what choosing the item opens.
    pub category: String,
    /// The path above the leaf, with what matched in each part.
    pub parents: Vec<Marked>,
    /// The leaf's own name.
    pub name: Marked,
    /// `(class, label)` of each flag the leaf has.
    pub badges: Vec<(&'static str, &'static str)>,
    /// A reason the fields below do not show: a lexicon word, a note's redirect.
    pub reason: Option<String>,
    /// A sentence of the category's notes that limits what it allows and
    /// shares words with the query ("暂不支持涉及vpn等服务").
    pub limit: Option<String>,
    /// A window of the scope around what matched.
    pub scope: Option<Marked>,
    /// The first document whose name matched.
    pub document: Option<String>,
}

/// The reason text is cut to this many characters (an ellipsis included).
const REASON_CHARS: usize = 60;
/// A limit is cut to this many characters: it is read whole, so it may be longer.
const LIMIT_CHARS: usize = 90;
/// How wide the scope's window is, in characters.
const SCOPE_CHARS: usize = 48;

/// The ranges of one field in a hit.
pub fn ranges_of(hit: &SearchHit, wanted: impl Fn(Field) -> bool) -> Vec<(usize, usize)> {
    hit.matches
        .iter()
        .filter(|m| wanted(m.field))
        .map(|m| (m.start, m.end))
        .collect()
}

impl ResultItem {
    /// What `hit` shows; `None` when its category is not in `catalog`.
    pub fn of(hit: &SearchHit, catalog: &Catalog, strings: &Strings) -> Option<ResultItem> {
        let leaf = catalog.leaf(&hit.category)?;
        let last = leaf.path.len().saturating_sub(1);
        let parents = leaf
            .path
            .iter()
            .take(last)
            .enumerate()
            .map(|(p, name)| segments(name, &ranges_of(hit, |f| f == Field::Path(p))))
            .collect();
        let name = segments(
            leaf.path.get(last).map_or("", String::as_str),
            &ranges_of(hit, |f| f == Field::Name),
        );
        let badges = [
            (leaf.no_qualification, "badge open", strings.badge_open),
            (leaf.email_only, "badge email", strings.badge_email),
            (leaf.local_review, "badge review", strings.badge_review),
        ]
        .into_iter()
        .filter(|(flag, _, _)| *flag)
        .map(|(_, class, label)| (class, label))
        .collect();
        let reason = hit
            .because
            .iter()
            .find(|b| matches!(b.kind, BecauseKind::Lexicon | BecauseKind::Redirect))
            .map(|b| {
                let label = if b.kind == BecauseKind::Lexicon {
                    strings.search_because_word
                } else {
                    strings.search_because_note
                };
                format!("{label}{}", cut(&b.text, REASON_CHARS))
            });
        let limit = hit
            .because
            .iter()
            .find(|b| b.kind == BecauseKind::Limit)
            .map(|b| format!("{}{}", strings.search_limit, cut(&b.text, LIMIT_CHARS)));
        let scope_ranges = ranges_of(hit, |f| f == Field::Scope);
        let scope = (!scope_ranges.is_empty()).then(|| {
            let (text, ranges) = snippet(&leaf.scope, &scope_ranges, SCOPE_CHARS);
            segments(&text, &ranges)
        });
        let document = hit
            .matches
            .iter()
            .find_map(|m| match m.field {
                Field::Document(d) if m.end > m.start => catalog.documents().get(d),
                _ => None,
            })
            .map(|d| format!("《{}》", d.name));
        Some(ResultItem {
            category: hit.category.clone(),
            parents,
            name,
            badges,
            reason,
            limit,
            scope,
            document,
        })
    }
}

/// `text`, or its first `most - 1` characters and an ellipsis.
fn cut(text: &str, most: usize) -> String {
    if text.chars().count() > most {
        text.chars()
            .take(most.saturating_sub(1))
            .chain(['…'])
            .collect()
    } else {
        text.to_owned()
    }
}

/// The items on screen, each with its element, in order.
#[derive(Debug, Default)]
pub struct RenderedItems {
    items: Vec<Rendered>,
}

#[derive(Debug)]
struct Rendered {
    item: ResultItem,
    element: web_sys::Element,
    /// What the element shows as its id and selection now, so that only a change is written.
    id: String,
    selected: bool,
}

impl RenderedItems {
    /// Makes `list`'s children show `items`, reusing the element of every
    /// item that did not change; `option_id(i)` is the i-th item's element id,
    /// and `active` the item that is selected.
    pub fn show(
        &mut self,
        list: &web_sys::Element,
        items: &[ResultItem],
        option_id: &dyn Fn(usize) -> String,
        active: Option<usize>,
    ) {
        let Some(document) = list.owner_document() else {
            return;
        };
        let mut old = std::mem::take(&mut self.items);
        for item in items {
            let kept = old.iter().position(|r| r.item == *item);
            let rendered = match kept {
                Some(at) => old.remove(at),
                None => match build(&document, item) {
                    Some(element) => Rendered {
                        item: item.clone(),
                        element,
                        id: String::new(),
                        selected: false,
                    },
                    None => continue,
                },
            };
            self.items.push(rendered);
        }
        for gone in old {
            gone.element.remove();
        }
        // What is left of the old children is in its old order; put each
        // item in its place, moving only what is out of place.
        let mut cursor = list.first_child();
        for rendered in &self.items {
            let node: &web_sys::Node = rendered.element.unchecked_ref();
            if cursor.as_ref() == Some(node) {
                cursor = node.next_sibling();
            } else {
                let _ = list.insert_before(node, cursor.as_ref());
            }
        }
        // Anything after them is not ours: a list Leptos kept in place when
        // the page was rebuilt (a language switch) still holds the items of
        // the search box that was there before.
        while let Some(stale) = cursor {
            cursor = stale.next_sibling();
            let _ = list.remove_child(&stale);
        }
        self.select(active, option_id);
    }

    /// Marks item `active` as selected (and no other), and gives every item its id.
    pub fn select(&mut self, active: Option<usize>, option_id: &dyn Fn(usize) -> String) {
        for (i, rendered) in self.items.iter_mut().enumerate() {
            let id = option_id(i);
            if rendered.id != id {
                rendered.element.set_id(&id);
                rendered.id = id;
            }
            let selected = active == Some(i);
            if rendered.selected != selected {
                let _ = rendered
                    .element
                    .set_attribute("aria-selected", if selected { "true" } else { "false" });
                rendered
                    .element
                    .set_class_name(if selected { "active" } else { "" });
                rendered.selected = selected;
            }
        }
    }

    /// The category of the item that holds `node` (a click's target).
    pub fn category_at(&self, node: &web_sys::Node) -> Option<String> {
        self.items
            .iter()
            .find(|r| r.element.contains(Some(node)))
            .map(|r| r.item.category.clone())
    }
}

/// The `<li>` for one item. The option itself is what a click chooses: a
/// link inside an option would be a focusable control nested in another
/// (axe: nested-interactive); the keyboard goes through the combobox.
fn build(document: &web_sys::Document, item: &ResultItem) -> Option<web_sys::Element> {
    let li = document.create_element("li").ok()?;
    li.set_attribute("role", "option").ok()?;
    // As `Rendered::selected` starts; `select` writes only changes.
    li.set_attribute("aria-selected", "false").ok()?;
    let path = child(document, &li, "span", "path")?;
    for parent in &item.parents {
        let crumb = child(document, &path, "span", "crumb")?;
        marked(document, &crumb, parent)?;
        crumb.append_with_str_1(" › ").ok()?;
    }
    let strong = child(document, &path, "strong", "")?;
    marked(document, &strong, &item.name)?;
    if !item.badges.is_empty() {
        let badges = child(document, &li, "span", "badges")?;
        for (class, label) in &item.badges {
            child(document, &badges, "span", class)?.set_text_content(Some(label));
        }
    }
    if let Some(reason) = &item.reason {
        child(document, &li, "span", "snippet because")?.set_text_content(Some(reason));
    }
    if let Some(limit) = &item.limit {
        child(document, &li, "span", "snippet limit")?.set_text_content(Some(limit));
    }
    if let Some(scope) = &item.scope {
        marked(document, &child(document, &li, "span", "snippet")?, scope)?;
    }
    if let Some(name) = &item.document {
        child(document, &li, "span", "snippet")?.set_text_content(Some(name));
    }
    Some(li)
}

/// A new `<tag class=…>` appended to `parent`.
fn child(
    document: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    class: &str,
) -> Option<web_sys::Element> {
    let element = document.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    parent.append_child(&element).ok()?;
    Some(element)
}

/// Appends `text` to `parent`: plain pieces as text nodes, matched ones in `<mark>`.
fn marked(document: &web_sys::Document, parent: &web_sys::Element, text: &Marked) -> Option<()> {
    for (piece, matched) in text {
        if *matched {
            child(document, parent, "mark", "")?.set_text_content(Some(piece));
        } else {
            parent.append_with_str_1(piece).ok()?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use leimu_engine::{Because, MatchRange};

    fn catalog() -> &'static Catalog {
        crate::catalog().expect("the embedded catalogue loads")
    }

    fn hit(category: &str, matches: Vec<MatchRange>, because: Vec<Because>) -> SearchHit {
        SearchHit {
            category: category.to_string(),
            score: 1.0,
            terms_matched: 1,
            matches,
            strong: true,
            because,
        }
    }

    #[test]
    fn an_item_marks_what_matched_in_its_path_and_name() {
        let strings = Lang::Zh.strings();
        let matches = vec![
            MatchRange {
                field: Field::Path(0),
                start: 0,
                end: 2,
            },
            MatchRange {
                field: Field::Name,
                start: 3,
                end: 5,
            },
        ];
        let item = ResultItem::of(
            &hit("medical.internet-hospital", matches, vec![]),
            catalog(),
            strings,
        )
        .unwrap();
        assert_eq!(
            item.parents[0],
            vec![("医疗".to_string(), true), ("服务".to_string(), false)]
        );
        assert_eq!(
            item.name,
            vec![("互联网".to_string(), false), ("医院".to_string(), true)]
        );
        assert_eq!(item.scope, None);
        assert_eq!(item.reason, None);
    }

    #[test]
    fn a_long_reason_is_cut_with_an_ellipsis() {
        let strings = Lang::Zh.strings();
        let because = vec![Because {
            kind: BecauseKind::Redirect,
            text: "注".repeat(100),
            from: None,
        }];
        let item = ResultItem::of(
            &hit("medical.internet-hospital", vec![], because),
            catalog(),
            strings,
        )
        .unwrap();
        let reason = item.reason.unwrap();
        assert!(reason.starts_with(strings.search_because_note));
        let text = &reason[strings.search_because_note.len()..];
        assert_eq!(text.chars().count(), REASON_CHARS);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn a_limit_of_the_source_is_shown_apart_from_the_reason() {
        let strings = Lang::Zh.strings();
        let because = vec![
            Because {
                kind: BecauseKind::Lexicon,
                text: "VPN".into(),
                from: None,
            },
            Because {
                kind: BecauseKind::Limit,
                text: "暂不支持涉及vpn等服务".into(),
                from: None,
            },
        ];
        let item = ResultItem::of(
            &hit("business.network-proxy", vec![], because),
            catalog(),
            strings,
        )
        .unwrap();
        assert_eq!(item.reason.as_deref(), Some("常用说法：VPN"));
        assert_eq!(
            item.limit.as_deref(),
            Some("注意，原文限制：暂不支持涉及vpn等服务")
        );
    }

    #[test]
    fn a_category_not_in_the_catalogue_shows_nothing() {
        assert_eq!(
            ResultItem::of(
                &hit("no.such-leaf", vec![], vec![]),
                catalog(),
                Lang::Zh.strings()
            ),
            None
        );
    }
}
