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
use crate::text;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// One row per task or one per measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Task,
    Measure,
}

/// What a UTF-8 CSV starts with so that Excel does not read it as the local code page.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Excel refuses longer cell texts (counted in UTF-16 units).
const EXCEL_MAX_UNITS: usize = 32_767;
/// Widest column, in Excel's character units.
const MAX_WIDTH: usize = 60;
const MIN_WIDTH: usize = 6;

/// The columns: Chinese and English header.
const COLUMNS: [(&str, &str); 12] = [
    ("序号", "No."),
    ("任务", "Task"),
    ("具体举措", "Measures"),
    ("牵头单位", "Lead unit"),
    ("配合单位", "Partner units"),
    ("时间节点", "Deadline"),
    ("状态", "Status"),
    ("进展情况", "Progress"),
    ("佐证材料", "Evidence"),
    ("指标", "Targets"),
    ("更新时间", "Updated"),
    ("更新人", "Updated by"),
];

/// The column headers.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    COLUMNS.iter().map(|(zh, en)| lang.pick(zh, en)).collect()
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
            units(&task.lead),
            units(&task.partners),
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
            targets(task.targets.iter()),
            self.time(latest),
            author(latest),
        ]
    }

    fn measure_row(&self, task: &Task, m: &Measure, index: &ByMeasure) -> Vec<String> {
        let pick = |own: &[String], task: &[String]| units(if own.is_empty() { task } else { own });
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
        let line = match self.lang {
            Lang::Zh => format!("{date} 无佐证销号：{reason}"),
            Lang::En => format!("{date} closed without evidence: {reason}"),
        };
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
        self.lang
            .pick("无（无佐证销号）", "none (closed without evidence)")
            .to_string()
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
            Some(on) if name_measure => match self.lang {
                Lang::Zh => format!("{date}（{on}）{body}"),
                Lang::En => format!("{date} ({on}) {body}"),
            },
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

/// Every note's reference and file names, one per line, each once, in the order the notes
/// were written.
fn references<'a>(notes: impl Iterator<Item = &'a Note>) -> String {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for n in notes {
        // The note's reference, then the names of its files.
        let names = n.files.iter().map(|f| f.shown_name());
        for r in n.reference.iter().map(|r| text::one_line(r)).chain(names) {
            let r = r.trim().to_string();
            if !r.is_empty() && seen.insert(r.clone()) {
                out.push(r);
            }
        }
    }
    out.join("\n")
}

