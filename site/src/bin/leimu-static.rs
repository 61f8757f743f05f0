//! Writes the static category pages into a built dist/ (see
//! `leimu_site::static_pages`): `c/<id>/index.html` for all 403 categories,
//! the app's glue as a file of its own for them (index.html has it inline),
//! the worker's offline stand-in for a category page
//! (`static_pages::OFFLINE_PAGE`), a plain-link index of them into the home
//! page's start-up frame, and, when `LEIMU_PUBLIC_URL` is set, sitemap.xml
//! and robots.txt.
//!
//! Usage: `leimu-static <dist-dir>` (run by `cargo xtask site`).

use std::path::Path;

use leimu_site::static_pages::{self, AppStart, Site};

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
        style: site_style(&index).ok_or("no inlined <style> in index.html")?,
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
    // The index goes right after the start-up frame, outside it: the frame
    // is hidden without JavaScript, the index is not; the app removes both.
    const MARK: &str = "<div id=\"boot-shell\">";
    let start = index.find(MARK).ok_or("no #boot-shell in index.html")?;
    let close = start + shell_end(&index[start..]).ok_or("#boot-shell is not closed")?;
    let after = close + "</div>".len();
    if !index.contains("id=\"boot-index\"") {
        let index = format!(
            "{}\n    {}{}",
            &index[..after],
            static_pages::home_index(catalog),
            &index[after..]
        );
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
    let scripts = inline_scripts(index);
    let compile = scripts
        .iter()
        .find(|(open, text)| *open == "<script>" && text.contains(",leimuWasm=leimuStart.then("))
        .map(|(_, text)| *text)
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
        .map(|(_, text)| *text)
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

/// Every `<script…>` of `html` with its text: (opening tag, text).
fn inline_scripts(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let Some(open_end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</script>").map(|e| open_end + e) else {
            break;
        };
        out.push((&rest[at..open_end], &rest[open_end..close]));
        rest = &rest[close + "</script>".len()..];
    }
    out
}

/// The site's stylesheet as xtask/src/boot.rs inlined it into index.html:
/// the longest `<style>` (the other is the `<noscript>` one hiding the
/// start-up frame). boot.rs already refused a stylesheet holding `</style`.
fn site_style(index: &str) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut rest = index;
    while let Some(at) = rest.find("<style>") {
        let body = &rest[at + 7..];
        let end = body.find("</style>")?;
        if best.is_none_or(|b| b.len() < end) {
            best = Some(&body[..end]);
        }
        rest = &body[end..];
    }
    best.map(str::to_owned)
}

/// The offset of the `</div>` closing the first `<div` of `html`.
fn shell_end(html: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let open = html[at..].find("<div").map(|i| i + at);
        let close = html[at..].find("</div>").map(|i| i + at)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at = o + 4;
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(close);
                }
                at = close + 6;
            }
        }
    }
}
