//! Lists as they are circulated: Word (`.docx`, read as zip + XML: paragraphs with their
//! automatic numbering, tables with merged cells repeated) and Excel (`.xlsx`, via calamine,
//! merged regions repeated). A table with a recognised header row gives the tasks (see
//! [`super::table`]); a document without one is read as text.
//!
//! Line numbers: the spreadsheet's row for `.xlsx`; for `.docx` the paragraph or table row,
//! counted from 1 through the document.

use super::clean::{self, Line};
use super::table::{self, Row, Table};
use super::{LineError, Options, ParsedList, Problem};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{Cursor, Read};

fn err(problem: Problem) -> Vec<LineError> {
    vec![LineError::new(1, problem)]
}

/// Read an Excel list: the first sheet with a header row in its first 30 rows.
pub fn parse_xlsx(bytes: &[u8], opts: &Options) -> Result<ParsedList, Vec<LineError>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| err(Problem::NotXlsx { why: e.to_string() }))?;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| {
            err(Problem::Sheet {
                name: name.clone(),
                why: e.to_string(),
            })
        })?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        // Without merged regions the cells still read; only their repetition is lost.
        for d in wb.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            fill_merged(&mut grid, d.start, d.end, (r0, c0));
        }
        let rows: Vec<Row> = grid
            .into_iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: r0 as usize + i + 1,
                cells,
            })
            .collect();
        if let Some(t) = rows_to_table(rows) {
            let mut list = table::parse_rows(t, Vec::new(), opts)?;
            list.encoding = "xlsx".into();
            return Ok(list);
        }
    }
    Err(err(Problem::NoHeaderRow))
}

fn fill_merged(grid: &mut [Vec<String>], start: (u32, u32), end: (u32, u32), origin: (u32, u32)) {
    let at = |r: u32, c: u32| {
        (
            r.checked_sub(origin.0).map(|x| x as usize),
            c.checked_sub(origin.1).map(|x| x as usize),
        )
    };
    let (Some(r), Some(c)) = at(start.0, start.1) else {
        return;
    };
    let Some(value) = grid.get(r).and_then(|row| row.get(c)).cloned() else {
        return;
    };
    for rr in start.0..=end.0 {
        for cc in start.1..=end.1 {
            if let (Some(r), Some(c)) = at(rr, cc)
                && let Some(cell) = grid.get_mut(r).and_then(|row| row.get_mut(c))
                && cell.is_empty()
            {
                *cell = value.clone();
            }
        }
    }
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // Excel counts days from 1899-12-30.
        Data::DateTime(x) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(chrono::Days::new(x.as_f64().max(0.0) as u64)))
            .map_or_else(|| d.to_string(), |x| x.format("%Y-%m-%d").to_string()),
        Data::Empty => String::new(),
        _ => d.to_string().trim().to_string(),
    }
}

/// The header row within the first 30 rows, what is above it, and the rows below.
fn rows_to_table(rows: Vec<Row>) -> Option<Table> {
    let h = rows
        .iter()
        .take(30)
        .position(|r| table::is_header(&r.cells))?;
    let before = rows[..h]
        .iter()
        .filter_map(|r| {
            let text: Vec<&str> = r
                .cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            let mut t = text;
            t.dedup();
            (!t.is_empty()).then(|| Line {
                no: r.line,
                text: t.join(" "),
            })
        })
        .collect();
    let header = rows[h].cells.clone();
    Some(Table {
        before,
        header,
        rows: rows[h + 1..].to_vec(),
        other: Vec::new(),
    })
}

/// A block of a Word document.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Para(String),
    Table(Vec<Vec<String>>),
}

/// Read a Word list: its table if one has a header row, else its paragraphs as text.
pub fn parse_docx(bytes: &[u8], opts: &Options) -> Result<ParsedList, Vec<LineError>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| err(Problem::NotDocx { why: e.to_string() }))?;
    let mut read = |name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let document = read("word/document.xml").ok_or_else(|| err(Problem::NoDocument))?;
    let numbering = read("word/numbering.xml")
        .map(|x| numbering_formats(&x))
        .unwrap_or_default();
    let blocks = blocks(&document, &numbering)
        .map_err(|e| err(Problem::BadDocument { why: e.to_string() }))?;
    let mut lines: Vec<Line> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut no = 0;
    let mut table_at: Option<usize> = None;
    for b in blocks {
        match b {
            Block::Para(text) => {
                for part in text.split('\n') {
                    no += 1;
                    if !part.trim().is_empty() {
                        lines.push(Line {
                            no,
                            text: part.trim().to_string(),
                        });
                    }
                }
            }
            Block::Table(t) => {
                for cells in t {
                    no += 1;
                    let is_table = table::is_header(&cells);
                    if is_table && table_at.is_none() {
                        table_at = Some(lines.len());
                    }
                    rows.push(Row { line: no, cells });
                }
            }
        }
    }
    match table_at {
        Some(at) => {
            let mut aside = Vec::new();
            let before = clean::clean(lines[..at].to_vec(), &mut aside);
            let h = rows
                .iter()
                .position(|r| table::is_header(&r.cells))
                .unwrap_or(0);
            let header = rows[h].cells.clone();
            let other = lines[at..].to_vec();
            let t = Table {
                before,
                header,
                rows: rows.split_off(h + 1),
                other,
            };
            let mut list = table::parse_rows(t, aside, opts)?;
            list.encoding = "docx".into();
            Ok(list)
        }
        None => {
            let text: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
            let mut list = super::parse_str_with(&text.join("\n"), opts)?;
            // Line numbers count the non-empty paragraphs (and lines broken inside one).
            list.encoding = "docx".into();
            Ok(list)
        }
    }
}

