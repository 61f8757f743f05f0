//! `applicant-kinds.toml`: the kinds an applicant can state, and what each
//! `for` label of the rules means in terms of them.
//!
//! A label's meaning is written as a small expression over kind ids
//! (`!(government | governmental-public-institution)`), parsed here into the
//! engine's [`KindExpr`]. The registry checks that every id resolves, that
//! `is` never goes round in a circle, and that every label of the rules is
//! registered (and every registered label used).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use leimu_engine::model::{ApplicantGroup, ApplicantKind, KindExpr, LabelMeaning};

use crate::diagnostic::Diagnostic;
use crate::source::CatalogSource;

/// The registry, indexed.
#[derive(Debug, Default)]
pub struct KindRegistry {
    pub present: bool,
    pub groups: Vec<ApplicantGroup>,
    pub kinds: Vec<ApplicantKind>,
    pub labels: Vec<LabelMeaning>,
    /// Label text → position in `labels`.
    by_text: HashMap<String, usize>,
    /// Labels the rules use (by position).
    pub used: RefCell<HashSet<usize>>,
    lines: HashMap<String, (PathBuf, usize)>,
}

impl KindRegistry {
    pub fn build(catalog: &CatalogSource, diagnostics: &mut Vec<Diagnostic>) -> KindRegistry {
        let mut registry = KindRegistry::default();
        let Some(file) = &catalog.kinds else {
            return registry;
        };
        registry.present = true;
        let value = &file.value;
        let mut ids: HashSet<String> = HashSet::new();
        let mut check_id = |id: &toml::Spanned<String>,
                            what: &str,
                            diagnostics: &mut Vec<Diagnostic>| {
            let text = id.get_ref();
            if !crate::compile::is_valid_id(text) || text.contains('.') {
                diagnostics.push(file.error_at(
                    id,
                    format!("{what} id `{text}` must be lowercase a-z, 0-9 and '-'"),
                ));
            }
            if !ids.insert(format!("{what}:{text}")) {
                diagnostics.push(file.error_at(id, format!("{what} id `{text}` appears twice")));
            }
        };
        for group in &value.group {
            check_id(&group.id, "group", diagnostics);
            registry.groups.push(ApplicantGroup {
                id: group.id.get_ref().clone(),
                name: group.name.get_ref().clone(),
                exclusive: group.exclusive,
            });
        }
        let group_ids: HashSet<&str> = value
            .group
            .iter()
            .map(|g| g.id.get_ref().as_str())
            .collect();
        let kind_ids: HashSet<&str> = value.kind.iter().map(|k| k.id.get_ref().as_str()).collect();
        let mut words: HashMap<String, String> = HashMap::new();
        for kind in &value.kind {
            check_id(&kind.id, "kind", diagnostics);
            let id = kind.id.get_ref().clone();
            registry
                .lines
                .insert(id.clone(), (file.path.clone(), file.line(&kind.id)));
            if let Some(group) = &kind.group
                && !group_ids.contains(group.get_ref().as_str())
            {
                diagnostics
                    .push(file.error_at(group, format!("unknown group `{}`", group.get_ref())));
            }
            for other in kind.is.iter().chain(&kind.excludes) {
                if !kind_ids.contains(other.get_ref().as_str()) {
                    diagnostics
                        .push(file.error_at(other, format!("unknown kind `{}`", other.get_ref())));
                }
            }
            for word in &kind.words {
                if let Some(other) = words.insert(word.get_ref().clone(), id.clone())
                    && other != id
                {
                    diagnostics.push(file.error_at(
                        word,
                        format!(
                            "word `{}` belongs to both `{other}` and `{id}`",
                            word.get_ref()
                        ),
                    ));
                }
            }
            registry.kinds.push(ApplicantKind {
                id,
                name: kind.name.get_ref().clone(),
                words: kind.words.iter().map(|w| w.get_ref().clone()).collect(),
                group: kind.group.as_ref().map(|g| g.get_ref().clone()),
                is: kind.is.iter().map(|k| k.get_ref().clone()).collect(),
                excludes: kind.excludes.iter().map(|k| k.get_ref().clone()).collect(),
                option: kind.option,
            });
        }
        // `is` must not go round: walk each kind's ancestors with a depth bound.
        let parents: HashMap<&str, Vec<&str>> = value
            .kind
            .iter()
            .map(|k| {
                (
                    k.id.get_ref().as_str(),
                    k.is.iter().map(|p| p.get_ref().as_str()).collect(),
                )
            })
            .collect();
        for kind in &value.kind {
            let start = kind.id.get_ref().as_str();
            let mut frontier: Vec<&str> = parents.get(start).cloned().unwrap_or_default();
            let mut steps = 0;
            while let Some(at) = frontier.pop() {
                steps += 1;
                if at == start || steps > 64 {
                    diagnostics.push(file.error_at(
                        &kind.id,
                        format!("`is` of `{start}` goes round in a circle"),
                    ));
                    break;
                }
                frontier.extend(parents.get(at).cloned().unwrap_or_default());
            }
        }
        for label in &value.label {
            check_id(&label.id, "label", diagnostics);
            let text = label.text.get_ref().clone();
            let means = match parse_expression(label.means.get_ref()) {
                Ok(expr) => {
                    let mut unknown = Vec::new();
                    kinds_in(&expr, &mut |k| {
                        if !kind_ids.contains(k) {
                            unknown.push(k.to_owned())
                        }
                    });
                    for k in unknown {
                        diagnostics
                            .push(file.error_at(&label.means, format!("unknown kind `{k}`")));
                    }
                    expr
                }
                Err(message) => {
                    diagnostics.push(file.error_at(&label.means, message));
                    KindExpr::Any(Vec::new())
                }
            };
            if registry
                .by_text
                .insert(text.clone(), registry.labels.len())
                .is_some()
            {
                diagnostics
                    .push(file.error_at(&label.text, format!("label `{text}` is listed twice")));
            }
            registry.lines.insert(
                format!("label:{}", label.id.get_ref()),
                (file.path.clone(), file.line(&label.id)),
            );
            registry.labels.push(LabelMeaning {
                id: label.id.get_ref().clone(),
                text,
                means,
                exact: label.exact,
            });
        }
        registry
    }

