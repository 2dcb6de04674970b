//! Writing a project as a brat collection: `NAME.txt` + `NAME.ann` per article, plus
//! `annotation.conf`, `visual.conf`, `tools.conf` and the entity table `sitrep.tsv`.
//!
//! brat resolves an `N` line's database through the `[normalization]` section of `tools.conf`,
//! and warns about every reference to a database it does not find there. So the export
//! declares `sitrep` there, and writes the project's entities as `sitrep.tsv` in the input
//! format of brat's `tools/norm_db_init.py` (`ID<TAB>name:Name:…<TAB>info:Label:…`), from which
//! a brat installation builds the lookup database that shows each entity's name.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::{ENTITY_DB, SOURCE_RELATION, STATUS_ATTRIBUTE};
use crate::io::atomic::write_atomic_files;
use crate::io::formats::shared::{InteropError, brat_safe_name};
use crate::io::write_atomic;
use crate::model::{Annotation, Article, CharSpan, ClaimStatus, Project, parse_external_id};

/// One article as a brat document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BratDocument {
    /// File stem, unique in the collection (also when compared without case).
    pub name: String,
    /// Id of the article it came from.
    pub article: String,
    /// Contents of `NAME.txt`: the article text, exactly.
    pub txt: String,
    /// Contents of `NAME.ann`.
    pub ann: String,
}

/// A whole project as a brat collection, not yet written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BratExport {
    /// One document per article, in article order.
    pub documents: Vec<BratDocument>,
    /// Contents of `annotation.conf`.
    pub annotation_conf: String,
    /// Contents of `visual.conf` (tag colours).
    pub visual_conf: String,
    /// Contents of `sitrep.tsv`: one line per entity, for brat's normalisation database.
    pub entity_table: String,
    /// The outside databases the entities' external ids name (`Wikidata`, ...), each once,
    /// as first spelt: `N` lines refer to them, so `tools.conf` declares them.
    pub external_dbs: Vec<String>,
}

/// The file name of the entity table; brat names the database after it (`sitrep`).
pub const ENTITY_TABLE_FILE: &str = "sitrep.tsv";

/// Build the brat collection for a project.
pub fn to_brat(project: &Project) -> BratExport {
    let types = type_names(project);
    let mut used_names = HashSet::new();
    let by_article = project.annotations_by_article();
    let documents = project
        .articles
        .iter()
        .map(|article| BratDocument {
            name: unique_stem(article, &mut used_names),
            article: article.id.clone(),
            txt: article.text.clone(),
            ann: ann_file(
                project,
                article,
                by_article
                    .get(article.id.as_str())
                    .map_or(&[], Vec::as_slice),
                &types,
            ),
        })
        .collect();
    BratExport {
        documents,
        annotation_conf: annotation_conf(project, &types),
        visual_conf: visual_conf(project, &types),
        entity_table: entity_table(project),
        external_dbs: external_dbs(project),
    }
}

/// Every database named by an entity's external ids, once (ignoring case), in first-use order.
fn external_dbs(project: &Project) -> Vec<String> {
    let mut dbs: Vec<String> = Vec::new();
    for entity in &project.entities {
        for (db, _) in entity
            .external_ids
            .iter()
            .filter_map(|x| parse_external_id(x))
        {
            if !db.eq_ignore_ascii_case(ENTITY_DB)
                && !dbs.iter().any(|d| d.eq_ignore_ascii_case(db))
            {
                dbs.push(db.to_owned());
            }
        }
    }
    dbs
}

/// Write the brat collection for a project into `dir` (created if needed). Each file is
/// written atomically; files of the same names are replaced, other files are left alone.
pub fn write_brat(project: &Project, dir: &Path) -> Result<BratExport, InteropError> {
    std::fs::create_dir_all(dir).map_err(|e| InteropError::io(dir, e))?;
    let export = to_brat(project);
    // All documents in one go: the folder is searched for stray temp files once, not once
    // per file (which made 10k documents quadratic).
    write_atomic_files(export.documents.iter().flat_map(|doc| {
        [
            (dir.join(format!("{}.txt", doc.name)), doc.txt.as_bytes()),
            (dir.join(format!("{}.ann", doc.name)), doc.ann.as_bytes()),
        ]
    }))?;
    write_atomic(
        &dir.join("annotation.conf"),
        export.annotation_conf.as_bytes(),
    )?;
    write_atomic(&dir.join("visual.conf"), export.visual_conf.as_bytes())?;
    let table = dir.join(ENTITY_TABLE_FILE);
    write_atomic(&table, export.entity_table.as_bytes())?;
    // brat links the database's name to this address; the table itself is the best page
    // there is for Sitrep's entities.
    let table = std::fs::canonicalize(&table).unwrap_or(table);
    write_atomic(
        &dir.join("tools.conf"),
        tools_conf(&file_url(&table), &export.external_dbs).as_bytes(),
    )?;
    Ok(export)
}

