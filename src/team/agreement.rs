//! `agree`: compare two or more projects on the articles they share and build the
//! [`AgreementReport`]. Pure: it reads projects and returns numbers.
//!
//! - Articles are matched by `text_sha256` (ids may differ between copies); only articles that
//!   *every* project holds are compared, so each pair is scored on the same documents, as
//!   bratiaa scores each pair on the documents all annotators have. A text that occurs twice in
//!   one project is compared once (its first copy).
//! - With three or more projects every pair is scored, and each figure gets the mean and the
//!   population standard deviation over the pairs (bratiaa's `np.mean` / `np.std`).
//! - The tags reported are those the projects define or use on the shared articles, sorted by
//!   id; a tag nobody used has undefined F1, as bratiaa's labels from `annotation.conf` do.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::io::formats::brat::export::fragments;
use crate::model::{Annotation, Article, CharSpan, Project};

use super::alpha_u::{UnitizingTally, joint_alpha};
use super::kappa::{Confusion, LabelInterner};
use super::report::{
    AgreementReport, AlphaPair, Breakdown, F1Pair, KappaPair, Measure, OneSided, SharedArticle,
};
use super::span_f1::{exact_counts, overlap_counts};
use super::stats::MatchCounts;

/// Why agreement cannot be computed.
#[derive(Debug, thiserror::Error)]
pub enum AgreeError {
    /// Agreement is between annotators: one project has nobody to agree with.
    #[error("agreement needs at least two projects, got {0}")]
    TooFewProjects(usize),
}

/// Compare `projects`, each with the name to show for it (usually its file name).
pub fn agree(projects: &[(&str, &Project)]) -> Result<AgreementReport, AgreeError> {
    if projects.len() < 2 {
        return Err(AgreeError::TooFewProjects(projects.len()));
    }
    let shared = shared_articles(projects);
    let tags = tag_universe(projects, &shared);
    let tag_index: HashMap<&str, u32> = tags
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect();
    let sides: Vec<Vec<Side>> = shared
        .iter()
        .map(|row| {
            row.iter()
                .map(|(article, anns)| Side::new(article, anns, &tag_index, tags.len()))
                .collect()
        })
        .collect();
    let n = projects.len();
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect();
    let tallies: Vec<PairTallies> = pairs
        .iter()
        .map(|&(a, b)| PairTallies::new(a, b, &sides, &shared, tags.len()))
        .collect();
    let articles = describe_articles(&shared);
    let (one_sided, unannotated) = emptiness(&articles);
    let tag_list: Vec<(String, String)> = tags.into_iter().collect();
    Ok(AgreementReport {
        projects: projects
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect(),
        not_shared: projects
            .iter()
            .map(|(_, p)| p.articles.len().saturating_sub(shared.len()))
            .collect(),
        exact_f1: f1_measure(&tallies, &tag_list, &articles, |t| &t.exact),
        overlap_f1: f1_measure(&tallies, &tag_list, &articles, |t| &t.overlap),
        cohen_kappa: kappa_measure(&tallies, &articles),
        alpha_u: alpha_measure(&tallies, &tag_list, &articles),
        articles,
        one_sided,
        unannotated,
    })
}

/// Per shared article, per project: the article and its annotations.
type SharedRow<'p> = Vec<(&'p Article, Vec<&'p Annotation>)>;

/// The articles every project holds, in the first project's order.
fn shared_articles<'p>(projects: &[(&str, &'p Project)]) -> Vec<SharedRow<'p>> {
    let by_hash: Vec<HashMap<&str, &Article>> =
        projects.iter().map(|(_, p)| articles_by_text(p)).collect();
    let by_article: Vec<HashMap<&str, Vec<&Annotation>>> = projects
        .iter()
        .map(|(_, p)| {
            let mut map: HashMap<&str, Vec<&Annotation>> = HashMap::new();
            for ann in &p.annotations {
                map.entry(ann.article.as_str()).or_default().push(ann);
            }
            map
        })
        .collect();
    let Some((_, first)) = projects.first() else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for article in &first.articles {
        let hash = article.text_sha256.as_str();
        if !seen.insert(hash) {
            continue;
        }
        let row: Option<SharedRow<'p>> = by_hash
            .iter()
            .zip(&by_article)
            .map(|(hashes, anns)| {
                let art = *hashes.get(hash)?;
                Some((art, anns.get(art.id.as_str()).cloned().unwrap_or_default()))
            })
            .collect();
        rows.extend(row);
    }
    rows
}

