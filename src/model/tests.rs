//! Model tests: references, statuses, notes, targets, values, dates.

use super::*;

fn stamp() -> Stamp {
    Stamp {
        author: "zhang".into(),
        at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
    }
}

fn board() -> Board {
    Board {
        meta: BoardMeta {
            schema: SCHEMA,
            title: "t".into(),
            issued: None,
            source: "s".into(),
            created: stamp().at,
            statuses: default_statuses(),
            issuer: None,
            doc_number: None,
            description: None,
        },
        tasks: vec![Task {
            schema: SCHEMA,
            number: 15,
            title: "加快推动城市更新".into(),
            text: "x".into(),
            status: "todo".into(),
            lead: vec![],
            partners: vec![],
            deadline: None,
            leader: vec![],
            group: vec![],
            measures: vec![Measure {
                id: "15.1".into(),
                text: "m".into(),
                status: "todo".into(),
                lead: vec![],
                partners: vec![],
                deadline: None,
                leader: vec![],
            }],
            targets: vec![Target {
                id: "15.1".into(),
                label: "加装电梯".into(),
                phrase: "200台".into(),
                target: 200.0,
                unit: "台".into(),
                qualifier: None,
                measure: None,
                current: None,
                updated: None,
                updated_by: None,
            }],
            notes: vec![],
            history: vec![],
        }],
    }
}

#[test]
fn item_ref_parses_tasks_and_measures() {
    assert_eq!(
        "15".parse::<ItemRef>().unwrap(),
        ItemRef {
            task: 15,
            sub: None
        }
    );
    assert_eq!(
        "15.2".parse::<ItemRef>().unwrap(),
        ItemRef {
            task: 15,
            sub: Some(2)
        }
    );
    assert!("x".parse::<ItemRef>().is_err());
    assert!("0".parse::<ItemRef>().is_err());
    assert!("15.".parse::<ItemRef>().is_err());
}

#[test]
fn status_resolves_chinese_english_and_column_number() {
    let b = board();
    assert_eq!(b.meta.resolve_status("推进中").unwrap().key, "doing");
    assert_eq!(b.meta.resolve_status("DONE").unwrap().key, "done");
    assert_eq!(b.meta.resolve_status("3").unwrap().key, "behind");
    assert_eq!(b.meta.resolve_status("in progress").unwrap().key, "doing");
    let err = b.meta.resolve_status("finished").unwrap_err();
    assert!(err.to_string().contains("已完成/done"), "{err}");
    assert!(b.meta.resolve_status("5").is_err());
}

#[test]
fn set_status_records_history_once() {
    let mut b = board();
    let r = "15".parse().unwrap();
    assert!(b.set_status(r, "doing", &stamp()).unwrap());
    assert!(!b.set_status(r, "推进中", &stamp()).unwrap());
    let t = b.task(15).unwrap();
    assert_eq!(t.status, "doing");
    assert_eq!(t.history.len(), 1);
    assert_eq!(t.history[0].from.as_deref(), Some("todo"));
    assert!(matches!(
        b.set_status("15.9".parse().unwrap(), "done", &stamp()),
        Err(ModelError::UnknownMeasure { .. })
    ));
    assert!(matches!(
        b.set_status("16".parse().unwrap(), "done", &stamp()),
        Err(ModelError::UnknownTask(16))
    ));
}

#[test]
fn notes_are_added_edited_and_removed_with_history() {
    let mut b = board();
    let id = b
        .add_note(
            "15.1".parse().unwrap(),
            "完成\n第二行\n",
            Some(" 杨府发〔2023〕1号 "),
            &stamp(),
        )
        .unwrap();
    let t = b.task(15).unwrap();
    assert_eq!(t.notes[0].text, "完成\n第二行");
    assert_eq!(t.notes[0].reference.as_deref(), Some("杨府发〔2023〕1号"));
    assert_eq!(t.notes_on("15.1").count(), 1);
    assert_eq!(t.own_notes().count(), 0);
    assert!(b.edit_note(&id, "改", None, &stamp()).unwrap());
    let note = b.remove_note(&id, &stamp()).unwrap();
    assert_eq!(note.text, "改");
    b.restore_note(note, &stamp()).unwrap();
    assert_eq!(b.task(15).unwrap().notes.len(), 1);
    assert_eq!(b.task(15).unwrap().history.len(), 4);
    assert_eq!(
        b.add_note("15".parse().unwrap(), "  \n", None, &stamp()),
        Err(ModelError::EmptyNote)
    );
}

#[test]
fn deadlines_read_both_quoted_and_native_toml_dates() {
    #[derive(Deserialize)]
    struct D {
        #[serde(default, with = "toml_date")]
        d: Option<NaiveDate>,
    }
    let want = NaiveDate::from_ymd_opt(2023, 12, 31);
    assert_eq!(toml::from_str::<D>("d = \"2023-12-31\"").unwrap().d, want);
    assert_eq!(toml::from_str::<D>("d = 2023-12-31").unwrap().d, want);
    assert!(toml::from_str::<D>("d = \"年底\"").is_err());
    assert_eq!(toml::from_str::<D>("").unwrap().d, None);
}

