//! Import of a published task list (重点工作任务清单) into a new [`Board`], or into an existing
//! one (`--update`, see [`update`]).
//!
//! Owns the list formats offices publish: a heading (title over one or more lines, issuer,
//! 文号, date, preamble), nested numbering (`一、` > `（一）` > `1.` > `（1）` > `①`, a number
//! alone on its line, `01 text`) of which one level holds the tasks, the levels above are
//! section headings and the levels below are measures; measures as sentences, lines, `；`
//! pieces or numbered items; owner and deadline fields ([`fields`]); tables as text, `.docx`
//! or `.xlsx` ([`table`], [`office`]); PDF/Word copy artefacts ([`clean`]); GBK and UTF-16
//! files ([`decode`]). Parsing is pure (no IO). Every line that is not used is reported in
//! [`ParsedList::set_aside`] with the reason; nothing is dropped silently.

pub mod clean;
pub mod decode;
pub mod dry;
pub mod fields;
pub mod marker;
pub mod office;
mod parse;
pub mod preamble;
pub mod problem;
pub mod table;
mod task;
pub mod update;
mod words;

use crate::model::{Board, BoardMeta, Event, EventKind, Measure, SCHEMA, StatusDef, Target, Task};
use crate::targets;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
pub use clean::Line;
pub use marker::Kind;
pub use problem::{Aside, Item, LevelName, Problem};

/// A line of the input that could not be read. `Display` is English (logs, tests); the edge
/// words it with [`LineError::message`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct LineError {
    /// 1-based line number (row number for a spreadsheet).
    pub line: usize,
    pub problem: Problem,
}

impl LineError {
    pub fn new(line: usize, problem: Problem) -> Self {
        LineError { line, problem }
    }

    /// The problem in `lang`, without the line.
    pub fn message(&self, lang: crate::strings::Lang) -> String {
        self.problem.message(lang)
    }
}

/// A line the import did not use, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SetAside {
    pub line: usize,
    pub text: String,
    pub reason: Aside,
}

impl SetAside {
    pub fn new(line: &Line, reason: Aside) -> Self {
        SetAside {
            line: line.no,
            text: line.text.clone(),
            reason,
        }
    }
}

/// How to read a list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Which numbering level (1 = outermost present in the file) holds the tasks.
    pub level: Option<usize>,
    /// The year for deadlines like `6月底` when the list names none.
    pub year: Option<i32>,
}

/// One numbering level found in the list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LevelInfo {
    pub kind: Kind,
    pub sample: &'static str,
    pub items: usize,
    /// `groups`, `tasks` or `measures`.
    pub role: &'static str,
    /// The tasks' numbers restart under each group: they are numbered 1..N in order.
    pub renumbered: bool,
}

/// A parsed task list, before it becomes a board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedList {
    /// The title without its date; empty when the file has no title line.
    pub title: String,
    pub issued: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub description: Option<String>,
    pub tasks: Vec<ParsedTask>,
    pub levels: Vec<LevelInfo>,
    pub set_aside: Vec<SetAside>,
    /// The encoding the file was read in (`UTF-8`, `gb18030`, `UTF-16LE` ...).
    pub encoding: String,
}

/// Owners and deadline of a task or measure, deadline resolved to a date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemOwners {
    pub lead: Vec<String>,
    pub partners: Vec<String>,
    pub leader: Vec<String>,
    pub deadline: Option<NaiveDate>,
}

/// One measure as published.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedMeasure {
    pub text: String,
    pub owners: ItemOwners,
}

/// One task as published.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTask {
    pub number: u32,
    /// 1-based line of its number.
    pub line: usize,
    /// Section headings above it, outermost first.
    pub group: Vec<String>,
    /// The first sentence without its end mark.
    pub title: String,
    /// Everything after the number, as written (owner fields left out; lines joined by `\n`).
    pub text: String,
    pub measures: Vec<ParsedMeasure>,
    pub owners: ItemOwners,
    /// Goal text of a table's 目标 column: its targets belong to the task.
    pub goals: Vec<String>,
}

