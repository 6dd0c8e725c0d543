//! Starting to share a board: `keywork sync --setup REMOTE` and `keywork sync --clone REMOTE`.
//!
//! Owns: creating the board's repository (group-shared for a team board, its config and hooks
//! writable by their owner only), creating a bare repository at a local path, refusing a remote
//! that already holds a board, pointing the remote's HEAD at the board's branch, and cloning
//! whatever the remote's default branch is called.

use super::git::{Git, SyncError, is_team_dir};
use super::trust::{check_repo, git_dir_of, lock_down};
use super::{BRANCH, REMOTE, Who, branch, local, local_path, prepare, register_driver, transport};
use crate::store::{BOARD_FILE, Store};
use std::path::Path;

/// `keywork sync --setup REMOTE`: make the board a git repository that pushes to `remote` (a
/// bare repository at a local path is created if missing). Refuses a remote that already
/// holds a board.
pub fn setup(store: &Store, remote: &str, who: &Who) -> Result<String, SyncError> {
    let result = setup_inner(store, remote, who);
    // Every config write makes a group-shared repository's config group-writable again.
    lock_down(&store.dir().join(".git"));
    result
}

fn setup_inner(store: &Store, remote: &str, who: &Who) -> Result<String, SyncError> {
    let team = is_team_dir(store.dir());
    let mut git = Git::new(store.dir());
    let dot = git.git_dir();
    if dot.symlink_metadata().is_ok() {
        check_repo(&dot)?;
    }
    let mut outside = Git::outside();
    let remote = match local_path(remote) {
        Some(path) => {
            if !path.exists() {
                let shared = path.parent().is_some_and(is_team_dir);
                let mode = if shared {
                    "--shared=group"
                } else {
                    "--shared=umask"
                };
                let at = path.to_str().unwrap_or(remote);
                Git::outside()
                    .team(shared)
                    .run(&["init", "-q", "--bare", "-b", BRANCH, mode, at])?;
                lock_down(&path);
            }
            check_repo(&git_dir_of(&path))?;
            outside = outside.trusting(&path);
            git = git.trusting(&path);
            path.to_string_lossy().into_owned()
        }
        None => remote.to_string(),
    };
    let heads = outside.run(&transport(&["ls-remote", "--heads", &remote], &remote))?;
    if !heads.trim().is_empty() {
        return Err(SyncError::RemoteHasBoard { remote });
    }
    if !git.is_repo() {
        // A group-writable team board gets a repository the group can write too.
        let shared = if team {
            "--shared=group"
        } else {
            "--shared=umask"
        };
        let at = git.dir().to_str().unwrap_or_default().to_string();
        Git::outside()
            .team(team)
            .run(&["init", "-q", "-b", BRANCH, shared, &at])?;
    }
    lock_down(&dot);
    prepare(&git)?;
    register_driver(&git)?;
    if git.run(&["remote", "get-url", REMOTE]).is_ok() {
        git.run(&["remote", "set-url", REMOTE, &remote])?;
    } else {
        git.run(&["remote", "add", REMOTE, &remote])?;
    }
    store.exclusive(|| {
        local::untrack(&git)?;
        git.run(&["add", "-A"])?;
        if !git.check(&["diff", "--cached", "--quiet"]) || git.rev("HEAD").is_none() {
            let message = format!("keywork: board shared by {}", who.name);
            let mut args: Vec<String> = who.config().into();
            args.extend(["commit", "-q", "--allow-empty", "-m", &message].map(String::from));
            git.run(&args)?;
        }
        Ok::<_, SyncError>(())
    })?;
    let branch = branch(&git)?;
    let to = format!("HEAD:refs/heads/{branch}");
    git.run(&transport(&["push", "-q", "-u", REMOTE, &to], &remote))?;
    // A bare repository made with plain `git init --bare` names git's default branch
    // (`master` or `main`) as its HEAD: make it the board's, so that any clone checks it out.
    if let Some(path) = local_path(&remote) {
        let head = format!("refs/heads/{branch}");
        let gd = git_dir_of(&path);
        let gd = gd.to_str().unwrap_or_default();
        let _ = outside.run(&["--git-dir", gd, "symbolic-ref", "HEAD", &head]);
    }
    Ok(remote)
}

/// `keywork --board DIR sync --clone REMOTE`: a board in `dir` from a remote another office
/// set up, on whatever branch it holds the board (the remote's HEAD may name another).
pub fn clone(dir: &Path, remote: &str) -> Result<(), SyncError> {
    let existed = dir.exists();
    if existed
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(SyncError::NotEmpty { dir: dir.into() });
    }
    let local = local_path(remote).filter(|p| p.exists());
    let mut outside = Git::outside();
    if let Some(path) = &local {
        check_repo(&git_dir_of(path))?;
        outside = outside.trusting(path);
    }
    let remote = local
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| remote.to_string());
    let target = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let team = target.parent().is_some_and(is_team_dir);
    let into = target.to_str().unwrap_or_default();
    let heads = outside.run(&transport(&["ls-remote", "--heads", &remote], &remote))?;
    let heads: Vec<&str> = heads
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter_map(|r| r.strip_prefix("refs/heads/"))
        .collect();
    if heads.is_empty() {
        return Err(SyncError::NoBoardInRemote { remote });
    }
    let symref = outside
        .run(&transport(
            &["ls-remote", "--symref", &remote, "HEAD"],
            &remote,
        ))
        .unwrap_or_default();
    let head = symref
        .lines()
        .find_map(|l| l.strip_prefix("ref: refs/heads/"))
        .and_then(|l| l.split_whitespace().next())
        .filter(|h| heads.contains(h));
    let pick = match head {
        Some(h) => h,
        None if heads.contains(&BRANCH) => BRANCH,
        None if heads.contains(&"master") => "master",
        None => heads[0],
    };
    outside.team(team).run(&transport(
        &["clone", "-q", "-b", pick, &remote, into],
        &remote,
    ))?;
    if !target.join(BOARD_FILE).exists() {
        if !existed {
            let _ = std::fs::remove_dir_all(&target);
        }
        return Err(SyncError::NoBoardInRemote { remote });
    }
    let mut git = Git::new(&target);
    if let Some(path) = &local {
        git = git.trusting(path);
    }
    // Local state a remote tracks (a planted draft) is not taken in: out of the index (the
    // next sync commits that) and off the disk.
    let result = local::untrack(&git)
        .and_then(|planted| local::Kept::none(&git, &planted).restore(git.dir()))
        .and_then(|()| prepare(&git))
        .and_then(|()| register_driver(&git));
    lock_down(&git.git_dir());
    result
}
