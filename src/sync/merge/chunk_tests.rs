//! Merging boards whose large tasks are split into a head and sealed chunks: two offices work
//! on copies, one seals new chunks, and the merge driver, file by file as git calls it, gives a
//! board with both sides' work, whichever side is "ours".

use super::*;
use crate::model::{Board, ItemRef, Stamp, default_statuses};
use crate::store::{Scope, Store};
use std::collections::BTreeMap;

fn st(author: &str, i: i64) -> Stamp {
    let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    Stamp {
        author: author.into(),
        at: at + chrono::Duration::seconds(i),
    }
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

/// Every file under the board (relative path → bytes), as git would see it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "backups" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn write_all(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    for (p, bytes) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// What git does with the merge driver: a file both sides have is merged by it, a file one
/// side added or changed (the other left it as in base) is taken.
fn git_merge(
    base: &BTreeMap<PathBuf, Vec<u8>>,
    ours: &BTreeMap<PathBuf, Vec<u8>>,
    theirs: &BTreeMap<PathBuf, Vec<u8>>,
) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for p in ours.keys().chain(theirs.keys()) {
        let b = base.get(p);
        let merged = match (ours.get(p), theirs.get(p)) {
            (Some(o), Some(t)) if o == t => o.clone(),
            (Some(o), Some(t)) if b == Some(t) => o.clone(),
            (Some(o), Some(t)) if b == Some(o) => t.clone(),
            (Some(o), Some(t)) => {
                let kind = FileKind::of(p).expect("a board file");
                merge_text(kind, p, b.map(Vec::as_slice), o, t)
                    .unwrap()
                    .into_bytes()
            }
            (Some(x), None) | (None, Some(x)) => x.clone(),
            (None, None) => unreachable!(),
        };
        out.insert(p.clone(), merged);
    }
    out
}

fn change(dir: &Path, f: impl Fn(&mut Board) -> Result<(), crate::model::ModelError>) {
    Store::new(dir).update(Scope::Task(15), f).unwrap();
}

#[test]
fn both_sides_work_on_a_chunked_task_and_the_merge_keeps_both() {
    let tmp = tempfile::tempdir().unwrap();
    let base_dir = tmp.path().join("base");
    let store = Store::new(&base_dir);
    store
        .create(
            &crate::seed::board(default_statuses(), st("li", 0).at),
            false,
        )
        .unwrap();
    for i in 0..150 {
        change(&base_dir, |b| {
            b.add_note(r("15"), &format!("共同 {i}"), None, &st("li", i + 1))
                .map(|_| ())
        });
    }
    let base_board = store.load().unwrap();
    let old_edit = base_board.tasks[14].notes[2].id.clone();
    let old_gone = base_board.tasks[14].notes[4].id.clone();
    let base = files(&base_dir);
    let (a_dir, b_dir) = (tmp.path().join("a"), tmp.path().join("b"));
    write_all(&a_dir, &base);
    write_all(&b_dir, &base);
    // Office A: enough notes to seal another chunk, and an edit of an old (sealed) note.
    for i in 0..70 {
        change(&a_dir, |b| {
            b.add_note(r("15.2"), &format!("甲 {i}"), None, &st("甲", 1000 + i))
                .map(|_| ())
        });
    }
    change(&a_dir, |b| {
        b.edit_note(&old_edit, "甲改过", None, &st("甲", 2000))
            .map(|_| ())
    });
    // Office B: a few notes, a status, and the removal of another old note.
    for i in 0..3 {
        change(&b_dir, |b| {
            b.add_note(r("15"), &format!("乙 {i}"), None, &st("乙", 1500 + i))
                .map(|_| ())
        });
    }
    change(&b_dir, |b| {
        b.set_status(r("15"), "doing", &st("乙", 1600)).map(|_| ())
    });
    change(&b_dir, |b| {
        b.remove_note(&old_gone, &st("乙", 1700)).map(|_| ())
    });
    let (a, b) = (files(&a_dir), files(&b_dir));
    assert!(a.len() > b.len(), "A sealed a new chunk");
    let mut loaded = Vec::new();
    for (name, merged) in [
        ("ab", git_merge(&base, &a, &b)),
        ("ba", git_merge(&base, &b, &a)),
    ] {
        let dir = tmp.path().join(name);
        write_all(&dir, &merged);
        loaded.push(Store::new(&dir).load().unwrap());
    }
    assert_eq!(
        loaded[0], loaded[1],
        "the same board whichever side is ours"
    );
    let t = loaded[0].task(15).unwrap();
    let texts: Vec<&str> = t.notes.iter().map(|n| n.text.as_str()).collect();
    let count = |p: &str| texts.iter().filter(|t| t.starts_with(p)).count();
    assert_eq!(
        (count("共同"), count("甲 "), count("乙 ")),
        (148, 70, 3),
        "{texts:?}"
    );
    assert!(
        t.notes.iter().all(|n| n.id != old_gone),
        "B's removal holds"
    );
    assert_eq!(count("甲改过"), 1, "A's edit holds");
    assert_eq!(t.status, "doing");
    // Every event of both sides once.
    let events = |b: &Board| b.task(15).unwrap().history.len();
    let (sa, sb) = (
        Store::new(&a_dir).load().unwrap(),
        Store::new(&b_dir).load().unwrap(),
    );
    assert_eq!(
        t.history.len(),
        events(&sa) + events(&sb) - events(&base_board)
    );
}

#[test]
fn a_chunk_sealed_on_both_sides_under_one_number_is_their_union() {
    let note = |id: &str, i: i64| Note {
        id: id.into(),
        at: st("li", i).at,
        author: "li".into(),
        on: None,
        text: format!("佐证 {id}"),
        reference: None,
        edited: None,
        files: Vec::new(),
    };
    let event = |id: &str, i: i64| Event {
        at: st("li", i).at,
        author: "li".into(),
        kind: EventKind::NoteAdded,
        on: "15".into(),
        from: None,
        to: None,
        note: Some(id.into()),
    };
    let chunk = |ids: &[(&str, i64)]| Chunk {
        schema: SCHEMA,
        task: 15,
        notes: ids.iter().map(|(id, i)| note(id, *i)).collect(),
        history: ids.iter().map(|(id, i)| event(id, *i)).collect(),
    };
    let ours = chunk(&[("a", 1), ("b", 2), ("c", 3)]);
    let theirs = chunk(&[("a", 1), ("b", 2), ("d", 4)]);
    let path = Path::new("tasks/15/3.toml");
    let text = |c: &Chunk| crate::store::chunk_toml(c);
    let merged = merge_text(
        FileKind::Chunk,
        path,
        None,
        text(&ours).as_bytes(),
        text(&theirs).as_bytes(),
    )
    .unwrap();
    let swapped = merge_text(
        FileKind::Chunk,
        path,
        None,
        text(&theirs).as_bytes(),
        text(&ours).as_bytes(),
    )
    .unwrap();
    assert_eq!(merged, swapped, "symmetric");
    assert_eq!(
        merged,
        text(&chunk(&[("a", 1), ("b", 2), ("c", 3), ("d", 4)]))
    );
    assert!(
        merged.starts_with("# keywork"),
        "written as keywork writes chunks"
    );
    assert_eq!(FileKind::of(path), Some(FileKind::Chunk));
    assert_eq!(FileKind::of(Path::new("/b/tasks/15/x.toml")), None);
    assert_eq!(FileKind::of(Path::new("/b/other/15/3.toml")), None);
}