/// Sentence end marks.
const SENTENCE_ENDS: &[char] = &['。', '！', '？'];
/// Closing marks that belong to the sentence they follow (`……。”`).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》'];

/// Parse a task list from raw bytes with the default options (see [`parse_bytes_with`]).
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedList, Vec<LineError>> {
    parse_bytes_with(bytes, &Options::default())
}

/// Parse a text list from raw bytes: UTF-8, UTF-16 or GBK/GB18030 (see [`decode`]).
pub fn parse_bytes_with(bytes: &[u8], opts: &Options) -> Result<ParsedList, Vec<LineError>> {
    let decoded = decode::decode(bytes).map_err(|e| {
        vec![LineError::new(
            e.line,
            Problem::Undecodable {
                offset: e.offset,
                encoding: e.encoding,
            },
        )]
    })?;
    let mut list = parse_str_with(&decoded.text, opts)?;
    list.encoding = decoded.encoding.to_string();
    Ok(list)
}

/// Parse a task list with the default options.
pub fn parse_str(src: &str) -> Result<ParsedList, Vec<LineError>> {
    parse_str_with(src, &Options::default())
}

/// Parse a task list given as text. Returns every bad line at once, in line order.
pub fn parse_str_with(src: &str, opts: &Options) -> Result<ParsedList, Vec<LineError>> {
    let mut set_aside = Vec::new();
    let lines = clean::clean(clean::split_lines(src), &mut set_aside);
    let total = src.lines().count().max(1);
    if let Some(rows) = table::text_table(&lines) {
        return table::parse_rows(rows, set_aside, opts);
    }
    parse::parse(lines, set_aside, opts, total)
}

