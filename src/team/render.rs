//! The plain-text face of an [`AgreementReport`]: overall figures first, then per tag and per
//! article as tables, then the articles that need a look. Three decimals, as bratiaa prints;
//! `n/a` where a figure is undefined.

use std::fmt::Write as _;

use super::report::{AgreementReport, Breakdown, Measure, PairFigure};

/// The name printed for alpha, so nobody mistakes it for the coding alpha.
pub const ALPHA_U_NAME: &str = "Krippendorff's alpha for unitizing (alpha_U)";

/// The report as text for a terminal.
pub fn render_text(report: &AgreementReport) -> String {
    let mut out = String::new();
    header(&mut out, report);
    if report.articles.is_empty() {
        out.push_str("\nNo article is shared by all projects (texts are matched by SHA-256).\n");
        return out;
    }
    out.push_str("\nOverall (mean and population sd over pairs):\n");
    overall(
        &mut out,
        "Exact span F1 (bratiaa instance F1)",
        &report.exact_f1,
    );
    overall(
        &mut out,
        "Overlap F1 (same tag, shared char)",
        &report.overlap_f1,
    );
    overall(
        &mut out,
        "Cohen's kappa, per-character labels",
        &report.cohen_kappa,
    );
    overall(&mut out, ALPHA_U_NAME, &report.alpha_u);
    if report.projects.len() > 2 {
        pairs(&mut out, report);
    }
    per_tag(&mut out, report);
    per_article(&mut out, report);
    attention(&mut out, report);
    out
}

fn header(out: &mut String, report: &AgreementReport) {
    writeln!(
        out,
        "Agreement of {} projects on {} shared article{}",
        report.projects.len(),
        report.articles.len(),
        if report.articles.len() == 1 { "" } else { "s" }
    )
    .ok();
    for (i, name) in report.projects.iter().enumerate() {
        let left_out = report.not_shared.get(i).copied().unwrap_or(0);
        write!(out, "  [{}] {name}", i + 1).ok();
        if left_out > 0 {
            write!(
                out,
                " ({} not in every project, left out)",
                crate::wording::count(left_out, "article")
            )
            .ok();
        }
        out.push('\n');
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

fn overall<P: PairFigure>(out: &mut String, name: &str, m: &Measure<P>) {
    writeln!(out, "  {name:<45} {:>7}  sd {:>5}", num(m.mean), num(m.sd)).ok();
}

fn pairs(out: &mut String, report: &AgreementReport) {
    out.push_str("\nPer pair:\n");
    writeln!(
        out,
        "  {:<9} {:>8} {:>8} {:>8} {:>8}",
        "pair", "exact", "overlap", "kappa", "alpha_U"
    )
    .ok();
    let rows = report
        .exact_f1
        .pairs
        .iter()
        .zip(&report.overlap_f1.pairs)
        .zip(report.cohen_kappa.pairs.iter().zip(&report.alpha_u.pairs));
    for ((e, o), (k, a)) in rows {
        writeln!(
            out,
            "  {:<9} {:>8} {:>8} {:>8} {:>8}",
            format!("[{}]-[{}]", e.a + 1, e.b + 1),
            num(e.f1),
            num(o.f1),
            num(k.kappa),
            num(a.alpha_u)
        )
        .ok();
    }
}

fn mean_of<P>(rows: &[Breakdown<P>], i: usize) -> Option<f64> {
    rows.get(i).and_then(|b| b.mean)
}

fn per_tag(out: &mut String, report: &AgreementReport) {
    out.push_str("\nPer tag (means over pairs):\n");
    writeln!(
        out,
        "  {:<24} {:>8} {:>8} {:>8}",
        "tag", "exact", "overlap", "alpha_U"
    )
    .ok();
    for (i, tag) in report.exact_f1.per_tag.iter().enumerate() {
        writeln!(
            out,
            "  {:<24} {:>8} {:>8} {:>8}",
            shorten(&tag.label, 24),
            num(tag.mean),
            num(mean_of(&report.overlap_f1.per_tag, i)),
            num(mean_of(&report.alpha_u.per_tag, i))
        )
        .ok();
    }
}

fn per_article(out: &mut String, report: &AgreementReport) {
    out.push_str("\nPer article (means over pairs):\n");
    writeln!(
        out,
        "  {:<40} {:>8} {:>8} {:>8} {:>8}",
        "article", "exact", "overlap", "kappa", "alpha_U"
    )
    .ok();
    for (i, art) in report.exact_f1.per_article.iter().enumerate() {
        writeln!(
            out,
            "  {:<40} {:>8} {:>8} {:>8} {:>8}",
            shorten(&art.label, 40),
            num(art.mean),
            num(mean_of(&report.overlap_f1.per_article, i)),
            num(mean_of(&report.cohen_kappa.per_article, i)),
            num(mean_of(&report.alpha_u.per_article, i))
        )
        .ok();
    }
}

fn attention(out: &mut String, report: &AgreementReport) {
    if !report.one_sided.is_empty() {
        writeln!(
            out,
            "\n{} annotated in some projects only (scored, but maybe not coded yet):",
            crate::wording::count(report.one_sided.len(), "article")
        )
        .ok();
        for art in &report.one_sided {
            let empty: Vec<String> = art
                .empty_in
                .iter()
                .filter_map(|&p| report.projects.get(p).cloned())
                .collect();
            writeln!(out, "  {}: nothing in {}", art.title, empty.join(", ")).ok();
        }
    }
    if !report.unannotated.is_empty() {
        writeln!(
            out,
            "\n{} annotated in no project.",
            crate::wording::count(report.unannotated.len(), "shared article")
        )
        .ok();
    }
}

/// Cut a label to `max` chars for a table column.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
