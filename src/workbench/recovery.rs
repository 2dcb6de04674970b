//! The services around the open file: the lock that keeps a second window off it, and the
//! recovery copies of unsaved work (written after a quiet time, offered back after a crash).

use std::path::Path;

use super::{Level, Prompt, Workbench};
use crate::model::history::Document;

impl Workbench {
    /// Take the lock on the project's file, or say who holds it.
    pub(super) fn take_lock(&mut self, path: &Path) {
        self.lock = None;
        match crate::io::ProjectLock::acquire(path) {
            Ok(lock) => {
                // Holding the lock, nobody else saves this project: what interrupted saves
                // left beside it can go.
                crate::io::atomic::remove_litter(path);
                self.lock = Some(lock);
            }
            Err(crate::io::LockError::HeldBy {
                pid, host, since, ..
            }) => {
                self.prompt = Some(Prompt::Locked {
                    message: format!(
                        "{} is already open in another Sitrep (process {pid} on {host}, since \
                         {since}). Two windows saving the same file would overwrite each \
                         other's work.",
                        path.display()
                    ),
                    path: path.to_owned(),
                });
            }
            Err(e) => self.warn(format!("No lock taken: {e}")),
        }
    }

    /// Write a recovery copy when it is due; the time until the next check, if one is due.
    pub fn tick_autosave(&mut self) -> Option<std::time::Duration> {
        let autosave = self.autosave.as_mut()?;
        let wait = autosave.tick(
            self.doc.revision(),
            self.doc.is_dirty(),
            self.doc.path.as_ref(),
            &self.doc.project,
        );
        let error = autosave.last_error.lock().ok().and_then(|mut e| e.take());
        if let Some(e) = error {
            self.report(Level::Warning, e);
        }
        wait
    }

    /// Write the recovery copy of unsaved work now, not after the quiet time (tests; a
    /// window about to be killed).
    pub fn write_recovery_now(&mut self) {
        if let Some(autosave) = self.autosave.as_mut() {
            autosave.write_now(
                self.doc.revision(),
                self.doc.path.as_ref(),
                &self.doc.project,
            );
        }
    }

    /// The recovery copy has served (after a save or a discard).
    pub(super) fn discard_recovery(&mut self) {
        if let Some(autosave) = self.autosave.as_mut() {
            autosave.flush();
            autosave.discard(self.doc.revision(), self.doc.path.as_ref());
        }
    }

    pub(super) fn discard_recovery_file(&mut self, file: &Path) {
        self.discard_recovery();
        let removed = self.autosave.as_ref().map(|a| a.store().remove(file));
        match removed {
            Some(Err(e)) => self.warn(format!("The recovery copy could not be removed: {e}")),
            _ => self.info("Discarded the recovery copy"),
        }
    }

    /// Offer to restore unsaved work found in the recovery store for the open project.
    pub fn offer_recovery(&mut self) {
        let Some(autosave) = self.autosave.as_ref() else {
            return;
        };
        match autosave.store().find(self.doc.path.as_deref()) {
            Ok(Some(recovery)) if !recovery.same_as_saved => {
                self.prompt = Some(Prompt::Restore {
                    summary: recovery.summary(),
                    file: recovery.path,
                });
            }
            Ok(_) => {}
            Err(e) => self.warn(format!("A recovery file could not be read: {e}")),
        }
    }

    /// Restore the recovery copy of the open project (it becomes unsaved work).
    pub(super) fn restore_recovery(&mut self) {
        let Some(autosave) = self.autosave.as_ref() else {
            return;
        };
        match autosave.store().find(self.doc.path.as_deref()) {
            Ok(Some(recovery)) => {
                let path = self.doc.path.clone();
                // A copy an earlier (crashed) process wrote becomes this one's own.
                let adopted = autosave.store().adopt(&recovery.path, path.as_deref());
                let mut doc = Document::new(recovery.project, path.clone());
                doc.mark_unsaved();
                self.replace_document(doc);
                // The file is the base of the restored work, should it change on disk.
                if let Some(path) = &path {
                    self.remember_disk(path);
                }
                match adopted {
                    Ok(()) => self.info("Restored unsaved work: save to keep it"),
                    Err(e) => self.warn(format!(
                        "Restored unsaved work: save to keep it (the recovery copy stays where \
                         it was: {e})"
                    )),
                }
            }
            Ok(None) => self.warn("The recovery copy is gone"),
            Err(e) => self.fail("The recovery copy could not be read", e.to_string()),
        }
    }
}
