//! Target ids that cannot be read as measure ids: `15#4` on the command line and in every
//! output, with the measure whose sentence names it; the old `15.4` still understood with a
//! warning; a value far outside its target saved with a warning.

use crate::common::*;

#[test]
fn targets_are_15_hash_k_in_show_log_and_json_with_their_measure() {
    let f = Fixture::seeded();
    let out = kw(&f.board, &["target", "15#4", "120"]);
    assert_ok(&out);
    assert_eq!(stderr(&out), "", "the new form: no warning");
    assert!(stdout(&out).starts_with("15#4 "), "{}", describe(&out));
    let v = show_json(&f.board, 15);
    let t = target(&v, "15#4");
    assert_eq!(
        (&t["measure"], &t["current"]),
        (&"15.3".into(), &120.0.into())
    );
    let text = ok(&f.board, &["show", "15"]);
    let line = text.lines().find(|l| l.contains("120 / 200台")).unwrap();
    assert!(
        line.trim_start().starts_with("15#4") && line.ends_with("（15.3）"),
        "{line}"
    );
    let log = ok(&f.board, &["log", "15"]);
    assert!(log.contains("15#4 指标 — → 120"), "{log}");
    assert!(!log.contains("15.4 指标"), "{log}");
}

#[test]
fn the_old_form_still_works_with_a_warning_naming_the_new_one() {
    let f = Fixture::seeded();
    let out = kw(&f.board, &["target", "15.4", "120"]);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(err.contains("15#4") && err.contains("15.4"), "{err}");
    assert_eq!(target(&show_json(&f.board, 15), "15#4")["current"], 120.0);
}

#[test]
fn a_value_far_outside_its_target_is_saved_with_a_warning() {
    let f = Fixture::seeded();
    for (value, warned) in [("1,200", true), ("-3", true), ("230", false)] {
        let out = kw(&f.board, &["target", "15#4", value]);
        assert_ok(&out);
        let err = stderr(&out);
        assert_eq!(
            err.contains("15#4") && err.contains("200台"),
            warned,
            "{value}: {err}"
        );
    }
    assert_eq!(target(&show_json(&f.board, 15), "15#4")["current"], 230.0);
}
