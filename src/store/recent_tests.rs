//! Changes that read only a task's file: they give the board a whole-task change gives, and
//! fall back to the whole task whenever the task file alone cannot say the change.

use super::*;
use crate::model::{ItemRef, Stamp, default_statuses};
use crate::store::chunks::chunk_numbers;
use chrono::DateTime;
use std::fs;
use std::path::PathBuf;

fn stamp(i: i64) -> Stamp {
    let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    Stamp {
        author: "zhang".into(),
        at: at + chrono::Duration::seconds(i),
    }
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

fn note_text(i: usize) -> String {
    format!("第 {i} 条佐证")
}

/// A seeded board whose task 15 got `n` notes one `update_recent` at a time (sealing as it
/// goes), and the same board built in memory. Which path each change took is counted.
fn grown(n: usize) -> (tempfile::TempDir, Store, Board, [usize; 2]) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut board = crate::seed::board(default_statuses(), stamp(0).at);
    store.create(&board, false).unwrap();
    let mut paths = [0, 0];
    for i in 0..n {
        let item = if i % 2 == 0 { "15" } else { "15.2" };
        let st = stamp(i as i64 + 1);
        let (held, _) = store
            .update_recent(15, |b, held| {
                b.add_note(r(item), &note_text(i), None, &st)?;
                Ok(Some(held))
            })
            .unwrap();
        paths[usize::from(held == Held::Recent)] += 1;
        board.add_note(r(item), &note_text(i), None, &st).unwrap();
    }
    (dir, store, board, paths)
}

fn chunk_paths(store: &Store) -> Vec<PathBuf> {
    let dir = chunks::chunk_dir(&store.tasks_dir(), 15);
    chunk_numbers(&dir)
        .unwrap()
        .into_iter()
        .map(|k| dir.join(format!("{k}.toml")))
        .collect()
}

fn summaries(store: &Store) -> Vec<Summary> {
    store.load_summaries().unwrap().1
}

#[test]
fn notes_added_to_the_task_file_alone_give_the_board_a_whole_change_gives() {
    let (_d, store, board, [whole, recent]) = grown(300);
    assert!(chunk_paths(&store).len() >= 3, "sealed several times");
    assert!(
        recent > 200,
        "{recent} changes read the task file alone, {whole} whole"
    );
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
    // The summary kept up by the changes is the whole task's.
    assert_eq!(summaries(&store)[14], board.tasks[14].summary());
    assert_eq!(summaries(&store)[14].notes, 300);
    // …carried by the changes themselves, not made again from the whole task.
    let key = FileKey::of(&store.task_path(15)).unwrap();
    assert_eq!(
        store.cached_summary(15, key),
        Some(board.tasks[14].summary())
    );
}

#[test]
fn the_chunks_are_not_read_a_change_costs_only_the_task_file() {
    let (_d, store, mut board, _) = grown(150);
    // A chunk that no longer parses is never read by such a change (and is not touched).
    let chunk = chunk_paths(&store)[0].clone();
    let mut bytes = fs::read(&chunk).unwrap();
    bytes.extend_from_slice(b"\n[[notes]\nbroken");
    fs::write(&chunk, &bytes).unwrap();
    let st = stamp(5000);
    store
        .update_recent(15, |b, held| {
            assert_eq!(held, Held::Recent);
            b.set_status(r("15"), "doing", &st).map(Some)
        })
        .unwrap();
    assert_eq!(fs::read(&chunk).unwrap(), bytes);
    // The whole read still names the broken chunk, and mended, sees the change.
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("1.toml"), "{err}");
    bytes.truncate(bytes.len() - b"\n[[notes]\nbroken".len());
    fs::write(&chunk, &bytes).unwrap();
    board.set_status(r("15"), "doing", &st).unwrap();
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
}

#[test]
fn a_new_note_under_an_id_a_chunk_holds_is_given_another_on_the_whole_task() {
    let (_d, store, mut board, _) = grown(150);
    // The same author, item, text and second as note 0 (sealed long ago): the same id first.
    let st = stamp(1);
    let sealed = board.tasks[14].notes[0].id.clone();
    assert!(
        !store
            .read_head(15)
            .unwrap()
            .0
            .notes
            .iter()
            .any(|x| x.id == sealed)
    );
    let (held_and_id, _) = store
        .update_recent(15, |b, held| {
            Ok(Some((held, b.add_note(r("15"), &note_text(0), None, &st)?)))
        })
        .unwrap();
    let (held, id) = held_and_id;
    assert_eq!(
        held,
        Held::Whole,
        "the sealed id sent the change to the whole task"
    );
    assert_ne!(id, sealed);
    assert_eq!(
        board.add_note(r("15"), &note_text(0), None, &st).unwrap(),
        id
    );
    // A task read back keeps its notes in time order (the new note is as old as note 0).
    board.tasks[14].notes.sort_by_key(|x| x.at);
    let loaded = store.load().unwrap();
    assert!(loaded == board, "the board read back differs");
    assert_eq!(
        loaded.tasks[14]
            .notes
            .iter()
            .filter(|x| x.id == sealed)
            .count(),
        1
    );
}

