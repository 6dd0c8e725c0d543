//! The command line end to end: the real binary on a board in a temp dir.

use crate::common::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use unicode_width::UnicodeWidthChar;

const STATUSES_ZH: [&str; 4] = ["未启动", "推进中", "滞后", "已完成"];
const STATUSES_EN: [&str; 4] = ["not started", "in progress", "behind", "done"];

fn rfc3339(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    let s = v.as_str().unwrap_or_else(|| panic!("{v} is not a string"));
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("{v} is not an object"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[track_caller]
fn assert_has_keys(v: &Value, wanted: &[&str]) {
    let have = keys(v);
    for k in wanted {
        assert!(have.contains(k), "missing key {k:?} in {v}");
    }
}

/// Put a deadline into a task file by hand (there is no command for it yet). Quoted: the
/// store reads dates as strings, not as TOML dates.
fn set_deadline(f: &Fixture, n: u32, date: &str) {
    let path = f.task_file(n);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "\nstatus = ",
        &format!("\ndeadline = \"{date}\"\nstatus = "),
        1,
    );
    std::fs::write(&path, text).unwrap();
}

// ---------------------------------------------------------------------------------------
// First run, status

#[test]
fn first_run_creates_the_board_from_the_embedded_seed() {
    // Only the default board (no --board, no KEYWORK_BOARD) is made on first use.
    let f = Fixture::empty();
    let root = f.tmp.path();
    let board = default_board(root);
    let out = kw_in(root, &["status"]);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(err.contains("新建看板"), "{err}");
    assert!(err.contains(&board.display().to_string()), "{err}");
    assert!(board.join("board.toml").is_file());
    for n in 1..=22 {
        assert!(
            board.join(format!("tasks/{n}.toml")).is_file(),
            "tasks/{n}.toml"
        );
    }
    assert!(!board.join("tasks/23.toml").exists());

    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2023 年区委、区政府重点工作任务 (2023-09-19)");
    assert_eq!(
        lines[1],
        "未启动 22 · 推进中 0 · 滞后 0 · 已完成 0 · 逾期 0 · 本周更新 0"
    );
    assert_eq!(lines.len(), 3 + 22, "{text}");
    assert!(lines[3].contains("深入学习贯彻党的二十大精神"), "{text}");
    assert!(lines[17].starts_with(" 15 未启动"), "{text}");
    assert!(lines[17].ends_with("加快推动城市更新"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped: {text:?}");

    // The second run finds the board and says nothing on stderr.
    let again = kw_in(root, &["status"]);
    assert_ok(&again);
    assert_eq!(stderr(&again), "");
    assert_eq!(stdout(&again), text);
    // Nothing was written outside the board dir (HOME and XDG dirs point into the temp dir).
    assert!(!f.board.exists());
    assert!(!f.path("xdg-config").exists());
    assert!(!f.path(".local").exists());
}

/// The display-column range `[from, to)` of a line. Panics if a wide character straddles a
/// boundary (that would be a misaligned table).
fn cols(line: &str, from: usize, to: usize) -> String {
    let mut col = 0;
    let mut out = String::new();
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        let straddles = |b: usize| col < b && col + w > b;
        assert!(
            !straddles(from) && !straddles(to),
            "{c:?} straddles column {from} or {to} in {line:?}"
        );
        if col >= from && col + w <= to {
            out.push(c);
        }
        col += w;
    }
    out
}

/// Start and end columns of the space-separated words of a line.
fn word_spans(line: &str) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut col = 0;
    let mut current: Option<(usize, String)> = None;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if c == ' ' {
            if let Some((start, word)) = current.take() {
                spans.push((start, col, word));
            }
        } else {
            current
                .get_or_insert_with(|| (col, String::new()))
                .1
                .push(c);
        }
        col += w;
    }
    if let Some((start, word)) = current {
        spans.push((start, col, word));
    }
    spans
}

