//! Guidelines: a tag's coding rule written in the Guidelines window is kept in the project
//! file, shown on the tag's button, and written into brat's annotation.conf as comments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::formats::brat::write_brat;
use sitrep::io::{parse_project, project_to_bytes};

#[test]
fn a_rule_written_in_the_guidelines_window_is_kept_and_exported() {
    let mut h = one_strike::window(one_strike::project(), [1400.0, 900.0]);
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("Guidelines").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::MultilineTextInput, "Location (L)")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::MultilineTextInput, "Location (L)")
        .type_text("A named place where the event happened, not a home town.");
    h.run_steps(3);
    let p = h.state().workbench().project().clone();
    let rule = &p.tag("location").unwrap().description;
    assert_eq!(
        rule,
        "A named place where the event happened, not a home town."
    );
    // One undo step for the burst of typing.
    h.state_mut().run(sitrep::workbench::Action::EndBurst);
    // (Ctrl+Z belongs to the field while it has the keyboard: undo through the workbench.)
    h.state_mut().run(sitrep::workbench::Action::Run(
        sitrep::workbench::Command::Undo,
    ));
    h.run_steps(2);
    assert!(
        h.state()
            .workbench()
            .project()
            .tag("location")
            .unwrap()
            .description
            .is_empty()
    );

    let back = parse_project(&project_to_bytes(&p).unwrap()).unwrap();
    assert_eq!(back.tag("location").unwrap().description, *rule);
    let dir = tempfile::tempdir().unwrap();
    write_brat(&p, dir.path()).unwrap();
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    assert!(
        conf.contains(
            "# Location: A named place where the event happened, not a home town.\nLocation"
        ),
        "{conf}"
    );
}
