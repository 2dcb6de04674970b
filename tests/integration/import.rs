//! Article import of every supported kind, from copies of the sample articles in tests/data.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sitrep::io::articles::{ImportError, article_from_text, import_file};
use sitrep::model::CharSpan;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn inline_date_header_is_removed_and_gold_offsets_hold() {
    let draft = import_file(&data("samples/convoy-strike.txt")).expect("sample imports");
    assert_eq!(draft.published, date(2024, 3, 11));
    assert!(
        draft.text.starts_with("Two aircraft struck a fuel convoy"),
        "{:?}",
        &draft.text[..40]
    );
    assert!(!draft.text.ends_with('\n'));
    assert_eq!(draft.imported_from.as_deref(), Some("convoy-strike.txt"));
    assert_eq!(
        draft.title,
        "Two aircraft struck a fuel convoy on the highway west of Al-Qa’im late on…"
    );

    let article = draft.into_article("art-1");
    let gold = std::fs::read_to_string(data("samples/gold-convoy-strike.tsv")).expect("gold file");
    let mut checked = 0;
    for line in gold.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [_tag, start, end, exact] = cols.as_slice() else {
            panic!("bad gold line {line:?}");
        };
        let span = CharSpan::new(start.parse().expect("start"), end.parse().expect("end"));
        assert_eq!(article.slice(span), Some(*exact), "gold span {span}");
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn crlf_emoji_and_title_line() {
    let draft = import_file(&data("samples/market-blast-crlf.txt")).expect("sample imports");
    assert_eq!(draft.published, date(2024, 2, 5));
    assert_eq!(draft.title, "Market blast in Idlib province kills shoppers");
    assert!(!draft.text.contains('\r'));
    assert!(draft.text.starts_with("An explosive device detonated"));
    assert!(draft.text.ends_with("two children 👧🏽."));
    let article = draft.into_article("art-1");
    // Code point offsets, as Python's str.find gives them: the 📍 at 143 and the combining
    // accent at 335 each count as one.
    assert_eq!(article.len_chars(), 541);
    assert_eq!(article.slice(CharSpan::new(65, 72)), Some("Sarmada"));
    assert_eq!(article.slice(CharSpan::new(74, 79)), Some("سرمدا"));
    assert_eq!(article.slice(CharSpan::new(143, 144)), Some("📍"));
    assert_eq!(article.slice(CharSpan::new(401, 406)), Some("Atmeh"));
    assert_eq!(article.slice(CharSpan::new(538, 540)), Some("👧🏽"));
}

#[test]
fn markdown_is_stripped_to_text() {
    let draft = import_file(&data("samples/ceasefire-talks.md")).expect("sample imports");
    assert_eq!(
        draft.title,
        "Delegations meet in Amman as shelling continues near Daraa"
    );
    assert_eq!(draft.published, date(2024, 5, 2));
    assert_eq!(draft.imported_from.as_deref(), Some("ceasefire-talks.md"));
    let expected = "Representatives of the Southern Operations Room and a government security \
        committee met in Amman on Wednesday, according to a statement from the Jordanian foreign \
        ministry.\n\n\
        - The statement said both sides agreed to reopen the Nassib crossing \"within days\".\n\
        - An opposition negotiator, Khaled al-Hariri, said government forces shelled Tafas twice \
        during the talks.\n\
        - The government committee said the shelling was a response to a rocket attack on Izra.\n\n\
        A UN official in Geneva welcomed the meeting but said humanitarian access to Daraa \
        al-Balad remained blocked.";
    assert_eq!(draft.text, expected);
}

#[test]
fn html_page_gives_readable_text() {
    let draft = import_file(&data("articles/strike-report.html")).expect("page imports");
    assert_eq!(
        draft.title,
        "Drone strike hits depot near Deir ez-Zor | Example Wire"
    );
    assert_eq!(draft.published, date(2024, 4, 18));
    assert_eq!(draft.imported_from.as_deref(), Some("strike-report.html"));
    // The &nbsp; is whitespace and collapses like any other.
    let expected = "A drone struck an ammunition depot east of Deir ez-Zor before dawn on Thursday, \
        a local monitor said.\n\n\
        The Syrian Democratic Forces said they shot down a second drone over Al-Busayrah.\n\n\
        - Two guards were wounded.\n\
        - Fire crews worked until noon.";
    assert_eq!(draft.text, expected);
}

#[test]
fn not_utf8_is_refused_naming_the_file() {
    let path = data("articles/latin1.txt");
    let err = import_file(&path).expect_err("Latin-1 is not UTF-8");
    assert!(
        matches!(err, ImportError::NotUtf8 { offset: 3, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("latin1.txt") && msg.contains("is not UTF-8 text"),
        "{msg}"
    );
}

#[test]
fn unknown_kinds_and_missing_files_are_refused() {
    let err = import_file(&data("articles/report.odt")).expect_err("no odt import");
    assert!(
        err.to_string()
            .ends_with("cannot import \"odt\" files (use .txt, .md, .html, .pdf or .docx)"),
        "{err}"
    );
    let err = import_file(&data("articles/missing.txt")).expect_err("no such file");
    assert!(matches!(err, ImportError::Io { .. }));
    assert!(err.to_string().contains("missing.txt"), "{err}");
}

#[test]
fn pasted_text_follows_the_txt_rules() {
    let article = article_from_text("date 2024-03-11 Two aircraft struck. More text.", "art-4")
        .expect("text");
    assert_eq!(article.published, date(2024, 3, 11));
    assert_eq!(article.text, "Two aircraft struck. More text.");
    assert_eq!(article.title, "Two aircraft struck");
    assert_eq!(
        article.text_sha256,
        sitrep::model::text::sha256_hex(&article.text)
    );
}
