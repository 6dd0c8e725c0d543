//! Arbitrary bytes → the board's file loaders, as `src/store` reads them:
//! - `tasks/N.toml`: `tomlfile::parse::<Task>` plus the schema check (a schema newer than
//!   `SCHEMA` is refused);
//! - `board.toml`: `tomlfile::parse::<BoardMeta>` plus the same check;
//! - `reviews/<date>.toml`: `tomlfile::parse::<Review>` plus the same check;
//! - `drafts/<author>.toml`: `tomlfile::parse::<Draft>`.
//!
//! (The schema check is `store::check_schema`, private; it is one comparison, mirrored here.)
//!
//! Checked: never a panic; a parse error names `path:line:column` within the text; whatever
//! loads is written back the way the store writes it (`store::task_toml`, `store::meta_toml`,
//! `toml::to_string` for reviews and drafts — here through the same serde impls) and parses
//! again to an equal value, whose text is byte-for-byte the same (the store rewrites only
//! files whose bytes changed, so unstable output would rewrite every file on every change).

#![no_main]

use keywork::model::review::Review;
use keywork::model::{BoardMeta, Draft, SCHEMA, Task};
use keywork::store;
use keywork::tomlfile::{self, FileError};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::Path;

/// Parse as the store does; on failure check that the error points into the text.
fn load<T: DeserializeOwned>(path: &str, data: &[u8]) -> Option<T> {
    match tomlfile::parse::<T>(Path::new(path), data) {
        Ok(v) => Some(v),
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with(&format!("{path}:")), "{msg}");
            match e {
                FileError::Parse { line, column, .. } => {
                    let text = std::str::from_utf8(data).expect("a parse error on valid UTF-8");
                    let lines = text.matches('\n').count() + 1;
                    assert!(line >= 1 && line <= lines, "{msg}: line of {lines}");
                    assert!(column >= 1, "{msg}");
                }
                FileError::Utf8 { offset, .. } => {
                    assert!(std::str::from_utf8(data).is_err());
                    assert_eq!(
                        std::str::from_utf8(&data[..offset]).map(str::len),
                        Ok(offset)
                    );
                }
                FileError::Io { .. } | FileError::Write { .. } => {
                    panic!("an IO error from parsing bytes: {msg}")
                }
            }
            None
        }
    }
}

/// Written back and read again: the same value and the same bytes.
fn round_trip<T>(path: &str, value: &T, write: impl Fn(&T) -> String)
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let text = write(value);
    let again: T = tomlfile::parse(Path::new(path), text.as_bytes())
        .unwrap_or_else(|e| panic!("{path} written by keywork does not load: {e}\n{text}"));
    assert_eq!(&again, value, "{path} changed on a round trip:\n{text}");
    assert_eq!(write(&again), text, "{path} is written unstably");
}

fn to_toml<T: Serialize>(v: &T) -> String {
    toml::to_string(v).expect("serializes")
}

fuzz_target!(|data: &[u8]| {
    if let Some(task) = load::<Task>("tasks/15.toml", data)
        && task.schema <= SCHEMA
        // The store refuses nan and inf in targets (`StoreError::NotANumber`); nan never
        // equals itself, so such a file cannot round-trip equal.
        && task
            .targets
            .iter()
            .all(|t| t.target.is_finite() && t.current.is_none_or(f64::is_finite))
    {
        round_trip("tasks/15.toml", &task, store::task_toml);
    }
    if let Some(meta) = load::<BoardMeta>("board.toml", data)
        && meta.schema <= SCHEMA
    {
        round_trip("board.toml", &meta, store::meta_toml);
    }
    if let Some(review) = load::<Review>("reviews/2023-10-05.toml", data)
        && review.schema <= SCHEMA
    {
        round_trip("reviews/2023-10-05.toml", &review, to_toml);
    }
    if let Some(draft) = load::<Draft>("drafts/zhang.toml", data) {
        round_trip("drafts/zhang.toml", &draft, to_toml);
    }
});
