//! Domain types of a board and the pure operations on them.
//!
//! Owns: `Board`, `Task`, `Measure`, `Target`, `Note`, `Event`, statuses and the rules that
//! change them (every change appends a history event). Must not do IO or know about terminals:
//! the store persists these types, the app and the CLI call the operations.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The current schema version of board and task files.
pub const SCHEMA: u32 = 1;

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDef {
    /// Stable key stored in task files (`todo`, `doing`, ...).
    pub key: String,
    /// Chinese name shown by default (`未启动`).
    pub name: String,
    /// English name (`not started`).
    pub name_en: String,
    /// Whether this status means "finished" (counts as done for progress).
    #[serde(default)]
    pub done: bool,
}

/// Board-wide facts, stored in `board.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardMeta {
    pub schema: u32,
    pub title: String,
    pub issued: Option<NaiveDate>,
    /// Where the task list came from (file name of the published list).
    pub source: String,
    pub created: DateTime<FixedOffset>,
    pub statuses: Vec<StatusDef>,
}

/// A whole board: its meta data and the tasks in number order.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub meta: BoardMeta,
    pub tasks: Vec<Task>,
}

/// A numbered key work task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// File format version (see `SCHEMA`).
    #[serde(default = "schema_one")]
    pub schema: u32,
    pub number: u32,
    pub title: String,
    /// The task's text as published, verbatim.
    pub text: String,
    pub status: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "toml_date")]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub history: Vec<Event>,
}

fn schema_one() -> u32 {
    1
}

/// Dates as written by keywork (`"2023-12-31"`) or by hand in TOML's own form (`2023-12-31`).
mod toml_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Toml(toml::value::Datetime),
    }

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = match Repr::deserialize(d)? {
            Repr::Text(t) => t,
            Repr::Toml(t) => t.to_string(),
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|e| {
                serde::de::Error::custom(format!("'{text}' is not a date YYYY-MM-DD: {e}"))
            })
    }
}

/// One concrete measure (a sentence of the task), id `N.M`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub text: String,
    pub status: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "toml_date")]
    pub deadline: Option<NaiveDate>,
}

/// A quantity the task names (指标): `200台`, `7.4万平方米`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// `N.K`: K counts the task's targets from 1.
    pub id: String,
    /// The words around the quantity (`多层住宅加装电梯`).
    pub label: String,
    /// The phrase it came from, verbatim (`200台多层住宅加装电梯`).
    pub phrase: String,
    /// The target in plain units (万 and 亿 multiplied out).
    pub target: f64,
    pub unit: String,
    /// 余, 以上, 以内, 不少于, 左右 ... or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The measure whose sentence named it (`15.3`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
}

/// An evidence note (佐证材料) on a task or one of its measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub at: DateTime<FixedOffset>,
    pub author: String,
    /// The measure it belongs to (`15.2`); none for the task itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    pub text: String,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<DateTime<FixedOffset>>,
}

/// What a history event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Status,
    NoteAdded,
    NoteEdited,
    NoteRemoved,
    Target,
}

/// One entry of a task's append-only history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<FixedOffset>,
    pub author: String,
    pub kind: EventKind,
    /// The task or measure (`15`, `15.2`) or target (`15.2`) it is about.
    pub on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The note concerned, for note events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Text typed into the editor but not saved yet, kept when the connection drops.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// What it was for: `15` or `15.2` for a new note, `15/<note id>` for an edit.
    pub on: String,
    pub text: String,
    pub reference: String,
    pub saved: DateTime<FixedOffset>,
}

/// Who makes a change and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub author: String,
    pub at: DateTime<FixedOffset>,
}

/// A task (`15`) or one of its measures (`15.2`) as users write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub task: u32,
    pub sub: Option<u32>,
}

/// What went wrong applying an operation to a board.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("no task {0} on this board")]
    UnknownTask(u32),
    #[error("task {task} has no measure {id}")]
    UnknownMeasure { task: u32, id: String },
    #[error("task {task} has no target {id}")]
    UnknownTarget { task: u32, id: String },
    #[error("unknown status '{given}' (known: {known})")]
    UnknownStatus { given: String, known: String },
    #[error("no note {0} on this board")]
    UnknownNote(String),
    #[error("the note is empty")]
    EmptyNote,
    #[error("'{0}' is not a task or measure (expected N or N.M, e.g. 15 or 15.2)")]
    BadRef(String),
    #[error("a target is addressed as N.K (e.g. 15.3), not '{0}'")]
    BadTargetRef(String),
    #[error("'{0}' is not a number")]
    BadNumber(String),
}

