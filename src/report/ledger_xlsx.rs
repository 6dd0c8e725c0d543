//! The ledger (台账) as an Excel file a clerk accepts: printed and filed as it comes.
//!
//! The cells are `ledger::rows`'s; this module lays them out for paper and for sorting: a
//! merged title row naming the date the ledger stands at (截至…), A4 landscape with the header
//! row repeated on every page and `第 &P 页 共 &N 页` in the footer, 宋体/仿宋, widths that fit
//! Chinese text; 序号 of a task row a number, deadlines and update times real dates with a
//! date format; and four columns more — 措施完成率, 指标完成率, 序时进度 (coloured by its
//! warning: yellow, red, blue) and, on task rows, which measures are done. A row nobody has
//! changed since the import shows no 更新时间 / 更新人 (not the importer).

use super::ledger::{Level, column_widths, excel_text, formula_like, sheet_name};
use crate::config::{Lang, to_display};
use crate::model::schedule::{self, Thresholds, Warning};
use crate::model::{Board, EventKind, Measure, Target, Task};
use crate::strings::report as s;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, IgnoreError, Workbook, XlsxError,
};

/// What the sheet needs beyond the cells.
pub struct Layout<'a> {
    pub board: &'a Board,
    pub level: Level,
    pub lang: Lang,
    pub offset: Option<FixedOffset>,
    /// The day the ledger stands at (截至).
    pub today: NaiveDate,
    pub thresholds: Thresholds,
}

/// Column of 时间节点, 更新时间, 更新人 in `ledger::headers`.
const DEADLINE: usize = 5;
const UPDATED: usize = 10;
const UPDATED_BY: usize = 11;
/// Widest a column may be, by column (Excel units; CJK characters count two).
const MAX: [usize; 16] = [6, 16, 40, 12, 12, 13, 8, 32, 16, 22, 17, 10, 8, 8, 12, 10];
/// Points a wrapped line of 11 pt text takes.
const LINE_PT: f64 = 13.5;

/// One row's item.
enum Item<'a> {
    Task(&'a Task),
    Measure(&'a Task, &'a Measure),
}

fn items(board: &Board, level: Level) -> Vec<Item<'_>> {
    match level {
        Level::Task => board.tasks.iter().map(Item::Task).collect(),
        Level::Measure => board
            .tasks
            .iter()
            .flat_map(|t| t.measures.iter().map(move |m| Item::Measure(t, m)))
            .collect(),
    }
}

/// `2023年区委、区政府重点工作任务推进台账（截至2023年10月12日）`.
pub fn title(l: &Layout) -> String {
    let name = l.board.meta.title.trim().replace(" 年", "年"); // data: `2023 年…` as a title writes it
    let d = l.today;
    let date = d.to_string();
    s::ledger_title(l.lang, &name, d.year(), d.month(), d.day(), &date)
}

/// The latest change people made to the item (the import is none): when and by whom.
fn touched<'a>(task: &'a Task, m: Option<&Measure>) -> Option<(DateTime<FixedOffset>, &'a str)> {
    let on_item = |on: &str| match m {
        None => true,
        Some(m) => on == m.id || task.target(on).and_then(|t| t.measure.as_deref()) == Some(&m.id),
    };
    let events = task
        .history
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Created | EventKind::Reviewed) && on_item(&e.on))
        .map(|e| (e.at, e.author.as_str()));
    let notes = task
        .notes
        .iter()
        .filter(|n| m.is_none_or(|m| n.on.as_deref() == Some(&m.id)))
        .map(|n| (n.at, n.author.as_str()));
    events.chain(notes).max_by_key(|(at, _)| *at)
}

/// Share of the targets reached, each counted up to 100%.
fn target_rate<'a>(targets: impl Iterator<Item = &'a Target>) -> Option<f64> {
    let rates: Vec<f64> = targets
        .filter(|t| t.target > 0.0)
        .map(|t| (t.current.unwrap_or(0.0) / t.target).clamp(0.0, 1.0))
        .collect();
    (!rates.is_empty()).then(|| rates.iter().sum::<f64>() / rates.len() as f64)
}

