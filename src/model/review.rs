//! The weekly review meeting (周例会): a review belongs to a date, walks a list of tasks in
//! order, and records per task a conclusion (结论), a next step (下一步) with an optional owner
//! and date, and a needs-coordination item (需协调事项). Also: which changes happened since
//! the previous review — the set the meeting looks at. Pure; the store keeps one file per review.

use super::{BoardMeta, Event, EventKind, SCHEMA, Summary, Task};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which tasks a review walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewScope {
    /// Every task, in number order.
    All,
    /// Tasks changed since the previous review.
    Changed,
    /// Tasks whose status is the board's "behind" status.
    Behind,
    /// Tasks past their deadline and not done.
    Overdue,
}

impl ReviewScope {
    pub const ALL: [ReviewScope; 4] = [
        ReviewScope::All,
        ReviewScope::Changed,
        ReviewScope::Behind,
        ReviewScope::Overdue,
    ];

    pub fn words(self, en: bool) -> &'static str {
        match (self, en) {
            (ReviewScope::All, false) => "全部任务",
            (ReviewScope::All, true) => "all tasks",
            (ReviewScope::Changed, false) => "上次例会以来有变化的任务",
            (ReviewScope::Changed, true) => "tasks changed since the last review",
            (ReviewScope::Behind, false) => "滞后的任务",
            (ReviewScope::Behind, true) => "tasks behind",
            (ReviewScope::Overdue, false) => "逾期的任务",
            (ReviewScope::Overdue, true) => "overdue tasks",
        }
    }
}

/// What the meeting recorded about one task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub number: u32,
    /// The meeting has gone through it.
    #[serde(default)]
    pub reviewed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub due: Option<NaiveDate>,
    /// Needs coordination (需协调事项): the flag is set when this holds text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination: Option<String>,
    /// Who sees to the needs-coordination item (its own, not the next step's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coordination_owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::toml_date"
    )]
    pub coordination_due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
}

/// One review meeting, stored as `reviews/<date>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub schema: u32,
    pub date: NaiveDate,
    pub scope: ReviewScope,
    pub started: DateTime<FixedOffset>,
    pub started_by: String,
    /// Changes after this moment are "since the previous review" (the previous review's end);
    /// none for the first review of a board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<FixedOffset>>,
    /// Set when the meeting is finished; an unfinished review resumes where it stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<DateTime<FixedOffset>>,
    /// The filter that narrowed the tasks to walk (`model::filter` expression); empty: none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filter: String,
    /// The tasks to walk, in order.
    pub order: Vec<u32>,
    /// Index in `order` of the task on screen.
    #[serde(default)]
    pub position: usize,
    #[serde(default)]
    pub items: Vec<ReviewItem>,
}

impl Review {
    /// A new review of `date`, following the previous finished review (if any).
    pub fn new(
        date: NaiveDate,
        scope: ReviewScope,
        previous: Option<&Review>,
        meta: &BoardMeta,
        tasks: &[Summary],
        started: DateTime<FixedOffset>,
        by: &str,
    ) -> Review {
        let since = previous.and_then(|p| p.finished);
        let today = started.date_naive();
        let order = tasks
            .iter()
            .filter(|t| match scope {
                ReviewScope::All => true,
                ReviewScope::Changed => {
                    t.last_change.is_some_and(|at| since.is_none_or(|s| at > s))
                }
                ReviewScope::Behind => t.status == "behind",
                ReviewScope::Overdue => t.overdue(meta, today),
            })
            .map(|t| t.number)
            .collect();
        Review {
            schema: SCHEMA,
            date,
            scope,
            started,
            started_by: by.to_string(),
            since,
            finished: None,
            filter: String::new(),
            order,
            position: 0,
            items: Vec::new(),
        }
    }

    pub fn current(&self) -> Option<u32> {
        self.order.get(self.position).copied()
    }

    pub fn item(&self, number: u32) -> Option<&ReviewItem> {
        self.items.iter().find(|i| i.number == number)
    }

    /// The record of a task, created empty on first use.
    pub fn item_mut(&mut self, number: u32) -> &mut ReviewItem {
        let i = match self.items.iter().position(|i| i.number == number) {
            Some(i) => i,
            None => {
                let pos = self.items.partition_point(|i| i.number < number);
                self.items.insert(
                    pos,
                    ReviewItem {
                        number,
                        ..ReviewItem::default()
                    },
                );
                pos
            }
        };
        &mut self.items[i]
    }

    pub fn reviewed_count(&self) -> usize {
        self.order
            .iter()
            .filter(|n| self.item(**n).is_some_and(|i| i.reviewed))
            .count()
    }