/// `tools.conf`: declares the normalisation databases that `N` lines refer to: `sitrep`, with
/// `url` (the entity table) as its home page since brat requires one, and each outside database
/// of the entities' external ids, with its own site where Sitrep knows it (Wikidata, GeoNames)
/// and the entity table otherwise, which lists those ids too.
pub fn tools_conf(url: &str, external_dbs: &[String]) -> String {
    let mut out = format!(
        "# Written by Sitrep. N lines refer to Sitrep entities as {ENTITY_DB}:<entity id>, and to\n\
         # the entities' ids in outside databases; the entities are listed in {ENTITY_TABLE_FILE},\n\
         # the input of brat's tools/norm_db_init.py.\n\
         [normalization]\n\
         {ENTITY_DB}\t<URL>:{url}\n"
    );
    for db in external_dbs {
        let site = match db.to_ascii_lowercase().as_str() {
            "wikidata" => {
                "<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s".into()
            }
            "geonames" => {
                "<URL>:https://www.geonames.org/, <URLBASE>:https://www.geonames.org/%s".into()
            }
            _ => format!("<URL>:{url}"),
        };
        writeln!(out, "{db}\t{site}").ok();
    }
    out
}

/// A `file://` URL for an absolute path. brat's configuration splits arguments at commas and
/// whitespace, so everything but unreserved characters and `/` is percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        url.push('/'); // a Windows drive letter: file:///C:/...
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            url.push(char::from(byte));
        } else {
            write!(url, "%{byte:02X}").ok();
        }
    }
    url
}

/// `sitrep.tsv`: per entity its id, its name and aliases (searchable in brat), and its tag,
/// kind, place and note as information. Tabs and line breaks inside values become spaces,
/// since they delimit the format.
fn entity_table(project: &Project) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ").trim().to_owned();
    let mut out = String::new();
    for entity in &project.entities {
        let mut fields = vec![format!("name:Name:{}", clean(&entity.name))];
        for alias in &entity.aliases {
            if !clean(alias).is_empty() {
                fields.push(format!("name:Alias:{}", clean(alias)));
            }
        }
        let tag = project
            .tag(&entity.tag)
            .map_or(entity.tag.as_str(), |t| t.label.as_str());
        let place = [&entity.admin2, &entity.admin1, &entity.country]
            .iter()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let coordinates = entity
            .lat
            .zip(entity.lon)
            .map(|(lat, lon)| format!("{lat}, {lon}"))
            .unwrap_or_default();
        for external in &entity.external_ids {
            fields.push(format!("info:Identifier:{}", clean(external)));
        }
        for (label, value) in [
            ("Tag", clean(tag)),
            ("Kind", clean(&entity.kind)),
            ("Place", place),
            ("Coordinates", coordinates),
            ("Note", clean(&entity.note)),
        ] {
            if !value.is_empty() {
                fields.push(format!("info:{label}:{value}"));
            }
        }
        writeln!(out, "{}\t{}", entity.id, fields.join("\t")).ok();
    }
    out
}

/// A brat type name per tag id: the tag's label made brat-safe, unique ignoring case.
fn type_names(project: &Project) -> HashMap<String, String> {
    let mut taken = HashSet::new();
    let mut names = HashMap::new();
    for tag in &project.tags {
        let base = brat_safe_name(&tag.label);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_ascii_lowercase()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names.insert(tag.id.clone(), name);
    }
    names
}

/// The brat type of an annotation's tag; a tag missing from the project (which validation
/// forbids) still gets a safe name rather than being dropped.
fn type_of(types: &HashMap<String, String>, tag: &str) -> String {
    types
        .get(tag)
        .cloned()
        .unwrap_or_else(|| brat_safe_name(tag))
}

