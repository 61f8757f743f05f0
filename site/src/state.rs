//! The site's state as plain data and plain functions: routes, the stored
//! profile, share links, exports. Nothing here touches the DOM, so all of it
//! is tested natively with ordinary `#[test]`s.
//!
//! Routes live in the URL's fragment (`#/c/medical.internet-hospital`): a
//! static host serves the same `index.html` for every route, under any
//! sub-path, and a reload or a deep link never asks the server for a page it
//! does not have. The one exception is a category's static page,
//! `c/<id>/` (site/src/static_pages.rs): the app runs there too, and without
//! a route in the fragment the page's path is the route. Links from such a
//! page go up to the site's root ([`STATIC_PAGE_ROOT`], [`Route::href`]).

use std::collections::BTreeMap;

use leimu_engine::{Catalog, Plan, Profile};
use serde::Serialize;

use crate::i18n::Lang;

pub mod updates;

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Category(String),
    Profile,
    Unlock,
    /// The plan page; `share` is the query of a share link, when the page was opened from one.
    Plan {
        share: Option<String>,
    },
    /// How to embed the checker in another site.
    Embed,
    /// Which source text the catalogue is: title, day taken, hash, version.
    About,
    NotFound(String),
}

impl Route {
    /// Parses a location fragment (`#/c/id`, with or without `#`).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["c", id] => Route::Category(decode_component(id)),
            ["profile"] => Route::Profile,
            ["unlock"] => Route::Unlock,
            ["embed"] => Route::Embed,
            ["about"] => Route::About,
            ["plan"] => Route::Plan {
                share: query.filter(|q| !q.is_empty()).map(str::to_owned),
            },
            _ => Route::NotFound(path.to_owned()),
        }
    }

    /// The route of a document at `pathname` whose fragment is `hash`: a
    /// route in the fragment (`#/…`) first, as links have always been made;
    /// else, on a category's static page (`…/c/<id>/`), that category; else
    /// the home page. A fragment that is no route (`#main-content`, the skip
    /// link followed before the app started) does not hide the page's own.
    pub fn from_location(pathname: &str, hash: &str) -> Route {
        if hash.starts_with("#/") {
            return Route::from_hash(hash);
        }
        match static_page_category(pathname) {
            Some(id) => Route::Category(id),
            None => Route::from_hash(hash),
        }
    }

    /// The `href` of a link to this route from the current document: the
    /// fragment at the site's root (the app follows it in place); from a
    /// category's static page, the site's root with that fragment, and a
    /// category's own static page for a category (see [`links_from_static_page`]).
    pub fn href(&self) -> String {
        if !on_static_page() {
            return self.to_hash();
        }
        match self {
            Route::Category(id) => format!("{STATIC_PAGE_ROOT}c/{}/", encode_component(id)),
            other => format!("{STATIC_PAGE_ROOT}{}", other.to_hash()),
        }
    }

    /// The route with a share link's query dropped: the page it shows.
    pub fn without_share(&self) -> Route {
        match self {
            Route::Plan { .. } => Route::Plan { share: None },
            other => other.clone(),
        }
    }

    /// The fragment for this route, `#` included.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Category(id) => format!("#/c/{}", encode_component(id)),
            Route::Profile => "#/profile".into(),
            Route::Unlock => "#/unlock".into(),
            Route::Embed => "#/embed".into(),
            Route::About => "#/about".into(),
            Route::Plan { share: None } => "#/plan".into(),
            Route::Plan { share: Some(query) } => format!("#/plan?{query}"),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

/// The site's root seen from a category's static page, `c/<id>/`.
pub const STATIC_PAGE_ROOT: &str = "../../";

