//! `keywork doctor`: check a board directory and explain what is wrong and how to fix it —
//! files that do not parse (with `path:line:column`), a newer schema, misnamed task files,
//! temp files left by an interrupted write, a directory the user cannot write, reviews and
//! drafts. Reads only; `repair` removes what is safe to remove (temp files, the cache).

use super::cache::CACHE_FILE;
use super::{BoardState, DRAFTS_DIR, LOCK_FILE, MAX_TASK, REVIEWS_DIR, Store, StoreError};
use crate::strings::Lang;
use crate::strings::doctor as say;
use crate::strings::errors::Voiced;
use crate::strings::perf;
use crate::tomlfile;
use std::fs;
use std::os::unix::fs::PermissionsExt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// keywork cannot work properly until it is fixed.
    Problem,
    /// Works, but worth a look.
    Warning,
    /// For information.
    Info,
}

/// One thing the check found, and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub what: String,
    pub fix: String,
}

fn finding(severity: Severity, what: impl Into<String>, fix: impl Into<String>) -> Finding {
    Finding {
        severity,
        what: what.into(),
        fix: fix.into(),
    }
}

impl Store {
    /// Check the board; findings in order of seriousness.
    pub fn check(&self, lang: Lang) -> Vec<Finding> {
        let mut out = Vec::new();
        let dir = self.dir();
        if !dir.is_dir() {
            out.push(finding(
                Severity::Problem,
                say::no_dir(lang, dir.display()),
                say::fix_no_dir(lang),
            ));
            return out;
        }
        if self.import_pending() {
            out.push(finding(
                Severity::Warning,
                say::import_pending(lang, self.pending_dir().display()),
                say::fix_import_pending(lang),
            ));
        }
        match self.read_meta() {
            Ok(_) => {}
            Err(StoreError::NoBoard { .. }) => match self.state_now() {
                BoardState::Orphaned(what) => out.push(finding(
                    Severity::Problem,
                    say::orphaned(lang, dir.display(), &what),
                    say::fix_orphaned(lang),
                )),
                _ => out.push(finding(
                    Severity::Problem,
                    say::no_board(lang, dir.display()),
                    say::fix_no_board(lang),
                )),
            },
            Err(e) => out.push(finding(
                Severity::Problem,
                e.say(lang),
                say::fix_unreadable_meta(lang),
            )),
        }
        self.check_tasks(lang, &mut out);
        self.check_temps(lang, &mut out);
        self.check_writable(lang, &mut out);
        self.check_lock(lang, &mut out);
        self.check_group(lang, &mut out);
        self.check_extras(lang, &mut out);
        out.sort_by_key(|f| f.severity);
        out
    }

