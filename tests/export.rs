//! `keywork export` end to end: the real binary writes the ledger (台账) as CSV to standard
//! output or a file and as Excel to a file; the tests read it back with the `csv` crate and
//! with `calamine`, the way a spreadsheet would.

use crate::common::*;
use calamine::{Data, Reader};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const NOW: &str = "2023-10-08T10:00:00+08:00";
const HEADERS_ZH: [&str; 12] = [
    "序号",
    "任务",
    "具体举措",
    "牵头单位",
    "配合单位",
    "时间节点",
    "状态",
    "进展情况",
    "佐证材料",
    "指标",
    "更新时间",
    "更新人",
];
const HEADERS_EN: [&str; 12] = [
    "No.",
    "Task",
    "Measures",
    "Lead unit",
    "Partner units",
    "Deadline",
    "Status",
    "Progress",
    "Evidence",
    "Targets",
    "Updated",
    "Updated by",
];

/// Write a config file next to the board (always with a fixed display zone) and return it.
fn config(f: &Fixture, name: &str, extra: &str) -> std::path::PathBuf {
    let path = f.path(name);
    std::fs::write(&path, format!("timezone = \"+08:00\"\n{extra}")).unwrap();
    path
}

/// Run at a fixed time with the given config file.
fn kw_with(f: &Fixture, cfg: &Path, args: &[&str]) -> Output {
    let env = [
        ("KEYWORK_CONFIG", Some(cfg.as_os_str())),
        ("KEYWORK_NOW", Some(OsStr::new(NOW))),
    ];
    kw_env(&f.board, args, &env)
}

#[track_caller]
fn ok_with(f: &Fixture, cfg: &Path, args: &[&str]) -> Output {
    let o = kw_with(f, cfg, args);
    assert_ok(&o);
    o
}

/// A board created from the seed at `NOW` (so that later changes are the latest events),
/// with the Chinese config in use.
fn seeded_at_now() -> (Fixture, std::path::PathBuf) {
    let f = Fixture::empty();
    let cfg = config(&f, "zh.toml", "");
    ok_with(&f, &cfg, &["init"]);
    (f, cfg)
}

/// A seeded board where task 15 is in progress, has a note with a reference on 15.2 and
/// target 15.4 (200台 lifts) at 120. Returns the Chinese config in use.
fn changed_board() -> (Fixture, std::path::PathBuf) {
    let (f, cfg) = seeded_at_now();
    ok_with(&f, &cfg, &["set", "15", "doing"]);
    let note = [
        "note",
        "15.2",
        "完成邯郸路500弄签约",
        "--ref",
        "沪杨府〔2023〕12号",
    ];
    ok_with(&f, &cfg, &note);
    ok_with(&f, &cfg, &["target", "15.4", "120"]);
    (f, cfg)
}

/// Parse CSV bytes into records, checking the BOM and that every line outside a quoted cell
/// ends in CRLF (inside a multi-line cell a line ends in LF, as Excel writes it).
#[track_caller]
fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(BOM), "no BOM: {:?}", &bytes[..8]);
    let body = &bytes[BOM.len()..];
    assert!(body.ends_with(b"\r\n"), "the last line ends in CRLF");
    let mut quoted = false;
    for (i, b) in body.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => assert_eq!(body[i - 1], b'\r', "LF without CR at byte {i}"),
            b'\r' => assert!(!quoted && body[i + 1] == b'\n', "stray CR at byte {i}"),
            _ => {}
        }
    }
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// A cell as the ledger's text: a whole number without `.0`, a date or time as
/// `YYYY-MM-DD[ HH:MM]`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            let day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                + chrono::Duration::days(serial.floor() as i64);
            let minutes = ((serial.fract()) * 24.0 * 60.0).round() as i64;
            if minutes == 0 {
                day.to_string()
            } else {
                format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
        other => other.to_string(),
    }
}

/// The first sheet of an xlsx file below its title row: its name, its cells as text and how
/// many cells hold a formula.
fn read_xlsx(path: &Path) -> (String, Vec<Vec<String>>, usize) {
    let mut book = calamine::open_workbook_auto(path).expect("an Excel file calamine opens");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet reads");
    let formulas = book.worksheet_formula(&name).expect("formulas read");
    let cells = range
        .rows()
        .skip(1)
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let formulas = formulas.used_cells().filter(|c| !c.2.is_empty()).count();
    (name, cells, formulas)
}

