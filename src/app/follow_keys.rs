//! Decisions from the detail tree and the prompts that close and extend them: `D` closes the
//! selected decision as done (asking for an optional evidence note), `X` drops it, `E` (and
//! `e` on the review's page of last meeting's decisions) asks the new date (a week on by
//! default), the reason and who approved it. Esc at any step cancels with nothing written;
//! only the last answer asks the loop to save (`Effect::Follow`).

use super::decisions::FollowChange;
use super::{App, Effect, PromptKind};
use crate::keymap::Action;
use crate::model::decision::DecisionState;
use crate::model::schedule::parse_deadline;
use crate::strings::follow as s;
use chrono::{Datelike, Duration, NaiveDate};

impl PromptKind {
    /// The prompts of closing and extending a decision.
    pub(super) fn is_follow(&self) -> bool {
        matches!(
            self,
            PromptKind::DecisionEvidence { .. }
                | PromptKind::ExtendTo { .. }
                | PromptKind::ExtendReason { .. }
                | PromptKind::ExtendApprover { .. }
        ) || self.is_form()
    }
}

impl App {
    /// The decision selected in the detail tree, if the selection is one.
    fn selected_decision(&self) -> Option<&crate::model::decision::Decision> {
        let Some(crate::app::nav::Selected::Decision(id)) = self.selected_node() else {
            return None;
        };
        let task = crate::model::decision::id_task(&id)?;
        self.decisions_of(task).iter().find(|d| d.id == id)
    }

    /// Whether the tree's selection is a decision.
    pub(super) fn on_decision(&self) -> bool {
        self.selected_decision().is_some()
    }

    /// `D`, `X` or `E` in the detail screen: close, drop or extend the selected decision.
    pub(super) fn decision_key(&mut self, action: Action) -> Option<Effect> {
        let Some(d) = self.selected_decision() else {
            self.warn(s::select_a_decision(self.lang()));
            return None;
        };
        let id = d.id.clone();
        let today = self.now.date_naive();
        let to = d.due.unwrap_or(today).max(today) + Duration::days(7);
        match action {
            Action::DecisionDone => {
                self.ask(PromptKind::DecisionEvidence { id }, "");
                None
            }
            Action::DecisionDrop => Some(Effect::Follow(FollowChange::Close {
                id,
                state: DecisionState::Dropped,
                evidence: String::new(),
            })),
            Action::Extend => {
                self.ask_extension(id, to);
                None
            }
            _ => None,
        }
    }

    /// Start asking for an extension of decision `id`, proposing `to`.
    pub(super) fn ask_extension(&mut self, id: String, to: NaiveDate) {
        self.ask(
            PromptKind::ExtendTo { id },
            &to.format("%Y-%m-%d").to_string(),
        );
    }

    /// Enter in one of the decision prompts: the next question, or the change to save. A wrong
    /// answer keeps the prompt open with what was typed.
    pub(super) fn answer_follow(&mut self, kind: PromptKind, text: &str) -> Option<Effect> {
        let lang = self.lang();
        let next = |app: &mut App, kind: PromptKind, text: &str| {
            app.ui.overlays.pop();
            app.ask(kind, text);
            None
        };
        match kind {
            PromptKind::DecisionEvidence { id } => {
                self.ui.overlays.pop();
                Some(Effect::Follow(FollowChange::Close {
                    id,
                    state: DecisionState::Done,
                    evidence: text.to_string(),
                }))
            }
            PromptKind::ExtendTo { id } => {
                let year = self.now.date_naive().year();
                match parse_deadline(text, year) {
                    Ok(to) => next(self, PromptKind::ExtendReason { id, to }, ""),
                    Err(e) => {
                        self.warn(e.to_string());
                        None
                    }
                }
            }
            PromptKind::ExtendReason { id, to } => {
                if text.is_empty() {
                    self.warn(s::extension_needs_reason(lang));
                    return None;
                }
                let reason = text.to_string();
                next(self, PromptKind::ExtendApprover { id, to, reason }, "")
            }
            PromptKind::ExtendApprover { id, to, reason } => {
                self.ui.overlays.pop();
                Some(Effect::Follow(FollowChange::Extend {
                    id,
                    to,
                    reason,
                    approved_by: text.to_string(),
                }))
            }
            other => self.answer_form(other, text),
        }
    }

    /// The label of a decision prompt.
    pub fn follow_prompt_label(&self, kind: &PromptKind) -> Option<String> {
        let lang = self.lang();
        let day = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
        Some(match kind {
            PromptKind::DecisionEvidence { id } => s::prompt_decision_evidence(lang, id),
            PromptKind::ExtendTo { id } => {
                let was = crate::model::decision::id_task(id)
                    .and_then(|t| self.decisions_of(t).iter().find(|d| &d.id == id))
                    .and_then(|d| d.due)
                    .map_or("—".to_string(), |d| day(&d));
                s::prompt_extend_to(lang, id, &was)
            }
            PromptKind::ExtendReason { id, to } => s::prompt_extend_reason(lang, id, &day(to)),
            PromptKind::ExtendApprover { id, to, .. } => {
                s::prompt_extend_approver(lang, id, &day(to))
            }
            other => return self.form_label(other),
        })
    }
}

#[cfg(test)]
#[path = "follow_keys_tests.rs"]
mod tests;
