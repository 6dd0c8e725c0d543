//! Loading is a trust boundary: a task file is written by keywork, but also by hand, by a
//! merge, by a colleague. What the rest of the program takes for granted of a task is checked
//! here, and a file that breaks it is an error naming `path:line`, never a panic later.

use super::StoreError;
use crate::model::{BoardMeta, Task};
use std::collections::HashSet;
use std::path::Path;

/// Task numbers run from 1 to this (a district's list has a few dozen; a file named
/// `tasks/4000000000.toml` is a mistake, reported once and ignored).
pub const MAX_TASK: u32 = 9999;

/// Whether `n` is a task number a board may hold.
pub fn in_range(n: u32) -> bool {
    (1..=MAX_TASK).contains(&n)
}

/// What a task file or `board.toml` breaks. Worded at the edge (`message(lang)`, from
/// `strings::model`); `Display` is English, for logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Broken {
    TaskNumber(u32),
    MeasureTwice(String),
    TargetTwice(String),
    /// A target on a measure the task does not have.
    TargetOnMissing {
        target: String,
        measure: String,
    },
    NoteTwice(String),
    /// A note on a measure the task does not have.
    NoteOnMissing {
        note: String,
        measure: String,
    },
    NoStatuses,
    StatusTwice(String),
}

impl Broken {
    pub fn message(&self, lang: crate::strings::Lang) -> String {
        use crate::strings::model as say;
        match self {
            Broken::TaskNumber(n) => say::broken_task_number(lang, *n, MAX_TASK),
            Broken::MeasureTwice(id) => say::broken_measure_twice(lang, id),
            Broken::TargetTwice(id) => say::broken_target_twice(lang, id),
            Broken::TargetOnMissing { target, measure } => {
                say::broken_target_on(lang, target, measure)
            }
            Broken::NoteTwice(id) => say::broken_note_twice(lang, id),
            Broken::NoteOnMissing { note, measure } => say::broken_note_on(lang, note, measure),
            Broken::NoStatuses => say::broken_no_statuses(lang).to_string(),
            Broken::StatusTwice(key) => say::broken_status_twice(lang, key),
        }
    }
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::strings::Lang::En))
    }
}

/// Check the invariants of a parsed task; `text` is the file's text (for the line).
pub fn check_task(path: &Path, text: &[u8], task: &Task) -> Result<(), StoreError> {
    let text = String::from_utf8_lossy(text);
    let bad =
        |section: &str, key: &str, value: &str, nth: usize, problem: Broken| StoreError::Invalid {
            path: path.to_path_buf(),
            line: find_line(&text, section, key, value, nth),
            problem: Box::new(problem),
        };
    if !in_range(task.number) {
        return Err(bad(
            "",
            "number",
            &task.number.to_string(),
            0,
            Broken::TaskNumber(task.number),
        ));
    }
    let mut measures = HashSet::new();
    for m in &task.measures {
        if !measures.insert(m.id.as_str()) {
            return Err(bad(
                "measures",
                "id",
                &m.id,
                1,
                Broken::MeasureTwice(m.id.clone()),
            ));
        }
    }
    let mut targets = HashSet::new();
    for t in &task.targets {
        if !targets.insert(t.id.as_str()) {
            return Err(bad(
                "targets",
                "id",
                &t.id,
                1,
                Broken::TargetTwice(t.id.clone()),
            ));
        }
        if let Some(m) = t.measure.as_deref().filter(|m| !measures.contains(m)) {
            return Err(bad(
                "targets",
                "measure",
                m,
                0,
                Broken::TargetOnMissing {
                    target: t.id.clone(),
                    measure: m.to_string(),
                },
            ));
        }
    }
    let mut notes = HashSet::new();
    for n in &task.notes {
        if !notes.insert(n.id.as_str()) {
            return Err(bad(
                "notes",
                "id",
                &n.id,
                1,
                Broken::NoteTwice(n.id.clone()),
            ));
        }
        if let Some(m) = n.on.as_deref().filter(|m| !measures.contains(m)) {
            return Err(bad(
                "notes",
                "on",
                m,
                0,
                Broken::NoteOnMissing {
                    note: n.id.clone(),
                    measure: m.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Check the invariants of a parsed `board.toml`: at least one status, each key once.
pub fn check_meta(path: &Path, text: &[u8], meta: &BoardMeta) -> Result<(), StoreError> {
    let text = String::from_utf8_lossy(text);
    if meta.statuses.is_empty() {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            line: 1,
            problem: Box::new(Broken::NoStatuses),
        });
    }
    let mut keys = HashSet::new();
    for st in &meta.statuses {
        if !keys.insert(st.key.as_str()) {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                line: find_line(&text, "statuses", "key", &st.key, 1),
                problem: Box::new(Broken::StatusTwice(st.key.clone())),
            });
        }
    }
    Ok(())
}

/// The 1-based line of the `nth` (from 0) `key = "value"` in the `[[section]]` tables (the
/// top level when `section` is empty); line 1 if it cannot be found (a file written oddly).
fn find_line(text: &str, section: &str, key: &str, value: &str, nth: usize) -> usize {
    let mut current = String::new();
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if let Some(h) = l.strip_prefix('[') {
            current = h.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
        if current == section && k.trim() == key && v == value {
            if seen == nth {
                return i + 1;
            }
            seen += 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_the_second_id_in_its_section() {
        let text = "number = 3\n[[measures]]\nid = \"3.1\"\n[[targets]]\nid = \"3.1\"\n\
                    [[measures]]\nid = '3.1'\n";
        assert_eq!(find_line(text, "measures", "id", "3.1", 1), 7);
        assert_eq!(find_line(text, "targets", "id", "3.1", 0), 5);
        assert_eq!(find_line(text, "", "number", "3", 0), 1);
        assert_eq!(find_line(text, "notes", "id", "x", 0), 1);
    }
}
