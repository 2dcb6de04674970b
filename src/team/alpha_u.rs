//! Krippendorff's alpha for unitizing, alpha_U (Krippendorff 1995, "On the reliability of
//! unitizing continuous data", and 2004, "Measuring the reliability of qualitative text analysis
//! data", Quality & Quantity 38: 787-800), for two annotators and one category at a time.
//!
//! Each annotator cuts the continuum (here: the characters of the shared articles) into
//! *sections* for a category c: the units they marked c, and the gaps between them. For two
//! annotators, with L the length of the continuum:
//!
//! - observed disagreement D_O(c) = Σ δ²(g, h) / L², over every section g of one annotator and
//!   every section h of the other that overlap, where δ² is
//!   (start_g − start_h)² + (end_g − end_h)² when both are units,
//!   length_g² when g is a unit lying wholly inside the gap h (and the mirror case), and 0
//!   otherwise (two gaps, or a unit only partly inside a gap). This is the paper's
//!   Σ_i Σ_{j≠i} Σ_g Σ_h δ² / (m(m−1)L²) with m = 2, where each unordered pair counts twice.
//! - expected disagreement D_E(c) = (2/L) · Σ_{units g} [ (N_c − 1)·(2l³ − 3l² + l)/3 plus
//!   l² · Σ_{gaps h with l_h ≥ l} (l_h − l + 1) ] / [ mL(mL − 1) − Σ_{units g} l(l − 1) ],
//!   with l = length_g, N_c the number of c units of both annotators and m = 2: every place the
//!   units could be put, as the paper's model of chance.
//! - alpha_U(c) = 1 − D_O(c)/D_E(c), and over all categories
//!   alpha_U = 1 − mean_c D_O(c) / mean_c D_E(c).
//!
//! The formulas and the worked example (the test below) were checked against DKPro Agreement's
//! `KrippendorffAlphaUnitizingAgreement` and its `unitizing/Krippendorff2004Test.java`
//! (dkpro/dkpro-statistics), which reproduce the paper's appendix.
//!
//! Rules of this implementation:
//! - alpha_U assumes one annotator's units of one category do not overlap. Sitrep allows that
//!   (a name inside a longer name), so overlapping spans of one annotator and tag are merged
//!   into their union first; spans that only touch stay two units.
//! - Several articles form one continuum, laid end to end, and a gap never runs across an
//!   article boundary (no unit could be placed across one), so gaps end at each article's end.
//! - alpha_U(c) is undefined (`None`) when D_E(c) is 0, that is when nobody marked c at all.

/// What alpha_U needs from one category of two annotators over some stretch of text: it adds
/// up across articles, so per-article tallies merge into the tally of a whole project pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct UnitizingTally {
    /// Length of the continuum, in characters.
    pub length: u64,
    /// Σ δ² over the overlapping sections of the two annotators.
    pub observed: f64,
    /// Lengths of all units of both annotators.
    pub units: Vec<u64>,
    /// Lengths of all gaps of both annotators.
    pub gaps: Vec<u64>,
}

/// One section of an annotator's cut of a text.
#[derive(Clone, Copy, Debug)]
struct Section {
    start: u64,
    end: u64,
    unit: bool,
}

impl UnitizingTally {
    /// The tally of one text of `length` characters, given each annotator's spans of one
    /// category as half-open `(start, end)` pairs (any order, overlaps allowed, clipped to the
    /// text).
    pub fn of_text(length: u64, a: &[(u64, u64)], b: &[(u64, u64)]) -> Self {
        let mut tally = UnitizingTally {
            length,
            ..Self::default()
        };
        if length == 0 {
            return tally;
        }
        let sa = sections(length, a);
        let sb = sections(length, b);
        for s in sa.iter().chain(&sb) {
            if s.unit {
                tally.units.push(s.end - s.start);
            } else {
                tally.gaps.push(s.end - s.start);
            }
        }
        tally.observed = observed_sum(&sa, &sb);
        tally
    }

    /// Add another stretch of text (the next article of the continuum).
    pub fn merge(&mut self, other: &UnitizingTally) {
        self.length += other.length;
        self.observed += other.observed;
        self.units.extend_from_slice(&other.units);
        self.gaps.extend_from_slice(&other.gaps);
    }

    /// D_O(c); 0 for an empty continuum.
    pub fn observed_disagreement(&self) -> f64 {
        if self.length == 0 {
            return 0.0;
        }
        let l = self.length as f64;
        self.observed / (l * l)
    }

