//! Deleting a mistaken note from the keyboard in the real binary at 80x24: `x` on the note
//! asks first, `y` deletes it (its text in the history), `u` brings it back.

use crate::common::pty::Tui;
use crate::common::{kw, ok};
use std::time::Duration;

fn notes(board: &std::path::Path, n: u32) -> Vec<toml::Value> {
    let text = std::fs::read_to_string(board.join(format!("tasks/{n}.toml"))).unwrap();
    let t: toml::Table = toml::from_str(&text).unwrap();
    t.get("notes")
        .and_then(|n| n.as_array().cloned())
        .unwrap_or_default()
}

#[test]
fn x_on_a_note_asks_deletes_and_u_brings_it_back_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    crate::common::assert_ok(&kw(&board, &["init"]));
    ok(&board, &["note", "1", "写错任务的佐证"]);
    let mut tui = Tui::start(&board, 80, 24, "王芳");
    tui.wait_for("未启动");
    tui.send("\r");
    tui.wait_for("措施与佐证");
    tui.send("j"); // the note, first under the task
    tui.wait_for("x 删除");
    tui.send("x");
    tui.wait_for("写错任务的佐证”？");
    tui.send("n");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(notes(&board, 1).len(), 1, "no keeps it");
    tui.send("x");
    tui.wait_for("写错任务的佐证”？");
    tui.send("y");
    tui.wait_for("已保存");
    assert!(notes(&board, 1).is_empty());
    let log = ok(&board, &["log", "1"]);
    assert!(
        log.contains("王芳") && log.contains("删除佐证") && log.contains("写错任务的佐证"),
        "{log}"
    );
    tui.send("u");
    tui.wait_for("已撤销");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let back = notes(&board, 1);
    assert_eq!(back.len(), 1);
    assert_eq!(back[0]["text"].as_str(), Some("写错任务的佐证"));
}
