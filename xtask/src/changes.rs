//! The site's "what changed" page, `dist/changes.html`: every published
//! version of the catalogue (`catalog/history/`), newest first, each with
//! what changed from the one before, in plain words.
//!
//! A static page written at build time, not a route of the app, so that
//! search engines read it without running the wasm and it costs the app
//! nothing; the site's footer links to it. The comparison is
//! `leimu_engine::diff`, the same as `leimu diff`.
//!
//! Beside it, `dist/catalogue-changes.json`: for every older version, which
//! categories changed (or were renamed) and which were removed by today's
//! version, by id. The site fetches it only when a visitor's stored data or
//! a share link names an older version, so the wasm carries no history.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use leimu_engine::diff::{CatalogueDiff, Change, diff, read_catalogue};
use leimu_engine::model::CatalogData;

/// Writes `dist/changes.html` and `dist/catalogue-changes.json` from `catalog/history/`.
pub fn write_changes_page(root: &Path, dist: &Path) -> Result<(), String> {
    let versions = read_history(&root.join("catalog").join("history"))?;
    let page = changes_page(&versions);
    fs::write(dist.join("changes.html"), page)
        .map_err(|e| format!("cannot write {}/changes.html: {e}", dist.display()))?;
    fs::write(dist.join(CHANGES_JSON), catalogue_changes_json(&versions))
        .map_err(|e| format!("cannot write {}/{CHANGES_JSON}: {e}", dist.display()))
}

/// The file the site fetches to tell a returning visitor what changed.
pub const CHANGES_JSON: &str = "catalogue-changes.json";

