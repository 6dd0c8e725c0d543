//! Drafts: a user's unsaved editor text, kept in `drafts/<author>.toml` when the connection
//! drops, offered back at the next start.

use super::{DRAFTS_DIR, Store, StoreError, perms};
use crate::model::Draft;
use crate::tomlfile::{self, FileError};
use std::fs;
use std::path::{Path, PathBuf};

impl Store {
    /// Where a user's unsaved editor text is kept (`drafts/<author>.toml`).
    pub fn draft_path(&self, author: &str) -> PathBuf {
        let safe: String = author
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let safe = if safe.is_empty() {
            "_".to_string()
        } else {
            safe
        };
        self.dir.join(DRAFTS_DIR).join(format!("{safe}.toml"))
    }

    /// Keep a draft (atomically; it replaces the previous one).
    pub fn save_draft(&self, author: &str, draft: &Draft) -> Result<(), StoreError> {
        let path = self.draft_path(author);
        if let Some(dir) = path.parent() {
            perms::create_dir(&self.dir, dir)?;
        }
        let text = toml::to_string(draft).expect("a draft always serializes");
        let mark = toml::to_string(&DraftMark::here()).expect("a mark always serializes");
        tomlfile::write_atomic(&path, (mark + &text).as_bytes())?;
        Ok(())
    }

    /// The draft a user left, if any: only one this account wrote on this machine (a draft
    /// another account or a remote planted is not offered). A damaged draft file is an error,
    /// and is left alone.
    pub fn load_draft(&self, author: &str) -> Result<Option<Draft>, StoreError> {
        let path = self.draft_path(author);
        match fs::read(&path) {
            Ok(bytes) => {
                let draft = tomlfile::parse(&path, &bytes)?;
                let mark: DraftMark = tomlfile::parse(&path, &bytes)?;
                Ok(mark.written_here(&path).then_some(draft))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }

    /// Forget a user's draft (it was saved as a note or discarded on purpose).
    pub fn clear_draft(&self, author: &str) -> Result<(), StoreError> {
        let path = self.draft_path(author);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }
}

/// Who wrote a draft: the account and the machine, kept at the top of the draft file.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct DraftMark {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host: Option<String>,
}

impl DraftMark {
    fn here() -> DraftMark {
        DraftMark {
            uid: Some(my_uid()),
            host: host_name(),
        }
    }

    /// Written by this account (the file's owner, and the mark) on this machine.
    fn written_here(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let here = DraftMark::here();
        fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.uid() == my_uid())
            && self.uid.is_none_or(|u| Some(u) == here.uid)
            && self
                .host
                .as_ref()
                .is_none_or(|h| Some(h) == here.host.as_ref())
    }
}

fn my_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn host_name() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}
