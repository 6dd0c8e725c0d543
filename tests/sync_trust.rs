//! Running code as someone else through git (issue 11, items 8–10): another account plants a
//! repository in a parent directory of a board, a bare remote with hooks, or a program in a team
//! board's repository config; the victim (root here) syncs, and the planted command never runs.
//! The README's team setup still syncs for a second account (nobody, a member of the group).
//!
//! Every planted command appends `id -u` to `<tmp>/pwned`, in a directory only root can write:
//! the file exists only if the victim ran it.

use crate::common::*;
use crate::sync::{board_files, git, ok_at};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

const NOBODY: u32 = 65534;

fn root() -> bool {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("not root: cannot act as another user here; the CI machine runs this as root");
        return false;
    }
    true
}

/// Run a shell script as nobody (the attacker, or a team member).
#[track_caller]
fn as_other(script: &str) {
    let mut c = Command::new("sh");
    c.args(["-c", script])
        .env("HOME", "/nonexistent")
        .env("LC_ALL", "C")
        .current_dir("/");
    as_nobody(&mut c);
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "as nobody: {script}\n{}",
        describe(&out)
    );
}

fn sh(script: &str) {
    let out = Command::new("sh").args(["-c", script]).output().unwrap();
    assert!(out.status.success(), "{script}\n{}", describe(&out));
}

/// A program that leaves a mark if it runs, written where nobody can write it.
fn payload(tmp: &Path) -> (PathBuf, String) {
    let mark = tmp.join("pwned");
    (mark.clone(), format!("id -u >> '{}'", mark.display()))
}

