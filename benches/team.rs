//! Team figures: `sitrep agree` on two analysts' 50 MB projects that share every article
//! (1,137 of them at full size), beside the time to load the two projects; and the three-way
//! `merge` of those two copies with their common base, beside the time to load the three.
//!
//! `cargo bench --bench team` prints, per figure, the minimum, the median and the spread
//! (maximum minus minimum) over the runs, then one JSON line per figure. `-- --quick` works on
//! ~10 MB projects and fewer runs. The target is `agree` and `merge` each within 2× of
//! loading the projects they read.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a bench is its failure message

mod generate;

use std::hint::black_box;

use generate::{Lcg, big_project, measure};
use sitrep::model::{CharSpan, Project};

/// Another analyst's copy of `base`: about one annotation in twelve retagged, one in twenty
/// dropped, and one new span per article, made under the analyst's own ids.
fn analyst_copy(base: &Project, who: &str, seed: u64) -> Project {
    let mut rng = Lcg(seed);
    let mut p = base.clone();
    p.analyst = Some(who.to_owned());
    let tags = ["actor", "location", "claim"];
    p.annotations.retain(|_| rng.below(20) != 0);
    for ann in &mut p.annotations {
        if rng.below(12) == 0 {
            ann.tag = tags[rng.below(3)].to_owned();
            ann.claim = None;
        }
    }
    let articles: Vec<(String, usize)> = p
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.len_chars()))
        .collect();
    let ids = p.alloc_ids("ann", articles.len());
    for ((article, len), id) in articles.iter().zip(ids) {
        let at = rng.below(len.saturating_sub(20));
        let span = CharSpan::new(at, at + 7);
        if let Ok(ann) = p.annotation_with_id(article, span, "actor", id) {
            p.annotations.push(ann);
        }
    }
    p.sort_annotations();
    p
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (target, runs) = if quick {
        (10_000_000, 3)
    } else {
        (50_000_000, 5)
    };
    let base = big_project(target);
    let a = analyst_copy(&base, "Maya", 11);
    let b = analyst_copy(&base, "Omar", 12);
    let dir = tempfile::tempdir().expect("temp dir");
    let (pa, pb) = (dir.path().join("a.sitrep"), dir.path().join("b.sitrep"));
    let pbase = dir.path().join("base.sitrep");
    sitrep::io::save_project(&pbase, &base).expect("saves");
    sitrep::io::save_project(&pa, &a).expect("saves");
    sitrep::io::save_project(&pb, &b).expect("saves");
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "two projects of {:.1} MB and {:.1} MB, {} shared articles, {} and {} annotations{}",
        size(&pa),
        size(&pb),
        a.articles.len(),
        a.annotations.len(),
        b.annotations.len(),
        if quick { " (quick)" } else { "" }
    );

    let mut figures: Vec<(&str, [f64; 3])> = Vec::new();
    figures.push((
        "load_both_ms",
        measure(runs, || {
            black_box(sitrep::io::load_project(&pa).expect("loads"));
            black_box(sitrep::io::load_project(&pb).expect("loads"));
        }),
    ));
    figures.push((
        "agree_ms",
        measure(runs, || {
            let report = sitrep::team::agree(&[("a", &a), ("b", &b)]).expect("agrees");
            black_box(report);
        }),
    ));
    figures.push((
        "agree_json_ms",
        measure(runs, || {
            let report = sitrep::team::agree(&[("a", &a), ("b", &b)]).expect("agrees");
            black_box(serde_json::to_string(&report).expect("json"));
        }),
    ));
    figures.push((
        "load_three_ms",
        measure(runs, || {
            for p in [&pbase, &pa, &pb] {
                black_box(sitrep::io::load_project(p).expect("loads"));
            }
        }),
    ));
    let mut outcome = None;
    figures.push((
        "merge_ms",
        measure(runs, || {
            outcome = Some(black_box(sitrep::team::merge(&base, &a, &b)));
        }),
    ));
    if let Some(out) = &outcome {
        let r = &out.report.annotations;
        println!(
            "merge: annotations {} changed by Maya, {} by Omar, {} on both, {} added by Maya, \
             {} by Omar, {} deleted; {} conflicts; valid: {}",
            r.changed_ours,
            r.changed_theirs,
            r.merged,
            r.added_ours,
            r.added_theirs,
            r.deleted,
            out.conflicts.len(),
            sitrep::model::validate(&out.project).is_empty()
        );
    }

    println!(
        "{:<16} {:>5} {:>10} {:>10} {:>10}",
        "figure", "runs", "min ms", "median ms", "spread ms"
    );
    for (name, [min, median, spread]) in &figures {
        println!("{name:<16} {runs:>5} {min:>10.1} {median:>10.1} {spread:>10.1}");
    }
    let median = |wanted: &str| {
        figures
            .iter()
            .find(|(name, _)| *name == wanted)
            .map_or(f64::NAN, |(_, m)| m[1])
    };
    for (name, against) in [
        ("agree_ms", "load_both_ms"),
        ("agree_json_ms", "load_both_ms"),
        ("merge_ms", "load_three_ms"),
    ] {
        println!(
            "{name} / {against} (medians): {:.2}×",
            median(name) / median(against)
        );
    }
    for (name, [min, median, spread]) in &figures {
        println!(
            "{{\"figure\": \"{name}\", \"min_ms\": {min:.2}, \"median_ms\": {median:.2}, \
             \"spread_ms\": {spread:.2}, \"runs\": {runs}}}"
        );
    }
}
