//! `status`: the first run, the table's columns with CJK text, the times of change, English.

use super::*;
use std::path::Path;
use unicode_width::UnicodeWidthChar;

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

/// The whole table, in both languages, and `status --warnings`, as snapshots: a board with
/// every status, an overdue task with a deadline, changes some days old.
#[test]
fn status_table_and_warnings_in_both_languages() {
    let f = Fixture::seeded();
    let changes: [(&[&str], i64); 4] = [
        (&["set", "1", "done"], 2),
        (&["set", "2", "behind"], 3),
        (&["set", "3", "doing"], 10),
        (&["note", "4", "第一条佐证"], 40),
    ];
    for (args, days) in changes {
        ok(&f.board, args);
        let n: u32 = args[1].parse().unwrap();
        backdate_last_event(&f, n, chrono::Duration::days(days));
    }
    ok(&f.board, &["assign", "5", "--lead", "区人才局"]);
    backdate_last_event(&f, 5, chrono::Duration::days(5));
    set_deadline(&f, 5, "2023-01-01");
    let config = f.path("en.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let en = |args: &[&str]| {
        stdout(&kw_env(
            &f.board,
            args,
            &[("KEYWORK_CONFIG", Some(config.as_os_str()))],
        ))
    };
    insta::assert_snapshot!("status_zh", ok(&f.board, &["status"]));
    insta::assert_snapshot!("status_en", en(&["status"]));
    insta::assert_snapshot!(
        "status_warnings_zh",
        ok(&f.board, &["status", "--warnings"])
    );
    insta::assert_snapshot!("status_warnings_en", en(&["status", "--warnings"]));
}
