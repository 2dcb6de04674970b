//! Performance figures for Sitrep, measured on the real app UI headless (egui's CPU
//! tessellation, no window) and on the real file code.
//!
//! `cargo bench --bench perf` prints a table and one JSON line per figure:
//! `{"figure": NAME, "value": X, "unit": "ms"}`. `-- --quick` runs fewer frames and a smaller
//! project (the 50 MB figures are then scaled from a ~10 MB project, and say so).
//!
//! - `frame_ms_*`: one frame (UI pass plus tessellation) while scrolling, one wheel line per
//!   frame turning round every 40 frames, on a 10k-char article with 100 annotations and on a
//!   1M-char article with 10,000 annotations (both with recurring entity names, so there are
//!   suggestions to find and paint); `_fling`: 8 lines a frame straight down, so every frame
//!   lays out new text; `frame_ms_p95_50mb_project`: frames with the big project open.
//! - `rss_mb_1m_chars_open`: resident memory of this whole process (`/proc/self/statm`) with
//!   the 1M-char article open and scrolled in the headless app; `rss_mb_growth_1m_chars`: the
//!   growth from before the article was generated.
//! - `tag_ms_1m_chars`: tagging a selection there, through the next frame (best of five).
//! - `load_ms_50mb`, `save_ms_50mb`, `parse_ms_50mb_serde_value`: a project of many articles
//!   and ~100,000 annotations; the baseline is `serde_json::from_slice::<Value>`.
//! - `brat_import_ms_50mb`, `brat_reimport_ms_50mb`: that project written as a brat corpus,
//!   imported into an empty project, then imported again on top of it (nothing added).
//! - `search_fold_ms_50mb`: folding every text of that project for the corpus search (once, or
//!   when the folding changes); `search_update_ms_50mb`: bringing it up to date after an edit
//!   that changes no text; `search_ms_50mb_word`, `_whole_word`, `_regex`: one query on the
//!   folded texts, median of five rounds with min and max printed.
//! - `startup_ms`: the release binary from process start until it exits after its first frame
//!   (`SITREP_EXIT_AFTER_FIRST_FRAME=1`) on the sample project; needs a display (`DISPLAY` or
//!   `WAYLAND_DISPLAY`, e.g. under `xvfb-run`), otherwise skipped with the reason printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::hint::black_box;
use std::time::{Duration, Instant};

mod generate;

use generate::{Lcg, annotate, article_text, big_project};
use sitrep::model::{Article, CharSpan, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;

/// A project with one generated article of about `chars` chars, `annotations` annotations
/// and the [`ENTITIES`].
fn project_with_article(chars: usize, annotations: usize, seed: u64) -> Project {
    let mut rng = Lcg(seed);
    let mut p = Project::new("bench");
    p.articles.push(Article::new(
        "art-1",
        "Generated report",
        article_text(chars, &mut rng),
    ));
    annotate(&mut p, "art-1", annotations, &mut rng);
    p.sort_annotations();
    // Entities whose names recur, so the app has suggestions to find, keep and paint (about
    // one per 500 chars).
    for (i, (tag, name)) in ENTITIES.iter().enumerate() {
        p.entities.push(sitrep::model::Entity::new(
            format!("ent-{}", i + 1),
            *tag,
            *name,
        ));
    }
    p
}

/// Entities of the generated articles: two-word names, each found a few hundred times in a
/// million chars.
const ENTITIES: &[(&str, &str)] = &[
    ("actor", "local council"),
    ("actor", "border militia"),
    ("actor", "coalition drones"),
    ("actor", "Khálid said"),
    ("location", "near Husaybah"),
    ("location", "café Qa’im"),
    ("actor", "officials said"),
    ("actor", "the monitor"),
];

/// The `p` quantile (0 to 1) of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A duration in milliseconds.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the app in an egui context the way eframe does (run, then tessellate).
struct Headless {
    ctx: egui::Context,
    app: SitrepApp,
}

impl Headless {
    /// The app on `project`, with the scripted (no-op) file dialogs.
    fn new(project: Project) -> Self {
        let ctx = egui::Context::default();
        let app = SitrepApp::new(project, None, Box::new(ScriptedDialogs::default()));
        Self { ctx, app }
    }

    /// Input for one frame: a 1400×900 window and `events`.
    fn input(events: Vec<egui::Event>) -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            events,
            ..Default::default()
        }
    }

    /// One frame; returns its duration (UI pass plus tessellation).
    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        let start = Instant::now();
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(Self::input(events), |ui| app.run_frame(ui));
        // No renderer takes the font atlas updates.
        output.textures_delta.clear();
        let prims = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        black_box(prims);
        start.elapsed()
    }
}

