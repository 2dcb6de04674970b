//! brat, doccano and W3C exchange: round trips, hand-written foreign files, offsets on
//! non-BMP text, combining marks and CRLF-origin text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::Path;

use proptest::prelude::*;
use sitrep::io::formats::brat::{import_brat_dir, import_brat_document, to_brat, write_brat};
use sitrep::io::formats::doccano::{import_doccano_str, to_doccano};
use sitrep::io::formats::shared::{ImportReport, TypeMap};
use sitrep::io::formats::w3c::{to_w3c, write_w3c};
use sitrep::model::text::normalize_newlines;
use sitrep::model::{Article, CharSpan, ClaimStatus, Edit, Entity, Project, Tag, validate};

const MARKET_CRLF: &str = include_str!("../data/market-blast-crlf.txt");
const MIXED: &str = "Re\u{301}sume\u{301}: 👩🏾‍⚕️ medics reached Deir ez-Zor 🇸🇾 at dawn.\nThe 𝔘𝔑 envoy said 😀 \"calm\" returned.\n\nZoë left Malmö.";

/// Char span of the `nth` occurrence of `needle` in `text`.
fn span_of(text: &str, needle: &str, nth: usize) -> CharSpan {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

fn tags_with_custom() -> Vec<Tag> {
    let mut p = Project::new("x");
    p.tags
        .push(Tag::new("weapon", "Weapon type", "#808080", Some("w")));
    p.tags
}

/// A project on CRLF-origin text and on text full of emoji and combining marks, with a span
/// across a line break, overlapping spans, a note, entities and a claim with source and status.
fn fixture() -> Project {
    let mut p = Project::new("fixture");
    p.tags = tags_with_custom();
    let market = normalize_newlines(MARKET_CRLF);
    for (id, text) in [("art-1", market.as_str()), ("art-2", MIXED)] {
        let index = p.articles.len();
        p.apply(Edit::InsertArticle {
            index,
            article: Article::new(id, format!("Article {id}"), text),
        })
        .unwrap();
    }
    let mut civil_defence = Entity::new("ent-1", "actor", "Syrian Civil Defence");
    civil_defence.external_ids = vec!["Wikidata:Q999201".into(), "Local-Registry:SCD/7".into()];
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: civil_defence,
    })
    .unwrap();
    let add = |p: &mut Project, art: &str, needle: &str, nth: usize, tag: &str| {
        let text = p.article(art).unwrap().text.clone();
        let ann = p
            .make_annotation(art, span_of(&text, needle, nth), tag)
            .unwrap();
        let id = ann.id.clone();
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
        id
    };
    let civil = add(&mut p, "art-1", "Syrian Civil Defence", 0, "actor");
    let civil2 = add(&mut p, "art-1", "Civil Defence", 1, "actor");
    add(&mut p, "art-1", "Sarmada", 0, "location");
    add(&mut p, "art-1", "سرمدا", 0, "location");
    add(&mut p, "art-1", "Sarmada (سرمدا)", 0, "location");
    add(&mut p, "art-1", "Ahmad Kha\u{301}lid", 0, "actor");
    add(&mut p, "art-1", "2024-02-05\nMarket blast", 0, "claim");
    add(&mut p, "art-1", "motorcycle", 0, "weapon");
    let claim = add(
        &mut p,
        "art-1",
        "rescue teams recovered six bodies",
        0,
        "claim",
    );
    add(&mut p, "art-2", "Re\u{301}sume\u{301}", 0, "claim");
    add(&mut p, "art-2", "👩🏾‍⚕️ medics", 0, "actor");
    add(&mut p, "art-2", "Deir ez-Zor 🇸🇾", 0, "location");
    add(&mut p, "art-2", "𝔘𝔑", 0, "actor");
    add(&mut p, "art-2", "😀 \"calm\" returned.\n\nZoë", 0, "claim");
    add(&mut p, "art-2", "Malmö", 0, "location");
    for id in [&civil, &civil2] {
        let mut a = p.annotation(id).unwrap().clone();
        a.entity = Some("ent-1".into());
        p.apply(Edit::UpdateAnnotation(a)).unwrap();
    }
    let mut c = p.annotation(&claim).unwrap().clone();
    c.note = "count from the\nfirst statement".into();
    let details = c.claim.as_mut().unwrap();
    details.source = Some("ent-1".into());
    details.status = ClaimStatus::Disputed;
    p.apply(Edit::UpdateAnnotation(c)).unwrap();
    assert!(validate(&p).is_empty());
    p
}

type SpanKey = (usize, String, usize, usize, String);

/// Every annotation as (article position, tag, start, end, exact), sorted.
fn span_set(p: &Project) -> Vec<SpanKey> {
    let mut v: Vec<SpanKey> = p
        .annotations
        .iter()
        .map(|a| {
            let art = p.article_index(&a.article).unwrap();
            (art, a.tag.clone(), a.start.0, a.end.0, a.exact.clone())
        })
        .collect();
    v.sort();
    v
}

