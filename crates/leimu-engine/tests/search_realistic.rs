//! Realistic search queries (issue 11): `tests/search-realistic.toml` holds
//! queries written from the source before any result was looked at, by kind
//! (business descriptions, licence names, pinyin, English or mixed, cases a
//! note decides, feature words). Top-3 accuracy per kind must not fall below
//! the floors here: raise a floor when the search gets better (a ratchet).

mod common;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    kind: String,
    query: String,
    /// Leaf id expected among the first three results, or `none`.
    expect: String,
    /// The source line that decides it (0 for `none`).
    line: usize,
}

/// Per kind: the least share of queries (in per cent) whose expected leaf
/// ranks in the top 3 of a result that does not say nothing fits well (for
/// `expect = "none"`: that says so).
const FLOORS: [(&str, u32); 13] = [
    ("business", 98),
    ("licence", 100),
    ("pinyin", 93),
    ("english", 100),
    ("note", 97),
    ("feature", 100),
    ("late", 100),
    ("blind1", 97),
    ("blind2", 98),
    // Untuned, one run before any change for them: blind3 164/169 (97%, 156
    // first); blind3en 7/40 (17%, 6 first) — English phrases of more than one
    // word found almost nothing.
    // After English phrase matching, the sentence frame and the stricter
    // note redirects (engine only, with two Chinese lexicon entries):
    // blind3 168/169, blind3en 31/40. Tuned, after English words for every
    // kind of business (+790, written for all categories but after the
    // misses were seen, so blind3en is no longer blind): blind3 168/169
    // (158 first), blind3en 40/40 (38 first).
    ("blind3", 99),
    ("blind3en", 100),
    // Written after tuning by the English words' author, run once: 45/50
    // (English or mixed 29/34, Chinese 16/16); 46/50 after an English
    // compound's head was taken to be its last word.
    ("blind4", 92),
    // Written from the source only by a writer who never saw the lexicon or
    // a result (50 English, 15 mixed, 15 Chinese), run once before any
    // change for it: 69/80 (English 45/50, mixed 14/15, Chinese 10/15).
    // After capitals read as acronyms (CT is not 长途) and `online` on
    // either side of a phrase (engine only): 71/80 (English 46/50, mixed 15/15).
    // Tuned (no longer blind: words added after the misses were seen, each
    // missed concept with its common variants, in Chinese and English):
    // 78/80 (English 48/50, mixed 15/15, Chinese 15/15; 74 first). Left:
    // `VPN service` and `at-home massage`, both expected none (see the file).
    ("blind5", 97),
];

#[test]
fn realistic_queries_find_their_category() {
    let text = include_str!("../../../tests/search-realistic.toml");
    let source_lines = include_str!("../../../catalog/source.txt").lines().count();
    let queries: Queries = toml::from_str(text).expect("tests/search-realistic.toml parses");
    let catalog = common::catalog();
    assert!(
        queries.query.len() >= 300,
        "the realistic set needs at least 300 queries"
    );
    let mut firsts = std::collections::BTreeSet::new();
    let mut report = String::new();
    let mut failures = Vec::new();
    for (kind, floor) in FLOORS {
        let of_kind: Vec<&Query> = queries.query.iter().filter(|q| q.kind == kind).collect();
        assert!(!of_kind.is_empty(), "no queries of kind `{kind}`");
        let mut passed = 0;
        let mut first = 0;
        for q in &of_kind {
            if q.expect == "none" {
                assert_eq!(q.line, 0);
                let result = catalog.search_outcome(&q.query, 3);
                if result.weak {
                    passed += 1;
                } else {
                    report.push_str(&format!(
                        "  miss [{kind}] `{}`: expected no good match\n",
                        q.query
                    ));
                }
                continue;
            }
            let leaf = catalog
                .leaf(&q.expect)
                .unwrap_or_else(|| panic!("`{}` expects unknown leaf `{}`", q.query, q.expect));
            firsts.insert(leaf.first_level);
            assert!(
                q.line >= 1 && q.line <= source_lines,
                "`{}`: line {} is not in the source",
                q.query,
                q.line
            );
            let outcome = catalog.search_outcome(&q.query, 3);
            let hits = &outcome.hits;
            if !outcome.weak && hits.first().is_some_and(|h| h.category == q.expect) {
                first += 1;
            }
            if !outcome.weak && hits.iter().any(|h| h.category == q.expect) {
                passed += 1;
            } else {
                let got: Vec<&str> = hits.iter().map(|h| h.category.as_str()).collect();
                report.push_str(&format!(
                    "  miss [{kind}] `{}`: expected `{}`, got {got:?}{}\n",
                    q.query,
                    q.expect,
                    if outcome.weak { " (weak)" } else { "" }
                ));
            }
        }
        let share = passed * 100 / of_kind.len() as u32;
        report.push_str(&format!(
            "{kind}: {passed}/{} ({share}%) in the top 3, floor {floor}%; {first} first\n",
            of_kind.len()
        ));
        if share < floor {
            failures.push(format!("{kind}: {share}% < {floor}%"));
        }
    }
    println!("{report}");
    assert_eq!(
        firsts.len(),
        24,
        "the set must cover all 24 first-level categories"
    );
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}

