//! Suggest an incident's date from an article's publication date and the words of its evidence.
//!
//! News reports date events relative to publication ("Sunday night", "yesterday", "last month").
//! [`suggest_date`] finds such phrases, turns them into a date with a precision, and says how it
//! got there, so the analyst can accept the suggestion knowingly or correct it.
//!
//! Rules, in the words the reasoning uses:
//! - a weekday ("on Sunday", "Sunday night", "late on Saturday") is the most recent such day
//!   before publication; the publication's own weekday ("on Monday" in a Monday article) is the
//!   publication day itself, and "last Monday" in a Monday article is the week before. A weekday
//!   after "next" or "coming" points to the future and is ignored;
//! - "yesterday", "last night", "overnight" are the day before publication; "today", "tonight",
//!   "this morning/afternoon/evening" the publication day; "N days ago" counts back;
//! - a day and month without a year ("on Jan. 29", "29 January") is the nearest such date on or
//!   before publication; with a year, or as an ISO date, it is taken as written;
//! - "last week", "this week" give the Monday of that week, precision week; "last month",
//!   "earlier this month", "in January" give the first of the month, precision month; "in 2019",
//!   "last year" give the 1st of January, precision year.
//!
//! When several phrases match, the most specific wins: an explicit date, then a day worked out
//! from relative words, then a week, a month and a year; among equals, the first in the text.

use chrono::{Datelike as _, Days, Months, NaiveDate, Weekday};

use super::DatePrecision;
use super::words::{Token, joined, number_word, tokenize, year_number};

/// A suggested incident date and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateSuggestion {
    /// The date (for coarser precisions, the first day of the week, month or year).
    pub date: NaiveDate,
    /// How exactly the phrase pins the date down.
    pub precision: DatePrecision,
    /// The reasoning to show, e.g. "“Sunday night”: the Sunday before Mon 2023-01-30 →
    /// 2023-01-29".
    pub reasoning: String,
    /// The phrase as it stands in the text.
    pub matched_text: String,
}

/// How specific a kind of phrase is; lower wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Specificity {
    /// An ISO date or a day, month and year.
    ExplicitDay,
    /// A day and month whose year comes from publication.
    DayMonth,
    /// A weekday or "yesterday" and the like.
    RelativeDay,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// Suggest a date for an event described in `text`, published on `published` (needed for every
/// relative phrase; explicit dates work without it). `None` when no phrase is recognised.
pub fn suggest_date(published: Option<NaiveDate>, text: &str) -> Option<DateSuggestion> {
    suggest_ranked(published, text).map(|(_, s)| s)
}

/// Like [`suggest_date`], also returning how specific the phrase was, so that suggestions from
/// several texts can be compared.
pub(crate) fn suggest_ranked(
    published: Option<NaiveDate>,
    text: &str,
) -> Option<(Specificity, DateSuggestion)> {
    let tokens = tokenize(text);
    let mut found: Vec<Candidate> = Vec::new();
    iso_dates(text, &mut found);
    for i in 0..tokens.len() {
        day_month(text, &tokens, i, published, &mut found);
        if let Some(published) = published {
            weekday(text, &tokens, i, published, &mut found);
            relative_words(text, &tokens, i, published, &mut found);
        }
        month_or_year(text, &tokens, i, published, &mut found);
    }
    let best = found
        .into_iter()
        .min_by_key(|c| (c.rank, c.start, std::cmp::Reverse(c.end)))?;
    let matched = text
        .get(best.start..best.end)
        .unwrap_or_default()
        .to_owned();
    let result = match best.precision {
        DatePrecision::Day => best.date.format("%Y-%m-%d").to_string(),
        DatePrecision::Week => format!("the week of {}", day_name(best.date)),
        DatePrecision::Month => best.date.format("%B %Y").to_string(),
        DatePrecision::Year => best.date.format("%Y").to_string(),
    };
    let reasoning = format!("“{matched}”: {} → {result}", best.why);
    Some((
        best.rank,
        DateSuggestion {
            date: best.date,
            precision: best.precision,
            reasoning,
            matched_text: matched,
        },
    ))
}

