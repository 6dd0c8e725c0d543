//! Three-way merge of a task's follow-up file (`follow/N.toml`): decisions and urging notices
//! by id, extensions as a union, the source by its later setting.
//!
//! - decisions: a decision on one side only is kept (keywork never deletes one); on both sides,
//!   the side unchanged from base gives way, else the later `updated` wins (equal: the greater
//!   value, so that the merge is symmetric). Two different decisions that took the same id on
//!   two clones (`D15-3` made in two offices) are both kept: the earlier keeps the id, the
//!   other takes the next free number, and its own extensions and notices follow it.
//! - urging notices: the same, by id (a notice never changes once sent).
//! - extensions: union; one both sides hold is kept once; ordered by time.
//! - source: the side unchanged from base gives way, else the later `set`.

use crate::model::decision::{Decision, Follow, Urge};
use serde::Serialize;
use std::cmp::Ordering;

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn number(id: &str) -> u32 {
    id.rsplit_once('-')
        .and_then(|(_, k)| k.parse().ok())
        .unwrap_or(0)
}

/// The greater of two versions by a time, then by their serialized form.
fn later<'a, T: Serialize, K: Ord>(a: &'a T, b: &'a T, key: impl Fn(&T) -> K) -> &'a T {
    match key(a).cmp(&key(b)) {
        Ordering::Greater => a,
        Ordering::Less => b,
        Ordering::Equal if json(a) >= json(b) => a,
        Ordering::Equal => b,
    }
}

fn pick<'a, T: PartialEq + Serialize, K: Ord>(
    base: Option<&T>,
    ours: &'a T,
    theirs: &'a T,
    key: impl Fn(&T) -> K,
) -> &'a T {
    if ours == theirs || base == Some(theirs) {
        ours
    } else if base == Some(ours) {
        theirs
    } else {
        later(ours, theirs, key)
    }
}

/// Whether two versions are the same decision (made at once by the same person) rather than
/// two decisions that happened to take the same id.
fn same_decision(a: &Decision, b: &Decision) -> bool {
    a.made == b.made && a.made_by == b.made_by && a.on == b.on
}

fn same_urge(a: &Urge, b: &Urge) -> bool {
    a == b
}

/// Renumber `theirs`' decisions and notices that clash with different ones of `ours` (and not
/// in base); the earlier keeps the id. Both files are changed so the rule is symmetric.
fn resolve_clashes(base: Option<&Follow>, ours: &mut Follow, theirs: &mut Follow) {
    let in_base = |id: &str| base.is_some_and(|b| b.decisions.iter().any(|d| d.id == id));
    let clashes: Vec<String> = ours
        .decisions
        .iter()
        .filter(|d| !in_base(&d.id))
        .filter(|d| theirs.decision(&d.id).is_some_and(|t| !same_decision(d, t)))
        .map(|d| d.id.clone())
        .collect();
    for id in clashes {
        let o = ours.decision(&id).cloned().expect("listed above");
        let t = theirs.decision(&id).cloned().expect("listed above");
        let theirs_moves = (o.made, json(&o)) <= (t.made, json(&t));
        let next = ours
            .decisions
            .iter()
            .chain(&theirs.decisions)
            .map(|d| number(&d.id))
            .max()
            .unwrap_or(0)
            + 1;
        let new_id = format!("D{}-{next}", ours.task);
        let side = if theirs_moves {
            &mut *theirs
        } else {
            &mut *ours
        };
        rename_decision(side, &id, &new_id);
    }
    let urge_in_base = |id: &str| base.is_some_and(|b| b.urges.iter().any(|u| u.id == id));
    let clashes: Vec<String> = ours
        .urges
        .iter()
        .filter(|u| !urge_in_base(&u.id))
        .filter(|u| {
            theirs
                .urges
                .iter()
                .any(|t| t.id == u.id && !same_urge(u, t))
        })
        .map(|u| u.id.clone())
        .collect();
    for id in clashes {
        let o = ours
            .urges
            .iter()
            .find(|u| u.id == id)
            .cloned()
            .expect("listed");
        let t = theirs
            .urges
            .iter()
            .find(|u| u.id == id)
            .cloned()
            .expect("listed");
        let theirs_moves = (o.at, json(&o)) <= (t.at, json(&t));
        let next = ours
            .urges
            .iter()
            .chain(&theirs.urges)
            .map(|u| number(&u.id))
            .max()
            .unwrap_or(0)
            + 1;
        let side = if theirs_moves {
            &mut *theirs
        } else {
            &mut *ours
        };
        if let Some(u) = side.urges.iter_mut().find(|u| u.id == id) {
            u.id = format!("U{}-{next}", side.task);
        }
    }
}

fn rename_decision(f: &mut Follow, from: &str, to: &str) {
    for d in f.decisions.iter_mut().filter(|d| d.id == from) {
        d.id = to.to_string();
    }
    for e in f.extensions.iter_mut().filter(|e| e.on == from) {
        e.on = to.to_string();
    }
    for u in f.urges.iter_mut().filter(|u| u.on == from) {
        u.on = to.to_string();
    }
}

/// Merge three versions of a follow-up file.
pub fn merge_follow(base: Option<&Follow>, ours: &Follow, theirs: &Follow) -> Follow {
    let (mut ours, mut theirs) = (ours.clone(), theirs.clone());
    resolve_clashes(base, &mut ours, &mut theirs);
    let mut decisions: Vec<Decision> = Vec::new();
    for d in ours.decisions.iter().chain(&theirs.decisions) {
        if decisions.iter().any(|x| x.id == d.id) {
            continue;
        }
        let o = ours.decision(&d.id);
        let t = theirs.decision(&d.id);
        let b = base.and_then(|b| b.decision(&d.id));
        let merged = match (o, t) {
            (Some(o), Some(t)) => pick(b, o, t, |x| x.updated).clone(),
            _ => d.clone(),
        };
        decisions.push(merged);
    }
    decisions.sort_by_key(|d| number(&d.id));
    let mut extensions = ours.extensions.clone();
    for e in &theirs.extensions {
        if !extensions.contains(e) {
            extensions.push(e.clone());
        }
    }
    extensions.sort_by_key(|a| (a.at, json(a)));
    let mut urges = ours.urges.clone();
    for u in &theirs.urges {
        if !urges.iter().any(|x| x.id == u.id) {
            urges.push(u.clone());
        }
    }
    urges.sort_by_key(|u| number(&u.id));
    let source = match (&ours.source, &theirs.source) {
        (Some(o), Some(t)) => {
            Some(pick(base.and_then(|b| b.source.as_ref()), o, t, |s| s.set).clone())
        }
        (o, t) => {
            let base_src = base.and_then(|b| b.source.as_ref());
            // One side has none: keywork never clears a source, so keep the one there is.
            o.clone().or(t.clone()).or(base_src.cloned())
        }
    };
    Follow {
        schema: ours.schema.max(theirs.schema),
        task: ours.task,
        source,
        decisions,
        extensions,
        urges,
    }
}

#[cfg(test)]
#[path = "follow_tests.rs"]
mod tests;