    fn check_tasks(&self, lang: Lang, out: &mut Vec<Finding>) {
        let tasks = self.tasks_dir();
        let Ok(entries) = fs::read_dir(&tasks) else {
            out.push(finding(
                Severity::Problem,
                say::no_tasks_dir(lang, tasks.display()),
                say::fix_no_tasks_dir(lang),
            ));
            return;
        };
        let mut numbers = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if tomlfile::is_temp_name(&name) {
                // Reported with the others by `check_temps`.
            } else if e.path().is_dir() && name.parse::<u32>().is_ok_and(|n| n.to_string() == name)
            {
                // A task's sealed chunks: read (and checked) with its task file.
                if !tasks.join(format!("{name}.toml")).is_file() {
                    out.push(finding(
                        Severity::Problem,
                        perf::chunks_without_task(lang, e.path().display()),
                        perf::chunks_without_task_fix(lang),
                    ));
                }
            } else if let Some(n) = name
                .strip_suffix(".toml")
                .and_then(|s| s.parse::<u32>().ok())
                .filter(|n| format!("{n}.toml") == name)
            {
                if !super::validate::in_range(n) {
                    out.push(finding(
                        Severity::Problem,
                        say::out_of_range(lang, e.path().display(), MAX_TASK),
                        say::fix_out_of_range(lang),
                    ));
                    continue;
                }
                numbers.push(n);
                if let Err(err) = self.read_task(n) {
                    out.push(finding(
                        Severity::Problem,
                        err.say(lang),
                        say::fix_unreadable_task(lang),
                    ));
                }
            } else {
                out.push(finding(
                    Severity::Info,
                    say::not_a_task_file(lang, e.path().display()),
                    say::fix_not_a_task_file(lang),
                ));
            }
        }
        numbers.sort_unstable();
        if let Some(last) = numbers.last() {
            let missing = missing_ranges(lang, &numbers);
            if !missing.is_empty() {
                // The importer never leaves gaps: a gap is a file that went missing.
                out.push(finding(
                    Severity::Problem,
                    say::missing(lang, &missing, *last),
                    say::fix_missing(lang),
                ));
            }
        }
    }

    /// Whether this user can write the board (a probe file, removed at once) and how a team
    /// would share it.
    fn check_writable(&self, lang: Lang, out: &mut Vec<Finding>) {
        for dir in [self.dir().to_path_buf(), self.tasks_dir()] {
            if !dir.is_dir() {
                continue;
            }
            let probe = dir.join(format!(".doctor.tmp-{}", std::process::id()));
            match fs::write(&probe, b"") {
                Ok(()) => {
                    let _ = fs::remove_file(&probe);
                }
                Err(e) => out.push(finding(
                    Severity::Problem,
                    say::cannot_write(lang, dir.display(), &e.say(lang)),
                    say::fix_cannot_write(lang),
                )),
            }
        }
        if let Ok(m) = fs::metadata(self.dir()) {
            let mode = m.permissions().mode();
            if mode & 0o020 == 0 {
                out.push(finding(
                    Severity::Info,
                    say::group_cannot_write(
                        lang,
                        self.dir().display(),
                        &format!("{:o}", mode & 0o7777),
                    ),
                    say::fix_group_cannot_write(lang),
                ));
            }
        }
    }

    fn check_extras(&self, lang: Lang, out: &mut Vec<Finding>) {
        let reviews = self.dir().join(REVIEWS_DIR);
        if let Ok(entries) = fs::read_dir(&reviews) {
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_some_and(|x| x == "toml")
                    && let Err(err) = tomlfile::read(&path).and_then(|b| {
                        tomlfile::parse::<crate::model::review::Review>(&path, &b).map(|_| ())
                    })
                {
                    out.push(finding(
                        Severity::Problem,
                        err.say(lang),
                        say::fix_review_file(lang),
                    ));
                }
            }
        }
        self.check_follow(out);
        let drafts = self.dir().join(DRAFTS_DIR);
        if let Ok(entries) = fs::read_dir(&drafts) {
            for e in entries.flatten() {
                out.push(finding(
                    Severity::Info,
                    say::draft(lang, e.path().display()),
                    say::fix_draft(lang),
                ));
            }
        }
        let cache = self.dir().join(CACHE_FILE);
        if cache.exists()
            && fs::read(&cache)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_none()
        {
            out.push(finding(
                Severity::Warning,
                say::cache_damaged(lang, cache.display()),
                say::fix_cache(lang),
            ));
        }
    }

    /// Repair what is safe to repair: finish an interrupted import, remove temp files of
    /// interrupted writes and the cache, rebuild a missing `board.toml` from the task files
    /// and the newest backup. Under the exclusive lock, so no writer is mid-write. Returns
    /// what was done.
    pub fn repair(&self, lang: Lang) -> Result<Vec<String>, StoreError> {
        if !self.dir().is_dir() {
            return Ok(Vec::new());
        }
        self.exclusive(|| {
            let mut done = Vec::new();
            if self.import_pending() {
                self.finish_import()?;
                done.push(say::import_finished(lang, self.dir().display()));
            }
            for p in self.remove_stale_temp_files() {
                done.push(say::removed(lang, p.display()));
            }
            let cache = self.dir().join(CACHE_FILE);
            if fs::remove_file(&cache).is_ok() {
                done.push(say::removed(lang, cache.display()));
            }
            done.extend(self.rebuild_meta(lang)?);
            Ok(done)
        })
    }
}

/// Absent numbers below the last as ranges: `tasks/3.toml, tasks/5–9.toml (6 files)`.
fn missing_ranges(lang: Lang, numbers: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut count = 0u64;
    let mut prev = 0u32;
    for &n in numbers {
        if n > prev + 1 {
            let (a, b) = (prev + 1, n - 1);
            count += u64::from(b - a + 1);
            parts.push(if a == b {
                format!("tasks/{a}.toml")
            } else {
                format!("tasks/{a}–{b}.toml")
            });
        }
        prev = n;
    }
    if parts.len() > 10 {
        let more = parts.len() - 10;
        parts.truncate(10);
        parts.push(say::more_gaps(lang, more));
    }
    match count {
        0 => String::new(),
        1 => parts.join(", "),
        _ => say::missing_files(lang, &parts.join(", "), count),
    }
}

