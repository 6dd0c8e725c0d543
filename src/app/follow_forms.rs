//! Urging and sources from the board and the tree: `U` asks the level of an urging notice
//! (the `[urge]` rule's proposal typed in, editable) and a note, then `Effect::Urge` records
//! and writes it with `keywork urge`'s own function; `s` asks a source's kind (and for a
//! 领导批示 its text, who gave it and when), then `Effect::SetSource` sets it with `keywork
//! source`'s. Esc at any step writes nothing. No IO here.

use super::nav::Selected;
use super::{App, Effect, PromptKind};
use crate::cli::follow::urge::{self, Order, Urged};
use crate::model::ItemRef;
use crate::model::decision::{Follow, FollowRef, INSTRUCTION, Source};
use crate::model::schedule::{Warning, parse_deadline};
use crate::strings::follow as s;
use chrono::Datelike;

impl PromptKind {
    /// The prompts of the urging and source forms.
    pub(super) fn is_form(&self) -> bool {
        matches!(
            self,
            PromptKind::UrgeLevel { .. }
                | PromptKind::UrgeNote { .. }
                | PromptKind::SourceKind { .. }
                | PromptKind::SourceText { .. }
                | PromptKind::SourceBy { .. }
                | PromptKind::SourceDate { .. }
        )
    }
}

/// A level as typed, in either language (`黄`, `黄色`, `yellow`).
fn parse_level(typed: &str) -> Option<Warning> {
    use crate::strings::Lang;
    let t = typed.trim().to_lowercase();
    [Warning::Blue, Warning::Yellow, Warning::Red]
        .into_iter()
        .find(|w| {
            [Lang::Zh, Lang::En].into_iter().any(|l| {
                t == s::level(l, *w).to_lowercase() || t == s::level_full(l, *w).to_lowercase()
            })
        })
}

impl App {
    /// What `U` or `s` is about: the selected decision, measure or task.
    fn follow_target(&self) -> Option<FollowRef> {
        let task = self.selected_task()?.number;
        Some(match self.selected_node()? {
            Selected::Decision(id) => FollowRef::Decision(id),
            Selected::Measure(id) => FollowRef::Item(id.parse().ok()?),
            Selected::Note { on, .. } => FollowRef::Item(on),
            Selected::Task | Selected::Target(_) => FollowRef::Item(ItemRef { task, sub: None }),
        })
    }

    fn follow_of(&self, task: u32) -> Follow {
        self.followed
            .by_task
            .get(&task)
            .cloned()
            .unwrap_or_else(|| Follow::new(task))
    }

