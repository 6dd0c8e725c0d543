//! Merging a task's targets: matched by id and by what they measure, two different targets
//! on one id both kept (the later one renumbered, its history following).

use super::*;

/// A side's target that ends up under another id: an id collision, or an earlier merge moved it.
pub(super) struct Renamed {
    /// 0 ours, 1 theirs.
    pub(super) side: usize,
    from: String,
    pub(super) to: String,
    /// What its `TargetAdded` event says (`label phrase`).
    added: String,
}

impl Renamed {
    /// Indices of the side's own events about the target (from its `TargetAdded` on, and not
    /// in the other side's history), which must follow it to its new id.
    pub(super) fn events(&self, own: &[Event], other: &[Event]) -> Vec<usize> {
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
pub(super) fn merge_targets(
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
