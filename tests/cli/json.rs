//! The `--json` contract (`src/cli/output/json.rs`): the fields promised to scripts from the
//! start are there with their types, and the shape of every command's output is a reviewed
//! snapshot, so that renaming or dropping a field fails here.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// The fields `status --json` and `show N --json` were promised with (the project's design,
/// command line section; restated in `src/cli/output/json.rs`).
const STATUS: &[&str] = &["title", "issued", "statuses", "tasks"];
const STATUS_TASK: &[&str] = &[
    "number",
    "title",
    "status",
    "measures",
    "measures_done",
    "notes",
    "targets",
    "overdue",
    "updated",
];
const SHOW: &[&str] = &[
    "number", "title", "text", "status", "lead", "partners", "deadline", "measures", "targets",
    "notes", "history",
];
const SHOW_MEASURE: &[&str] = &["id", "text", "status", "notes"];
const SHOW_TARGET: &[&str] = &[
    "id",
    "label",
    "phrase",
    "target",
    "unit",
    "qualifier",
    "current",
];
const NOTE: &[&str] = &["id", "at", "author", "text", "ref"];
const HISTORY: &[&str] = &["at", "author", "what"];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_u64() => "count",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn walk(v: &Value, path: String, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    out.entry(path.clone()).or_default().insert(kind(v));
    match v {
        Value::Array(items) => {
            for x in items {
                walk(x, format!("{path}[]"), out);
            }
        }
        Value::Object(fields) => {
            for (k, x) in fields {
                walk(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// The shape of a JSON document: one line per field path (arrays merged) with the JSON types
/// seen there (`count` for a whole number).
fn shape(v: &Value) -> String {
    let mut paths = BTreeMap::new();
    walk(v, String::new(), &mut paths);
    paths
        .iter()
        .map(|(p, k)| {
            let p = if p.is_empty() { "." } else { p };
            format!("{p}: {}", k.iter().copied().collect::<Vec<_>>().join("|"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every promised field is in `v`, and every one of its kinds is among `allowed`.
#[track_caller]
fn promised(v: &Value, fields: &[&str], kinds: &[(&str, &[&str])]) {
    assert_has_keys(v, fields);
    for (field, allowed) in kinds {
        let k = kind(&v[*field]);
        assert!(
            allowed.contains(&k),
            "{field} is {k}, not one of {allowed:?}: {v}"
        );
    }
}

/// A board with something in every field: owners, deadlines, notes with and without a
/// reference, a target with a value, a removed note.
fn full_board() -> Fixture {
    let f = Fixture::seeded();
    ok(&f.board, &["set", "15", "doing"]);
    ok(
        &f.board,
        &["note", "15.2", "签约完成", "--ref", "杨府发〔2023〕12号"],
    );
    ok(&f.board, &["note", "15", "任务层面的佐证"]);
    ok(&f.board, &["target", "15#4", "120"]);
    ok(
        &f.board,
        &[
            "assign",
            "15",
            "--lead",
            "区旧改办",
            "--partner",
            "区房管局",
        ],
    );
    ok(&f.board, &["due", "15", "2023-12-31"]);
    ok(&f.board, &["due", "15.1", "2023-06-30"]);
    let id = show_json(&f.board, 15)["notes"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&f.board, &["rm-note", &id]);
    ok(&f.board, &["note", "15", "重新上传的佐证"]);
    f
}

#[test]
fn status_and_show_json_keep_every_promised_field() {
    let f = full_board();
    let status = status_json(&f.board);
    promised(
        &status,
        STATUS,
        &[
            ("title", &["string"]),
            ("issued", &["string", "null"]),
            ("statuses", &["array"]),
        ],
    );
    let counts: &[&str] = &["count"];
    for t in status["tasks"].as_array().unwrap() {
        promised(
            t,
            STATUS_TASK,
            &[
                ("number", counts),
                ("title", &["string"]),
                ("status", &["string"]),
                ("measures", counts),
                ("measures_done", counts),
                ("notes", counts),
                ("targets", counts),
                ("overdue", &["bool"]),
                ("updated", &["string", "null"]),
            ],
        );
    }
    let show = show_json(&f.board, 15);
    promised(
        &show,
        SHOW,
        &[
            ("number", counts),
            ("text", &["string"]),
            ("lead", &["array"]),
            ("partners", &["array"]),
            ("deadline", &["string", "null"]),
        ],
    );
    assert_eq!(show["deadline"], "2023-12-31");
    assert_eq!(show["lead"], serde_json::json!(["区旧改办"]));
    for m in show["measures"].as_array().unwrap() {
        promised(
            m,
            SHOW_MEASURE,
            &[("id", &["string"]), ("notes", &["array"])],
        );
    }
    for t in show["targets"].as_array().unwrap() {
        let number: &[&str] = &["count", "number"];
        promised(
            t,
            SHOW_TARGET,
            &[
                ("target", number),
                ("current", &["count", "number", "null"]),
                ("qualifier", &["string", "null"]),
            ],
        );
    }
    let notes: Vec<&Value> = show["notes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(measure(&show, "15.2")["notes"].as_array().unwrap())
        .collect();
    assert_eq!(notes.len(), 2);
    for n in notes {
        promised(
            n,
            NOTE,
            &[("ref", &["string", "null"]), ("at", &["string"])],
        );
        rfc3339(&n["at"]);
    }
    for e in history(&show) {
        promised(e, HISTORY, &[("what", &["string"])]);
        rfc3339(&e["at"]);
    }
    insta::assert_snapshot!("status_json_shape", shape(&status));
    insta::assert_snapshot!("show_json_shape", shape(&show));
}

#[test]
fn log_boards_and_import_json_keep_their_shape() {
    let f = full_board();
    let log: Value = serde_json::from_str(&ok(&f.board, &["log", "--json"])).unwrap();
    insta::assert_snapshot!("log_json_shape", shape(&log));

    // `boards` lists the data dir: one board that reads, one that does not.
    let root = f.tmp.path();
    assert_ok(&kw_in(root, &["status"]));
    let broken = root.join("xdg-data/keywork/boards/broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("board.toml"), "title = \n").unwrap();
    let out = kw_in(root, &["boards", "--json"]);
    let boards: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(boards.as_array().unwrap().len(), 2, "{boards}");
    insta::assert_snapshot!("boards_json_shape", shape(&boards));

    let dry = ok(
        &f.path("new"),
        &[
            "import",
            seed_file().to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    let dry: Value = serde_json::from_str(&dry).unwrap();
    insta::assert_snapshot!("import_dry_run_json_shape", shape(&dry));
    let update = ok(
        &f.board,
        &[
            "import",
            seed_file().to_str().unwrap(),
            "--update",
            "--dry-run",
            "--json",
        ],
    );
    let update: Value = serde_json::from_str(&update).unwrap();
    // The update adds its outcome to the dry run's fields.
    assert_eq!(keys(&update), {
        let mut k = keys(&dry);
        k.push("update");
        k.sort_unstable();
        k
    });
    insta::assert_snapshot!("import_update_json_shape", shape(&update["update"]));
}

/// The bytes scripts see: one line, keys in alphabetical order at every level, counts as
/// integers and progress with one decimal, as before the shapes became structs.
#[test]
fn status_json_bytes_are_unchanged() {
    let f = Fixture::seeded();
    let raw = ok(&f.board, &["status", "--json"]);
    assert_eq!(raw.lines().count(), 1, "{raw}");
    let head = concat!(
        r#"{"issued":"2023-09-19","statuses":["未启动","推进中","滞后","已完成"],"#,
        r#""tally":{"ahead":0,"behind":0,"done":0,"on":22},"tasks":[{"deadline":null,"#,
        r#""lead":[],"measures":3,"measures_done":0,"notes":0,"number":1,"overdue":false,"#,
        r#""partners":[],"schedule":{"actual":0.0,"class":"on","expected":null,"#,
        r#""warning":null},"status":"未启动","status_key":"todo","targets":0,"#,
        r#""title":"深入学习贯彻党的二十大精神"#,
    );
    assert!(raw.starts_with(head), "{raw}");
    assert!(
        raw.trim_end()
            .ends_with(r#""title":"2023 年区委、区政府重点工作任务"}"#),
        "{raw}"
    );
}

/// The follow-through fields of `show --json` and the entries of `decisions --json` (issue 18;
/// `src/cli/output/json/follow.rs`): every one present, `null` rather than left out.
const SOURCE: &[&str] = &["kind", "text", "by", "date", "feedback", "set"];
const DECISION: &[&str] = &[
    "id",
    "task",
    "on",
    "text",
    "unit",
    "due",
    "meeting",
    "source",
    "made",
    "made_by",
    "state",
    "closed",
    "closed_by",
    "note",
    "evidence",
    "carried",
    "updated",
    "age_days",
    "overdue",
    "extensions",
    "urges",
];
const EXTENSION: &[&str] = &["on", "from", "to", "reason", "approved_by", "at", "by"];
const URGE: &[&str] = &["id", "on", "level", "at", "by", "unit", "note", "expected"];

#[test]
fn show_and_decisions_json_keep_the_follow_through_fields() {
    let f = full_board();
    ok(&f.board, &["source", "15", "常务会议"]);
    ok(
        &f.board,
        &[
            "decide",
            "15.2",
            "加快签约",
            "--unit",
            "区旧改办",
            "--due",
            "2023-10-12",
        ],
    );
    ok(
        &f.board,
        &["decide", "15", "无时限的事项", "--unit", "区房管局"],
    );
    ok(
        &f.board,
        &[
            "due",
            "D15-1",
            "2023-10-31",
            "--extend",
            "--reason",
            "资金未到位",
        ],
    );
    let dir = f.path("n");
    std::fs::create_dir(&dir).unwrap();
    ok(
        &f.board,
        &[
            "urge",
            "D15-1",
            "--level",
            "yellow",
            "--dir",
            dir.to_str().unwrap(),
        ],
    );
    let raw = ok(&f.board, &["show", "15", "--json"]);
    assert_eq!(
        raw.lines().count(),
        1,
        "show --json is one line, follow fields too"
    );
    let show = show_json(&f.board, 15);
    assert_has_keys(&show, &["source", "decisions", "extensions", "urges"]);
    promised(&show["source"], SOURCE, &[("date", &["string", "null"])]);
    let decisions = show["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    for d in decisions {
        promised(
            d,
            DECISION,
            &[
                ("task", &["count"]),
                ("due", &["string", "null"]),
                ("meeting", &["null"]),
                ("closed", &["null"]),
                ("age_days", &["count"]),
                ("overdue", &["bool"]),
            ],
        );
    }
    promised(
        &show["extensions"][0],
        EXTENSION,
        &[("from", &["string"]), ("approved_by", &["string"])],
    );
    promised(
        &show["urges"][0],
        URGE,
        &[("expected", &["string", "null"])],
    );
    assert_eq!(show["urges"][0]["level"], "yellow");
    // `decisions --json` lists the same entries.
    let listed: Value = serde_json::from_str(&ok(&f.board, &["decisions", "--json"])).unwrap();
    assert_eq!(&listed, &show["decisions"]);
    insta::assert_snapshot!("show_follow_json_shape", shape(&show));
    insta::assert_snapshot!("decisions_json_shape", shape(&listed));
}
