//! The board directory: load, create, and change a board safely.
//!
//! Layout: `board.toml` (title, dates, statuses) plus `tasks/N.toml`, one human-readable TOML
//! file per task, each with a schema version; a large task keeps its older notes and history
//! in sealed chunks `tasks/N/K.toml` (see `chunks`), so a change rewrites only `tasks/N.toml`. Every change is a read–modify–write of the latest
//! files under an exclusive lock on `.keywork.lock` (never on a data file, which renames
//! replace), and only files whose bytes changed are rewritten, atomically. A file that fails to
//! parse is reported as `path:line:column: message` and never written. No terminal, no config.

mod blocks;
mod cache;
mod chunk_cache;
pub use chunk_cache::CHUNK_CACHE_DIR;
mod chunks;
pub use chunks::{Chunk, chunk_toml};
mod create;
mod decisions;
pub use decisions::{FOLLOW_DIR, follow_toml};
pub mod doctor;
mod drafts;
mod error;
pub use error::StoreError;
pub mod files;
pub use cache::Versions;
pub use create::BoardState;
pub use files::FILES_DIR;
mod migrate;
mod perms;
mod rebuild;
mod recent;
pub use recent::Held;
mod reviews;
pub use reviews::REVIEWS_DIR;
mod swap;
pub use swap::PENDING_DIR;
mod temps;
mod validate;
pub use validate::Broken;
pub use validate::MAX_TASK;

use crate::model::{Board, BoardMeta, ModelError, SCHEMA, Task};
use crate::tomlfile::{self, FileError};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

pub const BOARD_FILE: &str = "board.toml";
pub const TASKS_DIR: &str = "tasks";
pub const LOCK_FILE: &str = ".keywork.lock";
pub const BACKUPS_DIR: &str = "backups";
pub const DRAFTS_DIR: &str = "drafts";
/// How long a change waits for another process's change to finish.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

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
    /// Parse task files on all cores (fast) or one at a time (half the peak memory: the TUI,
    /// which loads the whole board once, after its first frame).
    parallel: bool,
}

