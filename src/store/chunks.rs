//! Sealed chunks: the older notes and history of a large task, kept out of its task file so
//! that a change rewrites only what is recent.
//!
//! A task is `tasks/N.toml` (the head: every field, and the newest notes and history events)
//! plus, once it has grown, `tasks/N/K.toml` (K = 1, 2, …): chunks of its older notes and
//! history, each written once, when the head outgrows `HEAD_NOTES` / `HEAD_EVENTS`, and never
//! rewritten. In memory the task is as always: notes and history are the chunks' in order,
//! then the head's. The rules that make this safe without ever touching a chunk again:
//!
//! - A note found in several files (an old note edited since, or a crash or a merge in the
//!   middle of sealing) is the copy in the latest file (the head last). Notes are in time
//!   order, as the model keeps them.
//! - A note left only in chunks is gone when the last `note_added`/`note_removed` event for
//!   it in the task's history is `note_removed` (a removal is its history event; the note
//!   stays in the sealed chunk, where the event's text also keeps it).
//! - An event found in several files is kept once (as often as the file that holds it most).
//!
//! A change writes the head only (one atomic rename). Sealing writes the new chunk first and
//! the head without what moved second: killed in between, both hold the same entries and the
//! rules above read the board as before the change.

use super::{BACKUPS_DIR, Store, StoreError, perms, task_toml};
use crate::model::{Event, EventKind, Note, SCHEMA, Task};
use crate::tomlfile::{self, FileError};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A head with more notes than this is sealed (its oldest notes go to a new chunk).
pub const HEAD_NOTES: usize = 64;
/// Notes a sealed head keeps.
pub const KEEP_NOTES: usize = 16;
/// A head with more history events than this is sealed.
pub const HEAD_EVENTS: usize = 128;
/// Events a sealed head keeps (the newest: the merge driver compares the latest events).
pub const KEEP_EVENTS: usize = 32;

/// The first line of every chunk file.
const CHUNK_HEADER: &str = "# keywork: older notes and history of this task, sealed (never \
                            rewritten; the task file holds the newest)\n";

/// One sealed chunk of a task's notes and history (`tasks/N/K.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    #[serde(default = "one")]
    pub schema: u32,
    pub task: u32,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub history: Vec<Event>,
}

fn one() -> u32 {
    1
}

/// The text of a chunk file.
pub fn chunk_toml(chunk: &Chunk) -> String {
    CHUNK_HEADER.to_string() + &toml::to_string(chunk).expect("a chunk always serializes")
}

/// The chunk directory of task `n` in `tasks`.
pub fn chunk_dir(tasks: &Path, n: u32) -> PathBuf {
    tasks.join(n.to_string())
}

/// What was read of a task's chunks: enough to write back only the head.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Chunk numbers found, ascending.
    pub numbers: Vec<u32>,
    /// The copy of each note the chunks hold (the latest chunk's).
    pub chunk_notes: HashMap<String, Note>,
    /// The events read from chunks: the first events of the task's history.
    pub sealed: Vec<Event>,
}

/// The chunk numbers in `dir` (files named `K.toml`), ascending; none if no directory.
pub fn chunk_numbers(dir: &Path) -> Result<Vec<u32>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(FileError::io(dir, e).into()),
    };
    let mut numbers: Vec<u32> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_str()?;
            let k: u32 = name.strip_suffix(".toml")?.parse().ok()?;
            (k.to_string() + ".toml" == name && k > 0).then_some(k)
        })
        .collect();
    numbers.sort_unstable();
    Ok(numbers)
}

/// Read and check one chunk of task `n`.
pub fn read_chunk(path: &Path, n: u32) -> Result<Chunk, StoreError> {
    let bytes = tomlfile::read(path)?;
    let chunk: Chunk = super::blocks::parse(path, &bytes)?;
    if chunk.schema > SCHEMA {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: chunk.schema,
        });
    }
    if chunk.task != n {
        return Err(StoreError::Misnamed {
            path: path.to_path_buf(),
            expected: n,
            found: chunk.task,
        });
    }
    let mut ids = HashSet::new();
    if let Some(dup) = chunk.notes.iter().find(|x| !ids.insert(x.id.as_str())) {
        let text = String::from_utf8_lossy(&bytes);
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("id = ") && l.contains(&dup.id))
            .nth(1)
            .map_or(1, |(i, _)| i + 1);
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            line,
            problem: Box::new(super::validate::Broken::NoteTwice(dup.id.clone())),
        });
    }
    Ok(chunk)
}

