//! A file chooser drawn inside the window, for desktops where no portal shows a native dialog
//! (a bare X session, a container, `SITREP_NO_PORTAL=1`).
//!
//! It answers the same [`FileRequest`] the native dialogs answer and behaves like a desktop
//! file dialog: an editable location, places, folders before files, a type filter, several
//! files with Ctrl/Shift-click, a file name when saving and a question before replacing a file.
//! Only the rows in view are laid out, so a folder of many thousand files stays smooth.

mod listing;
mod row;

use std::path::{Path, PathBuf};

use egui::text::{CCursor, CCursorRange};
use egui::{Align, Id, Key, Layout, Modifiers, RichText, Sense, Ui};

use crate::workbench::dialogs::{DialogAnswer, DialogMode, FileFilter, FileRequest};

pub use listing::{Entry, Listing, human_size, human_time, read_folder};
use row::{Columns, entry_row};

const PLACES_WIDTH: f32 = 120.0;

/// A file chooser in a modal over the window. Build it from a request, call [`Self::ui`]
/// every frame until it returns an answer, then drop it.
pub struct FileChooser {
    request: FileRequest,
    id: Id,
    start: PathBuf,
    home: Option<PathBuf>,
    folder: PathBuf,
    /// The location field's text: the folder shown, or what is being typed.
    location: String,
    location_error: Option<String>,
    /// The folder's entries, or why it could not be read.
    listing: Result<Listing, String>,
    /// The entries shown after the hidden-file and type filters.
    rows: Vec<Entry>,
    /// Indices into `rows`, ascending.
    selected: Vec<usize>,
    /// Where a Shift-click range starts.
    anchor: Option<usize>,
    /// Index into [`Self::filter_choices`].
    filter: usize,
    show_hidden: bool,
    /// The file name typed when saving.
    name: String,
    /// A hint after a choice that could not be made ("Select a file").
    message: Option<String>,
    /// The existing file the person is asked to replace.
    confirm: Option<PathBuf>,
    opened: bool,
    /// A row to bring into view on the next frame (after arrow keys).
    scroll_to: Option<usize>,
}

impl FileChooser {
    /// A chooser for `request`, showing `start` (or the nearest folder above it that exists,
    /// else the home folder).
    pub fn new(request: FileRequest, start: &Path) -> Self {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|h| h.is_dir());
        let start = start
            .ancestors()
            .find(|p| p.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| home.clone())
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = match request.mode {
            DialogMode::SaveFile => request.suggested_name.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let id = Id::unique(("sitrep-file-chooser", request.role));
        let mut chooser = Self {
            request,
            id,
            start: start.clone(),
            home,
            folder: start.clone(),
            location: String::new(),
            location_error: None,
            listing: Ok(Listing::default()),
            rows: Vec::new(),
            selected: Vec::new(),
            anchor: None,
            filter: 0,
            show_hidden: false,
            name,
            message: None,
            confirm: None,
            opened: false,
            scroll_to: None,
        };
        chooser.go_to(start);
        chooser
    }

    /// The request being answered.
    pub fn request(&self) -> &FileRequest {
        &self.request
    }

