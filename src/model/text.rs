//! Text rules shared by import, tagging and the article view: line endings, hashing, quote
//! context, word boundaries and whole-word search.

use sha2::{Digest, Sha256};

use super::offsets::{CharIdx, CharSpan, TextIndex};

/// How many chars of context a quote keeps on each side (W3C `TextQuoteSelector` prefix/suffix).
pub const QUOTE_CONTEXT_CHARS: usize = 32;

/// Turn CRLF and lone CR into LF. Done on import, before any offset exists.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower-case hex SHA-256 of the UTF-8 text, as stored in `text_sha256`.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write as _;
        write!(hex, "{byte:02x}").ok();
    }
    hex
}

/// The `exact`, `prefix` and `suffix` of a span: what the W3C calls a text quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The covered text.
    pub exact: String,
    /// Up to [`QUOTE_CONTEXT_CHARS`] chars before the span.
    pub prefix: String,
    /// Up to [`QUOTE_CONTEXT_CHARS`] chars after the span.
    pub suffix: String,
}

/// The quote of `span` in `text`, or `None` when the span does not lie on the text.
pub fn quote_of(text: &str, index: &TextIndex, span: CharSpan) -> Option<Quote> {
    let exact = index.slice(text, span)?.to_owned();
    let pre_start = CharIdx(span.start.0.saturating_sub(QUOTE_CONTEXT_CHARS));
    let post_end = CharIdx((span.end.0 + QUOTE_CONTEXT_CHARS).min(index.len_chars()));
    let prefix = index.slice(
        text,
        CharSpan {
            start: pre_start,
            end: span.start,
        },
    )?;
    let suffix = index.slice(
        text,
        CharSpan {
            start: span.end,
            end: post_end,
        },
    )?;
    Some(Quote {
        exact,
        prefix: prefix.to_owned(),
        suffix: suffix.to_owned(),
    })
}

/// How far the text around `span` agrees with a stored quote's context: the number of chars
/// just before `span` (read backwards) that equal the end of `prefix`, and the number just
/// after it that equal the start of `suffix`. Spans off the text count as no agreement.
pub fn context_runs(
    chars: &[char],
    span: CharSpan,
    prefix: &[char],
    suffix: &[char],
) -> (usize, usize) {
    let before = chars.get(..span.start.0).unwrap_or_default();
    let after = chars.get(span.end.0..).unwrap_or_default();
    let left = prefix
        .iter()
        .rev()
        .zip(before.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let right = suffix.iter().zip(after).take_while(|(a, b)| a == b).count();
    (left, right)
}

/// Where a quote lies in a text that may have changed: of every occurrence of `exact` in
/// `chars`, the one with the longest agreeing context (prefix run plus suffix run, see
/// [`context_runs`]); on a tie, the one starting nearest `near` (the position the quote was
/// expected at, if known), and then the first. `None` when `exact` is empty or absent.
///
/// This is the matcher of incident-file evidence and of W3C `TextQuoteSelector`s, which must
/// place a quote wherever it is. Re-anchoring after a text change ([`super::reanchor`]) asks
/// more (how sure the place is), so it scores with [`context_runs`] itself.
pub fn best_quote_match(
    chars: &[char],
    exact: &str,
    prefix: &str,
    suffix: &str,
    near: Option<usize>,
) -> Option<CharSpan> {
    let needle: Vec<char> = exact.chars().collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return None;
    }
    // Every place's agreement from three linear passes (the quote, the prefix read backwards,
    // the suffix), where comparing window by window cost the quote's length per place: a long
    // quote in a repetitive 200k-char text took half a minute.
    let at = common_prefix_lengths(&needle, chars);
    let starts: Vec<usize> = (0..=chars.len() - needle.len())
        .filter(|&i| at.get(i) == Some(&needle.len()))
        .collect();
    if starts.is_empty() {
        return None;
    }
    let reversed: Vec<char> = chars.iter().rev().copied().collect();
    let prefix_back: Vec<char> = prefix.chars().rev().collect();
    let suffix: Vec<char> = suffix.chars().collect();
    let before = common_prefix_lengths(&prefix_back, &reversed);
    let after = common_prefix_lengths(&suffix, chars);
    let mut best: Option<(usize, usize, CharSpan)> = None;
    for start in starts {
        let span = CharSpan::new(start, start + needle.len());
        // The char before `start` is at `len - start` in the reversed text.
        let left = match start {
            0 => 0,
            _ => before.get(chars.len() - start).copied().unwrap_or(0),
        };
        let right = after.get(span.end.0).copied().unwrap_or(0);
        let score = left + right;
        let distance = near.map_or(0, |n| n.abs_diff(start));
        // Strictly better only, so that a full tie keeps the earlier occurrence.
        let better = best.is_none_or(|(s, d, _)| score > s || (score == s && distance < d));
        if better {
            best = Some((score, distance, span));
        }
    }
    best.map(|(_, _, span)| span)
}

