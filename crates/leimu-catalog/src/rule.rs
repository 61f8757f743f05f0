//! The rule language of `catalog/categories/*.toml` (documented in
//! `catalog/README.md`): one node per line, children indented two spaces.
//!
//! ```text
//! any
//!   doc "《快递业务经营许可证》" for="经营快递业务企业"
//!   all for="快递合作方"
//!     doc "与快递公司的合作协议" cond="协议内容须含对用户数据隐私的保护条款"
//!     doc "《快递业务经营许可证》" holder="该合作快递公司"
//! ```
//!
//! A line-based language rather than nested TOML tables because a rule is
//! read and reviewed against the source text side by side: one line per
//! document, indentation for structure, mirrors how the source itself is laid
//! out. The parser reports every malformed line, not only the first.

use std::fmt;

/// A parsed rule node, still in source terms (mentions and labels as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleNode {
    /// 1-based line within the rule text.
    pub line: usize,
    pub kind: RuleKind,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleKind {
    All(Vec<RuleNode>),
    Any {
        at_least: u32,
        children: Vec<RuleNode>,
    },
    Doc {
        mention: String,
    },
}

/// The `key="value"` attributes of a node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub applicant: Option<String>,
    pub holder: Option<String>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub conditions: Vec<String>,
    /// Who issues the document (卫生健康部门): not a condition to confirm.
    pub issuer: Option<String>,
    /// How the document is handed in (pdf扫描件+加盖公章): advice, not a condition.
    pub form: Vec<String>,
    /// The document's id, when the mention is a spelling several documents
    /// share (其他平台良好经营情况的证明材料 at different rating thresholds).
    pub document: Option<String>,
    /// Written `is "label"`: an alternative met by being a kind of applicant.
    pub kind_only: bool,
}

/// A malformed line of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// 1-based line within the rule text.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule line {}: {}", self.line, self.message)
    }
}

impl RuleNode {
    /// The children of a group; empty for a document.
    pub fn children(&self) -> &[RuleNode] {
        match &self.kind {
            RuleKind::All(children) | RuleKind::Any { children, .. } => children,
            RuleKind::Doc { .. } => &[],
        }
    }

    /// An alternative met by being a kind of applicant, with no document
    /// (`is "银行机构"`): an `all` with no children and a `for`.
    pub fn is_kind_only(&self) -> bool {
        self.attributes.kind_only && self.attributes.applicant.is_some()
    }

    /// Visits this node and its descendants depth-first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a RuleNode)) {
        visit(self);
        for child in self.children() {
            child.walk(visit);
        }
    }

    /// Writes the node back in the rule language (canonical spacing).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(0, &mut out);
        out
    }

    fn write(&self, depth: usize, out: &mut String) {
        out.push_str(&"  ".repeat(depth));
        if self.is_kind_only() {
            let label = self.attributes.applicant.as_deref().unwrap_or_default();
            out.push_str(&format!("is \"{label}\"\n"));
            return;
        }
        match &self.kind {
            RuleKind::All(_) => out.push_str("all"),
            RuleKind::Any { at_least: 1, .. } => out.push_str("any"),
            RuleKind::Any { at_least, .. } => out.push_str(&format!("at-least {at_least}")),
            RuleKind::Doc { mention } => out.push_str(&format!("doc \"{mention}\"")),
        }
        let a = &self.attributes;
        if let Some(v) = &a.applicant {
            out.push_str(&format!(" for=\"{v}\""));
        }
        if let Some(v) = &a.holder {
            out.push_str(&format!(" holder=\"{v}\""));
        }
        if let Some(v) = a.min {
            out.push_str(&format!(" min={v}"));
        }
        if let Some(v) = a.max {
            out.push_str(&format!(" max={v}"));
        }
        if let Some(v) = &a.document {
            out.push_str(&format!(" as=\"{v}\""));
        }
        if let Some(v) = &a.issuer {
            out.push_str(&format!(" issuer=\"{v}\""));
        }
        for c in &a.conditions {
            out.push_str(&format!(" cond=\"{c}\""));
        }
        for c in &a.form {
            out.push_str(&format!(" form=\"{c}\""));
        }
        out.push('\n');
        for child in self.children() {
            child.write(depth + 1, out);
        }
    }
}

