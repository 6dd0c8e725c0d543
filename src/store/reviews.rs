//! Review meetings on disk: `reviews/<date>.toml`, one file per meeting, written atomically
//! under the board's lock as read–modify–write, like the task files.

use super::{Store, StoreError};
use crate::model::review::Review;
use crate::model::{ModelError, SCHEMA};
use crate::tomlfile::{self, FileError};
use chrono::NaiveDate;
use std::fs;
use std::path::PathBuf;

pub const REVIEWS_DIR: &str = "reviews";

impl Store {
    pub fn review_path(&self, date: NaiveDate) -> PathBuf {
        self.dir()
            .join(REVIEWS_DIR)
            .join(format!("{}.toml", date.format("%Y-%m-%d")))
    }

    fn read_review(&self, date: NaiveDate) -> Result<Option<Review>, StoreError> {
        let path = self.review_path(date);
        match fs::read(&path) {
            Ok(bytes) => {
                let r: Review = tomlfile::parse(&path, &bytes)?;
                if r.schema > SCHEMA {
                    return Err(StoreError::NewerSchema {
                        path,
                        found: r.schema,
                    });
                }
                Ok(Some(r))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(FileError::io(&path, e).into()),
        }
    }

    /// The review of one date, if there is one.
    pub fn load_review(&self, date: NaiveDate) -> Result<Option<Review>, StoreError> {
        self.read_review(date)
    }

    /// Every review, oldest first.
    pub fn load_reviews(&self) -> Result<Vec<Review>, StoreError> {
        {
            let dir = self.dir().join(REVIEWS_DIR);
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(FileError::io(&dir, e).into()),
            };
            let mut dates: Vec<NaiveDate> = entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name();
                    let stem = name.to_str()?.strip_suffix(".toml")?.to_string();
                    NaiveDate::parse_from_str(&stem, "%Y-%m-%d").ok()
                })
                .collect();
            dates.sort();
            let mut out = Vec::new();
            for d in dates {
                if let Some(r) = self.read_review(d)? {
                    out.push(r);
                }
            }
            Ok(out)
        }
    }

    /// Change a review under the lock: read the latest file (or start from `create` when there
    /// is none), apply `f`, write it back. Returns `f`'s value and the review as saved.
    /// `durable` waits for the disk (fsync); moving through the meeting does not need to — a
    /// crash then at worst resumes one task earlier — and must stay fast.
    pub fn update_review<T>(
        &self,
        date: NaiveDate,
        durable: bool,
        create: impl FnOnce() -> Option<Review>,
        f: impl FnOnce(&mut Review) -> Result<T, ModelError>,
    ) -> Result<(T, Review), StoreError> {
        self.exclusive(|| {
            let mut review = match self.read_review(date)? {
                Some(r) => r,
                None => create().ok_or_else(|| ModelError::NoReview(date.to_string()))?,
            };
            let value = f(&mut review)?;
            let path = self.review_path(date);
            if let Some(dir) = path.parent() {
                super::perms::create_dir(self.dir(), dir)?;
            }
            let text = toml::to_string(&review).expect("a review always serializes");
            if durable {
                tomlfile::write_atomic(&path, text.as_bytes())?;
            } else {
                tomlfile::write_atomic_unsynced(&path, text.as_bytes())?;
            }
            Ok((value, review))
        })
    }
}
