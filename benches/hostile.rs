//! The hostile inputs that once cost minutes (issue 19, item 5), generated in a temp folder and
//! fed to the release binary the way an analyst would: brat with 100k notes on one span and
//! with 50k distinct types, doccano with 20k labels and with 10k documents, `check` of an
//! incident file with 100k evidence spans, a W3C quote without a position on a 200k-char
//! article, `import --replace` when a 10k-char annotation's text changes, brat export of 10k
//! articles, a page of 100k nested `<div>`, and the peak memory of a large doccano import.
//!
//! `cargo bench --bench hostile` prints per case the size n, the minimum, median and spread
//! (max − min) over 3 runs (1 when a run takes over 10 s), the same at n/4 and the ratio
//! time(n)/time(n/4) (about 4 is linear, 16 quadratic), then one JSON line per figure.
//! `-- --quick` uses sizes a quarter as large; `-- --only NAME` runs the cases whose name
//! contains NAME; `-- --bin PATH` times another build of `sitrep` (an older one, say).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a bench is its failure message

mod generate;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use generate::{Lcg, annotate, article_text};
use sitrep::model::{Article, CharSpan, Project};

/// The binary every case runs.
struct Bin(PathBuf);

impl Bin {
    /// Run `sitrep ARGS` and panic with its output when it fails (exit 1 from `check` too).
    fn run(&self, args: &[&str]) {
        let out = Command::new(&self.0)
            .args(args)
            .env("SITREP_ANALYST", "bench")
            .output()
            .expect("runs sitrep");
        assert!(
            out.status.success(),
            "sitrep {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// One case made for one size: `reset` (not timed) puts the folder back as it was before a
/// run, `run` is what is timed.
struct Prepared {
    reset: Box<dyn Fn()>,
    run: Box<dyn Fn()>,
}

/// A case: its name, its full size, and how to make it at a size in a folder.
struct Case {
    name: &'static str,
    n: usize,
    make: fn(&Bin, &Path, usize) -> Prepared,
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

/// `reset` that removes the project `p` (and a folder `out`), so `sitrep new` may make it.
fn removing(paths: Vec<PathBuf>) -> Box<dyn Fn()> {
    Box::new(move || {
        for p in &paths {
            if p.is_dir() {
                std::fs::remove_dir_all(p).expect("removes");
            } else if p.exists() {
                std::fs::remove_file(p).expect("removes");
            }
        }
    })
}

/// `sitrep new P INPUT` after removing P.
fn new_project(bin: &Bin, dir: &Path, input: PathBuf) -> Prepared {
    let p = dir.join("p.sitrep");
    let bin = Bin(bin.0.clone());
    let (ps, is) = (path_str(&p), path_str(&input));
    Prepared {
        reset: removing(vec![p]),
        run: Box::new(move || bin.run(&["new", &ps, &is])),
    }
}

/// `sitrep import P ARGS…` on a fresh copy of the saved project `base`.
fn import_into(bin: &Bin, base: PathBuf, p: PathBuf, args: Vec<String>) -> Prepared {
    let bin = Bin(bin.0.clone());
    let ps = path_str(&p);
    Prepared {
        reset: Box::new(move || {
            std::fs::copy(&base, &p).expect("copies");
        }),
        run: Box::new(move || {
            let mut all = vec!["import", ps.as_str()];
            all.extend(args.iter().map(String::as_str));
            bin.run(&all);
        }),
    }
}

/// brat: one short sentence, one span, and `n` `#` notes on it, all different.
fn brat_notes(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("doc.txt"), "The convoy struck near Husaybah.\n").unwrap();
    let mut ann = String::from("T1\tActor 4 10\tconvoy\n");
    for i in 0..n {
        writeln!(ann, "#{i}\tAnnotatorNotes T1\tnote number {i}").unwrap();
    }
    std::fs::write(corpus.join("doc.ann"), ann).unwrap();
    new_project(bin, dir, corpus)
}

/// brat: a text of `n` words, each a span of its own type.
fn brat_types(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let (mut txt, mut ann) = (String::new(), String::new());
    for i in 0..n {
        let word = format!("w{i}");
        let start = txt.len();
        txt.push_str(&word);
        txt.push(' ');
        writeln!(ann, "T{i}\tType{i} {start} {}\t{word}", start + word.len()).unwrap();
    }
    std::fs::write(corpus.join("doc.txt"), txt).unwrap();
    std::fs::write(corpus.join("doc.ann"), ann).unwrap();
    new_project(bin, dir, corpus)
}

/// doccano: one document of `n` words, each labelled with a label of its own.
fn doccano_labels(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let mut text = String::new();
    let mut labels = Vec::new();
    for i in 0..n {
        let word = format!("w{i}");
        let start = text.len();
        text.push_str(&word);
        text.push(' ');
        labels.push(serde_json::json!([
            start,
            start + word.len(),
            format!("L{i}")
        ]));
    }
    let line = serde_json::json!({"text": text, "label": labels});
    let file = dir.join("in.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    new_project(bin, dir, file)
}

/// Lines of doccano: `n` documents of ~600 chars with three labels each.
fn doccano_lines(n: usize) -> String {
    let mut rng = Lcg(3);
    let mut out = String::new();
    for i in 0..n {
        let text = format!("Report {i}. {}", article_text(600, &mut rng));
        let labels: Vec<_> = (0..3)
            .map(|j| {
                let at = 10 + j * 150;
                let label = ["PER", "LOC", "ORG"][j];
                serde_json::json!([at, at + 12, label])
            })
            .collect();
        let line = serde_json::json!({"text": text, "label": labels});
        writeln!(out, "{line}").unwrap();
    }
    out
}

/// doccano: `n` documents.
fn doccano_docs(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let file = dir.join("in.jsonl");
    std::fs::write(&file, doccano_lines(n)).unwrap();
    new_project(bin, dir, file)
}

/// An incident file with `n` evidence spans over one article, all cited.
fn incident_check(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let evidence: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("ann-{i}"), "tag": "location", "start": 0,
                "end": 6, "exact": "bridge", "prefix": "", "suffix": "", "note": ""})
        })
        .collect();
    let ids: Vec<String> = (0..n).map(|i| format!("ann-{i}")).collect();
    let file = serde_json::json!({
        "format": "sitrep/incident", "version": 1,
        "incident": {"id": "inc-1", "title": "Shelling of a bridge", "date": null,
            "date_precision": "day", "event_type": "Shelling/artillery/missile attack",
            "location": null, "actors": [], "fatalities": {"low": null, "best": null, "high": null},
            "evidence": ids, "confidence": "medium", "notes": ""},
        "entities": [],
        "sources": [{"article": {"id": "art-1", "title": "Bridge shelled", "source": "",
            "url": null, "published": null,
            "text_sha256": "80914f0274ced542b3c64fd18666296efc1be86f90fc57f02ac5b46ed46d4489"},
            "evidence": evidence}]
    });
    let path = dir.join("big.incident.json");
    std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
    let bin = Bin(bin.0.clone());
    let ps = path_str(&path);
    Prepared {
        reset: Box::new(|| {}),
        run: Box::new(move || bin.run(&["check", &ps])),
    }
}

