//! Permissions of what keywork creates in a board, and the lock file.
//!
//! A team board is a directory its group may write (README, "team setup"). Everything keywork
//! creates in one is group-writable whatever the creating member's umask, so that a member
//! with umask 022 does not lock the others out. The lock file `.keywork.lock` is never
//! world-accessible (an account outside the group that could open it could hold it and block
//! every write) and must be a regular file: a FIFO or device planted there is an error, never
//! a hang.

use super::StoreError;
use crate::tomlfile::FileError;
use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Whether `dir` is a team board's directory (its group, not everyone, may write it).
pub fn is_team(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o022 == 0o020)
}

/// Make a file or directory keywork just created group-writable if the board is a team's.
pub fn fix_new(path: &Path, team: bool, is_dir: bool) {
    if !team {
        return;
    }
    let want = if is_dir { 0o070 } else { 0o060 };
    if let Ok(m) = fs::symlink_metadata(path) {
        let mode = m.permissions().mode();
        if mode & want != want && !m.file_type().is_symlink() {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode((mode | want) & 0o7777));
        }
    }
}

/// `create_dir_all`, with every directory it creates inside a team board group-writable.
pub fn create_dir(board: &Path, dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| FileError::write(dir, e))?;
    let team = is_team(board);
    let mut d = Some(dir);
    while let Some(p) = d.filter(|p| p.starts_with(board) && *p != board) {
        fix_new(p, team, true);
        d = p.parent();
    }
    Ok(())
}

/// Open (creating it if need be) the board's lock file for writing: mode 660 at most, never
/// through a symlink, and never blocking on a FIFO; anything but a regular file is refused.
pub fn open_lock(board: &Path, path: &Path) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o660)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) | Some(libc::ENXIO) => not_a_file(path, "a symlink or a FIFO"),
            _ => FileError::write(path, e).into(),
        })?;
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if !meta.file_type().is_file() {
        return Err(not_a_file(path, kind(&meta)));
    }
    let mode = meta.permissions().mode() & 0o7777;
    let mut want = mode & !0o007;
    if is_team(board) {
        want |= 0o060;
    }
    // SAFETY: geteuid has no preconditions.
    if want != mode && meta.uid() == unsafe { libc::geteuid() } {
        let _ = file.set_permissions(fs::Permissions::from_mode(want));
    }
    Ok(file)
}

fn kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn not_a_file(path: &Path, what: &str) -> StoreError {
    StoreError::BadLock {
        path: path.to_path_buf(),
        what: what.to_string(),
    }
}

/// Whether a writer held the lock: if so, wait (up to `LOCK_WAIT`) until it lets go. Used by
/// readers only after a read failed; an account that cannot open the lock never waits.
pub fn wait_for_writer(path: &Path) -> bool {
    let Ok(file) = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
    else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.file_type().is_file()) {
        return false;
    }
    let started = std::time::Instant::now();
    let mut held = false;
    while started.elapsed() < super::LOCK_WAIT {
        match file.try_lock_shared() {
            Ok(()) => return held,
            Err(fs::TryLockError::WouldBlock) => {
                held = true;
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(fs::TryLockError::Error(_)) => return false,
        }
    }
    held
}
