//! Mistakes from the keyboard: deleting a mistaken note (asked first, recorded with its text,
//! undone only while nobody put something else in its place) and a target value far outside
//! its target (asked first).

use super::*;
use crate::model::{EventKind, default_statuses};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let board = crate::seed::board(default_statuses(), now);
    let mut app = App::new(board, &Config::defaults(), now);
    app.handle(Msg::Resize(80, 24));
    app
}

fn key(app: &mut App, c: char) {
    let e = app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
    run(app, e);
}

fn act(app: &mut App, a: Action) {
    let e = app.update(a);
    run(app, e);
}

fn run(app: &mut App, effects: Vec<Effect>) {
    crate::effects::settle(app, effects, |app, e| {
        crate::effects::apply_in_memory(app, e, "tester")
    });
}

/// Task 1 with one note "写错的佐证", selected in the detail tree.
fn with_note_selected() -> App {
    let mut app = app();
    act(&mut app, Action::AddNote);
    for c in "写错的佐证".chars() {
        key(&mut app, c);
    }
    act(&mut app, Action::Save);
    act(&mut app, Action::Open);
    act(&mut app, Action::Down);
    assert!(matches!(app.selected_node(), Some(Selected::Note { .. })));
    app
}

#[test]
fn x_on_a_note_asks_first_then_deletes_it_with_its_text_in_the_history_and_undo_restores_it() {
    let mut app = with_note_selected();
    let note = app.board.task(1).unwrap().notes[0].clone();
    key(&mut app, 'x');
    assert_eq!(app.mode(), Mode::Confirm, "asks first");
    key(&mut app, 'n');
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(app.board.task(1).unwrap().notes.len(), 1, "no keeps it");
    key(&mut app, 'x');
    key(&mut app, 'y');
    let t = app.board.task(1).unwrap();
    assert!(t.notes.is_empty());
    let e = t.history.last().unwrap();
    assert_eq!(
        (e.kind, e.author.as_str(), e.from.as_deref()),
        (EventKind::NoteRemoved, "tester", Some("写错的佐证"))
    );
    act(&mut app, Action::Undo);
    assert_eq!(app.board.task(1).unwrap().notes, vec![note.clone()]);
    act(&mut app, Action::Redo);
    assert!(app.board.task(1).unwrap().notes.is_empty());
    // After a restart (a new app, no undo list), the history still holds the note.
    let restarted = App::new(app.board.clone(), &Config::defaults(), app.now);
    assert_eq!(restarted.board.removed_note(&note.id).unwrap(), (1, note));
}

#[test]
fn undoing_a_deletion_does_not_overwrite_a_note_someone_put_back_since() {
    let mut app = with_note_selected();
    let note = app.board.task(1).unwrap().notes[0].clone();
    key(&mut app, 'x');
    key(&mut app, 'y');
    // A colleague put it back and edited it meanwhile (as loaded from disk).
    let mut theirs = app.board.clone();
    let st = crate::model::Stamp {
        author: "zhang".into(),
        at: app.now + chrono::Duration::seconds(30),
    };
    theirs.restore_note_on(1, note.clone(), &st).unwrap();
    theirs.edit_note(&note.id, "改好的佐证", None, &st).unwrap();
    app.handle(Msg::OthersChanged(vec![theirs.task(1).unwrap().clone()]));
    act(&mut app, Action::Undo);
    let t = app.board.task(1).unwrap();
    assert_eq!(t.notes.len(), 1);
    assert_eq!(t.notes[0].text, "改好的佐证", "their note stays");
    assert!(app.ui.message.as_ref().unwrap().error);
}

#[test]
fn x_on_a_task_or_measure_says_what_to_select() {
    let mut app = app();
    act(&mut app, Action::Open);
    key(&mut app, 'x');
    assert_ne!(app.mode(), Mode::Confirm);
    assert!(app.ui.message.as_ref().unwrap().error);
}

#[test]
fn the_delete_key_is_in_the_detail_hint_bar_and_help() {
    let app = with_note_selected();
    let bindings = app.keymap.bindings(Mode::Detail);
    assert!(
        bindings
            .iter()
            .any(|(a, k)| *a == Action::RemoveTarget && k == "x")
    );
    let (zh, en, ..) = Action::RemoveTarget.words();
    assert!(zh.contains("佐证") && en.contains("note"));
}

/// `e` on target 15#4 (200台), type `value`, Enter.
fn type_target_value(value: &str) -> App {
    let mut app = app();
    for _ in 0..30 {
        if app.ui.selected == Some(15) {
            break;
        }
        act(&mut app, Action::Down);
    }
    act(&mut app, Action::Open);
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Right);
    for _ in 0..4 {
        act(&mut app, Action::Down);
    }
    assert_eq!(app.selected_node(), Some(Selected::Target("15.4".into())));
    act(&mut app, Action::Edit);
    for c in value.chars() {
        key(&mut app, c);
    }
    act(&mut app, Action::Yes);
    app
}

#[test]
fn a_target_value_far_outside_its_target_asks_first_and_no_brings_the_prompt_back() {
    let current = |app: &App| app.board.task(15).unwrap().target("15.4").unwrap().current;
    let mut app = type_target_value("1,200");
    assert_eq!(app.mode(), Mode::Confirm, "asks first");
    assert_eq!(current(&app), None);
    key(&mut app, 'n');
    assert_eq!(app.mode(), Mode::Prompt, "back to the prompt");
    match app.ui.overlays.last() {
        Some(Overlay::Prompt { buf, .. }) => assert_eq!(buf.text(), "1,200"),
        other => panic!("{other:?}"),
    }
    act(&mut app, Action::Yes);
    key(&mut app, 'y');
    assert_eq!(current(&app), Some(1200.0), "yes saves it");
    // A plausible value is saved at once.
    let app = type_target_value("120");
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(current(&app), Some(120.0));
}

/// A deadline or target value mistyped in a prompt is refused in the board's language (the
/// model's error worded at the edge, not its English `Display`).
#[test]
fn a_mistyped_deadline_or_value_is_refused_in_the_users_language() {
    let item = crate::model::ItemRef {
        task: 15,
        sub: None,
    };
    for (kind, typed) in [
        (PromptKind::Deadline(item), "someday"),
        (
            PromptKind::TargetValue {
                task: 15,
                id: "1".into(),
            },
            "many",
        ),
    ] {
        let mut app = app();
        app.ask(kind.clone(), typed);
        assert_eq!(app.update(Action::Yes), Vec::new(), "{kind:?}: refused");
        let said = app.ui.message.clone().expect("a message").text;
        assert!(said.contains(typed), "{said}");
        assert!(
            said.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "Chinese under the default lang: {said}"
        );
        assert!(!said.contains("is not"), "no English: {said}");
        assert!(
            matches!(app.ui.overlays.last(), Some(Overlay::Prompt { .. })),
            "the prompt stays open with what was typed"
        );
    }
}
