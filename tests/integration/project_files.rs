//! Project files: round trips, and one hand-made broken file per validation rule
//! (tests/data/files), each asserting the message an analyst would see.

use std::path::{Path, PathBuf};

use sitrep::io::{
    LoadError, ParseError, load_project, parse_project, project_to_bytes, save_project,
};
use sitrep::model::Problem;

fn file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/files")
        .join(name)
}

/// Load a broken file and return every problem's message.
fn problems(name: &str) -> Vec<String> {
    match load_project(&file(name)) {
        Ok(_) => panic!("{name} loaded but is broken"),
        Err(err) => {
            assert!(
                !err.problems().is_empty(),
                "{name}: expected validation problems, got {err}"
            );
            err.problems().iter().map(Problem::to_string).collect()
        }
    }
}

/// Load a file that must fail before validation and return the whole message.
fn load_error(name: &str) -> String {
    match load_project(&file(name)) {
        Ok(_) => panic!("{name} loaded but is broken"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn valid_file_loads_and_saves_byte_identically() {
    let path = file("valid.sitrep");
    let original = std::fs::read(&path).expect("read");
    let project = load_project(&path).expect("valid file loads");
    assert_eq!(project.annotations.len(), 5);
    // The hand-made file is already in the canonical form, so saving changes nothing.
    let saved = project_to_bytes(&project).expect("serialise");
    assert_eq!(
        String::from_utf8_lossy(&saved),
        String::from_utf8_lossy(&original)
    );
}

#[test]
fn round_trip_through_a_real_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("copy.sitrep");
    let project = load_project(&file("valid.sitrep")).expect("valid file loads");
    save_project(&target, &project).expect("save");
    let first = std::fs::read(&target).expect("read");
    let reloaded = load_project(&target).expect("reload");
    assert_eq!(reloaded, project, "load(save(p)) == p");
    save_project(&target, &reloaded).expect("second save");
    assert_eq!(
        std::fs::read(&target).expect("read"),
        first,
        "second save is byte-identical"
    );
    // The atomic save leaves no temp files behind, only the file and its one-level backup.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .expect("entries");
    names.sort();
    assert_eq!(
        names,
        vec![
            std::ffi::OsString::from("copy.sitrep"),
            std::ffi::OsString::from("copy.sitrep.bak")
        ]
    );
}

#[test]
fn quote_mismatch_names_annotation_span_and_text() {
    assert_eq!(
        problems("quote-mismatch.sitrep"),
        [r#"annotation ann-7: quote "XXXXXXX" does not match the text at 512..519 ("Al-Tanf")"#]
    );
    // The whole load error names the file too.
    let msg = load_error("quote-mismatch.sitrep");
    assert!(
        msg.contains("quote-mismatch.sitrep: annotation ann-7"),
        "{msg}"
    );
}

#[test]
fn span_outside_the_text() {
    assert_eq!(
        problems("out-of-text.sitrep"),
        ["annotation ann-7: span 963..971 lies outside the text of article art-1 (966 chars)"]
    );
}

#[test]
fn start_not_before_end() {
    assert_eq!(
        problems("start-not-before-end.sitrep"),
        ["annotation ann-7: start 519 is not before end 512"]
    );
}

#[test]
fn bad_hash() {
    let found = problems("bad-hash.sitrep");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with(&format!(
            "article art-1: text_sha256 {} does not match the text (its hash is ",
            "0".repeat(64)
        )),
        "{found:?}"
    );
}

#[test]
fn duplicate_ids_of_every_kind() {
    assert_eq!(
        problems("duplicate-annotation-id.sitrep"),
        ["annotation ann-1: the id is used more than once"]
    );
    assert_eq!(
        problems("duplicate-article-id.sitrep"),
        ["article art-1: the id is used more than once"]
    );
    assert_eq!(
        problems("duplicate-entity-id.sitrep"),
        [
            "entity ent-1: the id is used more than once",
            // With ent-2 renamed, the references to it dangle as well.
            "annotation ann-3: entity \"ent-2\" does not exist",
            "annotation ann-4: claim source \"ent-2\" does not exist",
            "incident inc-1: actor \"ent-2\" does not exist",
        ]
    );
    assert_eq!(
        problems("duplicate-incident-id.sitrep"),
        ["incident inc-1: the id is used more than once"]
    );
}

#[test]
fn dangling_references_of_every_kind() {
    let cases = [
        (
            "dangling-annotation-article.sitrep",
            r#"annotation ann-7: article "art-9" does not exist"#,
        ),
        (
            "dangling-annotation-entity.sitrep",
            r#"annotation ann-7: entity "ent-9" does not exist"#,
        ),
        (
            "dangling-claim-source.sitrep",
            r#"annotation ann-4: claim source "ent-9" does not exist"#,
        ),
        (
            "dangling-entity-tag.sitrep",
            r#"entity ent-2: tag "weapon" does not exist"#,
        ),
        (
            "dangling-incident-location.sitrep",
            r#"incident inc-1: location "ent-9" does not exist"#,
        ),
        (
            "dangling-incident-actor.sitrep",
            r#"incident inc-1: actor "ent-9" does not exist"#,
        ),
        (
            "dangling-incident-evidence.sitrep",
            r#"incident inc-1: evidence "ann-99" does not exist"#,
        ),
    ];
    for (name, message) in cases {
        assert_eq!(problems(name), [message], "{name}");
    }
}

#[test]
fn unknown_tag_on_an_annotation() {
    assert_eq!(
        problems("unknown-tag.sitrep"),
        [r#"annotation ann-7: tag "weapon" does not exist"#]
    );
}

#[test]
fn newer_version_is_refused_and_left_alone() {
    let path = file("newer-version.sitrep");
    let before = std::fs::read(&path).expect("read");
    let err = load_project(&path).expect_err("newer version");
    assert!(matches!(
        err,
        LoadError::Parse {
            error: ParseError::NewerVersion {
                found: 2,
                supported: 1
            },
            ..
        }
    ));
    assert!(
        err.to_string().ends_with(
            "newer-version.sitrep: written by a newer Sitrep (file version 2; this program reads up to version 1); it was not changed"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn wrong_format_is_refused() {
    let msg = load_error("wrong-format.sitrep");
    assert!(
        msg.ends_with(
            r#"wrong-format.sitrep: this is a Sitrep incident file, not a project (format "sitrep/incident")"#
        ),
        "{msg}"
    );
}

#[test]
fn not_utf8_is_refused() {
    let msg = load_error("not-utf8.sitrep");
    assert!(
        msg.ends_with("not-utf8.sitrep: the file is not UTF-8 text (invalid byte at offset 75)"),
        "{msg}"
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let with_bom = load_project(&file("bom.sitrep")).expect("a BOM is fine");
    let without = load_project(&file("valid.sitrep")).expect("valid");
    assert_eq!(with_bom, without);
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let original = std::fs::read(file("unknown-fields.sitrep")).expect("read");
    let project = parse_project(&original).expect("unknown fields are fine");
    assert_eq!(
        project.extra.get("workflow").and_then(|w| w.get("stage")),
        Some(&"review".into())
    );
    let saved = project_to_bytes(&project).expect("serialise");
    let before: serde_json::Value = serde_json::from_slice(&original).expect("json");
    let after: serde_json::Value = serde_json::from_slice(&saved).expect("json");
    assert_eq!(before, after, "every unknown field is written back");
}

#[test]
fn json_errors_name_the_field() {
    let text = std::fs::read_to_string(file("valid.sitrep")).expect("read");
    let broken = text.replacen("\"start\": 57", "\"start\": \"57\"", 1);
    let err = parse_project(broken.as_bytes()).expect_err("a string offset");
    assert!(
        err.to_string()
            .starts_with("annotations[0].start: invalid type"),
        "{err}"
    );
}
