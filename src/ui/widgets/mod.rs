//! Widgets the panels are made of.

pub mod article_row;
pub mod article_view;
pub mod date_range;
pub mod entity_picker;
pub mod form;
pub mod gazetteer;