impl Store {
    fn check_temps(&self, lang: Lang, out: &mut Vec<Finding>) {
        for (path, _) in self.temp_entries() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let what = if name.starts_with(".keywork-import.tmp-") {
                say::temp_import(lang)
            } else {
                say::temp_write(lang)
            };
            out.push(finding(
                Severity::Warning,
                say::temp(lang, path.display(), what),
                say::fix_temp(lang),
            ));
        }
    }

    /// The lock file: a regular file, not open to everyone (anyone who can open it can hold
    /// it and block every change), writable by this account.
    fn check_lock(&self, lang: Lang, out: &mut Vec<Finding>) {
        let lock = self.dir().join(LOCK_FILE);
        let Ok(meta) = fs::symlink_metadata(&lock) else {
            return;
        };
        if !meta.file_type().is_file() {
            out.push(finding(
                Severity::Problem,
                say::lock_not_file(lang, lock.display()),
                say::fix_lock_not_file(lang),
            ));
            return;
        }
        if meta.permissions().mode() & 0o007 != 0 {
            out.push(finding(
                Severity::Problem,
                say::lock_open(
                    lang,
                    lock.display(),
                    &format!("{:o}", meta.permissions().mode() & 0o7777),
                ),
                say::fix_lock_open(lang),
            ));
        }
        if fs::OpenOptions::new().write(true).open(&lock).is_err() {
            out.push(finding(
                Severity::Problem,
                say::lock_unwritable(lang, lock.display()),
                say::fix_lock_unwritable(lang),
            ));
        }
    }

    /// On a team board (a group-writable directory), every file keywork keeps must be
    /// group-writable too (`.git` is checked by `sync`'s own checks).
    fn check_group(&self, lang: Lang, out: &mut Vec<Finding>) {
        if !super::perms::is_team(self.dir()) {
            return;
        }
        let mut bad = Vec::new();
        let mut stack = vec![self.dir().to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                if e.file_name() == ".git" {
                    continue;
                }
                let Ok(m) = e.path().symlink_metadata() else {
                    continue;
                };
                let want = if m.is_dir() { 0o070 } else { 0o060 };
                if m.is_dir() {
                    stack.push(e.path());
                }
                if !m.file_type().is_symlink() && m.permissions().mode() & want != want {
                    bad.push(e.path());
                }
            }
        }
        if bad.is_empty() {
            return;
        }
        bad.sort();
        let n = bad.len();
        let shown: Vec<String> = bad
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        out.push(finding(
            Severity::Problem,
            say::team_not_writable(
                lang,
                n,
                &format!("{}{}", shown.join(", "), if n > 5 { ", …" } else { "" }),
            ),
            say::fix_team(lang, self.dir().display()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_statuses;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let at = chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        store
            .create(&crate::seed::board(default_statuses(), at), false)
            .unwrap();
        (dir, store)
    }

    #[test]
    fn a_healthy_board_has_no_problem() {
        let (_d, store) = store();
        assert!(
            store
                .check(Lang::En)
                .iter()
                .all(|f| f.severity != Severity::Problem)
        );
    }

    #[test]
    fn every_kind_of_damage_is_named_with_a_fix() {
        let (d, store) = store();
        fs::write(store.task_path(7), "status = todo\n").unwrap();
        fs::remove_file(store.task_path(9)).unwrap();
        fs::write(d.path().join("tasks/.15.toml.tmp-1-2"), "x").unwrap();
        fs::write(d.path().join(CACHE_FILE), "{").unwrap();
        let found = store.check(Lang::En);
        let text: Vec<String> = found
            .iter()
            .map(|f| format!("{:?} {} | {}", f.severity, f.what, f.fix))
            .collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(has("7.toml:1:10"), "{text:#?}");
        assert!(has("Problem tasks/9.toml missing"), "{text:#?}");
        assert!(has("interrupted write"), "{text:#?}");
        assert!(has("damaged"), "{text:#?}");
        assert_eq!(found[0].severity, Severity::Problem);
        let removed = store.repair(Lang::En).unwrap();
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(
            !store
                .check(Lang::En)
                .iter()
                .any(|f| f.what.contains("interrupted"))
        );
    }

    #[test]
    fn a_read_only_board_is_a_problem_with_the_team_fix() {
        let (d, store) = store();
        fs::set_permissions(d.path(), fs::Permissions::from_mode(0o555)).unwrap();
        // Whether this user really can write there (root can, whatever the mode says): the
        // check must report exactly that, and leave no probe file behind either way.
        let probe = d.path().join("test-probe");
        let writable = fs::write(&probe, b"").is_ok();
        let _ = fs::remove_file(&probe);
        let found = store.check(Lang::En);
        let leftovers: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".doctor.tmp-"))
            .collect();
        fs::set_permissions(d.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let reported = found
            .iter()
            .any(|f| f.severity == Severity::Problem && f.what.contains("cannot write"));
        assert_eq!(reported, !writable, "{found:#?}");
        assert!(leftovers.is_empty(), "the probe file is removed");
        assert!(
            found
                .iter()
                .any(|f| f.what.contains("the group cannot write")),
            "mode 555 is reported as not group-writable: {found:#?}"
        );
    }
}
