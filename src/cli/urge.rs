//! `keywork urge`: an urging notice (催办) recorded in `follow/N.toml` and written as the
//! 督办通知单 (Markdown and Word); the level proposed by the config's `[urge]` rule. The
//! board's `U` key goes through the same `record` (the level it offers from `propose`).

use super::{Failure, clean, date, view, year_of};
use crate::cli::Ctx;
use crate::config::Lang;
use crate::model::Stamp;
use crate::model::decision::{self, DecisionState, Follow, FollowRef, UrgeFacts};
use crate::model::schedule::{self, Warning};
use crate::model::{Board, ItemRef, ModelError};
use crate::report::follow::View;
use crate::report::follow::{self as view_mod, NoticeFacts};
use crate::store::Store;
use crate::strings::follow as s;
use chrono::Duration;
use std::io::Write;
use std::path::PathBuf;

/// What urging needs from the config besides the board.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub lang: Lang,
    pub date_format: String,
    /// `[schedule]`: when a task is behind.
    pub schedule: schedule::Thresholds,
    /// `[urge]`: the escalation rule.
    pub rule: decision::UrgeRule,
    /// `[report] office`: the signature of the Word notice.
    pub office: String,
}

impl Settings {
    pub fn of(config: &crate::config::Config) -> Settings {
        Settings {
            lang: config.lang,
            date_format: config.date_format.clone(),
            schedule: config.schedule,
            rule: config.urge,
            office: config.report.office.clone(),
        }
    }
}

/// One urging notice to record: about what, at which level (none: the rule's), with what
/// note, expecting an answer by when (none: the deadline if ahead, else a week), written where.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub on: FollowRef,
    pub level: Option<Warning>,
    pub note: String,
    pub expected: Option<chrono::NaiveDate>,
    pub dir: PathBuf,
}

/// A notice recorded and written.
#[derive(Debug, Clone, PartialEq)]
pub struct Urged {
    pub id: String,
    pub level: Warning,
    pub md: PathBuf,
    pub docx: PathBuf,
}

impl Urged {
    /// `已记录催办 U15-1（黄），督办通知单：…md、…docx`.
    pub fn say(&self, lang: Lang) -> String {
        s::urge_recorded(
            lang,
            &self.id,
            s::level(lang, self.level),
            self.md.display(),
            self.docx.display(),
        )
    }
}

/// The level the `[urge]` rule proposes for `on` today (blue when it proposes none).
pub fn propose(
    board: &Board,
    f: &Follow,
    on: &FollowRef,
    today: chrono::NaiveDate,
    settings: &Settings,
) -> Result<Warning, ModelError> {
    let (facts, _, _) = facts(board, f, on, today, settings)?;
    Ok(settings
        .rule
        .propose(&facts, today)
        .unwrap_or(Warning::Blue))
}

/// The facts the escalation rule and the notice need about one item.
fn facts(
    board: &Board,
    f: &Follow,
    on: &FollowRef,
    today: chrono::NaiveDate,
    settings: &Settings,
) -> Result<(UrgeFacts, NoticeFacts, String), ModelError> {
    let meta = &board.meta;
    let task = board
        .task(on.task())
        .ok_or(ModelError::UnknownTask(on.task()))?;
    let last_yellow = f
        .urges_of(&on.key())
        .filter(|u| u.level >= Warning::Yellow)
        .map(|u| u.at.date_naive())
        .max();
    let last_change = crate::present::last_change(task).map(|e| e.at.date_naive());
    let th = settings.schedule;
    let start = schedule::board_start(meta);
    let (due, done, behind, what, unit) = match on {
        FollowRef::Item(r @ ItemRef { sub: None, .. }) => {
            let a = schedule::assess(task, meta, start, today, &th);
            let behind = (a.class == schedule::Class::Behind)
                .then(|| a.expected.map(|e| (e, a.actual)))
                .flatten();
            (
                task.deadline,
                meta.is_done(&task.status),
                behind,
                format!("{r} {}", task.title),
                task.lead.join("、"), // data: unit list separator
            )
        }
        FollowRef::Item(r) => {
            let m = task
                .measure(&r.to_string())
                .ok_or_else(|| ModelError::UnknownMeasure {
                    task: r.task,
                    id: r.to_string(),
                })?;
            let lead = if m.lead.is_empty() {
                &task.lead
            } else {
                &m.lead
            };
            (
                m.deadline,
                meta.is_done(&m.status),
                None,
                format!("{r} {}", m.text),
                lead.join("、"), // data: unit list separator
            )
        }
        FollowRef::Decision(id) => {
            let d = f
                .decision(id)
                .ok_or_else(|| ModelError::BadRef(id.clone()))?;
            let what = s::notice_decision(settings.lang, id, &d.text);
            (
                d.due,
                d.state != DecisionState::Open,
                None,
                what,
                d.unit.clone(),
            )
        }
    };
    let rule = UrgeFacts {
        due,
        done,
        behind: behind.is_some(),
        last_yellow,
        last_change,
    };
    Ok((rule, NoticeFacts { what, due, behind }, unit))
}

