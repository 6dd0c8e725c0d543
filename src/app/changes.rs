//! Changes to the board from the keyboard: which status a key sets, the note editor's result,
//! undo and redo, and what the app does when the event loop reports that a change was saved.

use super::*;
use crate::model::EventKind;

impl App {
    pub(super) fn target_item(&self) -> Option<crate::model::ItemRef> {
        let task = self.selected_task()?;
        Some(nav::item_of(task, &self.selected_node()?))
    }

    pub(super) fn current_status_index(&self, item: crate::model::ItemRef) -> Option<usize> {
        let task = self.board.task(item.task)?;
        let key = match item.sub {
            None => &task.status,
            Some(_) => &task.measure(&item.to_string())?.status,
        };
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
            self.warn(self.lang().pick(
                "销号需要佐证：写明无佐证的原因并回车，或 Esc 后按 n 添加带文号的佐证",
                "closing needs evidence: give the reason and Enter, or Esc and n for a note with a reference",
            ));
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
            self.ui.pending_files.clear();
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
            _ => self.warn(lang.pick(
                "请先在任务详情中选中一条佐证（Enter 打开任务）",
                "select a note in the task's detail first (Enter opens the task)",
            )),
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
                let en = self.lang().is_en();
                self.warn(match (origin, en) {
                    (Origin::Undo, false) => {
                        format!("{item} 已被 {by} 修改，未撤销（保留对方的修改）")
                    }
                    (_, false) => format!("{item} 已被 {by} 修改，未重做（保留对方的修改）"),
                    (Origin::Undo, true) => {
                        format!("{item} was changed since by {by}: not undone, their change stays")
                    }
                    (_, true) => {
                        format!("{item} was changed since by {by}: not redone, their change stays")
                    }
                });
                None
            }
            Some(change) => Some(Effect::Apply { change, origin }),
            None => {
                let lang = self.lang();
                self.say(match origin {
                    Origin::Undo => lang.pick("没有可撤销的修改", "nothing to undo"),
                    _ => lang.pick("没有可重做的修改", "nothing to redo"),
                });
                None
            }
        }
    }

    /// The event loop reports how a change went: the inverse (if it changed anything) and the
    /// task as saved, or an error message. On error the change goes back where it came from.
    pub fn applied(
        &mut self,
        change: Change,
        origin: Origin,
        result: Result<(Option<Change>, Board), String>,
    ) {
        let lang = self.lang();
        match result {
            Ok((inverse, saved)) => {
                self.ui.submitted = None;
                if origin == Origin::New {
                    self.attach_pending(inverse.as_ref());
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
                    Origin::New => format!("{} {what}", lang.pick("已保存", "saved")),
                    Origin::Undo => format!("{} {what}", lang.pick("已撤销：", "undone:")),
                    Origin::Redo => format!("{} {what}", lang.pick("已重做：", "redone:")),
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
                self.warn(format!("{} {e}", lang.pick("未保存：", "not saved:")));
            }
        }
        self.keep_selection_visible();
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
            Change::AddNote { item, .. } => format!("{item} {}", self.lang().pick("佐证", "note")),
            Change::EditNote { task, .. }
            | Change::RemoveNote { task, .. }
            | Change::RestoreNote { task, .. } => {
                format!("{task} {}", self.lang().pick("佐证", "note"))
            }
            Change::Target { id, .. } => crate::model::target_name(id),
            Change::Reviewed { task, .. } => {
                format!("{task} {}", self.lang().pick("已审议", "reviewed"))
            }
            Change::Close { item, to, .. } => {
                format!("{item} → {}", self.board.meta.status_name(to, en))
            }
            Change::Assign { item, .. } => {
                format!("{item} {}", self.lang().pick("责任单位", "units"))
            }
            Change::Deadline { item, .. } => {
                format!("{item} {}", self.lang().pick("时间节点", "deadline"))
            }
            Change::AddTarget { task, .. }
            | Change::RemoveTarget { task, .. }
            | Change::RestoreTarget { task, .. } => {
                format!("{task} {}", self.lang().pick("指标", "target"))
            }
        }
    }

    /// Tasks that another person (another process) changed: take them as saved, keeping the
    /// selection, the open tree and any draft, and say who changed what.
    pub fn others_changed(&mut self, tasks: Vec<Task>) {
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
                format!(
                    "{}{}",
                    lang.pick("已载入他人的修改：任务 ", "changed by others: task "),
                    said.join("、")
                )
            } else {
                format!(
                    "{}{}{}",
                    lang.pick("你的修改已被他人覆盖：", "your change was overridden: "),
                    overridden.join("、"),
                    lang.pick("（双方都记入了历史）", " (both are in the history)")
                )
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
    pub fn note_sync(&mut self, result: Result<String, String>) {
        match result {
            Ok(words) => self.say(words),
            Err(why) => self.warn(why),
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
