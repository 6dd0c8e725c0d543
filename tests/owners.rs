//! Owners, deadlines, target values and early warnings on the command line: `assign`, `due`,
//! `status --unit` / `--warnings` / `--json`, closing without evidence, and the weekly report's
//! schedule lines. Every run is at a fixed time (`KEYWORK_NOW`, 2023-07-02): on that day about
//! half of a year-end deadline's time has passed.

use crate::common::*;
use serde_json::{Value, json};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

const NOW: &str = "2023-07-02T10:00:00+08:00";

/// Run at `NOW` with the default config.
fn run(f: &Fixture, args: &[&str]) -> Output {
    kw_env(&f.board, args, &[("KEYWORK_NOW", Some(OsStr::new(NOW)))])
}

/// Run at `NOW` and require success; returns stdout.
#[track_caller]
fn ok_now(f: &Fixture, args: &[&str]) -> String {
    let o = run(f, args);
    assert_ok(&o);
    stdout(&o)
}

/// Run at another time with the default config.
fn run_at(f: &Fixture, now: &str, args: &[&str]) -> Output {
    kw_env(&f.board, args, &[("KEYWORK_NOW", Some(OsStr::new(now)))])
}

/// A config file next to the board.
fn config(f: &Fixture, name: &str, text: &str) -> PathBuf {
    let path = f.path(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Run at `NOW` with the config file `cfg`.
fn run_with(f: &Fixture, cfg: &Path, args: &[&str]) -> Output {
    let env = [
        ("KEYWORK_NOW", Some(OsStr::new(NOW))),
        ("KEYWORK_CONFIG", Some(cfg.as_os_str())),
    ];
    kw_env(&f.board, args, &env)
}

/// `status --json` at `NOW`, parsed.
#[track_caller]
fn status_now(f: &Fixture, extra: &[&str]) -> Value {
    let mut args = vec!["status", "--json"];
    args.extend_from_slice(extra);
    let out = ok_now(f, &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("status --json is JSON: {e}\n{out}"))
}

fn task_of(status: &Value, n: u64) -> &Value {
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == n)
        .unwrap_or_else(|| panic!("no task {n} in {status}"))
}

fn numbers(status: &Value) -> Vec<u64> {
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_u64().unwrap())
        .collect()
}

/// The seed with two schedules: task 15 (4 measures) due at year end with 15.1 done — 25 %
/// done where about 50 % is expected, 25 points behind: yellow — and led by 区旧改办; task 16
/// due 2023-07-10 with nothing done — about 96 % expected: red.
fn warned_board() -> Fixture {
    let f = Fixture::seeded();
    ok_now(&f, &["due", "15", "12-31"]);
    ok_now(
        &f,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区住房保障局",
        ],
    );
    ok_now(&f, &["set", "15.1", "done", "--reason", "现场核查"]);
    ok_now(&f, &["due", "16", "2023-07-10"]);
    f
}

// ---------------------------------------------------------------------------------------
// assign

#[test]
fn assign_a_listed_unit_stores_lead_and_partners_quietly() {
    let f = Fixture::seeded();
    let o = run(
        &f,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区住房保障局、区建管委",
        ],
    );
    assert_ok(&o);
    assert_eq!(
        stdout(&o),
        "15 牵头：区旧改办；配合：区住房保障局、区建管委\n"
    );
    assert_eq!(stderr(&o), "", "listed units: no warning");
    let file = task_toml(&f.board, 15);
    assert_eq!(file["lead"], toml::Value::Array(vec!["区旧改办".into()]));
    assert_eq!(
        file["partners"],
        toml::Value::Array(vec!["区住房保障局".into(), "区建管委".into()])
    );
    let v = show_json(&f.board, 15);
    assert_eq!(v["lead"], json!(["区旧改办"]));
    assert_eq!(v["partners"], json!(["区住房保障局", "区建管委"]));
    let e = history(&v).last().unwrap();
    assert_eq!(e["kind"], "assigned");
    assert_eq!(e["to"], "区旧改办；区住房保障局、区建管委");
    assert_eq!(e["author"], "tester");

    // The same again, partners as repeated options: nothing changes, nothing is recorded.
    let before = std::fs::read(f.task_file(15)).unwrap();
    let again = ok_now(
        &f,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区住房保障局",
            "--partner",
            "区建管委",
        ],
    );
    assert_eq!(
        again,
        "15 牵头：区旧改办；配合：区住房保障局、区建管委 (未变)\n"
    );
    assert_eq!(std::fs::read(f.task_file(15)).unwrap(), before);
}

