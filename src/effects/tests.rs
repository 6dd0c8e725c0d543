//! A review session driven by actions against a real board directory (no terminal): a board
//! with changes spread over two weeks, two meetings, an interruption and a resume.

use super::*;
use crate::app::Msg;
use crate::change::Change;
use crate::config::Config;
use crate::keymap::Action;
use crate::model::review::ReviewScope;
use crate::model::{Board, ItemRef, default_statuses};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn r(s: &str) -> ItemRef {
    s.parse().unwrap()
}

/// Changes made outside the meeting, at the given time.
fn change(store: &Store, when: &str, who: &str, f: impl FnOnce(&mut Board, &Stamp)) {
    let stamp = Stamp {
        author: who.into(),
        at: at(when),
    };
    store
        .update(Scope::All, |b| {
            f(b, &stamp);
            Ok(())
        })
        .unwrap();
}

struct Meeting<'a> {
    app: App,
    runner: Runner<'a>,
}

impl Meeting<'_> {
    fn open<'s>(store: &'s Store, when: &str) -> Meeting<'s> {
        let mut app = App::new(store.load().unwrap(), &Config::defaults(), at(when));
        app.handle(Msg::Resize(120, 40));
        let runner = Runner {
            store,
            author: "李明",
            review_date: None,
        };
        Meeting { app, runner }
    }

    fn act(&mut self, a: Action) {
        let effects = self.app.update(a);
        settle(&mut self.app, effects, |app, e| self.runner.run(app, e));
    }

    fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        let effects = self.app.handle(Msg::Key(KeyEvent::new(code, mods)));
        settle(&mut self.app, effects, |app, e| self.runner.run(app, e));
    }

    fn carry_out(&mut self, effect: Effect) {
        settle(&mut self.app, vec![effect], |app, e| {
            self.runner.run(app, e)
        });
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    fn save(&mut self) {
        self.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }

    fn current(&self) -> u32 {
        self.app.review_task().unwrap()
    }
}

/// Two weeks of a board: import on 09-28, changes in week one, a meeting on 10-05 (with a
/// change made during it), changes in week two.
fn two_weeks(dir: &std::path::Path) -> Store {
    let store = Store::new(dir);
    store
        .create(
            &crate::seed::board(default_statuses(), at("2023-09-28T09:00:00+08:00")),
            false,
        )
        .unwrap();
    change(&store, "2023-09-29T10:00:00+08:00", "王芳", |b, s| {
        b.set_status(r("15"), "doing", s).unwrap();
    });
    change(&store, "2023-10-02T15:00:00+08:00", "王芳", |b, s| {
        b.add_note(
            r("15.2"),
            "邯郸路基地完成签约",
            Some("杨旧改〔2023〕9号"),
            s,
        )
        .unwrap();
    });
    store
}

fn week_two(store: &Store) {
    change(store, "2023-10-09T09:30:00+08:00", "张伟", |b, s| {
        b.add_note(r("13.5"), "5所学校全部开工", None, s).unwrap();
    });
    change(store, "2023-10-10T16:00:00+08:00", "王芳", |b, s| {
        b.set_target(15, "15.4", Some(120.0), s).unwrap();
    });
    change(store, "2023-10-11T11:00:00+08:00", "赵丽", |b, s| {
        b.set_status(r("20"), "behind", s).unwrap();
    });
}

