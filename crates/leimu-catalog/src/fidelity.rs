//! Proof that the catalogue is the source text, cut into fields: nothing lost,
//! nothing invented, nothing reworded.
//!
//! The check walks `source.txt` from its first character to its last and
//! expects, in order, every text field of every category file: the first-level
//! name, the table header, then for each row its second-level name (printed
//! once per group), its first third-level name, its requirement (unless it
//! is merged with the row above, which printed it), scope and notes, and its remaining third-level names (merged cells in the source put
//! them after the shared cells). Between fields only whitespace may be
//! skipped, and lines that are exactly `/` — the source's empty cells, which
//! carry nothing. When the walk ends, only whitespace and `/` may remain.
//!
//! Because every field must match at the exact position where the previous
//! one ended, a field whose text differs by a single character, a missing row,
//! an extra row or rows out of order all fail.

use crate::diagnostic::Diagnostic;
use crate::source::{CatalogSource, line_of};

/// The table header repeated under every first-level name.
pub const TABLE_HEADER: &str = "二级分类 三级分类 资质要求 类目适用范围 备注";

/// Where each leaf's row starts in the source, by leaf id (1-based lines).
pub type SourceLines = Vec<(String, usize)>;

/// Walks the source and the catalogue together. Returns the source line of each leaf and every mismatch.
pub fn check_fidelity(catalog: &CatalogSource) -> (SourceLines, Vec<Diagnostic>) {
    let source = catalog.source_text.as_str();
    let mut diagnostics = Vec::new();
    let mut lines = Vec::new();
    // The document's title precedes the first category.
    let mut cursor = source.find('\n').unwrap_or(0);
    let mut previous_failed = false;
    for file in &catalog.categories {
        let category = &file.value;
        if previous_failed {
            // The previous file lost its place; pick up at this file's name and header.
            let anchor = format!("{}\n{TABLE_HEADER}", category.name.get_ref());
            if let Some(at) = source.get(cursor..).and_then(|rest| rest.find(&anchor)) {
                cursor += at;
            }
        }
        previous_failed = false;
        // (field description, file line, expected text, leaf ids starting here)
        let mut expected: Vec<(String, usize, &str, Vec<&str>)> = vec![
            (
                "first-level `name`".to_owned(),
                file.line(&category.name),
                category.name.get_ref().as_str(),
                Vec::new(),
            ),
            (
                "the table header".to_owned(),
                file.line(&category.name),
                TABLE_HEADER,
                Vec::new(),
            ),
        ];
        let mut previous_l2: Option<&str> = None;
        for row in &category.row {
            let leaves = row.leaves();
            let ids: Vec<&str> = leaves.iter().map(|(_, id)| id.get_ref().as_str()).collect();
            let label = ids.first().copied().unwrap_or("?");
            let l2 = row.l2.get_ref().as_str();
            let mut first_ids = ids.clone();
            if previous_l2 != Some(l2) {
                expected.push((
                    format!("`l2` of `{label}`"),
                    file.line(&row.l2),
                    l2,
                    std::mem::take(&mut first_ids),
                ));
            }
            previous_l2 = Some(l2);
            let l3 = row.l3.as_deref().unwrap_or(&[]);
            if let Some(first) = l3.first() {
                expected.push((
                    format!("`l3` name of `{label}`"),
                    file.line(&first.name),
                    first.name.get_ref(),
                    std::mem::take(&mut first_ids),
                ));
            }
            if row.requirement_merged_above {
                // Printed once in the row above; the compiler checks the texts are equal.
                expected.push((
                    format!("`scope` of `{label}`"),
                    file.content_line(&row.scope),
                    row.scope.get_ref(),
                    first_ids,
                ));
            } else {
                expected.push((
                    format!("`requirement` of `{label}`"),
                    file.content_line(&row.requirement),
                    row.requirement.get_ref(),
                    first_ids,
                ));
                expected.push((
                    format!("`scope` of `{label}`"),
                    file.content_line(&row.scope),
                    row.scope.get_ref(),
                    Vec::new(),
                ));
            }
            if let Some(notes) = row.notes.as_ref().filter(|n| !n.get_ref().is_empty()) {
                expected.push((
                    format!("`notes` of `{label}`"),
                    file.content_line(notes),
                    notes.get_ref(),
                    Vec::new(),
                ));
            }
            for (third, id) in l3.iter().skip(1).zip(ids.iter().skip(1)) {
                expected.push((
                    format!("`l3` name `{id}`"),
                    file.line(&third.name),
                    third.name.get_ref(),
                    vec![*id],
                ));
            }
        }
        for (what, file_line, text, starting) in expected {
            if text.is_empty() {
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    file_line,
                    format!("{what} is empty"),
                ));
                continue;
            }
            if text != text.trim() {
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    file_line,
                    format!("{what} has leading or trailing whitespace; trim it"),
                ));
            }
            cursor = skip_blank_and_slashes(source, cursor, text);
            let rest = source.get(cursor..).unwrap_or("");
            if rest.starts_with(text) {
                for id in starting {
                    lines.push((id.to_owned(), line_of(source, cursor)));
                }
                cursor += text.len();
            } else {
                let found: String = rest.chars().take(text.chars().count().min(40)).collect();
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    file_line,
                    format!(
                        "{what} does not match source.txt:{}: expected `{}`, the source has `{}`; copy the text from the source exactly",
                        line_of(source, cursor),
                        abbreviate(text),
                        abbreviate(&found)
                    ),
                ));
                // Resynchronise at the next first-level category and go on with the next file.
                previous_failed = true;
                break;
            }
        }
    }
    cursor = skip_blank_and_slashes(source, cursor, "");
    if cursor < source.len() {
        let leftover: String = source
            .get(cursor..)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        diagnostics.push(Diagnostic::new(
            &catalog.source_path,
            line_of(source, cursor),
            format!(
                "the source continues with `{}` but no catalogue field covers it",
                abbreviate(&leftover)
            ),
        ));
    }
    (lines, diagnostics)
}

/// Skips whitespace and `/`-only lines — unless the expected text is itself `/`.
fn skip_blank_and_slashes(source: &str, mut cursor: usize, expected: &str) -> usize {
    loop {
        let rest = source.get(cursor..).unwrap_or("");
        let trimmed = rest.trim_start();
        cursor += rest.len() - trimmed.len();
        if expected == "/" && trimmed.starts_with('/') {
            return cursor;
        }
        let is_slash_cell = trimmed.starts_with('/')
            && trimmed
                .get(1..)
                .is_none_or(|after| after.is_empty() || after.starts_with(char::is_whitespace));
        if is_slash_cell {
            cursor += 1;
        } else {
            return cursor;
        }
    }
}

fn abbreviate(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let mut out: String = first_line.chars().take(30).collect();
    if out.chars().count() < text.chars().count() {
        out.push('…');
    }
    out
}
