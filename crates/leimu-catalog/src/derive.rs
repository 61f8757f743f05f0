//! The second entry of every rule: a tree derived from the requirement text
//! by the source's own patterns, never from the hand-entered `rule`.
//!
//! The hand-entered trees in `catalog/categories/*.toml` were read off the
//! source by people; this module reads the same text mechanically so that
//! [`crate::double_entry`] can compare the two and every disagreement gets
//! settled against the source. It was written from the requirement texts
//! alone; where the comparison later showed the two entries writing the same
//! reading differently (（适用于…） as `for`),
//! the parser adopted the hand entries' convention, never their content.
//! The parser only has to be right for the patterns the source repeats
//! (numbered items, （N选1）/同时提供, 《A》或《B》, labels before `：`, holders,
//! counts, conditions in （…）); a case it cannot read is listed in
//! `catalog/double-entry.toml` instead of being special-cased here, which
//! would make the two entries one.
//!
//! Every text the tree holds (mentions, labels, holders, conditions) is a
//! slice of the requirement, so the derived tree obeys the same verbatim
//! rule as the hand-entered one.

use leimu_engine::model::KindExpr;

use crate::rule::{Attributes, RuleKind, RuleNode};

/// Derives the rule tree of a requirement text; an error when the text names
/// no document (`/`, or an email-only notice with nothing to upload).
pub fn derive_rule(requirement: &str) -> Result<RuleNode, String> {
    let text = requirement.trim();
    if text == "/" || text.is_empty() {
        return Err("the requirement is `/`: no qualification, so no rule".into());
    }
    let outline = Outline::read(text);
    let node = outline
        .rule()
        .ok_or_else(|| "the parser found no document in the requirement".to_owned())?;
    Ok(normalise(node))
}

// ---------------------------------------------------------------------------
// Lines and their numbering

/// The numbering styles of the source. Each nesting level uses one style, so
/// a style already open further up the outline closes the levels below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// 1、 and 1. (not 2.1)
    Arabic,
    /// 2.1 and （1.1）
    Decimal,
    /// ① … ⑳
    Circled,
    /// （1） and (1)
    Paren,
    /// 1）
    RightParen,
    /// 一、 and 一：
    Chinese,
    /// 资质1，
    Qualification,
}

enum Line<'a> {
    Item(Marker, &'a str),
    /// 注：… — a remark, not a requirement.
    Note,
    Plain(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.starts_with("注：") || line.starts_with("注:") {
        return Line::Note;
    }
    match marker(line) {
        Some((marker, rest)) => Line::Item(marker, rest.trim()),
        None => Line::Plain(line),
    }
}

/// The numbering at the start of a line and the text after it.
fn marker(line: &str) -> Option<(Marker, &str)> {
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((Marker::Circled, line.get(first.len_utf8()..)?));
    }
    if let Some(rest) = line.strip_prefix("资质") {
        let digits = leading_digits(rest);
        let after = rest.get(digits..)?;
        if digits > 0 {
            let after = after
                .strip_prefix('，')
                .or_else(|| after.strip_prefix(','))?;
            return Some((Marker::Qualification, after));
        }
    }
    if let Some(rest) = line.strip_prefix('（').or_else(|| line.strip_prefix('(')) {
        let (number, dotted) = dotted_number(rest);
        if number > 0 {
            let after = rest.get(number..)?;
            let after = after
                .strip_prefix('）')
                .or_else(|| after.strip_prefix(')'))?;
            return Some((
                if dotted {
                    Marker::Decimal
                } else {
                    Marker::Paren
                },
                after,
            ));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let (number, dotted) = dotted_number(line);
        let after = line.get(number..)?;
        if dotted {
            return Some((Marker::Decimal, after));
        }
        if let Some(rest) = after.strip_prefix('、') {
            return Some((Marker::Arabic, rest));
        }
        if let Some(rest) = after.strip_prefix('）').or_else(|| after.strip_prefix(')')) {
            return Some((Marker::RightParen, rest));
        }
        if let Some(rest) = after.strip_prefix('.').or_else(|| after.strip_prefix('．')) {
            return Some((Marker::Arabic, rest));
        }
        return None;
    }
    if "一二三四五六七八九十".contains(first) {
        let rest = line.get(first.len_utf8()..)?;
        if let Some(rest) = rest.strip_prefix('、').or_else(|| rest.strip_prefix('：')) {
            return Some((Marker::Chinese, rest));
        }
    }
    None
}

fn leading_digits(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// Length in bytes of `12` or `2.1`, and whether it had a dot.
fn dotted_number(text: &str) -> (usize, bool) {
    let first = leading_digits(text);
    if first == 0 {
        return (0, false);
    }
    let after = text.get(first..).unwrap_or("");
    if let Some(rest) = after.strip_prefix('.') {
        let second = leading_digits(rest);
        if second > 0 {
            return (first + 1 + second, true);
        }
    }
    (first, false)
}

// ---------------------------------------------------------------------------
// The outline: numbered items nested by their numbering style

#[derive(Debug)]
struct Item<'a> {
    marker: Option<Marker>,
    /// The item's text after its number, then any unnumbered lines below it.
    lines: Vec<&'a str>,
    children: Vec<usize>,
}

#[derive(Debug)]
struct Outline<'a> {
    /// Index 0 is the root: the lines before the first numbered item.
    items: Vec<Item<'a>>,
}

