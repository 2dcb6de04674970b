//! What `sitrep agree` reports: every measure with its mean and standard deviation over the
//! annotator pairs, its figure for each pair, and the same per tag and per article. Serialises
//! to JSON with one key per measure (`exact_f1`, `overlap_f1`, `cohen_kappa`, `alpha_u`) for
//! scripts; [`super::render`] writes the same as text. Undefined figures (0/0) are `null`.

use serde::Serialize;

use super::stats::mean_sd;

/// The whole comparison of two or more projects.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The projects compared, in the order given; pairs refer to them by index from 0 (the text
    /// rendering numbers them from 1).
    pub projects: Vec<String>,
    /// The articles every project holds (matched by `text_sha256`), in the first project's order.
    pub articles: Vec<SharedArticle>,
    /// How many articles of each project were left out because not every project has them.
    pub not_shared: Vec<usize>,
    /// Shared articles where some projects have annotations and others none. They are scored
    /// (as bratiaa scores an empty `.ann` file) but listed, since a zero there usually means
    /// "not coded yet" rather than disagreement.
    pub one_sided: Vec<OneSided>,
    /// Shared articles no project annotated: they add nothing to the F1 figures, and their
    /// characters count as agreed "no tag" for kappa and as gaps for alpha_U.
    pub unannotated: Vec<String>,
    /// Exact span F1 (bratiaa's instance-based F1).
    pub exact_f1: Measure<F1Pair>,
    /// Overlap F1: same tag, spans share a character, each span matched at most once.
    pub overlap_f1: Measure<F1Pair>,
    /// Cohen's kappa on per-character labels (no per-tag figures: the labels are the tags).
    pub cohen_kappa: Measure<KappaPair>,
    /// Krippendorff's alpha for unitizing (alpha_U), 1 − mean D_O / mean D_E over the tags.
    pub alpha_u: Measure<AlphaPair>,
}

/// One article all projects share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedArticle {
    /// The `text_sha256` that matched it.
    pub text_sha256: String,
    /// Its title in the first project.
    pub title: String,
    /// Its id in each project (ids may differ between copies).
    pub ids: Vec<String>,
    /// Number of annotations on it in each project.
    pub annotations: Vec<usize>,
}

/// A shared article that only some projects annotated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OneSided {
    /// The article's `text_sha256`.
    pub text_sha256: String,
    /// Its title in the first project.
    pub title: String,
    /// Indices of the projects with no annotation on it.
    pub empty_in: Vec<usize>,
}

/// One measure: overall, per tag and per article, each with mean and population standard
/// deviation over the pairs and the figure of every pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measure<P> {
    /// Mean over the pairs; `null` when any pair's figure is undefined (as bratiaa's NaN).
    pub mean: Option<f64>,
    /// Population standard deviation over the pairs (0 for one pair).
    pub sd: Option<f64>,
    /// The figure of each pair over all shared articles.
    pub pairs: Vec<P>,
    /// Per tag, sorted by tag id (omitted for kappa).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_tag: Vec<Breakdown<P>>,
    /// Per shared article, in [`AgreementReport::articles`] order.
    pub per_article: Vec<Breakdown<P>>,
}

/// A measure restricted to one tag or one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown<P> {
    /// Tag id, or article `text_sha256`.
    pub key: String,
    /// Tag label, or article title.
    pub label: String,
    /// Mean over the pairs.
    pub mean: Option<f64>,
    /// Population standard deviation over the pairs.
    pub sd: Option<f64>,
    /// Each pair's figure.
    pub pairs: Vec<P>,
}

/// A figure that has a value for one pair.
pub trait PairFigure {
    /// The figure, `None` where undefined.
    fn value(&self) -> Option<f64>;
}

/// Exact or overlap F1 of one pair of projects.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct F1Pair {
    /// Index of the first project.
    pub a: usize,
    /// Index of the second project.
    pub b: usize,
    /// 2·matched / (a_items + b_items).
    pub f1: Option<f64>,
    /// Items matched.
    pub matched: u64,
    /// Items of the first project.
    pub a_items: u64,
    /// Items of the second project.
    pub b_items: u64,
}

/// Cohen's kappa of one pair of projects.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct KappaPair {
    /// Index of the first project.
    pub a: usize,
    /// Index of the second project.
    pub b: usize,
    /// (p_o − p_e) / (1 − p_e).
    pub kappa: Option<f64>,
    /// p_o, the share of characters labelled alike.
    pub observed: f64,
    /// p_e, the agreement expected by chance.
    pub expected: f64,
    /// Characters compared.
    pub chars: u64,
}

/// Krippendorff's alpha_U of one pair of projects.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct AlphaPair {
    /// Index of the first project.
    pub a: usize,
    /// Index of the second project.
    pub b: usize,
    /// 1 − D_O / D_E (the means over tags, for the joint figure).
    pub alpha_u: Option<f64>,
    /// Observed disagreement D_O.
    pub d_o: f64,
    /// Expected disagreement D_E.
    pub d_e: f64,
}

impl PairFigure for F1Pair {
    fn value(&self) -> Option<f64> {
        self.f1
    }
}

impl PairFigure for KappaPair {
    fn value(&self) -> Option<f64> {
        self.kappa
    }
}

impl PairFigure for AlphaPair {
    fn value(&self) -> Option<f64> {
        self.alpha_u
    }
}

fn summary<P: PairFigure>(pairs: &[P]) -> (Option<f64>, Option<f64>) {
    let values: Vec<Option<f64>> = pairs.iter().map(PairFigure::value).collect();
    mean_sd(&values)
}

impl<P: PairFigure> Breakdown<P> {
    /// A breakdown with its mean and sd taken from the pairs.
    pub(crate) fn new(key: String, label: String, pairs: Vec<P>) -> Self {
        let (mean, sd) = summary(&pairs);
        Self {
            key,
            label,
            mean,
            sd,
            pairs,
        }
    }
}

impl<P: PairFigure> Measure<P> {
    /// A measure with its mean and sd taken from the pairs.
    pub(crate) fn new(
        pairs: Vec<P>,
        per_tag: Vec<Breakdown<P>>,
        per_article: Vec<Breakdown<P>>,
    ) -> Self {
        let (mean, sd) = summary(&pairs);
        Self {
            mean,
            sd,
            pairs,
            per_tag,
            per_article,
        }
    }
}
