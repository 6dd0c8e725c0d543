//! What can go wrong with a board directory: one error type for the store, worded at the
//! edge (`strings::errors`).

use super::BOARD_FILE;
use super::validate::Broken;
use crate::model::{ModelError, SCHEMA};
use crate::tomlfile::FileError;
use std::path::PathBuf;

/// What can go wrong with a board directory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(
        "no board at {}; create one with `keywork import FILE --board {}` (or `keywork init \
         --board {}` for the built-in 2023 list)",
        dir.display(), dir.display(), dir.display()
    )]
    NoBoard { dir: PathBuf },
    #[error(
        "{}: task files but no readable {BOARD_FILE} ({what}); nothing was created or \
         changed. `keywork doctor --fix` rebuilds {BOARD_FILE} from the task files and the \
         newest backup",
        dir.display()
    )]
    Orphaned { dir: PathBuf, what: String },
    #[error(
        "{}: an interrupted import waits to be finished, and this account cannot finish it \
         ({why}); someone who can write the board runs `keywork doctor --fix`",
        dir.display()
    )]
    ImportPending { dir: PathBuf, why: String },
    #[error(
        "{}: the lock file is {what}, not a regular file; remove it (keywork creates it \
         again) and tell whoever put it there",
        path.display()
    )]
    BadLock { path: PathBuf, what: String },
    #[error("{}:{line}: {problem}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        problem: Box<Broken>,
    },
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
