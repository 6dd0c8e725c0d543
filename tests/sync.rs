//! Two offices share a board through git, all on this machine: a bare repository and two
//! boards cloned from it, changed independently (the same task on both sides: notes, a status,
//! a target value; other tasks too), synced in either order. Afterwards both boards are
//! identical, hold every note exactly once and parse. A sync that fails half-way (remote gone,
//! a hook that rejects) leaves the board intact and the next sync sends it. The merge driver
//! on its own, and a plain `git pull` by hand.

use crate::common::*;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Run keywork as `who` at `when` (+08:00 on 2023-10-05).
pub fn at(board: &Path, who: &str, when: &str, args: &[&str]) -> std::process::Output {
    let now = format!("2023-10-05T{when}+08:00");
    kw_env(
        board,
        args,
        &[
            ("KEYWORK_AUTHOR", Some(OsStr::new(who))),
            ("KEYWORK_NOW", Some(OsStr::new(&now))),
        ],
    )
}

#[track_caller]
pub fn ok_at(board: &Path, who: &str, when: &str, args: &[&str]) -> String {
    let out = at(board, who, when, args);
    assert_ok(&out);
    stdout(&out)
}

pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=hand", "-c", "user.email=hand@test"])
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .expect("git")
}

/// A remote and two offices' boards (`a` set it up, `b` cloned it).
pub struct Offices {
    pub _tmp: tempfile::TempDir,
    pub remote: PathBuf,
    pub a: PathBuf,
    pub b: PathBuf,
}

pub fn offices() -> Offices {
    let f = Fixture::seeded();
    let remote = f.path("remote.git");
    let b = f.path("office-b");
    let out = ok_at(
        &f.board,
        "zhang",
        "09:00:00",
        &["sync", "--setup", remote.to_str().unwrap()],
    );
    assert!(out.contains("remote.git"), "{out}");
    let out = ok_at(
        &b,
        "li",
        "09:01:00",
        &["sync", "--clone", remote.to_str().unwrap()],
    );
    assert!(out.contains("22"), "{out}");
    Offices {
        a: f.board.clone(),
        _tmp: f.tmp,
        remote,
        b,
    }
}

/// Every file of a board but git's own and the local state.
pub fn board_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            if [".git", ".keywork.lock", ".keywork-cache.json"].contains(&name.as_str()) {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Both offices change task 15 (notes, the status of 15.4, target 15.4) and a task of their own.
fn change_both(o: &Offices) {
    ok_at(
        &o.a,
        "zhang",
        "10:00:00",
        &["note", "15.2", "甲方：第一批签约完成"],
    );
    ok_at(&o.a, "zhang", "10:00:10", &["set", "15.4", "doing"]);
    ok_at(&o.a, "zhang", "10:00:20", &["target", "15.4", "100"]);
    ok_at(&o.a, "zhang", "10:00:30", &["note", "3", "甲方：任务三"]);
    ok_at(
        &o.b,
        "li",
        "10:05:00",
        &["note", "15.2", "乙方：第二批签约完成"],
    );
    ok_at(&o.b, "li", "10:05:10", &["set", "15.4", "behind"]);
    ok_at(&o.b, "li", "10:05:20", &["target", "15.4", "120"]);
    ok_at(&o.b, "li", "10:05:30", &["note", "20", "乙方：任务二十"]);
}

fn check_converged(o: &Offices) {
    assert_eq!(
        board_files(&o.a),
        board_files(&o.b),
        "both boards identical"
    );
    for board in [&o.a, &o.b] {
        let t15 = show_json(board, 15);
        let text = t15.to_string();
        for note in ["甲方：第一批签约完成", "乙方：第二批签约完成"] {
            assert_eq!(text.matches(note).count(), 1, "{note} once: {text}");
        }
        assert!(show_json(board, 3).to_string().contains("甲方：任务三"));
        assert!(show_json(board, 20).to_string().contains("乙方：任务二十"));
        let task = task_toml(board, 15);
        let measure = task["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"].as_str() == Some("15.4"))
            .unwrap();
        assert_eq!(
            measure["status"].as_str(),
            Some("behind"),
            "the later change wins"
        );
        let target = task["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"].as_str() == Some("15.4"))
            .unwrap();
        assert_eq!(target["current"].as_float(), Some(120.0));
        let statuses: Vec<&str> = task["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"].as_str() == Some("status") && e["on"].as_str() == Some("15.4"))
            .map(|e| e["author"].as_str().unwrap())
            .collect();
        assert_eq!(statuses, ["zhang", "li"], "both changes in history");
        assert_ok(&kw(board, &["doctor"]));
        let files = board_files(board);
        assert!(
            !files
                .iter()
                .any(|(_, b)| String::from_utf8_lossy(b).contains("<<<<<<<")),
            "no conflict markers"
        );
    }
}

