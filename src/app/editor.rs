//! The editor's state: what it writes (an evidence note, or a review meeting's conclusion,
//! next step or needs-coordination item), its fields (the text and, where the target has one,
//! a second line: the note's reference or the next step's owner and date) and whether anything
//! was typed. Turning a finished editor into a change happens here too.

use super::textbuf::TextBuf;
use crate::change::Change;
use crate::model::review::{ReviewChange, split_owner_due};
use crate::model::{ItemRef, ModelError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the editor writes to.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    /// A new note on a task or measure.
    New(ItemRef),
    /// An existing note.
    Existing { task: u32, id: String },
    /// The review meeting's conclusion on a task.
    Conclusion(u32),
    /// The review meeting's next step on a task (second field: owner and date).
    NextStep(u32),
    /// The review meeting's needs-coordination item on a task (second field: owner and date).
    Coordination(u32),
}

impl EditTarget {
    /// The task it concerns.
    pub fn task(&self) -> u32 {
        match self {
            EditTarget::New(item) => item.task,
            EditTarget::Existing { task, .. }
            | EditTarget::Conclusion(task)
            | EditTarget::NextStep(task)
            | EditTarget::Coordination(task) => *task,
        }
    }

    /// The label of the second field, if the target has one: (Chinese, English).
    pub fn second_field(&self) -> Option<(&'static str, &'static str)> {
        match self {
            EditTarget::New(_) | EditTarget::Existing { .. } => {
                let label = crate::strings::app::reference_field;
                Some((
                    label(crate::config::Lang::Zh),
                    label(crate::config::Lang::En),
                ))
            }
            EditTarget::NextStep(_) | EditTarget::Coordination(_) => {
                let label = crate::strings::app::owner_due_field;
                Some((
                    label(crate::config::Lang::Zh),
                    label(crate::config::Lang::En),
                ))
            }
            EditTarget::Conclusion(_) => None,
        }
    }

    /// How a draft names it: `15`, `15.2`, `15/<note id>`, `review:c:15`, `review:x:15`,
    /// `review:!:15`.
    pub fn to_draft(&self) -> String {
        match self {
            EditTarget::New(item) => item.to_string(),
            EditTarget::Existing { task, id } => format!("{task}/{id}"),
            EditTarget::Conclusion(t) => format!("review:c:{t}"),
            EditTarget::NextStep(t) => format!("review:x:{t}"),
            EditTarget::Coordination(t) => format!("review:!:{t}"),
        }
    }

    pub fn from_draft(s: &str) -> Option<EditTarget> {
        if let Some(rest) = s.strip_prefix("review:") {
            let (kind, task) = rest.split_once(':')?;
            let task = task.parse().ok()?;
            return match kind {
                "c" => Some(EditTarget::Conclusion(task)),
                "x" => Some(EditTarget::NextStep(task)),
                "!" => Some(EditTarget::Coordination(task)),
                _ => None,
            };
        }
        match s.split_once('/') {
            Some((task, id)) => task.parse().ok().map(|task| EditTarget::Existing {
                task,
                id: id.to_string(),
            }),
            None => s.parse().ok().map(EditTarget::New),
        }
    }
}

/// What saving the editor changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Board(Change),
    Review(ReviewChange),
}

/// Which field has the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Reference,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pub target: EditTarget,
    pub text: TextBuf,
    pub reference: TextBuf,
    pub field: Field,
    original: (String, String),
}

impl Editor {
    pub fn new(target: EditTarget, text: &str, reference: &str) -> Editor {
        Editor {
            target,
            text: TextBuf::new(text, true),
            reference: TextBuf::new(reference, false),
            field: Field::Text,
            original: (text.to_string(), reference.to_string()),
        }
    }

    /// Whether closing would lose typed text.
    pub fn is_dirty(&self) -> bool {
        (self.text.text(), self.reference.text()) != (&self.original.0, &self.original.1)
            && !(self.text.is_empty() && self.reference.is_empty())
    }

    pub fn next_field(&mut self) {
        self.field = match self.field {
            Field::Text if self.target.second_field().is_some() => Field::Reference,
            _ => Field::Text,
        };
    }

    fn current(&mut self) -> &mut TextBuf {
        match self.field {
            Field::Text => &mut self.text,
            Field::Reference => &mut self.reference,
        }
    }

    /// Insert pasted text into the current field (never interpreted as keys).
    pub fn paste(&mut self, s: &str) {
        self.current().insert(s);
    }

    /// An editing key (one the keymap did not claim). `width` is the text field's width, for
    /// moving up and down by screen rows.
    pub fn key(&mut self, k: &KeyEvent, width: usize) {
        let field = self.field;
        let buf = self.current();
        edit_key(buf, k, width);
        if k.code == KeyCode::Enter && field == Field::Reference {
            self.field = Field::Text;
        }
    }

