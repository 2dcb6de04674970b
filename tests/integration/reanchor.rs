//! Re-anchoring annotations when an article's text is replaced.
//!
//! The rule under test: a placed annotation always covers exactly its `exact`; placements that
//! found the quote unchanged keep `exact` as it was; fuzzy placements (a character or two
//! edited inside the quote) get `exact` replaced by the new text, within the allowed edit
//! distance of the old quote; everything else becomes an orphan, unchanged. Nothing is dropped.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use common::{add_article, find, sample_project};
use proptest::prelude::*;
use sitrep::io::{load_project, parse_project, project_to_bytes, save_project};
use sitrep::model::reanchor::{Placement, reanchor};
use sitrep::model::{CharSpan, Edit, Project, replace_article_text, validate};

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let v = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The edit budget stated in `model::reanchor`.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=11 => 1,
        12..=39 => 2,
        _ => 3,
    }
}

fn project_with(text: &str, quotes: &[(&str, &str)]) -> Project {
    let mut p = Project::new("t");
    add_article(&mut p, "art-1", text);
    for (quote, tag) in quotes {
        let ann = p.make_annotation("art-1", find(text, quote), tag).unwrap();
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
    }
    p
}

fn outcome_of<'a>(report: &'a sitrep::model::ReanchorReport, id: &str) -> &'a Placement {
    &report
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .unwrap()
        .placement
}

#[test]
fn unchanged_text_keeps_every_annotation_in_place() {
    let p = sample_project("p");
    let text = p.articles[0].text.clone();
    let anns: Vec<_> = p.annotations.clone();
    let r = reanchor(&text, &text, &anns);
    assert_eq!(r.placed, anns);
    assert!(r.orphaned.is_empty());
    assert_eq!(r.report.unchanged(), anns.len());
}

#[test]
fn a_new_first_paragraph_moves_everything_with_its_quote() {
    let mut p = sample_project("p");
    let before = p.clone();
    let old = p.articles[0].text.clone();
    let new = format!("UPDATE 2 — adds casualty figures 😀.\n\n{old}");
    let (report, undo) = replace_article_text(&mut p, "art-1", &new).unwrap();
    assert_eq!(report.moved(), 2, "{report:?}");
    let shift = new.chars().count() - old.chars().count();
    for (a, b) in before.annotations.iter().zip(&p.annotations) {
        assert_eq!(b.start.0, a.start.0 + shift);
        assert_eq!(b.exact, a.exact);
    }
    assert!(validate(&p).is_empty());
    p.apply_exact(undo).unwrap();
    assert_eq!(p, before, "one undo restores the old text and spans");
}

#[test]
fn a_corrected_spelling_inside_a_quote_is_placed_fuzzily_with_the_new_quote() {
    let text = "Officials said the strike hit Al-Qa’im late on Saturday night near the border.";
    let mut p = project_with(
        text,
        &[("Al-Qa’im", "location"), ("Saturday night", "claim")],
    );
    let new = "Officials said the strike hit Al-Qaim late on Saturday night near the border.";
    let (report, _) = replace_article_text(&mut p, "art-1", new).unwrap();
    match outcome_of(&report, "ann-1") {
        Placement::Fuzzy {
            old_exact,
            distance,
            ..
        } => {
            assert_eq!(old_exact, "Al-Qa’im");
            assert_eq!(*distance, 1);
        }
        other => panic!("expected a fuzzy placement, got {other:?}"),
    }
    let ann = p.annotation("ann-1").unwrap();
    assert_eq!(ann.exact, "Al-Qaim");
    assert_eq!(p.articles[0].slice(ann.span()), Some("Al-Qaim"));
    assert_eq!(ann.suffix, " late on Saturday night near the");
    // After the change, shifted back by the one char the correction removed.
    assert!(matches!(
        outcome_of(&report, "ann-2"),
        Placement::Moved { .. }
    ));
}

