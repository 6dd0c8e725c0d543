//! Attaching evidence files from the keyboard: a one-line path prompt (Tab completes the
//! path) for the selected note, or for the note being written in the editor. An existing
//! note gets the file at once; a new one when it is saved. The copy itself is an effect
//! (`Effect::Attach`): the store does it, and `Msg::Attached` brings the result back.

use super::editor::EditTarget;
use super::nav::Selected;
use super::*;
use crate::model::files::human_size;
use crate::model::{FileRef, ItemRef};
use crate::store::files::{FileError, Limits};
use crate::strings::errors::Voiced;
use crate::strings::files as msg;
use crate::text;
use std::path::{Path, PathBuf};

/// Which note a file goes to.
#[derive(Debug, Clone, PartialEq)]
pub enum AttachTo {
    /// An existing note.
    Note { task: u32, id: String },
    /// The new note in the editor, once it is saved.
    Writing(ItemRef),
}

/// Why the store did not attach a file.
#[derive(Debug)]
pub enum AttachFailure {
    File(FileError),
    Other(crate::store::StoreError),
}

/// A note's file as one line: name, size, kind.
pub fn file_line(lang: Lang, f: &FileRef) -> String {
    format!(
        "{} {}  {} · {}",
        msg::files_label(lang),
        f.shown_name(),
        human_size(f.size),
        msg::kind(lang, f.kind().key())
    )
}

/// The end of `s` in at most `room` cells, after `⋯`; none when it fits whole.
pub fn tail(s: &str, room: usize) -> Option<String> {
    if text::width(s) <= room {
        return None;
    }
    let budget = room.saturating_sub(text::width(text::ELLIPSIS));
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    Some(format!(
        "{}{}",
        text::ELLIPSIS,
        out.iter().rev().collect::<String>()
    ))
}

/// Complete a typed path: the longest common start of the names in its directory that
/// begin with its last part (a directory gets its `/`), and those names when there are
/// several. `~/` is the home directory. Names that are not UTF-8 or hold a character that
/// cannot be typed (a control, an escape) are not offered: `keywork attach` takes those.
pub fn complete(typed: &str, home: Option<&Path>) -> (String, Vec<String>) {
    let (dir_part, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir: PathBuf = match (dir_part.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ if dir_part.is_empty() => PathBuf::from("."),
        _ => PathBuf::from(dir_part),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (typed.to_string(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if name.chars().any(crate::sanitize::is_hostile) {
                return None;
            }
            let hidden = name.starts_with('.') && !prefix.starts_with('.');
            (name.starts_with(prefix) && !hidden).then(|| {
                if e.path().is_dir() {
                    format!("{name}/")
                } else {
                    name
                }
            })
        })
        .collect();
    names.sort();
    let Some(first) = names.first() else {
        return (typed.to_string(), names);
    };
    let mut common = first.as_str();
    for n in &names[1..] {
        let mut end = common
            .char_indices()
            .zip(n.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(n.len()), |((i, _), _)| i);
        while !common.is_char_boundary(end) {
            end -= 1;
        }
        common = &common[..end];
    }
    (format!("{dir_part}{common}"), names)
}

impl App {
    /// `F` on a note (board or detail), `Ctrl+t` in the editor: ask for a file's path.
    pub(super) fn ask_attach(&mut self) {
        let lang = self.lang();
        let to = match self.ui.overlays.last() {
            Some(Overlay::Editor(e)) => match &e.target {
                EditTarget::New(item) => Some(AttachTo::Writing(*item)),
                EditTarget::Existing { task, id } => Some(AttachTo::Note {
                    task: *task,
                    id: id.clone(),
                }),
                _ => None,
            },
            _ => match (self.selected_node(), self.ui.selected) {
                (Some(Selected::Note { id, .. }), Some(task)) => Some(AttachTo::Note { task, id }),
                _ => None,
            },
        };
        match to {
            Some(to) => self.ask(PromptKind::AttachFile(to), ""),
            None => self.warn(msg::select_note(lang)),
        }
    }

    /// Tab in the path prompt.
    pub(super) fn complete_attach(&mut self) {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let Some(Overlay::Prompt { buf, .. }) = self.ui.overlays.last_mut() else {
            return;
        };
        let (text, names) = complete(buf.text(), home.as_deref());
        *buf = TextBuf::new(&text, false);
        if names.len() > 1 {
            let shown: Vec<String> = names.iter().take(8).map(|n| text::one_line(n)).collect();
            let more = if names.len() > 8 { " …" } else { "" };
            self.say(format!("{}{more}", shown.join("  ")));
        }
    }

    /// Enter in the path prompt: an effect for an existing note, a file kept for the note
    /// being written.
    pub(super) fn answer_attach(
        &mut self,
        to: &AttachTo,
        typed: &str,
    ) -> Result<Option<Effect>, String> {
        let lang = self.lang();
        if typed.is_empty() {
            return Ok(None);
        }
        let path = match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(h)) => PathBuf::from(h).join(rest),
            _ => PathBuf::from(typed),
        };
        // Refused at once (not a regular file, too large) with the prompt kept open.
        if let Err(e) = crate::store::files::check_file(&path, self.file_limits) {
            return Err(e.message(lang));
        }
        match to {
            AttachTo::Note { task, id } => Ok(Some(Effect::Attach {
                task: *task,
                id: id.clone(),
                path,
                limits: self.file_limits,
            })),
            AttachTo::Writing(_) => {
                let name = text::one_line(&path.file_name().unwrap_or_default().to_string_lossy());
                self.ui.pending_files.push(path);
                self.say(msg::tui_pending(lang, &name));
                Ok(None)
            }
        }
    }

    /// A new note was saved: the files chosen while it was written follow.
    pub(super) fn attach_pending(&mut self, inverse: Option<&Change>) -> Vec<Effect> {
        let Some(Change::RemoveNote { task, id }) = inverse else {
            return Vec::new();
        };
        std::mem::take(&mut self.ui.pending_files)
            .into_iter()
            .map(|path| Effect::Attach {
                task: *task,
                id: id.clone(),
                path,
                limits: self.file_limits,
            })
            .collect()
    }

    /// The store attached a file (the task as saved), or could not.
    pub(super) fn attached(&mut self, result: Result<(FileRef, Board), AttachFailure>) {
        let lang = self.lang();
        match result {
            Ok((file, saved)) => {
                for task in saved.tasks {
                    self.replace_task(task);
                }
                self.say(msg::tui_attached(lang, &file.shown_name()));
            }
            Err(AttachFailure::File(e)) => self.warn(msg::tui_failed(lang, &e.message(lang))),
            Err(AttachFailure::Other(e)) => self.warn(msg::tui_failed(lang, &e.say(lang))),
        }
    }
}

