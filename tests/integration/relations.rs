//! Relations between spans: made with R and a click or through the workbench, refused when
//! they make no sense, removed with their annotation (and back with undo), kept in the project
//! file, and carried by brat (`R` lines, both ways) and W3C (linking annotations).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{By, Queryable as _};
use sitrep::io::formats::TypeMap;
use sitrep::io::formats::brat::{import_brat_dir, write_brat};
use sitrep::io::formats::w3c::to_w3c;
use sitrep::io::{parse_project, project_to_bytes};
use sitrep::model::{Edit, Project, validate};
use sitrep::workbench::dialogs::NoDialogs;
use sitrep::workbench::{Action, Command, Level, Workbench};

/// Ids of art-3's mentions: the Eastern Brigade, Husaybah, the Northern Front.
fn art3(p: &Project) -> (String, String, String) {
    let a = p.annotations_slice("art-3");
    (a[0].id.clone(), a[1].id.clone(), a[2].id.clone())
}

#[test]
fn relations_are_made_refused_removed_with_their_annotation_and_kept() {
    let p = one_strike::project();
    let (east, place, north) = art3(&p);
    let mut wb = Workbench::new(p, None);
    wb.run(
        Action::AddRelation {
            kind: "attacked".into(),
            from: north.clone(),
            to: east.clone(),
        },
        &mut NoDialogs,
    );
    assert_eq!(
        wb.status().text,
        "“Northern Front” attacked “Eastern Brigade”"
    );
    for (kind, from, to, says) in [
        (
            "attacked",
            &north,
            &east,
            "the same relation exists already",
        ),
        ("attacked", &north, &north, "cannot be related to itself"),
        ("bombed", &north, &place, "no relation type \"bombed\""),
    ] {
        wb.run(
            Action::AddRelation {
                kind: kind.into(),
                from: from.clone(),
                to: to.clone(),
            },
            &mut NoDialogs,
        );
        assert_eq!(wb.status().level, Level::Warning);
        assert!(wb.status().text.contains(says), "{}", wb.status().text);
    }
    assert_eq!(wb.project().relations.len(), 1);
    let bytes = project_to_bytes(wb.project()).unwrap();
    let back = parse_project(&bytes).unwrap();
    assert_eq!(back.relations, wb.project().relations);
    assert_eq!(back.relation_types, wb.project().relation_types);

    // Deleting an end takes the relation along; undo brings both back.
    wb.view_mut().selected_annotation = Some(east.clone());
    wb.run(Action::Run(Command::DeleteAnnotation), &mut NoDialogs);
    assert!(wb.project().relations.is_empty());
    assert!(validate(wb.project()).is_empty());
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.project().relations.len(), 1);

    // A file whose relation points nowhere is refused on load.
    let text = String::from_utf8(bytes).unwrap();
    let broken = text.replacen(&format!("\"to\": \"{east}\""), "\"to\": \"ann-999\"", 1);
    let err = parse_project(broken.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("there is no annotation ann-999"), "{err}");
}

#[test]
fn r_then_a_click_links_two_annotations_and_the_inspector_lists_it() {
    let p = one_strike::project();
    let (east, _, north) = art3(&p);
    let mut h = one_strike::window(p, [1400.0, 1100.0]);
    h.state_mut().run(Action::SelectAnnotation(north.clone()));
    h.run_steps(2);
    h.key_press(Key::R);
    h.run_steps(2);
    h.get_by_label("Click the annotation it points to, in the text or the list.");
    // The target picked in the annotation list.
    h.get_by_label("Actor · Eastern Brigade").scroll_to_me();
    h.run_steps(3);
    // The row, not its tick box (which the row's text labels).
    h.get(
        By::new()
            .label("Actor · Eastern Brigade")
            .include_labels()
            .predicate(|n| n.role() != Role::CheckBox),
    )
    .click();
    h.run_steps(3);
    let rels = h.state().workbench().project().relations.clone();
    assert_eq!(rels.len(), 1);
    assert_eq!(
        (rels[0].from.as_str(), rels[0].to.as_str()),
        (north.as_str(), east.as_str())
    );
    assert_eq!(rels[0].kind, "attacked");
    h.get_by_label("attacked “Eastern Brigade”").click();
    h.run_steps(3);
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(east.as_str())
    );
    h.get_by_label("“Northern Front” attacked this");
}