/// Parses a rule. Returns the root, or every problem found.
pub fn parse_rule(text: &str) -> Result<RuleNode, Vec<RuleError>> {
    let mut errors = Vec::new();
    // (depth, node) in source order; assembled into a tree afterwards.
    let mut flat: Vec<(usize, RuleNode)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        if raw.trim_start_matches(' ').starts_with('\t') {
            errors.push(RuleError {
                line,
                message: "indent with spaces, not tabs".into(),
            });
            continue;
        }
        if indent % 2 != 0 {
            errors.push(RuleError {
                line,
                message: format!("indentation of {indent} spaces; use multiples of two"),
            });
            continue;
        }
        match parse_line(raw.trim()) {
            Ok((kind, attributes)) => flat.push((
                indent / 2,
                RuleNode {
                    line,
                    kind,
                    attributes,
                },
            )),
            Err(message) => errors.push(RuleError { line, message }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut iter = flat.into_iter().peekable();
    let Some((depth, root)) = iter.next() else {
        return Err(vec![RuleError {
            line: 1,
            message:
                "the rule is empty; write a tree, or remove `rule` when the requirement is `/`"
                    .into(),
        }]);
    };
    if depth != 0 {
        errors.push(RuleError {
            line: root.line,
            message: "the first line must not be indented".into(),
        });
    }
    let root = build(root, 0, &mut iter, &mut errors);
    if let Some((_, extra)) = iter.next() {
        errors.push(RuleError {
            line: extra.line,
            message: "a rule has one root; indent this line under it".into(),
        });
    }
    if errors.is_empty() {
        Ok(root)
    } else {
        Err(errors)
    }
}

fn build(
    mut node: RuleNode,
    depth: usize,
    rest: &mut std::iter::Peekable<impl Iterator<Item = (usize, RuleNode)>>,
    errors: &mut Vec<RuleError>,
) -> RuleNode {
    let mut children = Vec::new();
    while let Some((child_depth, _)) = rest.peek() {
        let child_depth = *child_depth;
        if child_depth <= depth {
            break;
        }
        let Some((_, child)) = rest.next() else { break };
        if child_depth > depth + 1 {
            errors.push(RuleError {
                line: child.line,
                message: "indented more than one level below its parent".into(),
            });
        }
        children.push(build(child, child_depth, rest, errors));
    }
    let kind_only = node.is_kind_only();
    match &mut node.kind {
        RuleKind::All(c) | RuleKind::Any { children: c, .. } => {
            if kind_only {
                if let Some(child) = children.first() {
                    errors.push(RuleError {
                        line: child.line,
                        message: "`is` cannot have children".into(),
                    });
                }
            } else if children.is_empty() {
                errors.push(RuleError {
                    line: node.line,
                    message: "a group needs children indented under it".into(),
                });
            }
            *c = children;
        }
        RuleKind::Doc { .. } => {
            if let Some(child) = children.first() {
                errors.push(RuleError {
                    line: child.line,
                    message: "a `doc` cannot have children".into(),
                });
            }
        }
    }
    node
}

fn parse_line(line: &str) -> Result<(RuleKind, Attributes), String> {
    let (keyword, mut rest) = line.split_once(' ').unwrap_or((line, ""));
    let kind = match keyword {
        "all" => RuleKind::All(Vec::new()),
        "any" => RuleKind::Any {
            at_least: 1,
            children: Vec::new(),
        },
        "at-least" => {
            let (number, after) = rest
                .trim_start()
                .split_once(' ')
                .unwrap_or((rest.trim(), ""));
            let at_least: u32 = number
                .parse()
                .map_err(|_| format!("`at-least` needs a number, found `{number}`"))?;
            if at_least == 0 {
                return Err("`at-least 0` is always true; remove the group".into());
            }
            rest = after;
            RuleKind::Any {
                at_least,
                children: Vec::new(),
            }
        }
        "is" => {
            let (label, after) = quoted(rest.trim_start())
                .ok_or("`is` needs the applicant label in double quotes")?;
            if !after.trim().is_empty() {
                return Err("`is \"…\"` takes no attributes".into());
            }
            let attributes = Attributes {
                applicant: Some(label),
                kind_only: true,
                ..Attributes::default()
            };
            return Ok((RuleKind::All(Vec::new()), attributes));
        }
        "doc" => {
            let (mention, after) =
                quoted(rest.trim_start()).ok_or("`doc` needs the document in double quotes")?;
            if mention.trim().is_empty() {
                return Err("`doc` needs a non-empty document".into());
            }
            rest = after;
            RuleKind::Doc { mention }
        }
        other => {
            return Err(format!(
                "unknown keyword `{other}`; expected `all`, `any`, `at-least K`, `doc \"…\"` or `is \"…\"`"
            ));
        }
    };
    let mut attributes = Attributes::default();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| format!("expected `key=value`, found `{rest}`"))?;
        let key = key.trim();
        let after = after.trim_start();
        let (value, after) = if after.starts_with('"') {
            let (value, after) =
                quoted(after).ok_or_else(|| format!("unterminated quote after `{key}=`"))?;
            (Value::Text(value), after)
        } else {
            let end = after.find(' ').unwrap_or(after.len());
            let (number, after) = after.split_at(end);
            (
                Value::Number(number.parse().map_err(|_| {
                    format!("`{key}=` needs a number or a quoted text, found `{number}`")
                })?),
                after,
            )
        };
        match (key, value) {
            ("for", Value::Text(v)) if attributes.applicant.is_none() => {
                attributes.applicant = Some(v)
            }
            ("holder", Value::Text(v)) if attributes.holder.is_none() => {
                attributes.holder = Some(v)
            }
            ("cond", Value::Text(v)) => attributes.conditions.push(v),
            ("form", Value::Text(v)) => attributes.form.push(v),
            ("issuer", Value::Text(v)) if attributes.issuer.is_none() => {
                attributes.issuer = Some(v)
            }
            ("as", Value::Text(v)) if attributes.document.is_none() => {
                attributes.document = Some(v)
            }
            ("min", Value::Number(n)) if attributes.min.is_none() => attributes.min = Some(n),
            ("max", Value::Number(n)) if attributes.max.is_none() => attributes.max = Some(n),
            ("for" | "holder" | "min" | "max" | "issuer" | "as", _)
                if attribute_set(&attributes, key) =>
            {
                return Err(format!("`{key}` given twice"));
            }
            ("for" | "holder" | "cond" | "form" | "issuer" | "as", Value::Number(_)) => {
                return Err(format!("`{key}=` needs a quoted text"));
            }
            ("min" | "max", Value::Text(_)) => return Err(format!("`{key}=` needs a number")),
            (other, _) => {
                return Err(format!(
                    "unknown attribute `{other}`; expected for, holder, min, max, cond, issuer, form or as"
                ));
            }
        }
        rest = after.trim_start();
    }
    let is_doc = matches!(kind, RuleKind::Doc { .. });
    if !is_doc
        && (attributes.holder.is_some()
            || attributes.min.is_some()
            || attributes.max.is_some()
            || !attributes.conditions.is_empty()
            || attributes.issuer.is_some()
            || !attributes.form.is_empty()
            || attributes.document.is_some())
    {
        return Err(
            "only `doc` takes holder, min, max, cond, issuer, form and as; a group takes only `for`"
                .into(),
        );
    }
    if let (Some(min), Some(max)) = (attributes.min, attributes.max)
        && max < min
    {
        return Err(format!("max={max} is below min={min}"));
    }
    if attributes.min == Some(0) {
        return Err("min=0 means the document is not needed; remove it".into());
    }
    Ok((kind, attributes))
}

