//! Tagging: the selection with a tag, a tag key, retagging, every occurrence at once, and the
//! entity-name suggestions (accept, reject, next).

use super::Workbench;
use super::shorten;
use crate::model::Edit;

impl Workbench {
    /// A tag shortcut was pressed: tag the selection, or retag the selected annotation.
    pub(super) fn tag_key(&mut self, key: char) {
        let Some(tag) = self.doc.project.tag_for_key(key).map(|t| t.id.clone()) else {
            return;
        };
        if self.view.selection.span.is_some() {
            self.tag_selection(&tag);
        } else if let Some(id) = self.view.selected_annotation.clone() {
            self.retag(&id, &tag);
        }
    }

    /// Make an annotation of the current selection with `tag`.
    pub(super) fn tag_selection(&mut self, tag: &str) {
        let (Some(article), Some(span)) =
            (self.view.current_article.clone(), self.view.selection.span)
        else {
            return self.warn("Select some text first");
        };
        let existing = self
            .doc
            .project
            .annotations_of(&article)
            .find(|a| a.span() == span && a.tag == tag)
            .map(|a| a.id.clone());
        if let Some(existing) = existing {
            self.view.selected_annotation = Some(existing);
            self.view.selection.clear();
            return self.warn("That span already has this tag");
        }
        match self.doc.project.make_annotation(&article, span, tag) {
            Ok(ann) => {
                let id = ann.id.clone();
                let exact = ann.exact.clone();
                if self.apply(Edit::InsertAnnotation(ann)) {
                    self.view.selected_annotation = Some(id);
                    self.view.selection.clear();
                    self.info(format!("Tagged “{}” as {tag}", shorten(&exact, 40)));
                }
            }
            Err(e) => self.warn(format!("Not tagged: {e}")),
        }
    }

    /// Give an annotation another tag (claim fields and entity links follow the retag rule).
    pub(super) fn retag(&mut self, id: &str, tag: &str) {
        let Some(edit) = self.doc.project.retag_edit(id, tag) else {
            return;
        };
        if self.apply(edit) {
            self.info(format!("Retagged {id} as {tag}"));
        }
    }

    /// Tag every occurrence of the selected annotation's text with its tag and entity.
    pub(super) fn tag_all(&mut self, whole_project: bool) {
        let Some(ann) = self
            .view
            .selected_annotation
            .as_ref()
            .and_then(|id| self.doc.project.annotation(id))
            .cloned()
        else {
            return;
        };
        let scope = (!whole_project).then_some(ann.article.as_str());
        let found =
            self.doc
                .project
                .tag_matches_in(&ann.exact, &ann.tag, ann.entity.as_deref(), scope);
        let (edit, n) = match found {
            Ok(found) => found,
            Err(e) => return self.warn(format!("Not tagged: {e}")),
        };
        if n == 0 {
            self.info("No other untagged occurrences");
        } else if self.apply(edit) {
            self.info(format!(
                "Tagged {} more of “{}”",
                crate::wording::count(n, "occurrence"),
                shorten(&ann.exact, 40)
            ));
        }
    }

    /// Annotate search hits with a tag as one undo step, skipping those it already has.
    pub(super) fn tag_hits(&mut self, tag: &str, hits: &[(String, crate::model::CharSpan)]) {
        let label = self
            .doc
            .project
            .tag(tag)
            .map_or(tag.to_owned(), |t| t.label.clone());
        let (edit, n) = match self.doc.project.tag_spans_edit(hits, tag) {
            Ok(found) => found,
            Err(e) => return self.warn(format!("Not tagged: {e}")),
        };
        let count = crate::wording::count;
        if n == 0 {
            self.info(format!(
                "Every one of the {} is tagged {label} already",
                count(hits.len(), "hit")
            ));
        } else if self.apply(edit) {
            self.info(format!(
                "Tagged {} as {label} (of {} shown)",
                count(n, "hit"),
                hits.len()
            ));
        }
    }