    /// D_E(c); 0 when there are no units (or no text).
    pub fn expected_disagreement(&self) -> f64 {
        if self.length == 0 || self.units.is_empty() {
            return 0.0;
        }
        let l_total = self.length as f64;
        let m = 2.0;
        let n_c = self.units.len() as f64;
        let mut gaps = self.gaps.clone();
        gaps.sort_unstable();
        // prefix[i] = sum of the i shortest gaps, so Σ_{gaps ≥ l} (gap − l + 1) is one lookup.
        let mut prefix = Vec::with_capacity(gaps.len() + 1);
        prefix.push(0.0f64);
        for &g in &gaps {
            let last = prefix.last().copied().unwrap_or(0.0);
            prefix.push(last + g as f64);
        }
        let total_gaps = prefix.last().copied().unwrap_or(0.0);
        let mut numerator = 0.0;
        let mut same_unit_pairs = 0.0;
        for &unit in &self.units {
            let l = unit as f64;
            let first_long_enough = gaps.partition_point(|&g| g < unit);
            let count = (gaps.len() - first_long_enough) as f64;
            let sum = total_gaps - prefix.get(first_long_enough).copied().unwrap_or(0.0);
            let placements_in_gaps = sum - count * (l - 1.0);
            numerator += (n_c - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0
                + l * l * placements_in_gaps;
            same_unit_pairs += l * (l - 1.0);
        }
        let denominator = m * l_total * (m * l_total - 1.0) - same_unit_pairs;
        if denominator <= 0.0 {
            return 0.0;
        }
        (2.0 / l_total) * numerator / denominator
    }

    /// alpha_U(c) = 1 − D_O/D_E, or `None` when D_E is 0.
    pub fn alpha(&self) -> Option<f64> {
        ratio_alpha(self.observed_disagreement(), self.expected_disagreement())
    }
}

/// 1 − d_o/d_e, undefined when d_e is 0 (nothing was marked, so there is nothing to agree on).
pub(crate) fn ratio_alpha(d_o: f64, d_e: f64) -> Option<f64> {
    (d_e > 0.0).then(|| 1.0 - d_o / d_e)
}

/// alpha_U over several categories: 1 − mean D_O / mean D_E, as (alpha, mean D_O, mean D_E).
pub(crate) fn joint_alpha<'a>(
    tallies: impl IntoIterator<Item = &'a UnitizingTally>,
) -> (Option<f64>, f64, f64) {
    let (mut d_o, mut d_e, mut n) = (0.0, 0.0, 0usize);
    for t in tallies {
        d_o += t.observed_disagreement();
        d_e += t.expected_disagreement();
        n += 1;
    }
    if n == 0 {
        return (None, 0.0, 0.0);
    }
    let (d_o, d_e) = (d_o / n as f64, d_e / n as f64);
    (ratio_alpha(d_o, d_e), d_o, d_e)
}

/// One annotator's sections of a text: units (overlapping spans merged) and the gaps around
/// them, tiling `0..length`.
fn sections(length: u64, spans: &[(u64, u64)]) -> Vec<Section> {
    let mut spans: Vec<(u64, u64)> = spans
        .iter()
        .map(|&(s, e)| (s.min(length), e.min(length)))
        .filter(|&(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut units: Vec<(u64, u64)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match units.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => units.push((s, e)),
        }
    }
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = 0;
    for (s, e) in units {
        if pos < s {
            out.push(Section {
                start: pos,
                end: s,
                unit: false,
            });
        }
        out.push(Section {
            start: s,
            end: e,
            unit: true,
        });
        pos = e;
    }
    if pos < length {
        out.push(Section {
            start: pos,
            end: length,
            unit: false,
        });
    }
    out
}

