//! The shared answer shapes: names resolve the way people type them, and
//! every problem of a profile is reported at once.

mod common;

use common::catalog;
use leimu_engine::report::{
    Hints, Holding, LookupProblem, ProfileRequest, VerdictReport, resolve_category, resolve_profile,
};

const HINTS: Hints = Hints {
    category: "search first",
    document: "show a category",
    kind: "see the kinds",
};

fn holding(text: &str) -> Holding {
    Holding::parse(text).expect("a valid holding")
}

#[test]
fn holdings_parse_like_the_cli_flags() {
    let cases = [
        ("营业执照", Ok(("营业执照", 1))),
        ("合作协议=2", Ok(("合作协议", 2))),
        ("a=b", Ok(("a=b", 1))),
        ("x=0", Err("a count of 0 means you do not hold it")),
        ("x=99999999999", Err("is too large")),
        ("  ", Err("an empty document name")),
    ];
    for (text, expected) in cases {
        let got = Holding::parse(text);
        match expected {
            Ok((document, count)) => assert_eq!(
                got,
                Ok(Holding {
                    document: document.into(),
                    count
                }),
                "{text}"
            ),
            Err(fragment) => {
                let message = got.expect_err(text);
                assert!(message.contains(fragment), "{text}: {message}");
            }
        }
    }
}

#[test]
fn every_problem_of_a_profile_is_reported() {
    let request = ProfileRequest {
        have: vec![holding("医疗机构执业"), holding("营业执照")],
        partner: vec![holding("zzzz-no-such-document")],
        kinds: vec!["银行主休".into()],
        ..ProfileRequest::default()
    };
    let problems = resolve_profile(catalog(), &request).expect_err("three unknown names");
    let messages: Vec<String> = problems.iter().map(|p| p.message(&HINTS)).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0]
            .starts_with("no document matches `医疗机构执业`; closest: `医疗机构执业许可证`"),
        "{}",
        messages[0]
    );
    assert_eq!(
        messages[1],
        "no document matches `zzzz-no-such-document`; show a category"
    );
    assert!(
        messages[2].starts_with("no applicant kind matches `银行主休`; closest:"),
        "{}",
        messages[2]
    );
}

#[test]
fn counts_of_the_same_document_keep_the_largest() {
    let request = ProfileRequest {
        have: vec![holding("营业执照=2"), holding("《营业执照》")],
        ..ProfileRequest::default()
    };
    let profile = resolve_profile(catalog(), &request).expect("known names");
    assert_eq!(profile.applicant.values().copied().collect::<Vec<_>>(), [2]);
}

#[test]
fn categories_resolve_by_path_id_and_name_or_explain() {
    for query in [
        "医疗服务 > 互联网医院",
        "medical.internet-hospital",
        "互联网医院",
    ] {
        let leaf = resolve_category(catalog(), query).expect(query);
        assert_eq!(leaf.id, "medical.internet-hospital");
    }
    match resolve_category(catalog(), "互联网医") {
        Err(problem @ LookupProblem::UnknownCategory { .. }) => assert_eq!(
            problem.message(&HINTS),
            "no category matches `互联网医`; closest: `互联网医院`, `医疗服务 > 互联网医院`"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_verdict_report_mirrors_the_verdict() {
    let leaf = resolve_category(catalog(), "logistics.pickup-delivery").expect("a leaf");
    let verdict = catalog()
        .evaluate(&leaf.id, &Default::default())
        .expect("a verdict");
    let report = VerdictReport::new(catalog(), leaf, &verdict);
    assert_eq!(report.category, "物流服务 > 收件/派件");
    assert_eq!(report.completions.len(), verdict.completions.len());
    for (shorthand, completion) in report.missing.iter().zip(&report.completions) {
        assert_eq!(shorthand, &completion.missing);
    }
}
