//! Crash safety: `keywork note` processes killed with SIGKILL at random moments, 200 times.
//! After every kill the board loads, and every note whose command reported success is there,
//! exactly once; a killed command's note is there once or not at all, never torn.

use crate::common::*;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A small deterministic generator (no rand crate): the kill delays.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn two_hundred_kills_lose_no_acknowledged_note_and_tear_nothing() {
    let f = Fixture::seeded();
    let mut rng = Lcg(0x006b_6579_776f_726b);
    // How long one note takes here (debug build, busy machine): kills land across it.
    let t0 = Instant::now();
    ok(&f.board, &["note", "1", "计时"]);
    let span = (t0.elapsed().as_micros() as u64 * 3 / 2).max(2_000);
    let mut acknowledged = Vec::new();
    let mut killed = Vec::new();
    let started = Instant::now();
    for i in 0..200 {
        let text = format!("崩溃测试佐证 {i}");
        let item = ["15", "15.2", "3"][i % 3];
        let mut child = command(&f.board, &["note", item, &text])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Somewhere between "just started" and "probably done" (a note takes a few ms).
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            acknowledged.push(text);
        } else {
            killed.push(text);
        }
        // After every kill the board loads.
        let out = kw(&f.board, &["status", "--json"]);
        assert!(out.status.success(), "kill {i}: {}", describe(&out));
    }
    assert!(
        acknowledged.len() > 10 && killed.len() > 10,
        "the kills should land both before and after completion: {} acknowledged, {} killed",
        acknowledged.len(),
        killed.len()
    );
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in [15, 3] {
        let task = show_json(&f.board, n);
        let notes = task["notes"].as_array().unwrap().iter().chain(
            task["measures"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|m| m["notes"].as_array().unwrap().iter()),
        );
        for note in notes {
            *seen
                .entry(note["text"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    for text in &acknowledged {
        assert_eq!(
            seen.get(text),
            Some(&1),
            "acknowledged note {text:?} must be there once"
        );
    }
    for text in &killed {
        assert!(seen.get(text).copied().unwrap_or(0) <= 1, "{text:?} twice");
    }
    // Temp files a kill left behind are ignored by the loader (never mistaken for tasks), and
    // the next change removes them.
    let temp_files = || {
        [f.board.join("tasks"), f.board.clone()]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap())
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().contains(".tmp-")
            })
            .count()
    };
    let leftovers = temp_files();
    if leftovers > 0 {
        // doctor names each of them (cache temps included).
        let report = stdout(&kw(&f.board, &["doctor"]));
        assert_eq!(
            report.matches("写入中断时留下的").count(),
            leftovers,
            "{report}"
        );
    }
    ok(&f.board, &["note", "1", "清理"]);
    assert_eq!(temp_files(), 0, "the next change cleans up");
    eprintln!(
        "200 kills in {:?}: {} acknowledged (all present once), {} killed ({} of them landed), \
         {leftovers} temp files left (then removed)",
        started.elapsed(),
        acknowledged.len(),
        killed.len(),
        killed.iter().filter(|t| seen.contains_key(*t)).count()
    );
}
