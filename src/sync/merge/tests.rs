//! Merge tests: two offices change copies of the real seed board with the real operations, and
//! the merge of their task files must keep both sides' work, converge whichever side is "ours",
//! and write what keywork itself writes. (Over 500 lines: one scenario per kind of concurrent
//! change, each needing its own two boards; they share the helpers at the top.)

use super::*;
use crate::model::review::{ReviewChange, ReviewScope};
use crate::model::{Board, ItemRef, SCHEMA, Stamp, default_statuses};
use crate::store::{meta_toml, task_toml};
use std::sync::LazyLock;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}:00+08:00")).unwrap()
}

fn st(author: &str, time: &str) -> Stamp {
    Stamp {
        author: author.into(),
        at: at(time),
    }
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

static SEED: LazyLock<Board> =
    LazyLock::new(|| crate::seed::board(default_statuses(), at("2023-09-20T09:00")));

/// The seed board cut down to task 15 (measures and targets), with a note on 15.2 and a target
/// value set: the common ancestor both offices start from.
fn base() -> Board {
    let mut b = Board {
        meta: SEED.meta.clone(),
        tasks: vec![SEED.task(15).unwrap().clone()],
    };
    let s = st("区建管委", "2023-09-25T10:00");
    b.add_note(r("15.2"), "旧改签约进度表", Some("杨建〔2023〕7号"), &s)
        .unwrap();
    b.set_target(15, "15.1", Some(30000.0), &s).unwrap();
    b
}

fn t15(b: &Board) -> Task {
    b.task(15).unwrap().clone()
}

/// Merge task 15 of two boards, checking that the other order gives the same bytes.
fn merge(base: Option<&Board>, x: &Board, y: &Board) -> Task {
    merge_tasks(base.map(t15).as_ref(), &t15(x), &t15(y))
}

fn merge_tasks(base: Option<&Task>, x: &Task, y: &Task) -> Task {
    let xy = merge_task(base, x, y);
    assert_eq!(
        task_toml(&xy),
        task_toml(&merge_task(base, y, x)),
        "merge is symmetric"
    );
    xy
}

fn note_ids(t: &Task) -> Vec<&str> {
    t.notes.iter().map(|n| n.id.as_str()).collect()
}

fn events(t: &Task, kind: EventKind) -> Vec<&Event> {
    t.history.iter().filter(|e| e.kind == kind).collect()
}

#[test]
fn notes_added_on_both_sides_are_all_kept_once() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let n1 = x
        .add_note(r("15"), "东片完成", None, &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let n2 = y
        .add_note(r("15.3"), "西片完成", None, &st("西区", "2023-10-02T09:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    let base_note = b.task(15).unwrap().notes[0].id.as_str();
    assert_eq!(
        note_ids(&m),
        vec![base_note, n2.as_str(), n1.as_str()],
        "by time"
    );
    assert_eq!(events(&m, EventKind::NoteAdded).len(), 3);
    assert_eq!(
        m.history.len(),
        t15(&b).history.len() + 2,
        "base events once"
    );
    assert!(m.history.is_sorted_by_key(|e| e.at));
}

#[test]
fn a_status_changed_on_both_sides_takes_the_later_change_and_keeps_both_events() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.set_status(r("15"), "doing", &st("东区", "2023-10-02T10:00"))
        .unwrap();
    y.set_status(r("15"), "behind", &st("西区", "2023-10-02T11:00"))
        .unwrap();
    x.set_status(r("15.2"), "done", &st("东区", "2023-10-03T12:00"))
        .unwrap();
    y.set_status(r("15.2"), "doing", &st("西区", "2023-10-03T09:30"))
        .unwrap();
    x.set_status(r("15.3"), "doing", &st("东区", "2023-10-03T12:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    assert_eq!(m.status, "behind");
    assert_eq!(m.measure("15.2").unwrap().status, "done");
    assert_eq!(m.measure("15.3").unwrap().status, "doing", "one side only");
    assert_eq!(m.measure("15.1").unwrap().status, "todo", "unchanged");
    let on15: Vec<_> = events(&m, EventKind::Status)
        .into_iter()
        .filter(|e| e.on == "15")
        .map(|e| (e.author.as_str(), e.to.as_deref().unwrap()))
        .collect();
    assert_eq!(on15, vec![("东区", "doing"), ("西区", "behind")]);
    assert_eq!(events(&m, EventKind::Status).len(), 5);
}

#[test]
fn a_note_edited_on_one_side_and_removed_on_the_other_follows_the_later_change() {
    let b = base();
    let id = b.task(15).unwrap().notes[0].id.clone();
    // Edited, then removed later elsewhere: removed.
    let (mut x, mut y) = (b.clone(), b.clone());
    x.edit_note(&id, "改过的", None, &st("东区", "2023-10-02T10:00"))
        .unwrap();
    y.remove_note(&id, &st("西区", "2023-10-02T11:00")).unwrap();
    let m = merge(Some(&b), &x, &y);
    assert!(m.notes.is_empty());
    assert_eq!(events(&m, EventKind::NoteEdited).len(), 1);
    assert_eq!(events(&m, EventKind::NoteRemoved).len(), 1);
    // Removed, then edited later elsewhere: kept, as edited.
    let (mut x, mut y) = (b.clone(), b.clone());
    x.edit_note(&id, "改过的", None, &st("东区", "2023-10-02T12:00"))
        .unwrap();
    y.remove_note(&id, &st("西区", "2023-10-02T11:00")).unwrap();
    let m = merge(Some(&b), &x, &y);
    assert_eq!(note_ids(&m), vec![id.as_str()]);
    assert_eq!(m.notes[0].text, "改过的");
    // Removed on one side, untouched on the other: removed.
    let m = merge(Some(&b), &b, &y);
    assert!(m.notes.is_empty());
}

#[test]
fn a_note_edited_on_both_sides_takes_the_later_edit() {
    let b = base();
    let id = b.task(15).unwrap().notes[0].id.clone();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.edit_note(&id, "东区的版本", None, &st("东区", "2023-10-02T12:00"))
        .unwrap();
    y.edit_note(
        &id,
        "西区的版本",
        Some("附件"),
        &st("西区", "2023-10-02T11:00"),
    )
    .unwrap();
    let m = merge(Some(&b), &x, &y);
    assert_eq!(m.notes.len(), 1);
    assert_eq!(m.notes[0].text, "东区的版本");
    assert_eq!(events(&m, EventKind::NoteEdited).len(), 2);
}

#[test]
fn target_values_on_both_sides_take_the_later_update() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.set_target(15, "15.1", Some(40000.0), &st("东区", "2023-10-02T10:00"))
        .unwrap();
    y.set_target(15, "15.1", Some(35000.0), &st("西区", "2023-10-02T09:00"))
        .unwrap();
    x.set_target(15, "15.2", Some(100.0), &st("东区", "2023-10-02T10:00"))
        .unwrap();
    y.set_target(15, "15.3", Some(200000.0), &st("西区", "2023-10-02T09:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    let t = m.target("15.1").unwrap();
    assert_eq!(
        (t.current, t.updated_by.as_deref()),
        (Some(40000.0), Some("东区"))
    );
    assert_eq!(m.target("15.2").unwrap().current, Some(100.0));
    assert_eq!(m.target("15.3").unwrap().current, Some(200000.0));
    assert_eq!(m.targets.len(), t15(&b).targets.len());
    assert_eq!(events(&m, EventKind::Target).len(), 5);
}

#[test]
fn targets_added_on_both_sides_under_the_same_id_are_both_kept() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let k = t15(&b).targets.len();
    let ix = x
        .add_target(15, "加装电梯", 10.0, "台", &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let iy = y
        .add_target(15, "口袋公园", 3.0, "处", &st("西区", "2023-10-02T11:00"))
        .unwrap();
    assert_eq!(ix, iy, "the collision");
    y.set_target(15, &iy, Some(1.0), &st("西区", "2023-10-02T11:30"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    let moved = format!("15.{}", k + 2);
    let ids: Vec<_> = m.targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), k + 2);
    assert_eq!(&ids[k..], [ix.as_str(), moved.as_str()]);
    assert_eq!(
        m.target(&ix).unwrap().label,
        "加装电梯",
        "the earlier keeps its id"
    );
    let t = m.target(&moved).unwrap();
    assert_eq!((t.label.as_str(), t.current), ("口袋公园", Some(1.0)));
    // The moved target's own events follow it; the other's stay.
    let on = |id: &str| {
        m.history
            .iter()
            .filter(|e| e.on == id)
            .map(|e| (e.kind, e.author.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(on(&ix), vec![(EventKind::TargetAdded, "东区")]);
    assert_eq!(
        on(&moved),
        vec![
            (EventKind::TargetAdded, "西区"),
            (EventKind::Target, "西区")
        ]
    );
}

#[test]
fn a_moved_target_is_the_same_target_in_the_next_merge() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let ix = x
        .add_target(15, "加装电梯", 10.0, "台", &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let iy = y
        .add_target(15, "电梯改造", 10.0, "台", &st("西区", "2023-10-02T11:00"))
        .unwrap();
    // 东区 merges and shares it; 西区 goes on with its target (now moved) before pulling.
    let m = merge(Some(&b), &x, &y);
    let moved = &m.targets.last().unwrap().id;
    assert_ne!(
        *moved, iy,
        "same id and phrase, another label: another target"
    );
    let mut y2 = y.clone();
    y2.set_target(15, &iy, Some(2.0), &st("西区", "2023-10-03T09:00"))
        .unwrap();
    let m2 = merge_tasks(Some(&t15(&y)), &t15(&y2), &m);
    assert_eq!(m2.targets.len(), m.targets.len(), "no target twice");
    assert_eq!(m2.target(&ix).unwrap().label, "加装电梯");
    assert_eq!(m2.target(moved).unwrap().current, Some(2.0));
    let west: Vec<_> = m2
        .history
        .iter()
        .filter(|e| e.author == "西区")
        .map(|e| (e.kind, e.on.as_str()))
        .collect();
    let moved = moved.as_str();
    assert_eq!(
        west,
        vec![(EventKind::TargetAdded, moved), (EventKind::Target, moved)]
    );
}

#[test]
fn a_removed_target_stays_removed_unless_changed_on_the_other_side() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.remove_target(15, "15.2", &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    assert!(m.target("15.2").is_none());
    y.set_target(15, "15.2", Some(5.0), &st("西区", "2023-10-02T11:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    assert_eq!(m.target("15.2").unwrap().current, Some(5.0));
}

#[test]
fn units_and_deadlines_on_both_sides_take_the_later_event() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let units = |s: &str| vec![s.to_string()];
    x.assign(
        r("15"),
        &units("区建管委"),
        &[],
        &st("东区", "2023-10-02T10:00"),
    )
    .unwrap();
    y.assign(
        r("15"),
        &units("区房管局"),
        &units("街道"),
        &st("西区", "2023-10-02T11:00"),
    )
    .unwrap();
    let d = |s: &str| s.parse().ok();
    x.set_deadline(r("15.1"), d("2023-10-31"), &st("东区", "2023-10-02T12:00"))
        .unwrap();
    y.set_deadline(r("15.1"), d("2023-11-30"), &st("西区", "2023-10-02T11:00"))
        .unwrap();
    let m = merge(Some(&b), &x, &y);
    assert_eq!(
        (m.lead.clone(), m.partners.clone()),
        (units("区房管局"), units("街道"))
    );
    assert_eq!(m.measure("15.1").unwrap().deadline, d("2023-10-31"));
}

#[test]
fn equal_sides_and_fast_forwards_take_a_side_as_it_is() {
    let b = base();
    let mut x = b.clone();
    x.set_status(r("15"), "doing", &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let (tb, tx) = (t15(&b), t15(&x));
    assert_eq!(merge_task(Some(&tb), &tx, &tx), tx);
    assert_eq!(merge_task(None, &tx, &tx), tx);
    assert_eq!(merge_task(Some(&tb), &tb, &tx), tx);
    assert_eq!(merge_task(Some(&tb), &tx, &tb), tx);
}

#[test]
fn a_file_added_on_both_sides_merges_without_a_base() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let n1 = x
        .add_note(r("15"), "东", None, &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let n2 = y
        .add_note(r("15"), "西", None, &st("西区", "2023-10-02T11:00"))
        .unwrap();
    y.set_status(r("15"), "doing", &st("西区", "2023-10-02T11:00"))
        .unwrap();
    let m = merge(None, &x, &y);
    let n0 = b.task(15).unwrap().notes[0].id.clone();
    assert_eq!(note_ids(&m), vec![n0.as_str(), n1.as_str(), n2.as_str()]);
    assert_eq!(m.status, "doing", "the side with a status event");
    assert_eq!(m.history.len(), t15(&b).history.len() + 3);
}

#[test]
fn merged_text_parses_back_to_the_same_bytes_and_is_symmetric() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.add_note(
        r("15.2"),
        "多行\n\"引号\"",
        Some("附件"),
        &st("东区", "2023-10-02T10:00"),
    )
    .unwrap();
    y.set_target(15, "15.4", Some(120.0), &st("西区", "2023-10-02T11:00"))
        .unwrap();
    let bytes = |b: &Board| task_toml(&t15(b)).into_bytes();
    let (tb, tx, ty) = (bytes(&b), bytes(&x), bytes(&y));
    let path = Path::new("tasks/15.toml");
    assert_eq!(FileKind::of(path), Some(FileKind::Task));
    let text = merge_text(FileKind::Task, path, Some(&tb), &tx, &ty).unwrap();
    let other = merge_text(FileKind::Task, path, Some(&tb), &ty, &tx).unwrap();
    assert_eq!(text, other);
    let back: Task = tomlfile::parse(path, text.as_bytes()).unwrap();
    assert_eq!(task_toml(&back), text);
    assert_eq!(back.notes.len(), 2);
    assert_eq!(back.target("15.4").unwrap().current, Some(120.0));
    // A fast-forward is the other side's bytes as they are.
    let ff = merge_text(FileKind::Task, path, Some(&tb), &tb, &ty).unwrap();
    assert_eq!(ff.as_bytes(), ty.as_slice());
}

#[test]
fn a_side_that_does_not_parse_is_named_with_path_and_line() {
    let good = task_toml(&t15(&base())).into_bytes();
    let bad = b"schema = 1\nnumber = \"fifteen\"\n".to_vec();
    let path = Path::new("board/tasks/15.toml");
    let cases = [
        (Some(&good), &bad, &good, Side::Ours),
        (Some(&good), &good, &bad, Side::Theirs),
        (Some(&bad), &good, &good, Side::Base),
    ];
    for (b, o, t, side) in cases {
        let err = merge_text(FileKind::Task, path, b.map(|b| b.as_slice()), o, t).unwrap_err();
        assert!(matches!(err, MergeError::Parse { side: s, .. } if s == side));
        let msg = err.to_string();
        let want = format!("the {side} version does not parse: board/tasks/15.toml:2:");
        assert!(msg.contains(&want), "{msg}");
    }
    let mut newer = t15(&base());
    newer.schema = SCHEMA + 1;
    let newer = task_toml(&newer).into_bytes();
    let err = merge_text(FileKind::Task, path, Some(&good), &good, &newer).unwrap_err();
    assert!(
        matches!(err, MergeError::NewerSchema { side: Side::Theirs, found, .. } if found == SCHEMA + 1)
    );
    assert!(err.to_string().contains("board/tasks/15.toml"), "{err}");
    let err = merge_text(FileKind::Board, Path::new("board.toml"), None, b"x", b"").unwrap_err();
    assert!(
        err.to_string()
            .contains("ours version does not parse: board.toml:1:")
    );
}

#[test]
fn file_kinds_by_name_and_directory() {
    let of = |p: &str| FileKind::of(Path::new(p));
    assert_eq!(of("board.toml"), Some(FileKind::Board));
    assert_eq!(of("boards/a/board.toml"), Some(FileKind::Board));
    assert_eq!(of("tasks/15.toml"), Some(FileKind::Task));
    assert_eq!(of("/srv/b/tasks/3.toml"), Some(FileKind::Task));
    assert_eq!(of("reviews/2023-10-12.toml"), Some(FileKind::Review));
    assert_eq!(of("tasks/x.toml"), None);
    assert_eq!(of("15.toml"), None);
    assert_eq!(of("tasks/15.json"), None);
    assert_eq!(of("cache.toml"), None);
}

#[test]
fn board_meta_merges_per_field() {
    let b = SEED.meta.clone();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.title = "甲".into();
    y.title = "乙".into();
    y.source = "new.txt".into();
    x.statuses.pop();
    y.statuses.truncate(2);
    let xy = merge_meta(Some(&b), &x, &y);
    assert_eq!(xy.title, "甲", "the greater (U+7532 > U+4E59)");
    assert_eq!(xy.source, "new.txt");
    assert_eq!(xy.statuses, x.statuses, "ours");
    assert_eq!(merge_meta(Some(&b), &y, &x).statuses, y.statuses);
    let path = Path::new("board.toml");
    let bytes = |m: &BoardMeta| meta_toml(m).into_bytes();
    let text = merge_text(
        FileKind::Board,
        path,
        Some(&bytes(&b)),
        &bytes(&x),
        &bytes(&y),
    )
    .unwrap();
    assert_eq!(text, meta_toml(&xy));
}

#[test]
fn reviews_merge_items_by_the_later_update() {
    let sums: Vec<_> = SEED.tasks.iter().map(Task::summary).collect();
    let date = "2023-10-12".parse().unwrap();
    let started = at("2023-10-12T09:00");
    let b = Review::new(
        date,
        ReviewScope::All,
        None,
        &SEED.meta,
        &sums,
        started,
        "li",
    );
    let (mut x, mut y) = (b.clone(), b.clone());
    let apply = |r: &mut Review, c: ReviewChange, s: Stamp| c.apply(r, &s).unwrap();
    let conclusion = |task, text: &str| ReviewChange::Conclusion {
        task,
        text: text.into(),
    };
    apply(&mut x, conclusion(15, "东"), st("东区", "2023-10-12T10:00"));
    apply(&mut y, conclusion(15, "西"), st("西区", "2023-10-12T10:05"));
    apply(
        &mut x,
        conclusion(3, "只有东区"),
        st("东区", "2023-10-12T10:10"),
    );
    apply(
        &mut x,
        ReviewChange::Position(4),
        st("东区", "2023-10-12T10:10"),
    );
    apply(
        &mut y,
        ReviewChange::Position(2),
        st("西区", "2023-10-12T10:10"),
    );
    apply(&mut y, ReviewChange::Finish, st("西区", "2023-10-12T11:00"));
    x.order.retain(|n| *n != 22);
    y.order.retain(|n| *n != 21);
    let m = merge_review(Some(&b), &x, &y);
    assert_eq!(m.item(15).unwrap().conclusion, "西");
    assert_eq!(m.item(3).unwrap().conclusion, "只有东区");
    assert_eq!(m.position, 4);
    assert_eq!(m.finished, Some(at("2023-10-12T11:00")));
    assert_eq!(m.order.len(), 22, "ours, then theirs' extra number");
    assert_eq!(m.order.last(), Some(&22));
    assert_eq!(
        m.items,
        merge_review(Some(&b), &y, &x).items,
        "items are symmetric"
    );
    let bytes = |r: &Review| toml::to_string(r).unwrap().into_bytes();
    let path = Path::new("reviews/2023-10-12.toml");
    let kind = FileKind::of(path).unwrap();
    let text = merge_text(kind, path, Some(&bytes(&b)), &bytes(&x), &bytes(&y)).unwrap();
    assert_eq!(text.as_bytes(), bytes(&m));
}

mod fuzz {
    //! Random work on two copies of a task: the merge converges and loses no note.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Status(usize, usize),
        AddNote(usize),
        EditNote(usize),
        RemoveNote(usize),
        SetTarget(usize, Option<u16>),
        Assign(usize, usize),
        Deadline(usize, Option<u8>),
        AddTarget(u16),
        RemoveTarget(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        let i = || 0usize..8;
        prop_oneof![
            (i(), 0usize..4).prop_map(|(a, b)| Op::Status(a, b)),
            i().prop_map(Op::AddNote),
            i().prop_map(Op::EditNote),
            i().prop_map(Op::RemoveNote),
            (i(), proptest::option::of(0u16..500)).prop_map(|(a, b)| Op::SetTarget(a, b)),
            (i(), 0usize..3).prop_map(|(a, b)| Op::Assign(a, b)),
            (i(), proptest::option::of(0u8..60)).prop_map(|(a, b)| Op::Deadline(a, b)),
            (1u16..20).prop_map(Op::AddTarget),
            i().prop_map(Op::RemoveTarget),
        ]
    }

    /// Apply operations at increasing times (steps of 0–20 minutes, so the two sides
    /// interleave and sometimes share a minute).
    fn run(base: &Board, author: &str, ops: &[(Op, i64)]) -> Board {
        let mut b = base.clone();
        let mut now = at("2023-10-02T09:00");
        for (op, step) in ops {
            now += chrono::Duration::minutes(*step);
            let s = Stamp {
                author: author.into(),
                at: now,
            };
            let task = t15(&b);
            let item = |i: usize| match i % (task.measures.len() + 1) {
                0 => r("15"),
                m => r(&task.measures[m - 1].id),
            };
            let note = |i: usize| {
                (!task.notes.is_empty()).then(|| task.notes[i % task.notes.len()].id.clone())
            };
            let target = |i: usize| {
                (!task.targets.is_empty()).then(|| task.targets[i % task.targets.len()].id.clone())
            };
            let _ = match op {
                Op::Status(i, k) => {
                    let key = ["todo", "doing", "behind", "done"][*k];
                    b.set_status(item(*i), key, &s).map(drop)
                }
                Op::AddNote(i) => b
                    .add_note(item(*i), &format!("{author} {now}"), None, &s)
                    .map(drop),
                Op::EditNote(i) => match note(*i) {
                    Some(id) => b
                        .edit_note(&id, &format!("{author} 改 {now}"), None, &s)
                        .map(drop),
                    None => Ok(()),
                },
                Op::RemoveNote(i) => match note(*i) {
                    Some(id) => b.remove_note(&id, &s).map(drop),
                    None => Ok(()),
                },
                Op::SetTarget(i, v) => match target(*i) {
                    Some(id) => b.set_target(15, &id, v.map(f64::from), &s).map(drop),
                    None => Ok(()),
                },
                Op::Assign(i, u) => {
                    let lead = [["区建管委"], ["区房管局"], ["街道"]][*u].map(String::from);
                    b.assign(item(*i), &lead, &[], &s).map(drop)
                }
                Op::Deadline(i, d) => {
                    let d = d.map(|d| {
                        "2023-10-01".parse::<chrono::NaiveDate>().unwrap()
                            + chrono::Days::new(d.into())
                    });
                    b.set_deadline(item(*i), d, &s).map(drop)
                }
                Op::AddTarget(v) => b.add_target(15, author, f64::from(*v), "个", &s).map(drop),
                Op::RemoveTarget(i) => match target(*i) {
                    Some(id) => b.remove_target(15, &id, &s).map(drop),
                    None => Ok(()),
                },
            };
        }
        b
    }

    /// Notes of `this` the merge must keep: all but those the other side removed.
    fn must_keep<'a>(this: &'a Task, other: &'a Task) -> impl Iterator<Item = &'a str> + 'a {
        this.notes.iter().map(|n| n.id.as_str()).filter(move |id| {
            other.notes.iter().any(|n| n.id == *id)
                || !other.history.iter().any(|e| {
                    e.kind == EventKind::NoteRemoved
                        && e.note.as_deref() == Some(*id)
                        && !this.history.contains(e)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
        #[test]
        fn two_offices_converge_and_keep_their_notes(
            xs in proptest::collection::vec((op(), 0i64..20), 0..12),
            ys in proptest::collection::vec((op(), 0i64..20), 0..12),
            more in proptest::collection::vec((op(), 0i64..20), 0..6),
        ) {
            let b = base();
            let (x, y) = (run(&b, "东区", &xs), run(&b, "西区", &ys));
            let m = check(&t15(&b), &t15(&x), &t15(&y))?;
            // 东区 shares the merge; 西区 went on working and merges it in.
            let y2 = run(&y, "西区", &more);
            check(&t15(&y), &t15(&y2), &m)?;
        }
    }

    /// Merge both ways: the same bytes, every note kept unless removed, no id twice, no target
    /// more often than on either side, every event kept; returns the merge.
    fn check(tb: &Task, tx: &Task, ty: &Task) -> Result<Task, TestCaseError> {
        let m = merge_task(Some(tb), tx, ty);
        let text = task_toml(&m);
        prop_assert_eq!(&text, &task_toml(&merge_task(Some(tb), ty, tx)));
        for id in must_keep(tx, ty).chain(must_keep(ty, tx)) {
            prop_assert!(m.notes.iter().any(|n| n.id == id), "lost note {}", id);
        }
        let mut ids = note_ids(&m);
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), m.notes.len(), "a note twice");
        let mut targets: Vec<_> = m.targets.iter().map(|t| &t.id).collect();
        targets.dedup();
        prop_assert_eq!(targets.len(), m.targets.len(), "a target id twice");
        let what = |t: &Target| (t.label.clone(), t.phrase.clone(), t.unit.clone());
        let count =
            |task: &Task, t: &Target| task.targets.iter().filter(|u| what(u) == what(t)).count();
        for t in &m.targets {
            prop_assert!(
                count(&m, t) <= count(tx, t).max(count(ty, t)),
                "target twice: {:?}",
                t
            );
        }
        // Every event of either side is there (a moved target's events under its new id).
        for e in tx.history.iter().chain(&ty.history) {
            let same = |f: &Event| {
                f == e
                    || (f.on != e.on
                        && Event {
                            on: e.on.clone(),
                            ..f.clone()
                        } == *e)
            };
            prop_assert!(m.history.iter().any(same), "lost event {:?}", e);
        }
        let back: Task = tomlfile::parse(Path::new("tasks/15.toml"), text.as_bytes()).unwrap();
        prop_assert_eq!(task_toml(&back), text);
        prop_assert_eq!(&merge_task(Some(tb), tx, tx), tx);
        Ok(m)
    }
}
