//! Which directory is a board, and what survives an accident (issue 11, items 1–5, 15, 16,
//! 18), with the real binary: a missing board.toml, a mistyped --board, an import killed at
//! random moments, hand-edited invariants, task numbers out of range, a team board written
//! with umask 022, a lock held by someone else or replaced by a FIFO, killed writes' temps.

use crate::common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `board.toml` and every task file with its bytes: what a board is.
fn board_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| {
            p == Path::new("board.toml")
                || (p.starts_with("tasks") && !p.to_string_lossy().contains(".tmp-"))
        })
        .collect()
}

#[test]
fn a_missing_board_toml_never_recreates_the_board_over_its_task_files() {
    crate::common::english();
    let f = Fixture::seeded();
    ok(&f.board, &["note", "15.2", "签约完成，不可丢失"]);
    std::fs::remove_file(f.board.join("board.toml")).unwrap();
    let before = snapshot(&f.board);
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["note", "3", "x"],
        &["show", "15"],
    ] {
        let out = kw(&f.board, args);
        let err = assert_code(&out, 1);
        assert!(
            err.contains("no readable board.toml") && err.contains("keywork doctor --fix"),
            "{args:?}: {err}"
        );
        assert_same_files(&before, &snapshot(&f.board), &format!("{args:?}"));
    }
    // Not even import or init replaces it, with --force or not.
    let seed = seed_file();
    for args in [
        &["init"][..],
        &["import", seed.to_str().unwrap()],
        &["import", "--force", seed.to_str().unwrap()],
    ] {
        let err = assert_code(&kw(&f.board, args), 1);
        assert!(err.contains("doctor --fix"), "{args:?}: {err}");
        assert_same_files(&before, &snapshot(&f.board), &format!("{args:?}"));
    }
    // doctor names it; --fix rebuilds it, every note kept.
    let out = kw(&f.board, &["doctor"]);
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("no readable board.toml"),
        "{}",
        describe(&out)
    );
    ok(&f.board, &["doctor", "--fix"]);
    assert_ok(&kw(&f.board, &["doctor"]));
    assert!(ok(&f.board, &["show", "15"]).contains("签约完成，不可丢失"));
    assert_eq!(status_json(&f.board)["tasks"].as_array().unwrap().len(), 22);

    // board.toml a directory: the same refusal, nothing replaced.
    let g = Fixture::seeded();
    ok(&g.board, &["note", "15", "保留"]);
    std::fs::remove_file(g.board.join("board.toml")).unwrap();
    std::fs::create_dir(g.board.join("board.toml")).unwrap();
    let before = snapshot(&g.board);
    assert_code(&kw(&g.board, &["status"]), 1);
    assert_same_files(&before, &snapshot(&g.board), "board.toml a directory");

    // The default board too (no --board): never re-seeded over its task files.
    let h = Fixture::empty();
    let root = h.tmp.path();
    assert_ok(&kw_in(root, &["status"]));
    std::fs::remove_file(default_board(root).join("board.toml")).unwrap();
    let out = kw_in(root, &["status"]);
    assert_code(&out, 1);
    assert!(!default_board(root).join("board.toml").exists());
}

