//! Temp files and directories left by killed processes (`.NAME.tmp-<pid>-<n>`): the next
//! change removes them, `doctor` reports them.
//!
//! Files that are only ever written under the exclusive lock (task files, `board.toml`,
//! reviews, backups, a staged import) are stale whenever we hold the lock. The cache, drafts
//! and doctor's probe are written without it, so theirs are removed only when the process
//! that made them is gone.

use super::{BACKUPS_DIR, DRAFTS_DIR, FILES_DIR, REVIEWS_DIR, Store, TASKS_DIR};
use crate::tomlfile;
use std::fs;
use std::path::PathBuf;

/// Top-level temp names written only under the lock.
const LOCKED_PREFIXES: [&str; 3] = [
    ".board.toml.tmp-",
    ".keywork-import.tmp-",
    ".keywork-old.tmp-",
];

impl Store {
    /// Every temp file or directory in the board, with whether it is written under the lock.
    pub(super) fn temp_entries(&self) -> Vec<(PathBuf, bool)> {
        let mut out = Vec::new();
        let top = self.dir().to_path_buf();
        // Tasks' chunk directories (`tasks/N/`) are written under the lock too.
        let chunk_dirs = fs::read_dir(top.join(TASKS_DIR))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            })
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| (e.path(), true));
        let dirs = [
            (top.clone(), false),
            (top.join(TASKS_DIR), true),
            (top.join(REVIEWS_DIR), true),
            (top.join(super::FOLLOW_DIR), true),
            (top.join(BACKUPS_DIR), true),
            (top.join(DRAFTS_DIR), false),
            (top.join(FILES_DIR), false),
            (top.join(super::CHUNK_CACHE_DIR), false),
        ];
        for (dir, locked) in dirs.into_iter().chain(chunk_dirs) {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if tomlfile::is_temp_name(&name) {
                    let locked = locked || LOCKED_PREFIXES.iter().any(|p| name.starts_with(p));
                    out.push((e.path(), locked));
                }
            }
        }
        out
    }

    /// Remove stale temp files; call under the exclusive lock. What was removed.
    pub(super) fn remove_stale_temp_files(&self) -> Vec<PathBuf> {
        let mut removed = Vec::new();
        for (path, locked) in self.temp_entries() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if !locked && name.as_deref().and_then(writer_pid).is_some_and(alive) {
                continue;
            }
            let gone = if path.is_dir() && !path.is_symlink() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            if gone.is_ok() {
                removed.push(path);
            }
        }
        removed
    }
}

/// The process id in a temp name (`.x.toml.tmp-<pid>-<n>`).
fn writer_pid(name: &str) -> Option<i32> {
    let rest = &name[name.find(".tmp-")? + 5..];
    rest.split('-').next()?.parse().ok()
}

/// Whether a process with this id runs (on this machine).
fn alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid, 0) == 0 || *libc::__errno_location() == libc::EPERM }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_of_a_temp_name() {
        assert_eq!(writer_pid(".15.toml.tmp-123-456"), Some(123));
        assert_eq!(writer_pid(".keywork-cache.json.tmp-7-1"), Some(7));
        assert_eq!(writer_pid(".doctor.tmp-99"), Some(99));
        assert_eq!(writer_pid("15.toml"), None);
        assert!(alive(std::process::id() as i32));
        assert!(!alive(0));
    }
}
