//! The catalogue's invariants, each a test (rust-analyzer's "tidy" tests are
//! the model): it validates, it is the source text, it has every leaf the
//! source has, and its generated files are fresh.

use std::fs;
use std::path::{Path, PathBuf};

use leimu_catalog::fidelity::check_fidelity;
use leimu_catalog::{compile, read_catalog};
use serde::Deserialize;

fn catalog_dir() -> PathBuf {
    leimu_catalog::default_catalog_dir()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn catalogue_validates_without_problems() {
    let diagnostics = leimu_catalog::validate(&catalog_dir());
    let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown.is_empty(),
        "{} problem(s):\n{}",
        shown.len(),
        shown.join("\n")
    );
}

#[test]
fn registries_are_present() {
    // The compiler tolerates missing registries while a catalogue is being
    // entered; a finished catalogue must have both.
    let (catalog, _) = read_catalog(&catalog_dir());
    assert!(
        catalog.documents.is_some(),
        "catalog/documents.toml is missing"
    );
    assert!(
        catalog.kinds.is_some(),
        "catalog/applicant-kinds.toml is missing"
    );
}

#[test]
fn generated_files_are_fresh() {
    let stale = leimu_catalog::generate::stale_files(&catalog_dir())
        .unwrap_or_else(|d| panic!("catalogue invalid: {d:?}"));
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}; run `cargo xtask generate` and commit the result"
    );
}

#[test]
fn source_text_is_the_official_text() {
    // catalog/source.txt is the seed, byte for byte (where the seed is available).
    let seed = repository().join("../shared/seeds/000_a9c2bde5ab7ac218.txt");
    if let Ok(seed) = fs::read(&seed) {
        let ours = fs::read(catalog_dir().join("source.txt")).expect("source.txt");
        assert!(
            seed == ours,
            "catalog/source.txt differs from the official text in shared/seeds"
        );
    }
}

#[derive(Deserialize)]
struct LeafCounts {
    first_level: Vec<FirstLevelCount>,
}

#[derive(Deserialize)]
struct FirstLevelCount {
    name: String,
    leaves: usize,
    names: Vec<String>,
}

/// The leaves per first-level category were counted by reading the source,
/// independently of the catalogue files (`tests/data/leaf-counts.toml`).
#[test]
fn every_leaf_of_the_source_is_present_with_its_path() {
    let counts: LeafCounts = toml::from_str(
        &fs::read_to_string(repository().join("tests/data/leaf-counts.toml")).expect("leaf counts"),
    )
    .expect("parses");
    let (catalog, _) = read_catalog(&catalog_dir());
    let (data, diagnostics) = compile(&catalog);
    let data = data.unwrap_or_else(|| panic!("catalogue invalid: {diagnostics:?}"));
    assert_eq!(
        counts.first_level.len(),
        24,
        "the source has 24 first-level categories"
    );
    let names: Vec<&str> = data.first_levels.iter().map(|f| f.name.as_str()).collect();
    let expected: Vec<&str> = counts.first_level.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names, expected,
        "first-level categories differ from the source"
    );
    for (index, expected) in counts.first_level.iter().enumerate() {
        assert_eq!(
            expected.leaves,
            expected.names.len(),
            "leaf-counts.toml is inconsistent for {}",
            expected.name
        );
        let leaves: Vec<&str> = data
            .leaves
            .iter()
            .filter(|l| l.first_level == index)
            .filter_map(|l| l.path.last().map(String::as_str))
            .collect();
        assert_eq!(
            leaves, expected.names,
            "leaves of {} differ from the source",
            expected.name
        );
        for leaf in data.leaves.iter().filter(|l| l.first_level == index) {
            assert_eq!(
                leaf.path.first(),
                Some(&expected.name),
                "{} has a wrong path",
                leaf.id
            );
            assert!(leaf.source_line > 0, "{} has no source line", leaf.id);
        }
    }
    let total: usize = counts.first_level.iter().map(|f| f.leaves).sum();
    assert_eq!(data.leaves.len(), total);
}

