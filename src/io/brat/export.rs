//! Writing a project as a brat collection: `NAME.txt` + `NAME.ann` per article, plus
//! `annotation.conf` and `visual.conf`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::{ENTITY_DB, SOURCE_RELATION, STATUS_ATTRIBUTE};
use crate::io::interop::{InteropError, brat_safe_name};
use crate::io::write_atomic;
use crate::model::{Annotation, Article, CharSpan, ClaimStatus, Project};

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
}

/// Build the brat collection for a project.
pub fn to_brat(project: &Project) -> BratExport {
    let types = type_names(project);
    let mut used_names = HashSet::new();
    let documents = project
        .articles
        .iter()
        .map(|article| BratDocument {
            name: unique_stem(article, &mut used_names),
            article: article.id.clone(),
            txt: article.text.clone(),
            ann: ann_file(project, article, &types),
        })
        .collect();
    BratExport {
        documents,
        annotation_conf: annotation_conf(project, &types),
        visual_conf: visual_conf(project, &types),
    }
}

/// Write the brat collection for a project into `dir` (created if needed). Each file is
/// written atomically; files of the same names are replaced, other files are left alone.
pub fn write_brat(project: &Project, dir: &Path) -> Result<BratExport, InteropError> {
    std::fs::create_dir_all(dir).map_err(|e| InteropError::io(dir, e))?;
    let export = to_brat(project);
    for doc in &export.documents {
        write_atomic(&dir.join(format!("{}.txt", doc.name)), doc.txt.as_bytes())?;
        write_atomic(&dir.join(format!("{}.ann", doc.name)), doc.ann.as_bytes())?;
    }
    write_atomic(
        &dir.join("annotation.conf"),
        export.annotation_conf.as_bytes(),
    )?;
    write_atomic(&dir.join("visual.conf"), export.visual_conf.as_bytes())?;
    Ok(export)
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

fn ann_file(project: &Project, article: &Article, types: &HashMap<String, String>) -> String {
    let anns: Vec<&Annotation> = project.annotations_of(&article.id).collect();
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
        let _ = writeln!(
            out,
            "T{t}\t{} {}\t{}",
            type_of(types, &ann.tag),
            offsets.join(";"),
            texts.join(" ")
        );
        if !ann.note.trim().is_empty() {
            notes += 1;
            let _ = writeln!(
                out,
                "#{notes}\tAnnotatorNotes T{t}\t{}",
                one_line(&ann.note)
            );
        }
        if let Some(entity) = ann.entity.as_deref().and_then(|e| project.entity(e)) {
            norms += 1;
            let _ = writeln!(
                out,
                "N{norms}\tReference T{t} {ENTITY_DB}:{}\t{}",
                entity.id,
                one_line(&entity.name)
            );
        }
        if let Some(claim) = &ann.claim {
            attrs += 1;
            let _ = writeln!(
                out,
                "A{attrs}\t{STATUS_ATTRIBUTE} T{t} {}",
                claim.status.as_str()
            );
            // The source is a relation to one of its mentions, so only when it has one here.
            let mention = claim.source.as_deref().and_then(|source| {
                anns.iter()
                    .find(|m| m.id != ann.id && m.entity.as_deref() == Some(source))
            });
            if let Some(arg2) = mention.and_then(|m| t_of.get(m.id.as_str())) {
                rels += 1;
                let _ = writeln!(out, "R{rels}\t{SOURCE_RELATION} Arg1:T{t} Arg2:T{arg2}");
            }
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
        let _ = writeln!(out, "{}", type_of(types, &tag.id));
    }
    out.push_str("\n[relations]\n");
    let _ = writeln!(
        out,
        "{SOURCE_RELATION}\tArg1:{}, Arg2:<ENTITY>",
        claim_types.join("|")
    );
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n");
    let _ = writeln!(
        out,
        "{STATUS_ATTRIBUTE}\tArg:{}, Value:{}",
        claim_types.join("|"),
        statuses.join("|")
    );
    out
}

/// `visual.conf`: the tags' labels and colours, so brat shows them as Sitrep does.
fn visual_conf(project: &Project, types: &HashMap<String, String>) -> String {
    let mut out = String::from("[labels]\n");
    for tag in &project.tags {
        let _ = writeln!(
            out,
            "{} | {}",
            type_of(types, &tag.id),
            one_line(&tag.label)
        );
    }
    out.push_str("\n[drawing]\n");
    for tag in &project.tags {
        let _ = writeln!(out, "{}\tbgColor:{}", type_of(types, &tag.id), tag.color);
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
    fn stems_are_safe_and_unique() {
        let mut used = HashSet::new();
        let a = Article::new("art-1", "Frappe à Alep: 3 morts", "x");
        let b = Article::new("ART-1", "frappe à alep: 3 morts", "x");
        assert_eq!(unique_stem(&a, &mut used), "art-1_Frappe_Alep_3_morts");
        assert_eq!(unique_stem(&b, &mut used), "ART-1_frappe_alep_3_morts-2");
    }
}
