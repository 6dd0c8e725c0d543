//! `--update`: a revised list mid-year keeps statuses, notes, history and current values.

use super::*;
use crate::import::parse_str;
use crate::model::{Note, default_statuses};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("valid time")
}

const FIRST: &str = "2024年某区重点工作任务
1.新建养老床位300张。在两个街道各建设1家综合为老服务中心。
牵头单位：区民政局
2.改造老旧小区24个。同步加装电梯60台。
3.开展平安小区创建。
";

/// Revised: task 1 reworded and its target raised, a measure of task 2 dropped, task 3 gone,
/// a new task between 1 and 2.
const REVISED: &str = "2024年某区重点工作任务（修订）
1.新建养老床位350张。在两个街道各建设1家综合为老服务中心。
牵头单位：区民政局；配合单位：各街道
完成时限：10月底前
2.推进智慧养老服务。建设智慧养老院2家。
3.改造老旧小区24个。
";

fn board() -> Board {
    let list = parse_str(FIRST).expect("first list");
    let mut b = build_board(
        &list,
        default_statuses(),
        "first.txt",
        at("2024-01-10T09:00:00+08:00"),
    );
    // Work done since: statuses, a note, a current value, a status event.
    b.tasks[0].status = "doing".into();
    b.tasks[0].measures[0].status = "done".into();
    b.tasks[0].notes.push(Note {
        id: "n1".into(),
        at: at("2024-03-01T10:00:00+08:00"),
        author: "li".into(),
        on: Some("1.1".into()),
        text: "江湾街道中心已开工".into(),
        reference: None,
        edited: None,
    });
    b.tasks[0].targets[0].current = Some(120.0);
    b.tasks[1].targets[1].current = Some(20.0);
    b
}

#[test]
fn a_revised_list_keeps_statuses_notes_history_and_values() {
    let mut b = board();
    let history_before = b.tasks[0].history.clone();
    let list = parse_str(REVISED).expect("revised list");
    let out = apply(
        &mut b,
        &list,
        default_statuses(),
        "revised.txt",
        at("2024-06-01T09:00:00+08:00"),
    );

    // Task 1 matched by number and similar title: reworded, status and notes kept.
    let t1 = &b.tasks[0];
    assert_eq!(t1.title, "新建养老床位350张");
    assert_eq!(t1.status, "doing");
    assert_eq!(t1.measures[0].status, "done");
    assert_eq!(t1.notes.len(), 1);
    assert!(t1.history.starts_with(&history_before));
    assert_eq!(t1.partners, vec!["各街道"]);
    assert!(t1.history.iter().any(|e| e.kind == EventKind::Assigned));
    assert!(t1.history.iter().any(|e| e.kind == EventKind::Deadline));
    // Its target keeps id and current value, with the new figure.
    let g = &t1.targets[0];
    assert_eq!(
        (g.id.as_str(), g.target, g.current),
        ("1.1", 350.0, Some(120.0))
    );

    // Old task 2 matched to new task 3 by its title; keeps number 2.
    assert!(out.matched.contains(&(3, 2)), "{out:?}");
    let t2 = b.tasks.iter().find(|t| t.number == 2).expect("task 2");
    assert_eq!(t2.title, "改造老旧小区24个");
    // Its dropped measure is kept and listed, its target with a value too.
    assert_eq!(t2.measures.len(), 1);
    assert!(t2.targets.iter().any(|g| g.current == Some(20.0)));
    assert!(
        out.unmatched
            .iter()
            .any(|u| u.words(crate::strings::Lang::En).starts_with("measure 2.1")),
        "{out:?}"
    );
    assert!(
        out.unmatched.iter().any(|u| u
            .words(crate::strings::Lang::En)
            .contains("kept (it has a recorded value")),
        "{out:?}"
    );

    // Task 3 is not in the new list: kept and listed; the new task gets number 4.
    assert!(
        b.tasks
            .iter()
            .any(|t| t.number == 3 && t.title == "开展平安小区创建")
    );
    assert!(
        out.unmatched
            .iter()
            .any(|u| u.words(crate::strings::Lang::En).starts_with("task 3")),
        "{out:?}"
    );
    assert_eq!(out.added, vec![4]);
    let t4 = b.tasks.iter().find(|t| t.number == 4).expect("task 4");
    assert_eq!(t4.title, "推进智慧养老服务");
    assert_eq!(t4.measures[0].id, "4.1");
    assert_eq!(t4.targets[0].id, "4.1");
    assert_eq!(t4.history[0].on, "4");
    assert_eq!(b.meta.title, "2024年某区重点工作任务（修订）");
}

#[test]
fn similarity_of_texts() {
    assert_eq!(similarity("新建养老床位300张", "新建养老床位300张"), 1.0);
    assert!(similarity("新建养老床位300张", "新建养老床位350张") > 0.7);
    assert!(similarity("新建养老床位300张", "推进智慧养老服务") < 0.5);
}