#[test]
fn assign_an_unlisted_unit_warns_suggests_and_still_stores_it() {
    let f = Fixture::seeded();
    let o = run(
        &f,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改",
            "--partner",
            "区房管局,街道",
        ],
    );
    let err = assert_code(&o, 0);
    assert!(
        err.contains("keywork：注意：“区旧改”不在配置的单位列表中；是指 区旧改办 吗？\n"),
        "{err}"
    );
    assert!(
        err.contains("keywork：注意：“街道”不在配置的单位列表中\n"),
        "{err}"
    );
    assert!(!err.contains("是指 街道"), "{err}");
    assert_eq!(stdout(&o), "15 牵头：区旧改；配合：区房管局、街道\n");
    let file = task_toml(&f.board, 15);
    assert_eq!(file["lead"], toml::Value::Array(vec!["区旧改".into()]));
    let v = show_json(&f.board, 15);
    assert_eq!(v["lead"], json!(["区旧改"]));
    assert_eq!(v["partners"], json!(["区房管局", "街道"]));
}

#[test]
fn assign_a_measure_in_english() {
    let f = Fixture::seeded();
    let en = config(&f, "en.toml", "lang = \"en\"\n");
    let o = run_with(
        &f,
        &en,
        &[
            "assign",
            "15.2",
            "--lead",
            "区住房保障局",
            "--partner",
            "区旧改办",
        ],
    );
    assert_ok(&o);
    assert_eq!(stdout(&o), "15.2 lead: 区住房保障局; partners: 区旧改办\n");
    assert_eq!(stderr(&o), "");
    let v = show_json(&f.board, 15);
    assert_eq!(measure(&v, "15.2")["lead"], json!(["区住房保障局"]));
    assert_eq!(measure(&v, "15.2")["partners"], json!(["区旧改办"]));
    assert_eq!(measure(&v, "15.1")["lead"], json!([]));
    assert_eq!(v["lead"], json!([]), "the task's own units are untouched");
    assert_eq!(history(&v).last().unwrap()["on"], "15.2");
    // Without partners the line names the lead only.
    let o = run_with(&f, &en, &["assign", "15.3", "--lead", "区建管委"]);
    assert_eq!(stdout(&o), "15.3 lead: 区建管委\n");
}

#[test]
fn assign_needs_a_lead_and_an_existing_item() {
    crate::common::english();
    let f = Fixture::seeded();
    let before = snapshot(&f.board);
    for args in [
        &["assign", "15"][..],
        &["assign", "15", "--lead", " "],
        &["assign", "99", "--lead", "区旧改办"],
        &["assign", "15.9", "--lead", "区旧改办"],
        &["assign", "x", "--lead", "区旧改办"],
    ] {
        let err = assert_code(&run(&f, args), 2);
        assert!(!err.is_empty(), "{args:?}");
    }
    let err = assert_code(&run(&f, &["assign", "99", "--lead", "区旧改办"]), 2);
    assert!(err.contains("no task 99"), "{err}");
    assert_same_files(&before, &snapshot(&f.board), "failed assigns");
}

// ---------------------------------------------------------------------------------------
// due

#[test]
fn due_accepts_every_form_and_stores_a_date() {
    let f = Fixture::seeded();
    // The board was issued in 2023: 12-31, 年底 and Q3 are in 2023. Each form after a
    // different date, so that every one is a change.
    let forms = [
        ("2023-12-31", "2023-12-31"),
        ("Q3", "2023-09-30"),
        ("12-31", "2023-12-31"),
        ("三季度", "2023-09-30"),
        ("年底", "2023-12-31"),
        ("2023/6/30", "2023-06-30"),
    ];
    for (typed, stored) in forms {
        let out = ok_now(&f, &["due", "15", typed]);
        assert_eq!(out, format!("15 时间节点 {stored}\n"), "{typed}");
        let file = task_toml(&f.board, 15);
        assert_eq!(file["deadline"].as_str(), Some(stored), "{typed}");
        assert_eq!(show_json(&f.board, 15)["deadline"], stored, "{typed}");
        assert_eq!(status_now(&f, &[])["tasks"][14]["deadline"], stored);
    }
    let v = show_json(&f.board, 15);
    let e = history(&v).last().unwrap();
    assert_eq!(e["kind"], "deadline");
    assert_eq!(e["from"], "2023-12-31");
    assert_eq!(e["to"], "2023-06-30");
    // The same date again changes nothing.
    assert_eq!(
        ok_now(&f, &["due", "15", "上半年"]),
        "15 时间节点 2023-06-30 (未变)\n"
    );
    // A measure has its own deadline.
    assert_eq!(
        ok_now(&f, &["due", "15.2", "Q3"]),
        "15.2 时间节点 2023-09-30\n"
    );
    let v = show_json(&f.board, 15);
    assert_eq!(measure(&v, "15.2")["deadline"], "2023-09-30");
    assert_eq!(v["deadline"], "2023-06-30");
}

