//! Splitting large task files into a head and sealed chunks before anyone changes them: a
//! board made before chunks existed, or one whose tasks grew by a merge or a hand edit, is
//! read as one big TOML file per task, which costs a session its load time and its memory.
//!
//! A task is split exactly as its next change would split it (`chunks::plan` through
//! `write_task`): the new chunk first, then the head, the old file kept once in
//! `backups/chunks-DATE/tasks/N.toml`. What the board says does not change.

use super::{Scope, Store};
use std::path::Path;
use std::time::Duration;

impl Store {
    /// Split every task whose file holds more notes or history events than a head keeps.
    /// Best effort, for a session that starts: it never waits for another writer (the next
    /// session does it), and a board this account cannot write, or a task that does not
    /// read, is left as it is for the commands that name the problem. The tasks split.
    pub fn seal_large_tasks(&self) -> Vec<u32> {
        let large: Vec<u32> = self
            .task_numbers()
            .unwrap_or_default()
            .into_iter()
            .filter(|&n| outgrown(&self.task_path(n)))
            .collect();
        if large.is_empty() {
            return large;
        }
        let split = self.exclusive_within(Duration::ZERO, || {
            let mut split = Vec::new();
            for n in large {
                let Ok(mut loaded) = self.read(Scope::Task(n), true) else {
                    continue;
                };
                if self.write_changed(&mut loaded).is_ok() {
                    split.push(n);
                }
            }
            Ok::<_, super::StoreError>(split)
        });
        split.unwrap_or_default()
    }
}

/// Whether a task file holds more notes or events than a head keeps (counted in its text,
/// without parsing it: a file that does not parse is left to the commands that say so).
fn outgrown(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let count = |table: &str| {
        let line = format!("\n{table}\n");
        memchr::memmem::find_iter(&bytes, line.as_bytes()).count()
            + usize::from(bytes.starts_with(&line.as_bytes()[1..]))
    };
    count("[[notes]]") > super::chunks::HEAD_NOTES
        || count("[[history]]") > super::chunks::HEAD_EVENTS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, ItemRef, Stamp, default_statuses};
    use chrono::DateTime;
    use std::fs;

    fn stamp(i: i64) -> Stamp {
        let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        Stamp {
            author: "zhang".into(),
            at: at + chrono::Duration::seconds(i),
        }
    }

    /// A board whose task 15 file holds `n` notes in one file (as a board made before
    /// chunks), and the same board in memory.
    fn old_board(n: usize) -> (tempfile::TempDir, Store, Board) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut board = crate::seed::board(default_statuses(), stamp(0).at);
        let r: ItemRef = "15.2".parse().unwrap();
        for i in 0..n {
            board
                .add_note(r, &format!("第 {i} 条佐证"), None, &stamp(i as i64 + 1))
                .unwrap();
        }
        store.create(&board, false).unwrap();
        (dir, store, board)
    }

    fn chunk_dir(store: &Store) -> std::path::PathBuf {
        store.dir().join("tasks").join("15")
    }

    #[test]
    fn a_large_task_file_is_split_once_with_a_backup_and_reads_the_same() {
        let (_d, store, board) = old_board(200);
        let old = fs::read(store.task_path(15)).unwrap();
        assert!(!chunk_dir(&store).exists(), "one file to start with");
        assert_eq!(store.seal_large_tasks(), vec![15]);
        assert!(chunk_dir(&store).join("1.toml").is_file());
        assert!(fs::read(store.task_path(15)).unwrap().len() < old.len() / 2);
        let backups = store.dir().join("backups");
        let kept = fs::read_dir(&backups)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("tasks/15.toml"))
            .find(|p| p.is_file())
            .expect("the old file is kept");
        assert_eq!(fs::read(kept).unwrap(), old);
        assert!(store.load().unwrap() == board, "the board reads the same");
        // Done once: a second start finds nothing to do and writes nothing.
        let head = fs::read(store.task_path(15)).unwrap();
        assert_eq!(store.seal_large_tasks(), Vec::<u32>::new());
        assert_eq!(fs::read(store.task_path(15)).unwrap(), head);
    }

    #[test]
    fn small_tasks_and_a_busy_board_are_left_as_they_are() {
        let (_d, store, _) = old_board(40);
        let before = fs::read(store.task_path(15)).unwrap();
        assert_eq!(store.seal_large_tasks(), Vec::<u32>::new());
        assert_eq!(fs::read(store.task_path(15)).unwrap(), before);

        let (_d, store, board) = old_board(200);
        let before = fs::read(store.task_path(15)).unwrap();
        // Another writer holds the lock: no wait, nothing written.
        let lock = fs::File::open(store.dir().join(super::super::LOCK_FILE)).unwrap();
        lock.lock().unwrap();
        let started = std::time::Instant::now();
        assert_eq!(store.seal_large_tasks(), Vec::<u32>::new());
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(fs::read(store.task_path(15)).unwrap(), before);
        drop(lock);
        assert_eq!(store.seal_large_tasks(), vec![15]);
        assert!(store.load().unwrap() == board);
    }

    #[test]
    fn a_task_file_that_does_not_parse_is_left_for_the_commands_that_name_it() {
        let (_d, store, _) = old_board(200);
        let mut bytes = fs::read(store.task_path(15)).unwrap();
        bytes.extend_from_slice(b"\n[[notes]\nbroken\n");
        fs::write(store.task_path(15), &bytes).unwrap();
        assert_eq!(store.seal_large_tasks(), Vec::<u32>::new());
        assert_eq!(fs::read(store.task_path(15)).unwrap(), bytes);
        assert!(!chunk_dir(&store).exists());
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("15.toml"), "{err}");
    }
}
