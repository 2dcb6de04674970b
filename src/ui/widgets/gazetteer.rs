//! "Find in gazetteer" of a place entity's editor: a search box prefilled with the entity's
//! name over the offline gazetteer, and the ranked places; a click on one pushes
//! [`Action::FillFromGazetteer`], which fills the entity as one undo step.

use egui::Ui;

use crate::model::gazetteer::{self, Match};
use crate::model::{Entity, Project};
use crate::workbench::Action;

/// How many places the list shows.
const SHOWN: usize = 8;

/// The search's drafts: whether it is open, for which entity, the query, and the last
/// results (kept so the index is not walked again on every frame).
#[derive(Default)]
pub struct GazetteerSearch {
    /// Whether the search shows.
    pub open: bool,
    /// The entity it was opened for; another entity closes it.
    pub entity: String,
    /// The query as typed.
    pub query: String,
    /// The last search and what it found.
    found: Option<Found>,
    /// The search box takes the keyboard on the next frame (it was just opened).
    focus: bool,
}

/// A search and its places: GeoNames ids with how each matched.
struct Found {
    query: String,
    country: Option<String>,
    places: Vec<(u32, Match)>,
}

impl GazetteerSearch {
    /// The button that opens the search, and when open, the search box and the places.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project, entity: &Entity, out: &mut Vec<Action>) {
        if self.entity != entity.id {
            // The editor shows another entity: start over with its name.
            self.open = false;
            self.entity.clone_from(&entity.id);
        }
        if !self.open {
            let button = ui
                .button("Find in gazetteer")
                .on_hover_text("Look the name up among GeoNames' places and fill the place fields");
            if button.clicked() {
                self.open = true;
                self.focus = true;
                self.query.clone_from(&entity.name);
            }
            return;
        }
        ui.horizontal(|ui| {
            let l = ui.label("Find in gazetteer");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id_salt("gazetteer-query")
                        .hint_text("place name")
                        .desired_width(180.0),
                )
                .labelled_by(l.id);
            if std::mem::take(&mut self.focus) {
                r.request_focus();
            }
            if ui.small_button("×").on_hover_text("Close").clicked() {
                self.open = false;
            }
        });
        if !self.open {
            return;
        }
        let country = gazetteer::context_country(project, &entity.id);
        let ids = self.results(country);
        if ids.is_empty() {
            ui.weak("No place of that name in the gazetteer.");
        }
        for (id, matched) in ids {
            let Some(place) = gazetteer::place(id) else {
                continue;
            };
            let division = [place.admin2, place.admin1, place.country()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let text = format!("{} — {division}", place.name);
            let how = match matched {
                Match::Name => "its name",
                Match::Alternate => "another of its names",
                Match::Prefix => "the start of a name",
            };
            let hover = format!(
                "Found by {how} · {} · population {} · {:.4}, {:.4} · GeoNames:{}\nClick to \
                 fill the place fields and add the id (one undo step)",
                place.feature_type(),
                place.population,
                place.lat,
                place.lon,
                place.geoname_id
            );
            if ui
                .add(egui::Button::new(text).truncate())
                .on_hover_text(hover)
                .clicked()
            {
                out.push(Action::FillFromGazetteer {
                    entity: entity.id.clone(),
                    geoname_id: place.geoname_id,
                });
                self.open = false;
            }
        }
        ui.weak("Place data © GeoNames, CC BY 4.0");
    }

    /// The places for the current query, searched again only when it or the country changed.
    fn results(&mut self, country: Option<String>) -> Vec<(u32, Match)> {
        let fresh = self
            .found
            .as_ref()
            .is_some_and(|f| f.query == self.query && f.country == country);
        if !fresh {
            let places = gazetteer::search(&self.query, country.as_deref(), SHOWN)
                .iter()
                // A prefix match on one letter or two is noise, not a candidate.
                .filter(|c| c.matched != Match::Prefix || self.query.trim().chars().count() > 2)
                .map(|c| (c.place.geoname_id, c.matched))
                .collect();
            self.found = Some(Found {
                query: self.query.clone(),
                country,
                places,
            });
        }
        self.found
            .as_ref()
            .map(|f| f.places.clone())
            .unwrap_or_default()
    }
}
