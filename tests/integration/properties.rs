//! Property tests over random projects: random Unicode text (non-BMP emoji, skin-tone
//! modifiers, combining marks, Arabic, CRLF and lone CR input), random annotations and random
//! sequences of edits.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use proptest::prelude::*;
use proptest::sample::Index;
use sitrep::io::{article_from_text, parse_project, project_to_bytes};
use sitrep::model::{CharSpan, Edit, Entity, Incident, Project, Tag, validate};

/// Fragments that random article text is made of, chosen to stress char offsets.
const PIECES: &[&str] = &[
    "a",
    "Idlib",
    "Al-Qa’im",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "😀",
    "👧🏽",
    "📍",
    "e\u{301}",
    "سرمدا",
    "日本",
    "—",
    "“",
    "”",
    ".",
    ",",
    "\t",
    "date 2024-03-11 ",
    "x",
];

fn raw_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..80).prop_map(|v| v.concat())
}

fn short_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..4).prop_map(|v| v.concat())
}

/// One step an analyst might take; indices pick among whatever exists at that moment.
#[derive(Clone, Debug)]
enum Op {
    Annotate {
        article: Index,
        a: Index,
        b: Index,
        tag: Index,
    },
    RemoveAnnotation(Index),
    /// An import's bulk insert: several spans of one article in one edit.
    AnnotateMany(Index, Vec<(Index, Index, Index)>),
    /// Its inverse: several annotations removed in one edit.
    RemoveMany(Vec<Index>),
    Retag(Index, Index),
    Note(Index, String),
    AddEntity(Index, String, Option<i32>),
    Link(Index, Index),
    Unlink(Index),
    Merge(Index, Index),
    DeleteEntity(Index),
    AddIncident(Vec<Index>, Option<Index>),
    RemoveIncident(Index),
    DeleteArticle(Index),
    RetitleArticle(Index, String),
    Rename(String),
    AddTag(String),
    RemoveTag(Index),
    TagMatches(Index, Index),
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<Index>;
    prop_oneof![
        10 => (i(), i(), i(), i()).prop_map(|(article, a, b, tag)| Op::Annotate { article, a, b, tag }),
        1 => i().prop_map(Op::RemoveAnnotation),
        2 => (i(), prop::collection::vec((i(), i(), i()), 0..6))
            .prop_map(|(article, spans)| Op::AnnotateMany(article, spans)),
        1 => prop::collection::vec(i(), 0..4).prop_map(Op::RemoveMany),
        1 => (i(), i()).prop_map(|(a, t)| Op::Retag(a, t)),
        1 => (i(), short_string()).prop_map(|(a, s)| Op::Note(a, s)),
        2 => (i(), short_string(), prop::option::of(-9000i32..9000))
            .prop_map(|(t, s, c)| Op::AddEntity(t, s, c)),
        2 => (i(), i()).prop_map(|(a, e)| Op::Link(a, e)),
        1 => i().prop_map(Op::Unlink),
        1 => (i(), i()).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => i().prop_map(Op::DeleteEntity),
        1 => (prop::collection::vec(i(), 0..4), prop::option::of(i()))
            .prop_map(|(ev, loc)| Op::AddIncident(ev, loc)),
        1 => i().prop_map(Op::RemoveIncident),
        1 => i().prop_map(Op::DeleteArticle),
        1 => (i(), short_string()).prop_map(|(a, s)| Op::RetitleArticle(a, s)),
        1 => short_string().prop_map(Op::Rename),
        1 => "[a-z]{1,6}".prop_map(Op::AddTag),
        1 => i().prop_map(Op::RemoveTag),
        1 => (i(), i()).prop_map(|(a, w)| Op::TagMatches(a, w)),
    ]
}

fn pick<T>(items: &[T], index: Index) -> Option<&T> {
    (!items.is_empty()).then(|| index.get(items))
}

