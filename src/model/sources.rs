//! The registry of outlets a project's articles come from: each with ACLED's source scale and
//! an Admiralty (NATO) reliability grade, so exports can say how far and how well a report
//! travelled, and the analyst can weigh one outlet against another.
//!
//! An article names its outlet in its free-text `source` field; the registry entry with the
//! same name (compared without case or surrounding space) describes it. An outlet that is not
//! registered is still exported by name, with no scale.

use serde::{Deserialize, Serialize};

use super::{Article, Extra, Project};

/// ACLED's source scales, in the order ACLED joins two of them ("National-International").
pub const SOURCE_SCALES: [&str; 7] = [
    "Local partner",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
];

/// The Admiralty (NATO) reliability grades of a source, A to F, with their meaning.
pub const RELIABILITY_GRADES: [(&str, &str); 6] = [
    ("A", "completely reliable"),
    ("B", "usually reliable"),
    ("C", "fairly reliable"),
    ("D", "not usually reliable"),
    ("E", "unreliable"),
    ("F", "reliability cannot be judged"),
];

/// One registered outlet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The outlet's name, as articles write it in their `source` field.
    pub name: String,
    /// One of [`SOURCE_SCALES`], or empty when not judged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scale: String,
    /// One of the [`RELIABILITY_GRADES`] letters, or empty when not judged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reliability: String,
    /// Free-text note (ownership, known slant).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Source {
    /// A source with a name and nothing judged yet.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            scale: String::new(),
            reliability: String::new(),
            note: String::new(),
            extra: Extra::new(),
        }
    }

    /// What is wrong with it, one message each: an empty name, a scale ACLED does not use, a
    /// grade that is not A to F.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push("a source needs a name".to_owned());
        }
        if !self.scale.is_empty() && !SOURCE_SCALES.contains(&self.scale.as_str()) {
            out.push(format!(
                "scale {:?} is not one of ACLED's ({})",
                self.scale,
                SOURCE_SCALES.join(", ")
            ));
        }
        if !self.reliability.is_empty()
            && !RELIABILITY_GRADES
                .iter()
                .any(|(g, _)| *g == self.reliability)
        {
            out.push(format!(
                "reliability {:?} is not a grade from A to F",
                self.reliability
            ));
        }
        out
    }

    /// The grade with its meaning ("B usually reliable"), or empty.
    pub fn reliability_label(&self) -> String {
        RELIABILITY_GRADES
            .iter()
            .find(|(g, _)| *g == self.reliability)
            .map(|(g, meaning)| format!("{g} {meaning}"))
            .unwrap_or_default()
    }
}

/// A name folded for comparison: trimmed, lower-case.
pub fn fold_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// ACLED's `source_scale` for a set of scales: the distinct ones in [`SOURCE_SCALES`] order,
/// joined with "-" ("National-International"); empty when none is known.
pub fn joined_scale<'a>(scales: impl IntoIterator<Item = &'a str>) -> String {
    let scales: Vec<&str> = scales.into_iter().collect();
    SOURCE_SCALES
        .iter()
        .filter(|s| scales.contains(s))
        .copied()
        .collect::<Vec<_>>()
        .join("-")
}

impl Project {
    /// The registered source of that name, if any.
    pub fn source_named(&self, name: &str) -> Option<&Source> {
        let wanted = fold_name(name);
        if wanted.is_empty() {
            return None;
        }
        self.sources.iter().find(|s| fold_name(&s.name) == wanted)
    }

    /// The registered source of an article's outlet, if any.
    pub fn source_of(&self, article: &Article) -> Option<&Source> {
        self.source_named(&article.source)
    }

    /// Outlet names the articles use that are not registered yet, in article order, each once.
    pub fn unregistered_outlets(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for article in &self.articles {
            let name = article.source.trim();
            if !name.is_empty()
                && self.source_named(name).is_none()
                && !out.iter().any(|o| fold_name(o) == fold_name(name))
            {
                out.push(name.to_owned());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_join_in_acled_order() {
        assert_eq!(
            joined_scale(["International", "National", "National"]),
            "National-International"
        );
        assert_eq!(joined_scale(["New media"]), "New media");
        assert_eq!(joined_scale(["made up"]), "");
    }

    #[test]
    fn bad_values_are_named() {
        let mut s = Source::new("Levant Monitoring Network");
        assert!(s.problems().is_empty());
        s.scale = "Global".into();
        s.reliability = "G".into();
        let problems = s.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("\"Global\""));
        assert!(problems[1].contains("\"G\""));
        s.name = " ".into();
        assert_eq!(s.problems().len(), 3);
    }

    #[test]
    fn articles_find_their_source_by_folded_name() {
        let mut p = Project::new("t");
        let mut s = Source::new("Levant Monitoring Network");
        s.scale = "Subnational".into();
        p.sources.push(s);
        let mut a = Article::new("art-1", "t", "x");
        a.source = "  levant monitoring network ".into();
        assert_eq!(
            p.source_of(&a).map(|s| s.scale.as_str()),
            Some("Subnational")
        );
        let mut b = Article::new("art-2", "t", "y");
        b.source = "Sarmada Post".into();
        p.articles.push(a);
        p.articles.push(b);
        assert_eq!(p.unregistered_outlets(), vec!["Sarmada Post".to_owned()]);
    }
}
