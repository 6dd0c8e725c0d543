//! Follow-through (issue 18): decisions made by a meeting tracked to the end, extensions that
//! keep the original deadline, urging notices with escalation, sources — on the command line,
//! through a sync between two offices, and in the review in a pseudo-terminal.

use crate::common::pty::Tui;
use crate::common::*;
use crate::sync::{git, offices};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// Run keywork as 督查室 on a day of October 2023 (+08:00).
fn on(board: &Path, day: u32, args: &[&str]) -> Output {
    let now = format!("2023-10-{day:02}T10:00:00+08:00");
    kw_env(
        board,
        args,
        &[
            ("KEYWORK_AUTHOR", Some(OsStr::new("督查室"))),
            ("KEYWORK_NOW", Some(OsStr::new(&now))),
        ],
    )
}

#[track_caller]
fn ok_on(board: &Path, day: u32, args: &[&str]) -> String {
    let out = on(board, day, args);
    assert_ok(&out);
    stdout(&out)
}

fn decisions_json(board: &Path, day: u32) -> Vec<serde_json::Value> {
    let text = ok_on(board, day, &["decisions", "--json"]);
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The meeting of 10-05 decides three things.
fn meeting_of_october_5(board: &Path) {
    for args in [
        [
            "decide",
            "15.2",
            "加快签约进度",
            "--unit",
            "区旧改办",
            "--due",
            "2023-10-12",
            "--meeting",
            "2023-10-05",
        ],
        [
            "decide",
            "3",
            "协调用地指标",
            "--unit",
            "区规划资源局",
            "--due",
            "2023-10-20",
            "--meeting",
            "2023-10-05",
        ],
        [
            "decide",
            "20",
            "开展安全生产检查",
            "--unit",
            "区应急管理局",
            "--due",
            "2023-10-10",
            "--meeting",
            "2023-10-05",
        ],
    ] {
        ok_on(board, 5, &args);
    }
}

#[test]
fn a_decision_is_recorded_listed_filtered_and_closed_with_evidence() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    let typo = on(&f.board, 5, &["decide", "15", "协调", "--unit", "区旧改"]);
    assert_ok(&typo);
    assert!(stderr(&typo).contains("是指 区旧改办"), "{}", stderr(&typo));
    let list = ok_on(&f.board, 12, &["decisions"]);
    assert!(
        list.contains("D15-1 [未办结] 15.2 加快签约进度 · 区旧改办 · 时限 2023-10-12"),
        "{list}"
    );
    assert!(
        list.contains("D20-1") && list.contains("逾期 2 天"),
        "{list}"
    );
    let out = ok_on(
        &f.board,
        12,
        &["decision", "d15-1", "done", "--evidence", "签约台账第3页"],
    );
    assert!(out.contains("D15-1 已办结"), "{out}");
    let open = ok_on(&f.board, 12, &["decisions", "--open", "--unit", "旧改办"]);
    assert!(open.contains("没有议定事项"), "{open}");
    let all = decisions_json(&f.board, 12);
    let d = all.iter().find(|d| d["id"] == "D15-1").unwrap();
    assert_eq!(d["state"], "done");
    assert_eq!(d["evidence"], "签约台账第3页");
    assert_eq!(d["closed_by"], "督查室");
    // In the task's tree and its JSON.
    let show = ok_on(&f.board, 12, &["show", "15"]);
    assert!(
        show.contains("议定事项") && show.contains("佐证材料：签约台账第3页"),
        "{show}"
    );
    let json = show_json(&f.board, 15);
    assert_eq!(json["decisions"][0]["id"], "D15-1");
    assert_eq!(json["number"], 15, "the task's own fields stay");
}