/// For each position `i` of `text`, how many chars from `i` on equal the start of `pattern`
/// (the Z-algorithm: linear in both lengths, whatever they repeat).
fn common_prefix_lengths(pattern: &[char], text: &[char]) -> Vec<usize> {
    let m = pattern.len();
    // z[i]: how many chars from i on equal the start of the pattern itself.
    let mut z = vec![0; m];
    if let Some(first) = z.first_mut() {
        *first = m;
    }
    let (mut l, mut r) = (0, 0);
    for i in 1..m {
        let mut k = if i < r { z[i - l].min(r - i) } else { 0 };
        while i + k < m && pattern[k] == pattern[i + k] {
            k += 1;
        }
        z[i] = k;
        if i + k > r {
            (l, r) = (i, i + k);
        }
    }
    let mut out = vec![0; text.len()];
    let (mut l, mut r) = (0, 0); // text[l..r] equals pattern[..r - l]
    for i in 0..text.len() {
        let mut k = if i < r {
            z.get(i - l).copied().unwrap_or(0).min(r - i)
        } else {
            0
        };
        if i + k >= r {
            while k < m && i + k < text.len() && pattern[k] == text[i + k] {
                k += 1;
            }
            if i + k > r {
                (l, r) = (i, i + k);
            }
        }
        out[i] = k;
    }
    out
}

/// True for chars that belong inside a word: letters, digits, combining marks, apostrophes and
/// hyphens between letters are handled by the callers.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '_' | '\u{200d}')
}

/// A rough but dependable test for combining marks (accents typed as a separate code point) and
/// emoji modifiers, which must never be separated from the char they modify.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x064B..=0x065F | 0x0670 | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF)
}

/// Chars a careless drag picks up at the edges of a selection and that never start or end a
/// mention: whitespace and most punctuation. Quotes are trimmed too, so a drag across
/// `“at least four drivers”` can keep or drop them depending on where it starts.
fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '—'
                | '–'
                | '-'
                | '/'
                | '…'
        )
}

/// True when the char at `i` belongs to a word: a word char, or an apostrophe, hyphen or
/// full stop joining two word chars (`Al-Qa’im`, `U.S.`, `don't`).
fn in_word(chars: &[char], i: usize) -> bool {
    match chars.get(i).copied() {
        Some(c) if is_word_char(c) => true,
        Some('\'' | '’' | '-' | '‐' | '.') => {
            i > 0
                && chars.get(i - 1).copied().is_some_and(is_word_char)
                && chars.get(i + 1).copied().is_some_and(is_word_char)
        }
        _ => false,
    }
}

/// Snap a selection outward to whole words and trim edge whitespace and punctuation.
///
/// This is the default behaviour of a mouse selection: a drag that starts in the middle of
/// "Husaybah" takes the whole word; a drag that catches the following comma and space drops them.
/// Returns `None` if nothing but punctuation or space was selected.
pub fn snap_to_words(chars: &[char], span: CharSpan) -> Option<CharSpan> {
    let len = chars.len();
    let mut start = span.start.0.min(len);
    let mut end = span.end.0.min(len);
    if start >= end {
        return None;
    }
    // Trim first, so that a drag that begins in the space before a word does not grow backwards.
    while start < end && chars.get(start).copied().is_some_and(is_trimmable) {
        start += 1;
    }
    while end > start && chars.get(end - 1).copied().is_some_and(is_trimmable) {
        end -= 1;
    }
    if start >= end {
        return None;
    }
    // Grow outward to the word edges.
    while start > 0 && in_word(chars, start - 1) {
        start -= 1;
    }
    while end < len && in_word(chars, end) {
        end += 1;
    }
    Some(CharSpan::new(start, end))
}

/// The word around char `at` (for double-click), or `None` when `at` is not in a word.
pub fn word_at(chars: &[char], at: CharIdx) -> Option<CharSpan> {
    let at = at.0;
    if !in_word(chars, at) {
        return None;
    }
    let mut start = at;
    let mut end = at + 1;
    while start > 0 && in_word(chars, start - 1) {
        start -= 1;
    }
    while end < chars.len() && in_word(chars, end) {
        end += 1;
    }
    Some(CharSpan::new(start, end))
}

