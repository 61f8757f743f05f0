//! Taking in a revised source text: `cargo xtask update-source NEW.txt`.
//!
//! The hand-entered catalogue is cut from `source.txt` row by row, and the
//! fidelity walk knows where each row starts. A new text is aligned with
//! the old one line by line (longest common subsequence); each old line is
//! kept or removed, and new lines are inserted between old ones. Then:
//!
//! - a row all of whose lines are kept, with nothing inserted inside it, is
//!   untouched: every hand-entered field stays as it is (its text is still
//!   the source's, byte for byte);
//! - a row with a removed line, or new lines inside it, is marked
//!   `changed`; a row all of whose lines are gone is marked `vanished`
//!   (`moved` when the same text appears elsewhere); new lines after a
//!   row's last line (a new row, a new category, a row moved here) mark that
//!   row `new text after`, since the new row goes next to it.
//!
//! Each mark is a `review = '''…'''` entry in the row's TOML with the old and
//! the new text, and the compiler reports every `review` as a problem, so
//! `validate` fails until the maintainer has looked at each marked row and
//! deleted its mark. The work is proportional to what changed: rows are never
//! re-read because something else moved. `provenance.toml` is not touched:
//! its `source_sha256` no longer matches, which `validate` reports until the
//! maintainer sets the new hash, `taken` and `version`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::fidelity::check_fidelity;
use crate::source::{CatalogSource, read_catalog};

/// What happened to a row of the old text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    /// Lines of the row changed, or lines were inserted inside it.
    Changed,
    /// Every line of the row is gone.
    Vanished,
    /// Every line of the row is gone, and the same text appears elsewhere.
    Moved,
    /// New lines follow the row's last line (a new row or category goes here).
    NewTextAfter,
}

impl MarkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Changed => "changed",
            MarkKind::Vanished => "vanished",
            MarkKind::Moved => "moved",
            MarkKind::NewTextAfter => "new text after",
        }
    }
}

/// A row that needs the maintainer's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowMark {
    /// The category file, relative to the catalogue folder.
    pub file: PathBuf,
    /// The row's position in its file.
    pub row: usize,
    /// The row's leaf ids.
    pub ids: Vec<String>,
    pub kinds: Vec<MarkKind>,
    /// The review text written into the row's TOML.
    pub review: String,
}

/// What `update-source` did.
#[derive(Debug, Clone, Default)]
pub struct UpdateReport {
    pub marks: Vec<RowMark>,
    /// Rows left as they were.
    pub untouched_rows: usize,
    pub old_lines: usize,
    pub new_lines: usize,
}

impl UpdateReport {
    /// The report for a person: each marked row with its old and new text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} row(s) marked for review, {} untouched ({} → {} lines).",
            self.marks.len(),
            self.untouched_rows,
            self.old_lines,
            self.new_lines
        );
        for mark in &self.marks {
            let _ = writeln!(
                out,
                "\n== {} row {} ({}): {}",
                mark.file.display(),
                mark.row + 1,
                mark.ids.join(", "),
                mark.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            out.push_str(&mark.review);
        }
        if !self.marks.is_empty() {
            let _ = writeln!(
                out,
                "\nEdit each marked row to the new text (and add new rows and categories where marked), \
                 delete its `review`, set provenance.toml for the new text, then `cargo xtask validate` and `cargo xtask generate`."
            );
        }
        out
    }
}

/// One row's lines in the old text (0-based, inclusive).
#[derive(Debug, Clone)]
struct RowSpan {
    file: usize,
    row: usize,
    ids: Vec<String>,
    first: usize,
    last: usize,
    /// For a file's first row: the line of its first-level name (the table header follows).
    header: Option<usize>,
}

/// Where each row of a catalogue that passes the fidelity walk stands in its source.
fn row_spans(catalog: &CatalogSource) -> Result<Vec<RowSpan>, Vec<Diagnostic>> {
    let (lines, problems) = check_fidelity(catalog);
    if !problems.is_empty() {
        return Err(problems);
    }
    let line_of: BTreeMap<&str, usize> = lines.iter().map(|(id, l)| (id.as_str(), *l)).collect();
    let mut spans = Vec::new();
    // Line (0-based) of each category's name: two lines (name, header) before its first row.
    let mut category_starts = Vec::new();
    for (f, file) in catalog.categories.iter().enumerate() {
        let mut first_of_file = None;
        for (r, row) in file.value.row.iter().enumerate() {
            let ids: Vec<String> = row
                .leaves()
                .iter()
                .map(|(_, id)| id.get_ref().clone())
                .collect();
            let Some(first) = ids
                .iter()
                .filter_map(|id| line_of.get(id.as_str()))
                .min()
                .map(|l| l - 1)
            else {
                continue;
            };
            let header = first_of_file.is_none().then(|| first.saturating_sub(2));
            first_of_file.get_or_insert(first);
            spans.push(RowSpan {
                file: f,
                row: r,
                ids,
                first,
                last: first,
                header,
            });
        }
        if let Some(first) = first_of_file {
            category_starts.push(first.saturating_sub(2));
        }
    }
    let total = catalog.source_text.lines().count();
    let mut boundaries: Vec<usize> = spans
        .iter()
        .map(|s| s.first)
        .chain(category_starts)
        .chain([total])
        .collect();
    boundaries.sort_unstable();
    for span in &mut spans {
        let next = boundaries
            .iter()
            .find(|&&b| b > span.first)
            .copied()
            .unwrap_or(total);
        span.last = next.saturating_sub(1).max(span.first);
    }
    Ok(spans)
}

