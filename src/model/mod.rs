//! Domain types of a board and the pure operations on them.
//!
//! Owns: `Board`, `Task`, `Measure`, `Target`, `Note`, `Event`, statuses and the rules that
//! change them (every change appends a history event). Must not do IO or know about terminals:
//! the store persists these types, the app and the CLI call the operations.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The current schema version of board and task files.
pub const SCHEMA: u32 = 1;

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
    /// Who issued the list (`某区人民政府办公室`), from its heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Its document number (文号, `某政发〔2024〕2号`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The preamble before the first task, as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
    /// Responsible leaders (责任领导), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leader: Vec<String>,
    /// The section headings above the task, outermost first (`一、稳增长`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<String>,
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
            // A serde message travels as text through the TOML parser, which has no language:
            // English here; the edge words the file error (`strings::errors::toml_detail`).
            .map_err(|e| {
                let why = e.to_string();
                serde::de::Error::custom(crate::strings::model::not_a_date(
                    crate::strings::Lang::En,
                    &text,
                    &why,
                ))
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
    /// Responsible leaders (责任领导), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leader: Vec<String>,
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
    /// Evidence files linked to the note (`keywork attach`), stored in the board's `files/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRef>,
}

/// What a history event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Status,
    NoteAdded,
    NoteEdited,
    /// A note was removed (`from`: its text, `to`: its reference, kept to put it back).
    NoteRemoved,
    Target,
    /// A review meeting went through the task (`to` holds its conclusion).
    Reviewed,
    /// Lead and partner units (`from`/`to`: `lead；partner、partner`).
    Assigned,
    /// The deadline (时间节点) was set, changed or cleared.
    Deadline,
    /// A target was added by hand (`to`: its phrase).
    TargetAdded,
    /// A wrong target was removed (`from`: its phrase).
    TargetRemoved,
    /// A task or measure was closed (销号) without evidence; `to` holds the reason.
    ClosedWithoutEvidence,
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

/// What went wrong applying an operation to a board. Worded at the edge in the user's
/// language (`strings::errors`, `Voiced::say`); `Display` is that catalogue's English, for
/// logs and tests, and no edge shows it to a person.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    UnknownTask(u32),
    UnknownMeasure {
        task: u32,
        id: String,
    },
    UnknownTarget {
        task: u32,
        id: String,
    },
    UnknownStatus {
        given: String,
        known: String,
    },
    UnknownNote(String),
    NotRemoved(String),
    NoteStillThere(String),
    NoteAlreadyOn(String, String),
    EmptyNote,
    /// Not `N` or `N.M`.
    BadRef(String),
    /// Not `N#K`.
    BadTargetRef(String),
    BadNumber(String),
    NoReview(String),
    /// Not a deadline keywork reads.
    BadDate(String),
    /// An undo or redo refused: the item no longer holds what the undone change left.
    ChangedSince {
        item: String,
        by: String,
    },
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::strings::errors::Voiced;
        f.write_str(&self.say(crate::strings::Lang::En))
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

pub mod files;
pub mod filter;
pub use files::FileRef;
pub mod decision;
mod item;
mod notes;
mod ops;
pub mod review;
pub mod schedule;
mod status;
mod summary;
mod values;
pub use item::{Item, ItemMut, ItemRef};
pub use ops::new_note_id;
pub use status::{StatusDef, StatusRole, default_statuses};
pub use summary::Summary;
pub use values::{
    format_value, is_old_target_ref, parse_target_ref, parse_value, round_value, target_name,
};

#[cfg(test)]
mod tests;
