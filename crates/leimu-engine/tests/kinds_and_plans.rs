//! Whole-catalogue checks of issue 9 that no single verdict case can make:
//! which categories an applicant kind leaves with no open way at all, what a
//! tea shop's `unlock` claims, how plans choose among ways meant for
//! different kinds, and where a merged requirement cell stands in the source.

mod common;

use std::collections::BTreeMap;

use leimu_engine::report::{Holding, ProfileRequest};
use leimu_engine::{Lookup, Profile, Status, Truth};

fn profile(have: &[&str], kinds: &[&str], scope: &str) -> Profile {
    common::request_profile(
        &ProfileRequest {
            have: have
                .iter()
                .map(|h| Holding::parse(h).expect("holding"))
                .collect(),
            kinds: kinds.iter().map(|k| (*k).to_owned()).collect(),
            scope: scope.to_owned(),
            ..ProfileRequest::default()
        },
        &[],
    )
}

/// The leaves that name documents and take online applications.
fn online_leaves_with_rules() -> impl Iterator<Item = &'static leimu_engine::model::Leaf> {
    common::catalog()
        .leaves()
        .iter()
        .filter(|l| l.rule.is_some() && !l.email_only)
}

/// Leaves no way of which is open to a profile: nothing completes them.
fn closed_leaves(profile: &Profile) -> Vec<String> {
    let catalog = common::catalog();
    online_leaves_with_rules()
        .filter(|leaf| {
            let verdict = catalog.evaluate(&leaf.id, profile).expect("leaf");
            verdict.satisfied_by.is_none() && verdict.completions.is_empty()
        })
        .map(|leaf| leaf.id.clone())
        .collect()
}

/// Issue 9 found 99 of 265 leaves closed to `--kind 企业主体`. Only the
/// categories the source reserves for public bodies may be.
#[test]
fn every_leaf_is_open_to_an_enterprise_except_those_the_source_reserves() {
    let reserved: BTreeMap<&str, &str> = [
        (
            "government.memorial",
            "“（1）政府/有政府职能的事业单位：提供《统一社会信用代码证》（机构类型为：机关）” is required of every applicant (需同时提供)",
        ),
        (
            "government.credit",
            "“1、政府主体 … 2、事业单位（社会信用中心）”: both alternatives are for public bodies",
        ),
        (
            "government.lottery",
            "“国家/地方彩票管理中心提供：《统一社会信用代码证》（机构类型为：机关）”: the only alternative",
        ),
    ]
    .into_iter()
    .collect();
    let enterprise = profile(&[], &["企业主体"], "");
    let closed = closed_leaves(&enterprise);
    let total = online_leaves_with_rules().count();
    assert!(total > 250, "only {total} leaves with rules");
    let unexpected: Vec<&String> = closed
        .iter()
        .filter(|id| !reserved.contains_key(id.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} of {total} leaves have no way open to 企业主体; not reserved by the source: {unexpected:?}",
        closed.len()
    );
    for (id, why) in &reserved {
        assert!(
            closed.iter().any(|c| c == id),
            "{id} is listed as reserved ({why}) but is now open to 企业主体: remove it from the list"
        );
        let verdict = common::catalog().evaluate(id, &enterprise).expect("leaf");
        assert!(
            !verdict.excluded.is_empty()
                && verdict
                    .excluded
                    .iter()
                    .all(|h| h.because.iter().any(|s| s.kind == "enterprise" && s.is)),
            "{id}: a closed category names the labels it hides and that 企业 hides them: {:?}",
            verdict.excluded
        );
    }
}

/// The same sweep for the other kinds the issue names: a bank, a public
/// hospital, a school. Each may be shut out only where the source says so.
#[test]
fn banks_hospitals_and_schools_are_shut_out_only_where_the_source_says() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "银行主体",
            &[
                "government.memorial",
                "government.credit",
                "government.lottery",
                // “1、汽车金融/金融租赁公司主体 … 2、融资租赁公司主体”: neither is a bank.
                "finance.auto-finance-leasing",
            ],
        ),
        ("公立医疗机构主体", &[]),
        ("学校主体", &[]),
    ];
    for (kind, reserved) in cases {
        let closed = closed_leaves(&profile(&[], &[kind], ""));
        assert_eq!(
            closed,
            reserved.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            "leaves with no way open to {kind}"
        );
    }
}

