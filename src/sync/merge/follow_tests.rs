use super::*;
use crate::model::Stamp;
use crate::model::decision::{DecisionState, FollowRef, NewDecision};
use crate::model::schedule::Warning;
use chrono::{FixedOffset, TimeZone};

fn stamp(who: &str, min: u32) -> Stamp {
    Stamp {
        author: who.into(),
        at: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2023, 10, 5, 10, min, 0)
            .unwrap(),
    }
}

fn decide(f: &mut Follow, text: &str, who: &str, min: u32) -> String {
    f.decide(
        NewDecision {
            on: "15".parse().unwrap(),
            text: text.into(),
            unit: "区旧改办".into(),
            due: None,
            meeting: None,
            source: None,
        },
        &stamp(who, min),
    )
    .unwrap()
}

#[test]
fn decisions_made_on_both_sides_with_the_same_id_are_both_kept_in_either_order() {
    let mut base = Follow::new(15);
    decide(&mut base, "共同", "a", 0);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let o = decide(&mut ours, "甲方议定", "zhang", 1);
    let t = decide(&mut theirs, "乙方议定", "li", 2);
    assert_eq!(o, t, "both took D15-2");
    ours.urge(
        &FollowRef::Decision(o.clone()),
        Warning::Red,
        "",
        "",
        None,
        &stamp("zhang", 3),
    )
    .unwrap();
    theirs
        .extend(
            &FollowRef::Decision(t.clone()),
            None,
            chrono::NaiveDate::from_ymd_opt(2023, 11, 1).unwrap(),
            "理由",
            "",
            &stamp("li", 4),
        )
        .unwrap();
    let m1 = merge_follow(Some(&base), &ours, &theirs);
    let m2 = merge_follow(Some(&base), &theirs, &ours);
    assert_eq!(m1, m2, "symmetric");
    let texts: Vec<(&str, &str)> = m1
        .decisions
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("D15-1", "共同"),
            ("D15-2", "甲方议定"),
            ("D15-3", "乙方议定")
        ]
    );
    // Each side's notices and extensions follow their decision.
    assert_eq!(m1.urges[0].on, "D15-2");
    assert_eq!(m1.extensions[0].on, "D15-3");
}

#[test]
fn a_decision_changed_on_one_side_takes_that_change_and_both_changed_takes_the_later() {
    let mut base = Follow::new(15);
    let id = decide(&mut base, "共同", "a", 0);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.close(&id, DecisionState::Done, "已办", "台账", &stamp("zhang", 5))
        .unwrap();
    let m = merge_follow(Some(&base), &ours, &theirs);
    assert_eq!(m.decision(&id).unwrap().state, DecisionState::Done);
    theirs
        .close(&id, DecisionState::Dropped, "不再需要", "", &stamp("li", 9))
        .unwrap();
    let m1 = merge_follow(Some(&base), &ours, &theirs);
    let m2 = merge_follow(Some(&base), &theirs, &ours);
    assert_eq!(m1, m2);
    assert_eq!(
        m1.decision(&id).unwrap().state,
        DecisionState::Dropped,
        "the later change"
    );
}

#[test]
fn the_same_urge_on_both_sides_is_kept_once_and_a_file_merged_through_the_driver_parses() {
    let mut base = Follow::new(15);
    decide(&mut base, "共同", "a", 0);
    let mut ours = base.clone();
    ours.urge(
        &FollowRef::parse("15").unwrap(),
        Warning::Yellow,
        "",
        "",
        None,
        &stamp("z", 1),
    )
    .unwrap();
    let theirs = ours.clone();
    let text = crate::sync::merge::merge_text(
        crate::sync::merge::FileKind::Follow,
        std::path::Path::new("follow/15.toml"),
        Some(crate::store::follow_toml(&base).as_bytes()),
        crate::store::follow_toml(&ours).as_bytes(),
        crate::store::follow_toml(&theirs).as_bytes(),
    )
    .unwrap();
    let back: Follow = toml::from_str(&text).unwrap();
    assert_eq!(back.urges.len(), 1);
    assert_eq!(
        crate::sync::merge::FileKind::of(std::path::Path::new("b/follow/15.toml")),
        Some(crate::sync::merge::FileKind::Follow)
    );
}