/// Build the edit for an op against the current project, or `None` when it does not apply.
/// (Some builders hand out fresh ids, which is why the project is `&mut`.)
fn edit_for(p: &mut Project, op: &Op) -> Option<Edit> {
    match op {
        Op::Annotate { article, a, b, tag } => {
            let art = pick(&p.articles, *article)?;
            let (id, n) = (art.id.clone(), art.len_chars() + 1);
            let (a, b) = (a.index(n), b.index(n));
            let tag = pick(&p.tags, *tag)?.id.clone();
            let ann = p
                .make_annotation(&id, CharSpan::new(a.min(b), a.max(b)), &tag)
                .ok()?;
            Some(Edit::InsertAnnotation(ann))
        }
        Op::RemoveAnnotation(i) => {
            let id = pick(&p.annotations, *i)?.id.clone();
            Some(p.delete_annotation_edit(&id))
        }
        Op::AnnotateMany(article, spans) => {
            let art = pick(&p.articles, *article)?;
            let (id, n) = (art.id.clone(), art.len_chars() + 1);
            let ids = p.alloc_ids("ann", spans.len());
            let mut anns = Vec::new();
            for ((a, b, tag), ann_id) in spans.iter().zip(ids) {
                let (a, b) = (a.index(n), b.index(n));
                let tag = pick(&p.tags, *tag)?.id.clone();
                if let Ok(ann) =
                    p.annotation_with_id(&id, CharSpan::new(a.min(b), a.max(b)), &tag, ann_id)
                {
                    anns.push(ann);
                }
            }
            Some(Edit::InsertAnnotations(anns))
        }
        Op::RemoveMany(picks) => {
            let ids: Vec<String> = picks
                .iter()
                .filter_map(|i| pick(&p.annotations, *i).map(|a| a.id.clone()))
                .collect();
            Some(Edit::RemoveAnnotations(ids))
        }
        Op::Retag(i, t) => {
            let mut ann = pick(&p.annotations, *i)?.clone();
            ann.tag = pick(&p.tags, *t)?.id.clone();
            Some(Edit::UpdateAnnotation(ann))
        }
        Op::Note(i, note) => {
            let mut ann = pick(&p.annotations, *i)?.clone();
            ann.note = note.clone();
            Some(Edit::UpdateAnnotation(ann))
        }
        Op::AddEntity(t, name, coord) => {
            let tag = pick(&p.tags, *t)?.id.clone();
            let mut entity = Entity::new(p.alloc_id("ent"), tag, name.clone());
            entity.lat = coord.map(|c| f64::from(c) / 100.0);
            entity.lon = coord.map(|c| f64::from(-c) / 100.0);
            Some(Edit::InsertEntity {
                index: p.entities.len(),
                entity,
            })
        }
        Op::Link(a, e) => {
            let ann = pick(&p.annotations, *a)?.id.clone();
            let ent = pick(&p.entities, *e)?.id.clone();
            p.link_edit(&ann, Some(&ent)).ok()
        }
        Op::Unlink(a) => {
            let ann = pick(&p.annotations, *a)?.id.clone();
            p.link_edit(&ann, None).ok()
        }
        Op::Merge(a, b) => {
            let from = pick(&p.entities, *a)?.id.clone();
            let into = pick(&p.entities, *b)?.id.clone();
            (from != into).then(|| p.merge_entities_edit(&from, &into).ok())?
        }
        Op::DeleteEntity(e) => {
            let id = pick(&p.entities, *e)?.id.clone();
            Some(p.delete_entity_edit(&id))
        }
        Op::AddIncident(evidence, location) => {
            let mut inc = Incident::new(p.alloc_id("inc"), "Incident");
            for ev in evidence {
                if let Some(ann) = pick(&p.annotations, *ev)
                    && !inc.evidence.contains(&ann.id)
                {
                    inc.evidence.push(ann.id.clone());
                }
            }
            inc.location = location
                .as_ref()
                .and_then(|l| pick(&p.entities, *l))
                .map(|e| e.id.clone());
            Some(Edit::InsertIncident {
                index: p.incidents.len(),
                incident: inc,
            })
        }
        Op::RemoveIncident(i) => {
            let id = pick(&p.incidents, *i)?.id.clone();
            Some(Edit::RemoveIncident { id })
        }
        Op::DeleteArticle(i) => {
            let id = pick(&p.articles, *i)?.id.clone();
            Some(p.delete_article_edit(&id))
        }
        Op::RetitleArticle(i, title) => {
            let mut art = pick(&p.articles, *i)?.clone();
            art.title = title.clone();
            Some(Edit::UpdateArticle(art))
        }
        Op::Rename(name) => Some(Edit::SetName(name.clone())),
        Op::AddTag(id) => Some(Edit::InsertTag {
            index: p.tags.len(),
            tag: Tag::new(id, id, "#808080", None),
        }),
        Op::RemoveTag(t) => {
            let id = pick(&p.tags, *t)?.id.clone();
            Some(Edit::RemoveTag { id })
        }
        Op::TagMatches(a, w) => {
            // Tag all occurrences of a word taken from an existing annotation.
            let exact = pick(&p.annotations, *a)?.exact.clone();
            let tag = pick(&p.tags, *w)?.id.clone();
            p.tag_matches_edit(&exact, &tag, None)
                .ok()
                .map(|(edit, _)| edit)
        }
    }
}

/// A project built from random texts by a random sequence of edits.
fn project() -> impl Strategy<Value = Project> {
    (
        prop::collection::vec(raw_text(), 1..4),
        prop::collection::vec(op(), 0..60),
        short_string(),
    )
        .prop_map(|(texts, ops, name)| {
            let mut p = Project::new(name);
            for raw in &texts {
                let id = p.alloc_id("art");
                if let Ok(article) = article_from_text(raw, &id) {
                    let index = p.articles.len();
                    p.apply(Edit::InsertArticle { index, article }).ok();
                }
            }
            // Setup keeps its articles (deleting them is exercised by the edit test), so the
            // projects stay rich in annotations.
            for op in ops.iter().filter(|op| !matches!(op, Op::DeleteArticle(_))) {
                if let Some(edit) = edit_for(&mut p, op) {
                    p.apply(edit).ok();
                }
            }
            p
        })
}

