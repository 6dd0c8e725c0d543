//! Issue 13: one language per run. The same commands — successes and the common failures —
//! run once with `lang = "zh"` and once with `lang = "en"`: in English nothing Chinese is
//! printed but the board's own data, in Chinese every line the program writes holds Chinese.

use crate::common::{Fixture, assert_ok, kw_env};
use std::ffi::OsStr;
use std::process::Output;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The runs of Chinese characters in `s`.
fn cjk_runs(s: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_cjk(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Everything the board holds (titles, units, status names…), and the words a user may type
/// (deadlines like 年底 are input the English messages name).
fn board_text(f: &Fixture) -> String {
    let mut all = String::from("年底 一季度 四季度 上半年");
    let mut stack = vec![f.board.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                all.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    all
}

/// The commands, each with whether it should succeed.
fn commands(f: &Fixture) -> Vec<(Vec<String>, bool)> {
    let report = f.path("rep.md").display().to_string();
    let missing = f.path("nowhere/list.txt").display().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        (s(&["status"]), true),
        (s(&["set", "15", "doing"]), true),
        (s(&["set", "16.2", "done"]), true), // closed without evidence: a warning
        (s(&["note", "15", "met the district office"]), true),
        (s(&["due", "15", "2023-06-30"]), true),
        (s(&["report", "-o", &report]), true),
        (s(&["doctor"]), true),
        (s(&["config"]), true),
        (s(&["--help"]), true),
        (s(&["set", "--help"]), true),
        (s(&["set", "99", "doing"]), false), // unknown task
        (s(&["set", "15", "frob"]), false),  // bad status
        (s(&["due", "15", "someday"]), false),
        (s(&["log", "--since", "yesterday-ish"]), false), // bad date
        (s(&["target", "15#99", "5"]), false),
        (s(&["rm-note", "nosuch"]), false),
        (s(&["import", &missing]), false), // unreadable file
        (s(&["sync"]), false),             // no remote
        (s(&["frob"]), false),             // unknown command
        (s(&["set", "15"]), false),        // missing argument
    ]
}

fn run(f: &Fixture, lang: &str, args: &[String]) -> Output {
    let config = f.path(&format!("{lang}.toml"));
    std::fs::write(
        &config,
        format!("lang = \"{lang}\"\ntimezone = \"+08:00\"\n"),
    )
    .unwrap();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kw_env(
        &f.board,
        &args,
        &[("KEYWORK_CONFIG", Some(OsStr::new(config.as_os_str())))],
    )
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn english_runs_print_no_chinese_but_the_boards_data() {
    let f = Fixture::seeded();
    for (args, ok) in commands(&f) {
        let out = run(&f, "en", &args);
        assert_eq!(out.status.success(), ok, "{args:?}: {}", both(&out));
        let data = board_text(&f);
        let text = both(&out);
        for run in cjk_runs(&text) {
            assert!(
                data.contains(&run),
                "{args:?} printed Chinese that is not board data ({run}):\n{text}"
            );
        }
    }
    // The messages named in the issue, in English.
    let f = Fixture::seeded();
    let said = both(&run(&f, "en", &["set".into(), "99".into(), "doing".into()]));
    assert!(said.contains("keywork: no task 99 on this board"), "{said}");
    let said = both(&run(
        &f,
        "en",
        &["set".into(), "16.2".into(), "done".into()],
    ));
    assert!(
        said.contains("warning: 16.2 closed without evidence"),
        "{said}"
    );
    let said = both(&run(&f, "en", &["config".into()]));
    assert!(said.contains("lang:         en"), "{said}");
    let help = both(&run(&f, "en", &["--help".into()]));
    assert!(
        help.contains("lang = \"zh\""),
        "--help says how to switch: {help}"
    );
}

#[test]
fn chinese_runs_say_every_line_in_chinese() {
    let f = Fixture::seeded();
    for (args, ok) in commands(&f) {
        let out = run(&f, "zh", &args);
        assert_eq!(out.status.success(), ok, "{args:?}: {}", both(&out));
        let text = both(&out);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            // A status table's rule and bare lists of numbers are not sentences.
            if line.chars().all(|c| !c.is_alphabetic()) {
                continue;
            }
            assert!(
                line.chars().any(is_cjk),
                "{args:?}: a line without Chinese: {line:?}\n{text}"
            );
        }
    }
    let f = Fixture::seeded();
    let said = both(&run(&f, "zh", &["set".into(), "99".into(), "doing".into()]));
    assert!(said.contains("keywork：本看板没有第 99 项任务"), "{said}");
    let said = both(&run(
        &f,
        "zh",
        &["set".into(), "16.2".into(), "done".into()],
    ));
    assert!(said.contains("16.2 无佐证销号"), "{said}");
    let report = f.path("rep.md");
    let said = both(&run(
        &f,
        "zh",
        &["report".into(), "-o".into(), report.display().to_string()],
    ));
    assert!(said.contains("已写入"), "{said}");
    let said = both(&run(&f, "zh", &["config".into()]));
    assert!(
        said.contains("语言（lang）：") && said.contains(" zh\n"),
        "{said}"
    );
    let help = both(&run(&f, "zh", &["--help".into()]));
    assert!(
        help.contains("lang = \"en\"") && help.contains("用法："),
        "{help}"
    );
    let _ = assert_ok;
}

/// Runs of three or more ASCII words in a row (`no task 99 on`): an English sentence.
fn english_runs(s: &str) -> Vec<String> {
    let wordy = |w: &str| {
        let w = w.trim_end_matches([',', '.', ':', ';', ')']);
        w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
    };
    let mut found = Vec::new();
    for line in s.lines() {
        let mut run: Vec<&str> = Vec::new();
        for w in line.split(' ').chain([""]) {
            if wordy(w) {
                run.push(w);
            } else {
                if run.len() >= 3 {
                    found.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    found
}

/// Under zh every line with letters holds Chinese and no English sentence; under en nothing
/// Chinese but `data`.
fn assert_one_language(what: &str, zh: &str, en: &str, data: &str) {
    for line in zh.lines().filter(|l| l.chars().any(char::is_alphabetic)) {
        assert!(
            line.chars().any(is_cjk),
            "{what}: a line without Chinese under zh: {line:?}\n{zh}"
        );
        let runs = english_runs(line);
        assert!(
            runs.is_empty(),
            "{what}: English under zh {runs:?}: {line:?}\n{zh}"
        );
    }
    // Lines the importer joined are one run: compare without the data's whitespace.
    let data: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    for run in cjk_runs(en) {
        assert!(
            data.contains(&run),
            "{what}: Chinese under en that is not data ({run}):\n{en}"
        );
    }
}

fn list_fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lists")
        .join(name)
        .display()
        .to_string()
}

/// The numbering markers the importer names (the list's own marks, as data).
const MARKERS: &str = "一、 （一） （1） ";

#[test]
fn import_dry_run_speaks_one_language() {
    let f = Fixture::empty();
    let lists = std::fs::read_dir(list_fixture("")).unwrap();
    let mut names: Vec<String> = lists
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let mut said_aside = false;
    for name in names {
        let list = list_fixture(&name);
        let args = ["import".to_string(), list.clone(), "--dry-run".to_string()];
        let (zh, en) = (run(&f, "zh", &args), run(&f, "en", &args));
        assert!(zh.status.success() && en.status.success(), "{name}");
        let (zh, en) = (both(&zh), both(&en));
        // The data: the list, and what the import makes of it (target labels, units…).
        let bytes = std::fs::read(&list).unwrap();
        let json = run(
            &f,
            "en",
            &[args.to_vec(), vec!["--json".to_string()]].concat(),
        );
        let json = String::from_utf8_lossy(&json.stdout).into_owned();
        let data = format!("{MARKERS}{}{json}", keywork_text(&bytes));
        assert_one_language(&name, &zh, &en, &data);
        assert!(
            zh.contains("标题：") && zh.contains("试运行"),
            "{name}: {zh}"
        );
        assert!(
            en.contains("title:") && en.contains("dry run"),
            "{name}: {en}"
        );
        said_aside |= zh.contains("未导入的行：") && en.contains("set aside:");
    }
    assert!(said_aside, "no list had a line set aside");
    assert!(!f.board.exists());
}

/// A list's text whatever its encoding (GBK and UTF-16 fixtures included).
fn keywork_text(bytes: &[u8]) -> String {
    keywork::import::decode::decode(bytes)
        .map(|d| d.text)
        .unwrap_or_default()
}

#[test]
fn import_errors_speak_one_language() {
    let f = Fixture::empty();
    let bad = f.path("list.txt");
    let cases = [
        ("清单\n1.新建学校2所。\n2\n", None), // a number alone
        (
            "一、甲\n1.新建学校2所。\n二、乙\n1.新建公园1座。\n",
            Some("2"),
        ), // repeats: --level
        (
            "一、甲\n1.新建学校2所。\n二、乙\n1.新建公园1座。\n",
            Some("9"),
        ), // no such level
        ("清单\n1.新建学校2所。\n3.新建公园1座。\n", None), // a task missing
        ("清单\n1.新建学校2所。\n5.新建公园1座。\n", None), // tasks missing
        ("清单\n没有编号的一行\n", None),     // no tasks
    ];
    for (i, (text, level)) in cases.iter().enumerate() {
        std::fs::write(&bad, text).unwrap();
        let mut args = vec!["import".to_string(), bad.display().to_string()];
        if let Some(n) = level {
            args.extend(["--level".to_string(), n.to_string()]);
        }
        let (zh, en) = (run(&f, "zh", &args), run(&f, "en", &args));
        assert_eq!(zh.status.code(), Some(1), "case {i}: {}", both(&zh));
        assert_eq!(en.status.code(), Some(1), "case {i}: {}", both(&en));
        let data = format!("{MARKERS}{text}");
        assert_one_language(&format!("case {i}"), &both(&zh), &both(&en), &data);
    }
    // Not UTF-8, GBK or UTF-16: the byte is named in each language.
    std::fs::write(&bad, b"abc\n\xff\xff\xff\n").unwrap();
    let args = ["import".to_string(), bad.display().to_string()];
    let (zh, en) = (both(&run(&f, "zh", &args)), both(&run(&f, "en", &args)));
    assert_one_language("undecodable", &zh, &en, MARKERS);
    assert!(!f.board.exists());
}

/// Replace the first `from` in task 15's file with `to`.
fn task_15(f: &Fixture, from: &str, to: &str) {
    let p = f.task_file(15);
    let text = std::fs::read_to_string(&p).unwrap();
    let changed = text.replacen(from, to, 1);
    assert_ne!(text, changed, "{from}");
    std::fs::write(&p, changed).unwrap();
}

/// Run with a config of `lang` plus `extra` lines.
fn run_config(f: &Fixture, lang: &str, extra: &str, args: &[&str]) -> Output {
    let config = f.path(&format!("{lang}-extra.toml"));
    std::fs::write(&config, format!("lang = \"{lang}\"\n{extra}")).unwrap();
    kw_env(
        &f.board,
        args,
        &[("KEYWORK_CONFIG", Some(OsStr::new(config.as_os_str())))],
    )
}

/// The failures whose details came from deep down (a parser, clap, a check of the config):
/// under zh no English sentence, under en no Chinese but the board's data; each fails.
#[test]
fn deep_error_details_speak_one_language() {
    // (what breaks the board, extra config lines, the command)
    type Case = (
        &'static str,
        fn(&Fixture),
        &'static str,
        &'static [&'static str],
    );
    let cases: Vec<Case> = vec![
        (
            "bad filter word",
            |_| {},
            "",
            &["status", "--filter", "frob:1"],
        ),
        (
            "bad filter value",
            |_| {},
            "",
            &["status", "--filter", "warn:purple"],
        ),
        ("bad date", |_| {}, "", &["due", "15", "someday"]),
        (
            "bad since",
            |_| {},
            "",
            &["log", "--since", "yesterday-ish"],
        ),
        ("bad status", |_| {}, "", &["set", "15", "frob"]),
        ("unknown task", |_| {}, "", &["set", "99", "doing"]),
        ("not a number", |_| {}, "", &["show", "x"]),
        ("mistyped command", |_| {}, "", &["stauts"]),
        ("missing argument", |_| {}, "", &["set", "15"]),
        ("unknown option", |_| {}, "", &["status", "--frob"]),
        (
            "TOML syntax",
            |f| task_15(f, "\ntitle = \"", "\ntitle = \"unclosed\n"),
            "",
            &["show", "15"],
        ),
        (
            "wrong type",
            |f| task_15(f, "\nstatus = \"todo\"", "\nstatus = 5"),
            "",
            &["show", "15"],
        ),
        (
            "missing field",
            |f| task_15(f, "\ntitle = ", "\nheading = "),
            "",
            &["status"],
        ),
        (
            "duplicate measure id",
            |f| task_15(f, "id = \"15.3\"", "id = \"15.2\""),
            "",
            &["show", "15"],
        ),
        (
            "unknown config key",
            |_| {},
            "width = \"wide\"\n",
            &["status"],
        ),
        ("bad timezone", |_| {}, "timezone = \"mars\"\n", &["status"]),
        ("config syntax", |_| {}, "units = [\n", &["status"]),
        ("bad board name", |_| {}, "board = \"a/b\"\n", &["status"]),
    ];
    for (what, breaks, extra, args) in cases {
        let f = Fixture::seeded();
        breaks(&f);
        let zh = run_config(&f, "zh", extra, args);
        let en = run_config(&f, "en", extra, args);
        assert!(
            !zh.status.success() && !en.status.success(),
            "{what}: must fail"
        );
        let (zh, en) = (both(&zh), both(&en));
        assert_one_language(what, &zh, &en, &format!("{extra}{}", board_text(&f)));
        assert!(zh.chars().any(is_cjk), "{what}: {zh}");
    }
    // A board directory that is a file.
    let f = Fixture::empty();
    std::fs::write(&f.board, "not a directory").unwrap();
    let zh = run_config(&f, "zh", "", &["status"]);
    let en = run_config(&f, "en", "", &["status"]);
    assert!(!zh.status.success() && !en.status.success());
    assert_one_language("board is a file", &both(&zh), &both(&en), "");
    assert_eq!(
        std::fs::read_to_string(&f.board).unwrap(),
        "not a directory",
        "nothing overwritten"
    );
}
