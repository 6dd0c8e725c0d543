//! What a set of board file changes means in words: the lines of a commit message
//! (`15.4 推进中 → 已完成 (zhang)`) and the tally of what a sync brought in ("3 notes and
//! 1 status change"). Pure: the versions of the files are handed in.

use super::merge::FileKind;
use crate::model::{BoardMeta, Event, EventKind};
use crate::strings::Lang;
use crate::strings::sync as say;
use std::collections::BTreeSet;
use std::path::Path;

/// One changed file: its path in the board and its bytes before and after (none: absent).
pub struct FileChange {
    pub path: String,
    pub before: Option<Vec<u8>>,
    pub after: Option<Vec<u8>>,
}

/// A task file's history alone: what a message needs, without building every note.
#[derive(serde::Deserialize)]
struct Logged {
    #[serde(default)]
    history: Vec<Event>,
}

fn history(bytes: Option<&[u8]>) -> Option<Vec<Event>> {
    let logged: Logged = toml::from_str(std::str::from_utf8(bytes?).ok()?).ok()?;
    Some(logged.history)
}

/// The events of `after` that `before` does not hold (as many times as they are new).
pub fn new_events(before: &[Event], after: &[Event]) -> Vec<Event> {
    let mut old: Vec<&Event> = before.iter().collect();
    let mut new = Vec::new();
    for e in after {
        match old.iter().position(|o| *o == e) {
            Some(i) => {
                old.swap_remove(i);
            }
            None => new.push(e.clone()),
        }
    }
    new
}

/// How many of each kind of change, and by whom.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    pub notes: usize,
    pub statuses: usize,
    pub targets: usize,
    pub other: usize,
    pub authors: BTreeSet<String>,
}

impl Tally {
    pub fn add(&mut self, e: &Event) {
        match e.kind {
            EventKind::NoteAdded => self.notes += 1,
            EventKind::Status | EventKind::ClosedWithoutEvidence => self.statuses += 1,
            EventKind::Target => self.targets += 1,
            _ => self.other += 1,
        }
        self.authors.insert(crate::text::one_line(&e.author));
    }

    pub fn total(&self) -> usize {
        self.notes + self.statuses + self.targets + self.other
    }

    /// "3 notes and 1 status change" / "3 条佐证、1 项状态变更"; empty when nothing.
    pub fn words(&self, en: bool) -> String {
        let lang = Lang::of_en(en);
        let parts: Vec<String> = [
            (self.notes, say::notes as fn(Lang, usize) -> String),
            (self.statuses, say::status_changes),
            (self.targets, say::target_values),
            (self.other, say::other_changes),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, said)| said(lang, n))
        .collect();
        say::list(lang, &parts)
    }
}

/// One line of a commit message for one event.
pub fn line(e: &Event, meta: &BoardMeta, en: bool) -> String {
    let lang = Lang::of_en(en);
    let who = crate::text::one_line(&e.author);
    let on = crate::text::one_line(&crate::present::event_subject(e));
    let value = |v: &Option<String>| crate::text::one_line(v.as_deref().unwrap_or("—"));
    let status = |v: &Option<String>| {
        meta.status_name(v.as_deref().unwrap_or("—"), en)
            .to_string()
    };
    let what = match e.kind {
        EventKind::Status => format!("{} → {}", status(&e.from), status(&e.to)),
        EventKind::Target => format!("{} → {}", value(&e.from), value(&e.to)),
        EventKind::NoteAdded => say::note_added(lang).into(),
        EventKind::NoteEdited => say::note_edited(lang).into(),
        EventKind::NoteRemoved => say::note_removed(lang).into(),
        EventKind::Created => say::created(lang).into(),
        EventKind::Reviewed => say::reviewed(lang).into(),
        EventKind::Assigned => format!("{} {}", say::units(lang), value(&e.to)),
        EventKind::Deadline => format!("{} {}", say::deadline(lang), value(&e.to)),
        EventKind::TargetAdded => format!("{} {}", say::target_added(lang), value(&e.to)),
        EventKind::TargetRemoved => format!("{} {}", say::target_removed(lang), value(&e.from)),
        EventKind::ClosedWithoutEvidence => {
            format!("{} {}", say::closed_unproven(lang), value(&e.to))
        }
    };
    format!("{on} {what} ({who})")
}

