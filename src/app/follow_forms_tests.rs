use super::*;
use crate::app::{Overlay, Screen};
use crate::config::Config;
use crate::keymap::Action;
use chrono::{FixedOffset, NaiveDate, TimeZone};

fn at(m: u32, d: u32) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2023, m, d, 10, 0, 0)
        .unwrap()
}

fn app_on_task(n: u32, deadline: Option<NaiveDate>) -> App {
    let mut board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    board.task_mut(n).unwrap().deadline = deadline;
    let mut config = Config::defaults();
    config.source_kinds = vec!["区委全会".into()];
    let mut app = App::new(board, &config, at(10, 12));
    app.ui.selected = Some(n);
    app.ui.screen = Screen::Board;
    app
}

fn type_answer(app: &mut App, t: &str) {
    if let Some(Overlay::Prompt { buf, .. }) = app.ui.overlays.last_mut() {
        *buf = crate::app::textbuf::TextBuf::new(t, false);
    }
}

fn prompt_text(app: &App) -> String {
    match app.ui.overlays.last() {
        Some(Overlay::Prompt { buf, .. }) => buf.text().to_string(),
        _ => panic!("no prompt"),
    }
}

#[test]
fn u_proposes_the_rules_level_and_records_with_the_note() {
    // Overdue since 10-01: the rule proposes red.
    let mut app = app_on_task(15, NaiveDate::from_ymd_opt(2023, 10, 1));
    app.update(Action::Urge);
    assert_eq!(prompt_text(&app), "红");
    // The level can be changed; a word that is no level keeps the prompt.
    type_answer(&mut app, "紫");
    assert_eq!(app.update(Action::Yes), Vec::new());
    assert!(app.ui.message.as_ref().is_some_and(|m| m.error));
    type_answer(&mut app, "yellow");
    assert_eq!(app.update(Action::Yes), Vec::new());
    type_answer(&mut app, "请本周内反馈");
    let effects = app.update(Action::Yes);
    let [Effect::Urge(order)] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(
        order.on,
        FollowRef::Item(ItemRef {
            task: 15,
            sub: None
        })
    );
    assert_eq!(order.level, Some(Warning::Yellow));
    assert_eq!(order.note, "请本周内反馈");
    assert!(app.ui.overlays.is_empty());
    // Esc at the note: nothing asked of the loop.
    app.update(Action::Urge);
    app.update(Action::Yes);
    assert_eq!(app.update(Action::Cancel), Vec::new());
    assert!(app.ui.overlays.is_empty());
}

#[test]
fn s_sets_a_known_kind_at_once_and_asks_the_instruction_of_a_pishi() {
    let mut app = app_on_task(3, None);
    app.update(Action::SetSource);
    // Part of a kind, the config's kinds too.
    type_answer(&mut app, "全会");
    let effects = app.update(Action::Yes);
    let [Effect::SetSource { on, source }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(on.key(), "3");
    assert_eq!(source.kind, "区委全会");
    // An unknown kind keeps the prompt with a warning naming the known ones.
    app.update(Action::SetSource);
    type_answer(&mut app, "小道消息");
    assert_eq!(app.update(Action::Yes), Vec::new());
    let m = app.ui.message.clone().unwrap();
    assert!(m.error && m.text.contains("领导批示"), "{}", m.text);
    // 批示: text, by, date.
    type_answer(&mut app, "批示");
    app.update(Action::Yes);
    type_answer(&mut app, "抓紧推进，月底前报进展");
    app.update(Action::Yes);
    type_answer(&mut app, "张区长");
    app.update(Action::Yes);
    type_answer(&mut app, "10-09");
    let effects = app.update(Action::Yes);
    let [Effect::SetSource { source, .. }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(source.kind, "领导批示");
    assert_eq!(source.text, "抓紧推进，月底前报进展");
    assert_eq!(source.by, "张区长");
    assert_eq!(source.date, NaiveDate::from_ymd_opt(2023, 10, 9));
}

#[test]
fn levels_are_read_in_either_language() {
    assert_eq!(parse_level("蓝"), Some(Warning::Blue));
    assert_eq!(parse_level("红色"), Some(Warning::Red));
    assert_eq!(parse_level(" Yellow "), Some(Warning::Yellow));
    assert_eq!(parse_level("绿"), None);
}