impl<'a> Outline<'a> {
    fn read(text: &'a str) -> Outline<'a> {
        let mut items = vec![Item {
            marker: None,
            lines: Vec::new(),
            children: Vec::new(),
        }];
        let mut open: Vec<usize> = vec![0];
        for raw in text.lines() {
            match classify(raw) {
                Line::Note => {}
                Line::Plain("") => {}
                Line::Plain(line) => {
                    let top = open.last().copied().unwrap_or(0);
                    if let Some(item) = items.get_mut(top) {
                        item.lines.push(line);
                    }
                }
                Line::Item(marker, rest) => {
                    // A style already open is a sibling of that level: close what is below it.
                    if let Some(level) = open
                        .iter()
                        .rposition(|&i| items.get(i).is_some_and(|it| it.marker == Some(marker)))
                    {
                        open.truncate(level.max(1));
                    }
                    let parent = open.last().copied().unwrap_or(0);
                    let index = items.len();
                    items.push(Item {
                        marker: Some(marker),
                        lines: vec![rest],
                        children: Vec::new(),
                    });
                    if let Some(p) = items.get_mut(parent) {
                        p.children.push(index);
                    }
                    open.push(index);
                }
            }
        }
        Outline { items }
    }

    fn rule(&self) -> Option<RuleNode> {
        let root = self.items.first()?;
        if root.children.is_empty() {
            // No numbering: the whole text is one body (notes already dropped).
            if root.lines.iter().any(|l| l.contains("暂不支持线上申请")) {
                return None;
            }
            // "国家/地方彩票管理中心提供：《…》": a label without numbering.
            let first = root.lines.first().copied().unwrap_or("");
            let (label, _, rest) = split_label(first);
            let bodies = std::iter::once(rest).chain(root.lines.iter().skip(1).copied());
            let node = all_of(bodies.filter_map(parse_body).collect())?;
            return Some(with_applicant(node, label));
        }
        let children: Vec<(Option<&str>, RuleNode)> = root
            .children
            .iter()
            .filter_map(|&c| self.item_rule(c))
            .collect();
        if let [(_, only)] = children.as_slice() {
            return Some(only.clone());
        }
        let header = root.lines.join("");
        let any = match selector(&header) {
            Some(any) => any,
            // Unannounced alternatives: every item names a different applicant.
            None => children.len() > 1 && children.iter().all(|(label, _)| label.is_some()),
        };
        let nodes = children.into_iter().map(|(_, n)| n).collect();
        Some(group(any, nodes))
    }

    /// The rule of one numbered item, with its applicant label when it has one.
    fn item_rule(&self, index: usize) -> Option<(Option<&'a str>, RuleNode)> {
        let item = self.items.get(index)?;
        let first = item.lines.first().copied().unwrap_or("");
        let (mut label, header, rest) = split_label(first);
        let node = if item.children.is_empty() {
            let mut bodies = vec![rest];
            bodies.extend(item.lines.iter().skip(1).copied());
            all_of(bodies.into_iter().filter_map(parse_body).collect())?
        } else {
            let nodes: Vec<RuleNode> = item
                .children
                .iter()
                .filter_map(|&c| self.item_rule(c).map(|(_, n)| n))
                .collect();
            let any = selector(header).or_else(|| selector(rest)).unwrap_or(false);
            let node = if nodes.len() == 1 {
                nodes.into_iter().next()?
            } else {
                group(any, nodes)
            };
            // "该资质主体公司的经营国际客运许可证件（④选1）：" — everything below
            // is the partner's, and the labels below name the partner's kind.
            match header_holder(if header.is_empty() { first } else { header }) {
                Some(holder) => {
                    label = None;
                    held_by(node, holder)
                }
                None => node,
            }
        };
        Some((label, with_applicant(node, label)))
    }
}

/// `Some(true)` for （N选1）-like wording, `Some(false)` for 同时提供-like wording.
fn selector(text: &str) -> Option<bool> {
    if ["选1", "选①", "选一"].iter().any(|s| text.contains(s)) {
        return Some(true);
    }
    if ["同时提供", "同时满足", "同时符合"]
        .iter()
        .any(|s| text.contains(s))
    {
        return Some(false);
    }
    None
}

/// The partner named by a header such as "合作底层链的资料（需同时提供）".
fn header_holder(header: &str) -> Option<&str> {
    let phrase = strip_leading(strip_label_words(header));
    bare_holder(phrase).0
}

/// Marks every document below as the partner's; drops the applicant labels
/// below, which describe the partner rather than the applicant.
fn held_by(mut node: RuleNode, holder: &str) -> RuleNode {
    node.attributes.applicant = None;
    match &mut node.kind {
        RuleKind::Doc { .. } => {
            if node.attributes.holder.is_none() {
                node.attributes.holder = Some(holder.to_owned());
            }
        }
        RuleKind::All(children) | RuleKind::Any { children, .. } => {
            let taken = std::mem::take(children);
            *children = taken.into_iter().map(|c| held_by(c, holder)).collect();
        }
    }
    node
}

// ---------------------------------------------------------------------------
// Labels: "经营快递业务企业，提供：…", "陆运提供：…", "自营型：（②选①）"

/// Splits an item's first line into (applicant label, header text, body).
/// The header is the text before the colon (it may hold a selector).
fn split_label(line: &str) -> (Option<&str>, &str, &str) {
    if let Some((colon, len)) = top_level_colon(line) {
        let before = line.get(..colon).unwrap_or("");
        let after = line.get(colon + len..).unwrap_or("");
        if before.contains('《') {
            return (None, "", line);
        }
        let trimmed = before.trim_start();
        if trimmed.starts_with("需提供") || trimmed.starts_with("提供") {
            return (None, before, after);
        }
        return (clean_label(before), before, after);
    }
    for verb in ["，需同时提供", "，同时提供", "，需提供", "，提供"] {
        if let Some(at) = line.find(verb) {
            let before = line.get(..at).unwrap_or("");
            if !before.contains('《') && !before.is_empty() {
                return (
                    clean_label(before),
                    before,
                    line.get(at + verb.len()..).unwrap_or(""),
                );
            }
        }
    }
    (None, "", line)
}

/// The first `：`/`:` outside brackets and quotes.
fn top_level_colon(line: &str) -> Option<(usize, usize)> {
    scan(line)
        .into_iter()
        .find(|p| p.top && (p.c == '：' || p.c == ':'))
        .map(|p| (p.at, p.c.len_utf8()))
}

/// The applicant label of a header: "培训机构主体，提供（②选①）" → "培训机构主体".
/// A header naming a kind of material ("其他材料：", "授权材料：") is no applicant.
fn clean_label(text: &str) -> Option<&str> {
    let label = strip_label_words(text);
    (!label.is_empty() && !label.ends_with("材料")).then_some(label)
}

/// Strips selectors, examples and verbs from the end of a header.
fn strip_label_words(text: &str) -> &str {
    let mut label = text.trim();
    loop {
        let before = label;
        label = label.trim();
        if let Some(open) = trailing_group_start(label) {
            let group_text = label.get(open..).unwrap_or("");
            let inner = group_inner(group_text);
            // （2选1）, （同时提供）, and examples such as （如电力公司，…）.
            if selector(group_text).is_some() || inner.starts_with('如') {
                label = label.get(..open).unwrap_or("");
            }
        }
        for suffix in [
            "需同时提供",
            "同时提供",
            "需提供",
            "提供",
            "提交",
            "，",
            ",",
            "、",
        ] {
            if let Some(stripped) = label.strip_suffix(suffix) {
                label = stripped;
            }
        }
        if label == before {
            break;
        }
    }
    label.trim()
}

/// Where the bracket group that ends `text` opens, if `text` ends with one.
fn trailing_group_start(text: &str) -> Option<usize> {
    if !(text.ends_with('）') || text.ends_with(')')) {
        return None;
    }
    let mut depth = 0usize;
    for (at, c) in text.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Scanning outside brackets, titles and quotes

#[derive(Debug, Clone, Copy)]
struct Pos {
    at: usize,
    c: char,
    /// Outside every （…）, 《…》 and “…”.
    top: bool,
}

fn scan(text: &str) -> Vec<Pos> {
    let mut out = Vec::new();
    let (mut paren, mut title, mut quote) = (0usize, 0usize, false);
    for (at, c) in text.char_indices() {
        let outside = paren == 0 && title == 0;
        let top = outside && !quote;
        match c {
            '（' | '(' | '【' => paren += 1,
            '）' | ')' | '】' => paren = paren.saturating_sub(1),
            '《' => title += 1,
            '》' => title = title.saturating_sub(1),
            '“' if outside => quote = true,
            '”' if outside => quote = false,
            _ => {}
        }
        out.push(Pos { at, c, top });
    }
    out
}

/// The end (exclusive) of the bracket group opening at `open`; the text's
/// end when the source leaves it unclosed.
fn group_end(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (at, c) in text.get(open..).unwrap_or("").char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return open + at + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Splits at top-level separators; `separator(left, rest)` gives the
/// separator's length when one starts `rest` (left is the current piece).
fn split_top(text: &str, separator: impl Fn(&str, &str) -> Option<usize>) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut skip_until = 0;
    for p in scan(text) {
        if !p.top || p.at < skip_until {
            continue;
        }
        let left = text.get(start..p.at).unwrap_or("");
        let rest = text.get(p.at..).unwrap_or("");
        if let Some(len) = separator(left, rest) {
            pieces.push(left);
            start = p.at + len;
            skip_until = start;
        }
    }
    pieces.push(text.get(start..).unwrap_or(""));
    pieces
}

/// Whether a piece of text ends like a document (so a connective after it
/// joins documents, not words inside one name).
fn ends_like_document(left: &str) -> bool {
    const ENDINGS: [&str; 21] = [
        "》",
        "）",
        ")",
        "协议",
        "证明",
        "文件",
        "批文",
        "证",
        "书",
        "截图",
        "函",
        "照",
        "凭证",
        "备案",
        "材料",
        "名单",
        "列表",
        "样本",
        "许可",
        "资质",
        "正反面",
    ];
    let left = left.trim_end();
    ENDINGS.iter().any(|e| left.ends_with(e))
}

/// Whether a connective between `left` and `after` joins two documents:
/// something that names a document comes before it (not only a verb, a
/// count or another connective), and a document ends or begins there.
fn joins_documents(left: &str, after: &str) -> bool {
    let (_, core) = leading_count(strip_leading(left));
    if core.trim().is_empty() {
        return false;
    }
    let end = left.trim_end();
    if ["或", "/", "／", "及", "和", "与", "、"]
        .iter()
        .any(|c| end.ends_with(c))
    {
        return false;
    }
    left.ends_with(char::is_whitespace)
        || after.trim_start().starts_with('《')
        || ends_like_document(left)
}

/// 及 / 以及 / 和 / 与 / 、 between documents: every one is needed.
fn all_separator(left: &str, rest: &str) -> Option<usize> {
    if rest.starts_with("以及") {
        return joins_documents(left, "《").then_some("以及".len());
    }
    if rest.starts_with("及以上") || rest.starts_with("及其") {
        return None;
    }
    for word in ["及", "和", "与"] {
        if let Some(after) = rest.strip_prefix(word) {
            return joins_documents(left, after).then_some(word.len());
        }
    }
    // "OTA平台服务协议、交易规则": 、 lists documents only right after one.
    if rest.starts_with('、') && ends_like_document(left) {
        return joins_documents(left, "").then_some('、'.len_utf8());
    }
    None
}

/// 或 and / between documents: one is enough.
fn any_separator(left: &str, rest: &str) -> Option<usize> {
    if let Some(after) = rest.strip_prefix('或') {
        if after.starts_with("以上") || after.starts_with('者') {
            return None;
        }
        return joins_documents(left, after).then_some('或'.len_utf8());
    }
    for slash in ['/', '／'] {
        if let Some(after) = rest.strip_prefix(slash) {
            let left = left.trim_end();
            let closes = left.ends_with('》') || left.ends_with('）') || left.ends_with(')');
            return (closes || after.trim_start().starts_with('《')).then_some(slash.len_utf8());
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Bodies: "《A》或《B》及 C（条件）"

/// One document as read from the text, before it becomes a `doc` node.
#[derive(Debug, Clone)]
struct Mention<'a> {
    mention: &'a str,
    holder: Option<&'a str>,
    /// Text before the mention that is not a holder (issuer, 与…) — blocks inheriting a holder.
    has_prefix: bool,
    count: Option<Count>,
    conditions: Vec<&'a str>,
    /// Who issues the document, written before it (卫生健康部门的《…》).
    issuer: Option<&'a str>,
    /// The conditions were all written in （…） after the document, so they
    /// may be shared with the alternatives before it.
    bracketed: bool,
    /// （适用于政府主体）: the applicant kind this alternative is for.
    applies: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Count {
    min: u32,
    max: Option<u32>,
    /// 均需提供…: the count applies to every document of the item.
    each: bool,
    /// Written after the document, so it also covers the alternatives before it.
    trailing: bool,
}

/// What is written after a document: （…） groups and descriptive text.
#[derive(Debug, Default)]
struct Tail<'a> {
    count: Option<Count>,
    conditions: Vec<&'a str>,
    /// Some condition was written as plain text ("含有“预付卡业务”"), not in （…）.
    inline: bool,
    applies: Option<&'a str>,
}

/// The documents of one body text, joined by its connectives.
fn parse_body(text: &str) -> Option<RuleNode> {
    let text = trim_punctuation(text);
    let mut parts: Vec<Vec<Mention<'_>>> = split_top(text, all_separator)
        .into_iter()
        .map(|part| {
            split_top(part, any_separator)
                .into_iter()
                .filter_map(parse_mention)
                .collect::<Vec<_>>()
        })
        .filter(|alternatives| !alternatives.is_empty())
        .collect();
    inherit_holders(&mut parts);
    spread_counts(&mut parts);
    spread_conditions(&mut parts);
    let applies = parts.iter().flatten().find_map(|m| m.applies);
    let nodes = parts
        .into_iter()
        .map(|alternatives| group(true, alternatives.into_iter().map(doc_node).collect()))
        .collect();
    Some(with_applicant(all_of(nodes)?, applies))
}

/// A holder written once covers the documents listed right after it:
/// "该合作快递公司的《A》或B", "入驻商家的《A》及《B》".
fn inherit_holders(parts: &mut [Vec<Mention<'_>>]) {
    let mut previous: Option<&str> = None;
    for alternatives in parts.iter_mut() {
        let mut current = previous.take();
        for (i, m) in alternatives.iter_mut().enumerate() {
            match m.holder {
                Some(h) => current = Some(h),
                None if m.has_prefix => current = None,
                // Across 及, only a bare 《title》 continues the holder's list.
                None if i == 0 && !m.mention.starts_with('《') => current = None,
                None => m.holder = current,
            }
        }
        previous = current;
    }
}

/// A count written after alternatives covers them all ("《A》或《B》（2-3家）");
/// "均需提供" covers every document of the body.
fn spread_counts(parts: &mut [Vec<Mention<'_>>]) {
    let each = parts
        .iter()
        .flatten()
        .find_map(|m| m.count.filter(|c| c.each));
    for alternatives in parts.iter_mut() {
        let trailing = alternatives
            .last()
            .and_then(|m| m.count.filter(|c| c.trailing));
        for m in alternatives.iter_mut() {
            if m.count.is_none() {
                m.count = trailing.or(each);
            }
        }
    }
}

/// A condition written once in （…） after alternatives that have none of
/// their own covers them all: "《合作协议》或《授权证明》（范围需含相关缴费服务说明）".
/// Plain text after a title ("《支付业务许可证》含有…") describes that title only.
fn spread_conditions(parts: &mut [Vec<Mention<'_>>]) {
    for alternatives in parts.iter_mut() {
        let Some((last, others)) = alternatives.split_last_mut() else {
            continue;
        };
        if last.bracketed && others.iter().all(|m| m.conditions.is_empty()) {
            for m in others {
                m.conditions.clone_from(&last.conditions);
            }
        }
    }
}

fn doc_node(m: Mention<'_>) -> RuleNode {
    let (form, conditions): (Vec<&str>, Vec<&str>) =
        m.conditions.into_iter().partition(|c| is_form(c));
    // An issuer may also follow the document: 《…》（食药监局颁发）.
    let (issued, conditions): (Vec<&str>, Vec<&str>) = conditions
        .into_iter()
        .partition(|c| c.ends_with("颁发") || c.ends_with("核发"));
    let issuer = m.issuer.or(issued.first().copied());
    let attributes = Attributes {
        applicant: None,
        holder: m.holder.map(str::to_owned),
        min: m.count.map(|c| c.min),
        max: m.count.and_then(|c| c.max),
        conditions: conditions.into_iter().map(str::to_owned).collect(),
        issuer: issuer.map(str::to_owned),
        form: form.into_iter().map(str::to_owned).collect(),
        document: None,
        kind_only: false,
    };
    RuleNode {
        line: 0,
        kind: RuleKind::Doc {
            mention: m.mention.to_owned(),
        },
        attributes,
    }
}

/// Leading words that are not part of a document: verbs and connectives.
fn strip_leading(mut text: &str) -> &str {
    loop {
        let before = text;
        text = text.trim_start_matches(|c: char| c.is_whitespace() || "，、,".contains(c));
        for word in [
            "需同时提供",
            "同时提供",
            "需提供",
            "提供",
            "提交",
            "以及",
            "及",
            "和",
            "由",
        ] {
            if let Some(rest) = text.strip_prefix(word) {
                text = rest;
            }
        }
        if text == before {
            return text;
        }
    }
}

fn trim_punctuation(text: &str) -> &str {
    text.trim()
        .trim_end_matches(|c: char| c.is_whitespace() || "；;。，,".contains(c))
}

/// One alternative: "[count][holder的]《title》[suffix]（cond）…" or a phrase without 《》.
fn parse_mention(text: &str) -> Option<Mention<'_>> {
    let text = trim_punctuation(strip_leading(text));
    let (mut count, text) = leading_count(text);
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    let title = scan(text)
        .into_iter()
        .find(|p| p.c == '《' && paren_depth_zero(text, p.at));
    let mut mention = match title {
        Some(open) => titled_mention(text, open.at),
        None => bare_mention(text),
    }?;
    if count.is_none() {
        count = mention.count;
    }
    mention.count = count;
    Some(mention)
}

/// Whether `at` lies outside every （…）.
fn paren_depth_zero(text: &str, at: usize) -> bool {
    let mut depth = 0usize;
    for c in text.get(..at).unwrap_or("").chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth == 0
}

/// The role of the words before a 《title》.
enum Prefix<'a> {
    /// Nothing, or only 在.
    Empty,
    /// A partner holds the document: "合作医院的".
    Holder(&'a str),
    /// Who issues or registers it, kept as a condition: "相关政府部门的".
    Issuer(&'a str),
    /// Part of the document's name: "深度合成服务《在用证明》".
    Name,
    /// Anything else ("与合作学校的", the applicant itself).
    Other,
}

fn titled_mention(text: &str, open: usize) -> Option<Mention<'_>> {
    let close = text
        .get(open..)?
        .find('》')
        .map(|c| open + c + '》'.len_utf8())?;
    let after = text.get(close..)?;
    // Text glued to the title that is not a condition is part of the name:
    // 《…》截图, 《…》备案; a bare version number (《…》1.2) is a condition.
    let glued = if starts_condition(after.trim_start()) || after.starts_with(char::is_whitespace) {
        0
    } else {
        scan(after)
            .into_iter()
            .find(|p| p.top && "（(，,；;。".contains(p.c))
            .map_or(after.len(), |p| p.at)
    };
    let is_version = after
        .get(..glued)
        .is_some_and(|g| g.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let suffix = if is_version { 0 } else { glued };
    let (_, prefix) = leading_count(text.get(..open)?);
    let prefix_start = open - prefix.trim_start().len();
    let role = classify_prefix(prefix);
    let start = if matches!(role, Prefix::Name) {
        prefix_start
    } else {
        open
    };
    let tail = parse_tail(text.get(close + suffix..)?);
    let (holder, issuer) = match role {
        Prefix::Holder(h) => (Some(h), None),
        Prefix::Issuer(issuer) => (None, Some(issuer)),
        _ => (None, None),
    };
    Some(Mention {
        mention: text.get(start..close + suffix)?,
        holder,
        has_prefix: !matches!(role, Prefix::Empty),
        count: tail.count,
        bracketed: !tail.inline && !matches!(role, Prefix::Issuer(_)),
        conditions: tail.conditions,
        issuer,
        applies: tail.applies,
    })
}

fn bare_mention(text: &str) -> Option<Mention<'_>> {
    let end = core_end(text);
    let core = trim_punctuation(text.get(..end)?);
    let core = strip_platform(strip_self(core));
    if core.is_empty() {
        return None;
    }
    let tail = parse_tail(text.get(end..)?);
    let (holder, mention) = bare_holder(core);
    Some(Mention {
        mention,
        holder,
        has_prefix: false,
        count: tail.count,
        bracketed: !tail.inline,
        conditions: tail.conditions,
        issuer: None,
        applies: tail.applies,
    })
}

/// "小程序主体与X的合作协议" → "与X的合作协议", "小程序主体承诺函" → "承诺函":
/// the applicant naming itself is not part of the document's name.
fn strip_self(core: &str) -> &str {
    if let Some(rest) = core.strip_prefix("小程序主体在") {
        return rest;
    }
    for subject in ["小程序运营主体", "小程序主体"] {
        if let Some(rest) = core.strip_prefix(subject)
            && (rest.starts_with('与') || !rest.contains('的'))
        {
            return rest;
        }
    }
    core
}

/// "OTA平台对入驻经营者的审核要求" → "对入驻经营者的审核要求": the platform is
/// the applicant. (Not "监管平台对接情况证明": 对 must open a "对…的…" phrase.)
fn strip_platform(core: &str) -> &str {
    let Some(at) = core.find("平台对") else {
        return core;
    };
    let subject = core.get(..at).unwrap_or("");
    let rest = core.get(at + "平台".len()..).unwrap_or("");
    if subject.contains('的') || !rest.contains('的') || rest.starts_with("对接") {
        return core;
    }
    rest
}

/// Where the name of a bare document ends: at a top-level "，" or at the
/// first （…） after which only tails (more brackets, punctuation) follow.
/// An abbreviation in brackets, （CMA）, belongs to the name.
fn core_end(text: &str) -> usize {
    for p in scan(text) {
        if !p.top {
            continue;
        }
        if p.c == '，' || p.c == ',' {
            return p.at;
        }
        if p.c == '（' || p.c == '(' {
            let end = group_end(text, p.at);
            let inner = group_inner(text.get(p.at..end).unwrap_or(""));
            let abbreviation = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_uppercase());
            let after = text.get(end..).unwrap_or("").trim_start();
            let tail_follows =
                after.is_empty() || after.starts_with(['（', '(', '，', ',', '；', ';', '。']);
            if tail_follows && !abbreviation {
                return p.at;
            }
        }
    }
    text.len()
}

/// "合作…的贷款资质" → holder "合作…", mention "贷款资质"; "该主体的主管部门许可文件"
/// (the applicant itself) → no holder, mention "主管部门许可文件".
fn bare_holder(core: &str) -> (Option<&str>, &str) {
    let partner = ["该", "合作", "入驻"].iter().any(|p| core.starts_with(p));
    let Some(at) = core.rfind('的').filter(|_| partner) else {
        return (None, core);
    };
    let holder = core.get(..at).unwrap_or("");
    let mention = core.get(at + '的'.len_utf8()..).unwrap_or("");
    if mention.is_empty() || is_issuer(holder) || holder.contains('在') {
        return (None, core);
    }
    if is_self(holder) {
        return (None, mention);
    }
    (Some(holder), mention)
}

/// The words before a 《title》: see [`Prefix`].
fn classify_prefix(prefix: &str) -> Prefix<'_> {
    let prefix = prefix.trim();
    if prefix.is_empty() || prefix == "在" {
        return Prefix::Empty;
    }
    if let Some(owner) = prefix.strip_suffix('的') {
        let owner = owner.trim();
        if is_issuer(owner) {
            return Prefix::Issuer(owner);
        }
        if owner.is_empty() || is_self(owner) || owner.contains('与') || owner.starts_with('和') {
            return Prefix::Other;
        }
        return Prefix::Holder(owner);
    }
    if prefix.starts_with("合作") || prefix.starts_with('该') {
        return Prefix::Holder(prefix);
    }
    if is_self(prefix) || is_issuer(prefix) || prefix.contains('与') || prefix.ends_with('在') {
        return Prefix::Other;
    }
    Prefix::Name
}

/// The applicant naming itself.
fn is_self(owner: &str) -> bool {
    [
        "小程序主体",
        "小程序运营主体",
        "申请主体",
        "该主体",
        "代理商",
    ]
    .contains(&owner)
}

/// Who issues or registers a document rather than holds it.
fn is_issuer(owner: &str) -> bool {
    [
        "部门",
        "政府",
        "机关",
        "颁发",
        "核发",
        "出具",
        "合法",
        "交易所",
        "人民银行",
        "管理局",
        "授权认证",
        "备案",
    ]
    .iter()
    .any(|w| owner.contains(w))
}

/// How a document is handed in (a file type, a seal, a form's version),
/// as opposed to what it must say.
fn is_form(condition: &str) -> bool {
    ["pdf", "excel", "图标需为", "加盖", "需带公章", "含双方盖章"]
        .iter()
        .any(|w| condition.starts_with(w))
        || condition.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Words after a 《title》 that describe it rather than name it.
fn starts_condition(text: &str) -> bool {
    [
        "经营范围",
        "范围",
        "业务范围",
        "许可范围",
        "经营项目",
        "含",
        "且",
        "，",
        ",",
        "（",
        "(",
    ]
    .iter()
    .any(|w| text.starts_with(w))
}

/// The conditions, count and applicant written after a document.
fn parse_tail(tail: &str) -> Tail<'_> {
    let mut out = Tail::default();
    let mut rest = tail;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "，,；;。".contains(c));
        if rest.is_empty() {
            break;
        }
        if rest.starts_with(['（', '(']) {
            let end = group_end(rest, 0);
            bracket(group_inner(rest.get(..end).unwrap_or("")), &mut out);
            rest = rest.get(end..).unwrap_or("");
        } else {
            let end = scan(rest)
                .into_iter()
                .find(|p| p.top && (p.c == '（' || p.c == '('))
                .map_or(rest.len(), |p| p.at);
            let written = conditions(rest.get(..end).unwrap_or(""));
            out.inline |= !written.is_empty();
            out.conditions.extend(written);
            rest = rest.get(end..).unwrap_or("");
        }
    }
    out
}

/// One （…） after a document: a count, an applicant, a remark, or conditions.
fn bracket<'a>(inner: &'a str, out: &mut Tail<'a>) {
    if let Some(count) = whole_count(inner) {
        out.count = Some(count);
    } else if let Some(kind) = inner
        .strip_prefix("适用于")
        .or_else(|| inner.strip_prefix("适用"))
    {
        out.applies = Some(kind.trim());
    } else if let Some(note) = inner.strip_prefix('注') {
        // A remark (示例模板, 点击可查看) unless it says what is needed.
        if note.contains('需') || note.contains('须') {
            let note = note.trim_start_matches([':', '：']);
            out.conditions.extend(conditions(note));
        }
    } else {
        out.conditions.extend(conditions(inner));
    }
}

/// Conditions in a text, one per "，"/"；" clause; a clause giving examples
/// (如…) is no condition unless it sets a threshold (如app store 评分超过50万人).
fn conditions(text: &str) -> Vec<&str> {
    split_top(text, |_, rest| {
        rest.starts_with(['，', '；', ',', ';'])
            .then(|| rest.chars().next().map_or(1, char::len_utf8))
    })
    .into_iter()
    .map(|clause| trim_punctuation(clause.trim().trim_start_matches('且')))
    .filter(|clause| !clause.is_empty())
    .filter(|clause| !clause.starts_with('如') || clause.contains("超过"))
    .collect()
}

/// The text inside a bracket group (an unclosed group runs to the end).
fn group_inner(group: &str) -> &str {
    let open = group.chars().next().map_or(0, char::len_utf8);
    let inner = group.get(open..).unwrap_or("");
    inner
        .strip_suffix('）')
        .or_else(|| inner.strip_suffix(')'))
        .unwrap_or(inner)
}

// ---------------------------------------------------------------------------
// Counts: 两家或以上, 至少2家及以上, （2-3家）, （均需提供2-3家）, （至少3份）

/// A count at the start of a text, and the text after it.
fn leading_count(text: &str) -> (Option<Count>, &str) {
    match read_count(text) {
        Some((count, len)) => (Some(count), text.get(len..).unwrap_or("")),
        None => (None, text),
    }
}

/// A bracket's whole content read as a count.
fn whole_count(inner: &str) -> Option<Count> {
    let (each, text) = match inner.strip_prefix("均需提供") {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (count, len) = read_count(text)?;
    (len == text.len()).then_some(Count {
        each,
        trailing: true,
        ..count
    })
}

/// `[至少]N[-M](家|份|张)[或以上|及以上][的]` → the count and its length.
fn read_count(text: &str) -> Option<(Count, usize)> {
    let mut at = 0;
    let rest = |at: usize| text.get(at..).unwrap_or("");
    if rest(at).starts_with("至少") {
        at += "至少".len();
    }
    let (min, len) = read_number(rest(at))?;
    at += len;
    let mut max = None;
    if let Some(after) = rest(at).strip_prefix('-') {
        let (m, len) = read_number(after)?;
        max = Some(m);
        at += 1 + len;
    }
    let unit = ['家', '份', '张']
        .into_iter()
        .find(|u| rest(at).starts_with(*u))?;
    at += unit.len_utf8();
    for tail in ["或以上", "及以上", "的"] {
        if rest(at).starts_with(tail) {
            at += tail.len();
        }
    }
    Some((
        Count {
            min,
            max,
            each: false,
            trailing: false,
        },
        at,
    ))
}

fn read_number(text: &str) -> Option<(u32, usize)> {
    let digits = leading_digits(text);
    if digits > 0 {
        return Some((text.get(..digits)?.parse().ok()?, digits));
    }
    let c = text.chars().next()?;
    const NUMBERS: [(char, u32); 10] = [
        ('一', 1),
        ('两', 2),
        ('二', 2),
        ('三', 3),
        ('四', 4),
        ('五', 5),
        ('六', 6),
        ('七', 7),
        ('八', 8),
        ('九', 9),
    ];
    let (_, value) = NUMBERS.into_iter().find(|(n, _)| *n == c)?;
    Some((value, c.len_utf8()))
}

// ---------------------------------------------------------------------------
// Building and normalising nodes

fn group(any: bool, mut children: Vec<RuleNode>) -> RuleNode {
    if children.len() == 1
        && let Some(only) = children.pop()
    {
        return only;
    }
    let kind = if any {
        RuleKind::Any {
            at_least: 1,
            children,
        }
    } else {
        RuleKind::All(children)
    };
    RuleNode {
        line: 0,
        kind,
        attributes: Attributes::default(),
    }
}

fn all_of(nodes: Vec<RuleNode>) -> Option<RuleNode> {
    (!nodes.is_empty()).then(|| group(false, nodes))
}

/// Puts an item's applicant label on its node (wrapping it when it already has one).
fn with_applicant(mut node: RuleNode, label: Option<&str>) -> RuleNode {
    let Some(label) = label else { return node };
    if node.attributes.applicant.is_some() {
        node = RuleNode {
            line: 0,
            kind: RuleKind::All(vec![node]),
            attributes: Attributes::default(),
        };
    }
    node.attributes.applicant = Some(label.to_owned());
    node
}

/// Flattens all-in-all and any-in-any (when the inner group has no label)
/// and unwraps single-child groups, so the tree reads like the hand entries.
fn normalise(node: RuleNode) -> RuleNode {
    let RuleNode {
        line,
        kind,
        mut attributes,
    } = node;
    let (any, at_least, children) = match kind {
        RuleKind::Doc { .. } => {
            return RuleNode {
                line,
                kind,
                attributes,
            };
        }
        RuleKind::All(children) => (false, 1, children),
        RuleKind::Any { at_least, children } => (true, at_least, children),
    };
    let mut flat = Vec::new();
    for child in children.into_iter().map(normalise) {
        let unlabelled = child.attributes.applicant.is_none();
        match child.kind {
            RuleKind::All(grand) if unlabelled && !any => flat.extend(grand),
            RuleKind::Any {
                at_least: 1,
                children: grand,
            } if unlabelled && any && at_least == 1 => flat.extend(grand),
            kind => flat.push(RuleNode { kind, ..child }),
        }
    }
    if flat.len() == 1
        && at_least == 1
        && let Some(mut only) = flat.pop()
    {
        if only.attributes.applicant.is_none() || attributes.applicant.is_none() {
            only.attributes.applicant = only.attributes.applicant.or(attributes.applicant.take());
            return only;
        }
        flat.push(only);
    }
    let kind = if any {
        RuleKind::Any {
            at_least,
            children: flat,
        }
    } else {
        RuleKind::All(flat)
    };
    RuleNode {
        line,
        kind,
        attributes,
    }
}

// ---------------------------------------------------------------------------
// Applicant labels: a `for` label read into a meaning over kinds

/// Reads a `for` label (政府/有政府职能的事业单位, 非银行主体, 预订平台) into a
/// meaning over kinds, by the source's patterns only; `kind_of` looks a
/// word up in the kinds' `words` (the registry's vocabulary, not its
/// meanings). Tried in turn:
///
/// 1. the whole label, or the label without 主体, is a word;
/// 2. 非X is "not X";
/// 3. X/Y, X、Y and X或Y are "X or Y" (each part read the same way);
/// 4. X（Y） is "X and Y" (Y says which X: 事业单位（社会信用中心）);
/// 5. the longest ending that is a word: Chinese names put the head last,
///    so 预订平台 is a 平台 and 票务代理 a 代理.
///
/// `None` when the label is none of these; such a label is listed with the
/// reason in `catalog/double-entry.toml`.
pub fn derive_label(text: &str, kind_of: &dyn Fn(&str) -> Option<String>) -> Option<KindExpr> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let word = |t: &str| kind_of(t).or_else(|| t.strip_suffix("主体").and_then(kind_of));
    if let Some(kind) = word(text) {
        return Some(KindExpr::Kind(kind));
    }
    if let Some(rest) = text.strip_prefix('非') {
        return derive_label(rest, kind_of).map(|inner| KindExpr::Not(Box::new(inner)));
    }
    let parts: Vec<&str> = text
        .split(['/', '／', '、', '或'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        return parts
            .iter()
            .map(|p| derive_label(p, kind_of))
            .collect::<Option<Vec<_>>>()
            .map(KindExpr::Any);
    }
    if let Some(open) = text.find('（')
        && let Some(inner) = text
            .get(open + '（'.len_utf8()..)
            .and_then(|t| t.strip_suffix('）'))
    {
        let outer = text.get(..open).unwrap_or("");
        return Some(KindExpr::All(vec![
            derive_label(outer, kind_of)?,
            derive_label(inner, kind_of)?,
        ]));
    }
    text.char_indices()
        .skip(1)
        .filter_map(|(at, _)| text.get(at..))
        .filter(|ending| ending.chars().count() >= 2)
        .find_map(word)
        .map(KindExpr::Kind)
}

// ---------------------------------------------------------------------------
// Sentences of the notes and requirement cells

/// A cell cut into sentences (at line breaks, 。 and ；), each a trimmed slice.
fn sentences(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['\n', '。', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A sentence without what frames it: 注：, its number (1、 2） ① (1)), and
/// closing punctuation. Used to compare sentences with the catalogue's.
pub fn sentence_core(sentence: &str) -> &str {
    let mut text = sentence.trim();
    loop {
        let before = text;
        text = text
            .trim_start_matches("注：")
            .trim_start_matches("注:")
            .trim();
        if let Some((_, rest)) = marker(text) {
            text = rest.trim();
        }
        if text == before {
            break;
        }
    }
    text.trim_end_matches(['。', '；', ';', '，', '：', ':', ' '])
}

/// Words that make a requirement or a choice depend on a situation
/// (若…, 如涉及…, 如提供…). Examples (如下, 如：, （如…）) use none of them.
const CONDITION_WORDS: [&str; 12] = [
    "若",
    "如涉",
    "如提供",
    "如需",
    "如小程序",
    "如单家",
    "如销售",
    "如包含",
    "如果",
    "如仅",
    "如为",
    "如有",
];

/// Words that send the applicant elsewhere, require another category first,
/// or ask to take a service out.
const DIRECTION_WORDS: [&str; 8] = [
    "需选择",
    "可选择",
    "建议选",
    "需补充",
    "建议去除",
    "建议改为",
    "移除",
    "需已通过",
];

/// Every conditional sentence of a notes or requirement cell: one that
/// makes a requirement or a choice depend on a situation, or sends the
/// applicant to another category, in the cell's own words.
pub fn conditional_sentences(cell: &str) -> Vec<&str> {
    sentences(cell)
        .filter(|s| {
            CONDITION_WORDS.iter().any(|w| s.contains(w))
                || DIRECTION_WORDS.iter().any(|w| s.contains(w))
        })
        .collect()
}

/// Every sentence of a cell that requires another category to be approved
/// first (小程序需已通过【电商平台-电商平台】类目), without its framing.
pub fn prerequisite_sentences(cell: &str) -> Vec<&str> {
    sentences(cell)
        .filter(|s| {
            ["需已通过", "需先通过", "需已开通", "需先开通", "需已获得"]
                .iter()
                .any(|w| s.contains(w))
                && s.contains('【')
        })
        .map(sentence_core)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_label(text: &str) -> Option<String> {
        let words = [
            ("政府主体", "government"),
            ("政府", "government"),
            ("事业单位", "public-institution"),
            ("有政府职能的事业单位", "governmental-public-institution"),
            ("银行", "bank"),
            ("银行机构主体", "bank"),
            ("非银行金融机构主体", "non-bank-financial-institution"),
            ("社会信用中心", "credit-centre"),
            ("平台", "platform"),
            ("批发或仓储", "wholesale-or-storage"),
        ];
        let kind_of = |word: &str| {
            words
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, k)| (*k).to_owned())
        };
        derive_label(text, &kind_of).map(|e| crate::double_entry::describe_expression(&e))
    }

    #[test]
    fn labels_are_read_by_the_sources_patterns() {
        assert_eq!(read_label("政府主体").as_deref(), Some("government"));
        assert_eq!(read_label("银行主体").as_deref(), Some("bank"));
        assert_eq!(read_label("非银行主体").as_deref(), Some("!bank"));
        assert_eq!(
            read_label("政府/有政府职能的事业单位").as_deref(),
            Some("government | governmental-public-institution")
        );
        assert_eq!(
            read_label("非政府/事业单位").as_deref(),
            Some("!(government | public-institution)")
        );
        assert_eq!(
            read_label("银行机构主体/非银行金融机构主体").as_deref(),
            Some("bank | non-bank-financial-institution")
        );
        assert_eq!(
            read_label("事业单位（社会信用中心）").as_deref(),
            Some("public-institution & credit-centre")
        );
        assert_eq!(read_label("预订平台").as_deref(), Some("platform"));
        // A word is read whole before 或 splits it.
        assert_eq!(
            read_label("批发或仓储").as_deref(),
            Some("wholesale-or-storage")
        );
        assert_eq!(read_label("其他机构"), None);
    }

    #[test]
    fn conditional_sentences_are_the_ones_that_depend_or_direct() {
        let notes = "注：\n1、如提供时政信息服务，需补充【时政信息】类目；\n2、选择该类目后首次提交代码审核，需经当地互联网主管机关审核确认，预计审核时长7天左右。";
        assert_eq!(
            conditional_sentences(notes),
            ["1、如提供时政信息服务，需补充【时政信息】类目"]
        );
        let requirement = "①与合作公共事业公司（如电力公司，燃气公司）的《代收代缴合作协议》\n注：若涉及其他的生活缴费服务，同样需提供与对应主体的《代收代缴合作协议》或《授权证明》。";
        assert_eq!(
            conditional_sentences(requirement),
            [
                "注：若涉及其他的生活缴费服务，同样需提供与对应主体的《代收代缴合作协议》或《授权证明》"
            ]
        );
        // Examples (如下, 如：, （如…）) make no sentence conditional.
        assert!(conditional_sentences("所需资质文件如下：\n①营业执照（如：公司章程）").is_empty());
        assert_eq!(
            sentence_core("1）小程序需已通过【电商平台-电商平台】类目；"),
            "小程序需已通过【电商平台-电商平台】类目"
        );
        assert_eq!(
            prerequisite_sentences(
                "注：\n1）小程序需已通过【电商平台-电商平台】类目；\n2）若涉及非文物拍卖服务为自营，需选择【商业服务-拍卖公司（非文物）】类目。"
            ),
            ["小程序需已通过【电商平台-电商平台】类目"]
        );
    }

    fn derived(text: &str) -> String {
        derive_rule(text).map(|r| r.to_text()).unwrap_or_else(|e| e)
    }

    #[test]
    fn readme_example() {
        let text = "（3选1）：\n1、经营快递业务企业，提供：《快递业务经营许可证》\n2、快递末端网点，提供：所在地邮政管理部门备案证明\n3、快递合作方，同时提供：\n① 与快递公司的合作协议（协议内容须含对用户数据隐私的保护条款）\n② 该合作快递公司的《快递业务经营许可证》或所在地邮政管理部门备案证明";
        let expected = "any\n  doc \"《快递业务经营许可证》\" for=\"经营快递业务企业\"\n  doc \"所在地邮政管理部门备案证明\" for=\"快递末端网点\"\n  all for=\"快递合作方\"\n    doc \"与快递公司的合作协议\" cond=\"协议内容须含对用户数据隐私的保护条款\"\n    any\n      doc \"《快递业务经营许可证》\" holder=\"该合作快递公司\"\n      doc \"所在地邮政管理部门备案证明\" holder=\"该合作快递公司\"\n";
        assert_eq!(derived(text), expected);
    }

    #[test]
    fn slash_means_no_rule() {
        assert!(derive_rule("/").is_err());
    }

    #[test]
    fn counts_and_conditions() {
        assert_eq!(
            derived("入驻商家的《兽药生产许可证》或《兽药经营许可证》（2-3家）"),
            "any\n  doc \"《兽药生产许可证》\" holder=\"入驻商家\" min=2 max=3\n  doc \"《兽药经营许可证》\" holder=\"入驻商家\" min=2 max=3\n"
        );
        assert_eq!(
            derived("两家或以上的驾校培训公司的合作协议"),
            "doc \"驾校培训公司的合作协议\" min=2\n"
        );
        assert_eq!(
            derived("《营业执照》经营范围含“法律咨询”"),
            "doc \"《营业执照》\" cond=\"经营范围含“法律咨询”\"\n"
        );
    }

    #[test]
    fn nested_numbering_and_connectives() {
        let text = "（2选1）：\n1、《营业执照》与公安局备案证明\n2、同时提供：\n①《事业单位法人证书》及《医疗机构执业许可证》/《药物临床试验机构备案》\n② 承诺函";
        let expected = "any\n  all\n    doc \"《营业执照》\"\n    doc \"公安局备案证明\"\n  all\n    doc \"《事业单位法人证书》\"\n    any\n      doc \"《医疗机构执业许可证》\"\n      doc \"《药物临床试验机构备案》\"\n    doc \"承诺函\"\n";
        assert_eq!(derived(text), expected);
    }

    #[test]
    fn issuers_applicants_and_shared_conditions() {
        assert_eq!(
            derived("2、非政府/事业单位：提供相关政府部门的《资质授权文件》"),
            "doc \"《资质授权文件》\" for=\"非政府/事业单位\" issuer=\"相关政府部门\"\n"
        );
        assert_eq!(
            derived("《统一社会信用代码》 及 《情况说明函件》（适用于政府主体）"),
            "all for=\"政府主体\"\n  doc \"《统一社会信用代码》\"\n  doc \"《情况说明函件》\"\n"
        );
        assert_eq!(
            derived("与合作学校的《合作协议》或《授权证明》（范围需含相关缴费服务说明）"),
            "any\n  doc \"《合作协议》\" cond=\"范围需含相关缴费服务说明\"\n  doc \"《授权证明》\" cond=\"范围需含相关缴费服务说明\"\n"
        );
        assert_eq!(
            derived("小程序主体与技术主体的合作协议（注：点击可查看资质示例）"),
            "doc \"与技术主体的合作协议\"\n"
        );
    }

    #[test]
    fn a_partner_header_holds_everything_below() {
        let text = "同时提供：\n1、与有资质主体公司的合作协议\n2、该资质主体公司的经营国际客运许可证件（④选1）：\n① 班车客运：《道路运输经营许可证》\n② 国际班轮客运：《国际班轮运输经营资格登记证》";
        let expected = "all\n  doc \"与有资质主体公司的合作协议\"\n  any\n    doc \"《道路运输经营许可证》\" holder=\"该资质主体公司\"\n    doc \"《国际班轮运输经营资格登记证》\" holder=\"该资质主体公司\"\n";
        assert_eq!(derived(text), expected);
    }

    #[test]
    fn derived_texts_are_slices_of_the_requirement() {
        let text = "（2选1）：\n1、单家主体：《营业执照》（经营范围含住宿）或《特种行业许可证》（经营范围含“旅馆业”）\n2、预订平台：需提供至少2家及以上 与住宿服务提供方的《合作协议》 及 合作方的《特种行业许可证》/《营业执照》";
        let rule = derive_rule(text).unwrap();
        rule.walk(&mut |n| {
            let a = &n.attributes;
            let mut texts: Vec<&str> = a.conditions.iter().map(String::as_str).collect();
            texts.extend(a.applicant.as_deref());
            texts.extend(a.holder.as_deref());
            if let RuleKind::Doc { mention } = &n.kind {
                texts.push(mention);
            }
            for t in texts {
                assert!(text.contains(t), "`{t}` is not in the requirement");
            }
        });
        assert!(
            rule.to_text().contains("doc \"《合作协议》\" min=2\n"),
            "{}",
            rule.to_text()
        );
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(read_number("两家"), Some((2, 3)));
        assert_eq!(read_number("三家"), Some((3, 3)));
        assert_eq!(read_number("一家"), Some((1, 3)));
        assert_eq!(read_number("12家"), Some((12, 2)));
    }
}
