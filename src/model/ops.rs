//! The operations that change a board: status, notes, target values. Each one checks its
//! input, changes one task and appends a history event saying who changed what and when.

use super::*;
use chrono::NaiveDate;

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
        self.item(r).map(|_| ())
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
        let slot = self.item_mut(r)?.status;
        if *slot == key {
            return Ok(false);
        }
        let from = std::mem::replace(slot, key.clone());
        let task = self.task_mut(r.task)?;
        task.record(
            stamp,
            EventKind::Status,
            r.to_string(),
            [Some(from), Some(key)],
            None,
        );
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
        let on = r.to_string();
        let taken = |id: &str| {
            self.tasks
                .iter()
                .any(|t| t.notes.iter().any(|n| n.id == id))
        };
        let id = (0..)
            .map(|k| new_note_id(stamp, &on, &text, k))
            .find(|id| !taken(id))
            .expect("a free id among 2^32");
        let task = self.task_mut(r.task)?;
        task.notes.push(Note {
            id: id.clone(),
            at: stamp.at,
            author: stamp.author.clone(),
            on: r.sub.map(|_| r.to_string()),
            text,
            reference: clean_ref(reference),
            edited: None,
            files: Vec::new(),
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

    /// Remove a note (a mistaken note, or undo of an added one). The removal is in history
    /// with the note's text (`from`) and reference (`to`), so it can be put back
    /// ([`Board::removed_note`]).
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
            [Some(note.text.clone()), note.reference.clone()],
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

/// A note's id, made from what the caller passes in (no clock or random read here): the
/// stamp's second, and 32 bits of a hash of the stamp's author, the item, the text and `k`
/// (the caller's retry when the id is taken). Two people, or one person on two items or with
/// two texts in the same second, get different ids; the same stamp and note give the same id.
pub fn new_note_id(stamp: &Stamp, on: &str, text: &str, k: u32) -> String {
    // FNV-1a: stable across runs and Rust versions, unlike the std hashers.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let parts: [&[u8]; 4] = [
        stamp.author.as_bytes(),
        on.as_bytes(),
        text.as_bytes(),
        &k.to_le_bytes(),
    ];
    for part in parts {
        for b in part.iter().chain([&0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!(
        "{}-{:08x}",
        stamp.at.format("%Y%m%d%H%M%S"),
        (h ^ (h >> 32)) as u32
    )
}

/// Between units in history (data: the history's own text).
const UNIT_SEP: &str = "、"; // data: how history records units

/// How units read in history: `lead；partner、partner`.
pub fn units_text(lead: &[String], partners: &[String]) -> String {
    match (lead.join(UNIT_SEP), partners.join(UNIT_SEP)) {
        (l, p) if p.is_empty() => l,
        (l, p) => format!("{l}；{p}"), // data: how history records units
    }
}

impl Board {
    /// The lead (牵头) and partner (配合) units of a task or measure. Returns whether anything
    /// changed. Blank names are dropped, duplicates kept once.
    pub fn assign(
        &mut self,
        r: ItemRef,
        lead: &[String],
        partners: &[String],
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        self.check_ref(r)?;
        let clean = |v: &[String]| {
            let mut out: Vec<String> = Vec::new();
            for u in v.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
                if !out.iter().any(|o| o == u) {
                    out.push(u.to_string());
                }
            }
            out
        };
        let (lead, partners) = (clean(lead), clean(partners));
        let id = r.to_string();
        let ItemMut {
            lead: l,
            partners: p,
            ..
        } = self.item_mut(r)?;
        if *l == lead && *p == partners {
            return Ok(false);
        }
        let from = units_text(l, p);
        *l = lead;
        *p = partners;
        let to = units_text(l, p);
        let from = Some(from).filter(|f| !f.is_empty());
        let task = self.task_mut(r.task)?;
        task.record(stamp, EventKind::Assigned, id, [from, Some(to)], None);
        Ok(true)
    }

    /// The deadline (时间节点) of a task or measure; `None` clears it.
    pub fn set_deadline(
        &mut self,
        r: ItemRef,
        date: Option<NaiveDate>,
        stamp: &Stamp,
    ) -> Result<bool, ModelError> {
        let slot = self.item_mut(r)?.deadline;
        if *slot == date {
            return Ok(false);
        }
        let show = |d: &Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let from = show(slot);
        *slot = date;
        let to = show(slot);
        let task = self.task_mut(r.task)?;
        task.record(stamp, EventKind::Deadline, r.to_string(), [from, to], None);
        Ok(true)
    }

    /// Add a target by hand; returns its id (`N.K`, the next free K).
    pub fn add_target(
        &mut self,
        number: u32,
        label: &str,
        target: f64,
        unit: &str,
        stamp: &Stamp,
    ) -> Result<String, ModelError> {
        let task = self.task_mut(number)?;
        let k = task
            .targets
            .iter()
            .filter_map(|t| {
                t.id.split_once('.')
                    .and_then(|(_, k)| k.parse::<u32>().ok())
            })
            .max()
            .unwrap_or(0)
            + 1;
        let id = format!("{number}.{k}");
        let phrase = format!("{}{}", format_value(target), unit.trim());
        task.targets.push(Target {
            id: id.clone(),
            label: label.trim().to_string(),
            phrase: phrase.clone(),
            target,
            unit: unit.trim().to_string(),
            qualifier: None,
            measure: None,
            current: None,
            updated: Some(stamp.at),
            updated_by: Some(stamp.author.clone()),
        });
        let to = format!("{} {phrase}", label.trim());
        task.record(
            stamp,
            EventKind::TargetAdded,
            id.clone(),
            [None, Some(to)],
            None,
        );
        Ok(id)
    }

    /// Remove a target (one the importer found by mistake); returns it.
    pub fn remove_target(
        &mut self,
        number: u32,
        id: &str,
        stamp: &Stamp,
    ) -> Result<Target, ModelError> {
        let task = self.task_mut(number)?;
        let i = task
            .targets
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| ModelError::UnknownTarget {
                task: number,
                id: id.to_string(),
            })?;
        let t = task.targets.remove(i);
        let from = format!("{} {}", t.label, t.phrase);
        task.record(
            stamp,
            EventKind::TargetRemoved,
            id.to_string(),
            [Some(from), None],
            None,
        );
        Ok(t)
    }

    /// Put a removed target back where it was (undo).
    pub fn restore_target(
        &mut self,
        number: u32,
        target: Target,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        let task = self.task_mut(number)?;
        if task.targets.iter().any(|t| t.id == target.id) {
            return Ok(());
        }
        let to = format!("{} {}", target.label, target.phrase);
        let id = target.id.clone();
        let pos = task.targets.partition_point(|t| {
            crate::model::schedule::id_order(&t.id) < crate::model::schedule::id_order(&id)
        });
        task.targets.insert(pos, target);
        task.record(stamp, EventKind::TargetAdded, id, [None, Some(to)], None);
        Ok(())
    }

    /// Note that a task or measure was closed without evidence, and why.
    pub fn record_closing_reason(
        &mut self,
        r: ItemRef,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<(), ModelError> {
        self.check_ref(r)?;
        let task = self.task_mut(r.task)?;
        task.record(
            stamp,
            EventKind::ClosedWithoutEvidence,
            r.to_string(),
            [None, Some(reason.trim().to_string())],
            None,
        );
        Ok(())
    }

    /// Whether a task or measure has evidence: a note with a reference or a file on it (for a task: on
    /// it or any of its measures).
    pub fn has_evidence(&self, r: ItemRef) -> bool {
        let Some(task) = self.task(r.task) else {
            return false;
        };
        let id = r.to_string();
        task.notes.iter().any(|n| {
            (n.reference.is_some() || !n.files.is_empty())
                && (r.sub.is_none() || n.on.as_deref() == Some(id.as_str()))
        })
    }

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
    pub(super) fn record(
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