/// Scroll the article by `lines` wheel lines (40 points each) per frame, turning round every
/// `period` frames; p50 and p95 frame times.
fn scroll_frames(h: &mut Headless, frames: usize, lines: f32, period: usize) -> (f64, f64) {
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        let down = if (i / period.max(1)).is_multiple_of(2) {
            -1.0
        } else {
            1.0
        };
        let events = vec![
            egui::Event::PointerMoved(egui::pos2(700.0, 450.0)),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, lines * down),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            },
        ];
        times.push(ms(h.frame(events)));
    }
    times.sort_by(f64::total_cmp);
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

/// Create one annotation on a large article, through the next frame (the best of five).
fn tag_once(h: &mut Headless) -> f64 {
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    let mut best = f64::MAX;
    for round in 0..5 {
        // Select a word near the top and tag it, as the keyboard path does.
        let span = CharSpan::new(10 + round * 20, 16 + round * 20);
        let span = sitrep::model::text::snap_to_words(
            h.app.workbench().project().articles[0].chars(),
            span,
        )
        .unwrap_or(span);
        h.app.workbench_mut().view_mut().selection.set(span);
        let start = Instant::now();
        h.app.run(sitrep::workbench::Action::TagKey('a'));
        h.frame(Vec::new());
        best = best.min(ms(start.elapsed()));
    }
    best
}

/// Time the real binary from process start until it exits after its first frame
/// (`SITREP_EXIT_AFTER_FIRST_FRAME=1`), opening a copy of the bundled sample project; the best
/// of three runs. The figure includes creating the window and GL context and closing them
/// again. `Err` says why it could not be measured (no display, no window).
fn startup_ms() -> Result<f64, String> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display (neither DISPLAY nor WAYLAND_DISPLAY is set; try xvfb-run)".into());
    }
    let exe = env!("CARGO_BIN_EXE_sitrep");
    let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let project = dir.path().join("sample.sitrep");
    std::fs::write(&project, sitrep::ui::SAMPLE_PROJECT)
        .map_err(|e| format!("writing the sample project: {e}"))?;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        // A private home, so the run neither reads nor writes the user's remembered settings.
        let mut child = std::process::Command::new(exe)
            .arg(&project)
            .env("SITREP_EXIT_AFTER_FIRST_FRAME", "1")
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {exe}: {e}"))?;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() > Duration::from_secs(60) => {
                    child.kill().ok();
                    child.wait().ok();
                    return Err("the window did not close within 60 s".into());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(1)),
                Err(e) => return Err(format!("waiting for {exe}: {e}")),
            }
        };
        let elapsed = ms(start.elapsed());
        if !status.success() {
            return Err(format!("{exe} exited with {status} (no window?)"));
        }
        best = best.min(elapsed);
    }
    Ok(best)
}

/// Resident memory of this process in MB (Linux only: `/proc/self/statm`).
fn rss_mb() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / (1024.0 * 1024.0))
}