impl FromStr for ItemRef {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ModelError::BadRef(s.to_string());
        let t = s.trim();
        let (a, b) = match t.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (t, None),
        };
        let task: u32 = a.parse().map_err(|_| bad())?;
        let sub = match b {
            Some(b) => Some(b.parse::<u32>().map_err(|_| bad())?),
            None => None,
        };
        if task == 0 || sub == Some(0) {
            return Err(bad());
        }
        Ok(ItemRef { task, sub })
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(m) => write!(f, "{}.{}", self.task, m),
            None => write!(f, "{}", self.task),
        }
    }
}

/// The default statuses, in column order.
pub fn default_statuses() -> Vec<StatusDef> {
    [
        ("todo", "未启动", "not started", false),
        ("doing", "推进中", "in progress", false),
        ("behind", "滞后", "behind", false),
        ("done", "已完成", "done", true),
    ]
    .into_iter()
    .map(|(key, name, name_en, done)| StatusDef {
        key: key.into(),
        name: name.into(),
        name_en: name_en.into(),
        done,
    })
    .collect()
}

impl BoardMeta {
    /// Resolve what a user typed (Chinese name, English key or name, column number) to a status.
    pub fn resolve_status(&self, given: &str) -> Result<&StatusDef, ModelError> {
        let g = given.trim();
        let by_number = g
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.statuses.get(i));
        by_number
            .or_else(|| {
                self.statuses.iter().find(|s| {
                    s.key.eq_ignore_ascii_case(g)
                        || s.name == g
                        || s.name_en.eq_ignore_ascii_case(g)
                })
            })
            .ok_or_else(|| ModelError::UnknownStatus {
                given: g.to_string(),
                known: self
                    .statuses
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{} {}/{}", i + 1, s.name, s.key))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    pub fn status(&self, key: &str) -> Option<&StatusDef> {
        self.statuses.iter().find(|s| s.key == key)
    }

    pub fn status_index(&self, key: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.key == key)
    }

    pub fn is_done(&self, key: &str) -> bool {
        self.status(key).is_some_and(|s| s.done)
    }

    /// The display name of a status key in the given language (the key itself if unknown).
    pub fn status_name<'a>(&'a self, key: &'a str, english: bool) -> &'a str {
        match self.status(key) {
            Some(s) if english => &s.name_en,
            Some(s) => &s.name,
            None => key,
        }
    }

    /// The status new tasks and measures start in.
    pub fn initial_status(&self) -> &str {
        self.statuses.first().map_or("todo", |s| s.key.as_str())
    }
}

impl Task {
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// Measures whose status is a done status.
    pub fn measures_done(&self, meta: &BoardMeta) -> usize {
        self.measures
            .iter()
            .filter(|m| meta.is_done(&m.status))
            .count()
    }

    /// Notes on the task itself (not on a measure).
    pub fn own_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.on.is_none())
    }

    /// Notes on one measure.
    pub fn notes_on<'a>(&'a self, measure: &'a str) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes
            .iter()
            .filter(move |n| n.on.as_deref() == Some(measure))
    }

    /// Time of the latest history event.
    pub fn updated(&self) -> Option<DateTime<FixedOffset>> {
        self.history.iter().map(|e| e.at).max()
    }

    /// Past its deadline and not done.
    pub fn overdue(&self, meta: &BoardMeta, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today) && !meta.is_done(&self.status)
    }

    /// Fraction of measures done, 0.0..=1.0 (a task without measures counts by its status).
    pub fn progress(&self, meta: &BoardMeta) -> f64 {
        if self.measures.is_empty() {
            return if meta.is_done(&self.status) { 1.0 } else { 0.0 };
        }
        self.measures_done(meta) as f64 / self.measures.len() as f64
    }
}

/// What the board and `status` show of a task: small, derived from the task, cached by the
/// store so that a quick look never parses every note of a large board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub number: u32,
    pub title: String,
    pub status: String,
    /// Status keys of the measures, in order.
    pub measure_statuses: Vec<String>,
    pub notes: usize,
    pub targets: usize,
    pub deadline: Option<NaiveDate>,
    /// Latest history event of any kind.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Latest change a person made (the import does not count).
    pub last_change: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub lead: Vec<String>,
}

impl Summary {
    pub fn measures(&self) -> usize {
        self.measure_statuses.len()
    }

    pub fn measures_done(&self, meta: &BoardMeta) -> usize {
        self.measure_statuses
            .iter()
            .filter(|s| meta.is_done(s))
            .count()
    }

    /// Past its deadline and not done.
    pub fn overdue(&self, meta: &BoardMeta, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today) && !meta.is_done(&self.status)
    }
}

