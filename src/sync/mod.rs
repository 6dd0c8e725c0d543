//! Sharing a board between offices through git (`keywork sync`).
//!
//! Owns: making a board directory a git repository that pushes to a remote (`setup`), making a
//! board from a remote (`clone`), and one round of `sync`: commit what changed here (one
//! commit for a burst of edits, its message saying what and who), fetch, merge with the
//! keywork merge driver (`merge`, registered for the board's TOML files so that a plain
//! `git pull` merges the same way), push. Files git rewrites are rewritten under the board's
//! exclusive lock, so no keywork process sees a half-merged board. Network steps (fetch,
//! push) run outside the lock; if they fail, the local board and its commits stay as they are
//! and the next sync tries again.

pub mod changes;
pub mod git;
pub mod local;
pub mod merge;
mod setup;
pub mod trust;

use crate::store::{BOARD_FILE, Store};
use changes::{FileChange, Tally};
pub use git::{Git, SyncError};

use crate::strings::Lang;
use crate::strings::sync as say;
pub use local::doctor;
pub use setup::{clone, setup};
use std::path::PathBuf;

/// The remote every board pushes to and fetches from.
const REMOTE: &str = "origin";
/// The branch a board shared here is on.
const BRANCH: &str = "main";
/// How many times a sync fetches and merges again when another office pushed in between.
const ATTEMPTS: usize = 3;

const GITIGNORE: &str = "\
# keywork: local state, not shared
.keywork.lock
.keywork-cache.json
.keywork-chunks/
drafts/
backups/
.keywork-import/
.*.tmp-*
";

