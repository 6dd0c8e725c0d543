//! Where things live: the config file, the data dir's boards, the login name.

use std::path::{Path, PathBuf};

/// The login name, for changes nobody signed.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        // Unset over some SSH setups (root with a bare environment): ask the system.
        .or_else(|| whoami::username().ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

pub(super) fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "keywork")
}

/// The user's config file: `KEYWORK_CONFIG`, else `config.toml` in the config dir.
pub fn config_path() -> PathBuf {
    if let Some(p) = std::env::var_os("KEYWORK_CONFIG").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    project_dirs()
        .map(|d| d.config_dir().join("config.toml"))
        .unwrap_or_else(|| PathBuf::from("keywork.toml"))
}

/// The default board directory in the data dir.
pub fn default_board_dir() -> PathBuf {
    boards_dir().join("default")
}

/// Where named boards live: `<data>/boards`.
pub fn boards_dir() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("boards"))
        .unwrap_or_else(|| PathBuf::from("keywork-boards"))
}

/// Whether `s` names a board in the data dir (`--board NAME`, config `board`) rather than a
/// path: not empty, no `/` or backslash, not `.` or `..`, no control characters.
pub fn is_board_name(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.contains(['/', '\\'])
        && !s.chars().any(char::is_control)
}

/// The directory of `--board` as given: a bare name is a board in the data dir, anything
/// with a `/` is a path.
pub fn board_dir(arg: &Path) -> PathBuf {
    match arg.to_str() {
        Some(name) if is_board_name(name) => boards_dir().join(name),
        _ => arg.to_path_buf(),
    }
}
