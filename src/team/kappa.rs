//! Cohen's kappa on per-character labels, for two annotators.
//!
//! Every character of a shared article gets one label per annotator: the *set* of tags of that
//! annotator's spans covering it. A character no span covers has the empty set, "no tag", which
//! is a category like any other; a character under both an actor span and a claim span of one
//! annotator has the label {actor, claim}, a category of its own (it agrees only with another
//! {actor, claim}). Two spans of the same tag over one character give that tag once.
//!
//! kappa = (p_o − p_e) / (1 − p_e), with p_o the share of characters both label alike and
//! p_e = Σ_label (share of A's characters with it)·(share of B's). Per article it counts that
//! article's characters; overall it pools the characters of all shared articles into one table
//! (not a mean of the articles' kappas). Undefined (`None`) when there are no characters, or
//! when both annotators give every character one and the same label (p_e = 1: nothing varied,
//! so chance explains everything).

use std::collections::HashMap;

/// The label table of two annotators: characters per (label of A, label of B), with the labels
/// as ids from a [`LabelInterner`].
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Confusion {
    cells: HashMap<(u32, u32), u64>,
}

/// Gives each distinct set of tags a small id, so the table holds numbers, not sets.
#[derive(Debug, Default)]
pub(crate) struct LabelInterner {
    ids: HashMap<Vec<u32>, u32>,
}

impl LabelInterner {
    fn id(&mut self, tags: &[u32]) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(tags.to_vec()).or_insert(next)
    }
}

/// The figures of one table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct KappaFigures {
    /// (p_o − p_e) / (1 − p_e), `None` where undefined.
    pub kappa: Option<f64>,
    /// p_o.
    pub observed: f64,
    /// p_e.
    pub expected: f64,
    /// Characters in the table.
    pub chars: u64,
}

impl Confusion {
    /// The table of one text of `length` characters, from each side's spans as
    /// `(tag, start, end)` with tags numbered `0..n_tags`.
    pub fn of_text(
        length: usize,
        n_tags: usize,
        a: &[(u32, usize, usize)],
        b: &[(u32, usize, usize)],
        labels: &mut LabelInterner,
    ) -> Self {
        let runs_a = label_runs(length, n_tags, a, labels);
        let runs_b = label_runs(length, n_tags, b, labels);
        let mut table = Confusion::default();
        let (mut i, mut j, mut pos) = (0, 0, 0);
        while let (Some(&(end_a, la)), Some(&(end_b, lb))) = (runs_a.get(i), runs_b.get(j)) {
            let end = end_a.min(end_b);
            *table.cells.entry((la, lb)).or_insert(0) += (end - pos) as u64;
            pos = end;
            if end_a == end {
                i += 1;
            }
            if end_b == end {
                j += 1;
            }
        }
        table
    }

    /// Add another article's characters.
    pub fn merge(&mut self, other: &Confusion) {
        for (&key, &n) in &other.cells {
            *self.cells.entry(key).or_insert(0) += n;
        }
    }

    /// kappa and its parts.
    pub fn figures(&self) -> KappaFigures {
        let n: u64 = self.cells.values().sum();
        let mut rows: HashMap<u32, u64> = HashMap::new();
        let mut cols: HashMap<u32, u64> = HashMap::new();
        let mut same = 0u64;
        for (&(la, lb), &count) in &self.cells {
            *rows.entry(la).or_insert(0) += count;
            *cols.entry(lb).or_insert(0) += count;
            if la == lb {
                same += count;
            }
        }
        if n == 0 {
            return KappaFigures {
                kappa: None,
                observed: 0.0,
                expected: 0.0,
                chars: 0,
            };
        }
        let total = n as f64;
        let observed = same as f64 / total;
        let expected: f64 = rows
            .iter()
            .map(|(label, &r)| {
                let c = cols.get(label).copied().unwrap_or(0);
                (r as f64 / total) * (c as f64 / total)
            })
            .sum();
        // p_e = 1 exactly when one label has every character on both sides; test that in
        // integers rather than trusting a float to come out at 1.0.
        let degenerate = rows.len() == 1 && cols.len() == 1 && same == n;
        let kappa = (!degenerate).then(|| (observed - expected) / (1.0 - expected));
        KappaFigures {
            kappa,
            observed,
            expected,
            chars: n,
        }
    }
}

