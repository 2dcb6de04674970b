//! Generated projects for the benches: articles of deterministic pseudo-random text with
//! overlapping annotations, sized like real reports, and the timing the benches share. Used by
//! `perf.rs`, `team.rs` and `gazetteer.rs`.
#![allow(dead_code)] // each bench uses part of it

use std::time::Instant;

use sitrep::model::{Article, CharSpan, Project};

/// Words for generated articles: accents, curly quotes, Arabic, emoji, like real reports.
pub const WORDS: &[&str] = &[
    "the",
    "convoy",
    "struck",
    "near",
    "Husaybah",
    "café",
    "naïve",
    "Qa’im",
    "officials",
    "said",
    "drones",
    "trucks",
    "border",
    "militia",
    "coalition",
    "“reported”",
    "سرمدا",
    "😀",
    "Khálid",
    "according",
    "to",
    "a",
    "local",
    "council",
    "monitor",
    "killed",
    "wounded",
    "on",
    "Sunday",
];

/// A deterministic pseudo-random generator, so every run measures the same text.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 31 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// An article of about `chars` chars in paragraphs of 200–900 chars.
pub fn article_text(chars: usize, rng: &mut Lcg) -> String {
    let mut text = String::with_capacity(chars * 2);
    let mut count = 0;
    let mut para = 0;
    let mut para_len = 200 + rng.below(700);
    while count < chars {
        let w = WORDS[rng.below(WORDS.len())];
        text.push_str(w);
        count += w.chars().count();
        para += w.chars().count();
        if para > para_len {
            text.push_str(".\n\n");
            count += 3;
            para = 0;
            para_len = 200 + rng.below(700);
        } else {
            text.push(' ');
            count += 1;
        }
    }
    text
}

/// Add `n` annotations to an article: word spans plus enclosing sentence-like spans, so that
/// some overlap and nest. The caller sorts the annotations afterwards.
///
/// The annotations are made in a scratch project holding only this article (so that making
/// ids does not scan every annotation of a big project once per annotation), then renumbered
/// with the big project's id counter and merged in one sort.
pub fn annotate(project: &mut Project, article: &str, n: usize, rng: &mut Lcg) {
    let Some(a) = project.article(article) else {
        return;
    };
    let mut scratch = Project::new("scratch");
    scratch.articles.push(a.clone());
    let len = a.len_chars();
    let chars: Vec<char> = a.chars().to_vec();
    let tags = ["actor", "location", "claim"];
    for i in 0..n {
        let at = rng.below(len.saturating_sub(60));
        let width = if i % 5 == 0 {
            40 + rng.below(20)
        } else {
            3 + rng.below(10)
        };
        let span =
            sitrep::model::text::snap_to_words(&chars, CharSpan::new(at, (at + width).min(len)));
        let Some(span) = span else { continue };
        if let Ok(mut ann) = scratch.make_annotation(article, span, tags[i % 3]) {
            let next = project.next_ids.entry("ann".to_owned()).or_insert(1);
            ann.id = format!("ann-{next}");
            *next += 1;
            project.annotations.push(ann);
        }
    }
}

/// A project of many articles of ~5,000 chars with ~20 annotations per 1,000 chars.
pub fn big_project(target_bytes: usize) -> Project {
    let mut rng = Lcg(7);
    let mut p = Project::new("big");
    let mut i = 0;
    loop {
        i += 1;
        let id = format!("art-{i}");
        p.articles.push(Article::new(
            id.clone(),
            format!("Report {i}"),
            article_text(5000, &mut rng),
        ));
        annotate(&mut p, &id, 100, &mut rng);
        // About 340 bytes of pretty JSON per annotation with its quote and context, plus about
        // 10 KB for the text (measured: 44 KB per article).
        let estimate = i * (5000 * 2 + 100 * 340);
        if estimate >= target_bytes {
            break;
        }
    }
    p.sort_annotations();
    p
}

/// Min, median and spread (max − min) in milliseconds of `runs` runs of `f`.
pub fn measure(runs: usize, mut f: impl FnMut()) -> [f64; 3] {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let (min, max) = (samples[0], samples[samples.len() - 1]);
    [min, samples[samples.len() / 2], max - min]
}
