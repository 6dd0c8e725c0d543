//! The application state and `update`: what every key does, testable without a terminal.
//!
//! Data flows one way: a terminal event (`Msg`) goes through the keymap to an `Action`;
//! `update` changes the UI state and, for a change to the board, returns an `Effect` that the
//! event loop carries out through the store; the loop reports back with `applied`. `update`
//! never does IO. Domain data (`board`), UI state (`ui`) and history (`undo`/`redo`) are kept
//! apart.

mod changes;
pub mod decisions;
pub mod editor;
pub mod nav;
mod owners;
mod review;
mod selection;
pub mod textbuf;

use crate::change::Change;
use crate::config::{Config, Lang};
use crate::keymap::{Action, Keymap, Mode};
use crate::layout;
use crate::model::review::{Review, ReviewChange, ReviewScope};
use crate::model::{Board, BoardMeta, Draft, ItemRef, ModelError, Summary, Task};
use chrono::Datelike;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyEvent, KeyModifiers};
use editor::{EditTarget, Editor, Saved};
use nav::{Selected, TASK_NODE};
use ratatui::layout::Rect;
use std::cell::RefCell;
use textbuf::TextBuf;
use tui_tree_widget::TreeState;

/// What the terminal sent, or what the loop brings back from work done beside it.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The whole board, read in the background after the first frame (see `loaded`).
    Loaded(Box<Board>),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply a change through the store (read–modify–write under the lock).
    Apply { change: Change, origin: Origin },
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Share the board through git in the background (`keywork sync`).
    Sync,
    /// Open today's review meeting: resume it, or ask which tasks a new one walks.
    OpenReview,
    /// Start today's review meeting over these tasks.
    StartReview { scope: ReviewScope },
    /// Change the open review's record (read–modify–write under the lock).
    Review(ReviewChange),
    /// Change a task's follow-up: decisions (read–modify–write under the lock).
    Follow(decisions::FollowChange),
}

/// Why a change is applied: it decides which history stack its inverse goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    New,
    Undo,
    Redo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Board,
    Detail,
    /// The weekly review meeting, one task at a time.
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Info,
}

/// Drawn on top of the screen, last on top.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// Charts of the whole board (`i`).
    Stats,
    Editor(Editor),
    /// Discard the editor's unsaved text?
    ConfirmDiscard,
    /// Which tasks the new review of `date` walks (index in `ReviewScope::ALL`); `since` is
    /// the end of the previous review, for counting the changed tasks.
    ReviewStart {
        choice: usize,
        /// The meeting's date (`keywork review --date`, else today).
        date: chrono::NaiveDate,
        since: Option<DateTime<FixedOffset>>,
    },
    /// A one-line question at the bottom (jump to, deadline, a value...).
    Prompt {
        kind: PromptKind,
        buf: TextBuf,
    },
    /// Pick a unit from the configured list, typing to narrow it down.
    Units {
        item: ItemRef,
        role: UnitRole,
        query: TextBuf,
        choice: usize,
    },
    /// Finish the meeting although tasks are left?
    ConfirmFinish,
    /// Remove this target?
    ConfirmRemoveTarget {
        task: u32,
        id: String,
    },
    /// Save a target value far outside its target? (No reopens the prompt with `typed`.)
    ConfirmValue {
        task: u32,
        id: String,
        value: f64,
        typed: String,
    },
    /// Delete this note? (Its text stays in the history; undo puts it back.)
    ConfirmRemoveNote {
        task: u32,
        id: String,
    },
    /// Last meeting's decisions, before a new review walks its tasks.
    LastDecisions(decisions::LastDecisions),
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// Review: the task to jump to.
    Jump,
    /// The deadline of a task or measure (empty clears it).
    Deadline(ItemRef),
    /// A target's current value.
    TargetValue { task: u32, id: String },
    /// A new target: `label value unit` (`签约户数 1200 户`).
    AddTarget(u32),
    /// Why a task or measure is closed without evidence.
    CloseReason { item: ItemRef, to: String },
    /// A deadline that had passed is changed: the extension's reason (empty: a plain edit).
    ExtensionReason {
        item: ItemRef,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
}

/// Which units a picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRole {
    /// The lead unit (牵头单位): picking one replaces it.
    Lead,
    /// Partner units (配合单位): picking one adds it, or removes it if it is there.
    Partner,
}

/// A line for the user in the hint bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything about the screen that is not the board.
#[derive(Debug)]
pub struct Ui {
    pub screen: Screen,
    pub size: Rect,
    /// Selected column on the board (kept even when the column is empty).
    pub column: usize,
    /// Selected task (the board and the detail screen).
    pub selected: Option<u32>,
    /// First visible card per column.
    pub scroll: Vec<usize>,
    pub tree: RefCell<TreeState<String>>,
    pub pane: Pane,
    pub info_scroll: usize,
    pub overlays: Vec<Overlay>,
    pub filter: TextBuf,
    /// The filter line has the keyboard.
    pub filtering: bool,
    pub message: Option<Message>,
    /// The editor whose content is being saved, given back if the save fails.
    pub submitted: Option<Editor>,
    /// First visible line of the review screen's list of changes.
    pub review_scroll: usize,
}

