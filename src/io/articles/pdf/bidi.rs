//! Right-to-left lines (Arabic, Hebrew, Syriac, Thaana). PDF writers place glyphs in visual
//! order, left to right as they are seen, so read left to right a right-to-left line comes
//! out backwards. A line whose letters are mostly right-to-left is turned back into logical
//! order the way a bidi display would have laid it out: everything reversed, then each
//! left-to-right stretch (numbers, Latin words) put back the right way round, and brackets
//! outside those stretches mirrored. Arabic presentation forms (the shaped glyphs some fonts
//! map to) become the plain letters, so the text can be searched.

use unicode_normalization::UnicodeNormalization as _;

/// A piece's direction: its strong letters, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Holds a right-to-left letter.
    Rtl,
    /// Holds a left-to-right letter or a digit.
    Ltr,
    /// Spaces and punctuation.
    Neutral,
}

fn is_rtl_char(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

fn class(unit: &str) -> Class {
    if unit.chars().any(is_rtl_char) {
        Class::Rtl
    } else if unit.chars().any(char::is_alphanumeric) {
        Class::Ltr
    } else {
        Class::Neutral
    }
}

/// True when more of the pieces are right-to-left than left-to-right.
pub fn is_rtl(units: &[String]) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for unit in units {
        match class(unit) {
            Class::Rtl => rtl += 1,
            Class::Ltr => ltr += 1,
            Class::Neutral => {}
        }
    }
    rtl > ltr
}

/// The text of a line's pieces (each one glyph's text, or a space), left to right as drawn.
pub fn line_text(units: &[String], rtl: bool) -> String {
    if !rtl {
        return units.iter().map(|u| plain_letters(u)).collect();
    }
    let mut units: Vec<&String> = units.iter().rev().collect();
    // Which pieces are inside a left-to-right stretch (kept as drawn, not mirrored).
    let mut kept = vec![false; units.len()];
    let mut i = 0;
    while i < units.len() {
        if class(units[i]) != Class::Ltr {
            i += 1;
            continue;
        }
        // The stretch runs to the last left-to-right piece before the next right-to-left one.
        let mut end = i;
        for (j, unit) in units.iter().enumerate().skip(i + 1) {
            match class(unit) {
                Class::Rtl => break,
                Class::Ltr => end = j,
                Class::Neutral => {}
            }
        }
        units[i..=end].reverse();
        kept[i..=end].fill(true);
        i = end + 1;
    }
    units
        .iter()
        .zip(kept)
        .map(|(unit, kept)| {
            let unit = plain_letters(unit);
            if kept {
                unit
            } else {
                unit.chars().map(mirror).collect()
            }
        })
        .collect()
}

/// Arabic presentation forms as the letters they shape; anything else as it is.
fn plain_letters(unit: &str) -> String {
    if unit
        .chars()
        .any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
    {
        unit.nfkc().collect()
    } else {
        unit.to_owned()
    }
}

/// The bracket a right-to-left display shows for `c`.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(visual: &str) -> Vec<String> {
        visual.chars().map(String::from).collect()
    }

    #[test]
    fn arabic_comes_back_in_reading_order_with_numbers_and_latin_kept() {
        // "قتل 12 شخصا في حلب (UN)" as a PDF draws it, left to right.
        let drawn = units("(UN) بلح يف اصخش 12 لتق");
        assert!(is_rtl(&drawn));
        assert_eq!(line_text(&drawn, true), "قتل 12 شخصا في حلب (UN)");
    }

    #[test]
    fn presentation_forms_become_letters_and_ltr_lines_stay() {
        // ﻼ is the lam-alef ligature, ﺑ the initial beh.
        assert_eq!(line_text(&units("ﻼﺑ"), true), "بلا");
        let latin = units("Kyiv (2024)");
        assert!(!is_rtl(&latin));
        assert_eq!(line_text(&latin, false), "Kyiv (2024)");
    }
}
