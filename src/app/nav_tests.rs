//! Tests of `nav`: columns, tree rows and what a path points at.

use super::*;
use crate::model::{Board, Stamp, default_statuses};

fn board() -> Board {
    crate::seed::board(
        default_statuses(),
        chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
    )
}

#[test]
fn a_reference_with_its_own_brackets_is_not_bracketed_again() {
    let st = Stamp {
        author: "王芳".into(),
        at: chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
    };
    let mut b = board();
    b.add_note(
        "15".parse().unwrap(),
        "验收",
        Some("杨府发〔2023〕12号"),
        &st,
    )
    .unwrap();
    b.add_note("15".parse().unwrap(), "照片", Some("a.pdf"), &st)
        .unwrap();
    let t = b.task(15).unwrap();
    let doc = note_summary(&t.notes[0], "10-05");
    assert!(doc.ends_with(" · 杨府发〔2023〕12号"), "{doc}");
    assert!(!doc.contains("〔杨府发"), "{doc}");
    assert!(note_summary(&t.notes[1], "10-05").ends_with(" 〔a.pdf〕"));
}

#[test]
fn columns_group_by_status_and_filter() {
    let mut b = board();
    let stamp = Stamp {
        author: "a".into(),
        at: b.meta.created,
    };
    b.set_status("15".parse().unwrap(), "doing", &stamp)
        .unwrap();
    let cols = columns_of(&b, "");
    assert_eq!(cols[0].len(), 21);
    assert_eq!(cols[1], vec![15]);
    let cols = columns_of(&b, "电梯");
    assert_eq!(cols.iter().map(Vec::len).sum::<usize>(), 1);
    let cols = columns_of(&b, "公里");
    assert_eq!(cols[1], vec![15]);
    let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
    assert!(matches_title(&sums[14], "城市更新"));
    assert!(!matches_title(&sums[14], "电梯"));
}

fn columns_of(b: &Board, q: &str) -> Vec<Vec<u32>> {
    let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
    columns(&b.meta, &sums, |s| matches(b.task(s.number).unwrap(), q))
}

#[test]
fn tree_paths_follow_opened_nodes() {
    let mut b = board();
    let stamp = Stamp {
        author: "a".into(),
        at: b.meta.created,
    };
    b.add_note("15.2".parse().unwrap(), "中文", None, &stamp)
        .unwrap();
    let t = b.task(15).unwrap();
    let mut st = TreeState::default();
    assert_eq!(visible_paths(t, &[], &st).len(), 1);
    st.open(vec![TASK_NODE.to_string()]);
    // The task, four measures and the targets group.
    assert_eq!(visible_paths(t, &[], &st).len(), 6);
    st.open(vec![TASK_NODE.to_string(), "m:15.2".to_string()]);
    let paths = visible_paths(t, &[], &st);
    assert_eq!(paths.len(), 7);
    let sel = selected_node(t, &paths[3]);
    assert!(matches!(&sel, Selected::Note { on, .. } if on.to_string() == "15.2"));
    assert_eq!(item_of(t, &sel).to_string(), "15.2");
}

/// `visible_rows` walks exactly the rows the widget flattens out of `tree_items`, and a
/// closed node keeps one child (its marker) but no more, whatever is open.
#[test]
fn the_rows_walked_are_the_rows_the_widget_flattens_in_every_open_state() {
    let mut b = board();
    let stamp = Stamp {
        author: "a".into(),
        at: b.meta.created,
    };
    for (on, text) in [
        ("15", "任务"),
        ("15.2", "一"),
        ("15.2", "二"),
        ("15.3", "三"),
    ] {
        b.add_note(on.parse().unwrap(), text, None, &stamp).unwrap();
    }
    let t = b.task(15).unwrap();
    // Decisions on the task, on measure 15.2, and on a measure the task does not have.
    let mut f = crate::model::decision::Follow::new(15);
    for (sub, text) in [(None, "签约"), (Some(2), "资金"), (Some(9), "旧措施")] {
        let new = crate::model::decision::NewDecision {
            on: ItemRef { task: 15, sub },
            text: text.into(),
            unit: "区住建局".into(),
            due: None,
            meeting: None,
            source: None,
        };
        f.decide(new, &stamp).unwrap();
    }
    let ds = &f.decisions;
    let root = vec![TASK_NODE.to_string()];
    let path = |id: &str| vec![TASK_NODE.to_string(), id.to_string()];
    let states: Vec<Vec<Vec<String>>> = vec![
        vec![],
        vec![root.clone()],
        vec![root.clone(), path("m:15.2")],
        vec![
            root.clone(),
            path("m:15.2"),
            path("m:15.3"),
            path(TARGETS_NODE),
        ],
        // A measure open under a closed root shows nothing of it.
        vec![path("m:15.2")],
    ];
    for open in states {
        let opened: Opened = open.iter().cloned().collect();
        let mut st = TreeState::default();
        for p in &open {
            st.open(p.clone());
        }
        let items = tree_items(t, ds, &opened, &|_| Line::default());
        let flat: Vec<Vec<String>> = st
            .flatten(&items)
            .into_iter()
            .map(|f| f.identifier)
            .collect();
        let rows = visible_rows(t, ds, &opened);
        let walked: Vec<Vec<String>> = rows.iter().map(Row::path).collect();
        assert_eq!(walked, flat, "open: {open:?}");
        for (row, path) in rows.iter().zip(&flat) {
            assert!(row.is_at(path), "{path:?}");
            assert_eq!(rows.iter().filter(|r| r.is_at(path)).count(), 1);
        }
        // Built items: the rows, plus at most one hidden child per closed node.
        let count = |items: &[TreeItem<String>]| -> usize {
            fn all(i: &[TreeItem<String>]) -> usize {
                i.iter().map(|x| 1 + all(x.children())).sum()
            }
            all(items)
        };
        let closed_with_children = 1 + t.measures.len() + 1;
        assert!(
            count(&items) <= flat.len() + closed_with_children,
            "{open:?}"
        );
    }
    // Decisions show under the task (also one on a measure it lacks) and the measure.
    let opened: Opened = [root.clone(), path("m:15.2")].into_iter().collect();
    let walked: Vec<Vec<String>> = visible_rows(t, ds, &opened).iter().map(Row::path).collect();
    for want in [
        path("d:D15-1"),
        path("d:D15-3"),
        vec![TASK_NODE.into(), "m:15.2".into(), "d:D15-2".into()],
    ] {
        assert!(walked.contains(&want), "{want:?} in {walked:?}");
    }
    // All notes of a closed measure are not built: one keeps its marker.
    let children_of_15_2 = |open: Vec<Vec<String>>| {
        let opened: Opened = open.into_iter().collect();
        let items = tree_items(t, &[], &opened, &|_| Line::default());
        let m2 = items[0]
            .children()
            .iter()
            .find(|i| i.identifier() == "m:15.2")
            .unwrap();
        m2.children().len()
    };
    assert_eq!(
        children_of_15_2(vec![root.clone()]),
        1,
        "closed: one child for the marker"
    );
    assert_eq!(
        children_of_15_2(vec![root, path("m:15.2")]),
        2,
        "open: every note"
    );
}

#[test]
fn keep_visible_scrolls_minimally() {
    assert_eq!(keep_visible(0, 3, 5), 0);
    assert_eq!(keep_visible(0, 7, 5), 3);
    assert_eq!(keep_visible(4, 2, 5), 2);
}
