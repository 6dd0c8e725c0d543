//! Why the importer refused a list ([`Problem`], in a [`super::LineError`]) or set a line
//! aside ([`Aside`], in a [`super::SetAside`]). Typed, and worded only at the edge:
//! `message(lang)` speaks the user's language from `strings::import`. `Display` is the
//! English form, for logs and tests; `import --json` reports a line set aside with its
//! English reason (the JSON contract).

use crate::strings::{Lang, import as say};
use std::fmt;

/// A numbering level named in a hint: its place (1 = outermost), sample marker and count.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelName {
    pub at: usize,
    pub sample: &'static str,
    pub items: usize,
}

/// What is wrong with a line (or the whole file) so that nothing is imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Bytes in no encoding the importer reads.
    Undecodable {
        offset: usize,
        encoding: &'static str,
    },
    /// A number alone on its line with no text after it.
    NumberAlone { text: String },
    /// Nothing numbered at all.
    NoTasks,
    /// `--level N` beyond the levels the list has.
    NoSuchLevel {
        asked: usize,
        levels: Vec<LevelName>,
    },
    /// A task numbered 0.
    TaskZero,
    /// A task number written twice; `levels` non-empty when the numbering repeats at several
    /// levels (the hint to choose one with `--level`).
    Twice {
        number: u32,
        first: usize,
        levels: Vec<LevelName>,
    },
    /// A task number lower than the one before.
    Backwards {
        number: u32,
        last: u32,
        levels: Vec<LevelName>,
    },
    /// One task number skipped.
    Missing { number: u32, line: usize },
    /// Several task numbers skipped.
    MissingRange { from: u32, to: u32, line: usize },
    /// A table row numbered out of order.
    RowOutOfOrder { number: u32, last: u32 },
    /// A table without numbered rows.
    NoRows,
    /// A task without text: in its table row (`in_row`) or after its number.
    NoTitle { number: u32, in_row: bool },
    /// Not an Excel workbook (the library's reason).
    NotXlsx { why: String },
    /// A sheet that cannot be read.
    Sheet { name: String, why: String },
    /// No sheet has a header row.
    NoHeaderRow,
    /// Not a Word file (the library's reason).
    NotDocx { why: String },
    /// A zip without `word/document.xml`.
    NoDocument,
    /// `word/document.xml` that is not well-formed.
    BadDocument { why: String },
}

fn names(lang: Lang, levels: &[LevelName]) -> String {
    let each: Vec<String> = levels
        .iter()
        .map(|l| say::level_name(lang, l.at, l.sample, l.items))
        .collect();
    each.join(say::list_separator(lang))
}

fn hint(lang: Lang, levels: &[LevelName]) -> String {
    if levels.is_empty() {
        String::new()
    } else {
        say::level_hint(lang, &names(lang, levels))
    }
}

impl Problem {
    /// The problem in `lang`, without its line (the caller names file and line).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Undecodable { offset, encoding } => say::undecodable(lang, *offset, encoding),
            Problem::NumberAlone { text } => say::number_alone(lang, text),
            Problem::NoTasks => say::no_tasks(lang).to_string(),
            Problem::NoSuchLevel { asked, levels } => {
                let s = if levels.len() == 1 { "" } else { "s" };
                say::no_such_level(lang, *asked, levels.len(), s, &names(lang, levels))
            }
            Problem::TaskZero => say::task_zero(lang).to_string(),
            Problem::Twice {
                number,
                first,
                levels,
            } => say::task_twice(lang, *number, *first, &hint(lang, levels)),
            Problem::Backwards {
                number,
                last,
                levels,
            } => say::task_backwards(lang, *number, *last, &hint(lang, levels)),
            Problem::Missing { number, line } => say::task_missing(lang, *number, *line),
            Problem::MissingRange { from, to, line } => say::tasks_missing(lang, *from, *to, *line),
            Problem::RowOutOfOrder { number, last } => say::row_out_of_order(lang, *number, *last),
            Problem::NoRows => say::no_rows(lang).to_string(),
            Problem::NoTitle { number, in_row } => match in_row {
                true => say::no_text_in_row(lang, *number),
                false => say::no_text_after_number(lang, *number),
            },
            Problem::NotXlsx { why } => say::not_xlsx(lang, why),
            Problem::Sheet { name, why } => say::bad_sheet(lang, name, why),
            Problem::NoHeaderRow => say::no_header_row(lang).to_string(),
            Problem::NotDocx { why } => say::not_docx(lang, why),
            Problem::NoDocument => say::no_document(lang).to_string(),
            Problem::BadDocument { why } => say::bad_document(lang, why),
        }
    }
}

/// English, for logs and tests; the edge shows [`Problem::message`].
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The item a deadline belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Task(u32),
    /// A measure's id (`15.2`).
    Measure(String),
}

