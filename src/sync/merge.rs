//! Three-way merge of board files (base, ours, theirs) without conflict markers.
//!
//! Git calls the merge driver with the common ancestor and the two versions of one board file;
//! this module decides the merged file, field by field, and never gives up: two offices changing
//! the same task always merge. Pure (no IO); the git plumbing around it lives in `sync`.
//!
//! The general rule for every field: both sides equal → it; one side unchanged from base → the
//! other side; both changed → a rule per field, always symmetric in ours/theirs unless noted, so
//! that two offices merging in opposite orders converge:
//!
//! - history: multiset union (an event both sides hold is kept once), sorted by time, then
//!   author, kind, item, from, to, note.
//! - notes: union by id; one side's version against the other's by the later `edited` (else
//!   `at`); a note one side removed stays removed unless the other side edited it after the
//!   removal (its `NoteRemoved` event).
//! - status, lead/partners, deadline (task and measures): the side whose latest `Status`,
//!   `Assigned`, `Deadline` event on that item is later; equal times or no events: the greater
//!   value (string order; for dates the later date, a date beats none).
//! - targets (by id and phrase): the value (`current`, `updated`, `updated_by`) of the later
//!   `updated`. Two different targets on the same id `N.K` (both sides added one) are both
//!   kept: the one in base, else the one with the earlier `updated` (then smaller phrase) keeps
//!   the id, the other gets the next free K, and its own history events follow it.
//! - anything else both sides changed (title, text, measure text, target fields keywork does
//!   not edit): the greater value — not "ours", so that the merge stays symmetric.
//! - something one side removed and the other left unchanged is removed; changed, it is kept.
//!
//! Board meta: the greater value of each field, except `statuses`: ours. Reviews: see
//! [`merge_review`]; `order`, `started` and `since` prefer ours, so a review merge is not
//! symmetric when both sides changed those.

use crate::model::review::{Review, ReviewItem};
use crate::model::schedule::id_order;
use crate::model::{BoardMeta, Event, EventKind, Measure, Note, Target, Task};
use crate::tomlfile::{self, FileError};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

/// Which board file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `board.toml`
    Board,
    /// `tasks/N.toml`
    Task,
    /// `reviews/<date>.toml`
    Review,
}

impl FileKind {
    /// The kind of a board file by its name and its directory's name; `None` for other files.
    pub fn of(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        if name == "board.toml" {
            return Some(FileKind::Board);
        }
        let stem = name.strip_suffix(".toml")?;
        match path.parent()?.file_name()?.to_str()? {
            "tasks" if stem.parse::<u32>().is_ok() => Some(FileKind::Task),
            "reviews" if !stem.is_empty() => Some(FileKind::Review),
            _ => None,
        }
    }
}

/// One of the three versions of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// Why a file could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// One version is not a valid board file; `source` names `path:line:column`.
    #[error("cannot merge: the {side} version does not parse: {source}")]
    Parse {
        side: Side,
        #[source]
        source: FileError,
    },
}

/// Merge three versions of a board file into the text to write. `base` is `None` when the file
/// was added on both sides; `path` is only used in messages. Every version must parse; when one
/// side is the base or both sides are equal the result is that side's text unchanged.
pub fn merge_text(
    kind: FileKind,
    path: &Path,
    base: Option<&[u8]>,
    ours: &[u8],
    theirs: &[u8],
) -> Result<String, MergeError> {
    let merged = match kind {
        FileKind::Task => {
            let (b, o, t) = parse3::<Task>(path, base, ours, theirs)?;
            crate::store::task_toml(&merge_task(b.as_ref(), &o, &t))
        }
        FileKind::Board => {
            let (b, o, t) = parse3::<BoardMeta>(path, base, ours, theirs)?;
            crate::store::meta_toml(&merge_meta(b.as_ref(), &o, &t))
        }
        FileKind::Review => {
            let (b, o, t) = parse3::<Review>(path, base, ours, theirs)?;
            // As `store::reviews` writes it.
            toml::to_string(&merge_review(b.as_ref(), &o, &t)).expect("a review always serializes")
        }
    };
    // Parsed above, so valid UTF-8.
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Ok(match settled(base, ours, theirs) {
        Some(Side::Ours) => text(ours),
        Some(_) => text(theirs),
        None => merged,
    })
}

