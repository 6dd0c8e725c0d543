use super::encode::EXCEL_MAX_UNITS;
use super::*;
use crate::model::{ItemRef, Stamp, default_statuses};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a valid time")
}

fn stamp(author: &str, t: &str) -> Stamp {
    Stamp {
        author: author.into(),
        at: at(t),
    }
}

fn item(task: u32, sub: Option<u32>) -> ItemRef {
    ItemRef { task, sub }
}

/// The seed board with task 15 in progress, three notes (two sharing a reference) and
/// target 15.4 at 120.
fn board() -> Board {
    let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
    let li = stamp("li", "2023-10-08T01:30:00Z");
    let wang = stamp("wang", "2023-10-10T03:05:00Z");
    b.set_status(item(15, None), "doing", &li).unwrap();
    let doc = "沪杨府〔2023〕12号";
    let notes = [
        (Some(2), "完成签约\x1b[31m", doc, li),
        (None, "第二份", doc, stamp("li", "2023-10-09T02:00:00Z")),
        (Some(4), "加装电梯\n已开工 120 台", "a.pdf", wang.clone()),
    ];
    for (sub, text, r, s) in notes {
        b.add_note(item(15, sub), text, Some(r), &s).unwrap();
    }
    b.set_target(15, "15.4", Some(120.0), &wang).unwrap();
    b
}

fn zh(b: &Board, level: Level) -> Vec<Vec<String>> {
    let tz = FixedOffset::east_opt(8 * 3600);
    rows(b, level, Lang::Zh, tz, "%Y-%m-%d", None)
}

#[test]
fn an_item_closed_without_evidence_shows_the_reason_in_progress_and_evidence() {
    let mut b = board();
    let st = stamp("zhao", "2023-10-11T06:00:00Z");
    b.set_status(item(15, Some(3)), "done", &st).unwrap();
    b.record_closing_reason(item(15, Some(3)), "任务调整，由市级统筹", &st)
        .unwrap();
    b.set_status(item(7, None), "done", &st).unwrap();
    b.record_closing_reason(item(7, None), "并入任务 6", &st)
        .unwrap();
    let rows = zh(&b, Level::Measure);
    let m = rows.iter().find(|r| r[0] == "15.3").unwrap();
    assert_eq!(m[7], "2023-10-11 无佐证销号：任务调整，由市级统筹");
    assert_eq!(m[8], "无（无佐证销号）");
    // A measure closed on evidence keeps showing it.
    let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
    assert!(m2[8].contains("沪杨府〔2023〕12号"), "{m2:?}");
    let tasks = zh(&b, Level::Task);
    assert_eq!(tasks[6][7], "2023-10-11 无佐证销号：并入任务 6");
    assert_eq!(tasks[6][8], "无（无佐证销号）");
    // Reopened, the reason no longer applies.
    b.set_status(item(7, None), "doing", &st).unwrap();
    let tasks = zh(&b, Level::Task);
    assert_eq!(tasks[6][7], "");
    assert_eq!(tasks[6][8], "");
}

/// 进展情况 holds the evidence of the period, oldest first; a period that brought none
/// shows the latest note, so the cell still says where the item stands.
#[test]
fn progress_lists_the_evidence_of_the_period() {
    let b = board();
    let tz = FixedOffset::east_opt(8 * 3600);
    let week = Period::starting(
        at("2023-10-09T00:00:00+08:00"),
        at("2023-10-12T12:00:00+08:00"),
    );
    let rows = rows(&b, Level::Task, Lang::Zh, tz, "%Y-%m-%d", Some(&week));
    assert_eq!(
        rows[14][7],
        "2023-10-09 第二份\n2023-10-10（15.4）加装电梯\n已开工 120 台"
    );
    let quiet = Period::after(
        Some(at("2023-10-11T00:00:00+08:00")),
        at("2023-10-12T12:00:00+08:00"),
    );
    let rows = super::rows(&b, Level::Task, Lang::Zh, tz, "%Y-%m-%d", Some(&quiet));
    assert_eq!(rows[14][7], "2023-10-10（15.4）加装电梯\n已开工 120 台");
    // A measure's row: only its own notes of the period.
    let rows = super::rows(&b, Level::Measure, Lang::Zh, tz, "%Y-%m-%d", Some(&week));
    let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
    assert_eq!(
        m2[7], "2023-10-08 完成签约^[[31m",
        "none in the week: the latest"
    );
}

#[test]
fn headers_in_both_languages() {
    let h = headers(Lang::Zh);
    assert_eq!(h.len(), 12);
    assert_eq!(&h[..3], ["序号", "任务", "具体举措"]);
    assert_eq!(&h[9..], ["指标", "更新时间", "更新人"]);
    let e = headers(Lang::En);
    assert_eq!(e[0], "No.");
    assert_eq!(e[4], "Partner units");
    assert_eq!(e[11], "Updated by");
}

