//! The quick filter remembered per user between runs: one line per board in `filters.tsv` in
//! the user's state dir (`$XDG_STATE_HOME/keywork`, else the cache dir) — never in the board
//! directory, so that it is not synced to other offices. Written whole and renamed in place;
//! an unreadable file is left as it is and the board opens unfiltered.

use crate::app::App;
use crate::model::filter::{Filter, last_review_end};
use crate::store::Store;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The remembered filters of one user.
pub struct Memory {
    path: PathBuf,
    /// The board the filter belongs to (its directory, made absolute).
    board: String,
    /// The filter as last written (or read): written again only when it changes.
    last: Filter,
}

/// The file: `KEYWORK_STATE_DIR` (tests), else the XDG state dir, else the cache dir.
fn user_file() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KEYWORK_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("filters.tsv"));
    }
    let dirs = directories::ProjectDirs::from("", "", "keywork")?;
    let dir = dirs.state_dir().unwrap_or(dirs.cache_dir());
    Some(dir.join("filters.tsv"))
}

fn board_key(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// `board<TAB>expression` lines; none for a missing file, `Err` for one that cannot be read.
fn read_lines(path: &Path) -> io::Result<Vec<(String, String)>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split_once('\t')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, path.display().to_string())
                })
        })
        .collect()
}

fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

impl Memory {
    /// Put the remembered filter (or `given`, from `review --filter`, which is used for this
    /// run and not remembered unless changed) on the app, with the end of the last review.
    pub fn restore(app: &mut App, store: &Store, given: Option<Filter>) -> Option<Memory> {
        app.quick.since = store.load_reviews().ok().and_then(|r| last_review_end(&r));
        let path = user_file()?;
        let board = board_key(store.dir());
        let remembered = match read_lines(&path) {
            Ok(lines) => lines
                .into_iter()
                .find(|(k, _)| *k == board)
                .and_then(|(_, v)| Filter::parse(&v).ok())
                .and_then(|f| f.resolve(&app.board.meta).ok())
                .unwrap_or_default(),
            Err(_) => {
                app.warn(crate::strings::filters::state_unreadable(app.display.lang));
                // Never overwrite what could not be read.
                return None;
            }
        };
        let filter = given.unwrap_or(remembered);
        let last = filter.clone();
        app.set_quick_filter(filter);
        Some(Memory { path, board, last })
    }

    /// After each event: write the filter if it changed; follow a review just finished.
    pub fn after_event(&mut self, app: &mut App) {
        if let Some(end) = app.review.as_ref().and_then(|r| r.finished)
            && app.quick.since.is_none_or(|s| end > s)
        {
            app.quick.since = Some(end);
        }
        if app.quick.filter == self.last {
            return;
        }
        self.last = app.quick.filter.clone();
        // Best effort: the filter is a convenience, the board is what matters.
        let _ = self.save();
    }

    fn save(&self) -> io::Result<()> {
        let mut text = String::new();
        for (k, v) in read_lines(&self.path)?
            .into_iter()
            .filter(|(k, _)| *k != self.board)
        {
            text.push_str(&format!("{k}\t{v}\n"));
        }
        if !self.last.is_empty() && !self.board.contains(['\t', '\n']) {
            text.push_str(&format!("{}\t{}\n", self.board, self.last));
        }
        write_atomically(&self.path, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip_and_a_broken_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s").join("filters.tsv");
        assert!(read_lines(&p).unwrap().is_empty(), "missing is empty");
        write_atomically(&p, "/b/one\tunit:区旧改办 warn:red\n").unwrap();
        let lines = read_lines(&p).unwrap();
        assert_eq!(lines[0].1, "unit:区旧改办 warn:red");
        std::fs::write(&p, "no tab here\n").unwrap();
        assert!(read_lines(&p).is_err());
        let leftovers: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