fn parse3<T: DeserializeOwned>(
    path: &Path,
    base: Option<&[u8]>,
    ours: &[u8],
    theirs: &[u8],
) -> Result<(Option<T>, T, T), MergeError> {
    let parse = |side, bytes| {
        tomlfile::parse::<T>(path, bytes).map_err(|source| MergeError::Parse { side, source })
    };
    let o = parse(Side::Ours, ours)?;
    let t = parse(Side::Theirs, theirs)?;
    let b = base.map(|b| parse(Side::Base, b)).transpose()?;
    Ok((b, o, t))
}

/// The three-way rule: the side to take when at most one side changed the value, `None` when
/// both changed it differently.
fn settled<T: PartialEq + ?Sized>(base: Option<&T>, ours: &T, theirs: &T) -> Option<Side> {
    if ours == theirs || base == Some(theirs) {
        Some(Side::Ours)
    } else if base == Some(ours) {
        Some(Side::Theirs)
    } else {
        None
    }
}

/// The three versions of one thing.
struct Three<'a, T> {
    base: Option<&'a T>,
    ours: &'a T,
    theirs: &'a T,
}

impl<T> Three<'_, T> {
    /// One field by the three-way rule; when both sides changed it, `ours_wins(ours, theirs)`
    /// decides (it must be a strict order for the merge to be symmetric).
    fn field<F: PartialEq>(
        &self,
        get: impl Fn(&T) -> F,
        ours_wins: impl FnOnce(&F, &F) -> bool,
    ) -> F {
        let (b, o, t) = (self.base.map(&get), get(self.ours), get(self.theirs));
        match settled(b.as_ref(), &o, &t) {
            Some(Side::Ours) => o,
            Some(_) => t,
            None if ours_wins(&o, &t) => o,
            None => t,
        }
    }
}

/// A total order on any value: its JSON text (the tie-break of last resort).
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// `a` is strictly greater than `b`, by its own order, then by its JSON text.
fn greater<T: Ord + Serialize>(a: &T, b: &T) -> bool {
    a.cmp(b).then_with(|| json(a).cmp(&json(b))).is_gt()
}

/// `a` is strictly greater than `b` by JSON text (for values without a total order).
fn greater_json<T: Serialize>(a: &T, b: &T) -> bool {
    json(a) > json(b)
}

/// Time of the latest `kind` event on `on` in a task's history.
fn last_event(task: &Task, kind: EventKind, on: &str) -> Option<DateTime<FixedOffset>> {
    task.history
        .iter()
        .filter(|e| e.kind == kind && e.on == on)
        .map(|e| e.at)
        .max()
}

/// Both sides changed an item: the side with the later `kind` event on it wins; equal times (or
/// no events on either side) go to the greater value.
fn later_event<'a, F: Serialize>(
    tasks: (&'a Task, &'a Task),
    kind: EventKind,
    on: &'a str,
) -> impl FnOnce(&F, &F) -> bool {
    move |o, t| match last_event(tasks.0, kind, on).cmp(&last_event(tasks.1, kind, on)) {
        Ordering::Equal => greater_json(o, t),
        c => c.is_gt(),
    }
}

