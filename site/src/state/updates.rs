//! What changed in the catalogue since the version a visitor's data or a
//! share link was made with.
//!
//! The site carries no history: `catalogue-changes.json` is written at build
//! time from `catalog/history/` (`xtask/src/changes.rs`, the same comparison
//! as `leimu diff`) and lists, for every older version, the categories that
//! changed or were renamed and those removed since, by id. The site fetches
//! it only when stored data or a link names another version than its own;
//! everything else here is plain functions, tested natively.

use leimu_engine::Catalog;

use crate::i18n::{Strings, fill};
use crate::json::Json;

/// The file beside `index.html`, fetched relative to the page.
pub const CHANGES_URL: &str = "catalogue-changes.json";

/// Where a client's "seen catalogue version" is kept: the version its data
/// was last saved with, or whose update notice the visitor dismissed.
pub fn seen_key(client: &str) -> String {
    if client == crate::clients::DEFAULT_CLIENT {
        "leimu.catalogue-seen.v1".to_owned()
    } else {
        format!("{}{client}.catalogue", crate::clients::CLIENT_KEY_PREFIX)
    }
}

/// The catalogue version a stored profile was saved with (its `catalogue`
/// field); `None` when it has none (saved before catalogues had versions).
pub fn profile_catalogue(raw: &str) -> Option<String> {
    crate::json::parse(raw)?
        .get("catalogue")?
        .as_str()
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The `cv=` of a share link's query: the catalogue version it was made with.
pub fn share_version(query: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|part| part.strip_prefix("cv="))
        .map(super::decode_component)
        .filter(|v| !v.is_empty())
}

/// Every category id a share link's `c=` names, those today's catalogue
/// no longer has included.
pub fn share_categories(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|part| part.strip_prefix("c="))
        .flat_map(|value| {
            super::decode_component(value)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What changed from one older version to today's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Since {
    pub version: String,
    pub taken: String,
    /// Ids of categories in both whose content or name changed.
    pub changed: Vec<String>,
    /// Categories today's catalogue no longer has: id and path as they were.
    pub removed: Vec<(String, String)>,
}

/// What changed since `version`, read from `catalogue-changes.json`; `None`
/// when the file is not for `current` (a stale copy) or does not know
/// `version` (a later version, or not a version at all).
pub fn since(json: &Json, current: &str, version: &str) -> Option<Since> {
    if json.get("version")?.as_str()? != current {
        return None;
    }
    let Json::Array(entries) = json.get("since")? else {
        return None;
    };
    let entry = entries
        .iter()
        .find(|e| e.get("version").and_then(Json::as_str) == Some(version))?;
    let Json::Array(removed) = entry.get("removed")? else {
        return None;
    };
    Some(Since {
        version: version.to_owned(),
        taken: entry.get("taken")?.as_str()?.to_owned(),
        changed: entry.get("changed")?.as_strings()?,
        removed: removed
            .iter()
            .map(|r| {
                Some((
                    r.get("id")?.as_str()?.to_owned(),
                    r.get("category")?.as_str()?.to_owned(),
                ))
            })
            .collect::<Option<_>>()?,
    })
}

/// Which of `ids` (a plan's categories, in its order) changed and which
/// were removed since the version `since` describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Affected {
    pub changed: Vec<String>,
    /// Id and the path it had.
    pub removed: Vec<(String, String)>,
}

pub fn affected(since: &Since, ids: &[String]) -> Affected {
    let mut out = Affected::default();
    for id in ids {
        if since.changed.contains(id) {
            if !out.changed.contains(id) {
                out.changed.push(id.clone());
            }
        } else if let Some(removed) = since.removed.iter().find(|(r, _)| r == id)
            && !out.removed.contains(removed)
        {
            out.removed.push(removed.clone());
        }
    }
    out
}

/// A notice's words: a sentence, then lines, each with the page it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub text: String,
    pub lines: Vec<(String, Option<String>)>,
}

/// Each changed category linked to its page, named by today's path (what it
/// needs now is there); each removed one named as it was, with its id; last
/// the page of every change.
fn lines(s: &Strings, catalog: &Catalog, affected: &Affected) -> Vec<(String, Option<String>)> {
    let mut lines: Vec<(String, Option<String>)> = affected
        .changed
        .iter()
        .filter_map(|id| catalog.leaf(id))
        .map(|leaf| {
            (
                leaf.path.join(" > "),
                Some(super::Route::Category(leaf.id.clone()).to_hash()),
            )
        })
        .collect();
    lines.extend(
        affected
            .removed
            .iter()
            .map(|(id, path)| (fill(s.update_removed, &[path, id]), None)),
    );
    lines.push((s.update_all.to_owned(), Some("changes.html".to_owned())));
    lines
}