/// A tea shop holding 营业执照 and 食品经营许可证 is not “satisfied” for any
/// category whose way rests on something it has not shown (issue 9, point 6).
#[test]
fn a_tea_shop_is_satisfied_by_nothing_that_rests_on_an_unchecked_condition() {
    let catalog = common::catalog();
    let named = [
        "it.basic-telecom-operator",
        "finance.factoring",
        "finance.auto-finance-leasing",
        "business.emigration",
        "business.legal-platform",
        "merchant.health-food",
    ];
    let shop = profile(&["营业执照", "食品经营许可证"], &[], "");
    let unlocked = catalog.unlock(&shop);
    for id in named {
        let entry = unlocked.iter().find(|e| e.category == id);
        let entry =
            entry.unwrap_or_else(|| panic!("{id}: the documents are held, so unlock lists it"));
        assert_eq!(entry.status, Status::Confirm, "{id}: {entry:?}");
        assert!(entry.documents_ready, "{id}");
        assert!(!entry.to_confirm.is_empty(), "{id}");
    }
    // Every entry says satisfied only with nothing to confirm, and confirm only with something.
    for entry in &unlocked {
        match entry.status {
            Status::Satisfied => assert!(entry.to_confirm.is_empty(), "{entry:?}"),
            Status::Confirm => assert!(!entry.to_confirm.is_empty(), "{entry:?}"),
            _ => {}
        }
    }
    // With the tea shop's scope, the scope conditions fail where the source lists its terms.
    let with_scope = profile(
        &["营业执照", "食品经营许可证"],
        &[],
        "茶叶、茶具销售；预包装食品销售；餐饮服务（不产生油烟）",
    );
    let unlocked = catalog.unlock(&with_scope);
    for id in [
        "finance.factoring",
        "finance.auto-finance-leasing",
        "business.legal-platform",
        "business.registered-address",
    ] {
        assert!(
            !unlocked
                .iter()
                .any(|e| e.category == id && e.documents_ready),
            "{id}: a tea shop's scope fails its condition, yet unlock lists it as ready"
        );
        let verdict = catalog.evaluate(id, &with_scope).expect("leaf");
        assert_eq!(verdict.status, Status::Missing, "{id}");
        let scope_failed = verdict.completions.iter().any(|c| {
            c.unmet
                .iter()
                .any(|u| matches!(u.reason, leimu_engine::UnmetReason::Scope { .. }))
        });
        assert!(
            scope_failed,
            "{id}: no completion names the failed scope condition: {verdict:?}"
        );
    }
}

/// 互联网医院 and 药品（非处方药）销售 for a hospital (issue 9, point 5): the
/// plan never presents a way for another kind as the applicant's own.
#[test]
fn a_hospitals_plan_says_whom_each_way_is_for() {
    let catalog = common::catalog();
    let categories = [
        "medical.internet-hospital".to_owned(),
        "medical.otc-sales".to_owned(),
    ];
    let hospital = profile(&["医疗机构执业许可证"], &["医疗机构主体"], "");
    let plan = catalog.plan(&categories, &hospital);
    let internet = &plan.categories[0];
    let otc = &plan.categories[1];
    let chosen = internet.chosen.as_ref().expect("a way for the hospital");
    assert!(
        chosen
            .applicants
            .iter()
            .any(|a| a.label == "医疗机构主体" && a.truth == Truth::Yes),
        "{chosen:?}"
    );
    // A hospital is none of 药品生产/批发/零售企业 by what it said: the choice depends on the kind.
    assert!(otc.depends_on_kind, "{otc:?}");
    let otc_way = otc.chosen.as_ref().expect("a way is shown");
    assert!(
        !otc_way.applicants.is_empty()
            && otc_way.applicants.iter().all(|a| a.truth == Truth::Unknown),
        "the way shown is marked as meant for a kind to confirm: {otc_way:?}"
    );
    assert!(
        otc.ways.len() >= 6,
        "every alternative is offered: {}",
        otc.ways.len()
    );
    assert!(
        otc_way
            .to_confirm
            .iter()
            .any(|c| matches!(c, leimu_engine::Confirmation::Applicant { .. })),
        "{otc_way:?}"
    );
}

#[test]
fn a_plan_never_chooses_a_way_the_applicants_statements_rule_out() {
    let catalog = common::catalog();
    let kinds = [
        "企业主体",
        "银行主体",
        "政府主体",
        "事业单位主体",
        "公立医疗机构主体",
        "学校主体",
        "非银行主体",
    ];
    for kind in kinds {
        let stated = profile(&[], &[kind], "");
        for leaf in online_leaves_with_rules() {
            let plan = catalog.plan(std::slice::from_ref(&leaf.id), &stated);
            for planned in &plan.categories {
                for way in planned.chosen.iter().chain(&planned.ways) {
                    assert!(
                        way.applicants.iter().all(|a| a.truth != Truth::No),
                        "{kind}: {} offers a way for {:?}",
                        leaf.id,
                        way.applicants
                    );
                }
                if planned.chosen.is_none() {
                    assert!(
                        plan.blocked.contains(&leaf.id) && !planned.excluded.is_empty(),
                        "{kind}: {} has no way and does not say why",
                        leaf.id
                    );
                }
            }
        }
    }
}

#[test]
fn a_drug_retailers_plan_picks_the_retailers_way() {
    let catalog = common::catalog();
    let categories = [
        "medical.internet-hospital".to_owned(),
        "medical.otc-sales".to_owned(),
    ];
    let retailer = profile(&["医疗机构执业许可证"], &["医疗机构主体", "药店"], "");
    // A 药店's plan uses the retailer's way (alternative 3, line 244), and
    // nothing depends on the kind any more.
    let plan = catalog.plan(&categories, &retailer);
    let otc = &plan.categories[1];
    let chosen = otc.chosen.as_ref().expect("a way chosen");
    let labels: Vec<&str> = chosen.applicants.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["药品零售企业"]);
    assert!(!otc.depends_on_kind);
}