thread_local! {
    /// Whether links are made for a category's static page (the app running
    /// there, or the build rendering one): set once when the app starts, and
    /// around each render by the static page generator (per thread, so tests
    /// rendering in parallel do not see each other's).
    static LINKS_FROM_STATIC_PAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes [`Route::href`] and [`site_file`] link from a category's static
/// page (`true`) or from the site's root (`false`, the default).
pub fn links_from_static_page(on_static_page: bool) {
    LINKS_FROM_STATIC_PAGE.with(|cell| cell.set(on_static_page));
}

/// Whether links are made for a category's static page (see [`links_from_static_page`]).
pub fn on_static_page() -> bool {
    LINKS_FROM_STATIC_PAGE.with(std::cell::Cell::get)
}

/// The `href` of a file at the site's root (`changes.html`) from the current document.
pub fn site_file(name: &str) -> String {
    if on_static_page() {
        format!("{STATIC_PAGE_ROOT}{name}")
    } else {
        name.to_owned()
    }
}

/// The category id of a static page's path (`/any/sub/path/c/<id>/`, or
/// with `index.html`), percent-decoded; `None` for any other path.
pub fn static_page_category(pathname: &str) -> Option<String> {
    let path = pathname.strip_suffix("index.html").unwrap_or(pathname);
    let path = path.strip_suffix('/')?;
    let (rest, id) = path.rsplit_once('/')?;
    let c = rest.rsplit('/').next()?;
    (c == "c" && !id.is_empty()).then(|| decode_component(id))
}

/// The path of the site's root for a document at `pathname`: the folder of
/// `index.html`, or the folder above `c/<id>/` on a category's static page
/// (share links are made for the root, wherever the plan was opened).
pub fn site_root_path(pathname: &str) -> String {
    let folder = &pathname[..pathname.rfind('/').map_or(0, |i| i + 1)];
    if static_page_category(pathname).is_some() {
        let without_id = &folder[..folder[..folder.len() - 1].rfind('/').map_or(0, |i| i + 1)];
        without_id
            .strip_suffix("c/")
            .unwrap_or(without_id)
            .to_owned()
    } else {
        folder.to_owned()
    }
}

/// Percent-encodes everything but unreserved ASCII (ids are ASCII; names are not).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reverses [`encode_component`]; malformed escapes are kept as written.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The version of the stored profile this site writes. Version 1 had only
/// `applicant`, `partners` and `kinds`; version 2 adds what the applicant is
/// not, the categories already approved, the business scope and the answers
/// to questions verdicts asked. Both are read.
pub const PROFILE_VERSION: u32 = 2;

/// The profile as stored in localStorage (versioned so a future format can migrate it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StoredProfile {
    pub version: u32,
    /// The catalogue's version when the profile was saved (`provenance.version`),
    /// so that a later visit can tell what changed since; absent in profiles
    /// saved before catalogues had versions. Read by nothing yet.
    pub catalogue: String,
    pub applicant: BTreeMap<String, u32>,
    pub partners: BTreeMap<String, u32>,
    pub kinds: Vec<String>,
    pub not_kinds: Vec<String>,
    pub approved: Vec<String>,
    pub scope: String,
    pub answers: Vec<leimu_engine::Answer>,
}

impl StoredProfile {
    /// The stored form of a profile.
    pub fn of(profile: &Profile) -> StoredProfile {
        StoredProfile {
            version: PROFILE_VERSION,
            catalogue: catalogue_version(),
            applicant: profile.applicant.clone(),
            partners: profile.partners.clone(),
            kinds: profile.kinds.clone(),
            not_kinds: profile.not_kinds.clone(),
            approved: profile.approved.clone(),
            scope: profile.scope.clone(),
            answers: profile.answers.clone(),
        }
    }
}

/// What a profile holds, as JSON writes it — the stored profile and the
/// widget's `set-profile` command read it alike: every field optional, a
/// field of the wrong type makes the whole unreadable (a stored profile is
/// then backed up, not half-loaded); unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holdings {
    pub applicant: BTreeMap<String, u32>,
    pub partners: BTreeMap<String, u32>,
    pub kinds: Vec<String>,
    pub not_kinds: Vec<String>,
    pub approved: Vec<String>,
    pub scope: String,
    pub answers: Vec<leimu_engine::Answer>,
}

/// The longest business scope kept: a licence's 经营范围 is a few hundred
/// characters; anything far longer is not one.
const MAX_SCOPE_CHARS: usize = 4000;

/// `[{category?, question, holds}]`; `None` when any entry is malformed.
fn read_answers(json: &crate::json::Json) -> Option<Vec<leimu_engine::Answer>> {
    let crate::json::Json::Array(items) = json else {
        return None;
    };
    items
        .iter()
        .map(|item| {
            let category = match item.get("category") {
                None | Some(crate::json::Json::Null) => None,
                Some(c) => Some(c.as_str()?.to_owned()),
            };
            let holds = match item.get("holds")? {
                crate::json::Json::Bool(b) => *b,
                _ => return None,
            };
            Some(leimu_engine::Answer {
                category,
                question: item.get("question")?.as_str()?.to_owned(),
                holds,
            })
        })
        .collect()
}

impl Holdings {
    pub fn read(json: &crate::json::Json) -> Option<Holdings> {
        if !matches!(json, crate::json::Json::Object(_)) {
            return None;
        }
        let counts = |key: &str| match json.get(key) {
            None => Some(BTreeMap::new()),
            Some(counts) => counts.as_counts(),
        };
        let strings = |key: &str| match json.get(key) {
            None => Some(Vec::new()),
            Some(list) => list.as_strings(),
        };
        Some(Holdings {
            applicant: counts("applicant")?,
            partners: counts("partners")?,
            kinds: strings("kinds")?,
            not_kinds: strings("not_kinds")?,
            approved: strings("approved")?,
            scope: match json.get("scope") {
                None => String::new(),
                Some(scope) => scope.as_str()?.chars().take(MAX_SCOPE_CHARS).collect(),
            },
            answers: match json.get("answers") {
                None => Vec::new(),
                Some(answers) => read_answers(answers)?,
            },
        })
    }

