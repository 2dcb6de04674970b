//! PDF and DOCX articles through every door: the importer, the real `sitrep new` and
//! `sitrep import`, and the workbench's Add article and drop. The files are built here with
//! lopdf and zip (the builders are the unit tests' own, included by path).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

#[path = "../../src/io/articles/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use fixtures::{Docx, Pdf, Piece, docx, pdf};
use sitrep::io::{import_file, load_project};
use sitrep::model::Project;
use sitrep::workbench::dialogs::{NoDialogs, ScriptedDialogs};
use sitrep::workbench::{Action, Command as WbCommand, Prompt, Workbench};

/// A bulletin in two columns, written the way some layout programs write them:
/// the content stream goes left line, right line, left line, ... A hyphen breaks "displaced"
/// at a line end; the running header and the page number repeat on both pages.
fn bulletin() -> Vec<u8> {
    let mut first = vec![
        Piece::Text(72.0, 800.0, "UNIT 7 BULLETIN"),
        Piece::Text(72.0, 760.0, "Market shelled in the east"),
    ];
    let rows = [
        ("Artillery fire struck the", "Aid groups reported that"),
        ("market at dawn and dis-", "roads to the city were"),
        ("placed dozens of families.", "closed by checkpoints."),
    ];
    for (i, (left, right)) in rows.iter().enumerate() {
        let y = 720.0 - 12.0 * i as f64;
        first.push(Piece::Text(72.0, y, left));
        first.push(Piece::Text(320.0, y, right));
    }
    first.push(Piece::Text(300.0, 30.0, "1"));
    let second = vec![
        Piece::Text(72.0, 800.0, "UNIT 7 BULLETIN"),
        Piece::Text(72.0, 720.0, "Власти обещали помощь."),
        Piece::Text(300.0, 30.0, "2"),
    ];
    pdf(&Pdf {
        pages: vec![first, second],
        title: None,
        created: Some("D:20240402"),
        ..Pdf::default()
    })
}

const BULLETIN_TEXT: &str = "Artillery fire struck the market at dawn and displaced dozens of \
    families.\n\nAid groups reported that roads to the city were closed by checkpoints.\n\n\
    Власти обещали помощь.";
const BULLETIN_TITLE: &str = "Market shelled in the east";

fn brief() -> Vec<u8> {
    docx(&Docx {
        paragraphs: &[
            &["Border crossing closed"],
            &["Guards ", "closed the ", "crossing at ", "noon."],
            &["Пограничники закрыли переход."],
        ],
        header: Some("OFFICIAL - HEADER"),
        footer: Some("Page 1 of 1"),
        title: Some("Crossing brief"),
        created: Some("2024-05-06T08:00:00Z"),
    })
}

const BRIEF_TEXT: &str = "Border crossing closed\n\nGuards closed the crossing at noon.\n\nПограничники закрыли переход.";