const GITATTRIBUTES: &str = "\
# keywork merges its own files (notes and history are unions; a value changed on both
# sides takes the later change): `keywork sync` registers the driver in .git/config.
board.toml merge=keywork
tasks/*.toml merge=keywork
tasks/*/*.toml merge=keywork
reviews/*.toml merge=keywork
follow/*.toml merge=keywork
";

/// Who commits: the keywork author, and the office (`author@host`) git records.
#[derive(Debug, Clone)]
pub struct Who {
    pub name: String,
    pub email: String,
}

impl Who {
    /// `name`, at this machine (its host name).
    pub fn here(name: &str) -> Who {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "keywork".into());
        let user: String = name
            .chars()
            .map(|c| {
                if c.is_whitespace() || "<>@".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        Who {
            name: name.to_string(),
            email: format!("{user}@{host}"),
        }
    }

    fn config(&self) -> [String; 4] {
        [
            "-c".into(),
            format!("user.name={}", self.name),
            "-c".into(),
            format!("user.email={}", self.email),
        ]
    }
}

/// What one sync did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The message of the commit made of local changes, if there were any.
    pub committed: Option<String>,
    /// What the merge brought in from other offices.
    pub incoming: Tally,
    /// Who sent it (`author@host` of the incoming commits).
    pub from: Vec<String>,
    /// Whether local commits went to the remote.
    pub pushed: bool,
    /// Why fetching or pushing failed (the local board is intact; the next sync retries).
    pub failed: Option<SyncError>,
    /// What an interrupted sync had left and this one removed (git lock files, a merge).
    pub repaired: Vec<String>,
}

impl Outcome {
    /// One or two lines for a person.
    pub fn words(&self, en: bool) -> String {
        use crate::strings::errors::Voiced;
        let lang = Lang::of_en(en);
        let mut out = Vec::new();
        for r in &self.repaired {
            out.push(say::repaired(lang, r));
        }
        if let Some(m) = &self.committed {
            let subject = m.lines().next().unwrap_or_default();
            out.push(say::committed(lang, subject));
        }
        if self.incoming.total() > 0 {
            let mut line = say::received(lang, &self.incoming.words(en));
            if !self.from.is_empty() {
                line.push_str(&say::received_from(lang, &self.from.join(", ")));
            }
            out.push(line);
        }
        match (&self.failed, self.pushed) {
            (Some(why), _) => out.push(say::not_synced(lang, &why.say(lang))),
            (None, true) => out.push(say::pushed(lang).into()),
            (None, false) if out.is_empty() => out.push(say::up_to_date(lang).into()),
            (None, false) => {}
        }
        out.join(say::joined(lang))
    }
}

/// Make sure the ignore rules and the attributes are in place (keywork's git calls name the
/// merge driver themselves).
fn prepare(git: &Git) -> Result<(), SyncError> {
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        let path = git.dir().join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            crate::tomlfile::write_atomic(&path, text.as_bytes())?;
        }
    }
    Ok(())
}

/// Register `keywork merge-driver` (this binary) for the board's files in `.git/config`, for a
/// plain `git pull` by hand (keywork's own git calls name the driver on their command line).
/// Only the config's owner writes it: anyone else's write would replace the file.
pub fn register_driver(git: &Git) -> Result<(), SyncError> {
    use std::os::unix::fs::MetadataExt;
    let config = git.git_dir().join("config");
    if std::fs::metadata(&config).is_ok_and(|m| m.uid() != trust::me()) {
        return Ok(());
    }
    let driver = git::merge_driver();
    for (key, value) in [
        ("merge.keywork.name", "keywork board merge"),
        ("merge.keywork.driver", driver.as_str()),
    ] {
        let file = config.to_str().unwrap_or_default();
        if git
            .run(&["config", "--file", file, "--get", key])
            .ok()
            .as_deref()
            .map(str::trim)
            != Some(value)
        {
            let written = git.run(&["config", "--file", file, key, value]);
            trust::lock_down(&git.git_dir()); // a shared repository's config comes back 664
            written?;
        }
    }
    Ok(())
}

/// Git network commands (`fetch`, `push`, `ls-remote`, `clone`) for `remote`. A remote on a
/// local path is served by a second git process that `-c` settings do not reach: its command
/// line trusts exactly that repository and runs no program its config names
/// (`trust::serving_program`).
fn transport(args: &[&str], remote: &str) -> Vec<String> {
    let mut out: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if let Some(path) = local_path(remote) {
        let option = match args.first() {
            Some(&"push") => format!(
                "--receive-pack={}",
                trust::serving_program(&path, "receive-pack")
            ),
            _ => format!(
                "--upload-pack={}",
                trust::serving_program(&path, "upload-pack")
            ),
        };
        out.insert(1, option);
    }
    out
}

/// The URL of the board's remote.
fn remote_url(git: &Git) -> String {
    git.run(&["remote", "get-url", REMOTE])
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// A remote written as a local path (not `host:path` or `scheme://`), made absolute.
fn local_path(remote: &str) -> Option<PathBuf> {
    if remote.contains("://") {
        return None;
    }
    let colon = remote.find(':');
    let slash = remote.find('/');
    if colon.is_some_and(|c| slash.is_none_or(|s| c < s)) {
        return None;
    }
    std::path::absolute(remote).ok()
}

fn branch(git: &Git) -> Result<String, SyncError> {
    Ok(git
        .run(&["symbolic-ref", "--short", "HEAD"])?
        .trim()
        .to_string())
}

/// The board files that differ between two commits (`to == None`: the index against `from`).
fn changed_files(git: &Git, from: &str, to: Option<&str>) -> Result<Vec<FileChange>, SyncError> {
    let names = match to {
        Some(to) => git.run(&["diff", "--name-only", "--no-renames", from, to])?,
        None => git.run(&["diff", "--cached", "--name-only", "--no-renames"])?,
    };
    let paths: Vec<&str> = names.lines().filter(|p| !p.is_empty()).collect();
    let mut specs: Vec<String> = paths.iter().map(|p| format!("{from}:{p}")).collect();
    if let Some(to) = to {
        specs.extend(paths.iter().map(|p| format!("{to}:{p}")));
    }
    let mut files = git.show_all(&specs)?.into_iter();
    let before: Vec<_> = files.by_ref().take(paths.len()).collect();
    Ok(paths
        .iter()
        .zip(before)
        .map(|(p, before)| FileChange {
            path: p.to_string(),
            before,
            after: match to {
                Some(_) => files.next().flatten(),
                None => std::fs::read(git.dir().join(p)).ok(),
            },
        })
        .collect())
}

/// Commit everything changed since the last commit as one commit (under the lock: no
/// keywork write is half-way), local state left out. Its message, if there was anything.
fn commit_local(
    git: &Git,
    store: &Store,
    who: &Who,
    en: bool,
) -> Result<Option<String>, SyncError> {
    local::untrack(git)?;
    git.run(&["add", "-A"])?;
    if git.check(&["diff", "--cached", "--quiet"]) {
        return Ok(None);
    }
    let meta = store.read_meta()?;
    let (lines, tally) = changes::describe(&changed_files(git, "HEAD", None)?, &meta, en);
    let mut message = changes::message(&lines, &tally, en);
    if message.trim().is_empty() {
        message = say::unshared_commit(Lang::of_en(en)).into();
    }
    let mut args: Vec<String> = who.config().into();
    args.extend(["commit", "-q", "-m", &message].map(String::from));
    git.run(&args)?;
    Ok(Some(message))
}

/// One round of sharing: commit, fetch, merge, push (fetching and merging again if another
/// office pushed in between). `batch`: never prompt (the TUI owns the terminal).
pub fn sync(store: &Store, who: &Who, en: bool, batch: bool) -> Result<Outcome, SyncError> {
    let mut git = Git::new(store.dir());
    if batch {
        git = git.batch();
    }
    if !git.is_repo() {
        return Err(SyncError::NotShared {
            dir: store.dir().into(),
        });
    }
    // Nothing runs in a repository another account could make run a program as this one.
    trust::check_repo(&git.git_dir())?;
    let url = remote_url(&git);
    if let Some(path) = local_path(&url).filter(|p| p.exists()) {
        trust::check_repo(&trust::git_dir_of(&path))?;
        git = git.trusting(&path);
    }
    // One sync at a time per board (two people pressing S at once take turns).
    let _lock = local::sync_lock(&git)?;
    let mut outcome = Outcome {
        repaired: local::clear_stale(&git, store)?,
        ..Outcome::default()
    };
    prepare(&git)?;
    let branch = branch(&git)?;
    let tracking = format!("refs/remotes/{REMOTE}/{branch}");
    outcome.committed = store.exclusive(|| commit_local(&git, store, who, en))?;
    for attempt in 1..=ATTEMPTS {
        let fetch = format!("+refs/heads/{branch}:{tracking}");
        match git.run(&transport(&["fetch", "-q", REMOTE, &fetch], &url)) {
            Ok(_) => {}
            Err(e)
                if git
                    .run(&transport(&["ls-remote", "--heads", REMOTE], &url))
                    .is_ok_and(|h| h.trim().is_empty()) =>
            {
                drop(e); // the remote is reachable and empty: nothing to fetch
            }
            Err(e) => {
                outcome.failed = Some(e);
                return Ok(outcome);
            }
        }
        if let Some(theirs) = git.rev(&tracking) {
            merge(&git, store, &theirs, who, en, &mut outcome)?;
        }
        let head = git.rev("HEAD");
        if head.is_some() && head == git.rev(&tracking) {
            return Ok(outcome);
        }
        let to = format!("HEAD:refs/heads/{branch}");
        match git.run(&transport(&["push", "-q", REMOTE, &to], &url)) {
            Ok(_) => {
                outcome.pushed = true;
                let _ = git.run(&["update-ref", &tracking, "HEAD"]);
                return Ok(outcome);
            }
            Err(e) if attempt < ATTEMPTS && remote_moved(&git, &url, &branch, &tracking) => drop(e),
            Err(e) => {
                outcome.failed = Some(e);
                return Ok(outcome);
            }
        }
    }
    Ok(outcome)
}

/// Refuse a remote version without `board.toml` or without a single task file: merged, it
/// would empty the board here and then everywhere. Names the commit that did it.
fn refuse_deletion(git: &Git, theirs: &str) -> Result<(), SyncError> {
    let files = git.run(&[
        "ls-tree",
        "-r",
        "--name-only",
        theirs,
        "--",
        BOARD_FILE,
        "tasks",
    ])?;
    let has_board = files.lines().any(|f| f == BOARD_FILE);
    let tasks = files
        .lines()
        .filter(|f| f.starts_with("tasks/") && f.ends_with(".toml"))
        .count();
    let what = match (has_board, tasks) {
        (true, n) if n > 0 => return Ok(()),
        (false, _) => BOARD_FILE,
        (true, _) => "tasks/",
    };
    let by = git
        .run(&[
            "log",
            "-1",
            "--diff-filter=D",
            "--format=%h %an <%ae> %ad",
            "--date=iso",
            theirs,
            "--",
            what,
        ])
        .map(|s| crate::text::one_line(s.trim()))
        .unwrap_or_default();
    Err(SyncError::RemoteDeletes {
        what: if what == BOARD_FILE {
            BOARD_FILE.into()
        } else {
            "every task file (tasks/*.toml)".into()
        },
        by: if by.is_empty() {
            theirs[..theirs.len().min(12)].into()
        } else {
            by
        },
    })
}

/// Whether the remote branch is no longer what we fetched (someone pushed in between).
fn remote_moved(git: &Git, url: &str, branch: &str, tracking: &str) -> bool {
    let head = format!("refs/heads/{branch}");
    let remote = git
        .run(&transport(&["ls-remote", "--heads", REMOTE, &head], url))
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string));
    remote.is_some() && remote != git.rev(tracking)
}

/// Merge `theirs` into HEAD under the board's lock; on any failure undo the merge. What was
/// written here since the sync began is committed first (a merge never meets local changes),
/// and local state a remote holds is kept out (`local`).
fn merge(
    git: &Git,
    store: &Store,
    theirs: &str,
    who: &Who,
    en: bool,
    outcome: &mut Outcome,
) -> Result<(), SyncError> {
    if git.check(&["merge-base", "--is-ancestor", theirs, "HEAD"]) {
        return Ok(()); // nothing new
    }
    refuse_deletion(git, theirs)?;
    let before = store.exclusive(|| {
        if let Some(m) = commit_local(git, store, who, en)? {
            outcome.committed.get_or_insert(m);
        }
        let before = git.rev("HEAD");
        let incoming = local::local_state_in(git, theirs)?;
        let kept = local::Kept::before_merge(git, &incoming);
        let message = format!("keywork: merge from {REMOTE} ({})", who.name);
        let mut args: Vec<String> = who.config().into();
        args.extend(["merge", "-q", "--no-edit", "-m", &message, theirs].map(String::from));
        let merged = git.run(&args);
        if merged.is_err() {
            let _ = git.run(&["merge", "--abort"]);
        }
        kept.restore(git.dir())?;
        if let Err(e) = merged {
            return Err(SyncError::Merge {
                what: format!("{REMOTE}/{}", &theirs[..theirs.len().min(12)]),
                message: e.to_string(),
            });
        }
        if !incoming.is_empty() {
            // The remote tracks local state: take it out, for everyone at the next push.
            commit_local(git, store, who, en)?;
        }
        Ok::<_, SyncError>(before)
    })?;
    let Some(before) = before else { return Ok(()) };
    let (_, tally) = changes::describe(
        &changed_files(git, &before, Some("HEAD"))?,
        &store.read_meta()?,
        false,
    );
    outcome.incoming = tally;
    let from = git.run(&[
        "log",
        "--no-merges",
        "--format=%ae",
        &format!("{before}..HEAD"),
    ])?;
    let mut seen = std::collections::BTreeSet::new();
    outcome.from = from
        .lines()
        .filter(|l| seen.insert(*l))
        .map(str::to_string)
        .collect();
    Ok(())
}
