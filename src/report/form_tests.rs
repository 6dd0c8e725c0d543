//! The form's rows for a unit, and reading back what the form itself wrote.

use super::*;
use crate::model::default_statuses;
use chrono::DateTime;

const UNIT: &str = "区旧改办";

/// The seed with 区旧改办 leading task 15 and partnering on measure 3.1.
fn board() -> Board {
    let at = DateTime::parse_from_rfc3339("2023-09-20T09:00:00+08:00").unwrap();
    let mut b = crate::seed::board(default_statuses(), at);
    let by = crate::model::Stamp {
        author: "t".into(),
        at,
    };
    let unit = vec![UNIT.to_string()];
    b.assign("15".parse().unwrap(), &unit, &[], &by).unwrap();
    b.assign("3.1".parse().unwrap(), &["区建管委".into()], &unit, &by)
        .unwrap();
    b
}

#[test]
fn a_units_rows_are_its_tasks_measures_and_targets() {
    let b = board();
    let unit = UNIT.to_string();
    let form = rows(&b, &unit);
    assert!(!form.is_empty());
    for r in &form {
        let task = match &r.item {
            Item::Task(n) => *n,
            Item::Measure(id) | Item::Target(_, id) => {
                id.split('.').next().unwrap().parse().unwrap()
            }
        };
        let t = b.task(task).unwrap();
        let measure_has = t
            .measures
            .iter()
            .any(|m| m.lead.contains(&unit) || m.partners.contains(&unit));
        assert!(
            t.lead.contains(&unit) || t.partners.contains(&unit) || measure_has,
            "{r:?}"
        );
    }
    let ids: Vec<String> = form.iter().map(|r| r.item.key()).collect();
    assert_eq!(
        ids[..2],
        ["task:3", "measure:3.1"],
        "only the measure of task 3"
    );
    assert!(!ids.contains(&"measure:3.2".to_string()));
    assert!(ids.contains(&"task:15".to_string()) && ids.contains(&"measure:15.2".to_string()));
    assert!(ids.contains(&"target:15.4".to_string()), "{ids:?}");
    assert!(rows(&b, "没有这个单位").is_empty());
}

#[test]
fn an_unfilled_form_reads_back_as_nothing_to_apply_and_another_board_is_refused() {
    let b = board();
    let unit = UNIT;
    let bytes = to_xlsx(&b, unit, &rows(&b, unit)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(read(&path, &identity(&b.meta)).unwrap(), vec![]);
    let Err(problems) = read(&path, "another|board") else {
        panic!("another board's form")
    };
    assert!(
        problems
            .iter()
            .all(|p| p.sheet == SHEET && p.row >= 3 && p.message.contains("another board"))
    );
}

#[test]
fn problems_are_said_in_the_user_s_language() {
    let b = board();
    let bytes = to_xlsx(&b, UNIT, &rows(&b, UNIT)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let Err(problems) = read(&path, "another|board") else {
        panic!("another board's form")
    };
    let p = &problems[0];
    assert_eq!(p.kind, ProblemKind::OtherBoard);
    assert_eq!(p.text(Lang::En), p.message);
    assert_eq!(p.text(Lang::Zh), "此表由另一个看板生成");
    // A file that is no workbook at all: the reader's words, whatever the language.
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"not a zip").unwrap();
    let Err(problems) = read(&junk, &identity(&b.meta)) else {
        panic!("junk read as a form")
    };
    assert!(matches!(problems[0].kind, ProblemKind::Unreadable(_)));
    assert!(problems[0].text(Lang::Zh).starts_with("无法读取："));
    assert_eq!(
        ProblemKind::NotANumber("12台x".into()).message(Lang::Zh),
        "当前值不是数字：\"12台x\""
    );
}

#[test]
fn item_keys_round_trip_and_junk_is_no_item() {
    for i in [
        Item::Task(15),
        Item::Measure("15.2".into()),
        Item::Target(15, "15.4".into()),
    ] {
        assert_eq!(Item::parse(&i.key()), Some(i));
    }
    for junk in ["", "task:15.2", "measure", "x:1", "target:a.1"] {
        assert_eq!(Item::parse(junk), None, "{junk}");
    }
}

#[test]
fn only_the_input_cells_are_unlocked_with_a_status_drop_down_and_hidden_ids() {
    use std::io::Read;
    let b = board();
    let bytes = to_xlsx(&b, UNIT, &rows(&b, UNIT)).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    let styles = part("xl/styles.xml");
    assert!(sheet.contains("<sheetProtection"), "protected");
    assert!(!sheet.contains("password="), "without a password");
    let names: Vec<&str> = b.meta.statuses.iter().map(|s| s.name.as_str()).collect();
    let list = format!("<formula1>\"{}\"</formula1>", names.join(","));
    assert!(
        sheet.contains(r#"<dataValidation type="list""#) && sheet.contains(&list),
        "{sheet}"
    );
    assert!(sheet.contains(r#"sqref="K3:K"#), "the drop-down on 状态");
    // Columns M–P hidden.
    assert!(
        sheet.contains(r#"<col min="13" max="16""#) && sheet.contains(r#"hidden="1""#),
        "{sheet}"
    );
    // Exactly one cell format is unlocked: the input cells'.
    assert_eq!(
        styles.matches(r#"<protection locked="0"/>"#).count(),
        1,
        "{styles}"
    );
}