/// A saved project of one article with `text`; returns its path and the article's id.
fn one_article_project(dir: &Path, text: String) -> (PathBuf, String) {
    let mut p = Project::new("bench");
    p.articles.push(Article::new("art-1", "Report", text));
    let path = dir.join("base.sitrep");
    sitrep::io::save_project(&path, &p).expect("saves");
    (path, "art-1".into())
}

/// W3C: quotes with no position on an article of `n` chars that repeat one pair of letters, so
/// the quotes (half and a quarter of the text, and short ones) occur at thousands of places.
fn w3c_quote(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let text: String = "ab".repeat(n / 2);
    let (base, id) = one_article_project(dir, text.clone());
    let quotes = [n / 2, n / 4, 40, 7];
    let items: Vec<_> = quotes
        .iter()
        .enumerate()
        .map(|(i, &len)| {
            serde_json::json!({"id": format!("urn:x:{i}"), "type": "Annotation",
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Actor"}],
                "target": {"source": format!("urn:sitrep:article:{id}"),
                    "selector": {"type": "TextQuoteSelector", "exact": &text[1..=len],
                        "prefix": "a", "suffix": "ab"}}})
        })
        .collect();
    let doc = serde_json::json!({"@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": items}});
    let file = dir.join("in.jsonld");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    import_into(bin, base, dir.join("p.sitrep"), vec![path_str(&file)])
}

