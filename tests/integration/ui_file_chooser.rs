//! The in-window file chooser driven alone in a kittest harness over a temporary folder:
//! opening, navigating, filtering, saving (extension, replace question), folders, cancelling,
//! bad paths, several files and a large folder.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sitrep::ui::file_chooser::FileChooser;
use sitrep::workbench::dialogs::{DialogAnswer, DialogMode, DialogRole, FileRequest};

/// The chooser and what it answered, as the harness state.
struct Run {
    chooser: FileChooser,
    answer: Option<DialogAnswer>,
}

fn harness<'a>(request: FileRequest, start: &Path) -> Harness<'a, Run> {
    sized_harness(request, start, [1000.0, 720.0])
}

fn sized_harness<'a>(request: FileRequest, start: &Path, size: [f32; 2]) -> Harness<'a, Run> {
    let run = Run {
        chooser: FileChooser::new(request, start),
        answer: None,
    };
    let mut h = Harness::builder()
        .with_size(size)
        // Steps of 50 ms, so that two clicks a step apart are a double-click (egui: 300 ms).
        .with_step_dt(0.05)
        .build_ui_state(
            |ui, run: &mut Run| {
                if run.answer.is_none() {
                    run.answer = run.chooser.ui(ui.ctx());
                }
            },
            run,
        );
    h.run_steps(2);
    h
}

/// A folder with `a.txt`, `b.md`, `C.txt`, a hidden `.secret.txt` and a folder `sub`
/// holding `inner.txt`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.md", "C.txt", ".secret.txt"] {
        std::fs::write(dir.path().join(name), "text").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub").join("inner.txt"), "inner").unwrap();
    dir
}

fn open(role: DialogRole) -> FileRequest {
    FileRequest::new(role, DialogMode::OpenFile, "Open a file")
}

fn double_click(h: &mut Harness<'_, Run>, label: &str) {
    // Two clicks a step apart, well inside egui's double-click delay.
    h.get_by_label(label).click();
    h.run_steps(1);
    h.get_by_label(label).click();
    h.run_steps(2);
}

fn click(h: &mut Harness<'_, Run>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
}

fn location(h: &Harness<'_, Run>) -> String {
    h.get_by_role_and_label(Role::TextInput, "Location")
        .value()
        .unwrap_or_default()
}

fn chosen(h: &Harness<'_, Run>) -> Option<Vec<PathBuf>> {
    match &h.state().answer {
        Some(DialogAnswer::Chosen(paths)) => Some(paths.clone()),
        _ => None,
    }
}

