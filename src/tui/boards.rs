//! Switching boards in the terminal (issue 16 §6): the boards of the data directory for the
//! picker, and opening the chosen one. Opening another board starts keywork afresh on it
//! (`exec` of the same binary with `--board NAME`), so that nothing of this board — its lock,
//! watcher, signal thread, drafts — can reach the other one. The config's `board` (the
//! default) is never written: `--board NAME` opens a board for that run only.

use crate::app::BoardEntry;
use crate::store::Store;
use std::path::Path;

/// The boards of the data directory, by name; `current` is the directory on screen.
pub fn list(current: &Path, default: &str) -> Vec<BoardEntry> {
    let dir = crate::config::boards_dir();
    let here = std::fs::canonicalize(current).ok();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<BoardEntry> = entries
        .flatten()
        .filter(|e| e.path().join("board.toml").is_file())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let path = e.path();
            let current = here.is_some() && std::fs::canonicalize(&path).ok() == here;
            let entry = match Store::new(path).load_summaries() {
                Ok((meta, sums)) => BoardEntry {
                    title: crate::text::one_line(&meta.title),
                    tasks: sums.len(),
                    current,
                    default: name == default,
                    broken: false,
                    name,
                },
                Err(e) => BoardEntry {
                    title: crate::text::one_line(&e.to_string()),
                    tasks: 0,
                    current,
                    default: name == default,
                    broken: true,
                    name,
                },
            };
            Some(entry)
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Replace this process by keywork on board `name` (the terminal already given back).
/// Returns only if that fails, with why.
pub fn exec(name: &str, author: &str) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => return e,
    };
    std::process::Command::new(exe)
        .arg("--board")
        .arg(name)
        .env("KEYWORK_AUTHOR", author)
        .exec()
}
