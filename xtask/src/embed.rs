//! The embed page (`dist/embed.html`, the widget) and the embedding guide
//! (`dist/embed-docs.html`), each with its own wasm.
//!
//! `site/embed.html` names the `leimu-embed` binary and `site/embed-docs.html`
//! the `leimu-embed-docs` binary, so trunk builds each in a run of its own,
//! into `target/embed-dist/<page name>/`, and the files are copied into `dist/`.
//! The site's first visit then downloads no widget or guide code, and a host
//! page's visitors download no site pages. Both runs produce the same
//! stylesheet under the same hashed name; a file of the same name with other
//! content would mean the two builds disagree, and is refused.
//!
//! Must run before anything that lists `dist/` (the service worker's precache
//! list), so that the listing includes it.

use std::fs;
use std::path::Path;

/// The pages built apart from the site, each with its own wasm: the widget,
/// and the embedding guide (which needs no catalogue).
const PAGES: [&str; 2] = ["embed.html", "embed-docs.html"];

/// Builds each of [`PAGES`] from `site/` with trunk and copies the result into `dist`.
pub fn build_embed_page(root: &Path, dist: &Path) -> Result<(), String> {
    for page in PAGES {
        let out = root
            .join("target")
            .join("embed-dist")
            .join(page.trim_end_matches(".html"));
        crate::trunk_build(
            root,
            &format!("site/{page}"),
            &out,
            crate::boot::Start::AtOnce,
        )?;
        // trunk names its page index.html whatever the source page is called.
        fs::rename(out.join("index.html"), out.join(page))
            .map_err(|e| format!("cannot rename {}/index.html: {e}", out.display()))?;
        copy_build(&out, dist)?;
    }
    if !dist.join("leimu-checker.js").is_file() {
        return Err(
            "dist/leimu-checker.js is missing: site/index.html must copy it (rel=\"copy-file\")"
                .into(),
        );
    }
    Ok(())
}

/// Copies every file of `from` (flat: trunk's output here has no folders)
/// into `to`, refusing to replace a file whose content differs.
pub fn copy_build(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let source = entry.path();
        if !source.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        let bytes =
            fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        match fs::read(&target) {
            Ok(existing) if existing == bytes => continue,
            Ok(_) => {
                return Err(format!(
                    "{} exists with other content than {}: the site and the embed builds disagree",
                    target.display(),
                    source.display()
                ));
            }
            Err(_) => fs::write(&target, bytes)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("leimu-embed-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp folder");
        for (file, content) in files {
            fs::write(dir.join(file), content).expect("write");
        }
        dir
    }

    #[test]
    fn the_embed_build_joins_the_site_build() {
        let from = folder(
            "from",
            &[
                ("embed.html", "<html>"),
                ("style-1.css", "a"),
                ("leimu-embed-2.js", "js"),
            ],
        );
        let to = folder("to", &[("index.html", "<html>"), ("style-1.css", "a")]);
        copy_build(&from, &to).expect("copied");
        for file in [
            "index.html",
            "embed.html",
            "style-1.css",
            "leimu-embed-2.js",
        ] {
            assert!(to.join(file).is_file(), "{file}");
        }
        let _ = (fs::remove_dir_all(&from), fs::remove_dir_all(&to));
    }

    #[test]
    fn a_file_of_the_same_name_and_other_content_is_refused() {
        let from = folder("from2", &[("style-1.css", "a")]);
        let to = folder("to2", &[("style-1.css", "b")]);
        let error = copy_build(&from, &to).unwrap_err();
        assert!(error.contains("disagree"), "{error}");
        assert_eq!(
            fs::read_to_string(to.join("style-1.css")).expect("kept"),
            "b"
        );
        let _ = (fs::remove_dir_all(&from), fs::remove_dir_all(&to));
    }
}
