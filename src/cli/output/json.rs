//! The `--json` output: a contract for scripts. Every shape a command writes is a struct here,
//! and this file is where the contract is written down.
//!
//! The rules: fields may be added, none renamed or removed; keys come out in alphabetical order
//! (as they always have); a field with no value is `null`, never left out — except in
//! `import`'s `meta` and `tasks`, written as the board's files store them (empty fields left
//! out), and its `update`, present only after `--update`. Times are RFC 3339 with the board's offset; dates
//! `YYYY-MM-DD`; `status` is the status's Chinese name and `status_key` its key in `board.toml`.
//! Text from the board is written as it is stored, with C1 controls and bidi overrides as `\u`
//! escapes (`sanitize::json_line`).
//!
//! | command | shape |
//! | --- | --- |
//! | `status --json` | [`Status`] on one line |
//! | `show N --json` | [`Show`] on one line (with [`ShowFollow`]: `source`, `decisions`, `extensions`, `urges`) |
//! | `decisions --json` | an indented array of [`DecisionJson`] |
//! | `log [N] --json` | an array of [`LogEntry`] on one line, newest first |
//! | `boards --json` | an indented array of [`BoardEntry`] |
//! | `import FILE --dry-run --json`, `import --update --json` | an indented [`ImportRun`] |
//!
//! The first two were promised to scripts from the start, with at least these fields (checked by
//! `tests/cli/json.rs`): `status` — title, issued, statuses, tasks with number, title, status,
//! measures, measures_done, notes, targets (the last four counts), overdue, updated; `show` —
//! number, title, text, status, lead, partners, deadline, measures (id, text, status, notes),
//! targets (id, label, phrase, target, unit, qualifier, current), notes (id, at, author, text,
//! ref) and history (at, author, what). The follow-through fields (issue 18) are in
//! `json/follow.rs`: `show`'s source (kind, text, by, date, feedback, set), decisions (id,
//! task, on, text, unit, due, meeting, source, made, made_by, state, closed, closed_by, note,
//! evidence, carried, updated, age_days, overdue, extensions, urges), extensions (on, from, to,
//! reason, approved_by, at, by) and urges (id, on, level, at, by, unit, note, expected); the
//! same decisions are the entries of `decisions --json`.

pub mod follow;
pub use follow::{DecisionJson, ShowFollow};

use super::{Row, tally};
use crate::cli::{Ctx, Failure};
use crate::config::Lang;
use crate::import::{LevelInfo, ParsedList, SetAside, dry::Counts, update::Outcome};
use crate::model::schedule::{Class, Warning};
use crate::model::{Board, BoardMeta, Event, EventKind, FileRef, Note, Target, Task};
use crate::present;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use std::io::{self, Write};

/// `status --json`: the board and one entry per task shown.
#[derive(Debug, Serialize)]
pub struct Status<'a> {
    pub title: &'a str,
    pub issued: Option<NaiveDate>,
    /// Status names in column order.
    pub statuses: Vec<&'a str>,
    pub tasks: Vec<StatusTask<'a>>,
    /// How many tasks are in each schedule class.
    pub tally: Tally,
}

/// One task of `status --json`.
#[derive(Debug, Serialize)]
pub struct StatusTask<'a> {
    pub number: u32,
    pub title: &'a str,
    pub status: &'a str,
    pub status_key: &'a str,
    /// How many measures.
    pub measures: usize,
    /// How many measures are done.
    pub measures_done: usize,
    /// How many notes (on the task and its measures).
    pub notes: usize,
    /// How many targets.
    pub targets: usize,
    pub overdue: bool,
    pub deadline: Option<NaiveDate>,
    /// The latest change of any kind, or null.
    pub updated: Option<String>,
    pub lead: &'a [String],
    pub partners: &'a [String],
    pub schedule: Schedule,
}

