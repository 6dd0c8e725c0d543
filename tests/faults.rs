//! Bad board states and failing writes, with the real binary: a full disk (a file size limit
//! makes every write fail), an account that may not write, a lock held by a stopped process,
//! a missing task file, a newer schema, and the umask of a team board. Each gives a message
//! naming the file and what to do, a non-zero exit, and leaves every file as it was.

use crate::common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Every file of the board (but the lock and the derived cache) with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let path = e.path();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            if path.is_dir() {
                walk(root, &path, out);
            } else if name != ".keywork.lock" && name != ".keywork-cache.json" {
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn output(mut c: Command) -> std::process::Output {
    c.output().expect("run keywork")
}

/// `command` limited to files of at most `bytes` (RLIMIT_FSIZE): every write past it fails
/// with EFBIG, as on a full disk. SIGXFSZ is ignored so the write returns the error.
fn with_file_size_limit(mut c: Command, bytes: u64) -> Command {
    unsafe {
        c.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    c
}

#[test]
fn a_full_disk_fails_the_change_names_the_file_and_keeps_the_board() {
    crate::common::english();
    let f = Fixture::seeded();
    let before = files(&f.board);
    for args in [
        &["note", "15.2", "第二批征收签约完成"][..],
        &["set", "15.1", "done", "--reason", "已完成"][..],
        &["target", "15.4", "120"][..],
        &["assign", "15", "--lead", "区旧改办"][..],
    ] {
        let out = output(with_file_size_limit(command(&f.board, args), 1024));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("tasks/15.toml: not saved:") && err.contains("disk is full"),
            "{args:?}: {err}"
        );
        assert!(err.lines().count() <= 2, "one clear message: {err}");
        assert_eq!(
            files(&f.board),
            before,
            "{args:?}: nothing changed, no temp file left"
        );
    }
    // Space again: the same change goes through.
    let out = kw(&f.board, &["note", "15.2", "第二批征收签约完成"]);
    assert_ok(&out);
    assert!(
        std::fs::read_to_string(f.task_file(15))
            .unwrap()
            .contains("第二批征收签约完成")
    );
}

#[test]
fn a_full_disk_while_creating_a_board_says_so() {
    crate::common::english();
    let f = Fixture::empty();
    let out = output(with_file_size_limit(command(&f.board, &["init"]), 512));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not saved") && err.contains("disk is full"),
        "{err}"
    );
}

