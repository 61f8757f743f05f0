//! The embed page: `dist/embed.html`, written after trunk from the built
//! `dist/index.html`, so it loads exactly the same hashed wasm and JS (no
//! second build). Its `<html>` carries `data-leimu-embed`, which makes the
//! app start the embed widget instead of the site (`site/src/embed/`), and
//! it asks search engines not to index it.
//!
//! Must run before anything that lists `dist/` (a precache manifest, say),
//! so that the listing includes it.

use std::path::Path;

/// The attribute that selects embed mode (`site/src/embed/mod.rs`, `EMBED_ATTRIBUTE`).
const EMBED_ATTRIBUTE: &str = "data-leimu-embed";

/// `embed.html` made from the text of the built `index.html`.
pub fn embed_page(index_html: &str) -> Result<String, String> {
    let html_tag = "<html lang=\"zh-CN\">";
    let title = "<title>leimu 类目</title>";
    for marker in [html_tag, title] {
        if index_html.matches(marker).count() != 1 {
            return Err(format!(
                "dist/index.html must contain `{marker}` exactly once to derive embed.html; \
                 keep site/index.html and xtask/src/embed.rs in step"
            ));
        }
    }
    Ok(index_html
        .replacen(
            html_tag,
            &format!("<html lang=\"zh-CN\" {EMBED_ATTRIBUTE}>"),
            1,
        )
        .replacen(
            title,
            "<title>leimu 类目 · embed</title>\n    <meta name=\"robots\" content=\"noindex\">",
            1,
        ))
}

/// Writes `dist/embed.html` and checks that the custom element's script was copied.
pub fn write_embed_page(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}; build the site first", index.display()))?;
    let embed = dist.join("embed.html");
    std::fs::write(&embed, embed_page(&html)?)
        .map_err(|e| format!("cannot write {}: {e}", embed.display()))?;
    if !dist.join("leimu-checker.js").is_file() {
        return Err(
            "dist/leimu-checker.js is missing: site/index.html must copy it (rel=\"copy-file\")"
                .into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = "<!doctype html>\n<html lang=\"zh-CN\">\n  <head>\n    <title>leimu 类目</title>\n    \
        <script type=\"module\">import init from './leimu-site-0123.js'; init();</script>\n  </head>\n  <body></body>\n</html>\n";

    #[test]
    fn the_embed_page_is_the_site_page_marked_for_embedding() {
        let embed = embed_page(BUILT).expect("derived");
        assert!(embed.contains("<html lang=\"zh-CN\" data-leimu-embed>"));
        assert!(embed.contains("<meta name=\"robots\" content=\"noindex\">"));
        // Same scripts, same hashed files.
        assert!(embed.contains("import init from './leimu-site-0123.js'; init();"));
        assert_eq!(embed.matches("<html").count(), 1);
    }

    #[test]
    fn a_changed_index_page_is_an_error_not_a_silent_copy() {
        let error = embed_page(&BUILT.replace("lang=\"zh-CN\"", "lang=\"en\"")).unwrap_err();
        assert!(error.contains("`<html lang=\"zh-CN\">`"), "{error}");
    }
}