/// Where a task stands against its schedule.
#[derive(Debug, Serialize)]
pub struct Schedule {
    /// `behind`, `on`, `ahead` or `done`.
    pub class: Class,
    /// `red`, `yellow`, `blue` or null.
    pub warning: Option<Warning>,
    /// Progress expected by now, 0–100 with one decimal; null without a deadline.
    pub expected: Option<f64>,
    /// Progress made, 0–100 with one decimal.
    pub actual: f64,
}

/// Tasks per schedule class.
#[derive(Debug, Serialize)]
pub struct Tally {
    pub behind: usize,
    pub on: usize,
    pub ahead: usize,
    pub done: usize,
}

/// `show N --json`: the whole task.
#[derive(Debug, Serialize)]
pub struct Show<'a> {
    pub number: u32,
    pub title: &'a str,
    pub text: &'a str,
    pub status: &'a str,
    pub status_key: &'a str,
    pub lead: &'a [String],
    pub partners: &'a [String],
    pub deadline: Option<NaiveDate>,
    pub leader: &'a [String],
    /// The headings the task stands under, outermost first.
    pub group: &'a [String],
    pub measures: Vec<ShowMeasure<'a>>,
    pub targets: Vec<ShowTarget<'a>>,
    /// The notes on the task itself (a measure's are under the measure).
    pub notes: Vec<ShowNote<'a>>,
    /// Every change, oldest first.
    pub history: Vec<ShowEvent<'a>>,
    /// Source, decisions, extensions, urging.
    #[serde(flatten)]
    pub follow: ShowFollow<'a>,
}

/// A measure of `show --json`.
#[derive(Debug, Serialize)]
pub struct ShowMeasure<'a> {
    /// `15.2`.
    pub id: &'a str,
    pub text: &'a str,
    pub status: &'a str,
    pub status_key: &'a str,
    pub lead: &'a [String],
    pub partners: &'a [String],
    pub deadline: Option<NaiveDate>,
    pub leader: &'a [String],
    pub notes: Vec<ShowNote<'a>>,
}

/// A target of `show --json`. `target` and `current` are plain numbers in `unit`, with 万/亿
/// multiplied out (`7.4万平方米` is 74000, unit `平方米`).
#[derive(Debug, Serialize)]
pub struct ShowTarget<'a> {
    /// `15#4`, as `keywork target` takes it.
    pub id: String,
    pub label: &'a str,
    /// The phrase it came from, verbatim.
    pub phrase: &'a str,
    pub target: f64,
    pub unit: &'a str,
    /// 余 / 以上 / 以内 / 不少于 and the like, or null.
    pub qualifier: Option<&'a str>,
    pub current: Option<f64>,
    /// The measure whose sentence named it, or null.
    pub measure: Option<&'a str>,
    pub updated: Option<String>,
    pub updated_by: Option<&'a str>,
}

/// A note, on the task or on a measure.
#[derive(Debug, Serialize)]
pub struct ShowNote<'a> {
    /// For `rm-note` and `move-note`.
    pub id: &'a str,
    pub at: String,
    pub author: &'a str,
    pub text: &'a str,
    /// The document it cites (`杨府发〔2023〕12号`), or null.
    #[serde(rename = "ref")]
    pub reference: Option<&'a str>,
    /// The evidence files linked to it (`keywork attach`).
    pub files: Vec<ShowFile<'a>>,
}

/// A file of a note: its name, size, kind, hash and place in the board.
#[derive(Debug, Serialize)]
pub struct ShowFile<'a> {
    pub name: &'a str,
    pub size: u64,
    /// `pdf`, `image`, `document`, `spreadsheet`, `slides`, `text`, `archive` or `other`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub sha256: &'a str,
    /// Relative to the board: `files/<sha256>`.
    pub path: String,
}

/// A change in `show --json`'s history.
#[derive(Debug, Serialize)]
pub struct ShowEvent<'a> {
    pub at: String,
    pub author: &'a str,
    /// The change in words, in Chinese whatever the configured language (`15.2 添加佐证`).
    pub what: String,
    pub kind: EventKind,
    /// The task, measure or target it is about.
    pub on: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    /// The note concerned, for note events.
    pub note: Option<&'a str>,
}

