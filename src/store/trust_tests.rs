//! The board directory as a trust boundary (issue 11): an orphaned board is never replaced,
//! a whole-board replacement is one step, hand-edited invariants are named with their line,
//! numbers have a range, the lock file is a plain private file, killed writes' temp files go.

use super::doctor::Severity;
use super::*;
use crate::model::{ItemRef, Stamp, default_statuses};
use crate::strings::Lang;
use chrono::DateTime;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;

fn stamp() -> Stamp {
    Stamp {
        author: "zhang".into(),
        at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
    }
}

fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store
        .create(&crate::seed::board(default_statuses(), stamp().at), false)
        .unwrap();
    (dir, store)
}

/// Every file under `dir` but the lock and the cache, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.ends_with(LOCK_FILE) && !p.ends_with(".keywork-cache.json") {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn note(store: &Store, on: &str, text: &str) {
    let r: ItemRef = on.parse().unwrap();
    store
        .update(Scope::Task(r.task), |b| b.add_note(r, text, None, &stamp()))
        .unwrap();
}

#[test]
fn an_orphaned_board_is_never_replaced_and_doctor_fix_rebuilds_it() {
    let (d, store) = seeded();
    note(&store, "15.2", "签约完成");
    // A backup with the board's real title and statuses (import --force keeps one).
    let meta = store.read_meta().unwrap();
    store
        .create(&crate::seed::board(default_statuses(), stamp().at), true)
        .unwrap();
    note(&store, "3", "备份之后的佐证");
    fs::remove_file(d.path().join(BOARD_FILE)).unwrap();
    let before = files(d.path());
    assert!(matches!(store.state().unwrap(), BoardState::Orphaned(_)));
    let seed = crate::seed::board(default_statuses(), stamp().at);
    for force in [false, true] {
        let err = store.create(&seed, force).unwrap_err();
        assert!(matches!(err, StoreError::Orphaned { .. }), "{err}");
        assert!(err.to_string().contains("doctor --fix"), "{err}");
        assert!(store.create_if_missing(&seed).is_err());
        assert_eq!(files(d.path()), before, "force {force}: nothing written");
    }
    let found = store.check(Lang::En);
    assert!(
        found
            .iter()
            .any(|f| f.severity == Severity::Problem && f.fix.contains("doctor --fix")),
        "{found:#?}"
    );
    let done = store.repair(Lang::En).unwrap();
    assert!(done.iter().any(|d| d.contains("rebuilt")), "{done:?}");
    let board = store.load().unwrap();
    assert_eq!(board.meta.title, meta.title);
    assert_eq!(board.meta.statuses, meta.statuses);
    assert_eq!(board.tasks.len(), 22);
    assert!(
        board
            .task(3)
            .unwrap()
            .notes
            .iter()
            .any(|n| n.text == "备份之后的佐证")
    );

    // board.toml a directory: refused, moved aside (not removed) by the fix.
    fs::remove_file(d.path().join(BOARD_FILE)).unwrap();
    fs::create_dir(d.path().join(BOARD_FILE)).unwrap();
    assert!(store.create(&seed, true).is_err());
    store.repair(Lang::En).unwrap();
    assert_eq!(store.load().unwrap().tasks.len(), 22);
}

#[test]
fn a_vacant_directory_gets_a_board_and_keywork_leftovers_do_not_count() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("new"));
    assert_eq!(store.state().unwrap(), BoardState::Vacant);
    fs::create_dir_all(dir.path().join("new/tasks")).unwrap();
    fs::write(dir.path().join("new").join(LOCK_FILE), "").unwrap();
    assert_eq!(store.state().unwrap(), BoardState::Vacant);
    let seed = crate::seed::board(default_statuses(), stamp().at);
    assert!(store.create_if_missing(&seed).unwrap());
    assert!(!store.create_if_missing(&seed).unwrap());
    assert_eq!(store.state().unwrap(), BoardState::Board);
}

/// A committed import left half moved in (a kill between any two steps) is finished by the
/// next reader; one killed before its commit leaves the old board and a temp dir.
#[test]
fn an_import_killed_at_each_step_leaves_the_old_or_the_new_board() {
    let seed = crate::seed::board(default_statuses(), stamp().at);
    let mut small = seed.clone();
    small.tasks.truncate(5);
    small.meta.title = "新看板".into();
    // The steps of `finish_import`, stopped after each.
    for stop in 0..4 {
        let (d, store) = seeded();
        note(&store, "15", "旧看板的佐证");
        store.exclusive(|| store.stage_import(&small)).unwrap();
        let pending = store.pending_dir();
        if stop >= 1 {
            fs::rename(store.tasks_dir(), pending.join("old-tasks")).unwrap();
        }
        if stop >= 2 {
            fs::rename(pending.join(TASKS_DIR), store.tasks_dir()).unwrap();
        }
        if stop >= 3 {
            fs::rename(pending.join(BOARD_FILE), store.board_path()).unwrap();
        }
        assert!(
            store
                .check(Lang::En)
                .iter()
                .any(|f| f.what.contains("interrupted")),
            "stop {stop}: doctor sees it"
        );
        let board = store.load().unwrap();
        assert_eq!(board.meta.title, "新看板", "stop {stop}");
        assert_eq!(board.tasks.len(), 5, "stop {stop}");
        assert!(!store.import_pending());
        assert!(!d.path().join("tasks/.keywork-new").exists());
    }
    // Killed before the commit: the staging dir is a temp, the old board is whole.
    let (d, store) = seeded();
    let stage = d.path().join(".keywork-import.tmp-1-2");
    fs::create_dir_all(stage.join(TASKS_DIR)).unwrap();
    fs::write(stage.join("tasks/1.toml"), "half").unwrap();
    assert!(
        store
            .check(Lang::En)
            .iter()
            .any(|f| f.what.contains("old board is intact"))
    );
    assert_eq!(store.load().unwrap().tasks.len(), 22);
    note(&store, "1", "下一次修改");
    assert!(!stage.exists(), "the next change removes it");
}

