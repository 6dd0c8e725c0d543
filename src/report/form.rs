//! Progress forms (进展填报): an Excel sheet listing one unit's tasks, measures and targets for
//! the unit to fill in, and reading the filled sheet back.
//!
//! Everything on the form is locked (sheet protection, no password) except the columns the
//! unit fills: 本期进展, 佐证文号, 状态 (a drop-down of the board's statuses) on task and
//! measure rows, 当前值 on target rows. Hidden columns carry each row's item, the board's
//! identity, the unit and a checksum of the locked cells, so that a form from another board,
//! a row whose locked cells were edited anyway (another program, protection removed) or a row
//! copied from elsewhere is refused instead of applied to the wrong item.
//!
//! The form is a Chinese document whatever the configured language: it goes to the units that
//! fill it in, and its words (sheet name, headers, title, footer) are part of its format, marked
//! as data. What keywork says about a filled form (`Problem::text`) follows the language.

use crate::config::Lang;
use crate::model::{Board, BoardMeta, Task};
use crate::strings::report as s;
use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::path::Path;

pub const SHEET: &str = "进展填报"; // data: the Chinese form (see the module doc)
/// Header of the first hidden column: how a form is recognised.
const ID_HEADER: &str = "keywork-item";
const HEADERS: [&str; 16] = [
    "序号",     // data: the Chinese form (see the module doc)
    "事项",     // data: the Chinese form (see the module doc)
    "牵头单位", // data: the Chinese form (see the module doc)
    "配合单位", // data: the Chinese form (see the module doc)
    "时间节点", // data: the Chinese form (see the module doc)
    "当前状态", // data: the Chinese form (see the module doc)
    "指标目标", // data: the Chinese form (see the module doc)
    "指标现值", // data: the Chinese form (see the module doc)
    "本期进展", // data: the Chinese form (see the module doc)
    "佐证文号", // data: the Chinese form (see the module doc)
    "状态",     // data: the Chinese form (see the module doc)
    "当前值",   // data: the Chinese form (see the module doc)
    ID_HEADER,
    "keywork-board",
    "keywork-check",
    "keywork-unit",
];
/// Columns: the locked ones, the inputs, the hidden ones.
const LOCKED: usize = 8;
const PROGRESS: u16 = 8;
const STATUS: u16 = 10;
const VALUE: u16 = 11;
const ID: u16 = 12;
const BOARD: u16 = 13;
const CHECK: u16 = 14;
const UNIT: u16 = 15;
/// Rows: a title, the header, then the items.
const HEADER_ROW: u32 = 1;
const FIRST: u32 = 2;

/// What a row of the form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Task(u32),
    /// `15.2`.
    Measure(String),
    /// Task number and target id (`15.4`).
    Target(u32, String),
}

impl Item {
    /// The task the row belongs to.
    pub fn task(&self) -> u32 {
        match self {
            Item::Task(n) | Item::Target(n, _) => *n,
            Item::Measure(id) => id
                .split('.')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
        }
    }

    pub fn key(&self) -> String {
        match self {
            Item::Task(n) => format!("task:{n}"),
            Item::Measure(id) => format!("measure:{id}"),
            Item::Target(_, id) => format!("target:{id}"),
        }
    }

    fn parse(s: &str) -> Option<Item> {
        let (kind, id) = s.split_once(':')?;
        let task = id.split('.').next()?.parse::<u32>().ok()?;
        match kind {
            "task" if id == task.to_string() => Some(Item::Task(task)),
            "measure" => Some(Item::Measure(id.to_string())),
            "target" => Some(Item::Target(task, id.to_string())),
            _ => None,
        }
    }
}

/// One row of a form: the item and its locked cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub item: Item,
    pub cells: [String; LOCKED],
}

/// What a unit filled in on one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub sheet: String,
    /// The row as a spreadsheet numbers it (from 1).
    pub row: u32,
    pub item: Item,
    pub unit: String,
    pub progress: Option<String>,
    pub reference: Option<String>,
    pub status: Option<String>,
    pub value: Option<f64>,
}

/// A problem with one row (or the whole sheet when `row` is 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub sheet: String,
    pub row: u32,
    /// What is wrong, in English (`text` says it in the user's language).
    pub message: String,
    pub kind: ProblemKind,
}

/// What is wrong with a filled form or one of its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file cannot be read as a workbook (the reader's own words).
    Unreadable(String),
    /// Something typed outside the form's rows.
    NotARow,
    /// An item id keywork does not know.
    UnknownItem(String),
    /// A row of a form made from another board.
    OtherBoard,
    /// A row whose locked cells were edited.
    LockedCellsChanged,
    /// A current value that is not a number (as typed).
    NotANumber(String),
    /// A workbook without the form's sheet.
    NotAForm,
}