#[test]
fn target_values_parse_chinese_forms() {
    assert_eq!(parse_value("7.4万").unwrap(), 74000.0);
    assert_eq!(parse_value("１２０").unwrap(), 120.0);
    assert_eq!(parse_value("1,200").unwrap(), 1200.0);
    assert!(parse_value("many").is_err());
    assert!(parse_value("inf").is_err());
    // Finite, but infinite once rounded (found by the import fuzz target's sibling path).
    assert!(parse_value("1e303").is_err());
    assert!(parse_value("2e298万").is_err());
    assert_eq!(parse_value("1e300").unwrap(), 1e300);
    assert_eq!(format_value(74000.0), "74000");
    assert_eq!(format_value(16.5), "16.5");
}

#[test]
fn set_target_records_from_and_to() {
    let mut b = board();
    assert!(b.set_target(15, "15.1", Some(120.0), &stamp()).unwrap());
    assert!(!b.set_target(15, "15.1", Some(120.0), &stamp()).unwrap());
    let t = b.task(15).unwrap();
    assert_eq!(t.targets[0].current, Some(120.0));
    assert_eq!(t.history[0].to.as_deref(), Some("120"));
    assert!(b.set_target(15, "15.9", Some(1.0), &stamp()).is_err());
}

#[test]
fn targets_are_named_n_hash_k_and_the_old_n_dot_k_is_still_understood() {
    assert_eq!(parse_target_ref("15#4").unwrap(), (15, "15.4".into()));
    assert_eq!(parse_target_ref(" 15＃4 ").unwrap(), (15, "15.4".into()));
    assert_eq!(parse_target_ref("15.4").unwrap(), (15, "15.4".into()));
    assert!(is_old_target_ref("15.4"));
    assert!(!is_old_target_ref("15#4"));
    for bad in ["15", "15#", "#4", "15.3#1", "15#0", "0#1", "15#x", ""] {
        assert!(
            matches!(parse_target_ref(bad), Err(ModelError::BadTargetRef(_))),
            "{bad}"
        );
        assert!(!is_old_target_ref(bad), "{bad}");
    }
    assert_eq!(target_name("15.4"), "15#4");
    // Every target of the seed is named so, and linked to the measure its phrase came from.
    let b = crate::seed::board(default_statuses(), stamp().at);
    let elevators = b.task(15).unwrap().target("15.4").unwrap();
    assert_eq!(elevators.name(), "15#4");
    assert_eq!(elevators.measure.as_deref(), Some("15.3"));
}

#[test]
fn a_value_far_outside_its_target_is_implausible() {
    let b = crate::seed::board(default_statuses(), stamp().at);
    let t = b.task(15).unwrap().target("15.4").unwrap();
    assert_eq!(t.target, 200.0);
    assert!(t.implausible(1200.0));
    assert!(t.implausible(-1.0));
    assert!(!t.implausible(1000.0));
    assert!(!t.implausible(0.0));
    assert!(!t.implausible(230.0));
}

/// The model's errors have no words of their own: `Display` is the catalogue's English, and
/// the catalogue also has the Chinese.
#[test]
fn model_errors_are_worded_by_the_catalogue() {
    use crate::strings::Lang;
    use crate::strings::errors::Voiced;
    let errors = [
        ModelError::UnknownTask(99),
        ModelError::BadDate("someday".into()),
        ModelError::UnknownStatus {
            given: "frob".into(),
            known: "1 未启动/todo".into(),
        },
        ModelError::EmptyNote,
    ];
    for e in &errors {
        assert_eq!(e.to_string(), e.say(Lang::En));
        assert_ne!(e.say(Lang::Zh), e.say(Lang::En));
    }
    assert_eq!(
        ModelError::UnknownTask(99).to_string(),
        "no task 99 on this board"
    );
}

/// The model reads no clock and no randomness: a note's id comes from the stamp (and the
/// note), so the same operations under the same stamp give identical boards.
#[test]
fn the_same_stamp_and_note_give_identical_boards() {
    let ops = |b: &mut Board| -> Vec<String> {
        let r: ItemRef = "15".parse().unwrap();
        let ids = vec![
            b.add_note(r, "走访企业", None, &stamp()).unwrap(),
            // The same note again in the same second: a different id, still reproducible.
            b.add_note(r, "走访企业", None, &stamp()).unwrap(),
            b.add_note(r, "另一条", Some("文件"), &stamp()).unwrap(),
        ];
        b.set_status(r, "doing", &stamp()).unwrap();
        ids
    };
    let (mut a, mut b) = (board(), board());
    let (ids_a, ids_b) = (ops(&mut a), ops(&mut b));
    assert_eq!(ids_a, ids_b);
    assert_eq!(a, b);
    let mut unique = ids_a.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{ids_a:?}");
    assert!(
        ids_a.iter().all(|id| id.starts_with("20231005100000-")),
        "{ids_a:?}"
    );
    // Another author in the same second: another id.
    let mut c = board();
    let other = Stamp {
        author: "li".into(),
        ..stamp()
    };
    let id = c
        .add_note("15".parse().unwrap(), "走访企业", None, &other)
        .unwrap();
    assert_ne!(id, ids_a[0]);
}
