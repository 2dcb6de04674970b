//! The lead sentence as a date source: when no evidence sentence dates an incident, the first
//! sentence of its first evidence article often does ("Rockets fell on a grain store ... Sunday
//! night ...").

use super::date_helper::{DateSuggestion, suggest_date};
use super::{CharIdx, Incident, Project};

impl Project {
    /// A date read off the first sentence of the incident's first evidence article.
    pub fn lead_date(&self, incident: &Incident) -> Option<DateSuggestion> {
        let ann = incident.evidence.iter().find_map(|e| self.annotation(e))?;
        let article = self.article(&ann.article)?;
        let lead = super::text::sentence_at(article.chars(), CharIdx(0))?;
        let text = article.slice(lead)?;
        let mut s = suggest_date(article.published, text)?;
        s.reasoning = format!("from the article's first sentence: {}", s.reasoning);
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Article, CharSpan, Edit, Incident, Project};

    #[test]
    fn the_lead_sentence_dates_an_incident_whose_evidence_does_not() {
        let mut p = Project::new("t");
        let mut a = Article::new(
            "art-1",
            "t",
            "Rockets fell on a store near the border Sunday night, farmers said. A monitor said six sheds burned.",
        );
        a.published = chrono::NaiveDate::from_ymd_opt(2023, 1, 30);
        p.articles.push(a);
        let ann = p
            .make_annotation("art-1", CharSpan::new(77, 97), "claim")
            .unwrap();
        let id = ann.id.clone();
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
        let mut inc = Incident::new("inc-1", "t");
        inc.evidence.push(id);
        assert!(
            p.suggest_incident_date(&inc).is_none(),
            "the evidence sentence has no date"
        );
        let s = p.lead_date(&inc).expect("the lead has one");
        assert_eq!(s.date.to_string(), "2023-01-29");
        assert!(
            s.reasoning.starts_with("from the article's first sentence"),
            "{}",
            s.reasoning
        );
    }
}