fn target_project() -> Project {
    let mut p = Project::new("target");
    p.tags = tags_with_custom();
    p
}

fn warning_lines(report: &ImportReport) -> Vec<usize> {
    report.warnings.iter().filter_map(|w| w.line).collect()
}

#[test]
fn brat_round_trip_keeps_spans_notes_entities_and_claims() {
    let source = fixture();
    let dir = tempfile::tempdir().unwrap();
    let export = write_brat(&source, dir.path()).unwrap();
    assert_eq!(export.documents.len(), 2);
    for doc in &export.documents {
        let txt = std::fs::read_to_string(dir.path().join(format!("{}.txt", doc.name))).unwrap();
        assert_eq!(
            txt,
            source.article(&doc.article).unwrap().text,
            "the .txt is the text exactly"
        );
    }
    // The span across a line break is written as brat fragments.
    let ann1 = &export.documents[0].ann;
    assert!(
        ann1.contains("\tClaim 5 15;16 28\t2024-02-05 Market blast\n"),
        "{ann1}"
    );
    assert!(ann1.contains("\tAnnotatorNotes T"), "{ann1}");
    assert!(
        ann1.contains("\nN1\tReference T5 sitrep:ent-1\tSyrian Civil Defence\n"),
        "{ann1}"
    );
    assert!(ann1.contains("\tStatus T"), "{ann1}");
    assert!(ann1.contains("\nR1\tSource Arg1:T6 Arg2:T5\n"), "{ann1}");
    // The `sitrep` database of the N lines is declared for brat, with its entity table.
    let tools = std::fs::read_to_string(dir.path().join("tools.conf")).unwrap();
    assert!(
        tools.contains("[normalization]\nsitrep\t<URL>:file:///"),
        "{tools}"
    );
    // ...and so are the outside databases of the entity's external ids.
    assert!(
        tools.contains("\nWikidata\t<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s\n"),
        "{tools}"
    );
    assert!(
        tools.contains("\nLocal-Registry\t<URL>:file:///"),
        "{tools}"
    );
    assert!(
        ann1.contains("\tReference T5 Wikidata:Q999201\tSyrian Civil Defence\n"),
        "{ann1}"
    );
    let table = std::fs::read_to_string(dir.path().join("sitrep.tsv")).unwrap();
    assert_eq!(
        table,
        "ent-1\tname:Name:Syrian Civil Defence\tinfo:Identifier:Wikidata:Q999201\t\
         info:Identifier:Local-Registry:SCD/7\tinfo:Tag:Actor\n"
    );
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    for needle in [
        "[entities]\nActor\nLocation\nClaim\nWeapon_type\n",
        "[relations]",
        "[events]",
        "[attributes]",
        "Status\tArg:Claim, Value:reported|confirmed|denied|disputed",
    ] {
        assert!(conf.contains(needle), "{needle:?} missing from\n{conf}");
    }

    let mut back = target_project();
    let report = import_brat_dir(&mut back, dir.path(), &TypeMap::new()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.tags_created.is_empty());
    assert_eq!(span_set(&back), span_set(&source));
    assert!(validate(&back).is_empty(), "{:?}", validate(&back));

    // Notes (on one line, as brat needs), entity links and the claim's details come back.
    let claim = back
        .annotations
        .iter()
        .find(|a| a.exact == "rescue teams recovered six bodies")
        .unwrap();
    assert_eq!(claim.note, "count from the first statement");
    let details = claim.claim.as_ref().unwrap();
    assert_eq!(details.status, ClaimStatus::Disputed);
    let source_entity = back.entity(details.source.as_deref().unwrap()).unwrap();
    assert_eq!(source_entity.name, "Syrian Civil Defence");
    let linked: Vec<_> = back
        .annotations
        .iter()
        .filter(|a| a.entity.as_deref() == Some(source_entity.id.as_str()))
        .map(|a| a.exact.as_str())
        .collect();
    assert_eq!(linked, vec!["Syrian Civil Defence", "Civil Defence"]);
    assert_eq!(source_entity.aliases, vec!["Civil Defence".to_owned()]);
    // The outside ids come back; Sitrep's own `sitrep:ent-1` does not become one.
    assert_eq!(
        source_entity.external_ids,
        vec![
            "Wikidata:Q999201".to_owned(),
            "Local-Registry:SCD/7".to_owned()
        ]
    );

    // The undo edit takes the whole import out again.
    back.apply(report.undo()).unwrap();
    assert_eq!(back, target_project_like(&back));
}

/// An empty project with the same name, times and tags as `p`.
fn target_project_like(p: &Project) -> Project {
    let mut empty = target_project();
    empty.created = p.created;
    empty.modified = p.modified;
    empty.next_ids = p.next_ids.clone();
    empty
}

