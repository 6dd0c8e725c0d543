//! `set`, `note`, `target` and who the author of a change is.

use super::*;
use std::ffi::OsStr;

#[test]
fn set_accepts_chinese_english_and_column_numbers_and_records_once() {
    let f = Fixture::seeded();
    let out = ok(&f.board, &["set", "15", "推进中"]);
    assert_eq!(out, "15 未启动 → 推进中\n");
    let file_after_first = std::fs::read(f.task_file(15)).unwrap();
    let v = show_json(&f.board, 15);
    assert_eq!(v["status"], "推进中");
    assert_eq!(v["status_key"], "doing");
    assert_eq!(history(&v).len(), 2);
    let e = &history(&v)[1];
    assert_eq!(e["author"], "tester");
    assert_eq!(e["what"], "15 状态 未启动 → 推进中");
    assert_eq!(e["kind"], "status");
    assert_eq!(e["from"], "todo");
    assert_eq!(e["to"], "doing");

    // The same status again, by English key and by column number: no event, no write.
    assert_eq!(
        ok(&f.board, &["set", "15", "doing"]),
        "15 推进中 (状态未变)\n"
    );
    assert_eq!(ok(&f.board, &["set", "15", "2"]), "15 推进中 (状态未变)\n");
    assert_eq!(
        ok(&f.board, &["set", "15", "In Progress"]),
        "15 推进中 (状态未变)\n"
    );
    assert_eq!(std::fs::read(f.task_file(15)).unwrap(), file_after_first);
    assert_eq!(history(&show_json(&f.board, 15)).len(), 2);

    // A column number and a measure.
    assert_eq!(ok(&f.board, &["set", "15", "3"]), "15 推进中 → 滞后\n");
    assert_eq!(
        ok(&f.board, &["set", "15.2", "done"]),
        "15.2 未启动 → 已完成\n"
    );
    let v = show_json(&f.board, 15);
    assert_eq!(v["status"], "滞后");
    assert_eq!(measure(&v, "15.2")["status"], "已完成");
    assert_eq!(measure(&v, "15.2")["status_key"], "done");
    assert_eq!(measure(&v, "15.1")["status"], "未启动");
    let h = history(&v);
    assert_eq!(h.len(), 4);
    assert_eq!(h[3]["what"], "15.2 状态 未启动 → 已完成");

    // What is on disk.
    let file = task_toml(&f.board, 15);
    assert_eq!(file["status"].as_str(), Some("behind"));
    let measures = file["measures"].as_array().unwrap();
    assert_eq!(measures[1]["id"].as_str(), Some("15.2"));
    assert_eq!(measures[1]["status"].as_str(), Some("done"));
    let events = file["history"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    assert!(
        events[1..]
            .iter()
            .all(|e| e["author"].as_str() == Some("tester"))
    );

    let st = status_json(&f.board);
    assert_eq!(st["tasks"][14]["measures_done"], 1);
    assert_eq!(st["tasks"][14]["status"], "滞后");
    // Other tasks were not touched.
    assert_eq!(st["tasks"][13]["status"], "未启动");
}

#[test]
fn note_on_a_measure_keeps_chinese_text_and_reference() {
    let f = Fixture::seeded();
    let out = ok(
        &f.board,
        &["note", "15.2", "中文佐证", "--ref", "杨府发〔2023〕12号"],
    );
    let id = out
        .strip_prefix("已添加佐证 ")
        .and_then(|s| s.strip_suffix(" → 15.2\n"))
        .unwrap_or_else(|| panic!("{out:?}"));
    let (stamp, hex) = id.split_once('-').unwrap();
    assert_eq!(stamp.len(), 14, "{id}");
    assert!(stamp.chars().all(|c| c.is_ascii_digit()), "{id}");
    assert_eq!(hex.len(), 8, "{id}");

    let v = show_json(&f.board, 15);
    let notes = measure(&v, "15.2")["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["id"], id);
    assert_eq!(notes[0]["text"], "中文佐证");
    assert_eq!(notes[0]["ref"], "杨府发〔2023〕12号");
    assert_eq!(notes[0]["author"], "tester");
    assert_eq!(v["notes"], serde_json::json!([]));
    let e = history(&v).last().unwrap();
    assert_eq!(e["kind"], "note_added");
    assert_eq!(e["note"], id);
    assert_eq!(e["on"], "15.2");
    assert_eq!(e["author"], "tester");

    let file = task_toml(&f.board, 15);
    let n = &file["notes"].as_array().unwrap()[0];
    assert_eq!(n["on"].as_str(), Some("15.2"));
    assert_eq!(n["ref"].as_str(), Some("杨府发〔2023〕12号"));
    assert_eq!(status_json(&f.board)["tasks"][14]["notes"], 1);
}

#[test]
fn note_from_stdin_keeps_every_line() {
    crate::common::english();
    let f = Fixture::seeded();
    let out = kw_stdin(&f.board, &["note", "15", "-"], "第一行\n第二行\n");
    assert_ok(&out);
    assert!(stdout(&out).ends_with(" → 15\n"), "{}", describe(&out));
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"][0]["text"], "第一行\n第二行");
    let file = task_toml(&f.board, 15);
    assert_eq!(file["notes"][0]["text"].as_str(), Some("第一行\n第二行"));
    // The tree shows both lines, the second indented under the first.
    let text = ok(&f.board, &["show", "15"]);
    let first = text.lines().position(|l| l.contains("第一行")).unwrap();
    let second = text.lines().nth(first + 1).unwrap();
    assert_eq!(second.trim_start(), "第二行", "{text}");
    assert!(second.starts_with("    "), "{text}");

    // CRLF from a Windows editor becomes plain newlines; empty stdin is an empty note.
    let out = kw_stdin(&f.board, &["note", "15.1", "-"], "甲\r\n乙\r\n");
    assert_ok(&out);
    assert_eq!(
        measure(&show_json(&f.board, 15), "15.1")["notes"][0]["text"],
        "甲\n乙"
    );
    let before = snapshot(&f.board);
    let out = kw_stdin(&f.board, &["note", "15", "-"], "\n  \n");
    assert!(assert_code(&out, 2).contains("empty"), "{}", describe(&out));
    assert_same_files(&before, &snapshot(&f.board), "empty stdin note");
}

#[test]
fn note_text_is_cleaned_of_terminal_controls() {
    let f = Fixture::seeded();
    ok(&f.board, &["note", "15", "红\x1b[31m色\x07\t完成"]);
    let v = show_json(&f.board, 15);
    assert_eq!(v["notes"][0]["text"], "红[31m色    完成");
    let text = ok(&f.board, &["show", "15"]);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
}

#[test]
fn author_comes_from_flag_then_env_then_config_then_login() {
    let f = Fixture::seeded();
    let os = |s: &'static str| Some(OsStr::new(s));
    // Flag over environment.
    assert_ok(&kw_env(
        &f.board,
        &["note", "15", "甲", "--author", "王芳"],
        &[("KEYWORK_AUTHOR", os("李明"))],
    ));
    // Environment alone.
    assert_ok(&kw_env(
        &f.board,
        &["note", "15", "乙"],
        &[("KEYWORK_AUTHOR", os("李明"))],
    ));
    // The config file's author when neither is given.
    let config = f.path("author.toml");
    std::fs::write(&config, "author = \"张三\"\n").unwrap();
    assert_ok(&kw_env(
        &f.board,
        &["set", "15", "doing"],
        &[
            ("KEYWORK_AUTHOR", None),
            ("KEYWORK_CONFIG", Some(config.as_os_str())),
        ],
    ));
    // The login name when nothing else says who.
    assert_ok(&kw_env(
        &f.board,
        &["target", "15#4", "3"],
        &[
            ("KEYWORK_AUTHOR", None),
            ("USER", os("zhaoli")),
            ("LOGNAME", os("zhaoli")),
        ],
    ));
    let v = show_json(&f.board, 15);
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes[0]["author"], "王芳");
    assert_eq!(notes[1]["author"], "李明");
    let authors: Vec<&str> = history(&v)
        .iter()
        .map(|e| e["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["import", "王芳", "李明", "张三", "zhaoli"]);
    assert_eq!(target(&v, "15#4")["updated_by"], "zhaoli");
    let text = ok(&f.board, &["show", "15"]);
    assert!(text.contains(" 王芳  甲"), "{text}");
}

#[test]
fn target_takes_plain_and_chinese_numbers() {
    let f = Fixture::seeded();
    let v = show_json(&f.board, 15);
    assert_eq!(target(&v, "15#4")["target"].as_f64(), Some(200.0));
    assert_eq!(target(&v, "15#4")["unit"], "台");
    assert_eq!(target(&v, "15#1")["unit"], "平方米");

    let out = ok(&f.board, &["target", "15#4", "120"]);
    assert!(
        out.starts_with("15#4 ") && out.ends_with(": 120 / 200台\n"),
        "{out:?}"
    );
    let out = ok(&f.board, &["target", "15#1", "7.4万"]);
    assert!(out.ends_with(": 74000 / 74000平方米\n"), "{out:?}");
    ok(&f.board, &["target", "15#3", "１２,５００.５"]);

    let v = show_json(&f.board, 15);
    assert_eq!(target(&v, "15#4")["current"].as_f64(), Some(120.0));
    assert_eq!(target(&v, "15#1")["current"].as_f64(), Some(74000.0));
    assert_eq!(target(&v, "15#3")["current"].as_f64(), Some(12500.5));
    assert!(target(&v, "15#2")["current"].is_null());
    assert_eq!(target(&v, "15#4")["updated_by"], "tester");
    let whats: Vec<&str> = history(&v)[1..]
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "15#4 指标 — → 120",
            "15#1 指标 — → 74000",
            "15#3 指标 — → 12500.5"
        ]
    );
    // The same value again changes nothing; a new one records from and to.
    let before = snapshot(&f.board);
    ok(&f.board, &["target", "15#4", "120"]);
    assert_same_files(&before, &snapshot(&f.board), "same target value");
    ok(&f.board, &["target", "15#4", "150"]);
    let v = show_json(&f.board, 15);
    assert_eq!(history(&v).last().unwrap()["what"], "15#4 指标 120 → 150");
    let file = task_toml(&f.board, 15);
    let t = file["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"].as_str() == Some("15.4"))
        .unwrap();
    assert_eq!(t["current"].as_float(), Some(150.0));
}