/// The row of task 15 (or measure `id`) by its first cell.
#[track_caller]
fn row<'a>(rows: &'a [Vec<String>], id: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The cells of task 15 after `changed_board`.
#[track_caller]
fn assert_task_15(r: &[String]) {
    assert_eq!(r[1], "加快推动城市更新");
    assert!(r[2].starts_with("15.1 "), "{}", r[2]);
    assert!(r[2].contains("\n15.2 "), "{}", r[2]);
    assert_eq!(r[6], "推进中");
    assert_eq!(r[7], "2023-10-08（15.2）完成邯郸路500弄签约");
    assert_eq!(r[8], "沪杨府〔2023〕12号");
    assert!(
        r[9].lines().any(|l| l.ends_with("：120 / 200台")),
        "{}",
        r[9]
    );
    assert!(r[9].contains("— / 16公里"), "{}", r[9]);
    assert_eq!(r[10], "2023-10-08 10:00");
    assert_eq!(r[11], "tester");
}

#[test]
fn csv_goes_to_stdout_with_a_bom_and_crlf_and_shows_task_15() {
    let (f, cfg) = changed_board();
    let o = ok_with(&f, &cfg, &["export", "--format", "csv"]);
    assert_eq!(stderr(&o), "");
    let rows = parse_csv(&o.stdout);
    assert_eq!(rows[0][..12], HEADERS_ZH);
    assert_eq!(rows.len(), 1 + 22);
    let numbers: Vec<String> = (1..=22).map(|n| n.to_string()).collect();
    let first: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(first, numbers.iter().collect::<Vec<_>>());
    assert_task_15(row(&rows, "15"));
    assert_eq!(row(&rows, "1")[6], "未启动");
}

