//! Changes to the board from the keyboard: which status a key sets, the note editor's result,
//! undo and redo, and what the app does when the event loop reports that a change was saved.

use super::*;

impl App {
    pub(super) fn target_item(&self) -> Option<crate::model::ItemRef> {
        let task = self.selected_task()?;
        Some(nav::item_of(task, &self.selected_node()?))
    }

    pub(super) fn current_status_index(&self, item: crate::model::ItemRef) -> Option<usize> {
        let key = self.board.item(item).ok()?.status;
        self.board.meta.status_index(key)
    }

    pub(super) fn step_status(&mut self, action: Action) -> Option<Effect> {
        let item = self.target_item()?;
        let cur = self.current_status_index(item).unwrap_or(0);
        let new = match action {
            Action::StatusPrev => cur.checked_sub(1)?,
            _ => cur + 1,
        };
        self.set_status_of(item, new)
    }

    pub(super) fn set_status_column(&mut self, column: usize) -> Option<Effect> {
        let item = self.target_item()?;
        self.set_status_of(item, column)
    }

    pub(super) fn set_status_of(
        &mut self,
        item: crate::model::ItemRef,
        column: usize,
    ) -> Option<Effect> {
        let key = self.board.meta.statuses.get(column)?.key.clone();
        if self.current_status_index(item) == Some(column) {
            return None;
        }
        // Closing (销号) asks for evidence: a note with a reference, or a written reason.
        if self.board.meta.is_done(&key) && !self.board.has_evidence(item) {
            self.warn(strings::closing_needs_evidence(self.lang()));
            self.ask(PromptKind::CloseReason { item, to: key }, "");
            return None;
        }
        Some(Effect::Apply {
            change: Change::Status { item, to: key },
            origin: Origin::New,
        })
    }

    pub(super) fn open_new_note(&mut self) {
        if let Some(item) = self.target_item() {
            self.ui
                .overlays
                .push(Overlay::Editor(Editor::new(EditTarget::New(item), "", "")));
        }
    }

    pub(super) fn open_edit(&mut self) {
        let lang = self.lang();
        if let (Some(Selected::Target(id)), Some(task)) = (self.selected_node(), self.ui.selected) {
            self.ask_target_value(task, &id);
            return;
        }
        let note = match self.selected_node() {
            Some(Selected::Note { id, .. }) => self
                .selected_task()
                .and_then(|t| t.notes.iter().find(|n| n.id == id))
                .map(|n| {
                    (
                        n.id.clone(),
                        n.text.clone(),
                        n.reference.clone().unwrap_or_default(),
                    )
                }),
            _ => None,
        };
        match (note, self.ui.selected) {
            (Some((id, text, reference)), Some(task)) => {
                let target = EditTarget::Existing { task, id };
                self.ui
                    .overlays
                    .push(Overlay::Editor(Editor::new(target, &text, &reference)));
            }
            _ => self.warn(strings::select_note_first(lang)),
        }
    }

    pub(super) fn history_step(&mut self, origin: Origin) -> Option<Effect> {
        let stack = match origin {
            Origin::Undo => &mut self.undo,
            _ => &mut self.redo,
        };
        match stack.pop() {
            // Someone changed the item since (as this screen already knows): their value
            // stays, and this step is dropped. The store checks again under its lock.
            Some(change) if Self::stale(&change, &self.board) => {
                let (item, by) = change.changed_by(&self.board);
                let by = crate::text::one_line(&by);
                let (item, lang) = (item.to_string(), self.lang());
                self.warn(match origin {
                    Origin::Undo => strings::not_undone(lang, &item, &by),
                    _ => strings::not_redone(lang, &item, &by),
                });
                None
            }
            Some(change) => Some(Effect::Apply { change, origin }),
            None => {
                let lang = self.lang();
                self.say(match origin {
                    Origin::Undo => strings::nothing_to_undo(lang),
                    _ => strings::nothing_to_redo(lang),
                });
                None
            }
        }
    }

    /// Put a task as saved (or as another user saved it) in place of ours.
    pub(super) fn replace_task(&mut self, task: Task) {
        let summary = task.summary();
        match self.summaries.iter_mut().find(|s| s.number == task.number) {
            Some(slot) => *slot = summary,
            None => self.summaries.push(summary),
        }
        match self
            .board
            .tasks
            .iter_mut()
            .find(|t| t.number == task.number)
        {
            Some(slot) => *slot = task,
            None => self.board.tasks.push(task),
        }
    }

    /// After a change, show its result: the task stays selected, a new note's branch opens.
    pub(super) fn reveal(&mut self, change: &Change) {
        let item = match change {
            Change::AddNote { item, .. } => Some(*item),
            _ => None,
        };
        if let Some(item) = item.filter(|i| i.sub.is_some()) {
            let st = self.ui.tree.get_mut();
            st.open(vec![TASK_NODE.to_string(), format!("m:{item}")]);
        }
    }

    /// An undo or redo step whose item no longer holds what the undone change left.
    fn stale(change: &Change, board: &Board) -> bool {
        matches!(change, Change::Revert { change, left } if change.holds(board) != *left)
    }

    pub(super) fn describe(&self, change: &Change) -> String {
        let en = self.lang().is_en();
        match change {
            Change::Revert { change, .. } => self.describe(change),
            Change::Status { item, to } => {
                format!("{item} → {}", self.board.meta.status_name(to, en))
            }
            Change::AddNote { item, .. } => format!("{item} {}", strings::about_note(self.lang())),
            Change::EditNote { task, .. }
            | Change::RemoveNote { task, .. }
            | Change::RestoreNote { task, .. } => {
                format!("{task} {}", strings::about_note(self.lang()))
            }
            Change::Target { id, .. } => crate::model::target_name(id),
            Change::Reviewed { task, .. } => {
                format!("{task} {}", strings::about_reviewed(self.lang()))
            }
            Change::Close { item, to, .. } => {
                format!("{item} → {}", self.board.meta.status_name(to, en))
            }
            Change::Assign { item, .. } => {
                format!("{item} {}", strings::about_units(self.lang()))
            }
            Change::Deadline { item, .. } => {
                format!("{item} {}", crate::strings::common::deadline(self.lang()))
            }
            Change::AddTarget { task, .. }
            | Change::RemoveTarget { task, .. }
            | Change::RestoreTarget { task, .. } => {
                format!("{task} {}", crate::strings::common::target(self.lang()))
            }
        }
    }
}