impl Task {
    pub fn summary(&self) -> Summary {
        Summary {
            number: self.number,
            title: self.title.clone(),
            status: self.status.clone(),
            measure_statuses: self.measures.iter().map(|m| m.status.clone()).collect(),
            notes: self.notes.len(),
            targets: self.targets.len(),
            deadline: self.deadline,
            updated: self.updated(),
            last_change: self
                .history
                .iter()
                .filter(|e| e.kind != EventKind::Created)
                .map(|e| e.at)
                .max(),
            lead: self.lead.clone(),
        }
    }
}

/// A target id `N.K` as users write it.
pub fn parse_target_ref(s: &str) -> Result<(u32, String), ModelError> {
    match s.parse::<ItemRef>() {
        Ok(ItemRef { task, sub: Some(_) }) => Ok((task, s.trim().to_string())),
        _ => Err(ModelError::BadTargetRef(s.to_string())),
    }
}

/// Parse a number as users type it: `74000`, `7.4万`, `1,200`, full-width digits.
pub fn parse_value(s: &str) -> Result<f64, ModelError> {
    let bad = || ModelError::BadNumber(s.to_string());
    let mut t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let mut factor = 1.0;
    if let Some(stripped) = t.strip_suffix('万') {
        factor = 1e4;
        t = stripped.to_string();
    } else if let Some(stripped) = t.strip_suffix('亿') {
        factor = 1e8;
        t = stripped.to_string();
    }
    let v: f64 = t.trim().parse().map_err(|_| bad())?;
    if !v.is_finite() {
        return Err(bad());
    }
    Ok(round_value(v * factor))
}

/// Round away binary noise (`7.4 * 10000` is 74000.00000000001).
pub fn round_value(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Format a value without a trailing `.0`.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Board {
    pub fn task(&self, number: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.number == number)
    }

    pub fn task_mut(&mut self, number: u32) -> Result<&mut Task, ModelError> {
        self.tasks
            .iter_mut()
            .find(|t| t.number == number)
            .ok_or(ModelError::UnknownTask(number))
    }

    /// Check that a task or measure exists.
    pub fn check_ref(&self, r: ItemRef) -> Result<(), ModelError> {
        let task = self.task(r.task).ok_or(ModelError::UnknownTask(r.task))?;
        if r.sub.is_some() {
            let id = r.to_string();
            task.measure(&id).ok_or(ModelError::UnknownMeasure {
                task: r.task,
                id: id.clone(),
            })?;
        }
        Ok(())
    }

    /// Set the status of a task or measure. Returns whether anything changed (setting the
    /// status it already has records nothing).
    pub fn set_status(
        &mut self,
        r: ItemRef,
        status: &str,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let key = self.meta.resolve_status(status)?.key.clone();
        self.check_ref(r)?;
        let task = self.task_mut(r.task)?;
        let id = r.to_string();
        let slot = match r.sub {
            None => &mut task.status,
            Some(_) => {
                &mut task
                    .measures
                    .iter_mut()
                    .find(|m| m.id == id)
                    .expect("checked above")
                    .status
            }
        };
        if *slot == key {
            return Ok(false);
        }
        let from = std::mem::replace(slot, key.clone());
        task.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::Status,
            on: id,
            from: Some(from),
            to: Some(key),
            note: None,
        });
        Ok(true)
    }

    /// Add an evidence note; returns its id.
    pub fn add_note(
        &mut self,
        r: ItemRef,
        text: &str,
        reference: Option<&str>,
        stamp: &Stamp,
    ) -> Result<String, ModelError> {
        let text = text.trim_end_matches(['\n', ' ']).to_string();
        if text.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        self.check_ref(r)?;
        let id = new_note_id(stamp);
        let task = self.task_mut(r.task)?;
        task.notes.push(Note {
            id: id.clone(),
            at: stamp.at,
            author: stamp.author.clone(),
            on: r.sub.map(|_| r.to_string()),
            text,
            reference: clean_ref(reference),
            edited: None,
        });
        task.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::NoteAdded,
            on: r.to_string(),
            from: None,
            to: None,
            note: Some(id.clone()),
        });
        Ok(id)
    }

    /// Find a note anywhere on the board: (task number, index in its notes).
    pub fn find_note(&self, id: &str) -> Option<(u32, usize)> {
        self.tasks.iter().find_map(|t| {
            t.notes
                .iter()
                .position(|n| n.id == id)
                .map(|i| (t.number, i))
        })
    }

    /// Replace a note's text and reference. Returns whether anything changed.
    pub fn edit_note(
        &mut self,
        id: &str,
        text: &str,
        reference: Option<&str>,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let text = text.trim_end_matches(['\n', ' ']).to_string();
        if text.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let task = self.task_mut(number)?;
        let note = &mut task.notes[i];
        let reference = clean_ref(reference);
        if note.text == text && note.reference == reference {
            return Ok(false);
        }
        note.text = text;
        note.reference = reference;
        note.edited = Some(stamp.at);
        let on = note.on.clone().unwrap_or_else(|| number.to_string());
        task.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::NoteEdited,
            on,
            from: None,
            to: None,
            note: Some(id.to_string()),
        });
        Ok(true)
    }

    /// Remove a note (used by undo of an added note). The removal is in history.
    pub fn remove_note(&mut self, id: &str, stamp: &Stamp) -> Result<Note, ModelError> {
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let task = self.task_mut(number)?;
        let note = task.notes.remove(i);
        task.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::NoteRemoved,
            on: note.on.clone().unwrap_or_else(|| number.to_string()),
            from: None,
            to: None,
            note: Some(id.to_string()),
        });
        Ok(note)
    }

    /// Put a removed note back as it was (redo of an add, undo of a removal).
    pub fn restore_note(&mut self, note: Note, stamp: &Stamp) -> Result<(), ModelError> {
        let number = note
            .on
            .as_deref()
            .and_then(|m| m.split('.').next())
            .and_then(|n| n.parse().ok());
        let number = match number {
            Some(n) => n,
            None => return Err(ModelError::UnknownNote(note.id)),
        };
        self.restore_note_on(number, note, stamp)
    }

    /// Put a note back on the given task, keeping its id, time and author.
    pub fn restore_note_on(
        &mut self,
        number: u32,
        note: Note,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        let task = self.task_mut(number)?;
        if task.notes.iter().any(|n| n.id == note.id) {
            return Ok(());
        }
        task.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::NoteAdded,
            on: note.on.clone().unwrap_or_else(|| number.to_string()),
            from: None,
            to: None,
            note: Some(note.id.clone()),
        });
        let pos = task.notes.partition_point(|n| n.at <= note.at);
        task.notes.insert(pos, note);
        Ok(())
    }

    /// Set a target's current value (`None` clears it). Returns whether anything changed.
    pub fn set_target(
        &mut self,
        task: u32,
        id: &str,
        value: Option<f64>,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let t = self.task_mut(task)?;
        let target =
            t.targets
                .iter_mut()
                .find(|x| x.id == id)
                .ok_or_else(|| ModelError::UnknownTarget {
                    task,
                    id: id.to_string(),
                })?;
        if target.current == value {
            return Ok(false);
        }
        let from = target.current.map(format_value);
        target.current = value;
        target.updated = Some(stamp.at);
        target.updated_by = Some(stamp.author.clone());
        t.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind: EventKind::Target,
            on: id.to_string(),
            from,
            to: value.map(format_value),
            note: None,
        });
        Ok(true)
    }
}

