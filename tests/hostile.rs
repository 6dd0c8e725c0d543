//! Hostile text: titles, notes and references holding terminal escape sequences (OSC 52
//! clipboard writes, title changes, cursor moves, screen clears), C0 and C1 controls, bidi
//! overrides, zero-width characters and a 100 KB line — in the board files, in a paste and on
//! the command line. The text is kept in the files; the real binary never lets a control
//! character of it reach the terminal: every byte it writes to the pseudo-terminal is checked.

use crate::common::pty::Tui;
use crate::common::*;
use std::process::Output;

/// The nasty part of every hostile text.
const NASTY: &str = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;pwned\u{7}\u{1b}]2;t\u{1b}\\\u{1b}[2J\u{1b}[H\
                     \u{1b}[10;10H\u{1b}P1$q\u{1b}\\\u{9b}31m\u{85}\u{7}\u{8}\u{7f}\u{b}\u{c}\r\
                     \u{202e}\u{2066}\u{200f}\u{200b}\u{200d}\u{feff}\u{2060}";

/// What escape sequences the program writes: CSI sequences with these final bytes only
/// (SGR, cursor position, erase, modes, the cursor-position query), and no other control
/// character but CR and LF. Returns every offending sequence found.
fn foreign_controls(raw: &[u8]) -> Vec<String> {
    let mut bad = Vec::new();
    let text = String::from_utf8_lossy(raw);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{1b}' {
            if chars.get(i + 1) == Some(&'[') {
                let mut j = i + 2;
                while j < chars.len() && ('\u{20}'..='\u{3f}').contains(&chars[j]) {
                    j += 1;
                }
                let last = chars.get(j).copied().unwrap_or('?');
                if !"mHJKhlnqABCDGdX".contains(last) {
                    bad.push(format!("CSI …{last} at {i}"));
                }
                i = j + 1;
                continue;
            }
            let next: String = chars[i + 1..(i + 6).min(chars.len())].iter().collect();
            bad.push(format!("ESC {next:?} at {i}"));
        } else if (c.is_control() && c != '\r' && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{61c}' | '\u{2028}' | '\u{2029}')
        {
            bad.push(format!("U+{:04X} at {i}", c as u32));
        }
        i += 1;
    }
    bad
}

#[test]
fn the_scanner_catches_what_it_must() {
    assert!(foreign_controls(b"\x1b[1;31mok\x1b[0m\x1b[3;4H\r\n").is_empty());
    let found = foreign_controls(NASTY.as_bytes());
    for what in [
        "ESC \"]52",
        "ESC \"]0;p",
        "ESC \"P1",
        "U+009B",
        "U+202E",
        "U+200B",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(what)),
            "{what}: {found:?}"
        );
    }
}

#[test]
fn hostile_text_in_files_pastes_and_arguments_never_reaches_the_terminal() {
    let f = Fixture::seeded();
    // A hostile title and note, written into the task file as another tool might.
    assert_ok(&kw(&f.board, &["note", "15", "MARK"]));
    let path = f.task_file(15);
    let mut task: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let long = "长".repeat(35_000); // a 105 KB line
    task.insert("title".into(), format!("旧改TITLE{NASTY}尾").into());
    let note = &mut task["notes"].as_array_mut().unwrap()[0];
    note["text"] = format!("NOTE{NASTY}{long}END").into();
    note.as_table_mut()
        .unwrap()
        .insert("ref".into(), format!("REF{NASTY}").into());
    std::fs::write(&path, toml::to_string(&task).unwrap()).unwrap();

    // On the command line: kept in the file where valid, never printed raw.
    assert_ok(&kw(&f.board, &["note", "3", &format!("ARG{NASTY}")]));
    for args in [&["status"][..], &["show", "15"], &["show", "3"], &["log"]] {
        let out = kw(&f.board, args);
        assert_ok(&out);
        let shown = String::from_utf8_lossy(&out.stdout).replace('\t', " ");
        assert_eq!(
            foreign_controls(shown.as_bytes()),
            Vec::<String>::new(),
            "{args:?}"
        );
    }

    for (cols, rows) in [(80, 24), (120, 40)] {
        let mut tui = Tui::start(&f.board, cols, rows, "王芳");
        tui.wait_for("未启动");
        for _ in 0..14 {
            tui.send("j");
        }
        tui.wait_for("TITLE");
        tui.send("\r");
        tui.wait_for("NOTE");
        tui.send("n");
        tui.wait_for("15");
        tui.send(&format!("\u{1b}[200~PASTE{NASTY}\u{1b}[201~"));
        tui.send("\u{13}"); // Ctrl-S
        tui.wait_for("已保存");
        tui.send("q");
        assert!(
            tui.exited_within(std::time::Duration::from_secs(5))
                .is_some()
        );
        let bad = foreign_controls(&tui.raw());
        assert!(
            bad.is_empty(),
            "{cols}x{rows}: {:?}",
            &bad[..bad.len().min(10)]
        );
        let screen = tui.screen();
        assert!(
            !screen.contains("pwned"),
            "the title sequence is not shown as text either"
        );
    }
    // Stored faithfully where valid: the file still holds the hostile title and note.
    let text = std::fs::read_to_string(&path).unwrap();
    let back: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        back["title"].as_str(),
        Some(format!("旧改TITLE{NASTY}尾").as_str())
    );
    assert!(text.contains("PASTE"), "the pasted note was saved");
}