/// The task as one: the chunks' notes and history, then the head's (see the module rules);
/// with `to_change`, what the chunks hold (to write back only the head).
pub(super) fn assemble(mut head: Task, chunks: Vec<Chunk>, to_change: bool) -> (Task, Layout) {
    let mut layout = Layout::default();
    if chunks.is_empty() {
        return (head, layout);
    }
    let mut notes: Vec<Note> = Vec::new();
    let mut place: HashMap<String, usize> = HashMap::new();
    let mut history: Vec<Event> = Vec::new();
    let put = |notes: &mut Vec<Note>, place: &mut HashMap<String, usize>, note: Note| match place
        .get(&note.id)
    {
        Some(&i) => notes[i] = note,
        None => {
            place.insert(note.id.clone(), notes.len());
            notes.push(note);
        }
    };
    for chunk in chunks {
        for note in chunk.notes {
            put(&mut notes, &mut place, note);
        }
        append_events(&mut history, chunk.history);
    }
    if to_change {
        layout.chunk_notes = notes.iter().map(|x| (x.id.clone(), x.clone())).collect();
        layout.sealed = history.clone();
    }
    let in_head: HashSet<String> = head.notes.iter().map(|x| x.id.clone()).collect();
    for note in std::mem::take(&mut head.notes) {
        put(&mut notes, &mut place, note);
    }
    append_events(&mut history, std::mem::take(&mut head.history));
    let removed = removed_by_history(&history);
    if !removed.is_empty() {
        notes.retain(|x| in_head.contains(&x.id) || !removed.contains(x.id.as_str()));
    }
    // Notes are kept in time order (a note put back goes to its place): so they read back.
    if !notes.is_sorted_by_key(|x| x.at) {
        notes.sort_by_key(|x| x.at);
    }
    head.notes = notes;
    head.history = history;
    (head, layout)
}

/// Add one file's events, leaving out those an earlier file holds (each earlier occurrence
/// matches one occurrence here: the multiset union).
fn append_events(acc: &mut Vec<Event>, events: Vec<Event>) {
    let before = acc.len();
    let latest = acc.iter().map(|e| e.at).max();
    let mut matched: Vec<bool> = Vec::new();
    for e in events {
        // Only an event no later than the latest so far can be one seen before.
        if latest.is_some_and(|l| e.at <= l) {
            if matched.is_empty() {
                matched = vec![false; before];
            }
            if let Some(j) = (0..before).find(|&j| !matched[j] && acc[j] == e) {
                matched[j] = true;
                continue;
            }
        }
        acc.push(e);
    }
}

/// The notes whose last `note_added`/`note_removed` event is a removal.
fn removed_by_history(history: &[Event]) -> HashSet<&str> {
    if !history.iter().any(|e| e.kind == EventKind::NoteRemoved) {
        return HashSet::new();
    }
    let mut last: HashMap<&str, EventKind> = HashMap::new();
    for e in history {
        if let (EventKind::NoteAdded | EventKind::NoteRemoved, Some(id)) = (e.kind, &e.note) {
            last.insert(id.as_str(), e.kind);
        }
    }
    last.into_iter()
        .filter(|(_, k)| *k == EventKind::NoteRemoved)
        .map(|(id, _)| id)
        .collect()
}

/// What to write for a task that has (or now needs) chunks.
pub(super) enum Plan {
    /// The head's notes and history (the rest stays in the chunks), and a new chunk to
    /// write first, if the head is sealed.
    Head {
        notes: Vec<Note>,
        history: Vec<Event>,
        seal: Option<Chunk>,
    },
    /// The change cannot be said by the head alone (history rewritten, a note dropped
    /// without its removal event): the whole task goes into the head, then the chunks go.
    Repack,
}

/// Split a changed task into head and chunks (see the module rules).
pub(super) fn plan(task: &Task, layout: &Layout) -> Plan {
    let p = layout.sealed.len();
    if task.history.len() < p || task.history[..p] != layout.sealed[..] {
        return Plan::Repack;
    }
    let removed = removed_by_history(&task.history);
    let mut notes = Vec::new();
    let mut present = HashSet::new();
    for x in &task.notes {
        present.insert(x.id.as_str());
        let sealed = layout.chunk_notes.get(&x.id) == Some(x) && !removed.contains(x.id.as_str());
        if !sealed {
            notes.push(x.clone());
        }
    }
    let gone_silently = layout
        .chunk_notes
        .keys()
        .any(|id| !present.contains(id.as_str()) && !removed.contains(id.as_str()));
    if gone_silently {
        return Plan::Repack;
    }
    let mut history = task.history[p..].to_vec();
    let seal = (notes.len() > HEAD_NOTES || history.len() > HEAD_EVENTS).then(|| {
        // The oldest notes (not one the history says is removed: in a chunk it would be
        // dropped) and events; events of one moment stay together.
        let cut = notes.len().saturating_sub(KEEP_NOTES);
        let (mut sealed, mut kept) = (Vec::new(), Vec::new());
        for (i, x) in std::mem::take(&mut notes).into_iter().enumerate() {
            if i < cut && !removed.contains(x.id.as_str()) {
                sealed.push(x);
            } else {
                kept.push(x);
            }
        }
        notes = kept;
        let mut cut = history.len().saturating_sub(KEEP_EVENTS);
        while cut > 0 && cut < history.len() && history[cut - 1].at == history[cut].at {
            cut -= 1;
        }
        let events: Vec<Event> = history.drain(..cut).collect();
        Chunk {
            schema: SCHEMA,
            task: task.number,
            notes: sealed,
            history: events,
        }
    });
    Plan::Head {
        notes,
        history,
        seal,
    }
}