/// `import --replace`: an article of 3n chars with one annotation over its middle n chars,
/// replaced by a text where one char inside that annotation changed.
fn replace(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let mut rng = Lcg(5);
    let text = article_text(3 * n, &mut rng);
    let chars: Vec<char> = text.chars().collect();
    let mut p = Project::new("bench");
    p.articles
        .push(Article::new("art-1", "Report", text.clone()));
    let span = sitrep::model::text::snap_to_words(&chars, CharSpan::new(n, 2 * n)).unwrap();
    let ann = p
        .annotation_with_id("art-1", span, "claim", "ann-1".into())
        .unwrap();
    p.annotations.push(ann);
    let base = dir.join("base.sitrep");
    sitrep::io::save_project(&base, &p).expect("saves");
    let mut changed = chars.clone();
    let mid = span.start.0 + span.len() / 2;
    changed[mid] = if changed[mid] == 'X' { 'Y' } else { 'X' };
    let new_text: String = changed.into_iter().collect();
    let file = dir.join("new.txt");
    std::fs::write(&file, new_text).unwrap();
    import_into(
        bin,
        base,
        dir.join("p.sitrep"),
        vec!["--replace".into(), "art-1".into(), path_str(&file)],
    )
}

/// brat export of `n` articles of ~500 chars with five annotations each.
fn brat_export(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let mut rng = Lcg(9);
    let mut p = Project::new("bench");
    for i in 1..=n {
        let id = format!("art-{i}");
        p.articles.push(Article::new(
            id.clone(),
            format!("Report {i}"),
            article_text(500, &mut rng),
        ));
        annotate(&mut p, &id, 5, &mut rng);
    }
    p.sort_annotations();
    let path = dir.join("p.sitrep");
    sitrep::io::save_project(&path, &p).expect("saves");
    let out = dir.join("out");
    let bin = Bin(bin.0.clone());
    let (ps, os) = (path_str(&path), path_str(&out));
    Prepared {
        reset: removing(vec![out]),
        run: Box::new(move || bin.run(&["export", "--format", "brat", "--out", &os, &ps])),
    }
}

/// A page of `n` nested `<div>` around one sentence.
fn html_nested(bin: &Bin, dir: &Path, n: usize) -> Prepared {
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>The convoy struck.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let file = dir.join("page.html");
    std::fs::write(&file, page).unwrap();
    new_project(bin, dir, file)
}

/// Min, median and spread (max − min) in milliseconds of `runs` runs.
fn measure(prepared: &Prepared, runs: usize) -> [f64; 3] {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            (prepared.reset)();
            let t = Instant::now();
            (prepared.run)();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let (min, max) = (samples[0], samples[samples.len() - 1]);
    [min, samples[samples.len() / 2], max - min]
}

/// Measure a case at size `n`: one run first, two more when it took at most 10 s.
fn figure(bin: &Bin, case: &Case, n: usize) -> ([f64; 3], usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let prepared = (case.make)(bin, dir.path(), n);
    let first = measure(&prepared, 1);
    if first[0] > 10_000.0 {
        return (first, 1);
    }
    let rest = measure(&prepared, 2);
    let mut all = [first[0], rest[0], rest[0] + rest[2]];
    all.sort_by(f64::total_cmp);
    ([all[0], all[1], all[2] - all[0]], 3)
}

