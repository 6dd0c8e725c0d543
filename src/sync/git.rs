//! Running the system `git` on a board directory.
//!
//! Owns: the command line of every git call (the board's own `.git` named explicitly, never one
//! found in a parent directory; in the C locale so that its messages can be read; never
//! prompting when asked not to; no pager, no signing, no hooks, no program a repository's config
//! names) and turning a failed call into an error that quotes what git said.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What went wrong sharing a board through git.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("git is not installed (or not on PATH); `keywork sync` needs it: apt-get install git")]
    NoGit,
    #[error("`git {args}` failed: {message}")]
    Git { args: String, message: String },
    #[error(
        "{}: this board is not shared through git; `keywork sync --setup REMOTE` shares it, \
         `keywork --board DIR sync --clone REMOTE` fetches one another office shares",
        dir.display()
    )]
    NotShared { dir: PathBuf },
    #[error(
        "{remote} already holds a board (another office set it up); fetch it with \
         `keywork --board DIR sync --clone {remote}` into a new directory"
    )]
    RemoteHasBoard { remote: String },
    #[error("{remote} holds no keywork board (no board.toml); nothing was cloned")]
    NoBoardInRemote { remote: String },
    #[error(
        "{}: not empty; --clone needs a new or empty directory for the board",
        dir.display()
    )]
    NotEmpty { dir: PathBuf },
    #[error("{}: {why}; keywork does not sync this board until it is fixed: {fix}", path.display())]
    Untrusted {
        path: PathBuf,
        why: String,
        fix: String,
    },
    #[error(
        "{}: cannot take the sync lock ({message}); its owner makes it group-writable \
         (`chmod g+rw`), or anyone removes it (it is recreated)",
        path.display()
    )]
    SyncLock { path: PathBuf, message: String },
    #[error(
        "the remote's version deletes {what} ({by}); keywork refuses to merge it: the board \
         here is unchanged and nothing was pushed. The office that pushed it restores the \
         files (e.g. `git revert` of that commit) and syncs again"
    )]
    RemoteDeletes { what: String, by: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    File(#[from] crate::tomlfile::FileError),
    #[error(
        "merging {} did not go through: {message}; the merge was undone, the board is as \
         before (your changes are committed and go with the next sync)",
        what
    )]
    Merge { what: String, message: String },
}

/// Settings from a repository's own config that would start a program and that keywork never
/// needs, overridden on every call (a command-line `-c` beats every config file). The user's
/// own `~/.gitconfig` settings that keywork does not override (SSH, credentials, proxies) keep
/// working; the same keys set in a repository's config are refused by `trust::check_repo`.
pub const OVERRIDES: &[&str] = &[
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "protocol.ext.allow=never",
    "core.pager=cat",
    "core.editor=:",
    "sequence.editor=:",
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "push.gpgSign=false",
    "merge.verifySignatures=false",
    "log.showSignature=false",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "push.recurseSubmodules=no",
    "core.quotepath=false",
    // A remote's symbolic link (tasks -> ~/.ssh) is checked out as a plain file: keywork
    // never writes through a link a remote made.
    "core.symlinks=false",
    // Housekeeping in the foreground, under the sync lock (a detached gc would hold git's
    // lock files after keywork exits, and the next sync would take them for stale).
    "gc.autoDetach=false",
    "maintenance.autoDetach=false",
];

/// The git of one board directory.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// Run in the board's own repository (`--git-dir DIR/.git --work-tree DIR`); otherwise
    /// outside any repository (in `/`), for `init`, `clone` and `ls-remote` before there is one.
    repo: bool,
    /// Never ask for a password or a host key (the TUI has the terminal).
    batch: bool,
    /// A team board: whatever git creates is group-writable whatever the umask.
    team: bool,
    /// The exact paths trusted whoever owns them: the board and its remote on a local path.
    trusted: Vec<String>,
}

impl Git {
    /// The repository of the board in `dir` (which must have a `.git` of its own: git never
    /// looks for one in a parent directory).
    pub fn new(dir: &Path) -> Git {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut trusted = Vec::new();
        for p in [dir.clone(), dir.join(".git")] {
            push_paths(&mut trusted, &p);
        }
        Git {
            team: is_team_dir(&dir),
            dir,
            repo: true,
            batch: false,
            trusted,
        }
    }

    /// git outside any repository (`init`, `clone`, `ls-remote` of a board not shared yet).
    pub fn outside() -> Git {
        Git {
            dir: PathBuf::from("/"),
            repo: false,
            batch: false,
            team: false,
            trusted: Vec::new(),
        }
    }

    /// Trust the repository at `path` too (the board's remote on a local path).
    pub fn trusting(mut self, path: &Path) -> Git {
        push_paths(&mut self.trusted, path);
        self
    }

    /// Create files group-writable (a team board, or the directory a clone goes into).
    pub fn team(mut self, team: bool) -> Git {
        self.team = team;
        self
    }

