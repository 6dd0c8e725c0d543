//! Config tests: defaults, the user's file over them, the checks, the time zone.

use super::*;

#[test]
fn defaults_are_complete_and_chinese() {
    let c = Config::defaults();
    assert_eq!(c.lang, Lang::Zh);
    assert_eq!(c.statuses.len(), 4);
    assert_eq!(c.statuses[1].name, "推进中");
    assert_eq!(c.statuses, crate::model::default_statuses());
}

#[test]
fn user_file_overrides_key_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(
        &p,
        "lang = \"en\"\ntimezone = \"+08:00\"\nauthor = \"王芳\"\n",
    )
    .unwrap();
    let c = Config::load(&p).unwrap();
    assert_eq!(c.lang, Lang::En);
    assert_eq!(c.offset, FixedOffset::east_opt(8 * 3600));
    assert_eq!(c.date_format, "%Y-%m-%d");
    assert_eq!(c.author(None), "王芳");
    assert_eq!(c.author(Some("li")), "li");
    assert_eq!(c.now().offset().local_minus_utc(), 8 * 3600);
}

#[test]
fn bad_config_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(&p, "lang = \"zh\"\ncolour = 3\n").unwrap();
    let msg = Config::load(&p).unwrap_err().to_string();
    assert!(msg.contains("c.toml:2:1:"), "{msg}");
    assert!(msg.contains("colour"), "{msg}");
    std::fs::write(&p, "lang = \"fr\"\n").unwrap();
    let msg = Config::load(&p).unwrap_err().to_string();
    assert!(msg.contains("c.toml:1:8:"), "{msg}");
    std::fs::write(&p, "lang = \"zh\"\ntimezone = \"Beijing\"\n").unwrap();
    let msg = Config::load(&p).unwrap_err().to_string();
    assert!(msg.contains("c.toml:2:1: timezone 'Beijing'"), "{msg}");
}

#[test]
fn bad_key_binding_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(&p, "lang = \"zh\"\n\n[keys.board]\nopen = [\"Entr\"]\n").unwrap();
    let msg = Config::load(&p).unwrap_err().to_string();
    assert!(
        msg.contains("c.toml:4:8: [keys]: unknown key 'Entr'"),
        "{msg}"
    );
    // The position is the parser's: not the first line that happens to hold the same word.
    std::fs::write(
        &p,
        "# open = [\"Entr\"] was a typo\n[keys.board]\nopen = [\"o\"]\nquit = [\"q\", \"Entr\"]\n",
    )
    .unwrap();
    let msg = Config::load(&p).unwrap_err().to_string();
    assert!(
        msg.contains("c.toml:4:8: [keys]: unknown key 'Entr'"),
        "{msg}"
    );
    std::fs::write(&p, "[keys.board]\nopen = [\"o\"]\n").unwrap();
    let c = Config::load(&p).unwrap();
    assert_eq!(
        c.keymap()
            .label(crate::keymap::Mode::Board, crate::keymap::Action::Open),
        "o"
    );
    assert_eq!(
        c.keymap()
            .label(crate::keymap::Mode::Board, crate::keymap::Action::Quit),
        "q"
    );
}

#[test]
fn missing_user_file_gives_defaults() {
    let c = Config::load(Path::new("/nonexistent/keywork.toml")).unwrap();
    assert_eq!(c.lang, Lang::Zh);
    assert!(c.user_file.is_none());
}

#[test]
fn a_utc_server_read_in_chinese_is_told_to_set_the_zone() {
    let east8 = FixedOffset::east_opt(8 * 3600);
    let w = utc_server_warning(Lang::Zh, None, 0).expect("warned");
    assert!(
        w.contains("8 小时") && w.contains("timezone = \"+08:00\""),
        "{w}"
    );
    assert_eq!(
        utc_server_warning(Lang::Zh, east8, 0),
        None,
        "the zone is set"
    );
    assert_eq!(
        utc_server_warning(Lang::Zh, None, 8 * 3600),
        None,
        "a server in +08"
    );
    assert_eq!(
        utc_server_warning(Lang::En, None, 0),
        None,
        "English: UTC may be right"
    );
}

#[test]
fn timezone_forms() {
    assert_eq!(parse_timezone("local").unwrap(), None);
    assert_eq!(parse_timezone("UTC").unwrap(), FixedOffset::east_opt(0));
    assert_eq!(
        parse_timezone("-05:30").unwrap(),
        FixedOffset::east_opt(-(5 * 3600 + 1800))
    );
    assert!(parse_timezone("+25:00").is_err());
}

#[test]
fn a_broken_config_still_names_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(&p, "lang = \"en\" # English\nunits = [\n").unwrap();
    let e = Config::load(&p).unwrap_err();
    assert!(matches!(e, ConfigError::File(_)), "{e}");
    assert_eq!(lang_hint(&p), Some(Lang::En));
    std::fs::write(&p, "[report]\nlang = \"en\"\n").unwrap();
    assert_eq!(lang_hint(&p), None, "only the top-level key");
    assert_eq!(lang_hint(&dir.path().join("none.toml")), None);
}
