//! `-o FILE`: where a report or an export goes. Like a shell redirect for anything that is not
//! a regular file — a symlink is followed (`-o /dev/stdout`), a device node or a FIFO is
//! written into, never replaced — and a regular file (or a new one) is replaced atomically.
//! Errors name the path asked for.

use super::Failure;
use crate::strings::errors::{self, Voiced};
use crate::strings::{Lang, common};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a file goes: a path the user gave (`-o FILE`, written as `write_output` does) or a
/// name keywork chose itself (written as `write_generated` does).
pub enum Dest {
    Given(PathBuf),
    Chosen(PathBuf),
}

impl Dest {
    /// The given path, or else the name keywork chose.
    pub fn or_chosen(given: Option<PathBuf>, chosen: impl FnOnce() -> PathBuf) -> Dest {
        given.map_or_else(|| Dest::Chosen(chosen()), Dest::Given)
    }

    pub fn path(&self) -> &Path {
        match self {
            Dest::Given(p) | Dest::Chosen(p) => p,
        }
    }

    pub fn write(&self, bytes: &[u8]) -> Result<(), Failure> {
        match self {
            Dest::Given(p) => write_output(p, bytes),
            Dest::Chosen(p) => write_generated(p, bytes),
        }
    }
}

/// Write `bytes` to what `path` names.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |why: Box<dyn Fn(Lang) -> String>| {
        let path = path.to_path_buf();
        Failure::runtime(move |l| common::cannot_write(l, path.display(), &why(l)))
    };
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(fail(Box::new(|l| errors::io_is_dir(l).into()))),
        // A FIFO, a terminal, /dev/null…: written into, as `>` would.
        Ok(m) if !m.is_file() => fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
            .map_err(|e| fail(Box::new(move |l| errors::io(l, &e)))),
        _ => {
            let real = resolve(path);
            crate::tomlfile::write_atomic(&real, bytes)
                .map_err(|e| fail(Box::new(move |l| e.say(l))))
        }
    }
}

/// Write `bytes` to a file whose name keywork chose itself (an urging notice, a unit's form),
/// never through what is already there under that name: a symlink, a FIFO or a device planted
/// by another account in a shared directory is refused, and a regular file is replaced by a
/// rename (which replaces a name, never the file a link points at).
pub fn write_generated(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    check_generated(path)?;
    crate::tomlfile::write_atomic(path, bytes).map_err(|e| {
        let path = path.to_path_buf();
        Failure::runtime(move |l| common::cannot_write(l, path.display(), &e.say(l)))
    })
}

/// Refuse a name keywork chose when something other than a regular file already has it.
pub fn check_generated(path: &Path) -> Result<(), Failure> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => {
            let (path, what) = (path.to_path_buf(), crate::store::files::kind(m.file_type()));
            Err(Failure::runtime(move |l| {
                errors::name_in_the_way(l, path.display(), crate::strings::files::what(l, what))
            }))
        }
        _ => Ok(()),
    }
}

/// The regular file `path` stands for: a symlink's target (followed to the end, even when it
/// does not exist yet), with a bare name put in the current directory (whose parent, the
/// empty path, could not be synced).
fn resolve(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(target) => {
                p = match p.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                }
            }
            Err(_) => break,
        }
    }
    match p.parent() {
        Some(d) if d.as_os_str().is_empty() => Path::new(".").join(p),
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_symlink_is_followed_and_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // A dangling link: its target is created, the link kept.
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink("sub-new.md", &dangling).unwrap();
        write_output(&dangling, b"x").unwrap();
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("sub-new.md")).unwrap(),
            "x"
        );
    }

    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write_output(&fifo, b"# report\n").unwrap();
        assert_eq!(reader.join().unwrap(), b"# report\n");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn dev_null_stays_a_device_and_a_directory_is_refused() {
        write_output(Path::new("/dev/null"), b"x").unwrap();
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let dir = tempfile::tempdir().unwrap();
        let Err(e) = write_output(dir.path(), b"x") else {
            panic!("a directory is not a file");
        };
        let m = e.render(Lang::En);
        assert!(
            e.render(Lang::Zh).contains("无法写入"),
            "{}",
            e.render(Lang::Zh)
        );
        assert!(
            m.contains(dir.path().to_str().unwrap()) && m.contains("directory"),
            "{m}"
        );
    }

    #[test]
    fn a_regular_file_is_replaced_atomically_keeping_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("ledger.csv");
        fs::write(&f, "old").unwrap();
        fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
        write_output(&f, b"new").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
