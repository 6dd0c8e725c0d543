//! What keywork trusts in a repository before it runs git on it.
//!
//! Owns: the StrictModes-like check of a repository (the board's `.git`, a remote on a local
//! path) — its `config` and `hooks` writable by nobody but their owner, and no setting in its
//! config that names a program git would start and keywork cannot override — and the command
//! line of the git that serves a remote on a local path (trusting exactly that path, running
//! its hooks only when it belongs to this account). Must not change any repository except to
//! take group and other write permission off the `config` and `hooks` this account owns
//! (`lock_down`).

use super::git::{OVERRIDES, SyncError, shell_quote};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The account keywork runs as.
pub fn me() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The git directory of a repository at `path`: `path/.git` for a work tree, else `path`.
pub fn git_dir_of(path: &Path) -> PathBuf {
    let dot = path.join(".git");
    if std::fs::symlink_metadata(&dot).is_ok_and(|m| m.is_dir()) {
        dot
    } else {
        path.to_path_buf()
    }
}

fn untrusted(path: &Path, why: impl Into<String>, fix: impl Into<String>) -> SyncError {
    SyncError::Untrusted {
        path: path.to_path_buf(),
        why: why.into(),
        fix: fix.into(),
    }
}

/// Refuse a repository that another account could make run a program as this one.
pub fn check_repo(git_dir: &Path) -> Result<(), SyncError> {
    match std::fs::symlink_metadata(git_dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(untrusted(
                git_dir,
                "not a directory (a link or a `gitdir:` file pointing elsewhere)",
                "keywork syncs only a repository of the board's own; move it back in place",
            ));
        }
        Err(_) => return Ok(()), // nothing there yet
    }
    for (name, what) in [
        ("config", "file"),
        ("config.worktree", "file"),
        ("hooks", "directory"),
    ] {
        let path = git_dir.join(name);
        let Ok(m) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if m.file_type().is_symlink() {
            return Err(untrusted(
                &path,
                format!("a link; keywork trusts a repository's {name} only where it is"),
                format!("replace the link by the {what} itself"),
            ));
        }
        let mode = m.permissions().mode();
        if mode & 0o022 != 0 {
            return Err(untrusted(
                &path,
                format!(
                    "mode {:o}: writable by others than its owner, who could make git run a \
                     program as you",
                    mode & 0o7777
                ),
                format!(
                    "its owner (uid {}) runs `chmod go-w {}`; a team board needs it writable by \
                     its owner only (see README, Sharing a board)",
                    m.uid(),
                    path.display()
                ),
            ));
        }
    }
    check_config(git_dir)
}

