//! Benchmark of `leimu diff` on two full catalogues (target: ≤ 50 ms natively).
//!
//! The new catalogue is the real one with every category changed: a line
//! added to its notes, and, where its rule has alternatives, the first one
//! dropped, so every category's texts are diffed and every rule flattened
//! into its ways on both sides. Also measured: reading both JSON files (what
//! `leimu diff` does before comparing), and two identical catalogues.

use criterion::{Criterion, criterion_group, criterion_main};
use leimu_engine::diff::{diff, read_catalogue};
use leimu_engine::model::{CatalogData, NodeKind};
use std::hint::black_box;

const CATALOG_JSON: &str = include_str!("../../../catalog/generated/catalog.json");

fn revised(old: &CatalogData) -> CatalogData {
    let mut new = old.clone();
    new.provenance.version = "bench.2".into();
    for leaf in &mut new.leaves {
        leaf.notes.push_str("\n新的一句备注。");
        if let Some(rule) = &mut leaf.rule
            && let NodeKind::AnyOf { children, .. } = &mut rule.kind
            && children.len() > 1
        {
            children.remove(0);
        }
    }
    new
}

fn benches(c: &mut Criterion) {
    let old = read_catalogue(CATALOG_JSON.as_bytes()).expect("catalogue");
    let new = revised(&old);
    let new_json = serde_json::to_string(&new).expect("json");
    let changed = diff(&old, &new).changed.len();
    assert_eq!(changed, old.leaves.len(), "every category changed");

    c.bench_function("diff: every category changed", |b| {
        b.iter(|| black_box(diff(black_box(&old), black_box(&new))))
    });
    c.bench_function("diff: read both JSON files, then compare", |b| {
        b.iter(|| {
            let old = read_catalogue(black_box(CATALOG_JSON.as_bytes())).expect("old");
            let new = read_catalogue(black_box(new_json.as_bytes())).expect("new");
            black_box(diff(&old, &new))
        })
    });
    c.bench_function("diff: identical catalogues", |b| {
        b.iter(|| black_box(diff(black_box(&old), black_box(&old))))
    });
}

criterion_group!(diff_benches, benches);
criterion_main!(diff_benches);
