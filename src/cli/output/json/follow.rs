//! The follow-through part of the `--json` contract (see `super`): what `show N --json` adds
//! about the task (`source`, `decisions`, `extensions`, `urges`) and the entries of
//! `decisions --json`. Every field is written, `null` when it has no value.

use crate::model::decision::{Decision, DecisionState, Extension, Follow, Source, Urge};
use crate::model::schedule::Warning;
use chrono::NaiveDate;
use serde::Serialize;

/// The fields `show N --json` has about the task's follow-through (flattened into [`super::Show`]).
#[derive(Debug, Serialize)]
pub struct ShowFollow<'a> {
    /// Where the task came from, or null.
    pub source: Option<SourceJson<'a>>,
    /// The decisions made on the task and its measures, in id order.
    pub decisions: Vec<DecisionJson<'a>>,
    /// Every extension of the task, its measures and decisions, oldest first.
    pub extensions: Vec<ExtensionJson<'a>>,
    /// Every urging notice of the task, its measures and decisions, oldest first.
    pub urges: Vec<UrgeJson<'a>>,
}

impl<'a> ShowFollow<'a> {
    pub fn new(f: &'a Follow, today: NaiveDate) -> Self {
        ShowFollow {
            source: f.source.as_ref().map(SourceJson::new),
            decisions: f
                .decisions
                .iter()
                .map(|d| DecisionJson::new(f, d, today))
                .collect(),
            extensions: f.extensions.iter().map(ExtensionJson::new).collect(),
            urges: f.urges.iter().map(UrgeJson::new).collect(),
        }
    }
}

/// A source (来源): `kind` (政府工作报告, 常务会议, 领导批示 …); for a 批示 the instruction's
/// `text`, who gave it (`by`), its `date` and when it was reported back (`feedback`).
#[derive(Debug, Serialize)]
pub struct SourceJson<'a> {
    pub kind: &'a str,
    pub text: &'a str,
    pub by: &'a str,
    pub date: Option<NaiveDate>,
    pub feedback: Option<NaiveDate>,
    /// RFC 3339.
    pub set: String,
}

impl<'a> SourceJson<'a> {
    pub fn new(s: &'a Source) -> Self {
        SourceJson {
            kind: &s.kind,
            text: &s.text,
            by: &s.by,
            date: s.date,
            feedback: s.feedback,
            set: s.set.to_rfc3339(),
        }
    }
}

/// A decision (议定事项): an entry of `decisions --json` and of `show N --json`'s `decisions`.
#[derive(Debug, Serialize)]
pub struct DecisionJson<'a> {
    /// `D15-2`.
    pub id: &'a str,
    pub task: u32,
    /// The task or measure it is on: `15`, `15.2`.
    pub on: &'a str,
    pub text: &'a str,
    /// The unit answerable for it.
    pub unit: &'a str,
    pub due: Option<NaiveDate>,
    /// The review meeting that made it; null when made outside a meeting.
    pub meeting: Option<NaiveDate>,
    pub source: Option<SourceJson<'a>>,
    /// RFC 3339.
    pub made: String,
    pub made_by: &'a str,
    /// `open`, `done` or `dropped`.
    pub state: DecisionState,
    /// RFC 3339, or null while open.
    pub closed: Option<String>,
    pub closed_by: &'a str,
    pub note: &'a str,
    pub evidence: &'a str,
    /// The meetings that carried it over.
    pub carried: &'a [NaiveDate],
    /// RFC 3339.
    pub updated: String,
    /// Days since it was made.
    pub age_days: i64,
    /// Open and past its date.
    pub overdue: bool,
    pub extensions: Vec<ExtensionJson<'a>>,
    pub urges: Vec<UrgeJson<'a>>,
}

impl<'a> DecisionJson<'a> {
    pub fn new(f: &'a Follow, d: &'a Decision, today: NaiveDate) -> Self {
        DecisionJson {
            id: &d.id,
            task: f.task,
            on: &d.on,
            text: &d.text,
            unit: &d.unit,
            due: d.due,
            meeting: d.meeting,
            source: d.source.as_ref().map(SourceJson::new),
            made: d.made.to_rfc3339(),
            made_by: &d.made_by,
            state: d.state,
            closed: d.closed.map(|c| c.to_rfc3339()),
            closed_by: &d.closed_by,
            note: &d.note,
            evidence: &d.evidence,
            carried: &d.carried,
            updated: d.updated.to_rfc3339(),
            age_days: d.age(today),
            overdue: d.overdue(today),
            extensions: f.extensions_of(&d.id).map(ExtensionJson::new).collect(),
            urges: f.urges_of(&d.id).map(UrgeJson::new).collect(),
        }
    }
}

/// An extension (延期): of what (`on`), from which date (null if there was none) to which,
/// why, who approved it, when and by whom it was recorded.
#[derive(Debug, Serialize)]
pub struct ExtensionJson<'a> {
    pub on: &'a str,
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub reason: &'a str,
    pub approved_by: &'a str,
    /// RFC 3339.
    pub at: String,
    pub by: &'a str,
}

impl<'a> ExtensionJson<'a> {
    pub fn new(e: &'a Extension) -> Self {
        ExtensionJson {
            on: &e.on,
            from: e.from,
            to: e.to,
            reason: &e.reason,
            approved_by: &e.approved_by,
            at: e.at.to_rfc3339(),
            by: &e.by,
        }
    }
}

/// An urging notice (催办): `U15-1`, about what, at which level (`blue`, `yellow`, `red`),
/// when, by whom, to which unit, with what note, expecting an answer by when.
#[derive(Debug, Serialize)]
pub struct UrgeJson<'a> {
    pub id: &'a str,
    pub on: &'a str,
    pub level: Warning,
    /// RFC 3339.
    pub at: String,
    pub by: &'a str,
    pub unit: &'a str,
    pub note: &'a str,
    pub expected: Option<NaiveDate>,
}

impl<'a> UrgeJson<'a> {
    pub fn new(u: &'a Urge) -> Self {
        UrgeJson {
            id: &u.id,
            on: &u.on,
            level: u.level,
            at: u.at.to_rfc3339(),
            by: &u.by,
            unit: &u.unit,
            note: &u.note,
            expected: u.expected,
        }
    }
}
