//! Follow-through in the app: the page of last meeting's decisions (上次议定事项落实情况) that
//! opens a new review before its tasks, its keys (done, drop, carry over, extend), and turning
//! a review item's next step and coordination item into decisions. The changes are saved by
//! the event loop through the store (`Effect::Follow`), which reports back with
//! `follow_saved`. No IO here.

use super::{App, Effect, Overlay};
use crate::keymap::Action;
use crate::model::decision::{Decision, DecisionState, Follow, NewDecision};
use crate::model::{EventKind, ItemRef};
use crate::strings::follow as s;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// The follow-up files the app has read (when a review opens), by task.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Followed {
    pub by_task: BTreeMap<u32, Follow>,
}

/// One decision on the page, with what happened on its task since it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    pub decision: Decision,
    pub task_title: String,
    /// Changes people made on the task since the decision was made.
    pub since: usize,
}

/// The page of last meeting's decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct LastDecisions {
    /// This meeting's date.
    pub date: NaiveDate,
    /// The previous meeting's date, if any decision names one.
    pub previous: Option<NaiveDate>,
    pub rows: Vec<DecisionRow>,
    pub choice: usize,
}

/// A change to a task's follow-up that the loop saves.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowChange {
    Close {
        id: String,
        state: DecisionState,
        /// What shows it was done (may be empty).
        evidence: String,
    },
    Carry {
        id: String,
        date: NaiveDate,
    },
    Extend {
        id: String,
        to: NaiveDate,
        reason: String,
        approved_by: String,
    },
    Decide {
        task: u32,
        new: Vec<NewDecision>,
    },
    /// A task's or measure's deadline moved as an extension (the deadline itself is a `Change`).
    RecordExtension {
        item: ItemRef,
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
    },
}

impl FollowChange {
    pub fn task(&self) -> u32 {
        match self {
            FollowChange::Close { id, .. }
            | FollowChange::Carry { id, .. }
            | FollowChange::Extend { id, .. } => crate::model::decision::id_task(id).unwrap_or(0),
            FollowChange::Decide { task, .. } => *task,
            FollowChange::RecordExtension { item, .. } => item.task,
        }
    }

    /// Apply to the latest file (the loop calls this under the board's lock).
    pub fn apply(
        &self,
        f: &mut Follow,
        stamp: &crate::model::Stamp,
    ) -> Result<(), crate::model::ModelError> {
        use crate::model::decision::FollowRef;
        match self {
            FollowChange::Close {
                id,
                state,
                evidence,
            } => f.close(id, *state, "", evidence, stamp).map(|_| ()),
            FollowChange::Carry { id, date } => f.carry(id, *date, stamp).map(|_| ()),
            FollowChange::Extend {
                id,
                to,
                reason,
                approved_by,
            } => {
                let from = f
                    .decision(id)
                    .ok_or_else(|| crate::model::ModelError::BadRef(id.clone()))?
                    .due;
                f.extend(
                    &FollowRef::Decision(id.clone()),
                    from,
                    *to,
                    reason,
                    approved_by,
                    stamp,
                )
            }
            FollowChange::RecordExtension {
                item,
                from,
                to,
                reason,
            } => f.extend(&FollowRef::Item(*item), Some(*from), *to, reason, "", stamp),
            FollowChange::Decide { new, .. } => {
                for n in new {
                    f.decide(n.clone(), stamp)?;
                }
                Ok(())
            }
        }
    }
}

/// The decisions a meeting on `date` opens with: every decision of the latest earlier meeting
/// (whatever its state), and every older one still open.
pub fn last_decisions(follows: &[Follow], date: NaiveDate) -> (Option<NaiveDate>, Vec<&Decision>) {
    let all = follows.iter().flat_map(|f| f.decisions.iter());
    let previous = all
        .clone()
        .filter_map(|d| d.meeting)
        .filter(|m| *m < date)
        .max();
    let mut chosen: Vec<&Decision> = all
        .filter(|d| d.made.date_naive() <= date)
        .filter(|d| {
            (d.meeting.is_some() && d.meeting == previous)
                || (d.state == DecisionState::Open && d.meeting.is_none_or(|m| m < date))
        })
        .collect();
    chosen.sort_by_key(|d| {
        (
            d.meeting,
            crate::model::decision::id_task(&d.id),
            d.id.clone(),
        )
    });
    (previous, chosen)
}

