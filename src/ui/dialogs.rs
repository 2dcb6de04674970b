//! Native file dialogs behind a trait, so tests can answer them without a desktop.

use std::path::PathBuf;

/// The file dialogs the app needs.
pub trait FileDialogs {
    /// Ask for a project (or incident file) to open.
    fn open_project(&mut self) -> Option<PathBuf>;
    /// Ask where to save the project.
    fn save_project_as(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Ask for article files to import.
    fn pick_articles(&mut self) -> Vec<PathBuf>;
    /// Ask where to write an incident file.
    fn save_incident_as(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Ask for a folder (brat import and export, incident files).
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf>;
    /// Ask for one file to read, of the given extensions.
    fn pick_file(&mut self, title: &str, extensions: &[&str]) -> Option<PathBuf>;
    /// Ask where to write a file, of the given extension.
    fn save_file(&mut self, title: &str, suggested_name: &str, extension: &str) -> Option<PathBuf>;
}

/// The real dialogs, through rfd (GTK on Linux).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_project(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open project")
            .add_filter("Sitrep project", &["sitrep"])
            .add_filter("Incident file", &["json"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn save_project_as(&mut self, suggested_name: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title("Save project as")
            .add_filter("Sitrep project", &["sitrep"])
            .set_file_name(suggested_name)
            .save_file()?;
        // Add the extension when the user typed a bare name.
        Some(if path.extension().is_none() {
            path.with_extension("sitrep")
        } else {
            path
        })
    }

    fn save_incident_as(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export incident")
            .add_filter("Incident file", &["json"])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }

    fn pick_file(&mut self, title: &str, extensions: &[&str]) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Supported files", extensions)
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn save_file(&mut self, title: &str, suggested_name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(extension, &[extension])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_articles(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Add articles")
            .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
            .add_filter("All files", &["*"])
            .pick_files()
            .unwrap_or_default()
    }
}

/// Dialog answers queued up in advance, for tests.
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers for [`FileDialogs::open_project`], used front first.
    pub open: Vec<PathBuf>,
    /// Answers for [`FileDialogs::save_project_as`].
    pub save: Vec<PathBuf>,
    /// Answers for [`FileDialogs::pick_articles`].
    pub articles: Vec<Vec<PathBuf>>,
    /// Answers for [`FileDialogs::save_incident_as`].
    pub incident: Vec<PathBuf>,
    /// Answers for [`FileDialogs::pick_folder`].
    pub folders: Vec<PathBuf>,
    /// Answers for [`FileDialogs::pick_file`].
    pub files: Vec<PathBuf>,
    /// Answers for [`FileDialogs::save_file`].
    pub saves: Vec<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn open_project(&mut self) -> Option<PathBuf> {
        (!self.open.is_empty()).then(|| self.open.remove(0))
    }

    fn save_project_as(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        (!self.save.is_empty()).then(|| self.save.remove(0))
    }

    fn save_incident_as(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        (!self.incident.is_empty()).then(|| self.incident.remove(0))
    }

    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }

    fn pick_file(&mut self, _title: &str, _extensions: &[&str]) -> Option<PathBuf> {
        (!self.files.is_empty()).then(|| self.files.remove(0))
    }

    fn save_file(&mut self, _title: &str, _name: &str, _extension: &str) -> Option<PathBuf> {
        (!self.saves.is_empty()).then(|| self.saves.remove(0))
    }

    fn pick_articles(&mut self) -> Vec<PathBuf> {
        if self.articles.is_empty() {
            Vec::new()
        } else {
            self.articles.remove(0)
        }
    }
}