/// Why a line of the list was not used.
#[derive(Debug, Clone, PartialEq)]
pub enum Aside {
    PageFooter,
    RunningHeader,
    /// A number alone out of sequence (a page number?).
    StrayNumber,
    NumberedBeforeFirstTask,
    OwnerBeforeFirstTask,
    TextBeforeFirstTask,
    AttachmentLabel,
    OutsideTable,
    HeaderRepeated,
    /// A deadline that is not a date: the item's deadline stays unset.
    DeadlineNotDate(Item),
}

impl Aside {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Aside::PageFooter => say::aside_page_footer(lang).to_string(),
            Aside::RunningHeader => say::aside_running_header(lang).to_string(),
            Aside::StrayNumber => say::aside_stray_number(lang).to_string(),
            Aside::NumberedBeforeFirstTask => say::aside_numbered_before(lang).to_string(),
            Aside::OwnerBeforeFirstTask => say::aside_owner_before(lang).to_string(),
            Aside::TextBeforeFirstTask => say::aside_text_before(lang).to_string(),
            Aside::AttachmentLabel => say::aside_attachment(lang).to_string(),
            Aside::OutsideTable => say::aside_outside_table(lang).to_string(),
            Aside::HeaderRepeated => say::aside_header_repeated(lang).to_string(),
            Aside::DeadlineNotDate(Item::Task(n)) => say::aside_task_deadline(lang, *n),
            Aside::DeadlineNotDate(Item::Measure(id)) => say::aside_measure_deadline(lang, id),
        }
    }
}

/// English, for logs and tests.
impl fmt::Display for Aside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// In `--json`, the English reason (the contract of `import --dry-run --json`).
impl serde::Serialize for Aside {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Vec<LevelName> {
        vec![
            LevelName {
                at: 1,
                sample: "一、",
                items: 4,
            },
            LevelName {
                at: 2,
                sample: "1.",
                items: 9,
            },
        ]
    }

    #[test]
    fn english_keeps_the_words_scripts_and_tests_know() {
        let p = Problem::Twice {
            number: 3,
            first: 7,
            levels: levels(),
        };
        assert_eq!(
            p.to_string(),
            "task 3 appears twice (first on line 7); numbering repeats at several levels: \
             choose the task level with --level N (1 \"一、\" (4 items), 2 \"1.\" (9 items))"
        );
        let p = Problem::NoSuchLevel {
            asked: 5,
            levels: levels(),
        };
        assert_eq!(
            p.to_string(),
            "--level 5: this list has 2 numbering levels (1 \"一、\" (4 items), 2 \"1.\" (9 items))"
        );
        let a = Aside::DeadlineNotDate(Item::Measure("3.2".into()));
        assert_eq!(
            a.to_string(),
            "the deadline of measure 3.2 is not a date; it is left unset"
        );
    }

    #[test]
    fn chinese_says_each_problem_and_reason_in_chinese() {
        let problems = [
            Problem::Undecodable {
                offset: 9,
                encoding: "UTF-8",
            },
            Problem::NumberAlone { text: "3".into() },
            Problem::NoTasks,
            Problem::NoSuchLevel {
                asked: 5,
                levels: levels(),
            },
            Problem::TaskZero,
            Problem::Backwards {
                number: 2,
                last: 3,
                levels: levels(),
            },
            Problem::Missing { number: 4, line: 9 },
            Problem::MissingRange {
                from: 4,
                to: 6,
                line: 9,
            },
            Problem::RowOutOfOrder { number: 5, last: 3 },
            Problem::NoRows,
            Problem::NoTitle {
                number: 2,
                in_row: true,
            },
            Problem::NotXlsx { why: "zip".into() },
            Problem::Sheet {
                name: "S".into(),
                why: "x".into(),
            },
            Problem::NoHeaderRow,
            Problem::NotDocx { why: "zip".into() },
            Problem::NoDocument,
            Problem::BadDocument { why: "x".into() },
        ];
        for p in &problems {
            let zh = p.message(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(!zh.contains("task") && !zh.contains("line"), "{zh}");
        }
        assert_eq!(
            Problem::Twice {
                number: 3,
                first: 7,
                levels: levels()
            }
            .message(Lang::Zh),
            "第 3 项任务出现两次（首次在第 7 行）；编号在多个层级重复：请用 --level N 指定任务所在的层级\
             （1 “一、”（4 项）、2 “1.”（9 项））"
        );
        let asides = [
            Aside::PageFooter,
            Aside::RunningHeader,
            Aside::StrayNumber,
            Aside::NumberedBeforeFirstTask,
            Aside::OwnerBeforeFirstTask,
            Aside::TextBeforeFirstTask,
            Aside::AttachmentLabel,
            Aside::OutsideTable,
            Aside::HeaderRepeated,
            Aside::DeadlineNotDate(Item::Task(2)),
            Aside::DeadlineNotDate(Item::Measure("2.1".into())),
        ];
        for a in &asides {
            let zh = a.message(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            let en = a.message(Lang::En);
            assert!(en.is_ascii(), "{en}");
        }
    }
}
