//! Benchmarks of the three hot paths, on the real catalogue.
//!
//! Targets (native): `unlock` over all leaves ≤ 1 ms, also with kinds, a
//! business scope and answers given; `search` ≤ 0.5 ms per query.
//! Run with `cargo xtask bench` (or `cargo bench -p leimu-engine`); compare
//! medians side by side in one run, the machine is shared and noisy.

use criterion::{Criterion, criterion_group, criterion_main};
use leimu_engine::report::{ProfileRequest, resolve_profile_for};
use leimu_engine::{Catalog, Profile};
use std::hint::black_box;

const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");
const CATALOG_BIN: &[u8] = include_bytes!("../../../catalog/generated/catalog.bin");
const LEXICON_BIN: &[u8] = include_bytes!("../../../catalog/generated/lexicon.bin");

fn document(catalog: &Catalog, name: &str) -> String {
    match catalog.find_document(name) {
        leimu_engine::Lookup::Found(d) => d.id.clone(),
        other => panic!("{name}: {other:?}"),
    }
}

/// A realistic profile: a company with a business licence, an ICP licence and a food licence.
fn profile(catalog: &Catalog) -> Profile {
    let mut profile = Profile::default();
    for name in [
        "营业执照",
        "增值电信业务经营许可证",
        "食品经营许可证",
        "医疗机构执业许可证",
        "小程序开发者承诺函",
    ] {
        profile.applicant.insert(document(catalog, name), 1);
    }
    profile
}

/// `base` with kinds, a business scope and answers, resolved as the CLI does.
fn described(
    catalog: &Catalog,
    base: &Profile,
    kinds: &[&str],
    scope: &str,
    confirm: &[&str],
    deny: &[&str],
) -> Profile {
    let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
    let request = ProfileRequest {
        kinds: owned(kinds),
        scope: scope.to_owned(),
        confirm: owned(confirm),
        deny: owned(deny),
        ..ProfileRequest::default()
    };
    let said = resolve_profile_for(catalog, &request, &[]).expect("the profile resolves");
    assert!(!said.answers.is_empty() || confirm.is_empty());
    Profile {
        applicant: base.applicant.clone(),
        partners: base.partners.clone(),
        ..said
    }
}

fn benchmarks(c: &mut Criterion) {
    let catalog = Catalog::from_json(CATALOG_JSON).expect("catalogue loads");
    let profile = profile(&catalog);
    c.bench_function("load catalogue (parse + index)", |b| {
        b.iter(|| Catalog::from_json(black_box(CATALOG_JSON)))
    });
    c.bench_function("load catalogue from binary (decode + index)", |b| {
        b.iter(|| Catalog::from_bytes(black_box(CATALOG_BIN)))
    });
    // What the site does after its first paint, when the lexicon arrives:
    // decode it and build the search index again with it.
    c.bench_function("add the lexicon file (decode + search index)", |b| {
        b.iter_batched(
            || Catalog::from_bytes(CATALOG_BIN).expect("catalogue loads"),
            // Returned, so dropping the catalogue is not timed.
            |catalog| {
                let added = catalog.add_lexicon(black_box(LEXICON_BIN));
                (catalog, added)
            },
            criterion::BatchSize::LargeInput,
        )
    });

    c.bench_function("evaluate one category (医疗服务 > 临床试验)", |b| {
        b.iter(|| catalog.evaluate(black_box("medical.clinical-trial"), black_box(&profile)))
    });
    c.bench_function("unlock over all leaves", |b| {
        b.iter(|| catalog.unlock(black_box(&profile)))
    });
    // The same with what the applicant says about itself: the kinds are
    // assessed once per call, every label of every way is then looked up.
    let enterprise = described(&catalog, &profile, &["企业主体"], "", &[], &[]);
    c.bench_function("unlock over all leaves, kind 企业主体", |b| {
        b.iter(|| catalog.unlock(black_box(&enterprise)))
    });
    // …and with a pasted business scope (scope conditions are checked) and
    // answers (looked up for every condition, label and situation).
    let answered = described(
        &catalog,
        &profile,
        &["企业主体", "非银行主体"],
        "一般项目：商业保理；食品销售；餐饮服务；互联网信息服务；技术服务、技术开发",
        &[
            "内资企业主体",
            "自营型",
            "经营范围含“供电”或“供气”或“供水”或“供热”或“城市公共交通”等相关内容",
        ],
        &[
            "若同时涉及客运/客船服务，需同时提供对应资质",
            "范围含相关缴费服务说明、有效期等内容",
        ],
    );
    c.bench_function("unlock over all leaves, kinds + scope + answers", |b| {
        b.iter(|| catalog.unlock(black_box(&answered)))
    });
    let plan: Vec<String> = [
        "medical.internet-hospital",
        "medical.otc-sales",
        "merchant.food-beverage",
        "ecommerce.platform",
    ]
    .map(String::from)
    .to_vec();
    c.bench_function("plan four categories", |b| {
        b.iter(|| catalog.plan(black_box(&plan), black_box(&profile)))
    });
    for query in [
        "卖茶叶",
        "互联网医院",
        "hlwyy",
        "yiliao 器械",
        "快递业务经营许可证",
        "卖茅台",
        "寿司店",
        "maotai",
        "医院挂号还提供在线看诊",
        "PDF转Word",
    ] {
        c.bench_function(&format!("search `{query}`"), |b| {
            b.iter(|| catalog.search(black_box(query), 20))
        });
    }
    // Issue 11's realistic set, whole: divide by its length for the time per query.
    let realistic: Vec<String> = include_str!("../../../tests/search-realistic.toml")
        .lines()
        .filter_map(|l| l.strip_prefix("query = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(String::from)
        .collect();
    c.bench_function(
        &format!("search realistic set ({} queries)", realistic.len()),
        |b| {
            b.iter(|| {
                for query in &realistic {
                    black_box(catalog.search_outcome(black_box(query), 20));
                }
            })
        },
    );
    let long = "卖茶叶🍵\u{0}\u{7}".repeat(12_500);
    c.bench_function("search 100,000 characters", |b| {
        b.iter(|| catalog.search_outcome(black_box(&long), 20))
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
