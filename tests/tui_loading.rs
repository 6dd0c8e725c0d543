//! Enter right after the first frame, while a large board is still being read: the task opens
//! (read alone), and a note added at once is saved only once the whole board is in memory,
//! with nothing of the board lost; the session splits the grown task files meanwhile.

use crate::common::pty::Tui;
use crate::common::{Fixture, kw};
use std::fmt::Write as _;
use std::time::Duration;

/// Give every task of the seeded board `per_task` notes, written into its file as keywork
/// writes them: the background read then takes a while.
fn grow(board: &std::path::Path, per_task: usize) {
    for n in 1..=22u32 {
        let path = board.join(format!("tasks/{n}.toml"));
        // `notes = []` gives way to the array of tables appended below.
        let mut text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\nnotes = []\n", "\n");
        for i in 0..per_task {
            let (day, min) = (1 + i / 1440, i % 1440);
            let _ = write!(
                text,
                "\n[[notes]]\nid = \"202301{day:02}{:02}{:02}00-{n:04x}{i:04x}\"\n\
                 at = \"2023-01-{day:02}T{:02}:{:02}:00+08:00\"\nauthor = \"区建管委\"\n\
                 text = \"第{i}条佐证材料：完成现场核查并上报进度\"\n",
                min / 60,
                min % 60,
                min / 60,
                min % 60,
            );
        }
        std::fs::write(&path, text).unwrap();
    }
}

fn notes_in(board: &std::path::Path, n: u32) -> usize {
    let out = kw(board, &["show", &n.to_string(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["notes"].as_array().map_or(0, Vec::len)
}

#[test]
fn enter_at_once_on_a_large_board_opens_the_task_and_a_note_waits_for_the_whole_board() {
    let f = Fixture::seeded();
    grow(&f.board, 600);
    let before: Vec<usize> = (1..=22).map(|n| notes_in(&f.board, n)).collect();
    assert!(before.iter().all(|&c| c == 600), "{before:?}");
    let mut tui = Tui::start(&f.board, 120, 40, "王芳");
    tui.wait_for("未启动 22");
    // Right after the first frame: open task 1 and add a note to it.
    tui.send("\r");
    tui.wait_for("措施与佐证");
    tui.send("n");
    tui.wait_for("添加佐证材料");
    tui.send("加载时添加的佐证");
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("已保存");
    tui.send("q");
    let status = tui.exited_within(Duration::from_secs(10)).expect("quits");
    assert!(status.success());
    let after: Vec<usize> = (1..=22).map(|n| notes_in(&f.board, n)).collect();
    assert_eq!(after[0], 601, "the new note and every old one");
    assert_eq!(&after[1..], &before[1..], "the other tasks untouched");
    // The session split every grown task file (what they say is the same, checked above),
    // keeping each old file in the backups.
    for n in 1..=22 {
        assert!(
            f.board.join(format!("tasks/{n}/1.toml")).is_file(),
            "task {n} split"
        );
    }
    let backups: Vec<_> = std::fs::read_dir(f.board.join("backups"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("chunks-"))
        .collect();
    assert_eq!(backups.len(), 1, "one dated backup");
    assert!(backups[0].path().join("tasks/22.toml").is_file());
}
