//! Mistaken notes from the command line: `rm-note` deletes (text kept in the history, shown by
//! `log`), `restore-note` puts it back (after any restart: it reads the history), `move-note`
//! moves a note to another task or measure in one change.

use crate::common::*;
use serde_json::Value;

/// Add a note with `--author`; returns its id (from `show --json`).
fn add(f: &Fixture, item: &str, text: &str, author: &str) -> String {
    ok(
        &f.board,
        &[
            "note",
            item,
            text,
            "--ref",
            "杨建〔2023〕7号",
            "--author",
            author,
        ],
    );
    let task: u32 = item.split('.').next().unwrap().parse().unwrap();
    let notes = show_json(&f.board, task);
    let all = notes_of(&notes);
    let n = all.iter().find(|n| n["text"] == text).expect("note added");
    n["id"].as_str().unwrap().to_string()
}

/// Every note of a `show --json` task, on the task and on its measures.
fn notes_of(task: &Value) -> Vec<Value> {
    let mut all: Vec<Value> = task["notes"].as_array().cloned().unwrap_or_default();
    for m in task["measures"].as_array().into_iter().flatten() {
        all.extend(m["notes"].as_array().cloned().unwrap_or_default());
    }
    all
}

#[test]
fn rm_note_deletes_log_shows_who_and_what_and_restore_note_puts_it_back() {
    let f = Fixture::seeded();
    let id = add(&f, "15.2", "写错任务的佐证", "王芳");
    let out = ok(&f.board, &["rm-note", &id, "--author", "李明"]);
    assert!(out.contains(&id) && out.contains("restore-note"), "{out}");
    assert!(notes_of(&show_json(&f.board, 15)).is_empty());
    // Who deleted what: in the log, text and id included (human and JSON).
    let log = ok(&f.board, &["log", "15"]);
    let line = log
        .lines()
        .find(|l| l.contains("李明"))
        .expect("a log line");
    assert!(
        line.contains("写错任务的佐证") && line.contains(&id),
        "{log}"
    );
    let json: Value = serde_json::from_str(&ok(&f.board, &["log", "15", "--json"])).unwrap();
    let e = &json.as_array().unwrap()[0];
    assert_eq!(
        (&e["kind"], &e["author"], &e["text"]),
        (
            &"note_removed".into(),
            &"李明".into(),
            &"写错任务的佐证".into()
        )
    );
    // Put back from the history (a new process: nothing but the files).
    let out = ok(&f.board, &["restore-note", &id, "--author", "李明"]);
    assert!(out.contains("写错任务的佐证"), "{out}");
    let notes = notes_of(&show_json(&f.board, 15));
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (&notes[0]["id"], &notes[0]["author"], &notes[0]["ref"]),
        (
            &id.as_str().into(),
            &"王芳".into(),
            &"杨建〔2023〕7号".into()
        )
    );
    let m = measure(&show_json(&f.board, 15), "15.2").clone();
    assert_eq!(m["notes"].as_array().unwrap().len(), 1, "back on 15.2");
    // Not twice: it is on the board, nothing is written.
    let before = snapshot(&f.board);
    let err = assert_code(&kw(&f.board, &["restore-note", &id]), 2);
    assert!(err.contains(&id), "{err}");
    assert_same_files(&before, &snapshot(&f.board), "");
}

#[test]
fn rm_note_and_restore_note_refuse_unknown_ids_and_write_nothing() {
    let f = Fixture::seeded();
    let before = snapshot(&f.board);
    for args in [
        ["rm-note", "20231005-nope"],
        ["restore-note", "20231005-nope"],
    ] {
        let err = assert_code(&kw(&f.board, &args), 2);
        assert!(err.contains("20231005-nope"), "{err}");
    }
    assert_same_files(&before, &snapshot(&f.board), "");
}

#[test]
fn move_note_to_another_task_is_a_deletion_there_and_an_addition_here() {
    let f = Fixture::seeded();
    let id = add(&f, "15.2", "其实是第16项的佐证", "王芳");
    ok(&f.board, &["move-note", &id, "16.1", "--author", "李明"]);
    assert!(notes_of(&show_json(&f.board, 15)).is_empty());
    let t16 = show_json(&f.board, 16);
    let m = measure(&t16, "16.1");
    let n = &m["notes"].as_array().unwrap()[0];
    assert_eq!(
        (&n["id"], &n["author"]),
        (&id.as_str().into(), &"王芳".into())
    );
    let h15 = history(&show_json(&f.board, 15)).last().unwrap().clone();
    let h16 = history(&t16).last().unwrap().clone();
    assert_eq!(
        (&h15["kind"], &h15["author"]),
        (&"note_removed".into(), &"李明".into())
    );
    assert_eq!(
        (&h16["kind"], &h16["on"]),
        (&"note_added".into(), &"16.1".into())
    );
    // A bad destination: refused, nothing written.
    let before = snapshot(&f.board);
    assert_code(&kw(&f.board, &["move-note", &id, "16.99"]), 2);
    assert_code(&kw(&f.board, &["move-note", &id, "x"]), 2);
    assert_same_files(&before, &snapshot(&f.board), "");
}