/// Display settings the renderer needs.
#[derive(Debug, Clone)]
pub struct Display {
    pub lang: Lang,
    pub date_format: String,
    pub offset: Option<FixedOffset>,
    /// Draw for terminals that show ambiguous-width characters two cells wide.
    pub wide: bool,
    /// Use colours (false under `NO_COLOR`).
    pub color: bool,
}

pub struct App {
    /// The board; until `loaded` is called after a quick start, it holds no tasks.
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
    /// The follow-up files (decisions, urging), read when a review opens.
    pub followed: decisions::Followed,
    /// Effects that follow from a saved one (marking a task reviewed also notes it in the
    /// task's history); the event loop drains them.
    pending: Vec<Effect>,
    pub quit: bool,
}

impl App {
    pub fn new(board: Board, config: &Config, now: DateTime<FixedOffset>) -> App {
        let summaries = board.tasks.iter().map(Task::summary).collect();
        App::start(board, summaries, config, now)
    }

    /// Start from summaries alone (the first frame of a large board needs nothing more);
    /// `loaded` brings the tasks themselves.
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
        App::start(board, summaries, config, now)
    }

    /// The full board has been read: keep the selection and everything on screen.
    pub fn loaded(&mut self, board: Board) {
        self.summaries = board.tasks.iter().map(Task::summary).collect();
        self.board = board;
        self.keep_selection_visible();
    }

    /// Whether the tasks themselves are in memory (not only their summaries).
    pub fn is_loaded(&self) -> bool {
        !self.board.tasks.is_empty() || self.summaries.is_empty()
    }

    /// Whether `msg` needs the tasks themselves, not only their summaries. Until the board is
    /// loaded the event loop holds such a message back until `Msg::Loaded`; everything else
    /// (moving over the board, help, quit, resizing) is answered at once.
    pub fn waits_for_tasks(&self, msg: &Msg) -> bool {
        if self.is_loaded() {
            return false;
        }
        let Msg::Key(k) = msg else {
            return matches!(msg, Msg::Paste(_));
        };
        let mode = self.mode();
        if !matches!(mode, Mode::Board | Mode::Help) || self.is_esc_then_key(k) {
            return true;
        }
        let k = self.keymap.backspace_alias(mode, *k);
        !matches!(
            self.keymap.action(mode, &k),
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
        )
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
            },
            board,
            summaries,
            now,
            undo: Vec::new(),
            redo: Vec::new(),
            review: None,
            units: config.units.clone(),
            thresholds: config.schedule,
            followed: decisions::Followed::default(),
            pending: Vec::new(),
            quit: false,
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

    /// Open the editor with a draft saved by an earlier session.
    pub fn restore_draft(&mut self, d: &Draft) {
        if let Some(target) = EditTarget::from_draft(&d.on) {
            let mut e = Editor::new(target, "", "");
            e.text.insert(&d.text);
            e.reference.insert(&d.reference);
            self.ui.overlays.push(Overlay::Editor(e));
            self.say(self.lang().pick(
                "已恢复上次未保存的草稿：Ctrl-S 保存，Esc 放弃",
                "restored your unsaved draft: Ctrl-S saves, Esc discards",
            ));
        }
    }

    /// Tell the user that the terminal is not UTF-8 (Chinese shows garbled and typed Chinese
    /// is lost), and what to do. The ASCII part stays readable in any encoding.
    pub fn warn_encoding(&mut self) {
        const ASCII: &str = "Terminal is not UTF-8: set the client's encoding (Xshell/SecureCRT/PuTTY) to UTF-8 and export LANG=zh_CN.UTF-8";
        let text = match self.lang().is_en() {
            true => ASCII.to_string(),
            false => format!(
                "终端不是 UTF-8：把客户端的编码设为 UTF-8，并 export LANG=zh_CN.UTF-8 | {ASCII}"
            ),
        };
        self.warn(text);
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

    /// Handle one terminal event.
    pub fn handle(&mut self, msg: Msg) -> Option<Effect> {
        match msg {
            Msg::Loaded(board) => {
                self.loaded(*board);
                None
            }
            Msg::Resize(w, h) => {
                self.ui.size = Rect::new(0, 0, w, h);
                self.keep_selection_visible();
                None
            }
            Msg::Paste(s) => {
                if let Some(e) = self.editor_mut() {
                    e.paste(&s);
                } else if self.ui.filtering {
                    self.ui.filter.insert(&s);
                    self.after_filter_change();
                }
                None
            }
            Msg::Key(k) if self.is_esc_then_key(&k) => {
                // Esc and a key typed quickly arrive as Alt-key (tmux's escape-time): do both.
                let esc = KeyEvent::new(crossterm::event::KeyCode::Esc, KeyModifiers::NONE);
                let first = self.handle(Msg::Key(esc));
                let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
                let second = if self.quit {
                    None
                } else {
                    self.handle(Msg::Key(plain))
                };
                match (first, second) {
                    (Some(a), Some(b)) => {
                        self.pending.insert(0, b);
                        Some(a)
                    }
                    (a, b) => a.or(b),
                }
            }
            Msg::Key(k) => {
                let mode = self.mode();
                let k = self.keymap.backspace_alias(mode, k);
                match self.keymap.action(mode, &k) {
                    Some(a) => self.update(a),
                    None => {
                        self.edit_key(mode, &k);
                        None
                    }
                }
            }
        }
    }

    /// An Alt-key nobody bound in this mode: what a terminal sends for Esc quickly followed
    /// by the key.
    fn is_esc_then_key(&self, k: &KeyEvent) -> bool {
        k.modifiers.contains(KeyModifiers::ALT) && self.keymap.action(self.mode(), k).is_none()
    }

    fn edit_key(&mut self, mode: Mode, k: &KeyEvent) {
        let width = layout::shrink(layout::editor(self.ui.size).1).width as usize;
        match mode {
            Mode::Editor => {
                if let Some(e) = self.editor_mut() {
                    e.key(k, width.max(2) + 2);
                }
            }
            Mode::Filter => {
                editor::edit_key(&mut self.ui.filter, k, usize::MAX);
                self.after_filter_change();
            }
            Mode::Prompt => {
                if let Some(Overlay::Prompt { buf, .. }) = self.ui.overlays.last_mut() {
                    editor::edit_key(buf, k, usize::MAX);
                }
            }
            Mode::Picker => {
                if let Some(Overlay::Units { query, choice, .. }) = self.ui.overlays.last_mut() {
                    editor::edit_key(query, k, usize::MAX);
                    *choice = 0;
                }
            }
            _ => {}
        }
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            self.mode(),
            Mode::Editor | Mode::Filter | Mode::Prompt | Mode::Picker
        ) {
            self.ui.message = None;
        }
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Confirm => return self.update_confirm(action),
            Mode::Editor => return self.update_editor(action),
            Mode::Filter => self.update_filter(action),
            Mode::Choose => return self.update_choose(action),
            Mode::Prompt => return self.update_prompt(action),
            Mode::Picker => return self.update_picker(action),
            Mode::Review => return self.update_review(action),
            Mode::Decisions => return self.update_decisions(action),
            Mode::Board | Mode::Detail | Mode::Global => return self.update_screen(action),
        }
        None
    }

    fn update_help(&mut self, action: Action) {
        if matches!(self.ui.overlays.last(), Some(Overlay::Stats)) {
            if matches!(action, Action::Back | Action::Help | Action::Quit) {
                self.ui.overlays.pop();
            }
            return;
        }
        if let Some(Overlay::Help { scroll }) = self.ui.overlays.last_mut() {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Back | Action::Help | Action::Quit => {
                    self.ui.overlays.pop();
                }
                _ => {}
            }
        }
    }

    fn update_confirm(&mut self, action: Action) -> Option<Effect> {
        if matches!(self.ui.overlays.last(), Some(Overlay::ConfirmValue { .. })) {
            return match action {
                Action::Yes => self.answer_value(true),
                Action::No | Action::Cancel | Action::Back => self.answer_value(false),
                _ => None,
            };
        }
        let removal = match self.ui.overlays.last() {
            Some(Overlay::ConfirmRemoveTarget { task, id }) => Some(Change::RemoveTarget {
                task: *task,
                id: id.clone(),
            }),
            Some(Overlay::ConfirmRemoveNote { task, id }) => Some(Change::RemoveNote {
                task: *task,
                id: id.clone(),
            }),
            _ => None,
        };
        if let Some(change) = removal {
            self.ui.overlays.pop();
            return (action == Action::Yes).then_some(Effect::Apply {
                change,
                origin: Origin::New,
            });
        }
        if matches!(self.ui.overlays.last(), Some(Overlay::ConfirmFinish)) {
            self.ui.overlays.pop();
            return (action == Action::Yes).then_some(Effect::Review(ReviewChange::Finish));
        }
        match action {
            Action::Yes => {
                self.ui.overlays.pop();
                self.ui.overlays.pop();
                self.say(self.lang().pick("草稿已放弃", "draft discarded"));
            }
            Action::No | Action::Cancel | Action::Back => {
                self.ui.overlays.pop();
            }
            _ => {}
        }
        None
    }

    fn update_editor(&mut self, action: Action) -> Option<Effect> {
        let lang = self.lang();
        let year = self.now.date_naive().year();
        let e = self.editor_mut()?;
        match action {
            Action::Save => match e.save(year) {
                Ok(saved) => {
                    if let Some(Overlay::Editor(e)) = self.ui.overlays.pop() {
                        self.ui.submitted = Some(e);
                    }
                    return Some(match saved {
                        Saved::Board(change) => Effect::Apply {
                            change,
                            origin: Origin::New,
                        },
                        Saved::Review(change) => Effect::Review(change),
                    });
                }
                Err(ModelError::EmptyNote) => {
                    self.warn(lang.pick("佐证内容不能为空", "the note is empty"));
                }
                Err(other) => self.warn(other.to_string()),
            },
            Action::Cancel => {
                if e.is_dirty() {
                    self.ui.overlays.push(Overlay::ConfirmDiscard);
                } else {
                    self.ui.overlays.pop();
                }
            }
            Action::NextField => e.next_field(),
            _ => {}
        }
        None
    }

    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Yes => self.ui.filtering = false,
            Action::Cancel => {
                self.ui.filtering = false;
                self.ui.filter = TextBuf::new("", false);
                self.after_filter_change();
            }
            _ => {}
        }
    }

    fn update_screen(&mut self, action: Action) -> Option<Effect> {
        let on_board = self.ui.screen == Screen::Board;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.ui.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Sync => {
                self.say(self.lang().pick("正在同步…", "syncing…"));
                return Some(Effect::Sync);
            }
            Action::Undo => return self.history_step(Origin::Undo),
            Action::Redo => return self.history_step(Origin::Redo),
            Action::Filter => {
                self.ui.filtering = true;
                self.ui.screen = Screen::Board;
            }
            Action::StatusPrev | Action::StatusNext => return self.step_status(action),
            a if a.status_column().is_some() => {
                return self.set_status_column(a.status_column().unwrap_or(0));
            }
            Action::AddNote => self.open_new_note(),
            Action::Edit => self.open_edit(),
            Action::Review => return Some(Effect::OpenReview),
            Action::Stats => self.ui.overlays.push(Overlay::Stats),
            Action::Deadline => self.ask_deadline(),
            Action::Lead => self.pick_units(UnitRole::Lead),
            Action::Partners => self.pick_units(UnitRole::Partner),
            Action::AddTarget => self.ask_new_target(),
            Action::RemoveTarget => return self.remove_target(),
            _ if on_board => self.update_board(action),
            _ => self.update_detail(action),
        }
        None
    }

    fn update_board(&mut self, action: Action) {
        let visible = layout::cards_visible(self.ui.size);
        match action {
            Action::Up => self.move_in_column(-1),
            Action::Down => self.move_in_column(1),
            Action::PageUp => self.move_in_column(-(visible as isize)),
            Action::PageDown => self.move_in_column(visible as isize),
            Action::Top => self.move_in_column(isize::MIN / 2),
            Action::Bottom => self.move_in_column(isize::MAX / 2),
            Action::Left => self.move_column(-1),
            Action::Right => self.move_column(1),
            Action::Open => self.open_detail(),
            Action::Back if !self.ui.filter.text().is_empty() => {
                self.ui.filter = TextBuf::new("", false);
                self.after_filter_change();
            }
            _ => {}
        }
    }

    fn update_detail(&mut self, action: Action) {
        match action {
            Action::Back => self.ui.screen = Screen::Board,
            Action::SwitchPane => {
                self.ui.pane = match self.ui.pane {
                    Pane::Tree => Pane::Info,
                    Pane::Info => Pane::Tree,
                }
            }
            _ if self.ui.pane == Pane::Info => {
                let page = layout::info_visible(self.ui.size);
                let s = &mut self.ui.info_scroll;
                match action {
                    Action::Down => *s += 1,
                    Action::Up => *s = s.saturating_sub(1),
                    Action::PageDown => *s += page,
                    Action::PageUp => *s = s.saturating_sub(page),
                    Action::Top => *s = 0,
                    _ => {}
                }
            }
            Action::Up => self.tree_move(-1),
            Action::Down => self.tree_move(1),
            Action::PageUp => self.tree_move(-10),
            Action::PageDown => self.tree_move(10),
            Action::Top => self.tree_move(isize::MIN / 2),
            Action::Bottom => self.tree_move(isize::MAX / 2),
            Action::Left => {
                self.ui.tree.get_mut().key_left();
            }
            Action::Right => {
                self.ui.tree.get_mut().key_right();
            }
            Action::Toggle => {
                self.ui.tree.get_mut().toggle_selected();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod mistake_tests;
#[cfg(test)]
mod tests;
