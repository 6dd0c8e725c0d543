//! The board directory: load, create, and change a board safely.
//!
//! Layout: `board.toml` (title, dates, statuses) plus `tasks/N.toml`, one human-readable TOML
//! file per task, each with a schema version. Every change is a read–modify–write of the latest
//! files under an exclusive lock on `.keywork.lock` (never on a data file, which renames
//! replace), and only files whose bytes changed are rewritten, atomically. A file that fails to
//! parse is reported as `path:line:column: message` and never written. No terminal, no config.

use crate::model::{Board, BoardMeta, Draft, ModelError, SCHEMA, Task};
use crate::tomlfile::{self, FileError};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

pub const BOARD_FILE: &str = "board.toml";
pub const TASKS_DIR: &str = "tasks";
pub const LOCK_FILE: &str = ".keywork.lock";
pub const BACKUPS_DIR: &str = "backups";
pub const DRAFTS_DIR: &str = "drafts";

/// What can go wrong with a board directory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{}: no board here (no {BOARD_FILE}); create one with `keywork import FILE`", dir.display())]
    NoBoard { dir: PathBuf },
    #[error(
        "{}: a board already exists here; use --force to replace it (the old one is backed up)",
        dir.display()
    )]
    Exists { dir: PathBuf },
    #[error("{}: schema version {found} is newer than this keywork understands ({SCHEMA}); upgrade keywork", path.display())]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("{}: the file is task {found}, but its name says {expected}", path.display())]
    Misnamed {
        path: PathBuf,
        expected: u32,
        found: u32,
    },
}

/// Which part of the board an update reads and may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the board file and one task: cheap on a large board.
    Task(u32),
    /// Every task.
    All,
}

/// A board directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// A board as read from disk, with the bytes of each file (to write only what changed).
struct Loaded {
    board: Board,
    meta_bytes: Vec<u8>,
    task_bytes: BTreeMap<u32, Vec<u8>>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn board_path(&self) -> PathBuf {
        self.dir.join(BOARD_FILE)
    }

    fn tasks_dir(&self) -> PathBuf {
        self.dir.join(TASKS_DIR)
    }

    pub fn task_path(&self, number: u32) -> PathBuf {
        self.tasks_dir().join(format!("{number}.toml"))
    }

    /// Whether a complete board is here (`board.toml` is written last on creation).
    pub fn exists(&self) -> bool {
        self.board_path().is_file()
    }

    /// Read the whole board, under a shared lock so that a writer replacing many files
    /// (an import with `--force`) is never seen half-way.
    pub fn load(&self) -> Result<Board, StoreError> {
        self.shared(|| Ok(self.read(Scope::All)?.board))
    }

    /// Read the board file and one task (the task list holds just that task).
    pub fn load_task(&self, number: u32) -> Result<Board, StoreError> {
        self.shared(|| Ok(self.read(Scope::Task(number))?.board))
    }