#[test]
fn brat_carries_relations_both_ways_and_w3c_writes_them_as_links() {
    let mut p = one_strike::project();
    let (east, place, north) = art3(&p);
    for (kind, from, to) in [("attacked", &north, &east), ("located_in", &east, &place)] {
        let edit = p.relation_edit(kind, from, to).unwrap();
        p.apply(edit).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    write_brat(&p, dir.path()).unwrap();
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    assert!(
        conf.contains("\nattacked\tArg1:<ENTITY>, Arg2:<ENTITY>\n"),
        "{conf}"
    );
    let ann_file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "ann") && p.to_string_lossy().contains("art-3")
        })
        .unwrap();
    let ann = std::fs::read_to_string(&ann_file).unwrap();
    assert!(ann.contains("\tattacked Arg1:T3 Arg2:T1\n"), "{ann}");
    assert!(ann.contains("\tlocated_in Arg1:T1 Arg2:T2\n"), "{ann}");

    let mut fresh = Project::new("back");
    fresh.relation_types.clear();
    let report = import_brat_dir(&mut fresh, dir.path(), &TypeMap::new()).unwrap();
    assert_eq!(report.relations, 2, "{:?}", report.warnings);
    assert!(report.summary().contains("2 relations"));
    let ids: Vec<&str> = fresh.relation_types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["attacked", "located_in"],
        "types the project lacked are added"
    );
    let quotes: Vec<(String, String, String)> = fresh
        .relations
        .iter()
        .map(|r| {
            let q = |id: &str| fresh.annotation(id).unwrap().exact.clone();
            (r.kind.clone(), q(&r.from), q(&r.to))
        })
        .collect();
    assert!(quotes.contains(&(
        "attacked".into(),
        "Northern Front".into(),
        "Eastern Brigade".into()
    )));
    assert!(quotes.contains(&(
        "located_in".into(),
        "Eastern Brigade".into(),
        "Husaybah".into()
    )));
    assert!(validate(&fresh).is_empty(), "{:?}", validate(&fresh));

    let w3c = to_w3c(&p).to_string();
    assert!(w3c.contains("\"motivation\":\"linking\""));
    assert!(w3c.contains(&format!("urn:sitrep:annotation:{north}")));
}

#[test]
fn a_three_way_merge_keeps_both_sides_relations_sources_and_labels() {
    use sitrep::model::{DocLabel, Source};
    let base = one_strike::project();
    let (east, place, north) = art3(&base);
    let mut ours = base.clone();
    ours.apply(Edit::SetSources(vec![Source::new("Valley Courier")]))
        .unwrap();
    let edit = ours.relation_edit("attacked", &north, &east).unwrap();
    ours.apply(edit).unwrap();
    let mut theirs = base.clone();
    theirs.analyst = Some("rana".into());
    theirs
        .apply(Edit::SetDocLabels(vec![DocLabel::with_values(
            "relevant",
            "Relevant",
            &["yes", "no"],
        )]))
        .unwrap();
    let edit = theirs.relation_edit("located_in", &east, &place).unwrap();
    theirs.apply(edit).unwrap();
    let merged = sitrep::team::merge(&base, &ours, &theirs).project;
    let kinds: Vec<&str> = merged.relations.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, vec!["attacked", "located_in"]);
    let ids: std::collections::HashSet<&str> =
        merged.relations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "no id twice");
    assert_eq!(merged.sources.len(), 1);
    assert_eq!(merged.doc_labels.len(), 1);
    assert!(validate(&merged).is_empty(), "{:?}", validate(&merged));

    // A relation removed on one side is gone after the merge.
    let mut base2 = merged.clone();
    base2.conflicts.clear();
    let mut ours2 = base2.clone();
    let first = ours2.relations[0].id.clone();
    ours2.apply(Edit::RemoveRelation { id: first }).unwrap();
    let merged2 = sitrep::team::merge(&base2, &ours2, &base2).project;
    assert_eq!(merged2.relations.len(), 1);
}

#[test]
fn a_project_from_before_relations_gets_the_default_types_with_its_first_relation() {
    let mut p = one_strike::project();
    p.relation_types.clear();
    let (east, _, north) = art3(&p);
    let mut wb = Workbench::new(p, None);
    wb.view_mut().selected_annotation = Some(north.clone());
    wb.run(Action::Run(Command::StartRelation), &mut NoDialogs);
    assert_eq!(wb.view().relation_from.as_deref(), Some(north.as_str()));
    wb.run(Action::SelectAnnotation(east.clone()), &mut NoDialogs);
    let p = wb.project();
    assert_eq!(p.relations.len(), 1, "{}", wb.status().text);
    assert_eq!(p.relations[0].kind, "attacked");
    assert_eq!(p.relation_types.len(), 3);
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(wb.project().relations.is_empty());
    assert!(
        wb.project().relation_types.is_empty(),
        "one undo step takes both back"
    );
}

#[test]
fn the_guidelines_window_adds_a_relation_type() {
    let mut h = one_strike::window(one_strike::project(), [1400.0, 1100.0]);
    h.state_mut().run(Action::Run(Command::ToggleGuidelines));
    h.run_steps(3);
    h.get_by_role_and_label(Role::TextInput, "New relation type")
        .scroll_to_me();
    h.run_steps(3);
    h.get_by_role_and_label(Role::TextInput, "New relation type")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "New relation type")
        .type_text("retaliated against");
    h.run_steps(2);
    h.get_by_label("Add type").click();
    h.run_steps(3);
    let t = h
        .state()
        .workbench()
        .project()
        .relation_type("retaliated_against")
        .cloned();
    assert_eq!(t.map(|t| t.label), Some("retaliated against".to_owned()));
}
