//! Owners, deadlines, targets and closing from the keyboard: the unit picker (`o` lead, `O`
//! partners), the deadline prompt (`d`), target values (`e` on a target), new and wrong
//! targets (`a`, `x`), and the reason asked when a task is closed without evidence.

use super::*;
use crate::model::schedule::parse_deadline;
use crate::strings::errors::Voiced;
use chrono::Datelike;

impl App {
    /// Open a one-line prompt.
    pub(super) fn ask(&mut self, kind: PromptKind, text: &str) {
        self.ui.overlays.push(Overlay::Prompt {
            kind,
            buf: TextBuf::new(text, false),
        });
    }

    pub(super) fn update_prompt(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::Prompt { kind, buf }) = self.ui.overlays.last() else {
            return Vec::new();
        };
        match action {
            Action::Yes if kind.is_follow() => {
                let (kind, text) = (kind.clone(), buf.text().trim().to_string());
                self.answer_follow(kind, &text).into_iter().collect()
            }
            Action::Yes => {
                let (kind, text) = (kind.clone(), buf.text().trim().to_string());
                match self.answer(&kind, &text) {
                    Ok(effect) => {
                        self.ui.overlays.pop();
                        // A reason given for a passed deadline records an extension too.
                        let extension = match &kind {
                            PromptKind::ExtensionReason { item, from, to } => {
                                self.record_extension(*item, *from, *to, &text)
                            }
                            _ => None,
                        };
                        self.confirm_if_implausible(effect, &text)
                            .into_iter()
                            .chain(extension)
                            .collect()
                    }
                    // A wrong answer keeps the prompt open with what was typed.
                    Err(message) => {
                        self.warn(message);
                        Vec::new()
                    }
                }
            }
            Action::Cancel | Action::Back => {
                self.ui.overlays.pop();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The board's year, for dates typed without one.
    fn board_year(&self) -> i32 {
        crate::model::schedule::board_start(&self.board.meta).year()
    }

    fn answer(&mut self, kind: &PromptKind, text: &str) -> Result<Option<Effect>, String> {
        let new = |change| {
            Ok(Some(Effect::Apply {
                change,
                origin: Origin::New,
            }))
        };
        match kind {
            PromptKind::Jump => Ok(self.jump_to(text)),
            PromptKind::AttachFile(to) => self.answer_attach(to, text),
            PromptKind::Deadline(item) => {
                let date = match text {
                    "" => None,
                    t => {
                        Some(parse_deadline(t, self.board_year()).map_err(|e| e.say(self.lang()))?)
                    }
                };
                if let Some(question) = self.ask_if_extension(*item, date) {
                    return Err(question);
                }
                new(Change::Deadline { item: *item, date })
            }
            PromptKind::TargetValue { task, id } => {
                let value = match text {
                    "" => None,
                    t => Some(crate::model::parse_value(t).map_err(|e| e.say(self.lang()))?),
                };
                new(Change::Target {
                    task: *task,
                    id: id.clone(),
                    value,
                })
            }
            PromptKind::AddTarget(task) => {
                let (label, target, unit) = parse_new_target(text)
                    .ok_or_else(|| strings::add_target_format(self.lang()).to_string())?;
                new(Change::AddTarget {
                    task: *task,
                    label,
                    target,
                    unit,
                })
            }
            PromptKind::ExtensionReason { item, to, .. } => new(Change::Deadline {
                item: *item,
                date: Some(*to),
            }),
            PromptKind::UrgeLevel { .. }
            | PromptKind::UrgeNote { .. }
            | PromptKind::SourceKind { .. }
            | PromptKind::SourceText { .. }
            | PromptKind::SourceBy { .. }
            | PromptKind::SourceDate { .. }
            | PromptKind::DecisionEvidence { .. }
            | PromptKind::ExtendTo { .. }
            | PromptKind::ExtendReason { .. }
            | PromptKind::ExtendApprover { .. } => Ok(None),
            PromptKind::CloseReason { item, to } => {
                if text.is_empty() {
                    return Err(strings::give_reason(self.lang()).to_string());
                }
                new(Change::Close {
                    item: *item,
                    to: to.clone(),
                    reason: text.to_string(),
                })
            }
        }
    }

    /// `d`: the deadline of the selected task or measure.
    pub(super) fn ask_deadline(&mut self) {
        let Some(item) = self.target_item() else {
            return;
        };
        let current = self
            .board
            .item(item)
            .ok()
            .and_then(|i| i.deadline)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        self.ask(PromptKind::Deadline(item), &current);
    }

    /// `a`: a new target on the selected task.
    pub(super) fn ask_new_target(&mut self) {
        if let Some(task) = self.ui.selected.filter(|_| self.ui.screen != Screen::Board) {
            self.ask(PromptKind::AddTarget(task), "");
        }
    }

    /// `e` on a target: its current value.
    pub(super) fn ask_target_value(&mut self, task: u32, id: &str) {
        let current = self
            .board
            .task(task)
            .and_then(|t| t.target(id))
            .and_then(|t| t.current)
            .map(crate::model::format_value)
            .unwrap_or_default();
        self.ask(
            PromptKind::TargetValue {
                task,
                id: id.to_string(),
            },
            &current,
        );
    }

    /// A target value far outside its target (`1,200` for 200台) is asked about first: yes
    /// saves it, no brings the prompt back with what was typed.
    fn confirm_if_implausible(&mut self, effect: Option<Effect>, typed: &str) -> Option<Effect> {
        if let Some(Effect::Apply {
            change:
                Change::Target {
                    task,
                    id,
                    value: Some(v),
                },
            ..
        }) = &effect
        {
            let target = self.board.task(*task).and_then(|t| t.target(id));
            if target.is_some_and(|t| t.implausible(*v)) {
                self.ui.overlays.push(Overlay::ConfirmValue {
                    task: *task,
                    id: id.clone(),
                    value: *v,
                    typed: typed.to_string(),
                });
                return None;
            }
        }
        effect
    }

    /// The answer to [`Overlay::ConfirmValue`].
    pub(super) fn answer_value(&mut self, yes: bool) -> Option<Effect> {
        let Some(Overlay::ConfirmValue {
            task,
            id,
            value,
            typed,
        }) = self.ui.overlays.pop()
        else {
            return None;
        };
        if yes {
            return Some(Effect::Apply {
                change: Change::Target {
                    task,
                    id,
                    value: Some(value),
                },
                origin: Origin::New,
            });
        }
        self.ask(PromptKind::TargetValue { task, id }, &typed);
        None
    }

    /// `x` on a target or a note: remove it, after asking (undo brings it back too).
    pub(super) fn remove_target(&mut self) -> Option<Effect> {
        match self.selected_node()? {
            nav::Selected::Target(id) => {
                let task = self.ui.selected?;
                self.ui
                    .overlays
                    .push(Overlay::ConfirmRemoveTarget { task, id });
                None
            }
            nav::Selected::Note { id, .. } => {
                let task = self.ui.selected?;
                self.ui
                    .overlays
                    .push(Overlay::ConfirmRemoveNote { task, id });
                None
            }
            _ => {
                self.warn(strings::select_note_or_target(self.lang()));
                None
            }
        }
    }

    /// `o` / `O`: the unit picker for the selected task or measure.
    pub(super) fn pick_units(&mut self, role: UnitRole) {
        if let Some(item) = self.target_item() {
            self.ui.overlays.push(Overlay::Units {
                item,
                role,
                query: TextBuf::new("", false),
                choice: 0,
            });
        }
    }

    /// The picker's list: configured units containing the typed text, then the typed text
    /// itself when it is not one of them.
    pub fn unit_choices(&self, query: &str) -> Vec<String> {
        let q = query.trim();
        let mut out: Vec<String> = self
            .units
            .iter()
            .filter(|u| u.contains(q))
            .cloned()
            .collect();
        if !q.is_empty() && !out.iter().any(|u| u == q) {
            out.push(q.to_string());
        }
        out
    }

    pub(super) fn update_picker(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Units {
            item,
            role,
            query,
            choice,
        }) = self.ui.overlays.last()
        else {
            return None;
        };
        let (item, role, choice) = (*item, *role, *choice);
        let choices = self.unit_choices(query.text());
        match action {
            Action::Down | Action::Up => {
                let n = choices.len().max(1);
                let next = if action == Action::Down {
                    (choice + 1) % n
                } else {
                    (choice + n - 1) % n
                };
                if let Some(Overlay::Units { choice, .. }) = self.ui.overlays.last_mut() {
                    *choice = next;
                }
                None
            }
            Action::Yes => {
                let unit = choices.get(choice)?.clone();
                self.ui.overlays.pop();
                let (mut lead, mut partners) =
                    self.board.item(item).map(|i| i.units()).unwrap_or_default();
                match role {
                    UnitRole::Lead => lead = vec![unit],
                    UnitRole::Partner => {
                        if let Some(i) = partners.iter().position(|p| *p == unit) {
                            partners.remove(i);
                        } else {
                            partners.push(unit);
                        }
                    }
                }
                Some(Effect::Apply {
                    change: Change::Assign {
                        item,
                        lead,
                        partners,
                    },
                    origin: Origin::New,
                })
            }
            Action::Cancel | Action::Back => {
                self.ui.overlays.pop();
                None
            }
            _ => None,
        }
    }
}

/// `签约户数 1200 户`, `签约户数 1200户`, `绿地 4.5万 平方米` → (label, value, unit).
pub fn parse_new_target(text: &str) -> Option<(String, f64, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in (1..words.len()).rev() {
        let (num, unit) = split_number(words[i]);
        if let Ok(v) = crate::model::parse_value(num) {
            let unit = if unit.is_empty() {
                words[i + 1..].join("")
            } else {
                format!("{unit}{}", words[i + 1..].join(""))
            };
            let label = words[..i].join(" ");
            if !label.is_empty() && !unit.is_empty() && v > 0.0 {
                return Some((label, v, unit));
            }
        }
    }
    None
}

/// Split `1200户` into (`1200`, `户`), keeping `万`/`亿` with the number.
fn split_number(w: &str) -> (&str, &str) {
    let end = w
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '万' | '亿')))
        .map_or(w.len(), |(i, _)| i);
    (&w[..end], &w[end..])
}

#[cfg(test)]
mod tests {
    use super::parse_new_target;

    #[test]
    fn new_targets_are_typed_as_label_value_unit() {
        assert_eq!(
            parse_new_target("签约户数 1200 户"),
            Some(("签约户数".into(), 1200.0, "户".into()))
        );
        assert_eq!(
            parse_new_target("签约户数 1200户"),
            Some(("签约户数".into(), 1200.0, "户".into()))
        );
        assert_eq!(
            parse_new_target("新增 绿地 4.5万 平方米"),
            Some(("新增 绿地".into(), 45000.0, "平方米".into()))
        );
        assert_eq!(parse_new_target("1200 户"), None, "a label is needed");
        assert_eq!(parse_new_target("签约户数 1200"), None, "a unit is needed");
        assert_eq!(parse_new_target("签约户数"), None);
    }
}
