//! Progress forms round trip with the real binary: `export --form` → filled the way Excel and
//! WPS save a sheet (shared strings, inline strings, a date typed into a cell stored as a
//! serial) → `collect` → `show` and `report` carry it; refused rows name file, sheet and row.

use crate::common::*;
use calamine::{Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};

/// What a unit types into a row: (column, value).
#[derive(Clone)]
enum Typed {
    Text(&'static str),
    Number(f64),
    /// A date the spreadsheet turned into a serial with a date format.
    Date(u16, u8, u8),
}

/// A filled copy of `form` at `to`: every cell as read, `fill` on top (row, column, value),
/// `edit` replacing locked cells. `inline`: write strings inline (as some writers do) instead
/// of in the shared-strings table.
fn fill(form: &Path, to: &Path, fill: &[(u32, u16, Typed)], inline: bool) -> PathBuf {
    let mut book = calamine::open_workbook_auto(form).expect("the exported form opens");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let mut out = Workbook::new();
    let sheet = if inline {
        out.add_worksheet_with_constant_memory().unwrap()
    } else {
        out.add_worksheet()
    };
    sheet.set_name(&name).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let (rows, cols) = (range.end().unwrap().0, range.end().unwrap().1);
    for r in 0..=rows + 1 {
        for c in 0..=cols as u16 {
            if let Some((_, _, v)) = fill.iter().find(|(fr, fc, _)| *fr == r && *fc == c) {
                match v {
                    Typed::Text(s) => sheet.write_string(r, c, *s).unwrap(),
                    Typed::Number(n) => sheet.write_number(r, c, *n).unwrap(),
                    Typed::Date(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet.write_datetime_with_format(r, c, &dt, &date).unwrap()
                    }
                };
                continue;
            }
            match range.get_value((r, u32::from(c))) {
                Some(Data::String(s)) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Some(Data::Float(f)) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                _ => {}
            }
        }
    }
    out.save(to).unwrap();
    to.to_path_buf()
}

/// The sheet row (0-based) of the item with hidden key `key`.
fn row_of(form: &Path, key: &str) -> u32 {
    let mut book = calamine::open_workbook_auto(form).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (0..=range.end().unwrap().0)
        .find(|r| matches!(range.get_value((*r, 12)), Some(Data::String(s)) if s == key))
        .unwrap_or_else(|| panic!("{key} on the form"))
}

const UNIT: &str = "区旧改办";
const PROGRESS: u16 = 8;
const REFERENCE: u16 = 9;
const STATUS: u16 = 10;
const VALUE: u16 = 11;

/// A seeded board where 区旧改办 leads task 15, and its exported form.
fn board_and_form() -> (Fixture, PathBuf) {
    let f = Fixture::seeded();
    ok(&f.board, &["assign", "15", "--lead", UNIT]);
    let form = f.path("区旧改办-进展填报.xlsx");
    let said = ok(
        &f.board,
        &[
            "export",
            "--form",
            "--unit",
            UNIT,
            "-o",
            form.to_str().unwrap(),
        ],
    );
    assert!(said.contains("区旧改办-进展填报.xlsx"), "{said}");
    (f, form)
}

fn notes_by(task: &serde_json::Value, author: &str) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = task["notes"].as_array().cloned().unwrap_or_default();
    for m in task["measures"].as_array().into_iter().flatten() {
        all.extend(m["notes"].as_array().cloned().unwrap_or_default());
    }
    all.into_iter().filter(|n| n["author"] == author).collect()
}