    /// `U`: urge the selected item; the prompt holds the level the rule proposes.
    pub(super) fn ask_urge(&mut self) {
        let Some(on) = self.follow_target() else {
            return;
        };
        let today = self.now.date_naive();
        let f = self.follow_of(on.task());
        match urge::propose(&self.board, &f, &on, today, &self.urge_settings) {
            Ok(level) => {
                let word = s::level(self.lang(), level).to_string();
                self.ask(PromptKind::UrgeLevel { on }, &word);
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// `s`: the source of the selected task (or decision; a measure's is its task's).
    pub(super) fn ask_source(&mut self) {
        let Some(on) = self.follow_target() else {
            return;
        };
        let on = match on {
            FollowRef::Item(r) => FollowRef::Item(ItemRef {
                task: r.task,
                sub: None,
            }),
            d => d,
        };
        let f = self.follow_of(on.task());
        let current = match &on {
            FollowRef::Decision(id) => f.decision(id).and_then(|d| d.source.clone()),
            FollowRef::Item(_) => f.source.clone(),
        };
        let kind = current.map(|c| c.kind).unwrap_or_default();
        self.ask(PromptKind::SourceKind { on }, &kind);
    }

    /// Enter in one of the forms' prompts: the next question, or the effect.
    pub(super) fn answer_form(&mut self, kind: PromptKind, text: &str) -> Option<Effect> {
        let lang = self.lang();
        let next = |app: &mut App, kind: PromptKind| {
            app.ui.overlays.pop();
            app.ask(kind, "");
            None
        };
        let year = crate::model::schedule::board_start(&self.board.meta).year();
        let source = |kind: String, text: &str, by: &str, date| Source {
            kind,
            text: crate::text::strip_line(text).trim().to_string(),
            by: crate::text::strip_line(by).trim().to_string(),
            date,
            feedback: None,
            set: self.now,
        };
        match kind {
            PromptKind::UrgeLevel { on } => match parse_level(text) {
                Some(level) => next(self, PromptKind::UrgeNote { on, level }),
                None => {
                    self.warn(s::bad_level(lang, text));
                    None
                }
            },
            PromptKind::UrgeNote { on, level } => {
                self.ui.overlays.pop();
                Some(Effect::Urge(Order {
                    on,
                    level: Some(level),
                    note: crate::text::strip_line(text).trim().to_string(),
                    expected: None,
                    dir: std::env::current_dir().unwrap_or_else(|_| ".".into()),
                }))
            }
            PromptKind::SourceKind { on } => {
                match crate::cli::follow::resolve_kind(text, &self.source_kinds) {
                    Ok(kind) if kind == INSTRUCTION => {
                        next(self, PromptKind::SourceText { on, kind })
                    }
                    Ok(kind) => {
                        self.ui.overlays.pop();
                        let source = source(kind, "", "", None);
                        Some(Effect::SetSource { on, source })
                    }
                    Err(e) => {
                        self.warn(e.render(lang));
                        None
                    }
                }
            }
            PromptKind::SourceText { on, kind } => next(
                self,
                PromptKind::SourceBy {
                    on,
                    kind,
                    text: text.to_string(),
                },
            ),
            PromptKind::SourceBy { on, kind, text: t } => next(
                self,
                PromptKind::SourceDate {
                    on,
                    kind,
                    text: t,
                    by: text.to_string(),
                },
            ),
            PromptKind::SourceDate {
                on,
                kind,
                text: t,
                by,
            } => {
                let date = match text {
                    "" => None,
                    d => match parse_deadline(d, year) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.warn(e.to_string());
                            return None;
                        }
                    },
                };
                self.ui.overlays.pop();
                let source = source(kind, &t, &by, date);
                Some(Effect::SetSource { on, source })
            }
            _ => None,
        }
    }

    /// The label of a form's prompt.
    pub(super) fn form_label(&self, kind: &PromptKind) -> Option<String> {
        let lang = self.lang();
        Some(match kind {
            PromptKind::UrgeLevel { on } => {
                let today = self.now.date_naive();
                let f = self.follow_of(on.task());
                let proposed = urge::propose(&self.board, &f, on, today, &self.urge_settings)
                    .map_or("—", |w| s::level(lang, w));
                s::prompt_urge_level(lang, &on.key(), proposed)
            }
            PromptKind::UrgeNote { on, level } => {
                s::prompt_urge_note(lang, &on.key(), s::level(lang, *level))
            }
            PromptKind::SourceKind { on } => {
                let known = crate::cli::follow::known_kinds(&self.source_kinds);
                s::prompt_source_kind(lang, &on.key(), &known.join("、")) // data: the list separator of kind names
            }
            PromptKind::SourceText { on, .. } => s::prompt_source_text(lang, &on.key()),
            PromptKind::SourceBy { on, .. } => s::prompt_source_by(lang, &on.key()),
            PromptKind::SourceDate { on, .. } => s::prompt_source_date(lang, &on.key()),
            _ => return None,
        })
    }

    /// The loop recorded (or could not record) an urging notice: say where it was written.
    pub(super) fn urged(&mut self, result: Result<Urged, String>, follows: Option<Vec<Follow>>) {
        match result {
            Ok(u) => {
                if let Some(follows) = follows {
                    self.set_follows(follows);
                }
                let dir = u.md.parent().unwrap_or(std::path::Path::new("."));
                self.say(s::urge_written(
                    self.lang(),
                    &u.id,
                    s::level(self.lang(), u.level),
                    dir.display(),
                ));
            }
            Err(e) => self.warn(s::not_saved(self.lang(), &e)),
        }
    }

    /// The loop set (or could not set) a source.
    pub(super) fn source_set(
        &mut self,
        on: &FollowRef,
        kind: &str,
        result: Result<(), String>,
        follows: Option<Vec<Follow>>,
    ) {
        match result {
            Ok(()) => {
                if let Some(follows) = follows {
                    self.set_follows(follows);
                }
                self.say(s::source_set(self.lang(), &on.key(), kind));
            }
            Err(e) => self.warn(s::not_saved(self.lang(), &e)),
        }
    }
}

#[cfg(test)]
#[path = "follow_forms_tests.rs"]
mod tests;
