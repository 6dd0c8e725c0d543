//! The real binary's screen against a full redraw of itself: after a sequence of keys the
//! terminal (vt100 with xterm's rule for double-width characters) must show, cell by cell
//! and style by style, what a forced full redraw (a resize away and back) shows. Issue 12 §1
//! (stale cells after Chinese text changes) and issue 19 §1 (the other half of a wide
//! character erased in a grey background), plus how the board starts on odd terminals.

use crate::common::Fixture;
use crate::common::pty::Tui;
use std::time::Duration;

const QUIET: Duration = Duration::from_millis(250);

/// Start on a seeded board and wait for the first full frame.
fn start(f: &Fixture, cols: u16, rows: u16) -> Tui {
    let tui = Tui::start(&f.board, cols, rows, "王芳");
    tui.wait_for("未启动");
    tui.settled(QUIET);
    tui
}

fn keys(tui: &mut Tui, keys: &[&str]) {
    for k in keys {
        tui.send(k);
    }
    tui.settled(QUIET);
}

/// The screen now, and the screen after a resize away and back (a full redraw).
fn now_and_redrawn(tui: &mut Tui, cols: u16, rows: u16) -> (Vec<String>, Vec<String>) {
    let now = tui.styled_rows();
    tui.resize(cols + 1, rows);
    tui.settled(QUIET);
    tui.resize(cols, rows);
    tui.settled(QUIET);
    (now, tui.styled_rows())
}

fn assert_same(label: &str, (now, redrawn): (Vec<String>, Vec<String>), text: &str) {
    for (i, (a, b)) in now.iter().zip(&redrawn).enumerate() {
        assert_eq!(
            a, b,
            "{label}: row {i} differs from a full redraw\nscreen:\n{text}"
        );
    }
    assert_eq!(now.len(), redrawn.len());
}

#[test]
fn closing_prompt_then_escape_leaves_the_hint_bar_as_a_full_redraw_draws_it() {
    for (cols, rows) in [(120, 40), (80, 24)] {
        let f = Fixture::seeded();
        let mut tui = start(&f, cols, rows);
        let mut seq = vec!["j"; 14];
        seq.extend(["4", "\x1b"]);
        keys(&mut tui, &seq);
        let text = tui.screen();
        assert_same(
            &format!("j×14 4 Esc at {cols}x{rows}"),
            now_and_redrawn(&mut tui, cols, rows),
            &text,
        );
        // The second reproduction: the deadline prompt over the hint bar, then Esc.
        keys(&mut tui, &["d", "\x1b"]);
        let text = tui.screen();
        assert_same(
            &format!("d Esc at {cols}x{rows}"),
            now_and_redrawn(&mut tui, cols, rows),
            &text,
        );
    }
}

#[test]
fn a_new_note_then_moving_leaves_no_grey_half_cell_in_an_xterm() {
    let f = Fixture::seeded();
    let (cols, rows) = (120, 40);
    let mut tui = start(&f, cols, rows);
    let mut seq = vec!["j"; 14];
    seq.extend(["\r", "n"]);
    keys(&mut tui, &seq);
    tui.wait_for("添加佐证材料");
    keys(&mut tui, &["完成签约2400余户", "\x13"]);
    tui.wait_for("已保存");
    keys(&mut tui, &["j"]);
    let text = tui.screen();
    assert!(text.contains("完成签约2400余户"), "{text}");
    assert_same(
        "note saved, then j",
        now_and_redrawn(&mut tui, cols, rows),
        &text,
    );
}

#[test]
fn term_dumb_is_refused_in_one_line() {
    let f = Fixture::seeded();
    let mut tui = Tui::start_env(&f.board, 80, 24, "li", &[], &[("TERM", "dumb")]);
    let status = tui
        .exited_within(Duration::from_secs(5))
        .expect("exits at once");
    assert!(!status.success());
    let text = tui.settled(QUIET);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].contains("TERM=dumb"), "{text}");
    let raw = tui.raw();
    assert!(
        !raw.contains(&0x1b),
        "no escape sequence: {:?}",
        String::from_utf8_lossy(&raw)
    );
}

#[test]
fn a_utf8_terminal_without_a_utf8_locale_gets_no_warning() {
    let f = Fixture::seeded();
    // sshd without PAM: no LANG at all; the terminal (this harness) still decodes UTF-8.
    let env = [("LANG", ""), ("LC_ALL", ""), ("LC_CTYPE", "")];
    let tui = Tui::start_env(&f.board, 120, 40, "li", &[], &env);
    tui.wait_for("未启动");
    let text = tui.settled(Duration::from_millis(600));
    assert!(!text.contains("UTF-8"), "{text}");
}

#[test]
fn the_cli_prints_no_colour_codes_under_term_dumb() {
    let f = Fixture::seeded();
    let run = |term: &str| {
        let mut tui = Tui::start_env(&f.board, 120, 40, "li", &["status"], &[("TERM", term)]);
        let status = tui.exited_within(Duration::from_secs(10)).expect("exits");
        assert!(status.success());
        tui.settled(QUIET);
        tui.raw()
    };
    let coloured = run("xterm-256color");
    assert!(coloured.contains(&0x1b), "a terminal gets colours");
    let plain = run("dumb");
    assert!(
        !plain.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&plain)
    );
    assert!(String::from_utf8_lossy(&plain).contains("加快推动城市更新"));
}
