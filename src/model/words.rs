//! Words of a news text as the date and casualty readers see them: lower-cased runs of letters
//! or digits with their byte ranges, and the numbers those words can spell.
//!
//! Both [`super::date_helper`] and [`super::casualties`] read text this way; keeping the shared
//! vocabulary here lets each depend on it rather than on the other.

/// A run of letters or digits, lower-cased, with its byte range in the text.
pub(crate) struct Token {
    /// The word, lower case.
    pub(crate) word: String,
    /// First byte.
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
}

/// Split a text into tokens: maximal runs of alphanumeric characters, lower-cased.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let entry = current.get_or_insert_with(|| (i, String::new()));
            entry.1.extend(c.to_lowercase());
        } else if let Some((start, word)) = current.take() {
            tokens.push(Token {
                word,
                start,
                end: i,
            });
        }
    }
    if let Some((start, word)) = current {
        tokens.push(Token {
            word,
            start,
            end: text.len(),
        });
    }
    tokens
}

/// True when only spaces (and, if `punct`, full stops and commas) separate two tokens, so that
/// "Jan. 29, 2023" reads as one phrase but "January. 29" across sentences also does not matter.
pub(crate) fn joined(text: &str, a: &Token, b: &Token, punct: bool) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        gap.chars()
            .all(|c| c == ' ' || c == '\u{a0}' || (punct && (c == '.' || c == ',')))
            && gap.len() <= 4
    })
}

/// The words one to twenty (and "a dozen"'s "dozen"), or a plain number in digits.
pub fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(pos) = WORDS.iter().position(|w| *w == word) {
        return u32::try_from(pos + 1).ok();
    }
    if word == "dozen" {
        return Some(12);
    }
    if !word.is_empty() && word.len() <= 7 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    None
}

/// A plausible year: four digits from 1900 to 2100.
pub(crate) fn year_number(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..=2100).contains(y))
}
