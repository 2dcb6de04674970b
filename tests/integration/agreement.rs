//! `sitrep::team::agree` on small projects whose figures are worked out by hand below.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use common::add_article;
use sitrep::model::{CharSpan, Project};
use sitrep::team::{AgreeError, AgreementReport, agree, render_text};

const T1: &str = "abcdefghijklmnopqrstuvwxyz0123"; // 30 chars
const T2: &str = "ABCDEFGHIJKLMNOPQRST"; // 20 chars

/// A project with the given articles `(id, text)` and annotations `(article, tag, start, end)`.
/// Annotations are pushed as they are, so a test can give one annotator a duplicate.
fn project(name: &str, articles: &[(&str, &str)], anns: &[(&str, &str, usize, usize)]) -> Project {
    let mut p = Project::new(name);
    for (id, text) in articles {
        add_article(&mut p, id, text);
    }
    for &(article, tag, start, end) in anns {
        let ann = p
            .make_annotation(article, CharSpan::new(start, end), tag)
            .expect("span on the text");
        p.annotations.push(ann);
    }
    p
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a defined figure");
    assert!(
        (actual - expected).abs() < 1e-6,
        "expected {expected}, got {actual}"
    );
}

fn two(a: &Project, b: &Project) -> AgreementReport {
    agree(&[("a.sitrep", a), ("b.sitrep", b)]).expect("two projects")
}

fn tag<'r, P>(rows: &'r [sitrep::team::Breakdown<P>], key: &str) -> &'r sitrep::team::Breakdown<P> {
    rows.iter().find(|r| r.key == key).expect("tag reported")
}

/// Two articles, two analysts.
///   art-1 (30 chars): A actor 0..5, location 10..15    B actor 0..5, location 10..16
///   art-2 (20 chars): A actor 2..6                     B actor 2..6, actor 8..9
fn pair_by_hand() -> (Project, Project) {
    let arts = [("art-1", T1), ("art-2", T2)];
    let a = project(
        "A",
        &arts,
        &[
            ("art-1", "actor", 0, 5),
            ("art-1", "location", 10, 15),
            ("art-2", "actor", 2, 6),
        ],
    );
    let b = project(
        "B",
        &arts,
        &[
            ("art-1", "actor", 0, 5),
            ("art-1", "location", 10, 16),
            ("art-2", "actor", 2, 6),
            ("art-2", "actor", 8, 9),
        ],
    );
    (a, b)
}

#[test]
fn exact_f1_sums_counts_before_dividing() {
    let (a, b) = pair_by_hand();
    let r = two(&a, &b);
    // Matched: actor 0..5, actor 2..6 = 2; |A| = 3, |B| = 4: F1 = 4/7.
    close(r.exact_f1.mean, 4.0 / 7.0);
    assert_eq!(r.exact_f1.sd, Some(0.0));
    let p = r.exact_f1.pairs[0];
    assert_eq!((p.matched, p.a_items, p.b_items), (2, 3, 4));
    // Per tag: actor 2 of (2 + 3) → 0.8; location 0 of (1 + 1) → 0; claim unused → undefined.
    close(tag(&r.exact_f1.per_tag, "actor").mean, 0.8);
    close(tag(&r.exact_f1.per_tag, "location").mean, 0.0);
    assert_eq!(tag(&r.exact_f1.per_tag, "claim").mean, None);
    // Per article: art-1 1 of (2 + 2) → 0.5; art-2 1 of (1 + 2) → 2/3. Their mean, 0.583, is
    // not the overall 0.571: counts are summed first (micro), as bratiaa does.
    close(r.exact_f1.per_article[0].mean, 0.5);
    close(r.exact_f1.per_article[1].mean, 2.0 / 3.0);
}

#[test]
fn overlap_f1_matches_spans_that_share_a_char() {
    let (a, b) = pair_by_hand();
    let r = two(&a, &b);
    // location 10..15 and 10..16 now match too: 3 of (3 + 4) → 6/7.
    close(r.overlap_f1.mean, 6.0 / 7.0);
    close(tag(&r.overlap_f1.per_tag, "location").mean, 1.0);
}