/// Settings in a repository's config that make git start a program keywork cannot override
/// (their names hold the user's choice: a driver, a helper, a URL): refused.
fn check_config(git_dir: &Path) -> Result<(), SyncError> {
    let config = git_dir.join("config");
    if !config.exists() {
        return Ok(());
    }
    let mut c = Command::new("git");
    c.arg("--no-pager")
        .arg("--git-dir")
        .arg(git_dir)
        .arg("-c")
        .arg(format!("safe.directory={}", git_dir.display()))
        .args(["config", "--includes", "--null", "--list"])
        .current_dir("/")
        .env("LC_ALL", "C")
        .env("GIT_CEILING_DIRECTORIES", "/")
        // Only the repository's own files (`config`, `config.worktree`, what they include).
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_CONFIG_PARAMETERS")
        .env_remove("GIT_CONFIG_COUNT")
        .env_remove("GIT_DIR")
        .stdin(Stdio::null());
    let out = c.output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SyncError::NoGit,
        _ => untrusted(&config, e.to_string(), "check the file"),
    })?;
    if !out.status.success() {
        return Err(untrusted(
            &config,
            format!(
                "git cannot read it: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            "repair the file (or the file it includes)",
        ));
    }
    for entry in out.stdout.split(|b| *b == 0) {
        let entry = String::from_utf8_lossy(entry);
        let (key, value) = entry.split_once('\n').unwrap_or((&entry, ""));
        if starts_program(key) {
            let key = crate::text::one_line(key);
            return Err(untrusted(
                &config,
                format!(
                    "sets `{key} = {}`, a program git would run as you; keywork runs no program \
                     a repository's config names",
                    crate::text::one_line(value)
                ),
                format!(
                    "remove it (`git config --file {} --unset-all {key}`); a setting of your own \
                     belongs in your ~/.gitconfig, which keywork leaves alone",
                    config.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Whether a config key (as `git config --list` prints it: section and name in lower case)
/// names a program, a helper or a rewrite of the remote's URL that keywork does not override.
pub fn starts_program(key: &str) -> bool {
    // Section and name are case-insensitive; a subsection (a driver's name) is not.
    let (section, rest) = key.split_once('.').unwrap_or((key, ""));
    let (sub, name) = match rest.rsplit_once('.') {
        Some((sub, name)) => (Some(sub), name),
        None => (None, rest),
    };
    let (section, name) = (section.to_ascii_lowercase(), name.to_ascii_lowercase());
    match (section.as_str(), sub, name.as_str()) {
        (
            "core",
            None,
            "sshcommand" | "askpass" | "gitproxy" | "worktree" | "alternaterefscommand",
        ) => true,
        ("diff", None, "external") => true,
        ("diff", Some(_), "textconv" | "command") => true,
        ("filter", Some(_), "clean" | "smudge" | "process") => true,
        ("merge", Some(driver), "driver") => driver != "keywork",
        ("credential", _, "helper") => true,
        ("gpg", _, "program") => true,
        ("url", Some(_), "insteadof" | "pushinsteadof") => true,
        ("remote", Some(_), "uploadpack" | "receivepack" | "vcs") => true,
        ("uploadpack", None, "packobjectshook") => true,
        _ => false,
    }
}

/// Whether this account owns a repository and everything in it that decides what runs
/// (the directory, its config and hooks).
pub fn owned_by_me(git_dir: &Path) -> bool {
    let me = me();
    ["", "config", "hooks"].iter().all(|name| {
        let path = if name.is_empty() {
            git_dir.to_path_buf()
        } else {
            git_dir.join(name)
        };
        match std::fs::symlink_metadata(&path) {
            Ok(m) => m.uid() == me,
            Err(e) => e.kind() == std::io::ErrorKind::NotFound && !name.is_empty(),
        }
    })
}

/// The git command (`upload-pack` or `receive-pack`) that serves a remote on a local path, as
/// `--upload-pack`/`--receive-pack` take it (a second git process that `-c` does not reach):
/// it trusts exactly that repository, runs nothing its config names, and runs its hooks only if
/// the repository belongs to this account.
pub fn serving_program(remote: &Path, program: &str) -> String {
    let git_dir = git_dir_of(remote);
    let mut words = vec!["git".to_string()];
    let mut paths = vec![remote.to_path_buf(), git_dir.clone()];
    if let Ok(real) = std::fs::canonicalize(remote) {
        paths.push(real);
    }
    paths.dedup();
    for p in paths {
        words.push("-c".into());
        words.push(shell_quote(&format!("safe.directory={}", p.display())));
    }
    let own = owned_by_me(&git_dir);
    for setting in OVERRIDES {
        if own && setting.starts_with("core.hooksPath=") {
            continue; // the owner's own server-side hooks (a pre-receive that guards the board)
        }
        words.push("-c".into());
        words.push(shell_quote(setting));
    }
    words.push(program.into());
    words.join(" ")
}

/// Take group and other write permission off a repository's `config` and `hooks` (and the
/// hooks in it) that this account owns: git creates them group-writable in a shared
/// repository, and then any member could make every other member's git run a program.
pub fn lock_down(git_dir: &Path) {
    let me = me();
    let mut paths = vec![
        git_dir.join("config"),
        git_dir.join("config.worktree"),
        git_dir.join("hooks"),
    ];
    if let Ok(entries) = std::fs::read_dir(git_dir.join("hooks")) {
        paths.extend(entries.flatten().map(|e| e.path()));
    }
    for path in paths {
        let Ok(m) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let mode = m.permissions().mode();
        if m.file_type().is_symlink() || m.uid() != me || mode & 0o022 == 0 {
            continue;
        }
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode & !0o022));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_start_programs_are_recognised_whatever_their_case() {
        for key in [
            "core.sshCommand",
            "core.askpass",
            "core.worktree",
            "diff.external",
            "diff.evil.textconv",
            "filter.lfs.process",
            "filter.x.y.smudge",
            "merge.other.driver",
            "merge.Keywork.driver",
            "credential.helper",
            "credential.https://example.org.helper",
            "gpg.program",
            "gpg.ssh.program",
            "url.ext::sh -c touch% /tmp/x.insteadOf",
            "url.git@evil:.pushInsteadOf",
            "remote.origin.uploadpack",
            "remote.origin.receivepack",
            "uploadpack.packObjectsHook",
        ] {
            assert!(starts_program(key), "{key}");
        }
        for key in [
            "core.bare",
            "core.sharedrepository",
            "remote.origin.url",
            "remote.origin.fetch",
            "branch.main.merge",
            "merge.keywork.driver",
            "merge.keywork.name",
            "user.name",
            "core.fsmonitor", // overridden on every call
            "core.hookspath", // overridden on every call
        ] {
            assert!(!starts_program(key), "{key}");
        }
    }

    #[test]
    fn a_group_writable_config_or_hooks_is_refused_naming_the_fix() {
        let tmp = tempfile::tempdir().unwrap();
        let ok = Command::new("git")
            .args(["init", "-q"])
            .arg(tmp.path())
            .status()
            .unwrap();
        assert!(ok.success());
        let gd = tmp.path().join(".git");
        let set = |p: &Path, mode| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
        };
        set(&gd.join("config"), 0o644);
        set(&gd.join("hooks"), 0o755);
        check_repo(&gd).unwrap();
        set(&gd.join("config"), 0o664);
        let e = check_repo(&gd).unwrap_err().to_string();
        assert!(e.contains("config") && e.contains("chmod go-w"), "{e}");
        lock_down(&gd);
        check_repo(&gd).unwrap();
        set(&gd.join("hooks"), 0o777);
        let e = check_repo(&gd).unwrap_err().to_string();
        assert!(e.contains("hooks") && e.contains("777"), "{e}");
        set(&gd.join("hooks"), 0o755);
        // A setting that starts a program, even in a file owned and written by its owner only.
        let config = gd.join("config");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str("[filter \"x\"]\n\tsmudge = touch /tmp/keywork-never\n");
        std::fs::write(&config, text).unwrap();
        let e = check_repo(&gd).unwrap_err().to_string();
        assert!(
            e.contains("filter.x.smudge") && e.contains("--unset-all"),
            "{e}"
        );
        // The same hidden in the per-worktree config git reads once the extension is on.
        std::fs::write(
            &config,
            "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n",
        )
        .unwrap();
        check_repo(&gd).unwrap();
        std::fs::write(
            gd.join("config.worktree"),
            "[diff \"d\"]\n\ttextconv = touch /x\n",
        )
        .unwrap();
        set(&gd.join("config.worktree"), 0o644);
        let e = check_repo(&gd).unwrap_err().to_string();
        assert!(e.contains("diff.d.textconv"), "{e}");
    }
}