/// A file stem from the article id and title: ASCII letters, digits, `-` and `_` only (safe on
/// every file system and in brat's URLs), at most about 60 chars, unique ignoring case.
fn unique_stem(article: &Article, used: &mut HashSet<String>) -> String {
    let mut stem = String::new();
    for c in format!("{} {}", article.id, article.title).chars() {
        if stem.len() >= 60 {
            break;
        }
        if c.is_ascii_alphanumeric() || c == '-' {
            stem.push(c);
        } else if !stem.ends_with('_') {
            stem.push('_');
        }
    }
    let stem = stem.trim_matches('_').to_owned();
    let base = if stem.is_empty() {
        "article".to_owned()
    } else {
        stem
    };
    let mut name = base.clone();
    let mut n = 2;
    // `annotation` would clash with annotation.conf's stem only in spirit; stems are compared
    // without case so a case-insensitive file system cannot merge two documents.
    while !used.insert(name.to_ascii_lowercase()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// The brat fragments of a span: the pieces between line breaks, since a brat text-bound
/// annotation may not contain a newline. Pieces that are only whitespace are left out. A span
/// that is nothing but whitespace (which Sitrep's tagging never makes) is kept whole.
pub(crate) fn fragments(chars: &[char], span: CharSpan) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut piece_start = span.start.0;
    for i in span.start.0..=span.end.0 {
        let at_break = i == span.end.0 || chars.get(i) == Some(&'\n');
        if at_break {
            let piece = chars.get(piece_start..i).unwrap_or(&[]);
            if piece.iter().any(|c| !c.is_whitespace()) {
                out.push(CharSpan::new(piece_start, i));
            }
            piece_start = i + 1;
        }
    }
    if out.is_empty() {
        out.push(span);
    }
    out
}

/// Make a value fit on one `.ann` line (notes and names may hold line breaks).
fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// The `.ann` file of `article`, whose annotations are `anns` in stored order.
fn ann_file(
    project: &Project,
    article: &Article,
    anns: &[&Annotation],
    types: &HashMap<String, String>,
) -> String {
    // T numbers in stored order, so relations can point at any mention.
    let t_of: HashMap<&str, usize> = anns
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i + 1))
        .collect();
    let (mut notes, mut norms, mut attrs, mut rels) = (0, 0, 0, 0);
    let mut out = String::new();
    for (i, ann) in anns.iter().enumerate() {
        let t = i + 1;
        let frags = fragments(article.chars(), ann.span());
        let offsets: Vec<String> = frags
            .iter()
            .map(|f| format!("{} {}", f.start, f.end))
            .collect();
        let texts: Vec<&str> = frags.iter().filter_map(|f| article.slice(*f)).collect();
        writeln!(
            out,
            "T{t}\t{} {}\t{}",
            type_of(types, &ann.tag),
            offsets.join(";"),
            texts.join(" ")
        )
        .ok();
        if !ann.note.trim().is_empty() {
            notes += 1;
            writeln!(
                out,
                "#{notes}\tAnnotatorNotes T{t}\t{}",
                one_line(&ann.note)
            )
            .ok();
        }
        if let Some(entity) = ann.entity.as_deref().and_then(|e| project.entity(e)) {
            norms += 1;
            writeln!(
                out,
                "N{norms}\tReference T{t} {ENTITY_DB}:{}\t{}",
                entity.id,
                one_line(&entity.name)
            )
            .ok();
            for external in entity
                .external_ids
                .iter()
                .filter(|x| parse_external_id(x).is_some())
            {
                norms += 1;
                writeln!(
                    out,
                    "N{norms}\tReference T{t} {external}\t{}",
                    one_line(&entity.name)
                )
                .ok();
            }
        }
        if let Some(claim) = &ann.claim {
            attrs += 1;
            writeln!(
                out,
                "A{attrs}\t{STATUS_ATTRIBUTE} T{t} {}",
                claim.status.as_str()
            )
            .ok();
            // The source is a relation to one of its mentions, so only when it has one here.
            let mention = claim.source.as_deref().and_then(|source| {
                anns.iter()
                    .find(|m| m.id != ann.id && m.entity.as_deref() == Some(source))
            });
            if let Some(arg2) = mention.and_then(|m| t_of.get(m.id.as_str())) {
                rels += 1;
                writeln!(out, "R{rels}\t{SOURCE_RELATION} Arg1:T{t} Arg2:T{arg2}").ok();
            }
        }
    }
    // Relations between two mentions of this document (brat has no link across documents).
    for rel in &project.relations {
        if let (Some(a), Some(b)) = (t_of.get(rel.from.as_str()), t_of.get(rel.to.as_str())) {
            rels += 1;
            writeln!(out, "R{rels}\t{} Arg1:T{a} Arg2:T{b}", rel.kind).ok();
        }
    }
    out
}

