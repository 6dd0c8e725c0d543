//! End-to-end tests of the real binary in a pseudo-terminal: keys in, the screen read back with
//! a terminal emulator (`vt100`), the board files checked afterwards. The harness answers the
//! cursor-position query that keywork sends at start, like a real terminal.

use crate::common::pty::Tui;
use std::path::Path;
use std::time::{Duration, Instant};

/// A board from the embedded seed (only the default board is made on first use).
fn init(board: &Path) {
    crate::common::assert_ok(&crate::common::kw(board, &["init"]));
}

fn task_file(board: &Path, n: u32) -> toml::Table {
    let text = std::fs::read_to_string(board.join(format!("tasks/{n}.toml"))).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn move_task_15_add_a_chinese_note_with_a_paste_undo_redo_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("board");
    init(&board);
    let mut tui = Tui::start(&board, 80, 24, "王芳");
    tui.wait_for("未启动 22");
    for _ in 0..14 {
        tui.send("j");
    }
    tui.wait_for("▸15");
    tui.send("L");
    tui.wait_for("推进中 1");
    tui.send("\r");
    tui.wait_for("措施与佐证");
    tui.send("j");
    tui.send("j");
    tui.send("n");
    tui.wait_for("添加佐证材料 → 15.2");
    tui.send("完成签约");
    tui.send("\x1b[200~第一行\r第二行\x1b[201~");
    tui.send("\t");
    tui.send("杨府发〔2023〕12号");
    tui.wait_for("杨府发〔2023〕12号");
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("已保存");
    tui.wait_for("佐证 1");
    tui.send("u");
    tui.wait_for("已撤销");
    tui.wait_for("佐证 0");
    tui.send("\x12"); // Ctrl-R
    tui.wait_for("已重做");
    tui.wait_for("佐证 1");
    tui.send("q");
    let status = tui.exited_within(Duration::from_secs(5)).expect("quits");
    assert!(status.success());

    let t = task_file(&board, 15);
    assert_eq!(t["status"].as_str(), Some("doing"));
    let notes = t["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"].as_str(), Some("完成签约第一行\n第二行"));
    assert_eq!(notes[0]["ref"].as_str(), Some("杨府发〔2023〕12号"));
    assert_eq!(notes[0]["on"].as_str(), Some("15.2"));
    assert_eq!(notes[0]["author"].as_str(), Some("王芳"));
    let kinds: Vec<&str> = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "created",
            "status",
            "note_added",
            "note_removed",
            "note_added"
        ]
    );
}

#[test]
fn ime_text_puts_the_cursor_six_columns_into_the_field() {
    let dir = tempfile::tempdir().unwrap();
    init(&dir.path().join("b"));
    let mut tui = Tui::start(&dir.path().join("b"), 80, 24, "li");
    tui.wait_for("未启动 22");
    tui.send("n");
    tui.wait_for("正文");
    // The cursor is read once the frame is written in full (a read between the frame's text
    // and its final cursor move sees the cursor where the last cell was drawn).
    tui.settled(Duration::from_millis(300));
    let (row0, col0) = tui.cursor();
    tui.send("中文ab");
    tui.wait_for("中文ab");
    tui.settled(Duration::from_millis(300));
    let (row, col) = tui.cursor();
    assert_eq!((row, col), (row0, col0 + 6));
    assert!(tui.caret_visible(), "caret is visible");
}

#[test]
fn unbracketed_multiline_paste_neither_submits_nor_closes_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start(&board, 80, 24, "li");
    tui.wait_for("未启动 22");
    tui.send("n");
    tui.wait_for("正文");
    tui.send("第一行\r第二行\rq");
    tui.wait_for("第二行");
    assert!(tui.screen().contains("添加佐证材料"));
    tui.send("\x13");
    tui.wait_for("已保存");
    let t = task_file(&board, 1);
    assert_eq!(t["notes"][0]["text"].as_str(), Some("第一行\n第二行\nq"));
}

#[test]
fn hang_up_with_a_draft_saves_it_exits_fast_and_offers_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start(&board, 80, 24, "zhang");
    tui.wait_for("未启动 22");
    tui.send("n");
    tui.wait_for("正文");
    tui.send("断线前输入的文字");
    tui.wait_for("断线前输入的文字");
    let started = Instant::now();
    tui.hang_up();
    assert!(
        tui.exited_within(Duration::from_secs(2)).is_some(),
        "keywork must exit within 2 s of a hang-up"
    );
    let elapsed = started.elapsed();
    let draft = std::fs::read_to_string(board.join("drafts/zhang.toml")).expect("draft saved");
    assert!(draft.contains("断线前输入的文字"), "{draft}");
    assert!(elapsed < Duration::from_secs(2));

    // The next start offers it back in the editor.
    let mut tui = Tui::start(&board, 80, 24, "zhang");
    tui.wait_for("已恢复上次未保存的草稿");
    tui.wait_for("断线前输入的文字");
    tui.send("\x13");
    tui.wait_for("已保存");
    assert!(
        !board.join("drafts/zhang.toml").exists(),
        "draft cleared once saved"
    );
    let t = task_file(&board, 1);
    assert_eq!(t["notes"][0]["text"].as_str(), Some("断线前输入的文字"));
}

