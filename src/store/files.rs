//! Evidence files in the board: `files/<sha256>`, one file per content.
//!
//! A file given to `attach` is copied in, never linked: opened without following a symlink
//! (a symlink, a FIFO, a device or a directory is refused), streamed into a temp file in
//! `files/` while hashed, flushed, and renamed to its hash. A file already there under that
//! hash is the same file and is left as it is: nothing in `files/` is ever rewritten. The
//! sizes are checked against the config's limits first (per file, and for the whole
//! directory). `check_files` is `doctor`'s part: every linked file is there, a regular file,
//! with the bytes its hash says; anything planted in `files/` and files no note links to.

use super::doctor::{Finding, Severity};
use super::{Store, perms};
use crate::model::{FileRef, files::is_sha256};
use crate::strings::{Lang, files as msg};
use crate::tomlfile;
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The board's directory of evidence files.
pub const FILES_DIR: &str = "files";
/// The longest original name kept, in bytes.
const MAX_NAME: usize = 255;

/// Size limits from the config's `[files]`, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file: u64,
    pub max_board: u64,
}

impl Limits {
    pub fn from_mb(max_file_mb: u64, max_board_mb: u64) -> Limits {
        Limits {
            max_file: max_file_mb.saturating_mul(1024 * 1024),
            max_board: max_board_mb.saturating_mul(1024 * 1024),
        }
    }
}

/// Why a file was not stored.
#[derive(Debug)]
pub enum FileError {
    /// Not a regular file (`what`: a symlink, a directory, a FIFO …).
    NotRegular { path: PathBuf, what: &'static str },
    /// Above the per-file limit.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Storing it would take `files/` above the per-board limit.
    BoardFull {
        path: PathBuf,
        size: u64,
        used: u64,
        limit: u64,
    },
    /// Something in `files/` that keywork did not put there (a symlink, a directory).
    Planted { path: PathBuf },
    /// Reading the file failed.
    Read { path: PathBuf, source: io::Error },
    /// Writing into the board failed (nothing was linked).
    Write { path: PathBuf, source: io::Error },
}

impl FileError {
    /// The message in `lang`, naming the file (and the limit).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileError::NotRegular { path, what } => {
                msg::not_regular(lang, path.display(), msg::what(lang, what))
            }
            FileError::TooLarge { path, size, limit } => {
                msg::too_large(lang, path.display(), &mb(*size), &mb(*limit))
            }
            FileError::BoardFull {
                path,
                size,
                used,
                limit,
            } => msg::board_full(lang, path.display(), &mb(*size), &mb(*used), &mb(*limit)),
            FileError::Planted { path } => msg::planted(lang, path.display()),
            FileError::Read { path, source } => msg::cannot_read(lang, path.display(), source),
            FileError::Write { path, source } => {
                crate::strings::common::cannot_write(lang, path.display(), source)
            }
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FileError {}

/// Megabytes, one decimal.
fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

/// What a file type is, for messages (a key `msg::what` names in each language).
pub(crate) fn kind(t: fs::FileType) -> &'static str {
    if t.is_symlink() {
        "symlink"
    } else if t.is_dir() {
        "directory"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() || t.is_block_device() {
        "device"
    } else {
        "other"
    }
}

/// Open a file for reading, never through a symlink and never blocking (a FIFO); only a
/// regular file is let through.
fn open_regular(path: &Path) -> Result<(File, u64), FileError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => FileError::NotRegular {
                path: path.to_path_buf(),
                what: "symlink",
            },
            Some(libc::ENXIO) => FileError::NotRegular {
                path: path.to_path_buf(),
                what: "socket",
            },
            _ => FileError::Read {
                path: path.to_path_buf(),
                source: e,
            },
        })?;
    let meta = file.metadata().map_err(|e| FileError::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    if !meta.file_type().is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            what: kind(meta.file_type()),
        });
    }
    Ok((file, meta.len()))
}

/// A copy that failed reading its source or writing its copy.
enum CopyError {
    Read(io::Error),
    Write(io::Error),
}