#[test]
fn task_15_row_holds_the_latest_note_references_and_targets() {
    let b = board();
    let rows = zh(&b, Level::Task);
    assert_eq!(rows.len(), 22);
    let r = &rows[14];
    let task = b.task(15).unwrap();
    assert_eq!(r[0], "15");
    assert_eq!(r[1], "加快推动城市更新");
    let measures: Vec<&str> = r[2].lines().collect();
    assert_eq!(measures.len(), task.measures.len());
    assert!(measures[1].starts_with("15.2 "), "{}", r[2]);
    assert_eq!(r[6], "推进中");
    assert_eq!(r[7], "2023-10-10（15.4）加装电梯\n已开工 120 台");
    assert_eq!(r[8], "沪杨府〔2023〕12号\na.pdf");
    let label = &task.target("15.4").unwrap().label;
    let wanted = format!("{label}：120 / 200台");
    assert!(r[9].lines().any(|l| l == wanted), "{}", r[9]);
    assert_eq!(r[9].lines().count(), task.targets.len());
    assert_eq!(r[10], "2023-10-10 11:05");
    assert_eq!(r[11], "wang");
    // An untouched task: import time, no notes.
    assert_eq!(rows[0][7], "");
    assert_eq!(rows[0][10], "2023-09-20 09:00");
}

#[test]
fn english_rows_use_english_status_names() {
    let rows = rows(&board(), Level::Task, Lang::En, None, "%Y-%m-%d", None);
    assert_eq!(rows[14][6], "in progress");
    assert!(rows[14][7].ends_with("(15.4) 加装电梯\n已开工 120 台"));
}

#[test]
fn measure_rows_have_their_own_status_notes_and_targets() {
    let mut b = board();
    b.set_status(
        item(15, Some(2)),
        "done",
        &stamp("zhao", "2023-10-11T00:00:00Z"),
    )
    .unwrap();
    b.tasks[14].lead = vec!["区建管委".into(), "区房管局".into()];
    let rows = zh(&b, Level::Measure);
    let total: usize = b.tasks.iter().map(|t| t.measures.len()).sum();
    assert_eq!(total, 126, "the seed's measures");
    assert_eq!(rows.len(), total);
    let m2 = rows.iter().find(|r| r[0] == "15.2").unwrap();
    assert_eq!(m2[1], "加快推动城市更新");
    assert_eq!(m2[2], b.task(15).unwrap().measure("15.2").unwrap().text);
    assert_eq!(m2[3], "区建管委、区房管局");
    assert_eq!(m2[6], "已完成");
    assert_eq!(m2[7], "2023-10-08 完成签约^[[31m");
    assert_eq!(m2[8], "沪杨府〔2023〕12号");
    assert_eq!(
        (m2[10].as_str(), m2[11].as_str()),
        ("2023-10-11 08:00", "zhao")
    );
    // Target 15.4 (200台) belongs to the sentence that named it, not to measure 15.4.
    let owner = b.task(15).unwrap().target("15.4").unwrap().measure.clone();
    let owner = owner.expect("the 200台 target has a measure");
    assert_ne!(owner, "15.4");
    let m = rows.iter().find(|r| r[0] == owner).unwrap();
    assert!(
        m[9].lines().any(|l| l.ends_with("：120 / 200台")),
        "{}",
        m[9]
    );
    assert_eq!((m[6].as_str(), m[7].as_str()), ("未启动", ""));
    assert_eq!(
        (m[10].as_str(), m[11].as_str()),
        ("2023-10-10 11:05", "wang")
    );
    let m4 = rows.iter().find(|r| r[0] == "15.4").unwrap();
    assert!(!m4[9].contains("200台"), "{}", m4[9]);
    assert_eq!(m4[7], "2023-10-10 加装电梯\n已开工 120 台");
}

#[test]
fn formula_like_cells_are_protected() {
    for bad in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"] {
        assert_eq!(csv_safe(bad), format!("'{bad}"));
    }
    assert_eq!(csv_safe("完成 =1"), "完成 =1");
    let mut b = board();
    let s = stamp("li", "2023-10-12T00:00:00Z");
    b.add_note(item(3, None), "=cmd|' /C calc'!A0", None, &s)
        .unwrap();
    let rows = zh(&b, Level::Task);
    assert!(rows[2][7].ends_with("=cmd|' /C calc'!A0"));
    b.tasks[2].title = "@SUM(1+1)".into();
    let rows = zh(&b, Level::Task);
    let csv = String::from_utf8(to_csv(&headers(Lang::Zh), &rows).unwrap()).unwrap();
    assert!(csv.contains("\r\n3,'@SUM(1+1),"), "{csv}");
    assert!(!csv.contains(",@SUM"));
}

#[test]
fn csv_has_a_bom_crlf_and_quoted_multi_line_cells() {
    let rows = zh(&board(), Level::Task);
    let bytes = to_csv(&headers(Lang::Zh), &rows).unwrap();
    assert!(bytes.starts_with(BOM));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("序号,任务,具体举措,"));
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), 23, "header + 22 rows");
    assert!(text.contains("\"2023-10-10（15.4）加装电梯\n已开工 120 台\""));
}

#[test]
fn column_widths_count_cjk_double_and_are_capped() {
    let rows = vec![vec!["15".into(), "城市更新".into(), "长".repeat(100)]];
    assert_eq!(column_widths(&["No.", "任务", "x"], &rows), [7, 10, 60]);
}

#[test]
fn xlsx_cells_are_cut_to_excel_s_limit() {
    assert_eq!(excel_text("短"), "短");
    let long = "长".repeat(40_000);
    let cut = excel_text(&long);
    assert_eq!(cut.encode_utf16().count(), EXCEL_MAX_UNITS);
    assert!(cut.ends_with('⋯'));
}