/// The fidelity check must catch a changed character, a dropped row and rows out of order.
#[test]
fn fidelity_check_catches_tampering() {
    let (pristine, _) = read_catalog(&catalog_dir());
    assert!(
        check_fidelity(&pristine).1.is_empty(),
        "the committed catalogue must pass"
    );

    let mut changed = pristine.clone();
    let row = &mut changed.categories[2].value.row[3];
    *row.scope.get_mut() = row.scope.get_ref().replacen('于', "与", 1);
    assert!(
        !check_fidelity(&changed).1.is_empty(),
        "a changed character must be caught"
    );

    let mut dropped = pristine.clone();
    dropped.categories[5].value.row.remove(2);
    assert!(
        !check_fidelity(&dropped).1.is_empty(),
        "a dropped row must be caught"
    );

    let mut swapped = pristine.clone();
    swapped.categories[1].value.row.swap(4, 5);
    assert!(
        !check_fidelity(&swapped).1.is_empty(),
        "rows out of order must be caught"
    );

    let mut invented = pristine.clone();
    let row = &mut invented.categories[0].value.row[0];
    *row.requirement.get_mut() = format!("{}\n3、《营业执照》", row.requirement.get_ref());
    assert!(
        !check_fidelity(&invented).1.is_empty(),
        "invented text must be caught"
    );

    let mut truncated = pristine;
    truncated.categories.pop();
    assert!(
        !check_fidelity(&truncated).1.is_empty(),
        "a missing first-level category must be caught"
    );
}

/// Coverage both ways must catch a document dropped from a rule and one the text does not mention.
#[test]
fn coverage_check_catches_rule_mistakes() {
    let (pristine, _) = read_catalog(&catalog_dir());
    let find_row = |catalog: &mut leimu_catalog::CatalogSource, id: &str| -> (usize, usize) {
        for (f, file) in catalog.categories.iter().enumerate() {
            for (r, row) in file.value.row.iter().enumerate() {
                if row.leaves().iter().any(|(_, leaf)| leaf.get_ref() == id) {
                    return (f, r);
                }
            }
        }
        panic!("no row {id}");
    };
    // 医疗服务-公立医疗机构: 同时提供 《医疗机构执业许可证》 and 《事业单位法人证书》.
    let mut dropped = pristine.clone();
    let (f, r) = find_row(&mut dropped, "medical.public-institution");
    let rule = dropped.categories[f].value.row[r]
        .rule
        .as_mut()
        .expect("rule");
    *rule.get_mut() = "doc \"《医疗机构执业许可证》\"\n".into();
    let (_, diagnostics) = compile(&dropped);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("《事业单位法人证书》")),
        "a document missing from the rule must be reported: {diagnostics:?}"
    );

    let mut invented = pristine;
    let (f, r) = find_row(&mut invented, "medical.public-institution");
    let rule = invented.categories[f].value.row[r]
        .rule
        .as_mut()
        .expect("rule");
    *rule.get_mut() = "all\n  doc \"《医疗机构执业许可证》\"\n  doc \"《事业单位法人证书》\"\n  doc \"《营业执照》\"\n".into();
    let (_, diagnostics) = compile(&invented);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("《营业执照》")),
        "a document the text does not mention must be reported: {diagnostics:?}"
    );
}

