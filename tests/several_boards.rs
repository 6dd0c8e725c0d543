//! Several boards (issue 16 §6): `--board NAME` is a board in the data dir, `keywork boards`
//! lists them, the config names the default, and using another board never changes it.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

fn root(f: &Fixture) -> &Path {
    f.board.parent().unwrap()
}

#[test]
fn a_bare_name_is_a_board_in_the_data_dir_and_boards_lists_them() {
    let f = Fixture::empty();
    let root = root(&f);
    assert_ok(&kw_in(root, &["init"]));
    assert_ok(&kw_in(root, &["--board", "民生实事", "init"]));
    let named = root.join("xdg-data/keywork/boards/民生实事");
    assert!(
        named.join("board.toml").is_file(),
        "created in the data dir"
    );
    assert_ok(&kw_in(
        root,
        &["--board", "民生实事", "note", "15", "只在这块看板上"],
    ));
    assert_ok(&kw_in(root, &["--board", "民生实事", "set", "1", "done"]));
    // Only that board changed; the default is still the default (nothing remembered).
    assert_eq!(show_json(&named, 15)["notes"].as_array().unwrap().len(), 1);
    let default = default_board(root);
    assert!(
        show_json(&default, 15)["notes"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let o = kw_in(root, &["show", "15", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        v["notes"].as_array().unwrap().is_empty(),
        "no --board: still the default"
    );

    let list = stdout(&kw_in(root, &["boards"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[0].starts_with("* default  2023  "), "{list}");
    assert!(lines[1].starts_with("  民生实事  2023  "), "{list}");
    assert!(
        lines[1].contains("完成 1") && lines[1].contains("佐证 1"),
        "{list}"
    );
    let json: Value = serde_json::from_str(&stdout(&kw_in(root, &["boards", "--json"]))).unwrap();
    let b = &json.as_array().unwrap()[1];
    assert_eq!(
        (&b["name"], &b["default"], &b["notes"]),
        (&"民生实事".into(), &false.into(), &1.into())
    );
    assert!(b["last_change"].is_string());
}

#[test]
fn the_config_names_the_default_and_a_missing_one_is_not_silently_replaced() {
    let f = Fixture::empty();
    let root = root(&f);
    assert_ok(&kw_in(root, &["init"]));
    assert_ok(&kw_in(root, &["--board", "b2024", "init"]));
    assert_ok(&kw_in(
        root,
        &["--board", "b2024", "note", "15", "二〇二四"],
    ));
    let cfg = root.join("none.toml");
    std::fs::write(&cfg, "board = \"b2024\"\n").unwrap();
    let o = kw_in(root, &["show", "15", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["notes"][0]["text"], "二〇二四", "the config's board");
    assert!(stdout(&kw_in(root, &["boards"])).contains("* b2024"));
    // A default that does not exist: refused, naming it; no new board appears.
    std::fs::write(&cfg, "board = \"b2025\"\n").unwrap();
    let before = snapshot(&root.join("xdg-data"));
    let err = assert_code(&kw_in(root, &["status"]), 1);
    assert!(
        err.contains("b2025") && err.contains("keywork boards"),
        "{err}"
    );
    assert_same_files(
        &before,
        &snapshot(&root.join("xdg-data")),
        "missing default",
    );
    // Not a name: the config error names the file and line.
    std::fs::write(&cfg, "lang = \"zh\"\nboard = \"a/b\"\n").unwrap();
    let err = assert_code(&kw_in(root, &["status"]), 1);
    assert!(err.contains("none.toml:2:"), "{err}");
}