/// The payload of every field of the hostile board: a screen clear, an OSC 52 clipboard write,
/// an OSC 8 link, a one-byte C1 CSI, bidi overrides and isolates, invisible characters, BEL,
/// backspace, CR and DEL.
const PAYLOAD: &str = "\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]8;;http://evil.example/\u{1b}\\L\
                       \u{1b}]8;;\u{1b}\\\u{9b}2J\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}\
                       \u{feff}\u{200b}\u{7}\u{8}\r\u{7f}\u{85}";

/// A hostile copy of `s`: keeps a marker so the text can be found on screen.
fn evil(s: &str) -> String {
    format!("{s}{PAYLOAD}")
}

/// Make every string in `v` hostile, except the keys (ids, dates, kinds) the loader must
/// parse; status keys in history `from`/`to` are made hostile too (an unknown key is shown).
fn poison(v: &mut toml::Value, key: &str) {
    const PARSED: &[&str] = &[
        "id", "on", "kind", "status", "at", "updated", "deadline", "created", "issued", "key",
        "measure", "edited", "saved", "role",
    ];
    match v {
        toml::Value::String(s) if !PARSED.contains(&key) => *s = evil(s),
        toml::Value::Array(a) => a.iter_mut().for_each(|x| poison(x, key)),
        toml::Value::Table(t) => t.iter_mut().for_each(|(k, x)| poison(x, k)),
        _ => {}
    }
}

fn poison_file(path: &std::path::Path) {
    let mut v: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    poison(&mut v, "");
    std::fs::write(path, toml::to_string(&v).unwrap()).unwrap();
}

/// The bytes of every character that must not reach a terminal from board text; keywork's
/// own output (NO_COLOR, not a terminal) holds none of them.
fn hostile_bytes(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                    | '\u{200b}'..='\u{200f}' | '\u{61c}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
        })
        .map(char::len_utf8)
        .sum()
}

/// A board whose every text field holds `PAYLOAD`: board.toml (title, status names), task 15
/// (title, text, units, measures, targets, notes and their refs and authors, history), a
/// review meeting, and a config whose units and author are hostile.
fn hostile_board() -> Fixture {
    let f = Fixture::seeded();
    for args in [
        &["note", "15", "证据", "--ref", "文号"][..],
        &["note", "15.3", "措施证据", "--ref", "文号"],
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区房管局",
        ],
        &["assign", "15.1", "--lead", "区旧改办", "--partner", "街道"],
        &["target", "15.1", "5"],
        &["due", "15", "2023-12-31"],
        &["set", "15.2", "doing"],
        &["set", "15.2", "behind"],
    ] {
        assert_ok(&kw(&f.board, args));
    }
    poison_file(&f.board.join("board.toml"));
    poison_file(&f.task_file(15));
    use keywork::model::review::{Review, ReviewItem, ReviewScope};
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let review = Review {
        schema: 1,
        date: "2023-10-12".parse().unwrap(),
        scope: ReviewScope::All,
        started: at("2023-10-12T09:00:00+08:00"),
        started_by: evil("李明"),
        since: Some(at("2023-10-05T12:00:00+08:00")),
        finished: Some(at("2023-10-12T11:00:00+08:00")),
        order: vec![15],
        position: 0,
        items: vec![ReviewItem {
            number: 15,
            reviewed: true,
            conclusion: evil("结论"),
            next_step: evil("下一步"),
            owner: evil("责任单位"),
            due: Some("2023-10-31".parse().unwrap()),
            coordination: Some(evil("协调")),
            coordination_owner: evil("协调单位"),
            coordination_due: Some("2023-10-20".parse().unwrap()),
            updated: Some(at("2023-10-12T10:00:00+08:00")),
            updated_by: evil("李明"),
        }],
    };
    let dir = f.board.join("reviews");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2023-10-12.toml"),
        toml::to_string(&review).unwrap(),
    )
    .unwrap();
    // The config every command of the fixture reads (`KEYWORK_CONFIG=<root>/none.toml`).
    let config = toml::toml! { units = ["区旧改办", "区房管局"] };
    let mut config = toml::Value::Table(config);
    poison(&mut config, "");
    std::fs::write(f.path("none.toml"), toml::to_string(&config).unwrap()).unwrap();
    f
}

