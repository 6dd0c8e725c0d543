//! The ledger (台账): one row per task or per measure, as CSV or Excel.
//!
//! `rows` turns a board into the ledger's cells (序号 任务 具体举措 牵头单位 配合单位 时间节点 状态
//! 进展情况 佐证材料 指标 更新时间 更新人), every text cleaned by `text::sanitize`. `to_csv` and
//! `ledger_xlsx::to_xlsx` encode them: CSV in UTF-8 with a BOM and CRLF line ends (what Excel
//! on Windows needs to read Chinese), Excel laid out for print (see `ledger_xlsx`). Both guard
//! against formula injection: a cell starting with `=`, `+`, `-` or `@` gets a `'` in CSV and is
//! written as a quote-prefixed string in Excel. Pure: bytes in memory; the command line writes
//! them.

use crate::config::{Lang, to_display};
use crate::model::{Board, BoardMeta, Event, EventKind, Measure, Note, Target, Task};
use crate::present;
use crate::report::weekly::Period;
use crate::strings::report as s;
use crate::text;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{HashMap, HashSet};

mod encode;
pub use encode::{BOM, column_widths, csv_safe, excel_text, formula_like, sheet_name, to_csv};

/// One row per task or one per measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Task,
    Measure,
}

/// The column headers.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    s::ledger_headers(lang)
}

/// The ledger's rows, in board order: cells in the order of `headers`.
pub fn rows(
    board: &Board,
    level: Level,
    lang: Lang,
    offset: Option<FixedOffset>,
    date_format: &str,
    period: Option<&Period>,
) -> Vec<Vec<String>> {
    let f = Cells {
        meta: &board.meta,
        lang,
        offset,
        date_format,
        period,
    };
    match level {
        Level::Task => board.tasks.iter().map(|t| f.task_row(t)).collect(),
        Level::Measure => {
            let mut rows = Vec::new();
            for task in &board.tasks {
                let index = ByMeasure::of(task);
                rows.extend(task.measures.iter().map(|m| f.measure_row(task, m, &index)));
            }
            rows
        }
    }
}

/// How cells are written: status names, dates and times in the configured language and zone.
struct Cells<'a> {
    meta: &'a BoardMeta,
    lang: Lang,
    offset: Option<FixedOffset>,
    date_format: &'a str,
    /// 进展情况 lists the evidence of this period (without one: the latest note).
    period: Option<&'a Period>,
}

impl Cells<'_> {
    fn task_row(&self, task: &Task) -> Vec<String> {
        let measures: Vec<String> = task
            .measures
            .iter()
            .map(|m| format!("{} {}", m.id, clean(&m.text)))
            .collect();
        let latest = task.history.iter().max_by_key(|e| e.at);
        vec![
            task.number.to_string(),
            clean(&task.title),
            measures.join("\n"),
            units(self.lang, &task.lead),
            units(self.lang, &task.partners),
            self.deadline(task.deadline),
            self.status(&task.status),
            self.with_reason(
                self.progress(task.notes.iter(), true),
                task,
                &task.status,
                &task.number.to_string(),
            ),
            self.evidence(
                references(task.notes.iter()),
                task,
                &task.status,
                &task.number.to_string(),
            ),
            targets(self.lang, task.targets.iter()),
            self.time(latest),
            author(latest),
        ]
    }

    fn measure_row(&self, task: &Task, m: &Measure, index: &ByMeasure) -> Vec<String> {
        let pick = |own: &[String], task: &[String]| {
            units(self.lang, if own.is_empty() { task } else { own })
        };
        let notes = index.notes(&m.id);
        let latest = index.latest(&m.id);
        vec![
            m.id.clone(),
            clean(&task.title),
            clean(&m.text),
            pick(&m.lead, &task.lead),
            pick(&m.partners, &task.partners),
            self.deadline(m.deadline.or(task.deadline)),
            self.status(&m.status),
            self.with_reason(
                self.progress(notes.iter().copied(), false),
                task,
                &m.status,
                &m.id,
            ),
            self.evidence(references(notes.iter().copied()), task, &m.status, &m.id),
            targets(
                self.lang,
                task.targets
                    .iter()
                    .filter(|t| t.measure.as_deref() == Some(m.id.as_str())),
            ),
            self.time(latest),
            author(latest),
        ]
    }

    /// The reason an item still closed was closed without evidence (无佐证销号), if it was.
    fn closing_reason<'t>(&self, task: &'t Task, status: &str, on: &str) -> Option<&'t Event> {
        if !self.meta.is_done(status) {
            return None;
        }
        task.history
            .iter()
            .filter(|e| e.kind == EventKind::ClosedWithoutEvidence && e.on == on)
            .max_by_key(|e| e.at)
    }

    /// The progress cell, with `2023-10-11 无佐证销号：reason` under it for an item closed
    /// without evidence.
    fn with_reason(&self, progress: String, task: &Task, status: &str, on: &str) -> String {
        let Some(e) = self.closing_reason(task, status, on) else {
            return progress;
        };
        let date = present::date(self.local(e.at).date_naive(), self.date_format);
        let reason = clean(e.to.as_deref().unwrap_or(""));
        let line = s::ledger_closed_reason(self.lang, &date, &reason);
        match progress.is_empty() {
            true => line,
            false => format!("{progress}\n{line}"),
        }
    }

    /// The evidence cell: the references, or for an item closed without any, saying so.
    fn evidence(&self, refs: String, task: &Task, status: &str, on: &str) -> String {
        if !refs.is_empty() || self.closing_reason(task, status, on).is_none() {
            return refs;
        }
        s::ledger_no_evidence(self.lang).to_string()
    }

    fn status(&self, key: &str) -> String {
        clean(self.meta.status_name(key, self.lang.is_en()))
    }

    fn deadline(&self, d: Option<NaiveDate>) -> String {
        d.map(|d| present::date(d, self.date_format))
            .unwrap_or_default()
    }

    fn local(&self, t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        to_display(t, self.offset)
    }

    /// `YYYY-MM-DD HH:MM` of an event, in the display zone.
    fn time(&self, e: Option<&Event>) -> String {
        e.map(|e| self.local(e.at).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }

    /// The progress cell: every note of the period, oldest first, a line each
    /// (`2023-10-08 text`; on a task's row also naming the measure: `2023-10-08（15.2）text`).
    /// Without a period, or when the period brought none, the latest note.
    fn progress<'n>(
        &self,
        notes: impl Iterator<Item = &'n Note> + Clone,
        name_measure: bool,
    ) -> String {
        let mut of_period: Vec<&Note> = match self.period {
            Some(p) => notes.clone().filter(|n| p.contains(n.at)).collect(),
            None => Vec::new(),
        };
        if of_period.is_empty() {
            of_period.extend(latest_note(notes));
        }
        of_period.sort_by_key(|n| n.at);
        of_period
            .iter()
            .map(|n| self.note_line(n, name_measure))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn note_line(&self, n: &Note, name_measure: bool) -> String {
        let date = present::date(self.local(n.at).date_naive(), self.date_format);
        let body = clean(&n.text);
        match n.on.as_deref() {
            Some(on) if name_measure => s::ledger_note_on(self.lang, &date, on, &body),
            _ => format!("{date} {body}"),
        }
    }
}

