//! The note editor's state: which note it writes, its two fields (text and reference) and
//! whether anything was typed. Turning a finished editor into a `Change` happens here too.

use super::textbuf::TextBuf;
use crate::change::Change;
use crate::model::{ItemRef, ModelError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the editor writes to.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    /// A new note on a task or measure.
    New(ItemRef),
    /// An existing note.
    Existing { task: u32, id: String },
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
            Field::Text => Field::Reference,
            Field::Reference => Field::Text,
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

    /// The change that saving the editor makes.
    pub fn change(&self) -> Result<Change, ModelError> {
        if self.text.is_empty() {
            return Err(ModelError::EmptyNote);
        }
        let text = self.text.text().to_string();
        let reference = Some(self.reference.text().trim().to_string()).filter(|r| !r.is_empty());
        Ok(match &self.target {
            EditTarget::New(item) => Change::AddNote {
                item: *item,
                text,
                reference,
            },
            EditTarget::Existing { task, id } => Change::EditNote {
                task: *task,
                id: id.clone(),
                text,
                reference,
            },
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
            e.change().unwrap(),
            Change::AddNote {
                item: "15".parse().unwrap(),
                text: "中文\nb".into(),
                reference: Some("杨府发 〔2023〕1号".into()),
            }
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
        assert_eq!(e.change(), Err(ModelError::EmptyNote));
    }
}