#[test]
fn kappa_pools_the_characters_of_all_articles() {
    let (a, b) = pair_by_hand();
    let r = two(&a, &b);
    // 50 chars. (actor, actor) 5 + 4 = 9, (location, location) 5, (none, location) 1,
    // (none, actor) 1, (none, none) 19 + 15 = 34. p_o = 48/50 = 0.96.
    // A: actor 9, location 5, none 36; B: actor 10, location 6, none 34.
    // p_e = (9·10 + 5·6 + 36·34)/2500 = 0.5376; kappa = 0.4224/0.4624.
    let p = r.cohen_kappa.pairs[0];
    assert_eq!(p.chars, 50);
    close(Some(p.observed), 0.96);
    close(Some(p.expected), 0.5376);
    close(r.cohen_kappa.mean, 0.4224 / 0.4624);
    // art-2 alone: (actor, actor) 4, (none, actor) 1, (none, none) 15: p_o = 0.95,
    // p_e = (4·5 + 16·15)/400 = 0.65, kappa = 0.3/0.35.
    close(r.cohen_kappa.per_article[1].mean, 0.3 / 0.35);
    assert!(r.cohen_kappa.per_tag.is_empty());
}

#[test]
fn alpha_u_on_the_continuum_of_both_articles() {
    let (a, b) = pair_by_hand();
    let r = two(&a, &b);
    // One continuum of 50 chars (art-2 starts at 30); gaps end at the article border.
    // actor: A units 5, 4; B units 5, 4, 1 (B's 38..39 lies in A's gap 36..50: δ² = 1).
    //   D_O = 1/2500 = 0.0004. Gaps A 25, 2, 14; B 25, 2, 2, 11. N = 5.
    //   l=5: 4·(5·4·9)/3 = 240 + 25·(21+10+21+7) = 1715, twice: 3430
    //   l=4: 4·(4·3·7)/3 = 112 + 16·(22+11+22+8) = 1120, twice: 2240
    //   l=1: 0 + 1·81 = 81.  Σ = 5751; denominator 100·99 − 64 = 9836.
    //   D_E = (2/50)·5751/9836 = 0.0233876; alpha = 1 − 0.0004/0.0233876 = 0.982897.
    let actor = tag(&r.alpha_u.per_tag, "actor");
    close(Some(actor.pairs[0].d_o), 0.0004);
    close(Some(actor.pairs[0].d_e), 0.04 * 5751.0 / 9836.0);
    close(actor.mean, 1.0 - 0.0004 / (0.04 * 5751.0 / 9836.0));
    // location: 10..15 against 10..16: δ² = 0 + 1 = 1, D_O = 0.0004. Units 5, 6 (N = 2); gaps
    // A 10, 15, 20 and B 10, 14, 20. l=5: 60 + 25·65 = 1685; l=6: 110 + 36·59 = 2234.
    //   D_E = 0.04·3919/(9900 − 50) = 0.0159147.
    let d_e_loc = 0.04 * 3919.0 / 9850.0;
    close(
        tag(&r.alpha_u.per_tag, "location").mean,
        1.0 - 0.0004 / d_e_loc,
    );
    // Joint over the tags used (claim is not): 1 − mean D_O / mean D_E.
    let d_e_actor = 0.04 * 5751.0 / 9836.0;
    close(r.alpha_u.mean, 1.0 - 0.0004 / ((d_e_actor + d_e_loc) / 2.0));
    assert_eq!(tag(&r.alpha_u.per_tag, "claim").mean, None);
}

#[test]
fn identical_projects_agree_fully() {
    let (a, _) = pair_by_hand();
    let r = two(&a, &a.clone());
    close(r.exact_f1.mean, 1.0);
    close(r.overlap_f1.mean, 1.0);
    close(r.cohen_kappa.mean, 1.0);
    close(r.alpha_u.mean, 1.0);
    for article in &r.exact_f1.per_article {
        close(article.mean, 1.0);
    }
}

