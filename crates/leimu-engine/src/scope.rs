//! Checking a condition on the applicant's business scope (经营范围) against
//! the scope the applicant pasted from its business licence.
//!
//! The catalogue compiler reads each checkable condition into a
//! [`ScopeCheck`]: the terms the source quotes (“商业保理”或“商务服务业”) and
//! whether the list is exhaustive (no 等/相关). Here both texts are
//! normalised the same way (no whitespace, no quotes, one form of brackets
//! and separators), so a licence's “商业保理；商务信息咨询” contains
//! “商业保理” however it was typed or copied. A scope with a term matches; a
//! scope with none fails an exhaustive condition and leaves an open one
//! (…等相关内容) to the user, because related wording may still qualify.

use crate::model::ScopeCheck;

/// What a business scope makes of one condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScopeOutcome {
    /// The scope contains this term.
    Matched(String),
    /// The scope contains none of the terms, and the source lists them all.
    NotMatched,
    /// The scope contains none of the terms, but the source allows related wording.
    Undecided,
}

/// The form both the scope and the terms are compared in.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '；' | ';' | '，' | ',' | '、' | '。' => '、',
            '：' => ':',
            other => other,
        })
        .collect()
}

/// Checks one condition against a normalised scope.
pub(crate) fn check(condition: &ScopeCheck, normalised_scope: &str) -> ScopeOutcome {
    for term in &condition.terms {
        let term_form = normalise(term);
        if !term_form.is_empty() && normalised_scope.contains(&term_form) {
            return ScopeOutcome::Matched(term.clone());
        }
    }
    if condition.exhaustive {
        ScopeOutcome::NotMatched
    } else {
        ScopeOutcome::Undecided
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(terms: &[&str], exhaustive: bool) -> ScopeCheck {
        ScopeCheck {
            condition: String::new(),
            terms: terms.iter().map(|t| (*t).to_owned()).collect(),
            exhaustive,
        }
    }

    #[test]
    fn a_term_in_the_scope_matches_whatever_the_punctuation() {
        let scope = normalise("一般项目：商业 保理；技术服务（除许可业务外）");
        assert_eq!(
            check(&condition(&["商业保理", "商务服务业"], true), &scope),
            ScopeOutcome::Matched("商业保理".into())
        );
        assert_eq!(
            check(&condition(&["技术服务(除许可业务外)"], true), &scope),
            ScopeOutcome::Matched("技术服务(除许可业务外)".into())
        );
    }

    #[test]
    fn no_term_fails_an_exhaustive_condition_and_leaves_an_open_one_undecided() {
        let scope = normalise("茶叶销售；餐饮服务");
        assert_eq!(
            check(&condition(&["商业保理"], true), &scope),
            ScopeOutcome::NotMatched
        );
        assert_eq!(
            check(&condition(&["住宿", "旅店业"], false), &scope),
            ScopeOutcome::Undecided
        );
    }
}