/// What the changed files say: a line per new event (tasks), per review and other file, and
/// the tally of the events.
pub fn describe(changes: &[FileChange], meta: &BoardMeta, en: bool) -> (Vec<String>, Tally) {
    let lang = Lang::of_en(en);
    let mut lines = Vec::new();
    let mut tally = Tally::default();
    for c in changes {
        match FileKind::of(Path::new(&c.path)) {
            Some(FileKind::Task) => {
                let before = history(c.before.as_deref()).unwrap_or_default();
                let Some(after) = history(c.after.as_deref()) else {
                    lines.push(format!("{} {}", c.path, say::removed(lang)));
                    continue;
                };
                let events = new_events(&before, &after);
                if events.is_empty() {
                    lines.push(format!("{} {}", c.path, say::changed(lang)));
                }
                for e in events {
                    tally.add(&e);
                    lines.push(line(&e, meta, en));
                }
            }
            Some(FileKind::Review) => {
                let date = Path::new(&c.path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                lines.push(format!("{} {date}", say::review(lang)));
                tally.other += 1;
            }
            _ => lines.push(format!("{} {}", c.path, say::changed(lang))),
        }
    }
    (lines, tally)
}

/// A commit message: the one line, or the tally as subject and every line in the body.
pub fn message(lines: &[String], tally: &Tally, en: bool) -> String {
    match lines {
        [] => "keywork".into(),
        [one] => one.clone(),
        many => {
            let who: Vec<&str> = tally.authors.iter().map(String::as_str).collect();
            let subject = match tally.total() {
                0 => say::files_changed(Lang::of_en(en), many.len()),
                _ => format!("{} ({})", tally.words(en), who.join(", ")),
            };
            let mut body: Vec<&str> = many.iter().map(String::as_str).take(200).collect();
            if many.len() > 200 {
                body.push("…");
            }
            format!("{subject}\n\n{}", body.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemRef, Stamp, default_statuses};

    fn stamp(who: &str, at: &str) -> Stamp {
        Stamp {
            author: who.into(),
            at: chrono::DateTime::parse_from_rfc3339(at).unwrap(),
        }
    }

    #[test]
    fn a_burst_of_changes_is_one_message_saying_what_and_who() {
        let mut board = crate::seed::board(
            default_statuses(),
            stamp("x", "2023-09-28T09:00:00+08:00").at,
        );
        let before = crate::store::task_toml(&board.tasks[14]);
        let r = |s: &str| s.parse::<ItemRef>().unwrap();
        let s = stamp("zhang", "2023-10-05T10:00:00+08:00");
        board.set_status(r("15.4"), "doing", &s).unwrap();
        board.set_status(r("15.4"), "done", &s).unwrap();
        board.add_note(r("15.2"), "签约完成", None, &s).unwrap();
        board
            .set_target(
                15,
                "15.4",
                Some(120.0),
                &stamp("li", "2023-10-05T11:00:00+08:00"),
            )
            .unwrap();
        let after = crate::store::task_toml(&board.tasks[14]);
        let change = FileChange {
            path: "tasks/15.toml".into(),
            before: Some(before.into_bytes()),
            after: Some(after.into_bytes()),
        };
        let (lines, tally) = describe(&[change], &board.meta, false);
        assert_eq!(lines[1], "15.4 推进中 → 已完成 (zhang)");
        assert_eq!(lines[2], "15.2 +佐证 (zhang)");
        assert_eq!(lines[3], "15#4 — → 120 (li)");
        assert_eq!(tally.words(false), "1 条佐证、2 项状态变更、1 项指标进度");
        assert_eq!(
            tally.words(true),
            "1 note, 2 status changes and 1 target value"
        );
        let msg = message(&lines, &tally, false);
        assert!(
            msg.starts_with(
                "1 条佐证、2 项状态变更、1 项指标进度 (li, zhang)\n\n15.4 未启动 → 推进中 (zhang)\n"
            ),
            "{msg}"
        );
        assert_eq!(
            message(&lines[1..2], &tally, false),
            "15.4 推进中 → 已完成 (zhang)"
        );
    }
}
