//! brat standoff format (<https://brat.nlplab.org/standoff.html>), both ways.
//!
//! A brat document is a `NAME.txt` holding the text and a `NAME.ann` beside it holding one
//! annotation per line, with offsets counting Unicode code points of the `.txt` exactly as
//! stored (Sitrep's unit too). Sitrep writes and reads:
//!
//! | line | meaning in Sitrep |
//! | --- | --- |
//! | `T1<TAB>Type start end;start end<TAB>text` | an annotation; fragments where it crosses a line break |
//! | `#1<TAB>AnnotatorNotes T1<TAB>note` | the annotation's note |
//! | `N1<TAB>Reference T1 sitrep:ent-3<TAB>Name` | the entity the annotation mentions |
//! | `A1<TAB>Status T5 reported` | a claim's status |
//! | `R1<TAB>Source Arg1:T5 Arg2:T2` | a claim's source (a mention of the source entity) |
//!
//! The export also writes `annotation.conf` (the types, the `Source` relation and the `Status`
//! attribute), `visual.conf` (labels and colours), and `tools.conf` with `sitrep.tsv`, which
//! declare the `sitrep` normalisation database the `N` lines refer to.
//!
//! On import, what has no field of its own in Sitrep is kept where an analyst reads it, in the
//! note of the annotation it hangs on: other attributes (`Negation`, `Category:
//! SpecificDisease`), other relations (`Located: Arg2 “Kafr Nabl”`, on the first argument) and
//! events (`Attack: Agent “Northern Front”, Place “Kafr Nabl”`, on the trigger). Equivalences
//! (`*`) link their spans to one entity. Lines that cannot be used are reported with their file
//! and line and the import goes on.

pub mod export;
pub mod import;

pub use export::{BratDocument, BratExport, ENTITY_TABLE_FILE, to_brat, tools_conf, write_brat};
pub use import::{import_brat_dir, import_brat_document, import_brat_pair, is_brat_dir};

/// The files besides the documents that an export writes into the folder, in the order written.
pub const CONF_FILES: [&str; 4] = [
    "annotation.conf",
    "visual.conf",
    ENTITY_TABLE_FILE,
    "tools.conf",
];

/// The brat relation type Sitrep uses for a claim's source.
pub const SOURCE_RELATION: &str = "Source";
/// The brat attribute Sitrep uses for a claim's status.
pub const STATUS_ATTRIBUTE: &str = "Status";
/// The normalisation database prefix of Sitrep entity references in `N` lines.
pub const ENTITY_DB: &str = "sitrep";
