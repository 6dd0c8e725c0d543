//! Follow-up files on disk: `follow/N.toml` beside `tasks/N.toml`, one per task that has a
//! decision, an extension, an urging notice or a source. Written atomically under the board's
//! lock as read–modify–write, like the task files; a file that does not parse is reported as
//! `path:line:column` and never written.

use super::{Scope, Store, StoreError};
use crate::model::decision::Follow;
use crate::model::{Board, ModelError, SCHEMA};
use crate::tomlfile::{self, FileError};
use std::fs;
use std::path::PathBuf;

pub const FOLLOW_DIR: &str = "follow";

/// The TOML text of a follow-up file (stable: same content, same bytes).
pub fn follow_toml(f: &Follow) -> String {
    toml::to_string(f).expect("a follow-up file always serializes")
}

impl Store {
    pub fn follow_path(&self, task: u32) -> PathBuf {
        self.dir().join(FOLLOW_DIR).join(format!("{task}.toml"))
    }

    fn read_follow(&self, task: u32) -> Result<Option<(Follow, Vec<u8>)>, StoreError> {
        let path = self.follow_path(task);
        match fs::read(&path) {
            Ok(bytes) => {
                let f: Follow = tomlfile::parse(&path, &bytes)?;
                if f.schema > SCHEMA {
                    return Err(StoreError::NewerSchema {
                        path,
                        found: f.schema,
                    });
                }
                if f.task != task {
                    return Err(StoreError::Misnamed {
                        path,
                        expected: task,
                        found: f.task,
                    });
                }
                Ok(Some((f, bytes)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }

    /// The follow-up of one task (empty when it has none).
    pub fn load_follow(&self, task: u32) -> Result<Follow, StoreError> {
        Ok(self
            .read_follow(task)?
            .map_or_else(|| Follow::new(task), |(f, _)| f))
    }

    /// Every task's follow-up that exists, in task order.
    pub fn load_follows(&self) -> Result<Vec<Follow>, StoreError> {
        let dir = self.dir().join(FOLLOW_DIR);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(FileError::io(&dir, e).into()),
        };
        let mut numbers: Vec<u32> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name();
                name.to_str()?.strip_suffix(".toml")?.parse().ok()
            })
            .collect();
        numbers.sort_unstable();
        let mut out = Vec::new();
        for n in numbers {
            if let Some((f, _)) = self.read_follow(n)? {
                out.push(f);
            }
        }
        Ok(out)
    }

    fn write_follow(&self, f: &Follow, old: Option<&[u8]>) -> Result<(), StoreError> {
        let text = follow_toml(f);
        if old == Some(text.as_bytes()) {
            return Ok(());
        }
        let path = self.follow_path(f.task);
        if let Some(dir) = path.parent() {
            super::perms::create_dir(self.dir(), dir)?;
        }
        tomlfile::write_atomic(&path, text.as_bytes())?;
        Ok(())
    }

    /// `doctor`: every follow-up file that does not parse (path:line:column), or names another
    /// task than its file name, or a task the board does not have.
    pub(super) fn check_follow(&self, out: &mut Vec<super::doctor::Finding>) {
        let dir = self.dir().join(FOLLOW_DIR);
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Some(n) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".toml"))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let problem = match self.read_follow(n) {
                Err(err) => Some(err.to_string()),
                Ok(_) if !self.task_path(n).exists() => Some(
                    crate::strings::follow::follow_orphan(crate::strings::Lang::En, path.display()),
                ),
                Ok(_) => None,
            };
            if let Some(p) = problem {
                out.push(super::doctor::Finding {
                    severity: super::doctor::Severity::Problem,
                    what: p,
                    fix: crate::strings::follow::follow_fix(crate::strings::Lang::En).to_string(),
                });
            }
        }
    }

    /// Change one task's follow-up under the lock: the task must exist; read the latest file,
    /// apply `f`, write it back if it changed. Returns `f`'s value and the follow-up as saved.
    pub fn update_follow<T>(
        &self,
        task: u32,
        f: impl FnOnce(&mut Follow) -> Result<T, ModelError>,
    ) -> Result<(T, Follow), StoreError> {
        self.update_task_follow(task, |_, follow| f(follow))
            .map(|(v, _, follow)| (v, follow))
    }

    /// Change a task and its follow-up in one locked step (an extension moves the deadline
    /// and records why). The task file is written first: interrupted between the two, the
    /// deadline has moved without its record, as a plain edit would have, and nothing claims
    /// an extension that did not happen.
    pub fn update_task_follow<T>(
        &self,
        task: u32,
        f: impl FnOnce(&mut Board, &mut Follow) -> Result<T, ModelError>,
    ) -> Result<(T, Board, Follow), StoreError> {
        self.exclusive(|| {
            self.remove_stale_temp_files();
            let mut loaded = self.read(Scope::Task(task), true)?;
            loaded
                .board
                .check_ref(crate::model::ItemRef { task, sub: None })?;
            let (mut follow, old) = match self.read_follow(task)? {
                Some((f, bytes)) => (f, Some(bytes)),
                None => (Follow::new(task), None),
            };
            let value = f(&mut loaded.board, &mut follow)?;
            self.write_changed(&mut loaded)?;
            self.write_follow(&follow, old.as_deref())?;
            Ok((value, loaded.board, follow))
        })
    }
}
