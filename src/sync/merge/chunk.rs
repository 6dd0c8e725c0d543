//! Merging a sealed chunk `tasks/N/K.toml` (issue 17).

use super::task::union_history;
use super::*;
use crate::store::Chunk;

/// Merge two versions of a sealed chunk (both sides sealed the same chunk number, or a hand
/// edit): notes by id as in a task (the later edit wins; one side's removal of what the other
/// left unchanged stays), history the multiset union. The store reads a note or an event
/// that ends up in two files once, so a chunk may safely hold more than it needs.
pub fn merge_chunk(base: Option<&Chunk>, ours: &Chunk, theirs: &Chunk) -> Chunk {
    if let Some(chunk) = taken(base, ours, theirs) {
        return chunk;
    }
    let both = |b: Option<&Note>, o: &Note, t: &Note| {
        let key = |n: &Note| (n.edited.unwrap_or(n.at), json(n));
        Three::new(b, o, t).field(Note::clone, |x, y| key(x) > key(y))
    };
    let base_notes = base.map_or(&[][..], |b| &b.notes);
    let mut notes = union_by(
        base_notes,
        &ours.notes,
        &theirs.notes,
        |n| n.id.clone(),
        both,
        |b, n, _| one_sided(b, n).is_some(),
    );
    notes.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    Chunk {
        schema: ours.schema.max(theirs.schema),
        task: ours.task.max(theirs.task),
        notes,
        history: union_history(ours.history.clone(), theirs.history.clone()),
    }
}
