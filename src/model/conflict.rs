//! Merge conflicts kept in the project file: where a three-way merge found the same field
//! changed two ways, the merged file holds our value and lists the conflict here (with both
//! values and the base) until an analyst settles it in the window.

use serde::{Deserialize, Serialize};

use super::Extra;

/// One field that a merge could not settle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeConflict {
    /// What kind of item: `annotation`, `entity`, `incident`, `article`, `tag` or `project`.
    pub item: String,
    /// The item's id (the project's name for `project`).
    pub id: String,
    /// The JSON field that differs, or empty when the whole item conflicts (one side deleted
    /// it while the other changed it).
    pub field: String,
    /// The value in the common ancestor; `null` when it had none (or no such item).
    #[serde(default)]
    pub base: serde_json::Value,
    /// Our value, the one the merged file holds; `null` when we deleted the item.
    #[serde(default)]
    pub ours: serde_json::Value,
    /// Their value; `null` when they deleted the item.
    #[serde(default)]
    pub theirs: serde_json::Value,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MergeConflict {
    /// A short label for lists: `annotation ann-3 · note`.
    pub fn label(&self) -> String {
        if self.field.is_empty() {
            format!(
                "{} {} (deleted on one side, changed on the other)",
                self.item, self.id
            )
        } else {
            format!("{} {} · {}", self.item, self.id, self.field)
        }
    }
}