/// The default limits, until the config's are set (`App::start`).
pub fn default_limits(config: &Config) -> Limits {
    Limits::from_mb(config.files.max_file_mb, config.files.max_board_mb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleting_a_note_with_files_and_undoing_it_keeps_the_links() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        let mut board = crate::seed::board(crate::model::default_statuses(), now);
        let file = FileRef {
            sha256: "ab".repeat(32),
            name: "合同.pdf".into(),
            size: 3,
        };
        let st = crate::model::Stamp {
            author: "li".into(),
            at: now,
        };
        let r: ItemRef = "1".parse().unwrap();
        board
            .add_note_with_files(r, "签约", None, std::slice::from_ref(&file), &st)
            .unwrap();
        let mut app = App::new(board, &Config::defaults(), now);
        app.handle(Msg::Resize(80, 24));
        let settle = |app: &mut App, e: Vec<Effect>| {
            crate::effects::settle(app, e, |app, e| {
                crate::effects::apply_in_memory(app, e, "tester")
            });
        };
        let act = |app: &mut App, a: Action| {
            let e = app.update(a);
            settle(app, e);
        };
        act(&mut app, Action::Open);
        act(&mut app, Action::Down);
        assert!(matches!(app.selected_node(), Some(Selected::Note { .. })));
        let note = app.board.task(1).unwrap().notes[0].clone();
        for c in ['x', 'y'] {
            let e = app.handle(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            settle(&mut app, e);
        }
        assert!(app.board.task(1).unwrap().notes.is_empty());
        // After a restart the history gives it back with its file.
        assert_eq!(
            app.board.removed_note(&note.id).unwrap().1.files,
            vec![file]
        );
        act(&mut app, Action::Undo);
        assert_eq!(app.board.task(1).unwrap().notes, vec![note]);
    }

    #[test]
    fn completion_extends_to_the_common_start_and_lists_the_choices() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::write(d.join("签约合同-甲.pdf"), b"a").unwrap();
        std::fs::write(d.join("签约合同-乙.pdf"), b"b").unwrap();
        std::fs::create_dir(d.join("照片")).unwrap();
        std::fs::write(d.join(".hidden"), b"").unwrap();
        std::fs::write(d.join("签\x1b[2J.pdf"), b"").unwrap();
        let base = format!("{}/", d.display());
        let (t, names) = complete(&format!("{base}签"), None);
        assert_eq!(t, format!("{base}签约合同-"));
        assert_eq!(names, ["签约合同-乙.pdf", "签约合同-甲.pdf"]);
        let (t, names) = complete(&format!("{base}照"), None);
        assert_eq!((t, names.len()), (format!("{base}照片/"), 1));
        let (t, names) = complete(&base, None);
        assert_eq!(names.len(), 3, "no hidden file unless asked: {names:?}");
        assert_eq!(t, base);
        assert_eq!(
            complete(&format!("{base}.h"), None).0,
            format!("{base}.hidden")
        );
        assert_eq!(complete("/nonexistent/x", None).0, "/nonexistent/x");
        let (t, _) = complete("~/签约合同-甲", Some(d));
        assert_eq!(t, "~/签约合同-甲.pdf");
    }
}