/// One change of `log --json`.
#[derive(Debug, Serialize)]
pub struct LogEntry<'a> {
    /// The task's number.
    pub task: u32,
    pub at: String,
    pub author: &'a str,
    pub kind: EventKind,
    pub on: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The note's text (for a removed note, the text it had), or null.
    pub text: Option<&'a str>,
    /// The change in words, in Chinese like `show --json`'s history.
    pub what: String,
}

/// One board of `boards --json`: read, or named with why it could not be read.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum BoardEntry<'a> {
    Board {
        name: &'a str,
        /// The config's `board`.
        default: bool,
        title: &'a str,
        year: i32,
        tasks: usize,
        done: usize,
        notes: usize,
        last_change: Option<String>,
    },
    Broken {
        name: &'a str,
        error: &'a str,
    },
}

/// `import --dry-run --json` and `import --update --json`: the board the list makes (or the
/// updated board), how the list was read, and what the update did.
#[derive(Debug, Serialize)]
pub struct ImportRun<'a> {
    pub meta: &'a BoardMeta,
    pub levels: &'a [LevelInfo],
    /// The encoding the file was read in (`UTF-8`, `gb18030`, …).
    pub encoding: &'a str,
    /// The tasks, as stored in their files.
    pub tasks: &'a [Task],
    /// Lines the import did not use, and why.
    pub set_aside: &'a [SetAside],
    pub counts: Counts,
    /// After `--update` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<&'a Outcome>,
}

/// One JSON document on one line, safe for a terminal. Through `serde_json::Value` so that
/// keys come out sorted, as they always have.
pub fn line(v: &impl Serialize) -> io::Result<String> {
    Ok(crate::sanitize::json_line(&serde_json::to_value(v)?))
}

/// One JSON document, indented, safe for a terminal (keys sorted, like `line`).
pub fn pretty(v: &impl Serialize) -> io::Result<String> {
    Ok(crate::sanitize::json_pretty(&serde_json::to_value(v)?))
}

fn rfc3339(t: Option<DateTime<FixedOffset>>) -> Option<String> {
    t.map(|t| t.to_rfc3339())
}

