//! The API's functions in plain Rust: JSON text in, a report struct or a
//! message out. `lib.rs` only moves these across the wasm boundary, so
//! everything here is tested natively (`cargo test -p leimu-js`).
//!
//! Each answer is built by `leimu_engine::report`, exactly as the CLI builds
//! its `--json` output, so the two cannot drift apart.

use leimu_engine::Catalog;
use leimu_engine::Profile;
use leimu_engine::model::Leaf;
use leimu_engine::report::{
    CategoryDetails, Hints, ListEntry, PlanReport, SearchReport, UnlockReport, VerdictReport,
    resolve_category, resolve_profile,
};

use crate::input;

/// The API's advice when nothing is close to an unknown name: its own functions.
const HINTS: Hints = Hints {
    category: "call `search(text)` to find one",
    document: "call `show(category)` to see a category's documents",
    kind: "call `show(category)` to see the kinds a category names",
};

/// `search(query, options?)`: ranked categories, best first.
pub fn search(catalog: &Catalog, query: &str, options: &str) -> Result<Vec<SearchReport>, String> {
    let query_value = input::parse(query, "the query")?;
    let query = input::text(&query_value, "the query", "卖茶叶")?;
    let options = input::search_options(&input::parse(options, "the options")?)?;
    Ok(SearchReport::all(
        catalog,
        &catalog.search(query, options.limit),
    ))
}

/// `check(category, profile?)`: the verdict for one category.
pub fn check(catalog: &Catalog, category: &str, profile: &str) -> Result<VerdictReport, String> {
    let leaf = leaf(catalog, category)?;
    let profile = read_profile(catalog, profile)?;
    let verdict = catalog
        .evaluate(&leaf.id, &profile)
        .ok_or_else(|| format!("category `{}` has no rule to evaluate", leaf.id))?;
    Ok(VerdictReport::new(catalog, leaf, &verdict))
}

/// `unlock(profile?)`: every category the profile satisfies or is one document away from.
pub fn unlock(catalog: &Catalog, profile: &str) -> Result<Vec<UnlockReport>, String> {
    let profile = read_profile(catalog, profile)?;
    Ok(UnlockReport::all(catalog, &catalog.unlock(&profile)))
}

/// `plan(categories, profile?)`: one checklist for several categories.
pub fn plan(catalog: &Catalog, categories: &str, profile: &str) -> Result<PlanReport, String> {
    let value = input::parse(categories, "the categories")?;
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for name in input::categories(&value)? {
        match resolve_category(catalog, name) {
            Ok(leaf) => ids.push(leaf.id.clone()),
            Err(problem) => problems.push(problem.message(&HINTS)),
        }
    }
    // Unknown categories and profile mistakes are reported together, so one fix-up round is enough.
    match read_profile(catalog, profile) {
        Ok(profile) if problems.is_empty() => {
            Ok(PlanReport::new(catalog, &catalog.plan(&ids, &profile)))
        }
        Ok(_) => Err(problems.join("\n")),
        Err(problem) => {
            problems.push(problem);
            Err(problems.join("\n"))
        }
    }
}

/// `show(category)`: a category's flags, verbatim source text and rule tree.
pub fn show(catalog: &Catalog, category: &str) -> Result<CategoryDetails, String> {
    Ok(CategoryDetails::new(catalog, leaf(catalog, category)?))
}

/// `list()`: every category, in source order.
pub fn list(catalog: &Catalog) -> Vec<ListEntry> {
    catalog.leaves().iter().map(ListEntry::new).collect()
}

fn leaf<'a>(catalog: &'a Catalog, category: &str) -> Result<&'a Leaf, String> {
    let value = input::parse(category, "the category")?;
    let name = input::category(&value, "the category")?;
    resolve_category(catalog, name).map_err(|problem| problem.message(&HINTS))
}

fn read_profile(catalog: &Catalog, profile: &str) -> Result<Profile, String> {
    let request = input::profile(&input::parse(profile, "the profile")?)?;
    resolve_profile(catalog, &request).map_err(|problems| {
        problems
            .iter()
            .map(|p| p.message(&HINTS))
            .collect::<Vec<_>>()
            .join("\n")
    })
}