    /// Never prompt: a remote that needs a password fails instead of waiting for one.
    pub fn batch(mut self) -> Git {
        self.batch = true;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The `.git` directory of the board.
    pub fn git_dir(&self) -> PathBuf {
        self.dir.join(".git")
    }

    fn command<S: AsRef<str>>(&self, args: &[S]) -> Command {
        let mut c = Command::new("git");
        c.arg("--no-pager").arg("-C").arg(&self.dir);
        if self.repo {
            c.arg("--git-dir")
                .arg(self.git_dir())
                .arg("--work-tree")
                .arg(&self.dir);
        }
        for setting in OVERRIDES {
            c.args(["-c", setting]);
        }
        // The merge driver is this binary, whatever the repository's config names.
        c.args(["-c", "merge.keywork.name=keywork board merge"])
            .arg("-c")
            .arg(format!("merge.keywork.driver={}", merge_driver()));
        // Git's ownership check, relaxed for exactly the board and its remote: a team board
        // belongs to whoever set it up, and every member may sync it.
        for path in &self.trusted {
            c.arg("-c").arg(format!("safe.directory={path}"));
        }
        let ceiling = if self.repo {
            self.dir.parent().unwrap_or(&self.dir).to_path_buf()
        } else {
            PathBuf::from("/")
        };
        c.args(args.iter().map(|a| a.as_ref()))
            .current_dir(&self.dir)
            .env("LC_ALL", "C")
            .env("GIT_PAGER", "cat")
            .env("GIT_EDITOR", ":")
            .env("GIT_CEILING_DIRECTORIES", ceiling)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_COMMON_DIR")
            .stdin(Stdio::null());
        if self.batch {
            c.env("GIT_TERMINAL_PROMPT", "0").env(
                "GIT_SSH_COMMAND",
                std::env::var("GIT_SSH_COMMAND").unwrap_or_else(|_| "ssh -o BatchMode=yes".into()),
            );
        }
        child_setup(&mut c, self.team);
        c
    }

    /// Run git; its standard output, or an error quoting its standard error.
    pub fn run<S: AsRef<str>>(&self, args: &[S]) -> Result<String, SyncError> {
        // For messages: without the long command line of the git serving a local remote.
        let joined = || {
            args.iter()
                .map(|a| a.as_ref())
                .filter(|a| !a.starts_with("--upload-pack=") && !a.starts_with("--receive-pack="))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let out = self.command(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SyncError::NoGit,
            _ => SyncError::Git {
                args: joined(),
                message: e.to_string(),
            },
        })?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let said = String::from_utf8_lossy(&out.stderr);
        let said = String::from_utf8_lossy(&out.stdout).into_owned() + &said;
        let message = said
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
            .collect::<Vec<_>>()
            .join(" / ");
        Err(SyncError::Git {
            args: joined(),
            message: if message.is_empty() {
                format!("exit status {}", out.status)
            } else {
                message
            },
        })
    }

    /// Whether a git call succeeds (for questions: is this a repository, is X an ancestor).
    pub fn check<S: AsRef<str>>(&self, args: &[S]) -> bool {
        self.command(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Files as they are in commits, each named `rev:path`, read by one `git cat-file`
    /// process (`None` for a file that is not there).
    pub fn show_all(&self, specs: &[String]) -> Result<Vec<Option<Vec<u8>>>, SyncError> {
        use std::io::{BufRead, Read, Write};
        let failed = |e: std::io::Error| SyncError::Git {
            args: "cat-file --batch".into(),
            message: e.to_string(),
        };
        let mut child = self
            .command(&["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(failed)?;
        let mut stdin = child.stdin.take().expect("piped");
        let input: String = specs.iter().map(|s| format!("{s}\n")).collect();
        // Written from a thread: git answers while we write, and both pipes are finite.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut out = std::io::BufReader::new(child.stdout.take().expect("piped"));
        let mut files = Vec::with_capacity(specs.len());
        for _ in specs {
            let mut header = String::new();
            out.read_line(&mut header).map_err(failed)?;
            let size = match header.split_whitespace().collect::<Vec<_>>()[..] {
                [_, "blob", size] => size.parse::<usize>().ok(),
                _ => None,
            };
            match size {
                Some(size) => {
                    let mut bytes = vec![0; size + 1]; // the content and its newline
                    out.read_exact(&mut bytes).map_err(failed)?;
                    bytes.truncate(size);
                    files.push(Some(bytes));
                }
                None => files.push(None), // `<spec> missing`
            }
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(files)
    }

    /// The commit `rev` names, if any.
    pub fn rev(&self, rev: &str) -> Option<String> {
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    }

    /// Whether the board directory has a repository of its own (a `.git` directory, not a
    /// link or a `gitdir:` file pointing elsewhere).
    pub fn is_repo(&self) -> bool {
        std::fs::symlink_metadata(self.git_dir()).is_ok_and(|m| m.is_dir())
    }
}

/// `path` as given and with links resolved (git compares `safe.directory` with either).
fn push_paths(out: &mut Vec<String>, path: &Path) {
    let mut add = |p: &Path| {
        if let Some(s) = p.to_str()
            && !out.iter().any(|o| o == s)
        {
            out.push(s.to_string());
        }
    };
    add(path);
    if let Ok(real) = std::fs::canonicalize(path) {
        add(&real);
    }
}

/// The command git runs to merge board files: this binary, quoted for the shell.
pub fn merge_driver() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "keywork".into());
    format!("{} merge-driver %O %A %B %P", shell_quote(&exe))
}

/// `s` as one shell word.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Whether a directory is shared by a group (group-writable): what keywork creates in it is
/// made group-writable too.
pub fn is_team_dir(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o020 != 0)
}

/// In the git child before it runs: a team board's files are group-writable whatever the
/// user's umask; and git dies with keywork (a killed sync leaves no git running on under a
/// lock the next sync takes for stale).
fn child_setup(c: &mut Command, team: bool) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls (umask, prctl) between fork and exec.
    unsafe {
        c.pre_exec(move || {
            if team {
                let old = libc::umask(0);
                libc::umask(old & !0o070);
            }
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}