/// The catalogue names its source text: a version, the day it was taken, and
/// a hash that validation checks, so replacing source.txt without saying so fails.
#[test]
fn provenance_names_the_source_text_and_a_stale_hash_is_caught() {
    let (pristine, problems) = read_catalog(&catalog_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let (data, problems) = leimu_catalog::compile(&pristine);
    assert!(problems.is_empty(), "{problems:?}");
    let provenance = data.expect("compiles").provenance;
    assert!(!provenance.version.is_empty());
    assert_eq!(provenance.taken.len(), "2026-11-28".len());
    assert_eq!(
        provenance.source_sha256,
        leimu_catalog::provenance::sha256_hex(
            &fs::read(catalog_dir().join("source.txt")).expect("source.txt")
        )
    );

    let mut changed = pristine.clone();
    changed.source_text.push('\n');
    let (_, problems) = leimu_catalog::compile(&changed);
    assert!(
        problems
            .iter()
            .any(|d| d.path.ends_with("provenance.toml") && d.message.contains("source_sha256")),
        "{problems:?}"
    );

    let mut undated = pristine;
    let file = undated.provenance.as_mut().expect("provenance.toml");
    *file.value.taken.get_mut() = "next spring".into();
    let (_, problems) = leimu_catalog::compile(&undated);
    assert!(
        problems
            .iter()
            .any(|d| d.path.ends_with("provenance.toml") && d.message.contains("YYYY-MM-DD")),
        "{problems:?}"
    );
}

/// Every published version is kept in catalog/history/ as `<version>.json`,
/// readable by `leimu diff`, and the current one is among them.
#[test]
fn history_keeps_every_published_version_readable() {
    let dir = catalog_dir().join("history");
    let mut versions = Vec::new();
    for entry in fs::read_dir(&dir).expect("catalog/history/") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version = name
            .strip_suffix(".json")
            .unwrap_or_else(|| panic!("catalog/history/{name} is not a catalogue JSON"));
        let data = leimu_engine::diff::read_catalogue(&fs::read(&path).expect("read"))
            .unwrap_or_else(|e| panic!("catalog/history/{name}: {e}"));
        assert_eq!(data.provenance.version, version, "catalog/history/{name}");
        versions.push(data.provenance);
    }
    let (catalog, _) = read_catalog(&catalog_dir());
    let current = leimu_catalog::compile(&catalog)
        .0
        .expect("compiles")
        .provenance;
    assert!(
        versions.iter().any(|v| v.version == current.version),
        "catalog/history/ lacks the current version {}; run `cargo xtask generate`",
        current.version
    );
    // Versions are told apart by the day their text was taken, too.
    let mut taken: Vec<&str> = versions.iter().map(|v| v.taken.as_str()).collect();
    taken.sort_unstable();
    taken.dedup();
    assert_eq!(taken.len(), versions.len(), "two versions with one date");
}

#[test]
fn lexicon_targets_exist_and_shared_words_are_declared_ambiguous() {
    let (pristine, _) = read_catalog(&catalog_dir());
    let lexicon = pristine.lexicon.as_ref().expect("catalog/lexicon.toml");
    let words: usize = lexicon.value.term.iter().map(|t| t.words.len()).sum();
    assert!(words >= 1500, "{words} lexicon words");

    // A term under a category that does not exist.
    let mut unknown = pristine.clone();
    let file = unknown.lexicon.as_mut().expect("lexicon");
    let mut term = file.value.term[0].clone();
    *term.category.get_mut() = "logistics.teleportation".into();
    term.words.truncate(1);
    file.value.term.push(term);
    let (_, diagnostics) = compile(&unknown);
    assert!(
        diagnostics.iter().any(|d| d
            .message
            .contains("`logistics.teleportation` is not a category id")),
        "{diagnostics:?}"
    );

    // 茅台 under 食品饮料 too, without an [[ambiguous]] entry.
    let mut shared = pristine.clone();
    let file = shared.lexicon.as_mut().expect("lexicon");
    let mut term = file
        .value
        .term
        .iter()
        .find(|t| t.category.get_ref() == "merchant.liquor")
        .expect("酒类 has words")
        .clone();
    *term.category.get_mut() = "merchant.food-beverage".into();
    term.words.retain(|w| w.get_ref() == "茅台");
    file.value.term.push(term);
    let (_, diagnostics) = compile(&shared);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("茅台") && d.message.contains("[[ambiguous]]")),
        "{diagnostics:?}"
    );

    // `car rentals` under 汽车金融 is `car rental` (租车) to the search, which
    // stems English words: the same word under two categories.
    let mut plural = pristine.clone();
    let file = plural.lexicon.as_mut().expect("lexicon");
    let mut term = file.value.term[0].clone();
    *term.category.get_mut() = "finance.auto-finance-leasing".into();
    term.words.truncate(1);
    *term.words[0].get_mut() = "Car Rentals".into();
    file.value.term.push(term);
    let (_, diagnostics) = compile(&plural);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("carrental") && d.message.contains("[[ambiguous]]")),
        "{diagnostics:?}"
    );
}
