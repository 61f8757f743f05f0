//! Cross-references: notes that send the user to another category
//! (需选择【医疗服务-互联网医院】类目, 需补充【时政信息】类目).
//!
//! A 【…】 is a reference when its clause asks to choose or add a category
//! (选, 补充, 通过); other 【…】 in the source are quotations (协议须含【算法名称】,
//! 标题格式为【内测-…】, 若涉及【保健品】销售) and are left alone. A reference that
//! names a first-level category, or a first-level and a second-level name,
//! exactly as the catalogue has them resolves to those leaves automatically.
//! Every other reference must have an entry in `cross-references.toml` that
//! resolves it by judgement and says why; nothing is dropped silently. An
//! entry may also narrow an exact reference whose context is more specific
//! than its words.

use std::collections::{BTreeMap, HashMap, HashSet};

use leimu_engine::model::{CrossReference, Leaf};

use crate::diagnostic::Diagnostic;
use crate::source::CatalogSource;

/// A reference found in a row's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundReference {
    /// `【…】` including the brackets.
    pub text: String,
}

/// Every reference in a text, in order.
pub fn find_references(text: &str) -> Vec<FoundReference> {
    let mut out = Vec::new();
    let mut from = 0;
    // The end of the last reference, for one that follows it (【A】 或 【B】).
    let mut last_end: Option<usize> = None;
    while let Some(open) = text.get(from..).and_then(|t| t.find('【')) {
        let start = from + open;
        let Some(close) = text.get(start..).and_then(|t| t.find('】')) else {
            break;
        };
        let end = start + close + '】'.len_utf8();
        from = end;
        let before = text.get(..start).unwrap_or("");
        // 需选择：【…】 — a colon right after the verb does not end its clause.
        let asks = |clause: &str| {
            clause.contains('选') || clause.contains("补充") || clause.contains("通过")
        };
        let mut clause_end = before.len();
        let clause = loop {
            let head = before.get(..clause_end).unwrap_or("");
            let clause_start = head
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, '，' | '。' | '；' | '：' | '、' | '\n' | ',' | ';'))
                .map(|(i, c)| (i, i + c.len_utf8()));
            match clause_start {
                Some((colon, after))
                    if head.get(colon..after) == Some("：")
                        && head.get(after..).is_some_and(|t| t.trim().is_empty())
                        && asks(
                            head.get(..colon)
                                .unwrap_or("")
                                .rsplit(['，', '。', '；', '\n'])
                                .next()
                                .unwrap_or(""),
                        ) =>
                {
                    clause_end = colon;
                }
                Some((_, after)) => break head.get(after..).unwrap_or(""),
                None => break head,
            }
        };
        // 【A】 或 【B】: a reference joined to the one before it is one too.
        let joined = last_end.is_some_and(|e| {
            before.get(e..).is_some_and(|gap| {
                gap.trim()
                    .trim_matches(['或', '、', '和', '及', ' '])
                    .is_empty()
            })
        });
        if asks(clause) || joined {
            out.push(FoundReference {
                text: text.get(start..end).unwrap_or("").to_owned(),
            });
            last_end = Some(end);
        } else {
            last_end = None;
        }
    }
    out
}

/// Resolves a reference whose names match the catalogue exactly: `【一级】` or `【一级-二级】`.
pub fn resolve_exactly(text: &str, leaves: &[Leaf]) -> Option<Vec<String>> {
    let inner = text.strip_prefix('【')?.strip_suffix('】')?;
    let (first, second) = match inner.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (inner, None),
    };
    let to: Vec<String> = leaves
        .iter()
        .filter(|leaf| leaf.path.first().is_some_and(|n| n == first))
        .filter(|leaf| second.is_none_or(|s| leaf.path.get(1).is_some_and(|n| n == s)))
        .map(|leaf| leaf.id.clone())
        .collect();
    (!to.is_empty()).then_some(to)
}

