use super::*;
use chrono::TimeZone;

fn stamp(day: u32) -> Stamp {
    Stamp {
        author: "督查室".into(),
        at: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2024, 10, day, 9, 0, 0)
            .unwrap(),
    }
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).unwrap()
}

fn new(text: &str, due: Option<NaiveDate>) -> NewDecision {
    NewDecision {
        on: "15.2".parse().unwrap(),
        text: text.into(),
        unit: "区旧改办".into(),
        due,
        meeting: Some(date(10, 5)),
        source: None,
    }
}

#[test]
fn decisions_are_numbered_per_task_and_closed_with_evidence() {
    let mut f = Follow::new(15);
    let a = f
        .decide(new("加快签约", Some(date(10, 20))), &stamp(5))
        .unwrap();
    let b = f.decide(new("协调资金", None), &stamp(5)).unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("D15-1", "D15-2"));
    assert!(
        f.close(&a, DecisionState::Done, "已签约", "签约台账", &stamp(18))
            .unwrap()
    );
    assert!(
        !f.close(&a, DecisionState::Done, "已签约", "签约台账", &stamp(19))
            .unwrap()
    );
    let d = f.decision(&a).unwrap();
    assert_eq!(d.evidence, "签约台账");
    assert!(d.on_time());
    assert_eq!(
        f.close("D15-9", DecisionState::Done, "", "", &stamp(18)),
        Err(ModelError::BadRef("D15-9".into()))
    );
    assert_eq!(
        f.decide(new("  ", None), &stamp(5)),
        Err(ModelError::EmptyNote)
    );
}

#[test]
fn a_decision_closed_after_its_date_is_late_and_the_rate_counts_it() {
    let mut f = Follow::new(15);
    let a = f.decide(new("一", Some(date(10, 10))), &stamp(5)).unwrap();
    let b = f.decide(new("二", Some(date(10, 30))), &stamp(5)).unwrap();
    let c = f.decide(new("三", None), &stamp(5)).unwrap();
    f.decide(new("四", None), &stamp(5)).unwrap();
    f.close(&a, DecisionState::Done, "", "", &stamp(12))
        .unwrap();
    f.close(&b, DecisionState::Done, "", "", &stamp(12))
        .unwrap();
    f.close(&c, DecisionState::Dropped, "情况变化", "", &stamp(12))
        .unwrap();
    let r = Rate::of(&f.decisions);
    assert_eq!(
        (r.made, r.done, r.on_time, r.late, r.dropped, r.open),
        (4, 2, 1, 1, 1, 1)
    );
    assert_eq!(r.percent(), Some(50.0));
    assert_eq!(Rate::of(&[]).percent(), None);
}

#[test]
fn an_extension_keeps_the_original_date_and_moves_a_decision() {
    let mut f = Follow::new(15);
    let a = f.decide(new("一", Some(date(10, 10))), &stamp(5)).unwrap();
    let on = FollowRef::parse(&a.to_lowercase()).unwrap();
    assert_eq!(on, FollowRef::Decision(a.clone()));
    f.extend(
        &on,
        Some(date(10, 10)),
        date(10, 31),
        "资金未到位",
        "王区长",
        &stamp(9),
    )
    .unwrap();
    assert_eq!(f.decision(&a).unwrap().due, Some(date(10, 31)));
    let ext: Vec<_> = f.extensions_of(&a).collect();
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0].from, Some(date(10, 10)));
    assert_eq!(
        f.extend(&on, None, date(11, 1), " ", "", &stamp(9)),
        Err(ModelError::EmptyNote)
    );
}

#[test]
fn follow_refs_tell_decisions_from_items() {
    assert_eq!(FollowRef::parse("15.2").unwrap().key(), "15.2");
    assert_eq!(FollowRef::parse("D15-2").unwrap().task(), 15);
    assert!(FollowRef::parse("D15").is_err());
    assert!(FollowRef::parse("x").is_err());
    assert!(!is_decision_id("D0-1"));
}

#[test]
fn the_rule_escalates_from_blue_to_yellow_to_red() {
    let rule = UrgeRule::default();
    let today = date(10, 12);
    let facts = |due, behind, last_yellow, last_change| UrgeFacts {
        due,
        done: false,
        behind,
        last_yellow,
        last_change,
    };
    assert_eq!(
        rule.propose(&facts(Some(date(12, 31)), false, None, None), today),
        None
    );
    assert_eq!(
        rule.propose(&facts(Some(date(10, 20)), false, None, None), today),
        Some(Warning::Blue)
    );
    assert_eq!(
        rule.propose(&facts(Some(date(12, 31)), true, None, None), today),
        Some(Warning::Yellow)
    );
    assert_eq!(
        rule.propose(&facts(Some(date(10, 11)), false, None, None), today),
        Some(Warning::Red)
    );
    // A yellow notice unanswered for a week: red; answered (a change after it): still yellow.
    let unanswered = facts(
        Some(date(12, 31)),
        true,
        Some(date(10, 5)),
        Some(date(10, 1)),
    );
    assert_eq!(rule.propose(&unanswered, today), Some(Warning::Red));
    let answered = facts(
        Some(date(12, 31)),
        true,
        Some(date(10, 5)),
        Some(date(10, 8)),
    );
    assert_eq!(rule.propose(&answered, today), Some(Warning::Yellow));
    let done = UrgeFacts {
        done: true,
        ..unanswered
    };
    assert_eq!(rule.propose(&done, today), None);
}

#[test]
fn urges_are_numbered_and_listed_by_item() {
    let mut f = Follow::new(15);
    let on = FollowRef::parse("15").unwrap();
    let a = f
        .urge(&on, Warning::Yellow, "区旧改办", "", None, &stamp(5))
        .unwrap();
    let b = f
        .urge(
            &on,
            Warning::Red,
            "区旧改办",
            "",
            Some(date(10, 20)),
            &stamp(12),
        )
        .unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("U15-1", "U15-2"));
    assert_eq!(f.urges_of("15").count(), 2);
    assert!(
        f.urge(
            &FollowRef::Decision("D15-1".into()),
            Warning::Red,
            "",
            "",
            None,
            &stamp(5)
        )
        .is_err()
    );
}

#[test]
fn a_follow_file_round_trips_through_toml() {
    let mut f = Follow::new(15);
    let a = f
        .decide(new("加快签约", Some(date(10, 20))), &stamp(5))
        .unwrap();
    f.extend(
        &FollowRef::Decision(a),
        Some(date(10, 20)),
        date(11, 20),
        "原因",
        "",
        &stamp(6),
    )
    .unwrap();
    f.urge(
        &FollowRef::parse("15").unwrap(),
        Warning::Blue,
        "区旧改办",
        "请报进展",
        None,
        &stamp(7),
    )
    .unwrap();
    f.set_source(
        &FollowRef::parse("15").unwrap(),
        Source {
            kind: INSTRUCTION.into(),
            text: "抓紧推进".into(),
            by: "区长".into(),
            date: Some(date(9, 1)),
            feedback: None,
            set: stamp(7).at,
        },
    )
    .unwrap();
    let text = toml::to_string(&f).unwrap();
    let back: Follow = toml::from_str(&text).unwrap();
    assert_eq!(back, f);
}