    /// Hold the lock shared for `f`. A board whose lock file cannot be opened (a read-only
    /// directory without one) is read without it: writers are impossible there anyway.
    fn shared<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        let path = self.dir.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .or_else(|_| File::open(&path));
        match lock {
            Ok(lock) => {
                lock.lock_shared().map_err(|e| FileError::io(&path, e))?;
                let result = f();
                drop(lock);
                result
            }
            Err(_) => f(),
        }
    }

    fn read(&self, scope: Scope) -> Result<Loaded, StoreError> {
        let board_path = self.board_path();
        if !board_path.is_file() {
            return Err(StoreError::NoBoard {
                dir: self.dir.clone(),
            });
        }
        let meta_bytes = tomlfile::read(&board_path)?;
        let meta: BoardMeta = tomlfile::parse(&board_path, &meta_bytes)?;
        check_schema(&board_path, meta.schema)?;
        let numbers = match scope {
            Scope::Task(n) => vec![n],
            Scope::All => self.task_numbers()?,
        };
        let mut tasks = Vec::with_capacity(numbers.len());
        let mut task_bytes = BTreeMap::new();
        for n in numbers {
            let path = self.task_path(n);
            let bytes = match fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && scope != Scope::All => {
                    return Err(ModelError::UnknownTask(n).into());
                }
                Err(e) => return Err(FileError::io(&path, e).into()),
            };
            let task: Task = tomlfile::parse(&path, &bytes)?;
            check_schema(&path, task.schema)?;
            if task.number != n {
                return Err(StoreError::Misnamed {
                    path,
                    expected: n,
                    found: task.number,
                });
            }
            tasks.push(task);
            task_bytes.insert(n, bytes);
        }
        Ok(Loaded {
            board: Board { meta, tasks },
            meta_bytes,
            task_bytes,
        })
    }

    /// Task numbers that have a file, in order. Temp files and other names are ignored.
    fn task_numbers(&self) -> Result<Vec<u32>, StoreError> {
        let dir = self.tasks_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(FileError::io(&dir, e).into()),
        };
        let mut numbers: Vec<u32> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name();
                let name = name.to_str()?;
                name.strip_suffix(".toml")?.parse().ok()
            })
            .collect();
        numbers.sort_unstable();
        Ok(numbers)
    }

    /// Hold the board's lock for the duration of `f`.
    fn locked<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        let lock = self.open_lock()?;
        lock.lock()
            .map_err(|e| FileError::io(&self.dir.join(LOCK_FILE), e))?;
        let result = f();
        drop(lock);
        result
    }

    fn open_lock(&self) -> Result<File, StoreError> {
        let path = self.dir.join(LOCK_FILE);
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| FileError::io(&path, e).into())
    }

    /// Change the board: under the lock, read the latest files in `scope`, apply `f`, and
    /// write back atomically only the files whose content changed. If `f` fails nothing is
    /// written. Returns `f`'s value and the board as saved.
    pub fn update<T>(
        &self,
        scope: Scope,
        f: impl FnOnce(&mut Board) -> Result<T, ModelError>,
    ) -> Result<(T, Board), StoreError> {
        self.locked(|| {
            let mut loaded = self.read(scope)?;
            let value = f(&mut loaded.board)?;
            self.write_changed(&loaded.board, &loaded.meta_bytes, &loaded.task_bytes)?;
            Ok((value, loaded.board))
        })
    }

    fn write_changed(
        &self,
        board: &Board,
        meta_bytes: &[u8],
        task_bytes: &BTreeMap<u32, Vec<u8>>,
    ) -> Result<(), StoreError> {
        let tasks_dir = self.tasks_dir();
        fs::create_dir_all(&tasks_dir).map_err(|e| FileError::io(&tasks_dir, e))?;
        for task in &board.tasks {
            let bytes = task_toml(task);
            if task_bytes.get(&task.number).map(Vec::as_slice) != Some(bytes.as_bytes()) {
                tomlfile::write_atomic(&self.task_path(task.number), bytes.as_bytes())?;
            }
        }
        let meta = meta_toml(&board.meta);
        if meta.as_bytes() != meta_bytes {
            tomlfile::write_atomic(&self.board_path(), meta.as_bytes())?;
        }
        Ok(())
    }

    /// Write a new board here. Refuses to replace an existing board unless `force`, and then
    /// first copies the old one to `backups/<time>/`, whose path is returned.
    pub fn create(&self, board: &Board, force: bool) -> Result<Option<PathBuf>, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|e| FileError::io(&self.dir, e))?;
        self.locked(|| {
            let mut backup = None;
            if self.exists() {
                if !force {
                    return Err(StoreError::Exists {
                        dir: self.dir.clone(),
                    });
                }
                backup = Some(self.backup(board)?);
                for n in self.task_numbers()? {
                    let p = self.task_path(n);
                    fs::remove_file(&p).map_err(|e| FileError::io(&p, e))?;
                }
            }
            // Tasks first, board file last: a board without board.toml is not a board yet.
            self.write_changed(board, b"", &BTreeMap::new())?;
            Ok(backup)
        })
    }

    /// Create the board only if there is none yet (two first runs racing create it once).
    pub fn create_if_missing(&self, board: &Board) -> Result<bool, StoreError> {
        if self.exists() {
            return Ok(false);
        }
        fs::create_dir_all(&self.dir).map_err(|e| FileError::io(&self.dir, e))?;
        self.locked(|| {
            if self.exists() {
                return Ok(false);
            }
            self.write_changed(board, b"", &BTreeMap::new())?;
            Ok(true)
        })
    }

    fn backup(&self, new: &Board) -> Result<PathBuf, StoreError> {
        let stamp = new.meta.created.format("%Y%m%d-%H%M%S").to_string();
        let mut dest = self.dir.join(BACKUPS_DIR).join(&stamp);
        let mut i = 1;
        while dest.exists() {
            dest = self.dir.join(BACKUPS_DIR).join(format!("{stamp}-{i}"));
            i += 1;
        }
        let dest_tasks = dest.join(TASKS_DIR);
        fs::create_dir_all(&dest_tasks).map_err(|e| FileError::io(&dest_tasks, e))?;
        let copy = |from: &Path, to: &Path| -> Result<(), StoreError> {
            fs::copy(from, to).map_err(|e| FileError::io(from, e))?;
            Ok(())
        };
        copy(&self.board_path(), &dest.join(BOARD_FILE))?;
        for n in self.task_numbers()? {
            copy(&self.task_path(n), &dest_tasks.join(format!("{n}.toml")))?;
        }
        Ok(dest)
    }
}

