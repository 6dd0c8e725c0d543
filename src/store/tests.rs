//! Store tests: round trips, partial rewrites, bad files, locks, drafts, the summary cache.

use super::*;
use crate::model::{Draft, ItemRef, Stamp, default_statuses};
use chrono::DateTime;

fn stamp() -> Stamp {
    Stamp {
        author: "zhang".into(),
        at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
    }
}

fn seed_board() -> Board {
    let list = crate::import::parse_str(include_str!("../../seeds/yangpu-2023-key-tasks.txt"))
        .expect("seed parses");
    crate::import::build_board(&list, default_statuses(), "seed", stamp().at)
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

#[test]
fn round_trip_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut board = seed_board();
    board
        .add_note(
            r("15.2"),
            "第一行\n第二行 \"引号\" '单'",
            Some("杨府发〔2023〕1号"),
            &stamp(),
        )
        .unwrap();
    board
        .set_target(15, "15.1", Some(12345.5), &stamp())
        .unwrap();
    store.create(&board, false).unwrap();
    assert_eq!(store.load().unwrap(), board);
    assert_eq!(
        store.load_task(15).unwrap().tasks,
        vec![board.task(15).unwrap().clone()]
    );
}

#[test]
fn update_rewrites_only_the_changed_task() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let before = fs::metadata(store.task_path(14))
        .unwrap()
        .modified()
        .unwrap();
    let board_before = fs::read(store.board_path()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store
        .update(Scope::Task(15), |b| {
            b.set_status(r("15"), "doing", &stamp())
        })
        .unwrap();
    assert_eq!(
        fs::metadata(store.task_path(14))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert_eq!(fs::read(store.board_path()).unwrap(), board_before);
    assert_eq!(store.load().unwrap().task(15).unwrap().status, "doing");
}

#[test]
fn failed_update_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let before = fs::read(store.task_path(15)).unwrap();
    let err = store
        .update(Scope::Task(15), |b| b.set_status(r("15"), "nope", &stamp()))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Model(ModelError::UnknownStatus { .. })
    ));
    assert_eq!(fs::read(store.task_path(15)).unwrap(), before);
    let err = store
        .update(Scope::Task(99), |b| b.set_status(r("99"), "done", &stamp()))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Model(ModelError::UnknownTask(99))
    ));
}

#[test]
fn corrupt_task_file_is_named_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let path = store.task_path(7);
    let mut text = fs::read_to_string(&path).unwrap();
    text = text.replacen("status = \"todo\"", "status = todo", 1);
    fs::write(&path, &text).unwrap();
    let err = store.load().unwrap_err().to_string();
    let line = text.lines().position(|l| l == "status = todo").unwrap() + 1;
    assert!(
        err.starts_with(&format!("{}:{line}:10: ", path.display())),
        "{err}"
    );
    let err = store
        .update(Scope::Task(7), |b| b.set_status(r("7"), "done", &stamp()))
        .unwrap_err();
    assert!(err.to_string().contains("7.toml:"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let path = store.task_path(3);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("schema = 1", "schema = 9", 1);
    fs::write(&path, text).unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("schema version 9"), "{err}");
}

#[test]
fn create_refuses_then_backs_up_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let board = seed_board();
    store.create(&board, false).unwrap();
    assert!(matches!(
        store.create(&board, false),
        Err(StoreError::Exists { .. })
    ));
    let backup = store.create(&board, true).unwrap().unwrap();
    assert!(backup.join("tasks/15.toml").is_file());
    assert!(backup.join(BOARD_FILE).is_file());
    assert_eq!(store.load().unwrap(), board);
}

#[test]
fn temp_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    fs::write(dir.path().join("tasks/.15.toml.tmp-1-2"), "garbage").unwrap();
    assert_eq!(store.load().unwrap().tasks.len(), 22);
}

#[test]
fn drafts_are_kept_per_author_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let d = Draft {
        on: "15.2".into(),
        text: "未保存\n第二行".into(),
        reference: String::new(),
        saved: stamp().at,
    };
    assert_eq!(store.load_draft("王芳").unwrap(), None);
    store.save_draft("王芳", &d).unwrap();
    assert_eq!(store.load_draft("王芳").unwrap(), Some(d));
    assert_eq!(store.load_draft("li").unwrap(), None);
    assert!(
        store
            .draft_path("../x")
            .starts_with(dir.path().join(DRAFTS_DIR))
    );
    store.clear_draft("王芳").unwrap();
    assert_eq!(store.load_draft("王芳").unwrap(), None);
}

#[test]
fn missing_board_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::new(dir.path()).load().unwrap_err().to_string();
    assert!(err.contains("no board at"), "{err}");
}

