//! Pinyin of catalogue text, computed at build time.
//!
//! The browser never sees a pinyin dictionary: each searchable text ships
//! with one token per character (see `leimu_engine::model::Pinyin`). A Han
//! character with several readings keeps up to three of them, `|`-separated,
//! so that 银行 matches `yinhang` although 行 is read `xing` more often.

use leimu_engine::model::Pinyin;
use pinyin::ToPinyinMulti;

/// At most this many readings per character: enough for the polyphones that
/// matter here (行, 长, 重, 乐) without shipping every rare reading.
const MAX_READINGS: usize = 3;

/// The pinyin tokens of a text, one per character.
pub fn pinyin_of(text: &str) -> Pinyin {
    let tokens: Vec<String> = text.chars().map(token_of).collect();
    Pinyin(tokens.join(" "))
}

fn token_of(c: char) -> String {
    if let Some(readings) = c.to_pinyin_multi() {
        let mut plain: Vec<&str> = Vec::new();
        for reading in readings {
            let p = reading.plain();
            if !plain.contains(&p) && plain.len() < MAX_READINGS {
                plain.push(p);
            }
        }
        if !plain.is_empty() {
            return plain.join("|");
        }
    }
    let folded = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if folded.is_ascii_alphanumeric() {
        folded.to_ascii_lowercase().to_string()
    } else {
        "_".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_token_per_character() {
        assert_eq!(pinyin_of("物流").0, "wu liu");
        assert_eq!(pinyin_of("AI问答，").0, "a i wen da _");
        assert!(
            pinyin_of("银行")
                .0
                .split(' ')
                .nth(1)
                .unwrap()
                .split('|')
                .any(|r| r == "hang")
        );
        let text = "适用于快递行业（寄件）";
        assert_eq!(pinyin_of(text).0.split(' ').count(), text.chars().count());
    }
}
