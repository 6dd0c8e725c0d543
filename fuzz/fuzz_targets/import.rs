//! Arbitrary bytes → the importer of a published task list, as `keywork import FILE` runs it:
//! `import::parse_bytes` on the file's bytes, then `import::build_board` (which extracts the
//! targets of every title and measure with `targets::extract`). Target extraction also runs on
//! each task's whole text, which holds several sentences at once.
//!
//! Checked: never a panic; bytes in no encoding the importer reads (UTF-8, UTF-16, GB18030)
//! are always an error; every error names a real line (CRLF, CR and LF each end one); an accepted list numbers its tasks 1, 2, 3 ...; every
//! target has a label, a verbatim phrase, a known unit and a finite, non-negative value.

#![no_main]

use chrono::DateTime;
use keywork::import;
use keywork::model::default_statuses;
use keywork::targets::{self, FoundTarget};
use libfuzzer_sys::fuzz_target;

/// How many lines the importer sees: one more than the line breaks (`\r\n` counts once).
fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

fn check_target(sentence: &str, f: &FoundTarget) {
    assert!(!f.label.is_empty(), "empty label in {sentence:?}: {f:?}");
    assert!(!f.phrase.is_empty(), "empty phrase in {sentence:?}: {f:?}");
    assert!(
        sentence.contains(&f.phrase),
        "phrase not verbatim in {sentence:?}: {f:?}"
    );
    assert!(
        targets::UNITS.contains(&f.unit.as_str()),
        "unknown unit in {sentence:?}: {f:?}"
    );
    assert!(
        f.value.is_finite() && f.value >= 0.0,
        "value out of range in {sentence:?}: {f:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    // Lines of the text as decoded (a UTF-16 file has its own line breaks).
    let lines = match import::decode::decode(data) {
        Ok(d) => line_count(d.text.as_bytes()),
        Err(_) => line_count(data),
    };
    let list = match import::parse_bytes(data) {
        Ok(list) => list,
        Err(errors) => {
            assert!(!errors.is_empty(), "an error without a line");
            for e in &errors {
                assert!(e.line >= 1 && e.line <= lines, "{e:?} of {lines} lines");
            }
            assert!(
                errors.windows(2).all(|w| w[0].line <= w[1].line),
                "errors out of line order: {errors:?}"
            );
            return;
        }
    };
    assert!(
        import::decode::decode(data).is_ok(),
        "bytes in no supported encoding were accepted"
    );
    assert!(!list.tasks.is_empty());
    for (i, t) in list.tasks.iter().enumerate() {
        assert_eq!(t.number as usize, i + 1, "tasks numbered out of order");
        assert!(t.line >= 1 && t.line <= lines);
        for f in targets::extract(&t.text) {
            check_target(&t.text, &f);
        }
    }

    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let board = import::build_board(&list, default_statuses(), "fuzz.txt", now);
    assert_eq!(board.tasks.len(), list.tasks.len());
    for (task, parsed) in board.tasks.iter().zip(&list.tasks) {
        assert_eq!(task.measures.len(), parsed.measures.len());
        for t in &task.targets {
            let from = match &t.measure {
                Some(id) => {
                    let m = task.measure(id).expect("target of an unknown measure");
                    m.text.as_str()
                }
                None => task.title.as_str(),
            };
            let f = FoundTarget {
                label: t.label.clone(),
                phrase: t.phrase.clone(),
                value: t.target,
                unit: t.unit.clone(),
                qualifier: t.qualifier.clone(),
            };
            check_target(from, &f);
        }
    }
});
