//! Noticing other people's changes to the board directory.
//!
//! Owns: when the event loop should look at the task files again. The file system tells us
//! (inotify through the `notify` crate) as soon as a file in the board changes; on file
//! systems that do not report others' writes (NFS, SMB, or no inotify watches left) a plain
//! look once a second still catches them. Looking is cheap (one `stat` per task file) and
//! finds nothing when the event was our own write, so the watcher need not tell them apart.

use notify::{RecursiveMode, Watcher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest an idle screen goes without looking, watcher or not.
pub const LOOK_EVERY: Duration = Duration::from_secs(1);
/// How long the event loop waits for a key before checking the watcher's flag.
const TICK: Duration = Duration::from_millis(50);

/// Whether and when to look for changes.
pub struct Watch {
    /// Kept alive for as long as we want events; `None` when the OS would not watch.
    watcher: Option<notify::RecommendedWatcher>,
    dirty: Arc<AtomicBool>,
    looked: Instant,
}

impl Watch {
    /// Watch `dir` and everything under it; fall back to looking once a second.
    pub fn start(dir: &Path) -> Watch {
        let dirty = Arc::new(AtomicBool::new(false));
        let flag = dirty.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| !e.kind.is_access()) {
                flag.store(true, Ordering::Release);
            }
        })
        .and_then(|mut w| w.watch(dir, RecursiveMode::Recursive).map(|()| w))
        .ok();
        Watch {
            watcher,
            dirty,
            looked: Instant::now(),
        }
    }

    /// A watch that only looks once a second (what a network file system gets).
    pub fn polling() -> Watch {
        Watch {
            watcher: None,
            dirty: Arc::new(AtomicBool::new(false)),
            looked: Instant::now(),
        }
    }

    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// How long to wait for input before asking `due` again.
    pub fn wait(&self) -> Duration {
        if self.is_watching() {
            TICK
        } else {
            LOOK_EVERY.saturating_sub(self.looked.elapsed())
        }
    }

    /// Whether to look at the files now: something changed under the board, or a second
    /// has passed since the last look. Resets both.
    pub fn due(&mut self) -> bool {
        let changed = self.dirty.swap(false, Ordering::AcqRel);
        if changed || self.looked.elapsed() >= LOOK_EVERY {
            self.looked = Instant::now();
            return true;
        }
        false
    }

    /// A look happened for another reason (after a key): the second starts again.
    pub fn looked(&mut self) {
        self.dirty.store(false, Ordering::Release);
        self.looked = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_under_the_board_makes_a_look_due() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("tasks")).unwrap();
        let mut watch = Watch::start(dir.path());
        assert!(watch.is_watching(), "inotify is available on Linux");
        assert!(!watch.due(), "nothing changed yet");
        std::fs::write(dir.path().join("tasks/15.toml"), "x").unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !watch.due() {
            assert!(Instant::now() < deadline, "no event within 5 s");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!watch.due(), "the flag is reset by the look");
    }

    #[test]
    fn polling_looks_once_a_second() {
        let mut watch = Watch::polling();
        assert!(!watch.due());
        assert!(watch.wait() <= LOOK_EVERY);
        watch.looked = Instant::now() - LOOK_EVERY;
        assert_eq!(watch.wait(), Duration::ZERO);
        assert!(watch.due());
        assert!(!watch.due());
    }
}