/// `{"version": newest, "since": [{"version", "taken", "changed": [id],
/// "removed": [{"id", "category"}]}]}`: for each older version (oldest
/// first), the categories that differ in the newest one. A renamed category
/// counts as changed. Compared directly with the newest version, not step by
/// step, so a change undone later is not reported.
pub fn catalogue_changes_json(versions: &[CatalogData]) -> String {
    let Some((newest, older)) = versions.split_last() else {
        return "{\"version\":\"\",\"since\":[]}\n".to_owned();
    };
    let since: Vec<serde_json::Value> = older
        .iter()
        .map(|old| {
            let changes = diff(old, newest);
            let mut changed: Vec<&str> = changes
                .changed
                .iter()
                .map(|c| c.id.as_str())
                .chain(changes.renamed.iter().map(|r| r.id.as_str()))
                .collect();
            changed.sort_unstable();
            changed.dedup();
            serde_json::json!({
                "version": old.provenance.version,
                "taken": old.provenance.taken,
                "changed": changed,
                "removed": changes.removed.iter().map(|r| serde_json::json!({
                    "id": r.id,
                    "category": r.category,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string(&serde_json::json!({
        "version": newest.provenance.version,
        "since": since,
    }))
    .unwrap_or_default();
    text.push('\n');
    text
}

/// Every version in `dir`, oldest first (by the day its text was taken, then version).
pub fn read_history(dir: &Path) -> Result<Vec<CatalogData>, String> {
    let mut versions = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        versions.push(read_catalogue(&bytes).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    versions.sort_by(|a, b| {
        (&a.provenance.taken, &a.provenance.version)
            .cmp(&(&b.provenance.taken, &b.provenance.version))
    });
    Ok(versions)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page for `versions`, oldest first.
pub fn changes_page(versions: &[CatalogData]) -> String {
    let mut body = String::new();
    match versions {
        [] => body.push_str("<p>还没有发布的版本。No version has been published yet.</p>\n"),
        [only] => {
            let _ = writeln!(
                body,
                "<p>目前只有一个版本：{}。微信修订类目表后，每一版的变化会列在这里。<br>There is one version so far: {}. When WeChat revises the list, what changed in each version will be listed here.</p>",
                version_words(only, true),
                version_words(only, false)
            );
        }
        _ => {}
    }
    for (index, version) in versions.iter().enumerate().rev() {
        let _ = writeln!(
            body,
            "<section id=\"v{id}\">\n<h2>{title}</h2>",
            id = escape(&version.provenance.version),
            title = escape(&format!(
                "{} · {}",
                version.provenance.version, version.provenance.taken
            ))
        );
        let _ = writeln!(
            body,
            "<p class=\"meta\">{}（原文 SHA-256 <code>{}</code>）</p>",
            escape(&version.source_title),
            escape(&version.provenance.source_sha256)
        );
        match index.checked_sub(1).and_then(|i| versions.get(i)) {
            Some(previous) => write_diff(&mut body, &diff(previous, version)),
            None if versions.len() > 1 => {
                body.push_str("<p>第一个版本。The first version.</p>\n");
            }
            None => {}
        }
        body.push_str("</section>\n");
    }
    format!(
        "<!doctype html>
<html lang=\"zh-CN\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>类目表变更记录 · What changed in the catalogue — leimu 类目</title>
<meta name=\"description\" content=\"微信小程序《非个人主体小程序开放的服务类目》每一版的变化：新增、删除、改名的类目，资质要求的变化。Every version of WeChat's mini-program service categories and what changed.\">
<style>
body {{ font: 16px/1.6 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; color: #1f2933; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; }} h3 {{ font-size: 1rem; }}
.meta {{ color: #52606d; font-size: .9rem; }} code {{ word-break: break-all; }}
del {{ color: #a61b1b; }} ins {{ color: #1b6e2e; text-decoration: none; }}
pre {{ white-space: pre-wrap; margin: 0; }}
</style>
</head>
<body>
<p><a href=\"./\">← leimu 类目</a></p>
<h1>类目表变更记录 · What changed</h1>
{body}</body>
</html>
"
    )
}

fn version_words(data: &CatalogData, chinese: bool) -> String {
    let p = &data.provenance;
    if chinese {
        escape(&format!("{}（原文取于 {}）", p.version, p.taken))
    } else {
        escape(&format!("{} (text taken {})", p.version, p.taken))
    }
}

fn write_diff(out: &mut String, changes: &CatalogueDiff) {
    if changes.is_empty() {
        out.push_str("<p>没有类目变化。No category changed.</p>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>新增 {} 个、删除 {} 个、改名 {} 个、修改 {} 个类目。{} added, {} removed, {} renamed, {} changed.</p>",
        changes.added.len(),
        changes.removed.len(),
        changes.renamed.len(),
        changes.changed.len(),
        changes.added.len(),
        changes.removed.len(),
        changes.renamed.len(),
        changes.changed.len()
    );
    let list = |out: &mut String, title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "<h3>{title}</h3>\n<ul>");
        for item in items {
            let _ = writeln!(out, "<li>{item}</li>");
        }
        out.push_str("</ul>\n");
    };
    list(
        out,
        "新增 · Added",
        changes
            .added
            .iter()
            .map(|c| format!("{} <code>{}</code>", escape(&c.category), escape(&c.id)))
            .collect(),
    );
    list(
        out,
        "删除 · Removed",
        changes
            .removed
            .iter()
            .map(|c| format!("{} <code>{}</code>", escape(&c.category), escape(&c.id)))
            .collect(),
    );
    list(
        out,
        "改名 · Renamed",
        changes
            .renamed
            .iter()
            .map(|r| format!("{} → {}", escape(&r.from), escape(&r.to)))
            .collect(),
    );
    list(
        out,
        "修改 · Changed",
        changes
            .changed
            .iter()
            .map(|c| {
                let mut item = format!(
                    "{} <code>{}</code>\n<ul>",
                    escape(&c.category),
                    escape(&c.id)
                );
                for change in &c.changes {
                    let _ = write!(item, "<li>{}</li>", change_html(change));
                }
                item.push_str("</ul>");
                item
            })
            .collect(),
    );
}

fn change_html(change: &Change) -> String {
    match change {
        Change::Text { field, lines, .. } => {
            let name = match *field {
                "requirement" => "资质要求 · requirement",
                "scope" => "适用范围 · scope",
                _ => "备注 · notes",
            };
            let mut html = format!("{name}:<pre>");
            for line in lines.iter().filter(|l| l.op != "same") {
                let tag = if line.op == "added" { "ins" } else { "del" };
                let mark = if line.op == "added" { "+ " } else { "− " };
                let _ = writeln!(html, "<{tag}>{mark}{}</{tag}>", escape(&line.text));
            }
            html.push_str("</pre>");
            html
        }
        Change::Ways { gained, lost } => {
            let way = |w: &leimu_engine::diff::WayOf| {
                let documents: Vec<String> = w
                    .documents
                    .iter()
                    .map(|d| {
                        let mut text = format!("《{}》", d.name);
                        if d.count > 1 {
                            let _ = write!(text, "×{}", d.count);
                        }
                        if let Some(holder) = &d.holder {
                            let _ = write!(text, "（{holder}）");
                        }
                        text
                    })
                    .collect();
                let documents = if documents.is_empty() {
                    "无需资料 · no document".to_owned()
                } else {
                    documents.join(" + ")
                };
                if w.kinds.is_empty() {
                    escape(&documents)
                } else {
                    escape(&format!("{}：{documents}", w.kinds.join("、")))
                }
            };
            let mut html = String::new();
            for w in gained {
                let _ = write!(html, "<ins>新增的方式 · new way: {}</ins><br>", way(w));
            }
            for w in lost {
                let _ = write!(html, "<del>取消的方式 · way removed: {}</del><br>", way(w));
            }
            html
        }
        Change::Documents { entered, left } => {
            let names = |documents: &[leimu_engine::diff::DocumentRef]| {
                escape(
                    &documents
                        .iter()
                        .map(|d| format!("《{}》", d.name))
                        .collect::<Vec<_>>()
                        .join("、"),
                )
            };
            let mut parts = Vec::new();
            if !entered.is_empty() {
                parts.push(format!(
                    "新要求的资料 · documents entered: {}",
                    names(entered)
                ));
            }
            if !left.is_empty() {
                parts.push(format!("不再要求的资料 · documents left: {}", names(left)));
            }
            parts.join("<br>")
        }
        Change::Flag { flag, from, to } => {
            let name = match *flag {
                "email_only" => "仅限邮件申请 · by email only",
                "local_review" => "需当地主管机关审核 · local review",
                _ => "无需资质 · no qualification needed",
            };
            let yes_no = |v: bool| if v { "是 yes" } else { "否 no" };
            format!("{name}: {} → {}", yes_no(*from), yes_no(*to))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current() -> CatalogData {
        let dir = crate::root().join("catalog").join("history");
        read_history(&dir)
            .expect("history")
            .pop()
            .expect("a version")
    }

    #[test]
    fn one_version_says_so() {
        let only = current();
        let version = only.provenance.version.clone();
        let page = changes_page(&[only]);
        assert!(
            page.contains(&format!("There is one version so far: {version}")),
            "{page}"
        );
        assert!(page.contains(&format!("<section id=\"v{version}\">")));
    }

    #[test]
    fn two_versions_list_what_changed_in_plain_words() {
        let old = current();
        let old_id = format!("id=\"v{}\"", old.provenance.version);
        let mut new = old.clone();
        new.provenance.version = "test.next".into();
        new.provenance.taken = "9999-12-31".into();
        let removed = new.leaves.remove(0);
        new.leaves[0].notes.push_str("\n新的一句备注。");
        new.leaves[1].email_only = !new.leaves[1].email_only;
        let page = changes_page(&[old, new]);
        let newest = page.find("id=\"vtest.next\"").expect("new version");
        let oldest = page.find(&old_id).expect("old version");
        assert!(newest < oldest, "newest first");
        assert!(
            page.contains("0 added, 1 removed, 0 renamed, 2 changed."),
            "{page}"
        );
        assert!(page.contains(&escape(&removed.path.join(" > "))));
        assert!(page.contains("<ins>+ 新的一句备注。</ins>"), "{page}");
        assert!(page.contains("by email only"));
        assert!(page.contains("第一个版本"));
    }

    #[test]
    fn one_version_has_nothing_since() {
        let only = current();
        let json: serde_json::Value =
            serde_json::from_str(&catalogue_changes_json(std::slice::from_ref(&only)))
                .expect("json");
        assert_eq!(json["version"], only.provenance.version.as_str());
        assert_eq!(json["since"], serde_json::json!([]));
    }

    /// An older version made from today's: a category whose requirement
    /// reads differently, one renamed, one today's catalogue no longer has,
    /// and one today's added; `2025.9` is older than `2025.10`, which
    /// changed only the first.
    fn older_versions(today: &CatalogData) -> Vec<CatalogData> {
        let mut oldest = today.clone();
        oldest.provenance.version = "2025.9".into();
        oldest.provenance.taken = "2025-09-01".into();
        let leaf = |data: &CatalogData, id: &str| -> usize {
            data.leaves
                .iter()
                .position(|l| l.id == id)
                .unwrap_or_else(|| panic!("{id} is in today's catalogue"))
        };
        let changed = leaf(&oldest, "medical.public-institution");
        oldest.leaves[changed]
            .requirement_text
            .push_str("（旧版的一句要求）");
        let renamed = leaf(&oldest, "medical.private-tier3");
        if let Some(name) = oldest.leaves[renamed].path.last_mut() {
            name.push_str("（旧名）");
        }
        let mut gone = oldest.leaves[changed].clone();
        gone.id = "medical.retired-example".into();
        if let Some(name) = gone.path.last_mut() {
            *name = "已撤销的示例类目".into();
        }
        oldest.leaves.push(gone);
        let added = leaf(&oldest, "medical.internet-hospital");
        oldest.leaves.remove(added);
        let mut middle = today.clone();
        middle.provenance.version = "2025.10".into();
        middle.provenance.taken = "2025-10-01".into();
        let changed = leaf(&middle, "medical.public-institution");
        middle.leaves[changed] = oldest.leaves[leaf(&oldest, "medical.public-institution")].clone();
        vec![oldest, middle]
    }

    #[test]
    fn each_older_version_names_what_changed_since_it() {
        let today = current();
        let mut versions = older_versions(&today);
        versions.push(today.clone());
        let json: serde_json::Value =
            serde_json::from_str(&catalogue_changes_json(&versions)).expect("json");
        assert_eq!(json["version"], today.provenance.version.as_str());
        assert_eq!(
            json["since"],
            serde_json::json!([
                {
                    "version": "2025.9",
                    "taken": "2025-09-01",
                    "changed": ["medical.private-tier3", "medical.public-institution"],
                    "removed": [{"id": "medical.retired-example", "category": "医疗服务 > 已撤销的示例类目"}],
                },
                {
                    "version": "2025.10",
                    "taken": "2025-10-01",
                    "changed": ["medical.public-institution"],
                    "removed": [],
                },
            ])
        );
    }

    /// The site's end-to-end test serves this file in place of the built
    /// one (`tests/e2e/catalogue-update.test.mjs`): the same generator on
    /// [`older_versions`], kept in step with today's catalogue.
    #[test]
    fn the_end_to_end_fixture_is_fresh() {
        let today = current();
        let mut versions = older_versions(&today);
        versions.push(today);
        let fresh = catalogue_changes_json(&versions);
        let path = crate::root().join("tests/e2e/fixtures/catalogue-changes.json");
        let committed = fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            if std::env::var_os("LEIMU_WRITE_FIXTURES").is_some() {
                fs::write(&path, &fresh).expect("write the fixture");
            } else {
                panic!(
                    "{} is stale: run `LEIMU_WRITE_FIXTURES=1 cargo test -p xtask changes`",
                    path.display()
                );
            }
        }
    }
}