#[test]
fn bad_follow_input_is_refused_and_changes_nothing() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    let before = snapshot(&f.board);
    for (args, code) in [
        (vec!["decision", "D15-9", "done"], 2),
        (vec!["decision", "15.2", "done"], 2),
        (vec!["decide", "99", "x", "--unit", "u"], 2),
        (vec!["decide", "15.9", "x", "--unit", "u"], 2),
        (vec!["decide", "15", "  ", "--unit", "u"], 2),
        (vec!["due", "15", "2023-12-31", "--extend"], 2),
        (vec!["due", "15", "2023-12-31", "--reason", "x"], 2),
        (vec!["source", "15", "街道"], 2),
        (vec!["urge", "D15-7"], 2),
        (vec!["due", "D15-1", "2023-12-31"], 2),
        (vec!["urge", "15", "--level", "purple"], 2),
    ] {
        let out = on(&f.board, 12, &args);
        assert_code(&out, code);
        assert!(!stderr(&out).is_empty(), "{args:?} says why");
    }
    assert_same_files(&before, &snapshot(&f.board), "nothing written");
    // A broken follow-up file is named with its line and never overwritten.
    let path = f.board.join("follow/15.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n[[decision]]\nid = 3\n");
    std::fs::write(&path, &text).unwrap();
    let out = on(&f.board, 12, &["decision", "D15-1", "done"]);
    let err = assert_code(&out, 1);
    assert!(err.contains("follow/15.toml:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "not overwritten"
    );
}

#[test]
fn an_extension_keeps_the_original_deadline_and_a_late_plain_edit_is_warned_about() {
    let f = Fixture::seeded();
    ok_on(&f.board, 1, &["due", "15.2", "2023-10-10"]);
    let out = on(&f.board, 12, &["due", "15.2", "2023-10-31"]);
    assert_ok(&out);
    assert!(stderr(&out).contains("--extend"), "{}", stderr(&out));
    let out = ok_on(
        &f.board,
        13,
        &[
            "due",
            "15.2",
            "2023-11-30",
            "--extend",
            "--reason",
            "资金未到位",
            "--approved-by",
            "王区长",
        ],
    );
    assert!(out.contains("2023-10-31 → 2023-11-30"), "{out}");
    ok_on(
        &f.board,
        20,
        &["due", "15.2", "2023-12-15", "--extend", "--reason", "再延"],
    );
    let json = show_json(&f.board, 15);
    assert_eq!(
        measure(&json, "15.2")["deadline"],
        "2023-12-15",
        "序时进度 uses the current date"
    );
    let ext = json["extensions"].as_array().unwrap();
    assert_eq!(ext.len(), 2);
    assert_eq!(ext[0]["from"], "2023-10-31");
    assert_eq!(ext[0]["approved_by"], "王区长");
    let report = ok_on(&f.board, 21, &["report"]);
    assert!(
        report.contains("15.2 原定 2023-10-31，现为 2023-12-15，延期 2 次，共 45 天"),
        "{report}"
    );
    // A decision's deadline too.
    meeting_of_october_5(&f.board);
    ok_on(
        &f.board,
        21,
        &[
            "due",
            "D3-1",
            "2023-11-20",
            "--extend",
            "--reason",
            "等待批复",
        ],
    );
    let d = decisions_json(&f.board, 21);
    let d3 = d.iter().find(|d| d["id"] == "D3-1").unwrap();
    assert_eq!(d3["due"], "2023-11-20");
    assert_eq!(d3["extensions"][0]["from"], "2023-10-20");
}

