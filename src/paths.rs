//! Where clerkdesk keeps its store, configuration and logs: the platform's directories
//! (XDG on Linux), never the current directory.

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("cz", "clerkdesk", "clerkdesk")
}

/// The default case store: `~/.local/share/clerkdesk/clerkdesk.db` on Linux.
#[must_use]
pub fn default_store() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("clerkdesk.db"))
}

/// The demo store that `--demo` creates on first use.
#[must_use]
pub fn demo_store() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("demo.db"))
}

/// `~/.config/clerkdesk/config.toml` on Linux.
#[must_use]
pub fn default_config() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The log folder: the state directory where the platform has one, else the data directory.
#[must_use]
pub fn log_dir() -> Option<PathBuf> {
    dirs().map(|d| d.state_dir().unwrap_or_else(|| d.data_dir()).join("logs"))
}