/// A board as read from disk, with the bytes of each file (to write only what changed).
struct Loaded {
    board: Board,
    meta_bytes: Vec<u8>,
    task_bytes: BTreeMap<u32, Vec<u8>>,
    /// The sealed chunks of the tasks that have some.
    layouts: BTreeMap<u32, chunks::Layout>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            parallel: true,
        }
    }

    /// Read task files one at a time, keeping peak memory low.
    pub fn sequential(mut self) -> Store {
        self.parallel = false;
        self
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

    /// Read the whole board. Readers take no lock: every write is an atomic rename, and a
    /// whole-board replacement (an import) is detected and read again (see `consistent`).
    pub fn load(&self) -> Result<Board, StoreError> {
        self.consistent(|| Ok(self.read(Scope::All, false)?.board))
    }

    /// Read some tasks (the latest files).
    pub fn load_tasks(&self, numbers: &[u32]) -> Result<Vec<Task>, StoreError> {
        self.consistent(|| numbers.iter().map(|n| self.read_task(*n)).collect())
    }

    /// Read the board file and one task (the task list holds just that task).
    pub fn load_task(&self, number: u32) -> Result<Board, StoreError> {
        self.consistent(|| Ok(self.read(Scope::Task(number), false)?.board))
    }

    /// Run a read `f` without the lock, so that it sees one board: an import committed
    /// before it is moved in first, and a read that overlapped a board replacement (its
    /// `board.toml` changed, or an import is pending) is done again.
    fn consistent<T>(&self, f: impl Fn() -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut tries = 0;
        let mut waited = false;
        loop {
            self.settle_import()?;
            let before = self.board_key();
            let result = f();
            tries += 1;
            let settled = !self.import_pending() && self.board_key() == before;
            // A file that failed to read while a writer (a git merge) holds the lock may be
            // half-way: once, wait for the writer and read again.
            if settled && result.is_err() && !waited && tries < 50 {
                waited = true;
                if perms::wait_for_writer(&self.dir.join(LOCK_FILE)) {
                    continue;
                }
            }
            if tries >= 50 || settled {
                return result;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// Which `board.toml` is there (its inode: a replacement is a new file).
    fn board_key(&self) -> Option<u64> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(self.board_path()).ok().map(|m| m.ino())
    }

    /// Read the board file and the tasks in `scope`; `to_change`: keep what is needed to
    /// write the tasks back (the chunks' layout), which a reader does without.
    fn read(&self, scope: Scope, to_change: bool) -> Result<Loaded, StoreError> {
        let (meta, meta_bytes) = self.read_meta_bytes()?;
        let numbers = match scope {
            Scope::Task(n) => vec![n],
            Scope::All => self.task_numbers()?,
        };
        let mut tasks = Vec::with_capacity(numbers.len());
        let mut task_bytes = BTreeMap::new();
        let mut layouts = BTreeMap::new();
        for (n, read) in numbers
            .iter()
            .copied()
            .zip(self.read_tasks(&numbers, to_change))
        {
            let (task, bytes, layout) = match read {
                Err(StoreError::File(FileError::Io { source, .. }))
                    if source.kind() == std::io::ErrorKind::NotFound && scope != Scope::All =>
                {
                    return Err(self.missing(n));
                }
                other => other?,
            };
            tasks.push(task);
            task_bytes.insert(n, bytes);
            if !layout.numbers.is_empty() {
                layouts.insert(n, layout);
            }
        }
        Ok(Loaded {
            board: Board { meta, tasks },
            meta_bytes,
            task_bytes,
            layouts,
        })
    }

    /// Why task `n` has no file: the board never had it, or its file went missing.
    fn missing(&self, n: u32) -> StoreError {
        match self.task_numbers().ok().and_then(|ns| ns.last().copied()) {
            Some(last) if last > n => StoreError::MissingTask {
                path: self.task_path(n),
                last,
            },
            _ => ModelError::UnknownTask(n).into(),
        }
    }

    fn read_meta_bytes(&self) -> Result<(BoardMeta, Vec<u8>), StoreError> {
        let path = self.board_path();
        if !path.is_file() {
            return Err(StoreError::NoBoard {
                dir: self.dir.clone(),
            });
        }
        let bytes = tomlfile::read(&path)?;
        let meta: BoardMeta = tomlfile::parse(&path, &bytes)?;
        check_schema(&path, meta.schema)?;
        validate::check_meta(&path, &bytes, &meta)?;
        Ok((meta, bytes))
    }

    /// The board file, read without the lock (it is only ever replaced whole).
    pub fn read_meta(&self) -> Result<BoardMeta, StoreError> {
        Ok(self.read_meta_bytes()?.0)
    }

    /// Task files parsed on all cores (parsing TOML is most of the time of reading a large
    /// board), results in the order of `numbers`.
    fn read_tasks(&self, numbers: &[u32], to_change: bool) -> Vec<Result<Read, StoreError>> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = workers.min(numbers.len());
        if workers <= 1 || !self.parallel {
            return numbers
                .iter()
                .map(|&n| self.read_task_full(n, to_change))
                .collect();
        }
        let next = AtomicUsize::new(0);
        let mut done: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        while let Some(&n) = numbers.get(next.fetch_add(1, Ordering::Relaxed)) {
                            out.push((n, self.read_task_full(n, to_change)));
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        done.sort_by_key(|(n, _)| *n);
        done.into_iter().map(|(_, r)| r).collect()
    }

    /// One task (its file and its chunks), parsed and checked; with `to_change`, its file's
    /// bytes and what its chunks hold (to write back only what changed).
    fn read_task_full(&self, n: u32, to_change: bool) -> Result<Read, StoreError> {
        let (head, bytes) = self.read_head(n)?;
        // Only a change compares bytes (a whole board's files would stay in memory).
        let bytes = if to_change { bytes } else { Vec::new() };
        let dir = chunks::chunk_dir(&self.tasks_dir(), n);
        let numbers = chunks::chunk_numbers(&dir)?;
        if numbers.is_empty() {
            return Ok((head, bytes, chunks::Layout::default()));
        }
        // Keys first: a chunk replaced after this (a merge) never matches the copy made now.
        let keys = self.chunk_keys(&dir, &numbers);
        let cached = keys.as_ref().and_then(|k| self.cached_chunks(n, k));
        let read: Vec<Chunk> = match cached {
            Some(read) => read,
            None => {
                let read = numbers
                    .iter()
                    .map(|k| chunks::read_chunk(&dir.join(format!("{k}.toml")), n))
                    .collect::<Result<Vec<_>, _>>()?;
                if let Some(keys) = keys {
                    self.save_chunks(n, keys, &read);
                }
                read
            }
        };
        let (task, mut layout) = chunks::assemble(head, read, to_change);
        layout.numbers = numbers;
        Ok((task, bytes, layout))
    }

    /// The task file alone, parsed and checked, with its bytes.
    fn read_head(&self, n: u32) -> Result<(Task, Vec<u8>), StoreError> {
        let path = self.task_path(n);
        let bytes = tomlfile::read(&path)?;
        let task: Task = blocks::parse(&path, &bytes)?;
        check_schema(&path, task.schema)?;
        validate::check_task(&path, &bytes, &task)?;
        // TOML has nan and inf; a count or a value never is one (a hand edit gone wrong).
        if let Some(t) = task
            .targets
            .iter()
            .find(|t| !t.target.is_finite() || t.current.is_some_and(|c| !c.is_finite()))
        {
            return Err(StoreError::NotANumber {
                path,
                target: t.id.clone(),
            });
        }
        if task.number != n {
            return Err(StoreError::Misnamed {
                path,
                expected: n,
                found: task.number,
            });
        }
        Ok((task, bytes))
    }

    fn read_task(&self, n: u32) -> Result<Task, StoreError> {
        Ok(self.read_task_full(n, false)?.0)
    }

    /// Task numbers that have a file, in order. Temp files, other names and numbers out of
    /// range (`out_of_range` names those) are ignored.
    fn task_numbers(&self) -> Result<Vec<u32>, StoreError> {
        Ok(self
            .task_file_numbers()?
            .into_iter()
            .filter(|n| validate::in_range(*n))
            .collect())
    }

    /// Task files whose number is outside 1..=`MAX_TASK` (ignored by every command).
    pub fn out_of_range(&self) -> Vec<PathBuf> {
        self.task_file_numbers()
            .unwrap_or_default()
            .into_iter()
            .filter(|n| !validate::in_range(*n))
            .map(|n| self.task_path(n))
            .collect()
    }

    /// Every file named `N.toml` (N written plainly) in `tasks/`.
    fn task_file_numbers(&self) -> Result<Vec<u32>, StoreError> {
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
                let n: u32 = name.strip_suffix(".toml")?.parse().ok()?;
                (n.to_string() + ".toml" == name).then_some(n)
            })
            .collect();
        numbers.sort_unstable();
        Ok(numbers)
    }

    /// Hold the board's exclusive lock for the duration of `f`: every change, and a git
    /// merge rewriting task files, so no two writers interleave (readers take no lock; see
    /// `consistent`). Another
    /// writer holds it for milliseconds; one that holds it for `LOCK_WAIT` is stopped or hung,
    /// and rather than hang with it we say so and change nothing.
    pub fn exclusive<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        self.exclusive_within(LOCK_WAIT, f)
    }

    /// `exclusive`, waiting at most `wait` for another writer (`StoreError::Busy` then).
    fn exclusive_within<T, E: From<StoreError>>(
        &self,
        wait: std::time::Duration,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let lock = self.open_lock()?;
        acquire(&lock, &self.dir.join(LOCK_FILE), File::try_lock, wait)?;
        // An import killed after its commit is finished before anything else (a sync would
        // otherwise commit the half-moved board).
        self.finish_import()?;
        let result = f();
        drop(lock);
        result
    }

    fn open_lock(&self) -> Result<File, StoreError> {
        perms::open_lock(&self.dir, &self.dir.join(LOCK_FILE))
    }

    /// Change the board: under the lock, read the latest files in `scope`, apply `f`, and
    /// write back atomically only the files whose content changed. If `f` fails nothing is
    /// written. Returns `f`'s value and the board as saved.
    pub fn update<T>(
        &self,
        scope: Scope,
        f: impl FnOnce(&mut Board) -> Result<T, ModelError>,
    ) -> Result<(T, Board), StoreError> {
        self.exclusive(|| {
            self.remove_stale_temp_files();
            let mut loaded = self.read(scope, true)?;
            let value = f(&mut loaded.board)?;
            self.write_changed(&mut loaded)?;
            Ok((value, loaded.board))
        })
    }

    fn write_changed(&self, loaded: &mut Loaded) -> Result<(), StoreError> {
        perms::create_dir(&self.dir, &self.tasks_dir())?;
        let mut written = Vec::new();
        let none = chunks::Layout::default();
        for task in &mut loaded.board.tasks {
            let old = loaded.task_bytes.get(&task.number).map(Vec::as_slice);
            let layout = loaded.layouts.get(&task.number).unwrap_or(&none);
            if self.write_task(task, old, layout)? {
                written.push(&*task);
            }
        }
        self.refresh_cache(&written);
        let (board, meta_bytes) = (&loaded.board, &loaded.meta_bytes);
        let meta = meta_toml(&board.meta);
        if meta.as_bytes() != meta_bytes.as_slice() {
            tomlfile::write_atomic(&self.board_path(), meta.as_bytes())?;
        }
        Ok(())
    }
}

/// A task as read: the task, its file's bytes, its chunks.
type Read = (Task, Vec<u8>, chunks::Layout);

/// Take a lock with `try_lock` (exclusive or shared), waiting up to `wait` for others.
fn acquire(
    lock: &File,
    path: &Path,
    try_lock: fn(&File) -> Result<(), fs::TryLockError>,
    wait: std::time::Duration,
) -> Result<(), StoreError> {
    let started = std::time::Instant::now();
    loop {
        match try_lock(lock) {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: path.to_path_buf(),
                    waited: wait.as_secs(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(FileError::io(path, e).into()),
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
mod tests;
#[cfg(test)]
mod trust_tests;