#[test]
fn a_lone_shared_character_is_not_presented_as_an_answer() {
    let catalog = common::catalog();
    for query in ["抽奖", "博物", "zzqqxx", "🍣", "店"] {
        let outcome = catalog.search_outcome(query, 5);
        assert!(
            outcome.weak || outcome.hits.first().is_some_and(|h| h.strong),
            "`{query}`"
        );
    }
    let outcome = catalog.search_outcome("卖乐器的旧馆子", 5);
    assert!(outcome.hits.iter().all(|h| !h.because.is_empty()));
    let weak = catalog.search_outcome("馆子", 5);
    assert!(weak.weak, "one character that is not a word of any name");
    assert!(!weak.browse.is_empty() && weak.browse.len() <= 3);
}

/// A query that touches what a category's notes do not allow finds the
/// category with the note's sentence as a limit: the user learns the
/// restriction before applying, not from a rejection.
#[test]
fn results_show_the_limits_their_notes_set() {
    use leimu_engine::BecauseKind;
    let catalog = common::catalog();
    let cases = [
        ("卖处方药", "medical.otc-sales", "处方药"),
        ("VPN", "business.network-proxy", "vpn"),
        ("上门按摩", "life.bath-massage", "按摩上门"),
        ("彩票在线销售", "government.lottery", "彩票"),
        (
            "二手房在线交易",
            "real-estate.agency.second-hand",
            "房产在线交易",
        ),
        ("数字藏品交易", "beta.digital-collectibles", "数字藏品交易"),
        ("网上整车销售", "auto.presale", "整车销售"),
        // In the source's words: 卖 is 销售 (catalog/synonyms.toml).
        ("卖彩票", "government.lottery", "彩票"),
        ("网上卖整车", "auto.presale", "整车销售"),
        ("危险化学品", "merchant.home-improvement", "危险化学品"),
    ];
    for (query, leaf, words) in cases {
        let outcome = catalog.search_outcome(query, 12);
        let hit = outcome
            .hits
            .iter()
            .find(|h| h.category == leaf)
            .unwrap_or_else(|| panic!("`{query}` finds `{leaf}`"));
        let limit = hit
            .because
            .iter()
            .find(|b| b.kind == BecauseKind::Limit)
            .unwrap_or_else(|| panic!("`{query}` shows `{leaf}`'s limit: {:?}", hit.because));
        assert!(limit.text.contains(words), "`{query}`: {}", limit.text);
    }
    // A query that touches no limit shows none, even where the category has
    // one; nor does a word of two characters that is about something else.
    for query in [
        "卖茶叶",
        "互联网医院",
        "网络代理",
        "洗浴中心",
        "微短剧",
        "搬家公司",
        "上门修空调",
    ] {
        let outcome = catalog.search_outcome(query, 12);
        for hit in &outcome.hits {
            assert!(
                hit.because.iter().all(|b| b.kind != BecauseKind::Limit),
                "`{query}` → {}: {:?}",
                hit.category,
                hit.because
            );
        }
    }
}

#[test]
fn results_say_what_matched() {
    use leimu_engine::BecauseKind;
    let catalog = common::catalog();
    let kinds = |query: &str, leaf: &str| -> Vec<BecauseKind> {
        let outcome = catalog.search_outcome(query, 5);
        assert!(!outcome.weak, "`{query}`");
        outcome
            .hits
            .iter()
            .find(|h| h.category == leaf)
            .unwrap_or_else(|| panic!("`{query}` finds `{leaf}`"))
            .because
            .iter()
            .map(|b| b.kind)
            .collect()
    };
    assert!(kinds("卖茅台", "merchant.liquor").contains(&BecauseKind::Lexicon));
    assert!(kinds("互联网医院", "medical.internet-hospital").contains(&BecauseKind::Name));
    assert!(
        kinds("快递业务经营许可证", "logistics.pickup-delivery").contains(&BecauseKind::Document)
    );
    // A note's redirect: the note is the reason, and names where it stands.
    let outcome = catalog.search_outcome("美容院也做推拿洗浴", 3);
    let first = outcome.hits.first().expect("a result");
    assert_eq!(first.category, "life.bath-massage");
    let redirect = first
        .because
        .iter()
        .find(|b| b.kind == BecauseKind::Redirect)
        .expect("the note is the reason");
    assert!(redirect.text.contains("洗浴保健"), "{}", redirect.text);
    assert!(
        redirect
            .from
            .as_deref()
            .is_some_and(|f| f.starts_with("life.beauty."))
    );
}

