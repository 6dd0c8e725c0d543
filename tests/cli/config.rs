//! `config`, `completions`, and output into a pipe closed early.

use super::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

#[test]
fn config_prints_the_paths_in_use() {
    let f = Fixture::seeded();
    let out = ok(&f.board, &["config"]);
    let none = f.path("none.toml");
    assert!(
        out.contains(&format!(
            "配置文件：                 {}（不存在：使用默认设置）\n",
            none.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "看板：                     {}\n",
            f.board.display()
        )),
        "{out}"
    );
    assert!(out.contains("修改人（author）：         tester\n"), "{out}");
    // `config` on a board dir that does not exist yet does not create it.
    let elsewhere = f.path("not-yet");
    let out = ok(&elsewhere, &["config"]);
    assert!(out.contains("（还没有看板）"), "{out}");
    assert!(!elsewhere.exists());
}

#[test]
fn completions_are_printed_for_bash() {
    let f = Fixture::empty();
    let out = ok(&f.board, &["completions", "bash"]);
    assert!(out.contains("_keywork()"), "{out}");
    assert!(out.contains("complete -F _keywork"), "{out}");
    for sub in ["status", "show", "set", "note", "target", "import"] {
        assert!(out.contains(sub), "{sub} missing");
    }
    assert!(!f.board.exists(), "completions need no board");
}

/// Run with stdout closed by the reader: at once, or after one line.
fn with_closed_stdout(board: &Path, args: &[&str], read_first_line: bool) -> std::process::Output {
    let mut c = command(board, args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn keywork");
    let stdout = child.stdout.take().unwrap();
    if read_first_line {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
    } else {
        drop(stdout);
    }
    child.wait_with_output().unwrap()
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let f = Fixture::seeded();
    for i in 0..30 {
        ok(&f.board, &["note", "15", &format!("让输出更长的佐证 {i}")]);
    }
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["show", "15"],
        &["show", "15", "--json"],
        &["config"],
    ] {
        for read_first_line in [false, true] {
            let out = with_closed_stdout(&f.board, args, read_first_line);
            let err = stderr(&out);
            assert!(!err.contains("panicked"), "{args:?}: {}", describe(&out));
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", describe(&out));
        }
    }
}

/// `keywork completions bash | head -1` must not panic either.
#[test]
fn completions_into_a_closed_pipe_is_not_a_panic() {
    let f = Fixture::empty();
    for read_first_line in [false, true] {
        let out = with_closed_stdout(&f.board, &["completions", "bash"], read_first_line);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{}", describe(&out));
        assert_ne!(out.status.code(), Some(101), "{}", describe(&out));
    }
}