enum Value {
    Text(String),
    Number(u32),
}

fn attribute_set(attributes: &Attributes, key: &str) -> bool {
    match key {
        "for" => attributes.applicant.is_some(),
        "holder" => attributes.holder.is_some(),
        "min" => attributes.min.is_some(),
        "max" => attributes.max.is_some(),
        "issuer" => attributes.issuer.is_some(),
        "as" => attributes.document.is_some(),
        _ => false,
    }
}

/// `"text" rest` → (`text`, ` rest`). The source has no ASCII double quotes, so no escapes are needed.
fn quoted(input: &str) -> Option<(String, &str)> {
    let inner = input.strip_prefix('"')?;
    let end = inner.find('"')?;
    Some((inner.get(..end)?.to_owned(), inner.get(end + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_back() {
        let text = "any\n  doc \"《甲》\" for=\"政府主体\"\n  all for=\"企业\"\n    doc \"合作协议\" min=2 cond=\"含条款\"\n    doc \"《乙》\" holder=\"合作医院\" min=2 max=3 as=\"b\" issuer=\"部门\" form=\"pdf\"\n";
        let rule = parse_rule(text).unwrap();
        assert_eq!(rule.to_text(), text);
        assert_eq!(rule.children()[1].children()[1].line, 5);
    }

    #[test]
    fn reports_every_bad_line() {
        let errors =
            parse_rule("any\n   doc \"a\"\n  dock \"b\"\n  doc \"c\" min=x\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn an_alternative_met_by_being_a_kind() {
        let text = "any\n  is \"银行机构\"\n  doc \"银行机构的授权发售文件\"\n";
        let rule = parse_rule(text).unwrap();
        assert!(rule.children()[0].is_kind_only());
        assert_eq!(rule.to_text(), text);
        assert!(parse_rule("is \"a\"\n  doc \"b\"\n").is_err());
    }

    #[test]
    fn structure_errors() {
        assert!(parse_rule("all\n").is_err());
        assert!(parse_rule("doc \"a\"\n  doc \"b\"\n").is_err());
        assert!(parse_rule("doc \"a\"\ndoc \"b\"\n").is_err());
        assert!(parse_rule("all min=2\n  doc \"a\"\n").is_err());
        assert!(parse_rule("any\n      doc \"a\"\n").is_err());
    }
}
