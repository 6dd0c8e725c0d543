//! Running the system `git` on a board directory.
//!
//! Owns: the command line of every git call (in the board directory, in the C locale so that
//! its messages can be read, never prompting when asked not to, no pager, no signing) and
//! turning a failed call into an error that quotes what git said.

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

/// The git of one board directory.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// Never ask for a password or a host key (the TUI has the terminal).
    batch: bool,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            batch: false,
        }
    }

    /// Never prompt: a remote that needs a password fails instead of waiting for one.
    pub fn batch(mut self) -> Git {
        self.batch = true;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        // A team board (and a bare repository on a shared path) belongs to whoever created
        // it: every member of the group that may write it may sync it. Git's ownership check
        // would refuse everyone else, so keywork's own git calls trust the board and its remote.
        c.arg("-C")
            .arg(&self.dir)
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.quotepath=false",
                "-c",
                "safe.directory=*",
            ])
            .args(args)
            .env("LC_ALL", "C")
            .env("GIT_PAGER", "cat")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .stdin(Stdio::null());
        if self.batch {
            c.env("GIT_TERMINAL_PROMPT", "0").env(
                "GIT_SSH_COMMAND",
                std::env::var("GIT_SSH_COMMAND").unwrap_or_else(|_| "ssh -o BatchMode=yes".into()),
            );
        }
        c
    }

    /// Run git; its standard output, or an error quoting its standard error.
    pub fn run(&self, args: &[&str]) -> Result<String, SyncError> {
        let out = self.command(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SyncError::NoGit,
            _ => SyncError::Git {
                args: args.join(" "),
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
            args: args.join(" "),
            message: if message.is_empty() {
                format!("exit status {}", out.status)
            } else {
                message
            },
        })
    }

    /// Whether a git call succeeds (for questions: is this a repository, is X an ancestor).
    pub fn check(&self, args: &[&str]) -> bool {
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

    /// Whether the board directory is the top of a git work tree.
    pub fn is_repo(&self) -> bool {
        self.dir.join(".git").exists()
    }
}
