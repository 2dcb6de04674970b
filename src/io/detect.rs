//! What a path on disk is, decided in one place: the window (open, drop), the import and the
//! `check` subcommand all ask [`FileKind::of`], so a file cannot be a project to one of them and
//! an article to another.
//!
//! Names decide first, because they are cheap and say what the user meant. Only where the name
//! is silent (a plain `.json`, no extension, an extension Sitrep does not know) is the file
//! opened, and then only to read its `format` field: an incident file written under another
//! name is still an incident file.

use std::path::Path;

use super::articles::ArticleKind;
use super::formats::Format;
use super::formats::brat::is_brat_dir;
use super::incident_file::is_incident_json;
use super::project_file::read_limited;

/// The kinds of path Sitrep reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A project file, `*.sitrep`.
    Project,
    /// A self-contained incident file: `*.incident.json`, or JSON whose `format` says so.
    IncidentFile,
    /// An annotated corpus that carries its texts: a brat folder, a brat `.ann` (or the `.txt`
    /// beside one), or a doccano `.jsonl`. It can become a project on its own.
    Corpus(Format),
    /// W3C Web Annotations (`.jsonld`): spans without texts, which go onto the articles of an
    /// open project.
    WebAnnotations,
    /// An article to import: `.txt`, `.md`, `.html` and their variants, `.pdf`, `.docx`.
    Article(ArticleKind),
    /// None of the above (including a folder without brat documents and a file that cannot
    /// be read when its content would decide).
    Unknown,
}

impl FileKind {
    /// What `path` is. Looks at the name, and at the disk only where the name needs it: whether
    /// a folder holds `.ann` files, whether a `.txt` has a `.ann` beside it, and the `format`
    /// field of a file whose name says nothing.
    pub fn of(path: &Path) -> FileKind {
        if path.is_dir() {
            return if is_brat_dir(path) {
                FileKind::Corpus(Format::Brat)
            } else {
                FileKind::Unknown
            };
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.ends_with(".incident.json") {
            return FileKind::IncidentFile;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "sitrep" => FileKind::Project,
            "ann" => FileKind::Corpus(Format::Brat),
            "jsonl" => FileKind::Corpus(Format::Doccano),
            "jsonld" => FileKind::WebAnnotations,
            "txt" if path.with_extension("ann").is_file() => FileKind::Corpus(Format::Brat),
            "json" => Self::by_content(path).unwrap_or(FileKind::Unknown),
            // A file without an extension reads as plain text, unless it says it is an
            // incident file.
            "" => Self::by_content(path).unwrap_or(FileKind::Article(ArticleKind::Plain)),
            _ => match ArticleKind::of_path(path) {
                Some(kind) => FileKind::Article(kind),
                None => Self::by_content(path).unwrap_or(FileKind::Unknown),
            },
        }
    }

    /// The kind the file's own `format` field gives, when the name did not decide.
    fn by_content(path: &Path) -> Option<FileKind> {
        let bytes = read_limited(path).ok()?;
        is_incident_json(&bytes).then_some(FileKind::IncidentFile)
    }

    /// True for what the window opens as a document of its own: a project or an incident file.
    pub fn opens_as_document(self) -> bool {
        matches!(self, FileKind::Project | FileKind::IncidentFile)
    }

    /// True for annotation data from another tool (a corpus or Web Annotations), which goes
    /// through the import with its label map rather than the article reader.
    pub fn is_annotation_data(self) -> bool {
        matches!(self, FileKind::Corpus(_) | FileKind::WebAnnotations)
    }

    /// The exchange format that imports this path, if any.
    pub fn import_format(self) -> Option<Format> {
        match self {
            FileKind::Corpus(format) => Some(format),
            FileKind::WebAnnotations => Some(Format::W3c),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(dir: &Path, name: &str, content: &str) -> FileKind {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        FileKind::of(&path)
    }

    const INCIDENT: &str = r#"{"format": "sitrep/incident", "version": 1}"#;

    #[test]
    fn names_decide_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(kind_of(d, "a.sitrep", "{}"), FileKind::Project);
        assert_eq!(kind_of(d, "A.SITREP", "{}"), FileKind::Project);
        assert_eq!(kind_of(d, "x.incident.json", "{}"), FileKind::IncidentFile);
        assert_eq!(kind_of(d, "X.Incident.JSON", ""), FileKind::IncidentFile);
        assert_eq!(kind_of(d, "c.jsonl", ""), FileKind::Corpus(Format::Doccano));
        assert_eq!(kind_of(d, "w.jsonld", ""), FileKind::WebAnnotations);
        assert_eq!(
            kind_of(d, "story.md", ""),
            FileKind::Article(ArticleKind::Markdown)
        );
        assert_eq!(
            kind_of(d, "page.HTM", ""),
            FileKind::Article(ArticleKind::Html)
        );
        assert_eq!(
            kind_of(d, "report.pdf", ""),
            FileKind::Article(ArticleKind::Pdf)
        );
        assert_eq!(
            kind_of(d, "Report.DOCX", ""),
            FileKind::Article(ArticleKind::Docx)
        );
        // A project file whose content claims to be an incident is still named a project.
        assert_eq!(kind_of(d, "odd.sitrep", INCIDENT), FileKind::Project);
    }

    #[test]
    fn a_txt_is_brat_only_with_an_ann_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(
            kind_of(d, "doc.txt", "text"),
            FileKind::Article(ArticleKind::Plain)
        );
        assert_eq!(kind_of(d, "doc.ann", ""), FileKind::Corpus(Format::Brat));
        assert_eq!(
            FileKind::of(&d.join("doc.txt")),
            FileKind::Corpus(Format::Brat)
        );
    }

    #[test]
    fn plain_json_and_unknown_names_are_read_for_their_format() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(kind_of(d, "inc.json", INCIDENT), FileKind::IncidentFile);
        assert_eq!(kind_of(d, "other.json", "{\"a\": 1}"), FileKind::Unknown);
        assert_eq!(kind_of(d, "inc.bin", INCIDENT), FileKind::IncidentFile);
        assert_eq!(kind_of(d, "data.bin", "x"), FileKind::Unknown);
        assert_eq!(kind_of(d, "noext", INCIDENT), FileKind::IncidentFile);
        assert_eq!(
            kind_of(d, "notes", "just words"),
            FileKind::Article(ArticleKind::Plain)
        );
        assert_eq!(FileKind::of(&d.join("missing.json")), FileKind::Unknown);
    }

    #[test]
    fn folders_are_corpora_only_with_ann_files() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(FileKind::of(&empty), FileKind::Unknown);
        let brat = dir.path().join("brat");
        std::fs::create_dir_all(brat.join("sub")).unwrap();
        std::fs::write(brat.join("sub/a.ann"), "").unwrap();
        assert_eq!(FileKind::of(&brat), FileKind::Corpus(Format::Brat));
    }

    #[test]
    fn helpers_group_the_kinds() {
        assert!(FileKind::Project.opens_as_document());
        assert!(FileKind::IncidentFile.opens_as_document());
        assert!(!FileKind::WebAnnotations.opens_as_document());
        assert!(FileKind::WebAnnotations.is_annotation_data());
        assert!(FileKind::Corpus(Format::Brat).is_annotation_data());
        assert!(!FileKind::Article(ArticleKind::Plain).is_annotation_data());
        assert_eq!(FileKind::WebAnnotations.import_format(), Some(Format::W3c));
        assert_eq!(FileKind::Unknown.import_format(), None);
    }
}
