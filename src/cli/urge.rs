//! `keywork urge`: an urging notice (催办) recorded in `follow/N.toml` and written as the
//! 督办通知单 (Markdown and Word); the level proposed by the config's `[urge]` rule.

use super::{Failure, clean, date, view, year_of};
use crate::cli::Ctx;
use crate::model::decision::{self, DecisionState, Follow, FollowRef, UrgeFacts};
use crate::model::schedule::{self, Warning};
use crate::model::{Board, ItemRef, ModelError};
use crate::report::follow::{self as view_mod, NoticeFacts};
use crate::strings::follow as s;
use chrono::Duration;
use std::io::Write;
use std::path::PathBuf;

/// The facts the escalation rule and the notice need about one item.
fn facts(
    ctx: &Ctx,
    board: &Board,
    f: &Follow,
    on: &FollowRef,
) -> Result<(UrgeFacts, NoticeFacts, String), ModelError> {
    let today = ctx.config.now().date_naive();
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
    let th = ctx.config.schedule;
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
            let what = s::notice_decision(ctx.config.lang, id, &d.text);
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
    let on = FollowRef::parse(item)?;
    let year = year_of(ctx)?;
    let expected = date(expected, year)?;
    let stamp = ctx.stamp();
    let today = stamp.at.date_naive();
    let note = clean(note);
    let rule = ctx.config.urge;
    let ((urge, notice_facts, previous), _, follow) =
        ctx.store.update_task_follow(on.task(), |b, f| {
            let (facts, notice_facts, unit) = facts(ctx, b, f, &on)?;
            let level = level
                .or_else(|| rule.propose(&facts, today))
                .unwrap_or(Warning::Blue);
            let by = expected.unwrap_or_else(|| {
                facts
                    .due
                    .filter(|d| *d > today)
                    .unwrap_or(today + Duration::days(7))
            });
            let previous: Vec<_> = f.urges_of(&on.key()).cloned().collect();
            let id = f.urge(&on, level, &unit, &note, Some(by), &stamp)?;
            let urge = f
                .urges
                .iter()
                .find(|u| u.id == id)
                .cloned()
                .expect("just added");
            Ok((urge, notice_facts, previous))
        })?;
    let _ = follow;
    let v = view(ctx);
    let previous: Vec<&decision::Urge> = previous.iter().collect();
    let md = view_mod::notice(&urge, &notice_facts, &previous, &v);
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let stem = s::notice_stem(v.lang, &urge.id);
    let md_path = dir.join(format!("{stem}.md"));
    let docx_path = dir.join(format!("{stem}.docx"));
    crate::cli::outfile::write_output(&md_path, md.as_bytes())?;
    let sign = crate::report::docx::Signature {
        office: ctx.config.report.office.clone(),
        date: v.day(today),
    };
    let bytes = crate::report::docx::to_docx(&md, v.lang, &sign)
        .map_err(|e| Failure::Runtime(e.to_string()))?;
    crate::cli::outfile::write_output(&docx_path, &bytes)?;
    writeln!(
        out,
        "{}",
        s::urge_recorded(
            v.lang,
            &urge.id,
            s::level(v.lang, urge.level),
            md_path.display(),
            docx_path.display()
        )
    )?;
    Ok(())
}