/// A plan adds what a prerequisite still needs, and says why (issue 9, point 2).
#[test]
fn a_plan_adds_the_prerequisites_documents_unless_it_is_approved() {
    let catalog = common::catalog();
    let mut auction = common::request_profile(
        &ProfileRequest {
            have: ["其他平台良好经营情况的证明材料", "承诺函"]
                .iter()
                .map(|h| Holding::parse(h).expect("holding"))
                .collect(),
            partner: vec![Holding::parse("拍卖经营批准证书=2").expect("holding")],
            ..ProfileRequest::default()
        },
        &[common::leaf("ecommerce.online-auction")],
    );
    let categories = ["ecommerce.online-auction".to_owned()];
    let plan = catalog.plan(&categories, &auction);
    assert_eq!(plan.categories[0].status, Status::Missing);
    assert!(plan.missing_count >= 5, "{}", plan.missing_count);
    let chosen = plan.categories[0].chosen.as_ref().expect("a way");
    assert!(
        chosen.missing.iter().all(|m| matches!(
            &m.needed_for,
            Some(leimu_engine::NeededFor::Prerequisite { category }) if category == "ecommerce.platform"
        )),
        "every missing document is the prerequisite's: {:?}",
        chosen.missing
    );
    auction.approved.push("ecommerce.platform".to_owned());
    let plan = catalog.plan(&categories, &auction);
    assert_eq!(plan.missing_count, 0);
    assert_eq!(plan.categories[0].status, Status::Confirm);
}

/// 熟人交友 shares 陌生人交友's requirement cell (issue 9, point 8): the
/// answer says the text is inferred from another line, and that line holds it.
#[test]
fn a_merged_requirement_cell_names_the_line_it_stands_on() {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/source.txt"),
    )
    .expect("catalog/source.txt");
    let lines: Vec<&str> = source.lines().collect();
    let merged: Vec<&leimu_engine::model::Leaf> = common::catalog()
        .leaves()
        .iter()
        .filter(|l| l.requirement_from_line.is_some())
        .collect();
    assert!(
        merged.iter().any(|l| l.id == "social.acquaintances"),
        "熟人交友 says its requirement comes from another row"
    );
    for leaf in &merged {
        let from = leaf.requirement_from_line.expect("filtered") as usize;
        assert!(
            from < leaf.source_line as usize,
            "{}: the text stands above the row",
            leaf.id
        );
    }
    // The line each such row's requirement text stands on.
    for leaf in &merged {
        let from = leaf.requirement_from_line.expect("filtered") as usize;
        let first = leaf.requirement_text.lines().next().unwrap_or("").trim();
        let line = lines.get(from - 1).copied().unwrap_or("");
        assert!(line.contains(first), "{}: line {from} is {line:?}", leaf.id);
    }
}

/// Names the source writes resolve on their own when only one document has
/// them, and are an error listing every candidate when several do — never a
/// silent pick (issue 9, point 4).
#[test]
fn names_resolve_or_list_every_candidate() {
    let catalog = common::catalog();
    let unique = [
        (
            "全国网络视听平台信息登记管理系统",
            "online-audiovisual-platform-registration-filing",
        ),
        ("在用证明", "deep-synthesis-in-use-proof"),
        ("代收代缴合作协议", "utility-collection-agreement"),
        (
            "小程序主体与底层链的合作协议",
            "blockchain-cooperation-agreement",
        ),
        (
            "由教育行政部门出具的审批设立证明",
            "school-establishment-approval",
        ),
        ("类目承诺函", "category-commitment-letter"),
        ("小程序主体承诺函", "mini-program-entity-commitment-letter"),
    ];
    for (name, id) in unique {
        match catalog.find_document(name) {
            Lookup::Found(d) => assert_eq!(d.id, id, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    let ambiguous: [(&str, &[&str]); 4] = [
        (
            "网络销售与实名制授权书",
            &[
                "china-unicom-sim-sales-authorisation",
                "china-telecom-sim-sales-authorisation",
                "china-mobile-sim-sales-authorisation",
                "china-broadnet-sim-sales-authorisation",
            ],
        ),
        (
            "授权证明",
            &[
                "school-cooperation-agreement",
                "utility-collection-agreement",
            ],
        ),
        (
            "合作协议",
            &[
                "duty-free-shop-cooperation-agreement",
                "lodging-provider-cooperation-agreement",
                "medical-institution-cooperation-agreement",
            ],
        ),
        ("承诺函", &["developer-commitment-letter"]),
    ];
    for (name, must) in ambiguous {
        match catalog.find_document(name) {
            Lookup::Ambiguous(options) => {
                for id in must {
                    assert!(
                        options.iter().any(|d| d.id == *id),
                        "{name}: {id} is not offered"
                    );
                }
            }
            other => panic!("{name} must be ambiguous without a category: {other:?}"),
        }
    }
    // 类目承诺函 and 小程序开发者承诺函 stay two documents.
    assert_ne!(
        common::document_id("类目承诺函"),
        common::document_id("小程序开发者承诺函")
    );
}
