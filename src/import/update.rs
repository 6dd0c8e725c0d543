//! `keywork import FILE --update`: take a revised list into an existing board mid-year.
//!
//! Tasks are matched by number and title similarity, measures and targets within a matched
//! task likewise. Texts, measures and targets follow the new list; statuses, notes, history,
//! current values and the ids they hang on stay. A matched task keeps its number; a new task
//! gets the next free number. What the new list no longer has is kept (tasks, measures, and
//! targets with a recorded value) and listed; a target with no value that the list dropped
//! is removed and listed. Pure: the caller loads and saves the board.

use super::{ParsedList, ParsedTask, build_board, task_targets};
use crate::model::{Board, Event, EventKind, Measure, StatusDef, Target, Task};
use chrono::{DateTime, FixedOffset};

/// What an update did, for the report.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// `(new list number, board number)` of matched tasks.
    pub matched: Vec<(u32, u32)>,
    /// Board numbers given to tasks the old board did not have.
    pub added: Vec<u32>,
    /// One line per thing not matched: kept or removed, and why.
    pub unmatched: Vec<Unmatched>,
}

/// Something of the board the new list does not have, and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Unmatched {
    /// A task, kept as it is.
    Task { number: u32, title: String },
    /// A measure, kept.
    Measure { id: String, text: String },
    /// A target with a recorded value or added by hand, kept.
    TargetKept { id: String, phrase: String },
    /// A target without a value, removed.
    TargetRemoved { id: String, phrase: String },
}

impl Unmatched {
    /// One line for a person.
    pub fn words(&self, lang: crate::strings::Lang) -> String {
        use crate::strings::import as say;
        match self {
            Unmatched::Task { number, title } => say::task_kept(lang, *number, title),
            Unmatched::Measure { id, text } => say::measure_kept(lang, id, text),
            Unmatched::TargetKept { id, phrase } => say::target_kept(lang, id, phrase),
            Unmatched::TargetRemoved { id, phrase } => say::target_removed(lang, id, phrase),
        }
    }
}

/// In `--json`, the English line (the contract of `import --update --json`).
impl serde::Serialize for Unmatched {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.words(crate::strings::Lang::En))
    }
}

