//! One event from many reports: which incidents are likely the same event (the duplicate
//! finder), and which incidents an article most likely reports (the "This article reports…"
//! list).
//!
//! ACLED codes one event per actor pair, day and location; reports of one strike by three
//! outlets must end as one incident. Two incidents are candidates when their dates overlap once
//! each is widened to its precision (a "week" date covers its Monday-to-Sunday week, a "month"
//! date its month, a "year" date its year) and they are at the same place (the same entity, a
//! place of the same folded name, or points within [`NEAR_DEGREES`] of each other), and either
//! they share an actor, or they cite the same article, or they have the same event type.
//! Incidents are grouped by place first, so the finder compares only incidents at one place.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike as _, Days, NaiveDate};

use super::{DatePrecision, Incident, Project, tags, text};

/// Two points closer than this (in degrees of latitude and of longitude, about 5 km) count as
/// the same place.
pub const NEAR_DEGREES: f64 = 0.05;

/// Why two incidents look like one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchReason {
    /// Their date ranges overlap.
    SameDate,
    /// They are at the same place.
    SamePlace,
    /// They name an actor in common.
    SharedActor,
    /// Their evidence comes from a common article.
    SharedArticle,
    /// They have the same event type.
    SameEventType,
}

impl MatchReason {
    /// A short phrase for lists and the CLI ("same place").
    pub fn label(self) -> &'static str {
        match self {
            MatchReason::SameDate => "same date",
            MatchReason::SamePlace => "same place",
            MatchReason::SharedActor => "shared actor",
            MatchReason::SharedArticle => "shared article",
            MatchReason::SameEventType => "same event type",
        }
    }
}

/// How strongly two incidents look like one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Likelihood {
    /// Same date and place with the same event type, but no actor or article in common.
    Possible,
    /// Same date and place with an actor or an article in common: ACLED would code one event.
    Likely,
}

impl Likelihood {
    /// The word shown ("likely").
    pub fn as_str(self) -> &'static str {
        match self {
            Likelihood::Possible => "possible",
            Likelihood::Likely => "likely",
        }
    }
}

/// Two incidents that may be one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePair {
    /// The earlier-listed incident.
    pub first: String,
    /// The later-listed one.
    pub second: String,
    /// How strong the match is.
    pub likelihood: Likelihood,
    /// What they have in common, in [`MatchReason`] order.
    pub reasons: Vec<MatchReason>,
}

/// An incident an article may report, with how well it fits.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentCandidate {
    /// The incident.
    pub incident: String,
    /// Higher fits better; only the order means anything.
    pub score: u32,
    /// What fits, in [`MatchReason`] order.
    pub reasons: Vec<MatchReason>,
}

/// The days an incident may have happened on, from its date, end date and precision; `None`
/// when it has no date.
pub fn date_window(incident: &Incident) -> Option<(NaiveDate, NaiveDate)> {
    let date = incident.date?;
    let (start, end) = widen(date, incident.date_precision);
    let end = incident
        .date_end
        .map_or(end, |e| end.max(widen(e, incident.date_precision).1));
    Some((start, end))
}

/// The first and last day a date of a precision stands for.
fn widen(date: NaiveDate, precision: DatePrecision) -> (NaiveDate, NaiveDate) {
    match precision {
        DatePrecision::Day => (date, date),
        DatePrecision::Week => {
            let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
            (
                monday,
                monday.checked_add_days(Days::new(6)).unwrap_or(date),
            )
        }
        DatePrecision::Month => {
            let first = date.with_day(1).unwrap_or(date);
            let next = first.checked_add_months(chrono::Months::new(1));
            (first, next.and_then(|n| n.pred_opt()).unwrap_or(date))
        }
        DatePrecision::Year => {
            let first = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
            let last = NaiveDate::from_ymd_opt(date.year(), 12, 31).unwrap_or(date);
            (first, last)
        }
    }
}

fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// What the finder needs of one incident, read once.
struct Profile<'a> {
    incident: &'a Incident,
    window: Option<(NaiveDate, NaiveDate)>,
    place: Option<Place>,
    actors: HashSet<&'a str>,
    articles: HashSet<&'a str>,
}

/// A place as the finder compares it.
#[derive(Clone, Debug)]
struct Place {
    entity: String,
    name: String,
    point: Option<(f64, f64)>,
}

