//! Quick filters from the keyboard: the menu, combining, clearing, the tasks shown.

use super::*;
use crate::model::default_statuses;
use crossterm::event::{KeyCode, KeyEvent};

fn app() -> App {
    let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    let mut board = crate::seed::board(default_statuses(), now);
    board.tasks[14].lead = vec!["区旧改办".into()];
    board.tasks[3].partners = vec!["区旧改办".into()];
    board.tasks[4].status = "doing".into();
    let mut app = App::new(board, &Config::defaults(), now);
    app.handle(Msg::Resize(80, 24));
    app
}

fn key(app: &mut App, code: KeyCode) {
    let _ = app.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn shown(app: &App) -> Vec<u32> {
    let mut all: Vec<u32> = app.columns().concat();
    all.sort();
    all
}

/// Move the menu's selection to the first line `pick` accepts.
fn select_row(app: &mut App, pick: impl Fn(&MenuRow) -> bool) {
    let i = app.menu_rows().iter().position(pick).expect("row in menu");
    while !matches!(app.ui.overlays.last(), Some(Overlay::QuickFilter { choice }) if *choice == i) {
        key(app, KeyCode::Down);
    }
}

#[test]
fn the_menu_filters_by_unit_and_the_header_expression_follows() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.mode(), Mode::Filters);
    select_row(&mut app, |r| *r == MenuRow::Unit("区旧改办".into()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app), [4, 15], "lead or partner");
    assert_eq!(app.quick.filter.to_string(), "unit:区旧改办");
    // Combined with a status: only task 5 is 推进中, and it is not the unit's.
    select_row(&mut app, |r| *r == MenuRow::Status("doing".into()));
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(shown(&app), Vec::<u32>::new());
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Board);
    assert_eq!(shown(&app), [4, 15], "closing the menu keeps the filter");
    assert!(app.ui.selected.is_some_and(|n| [4, 15].contains(&n)));
}

#[test]
fn one_key_clears_every_filter() {
    let mut app = app();
    app.set_quick_filter(Filter::parse("unit:区旧改办").unwrap());
    app.update(Action::Filter);
    for c in "电梯".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app), [15]);
    key(&mut app, KeyCode::Char('C'));
    assert!(!app.any_filter());
    assert_eq!(shown(&app).len(), 22);
    assert!(app.ui.message.is_some());
}

#[test]
fn the_deadline_window_steps_with_left_and_right() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    select_row(&mut app, |r| *r == MenuRow::Due);
    key(&mut app, KeyCode::Right);
    assert_eq!(app.quick.filter.due_within, Some(7));
    key(&mut app, KeyCode::Right);
    assert_eq!(app.quick.filter.due_within, Some(14));
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    assert_eq!(app.quick.filter.due_within, None);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.quick.filter.due_within,
        Some(14),
        "Enter: the warning window"
    );
}

#[test]
fn the_menu_offers_configured_and_used_units() {
    let mut app = app();
    app.board.tasks[0].lead = vec!["某街道".into()];
    app.summaries = app.board.tasks.iter().map(Task::summary).collect();
    let units = app.filter_units();
    assert_eq!(units[0], "区发展改革委");
    assert!(units.contains(&"某街道".to_string()));
    assert_eq!(units.iter().filter(|u| *u == "区旧改办").count(), 1);
}

#[test]
fn a_filter_that_hides_the_selection_selects_what_is_left() {
    let mut app = app();
    assert_eq!(app.ui.selected, Some(1));
    app.set_quick_filter(Filter::parse("unit:区旧改办").unwrap());
    assert_eq!(app.ui.selected, Some(4));
    app.update(Action::Open);
    assert_eq!(app.ui.screen, Screen::Detail);
}

#[test]
fn w_in_the_review_jumps_to_the_next_red_or_yellow_task_and_wraps() {
    use crate::model::review::{Review, ReviewScope};
    let mut app = app();
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    // Task 3: overdue (red). Task 15: a quarter done, half-way through its time (yellow).
    // Task 7: due in ten days (blue: not a jump target).
    app.board.tasks[2].deadline = date("2023-09-30");
    app.board.tasks[14].deadline = date("2024-06-30");
    app.board.tasks[14].measures[0].status = "done".into();
    app.board.tasks[6].deadline = date("2023-10-15");
    app.board.tasks[6]
        .measures
        .iter_mut()
        .for_each(|m| m.status = "done".into());
    app.summaries = app.board.tasks.iter().map(Task::summary).collect();
    let review = Review::new(
        app.now.date_naive(),
        ReviewScope::All,
        None,
        &app.board.meta,
        &app.summaries,
        app.now,
        "tester",
    );
    app.handle(Msg::ReviewSaved {
        change: None,
        result: Ok(review),
    });
    app.ui.screen = Screen::Review;
    let at = |app: &mut App| -> Option<usize> {
        match app
            .handle(Msg::Key(KeyEvent::new(
                KeyCode::Char('w'),
                KeyModifiers::NONE,
            )))
            .as_slice()
        {
            [Effect::Review(ReviewChange::Position(p))] => {
                let p = *p;
                app.review.as_mut().unwrap().position = p;
                Some(p)
            }
            _ => None,
        }
    };
    assert_eq!(at(&mut app), Some(2), "task 3 (red)");
    assert!(app.ui.message.as_ref().unwrap().text.contains("第 3 项"));
    assert_eq!(
        at(&mut app),
        Some(14),
        "task 15 (yellow), skipping the blue task 7"
    );
    assert!(app.ui.message.as_ref().unwrap().text.contains("黄色预警"));
    assert_eq!(at(&mut app), Some(2), "from the start again");
    // Nothing warned: it says so and stays.
    app.board.tasks[2].deadline = None;
    app.board.tasks[14].deadline = None;
    app.summaries = app.board.tasks.iter().map(Task::summary).collect();
    assert_eq!(at(&mut app), None);
    assert!(
        app.ui
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("没有红色或黄色")
    );
}

#[test]
fn the_menu_offers_the_sources_used_on_the_board() {
    use crate::model::decision::{Follow, Source};
    let mut app = app();
    let now = app.now;
    let follows = [(3, "领导批示"), (15, "常务会议"), (7, "领导批示")]
        .into_iter()
        .map(|(n, kind)| {
            let mut f = Follow::new(n);
            f.source = Some(Source {
                kind: kind.into(),
                set: now,
                ..Source::default()
            });
            f
        })
        .collect();
    app.set_follows(follows);
    let sources: Vec<MenuRow> = app
        .menu_rows()
        .into_iter()
        .filter(|r| matches!(r, MenuRow::Source(_)))
        .collect();
    // Each kind once, in task order; none that no task has.
    assert_eq!(
        sources,
        [
            MenuRow::Source("领导批示".into()),
            MenuRow::Source("常务会议".into())
        ]
    );
    key(&mut app, KeyCode::Char('f'));
    select_row(&mut app, |r| *r == MenuRow::Source("领导批示".into()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app), [3, 7]);
    assert_eq!(app.quick.filter.to_string(), "source:领导批示");
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).len(), 22, "toggled off");
}
