//! The application state and `update`: what every key does, testable without a terminal.
//!
//! Data flows one way: a terminal event (`Msg`) goes through the keymap to an `Action`;
//! `update` changes the UI state and, for a change to the board, returns an `Effect` that the
//! event loop carries out through the store; the loop reports back with `applied`. `update`
//! never does IO. Domain data (`board`), UI state (`ui`) and history (`undo`/`redo`) are kept
//! apart.

pub mod editor;
pub mod nav;
pub mod textbuf;

use crate::change::Change;
use crate::config::{Config, Lang};
use crate::keymap::{Action, Keymap, Mode};
use crate::layout;
use crate::model::{Board, BoardMeta, Draft, ModelError, Summary, Task};
use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;
use editor::{EditTarget, Editor};
use nav::{Selected, TASK_NODE};
use ratatui::layout::Rect;
use std::cell::RefCell;
use textbuf::TextBuf;
use tui_tree_widget::TreeState;

/// What the terminal sent.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply a change through the store (read–modify–write under the lock).
    Apply { change: Change, origin: Origin },
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
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
    Editor(Editor),
    /// Discard the editor's unsaved text?
    ConfirmDiscard,
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
            },
            board,
            summaries,
            now,
            undo: Vec::new(),
            redo: Vec::new(),
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
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Editor(_)) => Mode::Editor,
            Some(Overlay::ConfirmDiscard) => Mode::Confirm,
            None if self.ui.filtering => Mode::Filter,
            None => match self.ui.screen {
                Screen::Board => Mode::Board,
                Screen::Detail => Mode::Detail,
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
            on: match &e.target {
                EditTarget::New(item) => item.to_string(),
                EditTarget::Existing { task, id } => format!("{task}/{id}"),
            },
            text: e.text.text().to_string(),
            reference: e.reference.text().to_string(),
            saved: self.now,
        })
    }

    /// Open the editor with a draft saved by an earlier session.
    pub fn restore_draft(&mut self, d: &Draft) {
        let target = match d.on.split_once('/') {
            Some((task, id)) => task.parse().ok().map(|task| EditTarget::Existing {
                task,
                id: id.to_string(),
            }),
            None => d.on.parse().ok().map(EditTarget::New),
        };
        if let Some(target) = target {
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

    /// Tell the user that Chinese input may be lost (no UTF-8 locale).
    pub fn warn_encoding(&mut self) {
        self.warn(self.lang().pick(
            "未检测到 UTF-8 编码：请把终端客户端设为 UTF-8，否则中文输入会丢失",
            "no UTF-8 locale: set your terminal client to UTF-8 or Chinese input is lost",
        ));
    }

    fn say(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Handle one terminal event.
    pub fn handle(&mut self, msg: Msg) -> Option<Effect> {
        match msg {
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
            Msg::Key(k) => {
                let mode = self.mode();
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
            _ => {}
        }
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(self.mode(), Mode::Editor | Mode::Filter) {
            self.ui.message = None;
        }
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Editor => return self.update_editor(action),
            Mode::Filter => self.update_filter(action),
            Mode::Board | Mode::Detail | Mode::Global => return self.update_screen(action),
        }
        None
    }

    fn update_help(&mut self, action: Action) {
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

    fn update_confirm(&mut self, action: Action) {
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
    }

    fn update_editor(&mut self, action: Action) -> Option<Effect> {
        let lang = self.lang();
        let e = self.editor_mut()?;
        match action {
            Action::Save => match e.change() {
                Ok(change) => {
                    self.ui.overlays.pop();
                    return Some(Effect::Apply {
                        change,
                        origin: Origin::New,
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

    // ----- the board -----

    /// Task numbers per status column, filtered.
    pub fn columns(&self) -> Vec<Vec<u32>> {
        let query = self.ui.filter.text();
        nav::columns(&self.board.meta, &self.summaries, |s| {
            match self.board.task(s.number) {
                Some(task) => nav::matches(task, query),
                None => nav::matches_title(s, query),
            }
        })
    }

    pub fn summary(&self, number: u32) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.number == number)
    }

    /// Where the selected task is: (column, row).
    pub fn position(&self) -> Option<(usize, usize)> {
        let sel = self.ui.selected?;
        self.columns()
            .iter()
            .enumerate()
            .find_map(|(c, col)| col.iter().position(|n| *n == sel).map(|r| (c, r)))
    }

    fn select_first(&mut self) {
        let cols = self.columns();
        let first = cols.iter().enumerate().find(|(_, c)| !c.is_empty());
        self.ui.selected = first.map(|(_, c)| c[0]);
        self.ui.column = first.map_or(0, |(i, _)| i);
        self.keep_selection_visible();
    }

    fn move_in_column(&mut self, delta: isize) {
        let cols = self.columns();
        let Some(col) = cols.get(self.ui.column).filter(|c| !c.is_empty()) else {
            return;
        };
        let row = self.position().map_or(0, |(_, r)| r) as isize;
        let new = (row.saturating_add(delta)).clamp(0, col.len() as isize - 1) as usize;
        self.ui.selected = Some(col[new]);
        self.keep_selection_visible();
    }

    fn move_column(&mut self, delta: isize) {
        let cols = self.columns();
        let n = cols.len() as isize;
        let c = (self.ui.column as isize + delta).clamp(0, n - 1) as usize;
        let row = self.position().map_or(0, |(_, r)| r);
        let row_on_screen =
            row.saturating_sub(self.ui.scroll.get(self.ui.column).copied().unwrap_or(0));
        self.ui.column = c;
        if let Some(col) = cols.get(c).filter(|col| !col.is_empty()) {
            let scroll = self.ui.scroll.get(c).copied().unwrap_or(0);
            self.ui.selected = Some(col[(scroll + row_on_screen).min(col.len() - 1)]);
        }
        self.keep_selection_visible();
    }

    /// Make the selection follow its task (after a status change, a filter or a reload) and
    /// scroll every column so that it shows its part of the board.
    fn keep_selection_visible(&mut self) {
        let cols = self.columns();
        self.ui.scroll.resize(cols.len(), 0);
        if let Some((c, r)) = self.position() {
            self.ui.column = c;
            let visible = layout::cards_visible(self.ui.size);
            self.ui.scroll[c] = nav::keep_visible(self.ui.scroll[c], r, visible);
        } else if self.ui.screen == Screen::Board {
            self.ui.selected = cols.get(self.ui.column).and_then(|c| c.first().copied());
        }
        let visible = layout::cards_visible(self.ui.size);
        for (s, col) in self.ui.scroll.iter_mut().zip(&cols) {
            *s = (*s).min(col.len().saturating_sub(visible));
        }
    }

    fn after_filter_change(&mut self) {
        if self.position().is_none() {
            self.select_first();
        }
        self.keep_selection_visible();
    }

    fn open_detail(&mut self) {
        if self.selected_task().is_none() {
            return;
        }
        self.ui.screen = Screen::Detail;
        self.ui.pane = Pane::Tree;
        self.ui.info_scroll = 0;
        let mut st = TreeState::default();
        st.open(vec![TASK_NODE.to_string()]);
        st.select(vec![TASK_NODE.to_string()]);
        self.ui.tree = RefCell::new(st);
    }

    // ----- the detail tree -----

    pub fn selected_task(&self) -> Option<&crate::model::Task> {
        self.board.task(self.ui.selected?)
    }

    /// What the tree's selection points at (the task itself on the board screen).
    pub fn selected_node(&self) -> Option<Selected> {
        let task = self.selected_task()?;
        if self.ui.screen == Screen::Board {
            return Some(Selected::Task);
        }
        Some(nav::selected_node(task, self.ui.tree.borrow().selected()))
    }

    fn tree_move(&mut self, delta: isize) {
        let Some(task) = self.selected_task() else {
            return;
        };
        let paths = nav::visible_paths(task, &self.ui.tree.borrow());
        if paths.is_empty() {
            return;
        }
        let st = self.ui.tree.get_mut();
        let cur = paths.iter().position(|p| p == st.selected()).unwrap_or(0) as isize;
        let new = cur.saturating_add(delta).clamp(0, paths.len() as isize - 1) as usize;
        st.select(paths[new].clone());
    }

    // ----- changes -----

    fn target_item(&self) -> Option<crate::model::ItemRef> {
        let task = self.selected_task()?;
        Some(nav::item_of(task, &self.selected_node()?))
    }

    fn current_status_index(&self, item: crate::model::ItemRef) -> Option<usize> {
        let task = self.board.task(item.task)?;
        let key = match item.sub {
            None => &task.status,
            Some(_) => &task.measure(&item.to_string())?.status,
        };
        self.board.meta.status_index(key)
    }

    fn step_status(&mut self, action: Action) -> Option<Effect> {
        let item = self.target_item()?;
        let cur = self.current_status_index(item).unwrap_or(0);
        let new = match action {
            Action::StatusPrev => cur.checked_sub(1)?,
            _ => cur + 1,
        };
        self.set_status_of(item, new)
    }

    fn set_status_column(&mut self, column: usize) -> Option<Effect> {
        let item = self.target_item()?;
        self.set_status_of(item, column)
    }

    fn set_status_of(&mut self, item: crate::model::ItemRef, column: usize) -> Option<Effect> {
        let key = self.board.meta.statuses.get(column)?.key.clone();
        if self.current_status_index(item) == Some(column) {
            return None;
        }
        Some(Effect::Apply {
            change: Change::Status { item, to: key },
            origin: Origin::New,
        })
    }

    fn open_new_note(&mut self) {
        if let Some(item) = self.target_item() {
            self.ui
                .overlays
                .push(Overlay::Editor(Editor::new(EditTarget::New(item), "", "")));
        }
    }

    fn open_edit(&mut self) {
        let lang = self.lang();
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

    fn history_step(&mut self, origin: Origin) -> Option<Effect> {
        let stack = match origin {
            Origin::Undo => &mut self.undo,
            _ => &mut self.redo,
        };
        match stack.pop() {
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
                self.warn(format!("{} {e}", lang.pick("未保存：", "not saved:")));
            }
        }
        self.keep_selection_visible();
    }

    /// Put a task as saved (or as another user saved it) in place of ours.
    fn replace_task(&mut self, task: Task) {
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
    fn reveal(&mut self, change: &Change) {
        let item = match change {
            Change::AddNote { item, .. } => Some(*item),
            _ => None,
        };
        if let Some(item) = item.filter(|i| i.sub.is_some()) {
            let st = self.ui.tree.get_mut();
            st.open(vec![TASK_NODE.to_string(), format!("m:{item}")]);
        }
    }

    fn describe(&self, change: &Change) -> String {
        let en = self.lang().is_en();
        match change {
            Change::Status { item, to } => {
                format!("{item} → {}", self.board.meta.status_name(to, en))
            }
            Change::AddNote { item, .. } => format!("{item} {}", self.lang().pick("佐证", "note")),
            Change::EditNote { task, .. }
            | Change::RemoveNote { task, .. }
            | Change::RestoreNote { task, .. } => {
                format!("{task} {}", self.lang().pick("佐证", "note"))
            }
            Change::Target { id, .. } => id.clone(),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

#[cfg(test)]
mod tests;
