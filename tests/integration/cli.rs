//! The command line, through the real `sitrep` binary: exit codes, one-line errors, and what
//! each subcommand does to a project file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sitrep::io::load_project;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn sitrep(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Run with string-ish arguments.
macro_rules! run {
    ($($arg:expr),* $(,)?) => {
        sitrep(&[$(std::ffi::OsStr::new(&$arg)),*])
    };
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 1 and exactly one line on stderr, starting `sitrep: `; returns that line.
fn assert_fails(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "stderr must be one line: {err:?}");
    assert!(
        err.starts_with("sitrep: ") && err.ends_with('\n'),
        "{err:?}"
    );
    err.trim_end().to_owned()
}

fn assert_ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    assert!(o.stderr.is_empty(), "{}", stderr(o));
}

#[test]
fn new_tag_check_stats_as_an_analyst_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    let out = run!(
        "new",
        project,
        data("samples/convoy-strike.txt"),
        data("samples/market-blast-crlf.txt"),
        data("samples/ceasefire-talks.md"),
    );
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        format!("created {} with 3 articles\n", project.display())
    );

    let out = run!("tag", project, "--tag", "location", "--match", "Al-Tanf");
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "added 1 annotation tagged location for \"Al-Tanf\"\n"
    );

    let out = run!("tag", project, "--tag", "actor", "--match", "Civil Defence");
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "added 2 annotations tagged actor for \"Civil Defence\"\n"
    );
    // Running it again adds nothing: no duplicates of existing annotations.
    let out = run!("tag", project, "--tag", "actor", "--match", "Civil Defence");
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "added 0 annotations tagged actor for \"Civil Defence\"\n"
    );

    let out = run!("check", project);
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        format!(
            "{}: OK, project \"p\": 3 articles, 3 annotations (actor 2, location 1, claim 0), 0 entities, 0 incidents\n",
            project.display()
        )
    );

    let out = run!("stats", project, "--json");
    assert_ok(&out);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("stats are JSON");
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["annotations"], 3);
    assert_eq!(stats["annotations_per_tag"]["actor"], 2);
    assert_eq!(stats["annotations_per_tag"]["location"], 1);
    assert_eq!(stats["entities"], 0);

    let out = run!("stats", project);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("articles     3\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn tag_offsets_count_code_points_like_python() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("emoji.txt");
    // Before the first match: a girl with a skin-tone modifier (2 code points, 4 UTF-16 units),
    // a pin (1 code point, 2 UTF-16 units) and an a + combining acute (2 code points).
    std::fs::write(
        &article,
        "👧🏽 📍 Kha\u{301}lid met Khalid in Idlib; Idlibi is not Idlib.",
    )
    .expect("write");
    let project = dir.path().join("p.sitrep");
    assert_ok(&run!("new", project, article));
    let out = run!("tag", project, "--tag", "location", "--match", "Idlib");
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "added 2 annotations tagged location for \"Idlib\"\n"
    );

    let p = load_project(&project).expect("loads");
    let spans: Vec<(usize, usize)> = p.annotations.iter().map(|a| (a.start.0, a.end.0)).collect();
    // Python: [m.span() for m in re.finditer(r"\bIdlib\b", text)] == [(27, 32), (48, 53)]
    assert_eq!(spans, [(27, 32), (48, 53)]);

    // The market sample: Atmeh comes after 📍 and the combining accent in "Khálid".
    let out = run!("import", project, data("samples/market-blast-crlf.txt"));
    assert_ok(&out);
    assert_ok(&run!(
        "tag", project, "--tag", "location", "--match", "Atmeh"
    ));
    let p = load_project(&project).expect("loads");
    let atmeh = p
        .annotations
        .iter()
        .find(|a| a.exact == "Atmeh")
        .expect("tagged");
    assert_eq!(
        (atmeh.article.as_str(), atmeh.start.0, atmeh.end.0),
        ("art-2", 401, 406)
    );
    assert_eq!(atmeh.prefix.chars().count(), 32);
    assert!(
        atmeh.prefix.ends_with("farmers arrive from "),
        "{:?}",
        atmeh.prefix
    );
}

