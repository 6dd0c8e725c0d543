//! `--filter EXPR` on `status`, `report`, `export` and `review`: the board's quick-filter
//! expression, so "my tasks" means the same everywhere; a bad expression is a usage error
//! (exit 2) that names it and what is wrong, and writes nothing.

use crate::common::*;

fn board_with_owners() -> Fixture {
    let f = Fixture::seeded();
    ok(
        &f.board,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区住房保障局",
        ],
    );
    ok(&f.board, &["assign", "4.1", "--lead", "区住房保障局"]);
    ok(&f.board, &["set", "4", "doing"]);
    f
}

fn numbers(v: &serde_json::Value) -> Vec<u64> {
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_u64().unwrap())
        .collect()
}

#[test]
fn status_filter_selects_by_unit_status_and_combines() {
    let f = board_with_owners();
    let json = |expr: &str| -> Vec<u64> {
        let out = ok(&f.board, &["status", "--json", "--filter", expr]);
        numbers(&serde_json::from_str(&out).unwrap())
    };
    assert_eq!(
        json("unit:区住房保障局"),
        [4, 15],
        "lead or partner, task or measure"
    );
    assert_eq!(json("unit:区旧改办"), [15]);
    assert_eq!(json("unit:区住房保障局 status:推进中"), [4]);
    assert_eq!(json("status:doing,todo").len(), 22);
    assert_eq!(
        json("changed").len(),
        2,
        "no review yet: every task changed by hand"
    );
    assert_eq!(json(""), (1..=22).collect::<Vec<u64>>());
    let text = ok(&f.board, &["status", "--filter", "unit:区旧改办"]);
    assert!(
        text.lines().next().unwrap().contains("筛选：区旧改办"),
        "{text}"
    );
}

#[test]
fn the_due_and_warning_facets_follow_the_deadlines() {
    let f = board_with_owners();
    ok(&f.board, &["due", "15", "2023-01-10"]);
    let out = ok(&f.board, &["status", "--json", "--filter", "warn:overdue"]);
    assert_eq!(numbers(&serde_json::from_str(&out).unwrap()), [15]);
    let out = ok(
        &f.board,
        &["status", "--json", "--filter", "warn:red due:30"],
    );
    assert_eq!(numbers(&serde_json::from_str(&out).unwrap()), [15]);
    let out = ok(&f.board, &["status", "--json", "--filter", "warn:yellow"]);
    assert!(numbers(&serde_json::from_str(&out).unwrap()).is_empty());
}

#[test]
fn report_and_export_cover_only_the_filtered_tasks() {
    let f = board_with_owners();
    ok(&f.board, &["note", "15", "完成签约 120 户"]);
    ok(&f.board, &["note", "3", "另一项任务的进展"]);
    let md = ok(&f.board, &["report", "--filter", "unit:区旧改办"]);
    assert!(md.contains("> 筛选：区旧改办"), "{md}");
    assert!(md.contains("完成签约 120 户"), "{md}");
    assert!(!md.contains("另一项任务的进展"), "{md}");
    let csv = ok(
        &f.board,
        &["export", "--format", "csv", "--filter", "unit:区住房保障局"],
    );
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let tasks: Vec<String> = rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(tasks, ["4", "15"], "{csv}");
}

#[test]
fn a_bad_filter_is_a_usage_error_naming_it_and_writes_nothing() {
    let f = board_with_owners();
    ok(&f.board, &["status"]); // the summary cache is written once
    let before = snapshot(&f.board);
    let out_file = f.path("台账.csv");
    let out_str = out_file.to_str().unwrap();
    let cases: [(&[&str], &str, &str); 6] = [
        (&["status", "--filter", "warn:purple"], "purple", "red"),
        (&["status", "--filter", "status:暂停"], "暂停", "推进中"),
        (&["status", "--filter", "区旧改办"], "区旧改办", "unit:"),
        (&["report", "--filter", "due:soon"], "soon", "due:14"),
        (
            &[
                "export",
                "--format",
                "csv",
                "-o",
                out_str,
                "--filter",
                "unit:\"区",
            ],
            "unit:",
            "引号",
        ),
        (&["review", "--filter", "owner:me"], "owner:me", "changed"),
    ];
    for (args, names, hint) in cases {
        let out = kw(&f.board, args);
        let err = assert_code(&out, 2);
        assert!(err.contains("--filter"), "{args:?}: {err}");
        assert!(err.contains(names) && err.contains(hint), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    assert!(!out_file.exists(), "no ledger written");
    assert_same_files(&before, &snapshot(&f.board), "a bad filter changes nothing");
}

/// Task 3 from a 批示, task 15 from the 常务会议, the rest without a source.
fn board_with_sources() -> Fixture {
    let f = Fixture::seeded();
    ok(
        &f.board,
        &[
            "source",
            "3",
            "领导批示",
            "--text",
            "抓紧推进",
            "--by",
            "张区长",
        ],
    );
    ok(&f.board, &["source", "15", "常务会议"]);
    ok(&f.board, &["note", "15", "常务会议交办事项已完成签约"]);
    ok(&f.board, &["note", "4", "没有来源的任务的进展"]);
    f
}

#[test]
fn the_source_facet_works_on_status_report_and_export() {
    let f = board_with_sources();
    let json = |expr: &str| -> Vec<u64> {
        let out = ok(&f.board, &["status", "--json", "--filter", expr]);
        numbers(&serde_json::from_str(&out).unwrap())
    };
    assert_eq!(json("source:领导批示"), [3]);
    assert_eq!(json("来源:批示,常务会议"), [3, 15]);
    assert_eq!(json("来源：常务"), [15], "part of a kind, full-width colon");
    assert_eq!(json("source:none").len(), 20);
    assert!(json("source:上级交办").is_empty());
    let text = ok(&f.board, &["status", "--filter", "source:常务会议"]);
    assert!(
        text.lines().next().unwrap().contains("筛选：常务会议"),
        "{text}"
    );
    let md = ok(&f.board, &["report", "--filter", "来源:常务会议"]);
    assert!(md.contains("> 筛选：常务会议"), "{md}");
    assert!(md.contains("常务会议交办事项已完成签约"), "{md}");
    assert!(!md.contains("没有来源的任务的进展"), "{md}");
    let csv = ok(
        &f.board,
        &["export", "--format", "csv", "--filter", "source:批示"],
    );
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let tasks: Vec<String> = rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(tasks, ["3"], "{csv}");
    // An empty value is a usage error naming the expression; nothing written.
    let out = kw(&f.board, &["report", "--filter", "source:"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("source:"), "{}", stderr(&out));
}

#[test]
fn the_review_walks_only_the_tasks_of_a_source() {
    use crate::common::pty::Tui;
    let f = board_with_sources();
    let mut tui = Tui::start_with(
        &f.board,
        100,
        30,
        "王芳",
        &[
            "review",
            "--scope",
            "all",
            "--filter",
            "source:常务会议,领导批示",
        ],
    );
    tui.wait_for("1/2");
    tui.send("q");
    tui.wait_for("已离开例会");
    tui.send("q");
    assert!(
        tui.exited_within(std::time::Duration::from_secs(5))
            .is_some()
    );
    let review = std::fs::read_dir(f.board.join("reviews"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .next()
        .unwrap();
    assert!(review.contains("order = [3, 15]"), "{review}");
}
