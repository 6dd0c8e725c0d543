//! What changed since the previous review: each task's history after a moment, as net
//! changes (what a reader of "changes since" or a report wants; the history keeps every step).

use crate::model::{Event, EventKind, Task};
use chrono::{DateTime, FixedOffset};

/// What people changed in a task after `since` (all changes when `None`), oldest first, as
/// net changes (see `net_changes`). The import is not a change.
pub fn changes_since(task: &Task, since: Option<DateTime<FixedOffset>>) -> Vec<Event> {
    net_changes(
        task.history
            .iter()
            .filter(|e| e.kind != EventKind::Created && since.is_none_or(|s| e.at > s)),
    )
}

/// The net effect of a period's events, oldest first: what a reader of "changes since" or a
/// report wants, while the history keeps every step. Changes to one thing collapse into one
/// (a status moved twice reads `from → to` once; a note edited four times is edited once),
/// and what ends where it started disappears (a status moved and moved back, a note added
/// and removed by undo, a target added and removed). A closing reason goes with its closing.
pub fn net_changes<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<Event> {
    use std::collections::BTreeMap;
    let mut sorted: Vec<&Event> = events.into_iter().collect();
    sorted.sort_by_key(|e| e.at);
    // Group by what the event changes; each event keeps its place in the history, so that
    // events of one moment stay in the order they were recorded.
    let key = |e: &Event| -> (u8, String) {
        match e.kind {
            EventKind::NoteAdded | EventKind::NoteEdited | EventKind::NoteRemoved => {
                (0, e.note.clone().unwrap_or_else(|| e.on.clone()))
            }
            EventKind::TargetAdded | EventKind::TargetRemoved => (1, e.on.clone()),
            k => (2 + k as u8, e.on.clone()),
        }
    };
    let mut groups: BTreeMap<(u8, String), Vec<(usize, &Event)>> = BTreeMap::new();
    for (i, e) in sorted.into_iter().enumerate() {
        groups.entry(key(e)).or_default().push((i, e));
    }
    let mut out: Vec<(usize, Event)> = Vec::new();
    for ((group, _), evs) in &groups {
        let (first, (place, last)) = (evs[0].1, evs[evs.len() - 1]);
        let net = match (group, last.kind) {
            (0, _) => net_note(evs.iter().map(|(_, e)| *e)),
            (1, _) => {
                let added = evs.iter().filter(|(_, e)| e.kind == EventKind::TargetAdded);
                (added.count() * 2 != evs.len()).then(|| last.clone())
            }
            (_, EventKind::Reviewed) => {
                out.extend(evs.iter().map(|(i, e)| (*i, (*e).clone())));
                continue;
            }
            (_, EventKind::ClosedWithoutEvidence) => Some(last.clone()),
            _ => (first.from != last.to).then(|| Event {
                from: first.from.clone(),
                ..last.clone()
            }),
        };
        out.extend(net.map(|e| (place, e)));
    }
    // A closing reason whose closing was undone goes with it.
    let closings: Vec<String> = out
        .iter()
        .filter(|(_, e)| e.kind == EventKind::Status)
        .map(|(_, e)| e.on.clone())
        .collect();
    out.sort_by_key(|(i, _)| *i);
    out.into_iter()
        .map(|(_, e)| e)
        .filter(|e| e.kind != EventKind::ClosedWithoutEvidence || closings.contains(&e.on))
        .collect()
}

/// The net change of one note over a period: added, edited, removed, or nothing.
fn net_note<'a>(evs: impl Iterator<Item = &'a Event>) -> Option<Event> {
    let evs: Vec<&Event> = evs.collect();
    let (first, last) = (evs[0], evs[evs.len() - 1]);
    let existed = first.kind != EventKind::NoteAdded;
    let exists = last.kind != EventKind::NoteRemoved;
    let edited = evs.iter().rev().find(|e| e.kind == EventKind::NoteEdited);
    match (existed, exists) {
        (false, false) => None,
        (false, true) => evs
            .iter()
            .find(|e| e.kind == EventKind::NoteAdded)
            .map(|e| (*e).clone()),
        (true, false) => Some(last.clone()),
        (true, true) => edited.map(|e| (*e).clone()),
    }
}