impl ProblemKind {
    /// The problem in words.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ProblemKind::Unreadable(why) => s::form_unreadable(lang, why),
            ProblemKind::NotARow => s::form_not_a_row(lang).to_string(),
            ProblemKind::UnknownItem(key) => s::form_unknown_item(lang, key),
            ProblemKind::OtherBoard => s::form_other_board(lang).to_string(),
            ProblemKind::LockedCellsChanged => s::form_locked_changed(lang).to_string(),
            ProblemKind::NotANumber(v) => s::form_not_a_number(lang, v),
            ProblemKind::NotAForm => s::form_not_a_form(lang).to_string(),
        }
    }
}

impl Problem {
    fn new(sheet: &str, row: u32, kind: ProblemKind) -> Problem {
        let message = match &kind {
            // The reader's words as they were, without a prefix.
            ProblemKind::Unreadable(why) => why.clone(),
            k => k.message(Lang::En),
        };
        Problem {
            sheet: sheet.to_string(),
            row,
            message,
            kind,
        }
    }

    /// The problem in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

/// Which board a form belongs to: its title and the moment it was created.
pub fn identity(meta: &BoardMeta) -> String {
    format!("{}|{}", meta.title, meta.created.to_rfc3339())
}

/// The unit named among `names`.
fn has(names: &[String], unit: &str) -> bool {
    names.iter().any(|n| n.trim() == unit)
}

/// The rows of `unit`'s form: each task it leads or partners in, with its measures and
/// targets, and the measures it leads or partners in under other tasks.
pub fn rows(board: &Board, unit: &str) -> Vec<Row> {
    let unit = unit.trim();
    let mut out = Vec::new();
    for t in &board.tasks {
        let whole = has(&t.lead, unit) || has(&t.partners, unit);
        let measures: Vec<_> = t
            .measures
            .iter()
            .filter(|m| whole || has(&m.lead, unit) || has(&m.partners, unit))
            .collect();
        if !whole && measures.is_empty() {
            continue;
        }
        out.push(task_row(board, t));
        for m in measures {
            let due = m.deadline.map(|d| d.to_string()).unwrap_or_default();
            let status = board.meta.status_name(&m.status, false).to_string();
            let cells = [
                m.id.clone(),
                m.text.clone(),
                m.lead.join("、"), // data: the Chinese form (see the module doc)
                m.partners.join("、"), // data: the Chinese form (see the module doc)
                due,
                status,
                String::new(),
                String::new(),
            ];
            out.push(Row {
                item: Item::Measure(m.id.clone()),
                cells,
            });
        }
        if whole {
            for x in &t.targets {
                let goal = format!("{}{}", crate::model::format_value(x.target), x.unit);
                let now = x
                    .current
                    .map(crate::model::format_value)
                    .unwrap_or_default();
                let cells = [
                    format!("指标 {}", x.id), // data: the Chinese form (see the module doc)
                    x.label.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    goal,
                    now,
                ];
                out.push(Row {
                    item: Item::Target(t.number, x.id.clone()),
                    cells,
                });
            }
        }
    }
    out
}

fn task_row(board: &Board, t: &Task) -> Row {
    let due = t.deadline.map(|d| d.to_string()).unwrap_or_default();
    let status = board.meta.status_name(&t.status, false).to_string();
    Row {
        item: Item::Task(t.number),
        cells: [
            t.number.to_string(),
            t.title.clone(),
            t.lead.join("、"),     // data: the Chinese form (see the module doc)
            t.partners.join("、"), // data: the Chinese form (see the module doc)
            due,
            status,
            String::new(),
            String::new(),
        ],
    }
}

/// FNV-1a of the locked cells, the item, the board and the unit.
fn checksum(cells: &[String], item: &str, board: &str, unit: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in cells.iter().map(String::as_str).chain([item, board, unit]) {
        for b in part.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The form as Excel bytes.
pub fn to_xlsx(board: &Board, unit: &str, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let unit = unit.trim();
    let id = identity(&board.meta);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let base = Format::new()
        .set_font_name("宋体") // data: the Chinese form (see the module doc)
        .set_font_size(11)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let head = base.clone().set_bold().set_align(FormatAlign::Center);
    let input = base.clone().set_unlocked().set_background_color("FFF2CC");
    let title = Format::new()
        .set_font_name("黑体") // data: the Chinese form (see the module doc)
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let text = format!("{} {unit} 进展填报", board.meta.title); // data: the Chinese form (see the module doc)
    sheet.merge_range(0, 0, 0, VALUE, &text, &title)?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &head)?;
    }
    let widths = [
        7.0, 40.0, 14.0, 14.0, 11.0, 9.0, 12.0, 9.0, 36.0, 18.0, 10.0, 9.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for c in ID..=UNIT {
        sheet.set_column_hidden(c)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = FIRST + i as u32;
        // Heights for the wrapped text (not every program fits rows when opening a file).
        let lines = r
            .cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| super::ledger_xlsx::wrapped_lines(cell, w as usize))
            .max()
            .unwrap_or(1)
            .max(2);
        sheet.set_row_height(row, lines as f64 * 14.0 + 3.0)?;
        for (c, v) in r.cells.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, v, &base)?;
        }
        let target = matches!(r.item, Item::Target(..));
        for c in PROGRESS..=VALUE {
            let open = (c == VALUE) == target;
            sheet.write_blank(row, c, if open { &input } else { &base })?;
        }
        let key = r.item.key();
        sheet.write_string(row, ID, &key)?;
        sheet.write_string(row, BOARD, &id)?;
        sheet.write_string(row, CHECK, checksum(&r.cells, &key, &id, unit))?;
        sheet.write_string(row, UNIT, unit)?;
    }
    if !rows.is_empty() {
        let names: Vec<&str> = board
            .meta
            .statuses
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        let list = DataValidation::new().allow_list_strings(&names)?;
        let last = FIRST + rows.len() as u32 - 1;
        sheet.add_data_validation(FIRST, STATUS, last, STATUS, &list)?;
    }
    sheet.set_freeze_panes(FIRST, 2)?;
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_area(0, 0, FIRST + rows.len() as u32, VALUE)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer("&C第 &P 页 共 &N 页"); // data: the Chinese form (see the module doc)
    sheet.protect();
    book.save_to_buffer()
}