#[test]
fn bad_input_returns_promptly() {
    let catalog = common::catalog();
    let long = "卖茶叶🍵\u{0}\u{7}a".repeat(20_000);
    for query in [
        String::new(),
        " \t\n".to_owned(),
        "🍣🍜🎤".to_owned(),
        "\u{0}\u{1b}[31m\u{7f}".to_owned(),
        long,
        "a".repeat(100_000),
        "医".repeat(100_000),
    ] {
        let started = std::time::Instant::now();
        let outcome = catalog.search_outcome(&query, 20);
        assert!(outcome.hits.len() <= 20);
        assert!(outcome.weak || outcome.hits.first().is_some_and(|h| h.strong));
        assert!(
            started.elapsed() < std::time::Duration::from_millis(500),
            "{} characters took {:?}",
            query.chars().count(),
            started.elapsed()
        );
    }
}

#[test]
fn english_phrases_match_whole_words_in_any_form() {
    let catalog = common::catalog();
    let first = |query: &str| -> String {
        let outcome = catalog.search_outcome(query, 3);
        assert!(!outcome.weak, "`{query}`");
        outcome
            .hits
            .first()
            .map(|h| h.category.clone())
            .unwrap_or_default()
    };
    // A phrase of the lexicon among other words, and the words around it:
    // `shop` and `online` say what kind of business, not which.
    assert_eq!(
        first("bubble tea shop"),
        "catering.venue.bakery-dessert-drinks"
    );
    assert_eq!(first("online car rental"), "transport.car-rental");
    // Plurals and -ing forms meet the lexicon's word.
    assert_eq!(first("car rentals"), "transport.car-rental");
    assert_eq!(first("used car trading"), "auto.used-cars");
    // A word of the lexicon inside a longer English word is not that word.
    let outcome = catalog.search_outcome("teacher", 3);
    assert!(
        outcome
            .hits
            .iter()
            .all(|h| h.category != "catering.venue.bakery-dessert-drinks")
    );
}

#[test]
fn the_frame_of_a_sentence_does_not_outweigh_what_it_describes() {
    let catalog = common::catalog();
    let outcome = catalog.search_outcome("开了家美甲工作室，想让客人在线预约", 3);
    assert_eq!(
        outcome.hits.first().map(|h| h.category.as_str()),
        Some("life.beauty.nail")
    );
    // A note's condition shares 税商品 with 保税商品 only by chance: 保税 is
    // the lexicon's word, and the duty-free note does not decide the case.
    let outcome = catalog.search_outcome("保税商品", 3);
    assert!(
        outcome.hits.first().is_some_and(|h| h
            .because
            .iter()
            .all(|b| b.kind != leimu_engine::BecauseKind::Redirect)),
        "{:?}",
        outcome.hits.first()
    );
}

#[test]
fn english_phrases_work_when_the_lexicon_arrives_as_its_own_file() {
    let catalog =
        leimu_engine::Catalog::from_bytes(include_bytes!("../../../catalog/generated/catalog.bin"))
            .expect("catalog.bin loads");
    catalog
        .add_lexicon(include_bytes!("../../../catalog/generated/lexicon.bin"))
        .expect("lexicon.bin adds");
    for query in ["bubble tea shop", "car rentals", "home appliance repair"] {
        let from_file: Vec<String> = catalog
            .search(query, 3)
            .into_iter()
            .map(|h| h.category)
            .collect();
        let from_json: Vec<String> = common::catalog()
            .search(query, 3)
            .into_iter()
            .map(|h| h.category)
            .collect();
        assert_eq!(from_file, from_json, "`{query}`");
    }
}

#[test]
fn online_may_stand_on_either_side_of_a_phrase() {
    let catalog = common::catalog();
    for (query, leaf) in [
        ("see a doctor online", "medical.internet-hospital"),
        ("consultation online", "medical.internet-hospital"),
        ("online doctor", "medical.internet-hospital"),
    ] {
        let outcome = catalog.search_outcome(query, 3);
        assert!(!outcome.weak, "`{query}`");
        assert_eq!(
            outcome.hits.first().map(|h| h.category.as_str()),
            Some(leaf),
            "`{query}`"
        );
    }
}

#[test]
fn an_acronym_in_capitals_is_not_pinyin_initials() {
    let catalog = common::catalog();
    // `ct` in lower case may be initials (长途); `CT` is the letters.
    assert!(!catalog.search_outcome("ct", 3).weak);
    assert!(catalog.search_outcome("CT", 3).weak);
    // Acronyms the catalogue or the lexicon has still match as text.
    for (query, leaf) in [
        ("KTV", "life.leisure-entertainment"),
        ("ETC", "life.utility-payment"),
        ("CT 报告查询", "medical.care.report-lookup"),
    ] {
        let outcome = catalog.search_outcome(query, 3);
        assert_eq!(
            outcome.hits.first().map(|h| h.category.as_str()),
            Some(leaf),
            "`{query}`"
        );
    }
}
