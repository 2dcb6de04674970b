//! The integration tests, one binary (as helix keeps its `integration.rs`): every module below
//! was once a binary of its own, and linking 44 copies of the window stack filled the disk of a
//! CI machine. The modules keep their names, so `cargo test ui_keys::` still runs one group.

mod common;
mod incident_fixture;
mod one_strike;

mod agreement;
mod cli;
mod cli_incidents;
mod cli_lock;
mod cli_messages;
mod cli_suggest;
mod curation;
mod dataset_exports;
mod date_helper;
mod disk_changes;
mod documents;
mod entities;
mod exports;
mod gazetteer;
mod guidelines;
mod hostile;
mod hostile_commands;
mod import;
mod incident_file;
mod incidents;
mod interop;
mod interop_cli;
mod kill;
mod lock;
mod map;
mod one_event;
mod project_files;
mod properties;
mod provenance;
mod reanchor;
mod recovery;
mod relations;
mod save;
mod search;
mod team_git;
mod team_merge;
mod triage;
mod ui_conflicts;
mod ui_file_chooser;
mod ui_files;
mod ui_incidents;
mod ui_keys;
mod ui_layout;
mod ui_one_event;
mod ui_recovery;
mod ui_theme;
mod ui_workbench;
mod workbench;
