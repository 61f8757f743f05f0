//! Issue 13: which catalogue this is (`--version`, `info`), and what changed
//! between two (`diff`), with its errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn leimu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leimu"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run leimu")
}

fn catalog_json() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/generated/catalog.json")
}

fn provenance() -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/provenance.toml");
    toml::from_str(&std::fs::read_to_string(path).expect("provenance.toml")).expect("toml")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch folder of this test binary's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("leimu-versions-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn info_names_the_catalogue_as_provenance_toml_sets_it() {
    let output = leimu(&["info", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let info: Value = serde_json::from_str(&stdout(&output)).expect("json");
    let provenance = provenance();
    assert_eq!(info["version"], provenance["version"].as_str().unwrap());
    assert_eq!(info["taken"], provenance["taken"].as_str().unwrap());
    assert_eq!(
        info["source_sha256"],
        provenance["source_sha256"].as_str().unwrap()
    );
    assert_eq!(info["title"], "非个人主体小程序开放的服务类目");
    assert_eq!(info["categories"], 379);

    let text = stdout(&leimu(&["info"]));
    let version = format!("catalogue {}:", provenance["version"].as_str().unwrap());
    assert!(text.starts_with(&version), "{text}");
    let version_flag = stdout(&leimu(&["--version"]));
    assert!(version_flag.contains(&version), "{version_flag}");
}

#[test]
fn identical_catalogues_give_an_empty_diff() {
    let path = catalog_json();
    let path = path.to_str().unwrap();
    let output = leimu(&["diff", path, path, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let diff: Value = serde_json::from_str(&stdout(&output)).expect("json");
    for key in ["added", "removed", "renamed", "changed"] {
        assert_eq!(diff[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(diff["from"], diff["to"]);
    assert_eq!(
        diff["to"]["version"],
        provenance()["version"].as_str().unwrap()
    );
    let text = stdout(&leimu(&["diff", path, path]));
    assert!(text.contains("No category changed."), "{text}");
    let text = stdout(&leimu(&["--lang", "zh", "diff", path, path]));
    assert!(text.contains("没有类目变化。"), "{text}");
}

#[test]
fn the_published_history_reads_and_todays_version_is_unchanged() {
    let history = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/history");
    let version = provenance()["version"].as_str().unwrap().to_owned();
    let published = history.join(format!("{version}.json"));
    let current = catalog_json();
    let output = leimu(&[
        "diff",
        published.to_str().unwrap(),
        current.to_str().unwrap(),
        "--json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let diff: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(diff["changed"], serde_json::json!([]));
    assert_eq!(diff["from"]["version"], version.as_str());
}

#[test]
fn a_changed_catalogue_is_told_category_by_category() {
    let dir = scratch("changed");
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(catalog_json()).unwrap()).unwrap();
    data["provenance"]["version"] = "test.2".into();
    let leaves = data["leaves"].as_array_mut().unwrap();
    // Removed: the first leaf. Renamed: the second. Changed: 互联网医院 gets
    // email-only, a note line and loses its rule's first alternative.
    let removed = leaves.remove(0);
    leaves[0]["path"][1] = "收件与派件".into();
    let hospital = leaves
        .iter_mut()
        .find(|l| l["id"] == "medical.internet-hospital")
        .unwrap();
    hospital["email_only"] = true.into();
    let notes = hospital["notes"].as_str().unwrap();
    hospital["notes"] = if notes.is_empty() {
        "新的一句备注。".to_owned()
    } else {
        format!("{notes}\n新的一句备注。")
    }
    .into();
    let mut added = removed.clone();
    added["id"] = "logistics.new-one".into();
    added["path"][1] = "新类目".into();
    leaves.push(added);
    let new = dir.join("new.json");
    std::fs::write(&new, serde_json::to_string(&data).unwrap()).unwrap();

    let old = catalog_json();
    let output = leimu(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let diff: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(diff["to"]["version"], "test.2");
    assert_eq!(diff["removed"][0]["id"], removed["id"]);
    assert_eq!(diff["added"][0]["id"], "logistics.new-one");
    assert_eq!(diff["added"][0]["category"], "物流服务 > 新类目");
    assert_eq!(diff["renamed"].as_array().unwrap().len(), 1);
    assert!(
        diff["renamed"][0]["to"]
            .as_str()
            .unwrap()
            .starts_with("物流服务 > 收件与派件 > "),
        "{diff:#}"
    );
    let changed = diff["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(changed[0]["id"], "medical.internet-hospital");
    let changes = changed[0]["changes"].as_array().unwrap();
    let notes = changes.iter().find(|c| c["what"] == "text").unwrap();
    assert_eq!(notes["field"], "notes");
    let added_lines: Vec<&Value> = notes["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["op"] != "same")
        .collect();
    assert_eq!(added_lines.len(), 1);
    assert_eq!(added_lines[0]["text"], "新的一句备注。");
    let flag = changes.iter().find(|c| c["what"] == "flag").unwrap();
    assert_eq!(
        (&flag["flag"], &flag["from"], &flag["to"]),
        (&"email_only".into(), &false.into(), &true.into())
    );

    let text = stdout(&leimu(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]));
    assert!(
        text.contains("1 added, 1 removed, 1 renamed, 1 changed."),
        "{text}"
    );
    assert!(text.contains("      + 新的一句备注。"), "{text}");
    assert!(text.contains("by email only: no → yes"), "{text}");
    let zh = stdout(&leimu(&[
        "--lang",
        "zh",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]));
    assert!(
        zh.contains("新增 1 个，删除 1 个，改名 1 个，修改 1 个类目。"),
        "{zh}"
    );
    assert!(zh.contains("仅限邮件申请: 否 → 是"), "{zh}");
}

#[test]
fn a_changed_rule_is_told_as_ways_and_documents() {
    let dir = scratch("ways");
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(catalog_json()).unwrap()).unwrap();
    let leaves = data["leaves"].as_array_mut().unwrap();
    let pickup = leaves
        .iter_mut()
        .find(|l| l["id"] == "logistics.pickup-delivery")
        .unwrap();
    // The first of its three alternatives (经营快递业务企业: the permit) is gone.
    let alternatives = pickup["rule"]["kind"]["any_of"]["children"]
        .as_array_mut()
        .unwrap();
    alternatives.remove(0);
    let new = dir.join("new.json");
    std::fs::write(&new, serde_json::to_string(&data).unwrap()).unwrap();
    let old = catalog_json();
    let output = leimu(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--json",
    ]);
    let diff: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let changes = &diff["changed"][0]["changes"];
    let ways = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["what"] == "ways")
        .unwrap();
    assert_eq!(ways["gained"], serde_json::json!([]));
    assert_eq!(ways["lost"].as_array().unwrap().len(), 1, "{ways:#}");
    assert_eq!(
        ways["lost"][0]["kinds"],
        serde_json::json!(["经营快递业务企业"])
    );
    assert_eq!(
        ways["lost"][0]["documents"][0]["name"],
        "快递业务经营许可证"
    );
    assert_eq!(ways["lost"][0]["documents"][0]["count"], 1);
    // The permit is still in the partner's alternative: no document left.
    assert!(
        !changes
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["what"] == "documents"),
        "{changes:#}"
    );
}

#[test]
fn bad_input_exits_2_with_a_clear_error() {
    let dir = scratch("bad");
    let good = catalog_json();
    let good = good.to_str().unwrap();
    let cases = [
        (
            "malformed.json",
            "{\"schema\": 2,\n  \"leaves\": [",
            "malformed JSON: EOF while parsing a list at line 2 column 13",
        ),
        (
            "schema.json",
            "{\"schema\": 99, \"leaves\": [], \"documents\": [], \"first_levels\": []}",
            "schema version 99, and this leimu reads schema 2",
        ),
        (
            "schema-text.json",
            "{\"schema\": \"two\", \"leaves\": [], \"documents\": [], \"first_levels\": []}",
            "schema version is `\"two\"`",
        ),
        (
            "other.json",
            "{\"name\": \"leimu\", \"version\": \"0.1.0\"}",
            "not a leimu catalogue (it has no `schema`)",
        ),
        (
            "array.json",
            "[1, 2]",
            "not a leimu catalogue (the JSON is not an object)",
        ),
        (
            "shape.json",
            "{\"schema\": 2, \"leaves\": 3, \"documents\": [], \"first_levels\": []}",
            "not a leimu catalogue (invalid type",
        ),
    ];
    for (name, contents, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        for args in [
            ["diff", good, path.to_str().unwrap()],
            ["diff", path.to_str().unwrap(), good],
        ] {
            let output = leimu(&args);
            assert_eq!(output.status.code(), Some(2), "{name}");
            let message = stderr(&output);
            assert!(message.starts_with("error: "), "{message}");
            assert!(message.contains(name), "{message}");
            assert!(message.contains(expected), "{name}: {message}");
            assert!(output.stdout.is_empty());
        }
    }
    let missing = dir.join("missing.json");
    let output = leimu(&["diff", good, missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );
}