/// Run `args` on the board with a hostile author, with the binary named by
/// `KEYWORK_HOSTILE_BIN` if set (to measure another build), else the one under test.
fn run_hostile(board: &std::path::Path, args: &[&str]) -> Output {
    let c = command(board, args);
    let bin = std::env::var_os("KEYWORK_HOSTILE_BIN").unwrap_or_else(|| BIN.into());
    let mut c2 = std::process::Command::new(bin);
    c2.args(c.get_args()).stdin(std::process::Stdio::null());
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => c2.env(k, v),
            None => c2.env_remove(k),
        };
    }
    c2.env("KEYWORK_AUTHOR", evil("作者"));
    c2.output().expect("run keywork")
}

/// Some string in `v` holds `s`.
fn carries(v: &serde_json::Value, s: &str) -> bool {
    match v {
        serde_json::Value::String(x) => x.contains(s),
        serde_json::Value::Array(a) => a.iter().any(|x| carries(x, s)),
        serde_json::Value::Object(o) => o.values().any(|x| carries(x, s)),
        _ => false,
    }
}

#[test]
fn no_hostile_byte_of_any_field_reaches_any_command_s_output() {
    let f = hostile_board();
    let b = &f.board;
    let bad_arg = "\u{1b}[2J5";
    let csv = f.path("ledger.csv");
    let csv = csv.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["status"],
        vec!["status", "--json"],
        vec!["status", "--warnings"],
        vec!["status", "--unit", "区旧改办"],
        vec!["show", "15"],
        vec!["show", "15", "--json"],
        vec!["log"],
        vec!["log", "15", "--json"],
        vec!["report", "--since", "2020-01-01"],
        vec!["report", "--review", "2023-10-12"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "csv", "--level", "measure", "-o", csv],
        vec!["config"],
        vec!["doctor"],
        vec!["set", "15.2", "doing"],
        vec!["set", "15", "done", "--reason", PAYLOAD],
        vec!["note", "15.2", PAYLOAD, "--ref", PAYLOAD],
        vec!["target", "15.1", "7"],
        vec!["assign", "15.2", "--lead", "区旧改", "--partner", PAYLOAD],
        vec!["due", "15.2", "年底"],
        // Errors that echo what they were given.
        vec!["show", bad_arg],
        vec!["set", bad_arg, "doing"],
        vec!["set", "15", bad_arg],
        vec!["target", "15.1", bad_arg],
        vec!["target", bad_arg, "5"],
        vec!["log", "--since", bad_arg],
        vec!["due", "15", bad_arg],
        vec!["report", "--review", bad_arg],
        vec!["export", "--format", bad_arg],
        vec![bad_arg],
    ];
    let mut total = 0;
    let mut failures = Vec::new();
    for args in &commands {
        let mut out = run_hostile(b, args);
        if args[0] == "export" {
            // The CSV's own byte-order mark and CRLF line ends.
            let csv = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
            out.stdout = csv.trim_start_matches('\u{feff}').as_bytes().to_vec();
        }
        let n = hostile_bytes(&out.stdout) + hostile_bytes(&out.stderr);
        eprintln!("{n:>5} hostile bytes from {args:?}");
        total += n;
        if n > 0 {
            failures.push(format!("{args:?}: {}", describe(&out)));
        }
        if args.contains(&"--json") {
            let text = String::from_utf8_lossy(&out.stdout);
            let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert!(
                carries(&v, PAYLOAD),
                "the JSON still carries the text exactly: {args:?}"
            );
        }
    }
    // A file whose name holds the payload (without `/`), planted in the board: named by
    // `doctor` and `status`, cleaned.
    let name = format!("99{}.toml", PAYLOAD.replace('/', "_"));
    std::fs::write(b.join("tasks").join(&name), "junk").unwrap();
    for args in [&["doctor"][..], &["status"]] {
        let out = run_hostile(b, args);
        let n = hostile_bytes(&out.stdout) + hostile_bytes(&out.stderr);
        eprintln!("{n:>5} hostile bytes from {args:?} with a hostile file name");
        total += n;
        if n > 0 {
            failures.push(format!("{args:?}: {}", describe(&out)));
        }
    }
    std::fs::remove_file(b.join("tasks").join(&name)).unwrap();
    eprintln!("{total} hostile bytes in all");
    // The text is shown, its attack visible as `cat -v` would show it.
    let shown = stdout(&run_hostile(b, &["show", "15"]));
    assert!(
        shown.contains("区旧改办^[[2J^[]52;c;cHduZWQ=^G^[]8;;http://evil.example/^[\\L"),
        "{shown}"
    );
    assert!(shown.contains("<U+009B>2J<U+202E><U+2066>"), "{shown}");
    assert!(failures.is_empty(), "{failures:#?}");
    // Files written with -o keep what the ledger holds (the CSV is not for a terminal).
    assert!(std::fs::read_to_string(csv).unwrap().contains("区旧改办"));
}

