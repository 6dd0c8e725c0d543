//! Enter on a board still loading in the background: the selected task is read alone
//! (`Effect::LoadTask` → `Msg::TaskLoaded`) and opened before the rest arrives; moving in its
//! tree is answered at once, and every change waits for the whole board.

use super::*;
use crate::model::default_statuses;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap()
}

/// The seeded board, with notes on task 15, and an app started from its summaries alone.
fn quick_start() -> (Board, App) {
    let mut board = crate::seed::board(default_statuses(), now());
    let stamp = crate::model::Stamp {
        author: "王芳".into(),
        at: now(),
    };
    for (on, text) in [
        ("15", "任务佐证"),
        ("15.2", "措施佐证一"),
        ("15.2", "措施佐证二"),
    ] {
        board
            .add_note(on.parse().unwrap(), text, None, &stamp)
            .unwrap();
    }
    let sums = board.tasks.iter().map(Task::summary).collect();
    let mut app = App::from_summaries(board.meta.clone(), sums, &Config::defaults(), now());
    app.handle(Msg::Resize(120, 40));
    (board, app)
}

/// What the store would read for `Effect::LoadTask(n)`: the board file and that task.
fn read_alone(board: &Board, n: u32) -> Msg {
    let one = Board {
        meta: board.meta.clone(),
        tasks: board.task(n).cloned().into_iter().collect(),
    };
    Msg::TaskLoaded(Ok(Box::new(one)))
}

fn k(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn select(app: &mut App, n: u32) {
    for _ in 0..30 {
        if app.ui.selected == Some(n) {
            return;
        }
        assert!(app.handle(k(KeyCode::Down)).is_empty());
    }
    panic!("task {n} not reachable");
}

#[test]
fn enter_before_the_board_is_loaded_reads_the_task_alone_and_opens_it() {
    let (board, mut app) = quick_start();
    select(&mut app, 15);
    // Transcript: Enter → LoadTask(15) → TaskLoaded → the detail screen, board still loading.
    assert!(
        !app.waits_for_tasks(&k(KeyCode::Enter)),
        "Enter needs one task"
    );
    assert_eq!(app.handle(k(KeyCode::Enter)), vec![Effect::LoadTask(15)]);
    assert_eq!(
        app.ui.screen,
        Screen::Board,
        "nothing to show until it is read"
    );
    assert!(app.handle(read_alone(&board, 15)).is_empty());
    assert_eq!(app.ui.screen, Screen::Detail);
    assert_eq!(app.selected_task().unwrap().notes.len(), 3);
    assert!(!app.is_loaded(), "one task is not the board");
    assert_eq!(app.board.tasks.len(), 1);

    // Moving in the tree does not wait; changes (note, status, edit, undo) and pastes do.
    for moving in [
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Right,
        KeyCode::Left,
        KeyCode::Tab,
    ] {
        assert!(!app.waits_for_tasks(&k(moving)), "{moving:?}");
    }
    for change in ['n', 'e', 'L', 'H', 'u'] {
        assert!(app.waits_for_tasks(&k(KeyCode::Char(change))), "{change}");
    }
    assert!(app.waits_for_tasks(&Msg::Paste("x".into())));
    assert!(app.handle(k(KeyCode::Down)).is_empty());
    let selected = app.ui.tree.borrow().selected().to_vec();
    assert_ne!(
        selected,
        vec![nav::TASK_NODE.to_string()],
        "the move was made"
    );

    // The whole board arrives: the screen, the tree's selection and its task stay.
    assert!(app.handle(Msg::Loaded(Box::new(board))).is_empty());
    assert!(app.is_loaded());
    assert_eq!(app.ui.screen, Screen::Detail);
    assert_eq!(app.ui.tree.borrow().selected(), selected.as_slice());
    assert_eq!(app.board.tasks.len(), 22);
    assert!(
        !app.waits_for_tasks(&k(KeyCode::Char('n'))),
        "nothing waits once loaded"
    );
}

#[test]
fn back_on_the_board_another_task_is_read_alone_and_the_first_is_kept() {
    let (board, mut app) = quick_start();
    select(&mut app, 15);
    let effects = app.handle(k(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::LoadTask(15)]);
    app.handle(read_alone(&board, 15));
    app.handle(k(KeyCode::Esc));
    assert_eq!(app.ui.screen, Screen::Board);
    // Opening it again needs no read; another task does.
    assert!(app.handle(k(KeyCode::Enter)).is_empty());
    assert_eq!(app.ui.screen, Screen::Detail);
    app.handle(k(KeyCode::Esc));
    select(&mut app, 16);
    assert_eq!(app.handle(k(KeyCode::Enter)), vec![Effect::LoadTask(16)]);
    app.handle(read_alone(&board, 16));
    assert_eq!(app.selected_task().unwrap().number, 16);
    let numbers: Vec<u32> = app.board.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, vec![15, 16], "in number order");
    assert!(!app.is_loaded());
}

#[test]
fn a_task_read_after_the_user_moved_on_or_after_the_board_is_not_opened_nor_kept_twice() {
    let (board, mut app) = quick_start();
    select(&mut app, 15);
    assert_eq!(app.handle(k(KeyCode::Enter)), vec![Effect::LoadTask(15)]);
    // The selection moved before the read came back: the task is kept, not opened.
    app.handle(k(KeyCode::Down));
    app.handle(read_alone(&board, 15));
    assert_eq!(app.ui.screen, Screen::Board);
    assert!(app.board.task(15).is_some());

    // Once the whole board is in, a late single read does not replace nor duplicate it.
    let mut newer = board.clone();
    newer.tasks[14].title = "全板的版本".into();
    app.handle(Msg::Loaded(Box::new(newer)));
    app.handle(k(KeyCode::Up));
    assert_eq!(app.ui.selected, Some(15));
    app.handle(read_alone(&board, 15));
    assert_eq!(app.board.tasks.len(), 22);
    assert_eq!(app.board.task(15).unwrap().title, "全板的版本");
}

#[test]
fn a_task_that_cannot_be_read_alone_says_why_and_stays_on_the_board() {
    let (_board, mut app) = quick_start();
    select(&mut app, 15);
    assert_eq!(app.handle(k(KeyCode::Enter)), vec![Effect::LoadTask(15)]);
    let err = crate::store::StoreError::Invalid {
        path: "tasks/15.toml".into(),
        line: 3,
        problem: Box::new(crate::store::Broken::NoteTwice("n1".into())),
    };
    assert!(app.handle(Msg::TaskLoaded(Err(err))).is_empty());
    assert_eq!(app.ui.screen, Screen::Board);
    let message = app.ui.message.as_ref().unwrap();
    assert!(message.error);
    assert!(message.text.contains("tasks/15.toml"), "{}", message.text);
    assert!(app.board.tasks.is_empty());
}