    /// The change that saving the editor makes. A note must have text; a review field may be
    /// emptied (that clears it). `year` completes a next step's `MM-DD` date.
    pub fn save(&self, year: i32) -> Result<Saved, ModelError> {
        let text = self.text.text().to_string();
        let second = self.reference.text().trim().to_string();
        let reference = Some(second.clone()).filter(|r| !r.is_empty());
        let note_text = || {
            if self.text.is_empty() {
                Err(ModelError::EmptyNote)
            } else {
                Ok(text.clone())
            }
        };
        Ok(match &self.target {
            EditTarget::New(item) => Saved::Board(Change::AddNote {
                item: *item,
                text: note_text()?,
                reference,
            }),
            EditTarget::Existing { task, id } => Saved::Board(Change::EditNote {
                task: *task,
                id: id.clone(),
                text: note_text()?,
                reference,
            }),
            EditTarget::Conclusion(task) => {
                Saved::Review(ReviewChange::Conclusion { task: *task, text })
            }
            EditTarget::NextStep(task) => {
                let (owner, due) = split_owner_due(&second, year);
                Saved::Review(ReviewChange::NextStep {
                    task: *task,
                    text,
                    owner,
                    due,
                })
            }
            EditTarget::Coordination(task) => {
                let (owner, due) = split_owner_due(&second, year);
                Saved::Review(ReviewChange::Coordination {
                    task: *task,
                    text: Some(text),
                    owner,
                    due,
                })
            }
        })
    }
}

/// Apply an editing key to a text buffer: characters, Enter, Backspace, Delete, arrows,
/// Home, End. Keys with Ctrl or Alt type nothing.
pub fn edit_key(buf: &mut TextBuf, k: &KeyEvent, width: usize) {
    let plain = !k
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match k.code {
        KeyCode::Char(c) if plain => buf.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Enter => buf.newline(),
        KeyCode::Backspace => buf.backspace(),
        KeyCode::Delete => buf.delete(),
        KeyCode::Left => buf.left(),
        KeyCode::Right => buf.right(),
        KeyCode::Home => buf.home(),
        KeyCode::End => buf.end(),
        KeyCode::Up => buf.vertical(false, width),
        KeyCode::Down => buf.vertical(true, width),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_enter_and_tab_between_fields() {
        let mut e = Editor::new(EditTarget::New("15".parse().unwrap()), "", "");
        assert!(!e.is_dirty());
        for c in "中文".chars() {
            e.key(&key(KeyCode::Char(c)), 40);
        }
        e.key(&key(KeyCode::Enter), 40);
        e.key(&key(KeyCode::Char('b')), 40);
        e.next_field();
        e.paste("杨府发\n〔2023〕1号");
        assert_eq!(e.text.text(), "中文\nb");
        assert_eq!(e.reference.text(), "杨府发 〔2023〕1号");
        assert!(e.is_dirty());
        assert_eq!(
            e.save(2023).unwrap(),
            Saved::Board(Change::AddNote {
                item: "15".parse().unwrap(),
                text: "中文\nb".into(),
                reference: Some("杨府发 〔2023〕1号".into()),
            })
        );
    }

    #[test]
    fn ctrl_keys_type_nothing_and_empty_text_cannot_be_saved() {
        let mut e = Editor::new(EditTarget::New("15".parse().unwrap()), "", "");
        e.key(
            &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
            40,
        );
        assert_eq!(e.text.text(), "");
        assert_eq!(e.save(2023), Err(ModelError::EmptyNote));
    }

    #[test]
    fn review_fields_save_as_review_changes_and_drafts_name_them() {
        let mut e = Editor::new(EditTarget::NextStep(15), "加快签约", "区旧改办 10-31");
        e.next_field();
        assert_eq!(e.field, Field::Reference);
        assert_eq!(
            e.save(2023).unwrap(),
            Saved::Review(ReviewChange::NextStep {
                task: 15,
                text: "加快签约".into(),
                owner: "区旧改办".into(),
                due: "2023-10-31".parse().ok(),
            })
        );
        // The needs-coordination item has its own owner and date: Tab switches to them.
        let mut x = Editor::new(EditTarget::Coordination(15), "", "");
        x.paste("需规划资源局协调用地");
        x.next_field();
        assert_eq!(x.field, Field::Reference);
        x.paste("区规划资源局 11-15");
        assert_eq!(
            x.save(2023).unwrap(),
            Saved::Review(ReviewChange::Coordination {
                task: 15,
                text: Some("需规划资源局协调用地".into()),
                owner: "区规划资源局".into(),
                due: "2023-11-15".parse().ok(),
            })
        );
        let mut c = Editor::new(EditTarget::Conclusion(3), "", "");
        c.next_field();
        assert_eq!(c.field, Field::Text, "no second field");
        assert!(c.save(2023).is_ok(), "an empty conclusion clears it");
        for t in [
            EditTarget::New("15.2".parse().unwrap()),
            EditTarget::Existing {
                task: 15,
                id: "x-1".into(),
            },
            EditTarget::Conclusion(3),
            EditTarget::NextStep(4),
            EditTarget::Coordination(5),
        ] {
            assert_eq!(EditTarget::from_draft(&t.to_draft()), Some(t));
        }
    }
}