#[test]
fn disjoint_projects_score_zero_f1_and_below_chance() {
    let a = project("A", &[("art-1", T1)], &[("art-1", "actor", 0, 2)]);
    let b = project("B", &[("art-1", T1)], &[("art-1", "actor", 6, 8)]);
    let r = two(&a, &b);
    close(r.exact_f1.mean, 0.0);
    close(r.overlap_f1.mean, 0.0);
    // kappa over 30 chars: (actor, none) 2, (none, actor) 2, (none, none) 26: p_o = 26/30,
    // p_e = (2·2 + 28·28)/900 = 788/900; kappa = (780 − 788)/(900 − 788) = −8/112.
    close(r.cohen_kappa.mean, -8.0 / 112.0);
    // alpha_U: each unit lies in the other's gap, worse than chance.
    assert!(r.alpha_u.mean.expect("defined") < 0.0);
}

#[test]
fn duplicates_count_once_as_in_bratiaa() {
    // bratiaa reads each side's items into a set: A's doubled actor 0..5 is one item.
    let a = project(
        "A",
        &[("art-1", T1)],
        &[("art-1", "actor", 0, 5), ("art-1", "actor", 0, 5)],
    );
    let b = project("B", &[("art-1", T1)], &[("art-1", "actor", 0, 5)]);
    let r = two(&a, &b);
    let p = r.exact_f1.pairs[0];
    assert_eq!((p.matched, p.a_items, p.b_items), (1, 1, 1));
    close(r.exact_f1.mean, 1.0);
    close(r.overlap_f1.mean, 1.0);
}

#[test]
fn a_trailing_line_break_is_the_same_brat_item() {
    // The brat export cuts spans at line breaks and drops empty pieces, so 0..5 and 0..6 (which
    // only adds the "\n") are one item for bratiaa, and so here.
    let text = "Alpha\nBravo charlie";
    let a = project("A", &[("art-1", text)], &[("art-1", "actor", 0, 5)]);
    let b = project("B", &[("art-1", text)], &[("art-1", "actor", 0, 6)]);
    close(two(&a, &b).exact_f1.mean, 1.0);
}

#[test]
fn three_projects_give_mean_and_population_sd_over_pairs() {
    let arts = [("art-1", T1)];
    let full = [("art-1", "actor", 0, 5), ("art-1", "location", 10, 15)];
    let a = project("A", &arts, &full);
    let b = project("B", &arts, &full);
    let c = project(
        "C",
        &arts,
        &[("art-1", "actor", 0, 5), ("art-1", "claim", 20, 25)],
    );
    let r = agree(&[("a", &a), ("b", &b), ("c", &c)]).expect("three projects");
    // Pairs in order (a,b), (a,c), (b,c): F1 1, 2·1/4 = 0.5, 0.5. Mean 2/3; population sd
    // sqrt(((1/3)² + (1/6)² + (1/6)²)/3) = sqrt(1/18) = 0.2357 (the sample sd would be 0.2887).
    let pairs: Vec<(usize, usize)> = r.exact_f1.pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 2)]);
    close(r.exact_f1.mean, 2.0 / 3.0);
    close(r.exact_f1.sd, (1.0f64 / 18.0).sqrt());
    // claim: a–b have none (0/0, undefined), so the mean is undefined as bratiaa's NaN.
    assert_eq!(tag(&r.exact_f1.per_tag, "claim").mean, None);
    assert!(render_text(&r).contains("Per pair"));
}

#[test]
fn articles_match_by_text_and_empty_sides_are_listed() {
    // A: art-1 (T1), art-2 (T2), art-3 ("only here"), art-4 (untouched text).
    // B holds T1, T2 and the untouched text under other ids, and nothing on T2.
    let a = project(
        "A",
        &[
            ("art-1", T1),
            ("art-2", T2),
            ("art-3", "only in A"),
            ("art-4", "nobody tags this"),
        ],
        &[("art-1", "actor", 0, 5), ("art-2", "actor", 0, 3)],
    );
    let b = project(
        "B",
        &[("art-7", "nobody tags this"), ("art-8", T2), ("art-9", T1)],
        &[("art-9", "actor", 0, 5)],
    );
    let r = two(&a, &b);
    assert_eq!(r.articles.len(), 3);
    assert_eq!(r.articles[0].ids, vec!["art-1", "art-9"]);
    assert_eq!(r.not_shared, vec![1, 0]);
    assert_eq!(r.one_sided.len(), 1);
    assert_eq!(r.one_sided[0].title, "Article art-2");
    assert_eq!(r.one_sided[0].empty_in, vec![1]);
    assert_eq!(r.unannotated, vec![r.articles[2].text_sha256.clone()]);
    // The one-sided article is scored: actor 0..3 is an unmatched item of A. 1 of (2 + 1).
    close(r.exact_f1.mean, 2.0 / 3.0);
    let text = render_text(&r);
    assert!(
        text.contains("Article art-2: nothing in b.sitrep"),
        "{text}"
    );
    assert!(text.contains("annotated in no project"), "{text}");
}

