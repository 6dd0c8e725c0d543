//! `import`: a new board from a published list, re-import, malformed lists.

use super::*;
use std::path::Path;

#[test]
fn import_creates_a_board_in_an_empty_dir() {
    crate::common::english();
    let f = Fixture::empty();
    let seed = seed_file();
    let out = kw(&f.board, &["import", seed.to_str().unwrap()]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        format!(
            "{} → {}: 22 tasks, 126 measures, 10 targets\n",
            seed.display(),
            f.board.display()
        )
    );
    assert!(!stderr(&out).contains("created a new board"));
    let board = std::fs::read_to_string(f.board.join("board.toml")).unwrap();
    assert!(
        board.contains("source = \"yangpu-2023-key-tasks.txt\""),
        "{board}"
    );
    let v = status_json(&f.board);
    assert_eq!(v["tasks"].as_array().unwrap().len(), 22);
    assert_eq!(v["issued"], "2023-09-19");
    assert_eq!(show_json(&f.board, 15)["title"], "加快推动城市更新");
}

#[test]
fn reimport_needs_force_and_backs_up_the_old_board() {
    crate::common::english();
    let f = Fixture::empty();
    let seed = seed_file();
    let seed = seed.to_str().unwrap();
    ok(&f.board, &["import", seed]);
    ok(&f.board, &["note", "15", "导入前的佐证"]);
    ok(&f.board, &["set", "3", "done"]);
    let old15 = std::fs::read(f.task_file(15)).unwrap();

    let before = snapshot(&f.board);
    let out = kw(&f.board, &["import", seed]);
    let err = assert_code(&out, 1);
    assert!(err.contains("--force"), "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_same_files(&before, &snapshot(&f.board), "import without --force");

    let out = ok(&f.board, &["import", "--force", seed]);
    let backup_line = out
        .lines()
        .find_map(|l| l.strip_prefix("the previous board was backed up to "))
        .unwrap_or_else(|| panic!("{out}"));
    let backup = Path::new(backup_line);
    assert!(backup.starts_with(f.board.join("backups")), "{out}");
    let stamp = backup.file_name().unwrap().to_str().unwrap();
    assert_eq!(stamp.len(), "20231005-100000".len(), "{stamp}");
    assert_eq!(std::fs::read(backup.join("tasks/15.toml")).unwrap(), old15);
    assert!(backup.join("board.toml").is_file());
    let backed_up = std::fs::read_to_string(backup.join("tasks/15.toml")).unwrap();
    assert!(backed_up.contains("导入前的佐证"));

    // The new board is fresh.
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"], serde_json::json!([]));
    assert_eq!(history(&v).len(), 1);
    assert_eq!(show_json(&f.board, 3)["status"], "未启动");
    // The backup is not mistaken for tasks.
    assert_eq!(status_json(&f.board)["tasks"].as_array().unwrap().len(), 22);
}

#[test]
fn malformed_import_names_every_bad_line_and_writes_nothing() {
    crate::common::english();
    let f = Fixture::empty();
    let bad = f.path("bad-list.txt");
    std::fs::write(
        &bad,
        "街道重点工作任务 2023-03-01\n1.推进旧区改造。完成签约。\n2\n3.优化营商环境。\n3.加强社区治理。\n",
    )
    .unwrap();
    let bad_s = bad.to_str().unwrap();

    // Into an empty dir: no board appears.
    let out = kw(&f.board, &["import", bad_s]);
    let err = assert_code(&out, 1);
    assert!(
        err.contains(&format!("{bad_s}:3: \"2\" — a number alone")),
        "{err}"
    );
    assert!(err.contains(&format!("{bad_s}:5: ")), "{err}");
    assert!(err.contains("2 problems"), "{err}");
    assert!(err.contains("appears twice"), "{err}");
    assert!(!f.board.join("board.toml").exists());
    assert!(!f.board.join("tasks").exists());
    // And no command makes one there afterwards.
    let out = kw(&f.board, &["status", "--json"]);
    let err = assert_code(&out, 1);
    assert!(err.contains("no board at"), "{err}");
    assert!(stdout(&out).is_empty(), "{}", describe(&out));
    assert!(!f.board.join("board.toml").exists());

    // Over an existing board, even with --force: the board is untouched.
    ok(&f.board, &["init"]);
    ok(&f.board, &["note", "15", "保留"]);
    let before = snapshot(&f.board);
    for args in [&["import", bad_s][..], &["import", "--force", bad_s]] {
        let out = kw(&f.board, args);
        assert_code(&out, 1);
        assert_same_files(&before, &snapshot(&f.board), &format!("{args:?}"));
    }
    assert!(!f.board.join("backups").exists());

    // A file that is not there.
    let out = kw(
        &f.board,
        &["import", f.path("missing.txt").to_str().unwrap()],
    );
    let err = assert_code(&out, 1);
    assert!(err.contains("missing.txt"), "{err}");
}
