//! Curation: another analyst's project laid beside ours. For the shown article (matched by its
//! text, `text_sha256`) the comparison lists where the two sides differ, and the lead settles
//! each difference: take theirs, keep mine, or take both. Taking is one undo step each; keeping
//! changes nothing in the document and only puts the difference aside.

use std::collections::HashSet;
use std::path::PathBuf;

use super::{Workbench, shorten};
use crate::model::{Annotation, CharSpan, Edit, Entity, MergeConflict, Project};

/// Where the two sides differ on one span.
#[derive(Clone, Debug, PartialEq)]
pub enum Difference {
    /// They marked a span we did not.
    TheirsOnly {
        /// Their annotation (its ids are theirs).
        theirs: Annotation,
    },
    /// We marked a span they did not.
    MineOnly {
        /// Our annotation.
        mine: Annotation,
    },
    /// Both marked the same chars, with another tag or other fields (note, claim status).
    Changed {
        /// Our annotation (boxed, as the pair is twice the size of the other variants).
        mine: Box<Annotation>,
        /// Theirs.
        theirs: Box<Annotation>,
    },
}

impl Difference {
    /// The chars the difference is about.
    pub fn span(&self) -> CharSpan {
        match self {
            Difference::TheirsOnly { theirs: a } | Difference::MineOnly { mine: a } => a.span(),
            Difference::Changed { mine, .. } => mine.span(),
        }
    }

    /// A key that names the difference while both documents stay as they are.
    pub fn key(&self) -> String {
        match self {
            Difference::TheirsOnly { theirs } => format!("theirs:{}", theirs.id),
            Difference::MineOnly { mine } => format!("mine:{}", mine.id),
            Difference::Changed { mine, theirs } => format!("changed:{}:{}", mine.id, theirs.id),
        }
    }
}

/// The other side of a comparison.
pub struct Comparison {
    /// Where their project was read from.
    pub path: PathBuf,
    /// Their project.
    pub theirs: Project,
    /// Differences put aside with "keep mine", by [`Difference::key`].
    kept: HashSet<String>,
}

/// The shown article seen from both sides.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleComparison {
    /// Their article with the same text, if they have it.
    pub their_article: Option<String>,
    /// Their annotations of the article (for the second band of the view).
    pub theirs: Vec<Annotation>,
    /// The differences not yet settled, by span.
    pub differences: Vec<Difference>,
    /// Agreement of the two sides on this article (exact span F1, overlap F1, Cohen's kappa,
    /// Krippendorff's alpha_U), `None` where undefined.
    pub figures: [Option<f64>; 4],
}

impl Comparison {
    /// Compare against `theirs`, read from `path`.
    pub fn new(path: PathBuf, theirs: Project) -> Self {
        Self {
            path,
            theirs,
            kept: HashSet::new(),
        }
    }

    /// How many differences were put aside (caches of a comparison key on it).
    pub fn kept_count(&self) -> usize {
        self.kept.len()
    }