/// Parse a file by its name: `.docx` and `.xlsx` by their tables and paragraphs, anything
/// else as text.
pub fn parse_file(name: &str, bytes: &[u8], opts: &Options) -> Result<ParsedList, Vec<LineError>> {
    let lower = name.to_lowercase();
    if lower.ends_with(".xlsx") {
        office::parse_xlsx(bytes, opts)
    } else if lower.ends_with(".docx") {
        office::parse_docx(bytes, opts)
    } else {
        parse_bytes_with(bytes, opts)
    }
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A task number at the start of a line and the text after it (trimmed).
pub fn parse_marker(line: &str) -> Option<(u32, &str)> {
    marker::parse(line).map(|m| (m.number, m.rest))
}

/// Split a title line into its text and a trailing issue date
/// (`2023-09-19`, `2023.9.19`, `2023/09/19`, `2023年9月19日`, optionally in brackets).
pub(crate) fn split_issued(line: &str) -> (String, Option<NaiveDate>) {
    let body = line.trim_end_matches([')', '）']).trim_end();
    let found = body.char_indices().find_map(|(i, _)| {
        let starts_number = !body[..i].ends_with(is_any_digit);
        starts_number
            .then(|| parse_date(&body[i..]))
            .flatten()
            .map(|d| (i, d))
    });
    match found {
        Some((i, date)) => {
            let title = body[..i]
                .trim_end()
                .trim_end_matches(['(', '（'])
                .trim_end();
            (title.to_string(), Some(date))
        }
        None => (line.to_string(), None),
    }
}

/// A whole string that is one date in a supported style.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = ascii_digits(s);
    let parts: Vec<&str> = if s.contains('年') {
        let rest = s.strip_suffix('日')?;
        rest.split(['年', '月']).collect()
    } else {
        let sep = s.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
        s.split(sep).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let ok =
        |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
    if !(ok(y, &[4]) && ok(m, &[1, 2]) && ok(d, &[1, 2])) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Split text into sentences ending in 。！？ (closing quotes kept with them); a last
/// unfinished one counts too.
pub fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut ended = false;
    for c in text.chars() {
        let closes = SENTENCE_ENDS.contains(&c) || CLOSERS.contains(&c);
        if ended && !closes {
            push_sentence(&mut out, &current);
            current.clear();
            ended = false;
        }
        current.push(c);
        ended |= SENTENCE_ENDS.contains(&c);
    }
    push_sentence(&mut out, &current);
    out
}

fn push_sentence(out: &mut Vec<String>, sentence: &str) {
    let s = sentence.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

fn strip_end_mark(sentence: &str) -> String {
    sentence
        .trim_end_matches(SENTENCE_ENDS)
        .trim_end_matches(['；', ';'])
        .trim_end()
        .to_string()
}

/// Turn a parsed list into a new board: every task and measure in the first status with its
/// owners and deadline, targets extracted from the title, measures and goals, one `created`
/// history event per task.
pub fn build_board(
    list: &ParsedList,
    statuses: Vec<StatusDef>,
    source: &str,
    now: DateTime<FixedOffset>,
) -> Board {
    let status = statuses
        .first()
        .map_or("todo", |s| s.key.as_str())
        .to_string();
    let tasks = list
        .tasks
        .iter()
        .map(|t| build_task(t, &status, now))
        .collect();
    Board {
        meta: BoardMeta {
            schema: SCHEMA,
            title: list.title.clone(),
            issued: list.issued,
            source: source.to_string(),
            created: now,
            statuses,
            issuer: list.issuer.clone(),
            doc_number: list.doc_number.clone(),
            description: list.description.clone(),
        },
        tasks,
    }
}

/// The year of `now`, for deadlines of a list that names no year.
pub fn default_year(now: DateTime<FixedOffset>) -> i32 {
    now.year()
}

fn build_task(t: &ParsedTask, status: &str, now: DateTime<FixedOffset>) -> Task {
    let n = t.number;
    let measures = t
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| Measure {
            id: format!("{n}.{}", i + 1),
            text: m.text.clone(),
            status: status.to_string(),
            lead: m.owners.lead.clone(),
            partners: m.owners.partners.clone(),
            deadline: m.owners.deadline,
            leader: m.owners.leader.clone(),
        })
        .collect();
    Task {
        schema: SCHEMA,
        number: n,
        title: t.title.clone(),
        text: t.text.clone(),
        status: status.to_string(),
        lead: t.owners.lead.clone(),
        partners: t.owners.partners.clone(),
        deadline: t.owners.deadline,
        leader: t.owners.leader.clone(),
        group: t.group.clone(),
        measures,
        targets: task_targets(t),
        notes: Vec::new(),
        history: vec![Event {
            at: now,
            author: "import".to_string(),
            kind: EventKind::Created,
            on: n.to_string(),
            from: None,
            to: None,
            note: None,
        }],
    }
}

/// Targets of the title and goals (no measure) and of each measure, numbered `N.1`, `N.2` ...
pub fn task_targets(t: &ParsedTask) -> Vec<Target> {
    let own = std::iter::once(t.title.as_str())
        .chain(t.goals.iter().map(String::as_str))
        .map(|text| (None, text));
    let measures = t
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (Some(format!("{}.{}", t.number, i + 1)), m.text.as_str()));
    own.chain(measures)
        .flat_map(|(measure, text)| {
            targets::extract(text)
                .into_iter()
                .map(move |f| (measure.clone(), f))
        })
        .enumerate()
        .map(|(k, (measure, f))| Target {
            id: format!("{}.{}", t.number, k + 1),
            label: f.label,
            phrase: f.phrase,
            target: f.value,
            unit: f.unit,
            qualifier: f.qualifier,
            measure,
            current: None,
            updated: None,
            updated_by: None,
        })
        .collect()
}

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod office_fixtures;
#[cfg(test)]
mod roundtrip_tests;
#[cfg(test)]
mod tests;