#[test]
fn due_rejects_a_bad_date_naming_the_accepted_forms() {
    crate::common::english();
    let f = Fixture::seeded();
    let before = snapshot(&f.board);
    for bad in ["明年", "Q5", "13-01", "2023-02-30"] {
        let err = assert_code(&run(&f, &["due", "15", bad]), 2);
        assert!(err.contains(bad), "{bad}: {err}");
        assert!(err.contains("年底") && err.contains("Q1"), "{bad}: {err}");
    }
    let err = assert_code(&run(&f, &["due", "99", "年底"]), 2);
    assert!(err.contains("no task 99"), "{err}");
    assert_code(&run(&f, &["due", "15.9", "年底"]), 2);
    assert_code(&run(&f, &["due", "15"]), 2);
    assert_code(&run(&f, &["due", "15", "年底", "--clear"]), 2);
    assert_same_files(&before, &snapshot(&f.board), "failed dues");
}

#[test]
fn due_clear_removes_the_deadline() {
    let f = Fixture::seeded();
    ok_now(&f, &["due", "15", "年底"]);
    assert_eq!(ok_now(&f, &["due", "15", "--clear"]), "15 时间节点 —\n");
    let file = task_toml(&f.board, 15);
    assert!(!file.contains_key("deadline"), "{file:?}");
    let v = show_json(&f.board, 15);
    assert!(v["deadline"].is_null());
    let e = history(&v).last().unwrap();
    assert_eq!(e["kind"], "deadline");
    assert_eq!(e["from"], "2023-12-31");
    assert!(e["to"].is_null());
    assert_eq!(
        ok_now(&f, &["due", "15", "--clear"]),
        "15 时间节点 — (未变)\n"
    );
}

// ---------------------------------------------------------------------------------------
// status: warnings, units, tally, JSON