    /// The folder shown now, for the caller to start there next time.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Draw the chooser. `Some` once the person has chosen or cancelled, `None` while open.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<DialogAnswer> {
        let mut answer = None;
        let modal = egui::Modal::new(self.id).show(ctx, |ui| self.contents(ui, &mut answer));
        let escape = || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        if let Some(path) = self.confirm.clone() {
            answer = answer.or_else(|| self.confirm_ui(ctx, path));
        } else if modal.is_top_modal && !modal.any_popup_open && escape() {
            answer = Some(DialogAnswer::Cancelled);
        }
        self.opened = true;
        answer
    }

    fn contents(&mut self, ui: &mut Ui, answer: &mut Option<DialogAnswer>) {
        let screen = ui.ctx().content_rect();
        let width = (screen.width() - 48.0).clamp(320.0, 860.0);
        let list_height = (screen.height() - 300.0).clamp(120.0, 380.0);
        ui.set_width(width);
        ui.heading(&self.request.title);
        ui.add_space(4.0);
        let mut enter_used = self.location_bar(ui);
        ui.add_space(4.0);
        ui.horizontal_top(|ui| {
            self.places(ui, list_height);
            // A separator here would stretch to the whole screen height (the modal's
            // height is unbounded), so the line is drawn at the list's height.
            let (line, _) = ui.allocate_exact_size(egui::vec2(9.0, list_height), Sense::hover());
            ui.painter().vline(
                line.center().x,
                line.y_range(),
                ui.visuals().widgets.noninteractive.bg_stroke,
            );
            ui.vertical(|ui| self.file_list(ui, list_height, answer));
        });
        ui.add_space(4.0);
        self.options_row(ui);
        if self.request.mode == DialogMode::SaveFile {
            enter_used |= self.name_field(ui, answer);
        }
        if let Some(message) = &self.message {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        ui.add_space(4.0);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let (label, enabled) = self.primary_button();
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                *answer = answer.take().or_else(|| self.choose());
            }
            if ui.button("Cancel").clicked() {
                *answer = Some(DialogAnswer::Cancelled);
            }
            if self.request.mode == DialogMode::OpenFiles && self.selected.len() > 1 {
                ui.label(format!("{} selected", self.selected.len()));
            }
        });
        let idle = self.confirm.is_none()
            && !egui::Popup::is_any_open(ui.ctx())
            && !ui.ctx().text_edit_focused();
        if idle && answer.is_none() {
            self.keys(ui, enter_used, answer);
        }
    }

    /// Up, the editable location and reload. True when Enter was pressed in the location.
    fn location_bar(&mut self, ui: &mut Ui) -> bool {
        let mut entered = false;
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(self.folder.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above (Backspace)");
            if up.clicked() {
                self.go_up();
            }
            let label = ui.label("Location");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.location)
                        .id_salt((self.id, "location"))
                        .desired_width(ui.available_width() - 70.0),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                entered = true;
                self.submit_location();
            }
            if ui
                .button("Reload")
                .on_hover_text("Read the folder again")
                .clicked()
            {
                self.go_to(self.folder.clone());
            }
        });
        if let Some(error) = &self.location_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        entered
    }

    fn places(&mut self, ui: &mut Ui, height: f32) {
        ui.vertical(|ui| {
            ui.set_width(PLACES_WIDTH);
            ui.set_min_height(height);
            ui.label(RichText::new("Places").strong());
            let mut places = Vec::new();
            if let Some(home) = &self.home {
                places.push(("Home", home.clone()));
            }
            places.push(("Start folder", self.start.clone()));
            places.push(("File system", PathBuf::from("/")));
            for (label, path) in places {
                let here = path == self.folder;
                let button = ui
                    .add(egui::Button::selectable(here, label))
                    .on_hover_text(path.display().to_string());
                if button.clicked() {
                    self.go_to(path);
                }
            }
        });
    }

    fn file_list(&mut self, ui: &mut Ui, height: f32, answer: &mut Option<DialogAnswer>) {
        let width = ui.available_width();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        ui.horizontal(|ui| {
            let weak = ui.visuals().weak_text_color();
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_height), Sense::hover());
            let columns = Columns::new(rect);
            let font = egui::TextStyle::Body.resolve(ui.style());
            let painter = ui.painter();
            painter.text(
                columns.name_left(),
                egui::Align2::LEFT_CENTER,
                "Name",
                font.clone(),
                weak,
            );
            painter.text(
                columns.size_right(),
                egui::Align2::RIGHT_CENTER,
                "Size",
                font.clone(),
                weak,
            );
            painter.text(
                columns.date_left(),
                egui::Align2::LEFT_CENTER,
                "Modified",
                font,
                weak,
            );
        });
        ui.separator();
        let problem = match &self.listing {
            Err(error) => Some(error.clone()),
            Ok(_) if self.rows.is_empty() => Some(String::from("This folder is empty.")),
            Ok(_) => None,
        };
        if let Some(problem) = problem {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
            let color = if self.listing.is_err() {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.put(
                rect,
                egui::Label::new(RichText::new(problem).color(color)).wrap(),
            );
            return;
        }
        let spacing = ui.spacing().item_spacing.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt((self.id, "rows"))
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, false]);
        if let Some(row) = self.scroll_to.take() {
            let top = row as f32 * (row_height + spacing);
            area = area.vertical_scroll_offset((top - height / 2.0).max(0.0));
        }
        let mut clicked = None;
        let mut activated = None;
        area.show_rows(ui, row_height, self.rows.len(), |ui, range| {
            for index in range {
                let Some(entry) = self.rows.get(index) else {
                    continue;
                };
                let selected = self.selected.contains(&index);
                let response = entry_row(ui, entry, selected, row_height);
                if response.double_clicked() {
                    activated = Some(index);
                } else if response.clicked() {
                    clicked = Some((index, ui.input(|i| i.modifiers)));
                }
            }
        });
        if let Some((index, modifiers)) = clicked {
            self.click(index, modifiers);
        }
        if let Some(index) = activated {
            *answer = self.activate(index);
        }
        if let Ok(listing) = &self.listing
            && listing.skipped > 0
        {
            ui.label(
                RichText::new(format!("{} entries could not be read.", listing.skipped))
                    .color(ui.visuals().weak_text_color()),
            );
        }
    }

    fn options_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if ui
                .checkbox(&mut self.show_hidden, "Show hidden files")
                .changed()
            {
                self.refresh_rows();
            }
            if self.request.mode == DialogMode::Folder {
                return;
            }
            let choices = self.filter_choices();
            let before = self.filter;
            let shown = choices
                .get(self.filter)
                .map(|(name, _)| name.clone())
                .unwrap_or_default();
            ui.add_space(24.0);
            egui::ComboBox::from_label("File type")
                .selected_text(shown)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (index, (name, _)) in choices.iter().enumerate() {
                        ui.selectable_value(&mut self.filter, index, name);
                    }
                });
            if self.filter != before {
                self.refresh_rows();
            }
        });
    }

    /// The file name to save under. True when Enter was pressed in it (and acted on).
    fn name_field(&mut self, ui: &mut Ui, answer: &mut Option<DialogAnswer>) -> bool {
        let mut entered = false;
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let output = egui::TextEdit::singleline(&mut self.name)
                .id_salt((self.id, "name"))
                .desired_width(ui.available_width())
                .show(ui);
            let response = output.response.response.clone().labelled_by(label.id);
            if !self.opened {
                // Ready to type over the name while keeping its extension, as desktop
                // dialogs do.
                response.request_focus();
                let stem = Path::new(&self.name)
                    .file_stem()
                    .map_or(0, |s| s.to_string_lossy().chars().count());
                let mut state = output.state;
                state
                    .cursor
                    .set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(stem))));
                state.store(ui.ctx(), response.id);
            }
            if response.changed() {
                self.message = None;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                entered = true;
                *answer = answer.take().or_else(|| self.choose());
            }
        });
        entered
    }

    /// Keys that work while no text field has the keyboard: Enter, arrows, Backspace.
    fn keys(&mut self, ui: &Ui, enter_used: bool, answer: &mut Option<DialogAnswer>) {
        let (enter, up, down, back, alt_up) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::ArrowUp) && !i.modifiers.alt,
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::Backspace),
                i.key_pressed(Key::ArrowUp) && i.modifiers.alt,
            )
        });
        if enter && !enter_used {
            *answer = self.choose();
        } else if back || alt_up {
            self.go_up();
        } else if (up || down) && !self.rows.is_empty() {
            let last = self.rows.len() - 1;
            let next = match (self.selected.last(), up) {
                (None, true) => last,
                (None, false) => 0,
                (Some(&i), true) => i.saturating_sub(1),
                (Some(&i), false) => (i + 1).min(last),
            };
            self.click(next, Modifiers::NONE);
            self.scroll_to = Some(next);
        }
    }

    fn confirm_ui(&mut self, ctx: &egui::Context, path: PathBuf) -> Option<DialogAnswer> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut answer = None;
        let mut keep = false;
        let modal = egui::Modal::new(self.id.with("replace")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Replace the file?");
            ui.label(format!(
                "“{name}” already exists in “{}”. Saving replaces what it holds.",
                path.parent().unwrap_or(&path).display()
            ));
            ui.add_space(6.0);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button("Replace").clicked() {
                    answer = Some(DialogAnswer::Chosen(vec![path.clone()]));
                }
                if ui.button("Don't replace").clicked() {
                    keep = true;
                }
            });
        });
        if keep || (answer.is_none() && modal.should_close()) {
            self.confirm = None;
        }
        answer
    }

    /// The main button's label, and whether it can be pressed now.
    fn primary_button(&self) -> (&'static str, bool) {
        match self.request.mode {
            DialogMode::OpenFile | DialogMode::OpenFiles => ("Open", !self.selected.is_empty()),
            DialogMode::Folder => ("Choose folder", self.listing.is_ok()),
            DialogMode::SaveFile => ("Save", !self.name.trim().is_empty()),
        }
    }

    fn click(&mut self, index: usize, modifiers: Modifiers) {
        self.message = None;
        let several = self.request.mode == DialogMode::OpenFiles;
        if several && modifiers.shift {
            let from = self.anchor.unwrap_or(index);
            self.selected = (from.min(index)..=from.max(index)).collect();
        } else if several && modifiers.command {
            match self.selected.binary_search(&index) {
                Ok(at) => {
                    self.selected.remove(at);
                }
                Err(at) => self.selected.insert(at, index),
            }
            self.anchor = Some(index);
        } else {
            self.selected = vec![index];
            self.anchor = Some(index);
        }
        if self.request.mode == DialogMode::SaveFile
            && let Some(entry) = self.rows.get(index).filter(|e| !e.is_dir)
        {
            self.name = entry.name.clone();
        }
    }

    /// Double-click or Enter on one row: enter a folder, or choose a file.
    fn activate(&mut self, index: usize) -> Option<DialogAnswer> {
        let entry = self.rows.get(index)?.clone();
        if entry.is_dir {
            self.go_to(entry.path);
            return None;
        }
        match self.request.mode {
            DialogMode::OpenFile | DialogMode::OpenFiles => {
                Some(DialogAnswer::Chosen(vec![entry.path]))
            }
            DialogMode::SaveFile => {
                self.name = entry.name;
                self.choose()
            }
            DialogMode::Folder => None,
        }
    }

    /// The main action (button or Enter): the answer, or `None` with the chooser still open
    /// (a folder was entered, a hint shown, or a replace question asked).
    fn choose(&mut self) -> Option<DialogAnswer> {
        match self.request.mode {
            DialogMode::OpenFile | DialogMode::OpenFiles => {
                let picked: Vec<&Entry> = self
                    .selected
                    .iter()
                    .filter_map(|&i| self.rows.get(i))
                    .collect();
                let files: Vec<PathBuf> = picked
                    .iter()
                    .filter(|e| !e.is_dir)
                    .map(|e| e.path.clone())
                    .collect();
                if !files.is_empty() {
                    return Some(DialogAnswer::Chosen(files));
                }
                match picked.first() {
                    Some(folder) if picked.len() == 1 => {
                        let path = folder.path.clone();
                        self.go_to(path);
                    }
                    _ => self.message = Some(String::from("Select a file to open.")),
                }
                None
            }
            DialogMode::Folder => {
                let chosen = match self.selected.as_slice() {
                    [one] => self.rows.get(*one).map(|e| e.path.clone()),
                    _ => None,
                };
                Some(DialogAnswer::Chosen(vec![
                    chosen.unwrap_or_else(|| self.folder.clone()),
                ]))
            }
            DialogMode::SaveFile => self.choose_save_path(),
        }
    }

    fn choose_save_path(&mut self) -> Option<DialogAnswer> {
        let typed = self.name.trim().to_owned();
        if typed.is_empty() {
            self.message = Some(String::from("Type a file name."));
            return None;
        }
        let target = self.folder.join(expand_home(&typed, self.home.as_deref()));
        if target.is_dir() {
            // As in desktop dialogs: a folder's name followed by Enter goes into it.
            self.go_to(target);
            self.name.clear();
            return None;
        }
        let target = self.request.complete(target);
        match target.parent() {
            Some(parent) if parent.is_dir() => {}
            _ => {
                self.message = Some(format!("There is no folder “{}”.", shown_parent(&target)));
                return None;
            }
        }
        if target.is_dir() {
            self.message = Some(format!("“{}” is a folder.", target.display()));
            None
        } else if target.exists() {
            self.confirm = Some(target);
            None
        } else {
            Some(DialogAnswer::Chosen(vec![target]))
        }
    }

    /// Enter in the location field: go to the folder typed, or choose the file typed.
    fn submit_location(&mut self) {
        let typed = self.location.trim().to_owned();
        if typed.is_empty() {
            self.location = self.folder.display().to_string();
            return;
        }
        let path = self.folder.join(expand_home(&typed, self.home.as_deref()));
        if path.is_dir() {
            self.go_to(path);
        } else if path.is_file() && self.request.mode != DialogMode::Folder {
            if let Some(parent) = path.parent() {
                self.go_to(parent.to_path_buf());
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if self.request.mode == DialogMode::SaveFile {
                self.name = name.unwrap_or_default();
            } else if let Some(index) = self
                .rows
                .iter()
                .position(|e| Some(&e.name) == name.as_ref())
            {
                self.click(index, Modifiers::NONE);
                self.scroll_to = Some(index);
            }
        } else {
            self.location_error = Some(match std::fs::metadata(&path) {
                Ok(_) => format!("“{}” is not a folder.", path.display()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    format!("There is no folder “{}”.", path.display())
                }
                Err(e) => format!("Cannot open “{}”: {e}", path.display()),
            });
        }
    }

    fn go_up(&mut self) {
        if let Some(parent) = self.folder.parent() {
            let child = self.folder.clone();
            self.go_to(parent.to_path_buf());
            // Keep the folder just left selected, so going back down is one key.
            if let Some(index) = self.rows.iter().position(|e| e.path == child) {
                self.selected = vec![index];
                self.anchor = Some(index);
                self.scroll_to = Some(index);
            }
        }
    }

    /// Show `folder`. A folder that cannot be read is still shown, with its error in place
    /// of the list, so the person sees why and can go elsewhere.
    fn go_to(&mut self, folder: PathBuf) {
        self.listing =
            read_folder(&folder).map_err(|e| format!("Cannot read “{}”: {e}", folder.display()));
        self.location = folder.display().to_string();
        self.location_error = None;
        self.message = None;
        self.folder = folder;
        self.refresh_rows();
    }

    fn refresh_rows(&mut self) {
        let filter = self
            .filter_choices()
            .get(self.filter)
            .and_then(|(_, f)| f.clone());
        let folders_only = self.request.mode == DialogMode::Folder;
        self.rows = match &self.listing {
            Ok(listing) => listing
                .entries
                .iter()
                .filter(|e| self.show_hidden || !e.is_hidden())
                .filter(|e| {
                    e.is_dir
                        || (!folders_only && filter.as_ref().is_none_or(|f| f.accepts(&e.path)))
                })
                .cloned()
                .collect(),
            Err(_) => Vec::new(),
        };
        self.selected.clear();
        self.anchor = None;
    }

    /// The request's filters, then "All files" unless one of them already takes every file.
    fn filter_choices(&self) -> Vec<(String, Option<FileFilter>)> {
        let mut choices: Vec<(String, Option<FileFilter>)> = self
            .request
            .filters
            .iter()
            .map(|f| (filter_label(f), Some(f.clone())))
            .collect();
        let takes_all =
            |f: &FileFilter| f.extensions.is_empty() || f.extensions.iter().any(|e| e == "*");
        if !self.request.filters.iter().any(takes_all) {
            choices.push((String::from("All files"), None));
        }
        choices
    }
}

/// `Sitrep project (*.sitrep)`.
fn filter_label(filter: &FileFilter) -> String {
    if filter.extensions.is_empty() {
        return filter.name.clone();
    }
    let globs: Vec<String> = filter.extensions.iter().map(|e| format!("*.{e}")).collect();
    format!("{} ({})", filter.name, globs.join(", "))
}

/// `~/x` is `x` in the home folder, as in a shell.
fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    }
}

fn shown_parent(path: &Path) -> String {
    path.parent().unwrap_or(path).display().to_string()
}
