//! The API's functions in plain Rust (the wasm boundary only moves these
//! answers across): same answers as the shared report structs, clear
//! messages, and a package manifest that matches the workspace.

use leimu_engine::report::{Holding, LookupProblem, ProfileRequest};
use leimu_engine::report::{VerdictReport, resolve_category, resolve_profile};
use leimu_js::{answers, catalog};
use serde_json::Value;

fn json(value: &str) -> String {
    serde_json::to_string(value).expect("a string serialises")
}

#[test]
fn the_embedded_catalogue_loads() {
    assert!(catalog().expect("it loads").leaves().len() > 370);
}

#[test]
fn check_answers_with_the_shared_verdict_report() {
    let catalog = catalog().expect("it loads");
    let answer = answers::check(
        catalog,
        &json("互联网医院"),
        r#"{"have": ["《医疗机构执业许可证》"], "partners": {"medical-institution-practice-licence": 2}}"#,
    )
    .expect("a verdict");
    let leaf = resolve_category(catalog, "medical.internet-hospital").expect("a leaf");
    let profile = resolve_profile(
        catalog,
        &ProfileRequest {
            have: vec![Holding::parse("医疗机构执业许可证").expect("valid")],
            partner: vec![Holding::parse("医疗机构执业许可证=2").expect("valid")],
            ..ProfileRequest::default()
        },
    )
    .expect("known documents");
    let verdict = catalog.evaluate(&leaf.id, &profile).expect("a verdict");
    assert_eq!(answer, VerdictReport::new(catalog, leaf, &verdict));
}

#[test]
fn each_function_reports_its_mistakes() {
    let catalog = catalog().expect("it loads");
    let cases: [(Result<(), String>, &str); 8] = [
        (
            answers::check(catalog, "42", "null")
                .map(drop)
                .map_err(|f| f.message),
            "the category must be a string such as `互联网医院`, not a number",
        ),
        (
            answers::check(catalog, &json("互联网医"), "null")
                .map(drop)
                .map_err(|f| f.message),
            "no category matches `互联网医`; closest: `互联网医院`, `医疗服务 > 互联网医院`",
        ),
        (
            answers::check(catalog, &json("zzzzzzzzzz"), "null")
                .map(drop)
                .map_err(|f| f.message),
            "no category matches `zzzzzzzzzz`; call `search(text)` to find one",
        ),
        (
            answers::unlock(catalog, r#"{"have": ["zzzzzzzzzz"]}"#)
                .map(drop)
                .map_err(|f| f.message),
            "no document matches `zzzzzzzzzz`; call `show(category)` to see a category's documents",
        ),
        (
            answers::plan(catalog, "[]", "null")
                .map(drop)
                .map_err(|f| f.message),
            "the categories are empty; plan at least one category",
        ),
        (
            answers::search(catalog, "null", "null")
                .map(drop)
                .map_err(|f| f.message),
            "the query must be a string such as `卖茶叶`, not null",
        ),
        (
            answers::show(catalog, "{").map(drop).map_err(|f| f.message),
            "the category could not be read (EOF while parsing an object at line 1 column 1)",
        ),
        (
            answers::search(catalog, &json("x"), r#"{"limit": 0}"#)
                .map(drop)
                .map_err(|f| f.message),
            "options.limit must be a whole number of at least 1, not 0",
        ),
    ];
    for (result, expected) in cases {
        assert_eq!(result, Err(expected.to_owned()));
    }
}

#[test]
fn the_package_manifest_matches_the_workspace() {
    let manifest: Value = serde_json::from_str(include_str!("../package/package.json"))
        .expect("package.json is JSON");
    assert_eq!(manifest["name"], "leimu");
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["license"], env!("CARGO_PKG_LICENSE"));
    assert_eq!(manifest["type"], "module");
    let files: Vec<&str> = manifest["files"]
        .as_array()
        .expect("a files list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for file in [
        "leimu.js",
        "leimu.d.ts",
        "leimu_wasm.js",
        "leimu_wasm_bg.wasm",
    ] {
        assert!(files.contains(&file), "package.json's files lacks {file}");
    }
}

#[test]
fn failures_carry_the_names_that_did_not_resolve() {
    let catalog = catalog().expect("it loads");
    let failure = answers::plan(
        catalog,
        r#"["互联网医", "美甲"]"#,
        r#"{"have": ["zzzzzzzzzz"]}"#,
    )
    .expect_err("an unknown category and document");
    assert_eq!(
        failure.problems,
        [
            LookupProblem::UnknownCategory {
                query: "互联网医".into(),
                closest: vec!["互联网医院".into(), "医疗服务 > 互联网医院".into()],
            },
            LookupProblem::UnknownDocument {
                query: "zzzzzzzzzz".into(),
                closest: Vec::new(),
            },
        ]
    );
    assert_eq!(failure.message.lines().count(), 2, "{}", failure.message);
    // A malformed argument is not a lookup problem.
    let failure = answers::check(catalog, "42", "null").expect_err("a number");
    assert!(failure.problems.is_empty());
}
