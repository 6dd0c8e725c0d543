//! Creating or replacing a whole board as one step.
//!
//! A new board (first import, `import --force`, `init`) is written in full into a staging
//! directory beside the old one, `.keywork-import.tmp-<pid>-<n>/` (`board.toml` + `tasks/`),
//! and flushed to disk. Renaming the staging directory to `.keywork-import` is the commit
//! point: before it the old board is untouched and the staging directory is a stale temp
//! (removed by the next change, reported by `doctor`); after it the new board *is* the board,
//! and whoever finds `.keywork-import` (the importer itself, the next writer, a reader, or
//! `doctor --fix`) rolls it forward under the exclusive lock: old `tasks/` aside, new `tasks/`
//! in, new `board.toml` in, the old files removed. Every step of the roll-forward can be
//! repeated after a kill, so a kill at any moment leaves the old board or the new one.

use super::{BOARD_FILE, Store, StoreError, TASKS_DIR, perms, task_toml};
use crate::model::Board;
use crate::tomlfile::{self, FileError};
use std::fs;
use std::path::{Path, PathBuf};

/// The committed new board waiting to be moved in.
pub const PENDING_DIR: &str = ".keywork-import";
/// In a staged `tasks/`: these are the new tasks (not yet moved in).
const NEW_MARK: &str = ".keywork-new";
/// Inside the pending directory: the old tasks, moved aside.
const OLD_TASKS: &str = "old-tasks";

impl Store {
    pub(super) fn pending_dir(&self) -> PathBuf {
        self.dir().join(PENDING_DIR)
    }

    /// Whether a committed import waits to be moved in (a killed importer).
    pub fn import_pending(&self) -> bool {
        fs::symlink_metadata(self.pending_dir()).is_ok()
    }

    /// Write `board` in full into a new staging directory and commit it as `.keywork-import`.
    /// Call under the exclusive lock, then `finish_import`.
    pub(super) fn stage_import(&self, board: &Board) -> Result<(), StoreError> {
        let stage = self.dir().join(format!(
            ".keywork-import.tmp-{}-{}",
            std::process::id(),
            tomlfile::nonce()
        ));
        let result = self.write_stage(&stage, board);
        if result.is_err() {
            let _ = fs::remove_dir_all(&stage);
        }
        result?;
        let pending = self.pending_dir();
        fs::rename(&stage, &pending).map_err(|e| {
            let _ = fs::remove_dir_all(&stage);
            FileError::write(&self.board_path(), e)
        })?;
        tomlfile::sync_dir(self.dir())?;
        Ok(())
    }

    fn write_stage(&self, stage: &Path, board: &Board) -> Result<(), StoreError> {
        let tasks = stage.join(TASKS_DIR);
        let team = perms::is_team(self.dir());
        for dir in [stage, tasks.as_path()] {
            fs::create_dir(dir).map_err(|e| FileError::write(dir, e))?;
            perms::fix_new(dir, team, true);
        }
        // Staged files need no fsync each: one sync of the file system before the commit.
        let write = |path: &Path, bytes: &[u8]| -> Result<(), StoreError> {
            fs::write(path, bytes).map_err(|e| FileError::write(path, e))?;
            perms::fix_new(path, team, false);
            Ok(())
        };
        for task in &board.tasks {
            let path = tasks.join(format!("{}.toml", task.number));
            write(&path, task_toml(task).as_bytes())?;
        }
        write(&tasks.join(NEW_MARK), b"")?;
        write(
            &stage.join(BOARD_FILE),
            super::meta_toml(&board.meta).as_bytes(),
        )?;
        sync_filesystem(stage)?;
        Ok(())
    }

    /// Move a committed import in (idempotent; under the exclusive lock). Nothing to do when
    /// there is none.
    pub(super) fn finish_import(&self) -> Result<(), StoreError> {
        let pending = self.pending_dir();
        if !self.import_pending() {
            return Ok(());
        }
        let tasks = self.tasks_dir();
        let new_tasks = pending.join(TASKS_DIR);
        let new_board = pending.join(BOARD_FILE);
        let rename = |from: &Path, to: &Path| -> Result<(), StoreError> {
            fs::rename(from, to).map_err(|e| FileError::write(to, e).into())
        };
        if new_tasks.join(NEW_MARK).exists() {
            let old_aside = pending.join(OLD_TASKS);
            if tasks.exists() && !old_aside.exists() {
                rename(&tasks, &old_aside)?;
            }
            if tasks.exists() {
                // Killed between the two renames of an earlier roll-forward, then something
                // made a tasks/ again: keep it aside too rather than lose it.
                let extra = pending.join(format!("{OLD_TASKS}-{}", tomlfile::nonce()));
                rename(&tasks, &extra)?;
            }
            rename(&new_tasks, &tasks)?;
        }
        if new_board.exists() {
            rename(&new_board, &self.board_path())?;
        }
        tomlfile::sync_dir(self.dir())?;
        match fs::remove_file(tasks.join(NEW_MARK)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(FileError::io(&tasks, e).into());
            }
            _ => {}
        }
        // The old tasks (backed up before the commit) go: renamed to a temp name first, so
        // that readers stop waiting at once, then removed.
        let trash = self.dir().join(format!(
            ".keywork-old.tmp-{}-{}",
            std::process::id(),
            tomlfile::nonce()
        ));
        rename(&pending, &trash)?;
        let _ = fs::remove_dir_all(&trash);
        Ok(())
    }

    /// Roll a committed import forward if there is one: takes the exclusive lock (waiting for
    /// a live importer to finish). An account that cannot take the lock waits for someone
    /// who can, and then says what to do.
    pub(super) fn settle_import(&self) -> Result<(), StoreError> {
        if !self.import_pending() {
            return Ok(());
        }
        match self.exclusive(|| self.finish_import()) {
            Ok(()) => Ok(()),
            Err(e) => {
                let started = std::time::Instant::now();
                while self.import_pending() && started.elapsed() < super::LOCK_WAIT {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                if self.import_pending() {
                    Err(StoreError::ImportPending {
                        dir: self.dir().to_path_buf(),
                        why: e.to_string(),
                    })
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// Flush everything written under `dir` (one `syncfs` rather than one fsync per file).
fn sync_filesystem(dir: &Path) -> Result<(), StoreError> {
    use std::os::fd::AsRawFd;
    let d = fs::File::open(dir).map_err(|e| FileError::io(dir, e))?;
    // SAFETY: syncfs on a file descriptor we own.
    if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
        return Err(FileError::write(dir, std::io::Error::last_os_error()).into());
    }
    Ok(())
}
