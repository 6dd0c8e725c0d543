//! `keywork import` on the lists offices publish: the dry run (text and JSON) writes nothing
//! and shows owners, deadlines and lines set aside; messages name the line and suggest
//! `--level`; `--update` keeps notes and statuses.

use crate::common::*;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lists")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn dry_run_shows_the_board_and_writes_nothing() {
    crate::common::english();
    let f = Fixture::empty();
    let list = fixture("08-pdf-copy.txt");
    let out = ok(&f.board, &["import", &list, "--dry-run"]);
    assert!(out.contains("1. 加快重大项目建设"), "{out}");
    assert!(out.contains("line 8: \"— 3 —\" — a page footer"), "{out}");
    assert!(out.contains("(dry run: nothing was written)"), "{out}");
    assert!(!f.board.exists(), "a dry run created {}", f.board.display());

    let json = ok(
        &f.board,
        &[
            "import",
            &fixture("12-table-pipe.txt"),
            "--dry-run",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["counts"]["tasks"], 4);
    let m = &v["tasks"][0]["measures"][0];
    assert_eq!(m["lead"][0], "区投资促进局");
    assert_eq!(m["deadline"], "2024-12-31");
    assert_eq!(v["tasks"][0]["group"][0], "一、推动高质量发展");
    assert!(!f.board.exists());

    // Over an existing board too.
    let s = Fixture::seeded();
    let before = snapshot(&s.board);
    ok(&s.board, &["import", &list, "--dry-run"]);
    assert_same_files(&before, &snapshot(&s.board), "import --dry-run");
}

#[test]
fn a_nested_list_imports_with_groups_owners_and_deadlines() {
    let f = Fixture::empty();
    ok(&f.board, &["import", &fixture("03-nested.txt")]);
    let t = show_json(&f.board, 1);
    assert_eq!(t["title"], "推行高频事项“免申即享”");
    assert_eq!(t["group"][0], "一、提升政务服务效能");
    assert_eq!(measure(&t, "1.3")["lead"][0], "区数据局");
    assert_eq!(measure(&t, "1.3")["deadline"], "2025-06-30");
    let text = ok(&f.board, &["show", "1"]);
    assert!(
        text.starts_with("一、提升政务服务效能 › （一）深化“一网通办”\n"),
        "{text}"
    );
    // The weekly report names the section of a task that changed.
    ok(&f.board, &["note", "1", "已梳理惠企政策清单"]);
    let report = ok(&f.board, &["report"]);
    assert!(
        report.contains("一、提升政务服务效能 › （一）深化“一网通办”"),
        "{report}"
    );
    let board = std::fs::read_to_string(f.board.join("board.toml")).expect("board.toml");
    assert!(
        board.contains("东湖区2025年优化营商环境重点任务"),
        "{board}"
    );
}

#[test]
fn a_number_alone_is_named_and_repeats_suggest_level() {
    crate::common::english();
    let f = Fixture::empty();
    let bad = f.path("list.txt");
    std::fs::write(&bad, "清单\n1.新建学校2所。\n2\n").unwrap();
    let out = kw(&f.board, &["import", bad.to_str().unwrap()]);
    let err = assert_code(&out, 1);
    assert!(
        err.contains("list.txt:3: \"2\" — a number alone; its text is expected on the next line"),
        "{err}"
    );
    std::fs::write(&bad, "一、甲\n1.新建学校2所。\n二、乙\n1.新建公园1座。\n").unwrap();
    let out = kw(&f.board, &["import", bad.to_str().unwrap(), "--level", "2"]);
    let err = assert_code(&out, 1);
    assert!(err.contains("list.txt:4: task 1 appears twice"), "{err}");
    assert!(err.contains("--level N"), "{err}");
    assert!(!f.board.exists());
}

#[test]
fn an_undecodable_file_names_the_byte() {
    crate::common::english();
    let f = Fixture::empty();
    let bad = f.path("list.txt");
    std::fs::write(&bad, b"title\n1.a\n\xff\xfe\xff\n").unwrap();
    let err = assert_code(&kw(&f.board, &["import", bad.to_str().unwrap()]), 1);
    assert!(err.contains("list.txt:3: invalid text at byte 10"), "{err}");
}

#[test]
fn update_keeps_notes_statuses_and_lists_what_it_could_not_match() {
    crate::common::english();
    let f = Fixture::empty();
    let first = f.path("v1.txt");
    std::fs::write(
        &first,
        "2024年某区重点工作任务\n1.新建养老床位300张。建设助餐点20个。\n2.改造老旧小区24个。\n",
    )
    .unwrap();
    ok(&f.board, &["import", first.to_str().unwrap()]);
    ok(&f.board, &["note", "1.1", "已完成12个助餐点"]);
    ok(&f.board, &["set", "1", "doing"]);
    ok(&f.board, &["target", "1.2", "12"]);

    let second = f.path("v2.txt");
    std::fs::write(
        &second,
        "2024年某区重点工作任务\n1.新建养老床位300张。建设助餐点25个。\n牵头单位：区民政局\n2.新增公办幼儿园学位900个。\n",
    )
    .unwrap();
    let dry = ok(
        &f.board,
        &["import", second.to_str().unwrap(), "--update", "--dry-run"],
    );
    assert!(
        dry.contains("task 2 \"改造老旧小区24个\" is not in the new list: kept"),
        "{dry}"
    );
    assert!(dry.contains("1 added (numbers 3)"), "{dry}");
    let out = ok(&f.board, &["import", second.to_str().unwrap(), "--update"]);
    assert!(out.contains("1 tasks matched, 1 added"), "{out}");
    let t = show_json(&f.board, 1);
    assert_eq!(t["status_key"], "doing");
    assert_eq!(t["lead"][0], "区民政局");
    let m = measure(&t, "1.1");
    assert_eq!(m["text"], "建设助餐点25个。");
    assert_eq!(m["notes"].as_array().map(Vec::len), Some(1));
    assert_eq!(target(&t, "1#2")["target"], 25.0);
    assert_eq!(target(&t, "1#2")["current"], 12.0);
    assert_eq!(show_json(&f.board, 2)["title"], "改造老旧小区24个");
    assert_eq!(show_json(&f.board, 3)["title"], "新增公办幼儿园学位900个");
}