/// Check every task line of a status table against the header's columns: number right-aligned
/// under `#`, status left-aligned, counts right-aligned, the title starting where the header's
/// last word starts. Returns the task lines by number.
fn assert_aligned(table: &str, statuses: &[&str], titles: &[(u64, String)]) -> Vec<String> {
    let lines: Vec<&str> = table.lines().collect();
    // The header follows the title, the counts and (when some task has a deadline) the
    // schedule tally.
    let head = lines
        .iter()
        .position(|l| l.trim_start().starts_with("# "))
        .unwrap_or_else(|| panic!("no header in\n{table}"));
    assert!(head == 2 || head == 3, "{table}");
    assert_eq!(lines.len(), head + 1 + titles.len(), "{table}");
    let header = word_spans(lines[head]);
    // #, status, done, notes, updated, [warning, deadline, lead,] task.
    assert!(header.len() >= 6, "header {:?}", lines[head]);
    let (_, num_end, _) = header[0];
    let (status_start, _, _) = header[1];
    let (_, done_end, _) = header[2];
    let (_, notes_end, _) = header[3];
    let (updated_start, _, _) = header[4];
    let (title_start, _, _) = header[header.len() - 1];
    let updated_end = if header.len() > 6 {
        header[5].0 - 1
    } else {
        title_start - 2
    };
    let status_w = statuses
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(*s))
        .max()
        .unwrap();
    let mut out = Vec::new();
    for (line, (number, title)) in lines[head + 1..].iter().zip(titles) {
        let ctx = format!("line {line:?} in\n{table}");
        let num = cols(line, 0, num_end);
        assert_eq!(num.trim_start(), number.to_string(), "{ctx}");
        let status = cols(line, status_start, status_start + status_w);
        assert!(!status.starts_with(' '), "{ctx}");
        assert!(statuses.contains(&status.trim_end()), "{status:?}: {ctx}");
        let done = cols(line, done_end - 5, done_end);
        assert!(!done.ends_with(' ') && done.contains('/'), "{ctx}");
        let notes = cols(line, notes_end - 4, notes_end);
        assert!(notes.trim_start().parse::<u32>().is_ok(), "{ctx}");
        let updated = cols(line, updated_start, updated_end);
        assert!(!updated.starts_with(' '), "{ctx}");
        assert!(
            !updated.contains('⋯'),
            "time of change cut: {updated:?}: {ctx}"
        );
        let mark = cols(line, title_start - 2, title_start);
        assert!(mark == "  " || mark == "! ", "{ctx}");
        assert_eq!(cols(line, title_start, usize::MAX), *title, "{ctx}");
        out.push(line.to_string());
    }
    out
}