/// A percentage for scripts: one decimal.
fn ratio(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

impl<'a> Status<'a> {
    pub fn new(meta: &'a BoardMeta, rows: &'a [Row]) -> Self {
        let tasks = rows
            .iter()
            .map(|r| {
                let (t, a) = (&r.summary, &r.schedule);
                StatusTask {
                    number: t.number,
                    title: &t.title,
                    status: meta.status_name(&t.status, false),
                    status_key: &t.status,
                    measures: t.measures(),
                    measures_done: t.measures_done(meta),
                    notes: t.notes,
                    targets: t.targets,
                    overdue: a.overdue,
                    deadline: t.deadline,
                    updated: rfc3339(t.updated),
                    lead: &t.lead,
                    partners: &r.partners,
                    schedule: Schedule {
                        class: a.class,
                        warning: a.warning,
                        expected: a.expected.map(ratio),
                        actual: ratio(a.actual),
                    },
                }
            })
            .collect();
        let [behind, on, ahead, done] = tally(rows);
        Status {
            title: &meta.title,
            issued: meta.issued,
            statuses: meta.statuses.iter().map(|s| s.name.as_str()).collect(),
            tasks,
            tally: Tally {
                behind,
                on,
                ahead,
                done,
            },
        }
    }
}

impl<'a> ShowNote<'a> {
    fn new(n: &'a Note) -> Self {
        ShowNote {
            id: &n.id,
            at: n.at.to_rfc3339(),
            author: &n.author,
            text: &n.text,
            reference: n.reference.as_deref(),
            files: n.files.iter().map(ShowFile::new).collect(),
        }
    }
}

impl<'a> ShowFile<'a> {
    fn new(f: &'a FileRef) -> Self {
        ShowFile {
            name: &f.name,
            size: f.size,
            kind: f.kind().key(),
            sha256: &f.sha256,
            path: format!("{}/{}", crate::store::FILES_DIR, f.sha256),
        }
    }
}

impl<'a> ShowTarget<'a> {
    fn new(x: &'a Target) -> Self {
        ShowTarget {
            id: x.name(),
            label: &x.label,
            phrase: &x.phrase,
            target: x.target,
            unit: &x.unit,
            qualifier: x.qualifier.as_deref(),
            current: x.current,
            measure: x.measure.as_deref(),
            updated: rfc3339(x.updated),
            updated_by: x.updated_by.as_deref(),
        }
    }
}

impl<'a> Show<'a> {
    pub fn new(
        t: &'a Task,
        meta: &'a BoardMeta,
        follow: &'a crate::model::decision::Follow,
        today: NaiveDate,
    ) -> Self {
        let measures = t
            .measures
            .iter()
            .map(|m| ShowMeasure {
                id: &m.id,
                text: &m.text,
                status: meta.status_name(&m.status, false),
                status_key: &m.status,
                lead: &m.lead,
                partners: &m.partners,
                deadline: m.deadline,
                leader: &m.leader,
                notes: t.notes_on(&m.id).map(ShowNote::new).collect(),
            })
            .collect();
        let history = t
            .history
            .iter()
            .map(|e| ShowEvent {
                at: e.at.to_rfc3339(),
                author: &e.author,
                what: present::describe(e, meta, Lang::Zh),
                kind: e.kind,
                on: &e.on,
                from: e.from.as_deref(),
                to: e.to.as_deref(),
                note: e.note.as_deref(),
            })
            .collect();
        Show {
            number: t.number,
            title: &t.title,
            text: &t.text,
            status: meta.status_name(&t.status, false),
            status_key: &t.status,
            lead: &t.lead,
            partners: &t.partners,
            deadline: t.deadline,
            leader: &t.leader,
            group: &t.group,
            measures,
            targets: t.targets.iter().map(ShowTarget::new).collect(),
            notes: t.own_notes().map(ShowNote::new).collect(),
            history,
            follow: ShowFollow::new(follow, today),
        }
    }
}

impl<'a> LogEntry<'a> {
    /// A change of task `task`; `note` is the note it concerns, if the board still has it.
    pub fn new(task: u32, e: &'a Event, note: Option<&'a Note>, meta: &BoardMeta) -> Self {
        let removed = (e.kind == EventKind::NoteRemoved)
            .then_some(e.from.as_deref())
            .flatten();
        LogEntry {
            task,
            at: e.at.to_rfc3339(),
            author: &e.author,
            kind: e.kind,
            on: &e.on,
            from: e.from.as_deref(),
            to: e.to.as_deref(),
            note: e.note.as_deref(),
            text: note.map(|n| n.text.as_str()).or(removed),
            what: present::describe(e, meta, Lang::Zh),
        }
    }
}

impl<'a> ImportRun<'a> {
    pub fn new(list: &'a ParsedList, board: &'a Board, update: Option<&'a Outcome>) -> Self {
        ImportRun {
            meta: &board.meta,
            levels: &list.levels,
            encoding: &list.encoding,
            tasks: &board.tasks,
            set_aside: &list.set_aside,
            counts: crate::import::dry::counts(board),
            update,
        }
    }
}

/// `status --json`.
pub fn status_json(meta: &BoardMeta, rows: &[Row], out: &mut impl Write) -> Result<(), Failure> {
    writeln!(out, "{}", line(&Status::new(meta, rows))?)?;
    Ok(())
}

/// `show N --json`, with the task's follow-up.
pub fn show_json(
    board: &Board,
    follow: &crate::model::decision::Follow,
    ctx: &Ctx,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let t = super::show::the_task(board, ctx.config.lang)?;
    let today = ctx.config.now().date_naive();
    writeln!(out, "{}", line(&Show::new(t, &board.meta, follow, today))?)?;
    Ok(())
}
