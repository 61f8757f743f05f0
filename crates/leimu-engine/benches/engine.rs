//! Benchmarks of the three hot paths, on the real catalogue.
//!
//! Targets (native): `unlock` over all leaves ≤ 1 ms; `search` ≤ 0.5 ms per query.
//! Run with `cargo xtask bench` (or `cargo bench -p leimu-engine`); compare
//! medians side by side in one run, the machine is shared and noisy.

use criterion::{Criterion, criterion_group, criterion_main};
use leimu_engine::{Catalog, Profile};
use std::hint::black_box;

const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");

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

fn benchmarks(c: &mut Criterion) {
    let catalog = Catalog::from_json(CATALOG_JSON).expect("catalogue loads");
    let profile = profile(&catalog);
    c.bench_function("load catalogue (parse + index)", |b| {
        b.iter(|| Catalog::from_json(black_box(CATALOG_JSON)))
    });
    c.bench_function("evaluate one category (医疗服务 > 临床试验)", |b| {
        b.iter(|| catalog.evaluate(black_box("medical.clinical-trial"), black_box(&profile)))
    });
    c.bench_function("unlock over all leaves", |b| {
        b.iter(|| catalog.unlock(black_box(&profile)))
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
    ] {
        c.bench_function(&format!("search `{query}`"), |b| {
            b.iter(|| catalog.search(black_box(query), 20))
        });
    }
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
