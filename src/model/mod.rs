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
    #[error("task {task} has no target {}", target_name(id))]
    UnknownTarget { task: u32, id: String },
    #[error("unknown status '{given}' (known: {known})")]
    UnknownStatus { given: String, known: String },
    #[error("no note {0} on this board")]
    UnknownNote(String),
    #[error("no removed note {0} in the history")]
    NotRemoved(String),
    #[error("note {0} is on the board: nothing to put back")]
    NoteStillThere(String),
    #[error("note {0} is already on {1}")]
    NoteAlreadyOn(String, String),
    #[error("the note is empty")]
    EmptyNote,
    #[error("'{0}' is not a task or measure (expected N or N.M, e.g. 15 or 15.2)")]
    BadRef(String),
    #[error("a target is addressed as N#K (e.g. 15#3, as `show N` lists it), not '{0}'")]
    BadTargetRef(String),
    #[error("'{0}' is not a number")]
    BadNumber(String),
    #[error("no review meeting on {0}")]
    NoReview(String),
    #[error(
        "'{0}' is not a deadline: write 2023-12-31, 12-31 (this board's year), 年底, Q1–Q4 \
         (一季度–四季度) or 上半年"
    )]
    BadDate(String),
    /// An undo or redo refused: the item no longer holds what the undone change left.
    #[error("{item} was changed since by {by}: not undone, their change stays")]
    ChangedSince { item: String, by: String },
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
    /// current / target, 0–100, of each target with a current value.
    #[serde(default)]
    pub target_ratios: Vec<f64>,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Every unit named on the task or its measures (for "my tasks").
    #[serde(default)]
    pub units: Vec<String>,
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
            partners: self.partners.clone(),
            units: {
                let mut all: Vec<String> = Vec::new();
                let named = self.lead.iter().chain(&self.partners).chain(
                    self.measures
                        .iter()
                        .flat_map(|m| m.lead.iter().chain(&m.partners)),
                );
                for u in named {
                    if !all.contains(u) {
                        all.push(u.clone());
                    }
                }
                all
            },
            target_ratios: self
                .targets
                .iter()
                .filter_map(|t| {
                    t.current
                        .filter(|_| t.target > 0.0)
                        .map(|c| (100.0 * c / t.target).clamp(0.0, 100.0))
                })
                .collect(),
        }
    }
}

/// A target as users write it: `15#4`, the 4th target of task 15; the old form `15.4` (which
/// reads as measure 15.4) is still understood for one release ([`is_old_target_ref`]).
/// Returns the task and the stored id (`15.4`).
pub fn parse_target_ref(s: &str) -> Result<(u32, String), ModelError> {
    let t = s.trim();
    let dotted = match t.split_once(['#', '＃']) {
        Some((n, k)) if !n.contains('.') => format!("{n}.{k}"),
        Some(_) => return Err(ModelError::BadTargetRef(s.to_string())),
        None => t.to_string(),
    };
    match dotted.parse::<ItemRef>() {
        Ok(r @ ItemRef { task, sub: Some(_) }) => Ok((task, r.to_string())),
        _ => Err(ModelError::BadTargetRef(s.to_string())),
    }
}

/// Whether a target was written the old way, `N.K`, which reads as a measure.
pub fn is_old_target_ref(s: &str) -> bool {
    !s.contains(['#', '＃']) && parse_target_ref(s).is_ok()
}

/// How a target is named to people everywhere (screens, commands, history, reports, JSON):
/// `15#4` for the stored id `15.4`, so that it cannot be read as measure 15.4.
pub fn target_name(id: &str) -> String {
    match id.split_once('.') {
        Some((n, k)) => format!("{n}#{k}"),
        None => id.to_string(),
    }
}

impl Target {
    /// `15#4`, see [`target_name`].
    pub fn name(&self) -> String {
        target_name(&self.id)
    }

    /// Whether `value` is far outside this target (negative, or more than five times it):
    /// probably a typo (`1,200` for 200台), asked about or warned of before it is saved.
    pub fn implausible(&self, value: f64) -> bool {
        value < 0.0 || (self.target > 0.0 && value > 5.0 * self.target)
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
    // Rounding scales by 1e6: a finite 1e303 would come out infinite.
    let v = round_value(v * factor);
    if !v.is_finite() {
        return Err(bad());
    }
    Ok(v)
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

pub mod decision;
mod notes;
mod ops;
pub mod review;
pub mod schedule;
pub use ops::new_note_id;

#[cfg(test)]
mod tests;
