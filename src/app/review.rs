//! The weekly review meeting in the app: choosing which tasks to walk, moving through them,
//! recording conclusions, next steps and needs-coordination items, finishing. The record
//! itself is saved by the event loop through the store (`Effect::Review`), which reports back
//! with `Msg::ReviewSaved` (see `results`).

use super::*;
use crate::model::review::ReviewItem;

impl App {
    /// How many tasks a scope would walk (for the chooser).
    pub fn scope_count(&self, scope: ReviewScope, since: Option<DateTime<FixedOffset>>) -> usize {
        let previous = since.map(|finished| Review {
            finished: Some(finished),
            ..Review::new(
                self.now.date_naive(),
                ReviewScope::All,
                None,
                &self.board.meta,
                &[],
                self.now,
                "",
            )
        });
        Review::new(
            self.now.date_naive(),
            scope,
            previous.as_ref(),
            &self.board.meta,
            &self.summaries,
            self.now,
            "",
        )
        .order
        .iter()
        .filter(|n| self.summary(**n).is_some_and(|s| self.passes_quick(s)))
        .count()
    }

    pub(super) fn update_choose(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::ReviewStart { choice, .. }) = self.ui.overlays.last_mut() else {
            return None;
        };
        let n = ReviewScope::ALL.len();
        match action {
            Action::Down => *choice = (*choice + 1) % n,
            Action::Up => *choice = (*choice + n - 1) % n,
            Action::Yes => {
                let scope = ReviewScope::ALL[*choice];
                self.ui.overlays.pop();
                return Some(Effect::StartReview { scope });
            }
            Action::Cancel | Action::Back => {
                self.ui.overlays.pop();
            }
            _ => {}
        }
        None
    }

    /// Review: go to the task typed in the prompt.
    pub(super) fn jump_to(&mut self, text: &str) -> Option<Effect> {
        let wanted: Option<u32> = text.trim().parse().ok();
        let pos = wanted.and_then(|n| {
            self.review
                .as_ref()
                .and_then(|r| r.order.iter().position(|x| *x == n))
        });
        match pos {
            Some(p) => {
                self.ui.review_scroll = 0;
                Some(Effect::Review(ReviewChange::Position(p)))
            }
            None => {
                self.warn(strings::not_in_review(self.lang()));
                None
            }
        }
    }

    /// The task on the review screen.
    pub fn review_task(&self) -> Option<u32> {
        self.review.as_ref()?.current()
    }

    pub(super) fn update_review(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::MarkReviewed {
            return self.mark_reviewed();
        }
        self.review_step(action).into_iter().collect()
    }

    /// The task on screen is done with: mark it reviewed (which, once saved, also notes it in
    /// the task's history) and go on to the next.
    fn mark_reviewed(&mut self) -> Vec<Effect> {
        let Some(review) = self.review.as_ref() else {
            return Vec::new();
        };
        let Some(task) = review.current() else {
            return Vec::new();
        };
        let (pos, last) = (review.position, review.order.len().saturating_sub(1));
        self.ui.review_scroll = 0;
        let mut effects = vec![Effect::Review(ReviewChange::Reviewed {
            task,
            reviewed: true,
        })];
        if pos < last {
            effects.push(Effect::Review(ReviewChange::Position(pos + 1)));
        }
        effects
    }

    fn review_step(&mut self, action: Action) -> Option<Effect> {
        let review = self.review.as_ref()?;
        let task = review.current();
        let pos = review.position;
        let last = review.order.len().saturating_sub(1);
        let item = task
            .and_then(|t| review.item(t))
            .cloned()
            .unwrap_or_default();
        let move_to = |p: usize| Some(Effect::Review(ReviewChange::Position(p)));
        match action {
            Action::NextItem if pos < last => {
                self.ui.review_scroll = 0;
                return move_to(pos + 1);
            }
            Action::PrevItem if pos > 0 => {
                self.ui.review_scroll = 0;
                return move_to(pos - 1);
            }
            Action::NextItem => self.say(strings::last_task(self.lang())),
            Action::Down => self.ui.review_scroll += 1,
            Action::Up => self.ui.review_scroll = self.ui.review_scroll.saturating_sub(1),
            Action::Conclusion => {
                self.edit_review(EditTarget::Conclusion(task?), &item.conclusion, "")
            }
            Action::NextStep => {
                let who = owner_due_text(&item.owner, item.due);
                self.edit_review(EditTarget::NextStep(task?), &item.next_step, &who);
            }
            Action::Coordination => {
                let text = item.coordination.clone().unwrap_or_default();
                let who = owner_due_text(&item.coordination_owner, item.coordination_due);
                self.edit_review(EditTarget::Coordination(task?), &text, &who);
            }
            Action::Jump => self.ask(PromptKind::Jump, ""),
            Action::NextWarned => return self.next_warned(),
            Action::MakeDecision => return self.make_decisions(),
            Action::Finish => {
                let left = review.order.len() - review.reviewed_count();
                if left > 0 {
                    self.ui.overlays.push(Overlay::ConfirmFinish);
                } else {
                    return Some(Effect::Review(ReviewChange::Finish));
                }
            }
            Action::Back => {
                self.ui.screen = Screen::Board;
                self.say(strings::left_review(self.lang()));
            }
            // Status keys, notes, undo, help and quit work as on the board.
            _ => return self.update_screen(action),
        }
        None
    }

    fn edit_review(&mut self, target: EditTarget, text: &str, second: &str) {
        self.ui
            .overlays
            .push(Overlay::Editor(Editor::new(target, text, second)));
    }

    /// What the meeting recorded about a task, if anything.
    pub fn review_item(&self, task: u32) -> Option<&ReviewItem> {
        self.review.as_ref()?.item(task)
    }
}

/// An owner and date as the editor's second field shows them: `区旧改办 2023-10-31`.
fn owner_due_text(owner: &str, due: Option<chrono::NaiveDate>) -> String {
    match due {
        Some(d) => format!("{owner} {}", d.format("%Y-%m-%d"))
            .trim()
            .to_string(),
        None => owner.to_string(),
    }
}
