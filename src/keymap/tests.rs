use super::*;
use crate::strings::Lang;

fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, m)
}

fn defaults() -> KeysConfig {
    crate::config::Config::defaults().keys
}

#[test]
fn parses_key_strings() {
    assert_eq!(Key::parse("q").unwrap().code, KeyCodeOrd::Char('q'));
    let k = Key::parse("Ctrl+R").unwrap();
    assert!(k.ctrl);
    assert_eq!(k.code, KeyCodeOrd::Char('r'));
    assert!(Key::parse("Shift+Left").unwrap().shift);
    assert_eq!(Key::parse("F5").unwrap().code, KeyCodeOrd::F(5));
    assert!(Key::parse("Hyper+x").is_err());
    let e = Key::parse("Enterr").unwrap_err();
    assert!(e.to_string().contains("unknown key 'Enterr'"), "{e}");
    assert!(
        e.message(Lang::Zh).contains("无法识别的按键 'Enterr'"),
        "{e:?}"
    );
}

#[test]
fn default_keys_are_those_of_config_default_toml() {
    let map = Keymap::new(&defaults(), None);
    let a = |m, c, md| map.action(m, &ev(c, md));
    assert_eq!(
        a(Mode::Board, KeyCode::Char('j'), KeyModifiers::NONE),
        Some(Action::Down)
    );
    assert_eq!(
        a(Mode::Board, KeyCode::Char('H'), KeyModifiers::SHIFT),
        Some(Action::StatusPrev)
    );
    assert_eq!(
        a(Mode::Board, KeyCode::Left, KeyModifiers::SHIFT),
        Some(Action::StatusPrev)
    );
    assert_eq!(
        a(Mode::Board, KeyCode::Char('r'), KeyModifiers::CONTROL),
        Some(Action::Redo)
    );
    assert_eq!(
        a(Mode::Detail, KeyCode::Char('u'), KeyModifiers::NONE),
        Some(Action::Undo)
    );
    assert_eq!(
        a(Mode::Board, KeyCode::Char('3'), KeyModifiers::NONE),
        Some(Action::Status3)
    );
    assert_eq!(
        a(Mode::Editor, KeyCode::Char('s'), KeyModifiers::CONTROL),
        Some(Action::Save)
    );
    assert_eq!(
        a(Mode::Editor, KeyCode::Char('q'), KeyModifiers::NONE),
        None
    );
}

#[test]
fn ctrl_h_is_backspace_unless_bound() {
    let ctrl_h = ev(KeyCode::Char('h'), KeyModifiers::CONTROL);
    let backspace = ev(KeyCode::Backspace, KeyModifiers::NONE);
    let map = Keymap::new(&defaults(), None);
    for mode in [Mode::Editor, Mode::Filter, Mode::Prompt, Mode::Detail] {
        assert_eq!(map.backspace_alias(mode, ctrl_h), backspace, "{mode:?}");
    }
    let plain_h = ev(KeyCode::Char('h'), KeyModifiers::NONE);
    assert_eq!(map.backspace_alias(Mode::Editor, plain_h), plain_h);
    let user: KeysConfig = toml::from_str("[editor]\nsave = [\"Ctrl+h\"]\n").unwrap();
    let map = Keymap::new(&defaults(), Some(&user));
    assert_eq!(
        map.backspace_alias(Mode::Editor, ctrl_h),
        ctrl_h,
        "the user's binding wins"
    );
    assert_eq!(map.action(Mode::Editor, &ctrl_h), Some(Action::Save));
    assert_eq!(map.backspace_alias(Mode::Filter, ctrl_h), backspace);
}

#[test]
fn user_binding_replaces_default_everywhere_it_is_shown() {
    let user: KeysConfig = toml::from_str("[global]\nquit = [\"x\", \"Ctrl+q\"]\n").unwrap();
    let map = Keymap::new(&defaults(), Some(&user));
    assert_eq!(
        map.action(Mode::Board, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        map.action(Mode::Board, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
        Some(Action::Quit)
    );
    assert_eq!(map.label(Mode::Board, Action::Quit), "x/Ctrl-Q");
    assert!(
        map.bindings(Mode::Global)
            .iter()
            .any(|(a, l)| *a == Action::Quit && l == "x/Ctrl-Q")
    );
}

#[test]
fn bad_key_in_config_is_an_error_at_its_position() {
    let err = toml::from_str::<KeysConfig>("[board]\nopen = [\"o\", \"Entr\"]\n").unwrap_err();
    assert!(err.message().contains("unknown key 'Entr'"), "{err}");
    // The parser's position: the list that holds the key.
    let at = err.span().expect("a position");
    assert_eq!(at.start, "[board]\nopen = ".len(), "{err}");
    let err = "Entr".parse::<crate::keymap::Key>().unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("无法识别的按键 'Entr'"),
        "{err}"
    );
}

/// Two actions bound to one key in one mode: the later silently wins and the other can never
/// be reached (`F` was both "attach a file" and "clear every filter" once two features met).
#[test]
fn no_key_of_the_defaults_is_bound_to_two_actions_of_one_mode() {
    let mut clashes = Vec::new();
    for (mode, actions) in &defaults() {
        let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
        for (action, keys) in actions {
            for key in keys {
                if let Some(other) = seen.insert(*key, *action) {
                    clashes.push(format!("{mode:?}: {key} is {other:?} and {action:?}"));
                }
            }
        }
    }
    assert!(clashes.is_empty(), "{clashes:#?}");
}