#[test]
fn removing_or_editing_a_sealed_note_goes_to_the_whole_task() {
    let (_d, store, mut board, _) = grown(150);
    let sealed = board.tasks[14].notes[3].id.clone();
    let st = stamp(6000);
    let (held, _) = store
        .update_recent(15, |b, held| {
            b.edit_note(&sealed, "改过的佐证", None, &st)?;
            Ok(Some(held))
        })
        .unwrap();
    assert_eq!(held, Held::Whole);
    board.edit_note(&sealed, "改过的佐证", None, &st).unwrap();
    let st = stamp(6001);
    let (held, _) = store
        .update_recent(15, |b, held| {
            b.remove_note(&sealed, &st)?;
            Ok(Some(held))
        })
        .unwrap();
    assert_eq!(held, Held::Whole);
    board.remove_note(&sealed, &st).unwrap();
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
    assert_eq!(summaries(&store)[14], board.tasks[14].summary());
}

#[test]
fn a_note_dropped_from_the_task_file_sends_the_change_to_the_whole_task() {
    let (_d, store, mut board, _) = grown(150);
    let recent = store.read_head(15).unwrap().0.notes[0].id.clone();
    let st = stamp(7000);
    let (held, _) = store
        .update_recent(15, |b, held| {
            b.remove_note(&recent, &st)?;
            Ok(Some(held))
        })
        .unwrap();
    assert_eq!(held, Held::Whole);
    board.remove_note(&recent, &st).unwrap();
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
}

#[test]
fn a_change_that_needs_the_whole_task_is_asked_again_with_it() {
    let (_d, store, board, _) = grown(150);
    // Evidence only in the chunks: the task file alone cannot say there is none.
    let asked = std::cell::RefCell::new(Vec::new());
    let (evidence, _) = store
        .update_recent(15, |b, held| {
            asked.borrow_mut().push(held);
            let any = b.tasks[0].notes.iter().any(|x| x.text == note_text(0));
            Ok((any || held == Held::Whole).then_some(any))
        })
        .unwrap();
    assert!(evidence);
    assert_eq!(*asked.borrow(), vec![Held::Recent, Held::Whole]);
    assert!(store.load().unwrap() == board, "nothing written");
}

#[test]
fn a_failed_change_writes_nothing_and_says_the_whole_tasks_error() {
    let (_d, store, board, _) = grown(150);
    let files = |s: &Store| {
        let mut all = vec![fs::read(s.task_path(15)).unwrap()];
        all.extend(chunk_paths(s).iter().map(|p| fs::read(p).unwrap()));
        all
    };
    let before = files(&store);
    let err = store
        .update_recent(15, |b, _| {
            b.remove_note("20990101000000-deadbeef", &stamp(1))
                .map(Some)
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Model(ModelError::UnknownNote(_))),
        "{err:?}"
    );
    assert_eq!(files(&store), before);
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
}

#[test]
fn a_stale_summary_is_forgotten_and_made_again_from_the_whole_task() {
    let (_d, store, mut board, _) = grown(150);
    fs::remove_file(store.dir().join(super::super::cache::CACHE_FILE)).unwrap();
    let st = stamp(8000);
    let (held, _) = store
        .update_recent(15, |b, held| {
            b.add_note(r("15.1"), "新的佐证", None, &st)?;
            Ok(Some(held))
        })
        .unwrap();
    assert_eq!(held, Held::Recent);
    board.add_note(r("15.1"), "新的佐证", None, &st).unwrap();
    assert_eq!(summaries(&store)[14], board.tasks[14].summary());
}

#[test]
fn a_task_without_chunks_is_changed_whole() {
    let (_d, store, board, [whole, recent]) = grown(40);
    assert_eq!((whole, recent), (40, 0));
    assert!(chunk_paths(&store).is_empty());
    assert!(
        store.load().unwrap() == board,
        "the board read back differs"
    );
}

#[test]
fn a_new_removal_event_goes_to_the_whole_task_even_if_no_note_left_the_file() {
    let (_d, store, board, _) = grown(150);
    let sealed = board.tasks[14].notes[5].id.clone();
    let st = stamp(9000);
    // A change that only says "removed" of a sealed note (rule 2 would hide it): not kept
    // from the task file alone; on the whole task it is an ordinary removal.
    let (helds, _) = store
        .update_recent(15, |b, held| {
            let task = b.task_mut(15)?;
            task.history.push(crate::model::Event {
                at: st.at,
                author: st.author.clone(),
                kind: crate::model::EventKind::NoteRemoved,
                on: "15".into(),
                from: Some("x".into()),
                to: None,
                note: Some(sealed.clone()),
            });
            Ok(Some(held))
        })
        .unwrap();
    assert_eq!(helds, Held::Whole);
}
