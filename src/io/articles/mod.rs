//! Article import: plain text, Markdown, HTML, PDF and DOCX files (or pasted text) become
//! [`Article`]s.
//!
//! Every kind goes through the same steps: decode UTF-8 (a byte-order mark is dropped), turn
//! CRLF and lone CR into LF, reduce the markup to readable text, then apply the shared rules of
//! [`rules`]: a leading `date YYYY-MM-DD` header becomes the publication date and is removed,
//! blank lines at either end are trimmed, and a title is found. All of this happens before any
//! offset exists, so annotations made afterwards count chars of the final text. PDF and DOCX
//! files are binary: their text is extracted first (`pdf/`, `docx.rs`), and the title and date
//! of their metadata win over what the rules find.

mod docx;
#[cfg(test)]
pub(crate) mod fixtures;
mod html;
mod markdown;
mod pdf;
pub mod rules;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::{Article, Edit, Project, text::normalize_newlines};

pub use crate::limits::MAX_ARTICLE_BYTES;

/// Why an article could not be imported. File errors name the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    #[error("{path} is {size} bytes, too large for an article (the limit is {limit} bytes)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The bytes are not UTF-8.
    #[error(
        "{path} is not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 and import it again"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file name ends in something we cannot read.
    #[error("{path}: cannot import {kind:?} files (use .txt, .md, .html, .pdf or .docx)")]
    UnsupportedKind {
        /// The file.
        path: PathBuf,
        /// Its extension.
        kind: String,
    },
    /// Nothing readable was left after stripping markup and the date header.
    #[error("{what} contains no text to import")]
    Empty {
        /// The file name, or "the pasted text".
        what: String,
    },
    /// A PDF or DOCX file whose text cannot be had.
    #[error("cannot import {path}: {source}")]
    Document {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: DocumentError,
    },
}

/// Why the text of a PDF or DOCX file cannot be had. Each says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// No `%PDF-` header: the file is something else named `.pdf`.
    #[error("it is not a PDF (it does not start with %PDF-)")]
    NotPdf,
    /// Not a zip package with a main document part.
    #[error("it is not a Word document (no word/document.xml in it)")]
    NotDocx,
    /// An OLE compound file: what Word writes for a password-protected document, or an old
    /// `.doc` renamed.
    #[error(
        "it is a password-protected Word file or an old .doc; save it as a .docx without a password and import that"
    )]
    ProtectedOrOldWord,
    /// The file cannot be parsed: cut short, or corrupted.
    #[error("the {kind} is damaged or truncated ({detail})")]
    Damaged {
        /// "PDF" or "DOCX".
        kind: &'static str,
        /// What the reader stumbled on.
        detail: String,
    },
    /// The file needs a password.
    #[error("the {kind} is encrypted; save a copy without a password and import that")]
    Encrypted {
        /// "PDF" or "DOCX".
        kind: &'static str,
    },
    /// A PDF whose pages are images only.
    #[error("the PDF has no text layer (a scanned image?); run OCR on it and import the result")]
    NoTextLayer,
    /// More text than an article may hold.
    #[error("its text is larger than an article may be ({limit} bytes)")]
    TooMuchText {
        /// The limit passed.
        limit: u64,
    },
    /// A part of a DOCX package that unpacks to more than the limit (a zip bomb).
    #[error("its part {part} unpacks to more than {limit} bytes")]
    PartTooLarge {
        /// The part's name in the package.
        part: String,
        /// The limit passed.
        limit: u64,
    },
}

/// What a PDF or DOCX reader extracted: the text, and the title and date of the file's
/// metadata when it has them.
#[derive(Debug, Clone, PartialEq)]
struct Extracted {
    /// Paragraphs separated by a blank line.
    text: String,
    /// The metadata title.
    title: Option<String>,
    /// The metadata date (PDF CreationDate, DOCX dcterms:created).
    date: Option<NaiveDate>,
}