/// The sentence around char `at` (for triple-click): from after the previous sentence end or
/// paragraph break to the next sentence end, trimmed of surrounding space.
pub fn sentence_at(chars: &[char], at: CharIdx) -> Option<CharSpan> {
    let len = chars.len();
    let at = at.0.min(len.saturating_sub(1));
    if len == 0 {
        return None;
    }
    let is_end = |i: usize| -> bool {
        match chars.get(i) {
            Some('\n') => true,
            Some('.' | '!' | '?') => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
            _ => false,
        }
    };
    let mut start = at;
    while start > 0 && !is_end(start - 1) {
        start -= 1;
    }
    let mut end = at;
    while end < len && !is_end(end) {
        end += 1;
    }
    if end < len && chars.get(end) != Some(&'\n') {
        end += 1; // keep the full stop
    }
    while start < end && chars.get(start).is_some_and(|c| c.is_whitespace()) {
        start += 1;
    }
    while end > start && chars.get(end - 1).is_some_and(|c| c.is_whitespace()) {
        end -= 1;
    }
    (start < end).then(|| CharSpan::new(start, end))
}

/// An id made from a name the analyst typed: its words in lower case joined by `_`
/// ("Retaliated against" → `retaliated_against`); empty when the name has no letter or digit.
pub fn id_from_name(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

/// Fold a char for case- and apostrophe-insensitive matching: lower case, and curly apostrophes
/// to straight ones. Returns one char so offsets stay one-to-one with the text.
pub fn fold_char(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        // The common case, without the Unicode tables.
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c, // multi-char lowercase (e.g. 'İ'): keep as is to stay one-to-one
            }
        }
    }
}

/// A string with every char folded by [`fold_char`], for case- and apostrophe-blind filters.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Every whole-word occurrence of `needle` in `chars`, as char spans, left to right and not
/// overlapping. With `fold`, comparison ignores case and straight/curly apostrophes.
pub fn find_whole_words(chars: &[char], needle: &str, fold: bool) -> Vec<CharSpan> {
    find_spans(chars, needle, fold, true)
}

/// Every occurrence of `needle` in `chars`, whole words or not, ignoring case and
/// straight/curly apostrophes (the find bar's search), left to right and not overlapping.
pub fn find_folded(chars: &[char], needle: &str) -> Vec<CharSpan> {
    find_spans(chars, needle, true, false)
}

