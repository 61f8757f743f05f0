//! The `leimu` command line as scripts use it: JSON shapes, exit codes, errors.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn leimu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leimu"))
        .args(args)
        .output()
        .expect("leimu runs")
}

fn json(args: &[&str]) -> Value {
    let output = leimu(args);
    assert!(
        output.status.success(),
        "leimu {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("leimu {args:?} printed invalid JSON: {e}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn list_names_every_leaf_by_path_and_id() {
    let list = json(&["list", "--json"]);
    let items = list.as_array().expect("an array");
    assert!(items.len() > 370, "{} leaves", items.len());
    let categories: Vec<&str> = items
        .iter()
        .map(|i| i["category"].as_str().expect("category"))
        .collect();
    assert!(categories.contains(&"物流服务 > 收件/派件"));
    assert!(categories.contains(&"生活服务 > 丽人服务 > 美甲"));
    let mut ids: Vec<&str> = items
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), items.len(), "ids are unique");
}

#[test]
fn check_satisfied_reports_the_way() {
    let verdict = json(&[
        "check",
        "物流服务 > 收件/派件",
        "--have",
        "快递业务经营许可证",
        "--json",
    ]);
    assert_eq!(verdict["category"], "物流服务 > 收件/派件");
    assert_eq!(verdict["status"], "satisfied");
    assert_eq!(verdict["missing"], Value::Array(vec![]));
    let used = &verdict["satisfied_by"]["relies_on"][0];
    assert_eq!(used["name"], "快递业务经营许可证");
}

#[test]
fn check_missing_lists_shortest_completions_first() {
    let verdict = json(&["check", "logistics.pickup-delivery", "--json"]);
    assert_eq!(verdict["status"], "missing");
    let missing = verdict["missing"].as_array().expect("missing");
    assert!(
        missing.len() >= 2,
        "several alternatives, not just the first: {missing:?}"
    );
    let lengths: Vec<usize> = missing
        .iter()
        .map(|c| c.as_array().expect("a completion").len())
        .collect();
    assert!(
        lengths.windows(2).all(|w| w[0] <= w[1]),
        "shortest first: {lengths:?}"
    );
    assert!(missing[0][0]["name"].is_string());
}

#[test]
fn check_accepts_any_spelling_and_brackets() {
    let a = json(&[
        "check",
        "互联网医院",
        "--have",
        "《医疗机构执业许可证》",
        "--json",
    ]);
    let b = json(&[
        "check",
        "医疗服务 > 互联网医院",
        "--have",
        "医疗机构执业许可证",
        "--json",
    ]);
    assert_eq!(a["status"], b["status"]);
    assert_eq!(a["id"], "medical.internet-hospital");
}

#[test]
fn unknown_category_names_the_closest_and_exits_2() {
    let output = leimu(&["check", "互联网医", "--json"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no category matches `互联网医`"),
        "{message}"
    );
    assert!(
        message.contains("互联网医院"),
        "closest matches are named: {message}"
    );
}

#[test]
fn unknown_document_names_the_closest_and_exits_2() {
    let output = leimu(&[
        "check",
        "互联网医院",
        "--have",
        "医疗机构执业许可",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no document matches `医疗机构执业许可`"),
        "{message}"
    );
    assert!(message.contains("医疗机构执业许可证"), "{message}");
}

#[test]
fn ambiguous_leaf_names_list_the_options() {
    // 其他 is a leaf under 丽人服务 and under 餐饮服务场所.
    let output = leimu(&["check", "其他"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("names several categories"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["frobnicate"],
        vec!["check"],
        vec!["check", "x", "--have"],
        vec!["search"],
    ] {
        let output = leimu(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).starts_with("error: "),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn unlock_lists_satisfied_and_one_away() {
    let items = json(&["unlock", "--have", "医疗机构执业许可证", "--json"]);
    let items = items.as_array().expect("array");
    let find = |id: &str| items.iter().find(|i| i["id"] == id);
    let tier3 = find("medical.private-tier3").expect("三级私立医疗机构 needs only the licence");
    assert_eq!(tier3["status"], "satisfied");
    assert!(tier3["category"].as_str().expect("path").contains(" > "));
    let public = find("medical.public-institution").expect("公立医疗机构 is one document away");
    assert_eq!(public["status"], "missing");
    assert_eq!(public["one_away"][0]["name"], "事业单位法人证书");
}

#[test]
fn search_is_ranked_with_paths() {
    let hits = json(&["search", "互联网医院", "--json"]);
    assert_eq!(hits[0]["id"], "medical.internet-hospital");
    assert_eq!(hits[0]["category"], "医疗服务 > 互联网医院");
    assert!(hits[0]["matches"].as_array().is_some_and(|m| !m.is_empty()));
}

#[test]
fn show_prints_the_rules_as_a_tree() {
    let output = leimu(&["show", "medical.clinical-trial"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("医疗服务 > 临床试验"));
    assert!(text.contains("one of these"), "{text}");
    assert!(text.contains("    "), "nested rules are indented: {text}");
}

#[test]
fn validate_reports_problems_with_file_and_line() {
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog");
    let ok = leimu(&["validate", catalog.to_str().expect("utf-8 path")]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    // A broken copy: a rule that quotes a document the text does not have, and a TOML error.
    let scratch = std::env::temp_dir().join(format!("leimu-validate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&catalog, &scratch);
    let file = scratch.join("categories/01-logistics.toml");
    let text = std::fs::read_to_string(&file).expect("logistics file");
    std::fs::write(
        &file,
        text.replacen(
            "doc \"《快递业务经营许可证》\"",
            "doc \"《快递业务经营许可书》\"",
            1,
        ),
    )
    .expect("write");
    std::fs::write(
        scratch.join("categories/02-education.toml"),
        "id = \"education\"\nname = [\n",
    )
    .expect("write");
    let bad = leimu(&["validate", scratch.to_str().expect("utf-8 path")]);
    let printed = String::from_utf8_lossy(&bad.stdout);
    let _ = std::fs::remove_dir_all(&scratch);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        printed.contains("categories/01-logistics.toml:"),
        "{printed}"
    );
    assert!(printed.contains("《快递业务经营许可书》"), "{printed}");
    assert!(
        printed.contains("categories/02-education.toml:"),
        "every problem, not only the first: {printed}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn a_reader_leaving_early_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_leimu"))
        .args(["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("leimu runs");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The pipe is closed here, as `| head` does.
    let output = child.wait_with_output().expect("leimu ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success());
}