/// The SHA-256 of everything `r` yields, hex, and how many bytes; the bytes also go to `w`.
fn copy_hashed(r: &mut impl Read, mut w: Option<&mut File>) -> Result<(String, u64), CopyError> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let got = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(k) => k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Read(e)),
        };
        hasher.update(&buf[..got]);
        if let Some(w) = w.as_deref_mut() {
            w.write_all(&buf[..got]).map_err(CopyError::Write)?;
        }
        n += got as u64;
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((hex, n))
}

/// The name a file is linked under: its last component (lossy if not UTF-8), at most
/// `MAX_NAME` bytes. Never used as a path.
fn original_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "file".to_string());
    let mut end = name.len().min(MAX_NAME);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}

/// Whether `src` can be attached: a regular file (not through a symlink) within the
/// per-file limit. Its size.
pub fn check_file(src: &Path, limits: Limits) -> Result<u64, FileError> {
    let (_, size) = open_regular(src)?;
    if size > limits.max_file {
        return Err(FileError::TooLarge {
            path: src.to_path_buf(),
            size,
            limit: limits.max_file,
        });
    }
    Ok(size)
}

impl Store {
    /// The board's `files/`.
    pub fn files_dir(&self) -> PathBuf {
        self.dir().join(FILES_DIR)
    }

    /// Where the file with this hash is kept; none for what is not a SHA-256 (a hand-edited
    /// or hostile task file cannot point outside `files/`).
    pub fn file_path(&self, sha256: &str) -> Option<PathBuf> {
        is_sha256(sha256).then(|| self.files_dir().join(sha256))
    }