#[test]
fn a_mistyped_board_path_is_an_error_and_creates_nothing() {
    let f = Fixture::seeded();
    let typo = f.path("baord/sub");
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["note", "15", "x"],
        &["show", "1"],
    ] {
        let out = kw(&typo, args);
        let err = assert_code(&out, 1);
        assert!(
            err.contains(&format!("{} 没有看板", typo.display()))
                && err.contains("keywork import 文件 --board"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty());
        assert!(!f.path("baord").exists(), "{args:?}: no directory made");
    }
    // doctor names the problem and --fix makes nothing either.
    assert_code(&kw(&typo, &["doctor"]), 1);
    kw(&typo, &["doctor", "--fix"]);
    assert!(!f.path("baord").exists(), "doctor --fix made no directory");
    // KEYWORK_BOARD the same.
    let mut c = command_in(f.tmp.path(), &["status"]);
    c.env("KEYWORK_BOARD", &typo);
    let out = c.output().unwrap();
    assert_code(&out, 1);
    assert!(!f.path("baord").exists());
    // An existing empty directory too.
    std::fs::create_dir_all(&typo).unwrap();
    assert_code(&kw(&typo, &["status"]), 1);
    assert!(
        std::fs::read_dir(&typo).unwrap().next().is_none(),
        "left empty"
    );
    // init makes one there, once.
    let out = ok(&typo, &["init"]);
    assert!(out.contains("22 项任务"), "{out}");
    assert_eq!(status_json(&typo)["tasks"].as_array().unwrap().len(), 22);
    let err = assert_code(&kw(&typo, &["init"]), 1);
    assert!(err.contains("这里已有看板"), "{err}");
}

/// A published list of `n` tasks (each with two measures and a target).
fn big_list(n: u32) -> String {
    let mut s = String::from("大型测试清单 2023-09-19\n\n");
    for i in 1..=n {
        s.push_str(&format!(
            "{i}.推进第{i}项重点工作。完成第{i}批项目{i}0台。加强第{i}项监督检查。\n\n"
        ));
    }
    s
}

/// `import --force` killed at random moments, alternating between a 500-task list and the
/// 22-task seed: after every kill `status` shows the old board or the new one, byte for byte,
/// and `doctor` names every leftover on disk before the next command clears it.
#[test]
fn an_import_killed_at_random_moments_leaves_the_old_board_or_the_new_one() {
    let f = Fixture::seeded();
    ok(&f.board, &["note", "15", "旧看板的佐证"]);
    let big = f.path("big.txt");
    std::fs::write(&big, big_list(500)).unwrap();
    let seed = seed_file();
    // How long each import takes here (backup of the old board included): kills land
    // across it.
    let time = |file: &Path| {
        let t0 = Instant::now();
        ok(&f.board, &["import", "--force", file.to_str().unwrap()]);
        (t0.elapsed().as_micros() as u64 * 5 / 4).max(10_000)
    };
    let lists = [
        (big.as_path(), 500usize, time(&big)),
        (seed.as_path(), 22, time(&seed)),
    ];
    let mut rng = 0x006b_6579_776f_726b_u64;
    let (mut old, mut new, mut finished, mut leftovers) = (0, 0, 0, 0);
    let kills = 24;
    for i in 0..kills {
        let (file, count, span) = lists[i % 2];
        let before = board_files(&f.board);
        let mut child = command(&f.board, &["import", "--force", file.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros((rng >> 33) % span));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            finished += 1;
        }
        // What a kill left on disk is named by doctor (which only reads).
        let left: Vec<String> = std::fs::read_dir(&f.board)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".keywork-import") || n.starts_with(".keywork-old"))
            .collect();
        if !left.is_empty() {
            leftovers += 1;
            let text = stdout(&kw(&f.board, &["doctor"]));
            for name in &left {
                assert!(
                    text.contains(name.as_str()),
                    "kill {i}: {name} not named:\n{text}"
                );
            }
        }
        let out = kw(&f.board, &["status", "--json"]);
        assert_ok(&out);
        let after = board_files(&f.board);
        if after == before {
            old += 1;
        } else {
            let meta = std::fs::read_to_string(f.board.join("board.toml")).unwrap();
            let name = file.file_name().unwrap().to_str().unwrap();
            assert!(
                meta.contains(&format!("source = \"{name}\"")),
                "kill {i}: {meta}"
            );
            let tasks = after.keys().filter(|p| p.starts_with("tasks")).count();
            assert_eq!(tasks, count, "kill {i}: a whole new board");
            new += 1;
        }
    }
    eprintln!(
        "{kills} import --force kills: {old} left the old board, {new} the new one \
         ({finished} had finished), {leftovers} left files that doctor named"
    );
    assert_eq!(old + new, kills);
    assert!(
        old > 2 && new > 2,
        "kills land before and after the swap: {old} old, {new} new"
    );
    ok(&f.board, &["doctor", "--fix"]);
    let out = kw(&f.board, &["doctor"]);
    assert_ok(&out);
    assert!(!stdout(&out).contains("中断"), "{}", describe(&out));
}