/// Merge two versions of a task (see the module documentation for the rules).
pub fn merge_task(base: Option<&Task>, ours: &Task, theirs: &Task) -> Task {
    match settled(base, ours, theirs) {
        Some(Side::Ours) => return ours.clone(),
        Some(_) => return theirs.clone(),
        None => {}
    }
    let m = Three { base, ours, theirs };
    let sides = (ours, theirs);
    let number = m.field(|t| t.number, greater);
    let id = number.to_string();
    let (lead, partners) = m.field(
        |t| (t.lead.clone(), t.partners.clone()),
        later_event(sides, EventKind::Assigned, &id),
    );
    let (targets, renamed) = merge_targets(base, ours, theirs, number);
    let (mut ours_history, mut theirs_history) = (ours.history.clone(), theirs.history.clone());
    for r in &renamed {
        let (own, other) = match r.side {
            Side::Ours => (&mut ours_history, &theirs.history),
            Side::Theirs => (&mut theirs_history, &ours.history),
            Side::Base => continue,
        };
        r.apply(own, other);
    }
    Task {
        schema: m.field(|t| t.schema, greater),
        number,
        title: m.field(|t| t.title.clone(), greater),
        text: m.field(|t| t.text.clone(), greater),
        status: m.field(
            |t| t.status.clone(),
            later_event(sides, EventKind::Status, &id),
        ),
        lead,
        partners,
        deadline: m.field(|t| t.deadline, later_event(sides, EventKind::Deadline, &id)),
        measures: merge_measures(base, ours, theirs),
        targets,
        notes: merge_notes(base, ours, theirs),
        history: union_history(ours_history, theirs_history),
    }
}

/// The order of history: time (then its offset), author, kind, item, from, to, note.
fn event_order(a: &Event, b: &Event) -> Ordering {
    let key = |e: &Event| {
        (
            e.at,
            e.at.offset().local_minus_utc(),
            e.author.clone(),
            e.kind as u8,
            e.on.clone(),
            e.from.clone(),
            e.to.clone(),
            e.note.clone(),
        )
    };
    key(a).cmp(&key(b))
}

/// Both histories in order, an event both hold kept once (as often as the side holding it more
/// often has it: a multiset union).
fn union_history(mut a: Vec<Event>, mut b: Vec<Event>) -> Vec<Event> {
    a.sort_by(event_order);
    b.sort_by(event_order);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => event_order(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return out,
        };
        match order {
            Ordering::Less => out.extend(a.next()),
            Ordering::Greater => out.extend(b.next()),
            Ordering::Equal => {
                out.extend(a.next());
                b.next();
            }
        }
    }
}

/// Something present on one side only (`this`) is kept unless the other side removed it and
/// this side left it as in base.
fn one_sided<T: PartialEq + Clone>(base: Option<&T>, this: &T) -> Option<T> {
    (base != Some(this)).then(|| this.clone())
}

fn merge_measures(base: Option<&Task>, ours: &Task, theirs: &Task) -> Vec<Measure> {
    let mut ids: Vec<&str> = ours
        .measures
        .iter()
        .chain(&theirs.measures)
        .map(|m| m.id.as_str())
        .collect();
    ids.sort_by_key(|id| (id_order(id), *id));
    ids.dedup();
    let sides = (ours, theirs);
    ids.into_iter()
        .filter_map(|id| {
            let b = base.and_then(|b| b.measure(id));
            match (ours.measure(id), theirs.measure(id)) {
                (Some(o), Some(t)) => {
                    let m = Three {
                        base: b,
                        ours: o,
                        theirs: t,
                    };
                    let (lead, partners) = m.field(
                        |x| (x.lead.clone(), x.partners.clone()),
                        later_event(sides, EventKind::Assigned, id),
                    );
                    Some(Measure {
                        id: id.to_string(),
                        text: m.field(|x| x.text.clone(), greater),
                        status: m.field(
                            |x| x.status.clone(),
                            later_event(sides, EventKind::Status, id),
                        ),
                        lead,
                        partners,
                        deadline: m
                            .field(|x| x.deadline, later_event(sides, EventKind::Deadline, id)),
                    })
                }
                (Some(x), None) | (None, Some(x)) => one_sided(b, x),
                (None, None) => None,
            }
        })
        .collect()
}

fn find_note<'a>(t: &'a Task, id: &str) -> Option<&'a Note> {
    t.notes.iter().find(|n| n.id == id)
}

