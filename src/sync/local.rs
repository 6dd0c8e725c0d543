//! What stays on this machine, and what a killed sync leaves behind.
//!
//! Owns: which board files are local state (the lock, the cache, drafts, backups, temp files)
//! and keeping them out of the repository — never committed, taken out of the index if a
//! remote tracks them, never written over by a merge; the sync lock (`.git/keywork-sync.lock`,
//! openable by every member of a team board whatever the umask of who created it); git's own
//! lock files and an unfinished merge left by a killed sync (stale under the sync lock, so
//! removed); and the findings `keywork doctor` reports about a board's `.git`.

use super::git::{Git, SyncError, is_team_dir};
use crate::store::doctor::{Finding, Severity};
use crate::strings::Lang;
use crate::strings::doctor as say;
use crate::strings::errors::Voiced;
use std::fs::{File, OpenOptions};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The lock one sync at a time holds, in the board's `.git`.
pub const SYNC_LOCK: &str = "keywork-sync.lock";

/// Whether a board path (relative, `/`-separated) is local state, never shared.
pub fn is_local_state(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    matches!(
        first,
        "drafts" | "backups" | ".keywork-import" | crate::store::CHUNK_CACHE_DIR
    ) || matches!(path, ".keywork.lock" | ".keywork-cache.json")
        || crate::tomlfile::is_temp_name(name)
        || name.starts_with(".doctor.tmp-")
}

/// The local-state paths `rev` holds (a remote that committed a draft or a lock file).
pub fn local_state_in(git: &Git, rev: &str) -> Result<Vec<String>, SyncError> {
    let names = git.run(&["ls-tree", "-r", "-z", "--name-only", rev])?;
    Ok(names
        .split('\0')
        .filter(|p| !p.is_empty() && is_local_state(p))
        .map(str::to_string)
        .collect())
}

/// Take local state out of the index (the files stay where they are). Returns what it took.
pub fn untrack(git: &Git) -> Result<Vec<String>, SyncError> {
    let names = git.run(&["ls-files", "-z"])?;
    let tracked: Vec<&str> = names
        .split('\0')
        .filter(|p| !p.is_empty() && is_local_state(p))
        .collect();
    for chunk in tracked.chunks(200) {
        let mut args = vec!["rm", "-q", "--cached", "--ignore-unmatch", "--"];
        args.extend(chunk);
        git.run(&args)?;
    }
    Ok(tracked.into_iter().map(str::to_string).collect())
}

/// The local files at the paths a merge is about to bring in, kept aside: git overwrites an
/// ignored file without asking, and a draft or a backup is this machine's own.
pub struct Kept {
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Kept {
    pub fn before_merge(git: &Git, incoming: &[String]) -> Kept {
        Kept {
            files: incoming
                .iter()
                .map(|p| {
                    let path = git.dir().join(p);
                    let bytes = std::fs::symlink_metadata(&path)
                        .ok()
                        .filter(|m| m.is_file())
                        .and_then(|_| std::fs::read(&path).ok());
                    (path, bytes)
                })
                .collect(),
        }
    }

    /// Nothing of ours at these paths: `restore` removes what is there.
    pub fn none(git: &Git, paths: &[String]) -> Kept {
        Kept {
            files: paths.iter().map(|p| (git.dir().join(p), None)).collect(),
        }
    }

    /// Put back what was there; remove what the merge planted (and the directories it made).
    pub fn restore(self, board: &Path) -> Result<(), SyncError> {
        for (path, bytes) in self.files {
            match bytes {
                Some(b) => crate::tomlfile::write_atomic(&path, &b)?,
                None => match std::fs::remove_file(&path) {
                    Ok(()) => {
                        let mut dir = path.parent();
                        while let Some(d) = dir.filter(|d| *d != board && d.starts_with(board)) {
                            if std::fs::remove_dir(d).is_err() {
                                break; // not empty
                            }
                            dir = d.parent();
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(crate::tomlfile::FileError::write(&path, e).into()),
                },
            }
        }
        Ok(())
    }
}

/// Take the sync lock (waiting for a sync in progress). The file is created group-writable in
/// a team board; one that this account cannot write is opened for reading, which is enough
/// to lock it.
pub fn sync_lock(git: &Git) -> Result<File, SyncError> {
    let path = git.git_dir().join(SYNC_LOCK);
    let failed = |e: std::io::Error| SyncError::SyncLock {
        path: path.clone(),
        message: e.to_string(),
    };
    let file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            File::open(&path).map_err(failed)?
        }
        Err(e) => return Err(failed(e)),
    };
    if is_team_dir(git.dir())
        && let Ok(m) = file.metadata()
        && m.uid() == super::trust::me()
        && m.permissions().mode() & 0o060 != 0o060
    {
        let _ = file.set_permissions(std::fs::Permissions::from_mode(
            m.permissions().mode() | 0o660,
        ));
    }
    file.lock().map_err(failed)?;
    Ok(file)
}

/// Git's lock files in a board's `.git` (`index.lock`, `HEAD.lock`, `refs/…/*.lock`...).
pub fn git_locks(git_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(git_dir, |path, m| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if m.is_dir() {
            // objects, hooks, info: no locks of git's there
            return path.parent() != Some(git_dir) || matches!(&*name, "refs" | "logs");
        }
        if name.ends_with(".lock") && name != SYNC_LOCK {
            out.push(path.to_path_buf());
        }
        false
    });
    out.sort();
    out
}

