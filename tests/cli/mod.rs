//! The command line end to end: the real binary on a board in a temp dir, one module per
//! subcommand (or group of them). Helpers shared by several modules live here.

mod colour;
mod config;
mod edit;
mod errors;
mod import;
mod json;
mod show;
mod status;

pub(crate) use crate::common::*;
use serde_json::Value;

const STATUSES_ZH: [&str; 4] = ["未启动", "推进中", "滞后", "已完成"];
const STATUSES_EN: [&str; 4] = ["not started", "in progress", "behind", "done"];

fn rfc3339(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    let s = v.as_str().unwrap_or_else(|| panic!("{v} is not a string"));
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("{v} is not an object"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[track_caller]
fn assert_has_keys(v: &Value, wanted: &[&str]) {
    let have = keys(v);
    for k in wanted {
        assert!(have.contains(k), "missing key {k:?} in {v}");
    }
}

/// Put a deadline into a task file by hand (there is no command for it yet). Quoted: the
/// store reads dates as strings, not as TOML dates.
fn set_deadline(f: &Fixture, n: u32, date: &str) {
    let path = f.task_file(n);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "\nstatus = ",
        &format!("\ndeadline = \"{date}\"\nstatus = "),
        1,
    );
    std::fs::write(&path, text).unwrap();
}

/// Output with the times of day it holds (`2026-11-30 22:05`, written when the test ran)
/// replaced by `<time>`, for snapshots. Dates alone (`2023-12-31`) are kept.
fn redact_times(text: &str) -> String {
    const PATTERN: &[u8] = b"dddd-dd-dd dd:dd";
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let matches = b.len() - i >= PATTERN.len()
            && PATTERN.iter().zip(&b[i..]).all(|(p, c)| match p {
                b'd' => c.is_ascii_digit(),
                p => p == c,
            });
        if matches {
            out.push_str("<time>");
            i += PATTERN.len();
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}
