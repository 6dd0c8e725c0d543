//! Import of a published task list (重点工作任务清单) as plain text into a new [`Board`].
//!
//! Owns the list format: an optional title line (with a trailing issue date), then numbered
//! tasks (`1.` `1、` `１．` `(1)` `（1）` `一、` `（一）` ...), each a title sentence followed by
//! measure sentences, possibly wrapped over several lines. Parsing is pure (no IO): the caller
//! reads the file and hands over its bytes or text. Every line that cannot be placed is
//! reported, with its number; nothing is dropped silently.

use crate::model::{Board, BoardMeta, Event, EventKind, Measure, SCHEMA, StatusDef, Target, Task};
use crate::targets;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A line of the input that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// A parsed task list, before it becomes a board.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedList {
    /// The title line without its date; empty when the file has no title line.
    pub title: String,
    pub issued: Option<NaiveDate>,
    pub tasks: Vec<ParsedTask>,
}

/// One numbered task as published.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTask {
    pub number: u32,
    /// 1-based line of its number.
    pub line: usize,
    /// The first sentence without its end mark.
    pub title: String,
    /// Everything after the number, verbatim (continuation lines appended).
    pub text: String,
    /// The remaining sentences, each with its end mark as written.
    pub measures: Vec<String>,
}

/// Sentence end marks.
const SENTENCE_ENDS: &[char] = &['。', '！', '？'];
/// Closing marks that belong to the sentence they follow (`……。”`).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》'];

/// Parse a task list from raw bytes: strips a BOM, reports each line with invalid UTF-8
/// (byte offsets count from the start of `bytes`). When the bytes are not UTF-8 only those
/// errors are reported; the list itself is checked once the encoding is fixed.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedList, Vec<LineError>> {
    match std::str::from_utf8(bytes) {
        Ok(s) => parse_str(s),
        Err(_) => Err(utf8_errors(bytes)),
    }
}

/// One error per line holding invalid UTF-8, naming the byte offset of its first bad byte.
fn utf8_errors(bytes: &[u8]) -> Vec<LineError> {
    let mut errors: Vec<LineError> = Vec::new();
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            let line = line_of_offset(bytes, offset);
            if errors.last().is_none_or(|e| e.line != line) {
                errors.push(LineError {
                    line,
                    message: format!("invalid UTF-8 at byte {offset}"),
                });
            }
        }
        offset += chunk.invalid().len();
    }
    errors
}

/// The 1-based line holding byte `offset` (CRLF, CR and LF each end a line).
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// Parse a task list. Returns every bad line at once, in line order (a line may have more
/// than one error, e.g. a gap in the numbers and no text).
pub fn parse_str(src: &str) -> Result<ParsedList, Vec<LineError>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser::default();
    for (line, text) in split_lines(src) {
        p.line(line, text.trim());
    }
    p.finish()
}

/// Lines numbered from 1; `\r\n`, `\r` and `\n` all end a line.
fn split_lines(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push((out.len() + 1, &src[start..i]));
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < src.len() {
        out.push((out.len() + 1, &src[start..]));
    }
    out
}

/// Line-by-line state of a parse.
#[derive(Default)]
struct Parser {
    seen_content: bool,
    title: String,
    issued: Option<NaiveDate>,
    tasks: Vec<ParsedTask>,
    /// Highest task number accepted so far.
    last: u32,
    errors: Vec<LineError>,
    lines: usize,
}

impl Parser {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(LineError {
            line,
            message: message.into(),
        });
    }

    fn line(&mut self, line: usize, text: &str) {
        self.lines = line;
        if text.is_empty() {
            return;
        }
        let first = !self.seen_content;
        self.seen_content = true;
        match parse_marker(text) {
            Some((number, rest)) => self.task(line, number, rest),
            None if first => (self.title, self.issued) = split_issued(text),
            None => match self.tasks.last_mut() {
                Some(task) => append_continuation(&mut task.text, text),
                None => self.error(line, "cannot place this line: it is not a numbered task"),
            },
        }
    }

    fn task(&mut self, line: usize, number: u32, rest: &str) {
        self.check_number(line, number);
        if rest.is_empty() {
            self.error(line, format!("task {number} has no text after its number"));
        }
        self.last = self.last.max(number);
        self.tasks.push(ParsedTask {
            number,
            line,
            title: String::new(),
            text: rest.to_string(),
            measures: Vec::new(),
        });
    }

    /// Numbers must run 1, 2, 3 ... without repeats, steps back or gaps.
    fn check_number(&mut self, line: usize, number: u32) {
        let expected = self.last.saturating_add(1);
        if number == 0 {
            self.error(line, "task number 0: numbers start at 1");
        } else if let Some(first) = self.tasks.iter().find(|t| t.number == number) {
            let msg = format!("task {number} appears twice (first on line {})", first.line);
            self.error(line, msg);
        } else if number < expected {
            let msg = format!(
                "task {number} comes after task {}: numbers must go up",
                self.last
            );
            self.error(line, msg);
        } else if number.checked_sub(expected) == Some(1) {
            self.error(
                line,
                format!("task {expected} is missing before line {line}"),
            );
        } else if number > expected {
            let msg = format!(
                "tasks {expected}–{} are missing before line {line}",
                number - 1
            );
            self.error(line, msg);
        }
    }

    fn finish(mut self) -> Result<ParsedList, Vec<LineError>> {
        if self.tasks.is_empty() && self.errors.is_empty() {
            self.error(self.lines.max(1), "no numbered tasks found");
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(self.errors);
        }
        for task in &mut self.tasks {
            let mut sentences = split_sentences(&task.text).into_iter();
            task.title = sentences.next().map(strip_end_mark).unwrap_or_default();
            task.measures = sentences.collect();
        }
        Ok(ParsedList {
            title: self.title,
            issued: self.issued,
            tasks: self.tasks,
        })
    }
}