fn merge_notes(base: Option<&Task>, ours: &Task, theirs: &Task) -> Vec<Note> {
    let mut out: Vec<Note> = Vec::new();
    for o in &ours.notes {
        let b = base.and_then(|b| find_note(b, &o.id));
        match find_note(theirs, &o.id) {
            Some(t) => out.push(
                Three {
                    base: b,
                    ours: o,
                    theirs: t,
                }
                .field(Note::clone, |x, y| {
                    let key = |n: &Note| (n.edited.unwrap_or(n.at), json(n));
                    key(x) > key(y)
                }),
            ),
            None if note_kept(o, b, ours, theirs) => out.push(o.clone()),
            None => {}
        }
    }
    for t in theirs
        .notes
        .iter()
        .filter(|t| find_note(ours, &t.id).is_none())
    {
        if note_kept(t, base.and_then(|b| find_note(b, &t.id)), theirs, ours) {
            out.push(t.clone());
        }
    }
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
}

/// A note only `this` side has: the other side removed it (kept if edited here after the
/// removal; without a removal event, if changed here since base) or this side added it.
fn note_kept(note: &Note, base: Option<&Note>, this: &Task, other: &Task) -> bool {
    let removed = other
        .history
        .iter()
        .filter(|e| e.kind == EventKind::NoteRemoved && e.note.as_deref() == Some(&note.id))
        .filter(|e| !this.history.contains(e))
        .map(|e| e.at)
        .max();
    match removed {
        Some(at) => note.edited.is_some_and(|e| e > at),
        None => base != Some(note),
    }
}

/// A target that had to move to a new id because the other side used its id for another one.
struct Renamed {
    side: Side,
    from: String,
    to: String,
    phrase: String,
}

impl Renamed {
    /// Point the side's own events about the target (from its `TargetAdded` on) at its new id.
    fn apply(&self, own: &mut [Event], other: &[Event]) {
        let about = |e: &Event| {
            e.on == self.from
                && matches!(e.kind, EventKind::TargetAdded | EventKind::Target)
                && !other.contains(e)
        };
        let since = own
            .iter()
            .filter(|e| about(e) && e.kind == EventKind::TargetAdded)
            .filter(|e| e.to.as_deref().is_some_and(|t| t.ends_with(&self.phrase)))
            .map(|e| e.at)
            .max();
        let Some(since) = since else { return };
        for e in own.iter_mut().filter(|e| e.at >= since) {
            if about(e) {
                e.on = self.to.clone();
            }
        }
    }
}

fn merge_targets(
    base: Option<&Task>,
    ours: &Task,
    theirs: &Task,
    number: u32,
) -> (Vec<Target>, Vec<Renamed>) {
    // A target is its id and phrase: the same id with another phrase is another target.
    fn find<'a>(t: &'a Task, x: &Target) -> Option<&'a Target> {
        t.targets
            .iter()
            .find(|y| y.id == x.id && y.phrase == x.phrase)
    }
    // (target, in base, the side it comes from when only one side has it)
    let mut out: Vec<(Target, bool, Side)> = Vec::new();
    for o in &ours.targets {
        let b = base.and_then(|b| find(b, o));
        match find(theirs, o) {
            Some(t) => out.push((merge_target(b, o, t), b.is_some(), Side::Base)),
            None => out.extend(one_sided(b, o).map(|x| (x, b.is_some(), Side::Ours))),
        }
    }
    for t in theirs.targets.iter().filter(|t| find(ours, t).is_none()) {
        let b = base.and_then(|b| find(b, t));
        out.extend(one_sided(b, t).map(|x| (x, b.is_some(), Side::Theirs)));
    }
    // On an id collision the target from base, else the earlier, keeps the id.
    out.sort_by(|(x, xb, _), (y, yb, _)| {
        let key = |t: &Target, in_base: bool| (id_order(&t.id), t.id.clone(), !in_base, t.updated);
        key(x, *xb)
            .cmp(&key(y, *yb))
            .then_with(|| x.phrase.cmp(&y.phrase))
            .then_with(|| json(x).cmp(&json(y)))
    });
    let mut next = out
        .iter()
        .map(|(t, ..)| id_order(&t.id).1)
        .max()
        .unwrap_or(0);
    let mut renamed = Vec::new();
    let mut kept: Option<String> = None;
    for (t, _, side) in &mut out {
        if kept.as_ref() != Some(&t.id) {
            kept = Some(t.id.clone());
            continue;
        }
        next += 1;
        let to = format!("{number}.{next}");
        renamed.push(Renamed {
            side: *side,
            from: std::mem::replace(&mut t.id, to.clone()),
            to,
            phrase: t.phrase.clone(),
        });
    }
    let mut targets: Vec<Target> = out.into_iter().map(|(t, ..)| t).collect();
    targets.sort_by_key(|t| (id_order(&t.id), t.id.clone()));
    (targets, renamed)
}