#[test]
fn a_second_review_sees_exactly_the_changes_since_the_first_and_resumes_after_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());

    // The first meeting, 10-05: every task.
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    m.act(Action::Review);
    assert_eq!(m.app.mode(), crate::keymap::Mode::Choose);
    m.act(Action::Yes); // the first choice: all tasks
    let review = m.app.review.clone().unwrap();
    assert_eq!(review.scope, ReviewScope::All);
    assert_eq!(review.order.len(), 22);
    assert_eq!(review.since, None, "the first review of a board");
    m.act(Action::Jump);
    m.type_text("15");
    m.act(Action::Yes);
    assert_eq!(m.current(), 15);
    m.act(Action::Conclusion);
    m.type_text("旧改签约按计划推进");
    m.save();
    // A change made during the meeting belongs to this meeting's period.
    m.app.now = at("2023-10-05T10:30:00+08:00");
    m.act(Action::StatusNext);
    assert_eq!(m.app.board.task(15).unwrap().status, "behind");
    m.act(Action::MarkReviewed);
    m.app.now = at("2023-10-05T11:00:00+08:00");
    m.act(Action::Finish);
    m.act(Action::Yes); // finish although not all were reviewed
    let first = store
        .load_review("2023-10-05".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(first.finished, Some(at("2023-10-05T11:00:00+08:00")));
    assert_eq!(first.item(15).unwrap().conclusion, "旧改签约按计划推进");
    assert!(first.item(15).unwrap().reviewed);
    let t15 = store.load_task(15).unwrap().tasks.remove(0);
    assert!(
        t15.history
            .iter()
            .any(|e| e.kind == crate::model::EventKind::Reviewed
                && e.to.as_deref() == Some("旧改签约按计划推进")),
        "marking reviewed notes the conclusion in the task's history"
    );

    week_two(&store);

    // The second meeting, 10-12: only what changed since the first one.
    let mut m = Meeting::open(&store, "2023-10-12T09:00:00+08:00");
    m.act(Action::Review);
    m.act(Action::Down); // "changed since the last review"
    m.act(Action::Yes);
    let review = m.app.review.clone().unwrap();
    assert_eq!(review.scope, ReviewScope::Changed);
    assert_eq!(review.since, first.finished);
    assert_eq!(
        review.order,
        vec![13, 15, 20],
        "nothing from before the first meeting ended"
    );
    let t15 = m.app.board.task(15).unwrap();
    let changes = crate::model::review::changes_since(t15, review.since);
    assert_eq!(
        changes.len(),
        1,
        "only the target value of 10-10: {changes:?}"
    );
    assert_eq!(changes[0].kind, crate::model::EventKind::Target);
    m.act(Action::MarkReviewed); // 13 reviewed, on to 15
    assert_eq!(m.current(), 15);
    m.act(Action::NextStep);
    m.type_text("月底前完成剩余签约");
    m.key(KeyCode::Tab, KeyModifiers::NONE);
    m.type_text("区旧改办 10-31");
    m.save();
    m.act(Action::Coordination);
    m.type_text("需规划资源局协调用地");
    m.save();
    drop(m); // the connection drops here

    // Resume: the same meeting, at the same task, with what was recorded.
    let mut m = Meeting::open(&store, "2023-10-12T09:40:00+08:00");
    m.act(Action::Review);
    assert_eq!(
        m.app.ui.screen,
        crate::app::Screen::Review,
        "no chooser: it resumes"
    );
    assert_eq!(m.current(), 15);
    let item = m.app.review_item(15).unwrap().clone();
    assert_eq!(item.next_step, "月底前完成剩余签约");
    assert_eq!(item.owner, "区旧改办");
    assert_eq!(item.due, "2023-10-31".parse().ok());
    assert_eq!(item.coordination.as_deref(), Some("需规划资源局协调用地"));
    assert_eq!(item.updated_by, "李明");
    m.act(Action::MarkReviewed);
    m.act(Action::MarkReviewed);
    assert_eq!(m.app.review.as_ref().unwrap().reviewed_count(), 3);
    m.act(Action::Finish);
    let second = store
        .load_review("2023-10-12".parse().unwrap())
        .unwrap()
        .unwrap();
    assert!(
        second.finished.is_some(),
        "all reviewed: finishes without asking"
    );
    assert_eq!(m.app.ui.screen, crate::app::Screen::Board);
}

#[test]
fn a_failed_save_gives_the_text_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    m.act(Action::AddNote);
    m.type_text("不能丢的文字");
    // The task file turns unreadable under our feet: the save fails.
    std::fs::write(store.task_path(1), "number = \n").unwrap();
    m.save();
    assert!(m.app.ui.message.as_ref().unwrap().error);
    assert_eq!(m.app.editor().unwrap().text.text(), "不能丢的文字");
}

#[test]
fn the_screen_whose_change_lost_the_race_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    let mine = |change| Effect::Apply {
        change,
        origin: crate::app::Origin::New,
    };
    m.carry_out(mine(Change::Status {
        item: r("15.1"),
        to: "done".into(),
    }));
    m.carry_out(mine(Change::Target {
        task: 15,
        id: "15.4".into(),
        value: Some(150.0),
    }));
    // A moment later someone else sets the same status (and an unrelated one): theirs wins.
    change(&store, "2023-10-05T10:00:05+08:00", "张伟", |b, s| {
        b.set_status(r("15.1"), "doing", s).unwrap();
        b.set_status(r("15.2"), "behind", s).unwrap();
    });
    m.app
        .handle(Msg::OthersChanged(store.load_tasks(&[15]).unwrap()));
    let message = m.app.ui.message.clone().unwrap();
    assert!(message.error, "shown as a warning");
    assert!(message.text.contains("覆盖"), "{}", message.text);
    assert!(
        message.text.contains("15.1 → 推进中 (张伟)"),
        "{}",
        message.text
    );
    assert!(
        !message.text.contains("15.4"),
        "the target value was not touched"
    );
    assert!(!message.text.contains("15.2"), "15.2 was not ours");
    let task = &m.app.board.tasks.iter().find(|t| t.number == 15).unwrap();
    let on_15_1: Vec<_> = task
        .history
        .iter()
        .filter(|e| e.on == "15.1" && e.kind == crate::model::EventKind::Status)
        .map(|e| (e.author.as_str(), e.to.as_deref().unwrap()))
        .collect();
    assert_eq!(
        on_15_1,
        [("李明", "done"), ("张伟", "doing")],
        "both in history"
    );

    // Someone else changes only what this screen did not touch: the plain reload message.
    change(&store, "2023-10-05T10:01:00+08:00", "张伟", |b, s| {
        b.set_status(r("15.3"), "doing", s).unwrap();
    });
    m.app
        .handle(Msg::OthersChanged(store.load_tasks(&[15]).unwrap()));
    let message = m.app.ui.message.clone().unwrap();
    assert!(
        !message.error && message.text.contains("已载入他人的修改"),
        "{}",
        message.text
    );

    // Their target value over ours is an override too.
    change(&store, "2023-10-05T10:02:00+08:00", "张伟", |b, s| {
        b.set_target(15, "15.4", Some(90.0), s).unwrap();
    });
    m.app
        .handle(Msg::OthersChanged(store.load_tasks(&[15]).unwrap()));
    let message = m.app.ui.message.clone().unwrap();
    assert!(
        message.text.contains("15.4 → 90 (张伟)"),
        "{}",
        message.text
    );
}