    /// The profile of what the catalogue still knows (counts 1–99); every
    /// other id goes to `dropped`.
    pub fn keep_known(self, catalog: &Catalog) -> Loaded<Profile> {
        let mut loaded = Loaded::<Profile>::default();
        let keep = |side: BTreeMap<String, u32>,
                    into: &mut BTreeMap<String, u32>,
                    dropped: &mut Vec<String>| {
            for (id, count) in side {
                if catalog.document(&id).is_some() && count > 0 {
                    into.insert(id, count.min(99));
                } else {
                    dropped.push(id);
                }
            }
        };
        keep(
            self.applicant,
            &mut loaded.value.applicant,
            &mut loaded.dropped,
        );
        keep(
            self.partners,
            &mut loaded.value.partners,
            &mut loaded.dropped,
        );
        let known_kind = |id: &str| catalog.data().applicant_kinds.iter().any(|k| k.id == id);
        for (ids, into) in [
            (self.kinds, &mut loaded.value.kinds),
            (self.not_kinds, &mut loaded.value.not_kinds),
        ] {
            for kind in ids {
                if known_kind(&kind) {
                    if !into.contains(&kind) {
                        into.push(kind);
                    }
                } else {
                    loaded.dropped.push(kind);
                }
            }
        }
        for id in self.approved {
            if catalog.leaf(&id).is_some() {
                if !loaded.value.approved.contains(&id) {
                    loaded.value.approved.push(id);
                }
            } else {
                loaded.dropped.push(id);
            }
        }
        loaded.value.scope = self.scope;
        for answer in self.answers {
            // An answer about a category the catalogue no longer has is
            // dropped; one about a question no verdict asks any more is kept
            // (harmless, and it may be asked again).
            match &answer.category {
                Some(id) if catalog.leaf(id).is_none() => loaded.dropped.push(id.clone()),
                _ => {
                    loaded.value.answers.retain(|a| {
                        !(a.question == answer.question && a.category == answer.category)
                    });
                    loaded.value.answers.push(answer);
                }
            }
        }
        loaded
    }
}

pub const PROFILE_KEY: &str = "leimu.profile.v1";
pub const PROFILE_BACKUP_KEY: &str = "leimu.profile.v1.unreadable";
pub const LANG_KEY: &str = "leimu.lang";
pub const PLAN_KEY: &str = "leimu.plan.v1";
/// The visitor's own plan and profile, saved when a share link replaced them.
pub const BEFORE_SHARE_KEY: &str = "leimu.before-share.v1";

/// What loading user data kept and what it had to drop.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded<T> {
    pub value: T,
    /// Ids that no longer exist in the catalogue (an older catalogue, or tampering).
    pub dropped: Vec<String>,
    /// The data did not parse at all.
    pub unreadable: bool,
    /// The data was written by a later version of the site: what this
    /// version understands was read; the original must be kept untouched.
    pub newer: bool,
}

/// The embedded catalogue's version (`2026.1`), empty if it did not load.
pub fn catalogue_version() -> String {
    crate::catalog()
        .map(|catalog| catalog.data().provenance.version.clone())
        .unwrap_or_default()
}

pub fn profile_to_json(profile: &Profile) -> String {
    crate::json::to_string(&StoredProfile::of(profile)).unwrap_or_default()
}

/// Reads a stored profile (`version` required), keeping every entry the
/// catalogue still knows. A profile of a later version is read for the
/// fields this version knows, and marked [`Loaded::newer`].
pub fn profile_from_json(raw: &str, catalog: &Catalog) -> Loaded<Profile> {
    let json = crate::json::parse(raw);
    let version = json
        .as_ref()
        .and_then(|json| json.get("version"))
        .and_then(|v| v.as_u32());
    let holdings = json
        .filter(|_| version.is_some())
        .and_then(|json| Holdings::read(&json));
    match holdings {
        Some(holdings) => {
            let mut loaded = holdings.keep_known(catalog);
            loaded.newer = version.is_some_and(|v| v > PROFILE_VERSION);
            loaded
        }
        None => Loaded {
            value: Profile::default(),
            dropped: Vec::new(),
            unreadable: true,
            newer: version.is_some_and(|v| v > PROFILE_VERSION),
        },
    }
}

/// The plan as stored: leaf ids. Read as leniently as the profile: an
/// entry that is not an id the catalogue knows is dropped and reported, the
/// rest kept; only a value that is not a list is unreadable.
pub fn plan_from_json(raw: &str, catalog: &Catalog) -> Loaded<Vec<String>> {
    match crate::json::parse(raw) {
        Some(json @ crate::json::Json::Array(_)) => plan_from(&json, catalog),
        _ => Loaded {
            value: Vec::new(),
            dropped: Vec::new(),
            unreadable: true,
            newer: false,
        },
    }
}

/// A plan from parsed JSON (a stored plan, or a plan inside an export file).
pub fn plan_from(json: &crate::json::Json, catalog: &Catalog) -> Loaded<Vec<String>> {
    let mut loaded = Loaded::<Vec<String>>::default();
    let crate::json::Json::Array(items) = json else {
        loaded.unreadable = true;
        return loaded;
    };
    for item in items {
        // A category whose way the user chose is stored as `{"category", "way"}`.
        let id = item
            .as_str()
            .or_else(|| item.get("category").and_then(crate::json::Json::as_str));
        match id {
            Some(id) if catalog.leaf(id).is_some() => {
                if !loaded.value.iter().any(|known| known == id) {
                    loaded.value.push(id.to_owned());
                }
            }
            Some(id) => loaded.dropped.push(id.to_owned()),
            None => loaded
                .dropped
                .push(crate::json::to_string(&JsonText(item)).unwrap_or_default()),
        }
    }
    loaded
}

