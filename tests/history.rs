//! `keywork log` and `keywork report` end to end: a seeded board changed by several people on
//! different days (`KEYWORK_NOW` set per command, display zone +08:00), then the history and
//! the weekly report read back, with and without a review meeting written by hand.

use crate::common::*;
use keywork::model::review::{Review, ReviewItem, ReviewScope};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Output;

/// "Now" for the reading commands: the morning after the last change.
const NOW: &str = "2023-10-12T17:00:00+08:00";

fn t(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// A config in the temp dir: display zone +08:00, plus `extra` lines.
fn config(f: &Fixture, name: &str, extra: &str) -> PathBuf {
    let path = f.path(name);
    std::fs::write(&path, format!("timezone = \"+08:00\"\n{extra}")).unwrap();
    path
}

/// Run at a given moment with the +08:00 config.
fn at(f: &Fixture, now: &str, args: &[&str]) -> Output {
    let cfg = config(f, "zh.toml", "");
    kw_env(
        &f.board,
        args,
        &[
            ("KEYWORK_NOW", Some(OsStr::new(now))),
            ("KEYWORK_CONFIG", Some(cfg.as_os_str())),
        ],
    )
}

#[track_caller]
fn ok_at(f: &Fixture, now: &str, args: &[&str]) -> String {
    let o = at(f, now, args);
    assert_ok(&o);
    stdout(&o)
}

/// The seed imported on 09-20, then two weeks of changes by three people.
fn history_board() -> Fixture {
    let f = Fixture::empty();
    ok_at(&f, "2023-09-20T09:00:00+08:00", &["init"]);
    let changes: [(&str, &str, &[&str]); 6] = [
        (
            "2023-09-28T10:00:00+08:00",
            "李明",
            &["set", "15", "推进中"],
        ),
        (
            "2023-10-03T15:00:00+08:00",
            "王芳",
            &[
                "note",
                "15.2",
                "邯郸路500弄签约完成\n第二批居民已搬迁",
                "--ref",
                "杨府办发〔2023〕12号",
            ],
        ),
        (
            "2023-10-05T11:00:00+08:00",
            "李明",
            &["target", "15.1", "30000"],
        ),
        ("2023-10-09T10:00:00+08:00", "王芳", &["set", "3", "滞后"]),
        (
            "2023-10-10T16:00:00+08:00",
            "王芳",
            &["note", "15", "美丽家园完成20万平方米"],
        ),
        (
            "2023-10-11T09:30:00+08:00",
            "张伟",
            &["set", "15.2", "done"],
        ),
    ];
    for (now, who, args) in changes {
        let mut all = vec!["--author", who];
        all.extend_from_slice(args);
        ok_at(&f, now, &all);
    }
    f
}

/// The lines of `log` output, without the import (its line mentions 导入).
fn lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| !l.contains("导入")).collect()
}

#[test]
fn log_lists_changes_newest_first_with_authors_and_times() {
    let f = history_board();
    let out = ok_at(&f, NOW, &["log"]);
    let ls = lines(&out);
    assert_eq!(ls.len(), 6, "{out}");
    let order = [
        "15.2 状态",
        "15 添加佐证",
        "3 状态",
        "15#1 指标",
        "15.2 添加佐证",
        "15 状态",
    ];
    for (l, what) in ls.iter().zip(order) {
        assert!(l.contains(what), "{what:?} expected in {l:?}\n{out}");
    }
    assert!(
        ls[0].starts_with("1 天前") && ls[0].contains("张伟"),
        "{out}"
    );
    assert!(
        ls[5].starts_with("2023-09-28 10:00") && ls[5].contains("李明"),
        "{out}"
    );
    // A note event shows the note's first line only.
    assert!(
        ls[4].contains("邯郸路500弄签约完成") && !out.contains("第二批"),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().contains("22 导入"),
        "the import is the oldest"
    );
    // Aligned: the "what" column starts at the same display column on every line.
    let columns: Vec<usize> = ls
        .iter()
        .zip(order)
        .map(|(l, what)| unicode_width::UnicodeWidthStr::width(&l[..l.find(what).unwrap()]))
        .collect();
    assert!(
        columns.iter().all(|c| *c == columns[0]),
        "misaligned {columns:?}:\n{out}"
    );
    let two = ok_at(&f, NOW, &["log", "-n", "2"]);
    assert_eq!(two.lines().count(), 2, "{two}");
}

