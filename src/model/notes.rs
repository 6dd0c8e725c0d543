//! Mistaken notes: put a removed note back from the history, move a note to another task or
//! measure. A removal keeps the note's text and reference in its history event, so nothing
//! deleted is lost, even after a restart.

use super::*;

impl Board {
    /// The note `id` as it was when last removed, rebuilt from the history: its task, and the
    /// note with its id, first author and time, item, text and reference. An error if it is on
    /// the board now or was never removed.
    pub fn removed_note(&self, id: &str) -> Result<(u32, Note), ModelError> {
        if self.find_note(id).is_some() {
            return Err(ModelError::NoteStillThere(id.to_string()));
        }
        let of = |t: &'_ Task, kind: EventKind| -> Vec<Event> {
            let mut v: Vec<Event> = t
                .history
                .iter()
                .filter(|e| e.kind == kind && e.note.as_deref() == Some(id))
                .cloned()
                .collect();
            v.sort_by_key(|e| e.at);
            v
        };
        let (task, removal) = self
            .tasks
            .iter()
            .filter_map(|t| of(t, EventKind::NoteRemoved).pop().map(|e| (t, e)))
            .max_by_key(|(_, e)| e.at)
            .ok_or_else(|| ModelError::NotRemoved(id.to_string()))?;
        let text = removal
            .from
            .clone()
            .ok_or_else(|| ModelError::NotRemoved(id.to_string()))?;
        // Its first author and time: the first time it was added, on any task (a moved note
        // was added first elsewhere).
        let added = self
            .tasks
            .iter()
            .flat_map(|t| of(t, EventKind::NoteAdded))
            .min_by_key(|e| e.at);
        let edited = of(task, EventKind::NoteEdited).last().map(|e| e.at);
        let (at, author) = match added {
            Some(e) => (e.at, e.author),
            None => (removal.at, removal.author.clone()),
        };
        let on = removal.on.contains('.').then(|| removal.on.clone());
        Ok((
            task.number,
            Note {
                id: id.to_string(),
                at,
                author,
                on,
                text,
                reference: removal.to.clone(),
                edited,
                files: self.files_in_history(id),
            },
        ))
    }

    /// Move a note to another task or measure: a removal from where it is and an addition
    /// where it goes, in one change; it keeps its id, author and time.
    pub fn move_note(&mut self, id: &str, to: ItemRef, stamp: &Stamp) -> Result<(), ModelError> {
        self.check_ref(to)?;
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let on = self.task(number).and_then(|t| t.notes[i].on.clone());
        let here = on.unwrap_or_else(|| number.to_string());
        if here == to.to_string() {
            return Err(ModelError::NoteAlreadyOn(id.to_string(), here));
        }
        let mut note = self.remove_note(id, stamp)?;
        note.on = to.sub.map(|_| to.to_string());
        self.restore_note_on(to.task, note, stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Change;

    fn st(author: &str, secs: i64) -> Stamp {
        let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        Stamp {
            author: author.into(),
            at: at + chrono::Duration::seconds(secs),
        }
    }

    fn board() -> Board {
        crate::seed::board(default_statuses(), st("li", 0).at)
    }

    #[test]
    fn a_removed_note_is_rebuilt_from_the_history_as_it_was() {
        let mut b = board();
        let id = b
            .add_note(
                "15.2".parse().unwrap(),
                "签约 80%",
                Some("杨建〔2023〕7号"),
                &st("li", 1),
            )
            .unwrap();
        let before = b.task(15).unwrap().notes[0].clone();
        assert_eq!(
            b.removed_note(&id).unwrap_err(),
            ModelError::NoteStillThere(id.clone())
        );
        b.remove_note(&id, &st("zhang", 60)).unwrap();
        // Who removed what is in the history, text included.
        let e = b.task(15).unwrap().history.last().unwrap().clone();
        assert_eq!(
            (e.kind, e.author.as_str(), e.from.as_deref()),
            (EventKind::NoteRemoved, "zhang", Some("签约 80%"))
        );
        let (task, note) = b.removed_note(&id).unwrap();
        assert_eq!((task, &note), (15, &before));
        // Put back through the guarded undo step: only while the note is still absent.
        let step = Change::Revert {
            change: Box::new(Change::RestoreNote { task, note }),
            left: Change::RemoveNote {
                task,
                id: id.clone(),
            }
            .holds(&b),
        };
        step.apply(&mut b, &st("zhang", 90)).unwrap();
        assert_eq!(b.task(15).unwrap().notes, vec![before]);
        assert!(step.apply(&mut b, &st("zhang", 95)).is_err(), "not twice");
        assert!(b.removed_note("nope").is_err());
    }

    #[test]
    fn moving_a_note_removes_it_here_and_adds_it_there_keeping_it() {
        let mut b = board();
        let id = b
            .add_note(
                "15.2".parse().unwrap(),
                "电梯加装 12 台",
                None,
                &st("li", 1),
            )
            .unwrap();
        let before = b.task(15).unwrap().notes[0].clone();
        b.move_note(&id, "16".parse().unwrap(), &st("zhang", 60))
            .unwrap();
        assert!(b.task(15).unwrap().notes.is_empty());
        let moved = &b.task(16).unwrap().notes[0];
        assert_eq!(
            (&moved.id, &moved.text, &moved.author, moved.at, &moved.on),
            (&before.id, &before.text, &before.author, before.at, &None)
        );
        let kinds = |n: u32| -> Vec<EventKind> {
            let h = &b.task(n).unwrap().history;
            h.iter().rev().take(1).map(|e| e.kind).collect()
        };
        assert_eq!(kinds(15), vec![EventKind::NoteRemoved]);
        assert_eq!(kinds(16), vec![EventKind::NoteAdded]);
        // To a measure of the same task, and refused onto where it already is.
        b.move_note(&id, "16.1".parse().unwrap(), &st("zhang", 70))
            .unwrap();
        assert_eq!(b.task(16).unwrap().notes[0].on.as_deref(), Some("16.1"));
        let err = b.move_note(&id, "16.1".parse().unwrap(), &st("zhang", 80));
        assert!(matches!(err, Err(ModelError::NoteAlreadyOn(..))));
        assert!(
            b.move_note(&id, "15.9".parse().unwrap(), &st("zhang", 80))
                .is_err()
        );
    }
}