#[test]
fn no_hostile_byte_of_any_field_reaches_the_tui() {
    let f = hostile_board();
    // The pty harness reads `<board>/no-config.toml`.
    std::fs::copy(f.path("none.toml"), f.board.join("no-config.toml")).unwrap();
    let mut tui = Tui::start(&f.board, 120, 40, &evil("王芳"));
    tui.wait_for("未启动");
    for _ in 0..14 {
        tui.send("j");
    }
    tui.wait_for("加快推动城市更新");
    tui.send("\r"); // the detail of task 15: measures, notes, targets, history
    tui.wait_for("措施与佐证");
    for _ in 0..12 {
        tui.send("j");
    }
    tui.send("?"); // help
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.send("\u{1b}");
    tui.send("n"); // the note editor
    tui.send(&format!("\u{1b}[200~PASTE{PAYLOAD}\u{1b}[201~"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.send("\u{1b}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.send("y");
    tui.send("q");
    tui.send("q");
    assert!(
        tui.exited_within(std::time::Duration::from_secs(5))
            .is_some()
    );
    let bad = foreign_controls(&tui.raw());
    eprintln!("{} foreign sequences in the TUI's output", bad.len());
    assert!(bad.is_empty(), "{:?}", &bad[..bad.len().min(10)]);
}

/// A hostile remote: a commit whose author e-mail and name hold the payload. `keywork sync`
/// names who the changes came from; the name reaches the terminal cleaned.
#[test]
fn a_hostile_committer_from_the_remote_reaches_sync_s_output_cleaned() {
    let f = Fixture::seeded();
    let remote = f.path("remote.git");
    assert_ok(&kw(
        &f.board,
        &["sync", "--setup", remote.to_str().unwrap()],
    ));
    let clone = f.path("evil-clone");
    let git = |dir: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", &format!("user.name=N{PAYLOAD}")])
            .args(["-c", &format!("user.email=E{PAYLOAD}@x")])
            .args(args)
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {}", describe(&out));
    };
    git(
        f.tmp.path(),
        &[
            "clone",
            "-q",
            remote.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    assert_ok(&kw(&clone, &["note", "3", "来自远程"]));
    git(&clone, &["commit", "-q", "-am", &format!("S{PAYLOAD}")]);
    git(&clone, &["push", "-q", "origin", "HEAD"]);
    let out = run_hostile(&f.board, &["sync"]);
    assert_ok(&out);
    let n = hostile_bytes(&out.stdout) + hostile_bytes(&out.stderr);
    eprintln!("{n} hostile bytes from sync");
    assert_eq!(n, 0, "{}", describe(&out));
    assert!(
        stdout(&out).contains("E^[[2J^[]52;c;cHduZWQ=^G"),
        "{}",
        describe(&out)
    );
}
