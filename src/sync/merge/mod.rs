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
use crate::store::Chunk;
use crate::tomlfile::{self, FileError};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};

mod chunk;
mod follow;
mod targets;
mod task;

pub use chunk::merge_chunk;
pub use task::merge_task;
use task::{one_sided, union_by};

/// Which board file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `board.toml`
    Board,
    /// `tasks/N.toml`
    Task,
    /// `reviews/<date>.toml`
    Review,
    /// `tasks/N/K.toml`: a sealed chunk of a task's older notes and history.
    Chunk,
    /// `follow/N.toml`: decisions, extensions, urging notices (see `follow`).
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
        let parent = path.parent()?;
        match parent.file_name()?.to_str()? {
            "tasks" if stem.parse::<u32>().is_ok() => Some(FileKind::Task),
            "reviews" if !stem.is_empty() => Some(FileKind::Review),
            dir if dir.parse::<u32>().is_ok()
                && stem.parse::<u32>().is_ok()
                && parent.parent()?.file_name()? == "tasks" =>
            {
                Some(FileKind::Chunk)
            }
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
        FileKind::Chunk => {
            let (b, o, t) = parse3(path, base, ours, theirs, |c: &Chunk| c.schema)?;
            crate::store::chunk_toml(&merge_chunk(b.as_ref(), &o, &t))
        }
        FileKind::Review => {
            let (b, o, t) = parse3(path, base, ours, theirs, |r: &Review| r.schema)?;
            // As `store::reviews` writes it.
            toml::to_string(&merge_review(b.as_ref(), &o, &t)).expect("a review always serializes")
        }
        FileKind::Follow => {
            use crate::model::decision::Follow;
            let (b, o, t) = parse3(path, base, ours, theirs, |f: &Follow| f.schema)?;
            crate::store::follow_toml(&follow::merge_follow(b.as_ref(), &o, &t))
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
        filter: m.field(|r| r.filter.clone(), |_, _| true),
        position: ours
            .position
            .max(theirs.position)
            .min(order.len().saturating_sub(1)),
        order,
        items,
    }
}

#[cfg(test)]
mod chunk_tests;
#[cfg(test)]
mod delete_tests;
#[cfg(test)]
mod tests;