#[test]
fn a_hand_edited_duplicate_id_is_named_by_doctor_and_never_panics() {
    let f = Fixture::seeded();
    let path = f.task_file(15);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("id = \"15.3\"", "id = \"15.2\"", 1)).unwrap();
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"15.2\"")
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    // Under the default lang (zh) the store's check speaks Chinese too.
    let want = format!("{}:{line}：措施编号 15.2 出现两次", path.display());
    for args in [&["show", "15"][..], &["status"], &["note", "15", "x"]] {
        let err = assert_code(&kw(&f.board, args), 1);
        assert!(err.contains(&want), "{args:?}: {err}");
    }
    let out = kw(&f.board, &["doctor"]);
    assert_code(&out, 1);
    assert!(stdout(&out).contains(&want), "{}", describe(&out));
    // The board screen says so and stops, where it used to panic on opening task 15.
    let mut tui = crate::common::pty::Tui::start(&f.board, 100, 30, "tester");
    let status = tui.exited_within(Duration::from_secs(15));
    // The message may still be on its way through the terminal when the process is gone.
    tui.settled(Duration::from_millis(300));
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        status.is_some_and(|s| !s.success()),
        "the TUI stops with an error: {raw}"
    );
    assert!(
        raw.contains("出现两次") && !raw.contains("panicked"),
        "{raw}"
    );
}

#[test]
fn a_task_number_out_of_range_is_named_once() {
    crate::common::english();
    let f = Fixture::seeded();
    let text = std::fs::read_to_string(f.task_file(1)).unwrap();
    std::fs::write(
        f.board.join("tasks/4000000000.toml"),
        text.replacen("number = 1\n", "number = 4000000000\n", 1),
    )
    .unwrap();
    let out = kw(&f.board, &["status"]);
    assert_ok(&out);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("4000000000.toml") && err.contains("1 to 9999"),
        "{err}"
    );
    assert_eq!(stdout(&out).lines().count(), 3 + 22);
    let out = kw(&f.board, &["doctor"]);
    assert_code(&out, 1);
    let text = stdout(&out);
    assert!(text.lines().count() < 12, "{text}");
    assert_eq!(text.matches("4000000000.toml").count(), 1, "{text}");
    assert!(!text.contains("missing"), "{text}");
}

/// Run `c` with umask `mask`.
fn with_umask(c: &mut std::process::Command, mask: u32) {
    unsafe {
        c.pre_exec(move || {
            libc::umask(mask as libc::mode_t);
            Ok(())
        });
    }
}