#[test]
fn duplicate_ids_and_dangling_references_are_named_with_their_line() {
    type Edit = fn(&mut String);
    let cases: [(&str, Edit); 4] = [
        ("measure id 15.2 appears twice", |t| {
            *t = t.replacen("id = \"15.3\"", "id = \"15.2\"", 1)
        }),
        ("target id 15.1 appears twice", |t| {
            let i = t.find("[[targets]]").unwrap();
            let j = i + t[i..].find("id = \"15.2\"").unwrap();
            t.replace_range(j..j + 11, "id = \"15.1\"");
        }),
        ("note id", |t| {
            let note = "\n[[notes]]\nid = \"n1\"\nat = \"2023-10-05T10:00:00+08:00\"\nauthor = \"x\"\ntext = \"a\"\n";
            *t = t.replacen("notes = []\n", "", 1);
            t.push_str(note);
            t.push_str(note);
        }),
        ("which the task does not have", |t| {
            *t = t.replacen("notes = []\n", "", 1);
            t.push_str("\n[[notes]]\nid = \"n1\"\nat = \"2023-10-05T10:00:00+08:00\"\nauthor = \"x\"\non = \"15.99\"\ntext = \"a\"\n");
        }),
    ];
    for (want, edit) in cases {
        let (_d, store) = seeded();
        let path = store.task_path(15);
        let mut text = fs::read_to_string(&path).unwrap();
        edit(&mut text);
        fs::write(&path, &text).unwrap();
        let err = store.load().unwrap_err();
        let StoreError::Invalid { line, .. } = &err else {
            panic!("{want}: {err}");
        };
        let msg = err.to_string();
        assert!(msg.contains(want), "{msg}");
        assert!(*line > 1, "{want}: the line of the duplicate: {msg}");
        assert!(
            msg.starts_with(&format!("{}:{line}: ", path.display())),
            "{msg}"
        );
        assert!(store.load_summaries().is_err(), "{want}");
        assert!(
            store.check(Lang::En).iter().any(|f| f.what == msg),
            "{want}: doctor reports it"
        );
    }
}

#[test]
fn task_numbers_out_of_range_are_ignored_and_named_once() {
    let (d, store) = seeded();
    let text = fs::read_to_string(store.task_path(1)).unwrap();
    let big = text.replacen("number = 1\n", "number = 4000000000\n", 1);
    fs::write(d.path().join("tasks/4000000000.toml"), big).unwrap();
    fs::write(d.path().join("tasks/0.toml"), &text).unwrap();
    assert_eq!(store.load().unwrap().tasks.len(), 22);
    assert_eq!(store.out_of_range().len(), 2);
    let found = store.check(Lang::En);
    assert!(found.len() < 10, "{found:#?}");
    let named = |s: &str| found.iter().filter(|f| f.what.contains(s)).count();
    assert_eq!(named("4000000000.toml"), 1, "{found:#?}");
    assert_eq!(named("missing"), 0, "{found:#?}");
    // A file in range numbered out of range inside.
    fs::write(
        store.task_path(23),
        text.replacen("number = 1\n", "number = 0\n", 1),
    )
    .unwrap();
    assert!(store.load().is_err());
}

