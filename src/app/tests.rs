//! Update tests: action sequences → state, no terminal, no disk. The store's part is played by
//! applying each effect's change to the board directly, as the event loop would.

use super::*;
use crate::model::default_statuses;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let board = crate::seed::board(default_statuses(), now);
    let mut app = App::new(board, &Config::defaults(), now);
    app.handle(Msg::Resize(80, 24));
    app
}

/// Carry out effects the way the event loop does, without a store.
fn run(app: &mut App, effects: Vec<Effect>) {
    crate::effects::settle(app, effects, |app, e| {
        crate::effects::apply_in_memory(app, e, "tester")
    });
}

fn act(app: &mut App, a: Action) {
    let e = app.update(a);
    run(app, e);
}

fn key(app: &mut App, code: KeyCode) {
    let e = app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    run(app, e);
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn select_task(app: &mut App, n: u32) {
    for _ in 0..30 {
        if app.ui.selected == Some(n) {
            return;
        }
        act(app, Action::Down);
    }
    panic!("task {n} not reachable");
}

#[test]
fn every_task_is_reachable_at_80x24_and_stays_visible() {
    let mut app = app();
    let visible = layout::cards_visible(app.ui.size);
    for n in 1..=22 {
        assert_eq!(app.ui.selected, Some(n));
        let (c, r) = app.position().unwrap();
        let s = app.ui.scroll[c];
        assert!(r >= s && r < s + visible, "task {n} row {r} scroll {s}");
        act(&mut app, Action::Down);
    }
}

#[test]
fn status_keys_move_the_task_and_selection_follows() {
    let mut app = app();
    select_task(&mut app, 15);
    act(&mut app, Action::StatusNext);
    assert_eq!(app.board.task(15).unwrap().status, "doing");
    assert_eq!(app.position(), Some((1, 0)));
    act(&mut app, Action::Status4);
    // Closing without evidence asks for the reason first.
    typ(&mut app, "市级统筹");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.board.task(15).unwrap().status, "done");
    act(&mut app, Action::StatusPrev);
    assert_eq!(app.board.task(15).unwrap().status, "behind");
    assert_eq!(app.ui.selected, Some(15));
    // Shift+Left arrives as a key with the SHIFT modifier.
    let e = app.handle(Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)));
    run(&mut app, e);
    assert_eq!(app.board.task(15).unwrap().status, "doing");
}

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let mut app = app();
    select_task(&mut app, 15);
    act(&mut app, Action::Status2);
    act(&mut app, Action::Status4);
    typ(&mut app, "市级统筹");
    key(&mut app, KeyCode::Enter);
    act(&mut app, Action::Undo);
    assert_eq!(app.board.task(15).unwrap().status, "doing");
    act(&mut app, Action::Undo);
    assert_eq!(app.board.task(15).unwrap().status, "todo");
    act(&mut app, Action::Undo);
    assert!(app.ui.message.as_ref().unwrap().text.contains("没有可撤销"));
    act(&mut app, Action::Redo);
    act(&mut app, Action::Redo);
    assert_eq!(app.board.task(15).unwrap().status, "done");
    // Every step is in history: the import, two changes (the closing with its reason), two
    // undos, two redos.
    assert_eq!(app.board.task(15).unwrap().history.len(), 8);
}

#[test]
fn note_on_a_measure_from_the_detail_tree_with_paste_then_undo_redo() {
    let mut app = app();
    select_task(&mut app, 15);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.ui.screen, Screen::Detail);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    assert_eq!(app.selected_node(), Some(Selected::Measure("15.2".into())));
    act(&mut app, Action::AddNote);
    assert_eq!(app.mode(), Mode::Editor);
    typ(&mut app, "完成改造q");
    app.handle(Msg::Paste("第一行\r第二行".into()));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "杨府发〔2023〕1号");
    let e = app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    run(&mut app, e);
    assert_eq!(app.mode(), Mode::Detail);
    let t = app.board.task(15).unwrap();
    let note = t.notes_on("15.2").next().expect("note saved").clone();
    assert_eq!(note.text, "完成改造q第一行\n第二行");
    assert_eq!(note.reference.as_deref(), Some("杨府发〔2023〕1号"));
    // The new note is visible in the tree.
    let paths = nav::visible_paths(t, &[], &app.ui.tree.borrow());
    assert!(paths.iter().any(|p| p.last().unwrap().starts_with("n:")));
    act(&mut app, Action::Undo);
    assert_eq!(app.board.task(15).unwrap().notes.len(), 0);
    act(&mut app, Action::Redo);
    let t = app.board.task(15).unwrap();
    assert_eq!(t.notes.len(), 1);
    assert_eq!(t.notes[0].id, note.id);
}

