//! Evidence files in the store: copied by content, refused when not regular or too large,
//! checked by doctor.

use super::*;
use crate::model::default_statuses;
use std::os::unix::fs::PermissionsExt;

const MB: u64 = 1024 * 1024;

fn board(dir: &Path) -> Store {
    let store = Store::new(dir);
    let at = chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    store
        .create(&crate::seed::board(default_statuses(), at), false)
        .unwrap();
    store
}

fn limits() -> Limits {
    Limits::from_mb(1, 2)
}

fn sha_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_file_is_copied_under_its_hash_once_keeping_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let store = board(&tmp.path().join("b"));
    let src = tmp.path().join("合同 扫描件.pdf");
    fs::write(&src, b"%PDF-1.4 signed").unwrap();
    let f = store.store_file(&src, limits()).unwrap();
    assert_eq!(f.sha256, sha_of(b"%PDF-1.4 signed"));
    assert_eq!((f.name.as_str(), f.size), ("合同 扫描件.pdf", 15));
    let stored = store.file_path(&f.sha256).unwrap();
    assert_eq!(fs::read(&stored).unwrap(), b"%PDF-1.4 signed");
    // The same content under another name is the same file: the stored one is untouched.
    let copy = tmp.path().join("copy.pdf");
    fs::write(&copy, b"%PDF-1.4 signed").unwrap();
    let before = fs::metadata(&stored).unwrap().modified().unwrap();
    let g = store.store_file(&copy, limits()).unwrap();
    assert_eq!(
        (g.sha256.as_str(), g.name.as_str()),
        (f.sha256.as_str(), "copy.pdf")
    );
    assert_eq!(fs::metadata(&stored).unwrap().modified().unwrap(), before);
    let names: Vec<_> = fs::read_dir(store.files_dir()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "one file, no temp left");
    assert!(store.verify_file(&f, Lang::En).is_ok());
}

#[test]
fn symlinks_fifos_and_directories_are_refused_and_nothing_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let store = board(&tmp.path().join("b"));
    let target = tmp.path().join("secret");
    fs::write(&target, b"secret").unwrap();
    let link = tmp.path().join("link.pdf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = tmp.path().join("pipe");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for (path, what) in [
        (&link, "a symbolic link"),
        (&fifo, "a FIFO"),
        (&tmp.path().to_path_buf(), "a directory"),
    ] {
        let err = store.store_file(path, limits()).unwrap_err();
        assert!(matches!(err, FileError::NotRegular { .. }), "{err}");
        let m = err.to_string();
        assert!(
            m.contains(&path.display().to_string()) && m.contains(what),
            "{m}"
        );
    }
    assert_eq!(store.files_used(), 0);
    assert!(
        fs::read_dir(store.files_dir()).map_or(true, |d| d.count() == 0),
        "nothing stored"
    );
}

#[test]
fn limits_per_file_and_per_board_refuse_naming_the_file_and_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let store = board(&tmp.path().join("b"));
    let big = tmp.path().join("big.jpg");
    fs::write(&big, vec![7u8; (MB + 1) as usize]).unwrap();
    let err = store.store_file(&big, limits()).unwrap_err();
    let m = err.message(Lang::Zh);
    assert!(
        m.contains("big.jpg") && m.contains("1.0 MB") && m.contains("max_file_mb"),
        "{m}"
    );
    assert!(store.check_file(&big, limits()).is_err());
    // Two files of 0.9 MB fit in 2 MB; a third does not.
    for (i, byte) in [1u8, 2].into_iter().enumerate() {
        let p = tmp.path().join(format!("f{i}.png"));
        fs::write(&p, vec![byte; (MB * 9 / 10) as usize]).unwrap();
        store.store_file(&p, limits()).unwrap();
    }
    let third = tmp.path().join("third.png");
    fs::write(&third, vec![3u8; (MB * 9 / 10) as usize]).unwrap();
    let err = store.store_file(&third, limits()).unwrap_err();
    let m = err.message(Lang::En);
    assert!(matches!(err, FileError::BoardFull { .. }), "{m}");
    assert!(
        m.contains("third.png") && m.contains("2.0 MB") && m.contains("max_board_mb"),
        "{m}"
    );
    let count = fs::read_dir(store.files_dir()).unwrap().count();
    assert_eq!(count, 2, "the refused file left nothing behind");
    // A file already stored costs nothing more: it is accepted even with the board full.
    let again = tmp.path().join("again.png");
    fs::write(&again, vec![1u8; (MB * 9 / 10) as usize]).unwrap();
    assert!(store.store_file(&again, limits()).is_ok());
}