#[test]
fn status_warnings_lists_red_and_yellow_with_expected_and_actual_progress() {
    let f = warned_board();
    let text = ok_now(&f, &["status", "--warnings"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2023 年区委、区政府重点工作任务 (2023-09-19)");
    assert_eq!(lines[1], "红色预警 1 · 黄色预警 1 · 临期提醒 0 · 逾期 0");
    assert_eq!(lines.len(), 4, "only the two warned tasks:\n{text}");
    // Worst first: 16 (red) before 15 (yellow).
    let (l16, l15) = (lines[2], lines[3]);
    assert!(
        l16.starts_with(" 16 红色预警 欠进度 预期 96% 实际 0%"),
        "{text}"
    );
    assert!(l16.contains("时间节点 2023-07-10"), "{text}");
    assert!(l16.ends_with("  提高人民生活品质"), "{text}");
    assert!(
        l15.starts_with(" 15 黄色预警 欠进度 预期 50% 实际 25%"),
        "{text}"
    );
    assert!(l15.contains("时间节点 2023-12-31"), "{text}");
    assert!(l15.contains("牵头 区旧改办"), "{text}");
    assert!(l15.ends_with("  加快推动城市更新"), "{text}");

    // After 07-10, task 16 is overdue (still red) and marked.
    let late = stdout(&run_at(
        &f,
        "2023-07-11T09:00:00+08:00",
        &["status", "--warnings"],
    ));
    assert!(
        late.contains("红色预警 1 · 黄色预警 1 · 临期提醒 0 · 逾期 1"),
        "{late}"
    );
    let l16 = late.lines().find(|l| l.starts_with(" 16 ")).unwrap();
    assert!(l16.contains("预期 100% 实际 0%"), "{late}");
    assert!(l16.ends_with("! 提高人民生活品质"), "{late}");

    // In English, and a board without warnings.
    let en = config(&f, "en.toml", "lang = \"en\"\n");
    let text = stdout(&run_with(&f, &en, &["status", "--warnings"]));
    assert!(
        text.contains("red 1 · yellow 1 · due soon 0 · overdue 0"),
        "{text}"
    );
    assert!(
        text.contains(" 15 yellow behind schedule expected 50% actual 25% due 2023-12-31"),
        "{text}"
    );
    let quiet = Fixture::seeded();
    let text = ok_now(&quiet, &["status", "--warnings"]);
    assert!(text.ends_with("（无预警）\n"), "{text}");
}

#[test]
fn status_table_has_the_tally_warning_marks_deadline_and_lead() {
    let f = warned_board();
    ok_now(&f, &["set", "1", "done", "--reason", "已在年中完成"]);
    let text = ok_now(&f, &["status"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "未启动 21 · 推进中 0 · 滞后 0 · 已完成 1 · 逾期 0 · 本周更新 3"
    );
    assert_eq!(lines[2], "欠进度 2 · 达进度 19 · 超进度 0 · 已完成 1");
    let header = lines[3];
    for h in [
        "#",
        "状态",
        "措施",
        "佐证",
        "更新",
        "预警",
        "时间节点",
        "牵头",
        "任务",
    ] {
        assert!(header.contains(h), "{h} in {header:?}");
    }
    assert_eq!(lines.len(), 4 + 22, "{text}");
    let row = |n: usize| lines[3 + n];
    assert!(row(15).starts_with(" 15 未启动"), "{text}");
    assert!(row(15).contains(" 黄 "), "{text}");
    assert!(row(15).contains(" 2023-12-31 区旧改办 "), "{text}");
    assert!(row(15).ends_with("  加快推动城市更新"), "{text}");
    assert!(row(16).contains(" 红 "), "{text}");
    assert!(row(16).contains(" 2023-07-10 "), "{text}");
    assert!(!row(14).contains('红') && !row(14).contains('黄'), "{text}");
    // The columns line up: the deadline and the title start in the same column everywhere.
    let col = |l: &str, s: &str| unicode_width::UnicodeWidthStr::width(&l[..l.find(s).unwrap()]);
    assert_eq!(col(row(15), "2023-12-31"), col(row(16), "2023-07-10"));
    assert_eq!(col(header, "时间节点"), col(row(16), "2023-07-10"));
    assert_eq!(col(header, "任务"), col(row(15), "加快推动城市更新"));
    assert_eq!(col(header, "任务"), col(row(2), "推动产业提质升级"));

    let en = config(&f, "en.toml", "lang = \"en\"\n");
    let text = stdout(&run_with(&f, &en, &["status"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[2],
        "behind schedule 2 · on schedule 19 · ahead of schedule 0 · done 1"
    );
    assert!(
        lines[3].contains(" warn ") && lines[3].contains(" due "),
        "{text}"
    );
    assert!(lines[3 + 15].contains(" Y "), "{text}");
    assert!(lines[3 + 16].contains(" R "), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped");

    // A board without any deadline has no schedule: no tally, no schedule columns.
    let plain = Fixture::seeded();
    let text = ok_now(&plain, &["status"]);
    assert!(!text.contains("欠进度") && !text.contains("预警"), "{text}");
    assert!(text.lines().nth(2).unwrap().starts_with("  # "), "{text}");
}

#[test]
fn status_unit_lists_the_tasks_a_unit_leads_or_partners_in() {
    let f = Fixture::seeded();
    ok_now(&f, &["assign", "15", "--lead", "区旧改办"]);
    ok_now(
        &f,
        &[
            "assign",
            "16",
            "--lead",
            "区民政局",
            "--partner",
            "区旧改办",
        ],
    );
    ok_now(&f, &["assign", "17.2", "--lead", "区旧改办"]);
    ok_now(&f, &["assign", "18", "--lead", "区民政局"]);
    ok_now(&f, &["due", "15", "年底"]);

    let text = ok_now(&f, &["status", "--unit", "旧改办"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "2023 年区委、区政府重点工作任务 (2023-09-19) · 单位：旧改办"
    );
    assert!(lines[1].starts_with("未启动 3 · "), "{text}");
    assert_eq!(lines[2], "欠进度 1 · 达进度 2 · 超进度 0 · 已完成 0");
    let rows: Vec<&str> = lines[4..].to_vec();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows[0].starts_with(" 15 ") && rows[0].contains("区旧改办"),
        "{text}"
    );
    assert!(
        rows[1].starts_with(" 16 ") && rows[1].contains("区民政局"),
        "{text}"
    );
    assert!(
        rows[2].starts_with(" 17 "),
        "a measure's unit counts: {text}"
    );

    let v = status_now(&f, &["--unit", "民政"]);
    assert_eq!(numbers(&v), [16, 18]);
    assert_eq!(task_of(&v, 16)["partners"], json!(["区旧改办"]));
    assert_eq!(
        v["tally"],
        json!({"behind": 0, "on": 2, "ahead": 0, "done": 0})
    );

    let text = ok_now(&f, &["status", "--unit", "旧改办", "--warnings"]);
    assert_eq!(text.lines().count(), 3, "only task 15 is warned: {text}");
    assert!(text.contains(" 15 红色预警 "), "0 % of 50 % is red: {text}");

    let text = ok_now(&f, &["status", "--unit", "区档案局"]);
    assert!(text.ends_with("（没有这样的任务）\n"), "{text}");
    assert_code(&run(&f, &["status", "--unit", " "]), 2);
}

#[test]
fn status_json_adds_units_schedule_and_tally_and_keeps_the_contract() {
    let f = warned_board();
    let v = status_now(&f, &[]);
    assert_eq!(
        v["tally"],
        json!({"behind": 2, "on": 20, "ahead": 0, "done": 0})
    );
    for key in ["title", "issued", "statuses", "tasks"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 22);
    for t in tasks {
        for key in [
            "number",
            "title",
            "status",
            "measures",
            "measures_done",
            "notes",
            "targets",
            "overdue",
            "updated",
            "deadline",
            "lead",
            "partners",
            "schedule",
        ] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
    }
    let t15 = task_of(&v, 15);
    assert_eq!(t15["deadline"], "2023-12-31");
    assert_eq!(t15["lead"], json!(["区旧改办"]));
    assert_eq!(t15["partners"], json!(["区住房保障局"]));
    assert_eq!(t15["measures_done"], 1);
    assert_eq!(
        t15["schedule"],
        json!({"class": "behind", "warning": "yellow", "expected": 50.0, "actual": 25.0})
    );
    let t16 = task_of(&v, 16);
    assert_eq!(t16["schedule"]["class"], "behind");
    assert_eq!(t16["schedule"]["warning"], "red");
    assert_eq!(t16["schedule"]["expected"], 95.8);
    assert_eq!(t16["overdue"], false);
    let t1 = task_of(&v, 1);
    assert_eq!(
        t1["schedule"],
        json!({"class": "on", "warning": null, "expected": null, "actual": 0.0})
    );
    assert_eq!(t1["lead"], json!([]));
    assert!(t1["deadline"].is_null());

    let warned = status_now(&f, &["--warnings"]);
    assert_eq!(numbers(&warned), [15, 16]);
    assert_eq!(
        warned["tally"],
        json!({"behind": 2, "on": 0, "ahead": 0, "done": 0})
    );
}

#[test]
fn a_target_value_counts_as_progress_in_the_warnings() {
    let f = warned_board();
    // 15.4 is 200台 lifts: 120 is 60 %; with 1 of 4 measures (25 %) the task is at 42.5 %,
    // 7.5 points behind the expected 50 %: on schedule, no warning.
    assert_eq!(
        task_of(&status_now(&f, &[]), 15)["schedule"]["warning"],
        "yellow"
    );
    let out = ok_now(&f, &["target", "15.4", "120"]);
    assert!(out.contains("120 / 200台"), "{out}");
    let v = status_now(&f, &[]);
    assert_eq!(
        task_of(&v, 15)["schedule"],
        json!({"class": "on", "warning": null, "expected": 50.0, "actual": 42.5})
    );
    assert_eq!(v["tally"]["behind"], 1);
    let text = ok_now(&f, &["status", "--warnings"]);
    assert!(!text.contains(" 15 "), "{text}");
    assert!(text.contains(" 16 红色预警"), "{text}");
    // Over the target: 200 of 200 with 25 % of the measures is 62.5 %, 12.5 ahead.
    ok_now(&f, &["target", "15.4", "200"]);
    let v = status_now(&f, &[]);
    assert_eq!(task_of(&v, 15)["schedule"]["class"], "ahead");
    assert_eq!(v["tally"]["ahead"], 1);
}

// ---------------------------------------------------------------------------------------
// Closing (销号) without evidence

#[test]
fn closing_without_evidence_warns_but_succeeds() {
    let f = Fixture::seeded();
    let o = run(&f, &["set", "15", "done"]);
    let err = assert_code(&o, 0);
    assert_eq!(
        err,
        "keywork：注意：15 无佐证销号（请用 --ref 添加带出处的佐证，或写明 --reason 理由）\n"
    );
    assert_eq!(stdout(&o), "15 未启动 → 已完成\n");
    assert_eq!(show_json(&f.board, 15)["status"], "已完成");
    // Already done: not a closing, no warning.
    assert_eq!(assert_code(&run(&f, &["set", "15", "已完成"]), 0), "");
    // A measure without evidence warns with its own id.
    let err = assert_code(&run(&f, &["set", "16.1", "4"]), 0);
    assert!(err.contains("16.1 无佐证销号"), "{err}");
    // Not a done status: no warning.
    assert_eq!(assert_code(&run(&f, &["set", "17", "doing"]), 0), "");
    // With evidence (a note with a reference) on the measure: quiet; and a task with
    // evidence on any of its measures has evidence.
    ok_now(
        &f,
        &["note", "18.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    assert_eq!(assert_code(&run(&f, &["set", "18.2", "done"]), 0), "");
    assert_eq!(assert_code(&run(&f, &["set", "18", "done"]), 0), "");
    // A note without a reference is not evidence.
    ok_now(&f, &["note", "19", "口头汇报"]);
    let err = assert_code(&run(&f, &["set", "19", "done"]), 0);
    assert!(err.contains("19 无佐证销号"), "{err}");
}

#[test]
fn closing_with_a_reason_records_it_and_does_not_warn() {
    let f = Fixture::seeded();
    let o = run(
        &f,
        &["set", "15", "done", "--reason", "经区政府常务会议确认"],
    );
    assert_eq!(assert_code(&o, 0), "");
    assert_eq!(stdout(&o), "15 未启动 → 已完成\n");
    let v = show_json(&f.board, 15);
    let events = history(&v);
    let n = events.len();
    assert_eq!(events[n - 2]["kind"], "status");
    let e = &events[n - 1];
    assert_eq!(e["kind"], "closed_without_evidence");
    assert_eq!(e["on"], "15");
    assert_eq!(e["to"], "经区政府常务会议确认");
    assert_eq!(e["author"], "tester");
    assert_eq!(e["at"], events[n - 2]["at"], "one change, one time");
    // A reason where evidence exists, or for a status that is not done, is not recorded.
    ok_now(&f, &["note", "16", "验收", "--ref", "验收单"]);
    ok_now(&f, &["set", "16", "done", "--reason", "多余"]);
    ok_now(&f, &["set", "17", "doing", "--reason", "多余"]);
    for n in [16, 17] {
        let v = show_json(&f.board, n);
        assert!(
            history(&v)
                .iter()
                .all(|e| e["kind"] != "closed_without_evidence"),
            "{n}: {v}"
        );
    }
}

/// A seeded board and a config (English) that refuses closing without evidence.
fn strict_board() -> (Fixture, PathBuf) {
    crate::common::english();
    let f = Fixture::seeded();
    let strict = config(
        &f,
        "strict.toml",
        "lang = \"en\"\nrequire_evidence = true\n",
    );
    (f, strict)
}

#[test]
fn required_evidence_refuses_closing_without_it_and_writes_nothing() {
    let (f, strict) = strict_board();
    let before = snapshot(&f.board);
    let file_before = std::fs::read(f.task_file(15)).unwrap();
    let err = assert_code(&run_with(&f, &strict, &["set", "15", "done"]), 2);
    assert!(err.contains("15 has no evidence"), "{err}");
    assert!(err.contains("--ref") && err.contains("--reason"), "{err}");
    assert!(err.contains("strict.toml"), "names the config: {err}");
    assert_eq!(std::fs::read(f.task_file(15)).unwrap(), file_before);
    assert_code(&run_with(&f, &strict, &["set", "15.1", "done"]), 2);
    assert_same_files(&before, &snapshot(&f.board), "refused closings");

    // With a reason, with evidence, or not closing: allowed.
    let o = run_with(
        &f,
        &strict,
        &["set", "15", "done", "--reason", "已整体验收"],
    );
    assert_eq!(assert_code(&o, 0), "");
    ok_now(&f, &["note", "16", "验收", "--ref", "验收单"]);
    assert_eq!(
        assert_code(&run_with(&f, &strict, &["set", "16", "done"]), 0),
        ""
    );
    assert_eq!(
        assert_code(&run_with(&f, &strict, &["set", "17", "doing"]), 0),
        ""
    );
    assert_eq!(show_json(&f.board, 16)["status"], "已完成");
    assert_eq!(show_json(&f.board, 17)["status"], "推进中");
}

#[test]
fn evidence_sealed_away_long_ago_still_counts_when_closing() {
    let (f, strict) = strict_board();
    ok_now(
        &f,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    // A year of plain notes after it (written as a hand edit would), then one change: the
    // task is split and the evidence is sealed into a chunk, out of the task file.
    let mut text = std::fs::read_to_string(f.task_file(15)).unwrap();
    for i in 0..80 {
        text += &format!(
            "\n[[notes]]\nid = \"20991231{:06}-0000{i:04}\"\nat = \"2099-12-31T00:00:00+08:00\"\n\
             author = \"t\"\ntext = \"周报 {i}\"\n",
            i
        );
    }
    std::fs::write(f.task_file(15), text).unwrap();
    ok_now(&f, &["note", "15", "又一周"]);
    let head = std::fs::read_to_string(f.task_file(15)).unwrap();
    assert!(!head.contains("杨府发"), "the evidence left the task file");
    let chunk = std::fs::read_to_string(f.task_file(15).with_extension("").join("1.toml")).unwrap();
    assert!(
        chunk.contains("杨府发"),
        "the evidence is in the first chunk"
    );
    // Closing 15.2 sees it; 15.1 has none anywhere and is refused, writing nothing.
    assert_eq!(
        assert_code(&run_with(&f, &strict, &["set", "15.2", "done"]), 0),
        ""
    );
    let before = snapshot(&f.board);
    let err = assert_code(&run_with(&f, &strict, &["set", "15.1", "done"]), 2);
    assert!(err.contains("15.1 has no evidence"), "{err}");
    assert_same_files(&before, &snapshot(&f.board), "refused closing");
    // Every note is still there: 81 on the task, the evidence under its measure.
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"].as_array().unwrap().len(), 81);
    assert_eq!(v["measures"][1]["notes"][0]["text"], "签约完成");
}

// ---------------------------------------------------------------------------------------
// The weekly report

#[test]
fn weekly_report_has_the_schedule_tally_and_each_task_its_warning() {
    let f = warned_board();
    let md = ok_now(&f, &["report"]);
    assert!(
        md.contains("\n- 序时进度：欠进度 2 · 达进度 20 · 超进度 0 · 已完成 0\n"),
        "{md}"
    );
    assert!(
        md.contains("\n- 预警：红色预警 1 项（任务 16） · 黄色预警 1 项（任务 15）\n"),
        "{md}"
    );
    let s15 = &md[md.find("\n### 15. ").expect("a section for 15")..];
    let s15 = &s15[..s15[1..].find("\n#").map_or(s15.len(), |e| e + 1)];
    assert!(s15.contains("- 牵头单位：区旧改办\n"), "{s15}");
    assert!(s15.contains("- 时间节点：2023-12-31\n"), "{s15}");
    assert!(
        s15.contains("- 序时进度：欠进度（预期 50%，实际 25%），黄色预警\n"),
        "{s15}"
    );

    // No deadline anywhere: no schedule lines.
    let plain = Fixture::seeded();
    ok_now(&plain, &["set", "15", "doing"]);
    let md = ok_now(&plain, &["report"]);
    assert!(!md.contains("序时进度") && !md.contains("预警"), "{md}");
}