#[test]
fn escape_on_a_dirty_draft_asks_first() {
    let mut app = app();
    act(&mut app, Action::AddNote);
    typ(&mut app, "草稿");
    assert!(app.draft().is_some());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Confirm);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.mode(), Mode::Editor);
    assert_eq!(app.editor().unwrap().text.text(), "草稿");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Board);
    assert!(app.board.task(1).unwrap().notes.is_empty());
    // An empty editor closes at once.
    act(&mut app, Action::AddNote);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Board);
}

#[test]
fn saving_an_empty_note_is_refused_with_a_message() {
    let mut app = app();
    act(&mut app, Action::AddNote);
    typ(&mut app, "  ");
    act(&mut app, Action::Save);
    assert_eq!(app.mode(), Mode::Editor);
    assert!(app.ui.message.as_ref().unwrap().error);
}

#[test]
fn edit_an_existing_note() {
    let mut app = app();
    act(&mut app, Action::AddNote);
    typ(&mut app, "旧");
    act(&mut app, Action::Save);
    act(&mut app, Action::Open);
    act(&mut app, Action::Down);
    assert!(matches!(app.selected_node(), Some(Selected::Note { .. })));
    act(&mut app, Action::Edit);
    key(&mut app, KeyCode::Backspace);
    typ(&mut app, "新");
    act(&mut app, Action::Save);
    assert_eq!(app.board.task(1).unwrap().notes[0].text, "新");
    act(&mut app, Action::Undo);
    assert_eq!(app.board.task(1).unwrap().notes[0].text, "旧");
}

#[test]
fn filter_narrows_the_board_and_escape_clears_it() {
    let mut app = app();
    act(&mut app, Action::Filter);
    typ(&mut app, "电梯");
    assert_eq!(app.ui.selected, Some(15));
    let shown: usize = app.columns().iter().map(Vec::len).sum();
    assert_eq!(shown, 1);
    // Keys type into the filter, not commands.
    assert!(!app.quit);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.ui.filter.text(), "");
    assert_eq!(app.mode(), Mode::Board);
}

#[test]
fn moving_across_an_empty_column_does_not_snap_back() {
    let mut app = app();
    select_task(&mut app, 15);
    act(&mut app, Action::Status3); // 15 alone in "behind"; "doing" is empty
    assert_eq!(app.position(), Some((2, 0)));
    act(&mut app, Action::Left);
    assert_eq!(app.ui.column, 1);
    assert_eq!(app.ui.selected, None);
    act(&mut app, Action::Left);
    assert_eq!(app.ui.column, 0);
    assert_eq!(
        app.position().map(|(c, _)| c),
        Some(0),
        "a card of the first column"
    );
}

#[test]
fn paste_outside_an_input_does_nothing() {
    let mut app = app();
    app.handle(Msg::Paste("q\rq".into()));
    assert!(!app.quit);
    assert_eq!(app.ui.selected, Some(1));
}

