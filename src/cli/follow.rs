//! Follow-through on the command line: `decide`, `decisions`, `decision ID done|drop|open`,
//! `due … --extend`, `urge`, `source`, and what `show`, `status` add about them.
//!
//! Every change is one locked read–modify–write of `follow/N.toml` (and, for an extension of
//! a task or measure, of `tasks/N.toml`), through `store::decisions`.

use super::{Ctx, Failure};
use crate::model::decision::{
    self, DecisionState, Follow, FollowRef, NewDecision, SOURCE_KINDS, Source,
};
use crate::model::schedule::{self, Warning};
use crate::model::{Board, ItemRef, ModelError};
use crate::report::follow::{self as view, View};
use crate::strings::follow as s;
use chrono::{Datelike, NaiveDate};
use clap::{Subcommand, ValueEnum};

use std::io::Write;
use std::path::PathBuf;

#[path = "urge.rs"]
pub mod urge;

#[path = "follow_shown.rs"]
mod shown;
pub use shown::{ledger_rows, report_section, show_text, status_tail};

/// The follow-through commands (flattened into `keywork`'s own).
#[derive(Debug, Subcommand)]
pub enum FollowCommand {
    /// Record a decision (议定事项) on a task or measure, e.g. from a 常务会.
    Decide {
        /// Task or measure: 15 or 15.2.
        item: String,
        /// What was decided.
        text: String,
        /// The unit answerable for it.
        #[arg(long, value_name = "UNIT")]
        unit: String,
        /// Its deadline (2024-12-31, 12-31, 年底, Q4 …).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// The review meeting that made it (its date).
        #[arg(long, value_name = "DATE")]
        meeting: Option<String>,
        /// Where it came from (常务会议, 领导批示 …).
        #[arg(long, value_name = "KIND")]
        source: Option<String>,
    },
    /// The decisions (议定事项), by task.
    Decisions {
        /// Only the open ones.
        #[arg(long)]
        open: bool,
        /// Only this unit's (part of a name is enough).
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Close a decision as done (with evidence) or dropped, or open it again.
    Decision {
        /// Its id: D15-2.
        id: String,
        #[arg(value_enum)]
        action: CloseArg,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What shows it was done (a file, a document number).
        #[arg(long, value_name = "TEXT")]
        evidence: Option<String>,
    },
    /// Record an urging notice (催办) and write it (督办通知单) as Markdown and Word.
    Urge {
        /// Task, measure or decision: 15, 15.2, D15-2.
        item: String,
        /// Default: what the `[urge]` rule proposes.
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What the notice expects by when (default: the deadline if still ahead, else in 7 days).
        #[arg(long, value_name = "DATE")]
        expected: Option<String>,
        /// Where to write the notice files (default: the current directory).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Where a task or decision came from (来源).
    Source {
        /// Task or decision: 15, D15-2.
        item: String,
        /// 政府工作报告, 常务会议, 领导批示, 上级交办, 人大建议/政协提案, or one of the config's.
        kind: String,
        /// For a 批示: its text.
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// Who gave it.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// When it was reported back (反馈).
        #[arg(long, value_name = "DATE")]
        feedback: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CloseArg {
    Done,
    Drop,
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Blue,
    Yellow,
    Red,
}

impl LevelArg {
    fn level(self) -> Warning {
        match self {
            LevelArg::Blue => Warning::Blue,
            LevelArg::Yellow => Warning::Yellow,
            LevelArg::Red => Warning::Red,
        }
    }
}

fn view(ctx: &Ctx) -> View<'_> {
    View {
        lang: ctx.config.lang,
        date_format: &ctx.config.date_format,
        today: ctx.config.now().date_naive(),
    }
}

fn clean(s: Option<&str>) -> String {
    s.map(crate::text::strip_line)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn year_of(ctx: &Ctx) -> Result<i32, Failure> {
    let (meta, _) = ctx.store.load_summaries()?;
    Ok(schedule::board_start(&meta).year())
}

fn date(s: Option<&str>, year: i32) -> Result<Option<NaiveDate>, Failure> {
    Ok(s.map(|s| schedule::parse_deadline(s, year)).transpose()?)
}

pub fn dispatch(ctx: &Ctx, cmd: FollowCommand, out: &mut impl Write) -> Result<(), Failure> {
    ctx.ensure_board()?;
    match cmd {
        FollowCommand::Decide {
            item,
            text,
            unit,
            due,
            meeting,
            source,
        } => {
            let r: ItemRef = item.parse()?;
            let year = year_of(ctx)?;
            let stamp = ctx.stamp();
            let source = source
                .map(|k| resolve_kind(&k, &ctx.config.source_kinds))
                .transpose()?
                .map(|kind| Source {
                    kind,
                    set: stamp.at,
                    ..Source::default()
                });
            let new = NewDecision {
                on: r,
                text: crate::text::strip_line(&text),
                unit: clean(Some(&unit)),
                due: date(due.as_deref(), year)?,
                meeting: date(meeting.as_deref(), year)?,
                source,
            };
            let (id, _, _) = ctx.store.update_task_follow(r.task, |b, f| {
                b.check_ref(r)?;
                f.decide(new, &stamp)
            })?;
            writeln!(out, "{}", s::decided(ctx.config.lang, &id, &r.to_string()))?;
            if let Some(w) =
                super::owners::unit_warning(ctx.config.lang, &clean(Some(&unit)), &ctx.config.units)
            {
                crate::sanitize::eprint_line(&w);
            }
            Ok(())
        }
        FollowCommand::Decisions { open, unit, json } => {
            list(ctx, open, unit.as_deref(), json, out)
        }
        FollowCommand::Decision {
            id,
            action,
            note,
            evidence,
        } => {
            let id = decision_id(&id)?;
            let state = match action {
                CloseArg::Done => DecisionState::Done,
                CloseArg::Drop => DecisionState::Dropped,
                CloseArg::Open => DecisionState::Open,
            };
            let stamp = ctx.stamp();
            let (note, evidence) = (clean(note.as_deref()), clean(evidence.as_deref()));
            let (changed, _) = ctx
                .store
                .update_follow(decision::id_task(&id).unwrap_or(0), |f| {
                    f.close(&id, state, &note, &evidence, &stamp)
                })?;
            let mut line = s::decision_now(ctx.config.lang, &id, s::state(ctx.config.lang, state));
            if !changed {
                line = s::paren(ctx.config.lang, &line, s::unchanged(ctx.config.lang));
            }
            writeln!(out, "{line}")?;
            Ok(())
        }
        FollowCommand::Urge {
            item,
            level,
            note,
            expected,
            dir,
        } => urge::urge(
            ctx,
            &item,
            level.map(LevelArg::level),
            note.as_deref(),
            expected.as_deref(),
            dir,
            out,
        ),
        FollowCommand::Source {
            item,
            kind,
            text,
            by,
            date: given,
            feedback,
        } => {
            let on = FollowRef::parse(&item)?;
            let year = year_of(ctx)?;
            let kind = resolve_kind(&kind, &ctx.config.source_kinds)?;
            let source = Source {
                kind: kind.clone(),
                text: clean(text.as_deref()),
                by: clean(by.as_deref()),
                date: date(given.as_deref(), year)?,
                feedback: date(feedback.as_deref(), year)?,
                set: ctx.config.now(),
            };
            set_source(&ctx.store, &on, source)?;
            writeln!(out, "{}", s::source_set(ctx.config.lang, &on.key(), &kind))?;
            Ok(())
        }
    }
}

fn decision_id(s: &str) -> Result<String, Failure> {
    match FollowRef::parse(s) {
        Ok(FollowRef::Decision(id)) => Ok(id),
        _ => Err(ModelError::BadRef(s.to_string()).into()),
    }
}

/// Set the source of a task or decision: what `keywork source` and the board's `s` both do.
pub fn set_source(
    store: &crate::store::Store,
    on: &FollowRef,
    source: Source,
) -> Result<(), Failure> {
    store.update_follow(on.task(), |f| f.set_source(on, source))?;
    Ok(())
}

/// The source kinds a board knows: the usual ones and the config's.
pub fn known_kinds(extra: &[String]) -> Vec<String> {
    SOURCE_KINDS
        .iter()
        .map(|k| k.to_string())
        .chain(extra.iter().cloned())
        .collect()
}

/// A source kind as typed: a known kind or part of one (批示 → 领导批示), or the config's.
pub fn resolve_kind(typed: &str, extra: &[String]) -> Result<String, Failure> {
    let typed = crate::text::strip_line(typed).trim().to_string();
    let known = known_kinds(extra);
    if let Some(k) = known.iter().find(|k| **k == typed) {
        return Ok(k.clone());
    }
    let partial: Vec<&String> = known
        .iter()
        .filter(|k| !typed.is_empty() && k.contains(typed.as_str()))
        .collect();
    match partial.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(Failure::usage(move |l| {
            s::unknown_source(l, &typed, &known.join("、")) // data: the list separator of unit and kind names
        })),
    }
}

fn list(
    ctx: &Ctx,
    open: bool,
    unit: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let follows = ctx.store.load_follows()?;
    let v = view(ctx);
    let unit = unit.map(|u| clean(Some(u)));
    let chosen: Vec<(&Follow, &decision::Decision)> = follows
        .iter()
        .flat_map(|f| f.decisions.iter().map(move |d| (f, d)))
        .filter(|(_, d)| !open || d.state == DecisionState::Open)
        .filter(|(_, d)| unit.as_deref().is_none_or(|u| d.unit.contains(u)))
        .collect();
    if json {
        let all: Vec<crate::cli::output::json::DecisionJson> = chosen
            .iter()
            .map(|(f, d)| crate::cli::output::json::DecisionJson::new(f, d, v.today))
            .collect();
        writeln!(out, "{}", crate::cli::output::json::pretty(&all)?)?;
        return Ok(());
    }
    if chosen.is_empty() {
        writeln!(out, "{}", s::no_decisions(ctx.config.lang))?;
    }
    for (f, d) in chosen {
        writeln!(out, "{}", view::decision_line(d, f, &v))?;
    }
    Ok(())
}

fn deadline_of(board: &Board, r: ItemRef) -> Option<NaiveDate> {
    let task = board.task(r.task)?;
    match r.sub {
        None => task.deadline,
        Some(_) => task.measure(&r.to_string())?.deadline,
    }
}

/// `keywork due ITEM DATE [--extend --reason TEXT [--approved-by NAME]]`: an extension is
/// recorded with the original date kept; a plain change of a deadline that had passed is made
/// and warned about (was it an extension?).
pub fn due(
    ctx: &Ctx,
    item: &str,
    date_text: Option<&str>,
    clear: bool,
    extend: bool,
    (reason, approved_by): (Option<&str>, Option<&str>),
    out: &mut impl Write,
) -> Result<(), Failure> {
    let on = FollowRef::parse(item)?;
    if !extend && let FollowRef::Item(r) = on {
        ctx.ensure_board()?;
        let before = deadline_of(&ctx.store.load_task(r.task)?, r);
        super::owners::due(ctx, item, date_text, clear, out)?;
        let today = ctx.config.now().date_naive();
        if let Some(old) = before.filter(|d| *d < today) {
            crate::sanitize::eprint_line(&format!(
                "keywork: {}",
                s::passed_deadline(ctx.config.lang, &on.key(), &view(ctx).day(old))
            ));
        }
        return Ok(());
    }
    if !extend {
        return Err(Failure::Usage(s::decision_due_extends(
            ctx.config.lang,
            &on.key(),
        )));
    }
    ctx.ensure_board()?;
    let year = year_of(ctx)?;
    let Some(to) = date(date_text.filter(|_| !clear), year)? else {
        return Err(Failure::Usage(
            ModelError::BadDate(String::new()).to_string(),
        ));
    };
    let stamp = ctx.stamp();
    let (reason, approved) = (clean(reason), clean(approved_by));
    let (from, _, _) = ctx.store.update_task_follow(on.task(), |b, f| {
        let from = match &on {
            FollowRef::Item(r) => {
                b.check_ref(*r)?;
                let from = deadline_of(b, *r);
                b.set_deadline(*r, Some(to), &stamp)?;
                from
            }
            FollowRef::Decision(id) => {
                f.decision(id)
                    .ok_or_else(|| ModelError::BadRef(id.clone()))?
                    .due
            }
        };
        f.extend(&on, from, to, &reason, &approved, &stamp)?;
        Ok(from)
    })?;
    let v = view(ctx);
    let from = from.map_or("—".to_string(), |d| v.day(d));
    writeln!(
        out,
        "{}",
        s::extension_recorded(v.lang, &on.key(), &from, &v.day(to))
    )?;
    Ok(())
}
