//! The binary catalogue (`catalog.bin`, what the site embeds) says exactly
//! what the JSON says, and damaged bytes give an error, never a panic.

mod common;

use leimu_engine::binary::{decode, encode};
use leimu_engine::model::CatalogData;
use leimu_engine::{Catalog, LoadError};
use proptest::prelude::*;

const CATALOG_BIN: &[u8] = include_bytes!("../../../catalog/generated/catalog.bin");

fn json_data() -> CatalogData {
    serde_json::from_str(common::CATALOG_JSON).expect("catalog.json parses")
}

#[test]
fn the_committed_binary_decodes_to_the_committed_json() {
    // Both are generated together; a stale one is caught by leimu-catalog's
    // freshness test, a decoder that disagrees with the encoder here.
    assert_eq!(
        decode(CATALOG_BIN).expect("catalog.bin decodes"),
        json_data()
    );
}

#[test]
fn encoding_round_trips() {
    let data = json_data();
    let bytes = encode(&data).expect("encodes");
    assert_eq!(
        bytes, CATALOG_BIN,
        "encoding the JSON gives the committed binary"
    );
    assert_eq!(decode(&bytes).expect("decodes"), data);
}

#[test]
fn a_catalogue_loads_from_either_form_with_the_same_answers() {
    let from_bin = Catalog::from_bytes(CATALOG_BIN).expect("loads");
    let from_json = common::catalog();
    assert_eq!(from_bin.data(), from_json.data());
    assert_eq!(from_bin.search("卖茶叶", 5), from_json.search("卖茶叶", 5));
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