/// Before a task is first split into chunks, keep its whole file in
/// `backups/chunks-<date>/tasks/N.toml` (the layout migration's backup; once per task).
pub(super) fn backup_before_split(board: &Path, head: &Path, n: u32) -> Result<(), StoreError> {
    if !head.is_file() {
        return Ok(());
    }
    let day = chrono::Local::now().format("%Y%m%d");
    let dir = board
        .join(BACKUPS_DIR)
        .join(format!("chunks-{day}"))
        .join(super::TASKS_DIR);
    let dest = dir.join(format!("{n}.toml"));
    if dest.exists() {
        return Ok(());
    }
    perms::create_dir(board, &dir)?;
    let bytes = tomlfile::read(head)?;
    tomlfile::write_atomic(&dest, &bytes)?;
    Ok(())
}

impl Store {
    /// Write task `task` if it changed since it was read (`old`: its file's bytes then,
    /// `layout`: its chunks): the head only, a new chunk first when the head is sealed.
    /// Whether anything was written.
    pub(super) fn write_task(
        &self,
        task: &mut Task,
        old: Option<&[u8]>,
        layout: &Layout,
    ) -> Result<bool, StoreError> {
        let head_path = self.task_path(task.number);
        let dir = chunk_dir(&self.dir().join(super::TASKS_DIR), task.number);
        let small = task.notes.len() <= HEAD_NOTES && task.history.len() <= HEAD_EVENTS;
        let plan = if layout.numbers.is_empty() && small {
            None
        } else {
            Some(plan(task, layout))
        };
        let (notes, history, seal, repack) = match plan {
            None => {
                let bytes = task_toml(task);
                if old == Some(bytes.as_bytes()) {
                    return Ok(false);
                }
                tomlfile::write_atomic(&head_path, bytes.as_bytes())?;
                return Ok(true);
            }
            Some(Plan::Repack) => (task.notes.clone(), task.history.clone(), None, true),
            Some(Plan::Head {
                notes,
                history,
                seal,
            }) => (notes, history, seal, false),
        };
        let all_notes = std::mem::replace(&mut task.notes, notes);
        let all_history = std::mem::replace(&mut task.history, history);
        let bytes = task_toml(task);
        task.notes = all_notes;
        task.history = all_history;
        if old == Some(bytes.as_bytes()) && seal.is_none() && !repack {
            return Ok(false);
        }
        if let Some(chunk) = seal {
            if layout.numbers.is_empty() {
                backup_before_split(self.dir(), &head_path, task.number)?;
            }
            // Chunk numbers only grow: a number is never reused for other content.
            let k = chunk_numbers(&dir)?.last().map_or(1, |k| k + 1);
            if !dir.is_dir() {
                perms::create_dir(self.dir(), &dir)?;
                // The new directory's entry is durable before the head stops holding what
                // moved into it.
                tomlfile::sync_dir(dir.parent().unwrap_or(&dir))?;
            }
            tomlfile::write_atomic(
                &dir.join(format!("{k}.toml")),
                chunk_toml(&chunk).as_bytes(),
            )?;
        }
        tomlfile::write_atomic(&head_path, bytes.as_bytes())?;
        if repack {
            // The head now holds everything; the chunks' copies would only be duplicates.
            for k in &layout.numbers {
                let path = dir.join(format!("{k}.toml"));
                fs::remove_file(&path).map_err(|e| FileError::write(&path, e))?;
            }
            let _ = fs::remove_dir(&dir);
            tomlfile::sync_dir(dir.parent().unwrap_or(&dir))?;
        }
        Ok(true)
    }
}

#[cfg(test)]
#[path = "chunks_tests.rs"]
mod tests;
