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
mod tests {
    use super::*;
    use crate::model::default_statuses;

    const SEED: &str = include_str!("../seeds/yangpu-2023-key-tasks.txt");

    fn ok(src: &str) -> ParsedList {
        parse_str(src).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// (line, message) of each error.
    fn errs(src: &str) -> Vec<(usize, String)> {
        match parse_str(src) {
            Ok(list) => panic!("expected errors, got {list:?}"),
            Err(e) => e.into_iter().map(|e| (e.line, e.message)).collect(),
        }
    }

    fn numbers(list: &ParsedList) -> Vec<u32> {
        list.tasks.iter().map(|t| t.number).collect()
    }

    fn measure_counts(list: &ParsedList) -> Vec<usize> {
        list.tasks.iter().map(|t| t.measures.len()).collect()
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2023-10-01T09:00:00+08:00").expect("valid time")
    }

    #[test]
    fn seed_gives_22_tasks_with_title_and_date() {
        let list = ok(SEED);
        assert_eq!(numbers(&list), (1..=22).collect::<Vec<_>>());
        assert_eq!(list.title, "2023 年区委、区政府重点工作任务");
        assert_eq!(list.issued, NaiveDate::from_ymd_opt(2023, 9, 19));
        assert_eq!(
            list.tasks[0].title,
            "深入学习贯彻党的二十大精神和习近平总书记考察上海重要讲话精神"
        );
        assert_eq!(list.tasks[0].line, 3);
        assert_eq!(list.tasks[21].line, 45);
    }

    #[test]
    fn seed_measures_are_the_sentences_after_the_title() {
        let list = ok(SEED);
        let t15 = &list.tasks[14];
        assert_eq!(t15.title, "加快推动城市更新");
        // The brief said 5; the published text has 4 sentences after the title.
        assert_eq!(t15.measures.len(), 4);
        assert!(t15.measures[1].starts_with("综合运用拆除重建"));
        assert!(t15.measures[3].ends_with("“小而美”的公共空间。"));
        assert_eq!(
            measure_counts(&list),
            vec![
                3, 8, 5, 9, 4, 8, 5, 4, 6, 3, 5, 8, 5, 4, 4, 6, 7, 4, 6, 7, 7, 8
            ]
        );
        let t10 = &list.tasks[9];
        let last = t10.measures.last().expect("task 10 has measures");
        assert!(last.ends_with("基层武装部规范化建设成果"), "{last}");
        assert!(t15.text.starts_with("加快推动城市更新。按照全市"));
        assert!(t10.text.ends_with("建设成果"));
        assert!(list.tasks[17].measures[3].ends_with("“十连冠”。"));
    }

    #[test]
    fn seed_board_has_ids_statuses_targets_and_history() {
        let list = ok(SEED);
        let board = build_board(
            &list,
            default_statuses(),
            "yangpu-2023-key-tasks.txt",
            now(),
        );
        assert_eq!(board.meta.schema, SCHEMA);
        assert_eq!(board.meta.title, "2023 年区委、区政府重点工作任务");
        assert_eq!(board.meta.issued, NaiveDate::from_ymd_opt(2023, 9, 19));
        assert_eq!(board.meta.source, "yangpu-2023-key-tasks.txt");
        assert_eq!(board.meta.created, now());
        assert_eq!(board.tasks.len(), 22);
        let t15 = board.task(15).expect("task 15");
        assert_eq!(t15.status, "todo");
        let ids: Vec<_> = t15.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, vec!["15.1", "15.2", "15.3", "15.4"]);
        assert!(t15.measures.iter().all(|m| m.status == "todo"));
        let targets: Vec<_> = t15
            .targets
            .iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    t.target,
                    t.unit.as_str(),
                    t.measure.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            targets,
            vec![
                ("15.1", 74000.0, "平方米", Some("15.2")),
                ("15.2", 2400.0, "户", Some("15.2")),
                ("15.3", 500000.0, "平方米", Some("15.3")),
                ("15.4", 200.0, "台", Some("15.3")),
                ("15.5", 10.0, "条", Some("15.4")),
                ("15.6", 5.0, "条", Some("15.4")),
                ("15.7", 4.0, "处", Some("15.4")),
                ("15.8", 16.0, "公里", Some("15.4")),
            ]
        );
        let t13 = board.task(13).expect("task 13");
        assert_eq!(t13.targets.len(), 2);
        assert_eq!(t13.targets[1].measure.as_deref(), Some("13.5"));
        let history = &t15.history;
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].kind, EventKind::Created);
        assert_eq!(
            (history[0].on.as_str(), history[0].author.as_str()),
            ("15", "import")
        );
        assert!(
            board
                .tasks
                .iter()
                .all(|t| t.lead.is_empty() && t.notes.is_empty())
        );
        let with_targets: Vec<u32> = board
            .tasks
            .iter()
            .filter(|t| !t.targets.is_empty())
            .map(|t| t.number)
            .collect();
        assert_eq!(with_targets, vec![13, 15]);
    }

    #[test]
    fn title_targets_have_no_measure_and_come_first() {
        let list = ok("1.新建5所学校。完成200台加装电梯。\n");
        let board = build_board(&list, default_statuses(), "x", now());
        let t = &board.tasks[0].targets;
        assert_eq!((t[0].id.as_str(), t[0].measure.as_deref()), ("1.1", None));
        assert_eq!(
            (t[1].id.as_str(), t[1].measure.as_deref()),
            ("1.2", Some("1.1"))
        );
    }

    #[test]
    fn every_numbering_style_parses() {
        let fixtures = [
            include_str!("../tests/fixtures/import/style-dot.txt"),
            include_str!("../tests/fixtures/import/style-dunhao.txt"),
            include_str!("../tests/fixtures/import/style-fullwidth.txt"),
            include_str!("../tests/fixtures/import/style-paren.txt"),
            include_str!("../tests/fixtures/import/style-chinese-paren.txt"),
        ];
        for src in fixtures {
            let list = ok(src);
            assert_eq!(numbers(&list), vec![1, 2, 3], "{src}");
            assert_eq!(list.tasks[0].title, "推进旧区改造", "{src}");
            assert_eq!(list.tasks[1].title, "优化营商环境", "{src}");
        }
        let cn = ok(include_str!("../tests/fixtures/import/style-chinese.txt"));
        assert_eq!(numbers(&cn), vec![1, 2, 3, 4]);
        assert_eq!(cn.tasks[3].text, "建设美丽家园。新建4处公共绿地。");
        assert_eq!(cn.issued, None);
        assert_eq!(cn.title, "街道重点工作任务");
    }

    #[test]
    fn styles_keep_their_own_measures_and_dates() {
        let dot = ok(include_str!("../tests/fixtures/import/style-dot.txt"));
        assert_eq!(measure_counts(&dot), vec![2, 1, 1]);
        assert_eq!(dot.title, "2024 年街道重点工作任务");
        assert_eq!(dot.issued, NaiveDate::from_ymd_opt(2024, 2, 1));
        let dunhao = ok(include_str!("../tests/fixtures/import/style-dunhao.txt"));
        assert_eq!(dunhao.tasks[0].text, "推进旧区改造。完成3处旧住房改造。");
        assert_eq!(dunhao.issued, NaiveDate::from_ymd_opt(2024, 3, 8));
        assert_eq!(dunhao.title, "街道重点工作任务");
        assert_eq!(measure_counts(&dunhao), vec![1, 0, 2]);
        let fw = ok(include_str!("../tests/fixtures/import/style-fullwidth.txt"));
        assert_eq!(fw.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(fw.tasks[2].title, "加强社区治理");
        assert_eq!(
            fw.tasks[2].measures,
            vec!["深化睦邻中心建设？", "推动志愿服务"]
        );
        let paren = ok(include_str!("../tests/fixtures/import/style-paren.txt"));
        assert_eq!(paren.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(paren.tasks[2].text, "加强社区治理。深化睦邻中心建设。");
    }

    #[test]
    fn markers_up_to_twenty_two_and_non_markers() {
        assert_eq!(parse_marker("十二、加强"), Some((12, "加强")));
        assert_eq!(parse_marker("二十二、加强"), Some((22, "加强")));
        assert_eq!(parse_marker("（十二）加强"), Some((12, "加强")));
        assert_eq!(parse_marker("１５．加快"), Some((15, "加快")));
        assert_eq!(parse_marker("22.\u{3000}加强"), Some((22, "加强")));
        assert_eq!(parse_marker("1.5万平方米"), None);
        assert_eq!(parse_marker("2023 年区委"), None);
        assert_eq!(parse_marker("1，加强"), None);
        assert_eq!(parse_marker("一批项目"), None);
        assert_eq!(parse_marker("2."), Some((2, "")));
    }

    #[test]
    fn title_dates_in_every_style() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 19);
        for line in [
            "重点工作任务 2023-09-19",
            "重点工作任务 2023年9月19日",
            "重点工作任务2023年9月19日",
            "重点工作任务 2023.09.19",
            "重点工作任务 2023/9/19",
            "重点工作任务（２０２３年９月１９日）",
            "重点工作任务 (2023-09-19)",
        ] {
            assert_eq!(
                split_issued(line),
                ("重点工作任务".to_string(), d),
                "{line}"
            );
        }
        assert_eq!(split_issued("2023 年重点工作任务").1, None);
        assert_eq!(
            split_issued("任务 2023-13-40"),
            ("任务 2023-13-40".to_string(), None)
        );
        assert_eq!(split_issued("任务 12023-09-19").1, None);
    }

    #[test]
    fn crlf_bom_and_cr_only_files_parse() {
        let bytes = include_bytes!("../tests/fixtures/import/crlf-bom.txt");
        for list in [
            parse_bytes(bytes),
            parse_str(include_str!("../tests/fixtures/import/crlf-bom.txt")),
        ] {
            let list = list.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(list.title, "街道重点工作任务");
            assert_eq!(list.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
            assert_eq!(numbers(&list), vec![1, 2, 3]);
            assert_eq!(list.tasks[0].line, 3);
            assert!(!list.tasks[2].text.contains('\r'));
        }
        let cr = ok(include_str!("../tests/fixtures/import/cr-only.txt"));
        assert_eq!(numbers(&cr), vec![1, 2, 3]);
        assert_eq!(cr.tasks[2].line, 4);
    }

    #[test]
    fn blank_lines_and_all_kinds_of_spaces_are_ignored() {
        let list = ok(include_str!("../tests/fixtures/import/blank-spaces.txt"));
        assert_eq!(list.title, "街道重点工作任务");
        assert_eq!(list.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(numbers(&list), vec![1, 2, 3]);
        let lines: Vec<usize> = list.tasks.iter().map(|t| t.line).collect();
        assert_eq!(lines, vec![6, 9, 11]);
        assert_eq!(list.tasks[0].text, "推进旧区改造。完成3处旧住房改造。");
        assert_eq!(list.tasks[1].text, "优化营商环境。");
        assert_eq!(list.tasks[2].measures, vec!["深化睦邻中心建设。"]);
    }

    #[test]
    fn continuation_lines_join_the_task_before() {
        let list = ok(include_str!("../tests/fixtures/import/continuation.txt"));
        assert_eq!(numbers(&list), vec![1, 2, 3]);
        let t1 = &list.tasks[0];
        assert_eq!(
            t1.text,
            "推进旧区改造。综合运用拆除重建、成套改造等方式,加快7.4万平方米旧住房改造。完成200台加装电梯任务。"
        );
        assert_eq!(t1.measures.len(), 2);
        assert_eq!(
            list.tasks[1].text,
            "推进数字化转型。建设5G network 基站10座。"
        );
        assert_eq!(list.tasks[2].line, 7);
    }

    #[test]
    fn a_file_without_title_line_has_an_empty_title() {
        let list = ok(include_str!("../tests/fixtures/import/no-title.txt"));
        assert_eq!((list.title.as_str(), list.issued), ("", None));
        assert_eq!(numbers(&list), vec![1, 2, 3]);
        assert_eq!(list.tasks[0].line, 1);
    }

    #[test]
    fn duplicate_number_is_an_error_naming_both_lines() {
        let e = errs(include_str!("../tests/fixtures/import/bad-duplicate.txt"));
        assert_eq!(
            e,
            vec![(4, "task 2 appears twice (first on line 3)".to_string())]
        );
    }

    #[test]
    fn backwards_number_is_an_error() {
        let e = errs(include_str!("../tests/fixtures/import/bad-backwards.txt"));
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, 5);
    }

    #[test]
    fn going_back_to_an_unused_number_is_an_error() {
        let e = errs("1.一。\n3.三。\n2.二。\n");
        assert_eq!(
            e,
            vec![
                (2, "task 2 is missing before line 2".to_string()),
                (
                    3,
                    "task 2 comes after task 3: numbers must go up".to_string()
                ),
            ]
        );
    }

    #[test]
    fn gap_is_an_error() {
        let e = errs(include_str!("../tests/fixtures/import/bad-gap.txt"));
        assert_eq!(e, vec![(4, "task 3 is missing before line 4".to_string())]);
        let e = errs("1.一。\n5.五。\n");
        assert_eq!(
            e,
            vec![(2, "tasks 2–4 are missing before line 2".to_string())]
        );
    }

    #[test]
    fn stray_line_before_first_task_is_an_error() {
        let e = errs(include_str!("../tests/fixtures/import/bad-stray.txt"));
        assert_eq!(
            e,
            vec![(
                2,
                "cannot place this line: it is not a numbered task".to_string()
            )]
        );
    }

    #[test]
    fn empty_task_line_is_an_error() {
        let e = errs(include_str!("../tests/fixtures/import/bad-empty-task.txt"));
        assert_eq!(
            e,
            vec![(3, "task 2 has no text after its number".to_string())]
        );
    }

    #[test]
    fn task_zero_and_no_tasks_are_errors() {
        assert_eq!(errs("0.零。\n")[0].0, 1);
        assert_eq!(
            errs("只有标题\n\n"),
            vec![(2, "no numbered tasks found".to_string())]
        );
        assert_eq!(errs("")[0].0, 1);
        let huge = errs("4294967295.甲。\n4294967295.乙。\n");
        assert_eq!(huge.len(), 2, "{huge:?}");
    }

    #[test]
    fn every_bad_line_is_reported() {
        let e = errs(include_str!("../tests/fixtures/import/bad-two-errors.txt"));
        let lines: Vec<usize> = e.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 5]);
        let err = parse_str("标题\n杂项\n1.一。\n1.二。\n3.\n").expect_err("three bad lines");
        let lines: Vec<usize> = err.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 5]);
        assert_eq!(
            err[0].to_string(),
            "line 2: cannot place this line: it is not a numbered task"
        );
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let bytes = include_bytes!("../tests/fixtures/import/bad-utf8.txt");
        let e: Vec<_> = parse_bytes(bytes)
            .expect_err("invalid UTF-8")
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect();
        assert_eq!(
            e,
            vec![
                (3, "invalid UTF-8 at byte 51".to_string()),
                (4, "invalid UTF-8 at byte 69".to_string()),
            ]
        );
        let crlf = parse_bytes(b"t\r\n1.a\r\n\xff\r\n").expect_err("bad");
        assert_eq!(crlf[0].line, 3);
    }

    #[test]
    fn sentences_keep_closing_quotes_and_last_unfinished_one() {
        assert_eq!(
            split_sentences("甲。乙“丙。”丁！！戊"),
            vec!["甲。", "乙“丙。”", "丁！！", "戊"]
        );
        assert_eq!(split_sentences("  "), Vec::<String>::new());
    }
}
