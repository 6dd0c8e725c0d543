//! Hostile text: titles, notes and references holding terminal escape sequences (OSC 52
//! clipboard writes, title changes, cursor moves, screen clears), C0 and C1 controls, bidi
//! overrides, zero-width characters and a 100 KB line — in the board files, in a paste and on
//! the command line. The text is kept in the files; the real binary never lets a control
//! character of it reach the terminal: every byte it writes to the pseudo-terminal is checked.

use crate::common::pty::Tui;
use crate::common::*;

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
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
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