#[test]
fn summaries_come_from_the_cache_only_while_it_matches_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    store
        .update(Scope::Task(15), |b| {
            b.add_note(r("15.2"), "中文", None, &stamp())
        })
        .unwrap();
    let full = store.load().unwrap();
    let (meta, sums) = store.load_summaries().unwrap();
    assert_eq!(meta, full.meta);
    let want: Vec<_> = full.tasks.iter().map(Task::summary).collect();
    assert_eq!(sums, want);

    // The writer refreshed the cache: prove it is read by planting a marker in it.
    let cache_path = dir.path().join(cache::CACHE_FILE);
    let text = fs::read_to_string(&cache_path).unwrap();
    assert!(text.contains("\"notes\":1"), "{text}");
    fs::write(&cache_path, text.replace("加快推动城市更新", "CACHED")).unwrap();
    let (_, sums) = store.load_summaries().unwrap();
    assert_eq!(sums[14].title, "CACHED");

    // A hand edit of the file makes its entry stale: the file wins.
    let path = store.task_path(15);
    let edited =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("status = \"todo\"", "status = \"done\"", 1);
    fs::write(&path, edited).unwrap();
    let (_, sums) = store.load_summaries().unwrap();
    assert_eq!(sums[14].title, "加快推动城市更新");
    assert_eq!(sums[14].status, "done");

    // A broken cache is ignored and rebuilt.
    fs::write(&cache_path, "{ not json").unwrap();
    let (_, sums) = store.load_summaries().unwrap();
    assert_eq!(sums.len(), 22);
    assert!(serde_json::from_slice::<serde_json::Value>(&fs::read(&cache_path).unwrap()).is_ok());
}

#[test]
fn summaries_report_a_corrupt_task_file_like_a_full_load() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let path = store.task_path(9);
    fs::write(&path, "number = \n").unwrap();
    let err = store.load_summaries().unwrap_err().to_string();
    assert!(err.contains("9.toml:1:"), "{err}");
}

#[test]
fn versions_show_which_tasks_another_process_changed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let before = store.versions();
    assert_eq!(before.len(), 22);
    assert!(Store::changed(&before, &store.versions()).is_empty());
    let other = Store::new(dir.path());
    other
        .update(Scope::Task(15), |b| {
            b.set_status(r("15"), "doing", &stamp())
        })
        .unwrap();
    let now = store.versions();
    assert_eq!(Store::changed(&before, &now), vec![15]);
    assert_eq!(store.load_tasks(&[15]).unwrap()[0].status, "doing");
}

mod fuzz {
    //! The loader on damaged task files: never a panic, always `path:line:column` or a clean
    //! load.
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        #[test]
        fn a_damaged_task_file_never_panics(cut in 0usize..4000, junk in "[\\PC\n]{0,20}") {
            let task = seed_board().tasks.remove(14);
            let text = task_toml(&task);
            let cut = text.char_indices().map(|(i, _)| i).find(|i| *i >= cut.min(text.len())).unwrap_or(text.len());
            let damaged = format!("{}{junk}{}", &text[..cut], &text[cut..]);
            let path = Path::new("tasks/15.toml");
            match tomlfile::parse::<Task>(path, damaged.as_bytes()) {
                Ok(_) => {}
                Err(e) => prop_assert!(e.to_string().starts_with("tasks/15.toml:"), "{e}"),
            }
        }
    }
}

#[test]
fn a_target_holding_nan_or_inf_is_named_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&seed_board(), false).unwrap();
    let path = store.task_path(15);
    let text = fs::read_to_string(&path).unwrap();
    for bad in ["nan", "inf", "-inf"] {
        let changed = text.replacen("target = 200.0", &format!("target = {bad}"), 1);
        assert_ne!(changed, text, "the seed's task 15 has a target of 200");
        fs::write(&path, &changed).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("tasks/15.toml: target 15.") && err.contains("nan or inf"),
            "{err}"
        );
    }
}

#[test]
fn a_draft_is_offered_only_to_the_account_and_machine_that_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let d = Draft {
        on: "15".into(),
        text: "未保存".into(),
        reference: String::new(),
        saved: stamp().at,
    };
    store.save_draft("li", &d).unwrap();
    assert_eq!(store.load_draft("li").unwrap(), Some(d.clone()));
    let path = store.draft_path("li");
    let text = std::fs::read_to_string(&path).unwrap();
    // The same draft as another machine (or a remote) would have written it.
    let elsewhere = text.replacen("host = ", "host = \"office-1\"\nold_host = ", 1);
    std::fs::write(&path, &elsewhere).unwrap();
    assert_eq!(store.load_draft("li").unwrap(), None);
    // Written by another account (the file is not ours).
    std::fs::write(&path, &text).unwrap();
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&path, Some(65534), None).unwrap();
        assert_eq!(store.load_draft("li").unwrap(), None);
    }
}

#[test]
fn a_reader_keeps_no_file_bytes_and_a_change_keeps_them_to_compare() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let board = seed_board();
    store.create(&board, false).unwrap();
    // Reading the whole board held every task file's bytes until the end (31 MB on the 50k
    // board) though only a change compares them.
    let read = store.read(Scope::All, false).unwrap();
    assert_eq!(read.board, board);
    assert_eq!(read.task_bytes.len(), board.tasks.len());
    assert!(read.task_bytes.values().all(Vec::is_empty));
    let to_change = store.read(Scope::All, true).unwrap();
    assert_eq!(to_change.board, board);
    for task in &board.tasks {
        let file = std::fs::read(store.task_path(task.number)).unwrap();
        assert_eq!(to_change.task_bytes[&task.number], file);
    }
    // A change still writes only the task it changed.
    let before = std::fs::read(store.task_path(3)).unwrap();
    store
        .update(Scope::All, |b| {
            b.add_note(r("15"), "一条", None, &stamp()).map(|_| ())
        })
        .unwrap();
    assert_eq!(std::fs::read(store.task_path(3)).unwrap(), before);
    assert_eq!(store.load().unwrap().task(15).unwrap().notes.len(), 1);
}
