//! `keywork log` and `keywork report`: the history of changes and the weekly report.
//!
//! `log` lists history events newest first — the whole board or one task, optionally from a
//! date and by one author (`--author` filters here) — as an aligned, CJK-aware table or as JSON.
//! `report` picks the period and the review meeting that make "this week" (see `period_of`)
//! and writes the Markdown of `report::weekly` to stdout or, atomically, to a file. Dates on the
//! command line are `YYYY-MM-DD` or `MM-DD` (this year); anything else is a usage error.

use super::output::json::LogEntry;
use super::{Ctx, Failure};
use crate::model::review::Review;
use crate::model::{Board, Event, EventKind, ModelError, Note, Task};
use crate::present;
use crate::report::weekly::{self, Options, Period};
use crate::strings::Lang;
use crate::strings::cli as say;
use crate::text::{self, fit};
use chrono::{DateTime, Datelike, Duration, FixedOffset, Local, NaiveDate, TimeZone};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

type Time = DateTime<FixedOffset>;

/// Changes younger than this read as `3 天前`; older ones as a date and time.
const RELATIVE_DAYS: i64 = 7;
/// Widest author and "what" columns of `log` (longer ones are cut with `⋯`).
const AUTHOR_MAX: usize = 12;
const WHAT_MAX: usize = 36;
/// The period of a report when there is no review meeting to start from.
const DEFAULT_DAYS: i64 = 7;

const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn log(
    ctx: &Ctx,
    task: Option<u32>,
    since: Option<&str>,
    limit: Option<usize>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let now = ctx.config.now();
    let since = match since {
        Some(s) => Some(start_of_day(ctx, parse_date(s, now)?)?),
        None => None,
    };
    ctx.ensure_board()?;
    let board = match task {
        Some(n) => ctx.store.load_task(n)?,
        None => ctx.store.load()?,
    };
    let author = ctx
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let mut entries = entries(&board, since, author);
    if let Some(n) = limit {
        entries.truncate(n);
    }
    let notes = note_index(&board);
    if json {
        log_json(&board, &entries, &notes, out)
    } else {
        log_text(ctx, &board, &entries, &notes, now, out)
    }
}

/// One history event and the task it belongs to.
struct Entry<'a> {
    task: &'a Task,
    event: &'a Event,
    /// Position in the task's history (later events of the same moment come first).
    index: usize,
}

/// The events at or after `since` by `author`, newest first.
fn entries<'a>(board: &'a Board, since: Option<Time>, author: Option<&str>) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry> = board
        .tasks
        .iter()
        .flat_map(|task| {
            task.history
                .iter()
                .enumerate()
                .map(move |(index, event)| Entry { task, event, index })
        })
        .filter(|e| since.is_none_or(|s| e.event.at >= s))
        .filter(|e| author.is_none_or(|a| e.event.author.trim() == a))
        .collect();
    out.sort_by(|a, b| {
        b.event
            .at
            .cmp(&a.event.at)
            .then(a.task.number.cmp(&b.task.number))
            .then(b.index.cmp(&a.index))
    });
    out
}

/// Every note of the board by id (a removed note is not there).
fn note_index(board: &Board) -> HashMap<&str, &Note> {
    board
        .tasks
        .iter()
        .flat_map(|t| t.notes.iter())
        .map(|n| (n.id.as_str(), n))
        .collect()
}

fn note_of<'a>(e: &Event, notes: &HashMap<&str, &'a Note>) -> Option<&'a Note> {
    e.note.as_deref().and_then(|id| notes.get(id).copied())
}

fn log_json(
    board: &Board,
    entries: &[Entry],
    notes: &HashMap<&str, &Note>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let items: Vec<LogEntry> = entries
        .iter()
        .map(|x| LogEntry::new(x.task.number, x.event, note_of(x.event, notes), &board.meta))
        .collect();
    writeln!(out, "{}", super::output::json::line(&items)?)?;
    Ok(())
}

