//! Evidence files (`keywork attach`, `open`): copied into the board by content, linked to a
//! note, listed by `show`, the ledger and the report; refused when not a regular file or above
//! the config's limits; checked by `doctor`; carried by `sync`.

use crate::common::*;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

fn write(f: &Fixture, name: &str, body: &[u8]) -> PathBuf {
    let p = f.path(name);
    fs::write(&p, body).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The files of the notes on measure `id` of task `n`, from `show --json`.
fn files_on(board: &Path, n: u32, id: &str) -> Vec<serde_json::Value> {
    let t = show_json(board, n);
    measure(&t, id)["notes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["files"].as_array().unwrap().clone())
        .collect()
}

fn note_ids(board: &Path, n: u32, id: &str) -> Vec<String> {
    let t = show_json(board, n);
    measure(&t, id)["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn attach_copies_links_shows_and_opens_files() {
    let f = Fixture::seeded();
    let pdf = write(&f, "签约合同.pdf", b"%PDF-1.4 contract");
    let jpg = write(&f, "现场照片.JPG", &[0xff, 0xd8, 0xff, 1, 2, 3]);
    let out = ok(
        &f.board,
        &[
            "attach",
            "15.2",
            s(&pdf),
            s(&jpg),
            "--note",
            "邯郸路 500 弄签约完成",
        ],
    );
    assert!(
        out.contains("15.2") && out.contains("签约合同.pdf"),
        "{out}"
    );
    let files = files_on(&f.board, 15, "15.2");
    let names: Vec<&str> = files.iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["签约合同.pdf", "现场照片.JPG"]);
    assert_eq!(files[0]["size"], 17);
    assert_eq!(
        (files[0]["type"].as_str(), files[1]["type"].as_str()),
        (Some("pdf"), Some("image"))
    );
    // The stored copy is the file, under its hash; the original can go.
    let stored = f.board.join(files[0]["path"].as_str().unwrap());
    assert_eq!(fs::read(&stored).unwrap(), b"%PDF-1.4 contract");
    fs::remove_file(&pdf).unwrap();
    let show = ok(&f.board, &["show", "15"]);
    assert!(show.contains("签约合同.pdf  17 B · PDF"), "{show}");
    assert!(show.contains("现场照片.JPG  6 B · 图片"), "{show}");
    // More files on the existing note; the same content is not linked twice.
    let id = note_ids(&f.board, 15, "15.2").remove(0);
    let scan = write(&f, "scan.pdf", b"%PDF-1.4 contract");
    let doc = write(&f, "批复.docx", b"PK docx");
    let out = ok(&f.board, &["attach", &id, s(&scan), s(&doc)]);
    assert!(out.contains(&id), "{out}");
    assert_eq!(note_ids(&f.board, 15, "15.2").len(), 1, "no new note");
    assert_eq!(files_on(&f.board, 15, "15.2").len(), 3);
    // open prints the stored paths, one a line, and opens nothing.
    let paths = ok(&f.board, &["open", &id]);
    let paths: Vec<&str> = paths.lines().collect();
    assert_eq!(paths.len(), 3);
    assert_eq!(fs::read(paths[2]).unwrap(), b"PK docx");
    assert!(
        paths
            .iter()
            .all(|p| Path::new(p).starts_with(f.board.join("files")))
    );
    // A file is evidence: the ledger and the weekly report name it.
    let csv = f.path("ledger.csv");
    ok(
        &f.board,
        &[
            "export",
            "--format",
            "csv",
            "--level",
            "measure",
            "-o",
            s(&csv),
        ],
    );
    let ledger = fs::read_to_string(&csv).unwrap();
    assert!(
        ledger.contains("签约合同.pdf") && ledger.contains("批复.docx"),
        "{ledger}"
    );
    let report = ok(&f.board, &["report"]);
    assert!(report.contains("签约合同.pdf"), "{report}");
    // A note without files says so to open; an unknown note is an error.
    let t = ok(&f.board, &["note", "15.3", "无附件"]);
    let plain = t.split_whitespace().nth(1).unwrap().to_string();
    assert_code(&kw(&f.board, &["open", &plain]), 1);
    assert_code(&kw(&f.board, &["open", "nope"]), 2);
    assert_code(&kw(&f.board, &["attach", "nope", s(&doc)]), 2);
    assert_code(&kw(&f.board, &["attach", "15.9", s(&doc)]), 2);
    assert!(kw(&f.board, &["doctor"]).status.success());
}

#[test]
fn symlinks_special_files_and_sizes_above_the_limits_are_refused_changing_nothing() {
    let f = Fixture::seeded();
    fs::write(
        f.path("none.toml"),
        "[files]\nmax_file_mb = 1\nmax_board_mb = 2\n",
    )
    .unwrap();
    let secret = write(&f, "secret.txt", b"secret");
    let link = f.path("evidence.pdf");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let big = write(&f, "大扫描件.pdf", &vec![1u8; 1024 * 1024 + 1]);
    let ok1 = write(&f, "a.pdf", &vec![2u8; 900 * 1024]);
    let ok2 = write(&f, "b.pdf", &vec![3u8; 900 * 1024]);
    let third = write(&f, "c.pdf", &vec![4u8; 900 * 1024]);
    let before = snapshot(&f.board);
    for (args, says) in [
        (
            vec!["attach", "15.2", s(&link)],
            vec!["evidence.pdf", "符号链接"],
        ),
        (
            vec!["attach", "15.2", "/dev/null"],
            vec!["/dev/null", "设备文件"],
        ),
        (vec!["attach", "15.2", s(f.tmp.path())], vec!["目录"]),
        (
            vec!["attach", "15.2", s(&ok1), s(&big)],
            vec!["大扫描件.pdf", "1.0 MB", "max_file_mb"],
        ),
        (
            vec!["attach", "15.2", s(&ok1), s(&ok2), s(&third)],
            vec!["c.pdf", "2.0 MB", "max_board_mb"],
        ),
    ] {
        let err = assert_code(&kw(&f.board, &args), 1);
        for w in says {
            assert!(err.contains(w), "{args:?}: {err}");
        }
        assert_same_files(&before, &snapshot(&f.board), "a refused attach");
    }
    // Within the limits it works, and the limit then counts what is stored.
    ok(&f.board, &["attach", "15.2", s(&ok1), s(&ok2)]);
    let err = assert_code(&kw(&f.board, &["attach", "15.3", s(&third)]), 1);
    assert!(err.contains("max_board_mb"), "{err}");
}

#[test]
fn hostile_file_names_are_stored_by_hash_and_shown_cleaned() {
    let f = Fixture::seeded();
    let names: [&[u8]; 4] = [
        b"\x1b]0;owned\x07\x1b[2J\x1b[31mred.pdf",
        b"two\nlines\r.jpg",
        b"gbk-\xd6\xd0\xce\xc4.doc",
        b"\xe2\x80\xaefdp.exe",
    ];
    let mut long = "很长的文件名".repeat(13).into_bytes();
    long.extend_from_slice(b".pdf");
    let mut all: Vec<Vec<u8>> = names.iter().map(|n| n.to_vec()).collect();
    all.push(long);
    for (i, raw) in all.iter().enumerate() {
        let dir = f.path(&format!("d{i}"));
        fs::create_dir(&dir).unwrap();
        let p = dir.join(OsStr::from_bytes(raw));
        fs::write(&p, format!("body {i}")).unwrap();
        let mut c = command(&f.board, &["attach", "15.2"]);
        c.arg(&p);
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !out.stdout.contains(&0x1b),
            "no escape reaches the terminal"
        );
    }
    // Stored by hash only: nothing in files/ carries a given name.
    for e in fs::read_dir(f.board.join("files")).unwrap().flatten() {
        let name = e.file_name();
        let name = name.to_str().unwrap();
        assert!(
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
    }
    let show = kw(&f.board, &["show", "15"]);
    assert!(show.status.success());
    assert!(!show.stdout.contains(&0x1b) && !show.stdout.contains(&b'\r'));
    let text = stdout(&show);
    assert!(text.contains("^[]0;owned^G^[[2J^[[31mred.pdf"), "{text}");
    assert!(text.contains("two lines^M.jpg"), "{text}");
    assert!(text.contains("gbk-\u{fffd}"), "{text}");
    assert!(text.contains("<U+202E>fdp.exe"), "{text}");
    let files = files_on(&f.board, 15, "15.2");
    assert_eq!(files.len(), 5);
    assert!(
        files
            .iter()
            .any(|x| x["name"].as_str().unwrap().starts_with("很长的文件名"))
    );
    // --json escapes controls: one line of valid JSON.
    let json = kw(&f.board, &["show", "15", "--json"]);
    assert!(
        !json.stdout.contains(&0x1b) && !json.stdout.windows(3).any(|w| w == "\u{202e}".as_bytes())
    );
    assert!(kw(&f.board, &["doctor"]).status.success());
}

#[test]
fn doctor_checks_linked_files_and_a_deleted_note_keeps_its_file() {
    let f = Fixture::seeded();
    let pdf = write(&f, "通知.pdf", b"notice");
    ok(&f.board, &["attach", "15.2", s(&pdf)]);
    let files = files_on(&f.board, 15, "15.2");
    let stored = f.board.join(files[0]["path"].as_str().unwrap());
    let out = ok(&f.board, &["doctor"]);
    assert!(!out.contains("通知.pdf"), "{out}");
    // Changed by hand: doctor says which file and that it does not match.
    fs::write(&stored, b"tampered").unwrap();
    let out = kw(&f.board, &["doctor"]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        !out.status.success() && text.contains("通知.pdf") && text.contains("哈希不符"),
        "{text}"
    );
    fs::write(&stored, b"notice").unwrap();
    // A symlink planted in files/ is a problem and never followed by attach.
    let evil = f.board.join("files").join("0".repeat(64));
    std::os::unix::fs::symlink("/etc/passwd", &evil).unwrap();
    let out = kw(&f.board, &["doctor"]);
    assert!(
        !out.status.success() && stdout(&out).contains(&"0".repeat(64)),
        "{}",
        describe(&out)
    );
    fs::remove_file(&evil).unwrap();
    // Deleting the note keeps the file; doctor mentions it, as information only.
    let id = note_ids(&f.board, 15, "15.2").remove(0);
    ok(&f.board, &["rm-note", &id]);
    assert_eq!(fs::read(&stored).unwrap(), b"notice");
    let out = ok(&f.board, &["doctor"]);
    assert!(out.contains("没有佐证引用该文件"), "{out}");
    // Put back from the history (undo after a restart): with its file.
    ok(&f.board, &["restore-note", &id]);
    let back = files_on(&f.board, 15, "15.2");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0]["name"], "通知.pdf");
    assert!(!ok(&f.board, &["doctor"]).contains("没有佐证引用该文件"));
    // Removed by hand: missing.
    let again = write(&f, "again.pdf", b"again");
    ok(&f.board, &["attach", &id, s(&again)]);
    let stored = f
        .board
        .join(files_on(&f.board, 15, "15.2")[1]["path"].as_str().unwrap());
    fs::remove_file(&stored).unwrap();
    let out = kw(&f.board, &["doctor"]);
    assert!(
        stdout(&out).contains("again.pdf 缺失"),
        "{}",
        describe(&out)
    );
    assert_code(&kw(&f.board, &["open", &id]), 1);
}