/// Replace the text of the focused-by-click field `label` and press Enter.
fn type_into(h: &mut Harness<'_, Run>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

#[test]
fn double_click_on_a_file_opens_it() {
    let dir = folder();
    let mut h = harness(open(DialogRole::OpenProject), dir.path());
    h.get_by_label("Open a file");
    double_click(&mut h, "a.txt");
    assert_eq!(chosen(&h), Some(vec![dir.path().join("a.txt")]));
}

#[test]
fn folders_come_first_hidden_files_wait_for_the_toggle() {
    let dir = folder();
    let mut h = harness(open(DialogRole::ReadFile), dir.path());
    let names: Vec<String> = h
        .get_all_by_role(Role::ListBoxOption)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(names, ["sub", "a.txt", "b.md", "C.txt"]);
    click(&mut h, "Show hidden files");
    h.get_by_label(".secret.txt");
}

#[test]
fn into_a_subfolder_and_up_again() {
    let dir = folder();
    let mut h = harness(open(DialogRole::ReadFile), dir.path());
    double_click(&mut h, "sub");
    assert_eq!(location(&h), dir.path().join("sub").display().to_string());
    h.get_by_label("inner.txt");
    assert!(h.query_by_label("a.txt").is_none());

    click(&mut h, "Up");
    assert_eq!(location(&h), dir.path().display().to_string());
    h.get_by_label("a.txt");
    // The folder just left is selected, so Enter goes back into it.
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(location(&h), dir.path().join("sub").display().to_string());
}

#[test]
fn the_type_filter_shows_only_matching_files() {
    let dir = folder();
    let request = open(DialogRole::Articles)
        .filter("Text", &["txt"])
        .filter("Markdown", &["md"]);
    let mut h = harness(request, dir.path());
    h.get_by_label("a.txt");
    h.get_by_label("C.txt"); // extensions match ignoring case
    assert!(h.query_by_label("b.md").is_none());
    h.get_by_label("sub"); // folders stay, to navigate

    assert_eq!(
        h.get_by_label("File type").value().as_deref(),
        Some("Text (*.txt)")
    );
    click(&mut h, "File type");
    click(&mut h, "Markdown (*.md)");
    h.get_by_label("b.md");
    assert!(h.query_by_label("a.txt").is_none());

    click(&mut h, "File type");
    click(&mut h, "All files");
    h.get_by_label("a.txt");
    h.get_by_label("b.md");
}

fn save_request() -> FileRequest {
    FileRequest::new(
        DialogRole::SaveProject,
        DialogMode::SaveFile,
        "Save project as",
    )
    .filter("Sitrep project", &["sitrep"])
    .suggest("Untitled.sitrep")
    .extension("sitrep")
}

#[test]
fn saving_takes_the_typed_name_and_adds_the_extension() {
    let dir = folder();
    let mut h = harness(save_request(), dir.path());
    let field = h.get_by_role_and_label(Role::TextInput, "File name");
    assert!(
        field.is_focused(),
        "the name field has the keyboard on opening"
    );
    assert_eq!(field.value().as_deref(), Some("Untitled.sitrep"));
    type_into(&mut h, "File name", "report");
    assert_eq!(chosen(&h), Some(vec![dir.path().join("report.sitrep")]));
}

#[test]
fn typing_over_the_suggested_name_keeps_its_extension() {
    let dir = folder();
    let mut h = harness(save_request(), dir.path());
    // The stem is selected on opening: typing replaces it and keeps ".sitrep".
    h.get_by_role_and_label(Role::TextInput, "File name")
        .type_text("weekly");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(chosen(&h), Some(vec![dir.path().join("weekly.sitrep")]));
}

#[test]
fn saving_over_a_file_asks_first() {
    let dir = folder();
    std::fs::write(dir.path().join("old.sitrep"), "{}").unwrap();
    let mut h = harness(save_request(), dir.path());
    click(&mut h, "old.sitrep");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "File name")
            .value()
            .as_deref(),
        Some("old.sitrep")
    );
    click(&mut h, "Save");
    h.get_by_label("Replace the file?");
    assert_eq!(h.state().answer, None);

    click(&mut h, "Don't replace");
    assert!(h.query_by_label("Replace the file?").is_none());
    assert_eq!(h.state().answer, None);

    click(&mut h, "Save");
    click(&mut h, "Replace");
    assert_eq!(chosen(&h), Some(vec![dir.path().join("old.sitrep")]));
}

#[test]
fn escape_on_the_replace_question_goes_back_to_the_chooser() {
    let dir = folder();
    let mut h = harness(save_request(), dir.path());
    type_into(&mut h, "File name", "a.txt");
    h.get_by_label("Replace the file?");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Replace the file?").is_none());
    assert_eq!(h.state().answer, None, "only the question was cancelled");
}

#[test]
fn folder_mode_lists_folders_and_chooses_the_selected_or_current_one() {
    let dir = folder();
    let request = FileRequest::new(DialogRole::Folder, DialogMode::Folder, "Export into");
    let mut h = harness(request.clone(), dir.path());
    assert!(h.query_by_label("a.txt").is_none(), "files are not offered");
    click(&mut h, "sub");
    click(&mut h, "Choose folder");
    assert_eq!(chosen(&h), Some(vec![dir.path().join("sub")]));

    let mut h = harness(request, dir.path());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(chosen(&h), Some(vec![dir.path().to_path_buf()]));
}

#[test]
fn escape_cancels() {
    let dir = folder();
    let mut h = harness(open(DialogRole::OpenProject), dir.path());
    click(&mut h, "a.txt");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().answer, Some(DialogAnswer::Cancelled));
}

#[test]
fn several_files_with_ctrl_and_shift_click() {
    let dir = folder();
    let request = FileRequest::new(DialogRole::Articles, DialogMode::OpenFiles, "Add articles");
    let mut h = harness(request, dir.path());
    click(&mut h, "a.txt");
    h.get_by_label("C.txt").click_modifiers(Modifiers::COMMAND);
    h.run_steps(2);
    h.get_by_label("2 selected");
    click(&mut h, "Open");
    assert_eq!(
        chosen(&h),
        Some(vec![dir.path().join("a.txt"), dir.path().join("C.txt")])
    );

    let request = FileRequest::new(DialogRole::Articles, DialogMode::OpenFiles, "Add articles");
    let mut h = harness(request, dir.path());
    click(&mut h, "a.txt");
    h.get_by_label("C.txt").click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    h.get_by_label("3 selected");
    click(&mut h, "Open");
    let all = ["a.txt", "b.md", "C.txt"]
        .map(|n| dir.path().join(n))
        .to_vec();
    assert_eq!(chosen(&h), Some(all));
}