    /// Delete the selected annotation.
    pub(super) fn delete_selected_annotation(&mut self) {
        let Some(id) = self.view.selected_annotation.clone() else {
            return;
        };
        let edit = self.doc.project.delete_annotation_edit(&id);
        if self.apply(edit) {
            self.view.selected_annotation = None;
            self.view.marked.remove(&id);
            self.info(format!("Deleted annotation {id}"));
        }
    }

    /// Select an annotation, showing its article and scrolling to it.
    pub(super) fn select_annotation(&mut self, id: &str) {
        if let Some(ann) = self.doc.project.annotation(id) {
            let (article, span) = (ann.article.clone(), ann.span());
            self.view.open_article(&article);
            self.view.selected_annotation = Some(id.to_owned());
            self.view.selection.clear();
            self.view.scroll_to = Some(span);
            self.view.current_suggestion = 0;
        }
    }

    /// Put an orphaned annotation on the current selection.
    pub(super) fn place_orphan(&mut self, orphan: &str) {
        let (Some(article), Some(span)) =
            (self.view.current_article.clone(), self.view.selection.span)
        else {
            return self.warn("Select the orphan's new place in the text first");
        };
        let Some(mut placed) = self
            .doc
            .project
            .orphans_of(&article)
            .find(|o| o.id == orphan)
            .cloned()
        else {
            return;
        };
        let Some(quote) = self
            .doc
            .project
            .article(&article)
            .and_then(|a| crate::model::text::quote_of(&a.text, a.index(), span))
        else {
            return;
        };
        placed.start = span.start;
        placed.end = span.end;
        placed.exact = quote.exact;
        placed.prefix = quote.prefix;
        placed.suffix = quote.suffix;
        let id = placed.id.clone();
        if self.apply(Edit::PlaceOrphan(placed)) {
            self.view.selection.clear();
            self.view.selected_annotation = Some(id);
            self.info("Placed the orphaned annotation");
        }
    }

    // ------------------------------------------------------------ suggestions

    /// Accept suggestion `i` (or the current one): annotate it, linked to its entity.
    pub(super) fn accept_suggestion(&mut self, i: Option<usize>) {
        let at = i.unwrap_or(self.view.current_suggestion);
        let Some(s) = self.suggestions().get(at).cloned() else {
            return;
        };
        match self
            .doc
            .project
            .accept_suggestions_edit(std::slice::from_ref(&s))
        {
            Ok(edit) => {
                if self.apply(edit) {
                    self.info(format!("Accepted “{}”", shorten(&s.exact, 40)));
                }
            }
            Err(e) => self.warn(format!("Not accepted: {e}")),
        }
    }

    /// Reject suggestion `i` (or the current one) for good.
    pub(super) fn reject_suggestion(&mut self, i: Option<usize>) {
        let at = i.unwrap_or(self.view.current_suggestion);
        let Some(s) = self.suggestions().get(at).cloned() else {
            return;
        };
        if self.apply(Edit::RejectSuggestion(s.rejection())) {
            self.info(format!(
                "Rejected the suggestion “{}”",
                shorten(&s.exact, 40)
            ));
        }
    }

    /// Accept every open suggestion in the shown article, as one undo step.
    pub(super) fn accept_all_suggestions(&mut self) {
        let list = self.suggestions().to_vec();
        if list.is_empty() {
            return;
        }
        match self.doc.project.accept_suggestions_edit(&list) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.info(format!(
                        "Accepted {}",
                        crate::wording::count(list.len(), "suggestion")
                    ));
                }
            }
            Err(e) => self.warn(format!("Not accepted: {e}")),
        }
    }

    /// Move to the next suggestion and scroll to it.
    pub(super) fn next_suggestion(&mut self) {
        let n = self.suggestions().len();
        if n == 0 {
            return;
        }
        let next = (self.view.current_suggestion + 1) % n;
        self.view.current_suggestion = next;
        self.view.scroll_to = self.suggestions.list.get(next).map(|s| s.span);
    }
}