/// One annotator's labels over `0..length` as runs `(end, label)`, in order.
fn label_runs(
    length: usize,
    n_tags: usize,
    spans: &[(u32, usize, usize)],
    labels: &mut LabelInterner,
) -> Vec<(usize, u32)> {
    // Coverage changes: +1 at a start, −1 at an end, per tag.
    let mut events: Vec<(usize, u32, i32)> = Vec::with_capacity(spans.len() * 2);
    for &(tag, start, end) in spans {
        let (start, end) = (start.min(length), end.min(length));
        if start < end && (tag as usize) < n_tags {
            events.push((start, tag, 1));
            events.push((end, tag, -1));
        }
    }
    events.sort_unstable();
    let mut cover = vec![0i32; n_tags];
    let mut active: Vec<u32> = Vec::new();
    let mut runs: Vec<(usize, u32)> = Vec::new();
    let mut pos = 0;
    let mut k = 0;
    while pos < length {
        while let Some(&(at, tag, delta)) = events.get(k) {
            if at > pos {
                break;
            }
            if let Some(c) = cover.get_mut(tag as usize) {
                *c += delta;
            }
            k += 1;
        }
        active.clear();
        active
            .extend((0..n_tags as u32).filter(|&t| cover.get(t as usize).is_some_and(|&c| c > 0)));
        let next = events.get(k).map_or(length, |&(at, _, _)| at.min(length));
        let label = labels.id(&active);
        match runs.last_mut() {
            Some(last) if last.1 == label => last.0 = next,
            _ => runs.push((next, label)),
        }
        pos = next;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kappa(length: usize, a: &[(u32, usize, usize)], b: &[(u32, usize, usize)]) -> KappaFigures {
        let mut labels = LabelInterner::default();
        Confusion::of_text(length, 2, a, b, &mut labels).figures()
    }

    #[test]
    fn by_hand_ten_chars() {
        // 10 chars. A: tag 0 on 0..4. B: tag 0 on 0..2, tag 1 on 6..8.
        //   A: 0 0 0 0 - - - - - -      B: 0 0 - - - - 1 1 - -
        // Table: (0,0) 2, (0,-) 2, (-,-) 4, (-,1) 2. p_o = 6/10 = 0.6.
        // A: 0 → 0.4, none → 0.6. B: 0 → 0.2, none → 0.6, 1 → 0.2.
        // p_e = 0.4·0.2 + 0.6·0.6 = 0.44; kappa = (0.6 − 0.44)/(1 − 0.44) = 0.16/0.56 = 0.285714.
        let k = kappa(10, &[(0, 0, 4)], &[(0, 0, 2), (1, 6, 8)]);
        assert!((k.observed - 0.6).abs() < 1e-12);
        assert!((k.expected - 0.44).abs() < 1e-12);
        assert!((k.kappa.unwrap() - 0.16 / 0.56).abs() < 1e-12);
        assert_eq!(k.chars, 10);
    }

    #[test]
    fn two_tags_on_one_char_are_their_own_label() {
        // 4 chars. A: tag 0 on 0..4 and tag 1 on 2..4 → labels {0} {0} {0,1} {0,1}.
        // B: tag 0 on 0..4 → {0} ×4. Table: ({0},{0}) 2, ({0,1},{0}) 2. p_o = 0.5.
        // p_e = 0.5·1 ({0}) + 0.5·0 ({0,1}) = 0.5; kappa = 0/0.5 = 0.
        let k = kappa(4, &[(0, 0, 4), (1, 2, 4)], &[(0, 0, 4)]);
        assert!((k.observed - 0.5).abs() < 1e-12);
        assert!((k.kappa.unwrap()).abs() < 1e-12);
        // Same tag twice over a char is that tag once: identical to one span, kappa 1.
        let k = kappa(6, &[(0, 0, 4), (0, 2, 4)], &[(0, 0, 4)]);
        assert_eq!(k.kappa, Some(1.0));
    }

    #[test]
    fn pooling_counts_chars_not_articles() {
        // Article 1 (4 chars): identical {0} {0} - - → (0,0) 2, (-,-) 2.
        // Article 2 (4 chars): A tags 0..2, B nothing → (0,-) 2, (-,-) 2.
        // Pooled: (0,0) 2, (-,-) 4, (0,-) 2: p_o = 6/8 = 0.75; A: 0 → 4/8, none 4/8;
        // B: 0 → 2/8, none 6/8; p_e = 0.5·0.25 + 0.5·0.75 = 0.5; kappa = 0.25/0.5 = 0.5.
        let mut labels = LabelInterner::default();
        let mut pooled = Confusion::of_text(4, 1, &[(0, 0, 2)], &[(0, 0, 2)], &mut labels);
        pooled.merge(&Confusion::of_text(4, 1, &[(0, 0, 2)], &[], &mut labels));
        assert!((pooled.figures().kappa.unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn nothing_varies_is_undefined() {
        assert_eq!(kappa(5, &[], &[]).kappa, None);
        assert_eq!(kappa(0, &[], &[]).kappa, None);
        assert_eq!(kappa(3, &[(0, 0, 3)], &[(0, 0, 3)]).kappa, None);
    }
}