    /// A short name for the other side: the file name.
    pub fn label(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The shown article of `mine` against theirs.
    pub fn article(&self, mine: &Project, article: &str) -> ArticleComparison {
        let Some(ours) = mine.article(article) else {
            return ArticleComparison::default();
        };
        let Some(their_article) = self
            .theirs
            .articles
            .iter()
            .find(|a| a.text_sha256 == ours.text_sha256)
        else {
            return ArticleComparison::default();
        };
        let my_anns = mine.annotations_slice(article);
        let their_anns = self.theirs.annotations_slice(&their_article.id);
        let mut differences = Vec::new();
        for t in their_anns {
            let same_span: Vec<&Annotation> =
                my_anns.iter().filter(|m| m.span() == t.span()).collect();
            if same_span.iter().any(|m| agree(m, t)) {
                continue;
            }
            match same_span
                .iter()
                .find(|m| m.tag == t.tag)
                .or(same_span.first())
            {
                Some(m) => differences.push(Difference::Changed {
                    mine: Box::new((*m).clone()),
                    theirs: Box::new(t.clone()),
                }),
                None => differences.push(Difference::TheirsOnly { theirs: t.clone() }),
            }
        }
        for m in my_anns {
            if !their_anns.iter().any(|t| t.span() == m.span()) {
                differences.push(Difference::MineOnly { mine: m.clone() });
            }
        }
        differences.retain(|d| !self.kept.contains(&d.key()));
        differences.sort_by_key(|d| (d.span().start, d.span().end));
        ArticleComparison {
            their_article: Some(their_article.id.clone()),
            theirs: their_anns.to_vec(),
            differences,
            figures: figures(mine, article, &self.theirs, &their_article.id),
        }
    }
}

/// Both sides say the same about the span: tag, note and claim status.
fn agree(mine: &Annotation, theirs: &Annotation) -> bool {
    mine.tag == theirs.tag
        && mine.note == theirs.note
        && mine.claim.as_ref().map(|c| c.status) == theirs.claim.as_ref().map(|c| c.status)
}

/// The four agreement measures of one article, computed as `sitrep agree` computes them.
fn figures(
    mine: &Project,
    article: &str,
    theirs: &Project,
    their_article: &str,
) -> [Option<f64>; 4] {
    let only = |p: &Project, id: &str| {
        let mut one = Project::new(&p.name);
        one.tags = p.tags.clone();
        one.articles = p.article(id).cloned().into_iter().collect();
        one.annotations = p.annotations_slice(id).to_vec();
        one
    };
    let (a, b) = (only(mine, article), only(theirs, their_article));
    match crate::team::agree(&[("mine", &a), ("theirs", &b)]) {
        Ok(r) => [
            r.exact_f1.mean,
            r.overlap_f1.mean,
            r.cohen_kappa.mean,
            r.alpha_u.mean,
        ],
        Err(_) => [None; 4],
    }
}

impl Workbench {
    /// Compare the open project with another analyst's project file.
    pub(super) fn start_comparison(&mut self, path: &std::path::Path) {
        match crate::io::load_project(path) {
            Ok(theirs) => {
                let shared = theirs
                    .articles
                    .iter()
                    .filter(|t| {
                        self.doc
                            .project
                            .articles
                            .iter()
                            .any(|a| a.text_sha256 == t.text_sha256)
                    })
                    .count();
                self.comparison = Some(Comparison::new(path.to_owned(), theirs));
                self.info(format!(
                    "Comparing with {}: {} in common",
                    path.display(),
                    crate::wording::count(shared, "article")
                ));
            }
            Err(e) => self.fail("Cannot compare with that file", e.to_string()),
        }
    }

    /// The comparison of the shown article, if a comparison is open.
    pub fn article_comparison(&self) -> Option<ArticleComparison> {
        let comparison = self.comparison.as_ref()?;
        let article = self.view.current_article.as_deref()?;
        Some(comparison.article(&self.doc.project, article))
    }

    /// The open comparison, if any.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// Settle a difference of the shown article, found by its key.
    pub(super) fn settle(&mut self, key: &str, how: Settle) {
        let Some(difference) = self
            .article_comparison()
            .and_then(|c| c.differences.into_iter().find(|d| d.key() == key))
        else {
            return self.warn("That difference is settled already");
        };
        let span = difference.span();
        match (how, difference) {
            (Settle::KeepMine, _) => {
                if let Some(c) = self.comparison.as_mut() {
                    c.kept.insert(key.to_owned());
                }
                self.info(format!("Kept ours at {span}"));
            }
            (Settle::TakeTheirs | Settle::TakeBoth, Difference::TheirsOnly { theirs }) => {
                self.take_theirs(&theirs, None)
            }
            (Settle::TakeTheirs, Difference::MineOnly { mine }) => {
                let edit = self.doc.project.delete_annotation_edit(&mine.id);
                if self.apply(edit) {
                    self.view.forget_missing(&self.doc.project);
                    self.info(format!(
                        "Took theirs: removed “{}”",
                        shorten(&mine.exact, 40)
                    ));
                }
            }
            (Settle::TakeBoth, Difference::MineOnly { .. }) => {
                self.warn("They have nothing there to take")
            }
            (Settle::TakeTheirs, Difference::Changed { mine, theirs }) => {
                self.take_theirs(&theirs, Some(&mine))
            }
            (Settle::TakeBoth, Difference::Changed { theirs, .. }) => {
                self.take_theirs(&theirs, None)
            }
        }
    }

