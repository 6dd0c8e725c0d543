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
    tui.wait_for("refusing to write a Word file to the terminal");
    let status = tui
        .exited_within(std::time::Duration::from_secs(10))
        .expect("keywork exits");
    assert!(!status.success());
    assert!(
        !tui.raw().windows(4).any(|w| w == b"PK\x03\x04"),
        "no zip on the terminal"
    );
}
