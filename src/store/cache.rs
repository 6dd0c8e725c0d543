//! The summary cache: what `status` and the board's first frame need of each task, kept in
//! `.keywork-cache.json` beside the task files so that a quick look at a large board does not
//! parse every note and history event.
//!
//! The cache is derived data and never trusted blindly: each entry carries the length,
//! modification time and inode of the task file it was made from, and an entry that does not
//! match the file on disk is rebuilt from the file. Writers refresh it under the board's lock
//! after each change; a cache that cannot be read or written is ignored.

use super::{Store, StoreError};
use crate::model::{BoardMeta, Summary, Task};
use crate::tomlfile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

pub const CACHE_FILE: &str = ".keywork-cache.json";
const CACHE_SCHEMA: u32 = 3;

/// Identifies one version of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    len: u64,
    mtime_s: i64,
    mtime_ns: i64,
    ino: u64,
}

impl FileKey {
    pub(super) fn of(path: &Path) -> Option<FileKey> {
        let m = std::fs::metadata(path).ok()?;
        Some(FileKey {
            len: m.len(),
            mtime_s: m.mtime(),
            mtime_ns: m.mtime_nsec(),
            ino: m.ino(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    file: FileKey,
    summary: Summary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    schema: u32,
    tasks: BTreeMap<u32, Entry>,
}

/// Which version of each task file a process has seen: what another process changed since
/// shows as a different key.
pub type Versions = BTreeMap<u32, FileKey>;

impl Store {
    /// The current version of every task file (one `stat` each: cheap enough to poll).
    pub fn versions(&self) -> Versions {
        self.task_numbers()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|n| FileKey::of(&self.task_path(n)).map(|k| (n, k)))
            .collect()
    }

    /// Tasks whose files differ between two snapshots of versions.
    pub fn changed(before: &Versions, now: &Versions) -> Vec<u32> {
        now.iter()
            .filter(|(n, k)| before.get(n) != Some(k))
            .map(|(n, _)| *n)
            .collect()
    }

    fn read_cache(&self) -> Cache {
        std::fs::read(self.dir().join(CACHE_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.schema == CACHE_SCHEMA)
            .unwrap_or_default()
    }

    fn write_cache(&self, cache: &Cache) {
        if let Ok(bytes) = serde_json::to_vec(cache) {
            let _ = tomlfile::write_atomic_unsynced(&self.dir().join(CACHE_FILE), &bytes);
        }
    }

    /// The board's meta data and a summary of every task, from the cache where it is current
    /// and from the task files where it is not (refreshing the cache).
    pub fn load_summaries(&self) -> Result<(BoardMeta, Vec<Summary>), StoreError> {
        self.consistent(|| {
            let meta = self.read_meta()?;
            let mut cache = self.read_cache();
            let mut stale = false;
            let mut out = Vec::new();
            for n in self.task_numbers()? {
                let path = self.task_path(n);
                let key = FileKey::of(&path);
                match cache.tasks.get(&n) {
                    Some(e) if Some(e.file) == key => out.push(e.summary.clone()),
                    _ => {
                        let task = self.read_task(n)?;
                        let summary = task.summary();
                        if let Some(file) = key {
                            cache.tasks.insert(
                                n,
                                Entry {
                                    file,
                                    summary: summary.clone(),
                                },
                            );
                        }
                        stale = true;
                        out.push(summary);
                    }
                }
            }
            if stale || cache.tasks.len() != out.len() {
                cache.schema = CACHE_SCHEMA;
                cache
                    .tasks
                    .retain(|n, _| out.iter().any(|s| s.number == *n));
                self.write_cache(&cache);
            }
            Ok((meta, out))
        })
    }

    /// After writing task files (under the lock): record their new summaries.
    pub(super) fn refresh_cache(&self, written: &[&Task]) {
        self.refresh_summaries(
            written
                .iter()
                .map(|t| (t.number, Some(t.summary())))
                .collect(),
        );
    }

    /// After writing task files (under the lock): record the summary of each, or forget it
    /// (`None`: the next reader makes it again from the task).
    pub(super) fn refresh_summaries(&self, written: Vec<(u32, Option<Summary>)>) {
        if written.is_empty() {
            return;
        }
        let mut cache = self.read_cache();
        cache.schema = CACHE_SCHEMA;
        for (n, summary) in written {
            match (FileKey::of(&self.task_path(n)), summary) {
                (Some(file), Some(summary)) => {
                    cache.tasks.insert(n, Entry { file, summary });
                }
                _ => {
                    cache.tasks.remove(&n);
                }
            }
        }
        self.write_cache(&cache);
    }

    /// The cached summary of task `n`, if it was made from the file version `file`.
    pub(super) fn cached_summary(&self, n: u32, file: FileKey) -> Option<Summary> {
        let mut cache = self.read_cache();
        cache
            .tasks
            .remove(&n)
            .filter(|e| e.file == file)
            .map(|e| e.summary)
    }
}
