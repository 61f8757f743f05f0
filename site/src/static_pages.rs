//! Static pages, rendered natively at build time from the site's own
//! components (`RenderHtml::to_html`, the `ssr` feature), one per category,
//! so a category link works without JavaScript and search engines find it.
//!
//! URL scheme (stable): `c/<id>/` for every leaf (`c/medical.internet-hospital/`)
//! and every first-level category (`c/medical/`), written as
//! `c/<id>/index.html`. Every URL in a page is relative (`../../icons/…`,
//! `../../c/<other-id>/`), so `dist/` works under any sub-path. See
//! `src/bin/leimu-static.rs`, run by `cargo xtask site`.
//!
//! The app takes a leaf's page over, the way it takes over index.html's
//! start-up frame (`boot_shell.rs`), not by hydration: the page's body is
//! the frame (`#boot-shell`), rendered from the app's own components
//! (skip link, header, the category page, footer) in the same order, so
//! the app, mounting in the task that removes the frame, paints the same
//! boxes in the same places. Hydration would need Leptos' `hydrate` build of
//! the wasm (every page, the home page too, would carry its code) and markup
//! identical to the app's, which this is not: the static page leaves out
//! the verdict, disables its controls (they do nothing without the app) and
//! its links lead to files, not fragments. The page loads the app as
//! index.html does (the wasm compiled from its first script, the glue as a
//! module), from the site's root by relative URL (`AppStart`); the visitor's
//! stored profile then shows in its ticks and verdict. First-level pages
//! (`c/medical/`) are lists of links and stay plain documents.

use leimu_engine::Catalog;
use leimu_engine::model::Leaf;
use leptos::prelude::*;

use crate::app::{AppState, Footer, Header, STATIC_PAGE_MARK, SkipLink};
use crate::i18n::{Lang, Strings};
use crate::pages::category::{CategoryPage, StaticRender};
use crate::state::{self, Route, STATIC_PAGE_ROOT};

/// The page's file under dist/, for a category id: `c/<id>/index.html`.
pub fn page_file(id: &str) -> String {
    format!("c/{id}/index.html")
}

/// What a page needs from the build: the site's stylesheet (the minified
/// CSS `xtask/src/boot.rs` inlined into index.html, inlined into every page
/// the same way: one request paints the page), the site's public URL,
/// when given (for canonical links, Open Graph URLs and the sitemap), and
/// how the app starts (`None`: pages without the app, as in unit tests).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub style: String,
    /// The public URL of dist/, ending in `/`; `None` keeps canonical links relative.
    pub public_url: Option<String>,
    pub app: Option<AppStart>,
}

/// The app's start-up as index.html has it after `xtask/src/boot.rs`, for a
/// page at `c/<id>/`: `leimu-static` takes it from the built index.html.
#[derive(Debug, Clone, Default)]
pub struct AppStart {
    /// The first script: fetch and compile the wasm (`leimuWasm`), its URL
    /// already leading to the site's root (`../../leimu-site-…_bg.wasm`).
    pub compile: String,
    /// The glue and its start-up line, as a file at the site's root (index.html
    /// has it inline; a file is fetched once for every static page, and the
    /// worker precaches it).
    pub glue_file: String,
    /// The service worker's registration (sw-register.js, minified), inline
    /// as in index.html; it registers `sw.js` at the root the page names.
    pub sw_register: String,
}

/// The page the service worker answers a category's address with offline
/// when that page was never fetched: the frame of a static page without
/// its category, which the app fills from the path (site/pwa/sw.template.js).
/// At the site's root, so it is precached (nothing under `c/` is).
pub const OFFLINE_PAGE: &str = "category-offline.html";

/// A static page: its id, title and whole document.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub html: String,
}

/// Escapes text for HTML (text and double-quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON string literal safe inside `<script>`: `<`, `>` and `&` escaped
/// as `\u003c` etc., so no `</script>` can close the element.
pub fn json_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string serialises");
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders views as the app would on a category's static page: an empty
/// profile, in Chinese, on `route`, with links made from `c/<id>/`.
fn render_static(catalog: &'static Catalog, route: Route, view: impl FnOnce() -> String) -> String {
    render(catalog, route, true, view)
}