fn log_text(
    ctx: &Ctx,
    board: &Board,
    entries: &[Entry],
    notes: &HashMap<&str, &Note>,
    now: Time,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    if entries.is_empty() {
        writeln!(out, "{}", say::no_changes(lang))?;
        return Ok(());
    }
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|x| {
            let e = x.event;
            [
                when(ctx, e.at, now),
                text::one_line(&e.author),
                text::one_line(&present::describe(e, &board.meta, lang)),
                note_column(e, notes),
            ]
        })
        .collect();
    let widest = |i: usize, max: usize| {
        rows.iter()
            .map(|r| text::width(&r[i]))
            .max()
            .unwrap_or(0)
            .min(max)
    };
    let widths = [
        widest(0, usize::MAX),
        widest(1, AUTHOR_MAX),
        widest(2, WHAT_MAX),
    ];
    let used: usize = widths.iter().sum::<usize>() + 6;
    for row in &rows {
        let note = match ctx.width {
            Some(w) => text::truncate(&row[3], w.saturating_sub(used + 2)),
            None => row[3].clone(),
        };
        let line = format!(
            "{}  {}  {}  {note}",
            paint(ctx, DIM, &fit(&row[0], widths[0])),
            paint(ctx, BOLD, &fit(&row[1], widths[1])),
            fit(&row[2], widths[2]),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn paint(ctx: &Ctx, code: &str, s: &str) -> String {
    if ctx.color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// `3 天前` within the last week, else `2023-10-05 10:00` in the display time zone.
fn when(ctx: &Ctx, at: Time, now: Time) -> String {
    let age = now - at;
    if age >= Duration::zero() && age < Duration::days(RELATIVE_DAYS) {
        present::ago(at, now, ctx.config.lang)
    } else {
        let fmt = format!("{} %H:%M", ctx.config.date_format);
        ctx.config.local(at).format(&fmt).to_string()
    }
}

/// A date as typed: `2023-10-05`, or `10-05` for that day of the current year.
fn parse_date(s: &str, now: Time) -> Result<NaiveDate, Failure> {
    let t = s.trim();
    let bad = || {
        let t = t.to_string();
        Failure::usage(move |l| say::bad_log_date(l, &t))
    };
    let num = |p: &str| -> Option<u32> {
        let digits = !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
        if digits { p.parse().ok() } else { None }
    };
    let parts: Vec<&str> = t.split('-').collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (num(y).and_then(|y| i32::try_from(y).ok()), num(m), num(d)),
        [m, d] if m.len() <= 2 && d.len() <= 2 => (Some(now.year()), num(m), num(d)),
        _ => return Err(bad()),
    };
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Midnight at the start of `date` in the display time zone.
fn start_of_day(ctx: &Ctx, date: NaiveDate) -> Result<Time, Failure> {
    let midnight = date.and_hms_opt(0, 0, 0);
    let at = midnight.and_then(|m| match ctx.config.offset {
        Some(o) => o.from_local_datetime(&m).single(),
        None => Local
            .from_local_datetime(&m)
            .earliest()
            .map(|t| t.fixed_offset()),
    });
    at.ok_or_else(|| Failure::usage(move |l| say::no_midnight(l, &date.to_string())))
}

pub fn report(
    ctx: &Ctx,
    format: super::ReportFormat,
    since: Option<&str>,
    review: Option<&str>,
    output: Option<PathBuf>,
    filter: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let filter = super::filter::parse(ctx, filter)?;
    if format == super::ReportFormat::Docx {
        super::report_docx::check_target(output.as_deref())?;
    }
    let now = ctx.config.now();
    let request = request(ctx, review, since)?;
    ctx.ensure_board()?;
    let mut board = ctx.store.load()?;
    let heading = filter
        .as_ref()
        .map(|f| super::filter::heading(ctx, f, &board.meta));
    super::filter::retain_tasks(ctx, filter, &mut board)?;
    let reviews = match request {
        Request::Review(date) => ctx.store.load_review(date)?.into_iter().collect(),
        _ => ctx.store.load_reviews()?,
    };
    let (period, review) = period_of(&board, &reviews, request, now)?;
    let mut md = weekly::weekly(&board, review, &period, &Options::from_config(&ctx.config));
    md.push_str(&super::follow::report_section(ctx, &board)?);
    let md = match heading {
        Some(h) => super::filter::mark_report(&md, &h),
        None => md,
    };
    if format == super::ReportFormat::Docx {
        return super::report_docx::write(ctx, &md, &period, output, out);
    }
    write_report(ctx.lang(), &md, output, out)
}

/// Print the report, or write it to `output` (`-o`, see `outfile`) and say so.
fn write_report(
    lang: Lang,
    md: &str,
    output: Option<PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let Some(path) = output else {
        out.write_all(md.as_bytes())?;
        return Ok(());
    };
    super::outfile::write_output(&path, md.as_bytes())?;
    writeln!(out, "{}", say::wrote(lang, path.display()))?;
    Ok(())
}

/// What `--review DATE` / `--since DATE` ask a report (or the ledger's evidence) to cover.
pub(super) fn request(
    ctx: &Ctx,
    review: Option<&str>,
    since: Option<&str>,
) -> Result<Request, Failure> {
    let now = ctx.config.now();
    Ok(match (review, since) {
        (Some(d), _) => Request::Review(parse_date(d, now)?),
        (None, Some(d)) => {
            let date = parse_date(d, now)?;
            Request::Since(date, start_of_day(ctx, date)?)
        }
        (None, None) => Request::Latest,
    })
}

/// What the user asked the report to cover.
#[derive(Debug, Clone, Copy)]
pub(super) enum Request {
    /// `--review DATE`.
    Review(NaiveDate),
    /// `--since DATE`: the date and its first moment.
    Since(NaiveDate, Time),
    /// Neither.
    Latest,
}

/// The period of a report and the review whose conclusions it shows.
///
/// - `--review DATE`: that meeting; the period is what it looked at — after its `since` (the
///   previous meeting's end) up to its end, or up to now while it is still going on.
/// - `--since DATE`: from the start of that day up to now; conclusions from the latest meeting
///   held in that period, if any.
/// - Neither: a report made right after a meeting (nothing changed since it finished), or while
///   one is going on, is that meeting's report, so it matches what was said there. Otherwise
///   the period runs from the end of the last meeting up to now, with that meeting's
///   conclusions and next steps (dated, so they read as last week's decisions to follow up).
///   A board without meetings gets the last seven days and no conclusions.
pub(super) fn period_of<'r>(
    board: &Board,
    reviews: &'r [Review],
    request: Request,
    now: Time,
) -> Result<(Period, Option<&'r Review>), Failure> {
    match request {
        Request::Review(date) => {
            let r = reviews
                .iter()
                .find(|r| r.date == date)
                .ok_or_else(|| ModelError::NoReview(date.to_string()))?;
            Ok((Period::after(r.since, r.finished.unwrap_or(now)), Some(r)))
        }
        Request::Since(date, from) => {
            let today = now.date_naive();
            let r = reviews
                .iter()
                .filter(|r| r.date >= date && r.date <= today)
                .max_by_key(|r| (r.date, r.started));
            Ok((Period::starting(from, now), r))
        }
        Request::Latest => Ok(latest(board, reviews, now)),
    }
}

fn latest<'r>(board: &Board, reviews: &'r [Review], now: Time) -> (Period, Option<&'r Review>) {
    let Some(r) = reviews.iter().max_by_key(|r| (r.date, r.started)) else {
        return (
            Period::starting(now - Duration::days(DEFAULT_DAYS), now),
            None,
        );
    };
    match r.finished {
        None => (Period::after(r.since, now), Some(r)),
        Some(end) if !changed_after(board, end) => (Period::after(r.since, end), Some(r)),
        Some(end) => (Period::after(Some(end), now), Some(r)),
    }
}

/// Whether anyone changed the board after `t`.
fn changed_after(board: &Board, t: Time) -> bool {
    board
        .tasks
        .iter()
        .flat_map(|task| &task.history)
        .any(|e| e.kind != EventKind::Created && e.at > t)
}

/// The note column of a `log` line: the note's first line; for a deleted note, its text as
/// it was and its id (for `restore-note`).
fn note_column(e: &crate::model::Event, notes: &HashMap<&str, &Note>) -> String {
    match (note_of(e, notes), e.kind, &e.from, &e.note) {
        (Some(n), _, _, _) => text::first_line(&n.text),
        (None, crate::model::EventKind::NoteRemoved, Some(was), Some(id)) => {
            format!("{}  ({id})", text::first_line(was))
        }
        _ => String::new(),
    }
}
