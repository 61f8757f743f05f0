//! Static pages, rendered natively at build time from the site's own
//! components (`RenderHtml::to_html`, the `ssr` feature), one per category,
//! so a category link works without JavaScript and search engines find it.
//!
//! URL scheme (stable): `c/<id>/` for every leaf (`c/medical.internet-hospital/`)
//! and every first-level category (`c/medical/`), written as
//! `c/<id>/index.html`. Every URL in a page is relative (`../../style.css`,
//! `../<other-id>/`), so `dist/` works under any sub-path. See
//! `src/bin/leimu-static.rs`, run by `cargo xtask site`.

use leimu_engine::Catalog;
use leimu_engine::model::Leaf;
use leptos::prelude::*;

use crate::app::AppState;
use crate::i18n::{Lang, Strings};
use crate::pages::category::{CategoryPage, StaticRender};

/// The page's file under dist/, for a category id: `c/<id>/index.html`.
pub fn page_file(id: &str) -> String {
    format!("c/{id}/index.html")
}

/// What a page needs from the build: the site's stylesheet (the minified
/// CSS `xtask/src/boot.rs` inlined into index.html, inlined into every page
/// the same way: one request paints the page) and the site's public URL,
/// when given (for canonical links, Open Graph URLs and the sitemap).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub style: String,
    /// The public URL of dist/, ending in `/`; `None` keeps canonical links relative.
    pub public_url: Option<String>,
}

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

/// The category page's markup for a leaf, as the app renders it for an
/// empty profile, with links to other categories made relative page links.
pub fn leaf_body(catalog: &'static Catalog, id: &str) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(AppState::empty(catalog, Lang::Zh));
        provide_context(StaticRender);
        let id = id.to_owned();
        untrack(move || view! { <CategoryPage id=id/> }.to_html())
    });
    without_js(&relative_category_links(&html))
}

/// Inputs, selects and buttons do nothing on a page without the app:
/// disabled, so nobody ticks a box that records nothing. The empty comments
/// (`<!>`) Leptos leaves for hydration go: nothing hydrates this markup.
fn without_js(html: &str) -> String {
    html.replace("<!>", "")
        .replace("<input ", "<input disabled ")
        .replace("<select ", "<select disabled ")
        .replace("<button ", "<button disabled ")
}

/// `href="#/c/<id>"` (the app's hash routes) → `href="../<id>/"`, the
/// static page; any other route `href="#/…"` → `href="../../#/…"`, the app.
pub fn relative_category_links(html: &str) -> String {
    let html = category_links(html);
    html.replace("href=\"#/", "href=\"../../#/")
}

