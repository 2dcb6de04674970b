//! How far a long file operation has got, for a window that runs it on another thread.
//!
//! The importers and exporters call [`set_total`] and [`advance`] as they go, without a
//! parameter for it in every signature: whoever starts the work on a thread wraps it in
//! [`watch`] with a shared [`Progress`] and reads the counts from there. Without a watcher the
//! calls cost a thread-local lookup and do nothing, so the command line pays nothing for them.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items done out of items known, shared between the working thread and the window.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// (done, total). A total of 0 means the work has not said how much there is.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

thread_local! {
    static WATCHED: RefCell<Option<Arc<Progress>>> = const { RefCell::new(None) };
}

/// Run `work` on this thread with `progress` receiving its counts.
pub fn watch<R>(progress: Arc<Progress>, work: impl FnOnce() -> R) -> R {
    WATCHED.with(|w| *w.borrow_mut() = Some(progress));
    let result = work();
    WATCHED.with(|w| *w.borrow_mut() = None);
    result
}

/// The work has `total` items (documents, lines, files); the count done starts again at 0.
pub fn set_total(total: usize) {
    WATCHED.with(|w| {
        if let Some(p) = w.borrow().as_ref() {
            p.done.store(0, Ordering::Relaxed);
            p.total.store(total, Ordering::Relaxed);
        }
    });
}

/// `done` items of the total are finished.
pub fn advance(done: usize) {
    WATCHED.with(|w| {
        if let Some(p) = w.borrow().as_ref() {
            p.done.store(done, Ordering::Relaxed);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_reach_the_watcher_of_this_thread_only() {
        let progress = Arc::new(Progress::default());
        set_total(5); // no watcher: nothing happens
        watch(progress.clone(), || {
            set_total(10);
            advance(4);
        });
        assert_eq!(progress.counts(), (4, 10));
        advance(9); // the watch is over
        assert_eq!(progress.counts(), (4, 10));
    }
}
