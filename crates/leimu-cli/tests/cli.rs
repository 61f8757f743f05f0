//! The `leimu` command line as scripts use it: JSON shapes, exit codes, errors.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `leimu` with `args` in an English locale (the messages tests compare are English).
fn leimu(args: &[&str]) -> Output {
    leimu_os(args.iter().map(OsString::from), &[("LC_ALL", "C.UTF-8")])
}

/// `leimu` with any arguments and locale variables (the others are removed).
fn leimu_os(args: impl IntoIterator<Item = OsString>, locale: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_leimu"));
    command
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in locale {
        command.env(name, value);
    }
    command.output().expect("leimu runs")
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
        "--kind",
        "经营快递业务企业",
        "--json",
    ]);
    assert_eq!(verdict["category"], "物流服务 > 收件/派件");
    assert_eq!(verdict["status"], "satisfied");
    assert_eq!(verdict["missing"], Value::Array(vec![]));
    let used = &verdict["satisfied_by"]["relies_on"][0];
    assert_eq!(used["name"], "快递业务经营许可证");
    // Without saying what the applicant is, the way's label is left to confirm.
    let unsure = json(&[
        "check",
        "物流服务 > 收件/派件",
        "--have",
        "快递业务经营许可证",
        "--json",
    ]);
    assert_eq!(unsure["status"], "confirm");
    assert_eq!(unsure["to_confirm"][0]["type"], "applicant");
    assert_eq!(unsure["to_confirm"][0]["label"], "经营快递业务企业");
    let settled = json(&[
        "check",
        "物流服务 > 收件/派件",
        "--have",
        "快递业务经营许可证",
        "--confirm",
        "经营快递业务企业",
        "--json",
    ]);
    assert_eq!(settled["status"], "satisfied");
}

#[test]
fn the_profile_takes_kinds_in_the_sources_words_approvals_scope_and_answers() {
    // 企业 fits 内资企业主体 (left to confirm), and the pasted scope settles the condition.
    let factoring = json(&[
        "check",
        "金融业 > 商业保理",
        "--have",
        "营业执照",
        "--kind",
        "企业主体",
        "--scope",
        "一般项目：商业保理；企业管理咨询",
        "--json",
    ]);
    assert_eq!(factoring["status"], "confirm");
    assert_eq!(
        factoring["satisfied_by"]["checked"][0]["matched"],
        "商业保理"
    );
    // A scope that lacks every term the source lists fails the condition.
    let tea = json(&[
        "check",
        "金融业 > 商业保理",
        "--have",
        "营业执照",
        "--kind",
        "内资企业",
        "--scope",
        "茶叶销售",
        "--json",
    ]);
    assert_eq!(tea["status"], "missing");
    assert_eq!(tea["completions"][0]["unmet"][0]["reason"]["type"], "scope");
    // A prerequisite category counts unless it is approved.
    let args = [
        "check",
        "网上竞价平台（非文物）",
        "--partner",
        "拍卖经营批准证书=2",
        "--have",
        "其他平台良好经营情况的证明材料",
        "--have",
        "承诺函",
        "--json",
    ];
    assert_eq!(json(&args)["status"], "missing");
    let mut approved = args.to_vec();
    approved.extend(["--approved", "电商平台 > 电商平台"]);
    let verdict = json(&approved);
    assert_eq!(verdict["status"], "confirm");
    assert_eq!(verdict["prerequisites"][0]["approved"], true);
}

