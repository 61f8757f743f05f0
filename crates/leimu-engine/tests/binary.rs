//! The binary catalogue (`catalog.bin`, what the site embeds) and its
//! lexicon file (`lexicon.bin`, fetched after the first paint) say exactly
//! what the JSON says, and damaged bytes give an error, never a panic.

mod common;

use leimu_engine::binary::{
    decode, decode_lexicon, decode_parts, encode, encode_split, fingerprint, lexicon_file_name,
};
use leimu_engine::model::CatalogData;
use leimu_engine::{Catalog, LexiconError, LoadError};
use proptest::prelude::*;

const CATALOG_BIN: &[u8] = include_bytes!("../../../catalog/generated/catalog.bin");
const LEXICON_BIN: &[u8] = include_bytes!("../../../catalog/generated/lexicon.bin");

fn json_data() -> CatalogData {
    serde_json::from_str(common::CATALOG_JSON).expect("catalog.json parses")
}

/// The catalogue and its lexicon file decoded and put back together.
fn both_decoded(catalogue: &[u8], lexicon: &[u8]) -> CatalogData {
    let mut data = decode(catalogue).expect("catalog.bin decodes");
    let lexicon = decode_lexicon(lexicon).expect("lexicon.bin decodes");
    assert!(
        data.lexicon.is_empty(),
        "the split catalogue has no inline lexicon"
    );
    data.lexicon = lexicon.entries;
    for (character, readings) in lexicon.pinyin {
        let before = data.pinyin.insert(character.clone(), readings);
        assert_eq!(before, None, "{character}'s pinyin is in both files");
    }
    data
}

#[test]
fn the_committed_binary_decodes_to_the_committed_json() {
    // All are generated together; a stale one is caught by leimu-catalog's
    // freshness test, a decoder that disagrees with the encoder here.
    assert_eq!(both_decoded(CATALOG_BIN, LEXICON_BIN), json_data());
    let (_, named) = decode_parts(CATALOG_BIN).expect("decodes");
    assert_eq!(
        named,
        Some(fingerprint(LEXICON_BIN)),
        "the catalogue names its lexicon file"
    );
}

#[test]
fn encoding_round_trips() {
    let data = json_data();
    let split = encode_split(&data).expect("encodes");
    assert_eq!(
        split.catalogue, CATALOG_BIN,
        "encoding the JSON gives the committed binary"
    );
    assert_eq!(split.lexicon, LEXICON_BIN, "and the committed lexicon file");
    // Inline, as the fuzz targets and older callers use it.
    let inline = encode(&data).expect("encodes");
    assert_eq!(decode(&inline).expect("decodes"), data);
    assert_eq!(decode_parts(&inline).expect("decodes").1, None);
}

#[test]
fn the_lexicon_file_moves_only_pinyin_no_other_text_needs() {
    // The catalogue without its lexicon keeps the pinyin of every character
    // of its names (a pinyin search of a name works before the lexicon).
    let core = decode(CATALOG_BIN).expect("decodes");
    for leaf in &core.leaves {
        for c in leaf.path.iter().flat_map(|p| p.chars()) {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                assert!(
                    core.pinyin.contains_key(&c.to_string()),
                    "{c} of {}",
                    leaf.id
                );
            }
        }
    }
    let lexicon = decode_lexicon(LEXICON_BIN).expect("decodes");
    assert!(!lexicon.pinyin.is_empty() && lexicon.entries.len() > 300);
}

#[test]
fn a_catalogue_loads_from_either_form_with_the_same_answers() {
    let from_bin = Catalog::from_bytes(CATALOG_BIN).expect("loads");
    let from_json = common::catalog();
    assert_eq!(
        from_bin.missing_lexicon_file(),
        Some(lexicon_file_name(fingerprint(LEXICON_BIN)))
    );
    from_bin.add_lexicon(LEXICON_BIN).expect("its own lexicon");
    assert_eq!(from_bin.missing_lexicon_file(), None);
    for query in [
        "卖茶叶",
        "卖茅台",
        "maotai",
        "寿司店",
        "bubble tea",
        "互联网医院",
    ] {
        assert_eq!(
            from_bin.search(query, 5),
            from_json.search(query, 5),
            "{query}"
        );
    }
}

#[test]
fn search_works_before_the_lexicon_and_improves_when_it_arrives() {
    let catalog = Catalog::from_bytes(CATALOG_BIN).expect("loads");
    // The source's own words need no lexicon.
    let top = |query: &str| catalog.search(query, 3).first().map(|h| h.category.clone());
    assert_eq!(
        top("互联网医院").as_deref(),
        Some("medical.internet-hospital")
    );
    assert_eq!(
        top("hulianwangyiyuan").as_deref(),
        Some("medical.internet-hospital")
    );
    // An everyday word only the lexicon knows: no confident answer yet.
    let before = catalog.search_outcome("茅台", 3);
    assert!(
        before.hits.iter().all(|h| !h.category.contains("liquor")),
        "{:?}",
        before.hits
    );
    catalog.add_lexicon(LEXICON_BIN).expect("adds");
    let after = catalog.search("茅台", 3);
    assert!(
        after.first().is_some_and(|h| h.category.contains("liquor")),
        "{after:?}"
    );
}

