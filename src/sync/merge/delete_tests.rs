//! A note deleted as a mistake (or moved) on one side merges as a deletion: it stays deleted
//! when the other side left it alone, even if that side changed other things of the task, and
//! its text stays in the merged history so it can still be put back.

use super::*;
use crate::change::Change;
use crate::model::{Board, ItemRef, Stamp, default_statuses};
use crate::store::task_toml;

fn st(author: &str, time: &str) -> Stamp {
    Stamp {
        author: author.into(),
        at: DateTime::parse_from_rfc3339(&format!("{time}:00+08:00")).unwrap(),
    }
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

fn base() -> (Board, String) {
    let mut b = crate::seed::board(default_statuses(), st("区建管委", "2023-09-20T09:00").at);
    let id = b
        .add_note(
            r("15.2"),
            "写错任务的佐证",
            Some("杨建〔2023〕7号"),
            &st("东区", "2023-09-25T10:00"),
        )
        .unwrap();
    (b, id)
}

/// Merge task `n` both ways through the files' text, as git calls the driver.
fn merged(n: u32, base: &Board, x: &Board, y: &Board) -> Task {
    let text = |b: &Board| task_toml(b.task(n).unwrap()).into_bytes();
    let path = std::path::PathBuf::from(format!("tasks/{n}.toml"));
    let kind = FileKind::of(&path).unwrap();
    let (b, x, y) = (text(base), text(x), text(y));
    let xy = merge_text(kind, &path, Some(&b), &x, &y).unwrap();
    let yx = merge_text(kind, &path, Some(&b), &y, &x).unwrap();
    assert_eq!(xy, yx, "symmetric");
    toml::from_str(&xy).unwrap()
}

#[test]
fn a_deleted_note_stays_deleted_when_the_other_side_only_changed_other_things() {
    let (b, id) = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    // 东区 deletes it as the TUI does (x, y).
    Change::RemoveNote {
        task: 15,
        id: id.clone(),
    }
    .apply(&mut x, &st("东区", "2023-10-02T10:00"))
    .unwrap();
    // 西区 left the note alone but changed the task: a status, another note.
    y.set_status(r("15.1"), "doing", &st("西区", "2023-10-02T11:00"))
        .unwrap();
    let other = y
        .add_note(r("15"), "另一条佐证", None, &st("西区", "2023-10-02T11:05"))
        .unwrap();
    let m = merged(15, &b, &x, &y);
    let ids: Vec<&str> = m.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![other.as_str()],
        "deleted stays deleted, theirs kept"
    );
    assert_eq!(m.measure("15.1").unwrap().status, "doing");
    // The merged history still holds what was deleted: it can be put back after the sync.
    let mut board = b.clone();
    board.tasks.retain(|t| t.number != 15);
    board.tasks.push(m);
    let (task, note) = board.removed_note(&id).unwrap();
    assert_eq!((task, note.text.as_str()), (15, "写错任务的佐证"));
    assert_eq!(note.reference.as_deref(), Some("杨建〔2023〕7号"));
}

#[test]
fn a_note_moved_to_another_task_merges_as_a_deletion_there_and_an_addition_here() {
    let (b, id) = base();
    let (mut x, y) = (b.clone(), b.clone());
    x.move_note(&id, r("16"), &st("东区", "2023-10-02T10:00"))
        .unwrap();
    let m15 = merged(15, &b, &x, &y);
    let m16 = merged(16, &b, &x, &y);
    assert!(m15.notes.is_empty(), "gone from 15");
    assert_eq!(m16.notes.len(), 1);
    assert_eq!(m16.notes[0].id, id);
}