/// Σ δ² over overlapping sections of two cuts of the same text. Both tile the text, so a walk
/// that always steps past the section that ends first meets every overlapping pair once.
fn observed_sum(a: &[Section], b: &[Section]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    while let (Some(g), Some(h)) = (a.get(i), b.get(j)) {
        sum += delta_squared(*g, *h);
        match g.end.cmp(&h.end) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// δ² of two overlapping sections (the distance of the 1995/2004 papers).
fn delta_squared(g: Section, h: Section) -> f64 {
    let len = |s: Section| (s.end - s.start) as f64;
    match (g.unit, h.unit) {
        (true, true) => {
            let ds = g.start as f64 - h.start as f64;
            let de = g.end as f64 - h.end as f64;
            ds * ds + de * de
        }
        (true, false) if h.start <= g.start && g.end <= h.end => len(g) * len(g),
        (false, true) if g.start <= h.start && h.end <= g.end => len(h) * len(h),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's worked example (2004): a continuum 150..450 (L = 300), observers i and j,
    /// categories c and k. Offsets below are shifted by −150.
    ///   c, i: 225+70, 370+30           c, j: 220+80, 355+20, 400+20
    ///   k, i: 180+60, 300+50           k, j: 180+60, 300+50
    fn example() -> (UnitizingTally, UnitizingTally) {
        let shift = |v: &[(u64, u64)]| -> Vec<(u64, u64)> {
            v.iter().map(|&(s, l)| (s - 150, s - 150 + l)).collect()
        };
        let c = UnitizingTally::of_text(
            300,
            &shift(&[(225, 70), (370, 30)]),
            &shift(&[(220, 80), (355, 20), (400, 20)]),
        );
        let k = UnitizingTally::of_text(
            300,
            &shift(&[(180, 60), (300, 50)]),
            &shift(&[(180, 60), (300, 50)]),
        );
        (c, k)
    }

    #[test]
    fn krippendorff_2004_worked_example() {
        let (c, k) = example();
        // By hand, category c. Overlapping unit pairs: 225..295 with 220..300: 5² + 5² = 50;
        // 370..400 with 355..375: 15² + 25² = 850. j's unit 400..420 lies inside i's gap
        // 400..450: 20² = 400. Σ = 1300, D_O = 1300 / 300² = 0.014444.
        assert_eq!(c.observed, 1300.0);
        assert!((c.observed_disagreement() - 0.0144).abs() < 0.00005);
        // D_E(c): units 70, 30, 80, 20, 20 (N_c = 5); gaps 75, 75, 50 (i) and 70, 55, 25, 30 (j).
        //   l = 70: 4·(70·69·139)/3 = 895160, gaps ≥ 70 give 6+6+1 = 13, ·4900 = 63700
        //   l = 30: 68440 + 900·181 = 231340      l = 80: 1339840 + 0
        //   l = 20 (twice): 2·(19760 + 400·247) = 237120
        //   Σ = 2767160; denominator 600·599 − (4830+870+6320+380+380) = 346620
        //   D_E = (2/300)·2767160/346620 = 0.053222
        assert!((c.expected_disagreement() - 0.0532).abs() < 0.00005);
        assert!((c.expected_disagreement() - 0.053222).abs() < 0.000001);
        // alpha_U(c) = 1 − 0.014444/0.053222 = 0.7286 (DKPro's test: 0.7286).
        assert!((c.alpha().unwrap() - 0.7286).abs() < 0.00005);
        // Category k: both observers agree exactly, D_O = 0, D_E = 0.0490, alpha 1.
        assert_eq!(k.observed_disagreement(), 0.0);
        assert!((k.expected_disagreement() - 0.0490).abs() < 0.00005);
        assert_eq!(k.alpha(), Some(1.0));
        // Joint: 1 − (0.014444 + 0)/(0.053222 + 0.048979) = 0.85867. The paper prints 0.8591,
        // which is the same formula on the four-place values, 1 − 0.0144/(0.0532 + 0.0490).
        let (alpha, _, _) = joint_alpha([&c, &k]);
        let alpha = alpha.unwrap();
        assert!((alpha - 0.8591).abs() < 0.0005);
        assert!((alpha - 0.85867).abs() < 0.00001);
        let round4 = |v: f64| (v * 10_000.0).round() / 10_000.0;
        let from_rounded = 1.0
            - round4(c.observed_disagreement())
                / (round4(c.expected_disagreement()) + round4(k.expected_disagreement()));
        assert!((round4(from_rounded) - 0.8591).abs() < 1e-9);
    }

    #[test]
    fn merging_articles_is_one_continuum_with_gaps_cut_at_the_border() {
        // Two articles of 10 chars, each with the same unit 2..4 on both sides: identical,
        // so D_O = 0 and alpha 1; the gaps are 2, 6 per side per article (never 6 + 2 = 8).
        let one = UnitizingTally::of_text(10, &[(2, 4)], &[(2, 4)]);
        let mut both = one.clone();
        both.merge(&one);
        assert_eq!(both.length, 20);
        let mut gaps = both.gaps.clone();
        gaps.sort_unstable();
        assert_eq!(gaps, vec![2, 2, 2, 2, 6, 6, 6, 6]);
        assert_eq!(both.alpha(), Some(1.0));
    }

    #[test]
    fn overlapping_spans_of_one_annotator_merge() {
        // 0..5 and 3..8 of one annotator are one unit 0..8; against 0..8: δ² = 0.
        let t = UnitizingTally::of_text(10, &[(0, 5), (3, 8)], &[(0, 8)]);
        assert_eq!(t.observed, 0.0);
        assert_eq!(t.units, vec![8, 8]);
    }

    #[test]
    fn nothing_marked_is_undefined_and_disjoint_units_score_below_zero() {
        let empty = UnitizingTally::of_text(10, &[], &[]);
        assert_eq!(empty.alpha(), None);
        // One side marks 0..2, the other 6..8 of 10 chars. Sections: A = [0..2 unit, 2..10 gap],
        // B = [0..6 gap, 6..8 unit, 8..10 gap]. A's unit lies in B's gap 0..6: 4; B's unit lies
        // in A's gap 2..10: 4. D_O = 8/100 = 0.08.
        // D_E: N = 2, units 2, 2; gaps 8, 6, 2. Per unit: 1·(16 − 12 + 2)/3 = 2, plus
        // 4·((8−1) + (6−1) + (2−1)) = 52, so 54 each, Σ 108. Denominator 20·19 − 2 − 2 = 376.
        // D_E = (2/10)·108/376 = 0.057447; alpha = 1 − 0.08/0.057447 = −0.3926.
        let t = UnitizingTally::of_text(10, &[(0, 2)], &[(6, 8)]);
        assert!((t.observed_disagreement() - 0.08).abs() < 1e-12);
        assert!((t.expected_disagreement() - 0.2 * 108.0 / 376.0).abs() < 1e-12);
        assert!(t.alpha().unwrap() < 0.0);
    }
}
