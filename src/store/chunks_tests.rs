//! The chunked task layout: sealing, reading back, changes that touch old notes, kills
//! between the two writes of a seal, migration.

use super::*;
use crate::model::{Board, ItemRef, ModelError, Stamp, default_statuses};
use crate::store::Scope;
use chrono::DateTime;

fn stamp(i: i64) -> Stamp {
    let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    Stamp {
        author: "zhang".into(),
        at: at + chrono::Duration::seconds(i),
    }
}

fn seed() -> Board {
    crate::seed::board(default_statuses(), stamp(0).at)
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

/// A board with `n` notes on task 15 added one change at a time through the store (sealing
/// as it goes), and the same board built in memory.
fn grown(n: usize) -> (tempfile::TempDir, Store, Board) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut board = seed();
    store.create(&board, false).unwrap();
    for i in 0..n {
        let item = if i % 2 == 0 { "15" } else { "15.2" };
        let text = format!("第 {i} 条佐证");
        let st = stamp(i as i64 + 1);
        apply(&store, &mut board, |b| {
            b.add_note(r(item), &text, None, &st).map(|_| ())
        });
    }
    (dir, store, board)
}

/// Change task 15 through the store; `board` becomes what the change left in memory.
fn apply(store: &Store, board: &mut Board, f: impl FnOnce(&mut Board) -> Result<(), ModelError>) {
    let ((), saved) = store.update(Scope::Task(15), f).unwrap();
    board.tasks[14] = saved.tasks[0].clone();
}

