//! The open project with its file path and undo history. No egui in here: the history rules
//! (inverse edits, coalesced typing bursts, dirty tracking) are tested on their own.

use std::path::PathBuf;

use crate::model::{Edit, EditError, Project};

/// One undoable step: the edit that undoes it, the key of the typing burst it belongs to, and
/// an id naming the project state it leads to (for dirty tracking).
#[derive(Clone, Debug)]
struct Step {
    inverse: Edit,
    burst: Option<String>,
    state_id: u64,
}

/// The project being worked on, where it lives, and its history.
pub struct Document {
    /// The truth.
    pub project: Project,
    /// Where it was loaded from or last saved to; `None` for a new or sample project.
    pub path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Changes on every change (apply, undo, redo); caches key on it. Drawn from one counter
    /// for the whole process, so that a cache made for one document never passes for another
    /// (a project opened after another is at revision 0 no more than the first was).
    revision: u64,
    /// The state id that matches the file on disk (0 = the state the document started in), or
    /// `None` when no state in the history does.
    saved_state: Option<u64>,
    next_state_id: u64,
    /// An open typing burst: further edits with this key merge into the last step.
    open_burst: Option<String>,
}

/// A revision number never handed out before in this process.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// A document whose project matches its file (`path`), or a new one that counts as clean
    /// until it is changed.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
            saved_state: Some(0),
            next_state_id: 1,
            open_burst: None,
        }
    }

    /// Changes on every change and differs between documents; use it to invalidate caches.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state_id)
    }

    /// True when the project differs from its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.current_state())
    }

    /// Mark the current state as what is on disk at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_state = Some(self.current_state());
        self.open_burst = None;
    }

    /// Mark the document as differing from its file (e.g. restored from a recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Apply an edit as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_in_burst(edit, None)
    }

    /// Apply an edit; consecutive edits with the same `burst` key (a text field being typed
    /// in) make one undo step, which restores the state before the first of them.
    pub fn apply_in_burst(&mut self, edit: Edit, burst: Option<&str>) -> Result<(), EditError> {
        let inverse = self.project.apply(edit)?;
        self.revision = next_revision();
        self.redo.clear();
        let state_id = self.next_state_id;
        self.next_state_id += 1;
        let merges = burst.is_some() && self.open_burst.as_deref() == burst;
        match self.undo.last_mut() {
            // Keep the older inverse: it restores the state before the burst began.
            Some(last) if merges && last.burst.as_deref() == burst => last.state_id = state_id,
            _ => self.undo.push(Step {
                inverse,
                burst: burst.map(str::to_owned),
                state_id,
            }),
        }
        self.open_burst = burst.map(str::to_owned);
        Ok(())
    }

    /// Record a change that was already made to the project (an import that applied its own
    /// edits), given the edit that undoes it.
    pub fn push_applied(&mut self, inverse: Edit) {
        self.revision = next_revision();
        self.redo.clear();
        let state_id = self.next_state_id;
        self.next_state_id += 1;
        self.undo.push(Step {
            inverse,
            burst: None,
            state_id,
        });
        self.open_burst = None;
    }

    /// End the current typing burst (a field lost focus), so the next edit is a new step.
    pub fn end_burst(&mut self) {
        self.open_burst = None;
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo the last step. Returns false when there was nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let had = !self.undo.is_empty();
        Self::step(
            &mut self.project,
            &mut self.undo,
            &mut self.redo,
            &mut self.revision,
        )?;
        self.open_burst = None;
        Ok(had)
    }

    /// Redo the last undone step. Returns false when there was nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let had = !self.redo.is_empty();
        Self::step(
            &mut self.project,
            &mut self.redo,
            &mut self.undo,
            &mut self.revision,
        )?;
        self.open_burst = None;
        Ok(had)
    }

    /// Move one step from `from` to `to`, applying its inverse. The state ids travel with the
    /// steps so that undoing back to the saved state counts as clean again.
    fn step(
        project: &mut Project,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        revision: &mut u64,
    ) -> Result<(), EditError> {
        let Some(step) = from.pop() else {
            return Ok(());
        };
        match project.apply_exact(step.inverse.clone()) {
            Ok(back) => {
                *revision = next_revision();
                // The state id names the state *after* a step on the undo stack. Moving a step
                // to the redo stack, it names the state the redo leads back to.
                to.push(Step {
                    inverse: back,
                    burst: None,
                    state_id: step.state_id,
                });
                Ok(())
            }
            Err(err) => {
                from.push(step);
                Err(err)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, CharSpan};

    fn doc() -> Document {
        let mut p = Project::new("t");
        p.articles
            .push(Article::new("art-1", "T", "Two aircraft struck a convoy."));
        Document::new(p, None)
    }

    #[test]
    fn undo_back_to_saved_state_is_clean() {
        let mut d = doc();
        assert!(!d.is_dirty());
        let ann = d
            .project
            .make_annotation("art-1", CharSpan::new(0, 3), "actor")
            .unwrap();
        d.apply(Edit::InsertAnnotation(ann)).unwrap();
        assert!(d.is_dirty());
        d.undo().unwrap();
        assert!(!d.is_dirty());
        d.redo().unwrap();
        assert!(d.is_dirty());
        d.mark_saved("x.sitrep".into());
        assert!(!d.is_dirty());
        d.undo().unwrap();
        assert!(d.is_dirty());
        d.redo().unwrap();
        assert!(!d.is_dirty());
    }

    #[test]
    fn a_typing_burst_is_one_step() {
        let mut d = doc();
        let ann = d
            .project
            .make_annotation("art-1", CharSpan::new(0, 3), "actor")
            .unwrap();
        let id = ann.id.clone();
        d.apply(Edit::InsertAnnotation(ann)).unwrap();
        for note in ["n", "no", "not", "note"] {
            let mut a = d.project.annotation(&id).unwrap().clone();
            a.note = note.into();
            d.apply_in_burst(Edit::UpdateAnnotation(a), Some("note"))
                .unwrap();
        }
        assert_eq!(d.undo_len(), 2);
        d.undo().unwrap();
        assert_eq!(d.project.annotation(&id).unwrap().note, "");
        d.redo().unwrap();
        assert_eq!(d.project.annotation(&id).unwrap().note, "note");
    }
}