    /// The label of a `for` text, marked as used.
    pub fn label(&self, text: &str) -> Option<&LabelMeaning> {
        let position = *self.by_text.get(text)?;
        self.used.borrow_mut().insert(position);
        self.labels.get(position)
    }

    /// Whether a label names only options of a row.
    pub fn is_option(&self, label: &LabelMeaning) -> bool {
        let mut named = Vec::new();
        kinds_in(&label.means, &mut |k| named.push(k.to_owned()));
        !named.is_empty()
            && named
                .iter()
                .all(|k| self.kinds.iter().any(|kind| kind.id == *k && kind.option))
    }

    /// Problems that need the whole catalogue read: labels no rule uses.
    pub fn unused(&self) -> Vec<Diagnostic> {
        let used = self.used.borrow();
        self.labels
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, label)| {
                let (path, line) = self
                    .lines
                    .get(&format!("label:{}", label.id))
                    .cloned()
                    .unwrap_or_default();
                Diagnostic::new(
                    &path,
                    line,
                    format!("label `{}` is not used by any rule; remove it", label.text),
                )
            })
            .collect()
    }
}

fn kinds_in(expr: &KindExpr, visit: &mut impl FnMut(&str)) {
    match expr {
        KindExpr::Kind(k) => visit(k),
        KindExpr::Not(inner) => kinds_in(inner, visit),
        KindExpr::All(parts) | KindExpr::Any(parts) => {
            parts.iter().for_each(|p| kinds_in(p, visit))
        }
    }
}

/// Parses `a | b & !(c | d)`: `!` binds tightest, then `&`, then `|`.
pub fn parse_expression(text: &str) -> Result<KindExpr, String> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        depth: 0,
    };
    let expr = parser.or()?;
    match tokens.get(parser.at) {
        None => Ok(expr),
        Some(token) => Err(format!("unexpected `{token}` in `{text}`")),
    }
}

fn tokenize(text: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' => {
                chars.next();
            }
            '!' | '&' | '|' | '(' | ')' => {
                tokens.push(c.to_string());
                chars.next();
            }
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => {
                let mut id = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                        id.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(id);
            }
            other => {
                return Err(format!(
                    "unexpected `{other}` in `{text}`; use kind ids, `!`, `&`, `|` and parentheses"
                ));
            }
        }
    }
    if tokens.is_empty() {
        return Err("`means` is empty".into());
    }
    Ok(tokens)
}

struct Parser<'t> {
    tokens: &'t [String],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn or(&mut self) -> Result<KindExpr, String> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some("|") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            KindExpr::Any(parts)
        })
    }

    fn and(&mut self) -> Result<KindExpr, String> {
        let mut parts = vec![self.unary()?];
        while self.peek() == Some("&") {
            self.at += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            KindExpr::All(parts)
        })
    }

    fn unary(&mut self) -> Result<KindExpr, String> {
        self.depth += 1;
        if self.depth > 16 {
            return Err("the expression nests too deep".into());
        }
        let token = self.peek().map(str::to_owned);
        self.at += 1;
        let out = match token.as_deref() {
            Some("!") => Ok(KindExpr::Not(Box::new(self.unary()?))),
            Some("(") => {
                let inner = self.or()?;
                if self.peek() != Some(")") {
                    return Err("a `(` is not closed".into());
                }
                self.at += 1;
                Ok(inner)
            }
            Some(id) if !matches!(id, "&" | "|" | ")") => Ok(KindExpr::Kind(id.to_owned())),
            Some(other) => Err(format!("expected a kind id, found `{other}`")),
            None => Err("the expression ends too early".into()),
        };
        self.depth -= 1;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(id: &str) -> KindExpr {
        KindExpr::Kind(id.into())
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(
            parse_expression("!(a | b-c) & d | e").unwrap(),
            KindExpr::Any(vec![
                KindExpr::All(vec![
                    KindExpr::Not(Box::new(KindExpr::Any(vec![kind("a"), kind("b-c")]))),
                    kind("d"),
                ]),
                kind("e"),
            ])
        );
    }

    #[test]
    fn malformed_expressions_are_reported() {
        for bad in ["", "a |", "(a", "a b", "银行", "a & | b"] {
            assert!(parse_expression(bad).is_err(), "{bad}");
        }
    }
}
