//! Lists published as tables: columns mapped by their header (序号, 重点工作/工作任务,
//! 具体内容/工作举措, 牵头单位/责任单位/配合单位, 责任领导, 完成时限/时间节点, 目标/指标,
//! 类别/领域). One row per task, or several rows per task (a merged 序号/重点工作 cell, its
//! value repeated by the reader) each giving measures with their own owners. A row with a
//! single value (`一、稳增长`) is a section heading.
//!
//! Text tables come as `|`- or tab-separated rows, or one cell per line under a header whose
//! cells are on consecutive lines; `.docx` and `.xlsx` rows come from [`super::office`].

use super::clean::{Line, is_table_row};
use super::fields::{Field, Owners};
use super::marker::{self, Kind};
use super::task::{apply, measures_of, pieces, resolve};
use super::words::HEADERS;
use super::{
    Aside, Item, LevelInfo, LineError, Options, ParsedList, ParsedTask, Problem, SetAside, fields,
    preamble, strip_end_mark,
};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Number,
    Task,
    Content,
    Owner(Field),
    Goal,
    Group,
    Other,
}

/// The column a header cell names.
pub fn column(header: &str) -> Col {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(f) = fields::label_field(&h) {
        return Col::Owner(f);
    }
    HEADERS
        .iter()
        .find(|(names, _)| names.contains(&h.as_str()))
        .map_or(Col::Other, |(_, c)| *c)
}

/// Whether a row of cells is a header row.
pub fn is_header(cells: &[String]) -> bool {
    let cols: Vec<Col> = cells.iter().map(|c| column(c)).collect();
    let known = cols.iter().filter(|c| **c != Col::Other).count();
    known >= 2 && cols.iter().any(|c| matches!(c, Col::Task | Col::Content))
}

/// A row of cells and where it came from (line, spreadsheet row or document block).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A table and the paragraphs before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub before: Vec<Line>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Lines after the table, or between its rows, that are no rows.
    pub other: Vec<Line>,
}

fn split_cells(text: &str) -> Vec<String> {
    let t = text
        .trim()
        .trim_start_matches(['|', '｜'])
        .trim_end_matches(['|', '｜']);
    let sep: &[char] = if t.contains(['|', '｜']) {
        &['|', '｜']
    } else {
        &['\t']
    };
    t.split(sep).map(|c| c.trim().to_string()).collect()
}

/// Find a flattened table in text lines.
pub fn text_table(lines: &[Line]) -> Option<Table> {
    pipe_table(lines).or_else(|| cell_per_line(lines))
}

fn pipe_table(lines: &[Line]) -> Option<Table> {
    let h = lines
        .iter()
        .position(|l| is_table_row(&l.text) && is_header(&split_cells(&l.text)))?;
    let header = split_cells(&lines[h].text);
    let mut rows = Vec::new();
    let mut other = Vec::new();
    for l in &lines[h + 1..] {
        if is_table_row(&l.text) {
            rows.push(Row {
                line: l.no,
                cells: split_cells(&l.text),
            });
        } else if marker::parse(&l.text).is_some_and(|m| m.kind < Kind::Digit) {
            rows.push(Row {
                line: l.no,
                cells: vec![l.text.clone()],
            });
        } else {
            other.push(l.clone());
        }
    }
    Some(Table {
        before: lines[..h].to_vec(),
        header,
        rows,
        other,
    })
}

fn is_number_cell(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['.', '．', '、']);
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// One cell per line: a header of at least three known column names on consecutive lines,
/// then rows that each start with their number.
fn cell_per_line(lines: &[Line]) -> Option<Table> {
    let start = lines.iter().position(|l| column(&l.text) == Col::Number)?;
    let width = lines[start..]
        .iter()
        .take_while(|l| column(&l.text) != Col::Other)
        .count();
    let header: Vec<String> = lines[start..start + width]
        .iter()
        .map(|l| l.text.clone())
        .collect();
    if width < 3 || !is_header(&header) {
        return None;
    }
    let cols: Vec<Col> = header.iter().map(|h| column(h)).collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut other = Vec::new();
    let mut current: Option<(usize, Vec<String>)> = None;
    let flush = |cur: Option<(usize, Vec<String>)>, rows: &mut Vec<Row>| {
        if let Some((line, cells)) = cur {
            rows.push(Row {
                line,
                cells: fit_cells(cells, &cols),
            });
        }
    };
    let mut last_number = 0;
    for l in &lines[start + width..] {
        if header.contains(&l.text) {
            other.push(l.clone());
            continue;
        }
        if let Some(n) = is_number_cell(&l.text).filter(|n| *n == last_number + 1) {
            flush(current.take(), &mut rows);
            last_number = n;
            current = Some((l.no, vec![l.text.clone()]));
        } else if marker::parse(&l.text).is_some_and(|m| m.kind < Kind::Digit) {
            flush(current.take(), &mut rows);
            rows.push(Row {
                line: l.no,
                cells: vec![l.text.clone()],
            });
        } else if let Some((_, cells)) = current.as_mut() {
            cells.push(l.text.clone());
        } else {
            other.push(l.clone());
        }
    }
    flush(current, &mut rows);
    Some(Table {
        before: lines[..start].to_vec(),
        header,
        rows,
        other,
    })
}