#[test]
fn names_that_may_mean_several_things_are_never_picked_silently() {
    let output = leimu(&["unlock", "--have", "合作协议"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("`合作协议` may mean several documents"),
        "{message}"
    );
    assert!(message.contains("商家自营 > 免税商店"), "{message}");
    // Inside one category the category decides.
    let duty_free = json(&[
        "check",
        "商家自营 > 免税商店",
        "--have",
        "合作协议",
        "--partner",
        "免税商店经营许可",
        "--json",
    ]);
    assert_eq!(duty_free["documents_ready"], true);
    let kind = leimu(&["check", "保险", "--kind", "银行机构主体/非银行金融机构主体"]);
    assert_eq!(kind.status.code(), Some(2));
    assert!(stderr(&kind).contains("say which one you are: `银行`, `非银行金融机构`"));
    let clash = leimu(&["unlock", "--kind", "企业", "--kind", "政府主体"]);
    assert_eq!(clash.status.code(), Some(2));
    assert!(
        stderr(&clash).contains("cannot both be true"),
        "{}",
        stderr(&clash)
    );
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
        vec!["list", "--have", "x"],
        vec!["search", "x", "--limit", "many"],
        vec!["check", "a", "--have", "x=0"],
        vec!["check", "医疗服务", "互联网医院"],
        vec!["--lang", "fr", "list"],
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
    // …but the licence does not show the tier: “非三级医疗机构主体，建议选…” is asked.
    assert_eq!(tier3["status"], "confirm");
    assert_eq!(tier3["to_confirm"][0]["type"], "situation");
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
fn search_prints_the_sources_limit_on_a_line_of_its_own() {
    // Never cut off with the reasons: "暂不支持涉及vpn等服务" is what an
    // applicant for 网络代理 must read before applying.
    let output = leimu(&["search", "VPN", "--lang", "en", "--limit", "1"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines()
            .any(|l| l.trim() == "the source limits this: 暂不支持涉及vpn等服务"),
        "{text}"
    );
    let hits = json(&["search", "卖处方药", "--json"]);
    let otc = hits
        .as_array()
        .and_then(|h| h.iter().find(|h| h["id"] == "medical.otc-sales"))
        .expect("卖处方药 finds 药品（非处方药）销售");
    let limits: Vec<&Value> = otc["because"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter(|b| b["kind"] == "limit")
        .collect();
    assert_eq!(limits.len(), 1, "{otc}");
    assert_eq!(limits[0]["text"], "该类目不支持在线销售处方药");
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

/// No byte sequence in any position crashes the CLI: each is a usage error
/// (exit 2) that shows the bytes, or an ordinary answer.
#[test]
fn arguments_that_are_not_utf8_are_usage_errors() {
    let bad = || OsString::from_vec(vec![0xff, 0xfe]);
    let text = |s: &str| OsString::from(s);
    let cases: Vec<Vec<OsString>> = vec![
        vec![text("check"), bad()],
        vec![bad()],
        vec![text("check"), text("互联网医院"), text("--have"), bad()],
        vec![text("check"), text("互联网医院"), text("--partner"), bad()],
        vec![text("unlock"), text("--kind"), bad()],
        vec![text("plan"), text("互联网医院"), bad()],
        vec![text("search"), bad(), text("--json")],
        vec![text("show"), bad()],
        vec![text("list"), text("--lang"), bad()],
        vec![text("search"), text("x"), text("--limit"), bad()],
        vec![OsString::from_vec(b"--lang=\xff".to_vec())],
        vec![text("completions"), bad()],
    ];
    for args in cases {
        let output = leimu_os(args.clone(), &[("LC_ALL", "C.UTF-8")]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{args:?}: {message}");
    }
    let output = leimu_os([text("check"), bad()], &[]);
    assert!(
        stderr(&output).contains("CATEGORY `\\xFF\\xFE` is not valid UTF-8"),
        "the bad argument is shown: {}",
        stderr(&output)
    );
}

#[test]
fn every_subcommand_has_its_help() {
    for command in [
        "list",
        "show",
        "check",
        "unlock",
        "plan",
        "search",
        "validate",
        "completions",
        "man",
    ] {
        for args in [vec![command, "--help"], vec!["help", command]] {
            let output = leimu(&args);
            assert!(output.status.success(), "{args:?}");
            let help = String::from_utf8_lossy(&output.stdout);
            assert!(
                help.contains(&format!("Usage: leimu {command}")),
                "{args:?}: {help}"
            );
        }
    }
    let output = leimu(&["check", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--have", "--partner", "--kind", "--json", "--lang"] {
        assert!(help.contains(option), "{option}: {help}");
    }
    // No arguments at all: the program's help, not an error.
    let output = leimu(&[]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("Commands:"));
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef leimu"),
        ("fish", "complete -c leimu"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = leimu(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("unlock"), "{shell} completes subcommands");
        assert!(script.contains("partner"), "{shell} completes options");
    }
}

#[test]
fn man_page() {
    let output = leimu(&["man"]);
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..page.len().min(200)]
    );
    assert!(page.contains(".TH leimu"), "{page}");
    assert!(page.contains("check"), "{page}");
}

#[test]
fn version_names_the_program_and_the_catalogue() {
    for flag in ["--version", "-V"] {
        let output = leimu(&[flag]);
        assert!(output.status.success());
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.starts_with(&format!("leimu {}\n", env!("CARGO_PKG_VERSION"))),
            "{text}"
        );
        assert!(
            text.contains(": 非个人主体小程序开放的服务类目, taken 20"),
            "{text}"
        );
        assert!(
            text.contains("schema 2; 24 first-level categories, 379 categories"),
            "{text}"
        );
    }
    let zh = leimu_os(["--version".into()], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        String::from_utf8_lossy(&zh.stdout).contains("：非个人主体小程序开放的服务类目，原文取于")
    );
}

/// Headings and messages follow `--lang`, else the locale (LC_ALL, then
/// LC_MESSAGES, then LANG); catalogue text and JSON never change.
#[test]
fn language_from_the_flag_or_the_locale() {
    let check = ["check", "互联网医院"];
    let english = |output: &Output| String::from_utf8_lossy(&output.stdout).contains("MISSING");
    let chinese = |output: &Output| String::from_utf8_lossy(&output.stdout).contains("缺少资料");
    let os = |args: &[&str]| args.iter().map(OsString::from).collect::<Vec<_>>();
    assert!(english(&leimu_os(os(&check), &[])), "no locale: English");
    assert!(chinese(&leimu_os(os(&check), &[("LANG", "zh_CN.UTF-8")])));
    assert!(english(&leimu_os(
        os(&check),
        &[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]
    )));
    assert!(chinese(&leimu_os(
        os(&check),
        &[("LANG", "C"), ("LC_ALL", "zh_TW.UTF-8")]
    )));
    assert!(english(&leimu_os(
        os(&["check", "互联网医院", "--lang", "en"]),
        &[("LC_ALL", "zh_CN.UTF-8")]
    )));
    assert!(chinese(&leimu_os(
        os(&["--lang=zh", "check", "互联网医院"]),
        &[]
    )));
    // Catalogue text is the source's in both languages.
    let zh = leimu_os(os(&["show", "互联网医院", "--lang", "zh"]), &[]);
    let en = leimu_os(os(&["show", "互联网医院", "--lang", "en"]), &[]);
    for output in [&zh, &en] {
        assert!(
            String::from_utf8_lossy(&output.stdout)
                .contains("①卫生健康部门的《设置医疗机构批准书》")
        );
    }
    assert!(String::from_utf8_lossy(&zh.stdout).contains("规则："));
    // Messages too, with the closest names.
    let unknown = leimu_os(os(&["check", "互联网医", "--lang", "zh"]), &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).starts_with("错误：没有与 `互联网医` 匹配的类目；最接近的：`互联网医院`"),
        "{}",
        stderr(&unknown)
    );
    // clap's usage errors too, with the closest names.
    let typo = leimu_os(os(&["chek", "互联网医院"]), &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).starts_with("错误：没有 `chek` 这个命令；最接近的：`check`"),
        "{}",
        stderr(&typo)
    );
    let option = leimu_os(os(&["check", "x", "--hve", "y", "--lang", "zh"]), &[]);
    assert!(
        stderr(&option).starts_with("错误：不认识的选项或参数 `--hve`；最接近的：`--have`"),
        "{}",
        stderr(&option)
    );
    // Help too.
    let help = leimu_os(os(&["check", "--help", "--lang", "zh"]), &[]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("申请主体自己持有的资料"));
    // JSON is the same in both.
    let json = |lang: &str| {
        leimu_os(
            os(&[
                "check",
                "互联网医院",
                "--have",
                "医疗机构执业许可证",
                "--json",
                "--lang",
                lang,
            ]),
            &[],
        )
        .stdout
    };
    assert_eq!(json("zh"), json("en"));
}
