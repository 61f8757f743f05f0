//! Writes the static category pages into a built dist/ (see
//! `leimu_site::static_pages`): `c/<id>/index.html` for all 403 categories,
//! a plain-link index of them into the home page's start-up frame, and,
//! when `LEIMU_PUBLIC_URL` is set, sitemap.xml and robots.txt.
//!
//! Usage: `leimu-static <dist-dir>` (run by `cargo xtask site`).

use std::path::Path;

use leimu_site::static_pages::{self, Site};

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
    let site = Site {
        style: site_style(&index).ok_or("no inlined <style> in index.html")?,
        public_url: std::env::var("LEIMU_PUBLIC_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
    };
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
