//! Casualty figures in claims, so conflicting reports can be set side by side.
//!
//! Sources disagree on death tolls; the analyst picks low / best / high knowingly only when the
//! figures are in front of them. [`casualty_figures`] finds numbers (digits, or the words one to
//! twenty) next to words of death ("killed", "dead", "bodies", "death toll", ...). Vague amounts
//! such as "dozens" are reported without a figure rather than guessed.

use super::words::{Token, joined, number_word, tokenize, year_number};

/// A casualty figure found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CasualtyFigure {
    /// The number, or `None` for a vague amount ("dozens", "hundreds").
    pub figure: Option<u32>,
    /// The phrase from the number to the word of death, as written ("six bodies", "death toll
    /// at eight", "more than 30 villagers were killed").
    pub phrase: String,
    /// Byte range of the phrase in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// Amounts too vague to be a figure.
fn is_vague(word: &str) -> bool {
    matches!(word, "dozens" | "scores" | "hundreds" | "thousands")
}

/// Words that say someone died. "toll" stands for "death toll".
fn is_death_word(word: &str) -> bool {
    matches!(
        word,
        "killed"
            | "killing"
            | "kills"
            | "dead"
            | "died"
            | "die"
            | "bodies"
            | "body"
            | "toll"
            | "casualties"
            | "deaths"
            | "fatalities"
            | "lives"
    )
}

/// Words that qualify a figure and belong in the phrase shown ("at least 14").
fn is_qualifier(word: &str) -> bool {
    matches!(
        word,
        "least" | "more" | "than" | "over" | "up" | "about" | "around" | "nearly" | "some" | "at"
    )
}

/// How far (in words) a number may stand from its word of death.
const WINDOW: usize = 6;

/// A number in the text: its value (or none if vague) and the tokens it spans.
struct Amount {
    figure: Option<u32>,
    first: usize,
    last: usize,
}

fn amounts(text: &str, tokens: &[Token]) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(tok) = tokens.get(i) {
        if is_vague(&tok.word) {
            out.push(Amount {
                figure: None,
                first: i,
                last: i,
            });
        } else if year_number(&tok.word).is_none()
            && let Some(mut value) = number_word(&tok.word)
        {
            // "1,200": digit groups split at the comma.
            let mut last = i;
            while let Some(next) = tokens.get(last + 1) {
                let gap = text.get(tokens.get(last).map_or(0, |t| t.end)..next.start);
                let group = next.word.len() == 3 && next.word.bytes().all(|b| b.is_ascii_digit());
                if gap == Some(",") && group && tok.word.bytes().all(|b| b.is_ascii_digit()) {
                    value = value
                        .saturating_mul(1000)
                        .saturating_add(number_word(&next.word).unwrap_or(0));
                    last += 1;
                } else {
                    break;
                }
            }
            out.push(Amount {
                figure: Some(value),
                first: i,
                last,
            });
            i = last;
        }
        i += 1;
    }
    out
}

/// Casualty figures in a text, in text order, each number used at most once.
pub fn casualty_figures(text: &str) -> Vec<CasualtyFigure> {
    let tokens = tokenize(text);
    let amounts = amounts(text, &tokens);
    let mut used = vec![false; amounts.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (amount index, death-word token index)
    for (k, tok) in tokens.iter().enumerate() {
        if !is_death_word(&tok.word) {
            continue;
        }
        // "toll" alone (a road toll) does not count; it needs "death" before it.
        if tok.word == "toll" && !(k > 0 && tokens.get(k - 1).is_some_and(|t| t.word == "death")) {
            continue;
        }
        let distance = |a: &Amount| {
            if a.last < k {
                k - a.last
            } else {
                a.first.saturating_sub(k)
            }
        };
        // The nearest unused amount within the window; before the word wins a tie ("six
        // bodies" rather than "bodies ... eight").
        let best = amounts
            .iter()
            .enumerate()
            .filter(|(n, a)| !used.get(*n).copied().unwrap_or(true) && distance(a) <= WINDOW)
            .min_by_key(|(_, a)| (distance(a), a.first > k));
        if let Some((n, _)) = best {
            if let Some(u) = used.get_mut(n) {
                *u = true;
            }
            pairs.push((n, k));
        }
    }
    pairs.sort_unstable();
    pairs
        .into_iter()
        .filter_map(|(n, k)| {
            let amount = amounts.get(n)?;
            let mut first = amount.first.min(k);
            let last = amount.last.max(k);
            // Take in "at least", "more than", ... before a number that leads the phrase.
            if first == amount.first {
                while first > 0
                    && let (Some(p), Some(t)) = (tokens.get(first - 1), tokens.get(first))
                    && is_qualifier(&p.word)
                    && joined(text, p, t, false)
                {
                    first -= 1;
                }
            }
            // "death toll": start at "death".
            if first == k && tokens.get(k).is_some_and(|t| t.word == "toll") && k > 0 {
                first = k - 1;
            }
            let start = tokens.get(first)?.start;
            let end = tokens.get(last)?.end;
            Some(CasualtyFigure {
                figure: amount.figure,
                phrase: text.get(start..end)?.to_owned(),
                start,
                end,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<(Option<u32>, String)> {
        casualty_figures(text)
            .into_iter()
            .map(|f| (f.figure, f.phrase))
            .collect()
    }

    #[test]
    fn numbers_before_and_after_the_word_of_death() {
        assert_eq!(
            figures("Rescuers recovered six bodies from the wreckage."),
            vec![(Some(6), "six bodies".to_owned())]
        );
        assert_eq!(
            figures("Officials put the death toll at eight."),
            vec![(Some(8), "death toll at eight".to_owned())]
        );
        assert_eq!(
            figures("At least 11 villagers were killed overnight."),
            vec![(Some(11), "At least 11 villagers were killed".to_owned())]
        );
        assert_eq!(
            figures("The blast killed 3 and wounded 11."),
            vec![(Some(3), "killed 3".to_owned())]
        );
        assert_eq!(
            figures("Some 1,200 deaths were recorded."),
            vec![(Some(1200), "Some 1,200 deaths".to_owned())]
        );
    }

    #[test]
    fn vague_amounts_are_noted_without_a_figure() {
        assert_eq!(
            figures("Dozens were killed."),
            vec![(None, "Dozens were killed".to_owned())]
        );
    }

    #[test]
    fn no_death_word_no_figure() {
        assert!(figures("The column had 30 lorries.").is_empty());
        assert!(figures("There were casualties, the group said.").is_empty());
        assert!(figures("The 2019 attack killed nobody.").is_empty());
        assert!(figures("Drivers paid a toll of 5 dinars.").is_empty());
    }
}
