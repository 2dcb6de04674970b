//! `sitrep export` and brat/doccano input to `sitrep new` / `sitrep import`, run in-process.

use std::path::Path;

use sitrep::io::load_project;

fn run(args: &[&str]) -> Result<String, String> {
    let mut out = Vec::new();
    let mut full = vec!["sitrep"];
    full.extend_from_slice(args);
    sitrep::cli::run(full, &mut out).map_err(|e| e.to_string())?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[test]
fn new_from_brat_export_each_format_and_import_doccano_back() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("conll.sitrep");
    let p = project.to_str().unwrap();
    let said = run(&[
        "new",
        p,
        "tests/data/brat/conll",
        "--map",
        "PER=actor,ORG=actor,LOC=location,MISC=claim",
    ])
    .unwrap();
    assert!(said.contains("1 article, 9 annotations"), "{said}");
    let loaded = load_project(&project).unwrap();
    assert_eq!(loaded.annotations.len(), 9);
    assert_eq!(
        loaded.tags.len(),
        3,
        "everything was mapped onto the built-in tags"
    );

    let brat = dir.path().join("brat");
    let jsonl = dir.path().join("out.jsonl");
    let jsonld = dir.path().join("out.jsonld");
    for (format, out) in [("brat", &brat), ("doccano", &jsonl), ("w3c", &jsonld)] {
        let said = run(&[
            "export",
            p,
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        assert!(said.contains("code points"), "{said}");
        assert!(out.exists());
    }
    assert!(brat.join("annotation.conf").is_file());

    // `--out -`: a file format on standard output, nothing else printed; a folder format no.
    let printed = run(&["export", p, "--format", "w3c", "--out", "-"]).unwrap();
    let value: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["total"], 9);
    let printed = run(&["export", p, "--format", "doccano", "--out", "-"]).unwrap();
    assert_eq!(printed, std::fs::read_to_string(&jsonl).unwrap());
    let printed = run(&["export", p, "--format", "csv", "--out", "-"]).unwrap();
    assert!(
        printed.starts_with("event_id_cnty,event_date,year,"),
        "{printed}"
    );
    let err = run(&["export", p, "--format", "brat", "--out", "-"]).unwrap_err();
    assert!(err.contains("writes a folder of files"), "{err}");
    assert!(!Path::new("-").exists());
    assert!(run(&["export", p, "--format", "xml", "--out", "x"]).is_err());

    // Unmapped brat types become custom tags; bad lines are reported, the rest is kept.
    let said = run(&[
        "import",
        p,
        "tests/data/brat/messy",
        "--map",
        "ORG=actor,LOC=location",
    ])
    .unwrap();
    assert!(said.contains("warning: messy.ann:19:"), "{said}");
    assert!(said.contains("new tags: weapon"), "{said}");
    // The doccano export of the first article comes back onto that article: nothing doubles.
    let said = run(&["import", p, jsonl.to_str().unwrap()]).unwrap();
    assert!(said.contains("0 articles, 0 annotations"), "{said}");
    assert!(said.contains("9 spans already annotated"), "{said}");
    let loaded = load_project(&project).unwrap();
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(loaded.annotations.len(), 9 + 8);

    // W3C annotations go onto the articles a project holds, and `import` saves them although
    // no article was added.
    let bare = dir.path().join("bare.sitrep");
    let mut stripped = loaded.clone();
    stripped.annotations.clear();
    stripped.relations.clear();
    sitrep::io::save_project(&bare, &stripped).unwrap();
    let said = run(&["import", bare.to_str().unwrap(), jsonld.to_str().unwrap()]).unwrap();
    assert!(said.contains("0 articles, 9 annotations"), "{said}");
    assert_eq!(load_project(&bare).unwrap().annotations.len(), 9);
    assert!(Path::new(&project).is_file());
}

#[test]
fn a_bad_map_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("x.sitrep");
    let err = run(&[
        "new",
        project.to_str().unwrap(),
        "tests/data/brat/conll",
        "--map",
        "PER",
    ])
    .unwrap_err();
    assert!(err.contains("bad --map entry \"PER\""), "{err}");
    assert!(!project.exists());
}
