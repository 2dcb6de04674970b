//! PDF articles: the text layer of every page in reading order ([`layout`]), with the title
//! and creation date of the document's Info dictionary.
//!
//! `pdf-extract` walks the content streams and hands over each character with its position
//! (fonts, encodings, ToUnicode maps and glyph widths are its business); `lopdf` loads the file
//! and says whether it is encrypted. `pdf-extract` panics on some malformed files (it unwraps
//! what a well-formed file must have), so it runs under `catch_unwind` with the panic message
//! kept quiet, and such a file is reported as damaged like any other.

mod bidi;
mod guard;
mod layout;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use chrono::NaiveDate;
use lopdf::Document;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use self::layout::Glyph;
use super::{DocumentError, Extracted};
use crate::limits::MAX_ARTICLE_BYTES;

/// The most characters taken from one PDF: a 2,000-page book has about four million, and each
/// costs its position and text in memory (some 80 bytes) until the layout is done.
const MAX_GLYPHS: usize = (MAX_ARTICLE_BYTES / 8) as usize;

/// Read a PDF file's bytes into its text, title and date.
pub(super) fn read(bytes: &[u8]) -> Result<Extracted, DocumentError> {
    // The header may follow a little junk, but a PDF has it in its first kilobyte.
    if !bytes.windows(5).take(1024).any(|window| window == b"%PDF-") {
        return Err(DocumentError::NotPdf);
    }
    let mut doc = match quietly(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        // lopdf refuses a file it cannot decrypt: say why, not how the parse failed.
        Ok(Err(_)) | Err(_) if mentions_encryption(bytes) => {
            return Err(DocumentError::Encrypted { kind: "PDF" });
        }
        Ok(Err(e)) => return Err(damaged(&e.to_string())),
        Err(_) => return Err(damaged("its structure cannot be read")),
    };
    // A file encrypted with an empty user password (permissions only) was decrypted on load
    // and reads like any other; one that needs a password was not.
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(DocumentError::Encrypted { kind: "PDF" });
    }
    if doc.get_pages().is_empty() {
        return Err(damaged("it has no pages"));
    }
    guard::strip_images(&mut doc);
    if let Some(why) = guard::endless(&doc) {
        return Err(damaged(why));
    }
    let mut collector = Collector::default();
    match quietly(|| pdf_extract::output_doc(&doc, &mut collector)) {
        Ok(Ok(())) => {}
        Ok(Err(_)) if collector.overflow => {
            return Err(DocumentError::TooMuchText {
                limit: MAX_ARTICLE_BYTES,
            });
        }
        Ok(Err(e)) => return Err(damaged(&e.to_string())),
        Err(_) => return Err(damaged("a page's content cannot be read")),
    }
    let text = layout::page_text(&collector.pages);
    if text.trim().is_empty() {
        return Err(DocumentError::NoTextLayer);
    }
    let (title, date) = info(&doc);
    Ok(Extracted { text, title, date })
}

fn damaged(detail: &str) -> DocumentError {
    DocumentError::Damaged {
        kind: "PDF",
        detail: super::one_line(detail),
    }
}

/// True when the file names an /Encrypt dictionary anywhere (its trailer is where it counts,
/// but a file lopdf could not load may have no trailer it can find).
fn mentions_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|window| window == b"/Encrypt")
}

/// The Info dictionary's title (unless it is only a file name, as some printers write) and
/// the date of its CreationDate.
fn info(doc: &Document) -> (Option<String>, Option<NaiveDate>) {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return (None, None);
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
    };
    let title = text(b"Title")
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty() && !is_placeholder(t));
    let date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    (title, date)
}

/// "Microsoft Word - report.docx", "scan.pdf", "Untitled", "Document1": what a producer
/// writes when nobody gave a title, not a headline.
fn is_placeholder(title: &str) -> bool {
    let lower = title.to_lowercase();
    let bare = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    [".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt", ".indd"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || ["untitled", "document", "no title", "title"].contains(&bare)
}

/// The day of a PDF date, `D:YYYYMMDDHHmmSSOHH'mm'` (everything after the day is optional).
fn pdf_date(text: &str) -> Option<NaiveDate> {
    let digits = text.trim().strip_prefix("D:").unwrap_or(text.trim());
    let day = digits.get(..8)?;
    if !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| day.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?)
}

/// Every character `pdf-extract` draws, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    count: usize,
    /// Set when [`MAX_GLYPHS`] was reached and the walk stopped.
    overflow: bool,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.count += 1;
        if self.count > MAX_GLYPHS {
            self.overflow = true;
            // The only way to stop the walk is an error; `read` tells it apart by `overflow`.
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix maps glyph space (one unit = the font size) to the page:
        // its translation is where the glyph sits, its scale how large it is drawn.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let glyph = Glyph {
            x: trm.m31,
            y: trm.m32,
            advance: width * font_size * trm.m11,
            size: font_size * scale,
            text: char.to_owned(),
        };
        if let Some(page) = self.pages.last_mut() {
            page.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

thread_local! {
    /// Set while a PDF is read on this thread: a panic then is a damaged file, not a bug, and
    /// is reported as such instead of printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Run `f`, turning a panic into `Err` without printing it. The panic hook is wrapped once
/// per process; outside `quietly` it prints as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result
}

#[cfg(test)]
pub(crate) mod tests;