/// A cell as text: numbers without a needless `.0`, dates (serials) as `2023-10-10`.
fn cell_text(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) => crate::model::format_value(*f),
        Some(Data::Bool(b)) => b.to_string(),
        Some(Data::DateTime(dt)) => {
            let days = dt.as_f64().floor() as i64;
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.checked_add_signed(Duration::days(days)))
                .map_or_else(|| dt.as_f64().to_string(), |d| d.to_string())
        }
        Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => s.clone(),
        Some(Data::Error(e)) => format!("#{e:?}"),
    }
}

/// A number a unit typed: a number cell, or text like `120`, `1,200` or `120台`.
fn number(d: Option<&Data>) -> Result<Option<f64>, ProblemKind> {
    match d {
        Some(Data::Int(i)) => Ok(Some(*i as f64)),
        Some(Data::Float(f)) => Ok(Some(*f)),
        _ => {
            let s = cell_text(d).replace([',', '，'], ""); // data: number separators a unit may type
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            let digits: String = s
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
                .collect();
            digits
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| ProblemKind::NotANumber(s.to_string()))
        }
    }
}

fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The filled rows of the form at `path` that belong to the board `board_id`, or every
/// problem found (sheet and row named; the caller names the file).
pub fn read(path: &Path, board_id: &str) -> Result<Vec<Entry>, Vec<Problem>> {
    let whole = |sheet: &str, kind: ProblemKind| vec![Problem::new(sheet, 0, kind)];
    let unreadable = |e: &dyn std::fmt::Display| ProblemKind::Unreadable(e.to_string());
    let mut book = calamine::open_workbook_auto(path).map_err(|e| whole("", unreadable(&e)))?;
    let names = book.sheet_names();
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut found = false;
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| whole(&name, unreadable(&e)))?;
        let at = |r: u32, c: u16| cell_text(range.get_value((r, u32::from(c))));
        if at(HEADER_ROW, ID) != ID_HEADER {
            continue;
        }
        found = true;
        let last = range.end().map_or(0, |(r, _)| r);
        for r in FIRST..=last {
            let problem = |kind: ProblemKind| Problem::new(&name, r + 1, kind);
            let key = at(r, ID);
            let filled: Vec<String> = (PROGRESS..=VALUE).map(|c| at(r, c)).collect();
            if key.is_empty() {
                if filled.iter().any(|s| !s.trim().is_empty()) {
                    problems.push(problem(ProblemKind::NotARow));
                }
                continue;
            }
            let Some(item) = Item::parse(&key) else {
                problems.push(problem(ProblemKind::UnknownItem(key)));
                continue;
            };
            let (board, unit) = (at(r, BOARD), at(r, UNIT));
            if board != board_id {
                problems.push(problem(ProblemKind::OtherBoard));
                continue;
            }
            let cells: Vec<String> = (0..LOCKED as u16).map(|c| at(r, c)).collect();
            if checksum(&cells, &key, &board, &unit) != at(r, CHECK) {
                problems.push(problem(ProblemKind::LockedCellsChanged));
                continue;
            }
            let value = match number(range.get_value((r, u32::from(VALUE)))) {
                Ok(v) => v,
                Err(m) => {
                    problems.push(problem(m));
                    continue;
                }
            };
            let e = Entry {
                sheet: name.clone(),
                row: r + 1,
                item,
                unit,
                progress: nonempty(filled[0].clone()),
                reference: nonempty(filled[1].clone()),
                status: nonempty(filled[2].clone()),
                value,
            };
            if e.progress.is_some()
                || e.reference.is_some()
                || e.status.is_some()
                || e.value.is_some()
            {
                entries.push(e);
            }
        }
    }
    if !found {
        problems.extend(whole("", ProblemKind::NotAForm));
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
