//! Coverage both ways between a requirement text and its rule.
//!
//! - Every document the text mentions is in the rule, as many times as the
//!   text mentions it (or is declared `not_required` when the mention is only
//!   a remark).
//! - Every document in the rule is mentioned in the text (checked where rules
//!   are compiled: each mention must be a verbatim slice), and not more often
//!   than the text mentions it, unless the row lists it in `shared_mentions`
//!   (小程序主体或者…3家…租户的《食品经营许可证》: one mention, two alternatives).
//!
//! Document words inside a `cond` describe that document and are not counted.
//!
//! A mention in the text is either a 《…》 title, or a registered spelling of
//! a document written without 《》 (门店照片, 承诺函 …), found longest first so
//! that 承诺函 inside 小程序申请者的承诺书-like phrases is not counted twice.

use std::collections::BTreeMap;

use crate::compile::DocumentRegistry;
use crate::diagnostic::Diagnostic;
use crate::rule::{RuleKind, parse_rule};
use crate::source::CatalogSource;

/// Removes 《 and 》 so a mention can be looked up among the registry's aliases.
pub fn strip_brackets(mention: &str) -> &str {
    mention
        .strip_prefix('《')
        .and_then(|m| m.strip_suffix('》'))
        .filter(|m| !m.contains(['《', '》']))
        .unwrap_or(mention)
}

/// The registry key of a mention: the text without any 《》.
pub fn mention_key(mention: &str) -> String {
    mention
        .chars()
        .filter(|c| *c != '《' && *c != '》')
        .collect()
}

/// The 《…》 titles in a text, brackets included, in order.
pub fn bracketed_titles(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|t| t.find('《')) {
        let start = from + open;
        match text.get(start..).and_then(|t| t.find('》')) {
            Some(close) => {
                let end = start + close + '》'.len_utf8();
                out.push((start, end));
                from = end;
            }
            None => break,
        }
    }
    out
}

/// Checks every row with a rule. Rules that do not parse are reported elsewhere.
pub fn check_coverage(catalog: &CatalogSource, documents: &DocumentRegistry) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // Registered spellings written without 《》, longest first.
    let mut bare_aliases: Vec<&str> = documents.by_alias.keys().map(String::as_str).collect();
    bare_aliases.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
    for file in &catalog.categories {
        for row in &file.value.row {
            let Some(rule_text) = &row.rule else { continue };
            let Ok(rule) = parse_rule(rule_text.get_ref()) else {
                continue;
            };
            let text = row.requirement.get_ref();
            let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
            let mut claim = |mention: &str| {
                let titles = bracketed_titles(mention);
                if titles.is_empty() {
                    *claimed.entry(mention.to_owned()).or_default() += 1;
                }
                for (s, e) in titles {
                    *claimed
                        .entry(mention.get(s..e).unwrap_or("").to_owned())
                        .or_default() += 1;
                }
            };
            let mut conditions: Vec<String> = Vec::new();
            rule.walk(&mut |node| {
                if let RuleKind::Doc { mention } = &node.kind {
                    claim(mention);
                }
                conditions.extend(node.attributes.conditions.iter().cloned());
            });
            for remark in &row.not_required {
                claim(remark.get_ref());
                if !text.contains(remark.get_ref().as_str()) {
                    diagnostics.push(file.error_at(
                        remark,
                        format!(
                            "`not_required` entry `{}` is not in the requirement text",
                            remark.get_ref()
                        ),
                    ));
                }
            }
            let mut found: BTreeMap<String, usize> = BTreeMap::new();
            let mut masked: Vec<bool> = vec![false; text.len()];
            for (s, e) in bracketed_titles(text) {
                *found
                    .entry(text.get(s..e).unwrap_or("").to_owned())
                    .or_default() += 1;
                mark(&mut masked, s, e);
            }
            // Spellings the rule claims are found first (longest first), then
            // conditions are masked — a condition describes its document
            // ("合作协议或授权书中须含有…"), so document words inside it are not
            // further requirements — and then every other registered spelling.
            let scan = |aliases: &mut dyn Iterator<Item = &&str>,
                        masked: &mut Vec<bool>,
                        found: &mut BTreeMap<String, usize>| {
                for alias in aliases {
                    let mut from = 0;
                    while let Some(at) = text.get(from..).and_then(|t| t.find(*alias)) {
                        let start = from + at;
                        let end = start + alias.len();
                        from = end;
                        if masked.iter().skip(start).take(end - start).any(|m| *m) {
                            continue;
                        }
                        mark(masked, start, end);
                        *found.entry((*alias).to_owned()).or_default() += 1;
                    }
                }
            };
            scan(
                &mut bare_aliases.iter().filter(|a| claimed.contains_key(**a)),
                &mut masked,
                &mut found,
            );
            for condition in &conditions {
                let mut from = 0;
                while let Some(at) = text.get(from..).and_then(|t| t.find(condition.as_str())) {
                    let start = from + at;
                    let end = start + condition.len();
                    from = end.max(start + 1);
                    mark(&mut masked, start, end);
                }
            }
            scan(
                &mut bare_aliases.iter().filter(|a| !claimed.contains_key(**a)),
                &mut masked,
                &mut found,
            );
            // Bare claims are compared against the registered spellings found;
            // a bare claim that is not registered is reported by the compiler.
            let line = file.content_line(rule_text);
            let label = row
                .leaves()
                .first()
                .map(|(_, id)| id.get_ref().clone())
                .unwrap_or_default();
            for (mention, count) in &found {
                let have = claimed.get(mention).copied().unwrap_or(0);
                if have < *count {
                    diagnostics.push(crate::diagnostic::Diagnostic::new(
                        &file.path,
                        line,
                        format!(
                            "`{label}`: the requirement mentions `{mention}` {count} time(s) but the rule has it {have} time(s); add it to the rule, or to `not_required` if it is only a remark"
                        ),
                    ));
                }
            }
            for (mention, count) in &claimed {
                let in_text = found.get(mention).copied().unwrap_or(0);
                let registered = documents.by_alias.contains_key(&mention_key(mention))
                    || mention.starts_with('《');
                // A mention written once may serve several alternatives when the row says so.
                let shared =
                    in_text > 0 && row.shared_mentions.iter().any(|m| m.get_ref() == mention);
                if registered && in_text < *count && documents.present && !shared {
                    diagnostics.push(crate::diagnostic::Diagnostic::new(
                        &file.path,
                        line,
                        format!("`{label}`: the rule has `{mention}` {count} time(s) but the requirement mentions it {in_text} time(s) as a document"),
                    ));
                }
            }
        }
    }
    diagnostics
}

/// Marks bytes `start..end` of a text as accounted for.
fn mark(masked: &mut [bool], start: usize, end: usize) {
    masked
        .iter_mut()
        .skip(start)
        .take(end - start)
        .for_each(|m| *m = true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_keys() {
        let text = "《甲》或《乙》及丙";
        let titles: Vec<&str> = bracketed_titles(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(titles, ["《甲》", "《乙》"]);
        assert_eq!(strip_brackets("《甲》"), "甲");
        assert_eq!(strip_brackets("《甲》名单"), "《甲》名单");
        assert_eq!(mention_key("《甲》名单"), "甲名单");
    }
}