#[test]
fn sync_carries_files_and_keeps_both_sides_links() {
    use crate::sync::{offices, ok_at};
    let o = offices();
    let shared = b"%PDF the same scan";
    let pa = o.a.parent().unwrap().join("a-scan.pdf");
    let pb = o.b.parent().unwrap().join("b-photo.jpg");
    let pc = o.b.parent().unwrap().join("same-scan.pdf");
    fs::write(&pa, shared).unwrap();
    fs::write(&pb, b"photo").unwrap();
    fs::write(&pc, shared).unwrap();
    ok_at(
        &o.a,
        "zhang",
        "10:00:00",
        &["attach", "15.2", s(&pa), "--note", "甲方扫描件"],
    );
    ok_at(&o.a, "zhang", "10:00:30", &["sync"]);
    ok_at(&o.b, "li", "10:01:00", &["sync"]);
    // b adds a file to a's note and a note of its own holding the same scan.
    let id = note_ids(&o.b, 15, "15.2").remove(0);
    ok_at(&o.b, "li", "10:02:00", &["attach", &id, s(&pb)]);
    let pd = o.a.parent().unwrap().join("a-second.pdf");
    fs::write(&pd, b"second").unwrap();
    ok_at(&o.a, "zhang", "10:02:30", &["attach", &id, s(&pd)]);
    ok_at(&o.b, "li", "10:03:00", &["attach", "15.3", s(&pc)]);
    ok_at(&o.b, "li", "10:04:00", &["sync"]);
    ok_at(&o.a, "zhang", "10:05:00", &["sync"]);
    ok_at(&o.b, "li", "10:06:00", &["sync"]);
    for board in [&o.a, &o.b] {
        let mut on_note: Vec<String> = files_on(board, 15, "15.2")
            .iter()
            .map(|x| x["name"].as_str().unwrap().to_string())
            .collect();
        on_note.sort();
        assert_eq!(
            on_note,
            ["a-scan.pdf", "a-second.pdf", "b-photo.jpg"],
            "{}",
            board.display()
        );
        assert_eq!(files_on(board, 15, "15.3").len(), 1);
        let stored = fs::read_dir(board.join("files")).unwrap().count();
        assert_eq!(stored, 3, "the same content is one file");
        let out = kw(board, &["doctor"]);
        assert!(out.status.success(), "{}", describe(&out));
        let paths = ok(board, &["open", &id]);
        assert_eq!(paths.lines().count(), 3);
    }
}