fn titles(board: &Path) -> Vec<(u64, String)> {
    status_json(board)["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["number"].as_u64().unwrap(),
                t["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A board whose table has every kind of cell: all statuses, a two-digit note count, recent
/// and no changes, an overdue mark.
fn varied_board() -> Fixture {
    let f = Fixture::seeded();
    ok(&f.board, &["set", "1", "done"]);
    ok(&f.board, &["set", "2", "behind"]);
    ok(&f.board, &["set", "3", "doing"]);
    ok(&f.board, &["set", "3.1", "done"]);
    for i in 0..12 {
        ok(&f.board, &["note", "4", &format!("第{i}条佐证")]);
    }
    set_deadline(&f, 5, "2023-01-01");
    f
}

#[test]
fn status_table_columns_line_up_with_cjk_text() {
    let f = varied_board();
    let text = ok(&f.board, &["status"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "未启动 19 · 推进中 1 · 滞后 1 · 已完成 1 · 逾期 1 · 本周更新 4"
    );
    let rows = assert_aligned(&text, &STATUSES_ZH, &titles(&f.board));
    assert!(rows[0].starts_with("  1 已完成"), "{text}");
    assert!(rows[1].starts_with("  2 滞后"), "{text}");
    assert!(
        rows[2].contains(" 1/5 ") && rows[2].contains("推进中"),
        "{text}"
    );
    assert!(rows[3].contains("  12 刚刚"), "{text}");
    // The overdue mark stands under its heading.
    let head = text
        .lines()
        .find(|l| l.trim_start().starts_with("# "))
        .unwrap();
    let late = word_spans(head)
        .into_iter()
        .find(|(_, _, w)| w == "逾期")
        .unwrap_or_else(|| panic!("no 逾期 heading: {head}"));
    assert_eq!(cols(&rows[4], late.0, late.0 + 1), "!", "{text}");
    assert!(rows[4].ends_with("  打造人才高地"), "{text}");
    assert!(rows[5].contains("  深化高水平改革开放"), "{text}");
}

#[test]
fn status_json_follows_the_contract() {
    let f = varied_board();
    let v = status_json(&f.board);
    assert_has_keys(&v, &["title", "issued", "statuses", "tasks"]);
    assert_eq!(v["title"], "2023 年区委、区政府重点工作任务");
    assert_eq!(v["issued"], "2023-09-19");
    assert_eq!(v["statuses"], serde_json::json!(STATUSES_ZH));
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 22);
    for (i, t) in tasks.iter().enumerate() {
        assert_has_keys(
            t,
            &[
                "number",
                "title",
                "status",
                "measures",
                "measures_done",
                "notes",
                "targets",
                "overdue",
                "updated",
            ],
        );
        assert_eq!(t["number"], i as u64 + 1);
        assert!(!t["title"].as_str().unwrap().is_empty());
        assert!(STATUSES_ZH.contains(&t["status"].as_str().unwrap()), "{t}");
        for count in ["measures", "measures_done", "notes", "targets"] {
            assert!(t[count].is_u64(), "{count} is a count: {t}");
        }
        assert!(t["overdue"].is_boolean(), "{t}");
        assert!(t["updated"].is_null() || t["updated"].is_string(), "{t}");
        if t["updated"].is_string() {
            rfc3339(&t["updated"]);
        }
    }
    let t15 = &tasks[14];
    assert_eq!(t15["title"], "加快推动城市更新");
    assert_eq!(t15["status"], "未启动");
    assert_eq!(t15["measures"], 4);
    assert_eq!(t15["targets"], 8);
    assert_eq!(t15["notes"], 0);
    assert_eq!(tasks[0]["status"], "已完成");
    assert_eq!(tasks[1]["status"], "滞后");
    assert_eq!(tasks[2]["status"], "推进中");
    assert_eq!(tasks[2]["measures_done"], 1);
    assert_eq!(tasks[3]["notes"], 12);
    assert_eq!(tasks[4]["overdue"], true);
    assert_eq!(tasks[4]["deadline"], "2023-01-01");
    assert_eq!(tasks[5]["overdue"], false);
}

/// Move the time of a task's last history event into the past (edits the file by hand).
fn backdate_last_event(f: &Fixture, n: u32, ago: chrono::Duration) {
    let path = f.task_file(n);
    let text = std::fs::read_to_string(&path).unwrap();
    let last = text.rfind("[[history]]").expect("a history event");
    let at_start = last + text[last..].find("at = \"").unwrap() + "at = \"".len();
    let at_end = at_start + text[at_start..].find('"').unwrap();
    let when = (chrono::Utc::now() - ago).to_rfc3339();
    let text = format!("{}{when}{}", &text[..at_start], &text[at_end..]);
    std::fs::write(&path, text).unwrap();
}

/// The "updated" column is 8 cells wide: `45 分钟前` (9 cells), `5 min ago` (9) and
/// `150 d ago` (9) must still be shown whole, or the column widened.
#[test]
fn status_table_shows_times_of_change_in_full() {
    let f = Fixture::seeded();
    let ages = [
        (15, chrono::Duration::minutes(45)),
        (16, chrono::Duration::minutes(5)),
        (17, chrono::Duration::hours(20)),
        (18, chrono::Duration::days(150)),
        (19, chrono::Duration::days(1200)),
    ];
    for (n, ago) in ages {
        ok(&f.board, &["set", &n.to_string(), "doing"]);
        backdate_last_event(&f, n, ago);
    }
    let config = f.path("en.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let zh = ok(&f.board, &["status"]);
    let en = stdout(&kw_env(
        &f.board,
        &["status"],
        &[("KEYWORK_CONFIG", Some(config.as_os_str()))],
    ));
    let row = |table: &str, n: usize| table.lines().nth(2 + n).unwrap().to_string();
    assert!(row(&zh, 15).contains(" 45 分钟前 "), "{zh}");
    assert!(row(&zh, 17).contains(" 20 小时前 "), "{zh}");
    assert!(row(&en, 16).contains(" 5 min ago "), "{en}");
    assert!(row(&en, 18).contains(" 150 d ago "), "{en}");
    assert!(row(&zh, 19).contains(" 1200 天前 "), "{zh}");
    let names = titles(&f.board);
    assert_aligned(&zh, &STATUSES_ZH, &names);
    assert_aligned(&en, &STATUSES_EN, &names);
}

// ---------------------------------------------------------------------------------------
// show

#[test]
fn show_json_follows_the_contract() {
    let f = Fixture::seeded();
    ok(
        &f.board,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    ok(&f.board, &["note", "15", "任务层面的佐证"]);
    let v = show_json(&f.board, 15);
    assert_has_keys(
        &v,
        &[
            "number", "title", "text", "status", "lead", "partners", "deadline", "measures",
            "targets", "notes", "history",
        ],
    );
    assert_eq!(v["number"], 15);
    assert_eq!(v["title"], "加快推动城市更新");
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .starts_with("加快推动城市更新。按照全市“两旧一村”改造部署")
    );
    assert_eq!(v["status"], "未启动");
    assert_eq!(v["lead"], serde_json::json!([]));
    assert_eq!(v["partners"], serde_json::json!([]));
    assert!(v["deadline"].is_null());

    let measures = v["measures"].as_array().unwrap();
    let ids: Vec<&str> = measures.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["15.1", "15.2", "15.3", "15.4"]);
    for m in measures {
        assert_has_keys(m, &["id", "text", "status", "notes"]);
        assert_eq!(m["status"], "未启动");
        assert!(m["text"].as_str().unwrap().ends_with('。'), "{m}");
    }
    let note = &measure(&v, "15.2")["notes"][0];
    assert_has_keys(note, &["id", "at", "author", "text", "ref"]);
    assert_eq!(note["text"], "签约完成");
    assert_eq!(note["ref"], "杨府发〔2023〕12号");
    assert_eq!(note["author"], "tester");
    rfc3339(&note["at"]);
    let own = v["notes"].as_array().unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["text"], "任务层面的佐证");
    assert!(own[0]["ref"].is_null());

    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 8);
    for t in targets {
        assert_has_keys(
            t,
            &[
                "id",
                "label",
                "phrase",
                "target",
                "unit",
                "qualifier",
                "current",
            ],
        );
        assert!(t["target"].is_number(), "{t}");
        assert!(t["current"].is_null(), "{t}");
    }
    let find = |value: f64, unit: &str| {
        targets
            .iter()
            .find(|t| t["target"].as_f64() == Some(value) && t["unit"] == unit)
            .unwrap_or_else(|| panic!("no target {value} {unit} in {targets:?}"))
    };
    let area = find(74000.0, "平方米");
    assert_eq!(area["phrase"], "7.4万平方米");
    assert!(area["qualifier"].is_null());
    let lifts = find(200.0, "台");
    assert!(
        lifts["phrase"].as_str().unwrap().starts_with("200台"),
        "{lifts}"
    );
    let homes = find(2400.0, "户");
    assert_eq!(homes["qualifier"], "余");
    find(500000.0, "平方米");
    find(16.0, "公里");

    let history = history(&v);
    assert_eq!(history.len(), 3);
    for e in history {
        assert_has_keys(e, &["at", "author", "what"]);
        rfc3339(&e["at"]);
    }
    assert_eq!(history[0]["author"], "import");
    assert_eq!(history[0]["what"], "15 导入");
    assert_eq!(history[1]["what"], "15.2 添加佐证");
    assert_eq!(history[2]["what"], "15 添加佐证");
}

#[test]
fn show_text_lists_measures_notes_and_targets() {
    let f = Fixture::seeded();
    ok(&f.board, &["set", "15.2", "done"]);
    ok(
        &f.board,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    ok(&f.board, &["target", "15#4", "120"]);
    let text = ok(&f.board, &["show", "15"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "15 加快推动城市更新  [未启动]", "{text}");
    assert_eq!(lines[1], "措施完成 1/4 · 佐证 1", "{text}");
    for (k, status) in [(1, "未启动"), (2, "已完成"), (3, "未启动"), (4, "未启动")] {
        let prefix = format!("  15.{k} [{status}] ");
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix)),
            "no {prefix:?} in\n{text}"
        );
    }
    assert!(
        !text.contains("15.5 ["),
        "task 15 has four measures: {text}"
    );
    assert!(
        text.contains("  15.2 [已完成] 综合运用拆除重建、成套改造等方式"),
        "{text}"
    );
    let note = lines
        .iter()
        .find(|l| l.contains("签约完成"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(note.contains("tester"), "{note}");
    // The reference, then the note's id (for rm-note / move-note).
    let id = measure(&show_json(&f.board, 15), "15.2")["notes"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.ends_with(&format!("〔杨府发〔2023〕12号〕  [{id}]")),
        "{note}"
    );
    assert!(text.contains("\n指标\n"), "{text}");
    assert!(text.contains("— / 74000平方米"), "{text}");
    assert!(text.contains("120 / 200台"), "{text}");
    assert!(text.contains("— / 2400余户"), "{text}");
    assert!(text.contains("\n最近变更\n"), "{text}");
    assert!(text.contains("tester  15.2 状态 未启动 → 已完成"), "{text}");
    assert!(text.contains("tester  15#4 指标 — → 120"), "{text}");
    assert!(text.contains("import  15 导入"), "{text}");
}

// ---------------------------------------------------------------------------------------
// set, note, target

#[test]
fn set_accepts_chinese_english_and_column_numbers_and_records_once() {
    let f = Fixture::seeded();
    let out = ok(&f.board, &["set", "15", "推进中"]);
    assert_eq!(out, "15 未启动 → 推进中\n");
    let file_after_first = std::fs::read(f.task_file(15)).unwrap();
    let v = show_json(&f.board, 15);
    assert_eq!(v["status"], "推进中");
    assert_eq!(v["status_key"], "doing");
    assert_eq!(history(&v).len(), 2);
    let e = &history(&v)[1];
    assert_eq!(e["author"], "tester");
    assert_eq!(e["what"], "15 状态 未启动 → 推进中");
    assert_eq!(e["kind"], "status");
    assert_eq!(e["from"], "todo");
    assert_eq!(e["to"], "doing");

    // The same status again, by English key and by column number: no event, no write.
    assert_eq!(
        ok(&f.board, &["set", "15", "doing"]),
        "15 推进中 (状态未变)\n"
    );
    assert_eq!(ok(&f.board, &["set", "15", "2"]), "15 推进中 (状态未变)\n");
    assert_eq!(
        ok(&f.board, &["set", "15", "In Progress"]),
        "15 推进中 (状态未变)\n"
    );
    assert_eq!(std::fs::read(f.task_file(15)).unwrap(), file_after_first);
    assert_eq!(history(&show_json(&f.board, 15)).len(), 2);

    // A column number and a measure.
    assert_eq!(ok(&f.board, &["set", "15", "3"]), "15 推进中 → 滞后\n");
    assert_eq!(
        ok(&f.board, &["set", "15.2", "done"]),
        "15.2 未启动 → 已完成\n"
    );
    let v = show_json(&f.board, 15);
    assert_eq!(v["status"], "滞后");
    assert_eq!(measure(&v, "15.2")["status"], "已完成");
    assert_eq!(measure(&v, "15.2")["status_key"], "done");
    assert_eq!(measure(&v, "15.1")["status"], "未启动");
    let h = history(&v);
    assert_eq!(h.len(), 4);
    assert_eq!(h[3]["what"], "15.2 状态 未启动 → 已完成");

    // What is on disk.
    let file = task_toml(&f.board, 15);
    assert_eq!(file["status"].as_str(), Some("behind"));
    let measures = file["measures"].as_array().unwrap();
    assert_eq!(measures[1]["id"].as_str(), Some("15.2"));
    assert_eq!(measures[1]["status"].as_str(), Some("done"));
    let events = file["history"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    assert!(
        events[1..]
            .iter()
            .all(|e| e["author"].as_str() == Some("tester"))
    );

    let st = status_json(&f.board);
    assert_eq!(st["tasks"][14]["measures_done"], 1);
    assert_eq!(st["tasks"][14]["status"], "滞后");
    // Other tasks were not touched.
    assert_eq!(st["tasks"][13]["status"], "未启动");
}

#[test]
fn note_on_a_measure_keeps_chinese_text_and_reference() {
    let f = Fixture::seeded();
    let out = ok(
        &f.board,
        &["note", "15.2", "中文佐证", "--ref", "杨府发〔2023〕12号"],
    );
    let id = out
        .strip_prefix("已添加佐证 ")
        .and_then(|s| s.strip_suffix(" → 15.2\n"))
        .unwrap_or_else(|| panic!("{out:?}"));
    let (stamp, hex) = id.split_once('-').unwrap();
    assert_eq!(stamp.len(), 14, "{id}");
    assert!(stamp.chars().all(|c| c.is_ascii_digit()), "{id}");
    assert_eq!(hex.len(), 8, "{id}");

    let v = show_json(&f.board, 15);
    let notes = measure(&v, "15.2")["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["id"], id);
    assert_eq!(notes[0]["text"], "中文佐证");
    assert_eq!(notes[0]["ref"], "杨府发〔2023〕12号");
    assert_eq!(notes[0]["author"], "tester");
    assert_eq!(v["notes"], serde_json::json!([]));
    let e = history(&v).last().unwrap();
    assert_eq!(e["kind"], "note_added");
    assert_eq!(e["note"], id);
    assert_eq!(e["on"], "15.2");
    assert_eq!(e["author"], "tester");

    let file = task_toml(&f.board, 15);
    let n = &file["notes"].as_array().unwrap()[0];
    assert_eq!(n["on"].as_str(), Some("15.2"));
    assert_eq!(n["ref"].as_str(), Some("杨府发〔2023〕12号"));
    assert_eq!(status_json(&f.board)["tasks"][14]["notes"], 1);
}

#[test]
fn note_from_stdin_keeps_every_line() {
    crate::common::english();
    let f = Fixture::seeded();
    let out = kw_stdin(&f.board, &["note", "15", "-"], "第一行\n第二行\n");
    assert_ok(&out);
    assert!(stdout(&out).ends_with(" → 15\n"), "{}", describe(&out));
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"][0]["text"], "第一行\n第二行");
    let file = task_toml(&f.board, 15);
    assert_eq!(file["notes"][0]["text"].as_str(), Some("第一行\n第二行"));
    // The tree shows both lines, the second indented under the first.
    let text = ok(&f.board, &["show", "15"]);
    let first = text.lines().position(|l| l.contains("第一行")).unwrap();
    let second = text.lines().nth(first + 1).unwrap();
    assert_eq!(second.trim_start(), "第二行", "{text}");
    assert!(second.starts_with("    "), "{text}");

    // CRLF from a Windows editor becomes plain newlines; empty stdin is an empty note.
    let out = kw_stdin(&f.board, &["note", "15.1", "-"], "甲\r\n乙\r\n");
    assert_ok(&out);
    assert_eq!(
        measure(&show_json(&f.board, 15), "15.1")["notes"][0]["text"],
        "甲\n乙"
    );
    let before = snapshot(&f.board);
    let out = kw_stdin(&f.board, &["note", "15", "-"], "\n  \n");
    assert!(assert_code(&out, 2).contains("empty"), "{}", describe(&out));
    assert_same_files(&before, &snapshot(&f.board), "empty stdin note");
}

#[test]
fn note_text_is_cleaned_of_terminal_controls() {
    let f = Fixture::seeded();
    ok(&f.board, &["note", "15", "红\x1b[31m色\x07\t完成"]);
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"][0]["text"], "红[31m色    完成");
    let text = ok(&f.board, &["show", "15"]);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
}

#[test]
fn author_comes_from_flag_then_env_then_config_then_login() {
    let f = Fixture::seeded();
    let os = |s: &'static str| Some(OsStr::new(s));
    // Flag over environment.
    assert_ok(&kw_env(
        &f.board,
        &["note", "15", "甲", "--author", "王芳"],
        &[("KEYWORK_AUTHOR", os("李明"))],
    ));
    // Environment alone.
    assert_ok(&kw_env(
        &f.board,
        &["note", "15", "乙"],
        &[("KEYWORK_AUTHOR", os("李明"))],
    ));
    // The config file's author when neither is given.
    let config = f.path("author.toml");
    std::fs::write(&config, "author = \"张三\"\n").unwrap();
    assert_ok(&kw_env(
        &f.board,
        &["set", "15", "doing"],
        &[
            ("KEYWORK_AUTHOR", None),
            ("KEYWORK_CONFIG", Some(config.as_os_str())),
        ],
    ));
    // The login name when nothing else says who.
    assert_ok(&kw_env(
        &f.board,
        &["target", "15#4", "3"],
        &[
            ("KEYWORK_AUTHOR", None),
            ("USER", os("zhaoli")),
            ("LOGNAME", os("zhaoli")),
        ],
    ));
    let v = show_json(&f.board, 15);
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes[0]["author"], "王芳");
    assert_eq!(notes[1]["author"], "李明");
    let authors: Vec<&str> = history(&v)
        .iter()
        .map(|e| e["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["import", "王芳", "李明", "张三", "zhaoli"]);
    assert_eq!(target(&v, "15#4")["updated_by"], "zhaoli");
    let text = ok(&f.board, &["show", "15"]);
    assert!(text.contains(" 王芳  甲"), "{text}");
}

#[test]
fn target_takes_plain_and_chinese_numbers() {
    let f = Fixture::seeded();
    let v = show_json(&f.board, 15);
    assert_eq!(target(&v, "15#4")["target"].as_f64(), Some(200.0));
    assert_eq!(target(&v, "15#4")["unit"], "台");
    assert_eq!(target(&v, "15#1")["unit"], "平方米");

    let out = ok(&f.board, &["target", "15#4", "120"]);
    assert!(
        out.starts_with("15#4 ") && out.ends_with(": 120 / 200台\n"),
        "{out:?}"
    );
    let out = ok(&f.board, &["target", "15#1", "7.4万"]);
    assert!(out.ends_with(": 74000 / 74000平方米\n"), "{out:?}");
    ok(&f.board, &["target", "15#3", "１２,５００.５"]);

    let v = show_json(&f.board, 15);
    assert_eq!(target(&v, "15#4")["current"].as_f64(), Some(120.0));
    assert_eq!(target(&v, "15#1")["current"].as_f64(), Some(74000.0));
    assert_eq!(target(&v, "15#3")["current"].as_f64(), Some(12500.5));
    assert!(target(&v, "15#2")["current"].is_null());
    assert_eq!(target(&v, "15#4")["updated_by"], "tester");
    let whats: Vec<&str> = history(&v)[1..]
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "15#4 指标 — → 120",
            "15#1 指标 — → 74000",
            "15#3 指标 — → 12500.5"
        ]
    );
    // The same value again changes nothing; a new one records from and to.
    let before = snapshot(&f.board);
    ok(&f.board, &["target", "15#4", "120"]);
    assert_same_files(&before, &snapshot(&f.board), "same target value");
    ok(&f.board, &["target", "15#4", "150"]);
    let v = show_json(&f.board, 15);
    assert_eq!(history(&v).last().unwrap()["what"], "15#4 指标 120 → 150");
    let file = task_toml(&f.board, 15);
    let t = file["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"].as_str() == Some("15.4"))
        .unwrap();
    assert_eq!(t["current"].as_float(), Some(150.0));
}

// ---------------------------------------------------------------------------------------
// Errors

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
fn english_config_shows_english_status_names() {
    let f = varied_board();
    let config = f.path("en.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let env = [("KEYWORK_CONFIG", Some(config.as_os_str()))];
    let out = kw_env(&f.board, &["status"], &env);
    assert_ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "not started 19 · in progress 1 · behind 1 · done 1 · overdue 1 · changed this week 4"
    );
    let rows = assert_aligned(&text, &STATUSES_EN, &titles(&f.board));
    assert!(rows[0].starts_with("  1 done "), "{text}");
    assert!(rows[5].starts_with("  6 not started "), "{text}");
    assert!(rows[3].contains("just now"), "{text}");

    let out = kw_env(&f.board, &["set", "15", "doing"], &env);
    assert_eq!(stdout(&out), "15 not started → in progress\n");
    let out = kw_env(&f.board, &["set", "15", "doing"], &env);
    assert_eq!(stdout(&out), "15 in progress (unchanged)\n");
    // --json stays Chinese: it is a contract, not a translation.
    let out = kw_env(&f.board, &["status", "--json"], &env);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tasks"][14]["status"], "推进中");
}

/// The English header must name every column in full: the notes column is four cells wide, and
/// `notes` has five letters.
#[test]
fn english_status_header_is_not_truncated() {
    let f = Fixture::seeded();
    let config = f.path("en.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let out = kw_env(
        &f.board,
        &["status"],
        &[("KEYWORK_CONFIG", Some(config.as_os_str()))],
    );
    let text = stdout(&out);
    let header = text.lines().nth(2).unwrap();
    assert!(!header.contains('⋯'), "header cut: {header:?}");
    assert!(header.contains("notes"), "header: {header:?}");
}

// ---------------------------------------------------------------------------------------
// import

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

// ---------------------------------------------------------------------------------------
// config, completions, pipes

#[test]
fn config_prints_the_paths_in_use() {
    let f = Fixture::seeded();
    let out = ok(&f.board, &["config"]);
    let none = f.path("none.toml");
    assert!(
        out.contains(&format!(
            "配置文件：                 {}（不存在：使用默认设置）\n",
            none.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "看板：                     {}\n",
            f.board.display()
        )),
        "{out}"
    );
    assert!(out.contains("修改人（author）：         tester\n"), "{out}");
    // `config` on a board dir that does not exist yet does not create it.
    let elsewhere = f.path("not-yet");
    let out = ok(&elsewhere, &["config"]);
    assert!(out.contains("（还没有看板）"), "{out}");
    assert!(!elsewhere.exists());
}

#[test]
fn completions_are_printed_for_bash() {
    let f = Fixture::empty();
    let out = ok(&f.board, &["completions", "bash"]);
    assert!(out.contains("_keywork()"), "{out}");
    assert!(out.contains("complete -F _keywork"), "{out}");
    for sub in ["status", "show", "set", "note", "target", "import"] {
        assert!(out.contains(sub), "{sub} missing");
    }
    assert!(!f.board.exists(), "completions need no board");
}

/// Run with stdout closed by the reader: at once, or after one line.
fn with_closed_stdout(board: &Path, args: &[&str], read_first_line: bool) -> std::process::Output {
    let mut c = command(board, args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn keywork");
    let stdout = child.stdout.take().unwrap();
    if read_first_line {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
    } else {
        drop(stdout);
    }
    child.wait_with_output().unwrap()
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let f = Fixture::seeded();
    for i in 0..30 {
        ok(&f.board, &["note", "15", &format!("让输出更长的佐证 {i}")]);
    }
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["show", "15"],
        &["show", "15", "--json"],
        &["config"],
    ] {
        for read_first_line in [false, true] {
            let out = with_closed_stdout(&f.board, args, read_first_line);
            let err = stderr(&out);
            assert!(!err.contains("panicked"), "{args:?}: {}", describe(&out));
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", describe(&out));
        }
    }
}

/// `keywork completions bash | head -1` must not panic either.
#[test]
fn completions_into_a_closed_pipe_is_not_a_panic() {
    let f = Fixture::empty();
    for read_first_line in [false, true] {
        let out = with_closed_stdout(&f.board, &["completions", "bash"], read_first_line);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{}", describe(&out));
        assert_ne!(out.status.code(), Some(101), "{}", describe(&out));
    }
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