impl Place {
    fn of(project: &Project, entity: &str) -> Place {
        let e = project.entity(entity);
        Place {
            entity: entity.to_owned(),
            name: e.map(|e| text::fold_str(e.name.trim())).unwrap_or_default(),
            point: e.and_then(|e| Some((e.lat?, e.lon?))),
        }
    }

    fn same(&self, other: &Place) -> bool {
        if self.entity == other.entity || (!self.name.is_empty() && self.name == other.name) {
            return true;
        }
        match (self.point, other.point) {
            (Some(a), Some(b)) => {
                (a.0 - b.0).abs() < NEAR_DEGREES && (a.1 - b.1).abs() < NEAR_DEGREES
            }
            _ => false,
        }
    }

    /// The key places are grouped by: a grid cell when the point is known, else the name.
    /// Neighbouring cells are searched too, so two points just across a cell line still meet.
    fn cells(&self) -> Vec<String> {
        let mut keys = vec![format!("name:{}", self.name)];
        if let Some((lat, lon)) = self.point {
            let (y, x) = (
                (lat / NEAR_DEGREES).floor() as i64,
                (lon / NEAR_DEGREES).floor() as i64,
            );
            for dy in -1..=1 {
                for dx in -1..=1 {
                    keys.push(format!("cell:{},{}", y + dy, x + dx));
                }
            }
        }
        keys
    }
}

/// Annotation id → article id, for the whole project, built once per search.
fn article_of_annotation(project: &Project) -> HashMap<&str, &str> {
    project
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a.article.as_str()))
        .collect()
}

fn profile<'a>(
    project: &'a Project,
    incident: &'a Incident,
    articles_of: &HashMap<&'a str, &'a str>,
) -> Profile<'a> {
    Profile {
        incident,
        window: date_window(incident),
        place: incident.location.as_deref().map(|l| Place::of(project, l)),
        actors: incident.actors.iter().map(|a| a.entity.as_str()).collect(),
        articles: incident
            .evidence
            .iter()
            .filter_map(|e| articles_of.get(e.as_str()).copied())
            .collect(),
    }
}

/// What two profiles have in common, and how strongly that makes them one event; `None` when
/// they are not candidates (dates apart, places apart, or nothing else in common).
fn compare(a: &Profile<'_>, b: &Profile<'_>) -> Option<(Likelihood, Vec<MatchReason>)> {
    let (Some(wa), Some(wb)) = (a.window, b.window) else {
        return None;
    };
    let (Some(pa), Some(pb)) = (&a.place, &b.place) else {
        return None;
    };
    if !overlaps(wa, wb) || !pa.same(pb) {
        return None;
    }
    let mut reasons = vec![MatchReason::SameDate, MatchReason::SamePlace];
    let shared_actor = !a.actors.is_disjoint(&b.actors);
    let shared_article = !a.articles.is_disjoint(&b.articles);
    let same_type = !a.incident.event_type.trim().is_empty()
        && a.incident.event_type.trim() == b.incident.event_type.trim();
    if shared_actor {
        reasons.push(MatchReason::SharedActor);
    }
    if shared_article {
        reasons.push(MatchReason::SharedArticle);
    }
    if same_type {
        reasons.push(MatchReason::SameEventType);
    }
    let likelihood = if shared_actor || shared_article {
        Likelihood::Likely
    } else if same_type {
        Likelihood::Possible
    } else {
        return None;
    };
    Some((likelihood, reasons))
}

