//! The desktop's own file dialogs, through the XDG desktop portal (rfd's portal backend, pure
//! Rust over D-Bus: nothing to link at build time).
//!
//! rfd cannot tell "no portal" from "the person cancelled": when the portal call fails it tries
//! `zenity` and then answers nothing, which would look like a cancel and leave the analyst
//! with no dialog at all. So before the first dialog we ask the session bus ourselves whether a
//! portal with a file chooser is there, and answer [`DialogAnswer::Unavailable`] when it is
//! not, so the window draws its own chooser instead.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use crate::workbench::dialogs::{DialogAnswer, DialogMode, FileDialogs, FileRequest};

/// The portal's well-known bus name.
const PORTAL_NAME: &str = "org.freedesktop.portal.Desktop";
/// Where the portal's interfaces live.
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
/// The interface the file dialogs go through.
const FILE_CHOOSER: &str = "org.freedesktop.portal.FileChooser";
/// How long one bus call may take. Starting an activatable portal (and its desktop backend)
/// can take a few seconds on a cold session; a bus that hangs must not freeze the window
/// for D-Bus's default 25 s.
const CALL_TIMEOUT: Duration = Duration::from_secs(8);
/// Set to anything but `0` to skip the portal and use the in-window chooser.
pub const NO_PORTAL_ENV: &str = "SITREP_NO_PORTAL";

/// Why no portal file dialog can be shown.
#[derive(Debug, thiserror::Error)]
pub enum PortalProblem {
    /// `SITREP_NO_PORTAL` asks for the in-window chooser.
    #[error("{NO_PORTAL_ENV} is set")]
    Disabled,
    /// There is no session bus to ask (no desktop session, or a bare container).
    #[error("no D-Bus session bus: {0}")]
    NoSessionBus(#[source] zbus::Error),
    /// The bus did not answer a question about the portal.
    #[error("the session bus did not answer: {0}")]
    Bus(#[source] zbus::Error),
    /// Nothing owns the portal name and the bus cannot start it.
    #[error("{PORTAL_NAME} is neither running nor activatable")]
    NotRunning,
    /// The portal runs but offers no file chooser (no desktop backend implements it).
    #[error("the desktop portal has no file chooser: {0}")]
    NoFileChooser(#[source] zbus::fdo::Error),
}

impl From<zbus::fdo::Error> for PortalProblem {
    fn from(error: zbus::fdo::Error) -> Self {
        Self::Bus(error.into())
    }
}

impl From<zbus::names::Error> for PortalProblem {
    fn from(error: zbus::names::Error) -> Self {
        Self::Bus(error.into())
    }
}

impl From<zbus::Error> for PortalProblem {
    fn from(error: zbus::Error) -> Self {
        Self::Bus(error)
    }
}

/// The portal's file chooser version, or why there is none. The bus is asked once per
/// process (the first call waits for the answer); `SITREP_NO_PORTAL` is read on every call.
pub fn portal_file_chooser() -> Result<u32, &'static PortalProblem> {
    static DISABLED: PortalProblem = PortalProblem::Disabled;
    static ANSWER: OnceLock<Result<u32, PortalProblem>> = OnceLock::new();
    if portal_disabled() {
        return Err(&DISABLED);
    }
    ANSWER
        .get_or_init(|| pollster::block_on(probe()))
        .as_ref()
        .copied()
}

/// True when the environment asks for the in-window chooser.
fn portal_disabled() -> bool {
    std::env::var_os(NO_PORTAL_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Ask the session bus whether a portal with a file chooser answers.
async fn probe() -> Result<u32, PortalProblem> {
    let bus = zbus::connection::Builder::session()
        .map_err(PortalProblem::NoSessionBus)?
        .method_timeout(CALL_TIMEOUT)
        .build()
        .await
        .map_err(PortalProblem::NoSessionBus)?;
    let dbus = zbus::fdo::DBusProxy::new(&bus).await?;
    let name = zbus::names::BusName::try_from(PORTAL_NAME)?;
    if !dbus.name_has_owner(name).await? {
        let activatable = dbus.list_activatable_names().await?;
        if !activatable.iter().any(|n| n.as_str() == PORTAL_NAME) {
            return Err(PortalProblem::NotRunning);
        }
    }
    // Reading the interface's version both starts an activatable portal and proves that the
    // interface is there: a portal without a file chooser backend answers UnknownInterface.
    let properties = zbus::fdo::PropertiesProxy::builder(&bus)
        .destination(PORTAL_NAME)?
        .path(PORTAL_PATH)?
        .build()
        .await?;
    let interface = zbus::names::InterfaceName::try_from(FILE_CHOOSER)?;
    let version = properties
        .get(interface, "version")
        .await
        .map_err(PortalProblem::NoFileChooser)?;
    // A portal that reports no number still has the interface; version 1 is the least.
    Ok(u32::try_from(version).unwrap_or(1))
}

/// File dialogs of the desktop through the XDG portal; [`DialogAnswer::Unavailable`] when no
/// portal with a file chooser answers, so the caller shows the in-window chooser.
pub struct NativeDialogs {
    // Built through `new`, which starts the portal check early.
    _private: (),
}

impl NativeDialogs {
    /// Dialogs through the portal. The portal check starts now on a thread of its own, so
    /// the first dialog need not wait for the bus.
    pub fn new() -> Self {
        let warm = std::thread::Builder::new()
            .name("portal-check".into())
            .spawn(|| portal_file_chooser().is_ok());
        // Without the thread the first `ask` runs the check itself: nothing is lost.
        drop(warm);
        Self { _private: () }
    }
}

impl Default for NativeDialogs {
    fn default() -> Self {
        Self::new()
    }
}

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, request: &FileRequest) -> DialogAnswer {
        if portal_file_chooser().is_err() {
            return DialogAnswer::Unavailable;
        }
        let dialog = rfd_dialog(request);
        let chosen: Option<Vec<PathBuf>> = match request.mode {
            DialogMode::OpenFile => dialog.pick_file().map(|p| vec![p]),
            DialogMode::OpenFiles => dialog.pick_files(),
            DialogMode::Folder => dialog.pick_folder().map(|p| vec![p]),
            DialogMode::SaveFile => dialog.save_file().map(|p| vec![request.complete(p)]),
        };
        match chosen {
            Some(paths) if !paths.is_empty() => DialogAnswer::Chosen(paths),
            _ => DialogAnswer::Cancelled,
        }
    }
}

/// The rfd dialog for a request: title, filters (plus "All files" when opening, as the
/// in-window chooser offers), and the suggested name when saving.
fn rfd_dialog(request: &FileRequest) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new().set_title(&request.title);
    if request.mode == DialogMode::Folder {
        return dialog;
    }
    let mut takes_all = false;
    for filter in &request.filters {
        let all = filter.extensions.is_empty() || filter.extensions.iter().any(|e| e == "*");
        takes_all |= all;
        let extensions: Vec<&str> = if all {
            vec!["*"]
        } else {
            filter.extensions.iter().map(String::as_str).collect()
        };
        dialog = dialog.add_filter(&filter.name, &extensions);
    }
    let opening = matches!(request.mode, DialogMode::OpenFile | DialogMode::OpenFiles);
    if opening && !request.filters.is_empty() && !takes_all {
        dialog = dialog.add_filter("All files", &["*"]);
    }
    if request.mode == DialogMode::SaveFile
        && let Some(name) = &request.suggested_name
    {
        dialog = dialog.set_file_name(name);
    }
    dialog
}