/// How many lines `cell` takes in a column `width` units wide (CJK characters count two).
pub fn wrapped_lines(cell: &str, width: usize) -> usize {
    let room = width.saturating_sub(2).max(1);
    cell.lines()
        .map(|l| crate::text::width(l).div_ceil(room).max(1))
        .sum::<usize>()
        .clamp(1, 40)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError("year".into()))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)
}

/// The ledger as an Excel workbook.
pub fn to_xlsx(headers: &[&str], rows: &[Vec<String>], l: &Layout) -> Result<Vec<u8>, XlsxError> {
    let items = items(l.board, l.level);
    let mut headers: Vec<&str> = headers.to_vec();
    headers.extend(s::ledger_extra_headers(l.lang));
    let ncols = headers.len() as u16;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(l.lang))?;
    let song = |f: Format| f.set_font_name("宋体"); // data: a font name
    let title_fmt = song(
        Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
    )
    .set_align(FormatAlign::VerticalCenter);
    let head = song(Format::new().set_bold().set_font_size(11))
        .set_background_color(0xDDEBF7)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let body = Format::new()
        .set_font_name("仿宋") // data: a font name
        .set_font_size(11)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let quoted = body.clone().set_quote_prefix();
    let date_fmt = s::excel_date_format(l.lang);
    let date = body.clone().set_num_format(date_fmt);
    let time = body.clone().set_num_format("yyyy-mm-dd hh:mm");
    let pct = body.clone().set_num_format("0%");
    let number = body.clone().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, ncols - 1, &title(l), &title_fmt)?;
    sheet.set_row_height(0, 30)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &head)?;
    }
    let en = l.lang.is_en();
    let start = schedule::board_start(&l.board.meta);
    let mut widened: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for (i, cells) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        let item = items.get(i);
        let (task, measure) = match item {
            Some(Item::Task(t)) => (Some(*t), None),
            Some(Item::Measure(t, m)) => (Some(*t), Some(*m)),
            None => (None, None),
        };
        let last = task.and_then(|t| touched(t, measure));
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match (c, task, measure) {
                (0, Some(t), None) => {
                    sheet.write_number_with_format(r, col, f64::from(t.number), &number)?;
                }
                (DEADLINE, Some(t), m) => match m.and_then(|m| m.deadline).or(t.deadline) {
                    Some(d) => {
                        sheet.write_datetime_with_format(r, col, excel_date(d)?, &date)?;
                    }
                    None => {
                        sheet.write_blank(r, col, &body)?;
                    }
                },
                (UPDATED, Some(_), _) => match last {
                    Some((at, _)) => {
                        let at = to_display(at, l.offset);
                        let dt = excel_date(at.date_naive())?.and_hms(
                            at.hour() as u16,
                            at.minute() as u8,
                            0,
                        )?;
                        sheet.write_datetime_with_format(r, col, &dt, &time)?;
                    }
                    None => {
                        sheet.write_blank(r, col, &body)?;
                    }
                },
                // Who last changed it; nobody (not the importer) when nobody has.
                (UPDATED_BY, Some(_), _) => match last {
                    Some((_, who)) => {
                        let who = crate::text::one_line(who);
                        let f = if formula_like(&who) { &quoted } else { &body };
                        sheet.write_string_with_format(r, col, &who, f)?;
                    }
                    None => {
                        sheet.write_blank(r, col, &body)?;
                    }
                },
                _ => {
                    let f = if formula_like(cell) { &quoted } else { &body };
                    sheet.write_string_with_format(r, col, excel_text(cell).as_ref(), f)?;
                }
            }
        }
        let mut extra = vec![String::new(); s::ledger_extra_headers(l.lang).len()];
        let base = cells.len() as u16;
        if let Some(t) = task {
            let meta = &l.board.meta;
            let measures_rate = match measure {
                None if !t.measures.is_empty() => {
                    Some(t.measures_done(meta) as f64 / t.measures.len() as f64)
                }
                None => None,
                Some(m) => Some(if meta.is_done(&m.status) { 1.0 } else { 0.0 }),
            };
            let targets = t
                .targets
                .iter()
                .filter(|x| measure.is_none_or(|m| x.measure.as_deref() == Some(m.id.as_str())));
            for (k, rate) in [measures_rate, target_rate(targets)]
                .into_iter()
                .enumerate()
            {
                match rate {
                    Some(v) => sheet.write_number_with_format(r, base + k as u16, v, &pct)?,
                    None => sheet.write_blank(r, base + k as u16, &body)?,
                };
                extra[k] = "100%".into(); // for the column width
            }
            if measure.is_none() {
                let a = schedule::assess(t, meta, start, l.today, &l.thresholds);
                let mut words = a.class.words(en).to_string();
                if let Some(w) = a.warning {
                    words.push_str(&format!(" · {}", w.words(en)));
                }
                let fill = match a.warning {
                    Some(Warning::Red) => Some(Color::RGB(0xF4CCCC)),
                    Some(Warning::Yellow) => Some(Color::RGB(0xFFF2CC)),
                    Some(Warning::Blue) => Some(Color::RGB(0xCFE2F3)),
                    None => None,
                };
                let f = fill.map_or_else(|| body.clone(), |c| body.clone().set_background_color(c));
                sheet.write_string_with_format(r, base + 2, &words, &f)?;
                let done: Vec<&str> = t
                    .measures
                    .iter()
                    .filter(|m| meta.is_done(&m.status))
                    .map(|m| m.id.as_str())
                    .collect();
                let done = done.join(s::list_sep(l.lang));
                sheet.write_string_with_format(r, base + 3, &done, &body)?;
                extra[2] = words;
                extra[3] = done;
            } else {
                sheet.write_blank(r, base + 2, &body)?;
                sheet.write_blank(r, base + 3, &body)?;
            }
        }
        let mut all = cells.clone();
        all.extend(extra);
        widened.push(all);
    }
    let widths: Vec<usize> = column_widths(&headers, &widened)
        .into_iter()
        .enumerate()
        .map(|(c, w)| w.min(MAX.get(c).copied().unwrap_or(20)))
        .collect();
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w as f64)?;
    }
    // Row heights for the wrapped text: not every program fits them on opening
    // (LibreOffice keeps one line), so the sheet carries them.
    for (i, cells) in widened.iter().enumerate() {
        let lines = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| wrapped_lines(cell, *w))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(2 + i as u32, lines as f64 * LINE_PT + 3.0)?;
    }
    let last_row = 1 + rows.len() as u32;
    sheet.set_freeze_panes(2, 0)?;
    sheet.autofilter(1, 0, last_row, ncols - 1)?;
    if l.level == Level::Measure && !rows.is_empty() {
        // 序号 of a measure (15.2, 15.10) is text: 15.10 is not 15.1.
        sheet.ignore_error_range(2, 0, last_row, 0, IgnoreError::NumberStoredAsText)?;
    }
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    sheet.set_footer(s::page_footer(l.lang));
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_print_fit_to_pages(1, 0);
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_statuses;

    #[test]
    fn a_cell_beyond_excel_s_limit_is_cut_not_refused() {
        let at = DateTime::parse_from_rfc3339("2023-09-20T09:00:00+08:00").unwrap();
        let board = crate::seed::board(default_statuses(), at);
        let headers = super::super::ledger::headers(Lang::Zh);
        let mut rows =
            super::super::ledger::rows(&board, Level::Task, Lang::Zh, None, "%Y-%m-%d", None);
        rows[0][7] = "长".repeat(40_000);
        let layout = Layout {
            board: &board,
            level: Level::Task,
            lang: Lang::Zh,
            offset: None,
            today: NaiveDate::from_ymd_opt(2023, 10, 12).unwrap(),
            thresholds: Thresholds::default(),
        };
        let bytes = to_xlsx(&headers, &rows, &layout).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn wrapped_lines_count_cjk_double_and_every_line() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("一二三四", 10), 1);
        assert_eq!(wrapped_lines(&"长".repeat(20), 10), 5);
        assert_eq!(wrapped_lines("a\nb\nc", 10), 3);
        assert_eq!(wrapped_lines(&"长".repeat(10_000), 10), 40, "capped");
    }
}
