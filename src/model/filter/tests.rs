//! The filter expression: parsing, display, matching.

use super::*;
use crate::model::{SCHEMA, default_statuses};
use proptest::prelude::*;

fn meta() -> BoardMeta {
    BoardMeta {
        schema: SCHEMA,
        title: "t".into(),
        issued: None,
        source: "s".into(),
        created: DateTime::parse_from_rfc3339("2023-01-01T00:00:00+08:00").unwrap(),
        statuses: default_statuses(),
        issuer: None,
        doc_number: None,
        description: None,
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn task(number: u32, status: &str, units: &[&str], deadline: Option<&str>) -> Summary {
    Summary {
        number,
        title: format!("任务{number}"),
        status: status.into(),
        measure_statuses: vec!["todo".into(); 4],
        notes: 0,
        targets: 0,
        deadline: deadline.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        updated: None,
        last_change: None,
        lead: units.iter().take(1).map(|u| u.to_string()).collect(),
        target_ratios: vec![],
        partners: units.iter().skip(1).map(|u| u.to_string()).collect(),
        units: units.iter().map(|u| u.to_string()).collect(),
    }
}

fn facts<'a>(meta: &'a BoardMeta, th: &'a Thresholds, since: Option<&str>) -> Facts<'a> {
    Facts {
        meta,
        today: NaiveDate::from_ymd_opt(2023, 10, 12).unwrap(),
        start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
        thresholds: th,
        since: since.map(at),
        follows: None,
    }
}

#[test]
fn parses_the_example_of_the_issue() {
    let f = Filter::parse("unit:区旧改办 warn:red due:14 status:doing changed").unwrap();
    assert_eq!(f.units, ["区旧改办"]);
    assert_eq!(f.warnings, [WarnKind::Red]);
    assert_eq!(f.due_within, Some(14));
    assert_eq!(f.statuses, ["doing"]);
    assert!(f.changed);
    assert_eq!(
        f.to_string(),
        "unit:区旧改办 warn:red due:14 status:doing changed"
    );
}

#[test]
fn chinese_keys_lists_and_quotes_are_understood() {
    let f = Filter::parse("单位：区旧改办　预警:红,黄 到期:7 状态:推进中 有变化").unwrap();
    assert_eq!(f.units, ["区旧改办"]);
    assert_eq!(f.warnings, [WarnKind::Red, WarnKind::Yellow]);
    assert_eq!(f.due_within, Some(7));
    assert_eq!(f.statuses, ["推进中"]);
    assert!(f.changed);
    let q = Filter::parse(r#"unit:"区 房管局" unit:"a\"b""#).unwrap();
    assert_eq!(q.units, ["区 房管局", "a\"b"]);
    assert_eq!(q.to_string(), r#"unit:"区 房管局" unit:"a\"b""#);
    assert!(Filter::parse("").unwrap().is_empty());
    assert!(Filter::parse("   ").unwrap().is_empty());
}

#[test]
fn bad_expressions_say_what_is_wrong() {
    let e = |s: &str| Filter::parse(s).unwrap_err();
    assert_eq!(e("warn:purple"), FilterError::BadWarning("purple".into()));
    assert_eq!(e("due:soon"), FilterError::BadDays("soon".into()));
    assert_eq!(e("due:-3"), FilterError::BadDays("-3".into()));
    assert_eq!(e("unit:"), FilterError::EmptyValue("unit".into()));
    assert_eq!(e("区旧改办"), FilterError::UnknownWord("区旧改办".into()));
    assert_eq!(e("owner:x"), FilterError::UnknownWord("owner:x".into()));
    assert!(matches!(e(r#"unit:"abc"#), FilterError::UnclosedQuote(_)));
    assert!(e("warn:purple").message(Lang::Zh).contains("purple"));
    assert!(e("warn:purple").to_string().contains("red, yellow"));
}

#[test]
fn statuses_resolve_to_the_boards_keys() {
    let m = meta();
    let f = Filter::parse("status:推进中 status:4").unwrap().resolve(&m);
    assert_eq!(f.unwrap().statuses, ["doing", "done"]);
    let err = Filter::parse("status:暂停")
        .unwrap()
        .resolve(&m)
        .unwrap_err();
    assert!(matches!(err, FilterError::UnknownStatus { .. }), "{err:?}");
    assert!(err.message(Lang::Zh).contains("推进中"));
}

#[test]
fn facets_combine_with_and_values_with_or() {
    let m = meta();
    let th = Thresholds::default();
    let fx = facts(&m, &th, None);
    let a = task(1, "doing", &["区旧改办", "区房管局"], Some("2023-10-20"));
    let b = task(2, "todo", &["区房管局"], Some("2023-12-31"));
    let c = task(3, "done", &["区旧改办"], Some("2023-10-01"));
    let only = |expr: &str| -> Vec<u32> {
        let f = Filter::parse(expr).unwrap().resolve(&m).unwrap();
        [&a, &b, &c]
            .iter()
            .filter(|t| f.matches(t, &fx))
            .map(|t| t.number)
            .collect()
    };
    assert_eq!(only(""), [1, 2, 3]);
    assert_eq!(only("unit:区旧改办"), [1, 3]);
    assert_eq!(only("unit:旧改办"), [1, 3], "part of a name is enough");
    assert_eq!(only("unit:区房管局"), [1, 2], "partner units count");
    assert_eq!(only("unit:区旧改办 status:doing"), [1]);
    assert_eq!(only("status:todo,done"), [2, 3]);
    assert_eq!(only("due:14"), [1], "done tasks are never due");
    assert_eq!(only("due:100"), [1, 2]);
    // Task 1 is 78% through its schedule with nothing done: red; task 2 is 62% through: red.
    assert_eq!(only("warn:red"), [1, 2]);
    assert_eq!(only("warn:overdue"), Vec::<u32>::new());
}

#[test]
fn overdue_and_blue_follow_the_warning_rule() {
    let m = meta();
    let th = Thresholds::default();
    let fx = facts(&m, &th, None);
    let mut late = task(1, "doing", &[], Some("2023-10-01"));
    late.measure_statuses = vec!["done".into(); 4];
    let mut soon = task(2, "doing", &[], Some("2023-10-20"));
    soon.measure_statuses = vec!["done".into(); 4];
    let f = |e: &str| Filter::parse(e).unwrap();
    assert!(f("warn:overdue").matches(&late, &fx));
    assert!(f("warn:red").matches(&late, &fx), "overdue is red");
    assert!(!f("warn:overdue").matches(&soon, &fx));
    assert!(f("warn:blue").matches(&soon, &fx));
    assert!(
        f("due:14").matches(&late, &fx),
        "overdue is within any window"
    );
}

#[test]
fn changed_means_after_the_last_review() {
    let m = meta();
    let th = Thresholds::default();
    let mut t = task(1, "doing", &[], None);
    let f = Filter::parse("changed").unwrap();
    assert!(!f.matches(&t, &facts(&m, &th, None)), "never changed");
    t.last_change = Some(at("2023-10-10T09:00:00+08:00"));
    assert!(
        f.matches(&t, &facts(&m, &th, None)),
        "no review yet: any change"
    );
    assert!(f.matches(&t, &facts(&m, &th, Some("2023-10-05T17:00:00+08:00"))));
    assert!(!f.matches(&t, &facts(&m, &th, Some("2023-10-11T17:00:00+08:00"))));
}

#[test]
fn measures_pass_on_their_own_units_status_and_deadline() {
    let m = meta();
    let today = NaiveDate::from_ymd_opt(2023, 10, 12).unwrap();
    let measure = crate::model::Measure {
        id: "15.2".into(),
        text: "m".into(),
        status: "doing".into(),
        lead: vec!["区旧改办".into()],
        partners: vec!["区房管局".into()],
        deadline: NaiveDate::from_ymd_opt(2023, 10, 20),
        leader: vec![],
    };
    let f = |e: &str| {
        Filter::parse(e)
            .unwrap()
            .matches_measure(&measure, &m, today)
    };
    assert_eq!(f("warn:red changed"), None, "task-only facets say nothing");
    assert_eq!(f("unit:区房管局"), Some(true));
    assert_eq!(f("unit:区科委"), Some(false));
    assert_eq!(f("unit:区旧改办 status:todo"), Some(false));
    assert_eq!(f("status:推进中 due:14"), Some(true));
    assert_eq!(f("due:7"), Some(false));
}

#[test]
fn the_header_label_names_units_and_colours() {
    let m = meta();
    let f = Filter::parse("unit:区旧改办 warn:red").unwrap();
    assert_eq!(f.label(&m, Lang::Zh), "区旧改办 · 红");
    let g = Filter::parse("status:doing due:14 changed").unwrap();
    assert_eq!(g.label(&m, Lang::Zh), "推进中 · 14 天内到期 · 有变化");
    assert_eq!(
        g.label(&m, Lang::En),
        "in progress · due within 14 days · changed"
    );
}

#[test]
fn toggling_adds_and_takes_away() {
    let mut f = Filter::default();
    f.toggle_unit("区旧改办");
    f.toggle_warning(WarnKind::Yellow);
    f.toggle_warning(WarnKind::Red);
    assert_eq!(f.to_string(), "unit:区旧改办 warn:red warn:yellow");
    f.toggle_unit("区旧改办");
    f.toggle_warning(WarnKind::Red);
    f.toggle_warning(WarnKind::Yellow);
    assert!(f.is_empty());
}

#[test]
fn last_review_end_is_the_latest_finished_meeting() {
    assert_eq!(last_review_end(&[]), None);
}

fn value() -> impl Strategy<Value = String> {
    // Any text without control characters, spaces and quotes included, never empty.
    "[^\\p{Cc}]{1,12}".prop_filter("not blank", |s| !s.trim().is_empty())
}

#[test]
fn source_filters_by_the_follow_up_files_kind_in_either_language() {
    use crate::model::decision::{Follow, Source};
    let f = Filter::parse("来源:批示 source:\"人大建议/政协提案\"").unwrap();
    assert_eq!(f.sources, ["批示", "人大建议/政协提案"]);
    assert_eq!(f.to_string(), "source:批示 source:人大建议/政协提案");
    assert_eq!(Filter::parse(&f.to_string()), Ok(f.clone()));
    assert_eq!(
        Filter::parse("source:"),
        Err(FilterError::EmptyValue("source".into()))
    );
    let meta = meta();
    let th = Thresholds::default();
    let mut follows = std::collections::BTreeMap::new();
    for (n, kind) in [(1, "领导批示"), (2, "常务会议")] {
        let mut fo = Follow::new(n);
        fo.source = Some(Source {
            kind: kind.into(),
            set: at("2023-10-01T10:00:00+08:00"),
            ..Source::default()
        });
        follows.insert(n, fo);
    }
    let with = Facts {
        follows: Some(&follows),
        ..facts(&meta, &th, None)
    };
    let tasks: Vec<Summary> = (1..=3).map(|n| task(n, "todo", &[], None)).collect();
    let kept = |expr: &str| -> Vec<u32> {
        let f = Filter::parse(expr).unwrap();
        tasks
            .iter()
            .filter(|t| f.matches(t, &with))
            .map(|t| t.number)
            .collect()
    };
    assert_eq!(kept("来源:批示"), [1]);
    assert_eq!(kept("source:常务会议,领导批示"), [1, 2]);
    assert_eq!(kept("source:none"), [3]);
    assert_eq!(kept("来源:未标注 来源:常务"), [2, 3]);
    assert!(kept("source:上级交办").is_empty());
    // Without the follow-up files no task has a source.
    let bare = facts(&meta, &th, None);
    assert!(
        !Filter::parse("source:批示")
            .unwrap()
            .matches(&tasks[0], &bare)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn display_then_parse_gives_the_same_filter(
        units in proptest::collection::vec(value(), 0..3),
        warn in proptest::collection::vec(proptest::sample::select(WarnKind::ALL.to_vec()), 0..4),
        statuses in proptest::collection::vec(value(), 0..3),
        due in proptest::option::of(0u32..10_000),
        changed in any::<bool>(),
        sources in proptest::collection::vec(value(), 0..3),
    ) {
        let f = Filter { units, warnings: warn, statuses, due_within: due, changed, sources };
        let text = f.to_string();
        let back = Filter::parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&f), "{}", text);
        // And the text is stable: display of the parsed filter is the same text.
        prop_assert_eq!(back.unwrap().to_string(), text);
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,40}") {
        let _ = Filter::parse(&s);
    }
}