#[test]
fn readers_take_no_lock_and_a_fifo_lock_is_an_error_not_a_hang() {
    let (d, store) = seeded();
    let lock_path = d.path().join(LOCK_FILE);
    let mode = fs::metadata(&lock_path).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o007,
        0,
        "the lock is not open to everyone: {mode:o}"
    );
    // One made open to everyone (by an older keywork) is closed by the next change.
    fs::set_permissions(&lock_path, fs::Permissions::from_mode(0o666)).unwrap();
    assert!(
        store
            .check(Lang::En)
            .iter()
            .any(|f| f.what.contains("block every change"))
    );
    note(&store, "1", "x");
    let mode = fs::metadata(&lock_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o007, 0, "{mode:o}");
    // A writer holds the lock: readers go on at once.
    let lock = fs::OpenOptions::new().write(true).open(&lock_path).unwrap();
    lock.lock().unwrap();
    let t = std::time::Instant::now();
    assert_eq!(store.load().unwrap().tasks.len(), 22);
    store.load_summaries().unwrap();
    store.load_task(15).unwrap();
    assert!(
        t.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        t.elapsed()
    );
    drop(lock);
    // A FIFO in its place.
    fs::remove_file(&lock_path).unwrap();
    let c = std::ffi::CString::new(lock_path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0);
    let t = std::time::Instant::now();
    let err = store
        .update(Scope::Task(15), |b| {
            b.add_note("15".parse().unwrap(), "x", None, &stamp())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::BadLock { .. }), "{err}");
    assert!(err.to_string().contains("FIFO"), "{err}");
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
    assert!(
        store
            .check(Lang::En)
            .iter()
            .any(|f| f.what.contains("not a regular file"))
    );
    // A symlink in its place.
    fs::remove_file(&lock_path).unwrap();
    std::os::unix::fs::symlink(d.path().join("elsewhere"), &lock_path).unwrap();
    assert!(matches!(
        store.repair(Lang::En),
        Err(StoreError::BadLock { .. })
    ));
    assert!(!d.path().join("elsewhere").exists());
}

#[test]
fn temp_files_of_killed_writes_are_removed_by_the_next_change() {
    let (d, store) = seeded();
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead = {
        dead.wait().unwrap();
        dead.id()
    };
    let me = std::process::id();
    let stale = [
        d.path().join(format!(".keywork-cache.json.tmp-{dead}-1")),
        d.path().join(format!(".board.toml.tmp-{me}-2")),
        d.path().join(format!("tasks/.3.toml.tmp-{dead}-3")),
        d.path().join(format!("drafts/.zhang.toml.tmp-{dead}-4")),
    ];
    let live = d.path().join(format!(".keywork-cache.json.tmp-{me}-5"));
    fs::create_dir_all(d.path().join("drafts")).unwrap();
    for p in stale.iter().chain([&live]) {
        fs::write(p, "half").unwrap();
    }
    let found = store.check(Lang::En);
    for p in stale.iter().chain([&live]) {
        let name = p.display().to_string();
        assert!(
            found.iter().any(|f| f.what.contains(&name)),
            "{name}: {found:#?}"
        );
    }
    note(&store, "1", "下一次修改");
    for p in &stale {
        assert!(!p.exists(), "{} removed", p.display());
    }
    assert!(live.exists(), "a live process's cache temp is left to it");
}

#[test]
fn a_board_file_without_statuses_or_with_a_key_twice_is_named() {
    let (d, store) = seeded();
    let path = d.path().join(BOARD_FILE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("key = \"doing\"", "key = \"todo\"", 1)).unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("status key todo appears twice"), "{err}");
    assert!(!err.contains(&format!("{}:1:", path.display())), "{err}");
    let head = text.split("[[statuses]]").next().unwrap().to_string();
    fs::write(&path, head + "statuses = []\n").unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("no statuses"), "{err}");
    assert!(store.check(Lang::En).iter().any(|f| f.what == err));
}

/// Whatever a hand edit does to the ids of a task file, a task that loads builds its detail
/// tree (the TUI's `expect("… ids are unique")`): the loader refuses every duplicate first.
#[test]
fn every_id_collision_is_refused_before_the_tui_sees_it() {
    let (_d, store) = seeded();
    note(&store, "15", "任务佐证");
    note(&store, "15.2", "措施佐证");
    let path = store.task_path(15);
    let text = fs::read_to_string(&path).unwrap();
    let ids: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.strip_prefix("id = ").map(|v| (i, v.to_string())))
        .collect();
    let (mut refused, mut loaded) = (0, 0);
    for (i, _) in &ids {
        for (_, value) in &ids {
            let edited: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(j, l)| {
                    if j == *i {
                        format!("id = {value}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            fs::write(&path, edited.join("\n") + "\n").unwrap();
            match store.load_task(15) {
                Ok(board) => {
                    loaded += 1;
                    let task = &board.tasks[0];
                    // Every node open: the tree holds every item.
                    let mut open = crate::app::nav::Opened::new();
                    let root = vec![crate::app::nav::TASK_NODE.to_string()];
                    for m in &task.measures {
                        open.insert(vec![root[0].clone(), format!("m:{}", m.id)]);
                    }
                    open.insert(root);
                    crate::app::nav::tree_items(task, &[], &open, &|_| {
                        ratatui::text::Line::default()
                    });
                }
                Err(StoreError::Invalid { line, .. }) => {
                    refused += 1;
                    assert!(line > 1);
                }
                Err(e) => panic!("{e}"),
            }
        }
    }
    eprintln!(
        "{} id edits: {refused} refused with a line, {loaded} loaded",
        ids.len().pow(2)
    );
    assert!(
        refused > 10 && loaded >= ids.len(),
        "{refused} refused, {loaded} loaded"
    );
}