/// Run as an account that does not own the board (nobody, when the tests run as root);
/// otherwise take write permission away from the board.
fn as_reader(f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut c = command(&f.board, args);
    if unsafe { libc::geteuid() } == 0 {
        for dir in [f.tmp.path(), f.board.as_path()] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        as_nobody(&mut c);
    } else {
        for dir in [f.board.clone(), f.board.join("tasks")] {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        for file in files(&f.board).keys() {
            let p = f.board.join(file);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    output(c)
}

#[test]
fn an_account_that_may_not_write_can_read_and_is_told_why_it_cannot_change() {
    crate::common::english();
    let f = Fixture::seeded();
    let before = files(&f.board);
    let out = as_reader(&f, &["status"]);
    assert_ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("15"));
    let out = as_reader(&f, &["note", "15", "无权写入"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("permission denied") && err.contains("cannot write the board directory"),
        "{err}"
    );
    assert!(err.contains("keywork doctor"), "says where to look: {err}");
    assert_eq!(files(&f.board), before);
}

#[test]
fn a_lock_held_by_a_stopped_process_gives_up_with_a_message_and_changes_nothing() {
    crate::common::english();
    let f = Fixture::seeded();
    let before = files(&f.board);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(f.board.join(".keywork.lock"))
        .unwrap();
    lock.lock().unwrap(); // held like a writer stopped with ^Z in the middle of a change
    let started = Instant::now();
    let out = kw(&f.board, &["note", "15", "等锁"]);
    let waited = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".keywork.lock: the board is busy") && err.contains("nothing was changed"),
        "{err}"
    );
    assert!(
        waited >= Duration::from_secs(9),
        "waited {waited:?} before giving up"
    );
    assert_eq!(files(&f.board), before);
    lock.unlock().unwrap();
    assert_ok(&kw(&f.board, &["note", "15", "等锁"]));
}

#[test]
fn a_missing_task_file_and_a_newer_schema_are_named() {
    crate::common::english();
    let f = Fixture::seeded();
    std::fs::remove_file(f.task_file(7)).unwrap();
    let out = kw(&f.board, &["show", "7"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tasks/7.toml"), "{err}");
    let out = kw(&f.board, &["status"]);
    assert_ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: ") && err.contains("tasks/7.toml: the file is missing"),
        "{err}"
    );
    let out = kw(&f.board, &["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("7.toml"),
        "{out:?}"
    );

    let g = Fixture::seeded();
    let path = g.task_file(3);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("schema = 1", "schema = 9", 1)).unwrap();
    let before = files(&g.board);
    let out = kw(&g.board, &["note", "3", "新版本"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tasks/3.toml") && err.contains("upgrade keywork"),
        "{err}"
    );
    assert_eq!(files(&g.board), before);
}

#[test]
fn new_files_follow_the_umask_so_a_group_board_stays_writable() {
    let f = Fixture::empty();
    let mut c = command(&f.board, &["init"]);
    unsafe {
        c.pre_exec(|| {
            libc::umask(0o002);
            Ok(())
        });
    }
    assert_ok(&output(c));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&f.board), 0o775);
    assert_eq!(mode(&f.board.join("tasks")), 0o775);
    assert_eq!(mode(&f.task_file(15)), 0o664);
    assert_eq!(mode(&f.board.join("board.toml")), 0o664);
    // A change keeps the file's bits, whatever the writer's umask.
    let mut c = command(&f.board, &["note", "15", "再写一次"]);
    unsafe {
        c.pre_exec(|| {
            libc::umask(0o077);
            Ok(())
        });
    }
    assert_ok(&output(c));
    assert_eq!(mode(&f.task_file(15)), 0o664);
}

/// A task list, a config, a task file and a note on standard input saved as GBK or UTF-16 by a
/// Windows tool: one message that names the encoding and the `iconv` command, not "invalid
/// UTF-8" on every line; a non-zero exit and nothing changed.
#[test]
fn a_gbk_or_utf16_file_names_its_encoding_and_how_to_convert_it() {
    let f = Fixture::seeded();
    let before = snapshot(&f.board);
    let list = std::fs::read_to_string(seed_file()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&list);
    let gbk_file = f.path("清单.txt");
    std::fs::write(&gbk_file, &gbk).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(list.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16_file = f.path("list-utf16.txt");
    std::fs::write(&utf16_file, &utf16).unwrap();
    // A list is read in whatever encoding it was saved in (the importer decodes GBK/GB18030
    // and UTF-16); the dry run shows the same 22 tasks as the UTF-8 list and writes nothing.
    for file in [&gbk_file, &utf16_file] {
        let out = kw(
            &f.board,
            &["import", "--dry-run", "--json", file.to_str().unwrap()],
        );
        assert_ok(&out);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let tasks = v["tasks"].as_array().map(Vec::len);
        assert_eq!(tasks, Some(22), "{}", file.display());
    }
    assert_same_files(
        &before,
        &snapshot(&f.board),
        "a dry run of a GBK or UTF-16 list",
    );

    // A config saved as GBK.
    let (config, _, _) = encoding_rs::GBK.encode("units = [\"区旧改办\"]\n");
    std::fs::write(f.path("none.toml"), &config).unwrap();
    let err = assert_code(&kw(&f.board, &["status"]), 1);
    assert!(err.contains("none.toml") && err.contains("GBK"), "{err}");
    assert!(err.contains("iconv -f GB18030 -t UTF-8"), "{err}");
    std::fs::remove_file(f.path("none.toml")).unwrap();

    // A task file re-saved as GBK by an editor.
    let task = f.task_file(3);
    let text = std::fs::read_to_string(&task).unwrap();
    std::fs::write(&task, encoding_rs::GBK.encode(&text).0).unwrap();
    let err = assert_code(&kw(&f.board, &["show", "3"]), 1);
    assert!(err.contains("3.toml") && err.contains("GBK"), "{err}");
    std::fs::write(&task, text).unwrap();

    // A note piped from a GBK file.
    let mut c = command(&f.board, &["note", "3", "-"]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    let note = encoding_rs::GBK
        .encode("旧改基地收尾攻坚战推进会已召开\n")
        .0;
    child.stdin.take().unwrap().write_all(&note).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = assert_code(&out, 2);
    assert!(
        err.contains("GBK") && err.contains("iconv -f GB18030"),
        "{err}"
    );
    assert_same_files(&before, &snapshot(&f.board), "after every refusal");
}