#[test]
fn urging_proposes_the_level_writes_the_notice_and_shows_in_the_warnings() {
    let f = Fixture::seeded();
    ok_on(&f.board, 1, &["due", "20", "2023-10-10"]);
    ok_on(&f.board, 1, &["assign", "20", "--lead", "区应急管理局"]);
    let dir = f.path("notices");
    std::fs::create_dir(&dir).unwrap();
    let out = ok_on(
        &f.board,
        12,
        &[
            "urge",
            "20",
            "--dir",
            dir.to_str().unwrap(),
            "--note",
            "请报进展",
        ],
    );
    assert!(out.contains("U20-1（红）"), "overdue proposes red: {out}");
    let md = std::fs::read_to_string(dir.join("督办通知单-U20-1.md")).unwrap();
    assert!(
        md.contains("致：区应急管理局") && md.contains("已逾期 2 天（自 2023-10-10 起）"),
        "{md}"
    );
    let docx = std::fs::read(dir.join("督办通知单-U20-1.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a zip (Word) file");
    ok_on(
        &f.board,
        14,
        &[
            "urge",
            "20",
            "--level",
            "yellow",
            "--dir",
            dir.to_str().unwrap(),
        ],
    );
    let warnings = ok_on(&f.board, 14, &["status", "--warnings"]);
    assert!(
        warnings.contains("20 催办 2 次（黄），最近 10-14"),
        "{warnings}"
    );
}

#[test]
fn a_source_is_set_shown_and_counted() {
    let f = Fixture::seeded();
    ok_on(
        &f.board,
        1,
        &[
            "source",
            "15",
            "批示",
            "--text",
            "抓紧推进",
            "--by",
            "区长",
            "--date",
            "2023-03-01",
        ],
    );
    ok_on(&f.board, 1, &["source", "3", "政府工作报告"]);
    let json = show_json(&f.board, 15);
    assert_eq!(json["source"]["kind"], "领导批示");
    assert_eq!(json["source"]["by"], "区长");
    let show = ok_on(&f.board, 2, &["show", "15"]);
    assert!(
        show.contains("批示：抓紧推进（区长，2023-03-01），未反馈"),
        "{show}"
    );
    ok_on(
        &f.board,
        3,
        &[
            "source",
            "15",
            "领导批示",
            "--text",
            "抓紧推进",
            "--feedback",
            "2023-10-03",
        ],
    );
    assert_eq!(show_json(&f.board, 15)["source"]["feedback"], "2023-10-03");
    let status = ok_on(&f.board, 3, &["status"]);
    assert!(
        status.contains("来源：政府工作报告 1（完成 0） · 领导批示 1（完成 0） · 未标注 20"),
        "{status}"
    );
    let report = ok_on(&f.board, 3, &["report"]);
    assert!(
        report.contains("| 领导批示 | 1 | 0 | 0% | 0 | 0 | — |"),
        "{report}"
    );
}

/// Issue 18's "Done when": a meeting makes decisions; a week later the next meeting opens with
/// them; one is extended, one urged to red, one closed with evidence; the report's 办结率 matches.
#[test]
fn a_week_of_follow_through_end_to_end() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    // A week later the meeting opens with them (the review in a terminal).
    let mut tui = Tui::start_env(
        &f.board,
        100,
        30,
        "督查室",
        &["review", "--scope", "all"],
        &[("KEYWORK_NOW", "2023-10-12T09:00:00+08:00")],
    );
    tui.wait_for("上次议定事项落实情况");
    tui.wait_for("2023-10-05 例会议定 3 项，未办结 3 项");
    // D3-1 extended by a week in the meeting: `e` asks the date (a week on), the reason and
    // who approved it.
    tui.send("e");
    tui.wait_for("D3-1 延期至（原 2023-10-20）：2023-10-27");
    tui.send("\r");
    tui.wait_for("D3-1 延期至 2023-10-27，理由：");
    tui.send("用地指标待市里批复\r");
    tui.wait_for("批准人（可留空）");
    tui.send("李副区长\r");
    tui.wait_for("2023-10-20 → 2023-10-27");
    tui.send("\r");
    tui.wait_for("1/22");
    tui.send("q");
    tui.wait_for("已离开例会");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    // D20-1 (overdue) urged: the rule proposes red.
    let dir = f.path("n");
    std::fs::create_dir(&dir).unwrap();
    let out = ok_on(
        &f.board,
        12,
        &["urge", "D20-1", "--dir", dir.to_str().unwrap()],
    );
    assert!(out.contains("（红）"), "{out}");
    // D15-1 closed with evidence, on time.
    ok_on(
        &f.board,
        12,
        &["decision", "D15-1", "done", "--evidence", "签约台账"],
    );
    let report = ok_on(&f.board, 12, &["report"]);
    assert!(
        report.contains("| 2023-10-05 例会 | 3 | 1 | 1 | 0 | 0 | 2 | 33% |"),
        "{report}"
    );
    assert!(
        report.contains("D3-1 原定 2023-10-20，现为 2023-10-27，延期 1 次，共 7 天"),
        "{report}"
    );
    assert!(
        report.contains("理由：用地指标待市里批复；批准：李副区长"),
        "{report}"
    );
    assert!(
        report.contains("D20-1 \\[未办结\\] 20 开展安全生产检查"),
        "{report}"
    );
    assert!(report.contains("催办 1 次（红），最近 10-12"), "{report}");
    let d = decisions_json(&f.board, 12);
    let done = d.iter().filter(|d| d["state"] == "done").count();
    assert_eq!(
        (d.len(), done),
        (3, 1),
        "the rate's figures are the decisions'"
    );
}