#[track_caller]
fn assert_not_run(mark: &Path) {
    assert!(
        !mark.exists(),
        "the planted command ran as uid {}",
        std::fs::read_to_string(mark).unwrap_or_default().trim()
    );
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// Item 8: a repository planted by another account in a parent directory of a board that has
/// no `.git` yet rewrites the remote's URL to `ext::sh -c …`; `sync --setup` never reads it.
#[test]
fn a_repository_planted_in_a_parent_directory_is_never_used() {
    if !root() {
        return;
    }
    let f = Fixture::seeded();
    chmod(f.tmp.path(), 0o755);
    let (mark, run) = payload(f.tmp.path());
    let planted = f.path("planted");
    std::fs::create_dir(&planted).unwrap();
    std::os::unix::fs::chown(&planted, Some(NOBODY), Some(NOBODY)).unwrap();
    let remote = f.path("remote.git");
    let ext = format!("ext::sh -c {}", run.replace(' ', "% "));
    as_other(&format!(
        "cd '{p}' && git init -q && git config protocol.ext.allow always && \
         git config 'url.{ext}.insteadOf' '{r}' && git config core.fsmonitor \"sh -c '{run}'\"",
        p = planted.display(),
        r = remote.display(),
    ));
    let board = planted.join("board");
    std::fs::rename(&f.board, &board).unwrap();
    let out = kw(&board, &["sync", "--setup", remote.to_str().unwrap()]);
    assert_not_run(&mark);
    assert_ok(&out);
    assert!(
        board.join(".git").is_dir(),
        "the board has a repository of its own"
    );
    let heads = git(&remote, &["for-each-ref", "--format=%(refname)"]);
    assert!(
        stdout(&heads).contains("refs/heads/main"),
        "{}",
        describe(&heads)
    );
    ok_at(&board, "zhang", "10:00:00", &["note", "15", "上报"]);
    assert_ok(&kw(&board, &["sync"]));
    assert_not_run(&mark);
}

/// Item 9: a bare repository created in advance by another account, with hooks: `--setup` to
/// it, a clone and a sync push into it without running any of them as the victim.
#[test]
fn hooks_of_a_remote_owned_by_another_account_never_run() {
    if !root() {
        return;
    }
    let f = Fixture::seeded();
    chmod(f.tmp.path(), 0o755);
    let (mark, run) = payload(f.tmp.path());
    let drop = f.path("drop");
    std::fs::create_dir(&drop).unwrap();
    std::os::unix::fs::chown(&drop, Some(NOBODY), Some(NOBODY)).unwrap();
    let remote = drop.join("district.git");
    let mut script = format!("git init -q --bare '{}'", remote.display());
    for hook in [
        "pre-receive",
        "update",
        "post-receive",
        "post-update",
        "reference-transaction",
        "push-to-checkout",
    ] {
        let path = remote.join("hooks").join(hook);
        script += &format!(
            " && printf '#!/bin/sh\\n{run}\\n' > '{p}' && chmod 755 '{p}'",
            p = path.display()
        );
    }
    as_other(&script);
    assert_eq!(std::fs::metadata(&remote).unwrap().uid(), NOBODY);

    let r = remote.to_str().unwrap();
    let out = kw(&f.board, &["sync", "--setup", r]);
    assert_not_run(&mark);
    assert_ok(&out);
    let b = f.path("office-b");
    assert_ok(&kw(&b, &["sync", "--clone", r]));
    ok_at(&f.board, "zhang", "10:00:00", &["note", "15", "上报"]);
    let out = kw(&f.board, &["sync"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("已推送"), "{}", describe(&out));
    assert_not_run(&mark);
    let out = ok_at(&b, "li", "10:01:00", &["sync"]);
    assert!(out.contains("收到 1 条佐证"), "{out}");
}

/// The README's team setup: a directory of the team's group (here nogroup, nobody's group),
/// setgid and group-writable, a board and a bare repository in it, set up by root with umask
/// 022. Returns (tmp, board, remote).
fn team_board() -> (Fixture, PathBuf, PathBuf) {
    let f = Fixture::seeded();
    chmod(f.tmp.path(), 0o755);
    let remote_dir = f.path("git");
    std::fs::create_dir(&remote_dir).unwrap();
    let (board, remotes) = (f.board.display(), remote_dir.display());
    sh(&format!(
        "chgrp -R {NOBODY} '{board}' '{remotes}' && chmod -R g+rwX '{board}' '{remotes}' && \
         find '{board}' '{remotes}' -type d -exec chmod g+s {{}} +"
    ));
    let remote = remote_dir.join("district.git");
    let out = kw(&f.board, &["sync", "--setup", remote.to_str().unwrap()]);
    assert_ok(&out);
    let board = f.board.clone();
    (f, board, remote)
}

/// A member (nobody) syncs the team board root set up and shared: with root's umask 022, and
/// the other way round.
fn member_sync(board: &Path, text: &str) -> std::process::Output {
    let mut c = command(board, &["note", "15", text]);
    c.env("KEYWORK_AUTHOR", "member");
    as_nobody(&mut c);
    let out = c.output().unwrap();
    assert_ok(&out);
    let mut c = command(board, &["sync"]);
    c.env("KEYWORK_AUTHOR", "member");
    as_nobody(&mut c);
    c.output().unwrap()
}

#[test]
fn the_readme_team_board_syncs_for_a_second_account() {
    if !root() {
        return;
    }
    let (f, board, remote) = team_board();
    for gd in [board.join(".git"), remote.clone()] {
        assert_eq!(mode(&gd.join("config")) & 0o022, 0, "{}", gd.display());
        assert_eq!(mode(&gd.join("hooks")) & 0o022, 0, "{}", gd.display());
    }
    let b = f.path("office-b");
    assert_ok(&kw(&b, &["sync", "--clone", remote.to_str().unwrap()]));
    // Root syncs first (creating .git/keywork-sync.lock with umask 022), then the member.
    ok_at(&board, "zhang", "10:00:00", &["note", "3", "组长的佐证"]);
    assert_ok(&kw(&board, &["sync"]));
    let lock = board.join(".git/keywork-sync.lock");
    assert_eq!(
        mode(&lock) & 0o060,
        0o060,
        "the sync lock is group-writable"
    );
    // As a member with umask 022 (or an older keywork) left it: the member still syncs.
    chmod(&lock, 0o644);
    let out = member_sync(&board, "组员的佐证");
    assert_ok(&out);
    assert!(stdout(&out).contains("已推送"), "{}", describe(&out));
    let out = ok_at(&b, "li", "10:05:00", &["sync"]);
    assert!(out.contains("收到"), "{out}");
    assert!(show_json(&b, 15).to_string().contains("组员的佐证"));
    // Another office's change reaches the member through a merge in the team board.
    ok_at(&b, "li", "10:06:00", &["note", "20", "乙方"]);
    assert_ok(&kw(&b, &["sync"]));
    let out = member_sync(&board, "组员的第二条");
    assert_ok(&out);
    assert!(stdout(&out).contains("收到 1 条佐证"), "{}", describe(&out));
    // And root again after the member: nothing either left that root's sync cannot use.
    assert_ok(&kw(&board, &["sync"]));
    assert_ok(&kw(&b, &["sync"]));
    assert_eq!(board_files(&board), board_files(&b));
    let doctor = kw(&board, &["doctor"]);
    assert!(
        !stdout(&doctor).contains("用户组不能写入"),
        "{}",
        describe(&doctor)
    );
}

/// Item 10, as the issue found it: the team board's `.git/config` group-writable (as keywork
/// used to leave it), a member sets `core.fsmonitor`. The next sync refuses, saying how to fix.
#[test]
fn a_group_writable_repository_config_is_refused() {
    if !root() {
        return;
    }
    let (f, board, _remote) = team_board();
    let (mark, run) = payload(f.tmp.path());
    let config = board.join(".git/config");
    chmod(&config, 0o664);
    as_other(&format!(
        "git config --file '{}' core.fsmonitor \"sh -c '{run}'\"",
        config.display()
    ));
    ok_at(&board, "zhang", "10:00:00", &["note", "15", "组长"]);
    let before = board_files(&board);
    let out = kw(&board, &["sync"]);
    assert_not_run(&mark);
    let err = assert_code(&out, 1);
    assert!(
        err.contains(".git/config") && err.contains("chmod go-w"),
        "{err}"
    );
    assert_eq!(board_files(&board), before, "board unchanged");
    let doctor = stdout(&kw(&board, &["doctor"]));
    assert!(doctor.contains(".git/config"), "{doctor}");
}

/// Item 10 when the config is not group-writable but its directory is: a member replaces
/// `.git/config` and `.git/hooks` with their own (owned by them, writable by them only). What
/// they name is never run: hooks and the file-system monitor are overridden, and a program
/// keywork cannot override (a filter driver) makes the sync refuse.
#[test]
fn a_members_replaced_config_and_hooks_run_nothing() {
    if !root() {
        return;
    }
    let (f, board, remote) = team_board();
    let b = f.path("office-b");
    assert_ok(&kw(&b, &["sync", "--clone", remote.to_str().unwrap()]));
    let (mark, run) = payload(f.tmp.path());
    let gd = board.join(".git");
    let evil = gd.join("evil-hooks");
    let mut script = format!(
        "cd '{gd}' && cp config config.new && \
         git config --file config.new core.fsmonitor \"sh -c '{run}'\" && \
         git config --file config.new core.hooksPath '{evil}' && \
         git config --file config.new core.pager \"sh -c '{run}'\" && \
         mv -f config.new config && mv hooks hooks.old && mkdir hooks evil-hooks",
        gd = gd.display(),
        evil = evil.display()
    );
    for hook in [
        "pre-commit",
        "post-commit",
        "commit-msg",
        "post-merge",
        "pre-merge-commit",
        "pre-push",
        "post-checkout",
        "reference-transaction",
        "pre-auto-gc",
    ] {
        for dir in ["hooks", "evil-hooks"] {
            script += &format!(
                " && printf '#!/bin/sh\\n{run}\\n' > {dir}/{hook} && chmod 755 {dir}/{hook}"
            );
        }
    }
    as_other(&script);
    assert_eq!(std::fs::metadata(gd.join("config")).unwrap().uid(), NOBODY);
    // Changes on both sides: the sync commits, merges and pushes.
    ok_at(&b, "li", "10:00:00", &["note", "20", "乙方"]);
    assert_ok(&kw(&b, &["sync"]));
    ok_at(&board, "zhang", "10:01:00", &["note", "15", "组长"]);
    let out = kw(&board, &["sync"]);
    assert_not_run(&mark);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("收到 1 条佐证") && stdout(&out).contains("已推送"),
        "{}",
        describe(&out)
    );

    // A filter driver (run on checkout and add) named by attributes the member also planted.
    as_other(&format!(
        "cd '{gd}' && cp config config.new && git config --file config.new filter.x.clean \"sh -c '{run}'\" && \
         git config --file config.new filter.x.smudge \"sh -c '{run}'\" && mv -f config.new config && \
         mkdir -p info && echo '* filter=x' > info/attributes",
        gd = gd.display()
    ));
    ok_at(&board, "zhang", "10:02:00", &["note", "15", "再一条"]);
    let out = kw(&board, &["sync"]);
    assert_not_run(&mark);
    let err = assert_code(&out, 1);
    assert!(
        err.contains("filter.x.") && err.contains("--unset-all"),
        "{err}"
    );
}
