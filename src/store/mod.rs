//! The board directory: load, create, and change a board safely.
//!
//! Layout: `board.toml` (title, dates, statuses) plus `tasks/N.toml`, one human-readable TOML
//! file per task, each with a schema version. Every change is a read–modify–write of the latest
//! files under an exclusive lock on `.keywork.lock` (never on a data file, which renames
//! replace), and only files whose bytes changed are rewritten, atomically. A file that fails to
//! parse is reported as `path:line:column: message` and never written. No terminal, no config.

mod cache;
pub mod doctor;
pub use cache::Versions;
mod reviews;
pub use reviews::REVIEWS_DIR;

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
/// How long a change waits for another process's change to finish.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

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
    #[error(
        "{}: the board is busy: another keywork process has held its lock for {waited} s (a \
         stopped or hung process? `fuser -v {}` names it); nothing was changed, try again",
        path.display(),
        path.display()
    )]
    Busy { path: PathBuf, waited: u64 },
    #[error(
        "{}: target {target} holds nan or inf; write a number (or remove `current` to clear it)",
        path.display()
    )]
    NotANumber { path: PathBuf, target: String },
    #[error(
        "{}: the file is missing (the board has tasks up to {last}); `keywork doctor` \
         explains, restore it from the board's backups/ or a copy",
        path.display()
    )]
    MissingTask { path: PathBuf, last: u32 },
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
    /// Parse task files on all cores (fast) or one at a time (half the peak memory: the TUI,
    /// which loads the whole board once, after its first frame).
    parallel: bool,
}

/// A board as read from disk, with the bytes of each file (to write only what changed).
struct Loaded {
    board: Board,
    meta_bytes: Vec<u8>,
    task_bytes: BTreeMap<u32, Vec<u8>>,
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

    /// Read the whole board, under a shared lock so that a writer replacing many files
    /// (an import with `--force`) is never seen half-way.
    pub fn load(&self) -> Result<Board, StoreError> {
        self.shared(|| Ok(self.read(Scope::All)?.board))
    }

