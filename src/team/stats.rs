//! The small arithmetic every measure shares: F1 from counts, and the mean and population
//! standard deviation over annotator pairs.

/// Counts of one exact or overlap comparison: items matched, items on side A, items on side B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MatchCounts {
    /// Items paired with an item of the other side.
    pub matched: u64,
    /// Items of side A.
    pub a: u64,
    /// Items of side B.
    pub b: u64,
}

impl MatchCounts {
    /// Add another comparison's counts: bratiaa sums true positives, false positives and false
    /// negatives before it divides (micro averaging), and so do we.
    pub fn add(&mut self, other: MatchCounts) {
        self.matched += other.matched;
        self.a += other.a;
        self.b += other.b;
    }

    /// F1 = 2·matched / (|A| + |B|), which is bratiaa's `2tp / (2tp + fp + fn)` with
    /// tp = matched, fp = |B| − matched, fn = |A| − matched. `None` when both sides are empty,
    /// where bratiaa gets NaN from 0/0.
    pub fn f1(self) -> Option<f64> {
        let total = self.a + self.b;
        (total > 0).then(|| 2.0 * self.matched as f64 / total as f64)
    }
}

/// Mean and population standard deviation (numpy's `np.mean` and `np.std` with `ddof=0`, which
/// bratiaa uses) over the pairs' values. One undefined value makes both undefined, as a NaN does
/// in numpy; no values at all are undefined too.
pub(crate) fn mean_sd(values: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
    let Some(defined) = values.iter().copied().collect::<Option<Vec<f64>>>() else {
        return (None, None);
    };
    if defined.is_empty() {
        return (None, None);
    }
    let n = defined.len() as f64;
    let mean = defined.iter().sum::<f64>() / n;
    let var = defined.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (Some(mean), Some(var.sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_from_counts() {
        // 3 matched of 4 on A and 5 on B: 2·3 / 9 = 0.666…
        let c = MatchCounts {
            matched: 3,
            a: 4,
            b: 5,
        };
        assert!((c.f1().unwrap() - 6.0 / 9.0).abs() < 1e-12);
        assert_eq!(MatchCounts::default().f1(), None);
    }

    #[test]
    fn population_sd_not_sample_sd() {
        // 0.5, 1.0, 0.0: mean 0.5; squared deviations 0, 0.25, 0.25; / 3 (not 2) = 1/6.
        let (mean, sd) = mean_sd(&[Some(0.5), Some(1.0), Some(0.0)]);
        assert!((mean.unwrap() - 0.5).abs() < 1e-12);
        assert!((sd.unwrap() - (1.0f64 / 6.0).sqrt()).abs() < 1e-12);
        // One pair: sd 0.
        assert_eq!(mean_sd(&[Some(0.8)]), (Some(0.8), Some(0.0)));
        assert_eq!(mean_sd(&[Some(0.8), None]), (None, None));
        assert_eq!(mean_sd(&[]), (None, None));
    }
}
