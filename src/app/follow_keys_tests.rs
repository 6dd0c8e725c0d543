use super::*;
use crate::app::decisions::FollowChange;
use crate::app::nav::{self, Selected, TASK_NODE};
use crate::app::{Overlay, Screen};
use crate::config::Config;
use crate::model::decision::{Follow, NewDecision};
use crate::model::{ItemRef, Stamp};
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

/// Task 15 with a decision on the task and one on measure 15.2, the app in its detail screen.
fn app_with_decisions() -> (App, String, String) {
    let board = crate::seed::board(crate::model::default_statuses(), at(1, 1));
    let mut app = App::new(board, &Config::defaults(), at(10, 12));
    let mut f = Follow::new(15);
    let stamp = Stamp {
        author: "督查室".into(),
        at: at(10, 5),
    };
    let mut decide = |sub: Option<u32>, text: &str| {
        f.decide(
            NewDecision {
                on: ItemRef { task: 15, sub },
                text: text.into(),
                unit: "区住建局".into(),
                due: Some(day(10, 20)),
                meeting: Some(day(10, 5)),
                source: None,
            },
            &stamp,
        )
        .unwrap()
    };
    let on_task = decide(None, "月底前完成签约");
    let on_measure = decide(Some(2), "协调电梯加装资金");
    app.set_follows(vec![f]);
    app.ui.selected = Some(15);
    app.open_detail();
    (app, on_task, on_measure)
}

fn select(app: &mut App, id: &str) {
    app.ui.screen = Screen::Detail;
    let t = app.board.task(15).unwrap();
    let path = nav::visible_paths(t, app.decisions_of(15), &app.ui.tree.borrow())
        .into_iter()
        .find(|p| p.last().is_some_and(|l| l == &format!("d:{id}")))
        .expect("the decision is a row of the tree");
    app.ui.tree.get_mut().select(path);
}

fn type_answer(app: &mut App, t: &str) {
    if let Some(Overlay::Prompt { buf, .. }) = app.ui.overlays.last_mut() {
        *buf = crate::app::textbuf::TextBuf::new(t, false);
    }
}

#[test]
fn decisions_are_rows_of_the_tree_under_their_task_or_measure() {
    let (mut app, on_task, on_measure) = app_with_decisions();
    app.ui
        .tree
        .get_mut()
        .open(vec![TASK_NODE.to_string(), "m:15.2".to_string()]);
    let t = app.board.task(15).unwrap();
    let paths = nav::visible_paths(t, app.decisions_of(15), &app.ui.tree.borrow());
    assert!(paths.contains(&vec![TASK_NODE.to_string(), format!("d:{on_task}")]));
    assert!(paths.contains(&vec![
        TASK_NODE.to_string(),
        "m:15.2".to_string(),
        format!("d:{on_measure}")
    ]));
    select(&mut app, &on_measure);
    assert_eq!(app.selected_node(), Some(Selected::Decision(on_measure)));
}

#[test]
fn done_in_the_tree_asks_for_evidence_and_closes_the_decision() {
    let (mut app, on_task, _) = app_with_decisions();
    select(&mut app, &on_task);
    assert_eq!(app.update(Action::DecisionDone), Vec::new());
    type_answer(&mut app, "杨府发〔2023〕12号");
    assert_eq!(
        app.update(Action::Yes),
        vec![Effect::Follow(FollowChange::Close {
            id: on_task.clone(),
            state: DecisionState::Done,
            evidence: "杨府发〔2023〕12号".into(),
        })]
    );
    assert!(app.ui.overlays.is_empty());
    // Drop needs no question.
    assert_eq!(
        app.update(Action::DecisionDrop),
        vec![Effect::Follow(FollowChange::Close {
            id: on_task,
            state: DecisionState::Dropped,
            evidence: String::new(),
        })]
    );
}

