//! Merging one task file: the task's own fields by their latest events, the history as a
//! union, measures and notes by id (targets: `targets`).

use super::targets::merge_targets;
use super::*;

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
pub(super) fn union_by<T: Clone, K: Ord>(
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
pub(super) fn one_sided<T: PartialEq + Clone>(base: Option<&T>, this: &T) -> Option<T> {
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
