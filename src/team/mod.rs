//! Team work: how far analysts who coded the same articles agree, how two projects differ,
//! and the three-way merge that lets git keep one project file for a team.
//!
//! [`agree`] compares two or more projects on the articles they share and returns an
//! [`AgreementReport`] with exact span F1 and overlap F1 (bratiaa's definitions), Cohen's kappa
//! on per-character labels and Krippendorff's alpha for unitizing (alpha_U), each per pair, per
//! tag, per article and as mean and standard deviation over pairs. No I/O and no window: the CLI
//! reads the files and prints [`render_text`] or the JSON of the report.
//!
//! [`diff`] lists what one project has that another lacks or holds otherwise (annotations,
//! entities, incidents, articles), and [`merge`] merges two descendants of one project by id,
//! field by field, listing what it cannot settle as [`crate::model::MergeConflict`]s.

mod agreement;
mod alpha_u;
mod diff;
#[cfg(test)]
mod fixture;
mod kappa;
mod merge;
pub mod object;
mod render;
mod report;
mod span_f1;
mod stats;

pub use agreement::{AgreeError, agree};
pub use diff::{
    AnnotationSummary, ArticleSummary, ChangedItem, EntitySummary, FieldChange, IncidentSummary,
    ItemsDiff, MergedEntity, ProjectDiff, Renamed, diff, render_diff,
};
pub use merge::{KindCounts, MergeOutcome, MergeReport, conflict_line, merge, render_report};
pub use render::{ALPHA_U_NAME, render_text};
pub use report::{
    AgreementReport, AlphaPair, Breakdown, F1Pair, KappaPair, Measure, OneSided, PairFigure,
    SharedArticle,
};