#[test]
fn shift_s_starts_a_background_sync_and_its_outcome_shows() {
    let mut app = app();
    let effect = app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char('S'),
        KeyModifiers::SHIFT,
    )));
    assert_eq!(effect, vec![Effect::Sync]);
    assert_eq!(app.ui.message.as_ref().unwrap().text, "正在同步…");
    let done = crate::sync::Outcome {
        from: vec!["li@office2".into()],
        pushed: true,
        ..Default::default()
    };
    let words = done.words(false);
    assert!(app.handle(Msg::SyncDone(Ok(done))).is_empty());
    let said = app.ui.message.as_ref().unwrap();
    assert!(!said.error);
    assert_eq!(said.text, words);
    let failed = crate::sync::Outcome {
        failed: Some(crate::sync::SyncError::Git {
            args: "fetch".into(),
            message: "connection refused".into(),
        }),
        ..Default::default()
    };
    app.handle(Msg::SyncDone(Ok(failed)));
    let said = app.ui.message.as_ref().unwrap();
    assert!(
        said.error && said.text.contains("connection refused"),
        "{said:?}"
    );
    app.handle(Msg::SyncDone(Err(SyncFailure::Sync(
        crate::sync::SyncError::NoGit,
    ))));
    assert!(app.ui.message.as_ref().unwrap().error);
    app.handle(Msg::SyncDone(Err(SyncFailure::Running)));
    assert!(app.ui.message.as_ref().unwrap().error);
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::Board);
    assert!(!app.quit);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn draft_round_trips_into_a_new_editor() {
    let mut app = app();
    select_task(&mut app, 15);
    act(&mut app, Action::AddNote);
    typ(&mut app, "未保存的字");
    let d = app.draft().unwrap();
    let mut other = self::app();
    other.handle(Msg::DraftRestored(d));
    assert_eq!(other.mode(), Mode::Editor);
    assert_eq!(other.editor().unwrap().text.text(), "未保存的字");
    assert_eq!(
        other.editor().unwrap().target,
        EditTarget::New("15".parse().unwrap())
    );
}

#[test]
fn a_quick_start_from_summaries_shows_the_board_then_takes_the_tasks() {
    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let board = crate::seed::board(default_statuses(), now);
    let sums = board
        .tasks
        .iter()
        .map(crate::model::Task::summary)
        .collect();
    let mut app = App::from_summaries(board.meta.clone(), sums, &Config::defaults(), now);
    app.handle(Msg::Resize(80, 24));
    assert!(!app.is_loaded());
    assert_eq!(app.columns()[0].len(), 22);
    select_task(&mut app, 15);
    act(&mut app, Action::Open);
    assert_eq!(app.ui.screen, Screen::Board, "no detail without the task");
    app.handle(Msg::Loaded(Box::new(board)));
    assert!(app.is_loaded());
    assert_eq!(app.ui.selected, Some(15), "selection kept across the load");
    act(&mut app, Action::Open);
    assert_eq!(app.ui.screen, Screen::Detail);
}

#[test]
fn moving_over_a_board_still_loading_needs_no_task_and_the_rest_waits_for_it() {
    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let board = crate::seed::board(default_statuses(), now);
    let sums = board.tasks.iter().map(Task::summary).collect();
    let mut app = App::from_summaries(board.meta.clone(), sums, &Config::defaults(), now);
    app.handle(Msg::Resize(120, 40));
    let k = |c| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    for moving in [KeyCode::Down, KeyCode::Up, KeyCode::Right, KeyCode::Left] {
        assert!(!app.waits_for_tasks(&k(moving)), "{moving:?}");
    }
    assert!(!app.waits_for_tasks(&Msg::Resize(80, 24)));
    assert!(!app.waits_for_tasks(&k(KeyCode::Char('q'))), "quit");
    // Adding a note, changing a status need the task itself (opening one reads it alone:
    // loading_tests).
    assert!(!app.waits_for_tasks(&k(KeyCode::Enter)), "open");
    for needs in [KeyCode::Char('n'), KeyCode::Char('L')] {
        assert!(app.waits_for_tasks(&k(needs)), "{needs:?}");
    }
    assert!(app.waits_for_tasks(&Msg::Paste("x".into())));

    // Moves are answered on the summaries; the selection survives the load.
    let before = app.ui.selected;
    app.handle(k(KeyCode::Down));
    let moved = app.ui.selected;
    assert_ne!(moved, before, "the key moved the selection before the load");
    assert!(app.handle(Msg::Loaded(Box::new(board))).is_empty());
    assert!(app.is_loaded());
    assert_eq!(app.ui.selected, moved);
    assert!(
        !app.waits_for_tasks(&k(KeyCode::Char('n'))),
        "nothing waits once loaded"
    );
}