#[test]
fn a_path_typed_in_the_location_goes_there_or_says_what_is_wrong() {
    let dir = folder();
    let mut h = harness(open(DialogRole::ReadFile), dir.path());
    let missing = dir.path().join("no-such-folder");
    type_into(&mut h, "Location", &missing.display().to_string());
    h.get_by_label_contains("There is no folder");
    h.get_by_label("a.txt"); // still showing where it was

    let sub = dir.path().join("sub");
    type_into(&mut h, "Location", &sub.display().to_string());
    assert_eq!(location(&h), sub.display().to_string());
    h.get_by_label("inner.txt");
    assert!(h.query_by_label_contains("There is no folder").is_none());
}

#[test]
fn a_file_is_not_a_folder_to_choose() {
    let dir = folder();
    let request = FileRequest::new(DialogRole::Folder, DialogMode::Folder, "Import from");
    let mut h = harness(request, dir.path());
    type_into(
        &mut h,
        "Location",
        &dir.path().join("a.txt").display().to_string(),
    );
    h.get_by_label_contains("is not a folder");
    assert_eq!(h.state().answer, None);
}

#[test]
fn an_unreadable_folder_shows_its_error() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = folder();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut h = harness(open(DialogRole::ReadFile), dir.path());
    double_click(&mut h, "locked");
    if std::fs::read_dir(&locked).is_err() {
        h.get_by_label_contains("Cannot read");
    } else {
        // Running as root: permissions do not stop reading, the folder is simply empty.
        h.get_by_label("This folder is empty.");
    }
    click(&mut h, "Up");
    h.get_by_label("a.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_folder_of_ten_thousand_files_lays_out_only_what_is_in_view() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        std::fs::write(dir.path().join(format!("f{i:05}.txt")), "").unwrap();
    }
    let mut h = harness(open(DialogRole::ReadFile), dir.path());
    h.get_by_label("f00000.txt");
    let shown = h.get_all_by_role(Role::ListBoxOption).count();
    assert!(shown < 100, "{shown} rows laid out");
    // The keyboard reaches the end, and the list follows.
    h.key_press(Key::ArrowUp);
    h.run_steps(3);
    h.get_by_label("f09999.txt");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(chosen(&h), Some(vec![dir.path().join("f09999.txt")]));
}

#[test]
fn no_portal_env_makes_native_dialogs_unavailable() {
    use sitrep::ui::native_dialogs::NO_PORTAL_ENV;
    use sitrep::workbench::dialogs::FileDialogs as _;
    if std::env::var(NO_PORTAL_ENV).as_deref() == Ok("1") {
        let mut dialogs = sitrep::ui::native_dialogs::NativeDialogs::new();
        assert_eq!(
            dialogs.ask(&open(DialogRole::OpenProject)),
            DialogAnswer::Unavailable
        );
        return;
    }
    // The variable is set for a second run of this one test in a child process, never in this
    // one: the other tests of the binary read the environment from their own threads.
    let name = "ui_file_chooser::no_portal_env_makes_native_dialogs_unavailable";
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--test-threads", "1"])
        .env(NO_PORTAL_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("1 passed"),
        "the child ran no test: {stdout}"
    );
}

#[test]
fn everything_fits_in_the_smallest_window() {
    let dir = folder();
    // The app's minimum window size (ui/mod.rs).
    let h = sized_harness(save_request(), dir.path(), [700.0, 400.0]);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(700.0, 400.0));
    for label in [
        "Save project as",
        "Up",
        "Home",
        "Show hidden files",
        "Save",
        "Cancel",
    ] {
        let rect = h.get_by_label(label).rect();
        assert!(screen.contains_rect(rect), "{label} at {rect:?}");
    }
    let name = h.get_by_role_and_label(Role::TextInput, "File name").rect();
    assert!(screen.contains_rect(name), "file name at {name:?}");
}
