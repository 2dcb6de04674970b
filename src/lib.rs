//! Sitrep: a desktop workbench for conflict and security analysts.
//!
//! The library holds everything that does not need a window: the data [`model`], the file
//! formats in [`io`], the headless [`cli`] and the egui [`ui`].

pub mod cli;
pub mod io;
pub mod limits;
pub mod model;
pub mod team;
pub mod ui;
pub mod wording;
pub mod workbench;
