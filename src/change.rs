//! One user change as a value: what the TUI asks the store to apply, and what undo and redo
//! replay. Applying a change returns its inverse, so undo is "apply the inverse" and redo is
//! "apply the inverse of the inverse". An undo or redo step is a [`Change::Revert`]: it applies
//! only while the item still holds what the step being undone left ([`Change::holds`]), so it
//! never overwrites a colleague's newer value. Pure: the store carries out `apply` under its
//! lock.

use crate::model::{Board, ItemRef, ModelError, Note, Stamp, Target};

/// A change to one task of the board.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the status of a task or measure (by status key, name or column number).
    Status { item: ItemRef, to: String },
    /// Add a new evidence note.
    AddNote {
        item: ItemRef,
        text: String,
        reference: Option<String>,
    },
    /// Replace a note's text and reference.
    EditNote {
        task: u32,
        id: String,
        text: String,
        reference: Option<String>,
    },
    /// Remove a note (the inverse of adding it).
    RemoveNote { task: u32, id: String },
    /// Put a removed note back with its id, time and author.
    RestoreNote { task: u32, note: Note },
    /// Lead and partner units of a task or measure.
    Assign {
        item: ItemRef,
        lead: Vec<String>,
        partners: Vec<String>,
    },
    /// The deadline of a task or measure (`None` clears it).
    Deadline {
        item: ItemRef,
        date: Option<chrono::NaiveDate>,
    },
    /// A target added by hand.
    AddTarget {
        task: u32,
        label: String,
        target: f64,
        unit: String,
    },
    /// Remove a target.
    RemoveTarget { task: u32, id: String },
    /// Put a removed target back (the inverse of removing it).
    RestoreTarget { task: u32, target: Target },
    /// Close a task or measure without evidence: set the (done) status and record why.
    Close {
        item: ItemRef,
        to: String,
        reason: String,
    },
    /// A review meeting went through the task: noted in its history (not undone by `u`).
    Reviewed { task: u32, conclusion: String },
    /// Set a target's current value.
    Target {
        task: u32,
        id: String,
        value: Option<f64>,
    },
    /// An undo or redo step: `change`, applied only while its item still holds `left` (what
    /// [`Change::holds`] said right after the step being undone); otherwise someone changed
    /// the item since and nothing is done.
    Revert { change: Box<Change>, left: String },
}

impl Change {
    /// The task whose file the change touches.
    pub fn task(&self) -> u32 {
        match self {
            Change::Status { item, .. }
            | Change::AddNote { item, .. }
            | Change::Assign { item, .. }
            | Change::Close { item, .. }
            | Change::Deadline { item, .. } => item.task,
            Change::AddTarget { task, .. }
            | Change::RemoveTarget { task, .. }
            | Change::RestoreTarget { task, .. } => *task,
            Change::EditNote { task, .. }
            | Change::RemoveNote { task, .. }
            | Change::RestoreNote { task, .. }
            | Change::Reviewed { task, .. }
            | Change::Target { task, .. } => *task,
            Change::Revert { change, .. } => change.task(),
        }
    }

    /// The undo (or redo) step for `inverse`, the inverse of a change just applied to `board`.
    pub fn revert(inverse: Change, board: &Board) -> Change {
        match inverse {
            Change::Revert { .. } => inverse,
            inverse => Change::Revert {
                left: inverse.holds(board),
                change: Box::new(inverse),
            },
        }
    }

    /// What the item this change would touch holds now, as far as this change is concerned:
    /// a status key, the units, a deadline, a note's text, a target's value… compared, never
    /// shown. Changes that only add (a note, a target, a review mark) depend on nothing.
    pub fn holds(&self, board: &Board) -> String {
        let task = board.task(self.task());
        let note = |id: &str| {
            let n = task.and_then(|t| t.notes.iter().find(|n| n.id == id));
            format!("{:?}", n.map(|n| (&n.text, &n.reference)))
        };
        let target = |id: &str| {
            let x = task.and_then(|t| t.target(id));
            format!("{:?}", x.map(|x| (&x.label, x.target, &x.unit, x.current)))
        };
        match self {
            Change::Status { item, .. } | Change::Close { item, .. } => {
                format!("{:?}", board.item(*item).ok().map(|i| i.status))
            }
            Change::Assign { item, .. } => {
                format!("{:?}", board.item(*item).ok().map(|i| i.units()))
            }
            Change::Deadline { item, .. } => {
                format!("{:?}", board.item(*item).ok().map(|i| i.deadline))
            }
            Change::EditNote { id, .. } | Change::RemoveNote { id, .. } => note(id),
            Change::RestoreNote { note: n, .. } => note(&n.id),
            Change::RemoveTarget { id, .. } | Change::Target { id, .. } => target(id),
            Change::RestoreTarget { target: x, .. } => target(&x.id),
            Change::AddNote { .. } | Change::AddTarget { .. } | Change::Reviewed { .. } => {
                String::new()
            }
            Change::Revert { change, .. } => change.holds(board),
        }
    }

