//! A parsed copy of each chunked task's sealed chunks, so that a change to a large task does
//! not parse its older notes and history as TOML again (JSON reads several times faster).
//!
//! Kept in `.keywork-chunks/N.json` beside the summary cache: derived data, never shared by
//! sync (`.gitignore`), and never trusted blindly: it names the length, modification time and
//! inode of every chunk file it was made from, and a copy that does not match the chunk files
//! on disk, or does not read, is ignored and made again from the chunk files. Chunks are
//! written once, so a copy stays good until the task's next seal.

use super::chunks::Chunk;
use super::{Store, perms};
use crate::store::cache::FileKey;
use crate::tomlfile;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub const CHUNK_CACHE_DIR: &str = ".keywork-chunks";
const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Parsed {
    schema: u32,
    /// Each chunk number with the key of its file.
    files: Vec<(u32, FileKey)>,
    chunks: Vec<Chunk>,
}

impl Store {
    fn chunk_cache_path(&self, n: u32) -> PathBuf {
        self.dir().join(CHUNK_CACHE_DIR).join(format!("{n}.json"))
    }

    /// The keys of chunk files `numbers` of task `n` (in `dir`), if all can be read.
    pub(super) fn chunk_keys(
        &self,
        dir: &std::path::Path,
        numbers: &[u32],
    ) -> Option<Vec<(u32, FileKey)>> {
        numbers
            .iter()
            .map(|k| FileKey::of(&dir.join(format!("{k}.toml"))).map(|key| (*k, key)))
            .collect()
    }

    /// The chunks of task `n` from the cache, if it holds exactly the files `keys`.
    pub(super) fn cached_chunks(&self, n: u32, keys: &[(u32, FileKey)]) -> Option<Vec<Chunk>> {
        let bytes = std::fs::read(self.chunk_cache_path(n)).ok()?;
        let copy: Parsed = serde_json::from_slice(&bytes).ok()?;
        (copy.schema == SCHEMA && copy.files == keys && copy.chunks.len() == keys.len())
            .then_some(copy.chunks)
    }

    /// Keep a parsed copy of task `n`'s chunks (best effort: a cache is never an error).
    pub(super) fn save_chunks(&self, n: u32, keys: Vec<(u32, FileKey)>, chunks: &[Chunk]) {
        #[derive(Serialize)]
        struct ParsedRef<'a> {
            schema: u32,
            files: Vec<(u32, FileKey)>,
            chunks: &'a [Chunk],
        }
        let copy = ParsedRef {
            schema: SCHEMA,
            files: keys,
            chunks,
        };
        let path = self.chunk_cache_path(n);
        let Some(dir) = path.parent() else { return };
        if perms::create_dir(self.dir(), dir).is_err() {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&copy) {
            let _ = tomlfile::write_atomic_unsynced(&path, &bytes);
        }
    }
}