fn note_files(board: &Path, n: u32) -> Vec<Vec<String>> {
    let t = task_toml(board, n);
    t.get("notes")
        .and_then(|n| n.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|n| {
            n.get("files")
                .and_then(|f| f.as_array().cloned())
                .unwrap_or_default()
                .iter()
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_path_prompt_completes_with_tab_and_attaches_in_the_editor_and_on_a_note() {
    use crate::common::pty::Tui;
    let f = Fixture::seeded();
    let docs = f.path("d");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("现场照片.jpg"), b"jpeg").unwrap();
    fs::write(docs.join("合同.pdf"), b"pdf").unwrap();
    fs::write(docs.join("a1.pdf"), b"1").unwrap();
    fs::write(docs.join("a2.pdf"), b"2").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", docs.join("link.pdf")).unwrap();
    let d = format!("{}/", docs.display());
    let mut tui = Tui::start(&f.board, 80, 24, "王芳");
    tui.wait_for("未启动");
    tui.send("\r");
    tui.wait_for("措施与佐证");
    // In the editor: Ctrl+t asks for a path; the file follows the note when it is saved.
    tui.send("n");
    tui.send("现场照片");
    tui.wait_for("现场照片");
    tui.send("\x14");
    tui.wait_for("附加文件（Tab 补全）");
    tui.send(&format!("{d}现场"));
    tui.send("\t");
    tui.wait_for("照片.jpg");
    tui.send("\r");
    tui.wait_for("保存佐证时附加");
    assert!(
        note_files(&f.board, 1).is_empty(),
        "nothing before the save"
    );
    tui.send("\x13");
    tui.wait_for("已附加 现场照片.jpg");
    assert_eq!(note_files(&f.board, 1), [vec!["现场照片.jpg".to_string()]]);
    // F on the selected note: several choices are listed, a symlink is refused (the prompt
    // stays), a completed name is attached.
    tui.send("j");
    tui.send("F");
    tui.wait_for("附加文件（Tab 补全）");
    tui.send(&format!("{d}a"));
    tui.send("\t");
    tui.wait_for("a1.pdf  a2.pdf");
    tui.send("\x1b");
    tui.send("F");
    tui.wait_for("附加文件（Tab 补全）");
    tui.send(&format!("{d}link.pdf\r"));
    tui.wait_for("符号链接");
    tui.send("\x1b");
    tui.send("F");
    tui.wait_for("附加文件（Tab 补全）");
    tui.send(&format!("{d}合"));
    tui.send("\t");
    tui.send("\r");
    tui.wait_for("已附加 合同.pdf");
    assert_eq!(
        note_files(&f.board, 1),
        [vec!["现场照片.jpg".to_string(), "合同.pdf".to_string()]]
    );
    // The detail shows them: the count in the tree, name, size and kind beside.
    tui.resize(120, 40);
    tui.wait_for("[附件 2]");
    tui.wait_for("附件 合同.pdf  3 B · PDF");
    tui.send("q");
    assert!(
        tui.exited_within(std::time::Duration::from_secs(5))
            .is_some()
    );
    assert!(ok(&f.board, &["show", "1"]).contains("现场照片.jpg  4 B · 图片"));
}