#[test]
fn check_lists_every_problem_and_fails() {
    let out = run!("check", data("files/duplicate-entity-id.sitrep"));
    let err = assert_fails(&out);
    assert!(
        err.ends_with("duplicate-entity-id.sitrep: 4 problems found"),
        "{err}"
    );
    let report = stdout(&out);
    assert_eq!(report.lines().count(), 4, "{report}");
    assert!(
        report
            .lines()
            .all(|l| l.contains("duplicate-entity-id.sitrep: ")),
        "{report}"
    );
    assert!(
        report.contains("entity ent-1: the id is used more than once"),
        "{report}"
    );

    let out = run!("check", data("files/quote-mismatch.sitrep"));
    assert_fails(&out);
    assert!(stdout(&out).ends_with(
        "annotation ann-7: quote \"XXXXXXX\" does not match the text at 512..519 (\"Al-Tanf\")\n"
    ));
}

#[test]
fn check_refuses_unreadable_files_in_one_line() {
    let err = assert_fails(&run!("check", data("files/not-utf8.sitrep")));
    assert!(
        err.ends_with("the file is not UTF-8 text (invalid byte at offset 75)"),
        "{err}"
    );
    let err = assert_fails(&run!("check", data("files/newer-version.sitrep")));
    assert!(err.contains("written by a newer Sitrep"), "{err}");
    let err = assert_fails(&run!("check", data("files/no-such-file.sitrep")));
    assert!(
        err.contains("cannot read") && err.contains("no-such-file.sitrep"),
        "{err}"
    );
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    std::fs::write(&project, "precious").expect("write");
    let err = assert_fails(&run!("new", project, data("samples/convoy-strike.txt")));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&project).expect("read"), "precious");
}

#[test]
fn failed_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    assert_ok(&run!("new", project, data("samples/convoy-strike.txt")));
    let before = std::fs::read(&project).expect("read");
    let err = assert_fails(&run!(
        "import",
        project,
        data("samples/ceasefire-talks.md"),
        data("articles/latin1.txt")
    ));
    assert!(err.contains("latin1.txt is not UTF-8 text"), "{err}");
    assert_eq!(std::fs::read(&project).expect("read"), before);

    // Importing the same article twice is skipped, not doubled.
    let out = run!("import", project, data("samples/convoy-strike.txt"));
    assert_ok(&out);
    assert!(
        stdout(&out).contains("already in the project as art-1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_usage_fails_in_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    assert_ok(&run!("new", project));
    let err = assert_fails(&run!("tag", project, "--tag", "weapon", "--match", "x"));
    assert!(
        err.ends_with("there is no tag \"weapon\" (this project has: actor, location, claim)"),
        "{err}"
    );
    let err = assert_fails(&run!("tag", project, "--tag", "actor"));
    assert!(err.contains("--match"), "{err}");
    assert_fails(&run!("stats", project, "--bogus"));
    let err = assert_fails(&run!("tag", project, "--tag", "actor", "--match", "  "));
    assert!(err.contains("--match needs some text"), "{err}");
}

#[test]
fn help_and_version_succeed() {
    let out = run!("--help");
    assert_ok(&out);
    for sub in ["new", "import", "tag", "check", "stats", "open"] {
        assert!(stdout(&out).contains(sub), "{sub} missing from help");
    }
    assert_ok(&run!("--version"));
}

#[test]
fn bundled_sample_passes_check() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.sitrep");
    let out = run!("check", sample);
    assert_ok(&out);
    assert!(stdout(&out).contains(": OK, project"), "{}", stdout(&out));
    let p = load_project(&sample).expect("sample loads");
    assert!(p.articles.len() >= 3);
    for tag in ["actor", "location", "claim"] {
        assert!(
            p.annotations.iter().any(|a| a.tag == tag),
            "sample has no {tag}"
        );
    }
}

#[test]
fn in_process_run_reports_to_the_writer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    let mut out = Vec::new();
    let args = ["sitrep".as_ref(), "new".as_ref(), project.as_os_str()];
    sitrep::cli::run(args, &mut out).expect("new works in-process");
    assert!(String::from_utf8_lossy(&out).starts_with("created "));
    let err = sitrep::cli::run(args, &mut Vec::new()).expect_err("second new refused");
    assert!(matches!(err, sitrep::cli::CliError::Exists(_)));
}