fn find_spans(chars: &[char], needle: &str, fold: bool, whole_words: bool) -> Vec<CharSpan> {
    let needle: Vec<char> = if fold {
        needle.chars().map(fold_char).collect()
    } else {
        needle.chars().collect()
    };
    let n = needle.len();
    let mut found = Vec::new();
    if n == 0 || n > chars.len() {
        return found;
    }
    let first_is_word = whole_words && needle.first().copied().is_some_and(is_word_char);
    let last_is_word = whole_words && needle.last().copied().is_some_and(is_word_char);
    let mut i = 0;
    while i + n <= chars.len() {
        let matches = chars[i..i + n]
            .iter()
            .zip(&needle)
            .all(|(&c, &m)| if fold { fold_char(c) == m } else { c == m });
        if matches {
            let left_ok =
                !first_is_word || i == 0 || !chars.get(i - 1).copied().is_some_and(is_word_char);
            let right_ok = !last_is_word || !chars.get(i + n).copied().is_some_and(is_word_char);
            if left_ok && right_ok {
                found.push(CharSpan::new(i, i + n));
                i += n;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn ids_from_names_join_lower_case_words() {
        assert_eq!(id_from_name("Retaliated against"), "retaliated_against");
        assert_eq!(id_from_name("  Relevant? (yes/no) "), "relevant_yes_no");
        assert_eq!(id_from_name("Ответ"), "ответ");
        assert_eq!(id_from_name(" - "), "");
    }

    #[test]
    fn the_context_picks_the_occurrence() {
        let text = chars("Shelling hit Ariha. Later, Ariha was quiet and Ariha's market opened.");
        let second = best_quote_match(&text, "Ariha", "Later, ", " was quiet", None);
        assert_eq!(second, Some(CharSpan::new(27, 32)));
        // Without context, the occurrence nearest the expected position, else the first.
        let near = best_quote_match(&text, "Ariha", "", "", Some(45));
        assert_eq!(near, Some(CharSpan::new(47, 52)));
        let first = best_quote_match(&text, "Ariha", "", "", None);
        assert_eq!(first, Some(CharSpan::new(13, 18)));
        // Equally near on both sides: the first.
        let tie = best_quote_match(&chars("b b"), "b", "", "", Some(1));
        assert_eq!(tie, Some(CharSpan::new(0, 1)));
        assert_eq!(best_quote_match(&text, "Idlib", "", "", None), None);
        assert_eq!(best_quote_match(&text, "", "", "", None), None);
    }

    /// The window-by-window matcher `best_quote_match` was before, as a reference.
    fn windowed_quote_match(
        chars: &[char],
        exact: &str,
        prefix: &str,
        suffix: &str,
        near: Option<usize>,
    ) -> Option<CharSpan> {
        let needle: Vec<char> = exact.chars().collect();
        if needle.is_empty() || needle.len() > chars.len() {
            return None;
        }
        let prefix: Vec<char> = prefix.chars().collect();
        let suffix: Vec<char> = suffix.chars().collect();
        let mut best: Option<(usize, usize, CharSpan)> = None;
        for (start, window) in chars.windows(needle.len()).enumerate() {
            if window != needle.as_slice() {
                continue;
            }
            let span = CharSpan::new(start, start + needle.len());
            let (left, right) = context_runs(chars, span, &prefix, &suffix);
            let distance = near.map_or(0, |n| n.abs_diff(start));
            let score = left + right;
            if best.is_none_or(|(s, d, _)| score > s || (score == s && distance < d)) {
                best = Some((score, distance, span));
            }
        }
        best.map(|(_, _, span)| span)
    }

    #[test]
    fn quote_matching_answers_as_comparing_every_window() {
        let mut seed = 11u64;
        let mut pick = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        let alphabet = ['a', 'b', 'é'];
        for round in 0..600 {
            let len = 1 + round % 30;
            let text: Vec<char> = (0..len).map(|_| alphabet[pick(3)]).collect();
            let word = |pick: &mut dyn FnMut(usize) -> usize, n: usize| -> String {
                (0..n).map(|_| alphabet[pick(3)]).collect()
            };
            let exact = word(&mut pick, 1 + round % 4);
            let prefix = word(&mut pick, round % 5);
            let suffix = word(&mut pick, round % 3);
            let near = (round % 2 == 0).then(|| pick(len + 3));
            assert_eq!(
                best_quote_match(&text, &exact, &prefix, &suffix, near),
                windowed_quote_match(&text, &exact, &prefix, &suffix, near),
                "{exact:?} in {text:?}, {prefix:?} / {suffix:?}, near {near:?}"
            );
        }
    }

    #[test]
    fn context_runs_count_agreeing_chars_on_each_side() {
        let text = chars("one two three");
        let span = CharSpan::new(4, 7);
        assert_eq!(
            context_runs(&text, span, &chars("xne "), &chars(" thX")),
            (3, 3)
        );
        assert_eq!(context_runs(&text, span, &[], &[]), (0, 0));
        assert_eq!(
            context_runs(&text, CharSpan::new(40, 50), &chars("a"), &chars("b")),
            (0, 0)
        );
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn snapping_grows_to_words_and_trims_punctuation() {
        let c = chars("near Abu Kamal, said");
        // "u Kamal, " (from inside "Abu" to after the comma and space)
        assert_eq!(
            snap_to_words(&c, CharSpan::new(7, 16)),
            Some(CharSpan::new(5, 14))
        );
        assert_eq!(snap_to_words(&c, CharSpan::new(14, 16)), None);
        let c = chars("west of Al-Qa’im late");
        assert_eq!(
            snap_to_words(&c, CharSpan::new(14, 16)),
            Some(CharSpan::new(8, 16))
        );
        assert_eq!(word_at(&c, CharIdx(15)), Some(CharSpan::new(8, 16)));
    }

    #[test]
    fn whole_words_fold_case_and_apostrophes() {
        let c = chars("😀 Al-Qa’im and al-qa'im, not Al-Qa'imi");
        let found = find_whole_words(&c, "Al-Qa'im", true);
        assert_eq!(found, vec![CharSpan::new(2, 10), CharSpan::new(15, 23)]);
        assert!(find_whole_words(&c, "Al-Qa'im", false).is_empty());
    }

    #[test]
    fn find_folded_matches_inside_words_too() {
        let c = chars("😀 QA’IM crossing, qa'imi");
        assert_eq!(
            find_folded(&c, "qa'im"),
            vec![CharSpan::new(2, 7), CharSpan::new(18, 23)]
        );
        assert_eq!(
            find_whole_words(&c, "qa'im", true),
            vec![CharSpan::new(2, 7)]
        );
    }

    #[test]
    fn sentence_and_word_at() {
        let c = chars("First one. Second one here. Third");
        assert_eq!(sentence_at(&c, CharIdx(13)), Some(CharSpan::new(11, 27)));
        assert_eq!(word_at(&c, CharIdx(13)), Some(CharSpan::new(11, 17)));
        assert_eq!(word_at(&c, CharIdx(10)), None);
    }
}
