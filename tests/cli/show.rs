//! `show N`: the tree of a task, and `show N --json`.

use super::*;

#[test]
fn show_json_follows_the_contract() {
    let f = Fixture::seeded();
    ok(
        &f.board,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    ok(&f.board, &["note", "15", "任务层面的佐证"]);
    let v = show_json(&f.board, 15);
    assert_has_keys(
        &v,
        &[
            "number", "title", "text", "status", "lead", "partners", "deadline", "measures",
            "targets", "notes", "history",
        ],
    );
    assert_eq!(v["number"], 15);
    assert_eq!(v["title"], "加快推动城市更新");
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .starts_with("加快推动城市更新。按照全市“两旧一村”改造部署")
    );
    assert_eq!(v["status"], "未启动");
    assert_eq!(v["lead"], serde_json::json!([]));
    assert_eq!(v["partners"], serde_json::json!([]));
    assert!(v["deadline"].is_null());

    let measures = v["measures"].as_array().unwrap();
    let ids: Vec<&str> = measures.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["15.1", "15.2", "15.3", "15.4"]);
    for m in measures {
        assert_has_keys(m, &["id", "text", "status", "notes"]);
        assert_eq!(m["status"], "未启动");
        assert!(m["text"].as_str().unwrap().ends_with('。'), "{m}");
    }
    let note = &measure(&v, "15.2")["notes"][0];
    assert_has_keys(note, &["id", "at", "author", "text", "ref"]);
    assert_eq!(note["text"], "签约完成");
    assert_eq!(note["ref"], "杨府发〔2023〕12号");
    assert_eq!(note["author"], "tester");
    rfc3339(&note["at"]);
    let own = v["notes"].as_array().unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["text"], "任务层面的佐证");
    assert!(own[0]["ref"].is_null());

    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 8);
    for t in targets {
        assert_has_keys(
            t,
            &[
                "id",
                "label",
                "phrase",
                "target",
                "unit",
                "qualifier",
                "current",
            ],
        );
        assert!(t["target"].is_number(), "{t}");
        assert!(t["current"].is_null(), "{t}");
    }
    let find = |value: f64, unit: &str| {
        targets
            .iter()
            .find(|t| t["target"].as_f64() == Some(value) && t["unit"] == unit)
            .unwrap_or_else(|| panic!("no target {value} {unit} in {targets:?}"))
    };
    let area = find(74000.0, "平方米");
    assert_eq!(area["phrase"], "7.4万平方米");
    assert!(area["qualifier"].is_null());
    let lifts = find(200.0, "台");
    assert!(
        lifts["phrase"].as_str().unwrap().starts_with("200台"),
        "{lifts}"
    );
    let homes = find(2400.0, "户");
    assert_eq!(homes["qualifier"], "余");
    find(500000.0, "平方米");
    find(16.0, "公里");

    let history = history(&v);
    assert_eq!(history.len(), 3);
    for e in history {
        assert_has_keys(e, &["at", "author", "what"]);
        rfc3339(&e["at"]);
    }
    assert_eq!(history[0]["author"], "import");
    assert_eq!(history[0]["what"], "15 导入");
    assert_eq!(history[1]["what"], "15.2 添加佐证");
    assert_eq!(history[2]["what"], "15 添加佐证");
}

#[test]
fn show_text_lists_measures_notes_and_targets() {
    let f = Fixture::seeded();
    ok(&f.board, &["set", "15.2", "done"]);
    ok(
        &f.board,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    ok(&f.board, &["target", "15#4", "120"]);
    let text = ok(&f.board, &["show", "15"]);
    // The note's id (for rm-note / move-note) ends its line, after the reference.
    let id = measure(&show_json(&f.board, 15), "15.2")["notes"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.contains(&format!("〔杨府发〔2023〕12号〕  [{id}]\n")),
        "{text}"
    );
    let text = redact_times(&text).replace(&id, "<note id>");
    insta::assert_snapshot!(text);
}
