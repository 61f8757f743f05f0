//! Issue 9 at the command line: what the applicant says (`--kind` in the
//! source's words), names typed the way the source writes them, the messages
//! when every way is hidden or a name is ambiguous, prerequisites and plans.
//! The verdicts themselves are data cases (tests/cases/3*.toml); here are the
//! words a person reads and the exit codes a script sees.

use std::process::{Command, Output};

use serde_json::Value;

fn leimu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leimu"))
        .args(args)
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("leimu runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let output = leimu(args);
    assert!(
        output.status.success(),
        "leimu {args:?}: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_sources_kind_words_are_accepted() {
    for (category, kind) in [
        ("金融业 > 商业保理", "企业主体"),
        ("金融业 > 商业保理", "内资企业主体"),
        ("金融业 > 商业保理", "外资企业主体"),
        ("金融业 > 保险", "银行主体"),
        ("金融业 > 保险", "非银行金融机构主体"),
        ("金融业 > 信用卡", "非银行主体"),
        ("政务民生 > 海关", "政府主体"),
        ("政务民生 > 海关", "事业单位主体"),
        ("医疗服务 > 互联网医院", "医疗机构主体"),
        ("医疗服务 > 临床试验", "公立医疗机构主体"),
        ("医疗服务 > 临床试验", "有临床试验资质医疗机构主体"),
        ("教育服务 > 学历教育（学校）", "学校主体"),
        ("教育服务 > 学历教育（学校）", "公立学校"),
        ("物流服务 > 货物运输", "空运"),
        ("物流服务 > 货物运输", "非陆运"),
    ] {
        let output = leimu(&["check", category, "--kind", kind, "--json"]);
        assert!(
            output.status.success(),
            "--kind {kind}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn an_enterprise_is_not_shut_out_of_the_issues_categories() {
    for (category, have) in [
        ("金融业 > 商业保理", "营业执照"),
        ("政务民生 > 海关", "资质授权文件"),
        ("物流服务 > 收件/派件", "快递业务经营许可证"),
        ("交通服务 > 网约车 > 专车", "网络预约出租汽车经营许可证"),
        ("旅游服务 > 住宿服务", "营业执照"),
        ("时政信息 > 时政信息", "互联网新闻信息服务许可证"),
    ] {
        let verdict = json(&[
            "check",
            category,
            "--have",
            have,
            "--kind",
            "企业主体",
            "--json",
        ]);
        assert!(
            verdict["documents_ready"] == true,
            "{category} with {have} and 企业主体: {verdict}"
        );
        let text = stdout(&leimu(&[
            "check",
            category,
            "--have",
            have,
            "--kind",
            "企业主体",
        ]));
        assert!(
            !text.contains("no alternative is open"),
            "{category}: {text}"
        );
    }
}

#[test]
fn when_every_way_is_hidden_the_answer_names_the_labels_and_what_reopens_them() {
    let output = leimu(&["check", "金融业 > 保险", "--kind", "政府主体"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in [
        "MISSING",
        "no alternative is open",
        "保险机构主体",
        "保险中介机构主体",
        "银行机构主体/非银行金融机构主体",
        "is 政府机关",
        "take that back to reopen it",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
    let zh = Command::new(env!("CARGO_BIN_EXE_leimu"))
        .args([
            "--lang",
            "zh",
            "check",
            "金融业 > 保险",
            "--kind",
            "政府主体",
        ])
        .output()
        .expect("runs");
    let zh = String::from_utf8_lossy(&zh.stdout).into_owned();
    for expected in ["没有可用的方案", "保险机构主体", "撤回即可重新考虑"] {
        assert!(zh.contains(expected), "`{expected}` missing from:\n{zh}");
    }
    let verdict = json(&["check", "金融业 > 保险", "--kind", "政府主体", "--json"]);
    assert_eq!(verdict["status"], "missing");
    let labels: Vec<&str> = verdict["excluded"]
        .as_array()
        .expect("excluded")
        .iter()
        .map(|h| h["label"].as_str().expect("label"))
        .collect();
    assert_eq!(
        labels,
        [
            "保险机构主体",
            "保险中介机构主体",
            "银行机构主体/非银行金融机构主体"
        ]
    );
    assert_eq!(verdict["excluded"][0]["because"][0]["kind"], "government");
    assert_eq!(verdict["excluded"][0]["because"][0]["is"], true);
}

#[test]
fn ambiguous_names_are_errors_listing_the_candidates_and_their_categories() {
    for (name, candidates) in [
        (
            "合作协议",
            &["商家自营 > 免税商店", "旅游服务 > 住宿服务"][..],
        ),
        (
            "授权证明",
            &["教育服务 > 校园缴费", "生活服务 > 生活缴费"][..],
        ),
        (
            "网络销售与实名制授权书",
            &[
                "电话卡销售（中国联通）",
                "电话卡销售（中国移动）",
                "电话卡销售（中国电信）",
                "电话卡销售（中国广电）",
            ][..],
        ),
        ("承诺函", &["小程序开发者承诺函"][..]),
    ] {
        let output = leimu(&["unlock", "--have", name]);
        assert_eq!(output.status.code(), Some(2), "unlock --have {name}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("`{name}` may mean several documents")),
            "{message}"
        );
        for candidate in candidates {
            assert!(
                message.contains(candidate),
                "`{candidate}` not offered: {message}"
            );
        }
        assert!(stdout(&output).is_empty(), "nothing is answered on a guess");
    }
    // `plan` over categories that do not decide is the same error.
    let output = leimu(&[
        "plan",
        "商家自营 > 免税商店",
        "旅游服务 > 住宿服务",
        "--have",
        "合作协议",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("may mean several documents"));
    // 收单商户服务 names two agreements itself: the category does not decide either.
    let output = leimu(&["check", "金融业 > 收单商户服务", "--have", "合作协议"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(
        message.contains("与银行卡收单机构的合作协议") && message.contains("与银行的合作协议"),
        "{message}"
    );
}

#[test]
fn the_names_the_source_writes_resolve_where_a_category_decides() {
    for (category, name, id) in [
        (
            "文娱 > 视频广场",
            "全国网络视听平台信息登记管理系统",
            "online-audiovisual-platform-registration-filing",
        ),
        (
            "社交 > 直播",
            "《全国网络视听平台信息登记管理系统》备案",
            "online-audiovisual-platform-registration-filing",
        ),
        (
            "商家自营 > 电话卡销售（中国联通）",
            "网络销售与实名制授权书",
            "china-unicom-sim-sales-authorisation",
        ),
        (
            "商家自营 > 电话卡销售（中国广电）",
            "网络销售与实名制授权书",
            "china-broadnet-sim-sales-authorisation",
        ),
        (
            "生活服务 > 生活缴费",
            "授权证明",
            "utility-collection-agreement",
        ),
        (
            "教育服务 > 校园缴费",
            "授权证明",
            "school-cooperation-agreement",
        ),
        (
            "深度合成 > AI问答",
            "在用证明",
            "deep-synthesis-in-use-proof",
        ),
        (
            "生活服务 > 生活缴费",
            "代收代缴合作协议",
            "utility-collection-agreement",
        ),
        (
            "内测 > 数字藏品（展示）",
            "小程序主体与底层链的合作协议",
            "blockchain-cooperation-agreement",
        ),
        (
            "教育服务 > 学历教育（学校）",
            "由教育行政部门出具的审批设立证明",
            "school-establishment-approval",
        ),
        (
            "内测 > 数字藏品（展示）",
            "类目承诺函",
            "category-commitment-letter",
        ),
        (
            "商家自营 > 免税商店",
            "合作协议",
            "duty-free-shop-cooperation-agreement",
        ),
        (
            "旅游服务 > 住宿服务",
            "合作协议",
            "lodging-provider-cooperation-agreement",
        ),
        (
            "交通服务 > 航空代理",
            "合作协议",
            "airline-airport-cooperation-agreement",
        ),
        (
            "教育服务 > 校园缴费",
            "合作协议",
            "school-cooperation-agreement",
        ),
        (
            "教育服务 > 驾校平台",
            "承诺函",
            "developer-commitment-letter",
        ),
    ] {
        let verdict = json(&["check", category, "--have", name, "--json"]);
        // Every document the answer counts as held (have > 0), in any way.
        let ways = verdict["completions"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(Some(&verdict["satisfied_by"]));
        let held: Vec<&str> = ways
            .flat_map(|w| {
                ["relies_on", "missing"]
                    .into_iter()
                    .filter_map(move |k| w[k].as_array())
                    .flatten()
            })
            .filter(|d| d["have"].as_u64().unwrap_or(0) > 0)
            .filter_map(|d| d["id"].as_str())
            .collect();
        assert!(
            held.contains(&id),
            "{category} --have {name}: expected {id} among the documents held, got {held:?}"
        );
    }
    // Names only one document has resolve anywhere, unlock included.
    for name in [
        "全国网络视听平台信息登记管理系统",
        "在用证明",
        "代收代缴合作协议",
        "小程序主体与底层链的合作协议",
        "由教育行政部门出具的审批设立证明",
        "类目承诺函",
    ] {
        let output = leimu(&["unlock", "--have", name, "--json"]);
        assert!(
            output.status.success(),
            "unlock --have {name}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn the_generic_letter_in_a_category_that_asks_for_another_letter() {
    // 承诺函 typed in 二手车 means the letter 二手车 asks for: 小程序主体承诺函 (line 2684).
    let verdict = json(&["check", "汽车服务 > 二手车", "--have", "承诺函", "--json"]);
    let relies_on_own_letter = verdict["completions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["relies_on"].as_array().into_iter().flatten())
        .any(|d| d["id"] == "mini-program-entity-commitment-letter");
    assert!(relies_on_own_letter, "{verdict}");
}

#[test]
fn prerequisites_are_explained_and_approved_categories_are_checked() {
    let text = stdout(&leimu(&[
        "check",
        "网上竞价平台（非文物）",
        "--partner",
        "拍卖经营批准证书=2",
        "--have",
        "其他平台良好经营情况的证明材料",
        "--have",
        "承诺函",
    ]));
    assert!(text.contains("MISSING"), "{text}");
    assert!(
        text.contains("requires 电商平台 > 电商平台 first"),
        "{text}"
    );
    assert!(text.contains("(for 电商平台 > 电商平台)"), "{text}");
    let plan = json(&[
        "plan",
        "网上竞价平台（非文物）",
        "--partner",
        "拍卖经营批准证书=2",
        "--have",
        "其他平台良好经营情况的证明材料",
        "--have",
        "承诺函",
        "--json",
    ]);
    assert!(
        plan["missing_count"].as_u64().expect("count") >= 5,
        "{plan}"
    );
    assert_eq!(
        plan["categories"][0]["chosen"]["missing"][0]["needed_for"]["type"],
        "prerequisite"
    );
    let approved = json(&[
        "plan",
        "网上竞价平台（文物）",
        "--partner",
        "拍卖经营批准证书=2",
        "--partner",
        "文物拍卖许可证=2",
        "--have",
        "与拍卖机构的合作协议=2",
        "--have",
        "其他平台良好经营情况的证明材料",
        "--have",
        "承诺函",
        "--approved",
        "电商平台 > 电商平台",
        "--json",
    ]);
    assert_eq!(approved["missing_count"], 0, "{approved}");
    let output = leimu(&[
        "check",
        "网上竞价平台（非文物）",
        "--approved",
        "电商平台 > 不存在",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("电商平台 > 不存在"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_hospitals_plan_says_whom_each_way_is_for_and_that_the_kind_decides() {
    let args = [
        "plan",
        "互联网医院",
        "药品（非处方药）销售",
        "--have",
        "医疗机构执业许可证",
        "--kind",
        "医疗机构主体",
    ];
    let text = stdout(&leimu(&args));
    for expected in [
        "[for: 医疗机构主体]",
        "[for: 药品生产企业]",
        "[for: 药品零售企业]",
        "depends on what kind of applicant you are",
        "the applicant is: 药品生产企业",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let plan = json(&with_json);
    let otc = &plan["categories"][1];
    assert_eq!(otc["depends_on_kind"], true);
    assert_eq!(otc["chosen"]["applicants"][0]["truth"], "unknown");
    // The user picks the retailer's way by its number.
    let ways = otc["ways"].as_array().expect("ways");
    let retail = ways
        .iter()
        .find(|w| w["applicants"][0]["label"] == "药品零售企业")
        .expect("the retailer's way is offered")["way"]
        .as_u64()
        .expect("way");
    // `--way` counts as the text lists the ways (#1 …), one more than the JSON's `way`.
    let choice = format!("medical.otc-sales={}", retail + 1);
    let mut chosen = with_json.clone();
    chosen.extend(["--way", choice.as_str()]);
    let plan = json(&chosen);
    assert_eq!(plan["categories"][1]["chosen_by_user"], true);
    assert_eq!(
        plan["categories"][1]["chosen"]["applicants"][0]["label"],
        "药品零售企业"
    );
}

#[test]
fn answers_and_scope_settle_what_a_tea_shop_must_confirm() {
    let tea = [
        "unlock",
        "--have",
        "营业执照",
        "--have",
        "食品经营许可证",
        "--json",
    ];
    let entries = json(&tea);
    let status_of = |entries: &Value, id: &str| {
        entries
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["status"].as_str().expect("status").to_owned())
    };
    for id in [
        "it.basic-telecom-operator",
        "finance.factoring",
        "finance.auto-finance-leasing",
        "business.emigration",
        "business.legal-platform",
        "merchant.health-food",
    ] {
        assert_eq!(status_of(&entries, id).as_deref(), Some("confirm"), "{id}");
    }
    let mut scoped = tea.to_vec();
    scoped.extend([
        "--scope",
        "茶叶、茶具销售；预包装食品销售；餐饮服务（不产生油烟）",
    ]);
    let entries = json(&scoped);
    for id in [
        "finance.factoring",
        "finance.auto-finance-leasing",
        "business.legal-platform",
    ] {
        let ready = entries
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| e["id"] == id && e["documents_ready"] == true);
        assert!(!ready, "{id}: the tea shop's scope fails its condition");
    }
    // The text says what failed.
    let text = stdout(&leimu(&[
        "check",
        "金融业 > 商业保理",
        "--have",
        "营业执照",
        "--kind",
        "内资企业",
        "--scope",
        "茶叶销售",
    ]));
    assert!(
        text.contains("MISSING") && text.contains("商业保理"),
        "{text}"
    );
    // A question that is not asked is an error naming what to give.
    let output = leimu(&["check", "金融业 > 商业保理", "--confirm", "不存在的问题"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no question to confirm matches"));
}

#[test]
fn contradictory_statements_name_both_statements() {
    let output = leimu(&[
        "check",
        "金融业 > 保险",
        "--kind",
        "政府主体",
        "--kind",
        "非政府主体",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("`政府主体`") && message.contains("`非政府主体`"),
        "both statements are named: {message}"
    );
}

#[test]
fn a_merged_requirement_says_where_its_text_stands() {
    let json = json(&["show", "熟人交友", "--json"]);
    assert!(json["requirement_from_line"].as_u64().is_some(), "{json}");
    // The text stands at line 2543 (陌生人交友's cell), not at 熟人交友's name
    // (2549), and the output says it is read from a merged cell.
    let text = stdout(&leimu(&["show", "熟人交友"]));
    assert!(!text.contains("line 2549 of the source"), "{text}");
    assert!(
        text.contains("line 2543: the source prints this cell once"),
        "{text}"
    );
}
