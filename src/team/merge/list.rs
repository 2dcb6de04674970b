//! The three-way merge of one list of records by id.

use std::collections::HashMap;

use serde_json::Value;

use super::KindCounts;
use super::fields::FieldMerge;
use crate::model::MergeConflict;
use crate::team::object::{Record, file_value, same_content};

/// Merge `ours` and `theirs` against `base`, by id. The result keeps ours' order, with what
/// only theirs holds appended in theirs' order. Ids must already be unique on each side and
/// clashes between the sides settled (see `ids.rs`): two records with one id here are one
/// record.
pub(super) fn merge_list<R: Record>(
    base: &[R],
    ours: &[R],
    theirs: &[R],
    counts: &mut KindCounts,
    conflicts: &mut Vec<MergeConflict>,
) -> Vec<R> {
    let (base_at, ours_at, theirs_at) = (index(base), index(ours), index(theirs));
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    let before = conflicts.len();
    for o in ours {
        let b = base_at.get(o.id()).copied();
        let t = theirs_at.get(o.id()).copied();
        out.extend(merge_one(b, Some(o), t, counts, conflicts));
    }
    for t in theirs {
        if ours_at.contains_key(t.id()) {
            continue;
        }
        let b = base_at.get(t.id()).copied();
        out.extend(merge_one(b, None, Some(t), counts, conflicts));
    }
    counts.conflicts += conflicts.len() - before;
    out
}

/// Each record by its id.
fn index<R: Record>(items: &[R]) -> HashMap<&str, &R> {
    items.iter().map(|r| (r.id(), r)).collect()
}

/// One id's fate: the record the result holds, or `None` when it is deleted.
fn merge_one<R: Record>(
    base: Option<&R>,
    ours: Option<&R>,
    theirs: Option<&R>,
    counts: &mut KindCounts,
    conflicts: &mut Vec<MergeConflict>,
) -> Option<R> {
    match (base, ours, theirs) {
        (_, Some(o), Some(t)) if o == t => Some(o.clone()),
        (None, Some(o), None) => {
            counts.added_ours += 1;
            Some(o.clone())
        }
        (None, None, Some(t)) => {
            counts.added_theirs += 1;
            Some(t.clone())
        }
        (Some(b), Some(o), None) => deleted_by_one(b, o, true, counts, conflicts),
        (Some(b), None, Some(t)) => deleted_by_one(b, t, false, counts, conflicts),
        (Some(b), Some(o), Some(t)) if t == b => {
            counts.changed_ours += 1;
            Some(o.clone())
        }
        (Some(b), Some(o), Some(t)) if o == b => {
            counts.changed_theirs += 1;
            Some(t.clone())
        }
        (b, Some(o), Some(t)) => {
            // Made on both sides (no base) is counted by the plan, as joined.
            counts.merged += usize::from(b.is_some());
            Some(both_changed(b, o, t, conflicts))
        }
        (Some(_), None, None) => {
            counts.deleted += 1;
            None
        }
        (None, None, None) => None,
    }
}

/// Deleted on one side: gone when the other side left it as it was; kept (the changed copy)
/// with a whole-item conflict when the other side changed it.
fn deleted_by_one<R: Record>(
    base: &R,
    kept: &R,
    kept_is_ours: bool,
    counts: &mut KindCounts,
    conflicts: &mut Vec<MergeConflict>,
) -> Option<R> {
    if same_content(base, kept) {
        counts.deleted += 1;
        return None;
    }
    let value = file_value(kept);
    let (ours, theirs) = if kept_is_ours {
        (value, Value::Null)
    } else {
        (Value::Null, value)
    };
    conflicts.push(MergeConflict {
        item: R::KIND.to_owned(),
        id: kept.id().to_owned(),
        field: String::new(),
        base: file_value(base),
        ours,
        theirs,
        extra: crate::model::Extra::new(),
    });
    Some(kept.clone())
}

/// Changed on both sides (or made on both without a base): merged key by key.
fn both_changed<R: Record>(
    base: Option<&R>,
    ours: &R,
    theirs: &R,
    conflicts: &mut Vec<MergeConflict>,
) -> R {
    let base = base.map(Record::to_object);
    let mut found = Vec::new();
    let merged = FieldMerge::of::<R>(ours.id(), &mut found).record(
        base.as_ref(),
        &ours.to_object(),
        &theirs.to_object(),
    );
    match R::from_object(merged) {
        Some(record) => {
            conflicts.append(&mut found);
            record
        }
        // The keys all come from valid records of this kind, so this is not expected; should
        // it happen, ours is kept whole and the difference listed rather than lost.
        None => {
            conflicts.push(MergeConflict {
                item: R::KIND.to_owned(),
                id: ours.id().to_owned(),
                field: String::new(),
                base: base.map_or(Value::Null, |b| {
                    let mut b = b;
                    b.remove(crate::team::object::ORPHAN_KEY);
                    Value::Object(b)
                }),
                ours: file_value(ours),
                theirs: file_value(theirs),
                extra: crate::model::Extra::new(),
            });
            ours.clone()
        }
    }
}