/// The refused files, with the message each gets (after `cannot import PATH: `).
fn refused(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let scanned = pdf(&Pdf {
        pages: vec![vec![Piece::Image]],
        ..Pdf::default()
    });
    let encrypted = pdf(&Pdf {
        pages: vec![vec![Piece::Text(72.0, 700.0, "Secret.")]],
        user_password: Some("secret"),
        ..Pdf::default()
    });
    let whole = bulletin();
    let mut truncated = whole[..whole.len() / 2].to_vec();
    truncated.extend_from_slice(b"\x00garbage");
    let files: [(&str, Vec<u8>, &str); 4] = [
        (
            "scan.pdf",
            scanned,
            "the PDF has no text layer (a scanned image?); run OCR on it and import the result",
        ),
        (
            "locked.pdf",
            encrypted,
            "the PDF is encrypted; save a copy without a password and import that",
        ),
        (
            "cut.pdf",
            truncated,
            "the PDF is damaged or truncated (failed parsing cross reference table: invalid start value)",
        ),
        (
            "broken.docx",
            b"PK\x03\x04 half a zip".to_vec(),
            "the DOCX is damaged or truncated (invalid Zip archive: Could not find EOCD)",
        ),
    ];
    files
        .into_iter()
        .map(|(name, bytes, message)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            (path, message)
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_importer_reads_order_title_and_date_and_names_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bulletin = import_file(&write(dir.path(), "bulletin.pdf", &bulletin())).unwrap();
    // No Info title: as for a .txt, a first line alone in its paragraph is the headline.
    assert_eq!(bulletin.title, BULLETIN_TITLE);
    assert_eq!(bulletin.text, BULLETIN_TEXT);
    assert_eq!(bulletin.published, NaiveDate::from_ymd_opt(2024, 4, 2));
    assert_eq!(bulletin.imported_from.as_deref(), Some("bulletin.pdf"));

    let brief = import_file(&write(dir.path(), "brief.docx", &brief())).unwrap();
    assert_eq!(brief.title, "Crossing brief");
    assert_eq!(brief.text, BRIEF_TEXT);
    assert_eq!(brief.published, NaiveDate::from_ymd_opt(2024, 5, 6));

    for (path, message) in refused(dir.path()) {
        let err = import_file(&path).unwrap_err().to_string();
        assert_eq!(err, format!("cannot import {}: {message}", path.display()));
    }
}

fn sitrep(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn sitrep_new_and_import_take_pdf_and_docx_and_refuse_a_scan_whole() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk.sitrep");
    let bulletin = write(dir.path(), "bulletin.pdf", &bulletin());
    let brief = write(dir.path(), "brief.docx", &brief());
    let out = sitrep(&["new".as_ref(), project.as_os_str(), bulletin.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("created {} with 1 article\n", project.display())
    );
    let out = sitrep(&["import".as_ref(), project.as_os_str(), brief.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let saved = load_project(&project).unwrap();
    let articles: Vec<(&str, &str, Option<&str>)> = saved
        .articles
        .iter()
        .map(|a| {
            (
                a.title.as_str(),
                a.text.as_str(),
                a.imported_from.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        articles,
        vec![
            (BULLETIN_TITLE, BULLETIN_TEXT, Some("bulletin.pdf")),
            ("Crossing brief", BRIEF_TEXT, Some("brief.docx")),
        ]
    );

    // A scan among good files: one line naming it, and the project is left as it was.
    let before = std::fs::read(&project).unwrap();
    let (scan, message) = refused(dir.path()).remove(0);
    let other = write(
        dir.path(),
        "other.docx",
        &docx(&Docx {
            paragraphs: &[&["Another report."]],
            ..Docx::default()
        }),
    );
    let out = sitrep(&[
        "import".as_ref(),
        project.as_os_str(),
        other.as_os_str(),
        scan.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("sitrep: cannot import {}: {message}\n", scan.display())
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn the_workbench_adds_them_from_the_dialog_and_from_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let bulletin = write(dir.path(), "bulletin.pdf", &bulletin());
    let brief = write(dir.path(), "brief.docx", &brief());
    let mut wb = Workbench::new(Project::new("desk"), None);

    // File → Add article…: the dialog offers PDF and DOCX among the article types.
    let mut dialogs = ScriptedDialogs {
        articles: vec![vec![bulletin]],
        ..Default::default()
    };
    wb.run(Action::Run(WbCommand::AddArticle), &mut dialogs);
    // Files are read on a thread of their own; wait for them as the window would.
    wb.finish_work();
    let filter = format!("{:?}", dialogs.asked[0]);
    assert!(
        filter.contains("\"pdf\"") && filter.contains("\"docx\""),
        "{filter}"
    );
    assert_eq!(wb.project().articles.len(), 1);
    assert_eq!(wb.project().articles[0].text, BULLETIN_TEXT);
    assert_eq!(wb.status().text, "Added 1 article");

    // A drop of a good file with the four bad ones: the good one comes in, one dialog lists
    // the others with their reasons.
    let bad = refused(dir.path());
    let mut dropped = vec![brief];
    dropped.extend(bad.iter().map(|(path, _)| path.clone()));
    wb.run(Action::Dropped(dropped), &mut NoDialogs);
    wb.finish_work();
    assert_eq!(wb.project().articles.len(), 2);
    assert_eq!(wb.project().articles[1].title, "Crossing brief");
    let Some(Prompt::Error { title, message }) = wb.prompt() else {
        panic!("an error dialog: {:?}", wb.prompt());
    };
    assert_eq!(title, "Some files were not imported");
    let expected: Vec<String> = bad
        .iter()
        .map(|(path, why)| format!("cannot import {}: {why}", path.display()))
        .collect();
    assert_eq!(message, &expected.join("\n"));
}
