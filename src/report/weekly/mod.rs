//! The weekly report (周报) in Markdown: Chinese by default, English with `lang = "en"`.
//!
//! A pure function of the board, one review meeting (or none) and a period: a summary (tasks
//! per status, changes in the period, overdue tasks, the schedule tally and warnings as of the
//! period's end), then every task that changed in the period or that the review said something
//! about — status (and from what it changed), measures done, deadline and schedule, targets,
//! the evidence added, the meeting's conclusion and next step — then the other tasks in one
//! compact table so that the report always covers the whole board, and at the end every
//! needs-coordination item (需协调事项) of the review. Text from the board is escaped so
//! that it cannot break the Markdown: table cells never split, multi-line notes stay quoted.
//! Which period and which review make "this week" is the command line's decision
//! (`cli::history`); this module only renders them.

use crate::config::{Lang, to_display};
use crate::model::review::{Review, ReviewItem};
use crate::model::schedule::Thresholds;
use crate::model::{Board, Event, EventKind, Task};
use crate::strings::report as s;
use crate::text;
use chrono::{DateTime, FixedOffset};

type Time = DateTime<FixedOffset>;

/// The stretch of time a report covers: changes after (or at) `from` and up to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Start of the period; `None` covers everything before `to`.
    pub from: Option<Time>,
    /// Whether a change exactly at `from` belongs to the period.
    pub from_inclusive: bool,
    /// End of the period (included).
    pub to: Time,
}

impl Period {
    /// Changes after `from`, not at it: a review's period, which starts where the previous
    /// review ended (a change at that very moment belonged to the previous review).
    pub fn after(from: Option<Time>, to: Time) -> Period {
        Period {
            from,
            from_inclusive: false,
            to,
        }
    }

    /// Changes at or after `from`: a period that starts at the beginning of a day.
    pub fn starting(from: Time, to: Time) -> Period {
        Period {
            from: Some(from),
            from_inclusive: true,
            to,
        }
    }

    pub fn contains(&self, t: Time) -> bool {
        let started = match self.from {
            None => true,
            Some(f) if self.from_inclusive => t >= f,
            Some(f) => t > f,
        };
        started && t <= self.to
    }
}

/// How to write dates and in which language, and the schedule-warning thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub lang: Lang,
    /// Display time zone (`None`: the server's local zone).
    pub offset: Option<FixedOffset>,
    /// strftime format of dates (`%Y-%m-%d`).
    pub date_format: String,
    /// When a task is behind, ahead or due soon (config `[schedule]`).
    pub thresholds: Thresholds,
}

impl Options {
    pub fn new(lang: Lang, offset: Option<FixedOffset>) -> Options {
        Options {
            lang,
            offset,
            date_format: "%Y-%m-%d".to_string(),
            thresholds: Thresholds::default(),
        }
    }

    pub fn from_config(c: &crate::config::Config) -> Options {
        Options {
            lang: c.lang,
            offset: c.offset,
            date_format: c.date_format.clone(),
            thresholds: c.schedule,
        }
    }
}

/// The weekly report of `board` for `period`, with the conclusions of `review` if given.
pub fn weekly(board: &Board, review: Option<&Review>, period: &Period, opts: &Options) -> String {
    let rows: Vec<Row> = board
        .tasks
        .iter()
        .map(|t| Row::new(t, review, period))
        .collect();
    let mut w = Writer {
        board,
        review,
        period,
        opts,
        out: String::with_capacity(16 * 1024),
    };
    w.title();
    w.summary(&rows);
    w.changed_tasks(&rows);
    w.other_tasks(&rows);
    w.coordination();
    w.out
}

/// One task with what happened to it in the period.
struct Row<'a> {
    task: &'a Task,
    /// The net changes people made in the period, oldest first (the import is not one; an
    /// undo and its redo cancel out; the history keeps every step).
    events: Vec<Event>,
    /// What the review recorded, when it recorded anything.
    item: Option<&'a ReviewItem>,
}

impl<'a> Row<'a> {
    fn new(task: &'a Task, review: Option<&'a Review>, period: &Period) -> Row<'a> {
        let events = crate::model::review::net_changes(
            task.history
                .iter()
                .filter(|e| e.kind != EventKind::Created && period.contains(e.at)),
        );
        let item = review
            .and_then(|r| r.item(task.number))
            .filter(|i| has_content(i));
        Row { task, events, item }
    }

    /// Gets a section of its own (rather than a line in the table of other tasks).
    fn detailed(&self) -> bool {
        !self.events.is_empty() || self.item.is_some()
    }

    /// The first change of kind `kind` on `on` in the period.
    fn first(&self, kind: EventKind, on: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.kind == kind && e.on == on)
    }
}

fn has_content(i: &ReviewItem) -> bool {
    !i.conclusion.trim().is_empty() || !i.next_step.trim().is_empty() || i.coordination.is_some()
}

struct Writer<'a> {
    board: &'a Board,
    review: Option<&'a Review>,
    period: &'a Period,
    opts: &'a Options,
    out: String,
}

impl Writer<'_> {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn lang(&self) -> crate::config::Lang {
        self.opts.lang
    }

    fn en(&self) -> bool {
        self.opts.lang.is_en()
    }

    fn day(&self, t: Time) -> String {
        to_display(t, self.opts.offset)
            .format(&self.opts.date_format)
            .to_string()
    }

    fn minute(&self, t: Time) -> String {
        let fmt = format!("{} %H:%M", self.opts.date_format);
        to_display(t, self.opts.offset).format(&fmt).to_string()
    }

    fn status(&self, key: &str) -> String {
        self.board.meta.status_name(key, self.en()).to_string()
    }

    fn day_of(&self, r: &Review) -> String {
        r.date.format(&self.opts.date_format).to_string()
    }

    /// `- label：value` (`- label: value` in English).
    fn field(&self, label: &str, value: &str) -> String {
        format!("- {label}{}{value}", self.sep())
    }

    fn sep(&self) -> &'static str {
        s::field_sep(self.lang())
    }

    /// `（s）` in Chinese, ` (s)` in English.
    fn paren(&self, inside: &str) -> String {
        s::paren(self.lang(), inside)
    }
}

/// Text for inside a Markdown line or table cell: one line, with every character that could
/// start emphasis, code, a link, HTML or an entity, or end a table cell, escaped.
pub fn inline(s: &str) -> String {
    let clean = text::one_line(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.trim().chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of a quoted block: escaped like `inline`, and a leading list marker, heading or
/// numbered-list start made literal.
fn block_line(s: &str) -> String {
    let escaped = inline(s);
    let starts_list = escaped.starts_with(['-', '+', '='])
        && escaped
            .chars()
            .nth(1)
            .is_none_or(|c| c == ' ' || c == '-' || c == '=');
    if starts_list {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    match escaped[digits..].chars().next() {
        Some(c @ ('.' | ')')) if digits > 0 => {
            format!("{}\\{c}{}", &escaped[..digits], &escaped[digits + 1..])
        }
        _ => escaped,
    }
}

mod summary;
mod tasks;
#[cfg(test)]
mod tests;