/// Renders views as `render_static` does, with links made from `c/<id>/`
/// (`from_static_page`) or from the site's root (index.html).
fn render(
    catalog: &'static Catalog,
    route: Route,
    from_static_page: bool,
    view: impl FnOnce() -> String,
) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        let app = AppState::empty(catalog, Lang::Zh);
        app.route.set(route);
        provide_context(app);
        provide_context(StaticRender);
        state::links_from_static_page(from_static_page);
        let html = untrack(view);
        state::links_from_static_page(false);
        html
    });
    without_js(&html)
}

/// The category page's markup for a leaf, as the app renders it for an
/// empty profile, with links made from the static page.
pub fn leaf_body(catalog: &'static Catalog, id: &str) -> String {
    let id = id.to_owned();
    render_static(catalog, Route::Category(id.clone()), move || {
        view! { <CategoryPage id=id/> }.to_html()
    })
}

/// The skip link and the header, then `main` holding `body`, then the
/// footer: the app's own components in the app's order (`app::App`), so
/// that taking the page over moves nothing. `language_switch`: the header's
/// language button, only where the app runs (it does nothing without it).
fn frame(catalog: &'static Catalog, route: Route, body: &str, language_switch: bool) -> String {
    let top = render_static(catalog, route.clone(), || {
        view! { <SkipLink/><Header/> }.to_html()
    });
    let top = if language_switch {
        top
    } else {
        remove_language_switch(&top)
    };
    let footer = render_static(catalog, route, || view! { <Footer/> }.to_html());
    format!("{top}\n<main id=\"main-content\" tabindex=\"-1\">\n{body}\n</main>\n{footer}")
}

/// The header without its language button (`<button … class="lang-switch"…>…</button>`).
fn remove_language_switch(html: &str) -> String {
    let Some(class) = html.find("class=\"lang-switch\"") else {
        return html.to_owned();
    };
    let start = html[..class].rfind("<button").unwrap_or(class);
    let end = html[class..]
        .find("</button>")
        .map_or(html.len(), |at| class + at + "</button>".len());
    format!("{}{}", &html[..start], &html[end..])
}

/// Inputs, selects and buttons do nothing on a page without the app:
/// disabled, so nobody ticks a box that records nothing (the app's own
/// controls replace them). The empty comments (`<!>`) Leptos leaves for
/// hydration go: nothing hydrates this markup.
fn without_js(html: &str) -> String {
    html.replace("<!>", "")
        .replace("<input ", "<input disabled ")
        .replace("<select ", "<select disabled ")
        .replace("<button ", "<button disabled ")
}

fn strings() -> &'static Strings {
    Lang::Zh.strings()
}