/// Lay out a row's cell lines over the columns: columns after the last text column are
/// filled from the end, lines left over join the last text column.
fn fit_cells(cells: Vec<String>, cols: &[Col]) -> Vec<String> {
    if cells.len() == cols.len() {
        return cells;
    }
    let last_text = cols
        .iter()
        .rposition(|c| matches!(c, Col::Task | Col::Content))
        .unwrap_or(0);
    let tail = cols.len() - last_text - 1;
    let mut out = vec![String::new(); cols.len()];
    let mut front = cells;
    let back: Vec<String> = if front.len() > last_text + tail {
        front.split_off(front.len() - tail)
    } else {
        Vec::new()
    };
    for (i, c) in back.into_iter().enumerate() {
        out[last_text + 1 + i] = c;
    }
    for (i, c) in front.into_iter().enumerate() {
        let at = i.min(last_text);
        if out[at].is_empty() {
            out[at] = c;
        } else {
            out[at].push('\n');
            out[at].push_str(&c);
        }
    }
    out
}

#[derive(Default)]
struct TaskRows {
    number: u32,
    line: usize,
    group: Vec<String>,
    task_cell: String,
    rows: Vec<(Vec<String>, Owners, usize)>,
    goals: Vec<String>,
}

/// Turn a table into a list.
pub fn parse_rows(
    table: Table,
    mut aside: Vec<SetAside>,
    opts: &Options,
) -> Result<ParsedList, Vec<LineError>> {
    let cols: Vec<Col> = table.header.iter().map(|h| column(h)).collect();
    let heading = preamble::read(&table.before, &mut aside);
    let year = preamble::year(&heading)
        .or_else(|| {
            preamble::year_named(
                table
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().map(String::as_str)),
            )
        })
        .or(opts.year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()));
    for l in &table.other {
        aside.push(SetAside::new(l, Aside::OutsideTable));
    }
    let cell = |cells: &[String], want: Col| -> String {
        cols.iter()
            .zip(cells)
            .filter(|(c, _)| **c == want)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut groups: Vec<(Option<Kind>, String)> = Vec::new();
    let mut tasks: Vec<TaskRows> = Vec::new();
    let mut errors = Vec::new();
    let mut section_since = false;
    for row in table.rows {
        let filled: Vec<&String> = row.cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        if row.cells == table.header {
            aside.push(SetAside {
                line: row.line,
                text: row.cells.join(" | "),
                reason: Aside::HeaderRepeated,
            });
            continue;
        }
        let number_text = cell(&row.cells, Col::Number);
        let single = filled.iter().all(|c| *c == filled[0]);
        let heading_marker = marker::parse(filled[0]).is_some_and(|m| m.kind < Kind::Digit);
        let section = single
            && is_number_cell(filled[0]).is_none()
            && (filled.len() > 1 || row.cells.len() == 1 || heading_marker);
        if section {
            let kind = marker::parse(filled[0]).map(|m| m.kind);
            groups.retain(|(k, _)| match (k, kind) {
                (Some(k), Some(n)) => *k < n,
                _ => false,
            });
            groups.push((kind, filled[0].trim().to_string()));
            section_since = true;
            continue;
        }
        let mut owners = Owners::default();
        for (c, v) in cols.iter().zip(&row.cells) {
            if let Col::Owner(f) = c {
                owners.add(*f, v);
            }
        }
        let group_cell = cell(&row.cells, Col::Group);
        let mut group: Vec<String> = groups.iter().map(|(_, g)| g.clone()).collect();
        if !group_cell.is_empty() {
            group.push(group_cell);
        }
        let task_cell = cell(&row.cells, Col::Task);
        let content = cell(&row.cells, Col::Content);
        let goal = cell(&row.cells, Col::Goal);
        let number = is_number_cell(&number_text);
        let same = !section_since
            && tasks.last().is_some_and(|t| {
                number.is_some_and(|n| n == t.number)
                    || (number.is_none() && (task_cell.is_empty() || task_cell == t.task_cell))
            });
        if !same {
            let last = tasks.last().map_or(0, |t| t.number);
            // Numbers that restart at 1 under each section row run on through the table.
            let restarted = number == Some(1) && section_since;
            let n = if restarted {
                last + 1
            } else {
                number.unwrap_or(last + 1)
            };
            section_since = false;
            if n != last + 1 {
                errors.push(LineError::new(
                    row.line,
                    Problem::RowOutOfOrder { number: n, last },
                ));
            }
            tasks.push(TaskRows {
                number: n,
                line: row.line,
                group,
                task_cell: task_cell.clone(),
                ..TaskRows::default()
            });
        }
        let t = tasks.last_mut().expect("a task was just pushed");
        let mut texts = Vec::new();
        if t.rows.is_empty() && t.task_cell.is_empty() && !content.is_empty() {
            t.task_cell = content.clone();
        } else if !content.is_empty() {
            texts.push(content);
        } else if same && !task_cell.is_empty() && task_cell != t.task_cell {
            texts.push(task_cell);
        }
        // A goal cell merged over several rows is one goal.
        if !goal.is_empty() && !t.goals.contains(&goal) {
            t.goals.push(goal);
        }
        t.rows.push((texts, owners, row.line));
    }
    if tasks.is_empty() {
        errors.push(LineError::new(1, Problem::NoRows));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let parsed: Vec<ParsedTask> = tasks
        .into_iter()
        .map(|t| finish(t, year, &mut aside))
        .collect::<Result<_, _>>()
        .map_err(|e| vec![e])?;
    aside.sort_by_key(|a| a.line);
    Ok(ParsedList {
        title: heading.title,
        issued: heading.issued,
        issuer: heading.issuer,
        doc_number: heading.doc_number,
        description: heading.description,
        levels: vec![LevelInfo {
            kind: Kind::Digit,
            sample: "序号", // data: the header word a table numbers by
            items: parsed.len(),
            role: "tasks",
            renumbered: false,
        }],
        tasks: parsed,
        set_aside: aside,
        encoding: "UTF-8".to_string(),
    })
}

/// Measures of a content cell: its lines, each a numbered item or split into sentences.
fn cell_measures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match marker::parse(line) {
            Some(m) if !m.rest.is_empty() => out.push(m.rest.to_string()),
            _ => out.extend(pieces(line)),
        }
    }
    out
}