    /// Every needs-coordination item, in task order.
    pub fn coordination(&self) -> impl Iterator<Item = (&ReviewItem, &str)> {
        self.items
            .iter()
            .filter_map(|i| i.coordination.as_deref().map(|c| (i, c)))
    }
}

/// One change to a review record, as the meeting makes it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewChange {
    Conclusion {
        task: u32,
        text: String,
    },
    NextStep {
        task: u32,
        text: String,
        owner: String,
        due: Option<NaiveDate>,
    },
    /// Set (`Some`) or clear (`None`) the needs-coordination item, with its owner and date.
    Coordination {
        task: u32,
        text: Option<String>,
        owner: String,
        due: Option<NaiveDate>,
    },
    Reviewed {
        task: u32,
        reviewed: bool,
    },
    /// The meeting moved to another task (kept so an interrupted meeting resumes there).
    Position(usize),
    Finish,
}

impl ReviewChange {
    /// Apply to the latest review record.
    pub fn apply(
        &self,
        review: &mut Review,
        stamp: &super::Stamp,
    ) -> Result<(), super::ModelError> {
        let touch = |review: &mut Review, task: u32| -> usize {
            let item = review.item_mut(task);
            item.updated = Some(stamp.at);
            item.updated_by = stamp.author.clone();
            review
                .items
                .iter()
                .position(|i| i.number == task)
                .unwrap_or(0)
        };
        match self {
            ReviewChange::Conclusion { task, text } => {
                let i = touch(review, *task);
                review.items[i].conclusion = text.trim().to_string();
            }
            ReviewChange::NextStep {
                task,
                text,
                owner,
                due,
            } => {
                let i = touch(review, *task);
                let item = &mut review.items[i];
                item.next_step = text.trim().to_string();
                item.owner = owner.trim().to_string();
                item.due = *due;
            }
            ReviewChange::Coordination {
                task,
                text,
                owner,
                due,
            } => {
                let i = touch(review, *task);
                let item = &mut review.items[i];
                item.coordination = text
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string);
                // Cleared with the item: an owner of nothing would show up in the report.
                let set = item.coordination.is_some();
                item.coordination_owner = if set { owner.trim() } else { "" }.to_string();
                item.coordination_due = due.filter(|_| set);
            }
            ReviewChange::Reviewed { task, reviewed } => {
                let i = touch(review, *task);
                review.items[i].reviewed = *reviewed;
            }
            ReviewChange::Position(p) => {
                review.position = (*p).min(review.order.len().saturating_sub(1));
            }
            ReviewChange::Finish => {
                review.finished.get_or_insert(stamp.at);
            }
        }
        Ok(())
    }
}