#[test]
fn log_filters_by_task_date_and_author() {
    let f = history_board();
    let only15 = ok_at(&f, NOW, &["log", "15"]);
    assert_eq!(lines(&only15).len(), 5, "{only15}");
    assert!(!only15.contains("3 状态"), "{only15}");

    let since = ok_at(&f, NOW, &["log", "--since", "2023-10-05"]);
    assert_eq!(
        lines(&since).len(),
        4,
        "from 10-05 on, the day included:\n{since}"
    );
    assert!(
        since.contains("15#1 指标") && !since.contains("邯郸路"),
        "{since}"
    );
    assert_eq!(
        ok_at(&f, NOW, &["log", "--since", "10-05"]),
        since,
        "MM-DD is this year"
    );

    let hers = ok_at(&f, NOW, &["--author", "王芳", "log"]);
    assert_eq!(hers.lines().count(), 3, "{hers}");
    assert!(hers.lines().all(|l| l.contains("王芳")), "{hers}");
}

#[test]
fn log_json_has_the_fields_newest_first() {
    let f = history_board();
    let out = ok_at(&f, NOW, &["log", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let items = v.as_array().expect("an array");
    assert_eq!(
        items.len(),
        6 + 22,
        "six changes and the import of each task"
    );
    for item in items {
        for k in [
            "task", "at", "author", "kind", "on", "from", "to", "note", "what",
        ] {
            assert!(item.get(k).is_some(), "{k} missing in {item}");
        }
    }
    let first = &items[0];
    assert_eq!(first["task"], 15);
    assert_eq!(first["author"], "张伟");
    assert_eq!(first["kind"], "status");
    assert_eq!(first["on"], "15.2");
    assert_eq!(
        (first["from"].as_str(), first["to"].as_str()),
        (Some("todo"), Some("done"))
    );
    assert_eq!(
        t(first["at"].as_str().unwrap()),
        t("2023-10-11T09:30:00+08:00")
    );
    let note = items
        .iter()
        .find(|i| i["kind"] == "note_added" && i["on"] == "15.2")
        .unwrap();
    assert!(note["note"].is_string(), "the note id: {note}");
    assert!(note["text"].as_str().unwrap().contains("第二批居民已搬迁"));
    let times: Vec<_> = items.iter().map(|i| t(i["at"].as_str().unwrap())).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[test]
fn log_usage_errors_exit_2() {
    let f = history_board();
    for bad in ["2023-13-45", "yesterday", "10/05", "2023-10"] {
        let err = assert_code(&at(&f, NOW, &["log", "--since", bad]), 2);
        assert!(
            err.contains("YYYY-MM-DD") && err.contains("MM-DD"),
            "{bad}: {err}"
        );
    }
    let err = assert_code(&at(&f, NOW, &["log", "99"]), 2);
    assert!(err.contains("99"), "{err}");
}

#[test]
fn report_covers_the_last_week_without_a_review() {
    let f = history_board();
    let md = ok_at(&f, NOW, &["report"]);
    assert!(
        md.starts_with("# 2023 年区委、区政府重点工作任务 周报（2023-10-05 至 2023-10-12）\n"),
        "{md}"
    );
    assert!(
        md.contains("- 任务：共 22 项；未启动 20 · 推进中 1 · 滞后 1 · 已完成 0"),
        "{md}"
    );
    // 10-05 17:00 onwards: 3 behind, the note on 15, 15.2 done.
    assert!(md.contains("- 本期变更：3 项，涉及 2 项任务"), "{md}");
    assert!(md.contains("- 状态：滞后（本期由 未启动 调整）"), "{md}");
    assert!(
        md.contains("2023-10-10 王芳：美丽家园完成20万平方米"),
        "{md}"
    );
    assert!(
        !md.contains("邯郸路500弄签约完成"),
        "the note of 10-03 is before the period"
    );
    assert!(
        md.contains("## 其他任务") && md.contains("本期无周例会记录"),
        "{md}"
    );

    let since = ok_at(&f, NOW, &["report", "--since", "2023-10-01"]);
    assert!(
        since.contains("周报（2023-10-01 至 2023-10-12）"),
        "{since}"
    );
    assert!(
        since.contains("  - 2023-10-03 王芳 · 15.2（出处：杨府办发〔2023〕12号）\n    > 邯郸路500弄签约完成\\\n    > 第二批居民已搬迁\n"),
        "{since}"
    );
    assert!(
        since.contains("居民旧住房改造：30000 / 74000平方米（本期由 — 更新）"),
        "{since}"
    );
    assert_code(&at(&f, NOW, &["report", "--since", "10.01"]), 2);
}

#[test]
fn report_writes_a_file() {
    let f = history_board();
    let path = f.path("周报.md");
    let out = ok_at(&f, NOW, &["report", "-o", path.to_str().unwrap()]);
    assert_eq!(out.trim(), format!("已写入 {}", path.display()));
    let md = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        md,
        ok_at(&f, NOW, &["report"]),
        "the file holds what stdout would"
    );
    // A bare file name is written in the current directory.
    let cfg = config(&f, "zh.toml", "");
    let o = command(&f.board, &["report", "-o", "bare.md"])
        .env("KEYWORK_NOW", NOW)
        .env("KEYWORK_CONFIG", &cfg)
        .current_dir(f.tmp.path())
        .output()
        .unwrap();
    assert_ok(&o);
    assert_eq!(stdout(&o).trim(), "已写入 bare.md");
    assert_eq!(std::fs::read_to_string(f.path("bare.md")).unwrap(), md);
}

/// A finished meeting of 2023-10-12 on tasks 15 and 3, written by hand.
fn write_review(f: &Fixture) {
    let item = |number: u32| ReviewItem {
        number,
        reviewed: true,
        ..ReviewItem::default()
    };
    let review = Review {
        schema: 1,
        date: "2023-10-12".parse().unwrap(),
        scope: ReviewScope::Changed,
        started: t("2023-10-12T09:00:00+08:00"),
        started_by: "李明".into(),
        since: Some(t("2023-10-05T12:00:00+08:00")),
        finished: Some(t("2023-10-12T11:00:00+08:00")),
        order: vec![3, 15],
        position: 1,
        items: vec![
            ReviewItem {
                conclusion: "用地问题待解决".into(),
                coordination: Some("需规划资源局协调用地指标".into()),
                coordination_owner: "区规划资源局".into(),
                ..item(3)
            },
            ReviewItem {
                conclusion: "按计划推进，签约进度良好".into(),
                next_step: "完成凤南一村签约".into(),
                owner: "区住房保障局".into(),
                due: Some("2023-10-31".parse().unwrap()),
                ..item(15)
            },
        ],
    };
    let dir = f.board.join("reviews");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2023-10-12.toml"),
        toml::to_string(&review).unwrap(),
    )
    .unwrap();
}

#[test]
fn report_of_a_review_shows_its_conclusions_and_coordination() {
    let f = history_board();
    write_review(&f);
    let md = ok_at(&f, NOW, &["report", "--review", "2023-10-12"]);
    assert!(md.contains("周报（2023-10-05 至 2023-10-12）"), "{md}");
    assert!(
        md.contains("- 例会结论（2023-10-12）：按计划推进，签约进度良好"),
        "{md}"
    );
    assert!(
        md.contains("- 下一步：完成凤南一村签约（责任人：区住房保障局，完成时限：2023-10-31）"),
        "{md}"
    );
    assert!(md.contains("- 周例会：2023-10-12，已过会 2/2 项"), "{md}");
    let tail = &md[md.find("## 需协调事项").expect("coordination section")..];
    assert!(
        tail.contains(
            "1. **3. 加快重点区域开发**：需规划资源局协调用地指标（责任人：区规划资源局）"
        ),
        "{tail}"
    );
    // The review's period: after 10-05 12:00 — the target of 10-05 11:00 is not in it.
    assert!(!md.contains("本期由 — 更新"), "{md}");
    // Made right after the meeting (nothing changed since), plain `report` is the same report.
    let after = ok_at(&f, "2023-10-12T11:30:00+08:00", &["report"]);
    assert_eq!(after, md);
    let err = assert_code(&at(&f, NOW, &["report", "--review", "2023-10-19"]), 2);
    assert!(err.contains("2023-10-19"), "{err}");
}

#[test]
fn report_in_english() {
    let f = history_board();
    let cfg = config(&f, "en.toml", "lang = \"en\"\n");
    let o = kw_env(
        &f.board,
        &["report"],
        &[
            ("KEYWORK_NOW", Some(OsStr::new(NOW))),
            ("KEYWORK_CONFIG", Some(cfg.as_os_str())),
        ],
    );
    assert_ok(&o);
    let md = stdout(&o);
    assert!(
        md.contains(" weekly report (2023-10-05 to 2023-10-12)"),
        "{md}"
    );
    assert!(
        md.contains("## Summary") && md.contains("## Needs coordination"),
        "{md}"
    );
    assert!(
        md.contains("- Status: behind (changed this period from not started)"),
        "{md}"
    );
}