    /// Bring their annotation into the project, as one undo step: as a new annotation, or in
    /// place of `replacing`. Its entity and claim source come along: an entity of ours with
    /// the same name (or alias) and tag, else a copy of theirs.
    fn take_theirs(&mut self, theirs: &Annotation, replacing: Option<&Annotation>) {
        let Some(article) = self.view.current_article.clone() else {
            return;
        };
        let mut edits = Vec::new();
        let entity = theirs
            .entity
            .as_deref()
            .and_then(|e| self.adopt_entity(e, &mut edits));
        let source = theirs
            .claim
            .as_ref()
            .and_then(|c| c.source.as_deref())
            .and_then(|e| self.adopt_entity(e, &mut edits));
        let mut ann = match replacing {
            Some(mine) => mine.clone(),
            None => match self
                .doc
                .project
                .make_annotation(&article, theirs.span(), &theirs.tag)
            {
                Ok(ann) => ann,
                Err(e) => return self.warn(format!("Not taken: {e}")),
            },
        };
        ann.tag = theirs.tag.clone();
        ann.note = theirs.note.clone();
        ann.entity = entity;
        ann.claim = theirs.claim.clone().map(|mut c| {
            c.source = source;
            c
        });
        let id = ann.id.clone();
        edits.push(match replacing {
            Some(_) => Edit::UpdateAnnotation(ann),
            None => Edit::InsertAnnotation(ann),
        });
        if self.apply(Edit::Batch(edits)) {
            self.view.selected_annotation = Some(id);
            self.info(format!("Took theirs: “{}”", shorten(&theirs.exact, 40)));
        }
    }

    /// Our id for their entity `id`: ours of the same tag and name or alias, else a new copy
    /// (pushed onto `edits`).
    fn adopt_entity(&mut self, id: &str, edits: &mut Vec<Edit>) -> Option<String> {
        let theirs = self.comparison.as_ref()?.theirs.entity(id)?.clone();
        let fold = crate::model::text::fold_str;
        let same = |e: &Entity| {
            e.tag == theirs.tag
                && e.names()
                    .any(|n| theirs.names().any(|t| fold(n) == fold(t)))
        };
        if let Some(ours) = self.doc.project.entities.iter().find(|e| same(e)) {
            return Some(ours.id.clone());
        }
        // One copy per batch even when the annotation and its claim name the same entity.
        let pending = edits.iter().find_map(|e| match e {
            Edit::InsertEntity { entity, .. } if same(entity) => Some(entity.id.clone()),
            _ => None,
        });
        if pending.is_some() {
            return pending;
        }
        let mut copy = theirs;
        copy.id = self.doc.project.alloc_id("ent");
        let index = self.doc.project.entities.len()
            + edits
                .iter()
                .filter(|e| matches!(e, Edit::InsertEntity { .. }))
                .count();
        let new_id = copy.id.clone();
        edits.push(Edit::InsertEntity {
            index,
            entity: copy,
        });
        Some(new_id)
    }
}

impl Workbench {
    /// Settle a conflict a git merge left in the project: take their value (or their side of
    /// a deletion) or keep ours; either way the conflict leaves the list, in one undo step.
    pub(super) fn settle_conflict(&mut self, conflict: &MergeConflict, take_theirs: bool) {
        if !self.doc.project.conflicts.contains(conflict) {
            return self.warn("That conflict is settled already");
        }
        let mut edits = Vec::new();
        if take_theirs {
            match conflict.take_theirs_edit(&self.doc.project) {
                Ok(edit) => edits.push(edit),
                Err(e) => return self.warn(format!("Not taken: {e}")),
            }
        }
        edits.push(Edit::SettleConflict(conflict.clone()));
        if self.apply(Edit::Batch(edits)) {
            self.view.forget_missing(&self.doc.project);
            let left = self.doc.project.conflicts.len();
            let how = if take_theirs {
                "took theirs"
            } else {
                "kept ours"
            };
            self.info(format!(
                "{}: {how}; {} left",
                conflict.label(),
                crate::wording::count(left, "conflict")
            ));
        }
    }
}

/// How a difference is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// Make ours like theirs (add theirs, remove ours, or change ours to theirs).
    TakeTheirs,
    /// Leave ours as it is and put the difference aside.
    KeepMine,
    /// Keep ours and add theirs beside it.
    TakeBoth,
}
