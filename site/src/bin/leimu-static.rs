//! Writes the static category pages into a built dist/ (see
//! `leimu_site::static_pages`): `c/<id>/index.html` for all 403 categories,
//! the app's glue as a file of its own for them (index.html has it inline),
//! the worker's offline stand-in for a category page
//! (`static_pages::OFFLINE_PAGE`), a plain-link index of them into the home
//! page's start-up frame, and, when `LEIMU_PUBLIC_URL` is set, sitemap.xml
//! and robots.txt.
//!
//! Usage: `leimu-static <dist-dir>` (run by `cargo xtask site`).

use std::cell::RefCell;
use std::path::Path;

use leimu_site::static_pages::{self, AppStart, Site};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str, text};

fn main() {
    let dist = std::env::args()
        .nth(1)
        .expect("usage: leimu-static <dist-dir>");
    if let Err(e) = run(Path::new(&dist)) {
        eprintln!("leimu-static: {e}");
        std::process::exit(1);
    }
}

fn run(dist: &Path) -> Result<(), String> {
    let catalog = leimu_site::catalog().map_err(|e| e.to_string())?;
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
    let (app, glue) = app_start(&index)?;
    let glue_path = dist.join(&app.glue_file);
    std::fs::write(&glue_path, glue).map_err(|e| format!("{}: {e}", glue_path.display()))?;
    let site = Site {
        style: site_style(&index)?,
        public_url: std::env::var("LEIMU_PUBLIC_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
        app: Some(app),
    };
    let offline = dist.join(static_pages::OFFLINE_PAGE);
    std::fs::write(&offline, static_pages::offline_page(catalog, &site))
        .map_err(|e| format!("{}: {e}", offline.display()))?;
    let pages = static_pages::all_pages(catalog, &site);
    for page in &pages {
        let path = dist.join(static_pages::page_file(&page.id));
        std::fs::create_dir_all(path.parent().expect("c/<id>/")).map_err(|e| e.to_string())?;
        std::fs::write(&path, &page.html).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(index) = with_home_index(&index, &static_pages::home_index(catalog))? {
        std::fs::write(&index_path, index).map_err(|e| e.to_string())?;
    }
    println!("leimu-static: {} category pages under c/", pages.len());
    match &site.public_url {
        Some(url) => {
            std::fs::write(dist.join("sitemap.xml"), static_pages::sitemap(url, &pages))
                .map_err(|e| e.to_string())?;
            std::fs::write(dist.join("robots.txt"), static_pages::robots(url))
                .map_err(|e| e.to_string())?;
            println!("leimu-static: sitemap.xml and robots.txt for {url}");
        }
        None => println!(
            "leimu-static: LEIMU_PUBLIC_URL not set: sitemap.xml, robots.txt and canonical links skipped (set it to the public URL of dist/ to write them)"
        ),
    }
    Ok(())
}

/// The app's start-up from index.html as xtask/src/boot.rs left it, for a
/// page two folders down (`c/<id>/`), and the glue's text: the first
/// script, which compiles the wasm once the page needs the app (its `./`
/// URLs made `../../`), the module
/// script holding the glue (the one naming `leimuWasm`), which becomes a
/// file named after the wasm it belongs to, and the worker's registration
/// (the module naming `serviceWorker`). Anything else is an error.
fn app_start(index: &str) -> Result<(AppStart, String), String> {
    let scripts = inline_scripts(index)?;
    let compile = scripts
        .iter()
        .find(|(open, text)| *open == "<script>" && text.contains(",leimuWasm=leimuStart.then("))
        .map(|(_, text)| text.as_str())
        .ok_or(
            "index.html has no first script compiling the wasm (`leimuWasm=leimuStart.then(`)",
        )?;
    if compile.matches("fetch(\"./").count() != 2 {
        return Err(format!(
            "the wasm's compile script is not of the shape xtask/src/boot.rs writes: {compile}"
        ));
    }
    let wasm = compile
        .split("fetch(\"./")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|file| file.strip_suffix("_bg.wasm"))
        .filter(|stem| !stem.contains('/'))
        .ok_or("the compile script names no `<name>_bg.wasm` at the root")?;
    let modules: Vec<&str> = scripts
        .iter()
        .filter(|(open, _)| *open == "<script type=\"module\">")
        .map(|(_, text)| text.as_str())
        .collect();
    let glue = modules
        .iter()
        .find(|text| text.contains("leimuWasm"))
        .ok_or("index.html has no module script starting the wasm (`leimuWasm`)")?;
    let sw_register = modules
        .iter()
        .find(|text| text.contains("serviceWorker"))
        .ok_or("index.html has no module script registering the worker")?;
    let app = AppStart {
        compile: compile.replace("fetch(\"./", "fetch(\"../../"),
        glue_file: format!("{wasm}.js"),
        sw_register: (*sw_register).to_owned(),
    };
    Ok((app, (*glue).to_owned()))
}

/// What leimu-static reads of index.html as xtask/src/boot.rs left it,
/// found by lol_html (an HTML parser) rather than by string search.
#[derive(Debug, Default)]
struct IndexPage {
    /// Every `<script>`: its opening tag, written as `describe` writes it
    /// (`<script>`, `<script type="module">`), and its text.
    scripts: Vec<(String, String)>,
    /// The text of every `<style>`. The `<noscript>` one hiding the start-up
    /// frame is not among them: the parser reads a `<noscript>` as a browser
    /// that runs scripts does, as text.
    styles: Vec<String>,
    /// How many elements have the id `boot-shell` (the start-up frame), and
    /// `boot-index` (the index of the static pages, once added).
    boot_shells: usize,
    boot_indexes: usize,
}

/// Reads index.html without changing it.
fn read_index(index: &str) -> Result<IndexPage, String> {
    let found = RefCell::new(IndexPage::default());
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("script", |el| {
            let mut open = String::from("<script");
            for attribute in el.attributes() {
                open.push_str(&format!(" {}=\"{}\"", attribute.name(), attribute.value()));
            }
            open.push('>');
            found.borrow_mut().scripts.push((open, String::new()));
            Ok(())
        }))
        .append_element_content_handler(text!("script", |chunk| {
            if let Some((_, text)) = found.borrow_mut().scripts.last_mut() {
                text.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("style", |_| {
            found.borrow_mut().styles.push(String::new());
            Ok(())
        }))
        .append_element_content_handler(text!("style", |chunk| {
            if let Some(text) = found.borrow_mut().styles.last_mut() {
                text.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("#boot-shell", |_| {
            found.borrow_mut().boot_shells += 1;
            Ok(())
        }))
        .append_element_content_handler(element!("#boot-index", |_| {
            found.borrow_mut().boot_indexes += 1;
            Ok(())
        }));
    rewrite_str(index, settings).map_err(|e| format!("cannot read index.html as HTML: {e}"))?;
    Ok(found.into_inner())
}

/// Every `<script>` of index.html with its text: (opening tag, text).
fn inline_scripts(index: &str) -> Result<Vec<(String, String)>, String> {
    Ok(read_index(index)?.scripts)
}

/// The site's stylesheet as xtask/src/boot.rs inlined it into index.html:
/// its one `<style>` (boot.rs already refused a stylesheet holding `</style`).
fn site_style(index: &str) -> Result<String, String> {
    match <[String; 1]>::try_from(read_index(index)?.styles) {
        Ok([style]) => Ok(style),
        Err(styles) => Err(format!(
            "index.html has {} <style> where xtask/src/boot.rs writes one",
            styles.len()
        )),
    }
}

/// index.html with `home_index` right after the start-up frame, outside it
/// (the frame is hidden without JavaScript, the index is not; the app
/// removes both); `None` when the index is already there.
fn with_home_index(index: &str, home_index: &str) -> Result<Option<String>, String> {
    let page = read_index(index)?;
    match (page.boot_shells, page.boot_indexes) {
        (1, 0) => {}
        (1, 1) => return Ok(None),
        (1, count) => return Err(format!("index.html has {count} #boot-index")),
        (count, _) => {
            return Err(format!(
                "index.html has {count} #boot-shell where it has one"
            ));
        }
    }
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!("#boot-shell", |el| {
            el.after(&format!("\n    {home_index}"), ContentType::Html);
            Ok(())
        }));
    rewrite_str(index, settings)
        .map(Some)
        .map_err(|e| format!("cannot add the home index to index.html: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html as xtask/src/boot.rs leaves it, cut down.
    const INDEX: &str = r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <script>const leimuWasm=1</script>
    <noscript><style>#boot-shell { display: none; }</style></noscript>
    <style>a{b:c}</style>
    <script type="module">navigator.serviceWorker</script>
  </head>
  <body>
    <div id="boot-shell"><div class="x"><p>x</p></div></div>
    <script>(() => "</div>")();</script>
<script type="module">await init(leimuWasm)</script></body>
</html>
"#;

    #[test]
    fn scripts_are_read_with_their_opening_tags() {
        let scripts = inline_scripts(INDEX).expect("HTML");
        let opening: Vec<&str> = scripts.iter().map(|(open, _)| open.as_str()).collect();
        assert_eq!(
            opening,
            [
                "<script>",
                "<script type=\"module\">",
                "<script>",
                "<script type=\"module\">"
            ]
        );
        assert_eq!(scripts[0].1, "const leimuWasm=1");
        assert_eq!(scripts[3].1, "await init(leimuWasm)");
    }

    #[test]
    fn the_style_is_the_one_outside_noscript() {
        assert_eq!(site_style(INDEX), Ok("a{b:c}".to_owned()));
        let error = site_style(&INDEX.replace("<style>a{b:c}</style>", "")).expect_err("none");
        assert!(error.contains("0 <style>"), "{error}");
        let two = INDEX.replace("</head>", "<style>d{e:f}</style></head>");
        assert!(site_style(&two).expect_err("two").contains("2 <style>"));
    }

    #[test]
    fn the_home_index_goes_right_after_the_frame_once() {
        let index = with_home_index(INDEX, "<nav id=\"boot-index\"></nav>")
            .expect("HTML")
            .expect("not there yet");
        assert!(
            index.contains(
                "<p>x</p></div></div>\n    <nav id=\"boot-index\"></nav>\n    <script>(() =>"
            ),
            "{index}"
        );
        assert_eq!(
            with_home_index(&index, "<nav id=\"boot-index\"></nav>"),
            Ok(None)
        );
        let error =
            with_home_index(&INDEX.replace("boot-shell", "other"), "").expect_err("no frame");
        assert!(error.contains("0 #boot-shell"), "{error}");
    }
}