/// The ways the user chose in a stored plan (`{"category", "way"}` entries;
/// ways count from 1). Entries of another shape choose nothing.
pub fn plan_ways_from_json(raw: &str) -> BTreeMap<String, usize> {
    crate::json::parse(raw)
        .map(|json| plan_ways_from(&json))
        .unwrap_or_default()
}

/// [`plan_ways_from_json`] on parsed JSON.
pub fn plan_ways_from(json: &crate::json::Json) -> BTreeMap<String, usize> {
    let mut ways = BTreeMap::new();
    if let crate::json::Json::Array(items) = json {
        for item in items {
            if let (Some(id), Some(way)) = (
                item.get("category").and_then(crate::json::Json::as_str),
                item.get("way").and_then(crate::json::Json::as_u32),
            ) && way >= 1
            {
                ways.insert(id.to_owned(), way as usize);
            }
        }
    }
    ways
}

/// The plan as stored: ids, and `{"category", "way"}` where the user chose a way.
pub fn plan_to_json(plan: &[String], ways: &BTreeMap<String, usize>) -> String {
    crate::json::to_string(&plan_entries(plan, ways)).unwrap_or_default()
}

/// One entry of a stored or exported plan.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PlanEntry<'a> {
    Id(&'a str),
    Chosen { category: &'a str, way: usize },
}

pub fn plan_entries<'a>(plan: &'a [String], ways: &BTreeMap<String, usize>) -> Vec<PlanEntry<'a>> {
    plan.iter()
        .map(|id| match ways.get(id) {
            Some(&way) => PlanEntry::Chosen { category: id, way },
            None => PlanEntry::Id(id),
        })
        .collect()
}

/// A parsed value written back as JSON text, to name it in a notice.
struct JsonText<'a>(&'a crate::json::Json);

impl Serialize for JsonText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::json::Json;
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            // Whole numbers as integers: the browser's JSON writes 1, not 1.0.
            Json::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                serializer.serialize_i64(*n as i64)
            }
            Json::Number(n) => serializer.serialize_f64(*n),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&JsonText(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, &JsonText(value))?;
                }
                map.end()
            }
        }
    }
}

