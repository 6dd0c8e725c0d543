//! Reading and writing one TOML file safely.
//!
//! Owns the two file primitives the store and the config share: parse a file into a type with
//! errors that name `path:line:column`, and replace a file atomically (temp file in the same
//! directory, fsync, rename, fsync the directory) keeping the old file's permissions. Knows
//! nothing about boards.

use serde::de::DeserializeOwned;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file that could not be read, parsed or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Not UTF-8: `hint` names the encoding it looks like and how to convert it.
    #[error("{}: invalid UTF-8 at byte {offset}: {hint}", path.display())]
    Utf8 {
        path: PathBuf,
        offset: usize,
        hint: crate::encoding::NonUtf8,
    },
    /// A file could not be replaced; it keeps its previous content.
    #[error(
        "{}: not saved: {source}; the file keeps its previous content{}",
        path.display(),
        write_hint(source)
    )]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What a user can do about a failed write.
fn write_hint(e: &io::Error) -> &'static str {
    use io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => {
            " (this account cannot write the board directory: `keywork doctor` explains, the \
             README's team setup shows the group and permissions a shared board needs)"
        }
        StorageFull | FileTooLarge | QuotaExceeded => {
            " (the disk is full or a size limit was reached: free some space, then repeat the \
             change)"
        }
        _ => "",
    }
}

impl FileError {
    pub fn io(path: &Path, source: io::Error) -> Self {
        FileError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Writing `path` failed (the message names `path`, not a temp file next to it).
    pub fn write(path: &Path, source: io::Error) -> Self {
        FileError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Read a file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    fs::read(path).map_err(|e| FileError::io(path, e))
}

/// Parse TOML bytes that came from `path` into `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::Utf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
        hint: crate::encoding::non_utf8(bytes, Some(path)).unwrap_or(crate::encoding::NonUtf8 {
            line: 1,
            guess: None,
            file: Some(path.to_path_buf()),
        }),
    })?;
    toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_column(text, s.start))
            .unwrap_or((1, 1));
        FileError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Replace `path` with `bytes` atomically: a reader sees the old file or the new one, never a
/// mix, and after a crash one of the two is on disk in full. The new file keeps the old one's
/// permission bits (a group-writable team board stays group-writable).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let dir = parent_dir(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}-{}", std::process::id(), nonce()));
    let result = write_then_rename(&tmp, path, bytes);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir)
}

/// Replace `path` atomically but without waiting for the disk: for derived data (a cache)
/// that is rebuilt if lost.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let dir = parent_dir(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}-{}", std::process::id(), nonce()));
    let result = fs::write(&tmp, bytes)
        .and_then(|_| team_writable(&tmp, dir))
        .and_then(|_| fs::rename(&tmp, path))
        .map_err(|e| FileError::write(path, e));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The directory a file is in; `.` for a bare file name (whose `parent()` is empty).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let failed = |e| FileError::write(path, e);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(failed)?;
    f.write_all(bytes).map_err(failed)?;
    f.sync_all().map_err(failed)?;
    if let Ok(old) = fs::metadata(path) {
        fs::set_permissions(tmp, old.permissions()).map_err(failed)?;
    } else {
        team_writable(tmp, parent_dir(path)).map_err(failed)?;
    }
    drop(f);
    fs::rename(tmp, path).map_err(failed)
}

/// A new file in a directory its group (not everyone) may write, a team board, is
/// group-writable too,
/// whatever the writer's umask.
fn team_writable(file: &Path, dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let group_dir = fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o022 == 0o020);
    let mode = fs::metadata(file)?.permissions().mode();
    if group_dir && mode & 0o060 != 0o060 {
        fs::set_permissions(file, fs::Permissions::from_mode((mode | 0o060) & 0o7777))?;
    }
    Ok(())
}

/// Make a rename in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), FileError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| FileError::io(dir, e))
}

/// Whether a file name is one of our temp files (left behind by a killed process).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp-")
}

/// A number that differs between calls (for temp names).
pub fn nonce() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let t = "a = 1\n名字 = x\n";
        assert_eq!(line_column(t, 0), (1, 1));
        let x = t.find('x').unwrap();
        assert_eq!(line_column(t, x), (2, 6));
    }

    #[test]
    fn parse_error_names_path_line_and_column() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let err = parse::<T>(Path::new("x.toml"), "\n\na = \"标题\"\n".as_bytes()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml:3:5: "), "{msg}");
        let err = parse::<T>(Path::new("y.toml"), b"a = 1\n\xff").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("y.toml: invalid UTF-8 at byte 6: "),
            "{msg}"
        );
        assert!(msg.contains("from line 2"), "{msg}");
        // A config saved as GBK names the encoding and the command that converts it.
        let (gbk, _, _) = encoding_rs::GBK.encode("a = 1\nb = \"区旧改办\"\n");
        let msg = parse::<T>(Path::new("c.toml"), &gbk)
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("GBK") && msg.contains("iconv -f GB18030 -t UTF-8 c.toml > c-utf8.toml"),
            "{msg}"
        );
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_directory() {
        assert_eq!(parent_dir(Path::new("x.csv")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/tmp/x.csv")), Path::new("/tmp"));
    }

    #[test]
    fn write_atomic_replaces_and_keeps_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.toml");
        write_atomic(&p, b"one").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o664
        );
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file left behind");
        assert!(is_temp_name(".f.toml.tmp-12-34"));
        assert!(!is_temp_name("15.toml"));
    }
}