/// What a returning visitor is told when the current client's data was
/// saved with an older catalogue: which of the plan's categories changed and
/// which went (`plan` holds every id the stored plan names, dropped ones too).
pub fn returning_notice(s: &Strings, catalog: &Catalog, since: &Since, plan: &[String]) -> Words {
    let affected = affected(since, plan);
    let current = &catalog.data().provenance.version;
    let then = if affected == Affected::default() {
        s.update_unchanged
    } else {
        s.update_changed
    };
    Words {
        text: fill(
            s.update_notice,
            &[&since.version, &since.taken, current, then],
        ),
        lines: lines(s, catalog, &affected),
    }
}

/// The note on a share link made with another catalogue version: shown
/// against today's, with what changed for the categories it names when
/// `since` knows its version.
pub fn share_notice(
    s: &Strings,
    catalog: &Catalog,
    version: &str,
    since: Option<&Since>,
    categories: &[String],
) -> Words {
    let current = &catalog.data().provenance.version;
    let affected = since.map(|since| affected(since, categories));
    let then = match &affected {
        None => "",
        Some(affected) if *affected == Affected::default() => s.share_older_unchanged,
        Some(_) => s.share_older_changed,
    };
    Words {
        text: fill(s.share_older, &[version, current, then])
            .trim_end()
            .to_owned(),
        lines: lines(s, catalog, &affected.unwrap_or_default()),
    }
}

/// Whether data saved with `stored` needs a look at what changed: it names
/// a version, and not today's.
pub fn needs_check(stored: Option<&str>, current: &str) -> bool {
    stored.is_some_and(|v| !v.is_empty() && v != current)
}

/// Fetches `catalogue-changes.json` and reads what changed since `version`;
/// `None` offline with no cached copy, or when it does not know `version`.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_since(current: String, version: String) -> Option<Since> {
    let text = crate::fetch::text(CHANGES_URL).await?;
    since(&crate::json::parse(&text)?, &current, &version)
}

