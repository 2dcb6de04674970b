//! The merge's counts and conflicts as lines of text, for the command line.

use serde_json::Value;

use super::{KindCounts, MergeReport};
use crate::model::MergeConflict;
use crate::team::object::short;

/// How many characters of each value a conflict line shows.
const VALUE_CHARS: usize = 60;

/// One line per kind of record that changed, then the repointed references and the earlier
/// conflicts, each only when there is something to say: `annotations: 2 added by ours, ...`.
pub fn render_report(report: &MergeReport) -> String {
    let mut out = String::new();
    for (kind, counts) in report.kinds() {
        let parts = parts(counts);
        if !parts.is_empty() {
            out.push_str(&format!("{kind}: {}\n", parts.join(", ")));
        }
    }
    if report.repointed > 0 {
        out.push_str(&format!(
            "{} pointed at the entity the other side merged theirs into\n",
            crate::wording::count(report.repointed, "entity reference")
        ));
    }
    if report.earlier_conflicts > 0 {
        out.push_str(&format!(
            "{} from earlier merges still listed\n",
            crate::wording::count(report.earlier_conflicts, "conflict")
        ));
    }
    if out.is_empty() {
        out.push_str("nothing changed on either side\n");
    }
    out
}

fn parts(c: &KindCounts) -> Vec<String> {
    [
        (c.added_ours, "added by ours"),
        (c.added_theirs, "added by theirs"),
        (c.changed_ours, "changed by ours"),
        (c.changed_theirs, "changed by theirs"),
        (c.merged, "changed on both sides, merged field by field"),
        (c.joined, "made on both sides, kept once"),
        (c.deleted, "deleted"),
        (c.renamed, "made on both sides under one id, theirs renamed"),
        (c.conflicts, "conflicts"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect()
}

/// One conflict on one line: `conflict: annotation ann-3 · note: ours "a" theirs "b"`, values
/// cut to about 60 characters; a side that deleted the item shows as `deleted`.
pub fn conflict_line(c: &MergeConflict) -> String {
    let value = |v: &Value| {
        if c.field.is_empty() && v.is_null() {
            "deleted".to_owned()
        } else {
            short(v, VALUE_CHARS)
        }
    };
    format!(
        "conflict: {}: ours {} theirs {}",
        c.label(),
        value(&c.ours),
        value(&c.theirs)
    )
}
