//! The loop every record editor runs: edit a copy of the record, and when the copy differs,
//! push one edit; typing in a field merges into one undo step until the field loses focus.

use crate::model::Edit;
use crate::workbench::Action;

/// The typing bursts of one form over one record.
pub struct Form {
    record: String,
    burst: Option<String>,
    end_burst: bool,
}

impl Form {
    /// A form over the record with this id.
    pub fn new(record: &str) -> Self {
        Self {
            record: record.to_owned(),
            burst: None,
            end_burst: false,
        }
    }

    /// Note what a text field did this frame: typing opens a burst named after the field.
    pub fn track(&mut self, response: &egui::Response, field: &str) {
        if response.changed() {
            self.burst = Some(format!("{field}:{}", self.record));
        }
        if response.lost_focus() {
            self.end_burst = true;
        }
    }

    /// Push the edit when the copy changed (made by `edit` from the changed copy), then close
    /// the burst when a field lost focus.
    pub fn finish<T: PartialEq>(
        self,
        before: &T,
        after: T,
        edit: impl FnOnce(T) -> Edit,
        actions: &mut Vec<Action>,
    ) {
        if after != *before {
            actions.push(Action::Edit {
                edit: Box::new(edit(after)),
                burst: self.burst,
            });
        }
        if self.end_burst {
            actions.push(Action::EndBurst);
        }
    }
}