#[test]
fn the_review_opens_with_last_meetings_decisions_and_d_makes_new_ones() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    ok_on(&f.board, 8, &["note", "15.2", "第一批签约完成"]);
    let mut tui = Tui::start_env(
        &f.board,
        80,
        24,
        "督查室",
        &["review", "--scope", "all"],
        &[("KEYWORK_NOW", "2023-10-12T09:00:00+08:00")],
    );
    tui.wait_for("上次议定事项落实情况");
    tui.wait_for("D3-1 [未办结] 协调用地指标");
    tui.wait_for("此后任务有 1 项变化");
    tui.wait_for("逾期 2 天");
    let before = tui.screen();
    tui.resize(120, 40);
    tui.wait_for("此后任务有 1 项变化");
    tui.resize(80, 24);
    tui.wait_for("D20-1");
    // The decisions page is drawn the same after a redraw (its rows: the top 16 of the screen).
    let page = |s: &str| {
        s.lines()
            .take(16)
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut after = tui.settled(Duration::from_millis(300));
    while page(&after) != page(&before) && std::time::Instant::now() < deadline {
        after = tui.settled(Duration::from_millis(300));
    }
    assert!(page(&before).contains("D20-1"), "{before}");
    assert_eq!(page(&after), page(&before), "a redraw shows the same page");
    tui.send("d");
    tui.wait_for("D3-1 [已办结]");
    tui.send("j");
    tui.send("c");
    tui.wait_for("延续到 2023-10-12 例会");
    tui.send("\r");
    tui.wait_for("1/22");
    // Task 15: a next step made into a decision of this meeting.
    tui.send("g");
    tui.send("15\r");
    tui.wait_for("15/22");
    tui.wait_for("议定事项未办结 1 项");
    tui.send("x");
    tui.send("完成第二批签约\t区旧改办 10-31\x13");
    tui.wait_for("下一步：完成第二批签约");
    tui.send("D");
    tui.wait_for("已转为议定事项 D15-2");
    tui.send("q");
    tui.wait_for("已离开例会");
    tui.send("q");
    assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    let d = decisions_json(&f.board, 12);
    let new = d.iter().find(|d| d["id"] == "D15-2").unwrap();
    assert_eq!(new["meeting"], "2023-10-12");
    assert_eq!(new["unit"], "区旧改办");
    assert_eq!(new["due"], "2023-10-31");
    let carried = d.iter().find(|d| d["id"] == "D15-1").unwrap();
    assert_eq!(carried["carried"][0], "2023-10-12");
}

#[test]
fn decisions_made_in_two_offices_merge_by_id_through_sync() {
    let o = offices();
    let sync = |b: &Path, day: u32| ok_on(b, day, &["sync"]);
    ok_on(&o.a, 5, &["decide", "15", "甲方议定", "--unit", "区旧改办"]);
    sync(&o.a, 5);
    sync(&o.b, 5);
    // Both offices add a decision on task 15 (both take D15-2) and change D15-1.
    ok_on(
        &o.a,
        6,
        &["decide", "15", "甲方第二项", "--unit", "区旧改办"],
    );
    ok_on(
        &o.b,
        7,
        &["decide", "15", "乙方第二项", "--unit", "区财政局"],
    );
    ok_on(
        &o.b,
        7,
        &["decision", "D15-1", "done", "--evidence", "乙方佐证"],
    );
    ok_on(
        &o.a,
        8,
        &[
            "urge",
            "D15-2",
            "--level",
            "yellow",
            "--dir",
            o.a.parent().unwrap().to_str().unwrap(),
        ],
    );
    sync(&o.a, 9);
    sync(&o.b, 9);
    sync(&o.a, 9);
    for board in [&o.a, &o.b] {
        let d = decisions_json(board, 9);
        let texts: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d["id"].as_str().unwrap(), d["text"].as_str().unwrap()))
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.contains(&("D15-1", "甲方议定")));
        assert!(texts.iter().any(|(_, t)| *t == "甲方第二项"));
        assert!(texts.iter().any(|(_, t)| *t == "乙方第二项"));
        let first = d.iter().find(|d| d["id"] == "D15-1").unwrap();
        assert_eq!(first["evidence"], "乙方佐证");
        let urged = d.iter().find(|d| d["text"] == "甲方第二项").unwrap();
        assert_eq!(
            urged["urges"].as_array().unwrap().len(),
            1,
            "the notice follows its decision"
        );
    }
    assert_eq!(
        std::fs::read(o.a.join("follow/15.toml")).unwrap(),
        std::fs::read(o.b.join("follow/15.toml")).unwrap()
    );
    let status = git(&o.a, &["status", "--porcelain"]);
    assert!(stdout(&status).trim().is_empty(), "{}", stdout(&status));
}