#[test]
fn a_filled_form_is_applied_once_and_shows_on_the_board_and_in_the_report() {
    let (f, form) = board_and_form();
    let m = row_of(&form, "measure:15.2");
    let t = row_of(&form, "target:15.4");
    let task = row_of(&form, "task:15");
    let filled = fill(
        &form,
        &f.path("区旧改办-进展填报-已填.xlsx"),
        &[
            (m, PROGRESS, Typed::Text("完成邯郸路500弄签约")),
            (m, REFERENCE, Typed::Text("沪杨府〔2023〕12号")),
            (m, STATUS, Typed::Text("推进中")),
            (t, VALUE, Typed::Number(120.0)),
            (task, PROGRESS, Typed::Date(2023, 10, 10)),
        ],
        false,
    );
    let before = snapshot(&f.board);
    let dry = ok(
        &f.board,
        &["collect", filled.to_str().unwrap(), "--dry-run"],
    );
    for want in [
        "15.2",
        "佐证「完成邯郸路500弄签约」",
        "状态 → 推进中",
        "15.4",
        "当前值 = 120",
        "佐证「2023-10-10」",
        "未导入任何内容",
    ] {
        assert!(dry.contains(want), "{want} in\n{dry}");
    }
    assert_same_files(&before, &snapshot(&f.board), "a dry run changes nothing");

    let applied = ok(&f.board, &["collect", filled.to_str().unwrap()]);
    assert!(applied.contains("导入 4 处修改"), "{applied}");
    let shown = show_json(&f.board, 15);
    assert_eq!(measure(&shown, "15.2")["status"], "推进中");
    assert_eq!(target(&shown, "15#4")["current"], 120.0);
    let notes = notes_by(&shown, UNIT);
    assert_eq!(notes.len(), 2, "{notes:?}");
    let note = notes
        .iter()
        .find(|n| n["text"] == "完成邯郸路500弄签约")
        .expect("the measure's note");
    assert_eq!(
        note["ref"],
        "沪杨府〔2023〕12号；区旧改办-进展填报-已填.xlsx"
    );
    assert!(notes.iter().any(|n| n["text"] == "2023-10-10"));
    let changes = history(&shown);
    assert!(
        changes
            .iter()
            .any(|e| e["author"] == UNIT && e["kind"] == "target"),
        "{changes:?}"
    );
    let report = ok(&f.board, &["report", "--since", "2000-01-01"]);
    assert!(
        report.contains("完成邯郸路500弄签约") && report.contains(UNIT),
        "{report}"
    );

    // The same form again: nothing new.
    let after = snapshot(&f.board);
    let again = ok(&f.board, &["collect", filled.to_str().unwrap()]);
    assert!(again.contains("导入 0 处修改"), "{again}");
    assert_same_files(&after, &snapshot(&f.board), "collecting twice adds nothing");

    // Someone decides otherwise later; the old form collected again does not undo it.
    ok(&f.board, &["set", "15.2", "behind"]);
    ok(&f.board, &["target", "15.4", "150"]);
    let later = snapshot(&f.board);
    let o = kw(&f.board, &["collect", filled.to_str().unwrap()]);
    assert_ok(&o);
    assert!(stdout(&o).contains("导入 0 处修改"), "{}", describe(&o));
    assert!(
        stderr(&o).contains("15.2：未改回 doing：区旧改办 设置之后，tester 已改为"),
        "{}",
        describe(&o)
    );
    assert_same_files(&later, &snapshot(&f.board), "a later decision stands");
}

#[test]
fn inline_strings_read_like_shared_ones() {
    let (f, form) = board_and_form();
    let m = row_of(&form, "measure:15.3");
    let filled = fill(
        &form,
        &f.path("inline.xlsx"),
        &[
            (m, PROGRESS, Typed::Text("第三批加装电梯开工")),
            (m, STATUS, Typed::Text("doing")),
        ],
        true,
    );
    let raw = crate::docs::zip_part(&filled, "xl/worksheets/sheet1.xml");
    assert!(raw.contains("inlineStr"), "the helper wrote inline strings");
    ok(&f.board, &["collect", filled.to_str().unwrap()]);
    let shown = show_json(&f.board, 15);
    assert_eq!(measure(&shown, "15.3")["status"], "推进中");
    assert_eq!(notes_by(&shown, UNIT).len(), 1);
}

#[test]
fn changed_locked_cells_and_another_boards_form_are_refused_by_file_sheet_and_row() {
    crate::common::english();
    let (f, form) = board_and_form();
    let m = row_of(&form, "measure:15.2");
    let t = row_of(&form, "target:15.4");
    let tampered = fill(
        &form,
        &f.path("tampered.xlsx"),
        &[
            (m, 1, Typed::Text("改过的措施内容")),
            (m, PROGRESS, Typed::Text("x")),
            (t, 13, Typed::Text("another|board")),
            (t, VALUE, Typed::Number(5.0)),
        ],
        false,
    );
    let before = snapshot(&f.board);
    let o = kw(&f.board, &["collect", tampered.to_str().unwrap()]);
    let err = assert_code(&o, 1);
    let at = |row: u32| format!("tampered.xlsx: sheet 进展填报, row {}", row + 1);
    assert!(
        err.contains(&format!("{}: locked cells were changed", at(m))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: the form was made from another board", at(t))),
        "{err}"
    );
    assert!(err.contains("nothing applied"), "{err}");
    assert_same_files(&before, &snapshot(&f.board), "nothing applied");

    // Not a form at all, and a value on a measure row.
    let ledger = f.path("ledger.xlsx");
    ok(
        &f.board,
        &["export", "--format", "xlsx", "-o", ledger.to_str().unwrap()],
    );
    let err = assert_code(&kw(&f.board, &["collect", ledger.to_str().unwrap()]), 1);
    assert!(
        err.contains("ledger.xlsx") && err.contains("not a keywork progress form"),
        "{err}"
    );
    let wrong = fill(
        &form,
        &f.path("wrong.xlsx"),
        &[(m, VALUE, Typed::Number(3.0))],
        false,
    );
    let err = assert_code(&kw(&f.board, &["collect", wrong.to_str().unwrap()]), 1);
    assert!(
        err.contains(&format!(
            "wrong.xlsx: sheet 进展填报, row {}: 15.2: 当前值",
            m + 1
        )),
        "{err}"
    );
    assert_same_files(&before, &snapshot(&f.board), "nothing applied");
}

#[test]
fn a_unit_without_tasks_gets_no_form() {
    let f = Fixture::seeded();
    let out = f.path("x.xlsx");
    let o = kw(
        &f.board,
        &[
            "export",
            "--form",
            "--unit",
            "无此单位",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let err = assert_code(&o, 1);
    assert!(err.contains("无此单位"), "{err}");
    assert!(!out.exists());
}