/// Every annotation lies on its article's text and quotes it exactly.
fn assert_offsets_on_text(p: &Project) {
    for ann in &p.annotations {
        let article = p
            .article(&ann.article)
            .expect("annotation's article exists");
        assert!(
            ann.start < ann.end && ann.end.0 <= article.len_chars(),
            "{}",
            ann.id
        );
        assert_eq!(
            article.slice(ann.span()),
            Some(ann.exact.as_str()),
            "{}",
            ann.id
        );
        assert_eq!(
            ann.exact,
            article
                .text
                .chars()
                .skip(ann.start.0)
                .take(ann.end.0 - ann.start.0)
                .collect::<String>()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_projects_round_trip(p in project()) {
        for article in &p.articles {
            prop_assert!(!article.text.contains('\r'), "CR survived import");
        }
        prop_assert_eq!(validate(&p), vec![]);
        assert_offsets_on_text(&p);
        let bytes = project_to_bytes(&p).expect("serialise");
        let loaded = parse_project(&bytes).expect("a saved project loads");
        prop_assert_eq!(&loaded, &p);
        prop_assert_eq!(project_to_bytes(&loaded).expect("serialise"), bytes);
    }

    #[test]
    fn annotation_range_agrees_with_a_filter(p in project()) {
        // The binary search over the sorted annotations finds exactly an article's annotations,
        // in stored order.
        for article in &p.articles {
            let fast: Vec<&str> = p
                .annotations_slice(&article.id)
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            let slow: Vec<&str> = p.annotations_of(&article.id).map(|a| a.id.as_str()).collect();
            prop_assert_eq!(fast, slow);
        }
        prop_assert!(p.annotations_slice("no-such-article").is_empty());
    }

    #[test]
    fn edits_then_inverses_restore_the_project(p in project(), ops in prop::collection::vec(op(), 1..25)) {
        let original = p.clone();
        let mut p = p;
        let mut undo = Vec::new();
        for op in &ops {
            if let Some(edit) = edit_for(&mut p, op) {
                let before = p.clone();
                match p.apply(edit) {
                    Ok(inverse) => undo.push(inverse),
                    // A refused edit leaves the project exactly as it was.
                    Err(_) => prop_assert_eq!(&p, &before),
                }
                prop_assert_eq!(validate(&p), vec![]);
                assert_offsets_on_text(&p);
            }
        }
        let done = p.clone();
        let mut redo = Vec::new();
        for inverse in undo.into_iter().rev() {
            redo.push(p.apply_exact(inverse).expect("an inverse always applies"));
        }
        // Id counters are deliberately not rolled back: ids are never reused.
        let mut expected = original;
        expected.next_ids = p.next_ids.clone();
        prop_assert_eq!(&p, &expected);
        for edit in redo.into_iter().rev() {
            p.apply_exact(edit).expect("redo applies");
        }
        prop_assert_eq!(&p, &done);
    }
}

#[test]
fn a_bulk_insert_is_refused_whole_on_a_taken_id_or_a_bad_span() {
    let mut p = Project::new("bulk");
    p.apply(Edit::InsertArticle {
        index: 0,
        article: sitrep::model::Article::new("art-1", "One", "Shelling hit Ariha and Saraqib."),
    })
    .unwrap();
    let first = p
        .make_annotation("art-1", CharSpan::new(13, 18), "location")
        .unwrap();
    p.apply(Edit::InsertAnnotation(first.clone())).unwrap();
    let before = p.clone();
    let fresh = p
        .annotation_with_id("art-1", CharSpan::new(23, 30), "location", "ann-99".into())
        .unwrap();
    let taken = p
        .annotation_with_id("art-1", CharSpan::new(0, 8), "claim", first.id.clone())
        .unwrap();
    assert!(
        p.apply(Edit::InsertAnnotations(vec![fresh.clone(), taken]))
            .is_err()
    );
    assert_eq!(p, before);
    let mut off_quote = fresh.clone();
    off_quote.id = "ann-100".into();
    off_quote.exact = "Idlib".into();
    assert!(
        p.apply(Edit::InsertAnnotations(vec![fresh.clone(), off_quote]))
            .is_err()
    );
    assert_eq!(p, before);
    // Accepted, they are sorted into place, and the inverse takes exactly them out.
    let inverse = p.apply(Edit::InsertAnnotations(vec![fresh])).unwrap();
    let order: Vec<usize> = p.annotations.iter().map(|a| a.start.0).collect();
    assert_eq!(order, vec![13, 23]);
    p.apply_exact(inverse).unwrap();
    assert_eq!(p, before);
}
