//! Drafts: a user's unsaved editor text, kept in `drafts/<author>.toml` when the connection
//! drops, offered back at the next start.

use super::{DRAFTS_DIR, Store, StoreError, perms};
use crate::model::Draft;
use crate::tomlfile::{self, FileError};
use std::fs;
use std::path::PathBuf;

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
        tomlfile::write_atomic(&path, text.as_bytes())?;
        Ok(())
    }

    /// The draft a user left, if any. A damaged draft file is an error, and is left alone.
    pub fn load_draft(&self, author: &str) -> Result<Option<Draft>, StoreError> {
        let path = self.draft_path(author);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(tomlfile::parse(&path, &bytes)?)),
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
