//! What comes back to the app as messages: the results of its effects (a change saved or
//! refused, a review opened or saved, a sync done) and news from outside (the board read in
//! the background, others' changes, a draft of an earlier session). Each may ask for more
//! effects.

use super::*;
use crate::model::EventKind;
use crate::strings::errors::Voiced;

impl App {
    /// Take in a message that is not a terminal event.
    pub(super) fn take_result(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Loaded(board) => self.loaded(*board),
            Msg::TaskLoaded(result) => self.task_loaded(result),
            Msg::DraftRestored(draft) => self.restore_draft(&draft),
            Msg::Saved {
                change,
                origin,
                result,
            } => return self.applied(change, origin, result),
            Msg::ReviewMissing { date, since } => self.choose_review_scope(date, since),
            Msg::ReviewSaved { change, result } => return self.review_saved(change, result),
            Msg::ReviewOpened { follows, result } => return self.review_opened(follows, result),
            Msg::FollowsRead(Ok(follows)) => self.set_follows(follows),
            Msg::Urged { result, follows } => self.urged(result, follows),
            Msg::SourceSet {
                on,
                kind,
                result,
                follows,
            } => self.source_set(&on, &kind, result, follows),
            Msg::FollowsRead(Err(e)) => self.warn(e.say(self.lang())),
            Msg::FollowSaved { change, result } => {
                let lang = self.lang();
                self.follow_saved(change, result.map_err(|e| e.say(lang)))
            }
            Msg::OthersChanged(tasks) => self.others_changed(tasks),
            Msg::SyncDone(result) => self.note_sync(result),
            Msg::BoardsListed(boards) => self.show_boards(boards),
            Msg::Attached(result) => self.attached(result),
            Msg::Key(_) | Msg::Paste(_) | Msg::Resize(..) => {}
        }
        Vec::new()
    }

    /// The full board has been read: keep the selection and everything on screen.
    fn loaded(&mut self, board: Board) {
        self.summaries = board.tasks.iter().map(Task::summary).collect();
        self.board = board;
        self.complete = true;
        self.keep_selection_visible();
    }

    /// A task read alone while the board loads: keep it (until the whole board replaces it)
    /// and open it if it is still the one selected on the board.
    fn task_loaded(&mut self, result: Result<Box<Board>, StoreError>) {
        let read = match result {
            Ok(read) => read,
            Err(e) => return self.warn(e.to_string()),
        };
        let Some(task) = read.tasks.into_iter().next() else {
            return;
        };
        let number = task.number;
        if !self.complete && self.board.task(number).is_none() {
            let at = self.board.tasks.partition_point(|t| t.number < number);
            self.board.tasks.insert(at, task);
        }
        let still_there = self.ui.selected == Some(number)
            && self.ui.screen == Screen::Board
            && self.ui.overlays.is_empty()
            && !self.ui.filtering;
        if still_there {
            self.open_detail();
        }
    }

    /// Open the editor with a draft saved by an earlier session.
    fn restore_draft(&mut self, d: &Draft) {
        if let Some(target) = EditTarget::from_draft(&d.on) {
            let mut e = Editor::new(target, "", "");
            e.text.insert(&d.text);
            e.reference.insert(&d.reference);
            self.ui.overlays.push(Overlay::Editor(e));
            self.say(strings::draft_restored(self.lang()));
        }
    }

    /// No review of `date` yet: ask which tasks it walks. `since` is when the previous review
    /// ended, if there was one.
    fn choose_review_scope(
        &mut self,
        date: chrono::NaiveDate,
        since: Option<DateTime<FixedOffset>>,
    ) {
        self.ui.overlays.push(Overlay::ReviewStart {
            choice: 0,
            date,
            since,
        });
    }

    /// How a change went: the inverse (if it changed anything) and the task as saved, or why
    /// not. On error the change goes back where it came from. A new note saved brings the
    /// files chosen while it was written: attaching them are the effects returned.
    fn applied(
        &mut self,
        change: Change,
        origin: Origin,
        result: Result<(Option<Change>, Board), StoreError>,
    ) -> Vec<Effect> {
        let lang = self.lang();
        let mut effects = Vec::new();
        match result {
            Ok((inverse, saved)) => {
                self.ui.submitted = None;
                if origin == Origin::New {
                    effects = self.attach_pending(inverse.as_ref());
                }
                // Undo and redo steps remember what this change left, to apply only over it.
                let inverse = inverse.map(|inv| Change::revert(inv, &saved));
                for task in saved.tasks {
                    self.replace_task(task);
                }
                if let Some(inv) = inverse {
                    match origin {
                        Origin::New => {
                            self.undo.push(inv);
                            self.redo.clear();
                        }
                        Origin::Undo => self.redo.push(inv),
                        Origin::Redo => self.undo.push(inv),
                    }
                }
                self.reveal(&change);
                let what = self.describe(&change);
                self.say(match origin {
                    Origin::New => strings::saved(lang, &what),
                    Origin::Undo => strings::undone(lang, &what),
                    Origin::Redo => strings::redone(lang, &what),
                });
            }
            Err(e) => {
                match origin {
                    Origin::Undo => self.undo.push(change),
                    Origin::Redo => self.redo.push(change),
                    Origin::New => {}
                }
                // Nothing typed is lost: the editor comes back with its text.
                if let Some(editor) = self.ui.submitted.take() {
                    self.ui.overlays.push(Overlay::Editor(editor));
                }
                self.warn(strings::not_saved(lang, &e));
            }
        }
        self.keep_selection_visible();
        effects
    }

    /// The loop opened or saved the review: show it (or, on error, say why and give back
    /// any text that was being saved). Marking a task reviewed also notes it in the task's
    /// history: that change is the effect returned.
    fn review_saved(
        &mut self,
        change: Option<ReviewChange>,
        result: Result<Review, StoreError>,
    ) -> Vec<Effect> {
        let lang = self.lang();
        let mut effects = Vec::new();
        match result {
            Ok(review) => {
                let reopened_finished = change.is_none() && review.finished.is_some();
                let resumed = change.is_none() && review.position > 0 && !reopened_finished;
                let finished = matches!(change, Some(ReviewChange::Finish));
                if let Some(ReviewChange::Reviewed {
                    task,
                    reviewed: true,
                }) = change
                {
                    let conclusion = review.item(task).map(|i| i.conclusion.clone());
                    effects.push(Effect::Apply {
                        change: Change::Reviewed {
                            task,
                            conclusion: conclusion.unwrap_or_default(),
                        },
                        origin: Origin::New,
                    });
                }
                self.ui.submitted = None;
                self.ui.selected = review.current().or(self.ui.selected);
                self.review = Some(review);
                if finished {
                    self.ui.screen = Screen::Board;
                    self.say(strings::review_finished(lang));
                } else {
                    self.ui.screen = Screen::Review;
                    if resumed {
                        self.say(strings::review_resumed(lang));
                    } else if reopened_finished {
                        self.say(strings::review_already_finished(lang));
                    }
                }
            }
            Err(e) => {
                if let Some(editor) = self.ui.submitted.take() {
                    self.ui.overlays.push(Overlay::Editor(editor));
                }
                self.warn(strings::not_saved(lang, &e));
            }
        }
        effects
    }

    /// The loop opened a review with the follow-up files beside it: keep them, show the review,
    /// and open a meeting not begun yet with the last one's decisions.
    fn review_opened(
        &mut self,
        follows: Result<Vec<crate::model::decision::Follow>, StoreError>,
        result: Result<Review, StoreError>,
    ) -> Vec<Effect> {
        let fresh = result
            .as_ref()
            .ok()
            .filter(|r| r.finished.is_none() && r.reviewed_count() == 0)
            .map(|r| r.date);
        let unread = match follows {
            Ok(follows) => {
                self.set_follows(follows);
                None
            }
            Err(e) => Some(e),
        };
        let effects = self.review_saved(None, result);
        if let Some(date) = fresh {
            self.open_last_decisions(date);
        }
        // Last meeting's decisions could not be read: said over what the opening said.
        if let Some(e) = unread {
            self.warn(e.say(self.lang()));
        }
        effects
    }

    /// Tasks that another person (another process) changed: take them as saved, keeping the
    /// selection, the open tree and any draft, and say who changed what.
    fn others_changed(&mut self, tasks: Vec<Task>) {
        let mut said = Vec::new();
        let mut overridden = Vec::new();
        for task in tasks {
            overridden.extend(self.overridden(&task));
            let who = task
                .history
                .iter()
                .max_by_key(|e| e.at)
                .map(|e| crate::text::one_line(&e.author))
                .unwrap_or_default();
            said.push(format!("{} ({who})", task.number));
            self.replace_task(task);
        }
        if !said.is_empty() {
            let lang = self.lang();
            let text = if overridden.is_empty() {
                strings::others_changed(lang, &said.join(strings::list_separator(lang)))
            } else {
                strings::overridden(lang, &overridden.join(strings::list_separator(lang)))
            };
            if overridden.is_empty() {
                self.say(text);
            } else {
                self.warn(text);
            }
            self.keep_selection_visible();
        }
    }

    /// A background sync finished: say what it did, or why it did not.
    fn note_sync(&mut self, result: Result<Outcome, SyncFailure>) {
        let en = self.lang().is_en();
        match result {
            Ok(o) if o.failed.is_none() => self.say(o.words(en)),
            Ok(o) => self.warn(o.words(en)),
            Err(SyncFailure::Running) => self.warn(strings::sync_running(self.lang())),
            Err(SyncFailure::Stopped) => self.warn(strings::sync_stopped(self.lang())),
            Err(SyncFailure::Sync(e)) => self.warn(e.to_string()),
        }
    }

    /// What the reloaded `task` overrides of the statuses and target values this screen set
    /// (the ones its undo list holds): `15.4 → 推进中 (zhang)` for each item whose value now
    /// comes from a newer event by someone else.
    fn overridden(&self, task: &Task) -> Vec<String> {
        let Some(old) = self.board.tasks.iter().find(|t| t.number == task.number) else {
            return Vec::new();
        };
        let en = self.lang() == crate::config::Lang::En;
        let mut said = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for change in self.undo.iter().filter(|c| c.task() == task.number) {
            let change = match change {
                Change::Revert { change, .. } => change.as_ref(),
                other => other,
            };
            let (on, kind) = match change {
                Change::Status { item, .. } | Change::Close { item, .. } => {
                    (item.to_string(), EventKind::Status)
                }
                Change::Target { id, .. } => (id.clone(), EventKind::Target),
                _ => continue,
            };
            let newest = |t: &Task| {
                t.history
                    .iter()
                    .filter(|e| e.kind == kind && e.on == on)
                    .max_by_key(|e| e.at)
                    .cloned()
            };
            let Some(theirs) = newest(task) else { continue };
            if newest(old).as_ref() == Some(&theirs) || !seen.insert(on.clone()) {
                continue;
            }
            let value = theirs.to.as_deref().unwrap_or("-");
            let value = match kind {
                EventKind::Status => self.board.meta.status_name(value, en),
                _ => value,
            };
            said.push(format!(
                "{on} → {} ({})",
                crate::text::one_line(value),
                crate::text::one_line(&theirs.author)
            ));
        }
        said
    }
}