impl App {
    /// The decisions made on a task (empty when its follow-up file has not been read).
    pub fn decisions_of(&self, task: u32) -> &[Decision] {
        self.followed
            .by_task
            .get(&task)
            .map_or(&[], |f| f.decisions.as_slice())
    }

    /// The follow-up files were read: keep them for the review screen and the tree.
    pub fn set_follows(&mut self, follows: Vec<Follow>) {
        self.followed.by_task = follows.into_iter().map(|f| (f.task, f)).collect();
    }

    /// A new review opens: show last meeting's decisions first, if there are any.
    pub fn open_last_decisions(&mut self, date: NaiveDate) {
        let follows: Vec<Follow> = self.followed.by_task.values().cloned().collect();
        let (previous, chosen) = last_decisions(&follows, date);
        if chosen.is_empty() {
            return;
        }
        let rows = chosen
            .into_iter()
            .map(|d| {
                let task = crate::model::decision::id_task(&d.id).unwrap_or(0);
                let t = self.board.task(task);
                DecisionRow {
                    decision: d.clone(),
                    task_title: t.map(|t| t.title.clone()).unwrap_or_default(),
                    since: t.map_or(0, |t| {
                        t.history
                            .iter()
                            .filter(|e| e.kind != EventKind::Created && e.at > d.made)
                            .count()
                    }),
                }
            })
            .collect();
        self.ui.overlays.push(Overlay::LastDecisions(LastDecisions {
            date,
            previous,
            rows,
            choice: 0,
        }));
    }