#[test]
fn conll_style_brat_lands_on_the_right_chars() {
    let mut p = Project::new("conll");
    let map = TypeMap::parse("PER=actor,ORG=actor,LOC=location,MISC=claim").unwrap();
    let report = import_brat_dir(&mut p, Path::new("tests/data/brat/conll"), &map).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.articles, 1);
    let got: Vec<(&str, usize, usize, &str)> = p
        .annotations
        .iter()
        .map(|a| (a.tag.as_str(), a.start.0, a.end.0, a.exact.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("actor", 0, 12, "Zoë Ångström"),
            ("actor", 16, 32, "Société Générale"),
            ("actor", 37, 50, "Renee\u{301} Dubois"),
            ("location", 54, 59, "Malmö"),
            ("location", 64, 73, "São Paulo"),
            ("claim", 88, 95, "Mundial"),
            ("actor", 97, 110, "José Martínez"),
            ("actor", 112, 122, "Banco Itaú"),
            ("location", 132, 138, "Zürich"),
        ]
    );
    assert!(validate(&p).is_empty());
}

#[test]
fn hand_written_brat_keeps_what_it_can_and_reports_the_rest() {
    let mut p = Project::new("messy");
    let map = TypeMap::parse("ORG=actor,LOC=location").unwrap();
    let report = import_brat_dir(&mut p, Path::new("tests/data/brat/messy"), &map).unwrap();
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));

    // Comment (line 8) and blank line (16) are skipped quietly; the `Negation` attribute (13),
    // the `Located` relation (15) and the event (17) are kept as note lines and the
    // equivalence (18) as one entity; every unusable line is reported with its file and number.
    assert_eq!(
        warning_lines(&report),
        vec![19, 20, 21, 22, 23, 24, 25],
        "{:#?}",
        report.warnings
    );
    assert!(report.warnings.iter().all(|w| w.file == "messy.ann"));
    let msg = |line| {
        report
            .warnings
            .iter()
            .find(|w| w.line == Some(line))
            .unwrap()
            .to_string()
    };
    assert!(msg(19).contains("not whole numbers"));
    assert!(msg(20).contains("beyond the end"));
    assert!(msg(21).contains("does not match"));
    assert!(msg(22).contains("unrecognised line"));
    assert!(msg(23).contains("E2: its trigger is not a text-bound annotation"));
    assert!(msg(24).contains("relation `Located Arg1:T1 Arg2:T42` does not join"));
    assert!(msg(25).contains("equivalence needs two or more"));

    let got: Vec<(&str, usize, usize, &str)> = p
        .annotations
        .iter()
        .map(|a| (a.tag.as_str(), a.start.0, a.end.0, a.exact.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("actor", 16, 30, "Northern Front"),
            // Fragments separated only by a line break become one span.
            (
                "claim",
                31,
                67,
                "shelled Kafr Nabl 🏚\u{fe0f} on Tuesday,\nthe"
            ),
            ("location", 39, 48, "Kafr Nabl"),
            ("actor", 68, 76, "ministry"),
            ("actor", 83, 92, "The Front"),
            // Fragments with words between them stay apart.
            ("claim", 125, 134, "12 people"),
            ("claim", 140, 146, "killed"),
            ("weapon", 152, 163, "Grad rocket"),
        ]
    );
    // The unmapped type became a custom tag rather than being dropped.
    assert_eq!(report.tags_created, vec!["weapon".to_owned()]);
    assert_eq!(p.tag("weapon").unwrap().label, "Weapon");

    let by_text = |t: &str| p.annotations.iter().find(|a| a.exact == t).unwrap();
    assert_eq!(
        by_text("Kafr Nabl").note,
        "village in Idlib; confirm spelling\nNegation"
    );
    // A typed link between two mentions is a relation now, with its type added to the project.
    assert_eq!(by_text("Northern Front").note, "");
    let located = p
        .relations
        .iter()
        .find(|r| r.kind == "Located")
        .expect("the R line became a relation");
    assert_eq!(
        (
            p.annotation(&located.from).unwrap().exact.as_str(),
            p.annotation(&located.to).unwrap().exact.as_str()
        ),
        ("Northern Front", "Kafr Nabl")
    );
    assert!(p.relation_type("Located").is_some());
    assert_eq!(
        by_text("shelled Kafr Nabl 🏚\u{fe0f} on Tuesday,\nthe").note,
        "Attack: Agent “Northern Front”, Place “Kafr Nabl”"
    );
    // Two N lines with one reference give one entity, with the other spelling as an alias.
    let front = by_text("Northern Front").entity.clone().unwrap();
    assert_eq!(
        p.entity(&front).unwrap().external_ids,
        vec!["Wikidata:Q999001".to_owned()]
    );
    assert_eq!(by_text("The Front").entity.as_deref(), Some(front.as_str()));
    assert_eq!(
        p.entity(&front).unwrap().aliases,
        vec!["The Front".to_owned()]
    );
    // Status from the A line, source from the R line (its mention had no N line, so an entity
    // was made from its text).
    let claim = by_text("shelled Kafr Nabl 🏚\u{fe0f} on Tuesday,\nthe")
        .claim
        .clone()
        .unwrap();
    assert_eq!(claim.status, ClaimStatus::Denied);
    let source = p.entity(claim.source.as_deref().unwrap()).unwrap();
    assert_eq!(
        (source.name.as_str(), source.tag.as_str()),
        ("ministry", "actor")
    );
    assert_eq!(report.entities, 2);
    assert_eq!(
        report.notes, 3,
        "the Located line is a relation, not a note"
    );
    assert_eq!(report.relations, 1);
    assert_eq!(report.claim_details, 2);

    // Importing the same corpus again finds its article and its spans: nothing is added,
    // no note is repeated, and the project is unchanged.
    let before = p.clone();
    let again = import_brat_dir(&mut p, Path::new("tests/data/brat/messy"), &map).unwrap();
    assert_eq!((again.articles, again.annotations), (0, 0));
    assert_eq!(again.articles_matched, 1);
    assert_eq!(again.annotations_present, 8);
    assert_eq!((again.notes, again.entities), (0, 0));
    assert_eq!(p.articles, before.articles);
    assert_eq!(p.annotations, before.annotations);
    assert_eq!(p.entities, before.entities);
}