/// Measure everything, print the table and the JSON lines.
fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let frames = if quick { 120 } else { 600 };
    let mut figures: Vec<(&str, f64, &str)> = Vec::new();

    // Both articles scroll the same way: one wheel line per frame, turning round every 40
    // frames (1,600 points), so that the 10k-char article never sits still at its end.
    let (lines, period) = (1.0, 40);
    let mut small = Headless::new(project_with_article(10_000, 100, 1));
    let (p50, p95) = scroll_frames(&mut small, frames, lines, period);
    drop(small);
    figures.push(("frame_ms_p50_10k_chars", p50, "ms"));
    figures.push(("frame_ms_p95_10k_chars", p95, "ms"));

    // The 1M-char article: resident memory is read before the project is generated and after
    // it has been open (and scrolled) in the headless app.
    let before = rss_mb();
    let mut big = Headless::new(project_with_article(1_000_000, 10_000, 2));
    let (p50, p95) = scroll_frames(&mut big, frames, lines, period);
    figures.push(("frame_ms_p50_1m_chars", p50, "ms"));
    figures.push(("frame_ms_p95_1m_chars", p95, "ms"));
    // A fling straight down, 8 lines a frame: every frame lays out text it has not seen.
    let (_, p95) = scroll_frames(&mut big, frames, 8.0, usize::MAX);
    figures.push(("frame_ms_p95_1m_chars_fling", p95, "ms"));
    if let (Some(b), Some(a)) = (before, rss_mb()) {
        figures.push(("rss_mb_1m_chars_open", a, "MB"));
        figures.push(("rss_mb_growth_1m_chars", a - b, "MB"));
    }
    figures.push(("tag_ms_1m_chars", tag_once(&mut big), "ms"));
    drop(big);

    // Files.
    let target = if quick { 10_000_000 } else { 50_000_000 };
    let project = big_project(target);
    let bytes = sitrep::io::project_to_bytes(&project).expect("serialises");
    let scale = 50_000_000.0 / bytes.len() as f64;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.sitrep");
    let t = Instant::now();
    sitrep::io::save_project(&path, &project).expect("saves");
    let save = ms(t.elapsed());
    let t = Instant::now();
    let loaded = sitrep::io::load_project(&path).expect("loads");
    let load = ms(t.elapsed());
    // Frames with the whole project open (the article list counts every article's
    // annotations): informational.
    let mut whole = Headless::new(loaded);
    let (_, p95) = scroll_frames(&mut whole, frames / 4, 1.0, 40);
    drop(whole);
    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("parses");
    let parse = ms(t.elapsed());
    black_box(value);
    println!(
        "project file: {:.1} MB, {} articles, {} annotations{}",
        bytes.len() as f64 / 1e6,
        project.articles.len(),
        project.annotations.len(),
        if quick {
            " (quick: figures scaled to 50 MB)"
        } else {
            ""
        }
    );
    figures.push(("load_ms_50mb", load * scale, "ms"));
    figures.push(("save_ms_50mb", save * scale, "ms"));
    figures.push(("parse_ms_50mb_serde_value", parse * scale, "ms"));
    figures.push(("frame_ms_p95_50mb_project", p95, "ms"));

    // Search across the corpus: folding every text (once per change of the document), then
    // queries on the folded texts, as the panel runs them while the analyst types.
    use sitrep::model::search::{Corpus, SearchMode, SearchQuery};
    let t = Instant::now();
    let mut corpus = Corpus::new(&project, true, true);
    let fold = ms(t.elapsed());
    figures.push(("search_fold_ms_50mb", fold * scale, "ms"));
    // After an edit that changes no text (a tag), the panel brings the fold up to date.
    let mut rounds: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            corpus.update(&project);
            ms(t.elapsed()) * scale
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    println!(
        "search_update_ms_50mb: min {:.2} ms, median {:.2} ms, max {:.2} ms (5 rounds, no text changed)",
        rounds[0], rounds[2], rounds[4]
    );
    figures.push(("search_update_ms_50mb", rounds[2], "ms"));
    let mut whole_word = SearchQuery::plain("husaybah");
    whole_word.mode = SearchMode::WholeWord;
    let mut pattern = SearchQuery::plain(r"\d+ (killed|dead|died)");
    pattern.mode = SearchMode::Regex;
    for (name, query) in [
        ("search_ms_50mb_word", SearchQuery::plain("husaybah")),
        ("search_ms_50mb_whole_word", whole_word),
        ("search_ms_50mb_regex", pattern),
    ] {
        let mut rounds: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let found = corpus.search(&project, &query, 5_000).expect("runs");
                black_box(found);
                ms(t.elapsed()) * scale
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        println!(
            "{name}: min {:.1} ms, median {:.1} ms, max {:.1} ms (5 rounds, the panel's 5,000-hit cap)",
            rounds[0], rounds[2], rounds[4]
        );
        figures.push((name, rounds[2], "ms"));
    }

    // The same project through brat: written as a corpus, imported into an empty project,
    // then imported again on top (every document found, every span already there).
    let corpus = dir.path().join("brat");
    sitrep::io::formats::brat::write_brat(&project, &corpus).expect("writes brat");
    let map = sitrep::io::formats::TypeMap::new();
    let mut fresh = Project::new("imported");
    let t = Instant::now();
    let report =
        sitrep::io::formats::brat::import_brat_dir(&mut fresh, &corpus, &map).expect("imports");
    let import = ms(t.elapsed());
    // Spans the generator placed twice (same tag, same chars) come in once.
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.first());
    assert_eq!(
        report.annotations + report.annotations_present,
        project.annotations.len()
    );
    let t = Instant::now();
    let again =
        sitrep::io::formats::brat::import_brat_dir(&mut fresh, &corpus, &map).expect("imports");
    let reimport = ms(t.elapsed());
    assert_eq!(again.annotations, 0);
    figures.push(("brat_import_ms_50mb", import * scale, "ms"));
    figures.push(("brat_reimport_ms_50mb", reimport * scale, "ms"));

    match startup_ms() {
        Ok(v) => figures.push(("startup_ms", v, "ms")),
        Err(why) => println!("startup_ms skipped: {why}"),
    }

    println!("{:<28} {:>10}", "figure", "value");
    for (name, value, unit) in &figures {
        println!("{name:<28} {value:>10.3} {unit}");
    }
    for (name, value, unit) in &figures {
        println!("{{\"figure\": \"{name}\", \"value\": {value:.4}, \"unit\": \"{unit}\"}}");
    }
}