#[test]
fn only_the_named_lexicon_file_is_added() {
    let catalog = Catalog::from_bytes(CATALOG_BIN).expect("loads");
    let mut other = LEXICON_BIN.to_vec();
    other.push(b'x');
    let Err(LexiconError::NotThisCatalogue { expected, .. }) = catalog.add_lexicon(&other) else {
        panic!("another lexicon file was added");
    };
    assert_eq!(expected, Some(fingerprint(LEXICON_BIN)));
    assert!(catalog.missing_lexicon_file().is_some(), "nothing changed");
    catalog.add_lexicon(LEXICON_BIN).expect("adds");
    catalog.add_lexicon(LEXICON_BIN).expect("twice is harmless");
    // A catalogue that holds its lexicon names no file and takes none.
    let whole = common::catalog();
    assert_eq!(whole.missing_lexicon_file(), None);
    let error = whole.add_lexicon(LEXICON_BIN).unwrap_err();
    assert!(
        error.to_string().contains("holds its lexicon already"),
        "{error}"
    );
}

#[test]
fn every_truncation_of_the_lexicon_file_is_an_error() {
    for len in (0..LEXICON_BIN.len())
        .step_by(53)
        .chain([LEXICON_BIN.len() - 1])
    {
        assert!(
            decode_lexicon(&LEXICON_BIN[..len]).is_err(),
            "cut at byte {len}"
        );
    }
    let message = decode_lexicon(CATALOG_BIN).unwrap_err().to_string();
    assert!(message.contains("not a leimu lexicon file"), "{message}");
}

#[test]
fn every_truncation_is_an_error() {
    // Every prefix: the decoder must notice the data stops, wherever it stops.
    for len in (0..CATALOG_BIN.len())
        .step_by(97)
        .chain([CATALOG_BIN.len() - 1])
    {
        let result = decode(&CATALOG_BIN[..len]);
        assert!(result.is_err(), "a catalogue cut at byte {len} decoded");
    }
}

#[test]
fn errors_name_the_problem_and_the_fix() {
    let message = Catalog::from_bytes(b"{\"schema\":1}")
        .unwrap_err()
        .to_string();
    assert!(message.contains("not a leimu catalogue"), "{message}");
    assert!(message.contains("cargo xtask generate"), "{message}");
    let mut longer = CATALOG_BIN.to_vec();
    longer.push(0);
    assert!(matches!(
        Catalog::from_bytes(&longer),
        Err(LoadError::Binary(_))
    ));
}

#[test]
fn a_nul_inside_a_string_cannot_be_encoded() {
    let mut data = json_data();
    data.leaves[0].scope.push('\0');
    assert!(encode(&data).unwrap_err().contains("NUL"));
}

#[test]
fn an_unknown_document_cannot_be_encoded() {
    let mut data = json_data();
    fn rename(node: &mut leimu_engine::model::Node) -> bool {
        use leimu_engine::model::NodeKind;
        match &mut node.kind {
            NodeKind::Document(requirement) => {
                requirement.document = "no-such-document".into();
                true
            }
            NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                children.iter_mut().any(rename)
            }
        }
    }
    let leaf = data
        .leaves
        .iter_mut()
        .find(|l| l.rule.is_some())
        .expect("a rule");
    assert!(rename(leaf.rule.as_mut().expect("rule")));
    let error = encode(&data).unwrap_err();
    assert!(error.contains("no-such-document"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Damaged bytes anywhere: an error or (for damage inside text that stays
    /// UTF-8) a different catalogue, but never a panic or a hang.
    #[test]
    fn damaged_bytes_never_panic(position in 0..CATALOG_BIN.len(), value in any::<u8>()) {
        let mut bytes = CATALOG_BIN.to_vec();
        bytes[position] = value;
        let _ = decode(&bytes);
    }

    #[test]
    fn a_damaged_lexicon_file_never_panics(position in 0..LEXICON_BIN.len(), value in any::<u8>()) {
        let mut bytes = LEXICON_BIN.to_vec();
        bytes[position] = value;
        let _ = decode_lexicon(&bytes);
    }
}

/// Found by fuzzing: the structure stream of a small catalogue ends in the
/// pinyin table, a list of strings that takes no structure bytes per item;
/// the decoder counted only structure bytes and refused it as damaged.
#[test]
fn a_catalogue_ending_in_a_list_of_strings_round_trips() {
    let mut data = json_data();
    data.leaves.clear();
    data.documents.clear();
    data.synonyms.clear();
    data.applicant_kinds.clear();
    data.applicant_labels.clear();
    data.applicant_groups.clear();
    data.generic_document_names.clear();
    data.first_levels.truncate(1);
    data.pinyin = [("行", "xing|hang"), ("医", "yi"), ("院", "yuan")]
        .into_iter()
        .map(|(han, readings)| (han.to_owned(), readings.to_owned()))
        .collect();
    let bytes = encode(&data).expect("encodes");
    assert_eq!(decode(&bytes).expect("decodes"), data);
}

/// Found writing the catalog_json fuzz target (a catalogue that loads must
/// encode): a rule naming an applicant kind the registry lacks
/// loaded from JSON, but could not be encoded (and no `--kind` could ever
/// choose it). Loading now reports it, as it reports an unknown document.
#[test]
fn an_unknown_applicant_kind_does_not_load() {
    fn rename(node: &mut leimu_engine::model::Node) -> bool {
        use leimu_engine::model::NodeKind;
        if let Some(applicant) = &mut node.applicant {
            applicant.kind = "no-such-kind".into();
            return true;
        }
        match &mut node.kind {
            NodeKind::Document(_) => false,
            NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
                children.iter_mut().any(rename)
            }
        }
    }
    let mut data = json_data();
    assert!(
        data.leaves
            .iter_mut()
            .filter_map(|leaf| leaf.rule.as_mut())
            .any(rename),
        "some rule names an applicant kind"
    );
    let Err(LoadError::Inconsistent(problems)) = Catalog::from_data(data) else {
        panic!("a rule with an unknown applicant kind loaded")
    };
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown applicant label `no-such-kind`")),
        "{problems:?}"
    );
}
