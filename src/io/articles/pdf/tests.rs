//! PDFs built with lopdf ([`fixtures`]) read back: reading order, running lines, hyphens,
//! non-Latin text, metadata, and the files that cannot be read.

use super::*;
use crate::io::articles::fixtures::{Pdf, Piece, pdf};

/// Two pages: a headline, two columns whose lines the content stream interleaves (left,
/// right, left, ...), a word hyphenated at a line end, and a footer with the page number on
/// both pages; the second page is Cyrillic then English.
pub(crate) fn report() -> Vec<Piece<'static>> {
    let left = [
        "The ceasefire collapsed on",
        "Tuesday when the coali-",
        "tion forces moved into",
        "the northern district.",
    ];
    let right = [
        "Local officials said that",
        "at least four civilians",
        "were wounded in the",
        "shelling overnight.",
    ];
    let mut page = vec![Piece::Text(72.0, 780.0, "Shelling resumes near the river")];
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 740.0 - 12.0 * i as f64;
        page.push(Piece::Text(72.0, y, l));
        page.push(Piece::Text(310.0, y, r));
    }
    page
}

fn footer(page: &mut Vec<Piece<'static>>, number: &'static str) {
    page.push(Piece::Text(72.0, 40.0, "Kharkiv Monitor - internal use"));
    page.push(Piece::Text(520.0, 40.0, number));
}

/// [`report`] with its second page and footers, the way both test suites use it.
pub(crate) fn two_page_report() -> Vec<Vec<Piece<'static>>> {
    let mut first = report();
    footer(&mut first, "1");
    let mut second = vec![
        Piece::Text(72.0, 740.0, "Обстрел продолжался всю"),
        Piece::Text(72.0, 728.0, "ночь, сообщили власти."),
        Piece::Text(72.0, 690.0, "A second paragraph closes the report."),
    ];
    footer(&mut second, "2");
    vec![first, second]
}

/// The text [`two_page_report`] reads as.
pub(crate) const REPORT_TEXT: &str = "Shelling resumes near the river\n\n\
    The ceasefire collapsed on Tuesday when the coalition forces moved into the northern district.\n\n\
    Local officials said that at least four civilians were wounded in the shelling overnight.\n\n\
    Обстрел продолжался всю ночь, сообщили власти.\n\n\
    A second paragraph closes the report.";

#[test]
fn columns_hyphens_footers_and_cyrillic() {
    let file = pdf(&Pdf {
        pages: two_page_report(),
        title: Some("Обстрел у реки"),
        created: Some("D:20240315103000+02'00'"),
        ..Pdf::default()
    });
    let got = read(&file).expect("reads");
    assert_eq!(got.text, REPORT_TEXT);
    assert_eq!(got.title.as_deref(), Some("Обстрел у реки"));
    assert_eq!(got.date, NaiveDate::from_ymd_opt(2024, 3, 15));
}

#[test]
fn arabic_reads_in_logical_order() {
    // A PDF writer draws Arabic as it is seen: the letters of a line left to right, which is
    // its reading order reversed. The lines end at x = 450 (each letter is 6 pt wide).
    let lines = [
        "قصف في حلب",
        "قالت مصادر محلية إن القصف",
        "استمر طوال الليل.",
    ];
    let drawn: Vec<String> = lines.iter().map(|l| l.chars().rev().collect()).collect();
    let at = |i: usize| 450.0 - 6.0 * lines[i].chars().count() as f64;
    let page = vec![
        Piece::Text(at(0), 760.0, &drawn[0]),
        Piece::Text(at(1), 720.0, &drawn[1]),
        Piece::Text(at(2), 708.0, &drawn[2]),
    ];
    let got = read(&pdf(&Pdf {
        pages: vec![page],
        ..Pdf::default()
    }))
    .expect("reads");
    assert_eq!(
        got.text,
        "قصف في حلب\n\nقالت مصادر محلية إن القصف استمر طوال الليل."
    );
}

#[test]
fn one_page_keeps_its_footer() {
    let mut page = report();
    footer(&mut page, "1");
    let got = read(&pdf(&Pdf {
        pages: vec![page],
        ..Pdf::default()
    }))
    .expect("reads");
    assert!(
        got.text
            .ends_with("shelling overnight.\n\nKharkiv Monitor - internal use\n\n1"),
        "{}",
        got.text
    );
    assert_eq!((got.title, got.date), (None, None));
}

