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
//! - targets: matched by id and label/phrase/unit/measure, then by the latter alone (a target a
//!   previous merge moved is the same target); the value (`current`, `updated`, `updated_by`)
//!   of the later `updated`. Two different targets on the same id `N.K` (both sides added one)
//!   are both kept: the one in base, else the one with the earlier `updated` (then smaller
//!   phrase) keeps the id, the other gets the next free K, and its own history events follow.
//! - anything else both sides changed (title, text, measure text, target fields keywork does
//!   not edit): the greater value — not "ours", so that the merge stays symmetric.
//! - something one side removed and the other left unchanged is removed; changed, it is kept.
//!
//! Board meta: the greater value of each field, except `statuses`: ours. Reviews: see
//! [`merge_review`]; `order`, `started` and `since` prefer ours, so a review merge is not
//! symmetric when both sides changed those.

use crate::model::review::{Review, ReviewItem};
use crate::model::schedule::id_order;
use crate::model::{BoardMeta, Event, EventKind, Measure, Note, SCHEMA, Target, Task};
use crate::tomlfile::{self, FileError};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which board file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `board.toml`
    Board,
    /// `tasks/N.toml`
    Task,
    /// `reviews/<date>.toml`
    Review,
    /// `follow/N.toml`: decisions, extensions, urging notices (see `merge_follow`).
    Follow,
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
            "follow" if stem.parse::<u32>().is_ok() => Some(FileKind::Follow),
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
    /// Written by a newer keywork: merging it here could drop what this version does not know.
    #[error(
        "cannot merge {}: the {side} version has schema {found}, newer than this keywork \
         understands ({SCHEMA}); upgrade keywork",
        path.display()
    )]
    NewerSchema {
        side: Side,
        path: PathBuf,
        found: u32,
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
            let (b, o, t) = parse3(path, base, ours, theirs, |t: &Task| t.schema)?;
            crate::store::task_toml(&merge_task(b.as_ref(), &o, &t))
        }
        FileKind::Board => {
            let (b, o, t) = parse3(path, base, ours, theirs, |m: &BoardMeta| m.schema)?;
            crate::store::meta_toml(&merge_meta(b.as_ref(), &o, &t))
        }
        FileKind::Review => {
            let (b, o, t) = parse3(path, base, ours, theirs, |r: &Review| r.schema)?;
            // As `store::reviews` writes it.
            toml::to_string(&merge_review(b.as_ref(), &o, &t)).expect("a review always serializes")
        }
        FileKind::Follow => {
            use crate::model::decision::Follow;
            let (b, o, t) = parse3(path, base, ours, theirs, |f: &Follow| f.schema)?;
            crate::store::follow_toml(&super::merge_follow::merge_follow(b.as_ref(), &o, &t))
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

/// Parse the three versions (ours, theirs, then base), refusing a schema newer than ours.
fn parse3<T: DeserializeOwned>(
    path: &Path,
    base: Option<&[u8]>,
    ours: &[u8],
    theirs: &[u8],
    schema: impl Fn(&T) -> u32,
) -> Result<(Option<T>, T, T), MergeError> {
    let parse = |side, bytes| {
        let value = tomlfile::parse::<T>(path, bytes)
            .map_err(|source| MergeError::Parse { side, source })?;
        match schema(&value) {
            found if found > SCHEMA => Err(MergeError::NewerSchema {
                side,
                path: path.to_path_buf(),
                found,
            }),
            _ => Ok(value),
        }
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

/// The three-way rule on a whole value: the side to take, if at most one side changed it.
fn taken<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    settled(base, ours, theirs).map(|s| if s == Side::Ours { ours } else { theirs }.clone())
}

/// The three versions of one thing.
struct Three<'a, T> {
    base: Option<&'a T>,
    ours: &'a T,
    theirs: &'a T,
}

impl<'a, T> Three<'a, T> {
    fn new(base: Option<&'a T>, ours: &'a T, theirs: &'a T) -> Self {
        Three { base, ours, theirs }
    }

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
fn later_event<'a, F: Ord + Serialize>(
    tasks: (&'a Task, &'a Task),
    kind: EventKind,
    on: &'a str,
) -> impl FnOnce(&F, &F) -> bool {
    move |o, t| match last_event(tasks.0, kind, on).cmp(&last_event(tasks.1, kind, on)) {
        Ordering::Equal => greater(o, t),
        c => c.is_gt(),
    }
}

/// Merge two versions of a task (see the module documentation for the rules).
pub fn merge_task(base: Option<&Task>, ours: &Task, theirs: &Task) -> Task {
    if let Some(task) = taken(base, ours, theirs) {
        return task;
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
    // Events of moved targets follow them (all found first: one move may free another's id).
    let mut histories = [ours.history.clone(), theirs.history.clone()];
    let moves: Vec<(usize, usize, &str)> = renamed
        .iter()
        .flat_map(|r| {
            let (own, other) = (&histories[r.side], &histories[1 - r.side]);
            let found = r.events(own, other);
            found.into_iter().map(move |i| (r.side, i, r.to.as_str()))
        })
        .collect();
    for (side, i, to) in moves {
        histories[side][i].on = to.to_string();
    }
    let [ours_history, theirs_history] = histories;
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
        leader: m.field(|t| t.leader.clone(), greater),
        group: m.field(|t| t.group.clone(), greater),
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

/// Two lists merged by key, in key order: what both sides have by `both(base, ours, theirs)`;
/// what one side (0 ours, 1 theirs) has is kept when `keep(base, it, side)`.
fn union_by<T: Clone, K: Ord>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    both: impl Fn(Option<&T>, &T, &T) -> T,
    keep: impl Fn(Option<&T>, &T, usize) -> bool,
) -> Vec<T> {
    let find = |list: &'_ [T], k: &K| list.iter().find(|x| key(x) == *k).cloned();
    let mut keys: Vec<K> = ours.iter().chain(theirs).map(&key).collect();
    keys.sort();
    keys.dedup();
    let one = |b: Option<&T>, x: T, side| keep(b, &x, side).then_some(x);
    keys.iter()
        .filter_map(|k| {
            let b = find(base, k);
            match (find(ours, k), find(theirs, k)) {
                (Some(o), Some(t)) => Some(both(b.as_ref(), &o, &t)),
                (Some(x), None) => one(b.as_ref(), x, 0),
                (None, Some(x)) => one(b.as_ref(), x, 1),
                (None, None) => None,
            }
        })
        .collect()
}

/// Something only one side has is kept unless the other side removed it and this side left it
/// as in base.
fn one_sided<T: PartialEq + Clone>(base: Option<&T>, this: &T) -> Option<T> {
    (base != Some(this)).then(|| this.clone())
}

fn merge_measures(base: Option<&Task>, ours: &Task, theirs: &Task) -> Vec<Measure> {
    let sides = (ours, theirs);
    let both = |b: Option<&Measure>, o: &Measure, t: &Measure| {
        let (m, id) = (Three::new(b, o, t), o.id.as_str());
        let (lead, partners) = m.field(
            |x| (x.lead.clone(), x.partners.clone()),
            later_event(sides, EventKind::Assigned, id),
        );
        Measure {
            id: id.to_string(),
            text: m.field(|x| x.text.clone(), greater),
            status: m.field(
                |x| x.status.clone(),
                later_event(sides, EventKind::Status, id),
            ),
            lead,
            partners,
            deadline: m.field(|x| x.deadline, later_event(sides, EventKind::Deadline, id)),
            leader: m.field(|x| x.leader.clone(), greater),
        }
    };
    let key = |m: &Measure| (id_order(&m.id), m.id.clone());
    let keep = |b: Option<&Measure>, x: &Measure, _| b != Some(x);
    let base = base.map_or(&[][..], |b| &b.measures);
    union_by(base, &ours.measures, &theirs.measures, key, both, keep)
}

fn merge_notes(base: Option<&Task>, ours: &Task, theirs: &Task) -> Vec<Note> {
    let both = |b: Option<&Note>, o: &Note, t: &Note| {
        let key = |n: &Note| (n.edited.unwrap_or(n.at), json(n));
        Three::new(b, o, t).field(Note::clone, |x, y| key(x) > key(y))
    };
    let sides = [ours, theirs];
    let keep =
        |b: Option<&Note>, n: &Note, side: usize| note_kept(n, b, sides[side], sides[1 - side]);
    let base = base.map_or(&[][..], |b| &b.notes);
    let mut out = union_by(
        base,
        &ours.notes,
        &theirs.notes,
        |n| n.id.clone(),
        both,
        keep,
    );
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

/// A side's target that ends up under another id: an id collision, or an earlier merge moved it.
struct Renamed {
    /// 0 ours, 1 theirs.
    side: usize,
    from: String,
    to: String,
    /// What its `TargetAdded` event says (`label phrase`).
    added: String,
}

impl Renamed {
    /// Indices of the side's own events about the target (from its `TargetAdded` on, and not
    /// in the other side's history), which must follow it to its new id.
    fn events(&self, own: &[Event], other: &[Event]) -> Vec<usize> {
        let about = |e: &Event| {
            e.on == self.from
                && matches!(e.kind, EventKind::TargetAdded | EventKind::Target)
                && !other.contains(e)
        };
        let since = own
            .iter()
            .filter(|e| about(e) && e.kind == EventKind::TargetAdded)
            .filter(|e| e.to.as_deref() == Some(self.added.as_str()))
            .map(|e| e.at)
            .max();
        (0..own.len())
            .filter(|&i| since.is_some_and(|s| own[i].at >= s) && about(&own[i]))
            .collect()
    }
}

/// Targets are matched by id and what they are (label, phrase, unit, measure), then what is left
/// by what they are alone (in id order): a target an earlier merge moved to another id is still
/// the same target, and the same id naming something else is another target.
fn merge_targets(
    base: Option<&Task>,
    ours: &Task,
    theirs: &Task,
    number: u32,
) -> (Vec<Target>, Vec<Renamed>) {
    let same = |x: &Target, y: &Target| {
        (&x.label, &x.phrase, &x.unit, &x.measure) == (&y.label, &y.phrase, &y.unit, &y.measure)
    };
    let same_id = |x: &Target, y: &Target| x.id == y.id && same(x, y);
    let by_id = |t: &&Target| (id_order(&t.id), t.id.clone());
    let mut pairs: Vec<(Option<&Target>, Option<&Target>)> = Vec::new();
    let (mut rest_o, mut rest_t): (Vec<&Target>, Vec<&Target>) = Default::default();
    for o in &ours.targets {
        match theirs.targets.iter().find(|t| same_id(o, t)) {
            Some(t) => pairs.push((Some(o), Some(t))),
            None => rest_o.push(o),
        }
    }
    rest_t.extend(
        theirs
            .targets
            .iter()
            .filter(|t| !ours.targets.iter().any(|o| same_id(o, t))),
    );
    rest_o.sort_by_key(by_id);
    rest_t.sort_by_key(by_id);
    for o in rest_o {
        let t = rest_t
            .iter()
            .position(|t| same(o, t))
            .map(|i| rest_t.remove(i));
        pairs.push((Some(o), t));
    }
    pairs.extend(rest_t.into_iter().map(|t| (None, Some(t))));
    let in_base = |x: &Target| base.and_then(|b| b.targets.iter().find(|y| same_id(x, y)));
    // (merged target, whether base has it, its id on each side)
    let mut out: Vec<(Target, bool, [Option<String>; 2])> = Vec::new();
    for (o, t) in pairs {
        let b = o.and_then(in_base).or_else(|| t.and_then(in_base));
        let merged = match (o, t) {
            (Some(o), Some(t)) => Some(merge_target(b, o, t)),
            (Some(x), None) | (None, Some(x)) => one_sided(b, x),
            (None, None) => None,
        };
        let ids = [o, t].map(|x| x.map(|x| x.id.clone()));
        out.extend(merged.map(|m| (m, b.is_some(), ids)));
    }
    // On an id collision the target from base, else the earlier, keeps the id; the other moves
    // to the next free K.
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
    for i in 1..out.len() {
        if out[..i].iter().any(|(t, ..)| t.id == out[i].0.id) {
            next += 1;
            out[i].0.id = format!("{number}.{next}");
        }
    }
    let mut renamed = Vec::new();
    for (t, _, ids) in &out {
        for (side, id) in ids.iter().enumerate() {
            if let Some(from) = id.as_ref().filter(|id| **id != t.id) {
                renamed.push(Renamed {
                    side,
                    from: from.clone(),
                    to: t.id.clone(),
                    added: format!("{} {}", t.label, t.phrase),
                });
            }
        }
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
        // Both moved (or no base): the smaller id; a collision is resolved after.
        id: m.field(|t| t.id.clone(), |o, t| (id_order(o), o) < (id_order(t), t)),
        target: m.field(|t| t.target, |o, t| o.total_cmp(t).is_gt()),
        qualifier: m.field(|t| t.qualifier.clone(), greater),
        current,
        updated,
        updated_by,
        ..ours.clone() // label, phrase, unit, measure: the same on both sides (matched by them)
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
        issuer: m.field(|x| x.issuer.clone(), greater),
        doc_number: m.field(|x| x.doc_number.clone(), greater),
        description: m.field(|x| x.description.clone(), greater),
    }
}

/// Merge two versions of a review. Items by task number: both changed → the later `updated`;
/// `position`: the greater; `finished`: the later (a time beats none); `order` both changed:
/// ours, then the numbers only theirs has; `started`/`started_by`/`since` both changed: ours.
pub fn merge_review(base: Option<&Review>, ours: &Review, theirs: &Review) -> Review {
    if let Some(review) = taken(base, ours, theirs) {
        return review;
    }
    let m = Three { base, ours, theirs };
    let order = taken(base.map(|b| &b.order), &ours.order, &theirs.order).unwrap_or_else(|| {
        let mut o = ours.order.clone();
        o.extend(theirs.order.iter().filter(|n| !ours.order.contains(n)));
        o
    });
    let items = union_by(
        base.map_or(&[][..], |b| &b.items),
        &ours.items,
        &theirs.items,
        |i| i.number,
        |b, o, t| {
            let key = |i: &ReviewItem| (i.updated, json(i));
            Three::new(b, o, t).field(ReviewItem::clone, |x, y| key(x) > key(y))
        },
        |b, x, _| b != Some(x),
    );
    let finished = [ours.finished, theirs.finished]
        .into_iter()
        .max_by(|a, b| (a, json(a)).cmp(&(b, json(b))))
        .flatten();
    let (started, started_by) = m.field(|r| (r.started, r.started_by.clone()), |_, _| true);
    Review {
        schema: m.field(|r| r.schema, greater),
        date: m.field(|r| r.date, greater),
        scope: m.field(|r| r.scope, |o, t| json(o) > json(t)),
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
#[path = "merge_delete_tests.rs"]
mod delete_tests;
#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
