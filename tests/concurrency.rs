//! Many `keywork` processes at once on one board: nothing is lost, nothing is torn.

use crate::common::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

const WRITERS: usize = 8;
const NOTES_EACH: usize = 25;
/// Where the writers put their notes: two tasks, each on the task itself and on a measure, so
/// that every task file has four writers racing for it.
const ITEMS: [&str; 4] = ["15", "15.2", "3", "3.1"];

/// Every note text on a task (own notes and measure notes).
fn note_texts(task: &serde_json::Value) -> Vec<String> {
    let own = task["notes"].as_array().unwrap().iter();
    let on_measures = task["measures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["notes"].as_array().unwrap().iter());
    own.chain(on_measures)
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn parallel_writers_lose_nothing_and_readers_never_see_a_torn_board() {
    let f = Fixture::seeded();
    let board = Arc::new(f.board.clone());
    let done = Arc::new(AtomicBool::new(false));

    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let board = Arc::clone(&board);
            thread::spawn(move || {
                let item = ITEMS[w % ITEMS.len()];
                let mut failures = Vec::new();
                for i in 0..NOTES_EACH {
                    let text = format!("并发佐证 写者{w} 第{i}条\n第二行 {w}-{i}");
                    let out = kw(&board, &["note", item, &text]);
                    if !out.status.success() {
                        failures.push(describe(&out));
                    }
                }
                failures
            })
        })
        .collect();

    // Status changes on other tasks, at the same time.
    let sets: &[(&str, &str, &str)] = &[
        ("1", "done", "已完成"),
        ("2", "behind", "滞后"),
        ("4", "doing", "推进中"),
        ("5", "doing", "推进中"),
        ("6", "done", "已完成"),
        ("15.1", "doing", "推进中"),
        ("3.2", "done", "已完成"),
    ];
    let setter = {
        let board = Arc::clone(&board);
        thread::spawn(move || {
            let mut failures = Vec::new();
            for (item, status, _) in sets {
                let out = kw(&board, &["set", item, status]);
                if !out.status.success() {
                    failures.push(describe(&out));
                }
            }
            failures
        })
    };

    // A reader that keeps loading the whole board while it is being written.
    let reader = {
        let board = Arc::clone(&board);
        let done = Arc::clone(&done);
        thread::spawn(move || {
            let mut reads = 0;
            let mut failures = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let out = kw(&board, &["status", "--json"]);
                reads += 1;
                let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
                match parsed {
                    Ok(v) if out.status.success() && v["tasks"].as_array().unwrap().len() == 22 => {
                    }
                    _ => failures.push(describe(&out)),
                }
            }
            (reads, failures)
        })
    };

    let mut failures: Vec<String> = writers
        .into_iter()
        .flat_map(|h| h.join().expect("writer thread"))
        .collect();
    failures.extend(setter.join().expect("setter thread"));
    done.store(true, Ordering::Relaxed);
    let (reads, read_failures) = reader.join().expect("reader thread");
    assert!(
        failures.is_empty(),
        "failed writes:\n{}",
        failures.join("\n")
    );
    assert!(
        read_failures.is_empty(),
        "{} of {reads} reads failed:\n{}",
        read_failures.len(),
        read_failures.join("\n")
    );
    assert!(reads > 0);

    // Every note is there exactly once, on the item it was written to.
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids = std::collections::BTreeSet::new();
    for n in [15, 3] {
        let task = show_json(&f.board, n);
        for text in note_texts(&task) {
            *count.entry(text).or_default() += 1;
        }
        let added = history(&task)
            .iter()
            .filter(|e| e["kind"] == "note_added")
            .count();
        assert_eq!(added, NOTES_EACH * WRITERS / 2, "note events on task {n}");
        for e in history(&task).iter().filter(|e| e["kind"] == "note_added") {
            assert!(ids.insert(e["note"].as_str().unwrap().to_string()), "{e}");
        }
    }
    for w in 0..WRITERS {
        let item = ITEMS[w % ITEMS.len()];
        let task: u32 = item.split('.').next().unwrap().parse().unwrap();
        let v = show_json(&f.board, task);
        let texts: Vec<String> = if item.contains('.') {
            measure(&v, item)["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["text"].as_str().unwrap().to_string())
                .collect()
        } else {
            v["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["text"].as_str().unwrap().to_string())
                .collect()
        };
        for i in 0..NOTES_EACH {
            let text = format!("并发佐证 写者{w} 第{i}条\n第二行 {w}-{i}");
            assert_eq!(count.get(&text), Some(&1), "{text:?}");
            assert!(texts.contains(&text), "{text:?} not on {item}");
        }
    }
    assert_eq!(count.len(), WRITERS * NOTES_EACH);
    assert_eq!(ids.len(), WRITERS * NOTES_EACH, "note ids are unique");

    // Every status change landed.
    for (item, _, name) in sets {
        let (task, sub) = match item.split_once('.') {
            Some((t, _)) => (t.parse::<u32>().unwrap(), Some(*item)),
            None => (item.parse::<u32>().unwrap(), None),
        };
        let v = show_json(&f.board, task);
        let status = match sub {
            Some(id) => measure(&v, id)["status"].clone(),
            None => v["status"].clone(),
        };
        assert_eq!(status, *name, "{item}");
    }
    let st = status_json(&f.board);
    assert_eq!(st["tasks"][14]["notes"], 100);
    assert_eq!(st["tasks"][2]["notes"], 100);
    assert_eq!(st["tasks"][2]["measures_done"], 1);
    // No temp files were left behind.
    let leftovers: Vec<_> = snapshot(&f.board)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn racing_first_runs_create_the_board_once() {
    // The default board (no --board): the only one a first run creates.
    let f = Fixture::empty();
    let root = Arc::new(f.tmp.path().to_path_buf());
    let runs: Vec<_> = (0..6)
        .map(|i| {
            let root = Arc::clone(&root);
            thread::spawn(move || {
                if i % 2 == 0 {
                    kw_in(&root, &["status"])
                } else {
                    kw_in(&root, &["note", "15", &format!("第一次运行 {i}")])
                }
            })
        })
        .collect();
    let outs: Vec<_> = runs.into_iter().map(|h| h.join().unwrap()).collect();
    for o in &outs {
        assert_ok(o);
    }
    let created = outs
        .iter()
        .filter(|o| stderr(o).contains("新建看板"))
        .count();
    assert_eq!(created, 1, "exactly one run creates the board");
    for o in outs.iter().step_by(2) {
        assert_eq!(stdout(o).lines().count(), 3 + 22, "{}", describe(o));
    }
    let board = default_board(f.tmp.path());
    let v = show_json(&board, 15);
    assert_eq!(v["notes"].as_array().unwrap().len(), 3);
    assert_eq!(status_json(&board)["tasks"].as_array().unwrap().len(), 22);
}

/// `import --force` replaces every task file while `status` (which takes no lock) may be
/// reading: a reader must see the old board or the new one, whole, never a board with some
/// tasks missing.
#[test]
fn readers_during_a_forced_reimport_see_a_whole_board() {
    let f = Fixture::seeded();
    let seed = seed_file();
    let board = Arc::new(f.board.clone());
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let board = Arc::clone(&board);
        let done = Arc::clone(&done);
        thread::spawn(move || {
            let mut reads = 0;
            let mut bad = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let out = kw(&board, &["status", "--json"]);
                reads += 1;
                let tasks = serde_json::from_slice::<serde_json::Value>(&out.stdout)
                    .ok()
                    .and_then(|v| v["tasks"].as_array().map(Vec::len));
                if !out.status.success() || tasks != Some(22) {
                    bad.push(format!("{tasks:?} tasks; {}", describe(&out)));
                }
            }
            (reads, bad)
        })
    };
    for _ in 0..10 {
        ok(&f.board, &["import", "--force", seed.to_str().unwrap()]);
    }
    done.store(true, Ordering::Relaxed);
    let (reads, bad) = reader.join().unwrap();
    assert!(
        bad.is_empty(),
        "{} of {reads} reads saw a partial board, e.g.:\n{}",
        bad.len(),
        bad.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
    );
}