/// A task's notes and latest history event per measure, gathered in one pass (a large task
/// has thousands of each).
struct ByMeasure<'a> {
    notes: HashMap<&'a str, Vec<&'a Note>>,
    /// Per measure: the latest status or note event on it, or update of a target its sentence
    /// names.
    latest: HashMap<&'a str, &'a Event>,
    /// The import, which created every measure.
    created: Option<&'a Event>,
}

impl<'a> ByMeasure<'a> {
    fn of(task: &'a Task) -> Self {
        let mut notes: HashMap<&str, Vec<&Note>> = HashMap::new();
        for n in &task.notes {
            if let Some(on) = n.on.as_deref() {
                notes.entry(on).or_default().push(n);
            }
        }
        let mut latest: HashMap<&str, &Event> = HashMap::new();
        let mut created: Option<&Event> = None;
        for e in &task.history {
            let on = match e.kind {
                EventKind::Created => {
                    created = Some(later(created, e));
                    continue;
                }
                EventKind::Reviewed => continue,
                EventKind::Target => match task.target(&e.on).and_then(|t| t.measure.as_deref()) {
                    Some(m) => m,
                    None => continue,
                },
                _ => e.on.as_str(),
            };
            let slot = latest.entry(on).or_insert(e);
            *slot = later(Some(*slot), e);
        }
        ByMeasure {
            notes,
            latest,
            created,
        }
    }

    fn notes(&self, id: &str) -> &[&'a Note] {
        self.notes.get(id).map_or(&[], Vec::as_slice)
    }

    fn latest(&self, id: &str) -> Option<&'a Event> {
        match (self.created, self.latest.get(id)) {
            (c, Some(e)) => Some(later(c, e)),
            (c, None) => c,
        }
    }
}

/// The later of two events; on a tie the one recorded later (`e`).
fn later<'a>(a: Option<&'a Event>, e: &'a Event) -> &'a Event {
    match a {
        Some(a) if a.at > e.at => a,
        _ => e,
    }
}

fn latest_note<'a>(notes: impl Iterator<Item = &'a Note>) -> Option<&'a Note> {
    notes.max_by_key(|n| n.at)
}

/// Every note's reference, one per line, each once, in the order the notes were written.
fn references<'a>(notes: impl Iterator<Item = &'a Note>) -> String {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in notes.filter_map(|n| n.reference.as_deref()) {
        let r = text::one_line(r).trim().to_string();
        if !r.is_empty() && seen.insert(r.clone()) {
            out.push(r);
        }
    }
    out.join("\n")
}

/// `label：current / target unit`, one target per line.
fn targets<'a>(lang: Lang, targets: impl Iterator<Item = &'a Target>) -> String {
    targets
        .map(|t| {
            let label = text::one_line(&t.label);
            s::ledger_target(lang, label.trim(), &present::target_progress(t))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn author(e: Option<&Event>) -> String {
    e.map(|e| text::one_line(&e.author)).unwrap_or_default()
}

/// Units joined the way official documents list them: `区发展改革委、区财政局`.
fn units(lang: Lang, names: &[String]) -> String {
    names
        .iter()
        .map(|n| text::one_line(n).trim().to_string())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(s::list_sep(lang))
}

/// Controls removed, trailing blank lines dropped.
fn clean(s: &str) -> String {
    text::sanitize(s).trim_end().to_string()
}

#[cfg(test)]
mod tests;