impl Store {
    /// Where a user's unsaved editor text is kept (`drafts/<author>.toml`).
    pub fn draft_path(&self, author: &str) -> PathBuf {
        let safe: String = author
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let safe = if safe.is_empty() {
            "_".to_string()
        } else {
            safe
        };
        self.dir.join(DRAFTS_DIR).join(format!("{safe}.toml"))
    }

    /// Keep a draft (atomically; it replaces the previous one).
    pub fn save_draft(&self, author: &str, draft: &Draft) -> Result<(), StoreError> {
        let path = self.draft_path(author);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| FileError::io(dir, e))?;
        }
        let text = toml::to_string(draft).expect("a draft always serializes");
        tomlfile::write_atomic(&path, text.as_bytes())?;
        Ok(())
    }

    /// The draft a user left, if any. A damaged draft file is an error, and is left alone.
    pub fn load_draft(&self, author: &str) -> Result<Option<Draft>, StoreError> {
        let path = self.draft_path(author);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(tomlfile::parse(&path, &bytes)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }

    /// Forget a user's draft (it was saved as a note or discarded on purpose).
    pub fn clear_draft(&self, author: &str) -> Result<(), StoreError> {
        let path = self.draft_path(author);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }
}

fn check_schema(path: &Path, found: u32) -> Result<(), StoreError> {
    if found > SCHEMA {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
        });
    }
    Ok(())
}

/// The TOML text of a task file (stable: same task, same bytes).
pub fn task_toml(task: &Task) -> String {
    toml::to_string(task).expect("a task always serializes")
}

/// The TOML text of the board file.
pub fn meta_toml(meta: &BoardMeta) -> String {
    toml::to_string(meta).expect("board meta always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemRef, Stamp, default_statuses};
    use chrono::DateTime;

    fn stamp() -> Stamp {
        Stamp {
            author: "zhang".into(),
            at: DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
        }
    }

    fn seed_board() -> Board {
        let list = crate::import::parse_str(include_str!("../seeds/yangpu-2023-key-tasks.txt"))
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
        assert!(err.contains("no board here"), "{err}");
    }
}