fn chunk_files(store: &Store) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = chunk_dir(&store.dir().join(super::super::TASKS_DIR), 15);
    chunk_numbers(&dir)
        .unwrap()
        .into_iter()
        .map(|k| {
            let p = dir.join(format!("{k}.toml"));
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// The boards are equal; if not, the first difference in task 15, readably.
fn same(loaded: &Board, want: &Board) {
    if loaded == want {
        return;
    }
    let (a, b) = (loaded.task(15).unwrap(), want.task(15).unwrap());
    assert_eq!(a.notes.len(), b.notes.len(), "notes");
    if let Some(i) = (0..a.notes.len()).find(|&i| a.notes[i] != b.notes[i]) {
        panic!("note {i}: {:?}\nwant {:?}", a.notes[i], b.notes[i]);
    }
    assert_eq!(a.history.len(), b.history.len(), "events");
    if let Some(i) = (0..a.history.len()).find(|&i| a.history[i] != b.history[i]) {
        panic!("event {i}: {:?}\nwant {:?}", a.history[i], b.history[i]);
    }
    assert_eq!(loaded, want);
}

fn head(store: &Store) -> Task {
    store.read_head(15).unwrap().0
}

#[test]
fn a_growing_task_is_sealed_into_chunks_and_reads_back_the_same() {
    let (_d, store, board) = grown(300);
    let chunks = chunk_files(&store);
    assert!(chunks.len() >= 3, "{} chunks", chunks.len());
    let h = head(&store);
    assert!(
        h.notes.len() <= HEAD_NOTES,
        "{} notes in the head",
        h.notes.len()
    );
    assert!(h.history.len() <= HEAD_EVENTS);
    // Every chunk is readable TOML naming its task, with notes and events.
    for (p, bytes) in &chunks {
        let c = read_chunk(p, 15).unwrap();
        assert!(
            !c.notes.is_empty() && !c.history.is_empty(),
            "{}",
            p.display()
        );
        assert!(String::from_utf8_lossy(bytes).contains("第 "));
    }
    same(&store.load().unwrap(), &board);
    assert_eq!(store.load_task(15).unwrap().tasks[0], board.tasks[14]);
}

#[test]
fn a_change_rewrites_the_head_only_and_a_diff_shows_just_it() {
    let (_d, store, mut board) = grown(150);
    let chunks = chunk_files(&store);
    let before = fs::read_to_string(store.task_path(15)).unwrap();
    apply(&store, &mut board, |b| {
        b.set_status(r("15"), "doing", &stamp(1000)).map(|_| ())
    });
    assert_eq!(chunk_files(&store), chunks, "chunks untouched");
    let after = fs::read_to_string(store.task_path(15)).unwrap();
    // The head changed by the status line and one event: a small diff.
    let added = after.lines().filter(|l| !before.contains(l)).count();
    assert!(added <= 8, "{added} new lines");
    same(&store.load().unwrap(), &board);
}

#[test]
fn editing_removing_and_restoring_an_old_note_leave_the_chunks_untouched() {
    let (_d, store, mut board) = grown(150);
    let chunks = chunk_files(&store);
    let old = board.tasks[14].notes[3].id.clone();
    let gone = board.tasks[14].notes[5].id.clone();
    let edit = |b: &mut Board| -> Result<(), ModelError> {
        b.edit_note(&old, "改过的旧佐证", None, &stamp(2000))?;
        b.remove_note(&gone, &stamp(2001)).map(|_| ())
    };
    apply(&store, &mut board, edit);
    assert_eq!(chunk_files(&store), chunks);
    let loaded = store.load().unwrap();
    same(&loaded, &board);
    let t = loaded.task(15).unwrap();
    assert!(t.notes.iter().all(|n| n.id != gone));
    assert_eq!(t.notes[3].text, "改过的旧佐证");
    // Put back from the history: it is there again, and stays after more sealing.
    let restore = |b: &mut Board| -> Result<(), ModelError> {
        let (task, note) = b.removed_note(&gone)?;
        b.restore_note_on(task, note, &stamp(2002))
    };
    apply(&store, &mut board, restore);
    same(&store.load().unwrap(), &board);
    for i in 0..120 {
        let st = stamp(3000 + i);
        apply(&store, &mut board, |b| {
            b.add_note(r("15"), "又一条", None, &st).map(|_| ())
        });
    }
    assert!(chunk_files(&store).len() > chunks.len());
    same(&store.load().unwrap(), &board);
}

#[test]
fn killed_between_the_chunk_and_the_head_the_board_reads_as_before() {
    let (_d, store, board) = grown(HEAD_NOTES);
    let head_before = fs::read(store.task_path(15)).unwrap();
    let chunks_before = chunk_files(&store);
    // The next note seals: a new chunk, then the head without what moved into it.
    store
        .update(Scope::Task(15), |b| {
            b.add_note(r("15"), "封存", None, &stamp(5000))
        })
        .unwrap();
    assert_eq!(chunk_files(&store).len(), chunks_before.len() + 1);
    // As if killed before the head's rename: the new chunk is there, the old head too.
    tomlfile::write_atomic(&store.task_path(15), &head_before).unwrap();
    same(&store.load().unwrap(), &board);
    // The next change goes on from there and drops the duplicates from the head.
    let mut board = board;
    apply(&store, &mut board, |b| {
        b.add_note(r("15"), "之后", None, &stamp(6000)).map(|_| ())
    });
    same(&store.load().unwrap(), &board);
    assert!(head(&store).notes.len() <= KEEP_NOTES + 1);
}

#[test]
fn a_large_task_file_is_split_on_its_first_change_with_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut board = seed();
    for i in 0..200 {
        board
            .add_note(r("15"), &format!("旧格式 {i}"), None, &stamp(i))
            .unwrap();
    }
    store.create(&board, false).unwrap();
    let old = fs::read(store.task_path(15)).unwrap();
    apply(&store, &mut board, |b| {
        b.set_status(r("15"), "doing", &stamp(999)).map(|_| ())
    });
    assert_eq!(chunk_files(&store).len(), 1);
    assert!(head(&store).notes.len() <= KEEP_NOTES);
    let backups: Vec<_> = fs::read_dir(dir.path().join(BACKUPS_DIR))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("tasks/15.toml"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        fs::read(&backups[0]).unwrap(),
        old,
        "the old file, byte for byte"
    );
    same(&store.load().unwrap(), &board);
}

#[test]
fn a_note_dropped_without_its_removal_event_repacks_the_task() {
    let (_d, store, mut board) = grown(150);
    let id = board.tasks[14].notes[0].id.clone();
    let drop = |b: &mut Board| -> Result<(), ModelError> {
        b.tasks[0].notes.retain(|n| n.id != id);
        Ok(())
    };
    apply(&store, &mut board, drop);
    assert!(
        chunk_files(&store).is_empty(),
        "the head holds it all again"
    );
    same(&store.load().unwrap(), &board);
}

#[test]
fn a_bad_chunk_is_named_with_its_line_and_nothing_is_written() {
    let (_d, store, _) = grown(100);
    let (path, bytes) = chunk_files(&store).remove(0);
    let text = String::from_utf8(bytes).unwrap();
    let broken = text.replacen("author = ", "author = = ", 1);
    fs::write(&path, &broken).unwrap();
    let head_before = fs::read(store.task_path(15)).unwrap();
    let err = store
        .update(Scope::Task(15), |b| {
            b.add_note(r("15"), "x", None, &stamp(9000))
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("tasks/15/1.toml:"), "{err}");
    assert_eq!(fs::read(store.task_path(15)).unwrap(), head_before);
    // A chunk that says it belongs to another task is refused too.
    fs::write(&path, text.replacen("task = 15", "task = 16", 1)).unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(
        err.contains("tasks/15/1.toml") && err.contains("16"),
        "{err}"
    );
}

#[test]
fn events_in_two_files_are_read_once_and_duplicates_within_a_file_kept() {
    let e = |i: i64, kind| Event {
        at: stamp(i).at,
        author: "li".into(),
        kind,
        on: "15".into(),
        from: None,
        to: None,
        note: None,
    };
    let mut acc = vec![e(1, EventKind::Status), e(2, EventKind::Status)];
    append_events(
        &mut acc,
        vec![
            e(2, EventKind::Status),
            e(2, EventKind::Status),
            e(2, EventKind::Target),
            e(3, EventKind::Status),
        ],
    );
    let kinds: Vec<_> = acc.iter().map(|x| (x.at, x.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (stamp(1).at, EventKind::Status),
            (stamp(2).at, EventKind::Status),
            (stamp(2).at, EventKind::Status),
            (stamp(2).at, EventKind::Target),
            (stamp(3).at, EventKind::Status),
        ]
    );
}

#[test]
fn doctor_reads_the_chunks_and_names_a_stray_chunk_directory() {
    use crate::store::doctor::Severity;
    use crate::strings::Lang;
    let (d, store, _) = grown(150);
    let problems_in = |store: &Store, lang: Lang| -> Vec<String> {
        store
            .check(lang)
            .into_iter()
            .filter(|f| f.severity != Severity::Info || f.what.contains("not a task file"))
            .map(|f| f.what)
            .collect()
    };
    let problems = |store: &Store| problems_in(store, Lang::En);
    // A chunked task is a healthy task: its directory is no stray file.
    assert!(problems(&store).is_empty(), "{:?}", problems(&store));
    // A damaged chunk is named, with its line.
    let (path, bytes) = chunk_files(&store).remove(0);
    fs::write(
        &path,
        String::from_utf8(bytes)
            .unwrap()
            .replacen("at = ", "at = = ", 1),
    )
    .unwrap();
    let found = problems(&store);
    assert!(
        found.iter().any(|w| w.contains("tasks/15/1.toml:")),
        "{found:?}"
    );
    // Chunks whose task file is gone.
    fs::create_dir(d.path().join("tasks/77")).unwrap();
    fs::write(d.path().join("tasks/77/1.toml"), "task = 77\n").unwrap();
    let found = problems(&store);
    assert!(
        found
            .iter()
            .any(|w| w.contains("tasks/77") && w.contains("no task file")),
        "{found:?}"
    );
    // In the user's language.
    let found = problems_in(&store, Lang::Zh);
    assert!(
        found
            .iter()
            .any(|w| w.contains("tasks/77") && w.contains("没有对应的任务文件")),
        "{found:?}"
    );
}