/// Peak memory (KiB, from `/usr/bin/time -f %M`) of `sitrep new` on a doccano file of
/// `docs` documents, and the file's size in bytes.
fn doccano_memory(bin: &Bin, docs: usize) -> Option<(u64, u64)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, doccano_lines(docs)).unwrap();
    let size = std::fs::metadata(&file).ok()?.len();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(&bin.0)
        .arg("new")
        .arg(dir.path().join("p.sitrep"))
        .arg(&file)
        .env("SITREP_ANALYST", "bench")
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    let kib = err.lines().last()?.trim().parse().ok()?;
    Some((kib, size))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let only = value("--only");
    let bin = Bin(value("--bin").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_sitrep")),
        PathBuf::from,
    ));
    let cases = [
        Case {
            name: "brat_notes",
            n: 100_000,
            make: brat_notes,
        },
        Case {
            name: "brat_types",
            n: 50_000,
            make: brat_types,
        },
        Case {
            name: "doccano_labels",
            n: 20_000,
            make: doccano_labels,
        },
        Case {
            name: "doccano_docs",
            n: 10_000,
            make: doccano_docs,
        },
        Case {
            name: "incident_check",
            n: 100_000,
            make: incident_check,
        },
        Case {
            name: "w3c_quote",
            n: 200_000,
            make: w3c_quote,
        },
        Case {
            name: "replace_10k",
            n: 10_000,
            make: replace,
        },
        Case {
            name: "replace_30k",
            n: 30_000,
            make: replace,
        },
        Case {
            name: "brat_export",
            n: 10_000,
            make: brat_export,
        },
        Case {
            name: "html_nested",
            n: 100_000,
            make: html_nested,
        },
    ];
    println!(
        "{:<16} {:>8} {:>10} {:>10} {:>9} {:>4} | {:>8} {:>10} {:>7}",
        "case", "n", "min ms", "median ms", "spread", "runs", "n/4", "median ms", "ratio"
    );
    let mut json = Vec::new();
    for case in &cases {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let n = if quick { case.n / 4 } else { case.n };
        let (big, runs) = figure(&bin, case, n);
        let (small, _) = figure(&bin, case, n / 4);
        let ratio = big[1] / small[1].max(1e-9);
        println!(
            "{:<16} {:>8} {:>10.1} {:>10.1} {:>9.1} {:>4} | {:>8} {:>10.1} {:>7.1}",
            case.name,
            n,
            big[0],
            big[1],
            big[2],
            runs,
            n / 4,
            small[1],
            ratio
        );
        json.push(format!(
            "{{\"case\":\"{}\",\"n\":{n},\"min_ms\":{:.1},\"median_ms\":{:.1},\"spread_ms\":{:.1},\"runs\":{runs},\"quarter_n\":{},\"quarter_median_ms\":{:.1},\"ratio\":{ratio:.2}}}",
            case.name,
            big[0],
            big[1],
            big[2],
            n / 4,
            small[1]
        ));
    }
    if only.as_deref().is_none_or(|o| "doccano_memory".contains(o)) {
        let docs = if quick { 20_000 } else { 80_000 };
        if let Some((kib, size)) = doccano_memory(&bin, docs) {
            let mb = size as f64 / 1e6;
            let peak = kib as f64 / 1024.0;
            println!(
                "doccano_memory: {docs} documents, {mb:.1} MB file, peak {peak:.0} MiB ({:.1}× the file)",
                kib as f64 * 1024.0 / (size.max(1) as f64)
            );
            json.push(format!(
                "{{\"case\":\"doccano_memory\",\"documents\":{docs},\"file_mb\":{mb:.1},\"peak_mib\":{peak:.0}}}"
            ));
        }
    }
    for line in json {
        println!("{line}");
    }
}