    /// Read some tasks (the latest files, under the shared lock).
    pub fn load_tasks(&self, numbers: &[u32]) -> Result<Vec<Task>, StoreError> {
        self.shared(|| {
            numbers
                .iter()
                .map(|n| self.read_task_bytes(*n).map(|(t, _)| t))
                .collect()
        })
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
                acquire(&lock, &path, File::try_lock_shared)?;
                let result = f();
                drop(lock);
                result
            }
            Err(_) => f(),
        }
    }

    fn read(&self, scope: Scope) -> Result<Loaded, StoreError> {
        let (meta, meta_bytes) = self.read_meta_bytes()?;
        let numbers = match scope {
            Scope::Task(n) => vec![n],
            Scope::All => self.task_numbers()?,
        };
        let mut tasks = Vec::with_capacity(numbers.len());
        let mut task_bytes = BTreeMap::new();
        for (n, read) in numbers.iter().copied().zip(self.read_tasks(&numbers)) {
            let (task, bytes) = match read {
                Err(StoreError::File(FileError::Io { source, .. }))
                    if source.kind() == std::io::ErrorKind::NotFound && scope != Scope::All =>
                {
                    return Err(self.missing(n));
                }
                other => other?,
            };
            tasks.push(task);
            task_bytes.insert(n, bytes);
        }
        Ok(Loaded {
            board: Board { meta, tasks },
            meta_bytes,
            task_bytes,
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
        Ok((meta, bytes))
    }

    /// The board file, read without the lock (it is only ever replaced whole).
    pub fn read_meta(&self) -> Result<BoardMeta, StoreError> {
        Ok(self.read_meta_bytes()?.0)
    }

    /// Task files parsed on all cores (parsing TOML is most of the time of reading a large
    /// board), results in the order of `numbers`.
    fn read_tasks(&self, numbers: &[u32]) -> Vec<Result<(Task, Vec<u8>), StoreError>> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = workers.min(numbers.len());
        if workers <= 1 || !self.parallel {
            return numbers.iter().map(|&n| self.read_task_bytes(n)).collect();
        }
        let next = AtomicUsize::new(0);
        let mut done: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        while let Some(&n) = numbers.get(next.fetch_add(1, Ordering::Relaxed)) {
                            out.push((n, self.read_task_bytes(n)));
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

    /// One task file, parsed and checked, with its bytes.
    fn read_task_bytes(&self, n: u32) -> Result<(Task, Vec<u8>), StoreError> {
        let path = self.task_path(n);
        let bytes = tomlfile::read(&path)?;
        let task: Task = tomlfile::parse(&path, &bytes)?;
        check_schema(&path, task.schema)?;
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
        Ok(self.read_task_bytes(n)?.0)
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

    /// Hold the board's exclusive lock for the duration of `f`: every change, and a git
    /// merge rewriting task files, so no keywork process reads or writes half-way. Another
    /// writer holds it for milliseconds; one that holds it for `LOCK_WAIT` is stopped or hung,
    /// and rather than hang with it we say so and change nothing.
    pub fn exclusive<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let lock = self.open_lock()?;
        acquire(&lock, &self.dir.join(LOCK_FILE), File::try_lock)?;
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
            .map_err(|e| FileError::write(&path, e).into())
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
            let mut loaded = self.read(scope)?;
            let value = f(&mut loaded.board)?;
            self.write_changed(&loaded.board, &loaded.meta_bytes, &loaded.task_bytes)?;
            Ok((value, loaded.board))
        })
    }

    /// Temp files in `tasks/` left by a process killed mid-write. Task files are only ever
    /// written under the exclusive lock, so while we hold it any such file is stale.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(self.tasks_dir()) else {
            return;
        };
        for e in entries.flatten() {
            if e.file_name().to_str().is_some_and(tomlfile::is_temp_name) {
                let _ = fs::remove_file(e.path());
            }
        }
    }

    fn write_changed(
        &self,
        board: &Board,
        meta_bytes: &[u8],
        task_bytes: &BTreeMap<u32, Vec<u8>>,
    ) -> Result<(), StoreError> {
        let tasks_dir = self.tasks_dir();
        fs::create_dir_all(&tasks_dir).map_err(|e| FileError::write(&tasks_dir, e))?;
        let mut written = Vec::new();
        for task in &board.tasks {
            let bytes = task_toml(task);
            if task_bytes.get(&task.number).map(Vec::as_slice) != Some(bytes.as_bytes()) {
                tomlfile::write_atomic(&self.task_path(task.number), bytes.as_bytes())?;
                written.push(task);
            }
        }
        self.refresh_cache(&written);
        let meta = meta_toml(&board.meta);
        if meta.as_bytes() != meta_bytes {
            tomlfile::write_atomic(&self.board_path(), meta.as_bytes())?;
        }
        Ok(())
    }

    /// Write a new board here. Refuses to replace an existing board unless `force`, and then
    /// first copies the old one to `backups/<time>/`, whose path is returned.
    pub fn create(&self, board: &Board, force: bool) -> Result<Option<PathBuf>, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|e| FileError::write(&self.dir, e))?;
        self.exclusive(|| {
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
        fs::create_dir_all(&self.dir).map_err(|e| FileError::write(&self.dir, e))?;
        self.exclusive(|| {
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
        fs::create_dir_all(&dest_tasks).map_err(|e| FileError::write(&dest_tasks, e))?;
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
            fs::create_dir_all(dir).map_err(|e| FileError::write(dir, e))?;
        }
        let text = toml::to_string(draft).expect("a draft always serializes");
        let mark = toml::to_string(&DraftMark::here()).expect("a mark always serializes");
        tomlfile::write_atomic(&path, (mark + &text).as_bytes())?;
        Ok(())
    }

    /// The draft a user left, if any: only one this account wrote on this machine (a draft
    /// another account or a remote planted is not offered). A damaged draft file is an error,
    /// and is left alone.
    pub fn load_draft(&self, author: &str) -> Result<Option<Draft>, StoreError> {
        let path = self.draft_path(author);
        match fs::read(&path) {
            Ok(bytes) => {
                let draft = tomlfile::parse(&path, &bytes)?;
                let mark: DraftMark = tomlfile::parse(&path, &bytes)?;
                Ok(mark.written_here(&path).then_some(draft))
            }
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

/// Who wrote a draft: the account and the machine, kept at the top of the draft file.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct DraftMark {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host: Option<String>,
}

impl DraftMark {
    fn here() -> DraftMark {
        DraftMark {
            uid: Some(my_uid()),
            host: host_name(),
        }
    }

    /// Written by this account (the file's owner, and the mark) on this machine.
    fn written_here(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let here = DraftMark::here();
        fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.uid() == my_uid())
            && self.uid.is_none_or(|u| Some(u) == here.uid)
            && self
                .host
                .as_ref()
                .is_none_or(|h| Some(h) == here.host.as_ref())
    }
}

fn my_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn host_name() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Take a lock with `try_lock` (exclusive or shared), waiting up to `LOCK_WAIT` for others.
fn acquire(
    lock: &File,
    path: &Path,
    try_lock: fn(&File) -> Result<(), fs::TryLockError>,
) -> Result<(), StoreError> {
    let started = std::time::Instant::now();
    loop {
        match try_lock(lock) {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: path.to_path_buf(),
                    waited: LOCK_WAIT.as_secs(),
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