/// Resolves every reference of every row. Returns leaf id → its references.
pub fn resolve_references(
    catalog: &CatalogSource,
    leaves: &[Leaf],
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<CrossReference>> {
    let leaf_ids: HashSet<&str> = leaves.iter().map(|l| l.id.as_str()).collect();
    let mut judged: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
    let mut used_judgements = HashSet::new();
    if let Some(file) = &catalog.references {
        for entry in &file.value.reference {
            let text = entry.text.get_ref().clone();
            for target in &entry.to {
                if !leaf_ids.contains(target.get_ref().as_str()) {
                    diagnostics.push(
                        file.error_at(target, format!("`{}` is not a leaf id", target.get_ref())),
                    );
                }
            }
            if entry.why.get_ref().trim().is_empty() {
                diagnostics
                    .push(file.error_at(&entry.why, "say why this reference resolves this way"));
            }
            let to = entry.to.iter().map(|t| t.get_ref().clone()).collect();
            if judged
                .insert(text.clone(), (to, entry.why.get_ref().clone()))
                .is_some()
            {
                diagnostics.push(file.error_at(&entry.text, format!("`{text}` is listed twice")));
            }
        }
    }
    let mut out: HashMap<String, Vec<CrossReference>> = HashMap::new();
    for file in &catalog.categories {
        for row in &file.value.row {
            let mut found: Vec<FoundReference> = Vec::new();
            for text in [
                row.requirement.get_ref().as_str(),
                row.scope.get_ref(),
                row.notes_text(),
            ] {
                for reference in find_references(text) {
                    if !found.contains(&reference) {
                        found.push(reference);
                    }
                }
            }
            let mut resolved = Vec::new();
            for reference in found {
                // A judgement may also narrow a reference that names a whole
                // first level exactly (【交通服务】对应类目 for shared bikes).
                if let Some((to, why)) = judged.get(&reference.text) {
                    used_judgements.insert(reference.text.clone());
                    resolved.push(CrossReference {
                        text: reference.text,
                        to: to.clone(),
                        judgement: Some(why.clone()),
                    });
                } else if let Some(to) = resolve_exactly(&reference.text, leaves) {
                    resolved.push(CrossReference {
                        text: reference.text,
                        to,
                        judgement: None,
                    });
                } else {
                    diagnostics.push(file.error_at(
                        &row.l2,
                        format!("reference `{}` names no category exactly; resolve it in cross-references.toml", reference.text),
                    ));
                }
            }
            for (_, id) in row.leaves() {
                out.insert(id.get_ref().clone(), resolved.clone());
            }
        }
    }
    if let Some(file) = &catalog.references {
        for entry in &file.value.reference {
            if !used_judgements.contains(entry.text.get_ref()) {
                diagnostics.push(file.error_at(
                    &entry.text,
                    format!(
                        "`{}` does not occur as a reference in the catalogue; remove it",
                        entry.text.get_ref()
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        find_references(s).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn references_are_requests_to_choose_or_add() {
        assert_eq!(
            texts("注：如提供在线看诊，需选择【医疗服务-互联网医院】类目。"),
            ["【医疗服务-互联网医院】"]
        );
        assert_eq!(
            texts("需选择【医疗服务-上门医疗】或【医疗机构】相关类目"),
            ["【医疗服务-上门医疗】", "【医疗机构】"]
        );
        assert_eq!(texts("需补充【时政信息】类目；"), ["【时政信息】"]);
        assert!(texts("协议须含【算法名称】或【算法应用场景】").is_empty());
        assert!(texts("证明须含【小程序主体】 、【小程序appid】").is_empty());
        // A colon after the verb, and a second reference joined by 或 after a space.
        assert_eq!(
            texts(
                "如涉及提供医疗器械等服务，需选择：【商家自营-成人用品】 或 【医疗-医疗器械自营】类目；"
            ),
            ["【商家自营-成人用品】", "【医疗-医疗器械自营】"]
        );
        assert!(texts("标题格式为：【内测-数字藏品（展示）类目申请】").is_empty());
        assert!(texts("若涉及【保健品】销售，需选择【商家自营-保健品】类目").len() == 1);
        assert!(texts("标题格式为【内测-数字藏品（展示）类目申请】").is_empty());
        assert!(texts("1、若涉及【保健品】销售，").is_empty());
    }
}
