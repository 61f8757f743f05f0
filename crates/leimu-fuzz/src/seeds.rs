//! The inputs each target starts from: a few well-formed examples of what it
//! reads, so the fuzzer begins inside the format instead of guessing it.
//! `cargo xtask fuzz` writes them into a target's corpus when it is empty,
//! and `tests/corpora.rs` runs them through their target on every test run.

use std::collections::{BTreeMap, BTreeSet};

use leimu_engine::binary;
use leimu_engine::model::{CatalogData, Node, NodeKind};

use crate::catalog;

/// The seeds of the target `name` (empty for a name that is not a target).
pub fn seeds(name: &str) -> Vec<Vec<u8>> {
    let text = |items: &[&str]| items.iter().map(|s| s.as_bytes().to_vec()).collect();
    match name {
        "share_link" => text(&[
            "#/plan?c=medical.internet-hospital,medical.clinical-trial&a=medical-institution-practice-licence*2&k=medical-institution",
            "c=logistics.pickup-delivery&a=business-licence&p=medical-institution-practice-licence*3",
            "#/c/medical.internet-hospital",
            "#/plan?c=nope&x=1&a=business-licence*0",
        ]),
        "stored_profile" => text(&[
            r#"{"version":1,"applicant":{"business-licence":1,"medical-institution-practice-licence":2},"partners":{},"kinds":["medical-institution"]}"#,
            r#"{"version":1,"applicant":{"gone":1},"partners":{"business-licence":0},"kinds":["nobody"]}"#,
            r#"["medical.internet-hospital","medical.clinical-trial","gone"]"#,
        ]),
        "client_files" => text(&[
            r#"{"version":1,"current":"c2","clients":[{"id":"default","name":"茶叶店"},{"id":"c2","name":"民营医院"}]}"#,
            r#"{"version":1,"current":"gone","clients":[{"id":"../x","name":"a"},{"id":"c3","name":"\u0007 b "},{"id":"c3","name":"twice"}]}"#,
            r#"{"format":"leimu-profiles","version":1,"catalog":"2026.1","profiles":[{"name":"茶叶店","plan":[{"category":"merchant.food-beverage","way":2},"medical.internet-hospital"],"profile":{"version":2,"applicant":{"business-licence":1},"kinds":["enterprise"]}},{"name":"坏的","profile":7}]}"#,
            r#"{"version":2,"applicant":{"medical-institution-practice-licence":1,"gone":1}}"#,
        ]),
        "widget_command" => text(&[
            r#"{"source":"leimu","version":1,"type":"set-category","category":"medical.internet-hospital"}"#,
            r#"{"source":"leimu","version":1,"type":"set-lang","lang":"en"}"#,
            r#"{"source":"leimu","version":1,"type":"set-profile","profile":{"applicant":{"business-licence":1},"partners":{},"kinds":[]}}"#,
            "?category=medical.internet-hospital&lang=en&allow=https://example.com,http://localhost:8080/",
        ]),
        "js_api" => vec![
            b"\x00\"hlwyy\"\x00{\"limit\":3}".to_vec(),
            "\u{1}\"互联网医院\"\u{0}{\"have\":[\"医疗机构执业许可证\"]}"
                .as_bytes()
                .to_vec(),
            "\u{2}{\"have\":[\"营业执照\"],\"partner\":[\"合作协议=2\"],\"kinds\":[\"银行主体\"]}"
                .as_bytes()
                .to_vec(),
            "\u{3}[\"互联网医院\",\"药品（非处方药）销售\"]\u{0}{\"version\":1,\"applicant\":{\"business-licence\":1}}"
                .as_bytes()
                .to_vec(),
            "\u{4}\"医疗服务 > 临床试验\"".as_bytes().to_vec(),
            "\u{1}42\u{0}\"营业执照\"".as_bytes().to_vec(),
        ],
        "cli" => text(&[
            "check\0互联网医院\0--have\0医疗机构执业许可证\0--json",
            "search\0hlwyy\0--limit\x003",
            "unlock\0--have\0营业执照\0--kind\0银行主体\0--lang\0zh",
            "plan\0互联网医院\0药品（非处方药）销售\0--partner=合作协议=2",
            "show\0医疗服务 > 临床试验",
            "互联网医",
            "营业执照=2",
        ]),
        "catalog_json" => small_catalogs()
            .iter()
            .filter_map(|data| serde_json::to_vec(data).ok())
            .collect(),
        "catalog_binary" => small_catalogs()
            .iter()
            .filter_map(|data| binary::encode(data).ok())
            .collect(),
        "search_query" => text(&[
            "\x14hlwyy",
            "\x05卖茶叶",
            "\x14yiliao fuwu",
            "\x03互联网 医院 药品",
            "\x14ICP备案",
        ]),
        _ => Vec::new(),
    }
}

/// Small but complete catalogues cut from the real one: the leaves of one
/// first-level category (at most four), the documents their rules name, and
/// the pinyin of the characters they use. Small, so the fuzzer's mutations
/// reach every field.
pub fn small_catalogs() -> Vec<CatalogData> {
    let full = catalog().data();
    ["logistics", "medical", "finance"]
        .iter()
        .filter_map(|first| full.first_levels.iter().position(|f| f.id == *first))
        .map(|first| {
            let mut leaves: Vec<_> = full
                .leaves
                .iter()
                .filter(|leaf| leaf.first_level == first)
                .take(4)
                .cloned()
                .collect();
            let kept: BTreeSet<String> = leaves.iter().map(|leaf| leaf.id.clone()).collect();
            let mut documents = BTreeSet::new();
            for leaf in &mut leaves {
                leaf.first_level = 0;
                for reference in &mut leaf.references {
                    reference.to.retain(|to| kept.contains(to));
                }
                leaf.references.retain(|reference| !reference.to.is_empty());
                if let Some(rule) = &leaf.rule {
                    collect_documents(rule, &mut documents);
                }
            }
            let mut data = CatalogData {
                notice: full.notice.clone(),
                schema: full.schema,
                source_title: full.source_title.clone(),
                provenance: full.provenance.clone(),
                first_levels: full.first_levels.get(first).cloned().into_iter().collect(),
                leaves,
                documents: full
                    .documents
                    .iter()
                    .filter(|d| documents.contains(&d.id))
                    .cloned()
                    .collect(),
                applicant_kinds: full.applicant_kinds.clone(),
                applicant_groups: full.applicant_groups.clone(),
                applicant_labels: full.applicant_labels.clone(),
                generic_document_names: full.generic_document_names.clone(),
                synonyms: full.synonyms.iter().take(2).cloned().collect(),
                lexicon: Vec::new(),
                pinyin: BTreeMap::new(),
            };
            let used = serde_json::to_string(&data).unwrap_or_default();
            data.pinyin = full
                .pinyin
                .iter()
                .filter(|(han, _)| used.contains(han.as_str()))
                .map(|(han, readings)| (han.clone(), readings.clone()))
                .collect();
            data
        })
        .collect()
}

fn collect_documents(node: &Node, out: &mut BTreeSet<String>) {
    match &node.kind {
        NodeKind::AllOf { children } | NodeKind::AnyOf { children, .. } => {
            for child in children {
                collect_documents(child, out);
            }
        }
        NodeKind::Document(requirement) => {
            out.insert(requirement.document.clone());
        }
    }
}
