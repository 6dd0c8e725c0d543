//! The weekly report on a board built in code: the seed with changes spread over two weeks and
//! a review meeting with conclusions, next steps and needs-coordination items.

use super::*;
use crate::model::review::{Review, ReviewScope};
use crate::model::{Board, ItemRef, Stamp, Summary, default_statuses};
use chrono::NaiveDate;

fn at(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn r(s: &str) -> ItemRef {
    s.parse().expect("a test ref")
}

fn by(author: &str, t: &str) -> Stamp {
    Stamp {
        author: author.into(),
        at: at(t),
    }
}

fn zh() -> Options {
    Options::new(Lang::Zh, FixedOffset::east_opt(8 * 3600))
}

/// The seed (imported 09-20), then two weeks of changes: before the period (up to 10-05
/// 11:30, when the previous review ended) and in it.
fn board() -> Board {
    let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
    // Before the period.
    b.set_status(r("15"), "doing", &by("李明", "2023-09-28T10:00:00+08:00"))
        .unwrap();
    b.add_note(
        r("15.1"),
        "旧改基地摸底完成",
        None,
        &by("李明", "2023-10-03T15:00:00+08:00"),
    )
    .unwrap();
    // In the period.
    b.set_status(r("3"), "behind", &by("王芳", "2023-10-09T10:00:00+08:00"))
        .unwrap();
    b.set_status(r("5"), "doing", &by("张伟", "2023-10-09T11:00:00+08:00"))
        .unwrap();
    b.add_note(
        r("15.2"),
        "邯郸路500弄签约完成\n- 第二批居民已搬迁\n1. 下周启动拆除",
        Some("杨府办发〔2023〕12号"),
        &by("王芳", "2023-10-10T11:00:00+08:00"),
    )
    .unwrap();
    b.add_note(
        r("15"),
        "美丽家园 | 20 万平方米",
        None,
        &by("王芳", "2023-10-10T16:00:00+08:00"),
    )
    .unwrap();
    b.set_target(
        15,
        "15.1",
        Some(30000.0),
        &by("李明", "2023-10-11T09:00:00+08:00"),
    )
    .unwrap();
    b.set_status(r("15.2"), "done", &by("张伟", "2023-10-11T09:30:00+08:00"))
        .unwrap();
    // A title with a pipe must not split its table row.
    b.task_mut(20).unwrap().title = "推进 A|B 两项工作".into();
    b
}

fn review(b: &Board) -> Review {
    let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
    let date: NaiveDate = "2023-10-12".parse().unwrap();
    let mut rv = Review::new(
        date,
        ReviewScope::All,
        None,
        &b.meta,
        &sums,
        at("2023-10-12T09:00:00+08:00"),
        "李明",
    );
    rv.since = Some(at("2023-10-05T11:30:00+08:00"));
    rv.finished = Some(at("2023-10-12T11:00:00+08:00"));
    let i = rv.item_mut(15);
    i.reviewed = true;
    i.conclusion = "按计划推进，签约进度良好".into();
    i.next_step = "完成凤南一村签约".into();
    i.owner = "区住房保障局".into();
    i.due = Some("2023-10-31".parse().unwrap());
    let i = rv.item_mut(3);
    i.reviewed = true;
    i.conclusion = "进度滞后".into();
    i.coordination = Some("需规划资源局协调用地".into());
    // Task 8 did not change, but the meeting said something about it.
    rv.item_mut(8).next_step = "月底前报送方案".into();
    rv
}

fn period() -> Period {
    Period::after(
        Some(at("2023-10-05T11:30:00+08:00")),
        at("2023-10-12T11:00:00+08:00"),
    )
}

fn report_zh() -> String {
    let b = board();
    weekly(&b, Some(&review(&b)), &period(), &zh())
}

/// The text of one `### N. ...` section.
fn section(report: &str, number: u32) -> &str {
    let head = format!("\n### {number}. ");
    let start = report
        .find(&head)
        .unwrap_or_else(|| panic!("no section {number}:\n{report}"));
    let rest = &report[start + 1..];
    let end = rest[1..].find("\n#").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn title_and_summary() {
    let md = report_zh();
    assert!(
        md.starts_with("# 2023 年区委、区政府重点工作任务 周报（2023-10-05 至 2023-10-12）\n"),
        "{md}"
    );
    assert!(md.contains("## 概况"));
    assert!(
        md.contains("- 任务：共 22 项；未启动 19 · 推进中 2 · 滞后 1 · 已完成 0"),
        "{md}"
    );
    // 3, 5 status; 15: two notes, a target, a measure status = 6 changes in 3 tasks.
    assert!(md.contains("- 本期变更：6 项，涉及 3 项任务"), "{md}");
    assert!(md.contains("状态调整 3 · 新增佐证 2 · 指标更新 1"), "{md}");
    assert!(md.contains("- 逾期：无"));
    assert!(md.contains("- 周例会：2023-10-12，已过会 2/22 项"), "{md}");
}

#[test]
fn a_changed_task_shows_status_change_progress_targets_evidence_and_conclusion() {
    let md = report_zh();
    let s15 = section(&md, 15);
    // Task 15 was set to 推进中 before the period: no "本期由" for it.
    assert!(s15.contains("- 状态：推进中\n"), "{s15}");
    assert!(s15.contains("- 进度（措施完成）：1/4"), "{s15}");
    assert!(s15.contains("15.2 状态 未启动 → 已完成"), "{s15}");
    assert!(
        s15.contains("  - 居民旧住房改造：30000 / 74000平方米（本期由 — 更新）"),
        "{s15}"
    );
    assert!(s15.contains("  - 多层住宅加装电梯任务：— / 200台"), "{s15}");
    assert!(s15.contains("- 本期佐证（2 条）："), "{s15}");
    assert!(s15.contains("  - 2023-10-10 王芳 · 15.2（出处：杨府办发〔2023〕12号）\n"));
    assert!(s15.contains("- 例会结论（2023-10-12）：按计划推进，签约进度良好"));
    assert!(
        s15.contains("- 下一步：完成凤南一村签约（责任人：区住房保障局，完成时限：2023-10-31）")
    );
    let s3 = section(&md, 3);
    assert!(s3.contains("- 状态：滞后（本期由 未启动 调整）"), "{s3}");
    assert!(s3.contains("- 需协调：需规划资源局协调用地"), "{s3}");
    // Unchanged, but discussed at the meeting.
    assert!(section(&md, 8).contains("- 下一步：月底前报送方案"));
}

#[test]
fn changes_before_the_period_are_absent() {
    let md = report_zh();
    assert!(
        !md.contains("旧改基地摸底完成"),
        "the note of 10-03 is before the period"
    );
    assert!(!md.contains("李明 · 15.1"));
    assert!(
        !section(&md, 15).contains("本期由 未启动"),
        "15's status changed 09-28"
    );
}

#[test]
fn multi_line_notes_are_quoted_and_text_is_escaped() {
    let md = report_zh();
    let s15 = section(&md, 15);
    assert!(
        s15.contains(
            "    > 邯郸路500弄签约完成\\\n    > \\- 第二批居民已搬迁\\\n    > 1\\. 下周启动拆除\n"
        ),
        "{s15}"
    );
    assert!(s15.contains("美丽家园 \\| 20 万平方米"), "{s15}");
    assert!(
        md.contains("| 20 | 推进 A\\|B 两项工作 | 未启动 | 0/"),
        "{md}"
    );
}

#[test]
fn every_task_appears_once_and_quiet_ones_in_the_table() {
    let md = report_zh();
    let table_start = md.find("## 其他任务").expect("other tasks heading");
    let coordination = md.find("## 需协调事项").expect("coordination heading");
    assert!(table_start < coordination);
    let table = &md[table_start..coordination];
    for n in 1..=22u32 {
        let in_section = md.contains(&format!("\n### {n}. "));
        let in_table = table.contains(&format!("\n| {n} | "));
        assert!(
            in_section != in_table,
            "task {n}: section {in_section}, table {in_table}"
        );
    }
    for n in [3, 5, 8, 15] {
        assert!(
            md.contains(&format!("\n### {n}. ")),
            "task {n} has a section"
        );
    }
    assert!(table.contains("| ---: | --- | --- | ---: | --- |"));
}

#[test]
fn needs_coordination_items_close_the_report() {
    let md = report_zh();
    let at_end = &md[md.find("## 需协调事项").unwrap()..];
    assert!(
        at_end.contains("\n1. **3. 加快重点区域开发**：需规划资源局协调用地\n"),
        "{at_end}"
    );
    assert!(
        !at_end.contains("\n## "),
        "nothing after the coordination list"
    );
    let b = board();
    let none = weekly(&b, None, &period(), &zh());
    assert!(
        none.ends_with("## 需协调事项\n\n本期无周例会记录。\n"),
        "{none}"
    );
    assert!(!none.contains("例会结论"));
}

#[test]
fn english_headings_and_words() {
    let b = board();
    let opts = Options::new(Lang::En, FixedOffset::east_opt(8 * 3600));
    let md = weekly(&b, Some(&review(&b)), &period(), &opts);
    assert!(
        md.contains(" weekly report (2023-10-05 to 2023-10-12)\n"),
        "{md}"
    );
    for h in [
        "## Summary",
        "## Progress this period",
        "## Other tasks",
        "## Needs coordination",
    ] {
        assert!(md.contains(h), "{h} in\n{md}");
    }
    assert!(md.contains("- Tasks: 22; not started 19 · in progress 2 · behind 1 · done 0"));
    assert!(
        md.contains("- Status: behind (changed this period from not started)"),
        "{md}"
    );
    assert!(
        md.contains("(owner: 区住房保障局, due: 2023-10-31)"),
        "{md}"
    );
    assert!(
        !md.contains("本期"),
        "no Chinese words of the report in English"
    );
}

#[test]
fn periods_include_or_exclude_their_start() {
    let start = at("2023-10-05T00:00:00+08:00");
    let end = at("2023-10-12T00:00:00+08:00");
    assert!(Period::starting(start, end).contains(start));
    assert!(!Period::after(Some(start), end).contains(start));
    assert!(Period::after(None, end).contains(at("2020-01-01T00:00:00+08:00")));
    assert!(!Period::after(None, end).contains(at("2023-10-12T00:00:01+08:00")));
}

#[test]
fn a_first_review_without_a_start_covers_everything_since_the_import() {
    let b = board();
    let p = Period::after(None, at("2023-10-12T11:00:00+08:00"));
    let md = weekly(&b, None, &p, &zh());
    assert!(md.contains("周报（2023-09-20 至 2023-10-12）"), "{md}");
    assert!(md.contains("旧改基地摸底完成"));
    assert!(md.contains("- 状态：推进中（本期由 未启动 调整）"));
}

#[test]
fn inline_and_block_escaping() {
    assert_eq!(
        inline("a|b *c* _d_ `e` <f> [g]"),
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<f\\> \\[g\\]"
    );
    assert_eq!(inline("一\n二"), "一 二");
    assert_eq!(block_line("# 标题"), "\\# 标题");
    assert_eq!(block_line("- 项"), "\\- 项");
    assert_eq!(block_line("12) 项"), "12\\) 项");
    assert_eq!(block_line("2023年"), "2023年");
    assert_eq!(block_line("-5 度"), "-5 度");
}

#[test]
fn a_coordination_item_carries_its_own_owner_and_date_not_the_next_step_s() {
    let b = board();
    let mut rv = review(&b);
    let i = rv.item_mut(15);
    i.coordination = Some("需区财政局安排资金".into());
    i.coordination_owner = "区财政局".into();
    i.coordination_due = "2023-11-15".parse().ok();
    let md = weekly(&b, Some(&rv), &period(), &zh());
    let at_end = &md[md.find("## 需协调事项").unwrap()..];
    let line = at_end
        .lines()
        .find(|l| l.contains("需区财政局安排资金"))
        .unwrap_or_else(|| panic!("{at_end}"));
    assert!(
        line.contains("区财政局") && line.contains("2023-11-15"),
        "{line}"
    );
    assert!(
        !line.contains("区住房保障局") && !line.contains("2023-10-31"),
        "{line}"
    );
    // Task 3's item has no owner: none is borrowed from anywhere.
    let l3 = at_end.lines().find(|l| l.contains("**3. ")).unwrap();
    assert!(!l3.contains("责任人"), "{l3}");
    // In the task's section too.
    let s15 = section(&md, 15);
    let c = s15.lines().find(|l| l.contains("需协调")).unwrap();
    assert!(c.contains("区财政局") && !c.contains("区住房保障局"), "{c}");
}

#[test]
fn closing_without_evidence_gives_its_reason_and_a_closed_measure_its_evidence() {
    let mut b = board();
    let st = by("赵丽", "2023-10-11T14:00:00+08:00");
    b.set_status(r("15.3"), "done", &st).unwrap();
    b.record_closing_reason(r("15.3"), "任务调整，由市级统筹", &st)
        .unwrap();
    b.set_status(r("7"), "done", &st).unwrap();
    b.record_closing_reason(r("7"), "并入任务 6", &st).unwrap();
    let md = weekly(&b, Some(&review(&b)), &period(), &zh());
    let s15 = section(&md, 15);
    let l153 = s15.lines().find(|l| l.contains("15.3 状态")).unwrap();
    assert!(
        l153.contains("（无佐证销号：任务调整，由市级统筹）"),
        "{l153}"
    );
    // 15.2 was closed on a note with a reference: the report says which.
    let l152 = s15.lines().find(|l| l.contains("15.2 状态")).unwrap();
    assert!(l152.contains("（佐证：杨府办发〔2023〕12号）"), "{l152}");
    let s7 = section(&md, 7);
    assert!(
        s7.contains("- 状态：已完成（本期由 未启动 调整）（无佐证销号：并入任务 6）"),
        "{s7}"
    );
}

#[test]
fn the_report_shows_the_net_change_of_the_period_not_each_undo() {
    let mut b = board();
    // Task 5 went doing in the period; then someone moved it on and undid it, twice.
    for (t, to) in [
        ("2023-10-10T09:00:00+08:00", "behind"),
        ("2023-10-10T09:01:00+08:00", "doing"),
        ("2023-10-10T09:02:00+08:00", "behind"),
        ("2023-10-10T09:03:00+08:00", "doing"),
    ] {
        b.set_status(r("5"), to, &by("张伟", t)).unwrap();
    }
    let md = weekly(&b, Some(&review(&b)), &period(), &zh());
    let s5 = section(&md, 5);
    assert!(s5.contains("- 状态：推进中（本期由 未启动 调整）"), "{s5}");
    assert!(!s5.contains("滞后"), "{s5}");
    // The summary counts one status change for task 5, as before the back and forth.
    let plain = weekly(&board(), Some(&review(&board())), &period(), &zh());
    let line = |m: &str| {
        m.lines()
            .find(|l| l.starts_with("- 本期变更"))
            .map(str::to_string)
    };
    assert!(line(&md).is_some(), "{md}");
    assert_eq!(line(&md), line(&plain));
}