/// The alignment of two texts' lines.
struct Alignment {
    /// For each old line, its index in the new text when kept.
    kept: Vec<Option<usize>>,
    /// For each position 0..=old.len(), the new lines inserted before that old line.
    inserted: Vec<Vec<usize>>,
}

fn align(old: &[&str], new: &[&str]) -> Alignment {
    // Common prefix and suffix first: most of a revision is unchanged.
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut kept = vec![None; old.len()];
    let mut inserted = vec![Vec::new(); old.len() + 1];
    for (i, slot) in kept.iter_mut().enumerate().take(prefix) {
        *slot = Some(i);
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            kept[prefix + i] = Some(prefix + j);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i * width + j + 1] > lcs[(i + 1) * width + j])
        {
            inserted[prefix + i].push(prefix + j);
            j += 1;
        } else {
            i += 1;
        }
    }
    for k in 0..suffix {
        kept[old.len() - suffix + k] = Some(new.len() - suffix + k);
    }
    Alignment { kept, inserted }
}

/// Moves each block of removed or inserted lines to where rows begin, when
/// the same texts allow it. A line diff may cut a repeated line (`/`, the
/// table header) on either side of a block: removing `/ 资讯 … /` or
/// `资讯 … / /` gives the same text, but only one of them leaves the row
/// above whole. Among the equal positions, prefer one whose block starts
/// (and ends) at a row or category boundary.
fn slide_to_boundaries(alignment: &mut Alignment, old: &[&str], new: &[&str], boundaries: &[bool]) {
    let n = old.len();
    // Removed runs.
    let mut x = 0;
    while x < n {
        if alignment.kept[x].is_some() {
            x += 1;
            continue;
        }
        let mut y = x;
        while y < n && alignment.kept[y].is_none() && (y == x || alignment.inserted[y].is_empty()) {
            y += 1;
        }
        // [x, y) removed, no insertions inside.
        let score =
            |x: usize, y: usize| 2 * usize::from(boundaries[x]) + usize::from(boundaries[y]);
        let (mut lo, mut hi) = (x, y);
        while lo > 0
            && alignment.kept[lo - 1].is_some()
            && old[lo - 1] == old[hi - 1]
            && alignment.inserted[lo].is_empty()
            && alignment.inserted[lo - 1].is_empty()
        {
            alignment.kept[hi - 1] = alignment.kept[lo - 1];
            alignment.kept[lo - 1] = None;
            lo -= 1;
            hi -= 1;
        }
        let (mut best, mut best_score) = (lo, score(lo, hi));
        while hi < n
            && alignment.kept[hi].is_some()
            && old[lo] == old[hi]
            && alignment.inserted[hi].is_empty()
            && (hi + 1 > n || alignment.inserted.get(hi + 1).is_none_or(Vec::is_empty))
        {
            alignment.kept[lo] = alignment.kept[hi];
            alignment.kept[hi] = None;
            lo += 1;
            hi += 1;
            if score(lo, hi) > best_score {
                best = lo;
                best_score = score(lo, hi);
            }
        }
        // Back up to the best position.
        while lo > best {
            alignment.kept[hi - 1] = alignment.kept[lo - 1];
            alignment.kept[lo - 1] = None;
            lo -= 1;
            hi -= 1;
        }
        x = hi.max(x + 1);
    }
    // Inserted blocks.
    for p in 0..=n {
        if alignment.inserted[p].is_empty() {
            continue;
        }
        let block = std::mem::take(&mut alignment.inserted[p]);
        let contiguous = block.windows(2).all(|w| w[1] == w[0] + 1);
        if !contiguous {
            alignment.inserted[p] = block;
            continue;
        }
        let (mut b, mut c) = (block[0], block[block.len() - 1] + 1);
        let mut q = p;
        // Up while the line before the block is kept and equals the block's last line.
        while q > 0
            && alignment.kept[q - 1] == Some(b.wrapping_sub(1))
            && b > 0
            && new[b - 1] == new[c - 1]
            && alignment.inserted[q - 1].is_empty()
        {
            alignment.kept[q - 1] = Some(c - 1);
            q -= 1;
            b -= 1;
            c -= 1;
        }
        let mut found = boundaries[q];
        let mut bq = q;
        while q < n
            && alignment.kept[q] == Some(c)
            && new[b] == new[c]
            && alignment.inserted.get(q + 1).is_none_or(Vec::is_empty)
        {
            alignment.kept[q] = Some(b);
            q += 1;
            b += 1;
            c += 1;
            if boundaries[q] && !found {
                found = true;
                bq = q;
            }
        }
        // Back to the best position.
        while q > bq {
            alignment.kept[q - 1] = Some(c - 1);
            q -= 1;
            b -= 1;
            c -= 1;
        }
        alignment.inserted[q] = (b..c).collect();
    }
}

