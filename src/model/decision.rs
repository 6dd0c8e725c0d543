//! Follow-through of a task (督查督办): what meetings decided about it (议定事项), deadline
//! extensions (延期), urging notices (催办) and where it came from (来源).
//!
//! Owns the types stored in `follow/N.toml` (one file per task, beside `tasks/N.toml`) and the
//! pure rules on them: numbering decisions, closing them, what an extension changes, which
//! urging level the escalation rule proposes, the 办结率 of a meeting, and the three-way merge
//! by id that the sync's merge driver uses. No IO.

use super::schedule::Warning;
use super::{ItemRef, ModelError, SCHEMA, Stamp};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Everything followed up on one task, stored as `follow/N.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Follow {
    #[serde(default = "schema")]
    pub schema: u32,
    pub task: u32,
    /// Where the task came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, rename = "decision", skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, rename = "extension", skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    #[serde(default, rename = "urge", skip_serializing_if = "Vec::is_empty")]
    pub urges: Vec<Urge>,
}

fn schema() -> u32 {
    SCHEMA
}

/// Open, done or dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionState {
    #[default]
    Open,
    Done,
    Dropped,
}

/// One thing a meeting decided (议定事项).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// `D15-2`: the second decision on task 15.
    pub id: String,
    pub text: String,
    /// The unit answerable for it (责任单位).
    #[serde(default)]
    pub unit: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub due: Option<NaiveDate>,
    /// The task or measure it belongs to (`15`, `15.2`).
    pub on: String,
    /// The review meeting that made it; none when recorded outside a meeting.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub meeting: Option<NaiveDate>,
    /// Where it came from (常务会议, 领导批示 …), when not a review meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub made: DateTime<FixedOffset>,
    pub made_by: String,
    #[serde(default)]
    pub state: DecisionState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closed_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What shows it was done (a file, a document number), like a measure's evidence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// Meetings that carried it over, in order (延续到下次会议).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<NaiveDate>,
    /// The latest change of any field (the merge keeps the later version).
    pub updated: DateTime<FixedOffset>,
}

/// A recorded deadline change (延期申请) of a task, measure or decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extension {
    /// `15`, `15.2` or a decision id.
    pub on: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub from: Option<NaiveDate>,
    #[serde(with = "date")]
    pub to: NaiveDate,
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approved_by: String,
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

/// An urging notice (催办/督办通知单) sent about a task, measure or decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Urge {
    /// `U15-1`.
    pub id: String,
    /// `15`, `15.2` or a decision id.
    pub on: String,
    pub level: Warning,
    pub at: DateTime<FixedOffset>,
    /// Who sent it.
    pub by: String,
    /// The unit it is addressed to.
    #[serde(default)]
    pub unit: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What the notice expects by when.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub expected: Option<NaiveDate>,
}

/// Where a task or decision came from (来源).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// 政府工作报告, 常务会议, 领导批示, 上级交办, 人大建议/政协提案 or a name from the config.
    pub kind: String,
    /// For a 批示: the instruction's text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Who gave it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub date: Option<NaiveDate>,
    /// When it was reported back (反馈) to whoever gave it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub feedback: Option<NaiveDate>,
    /// When this source was set (the merge keeps the later).
    pub set: DateTime<FixedOffset>,
}

/// The source kinds every board knows; the config may add more.
pub const SOURCE_KINDS: [&str; 5] = [
    "政府工作报告",      // data: the kinds' names as offices write them
    "常务会议",          // data: idem
    "领导批示",          // data: idem
    "上级交办",          // data: idem
    "人大建议/政协提案", // data: idem
];

/// The kind of source that carries an instruction to report back on (批示).
pub const INSTRUCTION: &str = "领导批示"; // data: a source kind

/// A date always written as text (`"2024-10-12"`).
mod date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        super::super::toml_date::serialize(&Some(*d), s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        super::super::toml_date::deserialize(d)?
            .ok_or_else(|| serde::de::Error::custom("a date is required"))
    }
}

/// A decision or urging id as users type it (`D15-2`, `d15-2`): its task.
pub fn id_task(id: &str) -> Option<u32> {
    let rest = id.trim().get(1..)?;
    let (n, k) = rest.split_once('-')?;
    k.parse::<u32>().ok().filter(|k| *k > 0)?;
    n.parse::<u32>().ok().filter(|n| *n > 0)
}

/// Whether `s` names a decision (`D15-2`) rather than a task or measure.
pub fn is_decision_id(s: &str) -> bool {
    s.trim().starts_with(['D', 'd']) && id_task(s).is_some()
}

/// The canonical spelling of a decision id (`d15-2` → `D15-2`).
pub fn canonical_id(s: &str) -> String {
    let t = s.trim();
    format!("{}{}", t[..1].to_uppercase(), &t[1..])
}

/// What a follow-up command is about: a task, a measure, or a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowRef {
    Item(ItemRef),
    Decision(String),
}

impl FollowRef {
    pub fn parse(s: &str) -> Result<FollowRef, ModelError> {
        if is_decision_id(s) {
            Ok(FollowRef::Decision(canonical_id(s)))
        } else {
            s.parse().map(FollowRef::Item)
        }
    }

    pub fn task(&self) -> u32 {
        match self {
            FollowRef::Item(r) => r.task,
            FollowRef::Decision(id) => id_task(id).unwrap_or(0),
        }
    }

    /// As stored in `on` fields.
    pub fn key(&self) -> String {
        match self {
            FollowRef::Item(r) => r.to_string(),
            FollowRef::Decision(id) => id.clone(),
        }
    }
}

fn next_number(ids: impl Iterator<Item = String>, prefix: &str) -> u32 {
    ids.filter_map(|id| {
        id.strip_prefix(prefix)
            .and_then(|r| r.split_once('-'))
            .and_then(|(_, k)| k.parse::<u32>().ok())
    })
    .max()
    .unwrap_or(0)
        + 1
}

/// What a new decision says; the rest comes from the task file and the stamp.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub on: ItemRef,
    pub text: String,
    pub unit: String,
    pub due: Option<NaiveDate>,
    pub meeting: Option<NaiveDate>,
    pub source: Option<Source>,
}

impl Follow {
    pub fn new(task: u32) -> Follow {
        Follow {
            schema: SCHEMA,
            task,
            ..Follow::default()
        }
    }

    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }

    fn decision_mut(&mut self, id: &str) -> Result<&mut Decision, ModelError> {
        self.decisions
            .iter_mut()
            .find(|d| d.id == id)
            .ok_or_else(|| ModelError::BadRef(id.to_string()))
    }

    /// Record a decision; returns its id.
    pub fn decide(&mut self, new: NewDecision, stamp: &Stamp) -> Result<String, ModelError> {
        if new.text.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        let id = format!(
            "D{}-{}",
            self.task,
            next_number(self.decisions.iter().map(|d| d.id.clone()), "D")
        );
        self.decisions.push(Decision {
            id: id.clone(),
            text: new.text.trim().to_string(),
            unit: new.unit.trim().to_string(),
            due: new.due,
            on: new.on.to_string(),
            meeting: new.meeting,
            source: new.source,
            made: stamp.at,
            made_by: stamp.author.clone(),
            state: DecisionState::Open,
            closed: None,
            closed_by: String::new(),
            note: String::new(),
            evidence: String::new(),
            carried: Vec::new(),
            updated: stamp.at,
        });
        Ok(id)
    }

    /// Close (done or dropped) or reopen a decision. Returns whether anything changed.
    pub fn close(
        &mut self,
        id: &str,
        state: DecisionState,
        note: &str,
        evidence: &str,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let d = self.decision_mut(id)?;
        if d.state == state && d.note == note.trim() && d.evidence == evidence.trim() {
            return Ok(false);
        }
        d.state = state;
        d.note = note.trim().to_string();
        d.evidence = evidence.trim().to_string();
        if state == DecisionState::Open {
            d.closed = None;
            d.closed_by.clear();
        } else {
            d.closed = Some(stamp.at);
            d.closed_by = stamp.author.clone();
        }
        d.updated = stamp.at;
        Ok(true)
    }

    /// Carry a decision over to the meeting of `date` (it stays open).
    pub fn carry(&mut self, id: &str, date: NaiveDate, stamp: &Stamp) -> Result<bool, ModelError> {
        let d = self.decision_mut(id)?;
        if d.carried.contains(&date) {
            return Ok(false);
        }
        d.carried.push(date);
        d.updated = stamp.at;
        Ok(true)
    }

    /// Record an extension of `on` from `from` to `to`; for a decision, its due date moves too.
    pub fn extend(
        &mut self,
        on: &FollowRef,
        from: Option<NaiveDate>,
        to: NaiveDate,
        reason: &str,
        approved_by: &str,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        if reason.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        if let FollowRef::Decision(id) = on {
            let d = self.decision_mut(id)?;
            d.due = Some(to);
            d.updated = stamp.at;
        }
        self.extensions.push(Extension {
            on: on.key(),
            from,
            to,
            reason: reason.trim().to_string(),
            approved_by: approved_by.trim().to_string(),
            at: stamp.at,
            by: stamp.author.clone(),
        });
        Ok(())
    }

    /// The extensions of one item, oldest first.
    pub fn extensions_of<'a>(&'a self, on: &'a str) -> impl Iterator<Item = &'a Extension> + 'a {
        self.extensions.iter().filter(move |e| e.on == on)
    }

    /// The id the next urging notice of this task gets (`U15-3`).
    pub fn next_urge_id(&self) -> String {
        format!(
            "U{}-{}",
            self.task,
            next_number(self.urges.iter().map(|u| u.id.clone()), "U")
        )
    }

    /// Record an urging notice; returns its id.
    pub fn urge(
        &mut self,
        on: &FollowRef,
        level: Warning,
        unit: &str,
        note: &str,
        expected: Option<NaiveDate>,
        stamp: &Stamp,
    ) -> Result<String, ModelError> {
        if let FollowRef::Decision(id) = on {
            self.decision_mut(id)?;
        }
        let id = self.next_urge_id();
        self.urges.push(Urge {
            id: id.clone(),
            on: on.key(),
            level,
            at: stamp.at,
            by: stamp.author.clone(),
            unit: unit.trim().to_string(),
            note: note.trim().to_string(),
            expected,
        });
        Ok(id)
    }

    /// The urging notices of one item, oldest first.
    pub fn urges_of<'a>(&'a self, on: &'a str) -> impl Iterator<Item = &'a Urge> + 'a {
        self.urges.iter().filter(move |u| u.on == on)
    }

    /// Set the source of the task itself or of one of its decisions.
    pub fn set_source(&mut self, on: &FollowRef, source: Source) -> Result<(), ModelError> {
        match on {
            FollowRef::Item(_) => self.source = Some(source),
            FollowRef::Decision(id) => {
                let at = source.set;
                let d = self.decision_mut(id)?;
                d.source = Some(source);
                d.updated = at;
            }
        }
        Ok(())
    }
}

impl Decision {
    /// Closed as done on or before its due date (a decision without a date is on time).
    pub fn on_time(&self) -> bool {
        self.state == DecisionState::Done
            && match (self.due, self.closed) {
                (Some(due), Some(at)) => at.date_naive() <= due,
                _ => true,
            }
    }

    /// Open past its due date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.state == DecisionState::Open && self.due.is_some_and(|d| d < today)
    }

    /// Days since it was made.
    pub fn age(&self, today: NaiveDate) -> i64 {
        (today - self.made.date_naive()).num_days()
    }
}

#[path = "decision_rate.rs"]
mod rate;
pub use rate::Rate;
#[path = "urge_rule.rs"]
mod urge_rule;
pub use urge_rule::{UrgeFacts, UrgeRule};

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
