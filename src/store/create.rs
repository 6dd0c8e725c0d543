//! Whether a directory holds a board, and creating one. Only a directory that holds no board
//! data at all (absent, empty, or only keywork's own lock/cache/temp files) ever gets a new
//! board; task files without a readable `board.toml` are an orphaned board, never replaced.

use super::{
    BACKUPS_DIR, BOARD_FILE, DRAFTS_DIR, REVIEWS_DIR, Store, StoreError, TASKS_DIR, perms,
};
use crate::model::Board;
use crate::tomlfile::FileError;
use std::fs;
use std::path::{Path, PathBuf};

/// What a directory holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardState {
    /// A board (`board.toml` is a regular file; it may still fail to parse).
    Board,
    /// No board data: a new board may be made here.
    Vacant,
    /// Board data (task files, reviews, backups) but no usable `board.toml`: why.
    Orphaned(String),
}

impl Store {
    /// What the directory holds (an import killed after its commit is finished first).
    pub fn state(&self) -> Result<BoardState, StoreError> {
        self.settle_import()?;
        Ok(self.state_now())
    }

    pub(super) fn state_now(&self) -> BoardState {
        match fs::symlink_metadata(self.board_path()) {
            Ok(m) if m.is_file() => return BoardState::Board,
            Ok(_) => return BoardState::Orphaned(format!("{BOARD_FILE} is not a regular file")),
            Err(_) => {}
        }
        let has_tasks = fs::read_dir(self.tasks_dir()).is_ok_and(|mut d| {
            d.any(|e| {
                e.is_ok_and(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.ends_with(".toml") && !n.starts_with('.'))
                })
            })
        });
        if has_tasks {
            return BoardState::Orphaned(format!("{BOARD_FILE} is missing"));
        }
        let non_empty =
            |d: &str| fs::read_dir(self.dir().join(d)).is_ok_and(|mut e| e.next().is_some());
        if [REVIEWS_DIR, BACKUPS_DIR, DRAFTS_DIR]
            .into_iter()
            .any(non_empty)
        {
            return BoardState::Orphaned(format!(
                "{BOARD_FILE} and tasks/ are missing, but reviews, backups or drafts are here"
            ));
        }
        BoardState::Vacant
    }

    /// Write a new board here, in one step (see `swap`). Refuses to replace an existing
    /// board unless `force`, and then first copies the old one to `backups/<time>/`, whose
    /// path is returned. Never writes over an orphaned board.
    pub fn create(&self, board: &Board, force: bool) -> Result<Option<PathBuf>, StoreError> {
        create_board_dir(&self.dir)?;
        self.exclusive(|| {
            self.finish_import()?;
            self.remove_stale_temp_files();
            let mut backup = None;
            match self.state_now() {
                BoardState::Board if !force => {
                    return Err(StoreError::Exists {
                        dir: self.dir.clone(),
                    });
                }
                BoardState::Board => backup = Some(self.backup(board)?),
                BoardState::Orphaned(what) => {
                    return Err(StoreError::Orphaned {
                        dir: self.dir.clone(),
                        what,
                    });
                }
                BoardState::Vacant => {}
            }
            self.stage_import(board)?;
            self.finish_import()?;
            Ok(backup)
        })
    }

    /// Create the board only if the directory is vacant (two first runs racing create it
    /// once). Whether it was created.
    pub fn create_if_missing(&self, board: &Board) -> Result<bool, StoreError> {
        match self.state()? {
            BoardState::Board => return Ok(false),
            BoardState::Orphaned(what) => {
                return Err(StoreError::Orphaned {
                    dir: self.dir.clone(),
                    what,
                });
            }
            BoardState::Vacant => {}
        }
        match self.create(board, false) {
            Ok(_) => Ok(true),
            Err(StoreError::Exists { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn backup(&self, new: &Board) -> Result<PathBuf, StoreError> {
        let stamp = new.meta.created.format("%Y%m%d-%H%M%S").to_string();
        let backups = self.dir.join(BACKUPS_DIR);
        let mut dest = backups.join(&stamp);
        let mut i = 1;
        while dest.exists() {
            dest = backups.join(format!("{stamp}-{i}"));
            i += 1;
        }
        // Copied under a temp name and renamed: a kill never leaves a partial backup that
        // looks complete.
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = backups.join(format!(
            ".{}.tmp-{}-{}",
            name.unwrap_or_default(),
            std::process::id(),
            crate::tomlfile::nonce()
        ));
        let dest_tasks = tmp.join(TASKS_DIR);
        perms::create_dir(&self.dir, &dest_tasks)?;
        let team = perms::is_team(&self.dir);
        let copy = |from: &Path, to: &Path| -> Result<(), StoreError> {
            fs::copy(from, to).map_err(|e| FileError::io(from, e))?;
            perms::fix_new(to, team, false);
            Ok(())
        };
        copy(&self.board_path(), &tmp.join(BOARD_FILE))?;
        for n in self.task_numbers()? {
            copy(&self.task_path(n), &dest_tasks.join(format!("{n}.toml")))?;
            // Its sealed chunks (older notes and history), if it has any.
            let chunks = super::chunks::chunk_dir(&self.tasks_dir(), n);
            let numbers = super::chunks::chunk_numbers(&chunks)?;
            if !numbers.is_empty() {
                let dest = super::chunks::chunk_dir(&dest_tasks, n);
                perms::create_dir(&self.dir, &dest)?;
                for k in numbers {
                    let name = format!("{k}.toml");
                    copy(&chunks.join(&name), &dest.join(&name))?;
                }
            }
        }
        fs::rename(&tmp, &dest).map_err(|e| FileError::write(&dest, e))?;
        Ok(dest)
    }
}

/// Make the board directory (and its parents) if it is missing.
fn create_board_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| FileError::write(dir, e).into())
}