/// `annotation.conf`: every tag as an entity type, the claim source relation, the claim status
/// attribute, and permission for spans to overlap (Sitrep allows it; brat forbids crossing
/// spans unless told otherwise).
fn annotation_conf(project: &Project, types: &HashMap<String, String>) -> String {
    let mut claim_types: Vec<String> = project
        .annotations
        .iter()
        .filter(|a| a.claim.is_some())
        .map(|a| type_of(types, &a.tag))
        .chain(std::iter::once(type_of(types, crate::model::tags::CLAIM)))
        .collect();
    claim_types.sort();
    claim_types.dedup();
    let statuses: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.as_str()).collect();
    let mut out = String::from(
        "# Written by Sitrep. Offsets in the .ann files count Unicode code points.\n[entities]\n",
    );
    for tag in &project.tags {
        // The coding rule goes along as comments, which brat skips.
        for line in tag.description.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "# {}: {}", tag.label, line.trim()).ok();
        }
        writeln!(out, "{}", type_of(types, &tag.id)).ok();
    }
    out.push_str("\n[relations]\n");
    writeln!(
        out,
        "{SOURCE_RELATION}\tArg1:{}, Arg2:<ENTITY>",
        claim_types.join("|")
    )
    .ok();
    for ty in &project.relation_types {
        for line in ty.description.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "# {}: {}", ty.label, line.trim()).ok();
        }
        writeln!(out, "{}\tArg1:<ENTITY>, Arg2:<ENTITY>", ty.id).ok();
    }
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n");
    writeln!(
        out,
        "{STATUS_ATTRIBUTE}\tArg:{}, Value:{}",
        claim_types.join("|"),
        statuses.join("|")
    )
    .ok();
    out
}

/// `visual.conf`: the tags' labels and colours, so brat shows them as Sitrep does.
fn visual_conf(project: &Project, types: &HashMap<String, String>) -> String {
    let mut out = String::from("[labels]\n");
    for tag in &project.tags {
        writeln!(
            out,
            "{} | {}",
            type_of(types, &tag.id),
            one_line(&tag.label)
        )
        .ok();
    }
    out.push_str("\n[drawing]\n");
    for tag in &project.tags {
        writeln!(out, "{}\tbgColor:{}", type_of(types, &tag.id), tag.color).ok();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_split_at_line_breaks() {
        let chars: Vec<char> = "ab\ncd\n\nef".chars().collect();
        assert_eq!(
            fragments(&chars, CharSpan::new(0, 9)),
            vec![
                CharSpan::new(0, 2),
                CharSpan::new(3, 5),
                CharSpan::new(7, 9)
            ]
        );
        assert_eq!(
            fragments(&chars, CharSpan::new(3, 5)),
            vec![CharSpan::new(3, 5)]
        );
    }

    #[test]
    fn file_urls_have_no_commas_or_spaces() {
        assert_eq!(
            file_url(Path::new("/tmp/a b,c/sitrep.tsv")),
            "file:///tmp/a%20b%2Cc/sitrep.tsv"
        );
        assert_eq!(
            file_url(Path::new("/data/été")),
            "file:///data/%C3%A9t%C3%A9"
        );
    }

    #[test]
    fn entity_table_has_one_clean_line_per_entity() {
        let mut p = Project::new("t");
        let mut e = crate::model::Entity::new("ent-1", "actor", "Syrian\tCivil Defence");
        e.aliases = vec!["White Helmets".into(), " ".into()];
        e.country = "Syria".into();
        e.admin1 = "Idlib".into();
        e.note = "two\nlines".into();
        p.apply(crate::model::Edit::InsertEntity {
            index: 0,
            entity: e,
        })
        .unwrap();
        assert_eq!(
            entity_table(&p),
            "ent-1\tname:Name:Syrian Civil Defence\tname:Alias:White Helmets\t\
             info:Tag:Actor\tinfo:Place:Idlib, Syria\tinfo:Note:two lines\n"
        );
    }

    #[test]
    fn stems_are_safe_and_unique() {
        let mut used = HashSet::new();
        let a = Article::new("art-1", "Frappe à Alep: 3 morts", "x");
        let b = Article::new("ART-1", "frappe à alep: 3 morts", "x");
        assert_eq!(unique_stem(&a, &mut used), "art-1_Frappe_Alep_3_morts");
        assert_eq!(unique_stem(&b, &mut used), "ART-1_frappe_alep_3_morts-2");
    }
}
