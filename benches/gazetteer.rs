//! Gazetteer figures: the first load of the shipped table (parsing 32,847 GeoNames places and
//! sorting the index of their folded names), and prefix searches on the whole of it.
//!
//! `cargo bench --bench gazetteer` prints, per figure, the minimum, the median and the spread
//! (maximum minus minimum) over the runs, then one JSON line per figure. Nothing is asserted;
//! the aim is a prefix query well under 20 ms. `-- --quick` runs fewer rounds.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a bench is its failure message

mod generate;

use std::hint::black_box;
use std::time::Instant;

use generate::measure;
use sitrep::model::gazetteer::{self, Gazetteer};

/// Queries as an analyst types them: a whole name, alternate spellings, and short prefixes
/// that match thousands of names (the worst case: every key under the prefix is walked).
const QUERIES: &[(&str, &str)] = &[
    ("search_ms_exact_aleppo", "Aleppo"),
    ("search_ms_spelling_boukamal", "Boukamal"),
    ("search_ms_article_al_bukamal", "Al-Bukamal"),
    ("search_ms_prefix_sa", "sa"),
    ("search_ms_prefix_a", "a"),
    ("search_ms_prefix_ba", "Ba"),
];

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 5 } else { 21 };
    let mut figures: Vec<(&str, [f64; 3])> = Vec::new();

    // The first call to the shared gazetteer is what the first search in a session pays.
    let t = Instant::now();
    let shared = gazetteer::shared();
    let first = t.elapsed().as_secs_f64() * 1000.0;
    figures.push(("first_load_ms_shared", [first, first, 0.0]));
    // The same work again, on fresh copies (the shared one loads once per process).
    figures.push((
        "load_ms_parse_and_index",
        measure(runs.min(9), || {
            black_box(Gazetteer::parse(gazetteer::TABLE));
        }),
    ));
    for (name, query) in QUERIES {
        figures.push((
            name,
            measure(runs * 5, || {
                black_box(shared.search(query, Some("Syria"), 10));
            }),
        ));
    }

    println!("places: {}", shared.len());
    println!(
        "{:<32} {:>10} {:>10} {:>10}",
        "figure (ms)", "min", "median", "spread"
    );
    for (name, [min, median, spread]) in &figures {
        println!("{name:<32} {min:>10.3} {median:>10.3} {spread:>10.3}");
    }
    for (name, [min, median, spread]) in &figures {
        println!(
            "{{\"figure\": \"{name}\", \"min\": {min:.4}, \"median\": {median:.4}, \"spread\": {spread:.4}, \"unit\": \"ms\"}}"
        );
    }
}