#[test]
fn the_ledger_lists_each_meetings_rate_the_decisions_and_the_extensions() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    ok_on(
        &f.board,
        12,
        &["decision", "D15-1", "done", "--evidence", "签约台账"],
    );
    ok_on(
        &f.board,
        12,
        &[
            "due",
            "D3-1",
            "2023-10-27",
            "--extend",
            "--reason",
            "等待批复",
        ],
    );
    let csv_path = f.path("台账.csv");
    ok_on(
        &f.board,
        12,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            csv_path.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        csv.contains("议定 3 项，办结 1 项（按期 1，逾期 0），撤销 0 项，未办结 2 项；办结率 33%"),
        "{csv}"
    );
    assert!(csv.contains("D20-1,守牢城区安全底线"), "{csv}");
    assert!(csv.contains("未办结（逾期 2 天）"), "{csv}");
    assert!(
        csv.contains("D3-1 原定 2023-10-20，现为 2023-10-27，延期 1 次，共 7 天"),
        "{csv}"
    );
    let xlsx = f.path("台账.xlsx");
    ok_on(
        &f.board,
        12,
        &["export", "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn doctor_names_a_broken_follow_up_file_with_its_line() {
    let f = Fixture::seeded();
    meeting_of_october_5(&f.board);
    let path = f.board.join("follow/3.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text = text.replace("state = \"open\"", "state = 7");
    std::fs::write(&path, &text).unwrap();
    std::fs::write(f.board.join("follow/77.toml"), "schema = 1\ntask = 77\n").unwrap();
    let out = on(&f.board, 12, &["doctor"]);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("follow/3.toml:"), "{all}");
    assert!(
        all.contains("follow/77.toml: the board has no such task"),
        "{all}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "doctor changes nothing"
    );
}

/// The follow-up file of task `n`, as bytes (none: empty).
fn follow_file(board: &Path, n: u32) -> Vec<u8> {
    std::fs::read(board.join("follow").join(format!("{n}.toml"))).unwrap_or_default()
}

/// The screen after a round trip through another size: a full redraw must give it back.
fn same_after_resize(tui: &mut Tui, cols: u16, rows: u16) {
    // Trailing blanks are the terminal's, not keywork's.
    let trimmed = |s: String| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    let before = trimmed(tui.settled(Duration::from_millis(300)));
    tui.resize(
        if cols == 80 { 120 } else { 80 },
        if rows == 24 { 40 } else { 24 },
    );
    tui.settled(Duration::from_millis(300));
    tui.resize(cols, rows);
    let after = trimmed(tui.settled(Duration::from_millis(300)));
    assert_eq!(before, after, "the screen changed after a full redraw");
}

#[test]
fn a_decision_is_closed_with_evidence_and_extended_from_the_detail_tree() {
    let f = Fixture::seeded();
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        std::fs::remove_file(f.board.join("follow").join("1.toml")).ok();
        for (text, due) in [
            ("报送实施方案", "2023-10-10"),
            ("落实配套资金", "2023-10-20"),
        ] {
            ok_on(
                &f.board,
                5,
                &["decide", "1", text, "--unit", "区发改委", "--due", due],
            );
        }
        let mut tui = Tui::start_env(
            &f.board,
            cols,
            rows,
            "督查室",
            &[],
            &[("KEYWORK_NOW", "2023-10-12T09:00:00+08:00")],
        );
        tui.wait_for("未启动");
        tui.send("\r");
        tui.wait_for("D1-1 [未办结] 报送实施方案");
        tui.wait_for("D1-2 [未办结] 落实配套资金");
        same_after_resize(&mut tui, cols, rows);
        // D on the decision: evidence asked, then closed.
        tui.send("j");
        tui.wait_for("议定事项 D1-1（未办结）");
        tui.send("D");
        tui.wait_for("D1-1 办结，佐证（可留空）：");
        tui.send("区发改委报告〔2023〕8号\r");
        tui.wait_for("D1-1 已办结");
        tui.wait_for("D1-1 [已办结]");
        same_after_resize(&mut tui, cols, rows);
        let d = decisions_json(&f.board, 12);
        assert_eq!(d[0]["state"], "done");
        assert_eq!(d[0]["evidence"], "区发改委报告〔2023〕8号");
        // E on the next one, Esc at the last question: nothing written.
        let before = follow_file(&f.board, 1);
        tui.send("j");
        tui.wait_for("议定事项 D1-2（未办结）");
        tui.send("E");
        tui.wait_for("D1-2 延期至（原 2023-10-20）：2023-10-27");
        tui.send("\r");
        tui.send("资金\r");
        tui.wait_for("批准人（可留空）");
        tui.send("\x1b");
        tui.settled(Duration::from_millis(300));
        assert_eq!(follow_file(&f.board, 1), before, "Esc wrote nothing");
        // Again, to the end: no reason is asked again, then recorded.
        tui.send("E");
        tui.wait_for("D1-2 延期至（原 2023-10-20）");
        tui.send(&"\x7f".repeat(10));
        tui.send("11-30\r");
        tui.wait_for("D1-2 延期至 2023-11-30，理由：");
        tui.send("\r");
        tui.wait_for("请写延期理由");
        tui.send("配套资金待区财政局拨付\r");
        tui.send("\r");
        tui.wait_for("2023-10-20 → 2023-11-30");
        same_after_resize(&mut tui, cols, rows);
        tui.send("q");
        assert!(tui.exited_within(Duration::from_secs(5)).is_some());
        let d = decisions_json(&f.board, 12);
        assert_eq!(d[1]["due"], "2023-11-30");
        let show = ok_on(&f.board, 12, &["show", "1"]);
        assert!(show.contains("延期 1 次（共 41 天）"), "{show}");
        let report = ok_on(&f.board, 12, &["report"]);
        assert!(
            report.contains("D1-2 原定 2023-10-20，现为 2023-11-30，延期 1 次，共 41 天"),
            "{report}"
        );
        assert!(report.contains("理由：配套资金待区财政局拨付"), "{report}");
    }
}

