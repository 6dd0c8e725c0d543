use super::*;
use crate::model::Stamp;
use crate::model::decision::{FollowRef, NewDecision, Source};
use chrono::{FixedOffset, TimeZone};

fn stamp(m: u32, d: u32) -> Stamp {
    Stamp {
        author: "督查室".into(),
        at: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2023, m, d, 10, 0, 0)
            .unwrap(),
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

fn view(today: NaiveDate) -> View<'static> {
    View {
        lang: Lang::Zh,
        date_format: "%Y-%m-%d",
        today,
    }
}

fn meeting(f: &mut Follow, text: &str, due: NaiveDate, meeting: Option<NaiveDate>) -> String {
    f.decide(
        NewDecision {
            on: f.task.to_string().parse().unwrap(),
            text: text.into(),
            unit: "区旧改办".into(),
            due: Some(due),
            meeting,
            source: None,
        },
        &stamp(10, 5),
    )
    .unwrap()
}

#[test]
fn the_section_gives_each_meeting_its_rate_and_lists_open_decisions_with_their_age() {
    let board = crate::seed::board(crate::model::default_statuses(), stamp(1, 1).at);
    let mut f = Follow::new(15);
    let a = meeting(&mut f, "一", day(10, 12), Some(day(10, 5)));
    let b = meeting(&mut f, "二", day(10, 10), Some(day(10, 5)));
    meeting(&mut f, "三", day(10, 20), Some(day(10, 5)));
    meeting(&mut f, "四", day(10, 20), None);
    f.close(&a, DecisionState::Done, "", "台账", &stamp(10, 12))
        .unwrap();
    f.close(&b, DecisionState::Done, "", "", &stamp(10, 12))
        .unwrap();
    let md = section(&board, &[f], &view(day(10, 12)));
    assert!(
        md.contains("| 2023-10-05 例会 | 3 | 2 | 1 | 1 | 0 | 1 | 67% |"),
        "{md}"
    );
    assert!(
        md.contains("| 会外议定 | 1 | 0 | 0 | 0 | 0 | 1 | 0% |"),
        "{md}"
    );
    assert!(md.contains("D15-3 \\[未办结\\] 15 三"), "{md}");
    assert!(md.contains("已 7 天"), "{md}");
    assert!(!md.contains("延期事项"), "no extension, no section: {md}");
}

#[test]
fn an_extended_item_shows_its_original_date_count_and_days() {
    let board = crate::seed::board(crate::model::default_statuses(), stamp(1, 1).at);
    let mut f = Follow::new(15);
    let on = FollowRef::parse("15.2").unwrap();
    f.extend(
        &on,
        Some(day(10, 31)),
        day(11, 30),
        "资金未到位",
        "王区长",
        &stamp(10, 20),
    )
    .unwrap();
    f.extend(
        &on,
        Some(day(11, 30)),
        day(12, 15),
        "再延",
        "",
        &stamp(11, 20),
    )
    .unwrap();
    let md = section(&board, &[f.clone()], &view(day(11, 21)));
    assert!(
        md.contains("15.2 原定 2023-10-31，现为 2023-12-15，延期 2 次，共 45 天"),
        "{md}"
    );
    assert_eq!(
        extended(&f, "15.2", &view(day(11, 21))).unwrap(),
        "延期 2 次（共 45 天）"
    );
}

#[test]
fn counts_by_source_cover_tasks_and_decisions() {
    let board = crate::seed::board(crate::model::default_statuses(), stamp(1, 1).at);
    let mut f = Follow::new(15);
    f.set_source(
        &FollowRef::parse("15").unwrap(),
        Source {
            kind: "领导批示".into(),
            set: stamp(9, 1).at,
            ..Source::default()
        },
    )
    .unwrap();
    let a = meeting(&mut f, "一", day(10, 12), None);
    f.close(&a, DecisionState::Done, "", "", &stamp(10, 6))
        .unwrap();
    let rows = by_source(&board, &[f], Lang::Zh);
    assert_eq!(rows[0].kind, "领导批示");
    assert_eq!(
        (
            rows[0].tasks,
            rows[0].decisions.made,
            rows[0].decisions.done
        ),
        (1, 1, 1)
    );
    assert_eq!(rows.last().unwrap().kind, "未标注");
    assert_eq!(rows.last().unwrap().tasks, board.tasks.len() - 1);
}

#[test]
fn urging_reads_count_latest_level_and_date() {
    let mut f = Follow::new(15);
    let on = FollowRef::parse("15").unwrap();
    f.urge(&on, Warning::Blue, "区旧改办", "", None, &stamp(10, 5))
        .unwrap();
    f.urge(&on, Warning::Yellow, "区旧改办", "", None, &stamp(10, 12))
        .unwrap();
    assert_eq!(
        urged(&f, "15", &view(day(10, 13))).unwrap(),
        "催办 2 次（黄），最近 10-12"
    );
    assert_eq!(urged(&f, "15.2", &view(day(10, 13))), None);
}

#[test]
fn a_notice_says_what_is_late_by_how_much_since_when_and_by_when() {
    let mut f = Follow::new(15);
    let on = FollowRef::parse("15.2").unwrap();
    f.urge(&on, Warning::Yellow, "区旧改办", "", None, &stamp(10, 5))
        .unwrap();
    f.urge(
        &on,
        Warning::Red,
        "区旧改办",
        "请抓紧",
        Some(day(10, 20)),
        &stamp(10, 12),
    )
    .unwrap();
    let previous: Vec<&Urge> = f.urges.iter().take(1).collect();
    let facts = NoticeFacts {
        what: "15.2 完成旧改签约".into(),
        due: Some(day(10, 2)),
        behind: Some((80.0, 30.0)),
    };
    let md = notice(&f.urges[1], &facts, &previous, &view(day(10, 12)));
    for want in [
        "# 督办通知单（红色）",
        "编号：U15-2",
        "致：区旧改办",
        "事项：15.2 完成旧改签约",
        "已逾期 10 天（自 2023-10-02 起）",
        "滞后 50 个百分点",
        "此前已催办 1 次，最近一次 2023-10-05（黄）",
        "请于 2023-10-20 前办结",
        "无需另附照片",
        "备注：请抓紧",
        "督办人：督查室",
    ] {
        assert!(md.contains(want), "{want} missing from\n{md}");
    }
    // The Word writer reads it as a titled document.
    let blocks = crate::report::docx::blocks(&md, Lang::Zh);
    assert!(matches!(&blocks[0], crate::report::docx::Block::Title(t) if t.contains("督办通知单")));
}
