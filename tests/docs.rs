//! Documents that go upward, end to end with the real binary: the weekly report as a Word
//! file (read back from its XML), the progress forms round trip (export → fill → collect).

use crate::common::*;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::Output;

const NOW: &str = "2023-10-12T10:00:00+08:00";

/// A config next to the board with a fixed zone and `extra`.
fn config(f: &Fixture, extra: &str) -> std::path::PathBuf {
    let path = f.path("docs.toml");
    std::fs::write(&path, format!("timezone = \"+08:00\"\n{extra}")).unwrap();
    path
}

fn kw_at(f: &Fixture, cfg: &Path, args: &[&str]) -> Output {
    let env = [
        ("KEYWORK_CONFIG", Some(cfg.as_os_str())),
        ("KEYWORK_NOW", Some(OsStr::new(NOW))),
    ];
    kw_env(&f.board, args, &env)
}

/// One part of a zip package, as text.
pub fn zip_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn report_docx_carries_the_changes_and_is_signed_by_the_configured_office() {
    let f = Fixture::seeded();
    let cfg = config(&f, "[report]\noffice = \"区委督查室\"\n");
    assert_ok(&kw_at(&f, &cfg, &["set", "15", "doing"]));
    let note = [
        "note",
        "15.2",
        "完成邯郸路500弄签约 <&>",
        "--ref",
        "沪杨府〔2023〕12号",
    ];
    assert_ok(&kw_at(&f, &cfg, &note));
    let out = f.path("周报.docx");
    let o = kw_at(
        &f,
        &cfg,
        &[
            "report",
            "--since",
            "2023-10-01",
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_ok(&o);
    assert!(stdout(&o).contains("周报.docx"), "{}", describe(&o));
    let doc = zip_part(&out, "word/document.xml");
    for want in [
        "一、概况",
        "（一）15. ",
        "完成邯郸路500弄签约 &lt;&amp;&gt;",
        "沪杨府〔2023〕12号",
        "<w:tblHeader/>",
        "区委督查室",
        "2023年10月12日",
    ] {
        assert!(doc.contains(want), "{want} in the document");
    }
    // The Markdown report (the default) is unchanged and says the same.
    let md = kw_at(&f, &cfg, &["report", "--since", "2023-10-01"]);
    assert_ok(&md);
    assert!(stdout(&md).starts_with("# ") && stdout(&md).contains("完成邯郸路500弄签约"));
}

#[test]
fn report_docx_refuses_a_terminal_and_goes_to_a_pipe() {
    crate::common::english();
    let f = Fixture::seeded();
    // A pipe gets the bytes of a zip.
    let cfg = config(&f, "");
    let o = kw_at(&f, &cfg, &["report", "--format", "docx"]);
    assert_ok(&o);
    assert!(o.stdout.starts_with(b"PK\x03\x04"), "a zip on the pipe");
    // A terminal gets a message and nothing else.
    let mut tui = crate::common::pty::Tui::start_with(
        &f.board,
        100,
        24,
        "t",
        &["report", "--format", "docx"],
    );
    tui.wait_for("不把 Word 文件输出到终端");
    let status = tui
        .exited_within(std::time::Duration::from_secs(10))
        .expect("keywork exits");
    assert!(!status.success());
    assert!(
        !tui.raw().windows(4).any(|w| w == b"PK\x03\x04"),
        "no zip on the terminal"
    );
}

#[test]
fn ledger_xlsx_is_a_clerks_ledger_typed_titled_and_paged() {
    use calamine::{Data, Reader};
    let f = Fixture::seeded();
    let cfg = config(&f, "");
    assert_ok(&kw_at(&f, &cfg, &["assign", "15", "--lead", "区旧改办"]));
    assert_ok(&kw_at(&f, &cfg, &["due", "15", "2023-12-31"]));
    assert_ok(&kw_at(
        &f,
        &cfg,
        &["set", "15.1", "done", "--reason", "已完成摸底"],
    ));
    assert_ok(&kw_at(&f, &cfg, &["target", "15.4", "100"]));
    let file = f.path("台账.xlsx");
    assert_ok(&kw_at(
        &f,
        &cfg,
        &["export", "--format", "xlsx", "-o", file.to_str().unwrap()],
    ));

    let mut book = calamine::open_workbook_auto(&file).unwrap();
    let range = book.worksheet_range("台账").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("2023年区委、区政府重点工作任务推进台账（截至2023年10月12日）".into())
    );
    let headers: Vec<String> = (0..16).map(|c| cell(1, c).to_string()).collect();
    assert_eq!(
        headers[12..],
        ["措施完成率", "指标完成率", "序时进度", "已完成措施"]
    );
    let row15 = (2..24)
        .find(|r| cell(*r, 0) == Data::Float(15.0))
        .expect("序号 15 is a number");
    assert!(
        matches!(cell(row15, 5), Data::DateTime(d) if d.as_f64() == 45291.0),
        "2023-12-31 as a date"
    );
    assert!(
        matches!(cell(row15, 10), Data::DateTime(_)),
        "更新时间 is a date and time"
    );
    assert_eq!(cell(row15, 11), Data::String("tester".into()));
    let Data::Float(measures) = cell(row15, 12) else {
        panic!("措施完成率 a number")
    };
    assert!(
        (measures - 0.25).abs() < 1e-9,
        "1 of 4 measures: {measures}"
    );
    assert!(
        matches!(cell(row15, 13), Data::Float(v) if v > 0.0 && v < 1.0),
        "{:?}",
        cell(row15, 13)
    );
    assert!(
        cell(row15, 14).to_string().contains("进度"),
        "{:?}",
        cell(row15, 14)
    );
    assert_eq!(cell(row15, 15), Data::String("15.1".into()));
    // A task nobody touched: no importer as 更新人, no time.
    let row1 = (2..24).find(|r| cell(*r, 0) == Data::Float(1.0)).unwrap();
    assert_eq!(cell(row1, 10), Data::Empty);
    assert_eq!(cell(row1, 11), Data::Empty);
    // Print setup and fonts.
    let sheet = zip_part(&file, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#),
        "{sheet}"
    );
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<mergeCell ref="A1:P1"/>"#));
    let workbook = zip_part(&file, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$2:$2"),
        "{workbook}"
    );
    let styles = zip_part(&file, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="宋体"/>"#) && styles.contains(r#"<name val="仿宋"/>"#));

    // One unit's ledger.
    let unit_file = f.path("区旧改办.xlsx");
    let args = [
        "export",
        "--format",
        "xlsx",
        "--unit",
        "区旧改办",
        "-o",
        unit_file.to_str().unwrap(),
    ];
    let said = kw_at(&f, &cfg, &args);
    assert_ok(&said);
    assert!(stdout(&said).contains(" 1 "), "{}", stdout(&said));
    let mut book = calamine::open_workbook_auto(&unit_file).unwrap();
    let range = book.worksheet_range("台账").unwrap();
    assert_eq!(range.get_size().0, 3, "title, header, task 15");
    assert_eq!(range.get_value((2, 0)), Some(&Data::Float(15.0)));
}