#[test]
fn u_on_the_board_urges_with_the_proposed_level_and_writes_the_notice_where_it_says() {
    let f = Fixture::seeded();
    // Task 1 overdue since 10-01: the rule proposes red.
    ok_on(&f.board, 1, &["due", "1", "2023-10-01"]);
    let dir = f.path("notices");
    std::fs::create_dir(&dir).unwrap();
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let mut tui = Tui::start_in(
            Some(&dir),
            &f.board,
            cols,
            rows,
            "督查室",
            &[],
            &[("KEYWORK_NOW", "2023-10-12T09:00:00+08:00")],
        );
        tui.wait_for("未启动");
        same_after_resize(&mut tui, cols, rows);
        tui.send("U");
        tui.wait_for("规则建议：红）：红");
        // Esc: nothing recorded, no file.
        tui.send("\x1b");
        tui.settled(Duration::from_millis(300));
        assert!(follow_file(&f.board, 1).is_empty() || cols == 120);
        tui.send("U");
        tui.wait_for("规则建议：红）：红");
        // The level is editable.
        tui.send("\x7f黄\r");
        tui.wait_for("催办 1（黄），备注（可留空）：");
        tui.send("请于本周内反馈进展\r");
        tui.wait_for(&format!(
            "已记录催办 U1-{}（黄）",
            if cols == 80 { 1 } else { 2 }
        ));
        // Where: the directory it was started in.
        tui.wait_for(&format!(
            "写入 {}",
            if cols == 80 {
                "/"
            } else {
                dir.to_str().unwrap()
            }
        ));
        same_after_resize(&mut tui, cols, rows);
        tui.send("q");
        assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    }
    // Both notices written where the board was started, like `keywork urge` with no --dir.
    for id in ["U1-1", "U1-2"] {
        let md = std::fs::read_to_string(dir.join(format!("督办通知单-{id}.md"))).unwrap();
        assert!(md.contains("督办通知单（黄色）"), "{md}");
        assert!(md.contains("备注：请于本周内反馈进展"), "{md}");
        assert!(dir.join(format!("督办通知单-{id}.docx")).is_file());
    }
    let warn = ok_on(&f.board, 12, &["status", "--warnings"]);
    assert!(warn.contains("催办 2 次（黄），最近 10-12"), "{warn}");
}