/// Natively (the unit tests) there is nothing to fetch.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_since(_current: String, _version: String) -> Option<Since> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `xtask/src/changes.rs` writes for two older versions (its test
    /// `each_older_version_names_what_changed_since_it` checks the shape).
    const CHANGES: &str = r#"{"version":"2026.1","since":[
        {"version":"2025.9","taken":"2025-09-01","changed":["a.one","a.two"],"removed":[{"id":"a.gone","category":"A > Gone"}]},
        {"version":"2025.10","taken":"2025-10-01","changed":["a.one"],"removed":[]}
    ]}"#;

    fn check(version: &str, plan: &[&str], changed: &[&str], removed: &[&str]) {
        let json = crate::json::parse(CHANGES).expect("json");
        let since = since(&json, "2026.1", version).expect("a known version");
        let plan: Vec<String> = plan.iter().map(|s| s.to_string()).collect();
        let got = affected(&since, &plan);
        assert_eq!(got.changed, changed, "changed since {version}");
        let removed_ids: Vec<&str> = got.removed.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(removed_ids, removed, "removed since {version}");
    }

    #[test]
    fn a_plan_learns_which_of_its_categories_changed_or_went() {
        check(
            "2025.9",
            &["a.two", "x.same", "a.gone", "a.one"],
            &["a.two", "a.one"],
            &["a.gone"],
        );
        check("2025.10", &["a.two", "a.one", "a.one"], &["a.one"], &[]);
        check("2025.9", &[], &[], &[]);
        check("2025.9", &["x.same"], &[], &[]);
    }

    #[test]
    fn removed_categories_keep_the_path_they_had() {
        let json = crate::json::parse(CHANGES).expect("json");
        let since = since(&json, "2026.1", "2025.9").expect("known");
        assert_eq!(since.taken, "2025-09-01");
        assert_eq!(
            affected(&since, &["a.gone".to_owned()]).removed,
            [("a.gone".to_owned(), "A > Gone".to_owned())]
        );
    }

    #[test]
    fn unknown_versions_and_stale_files_say_nothing() {
        let json = crate::json::parse(CHANGES).expect("json");
        assert_eq!(since(&json, "2026.1", "2030.1"), None, "a later version");
        assert_eq!(
            since(&json, "2026.2", "2025.9"),
            None,
            "a file for another build"
        );
        for broken in [
            r#"{"version":"2026.1"}"#,
            r#"{"version":"2026.1","since":[{"version":"2025.9"}]}"#,
            r#"{"version":"2026.1","since":[{"version":"2025.9","taken":"x","changed":[1],"removed":[]}]}"#,
            r#"[]"#,
        ] {
            let json = crate::json::parse(broken).expect("json");
            assert_eq!(since(&json, "2026.1", "2025.9"), None, "{broken}");
        }
    }

    #[test]
    fn only_another_version_is_checked() {
        assert!(needs_check(Some("2025.9"), "2026.1"));
        assert!(!needs_check(Some("2026.1"), "2026.1"));
        assert!(!needs_check(None, "2026.1"));
        assert!(!needs_check(Some(""), "2026.1"));
    }

    #[test]
    fn share_links_say_their_version_and_every_category_they_name() {
        let query = "c=medical.public-institution%2Ca.gone&a=business-licence&cv=2025.9";
        assert_eq!(share_version(query).as_deref(), Some("2025.9"));
        assert_eq!(
            share_categories(query),
            ["medical.public-institution", "a.gone"]
        );
        assert_eq!(share_version("c=a.one"), None);
        assert_eq!(share_version("c=a.one&cv="), None);
        assert_eq!(share_version("cv=2025%2E9").as_deref(), Some("2025.9"));
        assert!(share_categories("a=x").is_empty());
    }

    #[test]
    fn stored_profiles_name_their_catalogue() {
        let version = crate::state::catalogue_version();
        let raw = crate::state::profile_to_json(&leimu_engine::Profile::default());
        assert_eq!(profile_catalogue(&raw), Some(version));
        assert_eq!(profile_catalogue(r#"{"version":2}"#), None);
        assert_eq!(profile_catalogue("not json"), None);
    }

    fn catalog() -> &'static Catalog {
        crate::catalog().expect("catalogue")
    }

    /// Today's catalogue with `medical.public-institution` changed and
    /// `medical.retired-example` removed since `2025.9`.
    fn since_2025_9() -> Since {
        Since {
            version: "2025.9".into(),
            taken: "2025-09-01".into(),
            changed: vec![
                "medical.private-tier3".into(),
                "medical.public-institution".into(),
            ],
            removed: vec![(
                "medical.retired-example".into(),
                "医疗服务 > 已撤销的示例类目".into(),
            )],
        }
    }

    #[test]
    fn the_returning_notice_links_each_changed_category_and_names_the_removed() {
        let s = crate::i18n::Lang::Zh.strings();
        let plan: Vec<String> = [
            "medical.internet-hospital",
            "medical.public-institution",
            "medical.retired-example",
        ]
        .map(String::from)
        .into();
        let words = returning_notice(s, catalog(), &since_2025_9(), &plan);
        let version = &catalog().data().provenance.version;
        assert_eq!(
            words.text,
            format!(
                "类目表已更新：你的资料保存时是 2025.9 版（原文取于 2025-09-01），现在是 {version} 版。计划中以下类目有变化，点开看现在需要什么："
            )
        );
        assert_eq!(
            words.lines,
            [
                (
                    "医疗服务 > 公立医疗机构".to_owned(),
                    Some("#/c/medical.public-institution".to_owned())
                ),
                (
                    "已删除：医疗服务 > 已撤销的示例类目（medical.retired-example）".to_owned(),
                    None
                ),
                ("全部变化".to_owned(), Some("changes.html".to_owned())),
            ]
        );
        let untouched = returning_notice(
            crate::i18n::Lang::En.strings(),
            catalog(),
            &since_2025_9(),
            &["medical.internet-hospital".to_owned()],
        );
        assert!(
            untouched
                .text
                .ends_with("None of the categories in your plan changed."),
            "{}",
            untouched.text
        );
        assert_eq!(untouched.lines.len(), 1, "only the page of every change");
    }

    #[test]
    fn an_older_share_link_says_its_version_and_what_changed_if_known() {
        let s = crate::i18n::Lang::En.strings();
        let version = &catalog().data().provenance.version;
        let ids = ["medical.private-tier3".to_owned()];
        let known = share_notice(s, catalog(), "2025.9", Some(&since_2025_9()), &ids);
        assert_eq!(
            known.text,
            format!(
                "This link was made with catalogue version 2025.9; it is shown against today's version {version}. Of its categories, these changed:"
            )
        );
        assert_eq!(
            known.lines[0],
            (
                "医疗服务 > 三级私立医疗机构".to_owned(),
                Some("#/c/medical.private-tier3".to_owned())
            )
        );
        let unknown = share_notice(s, catalog(), "2030.1", None, &ids);
        assert!(
            unknown
                .text
                .ends_with(&format!("today's version {version}."))
        );
        assert_eq!(
            unknown.lines,
            [(
                "Everything that changed".to_owned(),
                Some("changes.html".to_owned())
            )]
        );
    }

    #[test]
    fn each_client_has_its_own_seen_key() {
        assert_eq!(seen_key("default"), "leimu.catalogue-seen.v1");
        assert_eq!(seen_key("c2"), "leimu.client.c2.catalogue");
        // Not mistaken for a client's data by the recovery of the index.
        assert!(!seen_key("c2").ends_with(".profile") && !seen_key("c2").ends_with(".plan"));
    }
}
