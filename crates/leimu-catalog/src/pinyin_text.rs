//! Pinyin of catalogue text, computed at build time.
//!
//! The browser never sees a pinyin dictionary: the compiled catalogue carries
//! the readings of exactly the Han characters its searchable text uses
//! (about 1,200), and the engine rebuilds each text's pinyin from that table.
//! A character with several readings keeps up to three of them, `|`-separated,
//! so that 银行 matches `yinhang` although 行 is read `xing` more often.

use std::collections::BTreeMap;

use pinyin::ToPinyinMulti;

/// At most this many readings per character: enough for the polyphones that
/// matter here (行, 长, 重, 乐) without shipping every rare reading.
const MAX_READINGS: usize = 3;

/// The toneless readings of a Han character, `|`-separated; `None` for anything else.
pub fn readings(c: char) -> Option<String> {
    let mut plain: Vec<&str> = Vec::new();
    for reading in c.to_pinyin_multi()? {
        let p = reading.plain();
        if !plain.contains(&p) && plain.len() < MAX_READINGS {
            plain.push(p);
        }
    }
    (!plain.is_empty()).then(|| plain.join("|"))
}

/// The readings of every Han character in the given texts.
pub fn pinyin_table<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut table = BTreeMap::new();
    for text in texts {
        for c in text.chars() {
            if let Some(r) = readings(c) {
                table.entry(c.to_string()).or_insert(r);
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_characters() {
        assert_eq!(readings('物').as_deref(), Some("wu"));
        assert!(readings('行').unwrap().split('|').any(|r| r == "hang"));
        assert_eq!(readings('A'), None);
        assert_eq!(readings('，'), None);
        let table = pinyin_table(["物流", "AI问答"]);
        assert_eq!(
            table.keys().map(String::as_str).collect::<Vec<_>>(),
            ["流", "物", "答", "问"]
        );
    }
}