#[test]
fn brat_offsets_on_a_crlf_text_count_the_carriage_returns() {
    let mut p = Project::new("crlf");
    let map = TypeMap::parse("PER=actor,ORG=actor,LOC=location,MISC=claim").unwrap();
    let report = import_brat_dir(&mut p, Path::new("tests/data/brat/crlf"), &map).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let article = &p.articles[0];
    assert!(!article.text.contains('\r'));
    assert_eq!(article.text, normalize_newlines(MARKET_CRLF));
    assert_eq!(article.imported_from.as_deref(), Some("market-blast.txt"));
    let got: Vec<(&str, usize, usize, &str)> = p
        .annotations
        .iter()
        .map(|a| (a.tag.as_str(), a.start.0, a.end.0, a.exact.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("claim", 5, 22, "2024-02-05\nMarket"),
            ("location", 128, 135, "Sarmada"),
            ("location", 137, 142, "سرمدا"),
            ("actor", 167, 187, "Syrian Civil Defence"),
            ("actor", 389, 402, "Ahmad Kha\u{301}lid"),
            ("claim", 588, 603, "two children 👧🏽"),
        ]
    );
    assert_eq!(p.annotations[4].note, "pharmacist");
}

#[test]
fn importing_an_export_into_its_own_project_changes_nothing() {
    let mut p = fixture();
    let before = p.clone();
    let dir = tempfile::tempdir().unwrap();
    write_brat(&p, dir.path()).unwrap();
    let report = import_brat_dir(&mut p, dir.path(), &TypeMap::new()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        (
            report.articles,
            report.annotations,
            report.entities,
            report.notes
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(report.articles_matched, before.articles.len());
    assert_eq!(report.annotations_present, before.annotations.len());
    assert_eq!(p.articles, before.articles);
    assert_eq!(p.annotations, before.annotations);
    assert_eq!(p.entities, before.entities);
    assert!(report.summary().contains("2 texts already in the project"));

    let jsonl = to_doccano(&p).unwrap();
    let report = import_doccano_str(&mut p, "out.jsonl", &jsonl, &TypeMap::new()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!((report.articles, report.annotations), (0, 0));
    assert_eq!(report.annotations_present, before.annotations.len());
    assert_eq!(p.annotations, before.annotations);
}

#[test]
fn a_re_import_adds_only_what_is_new_to_the_matching_article() {
    let mut p = target_project();
    let first = "{\"text\": \"Shelling hit Ariha and Saraqib.\", \"label\": [[13, 18, \"LOC\"]]}";
    import_doccano_str(&mut p, "a.jsonl", first, &TypeMap::new()).unwrap();
    let second = "{\"text\": \"Shelling hit Ariha and Saraqib.\", \"label\": [[13, 18, \"LOC\"], [23, 30, \"LOC\"]]}\n\
                  {\"text\": \"Another report.\", \"label\": []}";
    let report = import_doccano_str(&mut p, "b.jsonl", second, &TypeMap::new()).unwrap();
    assert_eq!((report.articles, report.articles_matched), (1, 1));
    assert_eq!((report.annotations, report.annotations_present), (1, 1));
    assert_eq!(p.articles.len(), 2);
    let spans: Vec<&str> = p.annotations.iter().map(|a| a.exact.as_str()).collect();
    assert_eq!(spans, vec!["Ariha", "Saraqib"]);
    assert!(validate(&p).is_empty());
}

#[test]
fn doccano_round_trip_keeps_spans() {
    let source = fixture();
    let jsonl = to_doccano(&source).unwrap();
    assert_eq!(jsonl.lines().count(), 2);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], source.articles[0].text.as_str());
    assert!(first["label"][0][2].is_string());

    let mut back = target_project();
    let report = import_doccano_str(&mut back, "out.jsonl", &jsonl, &TypeMap::new()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(span_set(&back), span_set(&source));
    assert_eq!(back.articles[0].title, "Article art-1");
    assert!(validate(&back).is_empty());
}

#[test]
fn doccano_import_reads_both_forms_maps_crlf_and_reports_bad_lines() {
    // Offsets count the CR of each CRLF, as the other tool saw the text.
    let jsonl = concat!(
        r#"{"id": 7, "text": "Zoë 😀\r\nmet Ångström\r\nin Malmö", "label": [[0, 3, "PER"], [11, 19, "PER"], [24, 29, "LOC"], [3, 2, "PER"], [0, 99, "PER"], "positive"]}"#,
        "\n",
        "\n",
        "not json\n",
        r#"{"data": "Kafr Nabl", "entities": [{"start_offset": 0, "end_offset": 9, "label": "GPE"}, {"start_offset": 0}]}"#,
        "\n",
        r#"{"label": []}"#,
        "\n",
    );
    let mut p = Project::new("d");
    let map = TypeMap::parse("PER=actor,LOC=location").unwrap();
    let report = import_doccano_str(&mut p, "in.jsonl", jsonl, &map).unwrap();
    assert_eq!(report.articles, 2);
    assert_eq!(p.articles[0].text, "Zoë 😀\nmet Ångström\nin Malmö");
    let got: Vec<(&str, usize, usize, &str)> = p
        .annotations
        .iter()
        .map(|a| (a.tag.as_str(), a.start.0, a.end.0, a.exact.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("actor", 0, 3, "Zoë"),
            ("actor", 10, 18, "Ångström"),
            ("location", 22, 27, "Malmö"),
            ("gpe", 0, 9, "Kafr Nabl"),
        ]
    );
    assert_eq!(report.tags_created, vec!["gpe".to_owned()]);
    assert_eq!(
        warning_lines(&report),
        vec![1, 1, 1, 3, 4, 5],
        "{:#?}",
        report.warnings
    );
    assert!(validate(&p).is_empty());
}

#[test]
fn every_w3c_position_selector_matches_its_quote() {
    let project = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonld");
    let total = write_w3c(&project, &path).unwrap();
    assert_eq!(total, project.annotations.len());
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), project.annotations.len());
    // The linked entity's Wikidata id is an identifying body too (the local registry's is not:
    // it has no IRI).
    let text = value.to_string();
    assert!(text.contains("\"id\":\"http://www.wikidata.org/entity/Q999201\""));
    assert!(!text.contains("SCD/7"));
    for item in items {
        assert_eq!(item["type"], "Annotation");
        let source = item["target"]["source"].as_str().unwrap();
        let id = source.strip_prefix("urn:sitrep:article:").unwrap();
        let article = project.article(id).unwrap();
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let pos = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (start, end) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        let chars: Vec<char> = article.text.chars().collect();
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(quote["exact"].as_str().unwrap(), slice);
        let before: String = chars[start.saturating_sub(32)..start].iter().collect();
        let after: String = chars[end..(end + 32).min(chars.len())].iter().collect();
        assert_eq!(quote["prefix"].as_str().unwrap(), before);
        assert_eq!(quote["suffix"].as_str().unwrap(), after);
        let body = item["body"].as_array().unwrap();
        assert!(
            body.iter()
                .any(|b| b["purpose"] == "tagging" && b["value"].is_string())
        );
    }
    // A linked mention carries an identifying body, a note a commenting one.
    let all = to_w3c(&project).to_string();
    assert!(all.contains(r#""purpose":"identifying","source":{"id":"urn:sitrep:entity:ent-1","label":"Syrian Civil Defence"}"#));
    assert!(all.contains(r#""purpose":"commenting","value":"count from the\nfirst statement""#));
}

/// Spans whose first and last chars are not whitespace: what tagging in Sitrep makes (a span
/// that starts or ends on a line break loses that break in brat's fragments).
fn trimmed_spans(text: &str) -> Vec<CharSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        if chars[start].is_whitespace() {
            continue;
        }
        for end in start + 1..=chars.len().min(start + 40) {
            if !chars[end - 1].is_whitespace() {
                out.push(CharSpan::new(start, end));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_spans_survive_brat_doccano_and_w3c(picks in prop::collection::vec((0usize..2, any::<prop::sample::Index>(), 0usize..4), 1..12)) {
        let mut p = Project::new("prop");
        p.tags = tags_with_custom();
        let market = normalize_newlines(MARKET_CRLF);
        let texts = [market.as_str(), MIXED];
        for (i, text) in texts.iter().enumerate() {
            p.apply(Edit::InsertArticle { index: i, article: Article::new(format!("art-{}", i + 1), "t", *text) }).unwrap();
        }
        let spans: Vec<Vec<CharSpan>> = texts.iter().map(|t| trimmed_spans(t)).collect();
        let tags = ["actor", "location", "claim", "weapon"];
        let mut seen = std::collections::HashSet::new();
        for (art, idx, tag) in picks {
            let span = *idx.get(&spans[art]);
            // The workbench never makes the same span twice with one tag, and brat import
            // reports such a twin as a duplicate: pick each (article, span, tag) once.
            if !seen.insert((art, span, tag)) {
                continue;
            }
            let ann = p.make_annotation(&format!("art-{}", art + 1), span, tags[tag]).unwrap();
            p.apply(Edit::InsertAnnotation(ann)).unwrap();
        }

        let brat = to_brat(&p);
        let mut back = target_project();
        for doc in &brat.documents {
            let report = import_brat_document(&mut back, &doc.name, &doc.txt, &doc.ann, &TypeMap::new()).unwrap();
            prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        }
        prop_assert_eq!(span_set(&back), span_set(&p));

        let mut back = target_project();
        let jsonl = to_doccano(&p).unwrap();
        let report = import_doccano_str(&mut back, "x.jsonl", &jsonl, &TypeMap::new()).unwrap();
        prop_assert!(report.warnings.is_empty());
        prop_assert_eq!(span_set(&back), span_set(&p));

        // W3C carries no text: its annotations go back onto the same articles.
        let mut back = p.clone();
        back.annotations.clear();
        let collection = to_w3c(&p).to_string();
        let report = sitrep::io::formats::w3c::import_w3c_str(&mut back, "x.jsonld", &collection, &TypeMap::new()).unwrap();
        prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        prop_assert_eq!(span_set(&back), span_set(&p));
    }
}

#[test]
fn format_entry_points_export_every_format_and_import_brat_and_doccano() {
    use sitrep::io::FileKind;
    use sitrep::io::corpus::import_path;
    use sitrep::io::formats::{Format, InteropError};
    let project = fixture();
    let dir = tempfile::tempdir().unwrap();
    let brat_dir = dir.path().join("brat");
    let jsonl = dir.path().join("out.jsonl");
    let jsonld = dir.path().join("out.jsonld");
    for (format, out) in [("brat", &brat_dir), ("doccano", &jsonl), ("w3c", &jsonld)] {
        let format: Format = format.parse().unwrap();
        assert!(format.is_annotation_format() && format.imports());
        let said = format.export(&project, out).unwrap().summary;
        assert!(said.contains("code points"), "{said}");
    }
    assert!(!"csv".parse::<Format>().unwrap().is_annotation_format());
    assert!("xml".parse::<Format>().is_err());

    let map = TypeMap::new();
    for path in [&brat_dir, &jsonl] {
        assert!(FileKind::of(path).is_annotation_data());
        let mut back = target_project();
        let report = import_path(&mut back, path, &map).unwrap();
        assert_eq!(report.articles, 2);
        assert_eq!(span_set(&back), span_set(&project));
        let said = report.summary();
        assert!(said.contains("2 articles"), "{said}");
    }
    // A single .ann (or its .txt) imports one document; plain files are left to the importer.
    let one = std::fs::read_dir(&brat_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let mut back = target_project();
    let report = import_path(&mut back, &one, &map).unwrap();
    assert_eq!(report.articles, 1);
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "just text").unwrap();
    assert!(matches!(FileKind::of(&plain), FileKind::Article(_)));
    assert!(matches!(
        import_path(&mut back, &plain, &map),
        Err(InteropError::NotInterop(_))
    ));
}

#[test]
fn equivalences_share_an_entity_and_nested_events_name_their_triggers() {
    let txt = "Jabhat Tahrir fighters shelled Ariha. The Front said the attack answered a raid.";
    let ann = "T1\tORG 0 13\tJabhat Tahrir\n\
               T2\tORG 38 47\tThe Front\n\
               T3\tAttack 23 30\tshelled\n\
               T4\tLOC 31 36\tAriha\n\
               T5\tAttack 75 79\traid\n\
               *\tEquiv T1 T2\n\
               E1\tAttack:T5\n\
               E2\tAttack:T3 Agent:T1 Place:T4 Cause:E1\n\
               #1\tAnnotatorNotes E2\tsecond-hand account\n";
    let mut p = target_project();
    let map = TypeMap::parse("ORG=actor,LOC=location,Attack=claim").unwrap();
    let report = import_brat_document(&mut p, "raid", txt, ann, &map).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let by_text = |t: &str| p.annotations.iter().find(|a| a.exact == t).unwrap();
    let entity = by_text("Jabhat Tahrir").entity.clone().unwrap();
    assert_eq!(
        by_text("The Front").entity.as_deref(),
        Some(entity.as_str())
    );
    let entity = p.entity(&entity).unwrap();
    assert_eq!(entity.name, "Jabhat Tahrir");
    assert_eq!(entity.aliases, vec!["The Front".to_owned()]);
    // An event with no arguments adds nothing; the other names its arguments, the cause by
    // its trigger's text, and the note on the event reaches the trigger.
    assert_eq!(by_text("raid").note, "Attack");
    assert_eq!(
        by_text("shelled").note,
        "Attack: Agent “Jabhat Tahrir”, Place “Ariha”, Cause “raid”\nsecond-hand account"
    );
    assert!(validate(&p).is_empty());
}

/// The sections of a brat configuration file: section name → its non-comment lines.
fn conf_sections(conf: &str) -> std::collections::HashMap<String, Vec<String>> {
    let mut sections = std::collections::HashMap::new();
    let mut current = String::new();
    for line in conf.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_owned();
            sections.entry(current.clone()).or_insert_with(Vec::new);
        } else {
            sections
                .entry(current.clone())
                .or_insert_with(Vec::new)
                .push(line.to_owned());
        }
    }
    sections
}

/// The `Arg:`/`Value:`/`Arg1:` list of a configuration line, split at `|`.
fn conf_arg<'a>(line: &'a str, key: &str) -> Vec<&'a str> {
    line.split(['\t', ',', ' '])
        .find_map(|part| part.strip_prefix(key))
        .map(|list| list.split('|').collect())
        .unwrap_or_default()
}

#[test]
fn the_sample_projects_brat_export_obeys_its_own_configuration() {
    // The rules brat applies when it loads a document (its verify_annotations): every type,
    // attribute value, relation and normalisation database used is declared, each T line's
    // text is the .txt's text at its offsets, and no fragment holds a line break.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.sitrep");
    let project = sitrep::io::load_project(&sample).unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_brat(&project, dir.path()).unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let conf = conf_sections(&read("annotation.conf"));
    let tools = conf_sections(&read("tools.conf"));
    let entities: Vec<&str> = conf["entities"].iter().map(String::as_str).collect();
    let databases: Vec<&str> = tools["normalization"]
        .iter()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(databases, vec!["sitrep"]);
    let table = read("sitrep.tsv");

    let (mut spans, mut norms, mut attrs, mut rels) = (0, 0, 0, 0);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        let txt: Vec<char> = std::fs::read_to_string(path.with_extension("txt"))
            .unwrap()
            .chars()
            .collect();
        let ann = std::fs::read_to_string(&path).unwrap();
        let mut type_of = std::collections::HashMap::new();
        for line in ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let head: Vec<&str> = fields[1].split(' ').collect();
            match line.chars().next().unwrap() {
                'T' => {
                    spans += 1;
                    assert!(entities.contains(&head[0]), "{line}");
                    type_of.insert(fields[0], head[0]);
                    let offsets = fields[1].split_once(' ').unwrap().1;
                    let texts: Vec<String> = offsets
                        .split(';')
                        .map(|f| {
                            let (s, e) = f.split_once(' ').unwrap();
                            let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                            txt[s..e].iter().collect()
                        })
                        .collect();
                    assert!(texts.iter().all(|t| !t.contains('\n')), "{line}");
                    assert_eq!(texts.join(" "), fields[2], "{line}");
                }
                'N' => {
                    norms += 1;
                    let (db, id) = head[2].split_once(':').unwrap();
                    assert!(databases.contains(&db), "{line}");
                    assert!(
                        table.starts_with(&format!("{id}\t"))
                            || table.contains(&format!("\n{id}\t"))
                    );
                }
                'A' => {
                    attrs += 1;
                    let decl = conf["attributes"]
                        .iter()
                        .find(|d| d.split('\t').next() == Some(head[0]))
                        .unwrap_or_else(|| panic!("undeclared attribute: {line}"));
                    assert!(conf_arg(decl, "Arg:").contains(&type_of[head[1]]), "{line}");
                    assert!(conf_arg(decl, "Value:").contains(&head[2]), "{line}");
                }
                'R' => {
                    rels += 1;
                    let decl = conf["relations"]
                        .iter()
                        .find(|d| d.split('\t').next() == Some(head[0]))
                        .unwrap_or_else(|| panic!("undeclared relation: {line}"));
                    let arg1 = head[1].strip_prefix("Arg1:").unwrap();
                    assert!(conf_arg(decl, "Arg1:").contains(&type_of[arg1]), "{line}");
                }
                '#' => assert_eq!(head[0], "AnnotatorNotes"),
                _ => panic!("Sitrep wrote a line brat would not expect: {line}"),
            }
        }
    }
    assert_eq!(spans, project.annotations.len());
    assert!(norms > 0 && attrs > 0 && rels > 0, "{norms} {attrs} {rels}");
}

