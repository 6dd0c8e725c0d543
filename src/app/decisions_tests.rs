use super::*;
use crate::config::Config;
use crate::model::Stamp;
use chrono::{FixedOffset, TimeZone};

fn at(m: u32, d: u32) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2023, m, d, 10, 0, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

fn decide(f: &mut Follow, text: &str, meeting: Option<NaiveDate>, made: u32) -> String {
    let stamp = Stamp {
        author: "督查室".into(),
        at: at(10, made),
    };
    f.decide(
        NewDecision {
            on: ItemRef {
                task: f.task,
                sub: None,
            },
            text: text.into(),
            unit: "区旧改办".into(),
            due: Some(day(10, 20)),
            meeting,
            source: None,
        },
        &stamp,
    )
    .unwrap()
}

#[test]
fn a_meeting_opens_with_the_previous_meetings_decisions_and_older_open_ones() {
    let mut f = Follow::new(15);
    let old_open = decide(&mut f, "旧的未办结", Some(day(9, 28)), 1);
    let old_done = decide(&mut f, "旧的已办结", Some(day(9, 28)), 1);
    let last_done = decide(&mut f, "上次已办结", Some(day(10, 5)), 5);
    let last_open = decide(&mut f, "上次未办结", Some(day(10, 5)), 5);
    let outside = decide(&mut f, "会外", None, 6);
    let today = decide(&mut f, "本次", Some(day(10, 12)), 12);
    let stamp = Stamp {
        author: "x".into(),
        at: at(10, 8),
    };
    f.close(&old_done, DecisionState::Done, "", "", &stamp)
        .unwrap();
    f.close(&last_done, DecisionState::Done, "", "", &stamp)
        .unwrap();
    let (previous, chosen) = last_decisions(std::slice::from_ref(&f), day(10, 12));
    assert_eq!(previous, Some(day(10, 5)));
    let ids: Vec<&str> = chosen.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&old_open.as_str()) && ids.contains(&last_done.as_str()));
    assert!(ids.contains(&last_open.as_str()) && ids.contains(&outside.as_str()));
    assert!(
        !ids.contains(&old_done.as_str()) && !ids.contains(&today.as_str()),
        "{ids:?}"
    );
}

#[test]
fn the_page_keys_close_carry_and_extend_the_selected_decision() {
    let board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    let mut f = Follow::new(15);
    let a = decide(&mut f, "一", Some(day(10, 5)), 5);
    let b = decide(&mut f, "二", Some(day(10, 5)), 5);
    app.set_follows(vec![f]);
    app.open_last_decisions(day(10, 12));
    assert_eq!(app.mode(), crate::keymap::Mode::Decisions);
    assert_eq!(
        app.update(Action::DecisionDone),
        vec![Effect::Follow(FollowChange::Close {
            id: a.clone(),
            state: DecisionState::Done,
            evidence: String::new(),
        })]
    );
    app.update(Action::Down);
    assert_eq!(
        app.update(Action::CarryOver),
        vec![Effect::Follow(FollowChange::Carry {
            id: b.clone(),
            date: day(10, 12)
        })]
    );
    // `e` asks the new date (a week on), the reason and the approver: see follow_keys_tests.
    assert_eq!(app.update(Action::Extend), Vec::new());
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::Prompt { kind: crate::app::PromptKind::ExtendTo { id }, buf })
            if *id == b && buf.text() == "2023-10-27"
    ));
    app.update(Action::Cancel);
    // Saved: the page shows the new state.
    let mut saved = app.followed.by_task[&15].clone();
    let stamp = Stamp {
        author: "x".into(),
        at: at(10, 12),
    };
    let change = FollowChange::Close {
        id: a.clone(),
        state: DecisionState::Done,
        evidence: String::new(),
    };
    change.apply(&mut saved, &stamp).unwrap();
    app.follow_saved(change, Ok(saved));
    let Some(Overlay::LastDecisions(page)) = app.ui.overlays.last() else {
        panic!("the page stays open");
    };
    assert_eq!(page.rows[0].decision.state, DecisionState::Done);
    app.update(Action::Yes);
    assert!(app.ui.overlays.is_empty());
}

#[test]
fn no_decision_no_page() {
    let board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    app.set_follows(Vec::new());
    app.open_last_decisions(day(10, 12));
    assert!(app.ui.overlays.is_empty());
}

#[test]
fn changing_a_deadline_that_has_passed_asks_whether_it_is_an_extension() {
    use crate::app::PromptKind;
    let mut board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    board.task_mut(15).unwrap().deadline = Some(day(10, 10));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    let item = ItemRef {
        task: 15,
        sub: None,
    };
    let set_text = |app: &mut App, t: &str| {
        if let Some(Overlay::Prompt { buf, .. }) = app.ui.overlays.last_mut() {
            *buf = crate::app::textbuf::TextBuf::new(t, false);
        }
    };
    app.ask(PromptKind::Deadline(item), "");
    set_text(&mut app, "2023-10-31");
    assert_eq!(app.update(Action::Yes), Vec::new(), "asked first");
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::ExtensionReason { .. },
            ..
        })
    ));
    set_text(&mut app, "资金未到位");
    let effects = app.update(Action::Yes);
    let [Effect::Apply { change, .. }, recorded] = &effects[..] else {
        panic!("the deadline changes and the extension is recorded: {effects:?}");
    };
    assert_eq!(
        *change,
        crate::change::Change::Deadline {
            item,
            date: Some(day(10, 31))
        }
    );
    assert_eq!(
        *recorded,
        Effect::Follow(FollowChange::RecordExtension {
            item,
            from: day(10, 10),
            to: day(10, 31),
            reason: "资金未到位".into()
        })
    );
    // Empty answer: a plain edit, nothing recorded.
    app.ask(PromptKind::Deadline(item), "");
    set_text(&mut app, "2023-11-30");
    app.update(Action::Yes);
    assert!(matches!(
        &app.update(Action::Yes)[..],
        [Effect::Apply { .. }]
    ));
    // A deadline still ahead is changed without a question.
    let mut board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    board.task_mut(15).unwrap().deadline = Some(day(12, 31));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    app.ask(PromptKind::Deadline(item), "");
    set_text(&mut app, "2023-11-30");
    assert!(matches!(
        &app.update(Action::Yes)[..],
        [Effect::Apply { .. }]
    ));
}

#[test]
fn a_meeting_whose_follow_up_files_cannot_be_read_opens_and_says_so_keeping_what_was_shown() {
    use crate::app::{Msg, Screen};
    use crate::model::review::{Review, ReviewScope};
    use crate::store::StoreError;
    use crate::tomlfile::FileError;
    let board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    let mut f = Follow::new(15);
    let open = decide(&mut f, "上次未办结", Some(day(10, 5)), 5);
    app.set_follows(vec![f]);
    let review = Review::new(
        day(10, 12),
        ReviewScope::All,
        None,
        &app.board.meta,
        &app.summaries,
        app.now,
        "tester",
    );
    let unreadable = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    app.handle(Msg::ReviewOpened {
        follows: Err(StoreError::File(FileError::io(
            std::path::Path::new("/b/follow/15.toml"),
            unreadable,
        ))),
        result: Ok(review),
    });
    assert_eq!(app.ui.screen, Screen::Review);
    let said = app.ui.message.as_ref().expect("a warning");
    assert!(
        said.error && said.text.contains("/b/follow/15.toml"),
        "{}",
        said.text
    );
    // The decisions read before are still there: the meeting opens with them.
    let ids: Vec<String> = app.followed.by_task[&15]
        .decisions
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(ids, vec![open]);
}