/// The description of a leaf: its scope, cut to 150 characters.
fn describe(leaf: &Leaf) -> String {
    let path = leaf.path.join(" > ");
    let text = format!("{path}：{}", leaf.scope);
    cut(&text, 150)
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// Words of the static pages that the app does not have (the pages are in
/// Chinese, as the catalogue is).
const NEEDS_JAVASCRIPT: &str = "启用 JavaScript 后，本页按你的资质逐项核对。";
const ALL_FIRST_LEVELS: &str = "全部一级类目";

/// The URL of a category's page from another category's page: absolute
/// with a public URL, else relative (JSON-LD resolves it against the page).
fn page_url(site: &Site, id: &str) -> String {
    match &site.public_url {
        Some(url) => format!("{url}c/{id}/"),
        None => format!("../{id}/"),
    }
}

/// The JSON-LD BreadcrumbList of a page: (name, id) from the first level down.
pub fn breadcrumb_list(site: &Site, crumbs: &[(String, String)]) -> String {
    let items = crumbs
        .iter()
        .enumerate()
        .map(|(i, (name, crumb_id))| {
            format!(
                "{{\"@type\":\"ListItem\",\"position\":{},\"name\":{},\"item\":{}}}",
                i + 1,
                json_string(name),
                json_string(&page_url(site, crumb_id))
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    format!(
        "{{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\",\"itemListElement\":[{items}]}}"
    )
}

/// What a page is, for its head: the category's id (`None` for the offline
/// page), title and description, and its JSON-LD breadcrumbs.
struct Head<'a> {
    id: Option<&'a str>,
    title: &'a str,
    description: &'a str,
    crumbs: &'a [(String, String)],
}

/// The whole document: head, then `body` (the frame, see [`frame`]), inside
/// `#boot-shell` when the app takes the page over (`with_app`).
fn document(site: &Site, head: &Head, body: &str, with_app: bool) -> String {
    let full_title = if head.title.is_empty() {
        "leimu 类目".to_owned()
    } else {
        format!("{} · leimu 类目", head.title)
    };
    // Canonical and og:url only with the public URL: a relative canonical
    // link says nothing a crawler does not know.
    let canonical = site
        .public_url
        .as_ref()
        .zip(head.id)
        .map(|(url, id)| {
            let url = escape(&format!("{url}c/{id}/"));
            format!(
                "\n    <link rel=\"canonical\" href=\"{url}\">\n    <meta property=\"og:url\" content=\"{url}\">"
            )
        })
        .unwrap_or_default();
    let ld = if head.crumbs.is_empty() {
        // The offline stand-in is no page of its own: not indexed.
        "\n    <meta name=\"robots\" content=\"noindex\">".to_owned()
    } else {
        format!(
            "\n    <script type=\"application/ld+json\">{}</script>",
            breadcrumb_list(site, head.crumbs)
        )
    };
    let app = site.app.as_ref().filter(|_| with_app);
    // The wasm starts downloading from the first script, as on index.html.
    let compile = app
        .map(|a| format!("\n    <script>{}</script>", a.compile))
        .unwrap_or_default();
    let scripts = app
        .map(|a| {
            format!(
                "\n    <script type=\"module\" src=\"{STATIC_PAGE_ROOT}{}\"></script>\n    <script type=\"module\">{}</script>",
                escape(&a.glue_file),
                a.sw_register
            )
        })
        .unwrap_or_default();
    let mark = match app {
        // The worker's offline stand-in shows no category of its own: the
        // app must start at once to fill it (xtask/src/boot.rs starts the
        // app of a first visit only at the visitor's first input).
        Some(_) if head.crumbs.is_empty() => {
            format!(" {STATIC_PAGE_MARK}=\"{STATIC_PAGE_ROOT}\" data-leimu-start=\"now\"")
        }
        Some(_) => format!(" {STATIC_PAGE_MARK}=\"{STATIC_PAGE_ROOT}\""),
        None => String::new(),
    };
    // With the first script run, the frame's checkboxes, counts and choice
    // of kind work: the first of them the visitor touches starts the app,
    // which makes what was changed in them again in its own (boot_shell.rs).
    // Disabled again if the wasm cannot load. Buttons stay disabled: a click
    // has nothing to keep.
    let body = if app.is_some() {
        format!(
            "<div id=\"boot-shell\">\n{body}\n</div>\n<script>try{{const c=document.querySelectorAll('#boot-shell input,#boot-shell select'),s=d=>{{for(const e of c)e.disabled=d}};s(!1);leimuWasm.catch(()=>s(!0))}}catch{{}}</script>"
        )
    } else {
        body.to_owned()
    };
    format!(
        r##"<!doctype html>
<html lang="zh-CN"{mark}>
  <head>
    <meta charset="utf-8">{compile}
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{t}</title>
    <meta name="description" content="{d}">{canonical}
    <meta property="og:type" content="article">
    <meta property="og:site_name" content="leimu 类目">
    <meta property="og:title" content="{t}">
    <meta property="og:description" content="{d}">
    <meta name="theme-color" content="#0b6e4f" media="(prefers-color-scheme: light)">
    <meta name="theme-color" content="#1f2225" media="(prefers-color-scheme: dark)">
    <link rel="manifest" href="{root}manifest.webmanifest">
    <link rel="icon" href="{root}icons/icon.svg" type="image/svg+xml">
    <link rel="apple-touch-icon" href="{root}icons/icon-192.png">
    <style>{style}</style>{ld}{scripts}
  </head>
  <body>
{body}
  </body>
</html>
"##,
        root = STATIC_PAGE_ROOT,
        t = escape(&full_title),
        d = escape(head.description),
        style = site.style,
    )
}

/// The first-level category of a leaf: (name, id).
fn first_level(catalog: &Catalog, leaf: &Leaf) -> (String, String) {
    let first = &catalog.data().first_levels[leaf.first_level];
    (first.name.clone(), first.id.clone())
}

/// The page of a leaf, which the app takes over.
pub fn leaf_page(catalog: &'static Catalog, site: &Site, leaf: &Leaf) -> Page {
    let (first_name, first_id) = first_level(catalog, leaf);
    let title = leaf.path.join(" > ");
    // Seen only without JavaScript: where the page's controls lead.
    let body = format!(
        "<noscript><p class=\"hint\">{NEEDS_JAVASCRIPT}</p></noscript>\n{}",
        leaf_body(catalog, &leaf.id)
    );
    let route = Route::Category(leaf.id.clone());
    let crumbs = vec![(first_name, first_id), (title.clone(), leaf.id.clone())];
    let head = Head {
        id: Some(&leaf.id),
        title: &title,
        description: &describe(leaf),
        crumbs: &crumbs,
    };
    Page {
        id: leaf.id.clone(),
        html: document(site, &head, &frame(catalog, route, &body, true), true),
        title,
    }
}

/// The page the service worker serves offline for a category's address
/// never fetched ([`OFFLINE_PAGE`]): the frame with nothing in `main`; the
/// app, which holds the whole catalogue, shows the category of the path.
pub fn offline_page(catalog: &'static Catalog, site: &Site) -> String {
    let head = Head {
        id: None,
        title: "",
        description: "",
        crumbs: &[],
    };
    let frame = frame(catalog, Route::Category(String::new()), "", true);
    document(site, &head, &frame, true)
}

/// The page of a first-level category: its leaves, linked, then every
/// first-level category.
pub fn first_level_page(catalog: &'static Catalog, site: &Site, index: usize) -> Page {
    let first = &catalog.data().first_levels[index];
    let leaves: Vec<&Leaf> = catalog.leaves_under(index).collect();
    let items = leaves
        .iter()
        .map(|l| {
            format!(
                "<li><a href=\"../{}/\">{}</a></li>",
                escape(&l.id),
                escape(&l.path[1..].join(" › "))
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let others = first_level_links(catalog, "../", Some(index));
    let body = format!(
        "<article class=\"category first-level\">\n<h1>{}</h1>\n<p class=\"meta\"><code>{}</code> · {} {}</p>\n<ul class=\"leaf-list\">\n{items}\n</ul>\n</article>\n{others}",
        escape(&first.name),
        escape(&first.id),
        leaves.len(),
        escape(strings().leaves_count),
    );
    let names = leaves
        .iter()
        .take(12)
        .map(|l| l.path[1..].join(" > "))
        .collect::<Vec<_>>()
        .join("、");
    let description = cut(
        &format!("{}：{} 个类目——{names}", first.name, leaves.len()),
        150,
    );
    let crumbs = vec![(first.name.clone(), first.id.clone())];
    let head = Head {
        id: Some(&first.id),
        title: &first.name,
        description: &description,
        crumbs: &crumbs,
    };
    // A list of links: no app runs here (it has no page for a first level).
    let frame = frame(catalog, Route::Category(first.id.clone()), &body, false);
    Page {
        id: first.id.clone(),
        title: first.name.clone(),
        html: document(site, &head, &frame, false),
    }
}

/// A `<nav>` linking every first-level category's page; `prefix` leads from
/// the page to `c/` (`""` on the home page, `"../"` on a category's page);
/// `current` is marked `aria-current`.
fn first_level_links(catalog: &Catalog, prefix: &str, current: Option<usize>) -> String {
    let mut out = format!(
        "<nav class=\"all-categories\" aria-label=\"{ALL_FIRST_LEVELS}\"><h2>{ALL_FIRST_LEVELS}</h2><ul>"
    );
    for (i, first) in catalog.data().first_levels.iter().enumerate() {
        let count = catalog.leaves_under(i).count();
        let mark = if current == Some(i) {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><a href=\"{prefix}{}/\"{mark}>{}</a> {count}</li>",
            escape(&first.id),
            escape(&first.name),
        ));
    }
    out.push_str("</ul></nav>");
    out
}

/// The home page's crawlable index, for dist/index.html: every first-level
/// category as a plain link to its page, which links each of its leaves
/// (two steps to every category from the home page). Measured on the
/// built index.html: +0.36 KB brotli, where all 403 links would be +5.9 KB
/// on every first visit. Then the app's footer (about, changes, embedding):
/// the app starts at the visitor's first input (xtask/src/boot.rs), and a
/// visitor who only reads or scrolls finds the page's foot as the app has
/// it. `id="boot-index"` and `id="boot-footer"`: the app removes both when
/// it starts (site/src/boot_shell.rs).
pub fn home_index(catalog: &'static Catalog) -> String {
    let links =
        first_level_links(catalog, "c/", None).replacen("<nav ", "<nav id=\"boot-index\" ", 1);
    let footer = render(catalog, Route::Home, false, || {
        view! { <Footer/> }.to_html()
    })
    .replacen("<footer ", "<footer id=\"boot-footer\" ", 1);
    format!("{links}\n    {footer}")
}

/// Every page: the first-level categories, then the leaves.
pub fn all_pages(catalog: &'static Catalog, site: &Site) -> Vec<Page> {
    let mut pages: Vec<Page> = (0..catalog.data().first_levels.len())
        .map(|i| first_level_page(catalog, site, i))
        .collect();
    pages.extend(catalog.leaves().iter().map(|l| leaf_page(catalog, site, l)));
    pages
}

/// sitemap.xml for the pages, given the public URL (ending in `/`).
pub fn sitemap(public_url: &str, pages: &[Page]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(public_url)));
    for p in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{public_url}c/{}/", p.id))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt pointing at the sitemap.
pub fn robots(public_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {public_url}sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            style: "body{margin:0}".into(),
            public_url: Some("https://example.org/leimu/".into()),
            app: None,
        }
    }

    /// The text between `start` and the next `end` after it.
    fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
        let from = html.find(start)? + start.len();
        Some(&html[from..from + html[from..].find(end)?])
    }

    #[test]
    fn every_category_has_a_page_with_its_title_and_head() {
        let catalog = crate::catalog().unwrap();
        let pages = all_pages(catalog, &site());
        assert_eq!(pages.len(), 403);
        let mut ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 403, "ids are unique");
        for p in &pages {
            // The title names the category: a leaf's own name, or the first level's.
            let name = match catalog.leaf(&p.id) {
                Some(leaf) => leaf.path.last().unwrap().clone(),
                None => {
                    let first = catalog.data().first_levels.iter().find(|f| f.id == p.id);
                    first.expect("a first-level id").name.clone()
                }
            };
            let title = between(&p.html, "<title>", "</title>").unwrap();
            assert!(title.contains(&escape(&name)), "{}: title {title}", p.id);
            assert_eq!(title, format!("{} · leimu 类目", escape(&p.title)));
            let og = between(&p.html, "<meta property=\"og:title\" content=\"", "\"");
            assert_eq!(og, Some(title), "{}", p.id);
            let description = between(&p.html, "<meta name=\"description\" content=\"", "\"");
            assert!(
                description.is_some_and(|d| d.contains(&escape(&name))),
                "{}",
                p.id
            );
            let og_description = between(
                &p.html,
                "<meta property=\"og:description\" content=\"",
                "\"",
            );
            assert_eq!(og_description, description, "{}", p.id);
            let url = format!("https://example.org/leimu/c/{}/", p.id);
            assert!(
                p.html
                    .contains(&format!("<link rel=\"canonical\" href=\"{url}\">"))
            );
            assert!(
                p.html
                    .contains(&format!("<meta property=\"og:url\" content=\"{url}\">"))
            );
            assert!(!p.html.contains("href=\"#/"), "{}: hash link left", p.id);
            // JSON-LD parses; its last item is this page.
            let ld = between(
                &p.html,
                "<script type=\"application/ld+json\">",
                "</script>",
            )
            .unwrap();
            let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
            assert_eq!(ld["@type"], "BreadcrumbList");
            let items = ld["itemListElement"].as_array().unwrap();
            let last = items.last().unwrap();
            assert_eq!(last["item"], url.as_str());
            assert_eq!(last["position"], items.len());
            assert_eq!(last["name"], p.title.as_str());
        }
    }

    #[test]
    fn without_a_public_url_nothing_absolute() {
        let catalog = crate::catalog().unwrap();
        let site = Site::default();
        let leaf = catalog.leaf("medical.internet-hospital").unwrap();
        let page = leaf_page(catalog, &site, leaf);
        assert!(!page.html.contains("rel=\"canonical\""));
        assert!(!page.html.contains("og:url"));
        let ld = between(
            &page.html,
            "<script type=\"application/ld+json\">",
            "</script>",
        )
        .unwrap();
        let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(ld["itemListElement"][0]["item"], "../medical/");
    }

    /// Resolves a relative `href` against a page's path below dist/
    /// (`c/a/` or `""` for the home page); `None` for other pages' routes.
    fn resolve(base: &str, href: &str) -> Option<String> {
        if href.contains('#') || href.contains(':') {
            return None;
        }
        let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
        for piece in href.split('/') {
            match piece {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                p => parts.push(p),
            }
        }
        let mut path = parts.join("/");
        if href.ends_with('/') && !path.is_empty() {
            path.push('/');
        }
        Some(path)
    }

    #[test]
    fn a_crawler_without_javascript_reaches_every_page_from_home() {
        let catalog = crate::catalog().unwrap();
        let pages = all_pages(catalog, &Site::default());
        let by_path: std::collections::HashMap<String, &Page> =
            pages.iter().map(|p| (format!("c/{}/", p.id), p)).collect();
        let home = home_index(catalog);
        let mut seen = std::collections::HashSet::new();
        let mut queue = vec![(String::new(), home)];
        while let Some((base, html)) = queue.pop() {
            for piece in html.split("<a href=\"").skip(1) {
                let href = &piece[..piece.find('"').unwrap()];
                // Pages of the site's root (changes.html, the app) are not category pages.
                let Some(path) = resolve(&base, href).filter(|p| p.starts_with("c/")) else {
                    continue;
                };
                if path.is_empty() || !seen.insert(path.clone()) {
                    continue;
                }
                let page = by_path
                    .get(&path)
                    .unwrap_or_else(|| panic!("{base} links {href}: no page"));
                queue.push((path, page.html.clone()));
            }
        }
        assert_eq!(seen.len(), 403, "pages reached");
    }

    #[test]
    fn a_leaf_page_holds_the_static_content() {
        let catalog = crate::catalog().unwrap();
        let leaf = catalog.leaf("medical.internet-hospital").unwrap();
        let page = leaf_page(catalog, &site(), leaf);
        assert!(page.html.contains(&escape(&leaf.scope)));
        assert!(page.html.contains("原文第"));
        assert!(page.html.contains("class=\"rule-tree\""));
        assert!(!page.html.contains("<!>"));
        assert!(!page.html.contains("<input type"), "inputs are disabled");
        assert!(!page.html.contains("<button type"), "buttons are disabled");
        // Nothing that shows the visitor's data: no verdict, and its summary
        // only keeps its place, invisible.
        assert!(!page.html.contains("id=\"verdict-heading\""));
        assert!(
            page.html
                .contains("class=\"verdict-summary missing boot-placeholder\"")
        );
        // The app's own frame, links leading up to the site's root.
        assert!(
            page.html
                .contains("<a href=\"#main-content\" class=\"skip\">")
        );
        assert!(page.html.contains("<a href=\"../../#/\" class=\"brand\">"));
        assert!(page.html.contains("<a href=\"../../#/profile\""));
        assert!(page.html.contains("<a href=\"../../changes.html\">"));
        assert!(
            page.html
                .contains("<a href=\"../../c/medical/\">医疗服务</a>")
        );
        assert!(
            page.html
                .contains("<main id=\"main-content\" tabindex=\"-1\">")
        );
        assert!(page.html.contains("class=\"lang-switch\""));
        // Without an `AppStart`, no app and no frame for it.
        assert!(!page.html.contains("boot-shell"));
        assert!(!page.html.contains("data-leimu-root"));
        for line in leaf
            .requirement_text
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            assert!(page.html.contains(&escape(line)), "requirement line {line}");
        }
        // JSON-LD parses and names the path.
        let start = page.html.find("application/ld+json\">").unwrap() + 21;
        let end = start + page.html[start..].find("</script>").unwrap();
        let ld: serde_json::Value = serde_json::from_str(&page.html[start..end]).unwrap();
        assert_eq!(ld["@type"], "BreadcrumbList");
        assert_eq!(
            ld["itemListElement"][1]["item"],
            "https://example.org/leimu/c/medical.internet-hospital/"
        );
    }

    #[test]
    fn json_cannot_close_the_script() {
        assert_eq!(
            json_string("</script>&"),
            "\"\\u003c/script\\u003e\\u0026\""
        );
    }

    #[test]
    fn with_the_app_a_leaf_page_is_its_frame_and_loads_the_app_from_the_root() {
        let catalog = crate::catalog().unwrap();
        let site = Site {
            app: Some(AppStart {
                compile: "const leimuWasm=1".into(),
                glue_file: "leimu-app-1.js".into(),
                sw_register: "register()".into(),
            }),
            ..site()
        };
        let leaf = catalog.leaf("medical.internet-hospital").unwrap();
        let page = leaf_page(catalog, &site, leaf).html;
        assert!(page.contains("<html lang=\"zh-CN\" data-leimu-root=\"../../\">"));
        assert!(page.contains("<meta charset=\"utf-8\">\n    <script>const leimuWasm=1</script>"));
        assert!(page.contains("<script type=\"module\" src=\"../../leimu-app-1.js\"></script>"));
        assert!(page.contains("<script type=\"module\">register()</script>"));
        let shell = page.find("<div id=\"boot-shell\">").expect("the frame");
        assert!(
            shell
                < page
                    .find("<a href=\"#main-content\" class=\"skip\">")
                    .unwrap()
        );
        // The frame closes after the footer; then the script enabling its controls.
        let frame_end = page
            .rfind("</div>\n<script>try{")
            .expect("the frame, then its script");
        assert!(page.find("</footer>").unwrap() < frame_end);
        assert!(page[frame_end..].contains("leimuWasm.catch("));
        // A first-level page is a list: no app, no language button.
        let first = first_level_page(catalog, &site, leaf.first_level).html;
        assert!(!first.contains("leimuWasm") && !first.contains("data-leimu-root"));
        assert!(!first.contains("lang-switch"));
        assert!(!first.contains("aria-current=\"page\">查找类目"));
        // The offline stand-in: the frame with an empty main, the app, no index.
        let offline = offline_page(catalog, &site);
        assert!(offline.contains("data-leimu-root=\"../../\""));
        assert!(offline.contains("<main id=\"main-content\" tabindex=\"-1\">\n\n</main>"));
        assert!(offline.contains("<meta name=\"robots\" content=\"noindex\">"));
    }

    #[test]
    fn the_worker_answers_offline_with_the_offline_page() {
        let worker = include_str!("../pwa/sw.template.js");
        assert!(worker.contains(&format!("new URL('{OFFLINE_PAGE}', SCOPE)")));
    }

    #[test]
    fn home_index_links_every_first_level_and_sitemap_every_page() {
        let catalog = crate::catalog().unwrap();
        let index = home_index(catalog);
        assert_eq!(index.matches("<a href=\"c/").count(), 24);
        assert!(index.starts_with("<nav id=\"boot-index\" "));
        let footer = &index[index
            .find("<footer id=\"boot-footer\" ")
            .expect("the footer")..];
        for href in ["#/about", "changes.html", "embed-docs.html"] {
            assert!(
                footer.contains(&format!("href=\"{href}\"")),
                "{href} in {footer}"
            );
        }
        let sitemap = sitemap(
            "https://example.org/",
            &all_pages(catalog, &Site::default()),
        );
        assert_eq!(sitemap.matches("<loc>").count(), 404);
    }
}