/// Every entry below `root`, depth first, links not followed: `visit(path, metadata)` says
/// whether to go into a directory.
fn walk(root: &Path, mut visit: impl FnMut(&Path, &std::fs::Metadata) -> bool) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(m) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if visit(&path, &m) && m.is_dir() {
                stack.push(path);
            }
        }
    }
}

/// Under the sync lock no other keywork runs git on this board, and a git of a killed sync
/// dies with it: its lock files are stale. Remove them, and undo a merge it left unfinished
/// (under the board's lock). Returns what was repaired, for the user.
pub fn clear_stale(git: &Git, store: &crate::store::Store) -> Result<Vec<String>, SyncError> {
    let mut repaired = Vec::new();
    let locks = git_locks(&git.git_dir());
    for lock in &locks {
        std::fs::remove_file(lock).map_err(|e| crate::tomlfile::FileError::write(lock, e))?;
        repaired.push(lock.display().to_string());
    }
    if !locks.is_empty() && git.rev("HEAD").is_some() {
        // Git writes the files of a checkout in place (unlink, create, write): one it was killed
        // writing is missing or torn. Local writes are atomic, so such a board file is git's
        // doing: take HEAD's (the merge comes again).
        store.exclusive(|| {
            let names = git.run(&["diff", "--name-only", "-z", "HEAD"])?;
            for name in names.split('\0').filter(|n| n.ends_with(".toml")) {
                // Missing (unlinked, not yet rewritten), empty (created, not yet written) or
                // not parsing as what it is.
                let whole = std::fs::read_to_string(git.dir().join(name))
                    .is_ok_and(|text| looks_whole(name, &text));
                if !whole {
                    git.run(&["checkout", "-q", "HEAD", "--", name])?;
                    repaired.push(format!("{name} (torn by the interrupted sync, restored)"));
                }
            }
            Ok::<_, SyncError>(())
        })?;
    }
    if git.git_dir().join("MERGE_HEAD").exists() {
        store.exclusive(|| git.run(&["merge", "--abort"]))?;
        repaired.push(format!(
            "{} (unfinished merge, undone)",
            git.git_dir().join("MERGE_HEAD").display()
        ));
    }
    Ok(repaired)
}

/// Whether a board file git may have been killed writing reads as what it is: not empty, TOML,
/// and a task file, a chunk or `board.toml` with every field it needs (an empty or cut-short
/// file is a valid TOML table, and committed as a local change it would stop every merge).
fn looks_whole(name: &str, text: &str) -> bool {
    use crate::model::{BoardMeta, Task};
    if text.trim().is_empty() {
        return false;
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        ["board.toml"] => table.try_into::<BoardMeta>().is_ok(),
        ["tasks", _] => table.try_into::<Task>().is_ok(),
        ["tasks", _, _] => table.try_into::<crate::store::Chunk>().is_ok(),
        _ => true,
    }
}

