//! Helpers shared by the integration tests: small valid projects to save, load and break.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message
#![allow(dead_code)]

use sitrep::model::{CharSpan, Edit, Entity, Incident, Project};

/// A valid project with one article, two annotations, an entity and an incident.
pub fn sample_project(name: &str) -> Project {
    let mut p = Project::new(name);
    let text = "Two aircraft struck a fuel convoy on the highway west of Al-Qa’im late on \
                Saturday, according to a local official. 😀 Four drivers were killed.";
    add_article(&mut p, "art-1", text);
    let ent = Entity::new("ent-1", "location", "Al-Qa'im");
    apply(
        &mut p,
        Edit::InsertEntity {
            index: 0,
            entity: ent,
        },
    );
    let loc = find(text, "Al-Qa’im");
    let mut ann = p
        .make_annotation("art-1", loc, "location")
        .expect("span on text");
    ann.entity = Some("ent-1".into());
    apply(&mut p, Edit::InsertAnnotation(ann));
    let claim = find(text, "Four drivers were killed");
    let ann = p
        .make_annotation("art-1", claim, "claim")
        .expect("span on text");
    apply(&mut p, Edit::InsertAnnotation(ann));
    let mut inc = Incident::new("inc-1", "Air strike on fuel convoy");
    inc.location = Some("ent-1".into());
    inc.evidence = vec!["ann-1".into()];
    apply(
        &mut p,
        Edit::InsertIncident {
            index: 0,
            incident: inc,
        },
    );
    p
}

/// A valid project of roughly `megabytes` MB: long articles with many annotations.
pub fn large_project(name: &str, megabytes: usize) -> Project {
    let mut p = Project::new(name);
    let sentence = "Shelling hit the market in Kherson on Monday, officials said. ";
    let per_article = 200_000;
    let articles = (megabytes * 1_000_000 / per_article).max(1);
    for a in 0..articles {
        let mut text = String::with_capacity(per_article + 100);
        while text.len() < per_article {
            text.push_str(sentence);
        }
        let id = format!("art-{}", a + 1);
        add_article(&mut p, &id, &text);
        // One annotation every 50 sentences keeps the annotation list meaningful.
        let step = sentence.chars().count() * 50;
        let mut at = 27;
        let mut edits = Vec::new();
        while at + 7 < text.len() {
            if let Ok(ann) = p.make_annotation(&id, CharSpan::new(at, at + 7), "location") {
                edits.push(Edit::InsertAnnotation(ann));
            }
            at += step;
        }
        apply(&mut p, Edit::Batch(edits));
    }
    // Fixed times, so that two processes building this project get equal values.
    let fixed = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    p.created = fixed;
    p.modified = fixed;
    for ann in &mut p.annotations {
        ann.created = fixed;
    }
    p
}

/// Insert an article with this id and text at the end.
pub fn add_article(p: &mut Project, id: &str, text: &str) {
    let article = sitrep::model::Article::new(id, format!("Article {id}"), text);
    let index = p.articles.len();
    apply(p, Edit::InsertArticle { index, article });
}

/// The char span of the first occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str) -> CharSpan {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

/// Apply an edit the test knows to be valid.
pub fn apply(p: &mut Project, edit: Edit) {
    p.apply(edit).expect("edit applies");
}

/// The names of the files in a folder, sorted.
pub fn list_dir(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Run the built `sitrep` binary with `args`, with no analyst from the environment.
pub fn sitrep(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("SITREP_ANALYST")
        .output()
        .expect("the binary runs")
}

/// Exit code 1 and exactly one line on standard error; returns it.
pub fn refused(o: &std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}