/// Issue 11 item 6: A moves task 3, B (another process) then sets it to 滞后; A's `u` must not
/// put A's old value back over B's — whether A's screen has reloaded B's change yet or not.
/// An undo over an untouched item still works, and redo is guarded the same way.
#[test]
fn undo_and_redo_never_overwrite_a_colleagues_newer_value() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    let status = |n: u32| store.load_task(n).unwrap().tasks[0].status.clone();
    let before = status(3);
    m.carry_out(Effect::Apply {
        change: Change::Status {
            item: r("3"),
            to: "doing".into(),
        },
        origin: crate::app::Origin::New,
    });
    assert_eq!(status(3), "doing");
    change(&store, "2023-10-05T10:00:05+08:00", "张伟", |b, s| {
        b.set_status(r("3"), "behind", s).unwrap();
    });
    // A's screen has not seen B's change yet: the store refuses under its lock.
    m.act(Action::Undo);
    assert_eq!(status(3), "behind", "B's value stays");
    let said = m.app.ui.message.clone().unwrap();
    assert!(said.error && said.text.contains("张伟"), "{}", said.text);
    // Once reloaded, the screen knows: it says who, and drops the step.
    m.app
        .handle(Msg::OthersChanged(store.load_tasks(&[3]).unwrap()));
    m.act(Action::Undo);
    assert_eq!(status(3), "behind", "B's value stays");
    let said = m.app.ui.message.clone().unwrap();
    assert!(said.error, "a warning");
    assert!(
        said.text.contains("3 已被 张伟 修改，未撤销"),
        "{}",
        said.text
    );
    m.act(Action::Undo);
    let said = m.app.ui.message.clone().unwrap();
    assert!(said.text.contains("没有可撤销"), "{}", said.text);
    let history = store.load_task(3).unwrap().tasks[0].history.clone();
    assert!(
        !history
            .iter()
            .any(|e| e.author == "李明" && e.to.as_deref() == Some(before.as_str())),
        "no undo was written: {history:?}"
    );

    // Untouched, undo works; then B changes it again and redo is refused.
    let before = status(4);
    m.carry_out(Effect::Apply {
        change: Change::Status {
            item: r("4"),
            to: "doing".into(),
        },
        origin: crate::app::Origin::New,
    });
    m.act(Action::Undo);
    assert_eq!(status(4), before, "undone");
    change(&store, "2023-10-05T10:00:09+08:00", "张伟", |b, s| {
        b.set_status(r("4"), "done", s).unwrap();
    });
    m.act(Action::Redo);
    assert_eq!(status(4), "done", "B's value stays");
    let said = m.app.ui.message.clone().unwrap();
    assert!(said.error && said.text.contains("张伟"), "{}", said.text);
}

#[test]
fn a_finished_meeting_reopens_as_finished_not_as_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    m.act(Action::Review);
    m.act(Action::Yes);
    m.act(Action::MarkReviewed);
    m.act(Action::Finish);
    m.act(Action::Yes);
    drop(m);
    let mut m = Meeting::open(&store, "2023-10-05T15:00:00+08:00");
    m.act(Action::Review);
    let said = m.app.ui.message.clone().unwrap().text;
    assert!(!said.contains("中断"), "{said}");
    assert!(said.contains("已结束"), "{said}");
    // An unfinished one still resumes as interrupted.
    let mut m = Meeting::open(&store, "2023-10-12T09:00:00+08:00");
    m.act(Action::Review);
    m.act(Action::Yes);
    m.act(Action::MarkReviewed);
    drop(m);
    let mut m = Meeting::open(&store, "2023-10-12T09:30:00+08:00");
    m.act(Action::Review);
    assert!(m.app.ui.message.clone().unwrap().text.contains("中断"));
}

#[test]
fn review_date_titles_the_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_weeks(dir.path());
    let mut m = Meeting::open(&store, "2023-10-05T10:00:00+08:00");
    m.runner.review_date = "2023-12-07".parse().ok();
    m.act(Action::Review);
    match m.app.ui.overlays.last() {
        Some(crate::app::Overlay::ReviewStart { date, .. }) => {
            assert_eq!(date.to_string(), "2023-12-07")
        }
        other => panic!("the chooser, not {other:?}"),
    }
}