/// The marks a new text calls for, without writing anything.
pub fn plan_update(
    catalog: &CatalogSource,
    new_text: &str,
) -> Result<UpdateReport, Vec<Diagnostic>> {
    let spans = row_spans(catalog)?;
    let old: Vec<&str> = catalog.source_text.lines().collect();
    let new: Vec<&str> = new_text.lines().collect();
    let mut alignment = align(&old, &new);
    let mut boundaries: Vec<bool> = vec![false; old.len() + 1];
    for span in &spans {
        boundaries[span.first] = true;
        if let Some(header) = span.header {
            boundaries[header] = true;
        }
    }
    boundaries[old.len()] = true;
    slide_to_boundaries(&mut alignment, &old, &new, &boundaries);
    // Which span holds an old line (insertions before a row's first line,
    // after a header, belong to the row before; before the first row, to it).
    let owner = |line: usize| -> Option<usize> {
        spans.iter().position(|s| s.first <= line && line <= s.last)
    };
    let mut kinds: Vec<Vec<MarkKind>> = vec![Vec::new(); spans.len()];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (index, span) in spans.iter().enumerate() {
        let removed = (span.first..=span.last).any(|l| alignment.kept[l].is_none());
        let all_removed = (span.first..=span.last).all(|l| alignment.kept[l].is_none());
        let inside = (span.first + 1..=span.last).any(|p| !alignment.inserted[p].is_empty());
        // The first-level name or the table header changed: the file's first row says so.
        let header_changed = span
            .header
            .is_some_and(|h| (h..span.first).any(|l| alignment.kept[l].is_none()));
        if all_removed && !inside {
            kinds[index].push(MarkKind::Vanished);
        } else if removed || inside || header_changed {
            kinds[index].push(MarkKind::Changed);
        }
    }
    for (position, lines) in alignment.inserted.iter().enumerate() {
        if lines.is_empty() {
            continue;
        }
        let is_inside = |s: &RowSpan| s.first < position && position <= s.last;
        if spans.iter().any(is_inside) {
            continue;
        }
        // New lines at a boundary: after the row that ends just before, or before the first row.
        let index = position
            .checked_sub(1)
            .and_then(|line| (0..=line).rev().find_map(&owner))
            .or(if spans.is_empty() { None } else { Some(0) });
        if let Some(index) = index {
            after[index].extend(lines);
            if !kinds[index].contains(&MarkKind::NewTextAfter) {
                kinds[index].push(MarkKind::NewTextAfter);
            }
        }
    }
    // A vanished row whose text appears among inserted lines moved there.
    let essential = |lines: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        lines
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "/")
            .map(str::to_owned)
            .collect()
    };
    let inserted_text: Vec<String> =
        essential(&mut alignment.inserted.iter().flatten().map(|&j| new[j]));
    for (index, span) in spans.iter().enumerate() {
        if kinds[index].first() != Some(&MarkKind::Vanished) {
            continue;
        }
        let text = essential(&mut (span.first..=span.last).map(|l| old[l]));
        if !text.is_empty()
            && inserted_text
                .windows(text.len())
                .any(|window| window == text.as_slice())
        {
            kinds[index][0] = MarkKind::Moved;
        }
    }
    let mut report = UpdateReport {
        old_lines: old.len(),
        new_lines: new.len(),
        ..UpdateReport::default()
    };
    for (index, span) in spans.iter().enumerate() {
        let row_kinds = &kinds[index];
        if row_kinds.is_empty() {
            report.untouched_rows += 1;
            continue;
        }
        let mut review = String::new();
        let _ = writeln!(
            review,
            "{} by `cargo xtask update-source`; edit the row to the new source.txt, then delete this `review`.",
            row_kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(review, "old (lines {}–{}):", span.first + 1, span.last + 1);
        for line in &old[span.first..=span.last] {
            let _ = writeln!(review, "  | {line}");
        }
        if row_kinds.contains(&MarkKind::Changed) {
            let new_lines: Vec<usize> = (span.first..=span.last)
                .flat_map(|l| {
                    let before = if l > span.first {
                        alignment.inserted[l].clone()
                    } else {
                        Vec::new()
                    };
                    before.into_iter().chain(alignment.kept[l])
                })
                .collect();
            let _ = writeln!(review, "new:");
            for j in new_lines {
                let _ = writeln!(review, "  | {}", new[j]);
            }
        }
        if !after[index].is_empty() {
            let first = after[index].first().copied().unwrap_or(0);
            let last = after[index].last().copied().unwrap_or(0);
            let _ = writeln!(
                review,
                "new text after this row (new lines {}–{}):",
                first + 1,
                last + 1
            );
            for &j in &after[index] {
                let _ = writeln!(review, "  | {}", new[j]);
            }
        }
        let file = &catalog.categories[span.file];
        report.marks.push(RowMark {
            file: file
                .path
                .strip_prefix(
                    file.path
                        .components()
                        .next()
                        .map_or(Path::new(""), |c| Path::new(c.as_os_str())),
                )
                .unwrap_or(&file.path)
                .to_path_buf(),
            row: span.row,
            ids: span.ids.clone(),
            kinds: row_kinds.clone(),
            review,
        });
    }
    Ok(report)
}