/// A reader's message on one line, not too long for a dialog or a terminal.
fn one_line(detail: &str) -> String {
    let line = detail.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// The kinds of file we import, chosen by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// `.txt`, `.text`, or no extension.
    Plain,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.pdf`.
    Pdf,
    /// `.docx` (Word 2007 and later, and what other word processors save as Word).
    Docx,
}

impl ArticleKind {
    /// The kind of a file, from its extension (case-insensitive). `None` for unknown extensions.
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "" | "txt" | "text" => Some(Self::Plain),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            "docx" => Some(Self::Docx),
            _ => None,
        }
    }
}

/// An imported article before it has an id in a project.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleDraft {
    /// Headline, or the first sentence cut near 80 chars.
    pub title: String,
    /// Date from the `date YYYY-MM-DD` header.
    pub published: Option<NaiveDate>,
    /// Readable text, `\n` line endings, no leading or trailing blank lines.
    pub text: String,
    /// File name it came from.
    pub imported_from: Option<String>,
}

impl ArticleDraft {
    /// Give the draft an id, turning it into an article (its hash is computed here).
    pub fn into_article(self, id: impl Into<String>) -> Article {
        let mut article = Article::new(id, self.title, self.text);
        article.published = self.published;
        article.imported_from = self.imported_from;
        article
    }
}

/// Read an article file (`.txt`, `.md`, `.html`/`.htm`, `.pdf`, `.docx`) into a draft.
pub fn import_file(path: &Path) -> Result<ArticleDraft, ImportError> {
    let kind = ArticleKind::of_path(path).ok_or_else(|| ImportError::UnsupportedKind {
        path: path.to_owned(),
        kind: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })?;
    let bytes = read_article_bytes(path)?;
    let empty = || ImportError::Empty {
        what: path.display().to_string(),
    };
    let mut draft = match kind {
        ArticleKind::Pdf | ArticleKind::Docx => {
            let extracted = if kind == ArticleKind::Pdf {
                pdf::read(&bytes)
            } else {
                docx::read(&bytes)
            };
            let document_error = |source| ImportError::Document {
                path: path.to_owned(),
                source,
            };
            let extracted = extracted.map_err(document_error)?;
            // The text of a small file can be larger than the file (a deflated DOCX part):
            // it must still fit what an article file may be.
            if extracted.text.len() as u64 > MAX_ARTICLE_BYTES {
                return Err(document_error(DocumentError::TooMuchText {
                    limit: MAX_ARTICLE_BYTES,
                }));
            }
            draft_from_extracted(extracted).ok_or_else(empty)?
        }
        _ => {
            let text = decode(&bytes).map_err(|offset| ImportError::NotUtf8 {
                path: path.to_owned(),
                offset,
            })?;
            draft_from_kind(&text, kind).ok_or_else(empty)?
        }
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    draft.imported_from = Some(file_name);
    Ok(draft)
}

/// The draft of a PDF's or DOCX's extracted text: the metadata's title and date when it has
/// them, else what the rules of plain text find (a `date` header line, a short first line as
/// the headline, the first sentence). The text is refused when it is larger than an article
/// file may be, as a `.txt` that large would be.
fn draft_from_extracted(extracted: Extracted) -> Option<ArticleDraft> {
    let text = normalize_newlines(&extracted.text);
    let (header_date, body) = rules::strip_date_header(&text);
    // With a title from the metadata, the first line stays in the text: it is usually the
    // headline printed again, and it may be more than that.
    let (line_title, body) = match extracted.title {
        Some(_) => (None, body),
        None => rules::split_title_line(body),
    };
    let body = rules::trim_blank_lines(body);
    if body.is_empty() {
        return None;
    }
    let title = extracted
        .title
        .or(line_title)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| rules::title_from_text(body));
    Some(ArticleDraft {
        title,
        published: extracted.date.or(header_date),
        text: body.to_owned(),
        imported_from: None,
    })
}

/// Turn already-decoded text of a given kind into a draft; `None` when no text is left.
pub fn draft_from_kind(text: &str, kind: ArticleKind) -> Option<ArticleDraft> {
    let text = normalize_newlines(text);
    let (heading, body) = match kind {
        // PDF and DOCX arrive here only as text already extracted.
        ArticleKind::Plain | ArticleKind::Pdf | ArticleKind::Docx => (None, text),
        ArticleKind::Markdown => {
            let md = markdown::to_readable(&text);
            (md.title, md.text)
        }
        ArticleKind::Html => {
            let page = html::to_readable(&text);
            (page.title, page.text)
        }
    };
    let (published, body) = rules::strip_date_header(&body);
    // Only plain text has no markup to say which line is the headline, so only there is a
    // short first line taken for one.
    let (line_title, body) = match (kind, &heading) {
        (ArticleKind::Plain | ArticleKind::Pdf | ArticleKind::Docx, None) => {
            rules::split_title_line(body)
        }
        _ => (None, body),
    };
    let body = rules::trim_blank_lines(body);
    if body.is_empty() {
        return None;
    }
    let title = heading
        .or(line_title)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| rules::title_from_text(body));
    Some(ArticleDraft {
        title,
        published,
        text: body.to_owned(),
        imported_from: None,
    })
}

/// Build an article from pasted text, with the same date-header and title rules as a `.txt`
/// file. Fails only when there is no text.
pub fn article_from_text(text: &str, id: &str) -> Result<Article, ImportError> {
    draft_from_kind(text, ArticleKind::Plain)
        .map(|draft| draft.into_article(id))
        .ok_or_else(|| ImportError::Empty {
            what: "the pasted text".to_owned(),
        })
}

/// The edit that appends a draft to a project as a new article with a fresh id.
pub fn add_article_edit(project: &mut Project, draft: ArticleDraft) -> Edit {
    let id = project.alloc_id("art");
    Edit::InsertArticle {
        index: project.articles.len(),
        article: draft.into_article(id),
    }
}

fn read_article_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    match crate::io::regular::read_regular_capped(path, MAX_ARTICLE_BYTES).map_err(io)? {
        Some(bytes) => Ok(bytes),
        None => Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: std::fs::metadata(path).map_or(MAX_ARTICLE_BYTES + 1, |m| m.len()),
            limit: MAX_ARTICLE_BYTES,
        }),
    }
}

/// UTF-8 decode, dropping a byte-order mark; the error is the offset of the first bad byte.
fn decode(bytes: &[u8]) -> Result<String, usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| e.valid_up_to())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(
            ArticleKind::of_path(Path::new("a.TXT")),
            Some(ArticleKind::Plain)
        );
        assert_eq!(
            ArticleKind::of_path(Path::new("a")),
            Some(ArticleKind::Plain)
        );
        assert_eq!(
            ArticleKind::of_path(Path::new("a.md")),
            Some(ArticleKind::Markdown)
        );
        assert_eq!(
            ArticleKind::of_path(Path::new("a.htm")),
            Some(ArticleKind::Html)
        );
        assert_eq!(
            ArticleKind::of_path(Path::new("a.PDF")),
            Some(ArticleKind::Pdf)
        );
        assert_eq!(
            ArticleKind::of_path(Path::new("a.docx")),
            Some(ArticleKind::Docx)
        );
        assert_eq!(ArticleKind::of_path(Path::new("a.doc")), None);
    }

    #[test]
    fn pasted_text_gets_date_and_title() {
        let article = article_from_text(
            "\r\n date 2024-01-02\r\nShort headline\r\n\r\nBody text here.\r\n",
            "art-9",
        )
        .expect("text is not empty");
        assert_eq!(article.id, "art-9");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(article.title, "Short headline");
        assert_eq!(article.text, "Body text here.");
        assert_eq!(article.imported_from, None);
    }

    #[test]
    fn empty_paste_is_refused() {
        let err = article_from_text(" \n date 2024-01-02 \n", "art-1").err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("the pasted text contains no text to import")
        );
    }

    #[test]
    fn bom_is_dropped_and_bad_bytes_located() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), Ok("abc".to_owned()));
        assert_eq!(decode(b"ab\xFFc"), Err(2));
    }
}