#[test]
fn json_names_each_measure() {
    let (a, b) = pair_by_hand();
    let json = serde_json::to_value(two(&a, &b)).expect("serialises");
    for key in ["exact_f1", "overlap_f1", "cohen_kappa", "alpha_u"] {
        let m = &json[key];
        assert!(m["mean"].is_number(), "{key}.mean");
        assert!(m["sd"].is_number(), "{key}.sd");
        assert!(m["pairs"].is_array(), "{key}.pairs");
        assert!(m["per_article"].is_array(), "{key}.per_article");
    }
    assert!(json["exact_f1"]["per_tag"].is_array());
    assert!(json["alpha_u"]["per_tag"].is_array());
    // Undefined figures are null, not NaN.
    let claim = json["exact_f1"]["per_tag"]
        .as_array()
        .and_then(|tags| tags.iter().find(|t| t["key"] == "claim"))
        .expect("claim row");
    assert!(claim["mean"].is_null());
}

#[test]
fn text_names_the_alpha() {
    let (a, b) = pair_by_hand();
    let text = render_text(&two(&a, &b));
    assert!(
        text.contains("Krippendorff's alpha for unitizing (alpha_U)"),
        "{text}"
    );
    assert!(text.contains("Exact span F1"), "{text}");
}

#[test]
fn one_project_is_refused() {
    let (a, _) = pair_by_hand();
    assert!(matches!(
        agree(&[("a", &a)]),
        Err(AgreeError::TooFewProjects(1))
    ));
}

/// `sitrep agree` run in-process on the hand-worked pair saved to a temp folder.
fn agree_cli(extra: &[&str]) -> (Result<(), sitrep::cli::CliError>, String) {
    let (a, b) = pair_by_hand();
    let dir = tempfile::tempdir().expect("temp dir");
    let pa = dir.path().join("a.sitrep");
    let pb = dir.path().join("b.sitrep");
    sitrep::io::save_project(&pa, &a).expect("save a");
    sitrep::io::save_project(&pb, &b).expect("save b");
    let mut args: Vec<std::ffi::OsString> = vec!["sitrep".into(), "agree".into()];
    args.push(pa.into());
    args.push(pb.into());
    args.extend(extra.iter().map(Into::into));
    let mut out = Vec::new();
    let result = sitrep::cli::run(args, &mut out);
    (result, String::from_utf8(out).expect("utf-8 output"))
}

#[test]
fn cli_prints_json_with_one_key_per_measure() {
    let (result, out) = agree_cli(&["--json"]);
    result.expect("agree runs");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
    let mean = |key: &str| json[key]["mean"].as_f64().expect("a number");
    assert!((mean("exact_f1") - 4.0 / 7.0).abs() < 1e-9);
    assert!((mean("overlap_f1") - 6.0 / 7.0).abs() < 1e-9);
    assert!((mean("cohen_kappa") - 0.4224 / 0.4624).abs() < 1e-9);
    assert!(mean("alpha_u") > 0.97 && mean("alpha_u") < 0.99);
    assert_eq!(json["exact_f1"]["sd"].as_f64(), Some(0.0));
    assert_eq!(json["projects"].as_array().map(Vec::len), Some(2));
}

#[test]
fn cli_prints_text_naming_the_alpha() {
    let (result, out) = agree_cli(&[]);
    result.expect("agree runs");
    assert!(
        out.contains("Krippendorff's alpha for unitizing (alpha_U)"),
        "{out}"
    );
    assert!(out.contains("on 2 shared articles"), "{out}");
    assert!(out.contains("0.571"), "{out}");
}