    /// `files/`, made if need be; refused if something else is there (a symlink).
    fn ensure_files_dir(&self) -> Result<PathBuf, FileError> {
        let dir = self.files_dir();
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_dir() => Ok(dir),
            Ok(_) => Err(FileError::Planted { path: dir }),
            Err(_) => {
                perms::create_dir(self.dir(), &dir).map_err(|e| FileError::Write {
                    path: dir.clone(),
                    source: io::Error::other(e.to_string()),
                })?;
                Ok(dir)
            }
        }
    }

    /// Bytes held by the regular files in `files/` (temp files included: they are space too).
    pub fn files_used(&self) -> u64 {
        let Ok(entries) = fs::read_dir(self.files_dir()) else {
            return 0;
        };
        entries
            .flatten()
            .filter_map(|e| fs::symlink_metadata(e.path()).ok())
            .filter(|m| m.file_type().is_file())
            .map(|m| m.len())
            .sum()
    }

    /// Whether `src` can be attached (see [`check_file`]). Its size.
    pub fn check_file(&self, src: &Path, limits: Limits) -> Result<u64, FileError> {
        check_file(src, limits)
    }

    /// Copy the file at `src` into the board (see the module). Its link, to put on a note.
    pub fn store_file(&self, src: &Path, limits: Limits) -> Result<FileRef, FileError> {
        let (mut input, size) = open_regular(src)?;
        let too_large = |size| FileError::TooLarge {
            path: src.to_path_buf(),
            size,
            limit: limits.max_file,
        };
        if size > limits.max_file {
            return Err(too_large(size));
        }
        let dir = self.ensure_files_dir()?;
        let tmp = dir.join(format!(
            ".incoming.tmp-{}-{}",
            std::process::id(),
            tomlfile::nonce()
        ));
        let result = self.copy_in(&mut input, src, &tmp, limits);
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        let (sha256, copied) = result?;
        if copied > limits.max_file {
            let _ = fs::remove_file(&tmp);
            return Err(too_large(copied));
        }
        let dest = dir.join(&sha256);
        match fs::symlink_metadata(&dest) {
            // The same content is the same file: keep the one there, untouched.
            Ok(m) if m.file_type().is_file() => {
                let _ = fs::remove_file(&tmp);
            }
            Ok(_) => {
                let _ = fs::remove_file(&tmp);
                return Err(FileError::Planted { path: dest });
            }
            Err(_) => {
                let used = self.files_used().saturating_sub(copied);
                if used.saturating_add(copied) > limits.max_board {
                    let _ = fs::remove_file(&tmp);
                    return Err(FileError::BoardFull {
                        path: src.to_path_buf(),
                        size: copied,
                        used,
                        limit: limits.max_board,
                    });
                }
                let write = |e| FileError::Write {
                    path: dest.clone(),
                    source: e,
                };
                fs::rename(&tmp, &dest).map_err(|e| {
                    let _ = fs::remove_file(&tmp);
                    write(e)
                })?;
                tomlfile::sync_dir(&dir).map_err(|e| write(io::Error::other(e.to_string())))?;
            }
        }
        Ok(FileRef {
            sha256,
            name: original_name(src),
            size: copied,
        })
    }

    /// Stream `input` into a new temp file, flushed; its hash and length.
    fn copy_in(
        &self,
        input: &mut File,
        src: &Path,
        tmp: &Path,
        limits: Limits,
    ) -> Result<(String, u64), FileError> {
        let write = |e| FileError::Write {
            path: tmp.to_path_buf(),
            source: e,
        };
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(tmp)
            .map_err(write)?;
        // Never more than the limit allows (a file that grows while it is copied).
        let mut limited = input.take(limits.max_file.saturating_add(1));
        let (sha256, n) = copy_hashed(&mut limited, Some(&mut out)).map_err(|e| match e {
            CopyError::Read(e) => FileError::Read {
                path: src.to_path_buf(),
                source: e,
            },
            CopyError::Write(e) => write(e),
        })?;
        out.sync_all().map_err(write)?;
        perms::fix_new(tmp, perms::is_team(self.dir()), false);
        Ok((sha256, n))
    }

    /// Whether the stored file for `f` is there, regular, and holds the bytes its hash says;
    /// the problem otherwise.
    pub fn verify_file(&self, f: &FileRef, lang: Lang) -> Result<(), String> {
        let Some(path) = self.file_path(&f.sha256) else {
            return Err(msg::bad_hash(
                lang,
                &f.shown_name(),
                &crate::text::one_line(&f.sha256),
            ));
        };
        let (mut file, _) = match open_regular(&path) {
            Ok(x) => x,
            Err(FileError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Err(msg::missing(lang, path.display(), &f.shown_name()));
            }
            Err(e) => return Err(e.message(lang)),
        };
        match copy_hashed(&mut file, None) {
            Ok((h, _)) if h == f.sha256 => Ok(()),
            Ok(_) => Err(msg::changed(lang, path.display(), &f.shown_name())),
            Err(CopyError::Read(e) | CopyError::Write(e)) => {
                Err(msg::cannot_read(lang, path.display(), &e))
            }
        }
    }

    /// `doctor`: linked files missing, not regular or changed (problems); anything in
    /// `files/` keywork did not put there (problems); files no note links to (for
    /// information: a deleted note keeps its files, so that undo works).
    pub fn check_files(&self, lang: Lang) -> Vec<Finding> {
        let mut out = Vec::new();
        let dir = self.files_dir();
        let board = match self.load() {
            Ok(b) => b,
            Err(_) => return out, // reported by the rest of doctor
        };
        let linked = board.linked_files();
        let problem = |what: String| Finding {
            severity: Severity::Problem,
            what,
            fix: msg::fix_file(lang).to_string(),
        };
        if let Ok(m) = fs::symlink_metadata(&dir)
            && !m.file_type().is_dir()
        {
            out.push(problem(msg::planted(lang, dir.display())));
            return out;
        }
        for f in linked.values() {
            if let Err(why) = self.verify_file(f, lang) {
                out.push(problem(why));
            }
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            return out;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
            if tomlfile::is_temp_name(&name) {
                // A copy under way, or left by a killed one: `check_temps` reports those.
                continue;
            }
            if !regular || !is_sha256(&name) {
                out.push(Finding {
                    severity: Severity::Problem,
                    what: msg::planted(lang, path.display()),
                    fix: msg::fix_planted(lang).to_string(),
                });
            } else if !linked.contains_key(name.as_str()) {
                out.push(Finding {
                    severity: Severity::Info,
                    what: msg::unreferenced(lang, path.display()),
                    fix: msg::fix_unreferenced(lang).to_string(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