#[test]
fn csv_measure_level_has_one_row_per_measure() {
    let (f, cfg) = changed_board();
    let o = ok_with(
        &f,
        &cfg,
        &["export", "--format", "csv", "--level", "measure"],
    );
    let rows = parse_csv(&o.stdout);
    let status = status_json(&f.board);
    let total: u64 = status["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["measures"].as_u64().expect("a count"))
        .sum();
    assert_eq!(rows.len() as u64, 1 + total);
    let m = row(&rows, "15.2");
    assert_eq!(m[1], "加快推动城市更新");
    assert_eq!(
        (m[6].as_str(), m[8].as_str()),
        ("未启动", "沪杨府〔2023〕12号")
    );
    assert_eq!(m[7], "2023-10-08 完成邯郸路500弄签约");
    assert!(!row(&rows, "15.1")[7].contains("签约"));
    let lifts = rows.iter().filter(|r| r[9].contains("120 / 200台")).count();
    assert_eq!(lifts, 1, "the target is on exactly one measure's row");
}

#[test]
fn xlsx_file_reads_back_with_header_sheet_name_and_22_rows() {
    let (f, cfg) = changed_board();
    let file = f.path("ledger.xlsx");
    let path = file.to_str().unwrap();
    let o = ok_with(&f, &cfg, &["export", "--format", "xlsx", "-o", path]);
    let said = stdout(&o);
    assert_eq!(said, format!("已导出 22 行到 {path}\n"));
    let (name, rows, formulas) = read_xlsx(&file);
    assert_eq!(name, "台账");
    assert_eq!(rows[0][..12], HEADERS_ZH);
    assert_eq!(rows.len(), 1 + 22);
    assert_task_15(row(&rows, "15"));
    assert_eq!(formulas, 0, "no formulas in the ledger");
    let leftovers: Vec<_> = std::fs::read_dir(f.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn xlsx_without_output_writes_a_dated_file_in_the_current_directory() {
    let f = Fixture::seeded();
    let cfg = config(&f, "zh.toml", "");
    let mut c = command(&f.board, &["export", "--format", "xlsx"]);
    c.env("KEYWORK_CONFIG", &cfg)
        .env("KEYWORK_NOW", NOW)
        .current_dir(f.tmp.path());
    let o = c.output().expect("run keywork");
    assert_ok(&o);
    let name = "keywork-台账-2023-10-08.xlsx";
    assert_eq!(stdout(&o), format!("已导出 22 行到 {name}\n"));
    let (_, rows, _) = read_xlsx(&f.path(name));
    assert_eq!(rows.len(), 23);
}

#[test]
fn csv_to_a_relative_file_confirms_on_stdout() {
    let f = Fixture::seeded();
    let mut c = command(&f.board, &["export", "--format", "csv", "-o", "out.csv"]);
    c.current_dir(f.tmp.path());
    let o = c.output().expect("run keywork");
    assert_ok(&o);
    assert_eq!(stdout(&o), "已导出 22 行到 out.csv\n");
    let rows = parse_csv(&std::fs::read(f.path("out.csv")).unwrap());
    assert_eq!(rows.len(), 23);
}

#[test]
fn xlsx_to_a_pipe_with_dash() {
    let f = Fixture::seeded();
    let o = kw(&f.board, &["export", "--format", "xlsx", "-o", "-"]);
    assert_ok(&o);
    assert!(o.stdout.starts_with(b"PK"), "a zip archive");
}

#[test]
fn english_config_gives_english_headers_statuses_and_sheet_name() {
    let (f, _) = changed_board();
    let en = config(&f, "en.toml", "lang = \"en\"\n");
    let o = ok_with(&f, &en, &["export", "--format", "csv"]);
    let rows = parse_csv(&o.stdout);
    assert_eq!(rows[0], HEADERS_EN);
    let r = row(&rows, "15");
    assert_eq!(r[6], "in progress");
    assert_eq!(r[7], "2023-10-08 (15.2) 完成邯郸路500弄签约");
    let file = f.path("en.xlsx");
    let args = ["export", "--format", "xlsx", "-o", file.to_str().unwrap()];
    let said = stdout(&ok_with(&f, &en, &args));
    assert!(said.starts_with("wrote 22 rows to "), "{said}");
    let (name, rows, _) = read_xlsx(&file);
    assert_eq!(name, "Ledger");
    assert_eq!(rows[0][..12], HEADERS_EN);
}

#[test]
fn formula_like_text_is_never_a_formula() {
    let (f, cfg) = seeded_at_now();
    let evil = "=HYPERLINK(\"http://x\",\"点击\")";
    ok_with(&f, &cfg, &["note", "3", evil, "--ref", "@SUM(A1:A9)"]);
    let rows = parse_csv(&ok_with(&f, &cfg, &["export", "--format", "csv"]).stdout);
    let r = row(&rows, "3");
    assert_eq!(
        r[7],
        format!("2023-10-08 {evil}"),
        "not at the start: as is"
    );
    assert_eq!(r[8], "'@SUM(A1:A9)");
    let file = f.path("x.xlsx");
    ok_with(
        &f,
        &cfg,
        &["export", "--format", "xlsx", "-o", file.to_str().unwrap()],
    );
    let (_, rows, formulas) = read_xlsx(&file);
    assert_eq!(row(&rows, "3")[8], "@SUM(A1:A9)", "a plain string");
    assert_eq!(formulas, 0);
}

#[test]
fn unknown_format_is_a_usage_error() {
    let f = Fixture::seeded();
    let err = assert_code(&kw(&f.board, &["export", "--format", "pdf"]), 2);
    assert!(err.contains("pdf"), "{err}");
}

#[test]
fn unwritable_output_names_the_path() {
    let f = Fixture::seeded();
    for format in ["xlsx", "csv"] {
        let path = format!("/nonexistent-dir/x.{format}");
        let o = kw(&f.board, &["export", "--format", format, "-o", &path]);
        let err = assert_code(&o, 1);
        assert!(err.contains(&path), "{err}");
        assert_eq!(stdout(&o), "");
    }
}

/// `-o` is a shell redirect for what is not a regular file: a symlink to `/dev/stdout` (the
/// attack: as root, main turned it into a regular file), a FIFO read by another thread and
/// `/dev/null` are written into and stay what they were; an Excel file sent to a pipe through
/// `-o -` is not touched by the text guard.
#[test]
fn dash_o_writes_into_symlinks_fifos_and_devices_instead_of_replacing_them() {
    use std::os::unix::fs::FileTypeExt;
    let f = Fixture::seeded();
    let link = f.path("out-link");
    std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
    let l = link.to_str().unwrap();
    for args in [
        &["report", "--since", "2020-01-01", "-o", l][..],
        &["export", "--format", "csv", "-o", l],
    ] {
        let out = kw(&f.board, args);
        assert_ok(&out);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "{args:?} replaced the symlink"
        );
        let text = stdout(&out);
        assert!(
            text.contains("加快推动城市更新"),
            "{args:?}: written through: {text}"
        );
    }
    let fifo = f.path("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    assert_ok(&kw(
        &f.board,
        &["export", "--format", "csv", "-o", fifo.to_str().unwrap()],
    ));
    let got = reader.join().unwrap();
    assert!(String::from_utf8_lossy(&got).contains("加快推动城市更新"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_ok(&kw(&f.board, &["report", "-o", "/dev/null"]));
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A regular file behind a symlink is replaced, the link kept.
    let real = f.path("real.md");
    std::fs::write(&real, "old").unwrap();
    let to_real = f.path("to-real.md");
    std::os::unix::fs::symlink(&real, &to_real).unwrap();
    assert_ok(&kw(&f.board, &["report", "-o", to_real.to_str().unwrap()]));
    assert!(std::fs::read_to_string(&real).unwrap().starts_with('#'));
    assert!(
        std::fs::symlink_metadata(&to_real)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Excel bytes to a pipe arrive whole.
    let out = kw(&f.board, &["export", "--format", "xlsx", "-o", "-"]);
    assert_ok(&out);
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let xlsx = f.path("piped.xlsx");
    std::fs::write(&xlsx, &out.stdout).unwrap();
    let (_, rows, _) = read_xlsx(&xlsx);
    assert!(rows.len() > 20);
}