#[test]
fn two_offices_converge_whichever_syncs_first() {
    for a_first in [true, false] {
        let o = offices();
        change_both(&o);
        let (first, second) = if a_first { (&o.a, &o.b) } else { (&o.b, &o.a) };
        let out = ok_at(first, "x", "11:00:00", &["sync"]);
        assert!(out.contains("已提交") && out.contains("已推送"), "{out}");
        let out = ok_at(second, "y", "11:01:00", &["sync"]);
        assert!(
            out.contains("收到 1 条佐证、1 项状态变更、1 项指标进度")
                || out.contains("收到 2 条佐证"),
            "{out}"
        );
        assert!(out.contains("@"), "names who sent it: {out}");
        let out = ok_at(first, "x", "11:02:00", &["sync"]);
        assert!(out.contains("收到"), "{out}");
        check_converged(&o);
        // Nothing more to do on either side.
        for board in [&o.a, &o.b] {
            let out = ok_at(board, "x", "11:03:00", &["sync"]);
            assert!(out.contains("已是最新"), "{out}");
        }
    }
}

#[test]
fn one_commit_per_burst_saying_what_and_who() {
    let o = offices();
    ok_at(&o.a, "zhang", "10:00:00", &["set", "15.4", "doing"]);
    ok_at(
        &o.a,
        "zhang",
        "10:00:05",
        &["set", "15.4", "done", "--reason", "已验收"],
    );
    ok_at(&o.a, "zhang", "10:00:10", &["sync"]);
    let log = git(&o.a, &["log", "-1", "--format=%an <%ae>%n%B"]);
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(log.starts_with("zhang <zhang@"), "{log}");
    assert!(log.contains("15.4 推进中 → 已完成 (zhang)"), "{log}");
    let count = git(&o.a, &["rev-list", "--count", "HEAD"]);
    assert_eq!(
        String::from_utf8_lossy(&count.stdout).trim(),
        "2",
        "setup + one commit"
    );
}

#[test]
fn a_plain_git_pull_merges_the_same_way() {
    let o = offices();
    change_both(&o);
    ok_at(&o.a, "zhang", "11:00:00", &["sync"]);
    // Office b commits and pulls by hand: the driver registered by --clone merges.
    assert!(git(&o.b, &["add", "-A"]).status.success());
    assert!(
        git(&o.b, &["commit", "-q", "-m", "by hand"])
            .status
            .success()
    );
    let pull = git(
        &o.b,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    assert!(
        pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );
    ok_at(&o.b, "li", "11:01:00", &["sync"]);
    ok_at(&o.a, "zhang", "11:02:00", &["sync"]);
    check_converged(&o);
}

#[test]
fn a_failed_sync_keeps_the_board_and_the_next_one_sends_it() {
    let o = offices();
    ok_at(&o.a, "zhang", "10:00:00", &["note", "15", "断网时写的"]);
    let before = board_files(&o.a);

    // The remote is gone (an unreachable server).
    let away = o.remote.with_extension("away");
    std::fs::rename(&o.remote, &away).unwrap();
    let out = at(&o.a, "zhang", "10:01:00", &["sync"]);
    let err = assert_code(&out, 1);
    let said = stdout(&out);
    assert!(
        said.contains("未能同步") && said.contains("已提交"),
        "{said}"
    );
    assert!(err.contains("同步未完成"), "{err}");
    assert_eq!(board_files(&o.a), before, "board intact");
    std::fs::rename(&away, &o.remote).unwrap();

    // A hook on the server rejects the push.
    let hook = o.remote.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'rejected: frozen for audit' >&2\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = at(&o.a, "zhang", "10:02:00", &["sync"]);
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("frozen for audit"),
        "{}",
        stdout(&out)
    );
    assert_eq!(board_files(&o.a), before, "board intact");

    // The next sync sends what was kept.
    std::fs::remove_file(&hook).unwrap();
    let out = ok_at(&o.a, "zhang", "10:03:00", &["sync"]);
    assert!(out.contains("已推送"), "{out}");
    let out = ok_at(&o.b, "li", "10:04:00", &["sync"]);
    assert!(out.contains("收到 1 条佐证"), "{out}");
    assert!(show_json(&o.b, 15).to_string().contains("断网时写的"));
}

