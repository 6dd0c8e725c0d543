//! The operations that change a board: status, notes, target values. Each one checks its
//! input, changes one task and appends a history event saying who changed what and when.

use super::*;

impl Board {
    pub fn task(&self, number: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.number == number)
    }

    pub fn task_mut(&mut self, number: u32) -> Result<&mut Task, ModelError> {
        self.tasks
            .iter_mut()
            .find(|t| t.number == number)
            .ok_or(ModelError::UnknownTask(number))
    }

    /// Check that a task or measure exists.
    pub fn check_ref(&self, r: ItemRef) -> Result<(), ModelError> {
        let task = self.task(r.task).ok_or(ModelError::UnknownTask(r.task))?;
        if r.sub.is_some() {
            let id = r.to_string();
            task.measure(&id).ok_or(ModelError::UnknownMeasure {
                task: r.task,
                id: id.clone(),
            })?;
        }
        Ok(())
    }

    /// Set the status of a task or measure. Returns whether anything changed (setting the
    /// status it already has records nothing).
    pub fn set_status(
        &mut self,
        r: ItemRef,
        status: &str,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let key = self.meta.resolve_status(status)?.key.clone();
        self.check_ref(r)?;
        let task = self.task_mut(r.task)?;
        let id = r.to_string();
        let slot = match r.sub {
            None => &mut task.status,
            Some(_) => {
                &mut task
                    .measures
                    .iter_mut()
                    .find(|m| m.id == id)
                    .expect("checked above")
                    .status
            }
        };
        if *slot == key {
            return Ok(false);
        }
        let from = std::mem::replace(slot, key.clone());
        task.record(stamp, EventKind::Status, id, [Some(from), Some(key)], None);
        Ok(true)
    }

    /// Add an evidence note; returns its id.
    pub fn add_note(
        &mut self,
        r: ItemRef,
        text: &str,
        reference: Option<&str>,
        stamp: &Stamp,
    ) -> Result<String, ModelError> {
        let text = text.trim_end_matches(['\n', ' ']).to_string();
        if text.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        self.check_ref(r)?;
        let id = new_note_id(stamp);
        let task = self.task_mut(r.task)?;
        task.notes.push(Note {
            id: id.clone(),
            at: stamp.at,
            author: stamp.author.clone(),
            on: r.sub.map(|_| r.to_string()),
            text,
            reference: clean_ref(reference),
            edited: None,
        });
        task.record(
            stamp,
            EventKind::NoteAdded,
            r.to_string(),
            [None, None],
            Some(id.clone()),
        );
        Ok(id)
    }

    /// Find a note anywhere on the board: (task number, index in its notes).
    pub fn find_note(&self, id: &str) -> Option<(u32, usize)> {
        self.tasks.iter().find_map(|t| {
            t.notes
                .iter()
                .position(|n| n.id == id)
                .map(|i| (t.number, i))
        })
    }

    /// Replace a note's text and reference. Returns whether anything changed.
    pub fn edit_note(
        &mut self,
        id: &str,
        text: &str,
        reference: Option<&str>,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let text = text.trim_end_matches(['\n', ' ']).to_string();
        if text.trim().is_empty() {
            return Err(ModelError::EmptyNote);
        }
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let task = self.task_mut(number)?;
        let note = &mut task.notes[i];
        let reference = clean_ref(reference);
        if note.text == text && note.reference == reference {
            return Ok(false);
        }
        note.text = text;
        note.reference = reference;
        note.edited = Some(stamp.at);
        let on = note.on.clone().unwrap_or_else(|| number.to_string());
        task.record(
            stamp,
            EventKind::NoteEdited,
            on,
            [None, None],
            Some(id.to_string()),
        );
        Ok(true)
    }

    /// Remove a note (used by undo of an added note). The removal is in history.
    pub fn remove_note(&mut self, id: &str, stamp: &Stamp) -> Result<Note, ModelError> {
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let task = self.task_mut(number)?;
        let note = task.notes.remove(i);
        task.record(
            stamp,
            EventKind::NoteRemoved,
            note.on.clone().unwrap_or_else(|| number.to_string()),
            [None, None],
            Some(id.to_string()),
        );
        Ok(note)
    }

    /// Put a removed note back as it was (redo of an add, undo of a removal).
    pub fn restore_note(&mut self, note: Note, stamp: &Stamp) -> Result<(), ModelError> {
        let number = note
            .on
            .as_deref()
            .and_then(|m| m.split('.').next())
            .and_then(|n| n.parse().ok());
        let number = match number {
            Some(n) => n,
            None => return Err(ModelError::UnknownNote(note.id)),
        };
        self.restore_note_on(number, note, stamp)
    }

    /// Put a note back on the given task, keeping its id, time and author.
    pub fn restore_note_on(
        &mut self,
        number: u32,
        note: Note,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        let task = self.task_mut(number)?;
        if task.notes.iter().any(|n| n.id == note.id) {
            return Ok(());
        }
        task.record(
            stamp,
            EventKind::NoteAdded,
            note.on.clone().unwrap_or_else(|| number.to_string()),
            [None, None],
            Some(note.id.clone()),
        );
        let pos = task.notes.partition_point(|n| n.at <= note.at);
        task.notes.insert(pos, note);
        Ok(())
    }

    /// Set a target's current value (`None` clears it). Returns whether anything changed.
    pub fn set_target(
        &mut self,
        task: u32,
        id: &str,
        value: Option<f64>,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let t = self.task_mut(task)?;
        let target =
            t.targets
                .iter_mut()
                .find(|x| x.id == id)
                .ok_or_else(|| ModelError::UnknownTarget {
                    task,
                    id: id.to_string(),
                })?;
        if target.current == value {
            return Ok(false);
        }
        let from = target.current.map(format_value);
        target.current = value;
        target.updated = Some(stamp.at);
        target.updated_by = Some(stamp.author.clone());
        t.record(
            stamp,
            EventKind::Target,
            id.to_string(),
            [from, value.map(format_value)],
            None,
        );
        Ok(true)
    }
}

fn clean_ref(reference: Option<&str>) -> Option<String> {
    reference
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// A note id that is unique across processes and machines: time plus random bits.
pub fn new_note_id(stamp: &Stamp) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.write_u32(std::process::id());
    format!(
        "{}-{:08x}",
        stamp.at.format("%Y%m%d%H%M%S"),
        h.finish() as u32
    )
}

impl Board {
    /// Note in a task's history that a review meeting went through it, with its conclusion.
    pub fn record_review(
        &mut self,
        number: u32,
        conclusion: &str,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        let task = self.task_mut(number)?;
        let first = conclusion.lines().next().unwrap_or("").trim().to_string();
        task.record(
            stamp,
            EventKind::Reviewed,
            number.to_string(),
            [None, Some(first)],
            None,
        );
        Ok(())
    }
}

impl Task {
    /// Append a history event: who (`stamp`) did what (`kind`) to which item (`on`), with the
    /// value before and after where there is one, and the note concerned.
    fn record(
        &mut self,
        stamp: &Stamp,
        kind: EventKind,
        on: String,
        [from, to]: [Option<String>; 2],
        note: Option<String>,
    ) {
        self.history.push(Event {
            at: stamp.at,
            author: stamp.author.clone(),
            kind,
            on,
            from,
            to,
            note,
        });
    }
}
