//! DOCX articles: the paragraphs of the main document part, with the title and creation date
//! of `docProps/core.xml`.
//!
//! A DOCX is a zip package of XML parts. Only the main part is read (found through the
//! package relationships, `word/document.xml` when they do not say), so headers, footers,
//! footnotes and comments, which live in parts of their own, stay out of the text. In the
//! main part, each `w:p` is a paragraph and its runs' `w:t` are its text; deleted text
//! (`w:delText`), field codes (`w:instrText`) and the fallback copy of a text box
//! (`mc:Fallback`, a duplicate of `mc:Choice`) are skipped.

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{DocumentError, Extracted};
use crate::limits::MAX_UNPACKED_BYTES;

/// The main part when the package relationships do not name one.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// What the relationship to the main document part is called (ECMA-376 and ISO 29500 strict).
const MAIN_RELATIONSHIP: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

/// Read a DOCX file's bytes into its text, title and date.
pub(super) fn read(bytes: &[u8]) -> Result<Extracted, DocumentError> {
    // Word writes a password-protected document as an OLE compound file, as it did every .doc.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(DocumentError::ProtectedOrOldWord);
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let main = read_part(&mut zip, "_rels/.rels")?
        .and_then(|rels| main_part(&rels))
        .unwrap_or_else(|| DEFAULT_MAIN_PART.to_owned());
    let document = read_part(&mut zip, &main)?.ok_or(DocumentError::NotDocx)?;
    let text = paragraphs(&document)?.join("\n\n");
    let (title, date) = match read_part(&mut zip, "docProps/core.xml")? {
        Some(core) => core_properties(&core),
        None => (None, None),
    };
    Ok(Extracted { text, title, date })
}

fn damaged(detail: &str) -> DocumentError {
    DocumentError::Damaged {
        kind: "DOCX",
        detail: super::one_line(detail),
    }
}

fn zip_error(error: ZipError) -> DocumentError {
    match error {
        ZipError::InvalidPassword => DocumentError::Encrypted { kind: "DOCX" },
        ZipError::UnsupportedArchive(what) if what.to_lowercase().contains("password") => {
            DocumentError::Encrypted { kind: "DOCX" }
        }
        other => damaged(&other.to_string()),
    }
}

/// One part of the package as text; `None` when the package has no such part. A part that
/// unpacks to more than [`MAX_UNPACKED_BYTES`] is refused before it is all in memory.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocumentError> {
    read_part_capped(zip, name, MAX_UNPACKED_BYTES)
}

