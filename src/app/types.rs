//! The app's vocabulary: the messages it takes (`Msg`), the effects it asks for (`Effect`),
//! and the state of the screen besides the board (`Ui`, `Overlay`, `Display`, …).

use super::attach::{AttachFailure, AttachTo};
use super::boards::BoardEntry;
use super::editor::Editor;
use super::textbuf::TextBuf;
use crate::change::Change;
use crate::config::Lang;
use crate::model::decision::FollowRef;
use crate::model::review::{Review, ReviewChange, ReviewScope};
use crate::model::schedule::Warning;
use crate::model::{Board, Draft, FileRef, ItemRef, Task};
use crate::store::StoreError;
use crate::sync::Outcome;
use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::cell::RefCell;
use tui_tree_widget::TreeState;

/// What the terminal sent, or what the loop brings back from work done beside it (the result
/// of an `Effect`, or news from outside: others' changes, a draft of an earlier session).
// Messages are handled one at a time as they come, never kept in bulk: their size is no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The whole board, read in the background after the first frame.
    Loaded(Box<Board>),
    /// `Effect::LoadTask`: the board file and the one task (its task list holds just that
    /// task), read while the rest of the board is still loading; or why not.
    TaskLoaded(Result<Box<Board>, StoreError>),
    /// A draft an earlier session left unsaved: the editor opens with it.
    DraftRestored(Draft),
    /// How `Effect::Apply` went: the inverse (if the change changed anything) and the task
    /// as saved, or why it was not saved.
    Saved {
        change: Change,
        origin: Origin,
        result: Result<(Option<Change>, Board), StoreError>,
    },
    /// `Effect::OpenReview` found no review of `date`: ask which tasks it walks. `since` is
    /// when the previous review ended, if there was one.
    ReviewMissing {
        date: chrono::NaiveDate,
        since: Option<DateTime<FixedOffset>>,
    },
    /// The review as opened (`change: None`) or as saved after `change`, or why not.
    ReviewSaved {
        change: Option<ReviewChange>,
        result: Result<Review, StoreError>,
    },
    /// `Effect::OpenReview` or `Effect::StartReview` opened a review (or did not), with the
    /// follow-up files read beside it (or why they could not be: the review opens without
    /// them, and says so): a meeting not begun yet opens with the last one's decisions.
    ReviewOpened {
        follows: Result<Vec<crate::model::decision::Follow>, StoreError>,
        result: Result<Review, StoreError>,
    },
    /// The follow-up files as read when the board was (decisions shown in the detail tree),
    /// or why they could not be read.
    FollowsRead(Result<Vec<crate::model::decision::Follow>, StoreError>),
    /// How `Effect::Urge` went: the notice recorded and where it was written, or why not.
    /// The follow-up files are read again after it (none if that read failed: the ones
    /// shown stay).
    Urged {
        result: Result<crate::cli::follow::urge::Urged, String>,
        follows: Option<Vec<crate::model::decision::Follow>>,
    },
    /// How `Effect::SetSource` went, with the follow-up files read again (as for `Urged`).
    SourceSet {
        on: FollowRef,
        kind: String,
        result: Result<(), String>,
        follows: Option<Vec<crate::model::decision::Follow>>,
    },
    /// How `Effect::Follow` went: the task's follow-up as saved, or why it was not saved.
    FollowSaved {
        change: super::decisions::FollowChange,
        result: Result<crate::model::decision::Follow, StoreError>,
    },
    /// Tasks another person (another process) changed, as saved.
    OthersChanged(Vec<Task>),
    /// A background sync finished.
    SyncDone(Result<Outcome, SyncFailure>),
    /// The boards of the data directory, for the board picker (`Effect::ListBoards`).
    BoardsListed(Vec<BoardEntry>),
    /// How `Effect::Attach` went: the file as stored and the task as saved, or why not.
    Attached(Result<(FileRef, Board), AttachFailure>),
}

/// Why a background sync did not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum SyncFailure {
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    /// Another sync of this screen is still running.
    #[error("a sync is already running")]
    Running,
    /// The sync's thread ended without an answer.
    #[error("sync stopped")]
    Stopped,
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
    /// List the boards of the data directory for the board picker (`Msg::BoardsListed`).
    ListBoards,
    /// Leave this board and open the named one of the data directory.
    SwitchBoard(String),
    /// Copy the file at `path` into the board and link it to note `id` of task `task`.
    Attach {
        task: u32,
        id: String,
        path: std::path::PathBuf,
        limits: crate::store::files::Limits,
    },
    /// Change a task's follow-up: decisions (read–modify–write under the lock).
    Follow(super::decisions::FollowChange),
    /// Record an urging notice and write it (`keywork urge`'s own function).
    Urge(crate::cli::follow::urge::Order),
    /// Set the source of a task or decision (`keywork source`'s own function).
    SetSource {
        on: FollowRef,
        source: crate::model::decision::Source,
    },
    /// Read this task alone (`Msg::TaskLoaded`): Enter on a board still loading opens the
    /// task before the rest of the board arrives.
    LoadTask(u32),
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
    /// The quick-filter menu (`f`), its selected line.
    QuickFilter {
        choice: usize,
    },
    /// The boards of the data directory (`B`), to open another.
    Boards {
        choice: usize,
        boards: Vec<BoardEntry>,
    },
    /// Last meeting's decisions, before a new review walks its tasks.
    LastDecisions(super::decisions::LastDecisions),
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
    /// The path of a file to attach (Tab completes it).
    AttachFile(AttachTo),
    /// A deadline that had passed is changed: the extension's reason (empty: a plain edit).
    ExtensionReason {
        item: ItemRef,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// Urging `on` (`U`): the level (the rule's proposal typed in), then a note.
    UrgeLevel { on: FollowRef },
    /// Urging `on` at `level`: an optional note. Enter records and writes the notice.
    UrgeNote { on: FollowRef, level: Warning },
    /// The source of `on` (`s`): its kind (a known one or part of one).
    SourceKind { on: FollowRef },
    /// A 领导批示: the instruction's text, who gave it, when (each optional).
    SourceText { on: FollowRef, kind: String },
    SourceBy {
        on: FollowRef,
        kind: String,
        text: String,
    },
    SourceDate {
        on: FollowRef,
        kind: String,
        text: String,
        by: String,
    },
    /// A decision closed as done: its evidence (optional).
    DecisionEvidence { id: String },
    /// A decision extended: the new date (then the reason, then who approved it).
    ExtendTo { id: String },
    /// A decision extended to `to`: the reason (required).
    ExtendReason { id: String, to: chrono::NaiveDate },
    /// A decision extended to `to` for `reason`: who approved it (optional). Enter records.
    ExtendApprover {
        id: String,
        to: chrono::NaiveDate,
        reason: String,
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
    /// Files chosen for the note being written, attached once it is saved.
    pub pending_files: Vec<std::path::PathBuf>,
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