#[test]
fn s_in_the_tree_sets_a_pishi_with_its_text_author_and_date() {
    let f = Fixture::seeded();
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let mut tui = Tui::start_env(
            &f.board,
            cols,
            rows,
            "督查室",
            &[],
            &[("KEYWORK_NOW", "2023-10-12T09:00:00+08:00")],
        );
        tui.wait_for("未启动");
        tui.send("\r");
        tui.wait_for("措施与佐证");
        // On a measure: the source is the task's.
        tui.send("j");
        tui.send("s");
        tui.wait_for("1 来源（政府工作报告、常务会议、领导批示");
        // The second time round the prompt holds the kind set the first time.
        tui.send(&"\x7f".repeat(8));
        tui.send("小道\r");
        tui.wait_for("未知来源类别“小道”");
        tui.send(&"\x7f".repeat(2));
        tui.send("批示\r");
        tui.wait_for("1 批示内容（可留空）：");
        tui.send("抓紧推进，月底前报进展\r");
        tui.wait_for("1 批示人（可留空）：");
        tui.send("张区长\r");
        tui.wait_for("1 批示日期（可留空）：");
        tui.send("10-09\r");
        tui.wait_for("1 来源：领导批示");
        same_after_resize(&mut tui, cols, rows);
        tui.send("q");
        assert!(tui.exited_within(Duration::from_secs(5)).is_some());
    }
    let show = ok_on(&f.board, 12, &["show", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(v["source"]["kind"], "领导批示");
    assert_eq!(v["source"]["text"], "抓紧推进，月底前报进展");
    assert_eq!(v["source"]["by"], "张区长");
    assert_eq!(v["source"]["date"], "2023-10-09");
}

/// Files keywork names itself (an urging notice, a unit's form, the dated ledger) in a shared
/// directory: a symlink planted under the next name (pointing at a file of the user's) or a
/// FIFO is refused before anything is recorded, and the file it points at is untouched; a
/// name given with `-o` is the user's choice and still follows a link, as `>` does.
#[test]
fn a_link_or_fifo_planted_under_a_name_keywork_chooses_is_never_written_through() {
    let f = Fixture::seeded();
    ok_on(&f.board, 1, &["due", "20", "2023-10-10"]);
    let shared = f.path("shared");
    std::fs::create_dir(&shared).unwrap();
    let victim = f.path("victim.txt");
    std::fs::write(&victim, "mine").unwrap();
    let dir = shared.to_str().unwrap();
    let follow_before = follow_file(&f.board, 20);

    std::os::unix::fs::symlink(&victim, shared.join("督办通知单-U20-1.md")).unwrap();
    let out = on(&f.board, 12, &["urge", "20", "--dir", dir]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = stderr(&out);
    assert!(
        err.contains("督办通知单-U20-1.md")
            && err.contains("符号链接")
            && err.contains("未做任何更改"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    assert_eq!(follow_file(&f.board, 20), follow_before, "no urge recorded");

    std::fs::remove_file(shared.join("督办通知单-U20-1.md")).unwrap();
    let fifo = shared.join("督办通知单-U20-1.docx");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = on(&f.board, 12, &["urge", "20", "--dir", dir]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("命名管道"), "{}", describe(&out));
    assert_eq!(follow_file(&f.board, 20), follow_before, "no urge recorded");
    std::fs::remove_file(&fifo).unwrap();
    ok_on(&f.board, 12, &["urge", "20", "--dir", dir]);
    assert!(
        std::fs::symlink_metadata(shared.join("督办通知单-U20-1.md"))
            .unwrap()
            .is_file()
    );

    // The dated ledger and a unit's form, written into the current directory.
    ok_on(&f.board, 1, &["assign", "20", "--lead", "区应急管理局"]);
    let ledger = shared.join("keywork-台账-2023-10-12.xlsx");
    let form = shared.join("区应急管理局-进展填报.xlsx");
    for planted in [&ledger, &form] {
        std::os::unix::fs::symlink(&victim, planted).unwrap();
    }
    let now = ("KEYWORK_NOW", "2023-10-12T10:00:00+08:00");
    for args in [
        &["export", "--format", "xlsx"][..],
        &["export", "--form", "--unit", "区应急管理局"][..],
    ] {
        let out = command(&f.board, args)
            .current_dir(&shared)
            .env(now.0, now.1)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", describe(&out));
        assert!(stderr(&out).contains("符号链接"), "{}", describe(&out));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    }
    // `-o` through a link is the user's own choice.
    let mine = f.path("mine.xlsx");
    std::os::unix::fs::symlink(&mine, shared.join("link.xlsx")).unwrap();
    let out = command(&f.board, &["export", "--format", "xlsx", "-o", "link.xlsx"])
        .current_dir(&shared)
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(std::fs::read(&mine).unwrap().starts_with(b"PK"));
}