/// The app is a function of its messages: a transcript of keys and of what the store
/// answered, replayed without a store or a terminal, asks for the same effects each time and
/// ends in the same state. Here a save the store refused, then a review meeting opened on a
/// board with no review yet, a task marked reviewed, and the note that follows in its history.
#[test]
fn a_transcript_of_messages_replays_to_its_effects() {
    use crate::model::review::Review;
    use crate::store::StoreError;
    let press = |c: char| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let enter = || Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let ctrl_s = || Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let mut app = app();
    select_task(&mut app, 15);
    let replay = |app: &mut App, msgs: Vec<Msg>| -> Vec<Effect> {
        msgs.into_iter().flat_map(|m| app.handle(m)).collect()
    };

    // n, text, Ctrl-S: one change to save.
    let mut msgs = vec![press('n')];
    msgs.extend("签约完成".chars().map(press));
    msgs.push(ctrl_s());
    let effects = replay(&mut app, msgs);
    let [Effect::Apply { change, origin }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert!(matches!(change, Change::AddNote { text, .. } if text == "签约完成"));
    assert_eq!(app.mode(), Mode::Board);
    // The store refused it (its error, typed): the editor comes back with the text.
    let refused = Msg::Saved {
        change: change.clone(),
        origin: *origin,
        result: Err(StoreError::Model(ModelError::UnknownTask(15))),
    };
    assert!(app.handle(refused).is_empty());
    assert_eq!(app.mode(), Mode::Editor);
    assert_eq!(app.editor().unwrap().text.text(), "签约完成");
    let said = app.ui.message.clone().unwrap();
    assert!(said.error && said.text.contains("未保存"), "{said:?}");
    assert!(app.board.task(15).unwrap().notes.is_empty());
    replay(
        &mut app,
        vec![
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            press('y'),
        ],
    );
    assert_eq!(app.mode(), Mode::Board);

    // R: open today's review; there is none yet, so the chooser asks which tasks it walks.
    assert_eq!(replay(&mut app, vec![press('R')]), vec![Effect::OpenReview]);
    let missing = Msg::ReviewMissing {
        date: app.now.date_naive(),
        since: None,
    };
    assert!(app.handle(missing).is_empty());
    assert_eq!(app.mode(), Mode::Choose);
    let effects = replay(&mut app, vec![enter()]);
    assert_eq!(
        effects,
        vec![Effect::StartReview {
            scope: ReviewScope::All
        }]
    );
    let review = Review::new(
        app.now.date_naive(),
        ReviewScope::All,
        None,
        &app.board.meta,
        &app.summaries,
        app.now,
        "tester",
    );
    let opened = Msg::ReviewSaved {
        change: None,
        result: Ok(review.clone()),
    };
    assert!(app.handle(opened).is_empty());
    assert_eq!(
        (app.ui.screen, app.review_task()),
        (Screen::Review, Some(1))
    );

    // Enter marks task 1 reviewed and moves on: two changes to the record, in order.
    let effects = replay(&mut app, vec![enter()]);
    let reviewed = ReviewChange::Reviewed {
        task: 1,
        reviewed: true,
    };
    assert_eq!(
        effects,
        vec![
            Effect::Review(reviewed.clone()),
            Effect::Review(ReviewChange::Position(1))
        ]
    );
    // Once the record is saved, the task's history notes it: the effect that follows.
    let mut saved = review;
    saved.item_mut(1).reviewed = true;
    saved.item_mut(1).conclusion = "按计划推进".into();
    let follow = app.handle(Msg::ReviewSaved {
        change: Some(reviewed),
        result: Ok(saved),
    });
    assert_eq!(
        follow,
        vec![Effect::Apply {
            change: Change::Reviewed {
                task: 1,
                conclusion: "按计划推进".into()
            },
            origin: Origin::New,
        }]
    );
}