/// Similarity 0..=1 of two texts: Dice coefficient of their character bigrams.
pub fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, mut y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return f64::from(u8::from(a.trim() == b.trim()));
    }
    let total = x.len() + y.len();
    let mut common = 0;
    for g in x {
        if let Some(i) = y.iter().position(|h| *h == g) {
            y.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// Pair new items with old ones: the same position and similar enough first, then the most
/// similar of the rest. Returns for each new item the index of its old one.
fn pair(old: &[&str], new: &[&str], same_at: impl Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let mut taken = vec![false; old.len()];
    let mut out = vec![None; new.len()];
    for (n, text) in new.iter().enumerate() {
        if let Some(o) = (0..old.len()).find(|&o| same_at(o, n) && !taken[o])
            && similarity(old[o], text) >= 0.5
        {
            out[n] = Some(o);
            taken[o] = true;
        }
    }
    for (n, text) in new.iter().enumerate() {
        if out[n].is_some() {
            continue;
        }
        let best = (0..old.len())
            .filter(|&o| !taken[o])
            .map(|o| (o, similarity(old[o], text)))
            .filter(|(_, s)| *s >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((o, _)) = best {
            out[n] = Some(o);
            taken[o] = true;
        }
    }
    out
}

/// Apply a revised list to a board.
pub fn apply(
    board: &mut Board,
    list: &ParsedList,
    statuses: Vec<StatusDef>,
    source: &str,
    now: DateTime<FixedOffset>,
) -> Outcome {
    let fresh = build_board(list, statuses, source, now);
    let mut out = Outcome::default();
    let meta = &mut board.meta;
    meta.title = fresh.meta.title;
    meta.issued = fresh.meta.issued.or(meta.issued);
    meta.source = fresh.meta.source;
    meta.issuer = fresh.meta.issuer.or(meta.issuer.take());
    meta.doc_number = fresh.meta.doc_number.or(meta.doc_number.take());
    meta.description = fresh.meta.description.or(meta.description.take());
    let initial = board.meta.initial_status().to_string();

    let old_titles: Vec<String> = board.tasks.iter().map(|t| t.title.clone()).collect();
    let old_refs: Vec<&str> = old_titles.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = list.tasks.iter().map(|t| t.title.as_str()).collect();
    let old_numbers: Vec<u32> = board.tasks.iter().map(|t| t.number).collect();
    let pairs = pair(&old_refs, &new_refs, |o, n| {
        old_numbers[o] == list.tasks[n].number
    });
    let mut next = old_numbers.iter().copied().max().unwrap_or(0);
    let mut matched_old = vec![false; board.tasks.len()];
    let mut added: Vec<Task> = Vec::new();
    for (n, parsed) in list.tasks.iter().enumerate() {
        match pairs[n] {
            Some(o) => {
                matched_old[o] = true;
                let task = &mut board.tasks[o];
                out.matched.push((parsed.number, task.number));
                merge_task(task, parsed, &initial, now, &mut out);
            }
            None => {
                next += 1;
                let mut t = fresh.tasks[n].clone();
                renumber(&mut t, next);
                out.added.push(next);
                added.push(t);
            }
        }
    }
    for (o, t) in board.tasks.iter().enumerate() {
        if !matched_old[o] {
            out.unmatched.push(Unmatched::Task {
                number: t.number,
                title: t.title.clone(),
            });
        }
    }
    board.tasks.extend(added);
    out
}

/// Give a freshly built task another number (its measure and target ids follow).
fn renumber(t: &mut Task, number: u32) {
    let old = t.number;
    let fix = |id: &str| match id.split_once('.') {
        Some((_, k)) => format!("{number}.{k}"),
        None => number.to_string(),
    };
    t.number = number;
    for m in &mut t.measures {
        m.id = fix(&m.id);
    }
    for g in &mut t.targets {
        g.id = fix(&g.id);
        g.measure = g.measure.as_deref().map(fix);
    }
    for e in &mut t.history {
        if e.on == old.to_string() {
            e.on = number.to_string();
        }
    }
}

fn next_id(number: u32, ids: Vec<String>) -> impl FnMut() -> String {
    let mut k = ids
        .iter()
        .filter_map(|id| id.split_once('.').and_then(|(_, k)| k.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    move || {
        k += 1;
        format!("{number}.{k}")
    }
}

fn event(now: DateTime<FixedOffset>, kind: EventKind, on: &str, from: String, to: String) -> Event {
    Event {
        at: now,
        author: "import".into(),
        kind,
        on: on.to_string(),
        from: Some(from).filter(|s| !s.is_empty()),
        to: Some(to).filter(|s| !s.is_empty()),
        note: None,
    }
}

fn owners_text(lead: &[String], partners: &[String]) -> String {
    format!("{}；{}", lead.join("、"), partners.join("、")) // data: the owners as history records them (as model::ops does)
}

fn merge_task(
    task: &mut Task,
    parsed: &ParsedTask,
    initial: &str,
    now: DateTime<FixedOffset>,
    out: &mut Outcome,
) {
    let n = task.number;
    task.title = parsed.title.clone();
    task.text = parsed.text.clone();
    if !parsed.group.is_empty() {
        task.group = parsed.group.clone();
    }
    let o = &parsed.owners;
    let on = n.to_string();
    set_owners(
        &mut task.lead,
        &mut task.partners,
        &o.lead,
        &o.partners,
        &on,
        now,
        &mut task.history,
    );
    if !o.leader.is_empty() {
        task.leader = o.leader.clone();
    }
    if o.deadline.is_some() && o.deadline != task.deadline {
        let from = task.deadline.map(|d| d.to_string()).unwrap_or_default();
        let to = o.deadline.map(|d| d.to_string()).unwrap_or_default();
        task.history
            .push(event(now, EventKind::Deadline, &on, from, to));
        task.deadline = o.deadline;
    }

    // Measures.
    let old_texts: Vec<String> = task.measures.iter().map(|m| m.text.clone()).collect();
    let old_refs: Vec<&str> = old_texts.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = parsed.measures.iter().map(|m| m.text.as_str()).collect();
    let pairs = pair(&old_refs, &new_refs, |o, k| o == k);
    let mut new_id = next_id(n, task.measures.iter().map(|m| m.id.clone()).collect());
    let mut ids: Vec<String> = Vec::with_capacity(parsed.measures.len());
    let mut used = vec![false; task.measures.len()];
    let mut measures: Vec<Measure> = Vec::new();
    for (k, pm) in parsed.measures.iter().enumerate() {
        let mut m = match pairs[k] {
            Some(o) => {
                used[o] = true;
                let mut m = task.measures[o].clone();
                m.text = pm.text.clone();
                m
            }
            None => Measure {
                id: new_id(),
                text: pm.text.clone(),
                status: initial.to_string(),
                lead: Vec::new(),
                partners: Vec::new(),
                deadline: None,
                leader: Vec::new(),
            },
        };
        let po = &pm.owners;
        let mid = m.id.clone();
        set_owners(
            &mut m.lead,
            &mut m.partners,
            &po.lead,
            &po.partners,
            &mid,
            now,
            &mut task.history,
        );
        if po.deadline.is_some() && po.deadline != m.deadline {
            let from = m.deadline.map(|d| d.to_string()).unwrap_or_default();
            let to = po.deadline.map(|d| d.to_string()).unwrap_or_default();
            task.history
                .push(event(now, EventKind::Deadline, &mid, from, to));
            m.deadline = po.deadline;
        }
        if !po.leader.is_empty() {
            m.leader = po.leader.clone();
        }
        ids.push(m.id.clone());
        measures.push(m);
    }
    for (o, m) in task.measures.iter().enumerate() {
        if !used[o] {
            out.unmatched.push(Unmatched::Measure {
                id: m.id.clone(),
                text: m.text.clone(),
            });
            measures.push(m.clone());
        }
    }
    measures.sort_by_key(|m| crate::model::schedule::id_order(&m.id));
    task.measures = measures;
    merge_targets(task, parsed, &ids, out);
}

#[allow(clippy::too_many_arguments)]
fn set_owners(
    lead: &mut Vec<String>,
    partners: &mut Vec<String>,
    new_lead: &[String],
    new_partners: &[String],
    on: &str,
    now: DateTime<FixedOffset>,
    history: &mut Vec<Event>,
) {
    if new_lead.is_empty() && new_partners.is_empty() {
        return;
    }
    if lead.as_slice() == new_lead && partners.as_slice() == new_partners {
        return;
    }
    let from = owners_text(lead, partners);
    *lead = new_lead.to_vec();
    *partners = new_partners.to_vec();
    history.push(event(
        now,
        EventKind::Assigned,
        on,
        from,
        owners_text(lead, partners),
    ));
}

/// Targets follow the new list; a matched one keeps its id and current value.
fn merge_targets(task: &mut Task, parsed: &ParsedTask, measure_ids: &[String], out: &mut Outcome) {
    let n = task.number;
    let mut fresh: Vec<Target> = task_targets(parsed);
    // Fresh targets name measures by their position in the new list: map to the final ids.
    for g in &mut fresh {
        g.measure = g.measure.as_deref().and_then(|m| {
            let k: usize = m.split_once('.')?.1.parse().ok()?;
            measure_ids.get(k.checked_sub(1)?).cloned()
        });
    }
    let key = |g: &Target| format!("{}{}", g.label, g.unit);
    let old_keys: Vec<String> = task.targets.iter().map(key).collect();
    let new_keys: Vec<String> = fresh.iter().map(key).collect();
    let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_keys.iter().map(String::as_str).collect();
    let pairs = pair(&old_refs, &new_refs, |o, k| {
        task.targets[o].unit == fresh[k].unit && task.targets[o].label == fresh[k].label
    });
    let mut new_id = next_id(n, task.targets.iter().map(|t| t.id.clone()).collect());
    let mut used = vec![false; task.targets.len()];
    let mut targets = Vec::new();
    for (k, mut g) in fresh.into_iter().enumerate() {
        match pairs[k].filter(|&o| task.targets[o].unit == g.unit) {
            Some(o) => {
                used[o] = true;
                let old = &task.targets[o];
                g.id = old.id.clone();
                g.current = old.current;
                g.updated = old.updated;
                g.updated_by = old.updated_by.clone();
            }
            None => g.id = new_id(),
        }
        targets.push(g);
    }
    for (o, g) in task.targets.iter().enumerate() {
        if used[o] {
            continue;
        }
        let by_hand = task
            .history
            .iter()
            .any(|e| e.kind == EventKind::TargetAdded && e.on == g.id);
        if g.current.is_some() || by_hand {
            out.unmatched.push(Unmatched::TargetKept {
                id: g.id.clone(),
                phrase: g.phrase.clone(),
            });
            targets.push(g.clone());
        } else {
            out.unmatched.push(Unmatched::TargetRemoved {
                id: g.id.clone(),
                phrase: g.phrase.clone(),
            });
        }
    }
    targets.sort_by_key(|g| crate::model::schedule::id_order(&g.id));
    task.targets = targets;
}

#[cfg(test)]
mod tests;
