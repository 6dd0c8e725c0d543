//! What a user compares between screens and commands: one rounding rule for percentages, the
//! same words for the same thing, sensible answers to odd input (task 0, no $USER).

use crate::common::*;
use std::ffi::OsStr;

/// Task 13 at 42.5 %: 13.1 at 27.5 %, 13.2 at 100 %, no measure done; overdue, so it has a
/// warning and a schedule line.
fn at_42_5_percent() -> Fixture {
    let f = Fixture::seeded();
    ok(&f.board, &["target", "13.1", "27500"]);
    ok(&f.board, &["target", "13.2", "5"]);
    ok(&f.board, &["due", "13", "2023-06-30"]);
    f
}

#[test]
fn progress_of_42_5_percent_reads_43_in_status_warnings_and_the_report() {
    let f = at_42_5_percent();
    let warnings = ok(&f.board, &["status", "--warnings"]);
    let l13 = warnings.lines().find(|l| l.starts_with(" 13 ")).unwrap();
    assert!(l13.contains("实际 43%"), "{warnings}");
    let report = ok(&f.board, &["report"]);
    assert!(report.contains("实际 43%"), "{report}");
    assert!(!report.contains("42%") && !warnings.contains("42%"));
}

#[test]
fn show_0_says_there_is_no_task_0_like_set_0() {
    crate::common::english();
    let f = Fixture::seeded();
    let show = assert_code(&kw(&f.board, &["show", "0"]), 2);
    let set = assert_code(&kw(&f.board, &["set", "0", "doing"]), 2);
    assert!(show.contains("'0' is not a task"), "{show}");
    assert_eq!(show, set, "the same words for the same mistake");
    assert!(
        !show.contains("missing") && !show.contains("backups"),
        "{show}"
    );
}

#[test]
fn status_gives_the_overdue_mark_a_heading() {
    let f = at_42_5_percent();
    let text = ok(&f.board, &["status"]);
    let head = text
        .lines()
        .find(|l| l.trim_start().starts_with("# "))
        .unwrap();
    assert!(head.contains("逾期"), "{head}");
    let l13 = text.lines().find(|l| l.starts_with(" 13 ")).unwrap();
    let at =
        |l: &str, word: &str| unicode_width::UnicodeWidthStr::width(&l[..l.find(word).unwrap()]);
    assert_eq!(
        at(l13, "!"),
        at(head, "逾期"),
        "the mark stands under its heading\n{text}"
    );
}

#[test]
fn author_falls_back_to_the_system_account_when_user_is_unset() {
    let f = Fixture::seeded();
    let unset: Vec<(&str, Option<&OsStr>)> = ["KEYWORK_AUTHOR", "USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .map(|k| (k, None))
        .collect();
    assert_ok(&kw_env(&f.board, &["set", "15", "doing"], &unset));
    let task = show_json(&f.board, 15);
    let last = history(&task)
        .iter()
        .find(|e| e["kind"] == "status")
        .unwrap_or_else(|| panic!("a status event in {task}"))
        .clone();
    let author = last["author"].as_str().unwrap().to_string();
    assert_ne!(author, "unknown", "{last}");
    let whoami = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let expected = String::from_utf8(whoami.stdout).unwrap();
    assert_eq!(
        author,
        expected.trim(),
        "the account's name from the system"
    );
}

#[test]
fn a_utc_server_read_in_chinese_warns_in_doctor_and_on_the_first_run() {
    let utc = [("TZ", Some(OsStr::new("UTC")))];
    let shanghai = [("TZ", Some(OsStr::new("Asia/Shanghai")))];
    // The first run (the default board is created in the data dir) says so, on stderr.
    let f = Fixture::seeded();
    let root = f.tmp.path();
    let first = std::process::Command::new(BIN)
        .arg("status")
        .env("KEYWORK_CONFIG", f.path("none.toml"))
        .env("NO_COLOR", "1")
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("xdg-config"))
        .env("XDG_DATA_HOME", root.join("xdg-data"))
        .env("TZ", "UTC")
        .env_remove("KEYWORK_BOARD")
        .output()
        .unwrap();
    assert_ok(&first);
    let err = stderr(&first);
    assert!(err.contains("新建看板"), "{err}");
    assert!(
        err.contains("8 小时") && err.contains("timezone = \"+08:00\""),
        "{err}"
    );
    let doctor = kw_env(&f.board, &["doctor"], &utc);
    assert_ok(&doctor);
    let out = stdout(&doctor);
    assert!(out.contains("注意: 服务器时区为 UTC"), "{out}");
    assert!(out.contains("timezone = \"+08:00\""), "{out}");
    // A server in China's zone, or a zone set in the config: nothing to say.
    let quiet = kw_env(&f.board, &["doctor"], &shanghai);
    assert!(!stdout(&quiet).contains("UTC"), "{}", stdout(&quiet));
    std::fs::write(f.path("none.toml"), "timezone = \"+08:00\"\n").unwrap();
    let set = kw_env(&f.board, &["doctor"], &utc);
    assert!(!stdout(&set).contains("服务器时区"), "{}", stdout(&set));
}