pub(super) fn urge(
    ctx: &Ctx,
    item: &str,
    level: Option<Warning>,
    note: Option<&str>,
    expected: Option<&str>,
    dir: Option<PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let order = Order {
        on: FollowRef::parse(item)?,
        level,
        note: clean(note),
        expected: date(expected, year_of(ctx)?)?,
        dir: dir.unwrap_or_else(|| PathBuf::from(".")),
    };
    let urged = record(&ctx.store, &Settings::of(&ctx.config), &ctx.stamp(), &order)?;
    writeln!(out, "{}", urged.say(view(ctx).lang))?;
    Ok(())
}

/// Record the notice in the task's follow-up file and write it as Markdown and Word into
/// `order.dir`: what `keywork urge` and the board's `U` both do.
pub fn record(
    store: &Store,
    settings: &Settings,
    stamp: &Stamp,
    order: &Order,
) -> Result<Urged, Failure> {
    let on = &order.on;
    // The notice's names are checked before anything is recorded (and again when written):
    // a symlink or FIFO planted under the next notice's name refuses the whole urge.
    let next = s::notice_stem(settings.lang, &store.load_follow(on.task())?.next_urge_id());
    for ext in ["md", "docx"] {
        crate::cli::outfile::check_generated(&order.dir.join(format!("{next}.{ext}")))?;
    }
    let today = stamp.at.date_naive();
    let rule = settings.rule;
    let ((urge, notice_facts, previous), _, _) = store.update_task_follow(on.task(), |b, f| {
        let (facts, notice_facts, unit) = facts(b, f, on, today, settings)?;
        let level = order
            .level
            .or_else(|| rule.propose(&facts, today))
            .unwrap_or(Warning::Blue);
        let by = order.expected.unwrap_or_else(|| {
            facts
                .due
                .filter(|d| *d > today)
                .unwrap_or(today + Duration::days(7))
        });
        let previous: Vec<_> = f.urges_of(&on.key()).cloned().collect();
        let id = f.urge(on, level, &unit, &order.note, Some(by), stamp)?;
        let urge = f
            .urges
            .iter()
            .find(|u| u.id == id)
            .cloned()
            .expect("just added");
        Ok((urge, notice_facts, previous))
    })?;
    let v = View {
        lang: settings.lang,
        date_format: &settings.date_format,
        today,
    };
    let previous: Vec<&decision::Urge> = previous.iter().collect();
    let md = view_mod::notice(&urge, &notice_facts, &previous, &v);
    let stem = s::notice_stem(v.lang, &urge.id);
    let md_path = order.dir.join(format!("{stem}.md"));
    let docx_path = order.dir.join(format!("{stem}.docx"));
    crate::cli::outfile::write_generated(&md_path, md.as_bytes())?;
    let sign = crate::report::docx::Signature {
        office: settings.office.clone(),
        date: v.day(today),
    };
    let bytes = crate::report::docx::to_docx(&md, v.lang, &sign)
        .map_err(|e| Failure::Runtime(e.to_string()))?;
    crate::cli::outfile::write_generated(&docx_path, &bytes)?;
    Ok(Urged {
        id: urge.id,
        level: urge.level,
        md: md_path,
        docx: docx_path,
    })
}