#[test]
fn a_member_with_umask_022_keeps_a_team_board_group_writable() {
    crate::common::english();
    let f = Fixture::empty();
    std::fs::create_dir(&f.board).unwrap();
    std::fs::set_permissions(&f.board, std::fs::Permissions::from_mode(0o2775)).unwrap();
    for args in [
        &["init"][..],
        &["note", "15", "组内可写"],
        &["import", "--force", seed_file().to_str().unwrap()],
    ] {
        let mut c = command(&f.board, args);
        with_umask(&mut c, 0o022);
        assert_ok(&c.output().unwrap());
    }
    // A second member's status writes the cache.
    std::fs::remove_file(f.board.join(".keywork-cache.json")).ok();
    let mut c = command(&f.board, &["status"]);
    with_umask(&mut c, 0o022);
    assert_ok(&c.output().unwrap());
    let mut bad = Vec::new();
    let mut stack = vec![f.board.clone()];
    let mut seen = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let m = e.metadata().unwrap();
            let want = if m.is_dir() { 0o070 } else { 0o060 };
            if m.is_dir() {
                stack.push(e.path());
            }
            seen += 1;
            if m.permissions().mode() & want != want {
                bad.push(format!(
                    "{} {:o}",
                    e.path().display(),
                    m.permissions().mode()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "not group-writable: {bad:?}");
    assert!(seen > 40, "{seen} files checked");
    assert!(f.board.join(".keywork.lock").exists());
    assert_eq!(
        std::fs::metadata(f.board.join(".keywork.lock"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o660
    );
    // One that is not (written by hand, or by an older keywork) is found by doctor.
    std::fs::set_permissions(f.task_file(7), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = kw(&f.board, &["doctor"]);
    assert_code(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("not group-writable") && text.contains("tasks/7.toml"),
        "{text}"
    );
}

#[test]
fn readers_need_no_lock_and_a_fifo_lock_fails_at_once() {
    crate::common::english();
    let f = Fixture::seeded();
    let lock_path = f.board.join(".keywork.lock");
    let mode = std::fs::metadata(&lock_path).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o007,
        0,
        "accounts outside the group cannot open it: {mode:o}"
    );
    if unsafe { libc::geteuid() } == 0 {
        // Another account (outside the group) can read the board but not open the lock, so
        // it cannot hold it; and it reads without it.
        for dir in [f.tmp.path(), f.board.as_path()] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut c = std::process::Command::new("cat");
        c.arg(&lock_path);
        as_nobody(&mut c);
        let out = c.output().unwrap();
        assert!(!out.status.success(), "nobody opened the lock: {out:?}");
        let mut c = command(&f.board, &["status"]);
        as_nobody(&mut c);
        assert_ok(&c.output().unwrap());
    }
    // Someone holds the lock (a stopped writer, a hostile reader): reading goes on at once.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.lock().unwrap();
    let t = Instant::now();
    for args in [
        &["status"][..],
        &["show", "15"],
        &["log"],
        &["export", "--format", "csv"],
    ] {
        assert_ok(&kw(&f.board, args));
    }
    assert!(
        t.elapsed() < Duration::from_secs(8),
        "readers waited: {:?}",
        t.elapsed()
    );
    drop(lock);
    // A FIFO planted as the lock: an error naming it, not a hang.
    std::fs::remove_file(&lock_path).unwrap();
    let c = std::ffi::CString::new(lock_path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0);
    let before = snapshot(&f.board.join("tasks"));
    let mut child = command(&f.board, &["note", "15", "x"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() && t.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let hung = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert!(!hung, "a FIFO lock hangs the writer");
    let err = assert_code(&out, 1);
    assert!(
        err.contains(".keywork.lock") && err.contains("FIFO"),
        "{err}"
    );
    assert_same_files(&before, &snapshot(&f.board.join("tasks")), "FIFO lock");
    let out = kw(&f.board, &["doctor"]);
    assert!(
        stdout(&out).contains("not a regular file"),
        "{}",
        describe(&out)
    );
}

#[test]
fn temp_files_of_killed_writes_are_reported_and_removed_by_the_next_change() {
    let f = Fixture::seeded();
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let pid = gone.id();
    let temps = [
        f.board.join(format!(".keywork-cache.json.tmp-{pid}-1")),
        f.board.join(format!(".board.toml.tmp-{pid}-2")),
        f.board.join(format!("tasks/.15.toml.tmp-{pid}-3")),
    ];
    for t in &temps {
        std::fs::write(t, "half").unwrap();
    }
    let text = stdout(&kw(&f.board, &["doctor"]));
    for t in &temps {
        let name = t.file_name().unwrap().to_str().unwrap();
        assert!(text.contains(name), "{name}: {text}");
    }
    ok(&f.board, &["note", "1", "下一次修改"]);
    for t in &temps {
        assert!(!t.exists(), "{}", t.display());
    }
}