#[test]
fn scanned_encrypted_truncated_and_foreign_files_are_refused() {
    let scanned = pdf(&Pdf {
        pages: vec![vec![Piece::Image], vec![Piece::Image]],
        ..Pdf::default()
    });
    assert_eq!(read(&scanned).err(), Some(DocumentError::NoTextLayer));
    let encrypted = pdf(&Pdf {
        pages: vec![report()],
        encrypt: true,
        ..Pdf::default()
    });
    assert_eq!(
        read(&encrypted).err(),
        Some(DocumentError::Encrypted { kind: "PDF" })
    );
    let whole = pdf(&Pdf {
        pages: vec![report()],
        ..Pdf::default()
    });
    let mut truncated = whole[..whole.len() / 2].to_vec();
    truncated.extend_from_slice(b"\x00\x17garbage");
    assert_eq!(
        read(&truncated).err().map(|e| e.to_string()),
        Some(TRUNCATED.to_owned())
    );
    assert_eq!(
        read(b"<html>not a pdf</html>").err(),
        Some(DocumentError::NotPdf)
    );
}

#[test]
fn an_empty_user_password_opens_and_a_real_one_is_refused() {
    let with = |password| {
        pdf(&Pdf {
            pages: two_page_report(),
            title: Some("Locked report"),
            user_password: Some(password),
            ..Pdf::default()
        })
    };
    let open = read(&with("")).expect("reads without asking");
    assert_eq!(open.text, REPORT_TEXT);
    assert_eq!(open.title.as_deref(), Some("Locked report"));
    assert_eq!(
        read(&with("secret")).err(),
        Some(DocumentError::Encrypted { kind: "PDF" })
    );
}

/// What a PDF cut in half says.
pub(crate) const TRUNCATED: &str =
    "the PDF is damaged or truncated (failed parsing cross reference table: invalid start value)";

#[test]
fn pdf_dates_and_placeholder_titles() {
    assert_eq!(pdf_date("D:20240229"), NaiveDate::from_ymd_opt(2024, 2, 29));
    assert_eq!(
        pdf_date("20231105120000Z"),
        NaiveDate::from_ymd_opt(2023, 11, 5)
    );
    assert_eq!(pdf_date("D:2024"), None);
    assert_eq!(pdf_date("D:20241345"), None);
    assert!(is_placeholder("Microsoft Word - report.docx"));
    assert!(is_placeholder("Document1"));
    assert!(is_placeholder("Untitled 3"));
    assert!(!is_placeholder("Shelling resumes"));
    assert!(!is_placeholder("Document dump shows 12 strikes"));
}

#[test]
fn every_cut_and_scratch_of_a_pdf_is_text_or_an_error() {
    let whole = pdf(&Pdf {
        pages: two_page_report(),
        ..Pdf::default()
    });
    let step = (whole.len() / 60).max(1);
    // What it returns depends on the cut; it must return (no panic escapes), and an error
    // must be one line.
    let one_line = |result: Result<Extracted, DocumentError>| {
        if let Err(e) = result {
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    };
    for cut in (0..whole.len()).step_by(step) {
        one_line(read(&whole[..cut]));
        let mut scratched = whole.clone();
        scratched[cut] ^= 0x5A;
        one_line(read(&scratched));
    }
}

#[test]
fn photos_are_not_read_as_text_and_a_scan_of_photos_has_no_text_layer() {
    let mut page = report();
    page.insert(3, Piece::Photo);
    let got = read(&pdf(&Pdf {
        pages: vec![page],
        ..Pdf::default()
    }))
    .expect("reads");
    assert!(got.text.starts_with("Shelling resumes"), "{}", got.text);
    let scan = pdf(&Pdf {
        pages: vec![vec![Piece::Photo], vec![Piece::Photo]],
        ..Pdf::default()
    });
    assert_eq!(read(&scan).err(), Some(DocumentError::NoTextLayer));
}

#[test]
fn text_in_forms_is_read_and_a_form_drawing_itself_is_refused() {
    let page = vec![
        Piece::Form(72.0, 700.0, "Drawn by a form."),
        Piece::Text(72.0, 660.0, "Drawn by the page."),
    ];
    let got = read(&pdf(&Pdf {
        pages: vec![page],
        ..Pdf::default()
    }))
    .expect("reads");
    assert_eq!(got.text, "Drawn by a form.\n\nDrawn by the page.");
    let looping = pdf(&Pdf {
        pages: vec![vec![Piece::Text(72.0, 700.0, "Text."), Piece::LoopingForm]],
        ..Pdf::default()
    });
    assert_eq!(
        read(&looping).err().map(|e| e.to_string()),
        Some("the PDF is damaged or truncated (its drawings nest in a loop or too deep)".into())
    );
}

#[test]
fn a_page_tree_whose_parents_loop_is_refused() {
    use lopdf::{Object, Stream, dictionary};
    // The page and its Pages node name each other as /Parent, and neither has /Resources:
    // looking them up would climb the loop for ever.
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::Reference(page)],
            "Count" => 1,
            "Parent" => page,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    assert_eq!(
        read(&bytes).err().map(|e| e.to_string()),
        Some("the PDF is damaged or truncated (its page tree loops)".into())
    );
}
