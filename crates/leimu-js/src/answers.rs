//! The API's functions in plain Rust: JSON text in, a report struct or a
//! message out. `lib.rs` only moves these across the wasm boundary, so
//! everything here is tested natively (`cargo test -p leimu-js`).
//!
//! Each answer is built by `leimu_engine::report`, exactly as the CLI builds
//! its `--json` output, so the two cannot drift apart. A failure carries
//! its message and, when names did not resolve, the structured problems
//! (the thrown `Error`'s `problems`), so a host can offer the closest names
//! without parsing the message.

use leimu_engine::Catalog;
use leimu_engine::Profile;
use leimu_engine::model::Leaf;
use leimu_engine::report::{
    CategoryDetails, Hints, ListEntry, LookupProblem, PlanReport, SearchReport, UnlockReport,
    VerdictReport, resolve_category, resolve_profile_for,
};

use crate::input;

/// The API's advice when nothing is close to an unknown name: its own functions.
const HINTS: Hints = Hints {
    category: "call `search(text)` to find one",
    document: "call `show(category)` to see a category's documents",
    kind: "call `show(category)` to see the kinds a category names",
};

/// Why a call failed: the message, and the names that did not resolve (empty for a malformed argument).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub problems: Vec<LookupProblem>,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            problems: Vec::new(),
        }
    }
}

impl Failure {
    fn lookup(problems: Vec<LookupProblem>) -> Failure {
        Failure {
            message: problems
                .iter()
                .map(|p| p.message(&HINTS))
                .collect::<Vec<_>>()
                .join("\n"),
            problems,
        }
    }
}

/// `search(query, options?)`: ranked categories, best first.
pub fn search(catalog: &Catalog, query: &str, options: &str) -> Result<Vec<SearchReport>, Failure> {
    let query_value = input::parse(query, "the query")?;
    let query = input::text(&query_value, "the query", "卖茶叶")?;
    let options = input::search_options(&input::parse(options, "the options")?)?;
    Ok(SearchReport::all(
        catalog,
        &catalog.search(query, options.limit),
    ))
}

/// `check(category, profile?)`: the verdict for one category.
pub fn check(catalog: &Catalog, category: &str, profile: &str) -> Result<VerdictReport, Failure> {
    let leaf = leaf(catalog, category)?;
    let profile = read_profile(catalog, profile, &[leaf])?;
    let verdict = catalog
        .evaluate(&leaf.id, &profile)
        .ok_or_else(|| format!("category `{}` has no rule to evaluate", leaf.id))?;
    Ok(VerdictReport::new(catalog, leaf, &verdict))
}

/// `unlock(profile?)`: every category the profile satisfies or is one document away from.
pub fn unlock(catalog: &Catalog, profile: &str) -> Result<Vec<UnlockReport>, Failure> {
    let profile = read_profile(catalog, profile, &[])?;
    Ok(UnlockReport::all(catalog, &catalog.unlock(&profile)))
}

/// `plan(categories, profile?)`: one checklist for several categories.
pub fn plan(catalog: &Catalog, categories: &str, profile: &str) -> Result<PlanReport, Failure> {
    let value = input::parse(categories, "the categories")?;
    let mut leaves = Vec::new();
    let mut choices = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for (name, way) in input::categories(&value)? {
        match resolve_category(catalog, name) {
            Ok(leaf) => {
                if let Some(way) = way {
                    choices.insert(leaf.id.clone(), way);
                }
                leaves.push(leaf);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let ids: Vec<String> = leaves.iter().map(|l| l.id.clone()).collect();
    // Unknown categories and unknown documents or kinds are reported together, so one fix-up round is enough.
    let request = input::profile(&input::parse(profile, "the profile")?)?;
    match resolve_profile_for(catalog, &request, &leaves) {
        Ok(profile) if problems.is_empty() => Ok(PlanReport::new(
            catalog,
            &catalog.plan_choosing(&ids, &profile, &choices),
        )),
        Ok(_) => Err(Failure::lookup(problems)),
        Err(more) => {
            problems.extend(more);
            Err(Failure::lookup(problems))
        }
    }
}

/// `show(category)`: a category's flags, verbatim source text and rule tree.
pub fn show(catalog: &Catalog, category: &str) -> Result<CategoryDetails, Failure> {
    Ok(CategoryDetails::new(catalog, leaf(catalog, category)?))
}

/// `info()`: which catalogue this is (its version, the source text's title,
/// the day it was taken and its SHA-256), as `leimu info --json` says it.
pub fn info(catalog: &Catalog) -> leimu_engine::report::CatalogueInfo {
    leimu_engine::report::CatalogueInfo::of(catalog.data())
}

/// `list()`: every category, in source order.
pub fn list(catalog: &Catalog) -> Vec<ListEntry> {
    catalog.leaves().iter().map(ListEntry::new).collect()
}

fn leaf<'a>(catalog: &'a Catalog, category: &str) -> Result<&'a Leaf, Failure> {
    let value = input::parse(category, "the category")?;
    let name = input::category(&value, "the category")?;
    resolve_category(catalog, name).map_err(|problem| Failure::lookup(vec![problem]))
}

/// A generic document name (合作协议) means the one `categories` need.
fn read_profile(
    catalog: &Catalog,
    profile: &str,
    categories: &[&Leaf],
) -> Result<Profile, Failure> {
    let request = input::profile(&input::parse(profile, "the profile")?)?;
    resolve_profile_for(catalog, &request, categories).map_err(Failure::lookup)
}