#[test]
fn cli_needs_two_projects() {
    let err = sitrep::cli::run(["sitrep", "agree", "only.sitrep"], &mut Vec::new())
        .expect_err("one project is a usage error");
    assert!(matches!(err, sitrep::cli::CliError::Usage(_)), "{err}");
    let err = sitrep::cli::run(
        ["sitrep", "agree", "missing-a.sitrep", "missing-b.sitrep"],
        &mut Vec::new(),
    )
    .expect_err("missing files");
    assert!(matches!(err, sitrep::cli::CliError::Load(_)), "{err}");
}

/// Three analysts' projects with pseudo-random spans (a fixed generator) over four articles with
/// line breaks; B leaves the fourth article empty, and all three share two actor spans.
fn bratiaa_fixture() -> Vec<Project> {
    let texts = [
        "The first article has some words in it.\nAnd a second line with more words here.\n\nThird para.",
        "Another text about places like Idlib and Aleppo and people who said things.",
        "Short one.\nTwo lines only and nothing else to say about it at all really.",
        "Untouched by one analyst: this text has enough characters for spans.",
    ];
    let mut base = Project::new("base");
    for (i, t) in texts.iter().enumerate() {
        add_article(&mut base, &format!("art-{}", i + 1), t);
    }
    let tags = ["actor", "location", "claim"];
    let mut seed: u64 = 42;
    let mut rnd = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut projects = Vec::new();
    for who in ["A", "B", "C"] {
        let mut p = base.clone();
        p.name = who.into();
        for (k, t) in texts.iter().enumerate() {
            if who == "B" && k == 3 {
                continue;
            }
            let len = t.chars().count();
            for _ in 0..12 {
                let s = rnd(len - 6);
                let e = (s + 1 + rnd(12)).min(len);
                let tag = tags[rnd(3)];
                let article = format!("art-{}", k + 1);
                if let Ok(a) = p.make_annotation(&article, CharSpan::new(s, e), tag) {
                    p.annotations.push(a);
                }
            }
        }
        for &(s, e) in &[(4usize, 9usize), (10, 17)] {
            if let Ok(a) = p.make_annotation("art-1", CharSpan::new(s, e), "actor") {
                p.annotations.push(a);
            }
        }
        projects.push(p);
    }
    projects
}

#[test]
fn exact_f1_matches_bratiaa_on_the_brat_export() {
    // Cross-checked once by hand: each project of bratiaa_fixture() written with
    // `sitrep::io::formats::brat::write_brat` into A/, B/, C/ (A's annotation.conf copied to the
    // root) and scored by bratiaa 0.1.4 (`compute_f1_agreement`, `mean_sd_total`,
    // `mean_sd_per_label`, `mean_sd_per_document`), which printed these means and sds.
    let projects = bratiaa_fixture();
    let inputs: Vec<(&str, &Project)> = ["A", "B", "C"].into_iter().zip(&projects).collect();
    let r = agree(&inputs).expect("three projects");
    let both = |mean: Option<f64>, sd: Option<f64>, m: f64, s: f64| {
        close(mean, m);
        close(sd, s);
    };
    both(r.exact_f1.mean, r.exact_f1.sd, 0.073030303, 0.013076030);
    let by_label = |label: &str| {
        let row = r
            .exact_f1
            .per_tag
            .iter()
            .find(|t| t.label == label)
            .expect("label row");
        (row.mean, row.sd)
    };
    let (m, s) = by_label("Actor");
    both(m, s, 0.191111111, 0.039660947);
    let (m, s) = by_label("Claim");
    both(m, s, 0.055224868, 0.006079622);
    let (m, s) = by_label("Location");
    both(m, s, 0.0, 0.0);
    let docs = [
        (0.166666667, 0.033671751),
        (0.027777778, 0.039283710),
        (0.055555556, 0.078567420),
        (0.0, 0.0),
    ];
    for (row, (m, s)) in r.exact_f1.per_article.iter().zip(docs) {
        both(row.mean, row.sd, m, s);
    }
    // B's empty fourth article is scored as bratiaa scores an empty .ann, and listed.
    assert_eq!(r.one_sided.len(), 1);
    assert_eq!(r.one_sided[0].empty_in, vec![1]);
}