#[test]
fn a_removed_sentence_orphans_its_annotations_and_keeps_the_evidence_link() {
    let text = "The convoy was hit at dawn. Witnesses blamed the 4th Brigade for the attack. \
                Four drivers died.";
    let mut p = project_with(
        text,
        &[("4th Brigade", "actor"), ("Four drivers died", "claim")],
    );
    let mut inc = sitrep::model::Incident::new("inc-1", "Convoy attack");
    inc.evidence = vec!["ann-1".into(), "ann-2".into()];
    p.apply(Edit::InsertIncident {
        index: 0,
        incident: inc,
    })
    .unwrap();
    let new = "The convoy was hit at dawn. Four drivers died, hospital staff said.";
    let (report, _) = replace_article_text(&mut p, "art-1", new).unwrap();
    assert!(matches!(
        outcome_of(&report, "ann-1"),
        Placement::Orphaned { .. }
    ));
    assert!(matches!(
        outcome_of(&report, "ann-2"),
        Placement::Moved { .. } | Placement::Unchanged
    ));
    assert_eq!(p.orphans.len(), 1);
    assert_eq!(p.orphans[0].exact, "4th Brigade");
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));

    // Orphans survive a save and a load, and the incident still cites them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    save_project(&path, &p).unwrap();
    let loaded = load_project(&path).unwrap();
    assert_eq!(loaded, p);
    assert_eq!(loaded.incidents[0].evidence, ["ann-1", "ann-2"]);

    // The analyst places the orphan by hand on the new text; undo makes it an orphan again.
    let span = find(new, "hospital staff");
    let mut placed = p.orphans[0].clone();
    let quote = sitrep::model::text::quote_of(new, p.articles[0].index(), span).unwrap();
    placed.start = span.start;
    placed.end = span.end;
    placed.exact = quote.exact;
    placed.prefix = quote.prefix;
    placed.suffix = quote.suffix;
    let before = p.clone();
    let undo = p.apply(Edit::PlaceOrphan(placed)).unwrap();
    assert!(p.orphans.is_empty());
    assert!(validate(&p).is_empty());
    p.apply_exact(undo).unwrap();
    assert_eq!(p, before);
    // A fresh annotation never takes an orphan's id.
    let fresh = p
        .make_annotation("art-1", find(new, "convoy"), "actor")
        .unwrap();
    assert_ne!(fresh.id, "ann-1");
}

#[test]
fn a_repeated_word_is_told_apart_by_its_context() {
    let text = "Troops entered Mosul on Monday. Aid groups in Mosul warned of shortages.";
    let mut p = project_with(text, &[]);
    let second = CharSpan::new(
        text.rfind("Mosul")
            .map(|b| text[..b].chars().count())
            .unwrap(),
        text.rfind("Mosul")
            .map(|b| text[..b].chars().count() + 5)
            .unwrap(),
    );
    let ann = p.make_annotation("art-1", second, "location").unwrap();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    // Both sentences change places: the old position points at the wrong "Mosul".
    let new = "Aid groups in Mosul warned of shortages. Troops entered Mosul on Monday.";
    let (report, _) = replace_article_text(&mut p, "art-1", new).unwrap();
    assert!(
        matches!(outcome_of(&report, "ann-1"), Placement::Moved { .. }),
        "{report:?}"
    );
    let ann = p.annotation("ann-1").unwrap();
    assert_eq!(ann.start.0, 14);
    assert_eq!(ann.prefix, "Aid groups in ");
}

#[test]
fn rejected_suggestions_follow_their_words_and_go_with_them() {
    use sitrep::model::suggest::Rejection;
    let old = "Shelling near Mayadin. Residents of Husaybah fled.";
    let mut p = project_with(old, &[]);
    for (word, entity) in [("Mayadin", "ent-1"), ("Husaybah", "ent-2")] {
        let span = find(old, word);
        p.apply(Edit::RejectSuggestion(Rejection {
            article: "art-1".into(),
            start: span.start,
            end: span.end,
            entity: entity.into(),
        }))
        .unwrap();
    }
    let before = p.clone();
    // A new lead moves Mayadin; Husaybah's sentence is gone.
    let new = "UPDATE: toll rises. Shelling near Mayadin. Many fled.";
    let (_, inverse) = replace_article_text(&mut p, "art-1", new).unwrap();
    let moved = find(new, "Mayadin");
    assert_eq!(
        p.rejected_suggestions,
        vec![Rejection {
            article: "art-1".into(),
            start: moved.start,
            end: moved.end,
            entity: "ent-1".into(),
        }]
    );
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
    p.apply_exact(inverse).unwrap();
    assert_eq!(p.rejected_suggestions, before.rejected_suggestions);
    assert_eq!(p.articles, before.articles);
}

#[test]
fn the_edit_is_refused_whole_when_it_would_break_a_rule() {
    let mut p = sample_project("p");
    let before = p.clone();
    let bad = Edit::ReplaceArticleText {
        article: "art-1".into(),
        text: "short".into(),
        annotations: p.annotations.clone(), // spans no longer on the text
        orphans: vec![],
    };
    assert!(p.apply(bad).is_err());
    assert_eq!(p, before);
}