/// Replaces `root/source.txt` with `new_text` and marks the rows that need
/// review in their TOML files. Refuses (changing nothing) when the
/// catalogue does not match its current source, or a row is still marked.
pub fn update_source(root: &Path, new_text: &str) -> Result<UpdateReport, Vec<Diagnostic>> {
    let (catalog, problems) = read_catalog(root);
    if !problems.is_empty() {
        return Err(problems);
    }
    let still_marked: Vec<Diagnostic> = review_marks(&catalog);
    if !still_marked.is_empty() {
        return Err(still_marked);
    }
    let report = plan_update(&catalog, new_text)?;
    let mut by_file: BTreeMap<usize, Vec<(usize, &RowMark)>> = BTreeMap::new();
    for mark in &report.marks {
        let file = catalog
            .categories
            .iter()
            .position(|f| f.path.ends_with(&mark.file))
            .unwrap_or(0);
        by_file.entry(file).or_default().push((mark.row, mark));
    }
    for (file, marks) in by_file {
        let source = &catalog.categories[file];
        let mut text = source.text.clone();
        // From the last row up, so earlier offsets stay valid.
        let mut marks = marks;
        marks.sort_by_key(|(row, _)| std::cmp::Reverse(*row));
        for (row, mark) in marks {
            let start = source.value.row[row].l2.span().start;
            let Some(header) = text[..start].rfind("[[row]]") else {
                continue;
            };
            let line_end = text[header..]
                .find('\n')
                .map_or(text.len(), |n| header + n + 1);
            text.insert_str(line_end, &review_entry(&mark.review));
        }
        let path = root.join(
            source
                .path
                .strip_prefix(
                    source
                        .path
                        .components()
                        .next()
                        .map_or(Path::new(""), |c| Path::new(c.as_os_str())),
                )
                .unwrap_or(&source.path),
        );
        fs::write(&path, text)
            .map_err(|e| vec![Diagnostic::new(&path, 0, format!("cannot write: {e}"))])?;
    }
    let source_path = root.join("source.txt");
    fs::write(&source_path, new_text).map_err(|e| {
        vec![Diagnostic::new(
            &source_path,
            0,
            format!("cannot write: {e}"),
        )]
    })?;
    Ok(report)
}

/// A `review` entry as TOML: a literal multi-line string (the source never writes `'''`).
fn review_entry(review: &str) -> String {
    format!("review = '''\n{}'''\n", review.replace("'''", "’’’"))
}

/// Every row still marked `review`, as a problem.
pub fn review_marks(catalog: &CatalogSource) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for file in &catalog.categories {
        for row in &file.value.row {
            if let Some(review) = &row.review {
                let ids: Vec<String> = row
                    .leaves()
                    .iter()
                    .map(|(_, id)| id.get_ref().clone())
                    .collect();
                problems.push(file.error_at(
                    review,
                    format!(
                        "row `{}` is marked for review ({}); check it against source.txt, then delete `review`",
                        ids.join("`, `"),
                        review.get_ref().lines().next().unwrap_or("").trim()
                    ),
                ));
            }
        }
    }
    problems
}
