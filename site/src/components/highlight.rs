//! Text with matched ranges marked: the pieces and windows that
//! result_items.rs writes as text nodes and `<mark>` elements (never as
//! HTML, so catalogue or query text can never be interpreted as markup).

/// Splits `text` into `(segment, is_match)` pieces by character ranges.
pub fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for &(start, end) in ranges {
        for flag in marked.iter_mut().take(end.min(chars.len())).skip(start) {
            *flag = true;
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some((segment, flag)) if *flag == m => segment.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

/// A window of `text` around its first marked range, at most `width` characters.
pub fn snippet(
    text: &str,
    ranges: &[(usize, usize)],
    width: usize,
) -> (String, Vec<(usize, usize)>) {
    let total = text.chars().count();
    let first = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let start = first
        .saturating_sub(width / 3)
        .min(total.saturating_sub(width));
    let end = (start + width).min(total);
    let mut piece: String = text.chars().skip(start).take(end - start).collect();
    let mut shift = 0;
    if start > 0 {
        piece.insert(0, '…');
        shift = 1;
    }
    if end < total {
        piece.push('…');
    }
    let moved = ranges
        .iter()
        .filter(|(s, e)| *e > start && *s < end)
        .map(|(s, e)| (s.max(&start) - start + shift, e.min(&end) - start + shift))
        .collect();
    (piece, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_ranges() {
        assert_eq!(
            segments("互联网医院", &[(3, 5)]),
            vec![("互联网".to_string(), false), ("医院".to_string(), true)]
        );
        assert_eq!(segments("ab", &[(0, 9)]), vec![("ab".to_string(), true)]);
        assert_eq!(segments("", &[(0, 1)]), Vec::<(String, bool)>::new());
    }

    #[test]
    fn snippet_keeps_the_match_visible() {
        let text = "适用于提供茶叶、咖啡、饮料等食品的在线销售服务，以及其他很长很长的说明文字。";
        let at = text.chars().position(|c| c == '茶').unwrap();
        let (piece, ranges) = snippet(text, &[(at, at + 2)], 12);
        let chars: Vec<char> = piece.chars().collect();
        let (s, e) = ranges[0];
        assert_eq!(chars[s..e].iter().collect::<String>(), "茶叶");
    }
}