/// The query of a share link: `c=` leaf ids, `a=` applicant documents, `p=` partner documents, `k=` kinds,
/// `n=` kinds the applicant is not, `v=` categories already approved, `s=` the business scope,
/// `q=` the answers (as JSON), `cv=` the catalogue version the link was made with. Counts are written `id*2`. Everything is percent-encoded; nothing leaves the browser.
pub fn share_query(plan: &[String], profile: &Profile) -> String {
    let documents = |side: &BTreeMap<String, u32>| -> String {
        side.iter()
            .map(|(id, n)| {
                if *n > 1 {
                    format!("{id}*{n}")
                } else {
                    id.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut parts = Vec::new();
    if !plan.is_empty() {
        parts.push(format!("c={}", encode_component(&plan.join(","))));
    }
    if !profile.applicant.is_empty() {
        parts.push(format!(
            "a={}",
            encode_component(&documents(&profile.applicant))
        ));
    }
    if !profile.partners.is_empty() {
        parts.push(format!(
            "p={}",
            encode_component(&documents(&profile.partners))
        ));
    }
    if !profile.kinds.is_empty() {
        parts.push(format!("k={}", encode_component(&profile.kinds.join(","))));
    }
    if !profile.not_kinds.is_empty() {
        parts.push(format!(
            "n={}",
            encode_component(&profile.not_kinds.join(","))
        ));
    }
    if !profile.approved.is_empty() {
        parts.push(format!(
            "v={}",
            encode_component(&profile.approved.join(","))
        ));
    }
    if !profile.scope.is_empty() {
        parts.push(format!("s={}", encode_component(&profile.scope)));
    }
    if !profile.answers.is_empty()
        && let Some(answers) = crate::json::to_string(&profile.answers)
    {
        parts.push(format!("q={}", encode_component(&answers)));
    }
    if !parts.is_empty() {
        parts.push(format!("cv={}", encode_component(&catalogue_version())));
    }
    parts.join("&")
}

/// Reads a share link's query; unknown or malformed parts are reported, the rest kept.
pub fn from_share_query(query: &str, catalog: &Catalog) -> Loaded<(Vec<String>, Profile)> {
    let mut loaded = Loaded::<(Vec<String>, Profile)>::default();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            loaded.dropped.push(decode_component(part));
            continue;
        };
        let value = decode_component(value);
        let items = value.split(',').map(str::trim).filter(|s| !s.is_empty());
        match key {
            // The catalogue version the link was made with: the link is read
            // against today's catalogue, and ids it no longer has are reported.
            "cv" => {}
            "s" => loaded.value.1.scope = value.chars().take(MAX_SCOPE_CHARS).collect(),
            "q" => match crate::json::parse(&value).as_ref().and_then(read_answers) {
                Some(answers) => {
                    let kept = Holdings {
                        answers,
                        ..Holdings::default()
                    }
                    .keep_known(catalog);
                    loaded.dropped.extend(kept.dropped);
                    loaded.value.1.answers = kept.value.answers;
                }
                None => loaded.dropped.push("q".to_owned()),
            },
            "v" => {
                for id in items {
                    if catalog.leaf(id).is_some() {
                        if !loaded.value.1.approved.iter().any(|a| a == id) {
                            loaded.value.1.approved.push(id.to_owned());
                        }
                    } else {
                        loaded.dropped.push(id.to_owned());
                    }
                }
            }
            "c" => {
                for id in items {
                    if catalog.leaf(id).is_some() {
                        if !loaded.value.0.contains(&id.to_owned()) {
                            loaded.value.0.push(id.to_owned());
                        }
                    } else {
                        loaded.dropped.push(id.to_owned());
                    }
                }
            }
            "a" | "p" => {
                for item in items {
                    let (id, count) = match item.split_once('*') {
                        Some((id, n)) => {
                            (id, n.parse::<u32>().ok().filter(|n| (1..=99).contains(n)))
                        }
                        None => (item, Some(1)),
                    };
                    match (catalog.document(id), count) {
                        (Some(_), Some(count)) => {
                            let side = if key == "a" {
                                &mut loaded.value.1.applicant
                            } else {
                                &mut loaded.value.1.partners
                            };
                            side.insert(id.to_owned(), count);
                        }
                        _ => loaded.dropped.push(item.to_owned()),
                    }
                }
            }
            "k" | "n" => {
                for kind in items {
                    if catalog.data().applicant_kinds.iter().any(|k| k.id == kind) {
                        let list = if key == "k" {
                            &mut loaded.value.1.kinds
                        } else {
                            &mut loaded.value.1.not_kinds
                        };
                        if !list.iter().any(|k| k == kind) {
                            list.push(kind.to_owned());
                        }
                    } else {
                        loaded.dropped.push(kind.to_owned());
                    }
                }
            }
            other => loaded.dropped.push(other.to_owned()),
        }
    }
    loaded
}

fn path_of(catalog: &Catalog, id: &str) -> String {
    catalog
        .leaf(id)
        .map(Catalog::display_path)
        .unwrap_or_else(|| id.to_owned())
}

/// The plan as a Markdown checklist.
pub fn plan_markdown(plan: &Plan, catalog: &Catalog, lang: Lang, client: Option<&str>) -> String {
    let s = lang.strings();
    let mut out = match client {
        Some(client) => format!("# {} — {client}\n\n", s.plan_title),
        None => format!("# {}\n\n", s.plan_title),
    };
    for category in &plan.categories {
        let status = match (&category.chosen, category.status) {
            (None, _) => s.plan_blocked,
            (_, leimu_engine::Status::Satisfied) => s.satisfied,
            (_, leimu_engine::Status::Confirm) => s.confirm_needed,
            (_, leimu_engine::Status::ByEmail) => s.by_email,
            (_, leimu_engine::Status::Missing) => s.missing,
        };
        out.push_str(&format!(
            "- {} (`{}`) — {status}\n",
            path_of(catalog, &category.category),
            category.category
        ));
        if let Some(way) = &category.chosen {
            let labels: Vec<&str> = way.applicants.iter().map(|l| l.label.as_str()).collect();
            if !labels.is_empty() {
                out.push_str(&format!("  - {} {}\n", s.only_for, labels.join("、")));
            }
            for unmet in &way.unmet {
                out.push_str(&format!(
                    "  - {}: {} {}\n",
                    s.unmet_title, unmet.name, unmet.text
                ));
            }
            for confirmation in &way.to_confirm {
                let text = match confirmation {
                    leimu_engine::Confirmation::Condition { name, text, .. } => {
                        format!("{name}: {text}")
                    }
                    leimu_engine::Confirmation::Applicant { label, .. } => {
                        format!("{}{label}", s.applicant_is)
                    }
                    leimu_engine::Confirmation::Option { label, .. } => {
                        format!("{}{label}", s.option_is)
                    }
                    leimu_engine::Confirmation::Situation { text, .. } => {
                        format!("{}{text}", s.situation_asks)
                    }
                };
                out.push_str(&format!("  - {}: {text}\n", s.to_confirm));
            }
        }
        if category.depends_on_kind {
            out.push_str(&format!("  - {}\n", s.plan_depends_on_kind));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        crate::i18n::fill(
            s.plan_summary,
            &[
                &plan.satisfied_count.to_string(),
                &plan.confirm_count.to_string(),
                &(plan.missing_categories - plan.blocked.len()).to_string(),
                &plan.blocked.len().to_string(),
            ]
        )
    ));
    out.push_str(&format!(
        "\n## {}\n\n",
        crate::i18n::fill(s.plan_missing_total, &[&plan.missing_count.to_string()])
    ));
    for document in &plan.documents {
        let mark = if document.missing { "[ ]" } else { "[x]" };
        let count = if document.need > 1 {
            format!(" ×{}", document.need)
        } else {
            String::new()
        };
        let holder = document
            .holder
            .as_deref()
            .map(|h| format!(" ({} {h})", s.held_by))
            .unwrap_or_default();
        let used_by: Vec<String> = document
            .categories
            .iter()
            .map(|c| path_of(catalog, c))
            .collect();
        out.push_str(&format!(
            "- {mark} {}{count}{holder} — {} {}\n",
            document.name,
            s.plan_needed_by,
            used_by.join("; ")
        ));
        for condition in &document.conditions {
            out.push_str(&format!("  - {}: {condition}\n", s.to_confirm));
        }
    }
    out
}

/// The plan as JSON, with the same fields as `leimu plan --json`, and the
/// client's name first when the user keeps several.
pub fn plan_json(plan: &Plan, catalog: &Catalog, client: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        client: Option<&'a str>,
        // The CLI's own report struct: the export cannot drift from `leimu plan --json`.
        #[serde(flatten)]
        report: leimu_engine::report::PlanReport,
    }
    let export = Export {
        client,
        report: leimu_engine::report::PlanReport::new(catalog, plan),
    };
    crate::json::to_string_pretty(&export).unwrap_or_default()
}

/// Reads what an older site saved under [`BEFORE_SHARE_KEY`]; `None` if unreadable.
pub fn before_share_from_json(raw: &str, catalog: &Catalog) -> Option<(Vec<String>, Profile)> {
    let json = crate::json::parse(raw)?;
    let plan = plan_from(json.get("plan")?, catalog);
    let profile = Holdings::read(json.get("profile")?)?.keep_known(catalog);
    Some((plan.value, profile.value))
}

/// What a share link holds, compared with what the visitor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// Nothing in the link was recognisable: change nothing.
    Nothing,
    /// The visitor's data equals the link's.
    Same,
    /// The visitor has nothing yet: the link's data can simply be taken.
    Take,
    /// Taking it would replace the visitor's own data: ask first.
    Ask,
}

