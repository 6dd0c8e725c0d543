//! The weekly review meeting in the app: choosing which tasks to walk, moving through them,
//! recording conclusions, next steps and needs-coordination items, finishing. The record
//! itself is saved by the event loop through the store (`Effect::Review`), which reports back
//! with `review_saved`.

use super::*;
use crate::model::review::ReviewItem;

impl App {
    /// No review of `date` yet: ask which tasks it walks. `since` is when the previous review
    /// ended, if there was one.
    pub fn choose_review_scope(
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
        .len()
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
                self.warn(
                    self.lang()
                        .pick("本次例会没有这项任务", "that task is not in this review"),
                );
                None
            }
        }
    }

    /// The task on the review screen.
    pub fn review_task(&self) -> Option<u32> {
        self.review.as_ref()?.current()
    }

    pub(super) fn update_review(&mut self, action: Action) -> Option<Effect> {
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
            Action::NextItem => self.say(self.lang().pick(
                "已是最后一项：F 结束例会",
                "this is the last task: F finishes the meeting",
            )),
            Action::Down => self.ui.review_scroll += 1,
            Action::Up => self.ui.review_scroll = self.ui.review_scroll.saturating_sub(1),
            Action::MarkReviewed => {
                let task = task?;
                if pos < last {
                    self.pending
                        .push(Effect::Review(ReviewChange::Position(pos + 1)));
                }
                self.ui.review_scroll = 0;
                return Some(Effect::Review(ReviewChange::Reviewed {
                    task,
                    reviewed: true,
                }));
            }
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
                self.say(self.lang().pick(
                    "已离开例会：按 R 从原处继续",
                    "left the review: R resumes where it stopped",
                ));
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

    /// The loop opened or saved the review: show it (or, on error, say why and give back
    /// any text that was being saved).
    pub fn review_saved(&mut self, change: Option<ReviewChange>, result: Result<Review, String>) {
        let lang = self.lang();
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
                    self.pending.push(Effect::Apply {
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
                    self.say(lang.pick(
                        "例会已结束：keywork report 生成周报",
                        "review finished: keywork report writes the weekly report",
                    ));
                } else {
                    self.ui.screen = Screen::Review;
                    if resumed {
                        self.say(
                            lang.pick("继续上次中断的例会", "resuming the interrupted review"),
                        );
                    } else if reopened_finished {
                        self.say(lang.pick(
                            "这次例会已结束：查看记录（keywork report --review 日期 生成周报）",
                            "this review is finished: its record (keywork report --review DATE)",
                        ));
                    }
                }
            }
            Err(e) => {
                if let Some(editor) = self.ui.submitted.take() {
                    self.ui.overlays.push(Overlay::Editor(editor));
                }
                self.warn(format!("{} {e}", lang.pick("未保存：", "not saved:")));
            }
        }
    }

    /// What the meeting recorded about a task, if anything.
    pub fn review_item(&self, task: u32) -> Option<&ReviewItem> {
        self.review.as_ref()?.item(task)
    }

    /// Follow-up work for the event loop, after it carried out an effect.
    pub fn next_effect(&mut self) -> Option<Effect> {
        if self.pending.is_empty() {
            None
        } else {
            Some(self.pending.remove(0))
        }
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