/// Split "owner date" as typed in one field: a trailing `YYYY-MM-DD` or `MM-DD` (this year)
/// is the date, the rest the owner.
pub fn split_owner_due(s: &str, year: i32) -> (String, Option<NaiveDate>) {
    let s = s.trim();
    let (head, last) = match s.rsplit_once(char::is_whitespace) {
        Some((h, l)) => (h.trim(), l),
        None => ("", s),
    };
    let date = NaiveDate::parse_from_str(last, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{year}-{last}"), "%Y-%m-%d").ok());
    match date {
        Some(d) => (head.to_string(), Some(d)),
        None => (s.to_string(), None),
    }
}

/// The previous finished review before `date`, from reviews in any order.
pub fn previous_review(reviews: &[Review], date: NaiveDate) -> Option<&Review> {
    reviews
        .iter()
        .filter(|r| r.date < date && r.finished.is_some())
        .max_by_key(|r| (r.date, r.finished))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Stamp, default_statuses};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn board() -> Board {
        let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
        let st = |t: &str| Stamp {
            author: "王芳".into(),
            at: at(t),
        };
        b.set_status(
            "15".parse().unwrap(),
            "doing",
            &st("2023-10-02T10:00:00+08:00"),
        )
        .unwrap();
        b.set_status(
            "3".parse().unwrap(),
            "behind",
            &st("2023-10-09T10:00:00+08:00"),
        )
        .unwrap();
        b.add_note(
            "15.2".parse().unwrap(),
            "签约",
            None,
            &st("2023-10-10T11:00:00+08:00"),
        )
        .unwrap();
        b
    }

    fn review(date: &str, finished: Option<&str>) -> Review {
        let b = board();
        let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
        let mut r = Review::new(
            date.parse().unwrap(),
            ReviewScope::All,
            None,
            &b.meta,
            &sums,
            at(&format!("{date}T09:00:00+08:00")),
            "li",
        );
        r.finished = finished.map(at);
        r
    }

    #[test]
    fn changes_since_the_previous_review_are_exactly_those_after_its_end() {
        let b = board();
        let t15 = b.task(15).unwrap();
        let since = Some(at("2023-10-05T17:00:00+08:00"));
        let changes = changes_since(t15, since);
        assert_eq!(
            changes.len(),
            1,
            "the note of 10-10, not the status of 10-02"
        );
        assert_eq!(changes[0].kind, EventKind::NoteAdded);
        assert_eq!(
            changes_since(t15, None).len(),
            2,
            "first review: every change"
        );
        // An event at the very moment the previous review ended belongs to that review.
        assert!(changes_since(t15, Some(at("2023-10-10T11:00:00+08:00"))).is_empty());
    }

    #[test]
    fn undo_and_redo_within_a_period_show_as_the_net_change() {
        let mut b = board();
        let mut n = 0;
        let mut st = || {
            n += 1;
            Stamp {
                author: "王芳".into(),
                at: at("2023-10-11T09:00:00+08:00") + chrono::Duration::minutes(n),
            }
        };
        let start = at("2023-10-10T12:00:00+08:00");
        let since = Some(start);
        // Task 15: status doing → behind → doing (undo): no net change.
        b.set_status("15".parse().unwrap(), "behind", &st())
            .unwrap();
        b.set_status("15".parse().unwrap(), "doing", &st()).unwrap();
        // 15.2: todo → doing → done: one change, todo → done.
        b.set_status("15.2".parse().unwrap(), "doing", &st())
            .unwrap();
        b.set_status("15.2".parse().unwrap(), "done", &st())
            .unwrap();
        // A note of the previous period edited back and forth four times: one edit.
        let earlier = Stamp {
            author: "李明".into(),
            at: at("2023-10-10T10:00:00+08:00"),
        };
        let id = b
            .add_note("15.3".parse().unwrap(), "甲", None, &earlier)
            .unwrap();
        for text in ["乙", "甲", "乙", "甲"] {
            b.edit_note(&id, text, None, &st()).unwrap();
        }
        // A note added and removed (undo), and redone and undone again: nothing.
        let gone = b
            .add_note("15.1".parse().unwrap(), "错贴", None, &st())
            .unwrap();
        let note = b.remove_note(&gone, &st()).unwrap();
        b.restore_note(note, &st()).unwrap();
        b.remove_note(&gone, &st()).unwrap();
        // A target added and removed: nothing.
        let tid = b.add_target(15, "户数", 10.0, "户", &st()).unwrap();
        b.remove_target(15, &tid, &st()).unwrap();
        // 15.4 closed without evidence, then reopened (undo): neither the closing nor its
        // reason is a change.
        b.set_status("15.4".parse().unwrap(), "done", &st())
            .unwrap();
        b.record_closing_reason("15.4".parse().unwrap(), "并入", &st())
            .unwrap();
        b.set_status("15.4".parse().unwrap(), "todo", &st())
            .unwrap();
        let t = b.task(15).unwrap();
        let all: Vec<&Event> = t.history.iter().filter(|e| e.at > start).collect();
        assert_eq!(all.len(), 17, "the history keeps every step");
        let net = changes_since(t, since);
        let shown: Vec<(EventKind, &str)> = net.iter().map(|e| (e.kind, e.on.as_str())).collect();
        assert_eq!(
            shown,
            vec![(EventKind::Status, "15.2"), (EventKind::NoteEdited, "15.3"),],
            "{net:#?}"
        );
        assert_eq!(net[0].from.as_deref(), Some("todo"));
        assert_eq!(net[0].to.as_deref(), Some("done"));
        let fresh = b
            .add_note("15.2".parse().unwrap(), "新", None, &st())
            .unwrap();
        b.edit_note(&fresh, "新的", None, &st()).unwrap();
        let net = changes_since(b.task(15).unwrap(), since);
        let on_fresh: Vec<EventKind> = net
            .iter()
            .filter(|e| e.note.as_deref() == Some(fresh.as_str()))
            .map(|e| e.kind)
            .collect();
        assert_eq!(on_fresh, vec![EventKind::NoteAdded], "added, net");
    }

    #[test]
    fn a_closing_that_stays_keeps_its_reason_and_a_removal_stays_a_removal() {
        let mut b = board();
        let st = |m: i64| Stamp {
            author: "李明".into(),
            at: at("2023-10-11T09:00:00+08:00") + chrono::Duration::minutes(m),
        };
        let id = b
            .add_note("15.1".parse().unwrap(), "旧", None, &st(0))
            .unwrap();
        let since = Some(at("2023-10-11T09:30:00+08:00"));
        b.remove_note(&id, &st(40)).unwrap();
        b.set_status("15.4".parse().unwrap(), "done", &st(41))
            .unwrap();
        b.record_closing_reason("15.4".parse().unwrap(), "并入", &st(42))
            .unwrap();
        let net = changes_since(b.task(15).unwrap(), since);
        let kinds: Vec<EventKind> = net.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::NoteRemoved,
                EventKind::Status,
                EventKind::ClosedWithoutEvidence
            ]
        );
    }

    #[test]
    fn a_new_review_follows_the_last_finished_one_and_picks_its_tasks() {
        let b = board();
        let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
        let reviews = vec![
            review("2023-09-28", Some("2023-09-28T11:00:00+08:00")),
            review("2023-10-05", Some("2023-10-05T11:30:00+08:00")),
            review("2023-10-11", None),
        ];
        let date: NaiveDate = "2023-10-12".parse().unwrap();
        let prev = previous_review(&reviews, date).unwrap();
        assert_eq!(prev.date.to_string(), "2023-10-05");
        let started = at("2023-10-12T09:00:00+08:00");
        let r = Review::new(
            date,
            ReviewScope::Changed,
            Some(prev),
            &b.meta,
            &sums,
            started,
            "li",
        );
        assert_eq!(r.since, Some(at("2023-10-05T11:30:00+08:00")));
        assert_eq!(r.order, vec![3, 15]);
        let r = Review::new(
            date,
            ReviewScope::Behind,
            Some(prev),
            &b.meta,
            &sums,
            started,
            "li",
        );
        assert_eq!(r.order, vec![3]);
        let r = Review::new(date, ReviewScope::All, None, &b.meta, &sums, started, "li");
        assert_eq!(r.order.len(), 22);
        assert_eq!(r.since, None);
    }

    #[test]
    fn review_changes_record_who_and_when() {
        let mut r = review("2023-10-12", None);
        let st = crate::model::Stamp {
            author: "李明".into(),
            at: at("2023-10-12T10:00:00+08:00"),
        };
        ReviewChange::NextStep {
            task: 15,
            text: "加快签约".into(),
            owner: "区旧改办".into(),
            due: "2023-10-31".parse().ok(),
        }
        .apply(&mut r, &st)
        .unwrap();
        ReviewChange::Coordination {
            task: 15,
            text: Some("  ".into()),
            owner: "区规划资源局".into(),
            due: None,
        }
        .apply(&mut r, &st)
        .unwrap();
        ReviewChange::Position(99).apply(&mut r, &st).unwrap();
        ReviewChange::Finish.apply(&mut r, &st).unwrap();
        let item = r.item(15).unwrap();
        assert_eq!(item.owner, "区旧改办");
        assert_eq!(item.updated_by, "李明");
        assert_eq!(item.coordination, None, "blank text clears the flag");
        assert_eq!(item.coordination_owner, "", "and its owner");
        assert_eq!(item.owner, "区旧改办", "the next step keeps its own");
        assert_eq!(r.position, 21);
        assert_eq!(r.finished, Some(st.at));
    }

    #[test]
    fn owner_and_date_are_typed_in_one_field() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        assert_eq!(
            split_owner_due("区旧改办 2023-10-31", 2023),
            ("区旧改办".into(), d("2023-10-31"))
        );
        assert_eq!(
            split_owner_due("区旧改办 10-31", 2023),
            ("区旧改办".into(), d("2023-10-31"))
        );
        assert_eq!(split_owner_due("区旧改办", 2023), ("区旧改办".into(), None));
        assert_eq!(
            split_owner_due("12-31", 2023),
            (String::new(), d("2023-12-31"))
        );
        assert_eq!(split_owner_due("", 2023), (String::new(), None));
    }

    #[test]
    fn items_are_created_on_demand_in_task_order() {
        let mut r = review("2023-10-12", None);
        r.item_mut(15).conclusion = "按计划推进".into();
        r.item_mut(3).coordination = Some("需规划资源局协调用地".into());
        r.item_mut(15).reviewed = true;
        assert_eq!(
            r.items.iter().map(|i| i.number).collect::<Vec<_>>(),
            vec![3, 15]
        );
        assert_eq!(r.reviewed_count(), 1);
        assert_eq!(r.coordination().count(), 1);
        let text = toml::to_string(&r).unwrap();
        assert_eq!(toml::from_str::<Review>(&text).unwrap(), r);
    }
}
