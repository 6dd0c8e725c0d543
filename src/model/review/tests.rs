//! Reviews: which tasks a new one walks, what changed since the previous one (net of undo and
//! redo), how the meeting's changes are recorded.

use super::*;
use crate::model::{Board, Event, EventKind, Stamp, Summary, Task, default_statuses};
use chrono::{DateTime, FixedOffset, NaiveDate};

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