fn merge_target(base: Option<&Target>, ours: &Target, theirs: &Target) -> Target {
    let m = Three { base, ours, theirs };
    let (current, updated, updated_by) = m.field(
        |t| (t.current, t.updated, t.updated_by.clone()),
        |o, t| (o.1, json(o)) > (t.1, json(t)),
    );
    Target {
        id: ours.id.clone(),
        label: m.field(|t| t.label.clone(), greater),
        phrase: ours.phrase.clone(),
        target: m.field(|t| t.target, |o, t| o.total_cmp(t).is_gt()),
        unit: m.field(|t| t.unit.clone(), greater),
        qualifier: m.field(|t| t.qualifier.clone(), greater),
        measure: m.field(|t| t.measure.clone(), greater),
        current,
        updated,
        updated_by,
    }
}

/// Merge two versions of `board.toml`: per field; both changed → the greater value (the later
/// date), except the statuses: ours.
pub fn merge_meta(base: Option<&BoardMeta>, ours: &BoardMeta, theirs: &BoardMeta) -> BoardMeta {
    let m = Three { base, ours, theirs };
    BoardMeta {
        schema: m.field(|x| x.schema, greater),
        title: m.field(|x| x.title.clone(), greater),
        issued: m.field(|x| x.issued, greater),
        source: m.field(|x| x.source.clone(), greater),
        created: m.field(|x| x.created, greater),
        statuses: m.field(|x| x.statuses.clone(), |_, _| true),
    }
}

/// Merge two versions of a review. Items by task number: both changed → the later `updated`;
/// `position`: the greater; `finished`: the later (a time beats none); `order` both changed:
/// ours, then the numbers only theirs has; `started`/`started_by`/`since` both changed: ours.
pub fn merge_review(base: Option<&Review>, ours: &Review, theirs: &Review) -> Review {
    match settled(base, ours, theirs) {
        Some(Side::Ours) => return ours.clone(),
        Some(_) => return theirs.clone(),
        None => {}
    }
    let m = Three { base, ours, theirs };
    let order = match settled(base.map(|b| &b.order), &ours.order, &theirs.order) {
        Some(Side::Ours) => ours.order.clone(),
        Some(_) => theirs.order.clone(),
        None => {
            let mut o = ours.order.clone();
            o.extend(theirs.order.iter().filter(|n| !ours.order.contains(n)));
            o
        }
    };
    let mut numbers: Vec<u32> = ours
        .items
        .iter()
        .chain(&theirs.items)
        .map(|i| i.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let item = |n: u32| base.and_then(|r| r.item(n));
    let items = numbers
        .into_iter()
        .filter_map(|n| match (ours.item(n), theirs.item(n)) {
            (Some(o), Some(t)) => Some(
                Three {
                    base: item(n),
                    ours: o,
                    theirs: t,
                }
                .field(ReviewItem::clone, |x, y| {
                    (x.updated, json(x)) > (y.updated, json(y))
                }),
            ),
            (Some(x), None) | (None, Some(x)) => one_sided(item(n), x),
            (None, None) => None,
        })
        .collect();
    let finished = [ours.finished, theirs.finished]
        .into_iter()
        .max_by(|a, b| (a, json(a)).cmp(&(b, json(b))))
        .flatten();
    let (started, started_by) = m.field(|r| (r.started, r.started_by.clone()), |_, _| true);
    Review {
        schema: m.field(|r| r.schema, greater),
        date: m.field(|r| r.date, greater),
        scope: m.field(|r| r.scope, greater_json),
        started,
        started_by,
        since: m.field(|r| r.since, |_, _| true),
        finished,
        position: ours
            .position
            .max(theirs.position)
            .min(order.len().saturating_sub(1)),
        order,
        items,
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