/// What `keywork doctor` says about a board's `.git`: stale git locks and an unfinished merge
/// (when no sync is running), a config or hooks others could write, and in a team board the
/// files and directories the group cannot write.
pub fn doctor(board: &Path, lang: Lang) -> Vec<Finding> {
    let git_dir = board.join(".git");
    let mut out = Vec::new();
    if !std::fs::symlink_metadata(&git_dir).is_ok_and(|m| m.is_dir()) {
        return out;
    }
    let idle = File::open(git_dir.join(SYNC_LOCK))
        .map(|f| f.try_lock().is_ok())
        .unwrap_or(true);
    if idle {
        for lock in git_locks(&git_dir) {
            out.push(Finding {
                severity: Severity::Warning,
                what: say::git_lock(lang, lock.display()),
                fix: say::fix_git_lock(lang).into(),
            });
        }
        if git_dir.join("MERGE_HEAD").exists() {
            out.push(Finding {
                severity: Severity::Warning,
                what: say::merge_head(lang, git_dir.join("MERGE_HEAD").display()),
                fix: say::fix_merge_head(lang).into(),
            });
        }
    }
    if let Err(e) = super::trust::check_repo(&git_dir) {
        out.push(Finding {
            severity: Severity::Problem,
            what: e.say(lang),
            fix: say::fix_untrusted(lang).into(),
        });
    }
    if is_team_dir(board) {
        for path in not_group_writable(&git_dir) {
            out.push(Finding {
                severity: Severity::Problem,
                what: say::git_group(lang, path.display()),
                fix: say::fix_git_group(lang, path.display()),
            });
        }
    }
    out
}

/// The files and directories in a team board's `.git` that the group must write and cannot.
/// Not `config` and `hooks` (owner-only on purpose) nor the objects git makes read-only.
fn not_group_writable(git_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(git_dir, |path, m| {
        let rel = path.strip_prefix(git_dir).unwrap_or(path);
        let top = rel.components().next().map(|c| c.as_os_str().to_owned());
        let top = top.as_deref().and_then(|t| t.to_str());
        if matches!(top, Some("config" | "hooks")) {
            return false;
        }
        let group_writable = m.permissions().mode() & 0o020 != 0;
        if m.is_dir() {
            if !group_writable {
                out.push(path.to_path_buf());
            }
            return true;
        }
        if m.is_file() && top != Some("objects") && !group_writable {
            out.push(path.to_path_buf());
        }
        false
    });
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_state_is_named_by_its_path() {
        for p in [
            "drafts/li.toml",
            "backups/2023-10-01T10-00-00/board.toml",
            ".keywork.lock",
            ".keywork-cache.json",
            "tasks/.15.toml.tmp-123-4",
            ".keywork-chunks/15.json",
            "tasks/15/.3.toml.tmp-123-4",
        ] {
            assert!(is_local_state(p), "{p}");
        }
        for p in [
            "board.toml",
            "tasks/15.toml",
            "tasks/15/3.toml",
            "reviews/2023-10-12.toml",
            ".gitignore",
        ] {
            assert!(!is_local_state(p), "{p}");
        }
    }

    #[test]
    fn git_lock_files_are_found_but_not_the_sync_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let gd = tmp.path();
        std::fs::create_dir_all(gd.join("refs/heads")).unwrap();
        std::fs::create_dir_all(gd.join("objects/ab")).unwrap();
        for f in [
            "index.lock",
            "HEAD.lock",
            "refs/heads/main.lock",
            SYNC_LOCK,
            "index",
        ] {
            std::fs::write(gd.join(f), "").unwrap();
        }
        std::fs::write(gd.join("objects/ab/x.lock"), "").unwrap();
        let found: Vec<_> = git_locks(gd)
            .iter()
            .map(|p| p.strip_prefix(gd).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["HEAD.lock", "index.lock", "refs/heads/main.lock"]);
    }
}
