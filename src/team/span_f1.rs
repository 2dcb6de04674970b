//! Span F1 between two annotators on one article and one tag: exact (same tag, same characters)
//! and overlap (same tag, at least one character in common).
//!
//! Both follow bratiaa (kldtz/bratiaa, `bratiaa/evaluation.py`
//! `exact_match_instance_evaluation` and `bratiaa/agree.py` `compute_f1`):
//! - an item is a text-bound annotation `(label, offsets)`; each side's items form a *set*, so
//!   an annotator's exact duplicates count once;
//! - tp = |A ∩ B|, fp = |B \ A|, fn = |A \ B| and F1 = 2tp / (2tp + fp + fn), which is
//!   2·|A∩B| / (|A| + |B|);
//! - counts are summed per tag, per article and overall before F1 is taken (its `_pdcl` array
//!   is summed over documents and/or labels, then divided).
//!
//! bratiaa reads offsets from the `.ann` file, where Sitrep's brat export splits a span at line
//! breaks and drops the pieces that are only whitespace. Exact items here are keyed the same
//! way (see [`crate::io::formats::brat::export`]'s `fragments`), so two spans that differ only by a
//! trailing line break are one item here as they are in bratiaa. For a span inside one line
//! the key is just (tag, start, end).

use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

use super::stats::MatchCounts;

/// Exact matches between two sets of item keys (deduplicated by being sets).
pub(crate) fn exact_counts<K: Eq + Hash>(a: &HashSet<K>, b: &HashSet<K>) -> MatchCounts {
    MatchCounts {
        matched: a.intersection(b).count() as u64,
        a: a.len() as u64,
        b: b.len() as u64,
    }
}

/// Overlap matches between two lists of half-open `(start, end)` spans of one tag, each sorted
/// and free of exact duplicates.
///
/// A match pairs one span of A with one span of B that share a character, and every span is in
/// at most one pair: a long span of A that overlaps two spans of B matches one of them, and the
/// other counts as unmatched on B's side. `matched` is the size of a *maximum* such pairing,
/// found greedily: take A's spans by increasing end, and give each the unmatched overlapping span
/// of B that ends first. That greedy choice is optimal for intervals (exchange argument: let a be
/// the span of A that ends first and b the overlapping B span that ends first; in a best pairing
/// where a has b' and b has a'', a'' starts before b ends ≤ b' ends and ends at or after a ends >
/// b' starts, so a'' overlaps b' and the two pairs can be swapped without loss; if a or b is
/// unpaired, re-pairing them loses nothing either).
pub(crate) fn overlap_counts(a: &[(usize, usize)], b: &[(usize, usize)]) -> MatchCounts {
    let mut by_end: Vec<(usize, usize)> = a.to_vec();
    by_end.sort_by_key(|&(start, end)| (end, start));
    // Unmatched spans of B keyed by (end, start, index): the first hit is the one ending first.
    let mut free: BTreeSet<(usize, usize, usize)> = b
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| (end, start, i))
        .collect();
    let mut matched = 0u64;
    for (start, end) in by_end {
        let hit = free
            .range((start + 1, 0, 0)..)
            .find(|&&(_, b_start, _)| b_start < end)
            .copied();
        if let Some(key) = hit {
            free.remove(&key);
            matched += 1;
        }
    }
    MatchCounts {
        matched,
        a: a.len() as u64,
        b: b.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[(usize, usize)]) -> HashSet<(usize, usize)> {
        items.iter().copied().collect()
    }

    #[test]
    fn exact_by_hand() {
        // A = {0..5, 10..15, 20..25}, B = {0..5, 10..16}: one item in common.
        // F1 = 2·1 / (3 + 2) = 0.4.
        let c = exact_counts(
            &set(&[(0, 5), (10, 15), (20, 25)]),
            &set(&[(0, 5), (10, 16)]),
        );
        assert_eq!(
            c,
            MatchCounts {
                matched: 1,
                a: 3,
                b: 2
            }
        );
        assert!((c.f1().unwrap() - 0.4).abs() < 1e-12);
    }

    #[test]
    fn overlap_by_hand() {
        // A = {0..10}, B = {2..4, 6..8}: A's one span overlaps both of B's but pairs with one.
        // matched 1, F1 = 2·1 / (1 + 2) = 0.666…
        let c = overlap_counts(&[(0, 10)], &[(2, 4), (6, 8)]);
        assert_eq!(
            c,
            MatchCounts {
                matched: 1,
                a: 1,
                b: 2
            }
        );
        // Touching is not overlapping: 0..5 and 5..9 share no character.
        assert_eq!(overlap_counts(&[(0, 5)], &[(5, 9)]).matched, 0);
        // A = {0..4, 3..10}, B = {0..1, 3..5}: by increasing end, 0..4 takes 0..1 (ends first),
        // then 3..10 takes 3..5: both matched. (Giving 0..4 the span 3..5 would strand 3..10.)
        assert_eq!(
            overlap_counts(&[(0, 4), (3, 10)], &[(0, 1), (3, 5)]).matched,
            2
        );
    }
}