#[test]
fn doccano_relations_become_notes_on_their_from_span() {
    let line = r#"{"text": "Militia fighters shelled Ariha at dawn.", "entities": [{"id": 11, "start_offset": 0, "end_offset": 16, "label": "ORG"}, {"id": 12, "start_offset": 25, "end_offset": 30, "label": "LOC"}], "relations": [{"id": 3, "from_id": 11, "to_id": 12, "type": "attacked"}, {"id": 4, "from_id": 11, "to_id": 99, "type": "lost"}]}"#;
    let mut p = target_project();
    let map = TypeMap::parse("ORG=actor,LOC=location").unwrap();
    let report = import_doccano_str(&mut p, "rel.jsonl", line, &map).unwrap();
    assert_eq!(report.annotations, 2);
    assert_eq!(report.notes, 1);
    assert_eq!(warning_lines(&report), vec![1]);
    assert!(
        report.warnings[0]
            .message
            .contains("does not join two entities")
    );
    let fighters = p
        .annotations
        .iter()
        .find(|a| a.exact == "Militia fighters")
        .unwrap();
    assert_eq!(fighters.note, "attacked: “Ariha”");
    // Again: nothing doubles, the note is not repeated.
    let again = import_doccano_str(&mut p, "rel.jsonl", line, &map).unwrap();
    assert_eq!((again.annotations, again.notes), (0, 0));
    assert_eq!(p.annotations.len(), 2);
    assert!(validate(&p).is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_brat_folder_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Shelling hit Ariha.").unwrap();
    std::fs::write(dir.path().join("a.ann"), "T1\tLOC 13 18\tAriha\nbad line\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("again")).unwrap();
    let mut p = target_project();
    let report = import_brat_dir(&mut p, dir.path(), &TypeMap::new()).unwrap();
    assert_eq!((report.articles, report.annotations), (1, 1));
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
}

#[test]
fn w3c_export_comes_back_onto_the_same_articles() {
    let source = fixture();
    let collection = to_w3c(&source).to_string();
    let mut back = fixture();
    back.annotations.clear();
    let report = sitrep::io::formats::w3c::import_w3c_str(
        &mut back,
        "out.jsonld",
        &collection,
        &TypeMap::new(),
    )
    .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.tags_created.is_empty(), "{:?}", report.tags_created);
    assert_eq!(span_set(&back), span_set(&source));
    // Notes, entity links (the entity found again by its Wikidata id) and claim details too.
    for ann in &source.annotations {
        let twin = back
            .annotations
            .iter()
            .find(|a| a.span() == ann.span() && a.article == ann.article && a.tag == ann.tag)
            .unwrap();
        assert_eq!(twin.note.replace('\n', " "), ann.note.replace('\n', " "));
        assert_eq!(twin.entity, ann.entity, "{}", ann.exact);
        assert_eq!(twin.claim, ann.claim, "{}", ann.exact);
    }
    assert_eq!(back.entities, source.entities, "no entity was made twice");
    assert!(validate(&back).is_empty(), "{:?}", validate(&back));
    // Once is enough.
    let again = sitrep::io::formats::w3c::import_w3c_str(
        &mut back,
        "out.jsonld",
        &collection,
        &TypeMap::new(),
    )
    .unwrap();
    assert_eq!(
        (again.annotations, again.annotations_present),
        (0, source.annotations.len())
    );
}

#[test]
fn w3c_annotations_from_another_tool_are_placed_by_their_quote() {
    let text = "Shelling hit Ariha at dawn. Later, Ariha was quiet again.";
    let mut p = target_project();
    let mut article = Article::new("art-1", "Ariha", text);
    article.url = Some("https://news.example/ariha".into());
    p.apply(Edit::InsertArticle { index: 0, article }).unwrap();
    // Positions counted on the page's text (with a headline before it): all off by 40.
    let file = r#"[
      {"type": "Annotation",
       "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Location"},
                {"type": "TextualBody", "value": "the second mention"}],
       "target": {"source": "https://news.example/ariha/#main",
                  "selector": [{"type": "TextQuoteSelector", "exact": "Ariha", "prefix": "Later, ", "suffix": " was"},
                               {"type": "TextPositionSelector", "start": 75, "end": 80}]}},
      {"type": "Annotation", "bodyValue": "why at dawn?",
       "target": {"source": "https://news.example/ariha",
                  "selector": {"type": "TextQuoteSelector", "exact": "at dawn"}}},
      {"type": "Annotation", "target": "https://news.example/ariha"},
      {"type": "Annotation", "id": "urn:x:9",
       "target": {"source": "https://elsewhere.example/", "selector": {"type": "TextQuoteSelector", "exact": "Ariha"}}},
      {"type": "Annotation",
       "target": {"source": "https://news.example/ariha", "selector": {"type": "TextQuoteSelector", "exact": "Idlib"}}}
    ]"#;
    let report =
        sitrep::io::formats::w3c::import_w3c_str(&mut p, "h.json", file, &TypeMap::new()).unwrap();
    let got: Vec<(&str, usize, usize, &str, &str)> = p
        .annotations
        .iter()
        .map(|a| {
            (
                a.tag.as_str(),
                a.start.0,
                a.end.0,
                a.exact.as_str(),
                a.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("highlight", 19, 26, "at dawn", "why at dawn?"),
            ("location", 35, 40, "Ariha", "the second mention"),
        ]
    );
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].contains("annotation 3: its target names a whole document"));
    assert!(warnings[1].contains("annotation 4 (urn:x:9): no article of this project is"));
    assert!(warnings[2].contains("annotation 5: its quote \"Idlib\" is not in art-1"));
    assert_eq!(report.tags_created, vec!["highlight".to_owned()]);
    assert!(validate(&p).is_empty());
}