/// `label：current / target unit`, one target per line.
fn targets<'a>(targets: impl Iterator<Item = &'a Target>) -> String {
    targets
        .map(|t| {
            format!(
                "{}：{}",
                text::one_line(&t.label).trim(),
                present::target_progress(t)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn author(e: Option<&Event>) -> String {
    e.map(|e| text::one_line(&e.author)).unwrap_or_default()
}

/// Units joined the way official documents list them: `区发展改革委、区财政局`.
fn units(names: &[String]) -> String {
    names
        .iter()
        .map(|n| text::one_line(n).trim().to_string())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// Controls removed, trailing blank lines dropped.
fn clean(s: &str) -> String {
    text::sanitize(s).trim_end().to_string()
}

/// Whether a spreadsheet would read the cell as a formula (or the start of one).
pub fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as CSV must hold it: a formula-like cell gets a leading `'`.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The ledger as CSV: BOM, CRLF line ends, fields quoted where needed (multi-line cells stay
/// multi-line inside their quotes).
pub fn to_csv(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut buf = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(headers)?;
        for row in rows {
            let cells: Vec<Cow<str>> = row.iter().map(|c| csv_safe(c)).collect();
            w.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("台账", "Ledger")
}

/// A cell cut to what Excel accepts (32,767 UTF-16 units), ending in `⋯` when cut.
pub fn excel_text(cell: &str) -> Cow<'_, str> {
    if cell.len() <= EXCEL_MAX_UNITS || cell.encode_utf16().count() <= EXCEL_MAX_UNITS {
        return Cow::Borrowed(cell);
    }
    let mut used = 0;
    let end = cell
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > EXCEL_MAX_UNITS - 1
        })
        .map_or(cell.len(), |(i, _)| i);
    Cow::Owned(format!("{}⋯", &cell[..end]))
}

/// Column widths in Excel's units: the widest line of the column (CJK characters count
/// double) plus a margin, between `MIN_WIDTH` and `MAX_WIDTH` (longer text wraps).
pub fn column_widths(headers: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .flat_map(|cell| cell.lines())
                .map(text::width)
                // The header also needs room for the filter button.
                .chain([text::width(h) + 2])
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemRef, Stamp, default_statuses};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("a valid time")
    }

    fn stamp(author: &str, t: &str) -> Stamp {
        Stamp {
            author: author.into(),
            at: at(t),
        }
    }

    fn item(task: u32, sub: Option<u32>) -> ItemRef {
        ItemRef { task, sub }
    }

    /// The seed board with task 15 in progress, three notes (two sharing a reference) and
    /// target 15.4 at 120.
    fn board() -> Board {
        let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
        let li = stamp("li", "2023-10-08T01:30:00Z");
        let wang = stamp("wang", "2023-10-10T03:05:00Z");
        b.set_status(item(15, None), "doing", &li).unwrap();
        let doc = "沪杨府〔2023〕12号";
        let notes = [
            (Some(2), "完成签约\x1b[31m", doc, li),
            (None, "第二份", doc, stamp("li", "2023-10-09T02:00:00Z")),
            (Some(4), "加装电梯\n已开工 120 台", "a.pdf", wang.clone()),
        ];
        for (sub, text, r, s) in notes {
            b.add_note(item(15, sub), text, Some(r), &s).unwrap();
        }
        b.set_target(15, "15.4", Some(120.0), &wang).unwrap();
        b
    }

    fn zh(b: &Board, level: Level) -> Vec<Vec<String>> {
        let tz = FixedOffset::east_opt(8 * 3600);
        rows(b, level, Lang::Zh, tz, "%Y-%m-%d", None)
    }

    #[test]
    fn an_item_closed_without_evidence_shows_the_reason_in_progress_and_evidence() {
        let mut b = board();
        let st = stamp("zhao", "2023-10-11T06:00:00Z");
        b.set_status(item(15, Some(3)), "done", &st).unwrap();
        b.record_closing_reason(item(15, Some(3)), "任务调整，由市级统筹", &st)
            .unwrap();
        b.set_status(item(7, None), "done", &st).unwrap();
        b.record_closing_reason(item(7, None), "并入任务 6", &st)
            .unwrap();
        let rows = zh(&b, Level::Measure);
        let m = rows.iter().find(|r| r[0] == "15.3").unwrap();
        assert_eq!(m[7], "2023-10-11 无佐证销号：任务调整，由市级统筹");
        assert_eq!(m[8], "无（无佐证销号）");
        // A measure closed on evidence keeps showing it.
        let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
        assert!(m2[8].contains("沪杨府〔2023〕12号"), "{m2:?}");
        let tasks = zh(&b, Level::Task);
        assert_eq!(tasks[6][7], "2023-10-11 无佐证销号：并入任务 6");
        assert_eq!(tasks[6][8], "无（无佐证销号）");
        // Reopened, the reason no longer applies.
        b.set_status(item(7, None), "doing", &st).unwrap();
        let tasks = zh(&b, Level::Task);
        assert_eq!(tasks[6][7], "");
        assert_eq!(tasks[6][8], "");
    }

    /// 进展情况 holds the evidence of the period, oldest first; a period that brought none
    /// shows the latest note, so the cell still says where the item stands.
    #[test]
    fn progress_lists_the_evidence_of_the_period() {
        let b = board();
        let tz = FixedOffset::east_opt(8 * 3600);
        let week = Period::starting(
            at("2023-10-09T00:00:00+08:00"),
            at("2023-10-12T12:00:00+08:00"),
        );
        let rows = rows(&b, Level::Task, Lang::Zh, tz, "%Y-%m-%d", Some(&week));
        assert_eq!(
            rows[14][7],
            "2023-10-09 第二份\n2023-10-10（15.4）加装电梯\n已开工 120 台"
        );
        let quiet = Period::after(
            Some(at("2023-10-11T00:00:00+08:00")),
            at("2023-10-12T12:00:00+08:00"),
        );
        let rows = super::rows(&b, Level::Task, Lang::Zh, tz, "%Y-%m-%d", Some(&quiet));
        assert_eq!(rows[14][7], "2023-10-10（15.4）加装电梯\n已开工 120 台");
        // A measure's row: only its own notes of the period.
        let rows = super::rows(&b, Level::Measure, Lang::Zh, tz, "%Y-%m-%d", Some(&week));
        let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
        assert_eq!(
            m2[7], "2023-10-08 完成签约^[[31m",
            "none in the week: the latest"
        );
    }

    #[test]
    fn headers_in_both_languages() {
        let h = headers(Lang::Zh);
        assert_eq!(h.len(), 12);
        assert_eq!(&h[..3], ["序号", "任务", "具体举措"]);
        assert_eq!(&h[9..], ["指标", "更新时间", "更新人"]);
        let e = headers(Lang::En);
        assert_eq!(e[0], "No.");
        assert_eq!(e[4], "Partner units");
        assert_eq!(e[11], "Updated by");
    }

    #[test]
    fn task_15_row_holds_the_latest_note_references_and_targets() {
        let b = board();
        let rows = zh(&b, Level::Task);
        assert_eq!(rows.len(), 22);
        let r = &rows[14];
        let task = b.task(15).unwrap();
        assert_eq!(r[0], "15");
        assert_eq!(r[1], "加快推动城市更新");
        let measures: Vec<&str> = r[2].lines().collect();
        assert_eq!(measures.len(), task.measures.len());
        assert!(measures[1].starts_with("15.2 "), "{}", r[2]);
        assert_eq!(r[6], "推进中");
        assert_eq!(r[7], "2023-10-10（15.4）加装电梯\n已开工 120 台");
        assert_eq!(r[8], "沪杨府〔2023〕12号\na.pdf");
        let label = &task.target("15.4").unwrap().label;
        let wanted = format!("{label}：120 / 200台");
        assert!(r[9].lines().any(|l| l == wanted), "{}", r[9]);
        assert_eq!(r[9].lines().count(), task.targets.len());
        assert_eq!(r[10], "2023-10-10 11:05");
        assert_eq!(r[11], "wang");
        // An untouched task: import time, no notes.
        assert_eq!(rows[0][7], "");
        assert_eq!(rows[0][10], "2023-09-20 09:00");
    }

    #[test]
    fn english_rows_use_english_status_names() {
        let rows = rows(&board(), Level::Task, Lang::En, None, "%Y-%m-%d", None);
        assert_eq!(rows[14][6], "in progress");
        assert!(rows[14][7].ends_with("(15.4) 加装电梯\n已开工 120 台"));
    }

    #[test]
    fn measure_rows_have_their_own_status_notes_and_targets() {
        let mut b = board();
        b.set_status(
            item(15, Some(2)),
            "done",
            &stamp("zhao", "2023-10-11T00:00:00Z"),
        )
        .unwrap();
        b.tasks[14].lead = vec!["区建管委".into(), "区房管局".into()];
        let rows = zh(&b, Level::Measure);
        let total: usize = b.tasks.iter().map(|t| t.measures.len()).sum();
        assert_eq!(total, 126, "the seed's measures");
        assert_eq!(rows.len(), total);
        let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
        assert_eq!(m2[1], "加快推动城市更新");
        assert_eq!(m2[2], b.task(15).unwrap().measure("15.2").unwrap().text);
        assert_eq!(m2[3], "区建管委、区房管局");
        assert_eq!(m2[6], "已完成");
        assert_eq!(m2[7], "2023-10-08 完成签约^[[31m");
        assert_eq!(m2[8], "沪杨府〔2023〕12号");
        assert_eq!(
            (m2[10].as_str(), m2[11].as_str()),
            ("2023-10-11 08:00", "zhao")
        );
        // Target 15.4 (200台) belongs to the sentence that named it, not to measure 15.4.
        let owner = b.task(15).unwrap().target("15.4").unwrap().measure.clone();
        let owner = owner.expect("the 200台 target has a measure");
        assert_ne!(owner, "15.4");
        let m = rows.iter().find(|r| r[0] == owner).unwrap();
        assert!(
            m[9].lines().any(|l| l.ends_with("：120 / 200台")),
            "{}",
            m[9]
        );
        assert_eq!((m[6].as_str(), m[7].as_str()), ("未启动", ""));
        assert_eq!(
            (m[10].as_str(), m[11].as_str()),
            ("2023-10-10 11:05", "wang")
        );
        let m4 = rows.iter().find(|r| r[0] == "15.4").unwrap();
        assert!(!m4[9].contains("200台"), "{}", m4[9]);
        assert_eq!(m4[7], "2023-10-10 加装电梯\n已开工 120 台");
    }

    #[test]
    fn formula_like_cells_are_protected() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"] {
            assert_eq!(csv_safe(bad), format!("'{bad}"));
        }
        assert_eq!(csv_safe("完成 =1"), "完成 =1");
        let mut b = board();
        let s = stamp("li", "2023-10-12T00:00:00Z");
        b.add_note(item(3, None), "=cmd|' /C calc'!A0", None, &s)
            .unwrap();
        let rows = zh(&b, Level::Task);
        assert!(rows[2][7].ends_with("=cmd|' /C calc'!A0"));
        b.tasks[2].title = "@SUM(1+1)".into();
        let rows = zh(&b, Level::Task);
        let csv = String::from_utf8(to_csv(&headers(Lang::Zh), &rows).unwrap()).unwrap();
        assert!(csv.contains("\r\n3,'@SUM(1+1),"), "{csv}");
        assert!(!csv.contains(",@SUM"));
    }

    #[test]
    fn csv_has_a_bom_crlf_and_quoted_multi_line_cells() {
        let rows = zh(&board(), Level::Task);
        let bytes = to_csv(&headers(Lang::Zh), &rows).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with("序号,任务,具体举措,"));
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches("\r\n").count(), 23, "header + 22 rows");
        assert!(text.contains("\"2023-10-10（15.4）加装电梯\n已开工 120 台\""));
    }

    #[test]
    fn column_widths_count_cjk_double_and_are_capped() {
        let rows = vec![vec!["15".into(), "城市更新".into(), "长".repeat(100)]];
        assert_eq!(column_widths(&["No.", "任务", "x"], &rows), [7, 10, 60]);
    }

    #[test]
    fn xlsx_cells_are_cut_to_excel_s_limit() {
        assert_eq!(excel_text("短"), "短");
        let long = "长".repeat(40_000);
        let cut = excel_text(&long);
        assert_eq!(cut.encode_utf16().count(), EXCEL_MAX_UNITS);
        assert!(cut.ends_with('⋯'));
    }
}
