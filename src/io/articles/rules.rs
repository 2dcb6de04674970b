//! The text rules every import shares: the `date YYYY-MM-DD` header, the title line of plain
//! text, the fallback title from the first sentence, and trimming.

use chrono::NaiveDate;

/// A title made from the first sentence is cut at a word boundary at or before this many chars.
pub const TITLE_MAX_CHARS: usize = 80;

/// A first line longer than this is body text, not a headline.
const TITLE_LINE_MAX_CHARS: usize = 150;

/// Remove a leading `date YYYY-MM-DD` header and return the date with the rest of the text.
///
/// The header may be preceded by whitespace, wrapped in Markdown emphasis (`*date 2024-05-02*`,
/// `**…**`, `_…_`), written `date:` or `Date`, and may stand on its own line or run straight
/// into the first sentence (`date 2024-03-11 Two aircraft…`). Whitespace after the header goes
/// with it. The returned text is a suffix of the input, so nothing in it moves. Text without
/// a valid header comes back unchanged.
pub fn strip_date_header(text: &str) -> (Option<NaiveDate>, &str) {
    match parse_date_header(text) {
        Some((date, rest)) => (Some(date), rest.trim_start()),
        None => (None, text),
    }
}

fn parse_date_header(text: &str) -> Option<(NaiveDate, &str)> {
    let rest = text.trim_start();
    // Emphasis markers, remembered so the same markers must close the header.
    let marker_len = rest
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    if marker_len > 2 {
        return None;
    }
    let (marker, rest) = rest.split_at(marker_len);
    let keyword = rest.get(..4)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = rest.get(4..)?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let after_space = rest.trim_start_matches([' ', '\t']);
    if after_space.len() == rest.len() {
        return None; // `dated`, `date2024…`: not a header
    }
    let (date_str, rest) = (after_space.get(..10)?, after_space.get(10..)?);
    let date = parse_iso_date(date_str)?;
    let rest = rest.strip_prefix(marker)?;
    // The header must end at a word boundary: `date 2024-03-11x` is not one.
    match rest.chars().next() {
        None => Some((date, rest)),
        Some(c) if c.is_whitespace() => Some((date, rest)),
        Some(_) => None,
    }
}

/// Parse exactly `YYYY-MM-DD` (chrono alone would also take `2024-3-1`-like variants).
fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Split off a headline standing alone on the first line of plain text: a short line with no
/// final full stop (or comma, colon, semicolon), followed by a blank line and more text.
/// Returns the title and the text after it; or no title and the text unchanged.
pub fn split_title_line(text: &str) -> (Option<String>, &str) {
    let text_start = text.trim_start_matches('\n');
    let Some((first, rest)) = text_start.split_once('\n') else {
        return (None, text);
    };
    let line = first.trim();
    let followed_by_blank = rest
        .split_once('\n')
        .is_some_and(|(next_line, after)| next_line.trim().is_empty() && !after.trim().is_empty());
    let looks_like_headline = !line.is_empty()
        && line.chars().count() <= TITLE_LINE_MAX_CHARS
        && !line.ends_with(['.', ',', ':', ';']);
    if followed_by_blank && looks_like_headline {
        (Some(line.to_owned()), rest)
    } else {
        (None, text)
    }
}

/// Drop blank lines (and stray whitespace) at both ends.
pub fn trim_blank_lines(text: &str) -> &str {
    text.trim()
}

/// A title from the text itself: its first sentence (or first line, if that ends sooner),
/// without the final full stop, cut at a word boundary near [`TITLE_MAX_CHARS`] with "…".
pub fn title_from_text(text: &str) -> String {
    let first_line = text.trim().lines().next().unwrap_or_default();
    let sentence = first_sentence(first_line).trim();
    let sentence = sentence.strip_suffix('.').unwrap_or(sentence);
    if sentence.chars().count() <= TITLE_MAX_CHARS {
        return sentence.to_owned();
    }
    // Byte offset just past the last allowed char; `sentence` is longer, so it exists.
    let limit = sentence
        .char_indices()
        .nth(TITLE_MAX_CHARS)
        .map_or(sentence.len(), |(byte, _)| byte);
    let head = &sentence[..limit];
    // Cut at the last space, unless that would leave almost nothing (one giant word).
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space >= limit / 2 => &head[..space],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')
    });
    format!("{cut}…")
}

/// The text up to and including the first `.`, `!` or `?` that is followed by whitespace or
/// the end.
fn first_sentence(line: &str) -> &str {
    let mut chars = line.char_indices().peekable();
    while let Some((byte, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') {
            let at_end = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
            if at_end {
                return &line[..byte + c.len_utf8()];
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn inline_header_is_removed() {
        assert_eq!(
            strip_date_header("date 2024-03-11 Two aircraft struck"),
            (date(2024, 3, 11), "Two aircraft struck")
        );
    }

    #[test]
    fn header_variants() {
        assert_eq!(
            strip_date_header("\n  date 2024-02-05\nText"),
            (date(2024, 2, 5), "Text")
        );
        assert_eq!(
            strip_date_header("*date 2024-05-02*\n\nText"),
            (date(2024, 5, 2), "Text")
        );
        assert_eq!(
            strip_date_header("**Date: 2024-05-02**\nText"),
            (date(2024, 5, 2), "Text")
        );
        assert_eq!(strip_date_header("date 2024-05-02"), (date(2024, 5, 2), ""));
    }

    #[test]
    fn non_headers_are_left_alone() {
        for text in [
            "dated 2024-03-11 text",
            "date 2024-13-11 text",
            "date 2024-3-11 text",
            "date 2024-03-11x text",
            "*date 2024-03-11 text",
            "The date 2024-03-11 text",
            "date",
            "",
        ] {
            assert_eq!(strip_date_header(text), (None, text), "{text:?}");
        }
    }

    #[test]
    fn headline_line_needs_a_blank_line_after_it() {
        assert_eq!(
            split_title_line("Market blast kills shoppers\n\nAn explosive device…"),
            (
                Some("Market blast kills shoppers".to_owned()),
                "\nAn explosive device…"
            )
        );
        let sentence = "A full sentence.\n\nMore.";
        assert_eq!(split_title_line(sentence), (None, sentence));
        let no_gap = "Headline\nText follows.";
        assert_eq!(split_title_line(no_gap), (None, no_gap));
        let alone = "Headline\n\n";
        assert_eq!(split_title_line(alone), (None, alone));
    }

    #[test]
    fn short_first_sentence_is_the_title() {
        assert_eq!(
            title_from_text("Troops moved in. Then more."),
            "Troops moved in"
        );
        assert_eq!(
            title_from_text("Was it 3.5 km away? Yes."),
            "Was it 3.5 km away?"
        );
    }

    #[test]
    fn long_sentence_is_cut_at_a_word() {
        let text = "Two aircraft struck a fuel convoy on the highway west of Al-Qa’im late on Saturday, according to officials.";
        let title = title_from_text(text);
        assert_eq!(
            title,
            "Two aircraft struck a fuel convoy on the highway west of Al-Qa’im late on…"
        );
        assert!(title.chars().count() <= TITLE_MAX_CHARS + 1);
    }

    #[test]
    fn one_giant_word_is_cut_hard() {
        let text = "x".repeat(200);
        assert_eq!(title_from_text(&text), format!("{}…", "x".repeat(80)));
    }
}
