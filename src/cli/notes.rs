//! Mistaken notes from the command line: `rm-note`, `restore-note`, `move-note`.

use super::{Ctx, Failure};
use crate::change::Change;
use crate::model::{ItemRef, ModelError};
use crate::store::Scope;
use crate::strings::cli as say;
use crate::text;
use std::io::Write;

/// The task a note is on, or an error naming it.
fn task_of(ctx: &Ctx, id: &str) -> Result<u32, Failure> {
    let board = ctx.store.load()?;
    board
        .find_note(id)
        .map(|(n, _)| n)
        .ok_or_else(|| ModelError::UnknownNote(id.to_string()).into())
}

/// `keywork rm-note ID`: delete a note; its text stays in the history.
pub fn remove(ctx: &Ctx, id: &str, out: &mut impl Write) -> Result<(), Failure> {
    ctx.ensure_board()?;
    let number = task_of(ctx, id)?;
    let stamp = ctx.stamp();
    let (note, _) = ctx
        .store
        .update(Scope::Task(number), |b| b.remove_note(id, &stamp))?;
    let lang = ctx.config.lang;
    let on = note.on.clone().unwrap_or_else(|| number.to_string());
    let first = text::first_line(&note.text);
    writeln!(out, "{}", say::note_deleted(lang, id, &on, &first))?;
    writeln!(out, "{}", say::to_put_back(lang, id))?;
    Ok(())
}

/// `keywork restore-note ID`: put a deleted note back from the history, only while it is
/// still deleted (the guard of undo).
pub fn restore(ctx: &Ctx, id: &str, out: &mut impl Write) -> Result<(), Failure> {
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let ((task, note), _) = ctx.store.update(Scope::All, |b| {
        let (task, note) = b.removed_note(id)?;
        let left = Change::RemoveNote {
            task,
            id: id.to_string(),
        }
        .holds(b);
        let step = Change::Revert {
            change: Box::new(Change::RestoreNote {
                task,
                note: note.clone(),
            }),
            left,
        };
        step.apply(b, &stamp)?;
        Ok((task, note))
    })?;
    let on = note.on.clone().unwrap_or_else(|| task.to_string());
    let first = text::first_line(&note.text);
    writeln!(out, "{}", say::note_restored(ctx.lang(), id, &on, &first))?;
    Ok(())
}

/// `keywork move-note ID N[.M]`: a deletion where it is and an addition where it goes, under
/// one lock, in one write.
pub fn move_to(ctx: &Ctx, id: &str, to: &str, out: &mut impl Write) -> Result<(), Failure> {
    let r: ItemRef = to.parse()?;
    ctx.ensure_board()?;
    let from = task_of(ctx, id)?;
    let scope = if from == r.task {
        Scope::Task(from)
    } else {
        Scope::All
    };
    let stamp = ctx.stamp();
    ctx.store.update(scope, |b| b.move_note(id, r, &stamp))?;
    writeln!(out, "{}", say::note_moved(ctx.lang(), id, &r.to_string()))?;
    Ok(())
}