#[test]
fn a_decision_key_on_another_row_only_says_so() {
    let (mut app, _, _) = app_with_decisions();
    app.ui.screen = Screen::Detail;
    for a in [Action::DecisionDone, Action::DecisionDrop, Action::Extend] {
        assert_eq!(app.update(a), Vec::new());
        assert!(app.ui.overlays.is_empty());
        assert!(app.ui.message.as_ref().is_some_and(|m| m.error));
    }
}

#[test]
fn extend_asks_date_reason_and_approver_and_esc_writes_nothing() {
    let (mut app, on_task, _) = app_with_decisions();
    select(&mut app, &on_task);
    app.update(Action::Extend);
    // The proposed date: a week after the due date.
    let Some(Overlay::Prompt { buf, .. }) = app.ui.overlays.last() else {
        panic!("asks the date");
    };
    assert_eq!(buf.text(), "2023-10-27");
    type_answer(&mut app, "11-15");
    assert_eq!(app.update(Action::Yes), Vec::new());
    // No reason: asked again, nothing written.
    assert_eq!(app.update(Action::Yes), Vec::new());
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::ExtendReason { to, .. }, .. }) if *to == day(11, 15)
    ));
    type_answer(&mut app, "资金未到位");
    assert_eq!(app.update(Action::Yes), Vec::new());
    type_answer(&mut app, "李副区长");
    assert_eq!(
        app.update(Action::Yes),
        vec![Effect::Follow(FollowChange::Extend {
            id: on_task.clone(),
            to: day(11, 15),
            reason: "资金未到位".into(),
            approved_by: "李副区长".into(),
        })]
    );
    assert!(app.ui.overlays.is_empty());
    // Esc at the last step: nothing.
    app.update(Action::Extend);
    app.update(Action::Yes);
    type_answer(&mut app, "理由");
    app.update(Action::Yes);
    assert_eq!(app.update(Action::Cancel), Vec::new());
    assert!(app.ui.overlays.is_empty());
    // A date that is no date keeps the prompt open.
    app.update(Action::Extend);
    type_answer(&mut app, "下周");
    assert_eq!(app.update(Action::Yes), Vec::new());
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::Prompt {
            kind: PromptKind::ExtendTo { .. },
            ..
        })
    ));
}

#[test]
fn e_on_the_review_page_asks_too_and_the_saved_extension_keeps_the_original_date() {
    let (mut app, on_task, _) = app_with_decisions();
    app.ui.screen = Screen::Board;
    app.open_last_decisions(day(10, 12));
    app.update(Action::Extend);
    type_answer(&mut app, "2023-11-01");
    app.update(Action::Yes);
    type_answer(&mut app, "等待市里批复");
    app.update(Action::Yes);
    let effects = app.update(Action::Yes);
    let [Effect::Follow(change)] = &effects[..] else {
        panic!("{effects:?}");
    };
    // Back on the page, which shows the saved decision.
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::LastDecisions(_))
    ));
    let mut saved = app.followed.by_task[&15].clone();
    let stamp = Stamp {
        author: "x".into(),
        at: at(10, 12),
    };
    change.apply(&mut saved, &stamp).unwrap();
    let ext = saved.extensions_of(&on_task).next().unwrap();
    assert_eq!((ext.from, ext.to), (Some(day(10, 20)), day(11, 1)));
    assert_eq!(ext.reason, "等待市里批复");
    assert_eq!(ext.approved_by, "");
    app.follow_saved(change.clone(), Ok(saved));
    let Some(Overlay::LastDecisions(page)) = app.ui.overlays.last() else {
        panic!("the page stays open");
    };
    assert_eq!(page.rows[0].decision.due, Some(day(11, 1)));
}

#[test]
fn d_on_a_decision_asks_for_an_extension_not_the_tasks_deadline() {
    let (mut app, on_task, _) = app_with_decisions();
    select(&mut app, &on_task);
    app.update(Action::Deadline);
    assert!(matches!(
        app.ui.overlays.last(),
        Some(Overlay::Prompt { kind: PromptKind::ExtendTo { id }, .. }) if *id == on_task
    ));
}