    /// Who last changed the item this change touches (the newest event on it in the task's
    /// history, else the task's newest event).
    pub fn changed_by(&self, board: &Board) -> (String, String) {
        let on = match self {
            Change::Status { item, .. }
            | Change::Close { item, .. }
            | Change::Assign { item, .. }
            | Change::Deadline { item, .. }
            | Change::AddNote { item, .. } => item.to_string(),
            Change::RemoveTarget { id, .. } | Change::Target { id, .. } => id.clone(),
            Change::RestoreTarget { target, .. } => target.id.clone(),
            Change::Revert { change, .. } => return change.changed_by(board),
            _ => self.task().to_string(),
        };
        let history = board.task(self.task()).map(|t| t.history.as_slice());
        let history = history.unwrap_or_default();
        let newest = history
            .iter()
            .filter(|e| e.on == on)
            .max_by_key(|e| e.at)
            .or_else(|| history.iter().max_by_key(|e| e.at));
        (on, newest.map(|e| e.author.clone()).unwrap_or_default())
    }

    /// Apply to `board`; returns the change that undoes it, or `None` if nothing changed.
    pub fn apply(&self, board: &mut Board, stamp: &Stamp) -> Result<Option<Change>, ModelError> {
        match self {
            Change::Status { item, to } => {
                let from = board.item(*item)?.status.to_string();
                let changed = board.set_status(*item, to, stamp)?;
                Ok(changed.then_some(Change::Status {
                    item: *item,
                    to: from,
                }))
            }
            Change::AddNote {
                item,
                text,
                reference,
            } => {
                let id = board.add_note(*item, text, reference.as_deref(), stamp)?;
                Ok(Some(Change::RemoveNote {
                    task: item.task,
                    id,
                }))
            }
            Change::EditNote {
                task,
                id,
                text,
                reference,
            } => {
                let old = board
                    .task(*task)
                    .and_then(|t| t.notes.iter().find(|n| n.id == *id))
                    .cloned()
                    .ok_or_else(|| ModelError::UnknownNote(id.clone()))?;
                let changed = board.edit_note(id, text, reference.as_deref(), stamp)?;
                Ok(changed.then(|| Change::EditNote {
                    task: *task,
                    id: id.clone(),
                    text: old.text,
                    reference: old.reference,
                }))
            }
            Change::RemoveNote { task, id } => {
                let note = board.remove_note(id, stamp)?;
                Ok(Some(Change::RestoreNote { task: *task, note }))
            }
            Change::RestoreNote { task, note } => {
                board.restore_note_on(*task, note.clone(), stamp)?;
                Ok(Some(Change::RemoveNote {
                    task: *task,
                    id: note.id.clone(),
                }))
            }
            Change::Assign {
                item,
                lead,
                partners,
            } => {
                let (old_lead, old_partners) = board.item(*item)?.units();
                let changed = board.assign(*item, lead, partners, stamp)?;
                Ok(changed.then_some(Change::Assign {
                    item: *item,
                    lead: old_lead,
                    partners: old_partners,
                }))
            }
            Change::Close { item, to, reason } => {
                let undo = Change::Status {
                    item: *item,
                    to: to.clone(),
                }
                .apply(board, stamp)?;
                board.record_closing_reason(*item, reason, stamp)?;
                Ok(undo)
            }
            Change::Deadline { item, date } => {
                let old = board.item(*item)?.deadline;
                let changed = board.set_deadline(*item, *date, stamp)?;
                Ok(changed.then_some(Change::Deadline {
                    item: *item,
                    date: old,
                }))
            }
            Change::AddTarget {
                task,
                label,
                target,
                unit,
            } => {
                let id = board.add_target(*task, label, *target, unit, stamp)?;
                Ok(Some(Change::RemoveTarget { task: *task, id }))
            }
            Change::RemoveTarget { task, id } => {
                let target = board.remove_target(*task, id, stamp)?;
                Ok(Some(Change::RestoreTarget {
                    task: *task,
                    target,
                }))
            }
            Change::RestoreTarget { task, target } => {
                board.restore_target(*task, target.clone(), stamp)?;
                Ok(Some(Change::RemoveTarget {
                    task: *task,
                    id: target.id.clone(),
                }))
            }
            Change::Reviewed { task, conclusion } => {
                board.record_review(*task, conclusion, stamp)?;
                Ok(None)
            }
            Change::Revert { change, left } => {
                if change.holds(board) != *left {
                    let (item, by) = change.changed_by(board);
                    return Err(ModelError::ChangedSince { item, by });
                }
                change.apply(board, stamp)
            }
            Change::Target { task, id, value } => {
                let old = board
                    .task(*task)
                    .and_then(|t| t.target(id))
                    .map(|t| t.current)
                    .ok_or_else(|| ModelError::UnknownTarget {
                        task: *task,
                        id: id.clone(),
                    })?;
                let changed = board.set_target(*task, id, *value, stamp)?;
                Ok(changed.then(|| Change::Target {
                    task: *task,
                    id: id.clone(),
                    value: old,
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn stamp() -> Stamp {
        Stamp {
            author: "li".into(),
            at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
        }
    }

    fn board() -> Board {
        crate::seed::board(crate::model::default_statuses(), stamp().at)
    }

    #[test]
    fn every_change_is_undone_by_its_inverse_and_redone_by_the_inverse_of_that() {
        let item: ItemRef = "15.2".parse().unwrap();
        let changes = [
            Change::Status {
                item,
                to: "done".into(),
            },
            Change::AddNote {
                item,
                text: "中文".into(),
                reference: Some("文号".into()),
            },
            Change::Target {
                task: 15,
                id: "15.4".into(),
                value: Some(120.0),
            },
            Change::Assign {
                item,
                lead: vec!["区旧改办".into()],
                partners: vec!["区房管局".into(), "街道".into()],
            },
            Change::Deadline {
                item,
                date: "2023-12-31".parse().ok(),
            },
            Change::AddTarget {
                task: 15,
                label: "签约户数".into(),
                target: 1200.0,
                unit: "户".into(),
            },
            Change::RemoveTarget {
                task: 15,
                id: "15.2".into(),
            },
        ];
        for c in changes {
            let original = board();
            let mut b = original.clone();
            let inverse = c.apply(&mut b, &stamp()).unwrap().expect("changed");
            let after = b.clone();
            let redo = inverse.apply(&mut b, &stamp()).unwrap().expect("undone");
            let strip = |b: &Board| {
                let mut b = b.clone();
                for t in &mut b.tasks {
                    t.history.clear();
                    for x in &mut t.targets {
                        (x.updated, x.updated_by) = (None, None);
                    }
                }
                b
            };
            assert_eq!(strip(&b), strip(&original), "{c:?} undone");
            redo.apply(&mut b, &stamp()).unwrap();
            assert_eq!(strip(&b), strip(&after), "{c:?} redone");
        }
    }

    #[test]
    fn a_revert_applies_only_over_what_the_undone_change_left() {
        fn other() -> Stamp {
            Stamp {
                author: "zhang".into(),
                at: stamp().at + chrono::Duration::seconds(5),
            }
        }
        let item: ItemRef = "15.2".parse().unwrap();
        type Theirs = Box<dyn Fn(&mut Board)>;
        let cases: [(Change, Theirs); 4] = [
            (
                Change::Status {
                    item,
                    to: "doing".into(),
                },
                Box::new(|b| {
                    b.set_status("15.2".parse().unwrap(), "behind", &other())
                        .unwrap();
                }),
            ),
            (
                Change::Target {
                    task: 15,
                    id: "15.4".into(),
                    value: Some(120.0),
                },
                Box::new(|b| {
                    b.set_target(15, "15.4", Some(150.0), &other()).unwrap();
                }),
            ),
            (
                Change::Assign {
                    item,
                    lead: vec!["区旧改办".into()],
                    partners: vec![],
                },
                Box::new(|b| {
                    b.assign("15.2".parse().unwrap(), &["街道".into()], &[], &other())
                        .unwrap();
                }),
            ),
            (
                Change::Deadline {
                    item,
                    date: "2023-12-31".parse().ok(),
                },
                Box::new(|b| {
                    b.set_deadline("15.2".parse().unwrap(), None, &other())
                        .unwrap();
                }),
            ),
        ];
        for (c, theirs) in cases {
            let mut b = board();
            let inverse = c.apply(&mut b, &stamp()).unwrap().unwrap();
            let step = Change::revert(inverse, &b);
            // Untouched: the undo applies, and its own redo step is guarded too.
            let mut untouched = b.clone();
            let redo = step.apply(&mut untouched, &stamp()).unwrap().unwrap();
            assert!(matches!(
                Change::revert(redo, &untouched),
                Change::Revert { .. }
            ));
            // Changed by someone else since: refused, naming them, nothing changed.
            theirs(&mut b);
            let after = b.clone();
            let err = step.apply(&mut b, &stamp()).unwrap_err();
            assert!(
                matches!(&err, ModelError::ChangedSince { by, .. } if by == "zhang"),
                "{c:?}: {err}"
            );
            assert_eq!(b, after, "{c:?}");
        }
    }

    #[test]
    fn a_change_that_changes_nothing_has_no_inverse() {
        let mut b = board();
        let c = Change::Status {
            item: "15".parse().unwrap(),
            to: "todo".into(),
        };
        assert_eq!(c.apply(&mut b, &stamp()).unwrap(), None);
    }
}
