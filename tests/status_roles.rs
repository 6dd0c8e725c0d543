//! Statuses have roles (`done`, `behind`) in board.toml: a board whose statuses were renamed
//! still finds its behind tasks in the review, and `doctor` accepts the roles.

use crate::common::pty::Tui;
use crate::common::{assert_ok, kw, ok};
use std::path::Path;
use std::time::Duration;

/// Rename the statuses of a fresh board: `todo` → `waiting`, `behind` → `lagging` (role
/// behind), `done` → `closed` (role done), in board.toml and in every task file.
fn rename_statuses(board: &Path) {
    let meta = board.join("board.toml");
    let mut table: toml::Table = toml::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap();
    let statuses = toml::Value::try_from(vec![
        status("waiting", "未开始", None),
        status("doing", "推进中", None),
        status("lagging", "进度落后", Some("behind")),
        status("closed", "已销号", Some("done")),
    ])
    .unwrap();
    table.insert("statuses".into(), statuses);
    std::fs::write(&meta, toml::to_string(&table).unwrap()).unwrap();
    for entry in std::fs::read_dir(board.join("tasks")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("status = \"todo\"", "status = \"waiting\""),
        )
        .unwrap();
    }
}

fn status(key: &str, name: &str, role: Option<&str>) -> toml::Table {
    let mut t = toml::Table::new();
    t.insert("key".into(), key.into());
    t.insert("name".into(), name.into());
    t.insert("name_en".into(), key.into());
    if let Some(r) = role {
        t.insert("role".into(), r.into());
    }
    t
}

#[test]
fn renamed_statuses_still_find_the_behind_tasks_in_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b");
    assert_ok(&kw(&board, &["init"]));
    rename_statuses(&board);
    assert_ok(&kw(&board, &["doctor"]));
    ok(&board, &["set", "3", "lagging"]);
    ok(&board, &["set", "7", "进度落后"]);
    let mut tui = Tui::start_with(&board, 80, 24, "李明", &["review", "--scope", "behind"]);
    tui.wait_for("周例会");
    tui.wait_for("1/2");
    tui.send("\r");
    tui.wait_for("2/2");
    tui.send("q");
    tui.wait_for("已离开例会");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let reviews: Vec<_> = std::fs::read_dir(board.join("reviews")).unwrap().collect();
    let text = std::fs::read_to_string(reviews[0].as_ref().unwrap().path()).unwrap();
    let review: toml::Table = toml::from_str(&text).unwrap();
    let order: Vec<i64> = review["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_integer().unwrap())
        .collect();
    assert_eq!(order, vec![3, 7], "{text}");
}