/// [`read_part`] with the cap given.
fn read_part_capped(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
) -> Result<Option<String>, DocumentError> {
    let part = match zip.by_name(name) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    let mut bytes = Vec::new();
    part.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(&format!("{name}: {e}")))?;
    if bytes.len() as u64 > cap {
        return Err(DocumentError::PartTooLarge {
            part: name.to_owned(),
            limit: cap,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(|_| damaged(&format!("{name} is not UTF-8")))
}

/// The main part named by the package relationships, without its leading slash.
fn main_part(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                if attr(b"Type").is_some_and(|t| MAIN_RELATIONSHIP.contains(&t.as_str())) {
                    return attr(b"Target").map(|t| t.trim_start_matches('/').to_owned());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Elements whose whole content is left out of the text.
const SKIPPED: [&[u8]; 4] = [b"delText", b"instrText", b"Fallback", b"del"];

/// The paragraphs of the main part, each with its runs joined; empty ones dropped. A table
/// row is one paragraph, its cells separated by tabs. A text box is a paragraph inside a
/// paragraph: it comes out as its own paragraph, before the one that holds it.
fn paragraphs(xml: &str) -> Result<Vec<String>, DocumentError> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    // Depth inside a skipped element (0: not in one), and whether a `w:t` is open.
    let mut skipping = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| damaged(&format!("{DEFAULT_MAIN_PART}: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                if skipping > 0 || SKIPPED.contains(&name.as_ref()) {
                    skipping += 1;
                } else if name.as_ref() == b"t" {
                    in_text = true;
                } else {
                    body.start(name.as_ref());
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if skipping > 0 {
                    skipping -= 1;
                } else if name.as_ref() == b"t" {
                    in_text = false;
                } else {
                    body.end(name.as_ref());
                }
            }
            Event::Empty(e) if skipping == 0 => match e.local_name().as_ref() {
                b"tab" => body.push_str("\t"),
                b"br" | b"cr" => body.push_str("\n"),
                b"noBreakHyphen" => body.push_str("-"),
                _ => {}
            },
            Event::Text(t) if skipping == 0 && in_text => {
                let text = t
                    .xml10_content()
                    .map_err(|e| damaged(&format!("{DEFAULT_MAIN_PART}: {e}")))?;
                body.push_str(&text);
            }
            Event::GeneralRef(r) if skipping == 0 && in_text => {
                let resolved = r
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .or_else(|| predefined_entity(&r));
                body.push_str(&resolved.unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body.done)
}

/// The text of the main part as its elements open and close.
#[derive(Default)]
struct Body {
    /// Paragraphs open now, the innermost (a text box's) last.
    open: Vec<String>,
    /// Table cells open now, the innermost (a nested table's) last.
    cells: Vec<String>,
    /// The cells of each table row open now.
    rows: Vec<Vec<String>>,
    /// Paragraphs and rows finished, in order.
    done: Vec<String>,
}

impl Body {
    fn start(&mut self, name: &[u8]) {
        match name {
            b"p" => self.open.push(String::new()),
            b"tr" => self.rows.push(Vec::new()),
            b"tc" => self.cells.push(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"p" => {
                let paragraph = self.open.pop().unwrap_or_default();
                self.finish(paragraph.trim());
            }
            b"tc" => {
                let cell = self.cells.pop().unwrap_or_default();
                match self.rows.last_mut() {
                    Some(row) => row.push(cell),
                    None => self.finish(&cell),
                }
            }
            b"tr" => {
                let row = self.rows.pop().unwrap_or_default().join("\t");
                self.finish(row.trim());
            }
            _ => {}
        }
    }

    /// Text into the innermost open paragraph.
    fn push_str(&mut self, text: &str) {
        if let Some(paragraph) = self.open.last_mut() {
            paragraph.push_str(text);
        }
    }

    /// A finished paragraph or row goes into the cell it sits in, else into the text.
    fn finish(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.cells.last_mut() {
            Some(cell) => {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(text);
            }
            None => self.done.push(text.to_owned()),
        }
    }
}

/// The five entities XML defines without a DTD.
fn predefined_entity(name: &[u8]) -> Option<String> {
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    };
    Some(c.to_string())
}

/// `dc:title` and the day of `dcterms:created` (`2024-03-15T10:30:00Z`).
fn core_properties(xml: &str) -> (Option<String>, Option<NaiveDate>) {
    let mut reader = Reader::from_str(xml);
    let mut title = None;
    let mut created = None;
    let mut field: Option<Vec<u8>> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                field = Some(e.local_name().as_ref().to_vec());
                value.clear();
            }
            Ok(Event::Text(t)) if field.is_some() => {
                if let Ok(text) = t.xml10_content() {
                    value.push_str(&text);
                }
            }
            Ok(Event::GeneralRef(r)) if field.is_some() => {
                let resolved = r
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .or_else(|| predefined_entity(&r));
                value.push_str(&resolved.unwrap_or_default());
            }
            Ok(Event::End(_)) => {
                match field.take().as_deref() {
                    Some(b"title") => {
                        let t = value.split_whitespace().collect::<Vec<_>>().join(" ");
                        title = Some(t).filter(|t| !t.is_empty());
                    }
                    Some(b"created") => {
                        created = value
                            .trim()
                            .get(..10)
                            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                    }
                    _ => {}
                }
                value.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    (title, created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::articles::fixtures::{Docx, docx};

    #[test]
    fn paragraphs_runs_and_metadata() {
        let file = docx(&Docx {
            paragraphs: &[
                &["Сводка ", "из Харькова"],
                &[
                    "The convoy was hit ",
                    "near the ",
                    "bridge, officials said.",
                ],
                &["Tom & Jerry <", "3"],
            ],
            header: Some("RUNNING HEADER"),
            footer: Some("Page footer 1"),
            title: Some("Convoy  report"),
            created: Some("2024-03-15T10:30:00Z"),
        });
        let got = read(&file).expect("reads");
        assert_eq!(
            got.text,
            "Сводка из Харькова\n\nThe convoy was hit near the bridge, officials said.\n\nTom & Jerry <3"
        );
        assert_eq!(got.title.as_deref(), Some("Convoy report"));
        assert_eq!(got.date, NaiveDate::from_ymd_opt(2024, 3, 15));
    }

    #[test]
    fn skipped_elements_breaks_and_tables() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
            <w:r><w:instrText>PAGE</w:instrText><w:tab/><w:t xml:space="preserve">after tab</w:t>
            <w:br/><w:t>next line</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p>
            </w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>box</w:t></w:r></w:p></mc:Fallback>
            </mc:AlternateContent><w:t>holder</w:t></w:r></w:p>
            <w:p></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Killed</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p><w:p><w:r><w:t>(est.)</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>30</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).expect("parses"),
            vec![
                "kept\tafter tab\nnext line",
                "box",
                "holder",
                "Killed\t12 (est.)",
                "30"
            ]
        );
    }

    #[test]
    fn broken_and_protected_files_say_so() {
        assert_eq!(
            read(b"PK\x03\x04 this is not really a zip").err(),
            Some(damaged("invalid Zip archive: Could not find EOCD"))
        );
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(read(&ole).err(), Some(DocumentError::ProtectedOrOldWord));
        let mut other = zip::ZipWriter::new(Cursor::new(Vec::new()));
        other
            .start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .expect("starts");
        let bytes = other.finish().expect("finishes").into_inner();
        assert_eq!(read(&bytes).err(), Some(DocumentError::NotDocx));
    }

    #[test]
    fn a_part_that_unpacks_past_the_cap_is_refused() {
        let file = docx(&Docx {
            paragraphs: &[&[&"spam ".repeat(2000)]],
            ..Docx::default()
        });
        assert!(file.len() < 2000, "deflate shrinks it: {}", file.len());
        let mut zip = ZipArchive::new(Cursor::new(&file[..])).expect("opens");
        assert_eq!(
            read_part_capped(&mut zip, DEFAULT_MAIN_PART, 5000),
            Err(DocumentError::PartTooLarge {
                part: DEFAULT_MAIN_PART.into(),
                limit: 5000
            })
        );
        assert!(read_part_capped(&mut zip, DEFAULT_MAIN_PART, 20_000).is_ok());
    }

    #[test]
    fn every_cut_and_scratch_of_a_docx_is_text_or_a_one_line_error() {
        let whole = docx(&Docx {
            paragraphs: &[&["A report ", "in two runs."], &["Another paragraph."]],
            title: Some("Report"),
            ..Docx::default()
        });
        let one_line = |result: Result<Extracted, DocumentError>| {
            if let Err(e) = result {
                assert!(!e.to_string().contains('\n'), "{e}");
            }
        };
        for cut in (0..whole.len()).step_by((whole.len() / 80).max(1)) {
            one_line(read(&whole[..cut]));
            let mut scratched = whole.clone();
            scratched[cut] ^= 0x5A;
            one_line(read(&scratched));
        }
    }

    #[test]
    fn the_main_part_is_found_through_the_relationships() {
        let rels = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
        assert_eq!(main_part(rels).as_deref(), Some("word/main.xml"));
        assert_eq!(main_part("<Relationships/>"), None);
    }
}