#[test]
fn hostile_names_are_kept_as_data_and_never_used_as_paths() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let store = board(&tmp.path().join("b"));
    let names: Vec<&[u8]> = vec![
        b"\x1b]0;pwned\x07\x1b[2J.pdf",
        b"line\nbreak.txt",
        b"gbk-\xd6\xd0\xce\xc4.doc",
        b"..",
    ];
    for (i, raw) in names.iter().enumerate() {
        let dir = tmp.path().join(format!("d{i}"));
        fs::create_dir(&dir).unwrap();
        let src = dir.join(std::ffi::OsStr::from_bytes(raw));
        if raw == b".." {
            // `d/..` is a directory: refused like any directory.
            assert!(store.store_file(&src, limits()).is_err());
            continue;
        }
        fs::write(&src, format!("content {i}")).unwrap();
        let f = store.store_file(&src, limits()).unwrap();
        assert!(is_sha256(&f.sha256));
        let shown = f.shown_name();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
    }
    let long = tmp.path().join("长".repeat(80) + ".pdf");
    let _ = fs::write(&long, b"long"); // may be longer than NAME_MAX
    if long.exists() {
        let f = store.store_file(&long, limits()).unwrap();
        assert!(f.name.len() <= MAX_NAME);
    }
    assert_eq!(original_name(Path::new(&"长".repeat(100))).len(), 255);
    // A hash that is not one (a hand-edited task file) never becomes a path.
    assert_eq!(store.file_path("../../etc/passwd"), None);
}

#[test]
fn doctor_finds_missing_changed_planted_and_unreferenced_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = board(&tmp.path().join("b"));
    let mk = |name: &str, body: &[u8]| {
        let p = tmp.path().join(name);
        fs::write(&p, body).unwrap();
        store.store_file(&p, limits()).unwrap()
    };
    let (a, b, c) = (
        mk("a.pdf", b"aaa"),
        mk("b.pdf", b"bbb"),
        mk("c.pdf", b"ccc"),
    );
    let stamp = crate::model::Stamp {
        author: "li".into(),
        at: chrono::DateTime::parse_from_rfc3339("2023-10-06T10:00:00+08:00").unwrap(),
    };
    store
        .update(crate::store::Scope::Task(15), |bd| {
            bd.add_note_with_files(
                "15.2".parse().unwrap(),
                "x",
                None,
                &[a.clone(), b.clone()],
                &stamp,
            )
        })
        .unwrap();
    assert!(
        store
            .check_files(Lang::En)
            .iter()
            .all(|f| f.severity == Severity::Info)
    );
    // a changed in place (by hand), b gone, a symlink planted under c's... and a stray link.
    let pa = store.file_path(&a.sha256).unwrap();
    fs::set_permissions(&pa, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(&pa, b"tampered").unwrap();
    fs::remove_file(store.file_path(&b.sha256).unwrap()).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", store.files_dir().join("evil")).unwrap();
    let found = store.check_files(Lang::En);
    let text: Vec<String> = found.iter().map(|f| f.what.clone()).collect();
    let has = |s: &str, sev| {
        found
            .iter()
            .any(|f| f.what.contains(s) && f.severity == sev)
    };
    assert!(
        has("a.pdf does not match its hash", Severity::Problem),
        "{text:?}"
    );
    assert!(has("b.pdf is missing", Severity::Problem), "{text:?}");
    assert!(
        has("evil: not a regular file keywork stored", Severity::Problem),
        "{text:?}"
    );
    assert!(
        has(&format!("{}: no note links", c.sha256), Severity::Info),
        "{text:?}"
    );
    // A symlink where a stored file should be is never written through.
    fs::remove_file(store.file_path(&c.sha256).unwrap()).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", store.file_path(&c.sha256).unwrap()).unwrap();
    let p = tmp.path().join("c2.pdf");
    fs::write(&p, b"ccc").unwrap();
    assert!(matches!(
        store.store_file(&p, limits()),
        Err(FileError::Planted { .. })
    ));
    assert!(store.verify_file(&c, Lang::En).is_err());
}

#[test]
fn a_team_board_gets_group_writable_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    let store = board(&dir);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o2770)).unwrap();
    let src = tmp.path().join("x.pdf");
    fs::write(&src, b"team").unwrap();
    // SAFETY: umask only changes this process's mask; restored below.
    let old = unsafe { libc::umask(0o022) };
    let f = store.store_file(&src, limits());
    unsafe { libc::umask(old) };
    let f = f.unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store.files_dir()) & 0o070, 0o070);
    assert_eq!(mode(&store.file_path(&f.sha256).unwrap()) & 0o060, 0o060);
}