fn finish(t: TaskRows, year: i32, aside: &mut Vec<SetAside>) -> Result<ParsedTask, LineError> {
    let n = t.number;
    let mut head = cell_measures(&t.task_cell).into_iter();
    let title_raw = head.next().unwrap_or_default();
    let (title, found) = fields::strip_inline(&title_raw);
    let title = strip_end_mark(title.trim());
    if title.is_empty() {
        return Err(LineError::new(
            t.line,
            Problem::NoTitle {
                number: n,
                in_row: true,
            },
        ));
    }
    let uniform = t.rows.windows(2).all(|w| w[0].1 == w[1].1);
    let mut task_owners = Owners::default();
    apply(&mut task_owners, found);
    let mut measures: Vec<(String, Owners)> = head.map(|m| (m, Owners::default())).collect();
    let mut text = vec![t.task_cell.clone()];
    for (texts, owners, _) in &t.rows {
        if uniform {
            task_owners = merge(task_owners, owners.clone());
        }
        for cell in texts {
            text.push(cell.clone());
            for m in cell_measures(cell) {
                let (m, found) = fields::strip_inline(&m);
                let mut o = if uniform {
                    Owners::default()
                } else {
                    owners.clone()
                };
                apply(&mut o, found);
                measures.push((m.trim().to_string(), o));
            }
        }
    }
    let measures = measures_of(measures, year, t.line, n, aside);
    Ok(ParsedTask {
        number: n,
        line: t.line,
        group: t.group,
        title,
        text: text.join("\n"),
        measures,
        owners: resolve(task_owners, year, t.line, Item::Task(n), aside),
        goals: t.goals,
    })
}

fn merge(mut a: Owners, b: Owners) -> Owners {
    if a.is_empty() {
        return b;
    }
    if a.deadline.is_none() {
        a.deadline = b.deadline.clone();
    }
    a
}
