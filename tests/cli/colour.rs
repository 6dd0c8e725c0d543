//! Colours of the command line: the styles on a terminal; none under `NO_COLOR`, `TERM=dumb`,
//! `CLICOLOR=0` or into a pipe (as `anstream` decides). Escape sequences in board data never
//! reach the terminal either way.

use super::*;
use crate::common::pty::Tui;
use std::time::Duration;

/// `keywork status` on a pseudo-terminal (TERM=xterm-256color, NO_COLOR unset), as written.
fn status_on_a_terminal(board: &std::path::Path, env: &[(&str, &str)]) -> String {
    let mut t = Tui::start_env(board, 120, 40, "tester", &["status"], env);
    assert!(
        t.exited_within(Duration::from_secs(30)).is_some(),
        "status did not finish"
    );
    // Whatever is still on its way through the terminal.
    t.settled(Duration::from_millis(300));
    String::from_utf8_lossy(&t.raw()).into_owned()
}

/// A board with every status, and a title holding escape sequences of its own.
fn coloured_board() -> Fixture {
    let f = Fixture::seeded();
    ok(&f.board, &["set", "1", "done"]);
    ok(&f.board, &["set", "2", "behind"]);
    ok(&f.board, &["set", "3", "doing"]);
    let path = f.task_file(4);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("\ntitle = \"").unwrap() + "\ntitle = \"".len();
    let text = format!(
        "{}坏\\u001b[2J\\u001b]0;pwned\\u0007标题{}",
        &text[..start],
        &text[start..]
    );
    std::fs::write(&path, text).unwrap();
    f
}

#[test]
fn status_is_coloured_on_a_terminal_and_plain_otherwise() {
    let f = coloured_board();
    let raw = status_on_a_terminal(&f.board, &[]);
    assert!(raw.contains("\x1b[1m2023 年"), "bold title: {raw:?}");
    assert!(
        raw.contains("\x1b[32m已完成 1\x1b[0m"),
        "done green: {raw:?}"
    );
    assert!(raw.contains("\x1b[31m滞后 1\x1b[0m"), "behind red: {raw:?}");
    assert!(
        raw.contains("\x1b[36m推进中 1\x1b[0m"),
        "doing cyan: {raw:?}"
    );
    assert!(raw.contains("\x1b[2m  # "), "dim header: {raw:?}");
    // The first status has no colour, and no stray reset either.
    assert!(raw.contains("未启动 19 · "), "{raw:?}");
    // The board's own escapes are shown, not obeyed.
    assert!(raw.contains("坏^[[2J^[]0;pwned^G标题"), "{raw:?}");
    assert!(
        !raw.contains("\x1b[2J") && !raw.contains("\x1b]0;"),
        "{raw:?}"
    );

    for env in [("NO_COLOR", "1"), ("TERM", "dumb"), ("CLICOLOR", "0")] {
        let raw = status_on_a_terminal(&f.board, &[env]);
        assert!(raw.contains("已完成 1 · "), "{env:?}: {raw:?}");
        assert!(!raw.contains('\x1b'), "{env:?}: no colour: {raw:?}");
    }
    // Into a pipe, even with NO_COLOR unset.
    let out = kw_env(&f.board, &["status"], &[("NO_COLOR", None)]);
    assert!(
        stdout(&out).contains("坏^[[2J^[]0;pwned^G标题"),
        "{}",
        describe(&out)
    );
    assert!(!stdout(&out).contains('\x1b'), "{}", describe(&out));
}
