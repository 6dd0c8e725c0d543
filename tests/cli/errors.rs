//! Bad arguments, corrupt files and a bad config: named, exit codes, nothing written; `doctor`.

use super::*;

#[test]
fn bad_arguments_exit_2_name_the_problem_and_change_nothing() {
    crate::common::english();
    let f = Fixture::seeded();
    ok(&f.board, &["note", "15", "已有的佐证"]);
    let cases: &[(&[&str], &[&str])] = &[
        (&["set", "99", "done"], &["task 99"]),
        (
            &["set", "15", "finished"],
            &[
                "finished",
                "未启动/todo",
                "推进中/doing",
                "滞后/behind",
                "已完成/done",
            ],
        ),
        (&["set", "15", "5"], &["'5'", "已完成/done"]),
        (&["set", "abc", "done"], &["'abc'", "15.2"]),
        (&["set", "0", "done"], &["'0'"]),
        (&["set", "15.9", "done"], &["15.9"]),
        (&["note", "15", "  "], &["empty"]),
        (&["note", "15.9", "佐证"], &["15.9"]),
        (&["note", "99", "佐证"], &["task 99"]),
        (&["note", "x.1", "佐证"], &["'x.1'"]),
        (&["target", "15#1", "lots"], &["'lots'"]),
        (&["target", "15#1", "inf"], &["'inf'"]),
        (&["target", "15#99", "1"], &["15#99"]),
        (&["target", "15.99", "1"], &["15#99"]),
        (&["target", "15", "1"], &["N#K"]),
        (&["target", "15.3#1", "1"], &["N#K"]),
        (&["target", "99#1", "1"], &["task 99"]),
        (&["show", "99"], &["task 99"]),
        (&["show", "abc"], &["invalid value"]),
        (&["frobnicate"], &["unrecognized subcommand"]),
        (&["set", "15"], &["required", "<STATUS>"]),
        (&["note", "15"], &["required", "<TEXT>"]),
        (&["target"], &["required"]),
        (&["status", "--bogus"], &["unexpected argument"]),
        (&["completions", "tcsh"], &["invalid value"]),
    ];
    for (args, wanted) in cases {
        let before = snapshot(&f.board);
        let out = kw(&f.board, args);
        let err = assert_code(&out, 2);
        assert_eq!(stdout(&out), "", "{args:?}: nothing on stdout");
        for w in *wanted {
            assert!(err.contains(w), "{args:?}: {w:?} not in stderr {err:?}");
        }
        assert_same_files(&before, &snapshot(&f.board), &format!("{args:?}"));
    }
}

#[test]
fn corrupt_task_file_is_named_with_line_and_column_and_never_written() {
    crate::common::english();
    let f = Fixture::seeded();
    let path = f.task_file(7);
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("status = \"todo\"", "status = todo", 1);
    std::fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l == "status = todo").unwrap() + 1;
    let expected = format!("keywork: {}:{line}:10: ", path.display());

    let before = snapshot(&f.board);
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["show", "7"],
        &["set", "7", "done"],
        &["note", "7", "佐证"],
    ] {
        let out = kw(&f.board, args);
        let err = assert_code(&out, 1);
        assert!(err.starts_with(&expected), "{args:?}: {err:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err:?}");
        assert_same_files(&before, &snapshot(&f.board), &format!("{args:?}"));
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // The other tasks stay usable.
    ok(&f.board, &["set", "8", "done"]);
    assert_eq!(show_json(&f.board, 8)["status"], "已完成");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn bad_user_config_names_its_line() {
    let f = Fixture::seeded();
    let config = f.path("bad.toml");
    std::fs::write(&config, "lang = \"zh\"\ncolour = 3\n").unwrap();
    let out = kw_env(
        &f.board,
        &["status"],
        &[("KEYWORK_CONFIG", Some(config.as_os_str()))],
    );
    let err = assert_code(&out, 1);
    assert!(err.contains(&format!("{}:2:1", config.display())), "{err}");
    assert!(err.contains("colour"), "{err}");
    assert_eq!(stdout(&out), "");
}

#[test]
fn doctor_explains_what_is_wrong_and_fix_removes_leftovers() {
    crate::common::english();
    let f = Fixture::seeded();
    let out = kw(&f.board, &["doctor"]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("no problems found"),
        "{}",
        describe(&out)
    );
    std::fs::write(f.task_file(7), "status = todo\n").unwrap();
    std::fs::write(f.board.join("tasks/.3.toml.tmp-99-1"), "half a file").unwrap();
    let before = snapshot(&f.board);
    let out = kw(&f.board, &["doctor"]);
    assert_code(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("7.toml:1:10"), "{text}");
    assert!(text.contains("fix:"), "{text}");
    assert!(text.contains("interrupted write"), "{text}");
    assert_eq!(snapshot(&f.board), before, "doctor only reads");
    let out = kw(&f.board, &["doctor", "--fix"]);
    assert!(
        stdout(&out).contains(".3.toml.tmp-99-1"),
        "{}",
        describe(&out)
    );
    assert!(!f.board.join("tasks/.3.toml.tmp-99-1").exists());
    let out = kw(&f.path("nowhere"), &["doctor"]);
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("no such directory"),
        "{}",
        describe(&out)
    );
}