fn category_links(html: &str) -> String {
    const FROM: &str = "href=\"#/c/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(FROM) {
        out.push_str(&rest[..at]);
        rest = &rest[at + FROM.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push_str("href=\"../");
        out.push_str(&rest[..end]);
        out.push('/');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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
const OPEN_IN_CHECKER: &str = "在自查工具中打开（核对你的资质）";
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

/// The head and frame around a page's body.
fn document(
    site: &Site,
    id: &str,
    title: &str,
    description: &str,
    crumbs: &[(String, String)],
    body: &str,
) -> String {
    let s = strings();
    let full_title = format!("{title} · leimu 类目");
    // Canonical and og:url only with the public URL: a relative canonical
    // link says nothing a crawler does not know.
    let canonical = site
        .public_url
        .as_ref()
        .map(|url| {
            let url = escape(&format!("{url}c/{id}/"));
            format!(
                "\n    <link rel=\"canonical\" href=\"{url}\">\n    <meta property=\"og:url\" content=\"{url}\">"
            )
        })
        .unwrap_or_default();
    format!(
        r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{t}</title>
    <meta name="description" content="{d}">{canonical}
    <meta property="og:type" content="article">
    <meta property="og:site_name" content="leimu 类目">
    <meta property="og:title" content="{t}">
    <meta property="og:description" content="{d}">
    <link rel="icon" href="../../icons/icon.svg" type="image/svg+xml">
    <style>{style}</style>
    <script type="application/ld+json">{ld}</script>
  </head>
  <body>
    <header class="site-header">
      <span class="brand">
        <a class="brand-name" href="../../">leimu <span lang="zh-CN">类目</span></a>
        <span class="tagline">{tagline}</span>
      </span>
      <nav>
        <a href="../../">{home}</a>
        <a href="../../#/profile">{profile}</a>
        <a href="../../#/unlock">{unlock}</a>
        <a href="../../#/plan">{plan}</a>
      </nav>
    </header>
    <main>
{body}
    </main>
  </body>
</html>
"#,
        t = escape(&full_title),
        d = escape(description),
        style = site.style,
        ld = breadcrumb_list(site, crumbs),
        tagline = escape(s.tagline),
        home = escape(s.nav_home),
        profile = escape(s.nav_profile),
        unlock = escape(s.nav_unlock),
        plan = escape(s.nav_plan),
    )
}

/// The first-level category of a leaf: (name, id).
fn first_level(catalog: &Catalog, leaf: &Leaf) -> (String, String) {
    let first = &catalog.data().first_levels[leaf.first_level];
    (first.name.clone(), first.id.clone())
}

/// The link that opens a category in the app (`#/c/<id>` at the site's root).
fn open_in_checker(id: &str) -> String {
    format!(
        "<p class=\"open-in-checker\"><a href=\"../../#/c/{}\">{}</a></p>\n",
        escape(id),
        OPEN_IN_CHECKER
    )
}

/// The page of a leaf.
pub fn leaf_page(catalog: &'static Catalog, site: &Site, leaf: &Leaf) -> Page {
    let (first_name, first_id) = first_level(catalog, leaf);
    let title = leaf.path.join(" > ");
    let up = format!(
        "<p class=\"up\"><a href=\"../{}/\">{}</a></p>\n",
        escape(&first_id),
        escape(&first_name)
    );
    let body = format!(
        "{up}{}{}",
        open_in_checker(&leaf.id),
        leaf_body(catalog, &leaf.id)
    );
    let crumbs = vec![(first_name, first_id), (title.clone(), leaf.id.clone())];
    Page {
        id: leaf.id.clone(),
        html: document(site, &leaf.id, &title, &describe(leaf), &crumbs, &body),
        title,
    }
}

/// The page of a first-level category: its leaves, linked, then every
/// first-level category.
pub fn first_level_page(catalog: &'static Catalog, site: &Site, index: usize) -> Page {
    let first = &catalog.data().first_levels[index];
    let leaves: Vec<&Leaf> = catalog
        .leaves()
        .iter()
        .filter(|l| l.first_level == index)
        .collect();
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
    Page {
        id: first.id.clone(),
        title: first.name.clone(),
        html: document(site, &first.id, &first.name, &description, &crumbs, &body),
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
        let count = catalog
            .leaves()
            .iter()
            .filter(|l| l.first_level == i)
            .count();
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
/// on every first visit. `id="boot-index"`:
/// the app removes it when it starts (site/src/boot_shell.rs).
pub fn home_index(catalog: &Catalog) -> String {
    first_level_links(catalog, "c/", None).replacen("<nav ", "<nav id=\"boot-index\" ", 1)
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
                let Some(path) = resolve(&base, href) else {
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
        assert!(
            page.html
                .contains("<a href=\"../../#/c/medical.internet-hospital\">")
        );
        assert!(!page.html.contains("<!>"));
        assert!(!page.html.contains("<input type"), "inputs are disabled");
        // Nothing that shows the visitor's data.
        assert!(!page.html.contains("verdict"));
        assert!(!page.html.contains("plan-toggle"));
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
    fn hash_links_become_relative() {
        assert_eq!(
            relative_category_links("<a href=\"#/c/a.b\">x</a><a href=\"#/\">h</a>"),
            "<a href=\"../a.b/\">x</a><a href=\"../../#/\">h</a>"
        );
    }

    #[test]
    fn home_index_links_every_first_level_and_sitemap_every_page() {
        let catalog = crate::catalog().unwrap();
        let index = home_index(catalog);
        assert_eq!(index.matches("<a href=\"c/").count(), 24);
        assert!(index.starts_with("<nav id=\"boot-index\" "));
        let sitemap = sitemap(
            "https://example.org/",
            &all_pages(catalog, &Site::default()),
        );
        assert_eq!(sitemap.matches("<loc>").count(), 404);
    }
}