pub fn share_outcome(
    shared: &(Vec<String>, Profile),
    own_plan: &[String],
    own_profile: &Profile,
) -> ShareOutcome {
    let (plan, profile) = shared;
    if plan.is_empty() && *profile == Profile::default() {
        ShareOutcome::Nothing
    } else if plan == own_plan && profile == own_profile {
        ShareOutcome::Same
    } else if own_plan.is_empty() && *own_profile == Profile::default() {
        ShareOutcome::Take
    } else {
        ShareOutcome::Ask
    }
}

/// What a share link replaced, as an older site saved it under [`BEFORE_SHARE_KEY`].
pub fn before_share_json(plan: &[String], profile: &Profile) -> String {
    #[derive(Serialize)]
    struct BeforeShare<'a> {
        plan: &'a [String],
        profile: StoredProfile,
    }
    let profile = StoredProfile::of(profile);
    crate::json::to_string(&BeforeShare { plan, profile }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::from_bytes(crate::CATALOG_BIN).expect("catalogue"))
    }

    /// The JSON a profile is stored as; `tests/web.rs` expects the same text
    /// from the browser's JSON path (see `json.rs`).
    pub const STORED_PROFILE: &str = include_str!("../tests/data/json-expectations.txt");

    pub fn sample_profile() -> Profile {
        let mut profile = Profile::default();
        profile.applicant.insert("business-licence".into(), 2);
        profile
            .applicant
            .insert("icp-value-added-telecom-permit".into(), 1);
        profile
            .partners
            .insert("medical-institution-practice-licence".into(), 3);
        profile.kinds.push("government".into());
        profile.not_kinds.push("bank".into());
        profile.approved.push("ecommerce.platform".into());
        profile.scope = "一般项目：商业保理；企业管理咨询".into();
        profile.answers.push(leimu_engine::Answer {
            category: Some("finance.factoring".into()),
            question: "label:domestic-enterprise".into(),
            holds: true,
        });
        profile.answers.push(leimu_engine::Answer {
            category: None,
            question: "situation:若同时涉及客运/客船服务，需同时提供对应资质".into(),
            holds: false,
        });
        profile
    }

    /// Stored profiles and share links say which catalogue they were made
    /// with; a link from another version reads against today's catalogue.
    #[test]
    fn profiles_and_share_links_carry_the_catalogue_version() {
        let version = catalog().data().provenance.version.clone();
        assert!(!version.is_empty());
        assert!(
            profile_to_json(&sample_profile()).contains(&format!("\"catalogue\":\"{version}\"")),
            "update tests/data/json-expectations.txt for a new catalogue version"
        );
        let query = share_query(&["medical.internet-hospital".to_owned()], &sample_profile());
        assert!(
            query.ends_with(&format!("&cv={}", encode_component(&version))),
            "{query}"
        );
        let older = query.replace(&format!("cv={}", encode_component(&version)), "cv=2020.1");
        let loaded = from_share_query(&older, catalog());
        assert!(loaded.dropped.is_empty(), "{:?}", loaded.dropped);
        assert_eq!(loaded.value.1, sample_profile());
        assert_eq!(share_query(&[], &Profile::default()), "");
    }

    #[test]
    fn stored_profile_json_is_stable() {
        assert_eq!(
            profile_to_json(&sample_profile()),
            STORED_PROFILE.trim_end()
        );
        let loaded = profile_from_json(STORED_PROFILE, catalog());
        assert_eq!(loaded.value, sample_profile());
        assert!(loaded.dropped.is_empty() && !loaded.unreadable);
        assert!(profile_from_json("{", catalog()).unreadable);
        assert!(
            profile_from_json(r#"{"version":1,"applicant":{"a":"two"}}"#, catalog()).unreadable
        );
    }

    #[test]
    fn a_stored_profile_of_the_wrong_shape_is_unreadable_not_half_read() {
        for raw in [
            r#"{"applicant":{"business-licence":1}}"#,
            r#"{"version":"1"}"#,
            r#"{"version":1,"applicant":{"business-licence":-1}}"#,
            r#"{"version":1,"applicant":{"business-licence":1.5}}"#,
            r#"{"version":1,"applicant":["business-licence"]}"#,
            r#"{"version":1,"kinds":"government"}"#,
            r#"{"version":1,"kinds":[1]}"#,
            "[]",
            "null",
            "",
        ] {
            assert!(profile_from_json(raw, catalog()).unreadable, "{raw}");
        }
        let loaded = profile_from_json(
            r#"{"version":1,"later":true,"applicant":{"business-licence":1}}"#,
            catalog(),
        );
        assert!(!loaded.unreadable, "unknown fields are ignored");
        assert_eq!(loaded.value.applicant.len(), 1);
        assert!(plan_from_json(r#"{"a":1}"#, catalog()).unreadable);
    }

    #[test]
    fn routes_round_trip() {
        for route in [
            Route::Home,
            Route::Category("medical.internet-hospital".into()),
            Route::Profile,
            Route::Unlock,
            Route::Embed,
            Route::About,
            Route::Plan { share: None },
            Route::Plan {
                share: Some("c=a,b".into()),
            },
        ] {
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
        assert_eq!(Route::from_hash(""), Route::Home);
        assert_eq!(Route::from_hash("#"), Route::Home);
        assert_eq!(
            Route::from_hash("#/nope/x"),
            Route::NotFound("nope/x".into())
        );
    }

    #[test]
    fn components_round_trip() {
        for text in ["life.beauty.nail", "收件/派件", "a,b&c=d", "100%", "%zz"] {
            assert_eq!(decode_component(&encode_component(text)), text);
        }
        assert_eq!(decode_component("%"), "%");
        assert_eq!(decode_component("%E4%B8"), "\u{FFFD}");
    }

    #[test]
    fn profile_round_trips_and_drops_unknown_ids() {
        let catalog = catalog();
        let document = catalog.documents()[0].id.clone();
        let mut profile = Profile::default();
        profile.applicant.insert(document.clone(), 2);
        let loaded = profile_from_json(&profile_to_json(&profile), catalog);
        assert_eq!(loaded.value, profile);
        assert!(loaded.dropped.is_empty() && !loaded.unreadable);

        let tampered = format!(
            r#"{{"version":1,"applicant":{{"{document}":1,"no-such-document":1}},"kinds":["no-such-kind"]}}"#
        );
        let loaded = profile_from_json(&tampered, catalog);
        assert_eq!(loaded.value.applicant.len(), 1);
        assert_eq!(loaded.dropped, ["no-such-document", "no-such-kind"]);

        let broken = profile_from_json("{not json", catalog);
        assert!(broken.unreadable);
        assert_eq!(broken.value, Profile::default());
    }

    #[test]
    fn a_static_pages_path_is_its_category_unless_the_fragment_names_a_route() {
        for path in [
            "/c/medical.internet-hospital/",
            "/some/sub/path/c/medical.internet-hospital/",
            "/c/medical.internet-hospital/index.html",
        ] {
            assert_eq!(
                Route::from_location(path, ""),
                Route::Category("medical.internet-hospital".into()),
                "{path}"
            );
            assert_eq!(
                Route::from_location(path, "#main-content"),
                Route::Category("medical.internet-hospital".into()),
                "{path}: a fragment that is no route"
            );
            assert_eq!(Route::from_location(path, "#/profile"), Route::Profile);
        }
        assert_eq!(
            Route::from_location("/c/a%20b/", ""),
            Route::Category("a b".into())
        );
        for path in [
            "/",
            "/some/sub/path/",
            "/index.html",
            "/c/",
            "/c//",
            "/x/y/",
        ] {
            assert_eq!(Route::from_location(path, ""), Route::Home, "{path}");
        }
        assert_eq!(
            Route::from_location("/sub/", "#/c/a.b"),
            Route::Category("a.b".into())
        );
    }

    #[test]
    fn the_sites_root_is_above_a_static_page() {
        assert_eq!(site_root_path("/"), "/");
        assert_eq!(site_root_path("/sub/path/index.html"), "/sub/path/");
        assert_eq!(site_root_path("/sub/path/c/a.b/"), "/sub/path/");
        assert_eq!(site_root_path("/c/a.b/index.html"), "/");
    }

    #[test]
    fn links_lead_to_the_root_or_to_static_pages() {
        let routes = [
            (Route::Home, "#/", "../../#/"),
            (Route::Category("a.b".into()), "#/c/a.b", "../../c/a.b/"),
            (Route::Profile, "#/profile", "../../#/profile"),
            (Route::Plan { share: None }, "#/plan", "../../#/plan"),
        ];
        for (route, at_root, from_static_page) in routes {
            assert_eq!(route.href(), at_root);
            links_from_static_page(true);
            assert_eq!(route.href(), from_static_page);
            links_from_static_page(false);
        }
        links_from_static_page(true);
        assert_eq!(site_file("changes.html"), "../../changes.html");
        links_from_static_page(false);
        assert_eq!(site_file("changes.html"), "changes.html");
    }

    #[test]
    fn share_links_round_trip_and_survive_tampering() {
        let catalog = catalog();
        let mut profile = Profile::default();
        let a = catalog.documents()[0].id.clone();
        let b = catalog.documents()[1].id.clone();
        profile.applicant.insert(a.clone(), 1);
        profile.partners.insert(b.clone(), 3);
        let plan = vec![
            "medical.internet-hospital".to_owned(),
            "logistics.pickup-delivery".to_owned(),
        ];
        let query = share_query(&plan, &profile);
        let loaded = from_share_query(&query, catalog);
        assert_eq!(loaded.value, (plan.clone(), profile));
        assert!(loaded.dropped.is_empty());
        // Every part of a profile travels: kinds both ways, approvals, scope, answers.
        let full = sample_profile();
        let loaded = from_share_query(&share_query(&plan, &full), catalog);
        assert_eq!(loaded.value.1, full);
        assert!(loaded.dropped.is_empty(), "{:?}", loaded.dropped);

        let hostile = format!(
            "c=medical.internet-hospital,%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&a={a}*999,{b}&zz=1&garbage"
        );
        let loaded = from_share_query(&hostile, catalog);
        assert_eq!(loaded.value.0, ["medical.internet-hospital"]);
        assert_eq!(
            loaded.value.1.applicant.len(),
            1,
            "the valid document is kept"
        );
        assert!(loaded.dropped.iter().any(|d| d.contains("<img")));
        assert_eq!(loaded.dropped.len(), 4);
    }

    /// Found writing the share_link fuzz target's properties: a kind named
    /// twice was kept twice, unlike the stored profile's reader.
    #[test]
    fn a_kind_named_twice_in_a_share_link_is_kept_once() {
        let catalog = catalog();
        let kind = catalog.data().applicant_kinds[0].id.clone();
        let loaded = from_share_query(&format!("k={kind},{kind}&k={kind}"), catalog);
        assert_eq!(loaded.value.1.kinds, [kind]);
        assert!(loaded.dropped.is_empty());
    }

    #[test]
    fn a_plan_keeps_the_ways_chosen_and_reads_leniently() {
        let catalog = catalog();
        let plan = vec![
            "medical.internet-hospital".to_owned(),
            "medical.otc-sales".to_owned(),
        ];
        let ways = BTreeMap::from([("medical.otc-sales".to_owned(), 2)]);
        let json = plan_to_json(&plan, &ways);
        assert_eq!(
            json,
            r#"["medical.internet-hospital",{"category":"medical.otc-sales","way":2}]"#
        );
        assert_eq!(plan_from_json(&json, catalog).value, plan);
        assert_eq!(plan_ways_from_json(&json), ways);
        // Entries of another shape are dropped and named; the rest kept.
        let loaded = plan_from_json(r#"["medical.internet-hospital",1,null,"gone.x"]"#, catalog);
        assert!(!loaded.unreadable);
        assert_eq!(loaded.value, ["medical.internet-hospital"]);
        assert_eq!(loaded.dropped, ["1", "null", "gone.x"]);
        assert!(plan_from_json(r#"{"a":1}"#, catalog).unreadable);
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(plan_from_json(&deep, catalog).unreadable);
        assert!(profile_from_json(&deep, catalog).unreadable);
    }

    #[test]
    fn a_share_link_never_replaces_data_without_asking() {
        let mut own = Profile::default();
        own.applicant.insert("business-licence".into(), 1);
        let shared = (
            vec!["medical.internet-hospital".to_owned()],
            Profile::default(),
        );
        assert_eq!(
            share_outcome(&(Vec::new(), Profile::default()), &[], &own),
            ShareOutcome::Nothing
        );
        assert_eq!(
            share_outcome(&shared, &[], &Profile::default()),
            ShareOutcome::Take
        );
        assert_eq!(share_outcome(&shared, &[], &own), ShareOutcome::Ask);
        assert_eq!(
            share_outcome(&shared, &shared.0, &Profile::default()),
            ShareOutcome::Same
        );
    }

    #[test]
    fn a_profile_from_a_later_version_is_read_and_marked() {
        let loaded = profile_from_json(
            r#"{"version":9,"applicant":{"business-licence":1},"future":{"x":1}}"#,
            catalog(),
        );
        assert!(loaded.newer && !loaded.unreadable);
        assert_eq!(loaded.value.applicant.len(), 1);
        let loaded = profile_from_json(r#"{"version":9,"applicant":[1]}"#, catalog());
        assert!(loaded.newer && loaded.unreadable);
    }

    #[test]
    fn plan_exports_name_every_document_once() {
        let catalog = catalog();
        let ids = vec![
            "medical.drug-info".to_owned(),
            "medical.device-info".to_owned(),
        ];
        let plan = catalog.plan(&ids, &Profile::default());
        let markdown = plan_markdown(&plan, catalog, Lang::Zh, None);
        assert!(markdown.contains("医疗服务 > 药品信息展示"));
        let first = &plan.documents[0].name;
        assert_eq!(
            markdown.matches(&format!(" {first}")).count(),
            1,
            "{markdown}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&plan_json(&plan, catalog, None)).expect("json");
        assert_eq!(json["categories"][0]["id"], "medical.drug-info");
        assert_eq!(json["categories"][0]["category"], "医疗服务 > 药品信息展示");
    }
}