    pub(super) fn update_decisions(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::LastDecisions(page)) = self.ui.overlays.last_mut() else {
            return None;
        };
        let n = page.rows.len();
        let row = page.rows.get(page.choice)?;
        let id = row.decision.id.clone();
        let date = page.date;
        let change = match action {
            Action::Down => {
                page.choice = (page.choice + 1) % n.max(1);
                return None;
            }
            Action::Up => {
                page.choice = (page.choice + n.max(1) - 1) % n.max(1);
                return None;
            }
            Action::Yes | Action::Back | Action::Cancel => {
                self.ui.overlays.pop();
                return None;
            }
            Action::DecisionDone => FollowChange::Close {
                id,
                state: DecisionState::Done,
                evidence: String::new(),
            },
            Action::DecisionDrop => FollowChange::Close {
                id,
                state: DecisionState::Dropped,
                evidence: String::new(),
            },
            Action::CarryOver => FollowChange::Carry { id, date },
            Action::Extend => {
                // Asks the new date (a week on by default), the reason and the approver.
                let to = row.decision.due.unwrap_or(date).max(date) + Duration::days(7);
                self.ask_extension(id, to);
                return None;
            }
            _ => return None,
        };
        Some(Effect::Follow(change))
    }

    /// Review: the task's next step and coordination item become decisions of this meeting
    /// (each once: one already made from the same text is not made again).
    pub(super) fn make_decisions(&mut self) -> Option<Effect> {
        let review = self.review.as_ref()?;
        let task = review.current()?;
        let item = review.item(task).cloned().unwrap_or_default();
        let existing: Vec<&Decision> = self
            .followed
            .by_task
            .get(&task)
            .map(|f| f.decisions.iter().collect())
            .unwrap_or_default();
        let on = ItemRef { task, sub: None };
        let mut new = Vec::new();
        let mut already = false;
        let mut add = |text: &str, unit: &str, due: Option<NaiveDate>| {
            let text = text.trim();
            let made = existing
                .iter()
                .any(|d| d.text == text && d.meeting == Some(review.date));
            already |= made;
            if !text.is_empty() && !made && !new.iter().any(|n: &NewDecision| n.text == text) {
                new.push(NewDecision {
                    on,
                    text: text.to_string(),
                    unit: unit.to_string(),
                    due,
                    meeting: Some(review.date),
                    source: None,
                });
            }
        };
        add(&item.next_step, &item.owner, item.due);
        if let Some(c) = &item.coordination {
            add(c, &item.coordination_owner, item.coordination_due);
        }
        if item.next_step.trim().is_empty() && item.coordination.is_none() {
            add(&item.conclusion, "", None);
        }
        if new.is_empty() && already {
            self.say(s::review_already_made(self.lang()));
            return None;
        }
        if new.is_empty() {
            self.warn(s::review_nothing_to_decide(self.lang()));
            return None;
        }
        Some(Effect::Follow(FollowChange::Decide { task, new }))
    }

    /// The loop saved a follow-up change: show it (or say why not).
    pub fn follow_saved(&mut self, change: FollowChange, result: Result<Follow, String>) {
        let lang = self.lang();
        match result {
            Ok(f) => {
                if let Some(Overlay::LastDecisions(page)) = self.ui.overlays.last_mut() {
                    for row in &mut page.rows {
                        if let Some(d) = f.decision(&row.decision.id) {
                            row.decision = d.clone();
                        }
                    }
                }
                let said = match &change {
                    FollowChange::Close { id, state, .. } => {
                        s::decision_now(lang, id, s::state(lang, *state))
                    }
                    FollowChange::Carry { date, id } => s::labelled(
                        lang,
                        id,
                        &s::review_carried(lang, &date.format("%Y-%m-%d").to_string()),
                    ),
                    FollowChange::Extend { id, to, .. } => {
                        let from = self
                            .followed
                            .by_task
                            .get(&f.task)
                            .and_then(|old| old.decision(id))
                            .and_then(|d| d.due)
                            .map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string());
                        s::extension_recorded(lang, id, &from, &to.format("%Y-%m-%d").to_string())
                    }
                    FollowChange::RecordExtension { item, from, to, .. } => {
                        let day = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
                        s::extension_recorded(lang, &item.to_string(), &day(from), &day(to))
                    }
                    FollowChange::Decide { .. } => {
                        let ids: Vec<&str> = f
                            .decisions
                            .iter()
                            .filter(|d| {
                                self.followed
                                    .by_task
                                    .get(&f.task)
                                    .is_none_or(|old| old.decision(&d.id).is_none())
                            })
                            .map(|d| d.id.as_str())
                            .collect();
                        s::review_made(lang, &ids.join(" "))
                    }
                };
                self.followed.by_task.insert(f.task, f);
                self.say(said);
            }
            Err(e) => self.warn(s::not_saved(lang, &e)),
        }
    }

    /// A deadline typed in the prompt: if the old one had passed, turn the prompt into the
    /// question whether this is an extension (its reason), and return what to say.
    pub(super) fn ask_if_extension(
        &mut self,
        item: ItemRef,
        date: Option<NaiveDate>,
    ) -> Option<String> {
        let to = date?;
        let task = self.board.task(item.task)?;
        let from = match item.sub {
            None => task.deadline,
            Some(_) => task.measure(&item.to_string())?.deadline,
        }?;
        if from >= self.now.date_naive() || from == to {
            return None;
        }
        if let Some(Overlay::Prompt { kind, buf }) = self.ui.overlays.last_mut() {
            *kind = super::PromptKind::ExtensionReason { item, from, to };
            *buf = super::textbuf::TextBuf::new("", false);
        }
        Some(s::extension_hint(self.lang()).to_string())
    }

    /// The answer to that question: a reason records the change as an extension too (the
    /// effect that records it).
    pub(super) fn record_extension(
        &mut self,
        item: ItemRef,
        from: NaiveDate,
        to: NaiveDate,
        reason: &str,
    ) -> Option<Effect> {
        (!reason.trim().is_empty()).then(|| {
            Effect::Follow(FollowChange::RecordExtension {
                item,
                from,
                to,
                reason: reason.trim().to_string(),
            })
        })
    }

    /// `催办 2 次（黄），最近 10-12` and `延期 1 次（共 7 天）` for a task, for the review screen.
    pub fn follow_line(&self, task: u32) -> Option<String> {
        let f = self.followed.by_task.get(&task)?;
        let v = crate::report::follow::View {
            lang: self.lang(),
            date_format: &self.display.date_format,
            today: self.now.date_naive(),
        };
        let on = task.to_string();
        let open = f
            .decisions
            .iter()
            .filter(|d| d.state == DecisionState::Open)
            .count();
        let mut parts: Vec<String> = crate::report::follow::urged(f, &on, &v)
            .into_iter()
            .chain(crate::report::follow::extended(f, &on, &v))
            .collect();
        if open > 0 {
            parts.push(s::open_decisions(self.lang(), open));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

#[cfg(test)]
#[path = "decisions_tests.rs"]
mod tests;