/// Join a wrapped line to the text before it: no space between CJK, one between Latin words.
fn append_continuation(text: &mut String, more: &str) {
    let latin_end = text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let latin_start = more
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if latin_end && latin_start {
        text.push(' ');
    }
    text.push_str(more);
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A task number at the start of a line and the text after it (trimmed).
fn parse_marker(line: &str) -> Option<(u32, &str)> {
    let (number, rest) = paren_marker(line).or_else(|| plain_marker(line))?;
    Some((number, rest.trim_start()))
}

/// The leading run of chars matching `pred`, and the rest.
fn split_run(s: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| i);
    s.split_at(end)
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Parse digits (any width) or a Chinese numeral.
fn marker_number(s: &str) -> Option<u32> {
    if s.chars().all(is_any_digit) {
        ascii_digits(s).parse().ok()
    } else {
        targets::parse_chinese_numeral(s)
    }
}

/// `(1)` `（1）` `（一）` `(十二)`.
fn paren_marker(line: &str) -> Option<(u32, &str)> {
    let inner = line.strip_prefix(['(', '（'])?;
    let (num, rest) = split_run(inner, |c| is_any_digit(c) || targets::is_cn_numeral(c));
    let rest = rest.strip_prefix([')', '）'])?;
    Some((marker_number(num)?, rest))
}

/// `1.` `1、` `１．` `一、` `二十二、` (a `.` followed by a digit is a decimal, not a marker).
fn plain_marker(line: &str) -> Option<(u32, &str)> {
    let (digits, rest) = split_run(line, is_any_digit);
    if !digits.is_empty() {
        let after = rest.strip_prefix(['.', '．', '、'])?;
        if rest.starts_with(['.', '．']) && after.starts_with(is_any_digit) {
            return None;
        }
        return Some((marker_number(digits)?, after));
    }
    let (numeral, rest) = split_run(line, targets::is_cn_numeral);
    let after = rest.strip_prefix('、')?;
    Some((marker_number(numeral)?, after))
}

/// Split a title line into its text and a trailing issue date
/// (`2023-09-19`, `2023.9.19`, `2023/09/19`, `2023年9月19日`, optionally in brackets).
fn split_issued(line: &str) -> (String, Option<NaiveDate>) {
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
fn parse_date(s: &str) -> Option<NaiveDate> {
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

/// Sentences ending in 。！？ (closing quotes kept with them); a last unfinished one counts too.
fn split_sentences(text: &str) -> Vec<String> {
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

fn strip_end_mark(sentence: String) -> String {
    sentence
        .trim_end_matches(SENTENCE_ENDS)
        .trim_end()
        .to_string()
}

/// Turn a parsed list into a new board: every task and measure in the first status, targets
/// extracted from the title and measures, one `created` history event per task.
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
        },
        tasks,
    }
}

fn build_task(t: &ParsedTask, status: &str, now: DateTime<FixedOffset>) -> Task {
    let n = t.number;
    let measures = t
        .measures
        .iter()
        .enumerate()
        .map(|(i, text)| Measure {
            id: format!("{n}.{}", i + 1),
            text: text.clone(),
            status: status.to_string(),
            lead: Vec::new(),
            partners: Vec::new(),
            deadline: None,
        })
        .collect();
    Task {
        schema: SCHEMA,
        number: n,
        title: t.title.clone(),
        text: t.text.clone(),
        status: status.to_string(),
        lead: Vec::new(),
        partners: Vec::new(),
        deadline: None,
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

/// Targets of the title (no measure) and of each measure, numbered `N.1`, `N.2` ... in order.
fn task_targets(t: &ParsedTask) -> Vec<Target> {
    let title = std::iter::once((None, t.title.as_str()));
    let measures = t
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (Some(format!("{}.{}", t.number, i + 1)), m.as_str()));
    title
        .chain(measures)
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
mod tests;