#[test]
fn setup_clone_and_sync_refuse_what_they_cannot_do() {
    crate::common::english();
    let o = offices();
    // A remote that already holds a board.
    let g = Fixture::seeded();
    let out = kw(&g.board, &["sync", "--setup", o.remote.to_str().unwrap()]);
    let err = assert_code(&out, 1);
    assert!(
        err.contains("already holds a board") && err.contains("--clone"),
        "{err}"
    );
    // Clone into a directory that is not empty.
    let out = kw(&o.a, &["sync", "--clone", o.remote.to_str().unwrap()]);
    assert!(assert_code(&out, 1).contains("not empty"));
    // A remote without a board.
    let empty = g.path("empty.git");
    assert!(
        Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&empty)
            .status()
            .unwrap()
            .success()
    );
    let dir = g.path("c");
    let out = kw(&dir, &["sync", "--clone", empty.to_str().unwrap()]);
    assert_code(&out, 1);
    assert!(!dir.exists(), "nothing left behind");
    // A board that is not shared.
    let out = kw(&g.board, &["sync"]);
    let err = assert_code(&out, 1);
    assert!(
        err.contains("not shared through git") && err.contains("--setup"),
        "{err}"
    );
}

#[test]
fn the_merge_driver_on_crafted_files() {
    crate::common::english();
    let f = Fixture::seeded();
    let base = std::fs::read_to_string(f.task_file(15)).unwrap();
    ok_at(&f.board, "zhang", "10:00:00", &["note", "15", "甲"]);
    let ours = std::fs::read_to_string(f.task_file(15)).unwrap();
    std::fs::write(f.task_file(15), &base).unwrap();
    ok_at(&f.board, "li", "10:01:00", &["note", "15", "乙"]);
    let theirs = std::fs::read_to_string(f.task_file(15)).unwrap();
    let dir = f.path("merge");
    std::fs::create_dir(&dir).unwrap();
    let (o, a, b) = (dir.join("O"), dir.join("A"), dir.join("B"));
    std::fs::write(&o, &base).unwrap();
    std::fs::write(&a, &ours).unwrap();
    std::fs::write(&b, &theirs).unwrap();
    let run = |a_text: &str| {
        std::fs::write(&a, a_text).unwrap();
        Command::new(BIN)
            .arg("merge-driver")
            .args([&o, &a, &b])
            .arg("tasks/15.toml")
            .output()
            .unwrap()
    };
    let out = run(&ours);
    assert_ok(&out);
    let merged = std::fs::read_to_string(&a).unwrap();
    assert!(merged.contains("甲") && merged.contains("乙"), "{merged}");
    assert!(!merged.contains("<<<<<<<"));
    // A side that does not parse: exit 1 naming it and the line; git then reports a conflict.
    let out = run("number = \n");
    let err = assert_code(&out, 1);
    assert!(
        err.contains("本地") && err.contains("tasks/15.toml:1"),
        "{err}"
    );
}

#[test]
fn two_people_syncing_the_same_board_at_once_take_turns() {
    let o = offices();
    change_both(&o);
    let runs: Vec<_> = ["zhang", "wang"]
        .into_iter()
        .map(|who| {
            let a = o.a.clone();
            std::thread::spawn(move || at(&a, who, "11:00:00", &["sync"]))
        })
        .collect();
    for r in runs {
        assert_ok(&r.join().unwrap());
    }
    ok_at(&o.b, "li", "11:01:00", &["sync"]);
    ok_at(&o.a, "zhang", "11:02:00", &["sync"]);
    check_converged(&o);
}