/// A project's articles by `text_sha256`, the key that matches articles across copies (ids may
/// differ). A text held twice maps to its first copy. Shared with diff and merge.
pub(crate) fn articles_by_text(p: &Project) -> HashMap<&str, &Article> {
    let mut map = HashMap::new();
    for article in &p.articles {
        map.entry(article.text_sha256.as_str()).or_insert(article);
    }
    map
}

/// Tag id → label: the tags the projects define, and any other tag used on a shared article.
fn tag_universe(
    projects: &[(&str, &Project)],
    shared: &[SharedRow<'_>],
) -> BTreeMap<String, String> {
    let mut tags = BTreeMap::new();
    for (_, p) in projects {
        for tag in &p.tags {
            tags.entry(tag.id.clone())
                .or_insert_with(|| tag.label.clone());
        }
    }
    for row in shared {
        for (_, anns) in row {
            for ann in anns {
                tags.entry(ann.tag.clone())
                    .or_insert_with(|| ann.tag.clone());
            }
        }
    }
    tags
}

/// One project's annotations on one shared article, in the shapes the measures take.
struct Side {
    /// Characters in the article.
    length: usize,
    /// `(tag, start, end)`, clipped to the text.
    spans: Vec<(u32, usize, usize)>,
    /// Per tag: distinct `(start, end)`, sorted.
    by_tag: Vec<Vec<(usize, usize)>>,
    /// Per tag: the distinct brat fragment lists (bratiaa's item offsets).
    exact: Vec<HashSet<Vec<(usize, usize)>>>,
}

impl Side {
    fn new(
        article: &Article,
        anns: &[&Annotation],
        tag_index: &HashMap<&str, u32>,
        n_tags: usize,
    ) -> Self {
        let chars = article.chars();
        let length = chars.len();
        let mut side = Side {
            length,
            spans: Vec::with_capacity(anns.len()),
            by_tag: vec![Vec::new(); n_tags],
            exact: vec![HashSet::new(); n_tags],
        };
        for ann in anns {
            let Some(&tag) = tag_index.get(ann.tag.as_str()) else {
                continue;
            };
            let (start, end) = (ann.start.0.min(length), ann.end.0.min(length));
            if start >= end {
                continue;
            }
            side.spans.push((tag, start, end));
            if let Some(list) = side.by_tag.get_mut(tag as usize) {
                list.push((start, end));
            }
            let key: Vec<(usize, usize)> = fragments(chars, CharSpan::new(start, end))
                .into_iter()
                .map(|f| (f.start.0, f.end.0))
                .collect();
            if let Some(set) = side.exact.get_mut(tag as usize) {
                set.insert(key);
            }
        }
        for list in &mut side.by_tag {
            list.sort_unstable();
            list.dedup();
        }
        side
    }
}

/// Everything one pair of projects contributes, per article (and per tag where it applies).
struct PairTallies {
    a: usize,
    b: usize,
    exact: Vec<Vec<MatchCounts>>,
    overlap: Vec<Vec<MatchCounts>>,
    kappa: Vec<Confusion>,
    alpha: Vec<Vec<UnitizingTally>>,
}

impl PairTallies {
    fn new(
        a: usize,
        b: usize,
        sides: &[Vec<Side>],
        shared: &[SharedRow<'_>],
        n_tags: usize,
    ) -> Self {
        let mut t = PairTallies {
            a,
            b,
            exact: Vec::with_capacity(shared.len()),
            overlap: Vec::with_capacity(shared.len()),
            kappa: Vec::with_capacity(shared.len()),
            alpha: Vec::with_capacity(shared.len()),
        };
        let mut labels = LabelInterner::default();
        for row in sides {
            let (Some(sa), Some(sb)) = (row.get(a), row.get(b)) else {
                continue;
            };
            let mut exact = Vec::with_capacity(n_tags);
            let mut overlap = Vec::with_capacity(n_tags);
            let mut alpha = Vec::with_capacity(n_tags);
            for tag in 0..n_tags {
                let empty_set = HashSet::new();
                let ea = sa.exact.get(tag).unwrap_or(&empty_set);
                let eb = sb.exact.get(tag).unwrap_or(&empty_set);
                exact.push(exact_counts(ea, eb));
                let oa = sa.by_tag.get(tag).map_or(&[][..], Vec::as_slice);
                let ob = sb.by_tag.get(tag).map_or(&[][..], Vec::as_slice);
                overlap.push(overlap_counts(oa, ob));
                let wide = |v: &[(usize, usize)]| -> Vec<(u64, u64)> {
                    v.iter().map(|&(s, e)| (s as u64, e as u64)).collect()
                };
                alpha.push(UnitizingTally::of_text(
                    sa.length as u64,
                    &wide(oa),
                    &wide(ob),
                ));
            }
            t.exact.push(exact);
            t.overlap.push(overlap);
            t.kappa.push(Confusion::of_text(
                sa.length,
                n_tags,
                &sa.spans,
                &sb.spans,
                &mut labels,
            ));
            t.alpha.push(alpha);
        }
        t
    }
}

fn describe_articles(shared: &[SharedRow<'_>]) -> Vec<SharedArticle> {
    shared
        .iter()
        .filter_map(|row| {
            let (first, _) = row.first()?;
            Some(SharedArticle {
                text_sha256: first.text_sha256.clone(),
                title: first.title.clone(),
                ids: row.iter().map(|(a, _)| a.id.clone()).collect(),
                annotations: row.iter().map(|(_, anns)| anns.len()).collect(),
            })
        })
        .collect()
}

/// The articles some projects left empty, and those all left empty.
fn emptiness(articles: &[SharedArticle]) -> (Vec<OneSided>, Vec<String>) {
    let mut one_sided = Vec::new();
    let mut unannotated = Vec::new();
    for article in articles {
        let empty_in: Vec<usize> = (0..article.annotations.len())
            .filter(|&p| article.annotations.get(p) == Some(&0))
            .collect();
        if empty_in.len() == article.annotations.len() {
            unannotated.push(article.text_sha256.clone());
        } else if !empty_in.is_empty() {
            one_sided.push(OneSided {
                text_sha256: article.text_sha256.clone(),
                title: article.title.clone(),
                empty_in,
            });
        }
    }
    (one_sided, unannotated)
}

fn f1_pair(a: usize, b: usize, c: MatchCounts) -> F1Pair {
    F1Pair {
        a,
        b,
        f1: c.f1(),
        matched: c.matched,
        a_items: c.a,
        b_items: c.b,
    }
}

/// Exact or overlap F1: counts summed over articles and tags before F1 is taken.
fn f1_measure(
    tallies: &[PairTallies],
    tags: &[(String, String)],
    articles: &[SharedArticle],
    counts: impl Fn(&PairTallies) -> &Vec<Vec<MatchCounts>>,
) -> Measure<F1Pair> {
    let sum = |t: &PairTallies, keep: &dyn Fn(usize, usize) -> bool| {
        let mut total = MatchCounts::default();
        for (k, row) in counts(t).iter().enumerate() {
            for (tag, c) in row.iter().enumerate() {
                if keep(k, tag) {
                    total.add(*c);
                }
            }
        }
        f1_pair(t.a, t.b, total)
    };
    let overall = tallies.iter().map(|t| sum(t, &|_, _| true)).collect();
    let per_tag = tags
        .iter()
        .enumerate()
        .map(|(i, (id, label))| {
            let pairs = tallies.iter().map(|t| sum(t, &|_, tag| tag == i)).collect();
            Breakdown::new(id.clone(), label.clone(), pairs)
        })
        .collect();
    let per_article = articles
        .iter()
        .enumerate()
        .map(|(i, art)| {
            let pairs = tallies.iter().map(|t| sum(t, &|k, _| k == i)).collect();
            Breakdown::new(art.text_sha256.clone(), art.title.clone(), pairs)
        })
        .collect();
    Measure::new(overall, per_tag, per_article)
}

fn kappa_pair(a: usize, b: usize, table: &Confusion) -> KappaPair {
    let f = table.figures();
    KappaPair {
        a,
        b,
        kappa: f.kappa,
        observed: f.observed,
        expected: f.expected,
        chars: f.chars,
    }
}

/// Cohen's kappa: per article, and overall on the pooled characters.
fn kappa_measure(tallies: &[PairTallies], articles: &[SharedArticle]) -> Measure<KappaPair> {
    let overall = tallies
        .iter()
        .map(|t| {
            let mut pooled = Confusion::default();
            for table in &t.kappa {
                pooled.merge(table);
            }
            kappa_pair(t.a, t.b, &pooled)
        })
        .collect();
    let per_article = articles
        .iter()
        .enumerate()
        .map(|(i, art)| {
            let pairs = tallies
                .iter()
                .map(|t| kappa_pair(t.a, t.b, t.kappa.get(i).unwrap_or(&Confusion::default())))
                .collect();
            Breakdown::new(art.text_sha256.clone(), art.title.clone(), pairs)
        })
        .collect();
    Measure::new(overall, Vec::new(), per_article)
}

/// The joint alpha_U over the tags either side used in `per_tag` (DKPro's study categories: a
/// tag nobody used adds nothing to either mean and would only dilute both).
fn joint_pair(a: usize, b: usize, per_tag: &[UnitizingTally]) -> AlphaPair {
    let (alpha_u, d_o, d_e) = joint_alpha(per_tag.iter().filter(|t| !t.units.is_empty()));
    AlphaPair {
        a,
        b,
        alpha_u,
        d_o,
        d_e,
    }
}

/// alpha_U: per tag and overall on the continuum of all shared articles, and per article.
fn alpha_measure(
    tallies: &[PairTallies],
    tags: &[(String, String)],
    articles: &[SharedArticle],
) -> Measure<AlphaPair> {
    // Per pair, per tag: the tally of the whole continuum.
    let pooled: Vec<Vec<UnitizingTally>> = tallies
        .iter()
        .map(|t| {
            let mut per_tag = vec![UnitizingTally::default(); tags.len()];
            for row in &t.alpha {
                for (acc, tally) in per_tag.iter_mut().zip(row) {
                    acc.merge(tally);
                }
            }
            per_tag
        })
        .collect();
    let overall = tallies
        .iter()
        .zip(&pooled)
        .map(|(t, per_tag)| joint_pair(t.a, t.b, per_tag))
        .collect();
    let per_tag = tags
        .iter()
        .enumerate()
        .map(|(i, (id, label))| {
            let pairs = tallies
                .iter()
                .zip(&pooled)
                .map(|(t, per_tag)| {
                    let tally = per_tag.get(i).cloned().unwrap_or_default();
                    AlphaPair {
                        a: t.a,
                        b: t.b,
                        alpha_u: tally.alpha(),
                        d_o: tally.observed_disagreement(),
                        d_e: tally.expected_disagreement(),
                    }
                })
                .collect();
            Breakdown::new(id.clone(), label.clone(), pairs)
        })
        .collect();
    let per_article = articles
        .iter()
        .enumerate()
        .map(|(i, art)| {
            let pairs = tallies
                .iter()
                .map(|t| joint_pair(t.a, t.b, t.alpha.get(i).map_or(&[][..], Vec::as_slice)))
                .collect();
            Breakdown::new(art.text_sha256.clone(), art.title.clone(), pairs)
        })
        .collect();
    Measure::new(overall, per_tag, per_article)
}