/// A phrase found, before the best one is chosen.
struct Candidate {
    date: NaiveDate,
    precision: DatePrecision,
    rank: Specificity,
    /// Byte range of the phrase in the text.
    start: usize,
    end: usize,
    /// The explanation between the quote and the arrow.
    why: String,
}

/// "Mon 2023-01-30": the form every reasoning uses for a day.
fn day_name(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// The token at `i` if it is the word `w` and directly precedes token `next`.
fn word_before(text: &str, tokens: &[Token], i: usize, next: usize, w: &str) -> bool {
    match (tokens.get(i), tokens.get(next)) {
        (Some(t), Some(n)) => t.word == w && joined(text, t, n, false),
        _ => false,
    }
}

/// True when the token starts with an upper-case letter in the text.
fn is_capitalised(text: &str, tok: &Token) -> bool {
    text.get(tok.start..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_uppercase)
}

fn month_number(word: &str) -> Option<u32> {
    let m = match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// A day of the month: "29", "29th", "1st".
fn day_number(word: &str) -> Option<u32> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(digits_end);
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `yyyy-mm-dd` not glued to other digits.
fn iso_dates(text: &str, found: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    for start in 0..bytes.len() {
        let shape = (0..10).all(|k| match k {
            4 | 7 => bytes.get(start + k) == Some(&b'-'),
            _ => digit(start + k),
        });
        if !shape || (start > 0 && digit(start - 1)) || digit(start + 10) {
            continue;
        }
        let Some(date) = text
            .get(start..start + 10)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        else {
            continue;
        };
        found.push(Candidate {
            date,
            precision: DatePrecision::Day,
            rank: Specificity::ExplicitDay,
            start,
            end: start + 10,
            why: "a date given in full".to_owned(),
        });
    }
}

/// "Jan. 29", "January 29th, 2023", "29 January", "29 Jan 2023", with an optional "on" before.
fn day_month(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<NaiveDate>,
    found: &mut Vec<Candidate>,
) {
    let (Some(a), Some(b)) = (tokens.get(i), tokens.get(i + 1)) else {
        return;
    };
    if !joined(text, a, b, true) {
        return;
    }
    let (month, day) = match (month_number(&a.word), day_number(&b.word)) {
        (Some(m), Some(d)) => (m, d),
        _ => match (day_number(&a.word), month_number(&b.word)) {
            (Some(d), Some(m)) => (m, d),
            _ => return,
        },
    };
    // "may" is mostly a verb: the month is only taken when written with a capital.
    let month_tok = if month_number(&a.word).is_some() {
        a
    } else {
        b
    };
    if month_tok.word == "may" && !is_capitalised(text, month_tok) {
        return;
    }
    let mut start = a.start;
    if i > 0 && word_before(text, tokens, i - 1, i, "on") {
        start = tokens.get(i - 1).map_or(start, |t| t.start);
    }
    let year = tokens
        .get(i + 2)
        .filter(|y| joined(text, b, y, true))
        .and_then(|y| year_number(&y.word).map(|n| (n, y.end)));
    match (year, published) {
        (Some((year, end)), _) => {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                found.push(Candidate {
                    date,
                    precision: DatePrecision::Day,
                    rank: Specificity::ExplicitDay,
                    start,
                    end,
                    why: "a date given in full".to_owned(),
                });
            }
        }
        (None, Some(published)) => {
            let this_year = NaiveDate::from_ymd_opt(published.year(), month, day);
            let date = match this_year {
                Some(d) if d <= published => Some(d),
                _ => NaiveDate::from_ymd_opt(published.year() - 1, month, day),
            };
            if let Some(date) = date {
                found.push(Candidate {
                    date,
                    precision: DatePrecision::Day,
                    rank: Specificity::DayMonth,
                    start,
                    end: b.end,
                    why: format!(
                        "the nearest {} on or before {}",
                        date.format("%B %-d"),
                        day_name(published)
                    ),
                });
            }
        }
        (None, None) => {}
    }
}

/// "on Sunday", "Sunday night", "late on Saturday", "last Monday", "on Monday morning".
fn weekday(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: NaiveDate,
    found: &mut Vec<Candidate>,
) {
    let Some(tok) = tokens.get(i) else { return };
    let Some(wd) = weekday_of(&tok.word) else {
        return;
    };
    // Walk back over the words that belong to the phrase: "late on", "early on", "on", "last".
    let mut start_tok = i;
    let mut last = false;
    while start_tok > 0 {
        let prev = start_tok - 1;
        let Some(p) = tokens.get(prev) else { break };
        let follows = tokens
            .get(start_tok)
            .is_some_and(|t| joined(text, p, t, false));
        if !follows {
            break;
        }
        match p.word.as_str() {
            "next" | "coming" => return,
            "last" | "past" => last = true,
            "on" | "late" | "early" | "since" => {}
            _ => break,
        }
        start_tok = prev;
    }
    let mut end = tok.end;
    if let Some(n) = tokens.get(i + 1)
        && joined(text, tok, n, false)
        && matches!(
            n.word.as_str(),
            "night" | "morning" | "afternoon" | "evening"
        )
    {
        end = n.end;
    }
    let back = (published.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let (back, why) = match (back, last) {
        (0, false) => (
            0,
            format!("the day of publication, {}", day_name(published)),
        ),
        (0, true) => (
            7,
            format!(
                "the {} a week before {}",
                weekday_name(wd),
                day_name(published)
            ),
        ),
        (n, _) => (
            n,
            format!("the {} before {}", weekday_name(wd), day_name(published)),
        ),
    };
    if let Some(date) = published.checked_sub_days(Days::new(u64::from(back))) {
        found.push(Candidate {
            date,
            precision: DatePrecision::Day,
            rank: Specificity::RelativeDay,
            start: tokens.get(start_tok).map_or(tok.start, |t| t.start),
            end,
            why,
        });
    }
}

/// "yesterday", "today", "last night", "this morning", "N days ago", "last week", "this week",
/// "last month", "earlier this month", "last year", "this year".
fn relative_words(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: NaiveDate,
    found: &mut Vec<Candidate>,
) {
    let Some(tok) = tokens.get(i) else { return };
    let next = tokens.get(i + 1).filter(|n| joined(text, tok, n, false));
    let next_word = next.map(|n| n.word.as_str());
    let pub_day = day_name(published);
    // (days back, span end, explanation) for day phrases.
    let day: Option<(u64, usize, String)> = match (tok.word.as_str(), next_word) {
        ("yesterday", _) => Some((1, tok.end, format!("the day before {pub_day}"))),
        ("overnight", _) => Some((1, tok.end, format!("the night before {pub_day}"))),
        ("last", Some("night")) => Some((
            1,
            next.map_or(tok.end, |n| n.end),
            format!("the night before {pub_day}"),
        )),
        ("today" | "tonight", _) => {
            Some((0, tok.end, format!("the day of publication, {pub_day}")))
        }
        ("this", Some("morning" | "afternoon" | "evening")) => Some((
            0,
            next.map_or(tok.end, |n| n.end),
            format!("the day of publication, {pub_day}"),
        )),
        (n, Some("days")) => {
            let count = number_word(n).filter(|c| (1..=31).contains(c));
            let ago = tokens
                .get(i + 2)
                .filter(|a| a.word == "ago" && next.is_some_and(|n| joined(text, n, a, false)));
            match (count, ago) {
                (Some(c), Some(a)) => {
                    Some((u64::from(c), a.end, format!("{c} days before {pub_day}")))
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some((back, end, why)) = day {
        if let Some(date) = published.checked_sub_days(Days::new(back)) {
            found.push(Candidate {
                date,
                precision: DatePrecision::Day,
                rank: Specificity::RelativeDay,
                start: tok.start,
                end,
                why,
            });
        }
        return;
    }

    // Coarser phrases: "last week", "this week", "earlier this week", "last month", ...
    let Some(unit_tok) = next else { return };
    let earlier = i > 0 && word_before(text, tokens, i - 1, i, "earlier");
    let start = if earlier {
        tokens.get(i - 1).map_or(tok.start, |t| t.start)
    } else {
        tok.start
    };
    let week_start =
        |d: NaiveDate| d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())));
    let month_start = |d: NaiveDate| d.with_day(1);
    let year_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), 1, 1);
    let (date, precision, rank, why) = match (tok.word.as_str(), unit_tok.word.as_str()) {
        ("last" | "past", "week") => (
            published
                .checked_sub_days(Days::new(7))
                .and_then(week_start),
            DatePrecision::Week,
            Specificity::Week,
            format!("the week before the week of {pub_day}"),
        ),
        ("this", "week") => (
            week_start(published),
            DatePrecision::Week,
            Specificity::Week,
            format!("the week of {pub_day}"),
        ),
        ("last" | "past", "month") => (
            published
                .checked_sub_months(Months::new(1))
                .and_then(month_start),
            DatePrecision::Month,
            Specificity::Month,
            format!("the month before {pub_day}"),
        ),
        ("this", "month") => (
            month_start(published),
            DatePrecision::Month,
            Specificity::Month,
            format!("the month of {pub_day}"),
        ),
        ("last" | "past", "year") => (
            NaiveDate::from_ymd_opt(published.year() - 1, 1, 1),
            DatePrecision::Year,
            Specificity::Year,
            format!("the year before {pub_day}"),
        ),
        ("this", "year") => (
            year_start(published),
            DatePrecision::Year,
            Specificity::Year,
            format!("the year of {pub_day}"),
        ),
        _ => return,
    };
    if let Some(date) = date {
        found.push(Candidate {
            date,
            precision,
            rank,
            start,
            end: unit_tok.end,
            why,
        });
    }
}

/// "in January", "in January 2023", "January 2023", "in 2019".
fn month_or_year(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<NaiveDate>,
    found: &mut Vec<Candidate>,
) {
    let Some(tok) = tokens.get(i) else { return };
    let after_in = i > 0 && word_before(text, tokens, i - 1, i, "in");
    let start = if after_in {
        tokens.get(i - 1).map_or(tok.start, |t| t.start)
    } else {
        tok.start
    };
    let next = tokens.get(i + 1).filter(|n| joined(text, tok, n, true));
    if let Some(year) = year_number(&tok.word) {
        // A bare number could be anything; "in 2019" is a year. A year after a month is handled
        // with the month.
        if after_in && let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1) {
            found.push(Candidate {
                date,
                precision: DatePrecision::Year,
                rank: Specificity::Year,
                start,
                end: tok.end,
                why: "a year given in full".to_owned(),
            });
        }
        return;
    }
    let Some(month) = month_number(&tok.word) else {
        return;
    };
    if tok.word == "may" && !is_capitalised(text, tok) {
        return;
    }
    // A day number right after makes it a day phrase, handled by `day_month`.
    if next.is_some_and(|n| day_number(&n.word).is_some()) {
        return;
    }
    let year = next.and_then(|n| year_number(&n.word).map(|y| (y, n.end)));
    match (year, published) {
        (Some((year, end)), _) => {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, 1) {
                found.push(Candidate {
                    date,
                    precision: DatePrecision::Month,
                    rank: Specificity::Month,
                    start,
                    end,
                    why: "a month given in full".to_owned(),
                });
            }
        }
        // A month name without a year needs "in" before it ("March" may be a verb or a name).
        (None, Some(published)) if after_in => {
            let year = if month <= published.month() {
                published.year()
            } else {
                published.year() - 1
            };
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, 1) {
                found.push(Candidate {
                    date,
                    precision: DatePrecision::Month,
                    rank: Specificity::Month,
                    start,
                    end: tok.end,
                    why: format!(
                        "the nearest {} on or before {}",
                        date.format("%B"),
                        day_name(published)
                    ),
                });
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasoning_reads_as_documented() {
        let published = NaiveDate::from_ymd_opt(2023, 1, 30);
        let s = suggest_date(
            published,
            "Rockets fell on a grain store Sunday night, farmers said.",
        );
        let s = s.expect("a suggestion");
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2023, 1, 29).expect("date"));
        assert_eq!(s.precision, DatePrecision::Day);
        assert_eq!(s.matched_text, "Sunday night");
        assert_eq!(
            s.reasoning,
            "“Sunday night”: the Sunday before Mon 2023-01-30 → 2023-01-29"
        );
    }

    #[test]
    fn nothing_found_gives_none() {
        let published = NaiveDate::from_ymd_opt(2023, 1, 30);
        assert_eq!(suggest_date(published, "Shelling continued."), None);
        assert_eq!(suggest_date(None, "on Sunday"), None);
        assert_eq!(suggest_date(published, "it may 5 times"), None);
    }
}
