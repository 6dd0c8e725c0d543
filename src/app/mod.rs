//! The application state and `update`: what every key does, testable without a terminal.
//!
//! Data flows one way: key → action → update → effect → message → update → render. A terminal
//! event (`Msg::Key`) goes through the keymap to an `Action`; `update` changes the UI state and
//! returns the effects it wants carried out (zero or more: a change to save, a review to open, a
//! sync); the event loop carries each out through the store (`effects`) and hands its result back
//! as another `Msg` (`Saved`, `ReviewSaved`, `OthersChanged`, `SyncDone`, …), which may ask for
//! more effects. `update` never does IO. Domain data (`board`), UI state (`ui`) and history
//! (`undo`/`redo`) are kept apart.

pub mod attach;
mod boards;
mod changes;
pub mod decisions;
pub mod editor;
mod filter;
mod follow_forms;
mod follow_keys;
pub mod nav;
mod owners;
mod results;
mod review;
mod selection;
pub mod textbuf;
mod types;
mod update;

use crate::change::Change;
use crate::config::{Config, Lang};
use crate::keymap::{Action, Keymap, Mode};
use crate::layout;
use crate::model::review::{Review, ReviewChange, ReviewScope};
use crate::model::{Board, BoardMeta, Draft, ModelError, Summary, Task};
use crate::store::StoreError;
use crate::strings::app as strings;
use crate::sync::Outcome;
pub use boards::BoardEntry;
use chrono::Datelike;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyEvent, KeyModifiers};
use editor::{EditTarget, Editor, Saved};
pub use filter::{MenuRow, Quick};
use nav::{Selected, TASK_NODE};
use ratatui::layout::Rect;
use std::cell::RefCell;
use textbuf::TextBuf;
use tui_tree_widget::TreeState;
pub use types::*;

pub struct App {
    /// The board; until `Msg::Loaded` after a quick start, it holds no tasks.
    pub board: Board,
    /// One summary per task, in number order: what the board screen draws.
    pub summaries: Vec<Summary>,
    pub keymap: Keymap,
    pub display: Display,
    pub ui: Ui,
    pub now: DateTime<FixedOffset>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// The review meeting on screen (its record as last saved).
    pub review: Option<Review>,
    /// Units offered by the picker (config `units`).
    pub units: Vec<String>,
    /// The schedule-warning thresholds (config `[schedule]`).
    pub thresholds: crate::model::schedule::Thresholds,
    /// Size limits of evidence files (config `[files]`).
    pub file_limits: crate::store::files::Limits,
    /// The follow-up files (decisions, urging), read with the board.
    pub followed: decisions::Followed,
    /// What urging needs from the config (`U`).
    pub urge_settings: crate::cli::follow::urge::Settings,
    /// The config's own source kinds (`s`).
    pub source_kinds: Vec<String>,
    pub quit: bool,
    /// The quick filter on the board and in the tree (see `filter`).
    pub quick: Quick,
    /// Whether every task is in memory (until `Msg::Loaded` after a quick start, the board
    /// holds no task, or only those read alone to be opened: `Msg::TaskLoaded`).
    complete: bool,
}

impl App {
    pub fn new(board: Board, config: &Config, now: DateTime<FixedOffset>) -> App {
        let summaries = board.tasks.iter().map(Task::summary).collect();
        App::start(board, summaries, config, now)
    }