impl Project {
    /// Pairs of incidents that are likely one event, the likeliest first, then in list order.
    pub fn duplicate_candidates(&self) -> Vec<DuplicatePair> {
        let articles_of = article_of_annotation(self);
        let profiles: Vec<Profile<'_>> = self
            .incidents
            .iter()
            .map(|i| profile(self, i, &articles_of))
            .collect();
        // Group by place so only incidents at one place are compared with each other.
        let mut by_cell: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in profiles.iter().enumerate() {
            if p.window.is_none() {
                continue;
            }
            if let Some(place) = &p.place {
                by_cell
                    .entry(format!("entity:{}", place.entity))
                    .or_default()
                    .push(i);
                for key in place.cells() {
                    if key != "name:" {
                        by_cell.entry(key).or_default().push(i);
                    }
                }
            }
        }
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut pairs = Vec::new();
        for group in by_cell.values() {
            for (n, &i) in group.iter().enumerate() {
                for &j in &group[n + 1..] {
                    let key = (i.min(j), i.max(j));
                    if i == j || !seen.insert(key) {
                        continue;
                    }
                    if let Some((likelihood, reasons)) = compare(&profiles[key.0], &profiles[key.1])
                    {
                        pairs.push((key, likelihood, reasons));
                    }
                }
            }
        }
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        pairs
            .into_iter()
            .map(|((i, j), likelihood, reasons)| DuplicatePair {
                first: self.incidents[i].id.clone(),
                second: self.incidents[j].id.clone(),
                likelihood,
                reasons,
            })
            .collect()
    }

    /// The incidents an article may report, best first: those at a place the article names,
    /// with actors it names, of an event type it names, dated near its publication (the event
    /// on the day of publication or up to a week before). Incidents that already cite the
    /// article are left out, and so are incidents with nothing in common with it.
    pub fn incident_candidates_for_article(&self, article: &str) -> Vec<IncidentCandidate> {
        let Some(art) = self.article(article) else {
            return Vec::new();
        };
        let anns = self.annotations_slice(article);
        let cited: HashSet<&str> = anns.iter().map(|a| a.id.as_str()).collect();
        let places: Vec<Place> = anns
            .iter()
            .filter(|a| a.tag == tags::LOCATION)
            .filter_map(|a| a.entity.as_deref())
            .map(|e| Place::of(self, e))
            .collect();
        let actors: HashSet<&str> = anns
            .iter()
            .filter(|a| a.tag == tags::ACTOR)
            .filter_map(|a| a.entity.as_deref())
            .collect();
        let folded_text = text::fold_str(&art.text);
        let reported = art
            .published
            .map(|p| (p.checked_sub_days(Days::new(7)).unwrap_or(p), p));
        let mut out = Vec::new();
        for inc in &self.incidents {
            if inc.evidence.iter().any(|e| cited.contains(e.as_str())) {
                continue;
            }
            let mut reasons = Vec::new();
            let mut score = 0;
            if let (Some(window), Some(reported)) = (date_window(inc), reported)
                && overlaps(window, reported)
            {
                reasons.push(MatchReason::SameDate);
                score += 2;
            }
            if let Some(loc) = &inc.location {
                let place = Place::of(self, loc);
                let named = places.iter().any(|p| p.same(&place))
                    || (place.name.chars().count() > 2 && folded_text.contains(&place.name));
                if named {
                    reasons.push(MatchReason::SamePlace);
                    score += 4;
                }
            }
            let shared = inc
                .actors
                .iter()
                .filter(|a| actors.contains(a.entity.as_str()))
                .count();
            if shared > 0 {
                reasons.push(MatchReason::SharedActor);
                score += 2 * u32::try_from(shared).unwrap_or(u32::MAX / 4).min(4);
            }
            let kind = inc.event_type.trim();
            if !kind.is_empty() && folded_text.contains(&text::fold_str(kind)) {
                reasons.push(MatchReason::SameEventType);
                score += 1;
            }
            // A date alone is no reason to think the article reports this incident.
            if reasons.iter().any(|r| *r != MatchReason::SameDate) {
                out.push(IncidentCandidate {
                    incident: inc.id.clone(),
                    score,
                    reasons,
                });
            }
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.score));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn windows_widen_to_the_precision() {
        let mut inc = Incident::new("inc-1", "t");
        inc.date = Some(day("2026-03-05")); // a Thursday
        inc.date_precision = DatePrecision::Week;
        assert_eq!(
            date_window(&inc),
            Some((day("2026-03-02"), day("2026-03-08")))
        );
        inc.date_precision = DatePrecision::Month;
        assert_eq!(
            date_window(&inc),
            Some((day("2026-03-01"), day("2026-03-31")))
        );
        inc.date_precision = DatePrecision::Day;
        inc.date_end = Some(day("2026-03-07"));
        assert_eq!(
            date_window(&inc),
            Some((day("2026-03-05"), day("2026-03-07")))
        );
        inc.date = None;
        assert_eq!(date_window(&inc), None);
    }
}
