//! A change that reads only a task's file (its recent notes and history), not its sealed
//! chunks: on a task that has grown for a year, a note or a status change then costs the
//! change, not the task's lifetime (issue 17, goal 3).
//!
//! The change runs on the task file alone (`Held::Recent`). It is kept only if the store can
//! see that it is one the head says by itself:
//! - every note the head held is still there (notes were added or edited, none dropped),
//! - the history the head held is unchanged and at most followed by new events,
//! - every new note's id is found in no chunk file (a note in several files is the copy in
//!   the latest one: a new note under a sealed id would hide the old one).
//!
//! Otherwise, or when the change fails or says its answer depends on what is sealed (a
//! closing checks for evidence on the whole task), it runs again on the whole task, as a
//! whole-task `update` would, under the same lock. Written as always: the head only, and a new
//! chunk first when the head outgrows its limits (`chunks::plan`).

use super::cache::FileKey;
use super::chunks::{self, Layout};
use super::{Scope, Store, StoreError};
use crate::model::{Board, EventKind, ModelError, Summary, Task};
use crate::tomlfile;
use std::collections::HashSet;
use std::path::Path;

/// How much of a task a change holds in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Every note and history event.
    Whole,
    /// The task file only: every field, its newest notes and history; older notes and events
    /// are sealed away in chunks and not in memory.
    Recent,
}

impl Store {
    /// Change task `n`, reading only its task file when it has sealed chunks (see the module).
    /// `f` gets the board (meta and this one task) and how much of the task it holds, and
    /// returns `None` when its answer depends on notes or events it may not hold; it is then
    /// asked again with the whole task, where it must answer. Returns `f`'s value and the
    /// board as saved: with `Held::Recent`, its task holds only the task file's notes and
    /// history.
    pub fn update_recent<T>(
        &self,
        n: u32,
        f: impl Fn(&mut Board, Held) -> Result<Option<T>, ModelError>,
    ) -> Result<(T, Board), StoreError> {
        self.exclusive(|| {
            self.remove_stale_temp_files();
            if let Some(done) = self.try_recent(n, &f)? {
                return Ok(done);
            }
            let mut loaded = self.read(Scope::Task(n), true)?;
            let value = f(&mut loaded.board, Held::Whole)?
                .expect("a change holding the whole task always answers");
            self.write_changed(&mut loaded)?;
            Ok((value, loaded.board))
        })
    }

    /// The change on the task file alone, written; `None` if the task has no chunks or the
    /// change needs the whole task (nothing written then).
    fn try_recent<T>(
        &self,
        n: u32,
        f: &impl Fn(&mut Board, Held) -> Result<Option<T>, ModelError>,
    ) -> Result<Option<(T, Board)>, StoreError> {
        let dir = chunks::chunk_dir(&self.tasks_dir(), n);
        let numbers = chunks::chunk_numbers(&dir)?;
        if numbers.is_empty() {
            return Ok(None);
        }
        let (meta, meta_bytes) = self.read_meta_bytes()?;
        let head_key = FileKey::of(&self.task_path(n));
        let (head, bytes) = match self.read_head(n) {
            Ok(read) => read,
            // A missing or broken task file is said by the whole read, as always.
            Err(_) => return Ok(None),
        };
        let before = head.clone();
        let mut board = Board {
            meta,
            tasks: vec![head],
        };
        let value = match f(&mut board, Held::Recent) {
            Ok(Some(v)) => v,
            Ok(None) | Err(_) => return Ok(None),
        };
        let [task] = board.tasks.as_mut_slice() else {
            return Ok(None);
        };
        let Some(added) = appended_only(&before, task) else {
            return Ok(None);
        };
        if sealed_anywhere(&dir, &numbers, &added)? {
            return Ok(None);
        }
        let summary = self.recent_summary(n, head_key, task, added.len());
        let layout = Layout {
            numbers,
            ..Layout::default()
        };
        let written = self.write_task(task, Some(&bytes), &layout)?;
        let meta = super::meta_toml(&board.meta);
        if meta.as_bytes() != meta_bytes.as_slice() {
            tomlfile::write_atomic(&self.board_path(), meta.as_bytes())?;
        }
        if written {
            self.refresh_summaries(vec![(n, summary)]);
        }
        Ok(Some((value, board)))
    }

    /// The whole task's summary after a change to its task file that kept every note and
    /// event (`appended_only`) and added `added` notes: the head's fields, with the note count
    /// and latest times carried from the summary cached for the file before the change (`None` if that is not current: the cache entry is then dropped and made again
    /// from the whole task by the next reader).
    fn recent_summary(
        &self,
        n: u32,
        head_key: Option<FileKey>,
        after: &Task,
        added: usize,
    ) -> Option<Summary> {
        let old = self.cached_summary(n, head_key?)?;
        let mut new = after.summary();
        new.notes = old.notes + added;
        new.updated = old.updated.max(new.updated);
        new.last_change = old.last_change.max(new.last_change);
        Some(new)
    }
}

/// The ids of the notes `after` adds to `before`, if `after` only added notes and events and
/// edited what `before` holds: every note of `before` is still there, its history is a
/// prefix of `after`'s and no new event removes a note. `None` otherwise.
fn appended_only(before: &Task, after: &Task) -> Option<Vec<String>> {
    if after.number != before.number
        || after.history.len() < before.history.len()
        || after.history[..before.history.len()] != before.history[..]
    {
        return None;
    }
    // A new removal event hides a note left only in chunks (rule 2): the whole task says it.
    if after.history[before.history.len()..]
        .iter()
        .any(|e| e.kind == EventKind::NoteRemoved)
    {
        return None;
    }
    let had: HashSet<&str> = before.notes.iter().map(|x| x.id.as_str()).collect();
    let now: HashSet<&str> = after.notes.iter().map(|x| x.id.as_str()).collect();
    if !had.is_subset(&now) || now.len() != after.notes.len() {
        return None;
    }
    Some(
        after
            .notes
            .iter()
            .filter(|x| !had.contains(x.id.as_str()))
            .map(|x| x.id.clone())
            .collect(),
    )
}

/// Whether any of `ids` may be held by a chunk file of `dir`: it appears there as plain text
/// in any quoting, or the file writes some character as a TOML escape (`\u…`, which could
/// spell an id). The test errs towards yes, which only costs reading the whole task.
fn sealed_anywhere(dir: &Path, numbers: &[u32], ids: &[String]) -> Result<bool, StoreError> {
    use memchr::memmem::find;
    if ids.is_empty() {
        return Ok(false);
    }
    for k in numbers {
        let bytes = tomlfile::read(&dir.join(format!("{k}.toml")))?;
        let escaped = find(&bytes, b"\\u").is_some() || find(&bytes, b"\\U").is_some();
        if escaped || ids.iter().any(|id| find(&bytes, id.as_bytes()).is_some()) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
#[path = "recent_tests.rs"]
mod tests;