    /// Start from summaries alone (the first frame of a large board needs nothing more);
    /// `Msg::Loaded` brings the tasks themselves.
    pub fn from_summaries(
        meta: BoardMeta,
        summaries: Vec<Summary>,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> App {
        let board = Board {
            meta,
            tasks: Vec::new(),
        };
        let complete = summaries.is_empty();
        let mut app = App::start(board, summaries, config, now);
        app.complete = complete;
        app
    }

    /// Whether the tasks themselves are in memory (not only their summaries).
    pub fn is_loaded(&self) -> bool {
        self.complete
    }

    /// Whether `msg` needs the whole board, not only the summaries and the task on screen.
    /// Until the board is loaded the event loop holds such a message back until `Msg::Loaded`;
    /// everything else (moving over the board, opening a task, which reads that task alone,
    /// moving in its tree, help, quit, resizing) is answered at once. Every change waits: it
    /// is applied to a board whose tasks are all in memory.
    pub fn waits_for_tasks(&self, msg: &Msg) -> bool {
        if self.is_loaded() {
            return false;
        }
        let Msg::Key(k) = msg else {
            return matches!(msg, Msg::Paste(_));
        };
        let mode = self.mode();
        if self.is_esc_then_key(k) {
            return true;
        }
        let k = self.keymap.backspace_alias(mode, *k);
        let action = self.keymap.action(mode, &k);
        let moves = matches!(
            action,
            Some(
                Action::Quit
                    | Action::Help
                    | Action::Back
                    | Action::Up
                    | Action::Down
                    | Action::Left
                    | Action::Right
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Top
                    | Action::Bottom
            )
        );
        match mode {
            Mode::Board => !(moves || action == Some(Action::Open)),
            Mode::Help => !moves,
            Mode::Detail if self.selected_task().is_some() => {
                !(moves || matches!(action, Some(Action::SwitchPane | Action::Toggle)))
            }
            _ => true,
        }
    }

    fn start(
        board: Board,
        summaries: Vec<Summary>,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> App {
        let ncols = board.meta.statuses.len();
        let mut app = App {
            keymap: config.keymap(),
            display: Display {
                lang: config.lang,
                date_format: config.date_format.clone(),
                offset: config.offset,
                wide: false,
                color: true,
            },
            ui: Ui {
                screen: Screen::Board,
                size: Rect::new(0, 0, 80, 24),
                column: 0,
                selected: None,
                scroll: vec![0; ncols],
                tree: RefCell::new(TreeState::default()),
                pane: Pane::Tree,
                info_scroll: 0,
                overlays: Vec::new(),
                filter: TextBuf::new("", false),
                filtering: false,
                message: None,
                submitted: None,
                review_scroll: 0,
                pending_files: Vec::new(),
            },
            board,
            summaries,
            now,
            undo: Vec::new(),
            redo: Vec::new(),
            review: None,
            units: config.units.clone(),
            thresholds: config.schedule,
            file_limits: attach::default_limits(config),
            followed: decisions::Followed::default(),
            urge_settings: crate::cli::follow::urge::Settings::of(config),
            source_kinds: config.source_kinds.clone(),
            quit: false,
            quick: Quick::default(),
            complete: true,
        };
        app.select_first();
        app
    }

    fn lang(&self) -> Lang {
        self.display.lang
    }

    /// The mode whose keys apply now.
    pub fn mode(&self) -> Mode {
        match self.ui.overlays.last() {
            Some(Overlay::Help { .. } | Overlay::Stats) => Mode::Help,
            Some(Overlay::Editor(_)) => Mode::Editor,
            Some(
                Overlay::ConfirmDiscard
                | Overlay::ConfirmFinish
                | Overlay::ConfirmRemoveTarget { .. }
                | Overlay::ConfirmRemoveNote { .. }
                | Overlay::ConfirmValue { .. },
            ) => Mode::Confirm,
            Some(Overlay::ReviewStart { .. }) => Mode::Choose,
            Some(Overlay::Prompt { .. }) => Mode::Prompt,
            Some(Overlay::Units { .. }) => Mode::Picker,
            Some(Overlay::QuickFilter { .. } | Overlay::Boards { .. }) => Mode::Filters,
            Some(Overlay::LastDecisions(_)) => Mode::Decisions,
            None if self.ui.filtering => Mode::Filter,
            None => match self.ui.screen {
                Screen::Board => Mode::Board,
                Screen::Detail => Mode::Detail,
                Screen::Review => Mode::Review,
            },
        }
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.ui.overlays.iter().rev().find_map(|o| match o {
            Overlay::Editor(e) => Some(e),
            _ => None,
        })
    }

    fn editor_mut(&mut self) -> Option<&mut Editor> {
        self.ui.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Editor(e) => Some(e),
            _ => None,
        })
    }

    /// The unsaved editor content, for saving on a dropped connection.
    pub fn draft(&self) -> Option<Draft> {
        let e = self.editor()?;
        e.is_dirty().then(|| Draft {
            on: e.target.to_draft(),
            text: e.text.text().to_string(),
            reference: e.reference.text().to_string(),
            saved: self.now,
        })
    }

    /// Tell the user that the terminal is not UTF-8 (Chinese shows garbled and typed Chinese
    /// is lost), and what to do. The ASCII part stays readable in any encoding.
    pub fn warn_encoding(&mut self) {
        const ASCII: &str = "Terminal is not UTF-8: set the client's encoding (Xshell/SecureCRT/PuTTY) to UTF-8 and export LANG=zh_CN.UTF-8";
        self.warn(strings::not_utf8(self.lang(), ASCII));
    }

    pub(crate) fn say(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub(crate) fn warn(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }
}

#[cfg(test)]
mod loading_tests;
#[cfg(test)]
mod mistake_tests;
#[cfg(test)]
mod tests;