/// `(numId, ilvl)` → (format, level text) from word/numbering.xml.
type Formats = HashMap<(String, u32), (String, String)>;

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn numbering_formats(xml: &str) -> Formats {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut abstracts: HashMap<String, HashMap<u32, (String, String)>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let (mut cur_abs, mut cur_lvl, mut cur_num) = (String::new(), 0u32, String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "abstractNum" => cur_abs = attr(&e, "abstractNumId").unwrap_or_default(),
                "lvl" => cur_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                name @ ("numFmt" | "lvlText") => {
                    let v = attr(&e, "val").unwrap_or_default();
                    let level = abstracts
                        .entry(cur_abs.clone())
                        .or_default()
                        .entry(cur_lvl)
                        .or_default();
                    match name {
                        "numFmt" => level.0 = v,
                        _ => level.1 = v,
                    }
                }
                "num" => cur_num = attr(&e, "numId").unwrap_or_default(),
                "abstractNumId" => {
                    nums.insert(cur_num.clone(), attr(&e, "val").unwrap_or_default());
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = Formats::new();
    for (num, abs) in nums {
        for (lvl, f) in abstracts.get(&abs).cloned().unwrap_or_default() {
            out.insert((num.clone(), lvl), f);
        }
    }
    out
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]; // data: Chinese numerals of Word numbering
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }), // data: Chinese numerals
        20..=99 => format!(
            "{}十{}", // data: Chinese numerals
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// The text Word shows for an automatic number.
fn number_text(format: Option<&(String, String)>, ilvl: u32, counters: &[u32]) -> String {
    let default = match ilvl {
        0 => ("decimal".to_string(), "%1.".to_string()),
        1 => ("decimal".to_string(), "（%2）".to_string()), // data: Word numbering format
        _ => (
            "decimalEnclosedCircle".to_string(),
            format!("%{}", ilvl + 1),
        ),
    };
    let (fmt, text) = format.cloned().unwrap_or(default);
    let mut out = text;
    for (i, n) in counters.iter().enumerate() {
        let shown = match fmt.as_str() {
            "chineseCounting"
            | "chineseCountingThousand"
            | "ideographTraditional"
            | "japaneseCounting" => chinese(*n),
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
                char::from_u32('①' as u32 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
            }
            _ => n.to_string(),
        };
        out = out.replace(&format!("%{}", i + 1), &shown);
    }
    out
}

/// Paragraphs (with automatic numbers written out) and tables (merged cells repeated).
fn blocks(xml: &str, formats: &Formats) -> Result<Vec<Block>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut para = String::new();
    let mut num: Option<(String, u32)> = None;
    let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
    let mut in_text = false;
    // Table state: depth, rows, current row, current cell, cell spans and merges.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut span = 1usize;
    let mut vmerge_continue = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "tbl" => depth += 1,
                "tc" => {
                    cell = Some(String::new());
                    span = 1;
                    vmerge_continue = false;
                }
                "gridSpan" => span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1),
                "vMerge" => vmerge_continue = attr(&e, "val").is_none_or(|v| v == "continue"),
                "p" => {
                    para.clear();
                    num = None;
                }
                "numId" => {
                    num = Some((attr(&e, "val").unwrap_or_default(), num.map_or(0, |n| n.1)))
                }
                "ilvl" => {
                    let l = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    num = Some((num.map(|n| n.0).unwrap_or_default(), l));
                }
                "tab" => para.push('\t'),
                "br" | "cr" => para.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                para.extend(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let mut text = std::mem::take(&mut para);
                    if let Some((id, lvl)) =
                        num.take().filter(|(id, _)| !id.is_empty() && id != "0")
                    {
                        let c = counters.entry(id.clone()).or_default();
                        c.resize(lvl as usize + 1, 0);
                        c[lvl as usize] += 1;
                        let shown = number_text(formats.get(&(id, lvl)), lvl, c);
                        text = format!("{shown}{text}");
                    }
                    match cell.as_mut() {
                        Some(c) if depth > 0 => {
                            if !c.is_empty() {
                                c.push('\n');
                            }
                            c.push_str(text.trim());
                        }
                        _ => out.push(Block::Para(text)),
                    }
                }
                "tc" => {
                    let mut value = cell.take().unwrap_or_default();
                    if vmerge_continue {
                        let col = row.len();
                        value = rows
                            .last()
                            .and_then(|r| r.get(col))
                            .cloned()
                            .unwrap_or_default();
                    }
                    for _ in 0..span {
                        row.push(value.clone());
                    }
                }
                "tr" => rows.push(std::mem::take(&mut row)),
                "tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        out.push(Block::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
