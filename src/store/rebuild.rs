//! `doctor --fix` for an orphaned board (task files, no usable `board.toml`): rebuild
//! `board.toml` from the newest backup's (title, dates, statuses) and the task files (every
//! status they use is kept). A `board.toml` that is not a file is moved aside, not removed.

use super::{BACKUPS_DIR, BOARD_FILE, BoardState, Store, StoreError};
use crate::model::{BoardMeta, SCHEMA, StatusDef, default_statuses};
use crate::strings::Lang;
use crate::strings::doctor as say;
use crate::tomlfile::{self, FileError};
use std::fs;
use std::path::PathBuf;

impl Store {
    /// Rebuild `board.toml` if the board is orphaned (call under the exclusive lock). What
    /// was done, for the user.
    pub(super) fn rebuild_meta(&self, lang: Lang) -> Result<Option<String>, StoreError> {
        let BoardState::Orphaned(_) = self.state_now() else {
            return Ok(None);
        };
        let numbers = self.task_numbers()?;
        if numbers.is_empty() {
            return Ok(None);
        }
        let path = self.board_path();
        if fs::symlink_metadata(&path).is_ok() {
            let aside = self
                .dir()
                .join(format!("{BOARD_FILE}.broken-{}", tomlfile::nonce()));
            fs::rename(&path, &aside).map_err(|e| FileError::write(&path, e))?;
        }
        let (mut meta, from) = match self.newest_backup_meta() {
            Some((meta, dir)) => (meta, format!("{}", dir.display())),
            None => (fallback_meta(), say::built_in_defaults(lang).to_string()),
        };
        let mut tasks = Vec::new();
        for n in numbers {
            tasks.push(self.read_task(n)?);
        }
        for key in tasks
            .iter()
            .flat_map(|t| std::iter::once(&t.status).chain(t.measures.iter().map(|m| &m.status)))
        {
            if !meta.statuses.iter().any(|s| &s.key == key) {
                meta.statuses.push(StatusDef::new(key, key, key, None));
            }
        }
        if let Some(first) = tasks.iter().flat_map(|t| &t.history).map(|e| e.at).min() {
            meta.created = meta.created.min(first);
        }
        tomlfile::write_atomic(&path, super::meta_toml(&meta).as_bytes())?;
        Ok(Some(say::rebuilt(lang, path.display(), tasks.len(), &from)))
    }

    /// The board file of the newest backup that has a readable one.
    fn newest_backup_meta(&self) -> Option<(BoardMeta, PathBuf)> {
        let mut dirs: Vec<PathBuf> = fs::read_dir(self.dir().join(BACKUPS_DIR))
            .ok()?
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        dirs.sort();
        dirs.into_iter().rev().find_map(|d| {
            let p = d.join(BOARD_FILE);
            let bytes = tomlfile::read(&p).ok()?;
            let meta: BoardMeta = tomlfile::parse(&p, &bytes).ok()?;
            Some((meta, d))
        })
    }
}

fn fallback_meta() -> BoardMeta {
    BoardMeta {
        schema: SCHEMA,
        title: "重点工作任务".to_string(), // data: the title of a board rebuilt without a backup
        issued: None,
        source: "rebuilt by keywork doctor --fix".to_string(),
        created: chrono::Local::now().fixed_offset(),
        statuses: default_statuses(),
        issuer: None,
        doc_number: None,
        description: None,
    }
}