#[test]
fn too_small_terminal_shows_a_message_and_recovers_on_resize() {
    let dir = tempfile::tempdir().unwrap();
    init(&dir.path().join("b"));
    let mut tui = Tui::start(&dir.path().join("b"), 60, 20, "li");
    tui.wait_for("窗口太小");
    tui.resize(80, 24);
    tui.wait_for("未启动 22");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
}

#[test]
fn a_short_review_in_the_terminal_survives_a_hang_up_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start_with(&board, 80, 24, "李明", &["review", "--scope", "all"]);
    tui.wait_for("周例会");
    tui.wait_for("1/22");
    tui.send("\r");
    tui.wait_for("2/22");
    tui.send("\r");
    tui.wait_for("3/22");
    tui.send("c");
    tui.wait_for("例会结论");
    tui.send("加快推进，月底前开工");
    tui.send("\x13");
    tui.wait_for("结论：加快推进，月底前开工");
    tui.hang_up();
    assert!(tui.exited_within(Duration::from_secs(2)).is_some());

    // Resume where the meeting stopped.
    let mut tui = Tui::start_with(&board, 80, 24, "李明", &["review"]);
    tui.wait_for("3/22");
    tui.wait_for("已审议 2");
    tui.wait_for("结论：加快推进，月底前开工");
    tui.send("F");
    tui.wait_for("仍然结束例会");
    tui.send("y");
    tui.wait_for("例会已结束");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());

    let reviews: Vec<_> = std::fs::read_dir(board.join("reviews")).unwrap().collect();
    assert_eq!(reviews.len(), 1);
    let text = std::fs::read_to_string(reviews[0].as_ref().unwrap().path()).unwrap();
    let review: toml::Table = toml::from_str(&text).unwrap();
    assert!(review.contains_key("finished"), "{text}");
    let items = review["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2]["number"].as_integer(), Some(3));
    assert_eq!(
        items[2]["conclusion"].as_str(),
        Some("加快推进，月底前开工")
    );
    assert_eq!(items[0]["reviewed"].as_bool(), Some(true));
}

#[test]
fn a_deadline_and_a_target_value_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start(&board, 100, 30, "王芳");
    tui.wait_for("未启动 22");
    for _ in 0..14 {
        tui.send("j");
    }
    tui.wait_for("▸15");
    tui.send("d");
    tui.wait_for("时间节点");
    tui.send("年底\r");
    tui.wait_for("已保存");
    tui.send("\r");
    tui.wait_for("措施与佐证");
    tui.send("G"); // the last node: the targets group
    tui.send("l"); // open it
    tui.send("j"); // its first target, 15.1
    tui.send("e");
    tui.wait_for("当前值");
    tui.send("3.2万\r");
    tui.wait_for("32000 / 74000平方米");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let t = task_file(&board, 15);
    assert_eq!(t["deadline"].as_str(), Some("2023-12-31"));
    assert_eq!(t["targets"][0]["current"].as_float(), Some(32000.0));
    assert_eq!(t["targets"][0]["updated_by"].as_str(), Some("王芳"));
}

#[test]
fn another_person_s_change_shows_within_a_second_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start(&board, 80, 24, "王芳");
    tui.wait_for("未启动 22");
    tui.send("n");
    tui.wait_for("正文");
    tui.send("我的草稿");
    // Someone else, in another process, on the same board.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keywork"))
        .args(["--board", board.to_str().unwrap(), "set", "15", "doing"])
        .env("KEYWORK_CONFIG", board.join("no-config.toml"))
        .env("KEYWORK_AUTHOR", "李明")
        .output()
        .unwrap();
    assert!(out.status.success());
    let seen = Instant::now();
    tui.wait_for("已载入他人的修改");
    assert!(seen.elapsed() < Duration::from_secs(3));
    assert!(tui.screen().contains("我的草稿"), "the draft is still open");
    tui.send("\x13");
    tui.wait_for("已保存");
    tui.wait_for("推进中 1");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let t = task_file(&board, 15);
    assert_eq!(t["status"].as_str(), Some("doing"), "their change is kept");
    let t1 = task_file(&board, 1);
    assert_eq!(t1["notes"][0]["text"].as_str(), Some("我的草稿"));
}

#[test]
fn the_screen_whose_status_change_was_overridden_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    init(&board);
    let mut tui = Tui::start(&board, 120, 40, "王芳");
    tui.wait_for("未启动 22");
    tui.send("L"); // task 1 → 推进中
    tui.wait_for("推进中 1");
    // Moments later a colleague sets task 1 to 滞后 from another process: the later change wins.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keywork"))
        .args(["--board", board.to_str().unwrap(), "set", "1", "behind"])
        .env("KEYWORK_CONFIG", board.join("no-config.toml"))
        .env("KEYWORK_AUTHOR", "李明")
        .output()
        .unwrap();
    assert!(out.status.success());
    tui.wait_for("你的修改已被他人覆盖：1 → 滞后 (李明)");
    tui.wait_for("滞后 1");
    // Undo must not put 未启动 back over the colleague's 滞后 (issue 11 item 6).
    tui.send("u");
    tui.wait_for("1 已被 李明 修改，未撤销（保留对方的修改）");
    tui.wait_for("滞后 1");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let t = task_file(&board, 1);
    assert_eq!(t["status"].as_str(), Some("behind"));
    let authors: Vec<&str> = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str() == Some("status"))
        .map(|e| e["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["王芳", "李明"], "both in history, and no undo");
}