fn clean_ref(reference: Option<&str>) -> Option<String> {
    reference
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// A note id that is unique across processes and machines: time plus random bits.
pub fn new_note_id(stamp: &Stamp) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.write_u32(std::process::id());
    format!(
        "{}-{:08x}",
        stamp.at.format("%Y%m%d%H%M%S"),
        h.finish() as u32
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            author: "zhang".into(),
            at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
        }
    }

    fn board() -> Board {
        Board {
            meta: BoardMeta {
                schema: SCHEMA,
                title: "t".into(),
                issued: None,
                source: "s".into(),
                created: stamp().at,
                statuses: default_statuses(),
            },
            tasks: vec![Task {
                schema: SCHEMA,
                number: 15,
                title: "加快推动城市更新".into(),
                text: "x".into(),
                status: "todo".into(),
                lead: vec![],
                partners: vec![],
                deadline: None,
                measures: vec![Measure {
                    id: "15.1".into(),
                    text: "m".into(),
                    status: "todo".into(),
                    lead: vec![],
                    partners: vec![],
                    deadline: None,
                }],
                targets: vec![Target {
                    id: "15.1".into(),
                    label: "加装电梯".into(),
                    phrase: "200台".into(),
                    target: 200.0,
                    unit: "台".into(),
                    qualifier: None,
                    measure: None,
                    current: None,
                    updated: None,
                    updated_by: None,
                }],
                notes: vec![],
                history: vec![],
            }],
        }
    }

    #[test]
    fn item_ref_parses_tasks_and_measures() {
        assert_eq!(
            "15".parse::<ItemRef>().unwrap(),
            ItemRef {
                task: 15,
                sub: None
            }
        );
        assert_eq!(
            "15.2".parse::<ItemRef>().unwrap(),
            ItemRef {
                task: 15,
                sub: Some(2)
            }
        );
        assert!("x".parse::<ItemRef>().is_err());
        assert!("0".parse::<ItemRef>().is_err());
        assert!("15.".parse::<ItemRef>().is_err());
    }

    #[test]
    fn status_resolves_chinese_english_and_column_number() {
        let b = board();
        assert_eq!(b.meta.resolve_status("推进中").unwrap().key, "doing");
        assert_eq!(b.meta.resolve_status("DONE").unwrap().key, "done");
        assert_eq!(b.meta.resolve_status("3").unwrap().key, "behind");
        assert_eq!(b.meta.resolve_status("in progress").unwrap().key, "doing");
        let err = b.meta.resolve_status("finished").unwrap_err();
        assert!(err.to_string().contains("已完成/done"), "{err}");
        assert!(b.meta.resolve_status("5").is_err());
    }

    #[test]
    fn set_status_records_history_once() {
        let mut b = board();
        let r = "15".parse().unwrap();
        assert!(b.set_status(r, "doing", &stamp()).unwrap());
        assert!(!b.set_status(r, "推进中", &stamp()).unwrap());
        let t = b.task(15).unwrap();
        assert_eq!(t.status, "doing");
        assert_eq!(t.history.len(), 1);
        assert_eq!(t.history[0].from.as_deref(), Some("todo"));
        assert!(matches!(
            b.set_status("15.9".parse().unwrap(), "done", &stamp()),
            Err(ModelError::UnknownMeasure { .. })
        ));
        assert!(matches!(
            b.set_status("16".parse().unwrap(), "done", &stamp()),
            Err(ModelError::UnknownTask(16))
        ));
    }

    #[test]
    fn notes_are_added_edited_and_removed_with_history() {
        let mut b = board();
        let id = b
            .add_note(
                "15.1".parse().unwrap(),
                "完成\n第二行\n",
                Some(" 杨府发〔2023〕1号 "),
                &stamp(),
            )
            .unwrap();
        let t = b.task(15).unwrap();
        assert_eq!(t.notes[0].text, "完成\n第二行");
        assert_eq!(t.notes[0].reference.as_deref(), Some("杨府发〔2023〕1号"));
        assert_eq!(t.notes_on("15.1").count(), 1);
        assert_eq!(t.own_notes().count(), 0);
        assert!(b.edit_note(&id, "改", None, &stamp()).unwrap());
        let note = b.remove_note(&id, &stamp()).unwrap();
        assert_eq!(note.text, "改");
        b.restore_note(note, &stamp()).unwrap();
        assert_eq!(b.task(15).unwrap().notes.len(), 1);
        assert_eq!(b.task(15).unwrap().history.len(), 4);
        assert_eq!(
            b.add_note("15".parse().unwrap(), "  \n", None, &stamp()),
            Err(ModelError::EmptyNote)
        );
    }

    #[test]
    fn deadlines_read_both_quoted_and_native_toml_dates() {
        #[derive(Deserialize)]
        struct D {
            #[serde(default, with = "toml_date")]
            d: Option<NaiveDate>,
        }
        let want = NaiveDate::from_ymd_opt(2023, 12, 31);
        assert_eq!(toml::from_str::<D>("d = \"2023-12-31\"").unwrap().d, want);
        assert_eq!(toml::from_str::<D>("d = 2023-12-31").unwrap().d, want);
        assert!(toml::from_str::<D>("d = \"年底\"").is_err());
        assert_eq!(toml::from_str::<D>("").unwrap().d, None);
    }

    #[test]
    fn target_values_parse_chinese_forms() {
        assert_eq!(parse_value("7.4万").unwrap(), 74000.0);
        assert_eq!(parse_value("１２０").unwrap(), 120.0);
        assert_eq!(parse_value("1,200").unwrap(), 1200.0);
        assert!(parse_value("many").is_err());
        assert!(parse_value("inf").is_err());
        assert_eq!(format_value(74000.0), "74000");
        assert_eq!(format_value(16.5), "16.5");
    }

    #[test]
    fn set_target_records_from_and_to() {
        let mut b = board();
        assert!(b.set_target(15, "15.1", Some(120.0), &stamp()).unwrap());
        assert!(!b.set_target(15, "15.1", Some(120.0), &stamp()).unwrap());
        let t = b.task(15).unwrap();
        assert_eq!(t.targets[0].current, Some(120.0));
        assert_eq!(t.history[0].to.as_deref(), Some("120"));
        assert!(b.set_target(15, "15.9", Some(1.0), &stamp()).is_err());
    }
}
