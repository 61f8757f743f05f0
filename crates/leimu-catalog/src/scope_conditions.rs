//! Reading a condition on the business scope (经营范围须含“A”或“B”) into the
//! terms the engine can look for in the scope an applicant pastes.
//!
//! Checked forms (documented in catalog/README.md), on the applicant's own
//! business licence only:
//!
//! - `经营范围` or `范围`, optionally `须`/`需`/`应`, then `含`/`包含`/`含有`,
//!   optionally `：`, then the terms;
//! - quoted terms joined by `或`, `、`, `或者`, spaces or `之一`
//!   (“商业保理”或“商务服务业”); a quoted list split by `、` inside the quotes
//!   counts as alternatives (“旅游、通讯、电子设备”等相关业务);
//! - unquoted terms separated by `、`, `/`, `或` (住宿、旅店业、客房等与住宿相关).
//!
//! A list followed by 等, 相关 or 类 allows related wording, so a scope
//! without any term leaves the condition to confirm instead of failing it.
//! Anything else (含相关业务范围, conditions joined by 且/和) is not read and
//! stays a condition the user confirms.

/// The terms of a scope condition and whether the list is exhaustive;
/// `None` when the condition is not one of the checked forms.
pub fn read_scope_condition(condition: &str) -> Option<(Vec<String>, bool)> {
    let text = condition.trim();
    let rest = text
        .strip_prefix("经营范围")
        .or_else(|| text.strip_prefix("范围"))?;
    let rest = ["须", "需", "应", "必须"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let rest = ["包含", "含有", "含"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let rest = rest.trim_start_matches(['：', ':', ' ']);
    if rest.is_empty() || rest.contains('且') || rest.contains('和') || rest.contains('及') {
        return None;
    }
    let open = ["等", "相关", "类"]
        .iter()
        .any(|w| outside_quotes(rest).contains(w));
    let mut terms: Vec<String> = Vec::new();
    if rest.contains('“') {
        let mut remaining = rest;
        while let Some(start) = remaining.find('“') {
            let after = remaining.get(start + '“'.len_utf8()..)?;
            let end = after.find(['”', '“'])?;
            for term in after.get(..end)?.split('、') {
                push_term(&mut terms, term);
            }
            remaining = after.get(end + '”'.len_utf8()..).unwrap_or("");
        }
        let between = outside_quotes(rest);
        let joined_by_or = between
            .split([
                '或', '、', ' ', '者', '之', '一', '等', '相', '关', '内', '容', '业', '务', '类',
            ])
            .all(|part| part.trim().is_empty());
        if !joined_by_or {
            return None;
        }
    } else {
        let cut = ["等", "相关"]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .unwrap_or(rest.len());
        for term in rest.get(..cut)?.split(['、', '/', '或', '，']) {
            push_term(&mut terms, term);
        }
    }
    (!terms.is_empty()).then_some((terms, !open))
}

fn push_term(terms: &mut Vec<String>, term: &str) {
    let term = term.trim();
    if !term.is_empty() && !terms.iter().any(|t| t == term) {
        terms.push(term.to_owned());
    }
}

/// The text with every “…” removed.
fn outside_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(Vec<&'static str>, bool)> {
        read_scope_condition(text).map(|(terms, exhaustive)| {
            (
                terms
                    .into_iter()
                    .map(|t| &*Box::leak(t.into_boxed_str()))
                    .collect(),
                exhaustive,
            )
        })
    }

    #[test]
    fn the_source_forms() {
        assert_eq!(
            read("经营范围须含“商业保理”或“商务服务业”或“保付代理（非银行融资类）”"),
            Some((
                vec!["商业保理", "商务服务业", "保付代理（非银行融资类）"],
                true
            ))
        );
        assert_eq!(
            read("经营范围含住宿、旅店业、客房等与住宿相关"),
            Some((vec!["住宿", "旅店业", "客房"], false))
        );
        assert_eq!(
            read("经营范围含“旅游、通讯、电子设备”等相关业务"),
            Some((vec!["旅游", "通讯", "电子设备"], false))
        );
        assert_eq!(
            read("经营范围包含：二手车经销、二手车经纪等相关内容"),
            Some((vec!["二手车经销", "二手车经纪"], false))
        );
        assert_eq!(
            read("范围含“汽车生产”或“汽车销售”等内容"),
            Some((vec!["汽车生产", "汽车销售"], false))
        );
        assert_eq!(
            read("经营范围需包含“融资租赁业务”"),
            Some((vec!["融资租赁业务"], true))
        );
    }

    #[test]
    fn other_forms_are_left_to_confirm() {
        assert_eq!(read("含相关业务范围"), None);
        assert_eq!(read("公司名称需包含“汽车金融”或“金融租赁”"), None);
        assert_eq!(read("登记注册时间超过两年"), None);
    }
}
