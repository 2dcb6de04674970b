//! Team work: measures of how far analysts who coded the same articles agree.
//!
//! [`agree`] compares two or more projects on the articles they share and returns an
//! [`AgreementReport`] with exact span F1 and overlap F1 (bratiaa's definitions), Cohen's kappa
//! on per-character labels and Krippendorff's alpha for unitizing (alpha_U), each per pair, per
//! tag, per article and as mean and standard deviation over pairs. No I/O and no window: the CLI
//! reads the files and prints [`render_text`] or the JSON of the report.

mod agreement;
mod alpha_u;
mod kappa;
mod render;
mod report;
mod span_f1;
mod stats;

pub use agreement::{AgreeError, agree};
pub use render::{ALPHA_U_NAME, render_text};
pub use report::{
    AgreementReport, AlphaPair, Breakdown, F1Pair, KappaPair, Measure, OneSided, PairFigure,
    SharedArticle,
};