#[test]
fn orphans_round_trip_and_are_omitted_when_empty() {
    let p = sample_project("p");
    let bytes = project_to_bytes(&p).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("orphans"));
    assert_eq!(parse_project(&bytes).unwrap(), p);
}

// ----- Property test -----

const WORDS: &[&str] = &[
    "the",
    "convoy",
    "struck",
    "Al-Qa’im",
    "near",
    "حلب",
    "😀",
    "officials",
    "said",
    "four",
    "drivers",
    "killed",
    "on",
    "Saturday",
    "border",
    "👧🏽",
    "militia",
    "shelling",
    "town",
];

#[derive(Clone, Debug)]
enum TextEdit {
    Insert { at: usize, word: usize },
    Delete { at: usize, len: usize },
    Replace { at: usize, with: char },
}

fn apply_text_edit(text: &str, edit: &TextEdit) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    match *edit {
        TextEdit::Insert { at, word } => {
            let at = at % (n + 1);
            let w: Vec<char> = format!(" {} ", WORDS[word % WORDS.len()]).chars().collect();
            chars.splice(at..at, w);
        }
        TextEdit::Delete { at, len } if n > 0 => {
            let at = at % n;
            let end = (at + len).min(n);
            chars.drain(at..end);
        }
        TextEdit::Replace { at, with } if n > 0 => {
            chars[at % n] = with;
        }
        _ => {}
    }
    chars.into_iter().collect()
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(at, word)| TextEdit::Insert { at, word }),
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| TextEdit::Delete { at, len }),
        (
            any::<usize>(),
            prop::sample::select(vec!['x', 'é', '’', ' ', '\n', '😀'])
        )
            .prop_map(|(at, with)| TextEdit::Replace { at, with }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn reanchoring_never_places_an_annotation_off_its_quote(
        words in prop::collection::vec(0usize..WORDS.len(), 10..80),
        spans in prop::collection::vec((any::<usize>(), 1usize..4), 1..8),
        edits in prop::collection::vec(text_edit(), 1..6),
    ) {
        let text: String = words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let mut p = Project::new("prop");
        add_article(&mut p, "art-1", &text);
        // Annotations over 1..3 whole words.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.chars().enumerate().filter(|(_, c)| *c == ' ').map(|(i, _)| i + 1))
            .collect();
        for (pick, n_words) in spans {
            let first = pick % starts.len();
            let start = starts[first];
            let end = starts
                .get(first + n_words)
                .map_or(text.chars().count(), |s| s - 1);
            if let Ok(ann) = p.make_annotation("art-1", CharSpan::new(start, end), "actor") {
                p.apply(Edit::InsertAnnotation(ann)).unwrap();
            }
        }
        let mut new_text = text.clone();
        for e in &edits {
            new_text = apply_text_edit(&new_text, e);
        }

        let before = p.clone();
        let (report, undo) = replace_article_text(&mut p, "art-1", &new_text).unwrap();
        prop_assert!(validate(&p).is_empty(), "{:?}", validate(&p));
        prop_assert_eq!(p.articles[0].text.as_str(), new_text.as_str());
        prop_assert_eq!(p.annotations.len() + p.orphans.len(), before.annotations.len());
        for old in &before.annotations {
            match outcome_of(&report, &old.id) {
                Placement::Orphaned { .. } => {
                    prop_assert_eq!(p.orphan(&old.id), Some(old));
                }
                placement => {
                    let new = p.annotation(&old.id).unwrap();
                    // The rule: a placed annotation covers exactly its quote.
                    prop_assert_eq!(p.articles[0].slice(new.span()), Some(new.exact.as_str()));
                    if let Placement::Fuzzy { old_exact, distance, .. } = placement {
                        prop_assert_eq!(old_exact, &old.exact);
                        prop_assert_eq!(*distance, levenshtein(&old.exact, &new.exact));
                        prop_assert!(*distance >= 1);
                        prop_assert!(*distance <= allowed_edits(old.exact.chars().count()));
                    } else {
                        prop_assert_eq!(&new.exact, &old.exact);
                    }
                    prop_assert_eq!((&new.tag, &new.entity, &new.created), (&old.tag, &old.entity, &old.created));
                }
            }
        }
        p.apply_exact(undo).unwrap();
        prop_assert_eq!(p, before);
    }
}
