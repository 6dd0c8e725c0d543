//! What a key can ask for (`Action`) and where keys are looked up (`Mode`); their words for
//! the help overlay and the hint bar are in `strings::keys`.

use serde::Deserialize;

/// Everything a key can ask for. Config files name them in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave keywork.
    Quit,
    /// Show or hide the list of keys.
    Help,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Filter tasks by text.
    Filter,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Share the board through git (`keywork sync`).
    Sync,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the selected task's detail.
    Open,
    /// Back to the previous screen; close an overlay.
    Back,
    /// Switch between the detail panes.
    SwitchPane,
    /// Expand or collapse the selected tree node.
    Toggle,
    /// Move the task or measure to the previous status.
    StatusPrev,
    /// Move the task or measure to the next status.
    StatusNext,
    #[serde(rename = "status_1")]
    Status1,
    #[serde(rename = "status_2")]
    Status2,
    #[serde(rename = "status_3")]
    Status3,
    #[serde(rename = "status_4")]
    Status4,
    #[serde(rename = "status_5")]
    Status5,
    #[serde(rename = "status_6")]
    Status6,
    /// Add an evidence note to the selected task or measure.
    AddNote,
    /// Edit the selected note.
    Edit,
    /// Attach a file to the selected note or the note being written.
    Attach,
    /// Save the editor.
    Save,
    /// Switch between the editor's fields.
    NextField,
    /// Close the editor or clear the filter (asks first if text would be lost).
    Cancel,
    /// Start or resume the weekly review meeting.
    Review,
    /// Review: the next task.
    NextItem,
    /// Review: the previous task.
    PrevItem,
    /// Review: mark the task reviewed and go on.
    MarkReviewed,
    /// Review: write the conclusion (结论).
    Conclusion,
    /// Review: write the next step (下一步) with owner and date.
    NextStep,
    /// Review: flag a needs-coordination item (需协调事项).
    Coordination,
    /// Review: jump to task N.
    Jump,
    /// Review: finish the meeting.
    Finish,
    /// The deadline (时间节点) of the selected task or measure.
    Deadline,
    /// The lead unit (牵头单位).
    Lead,
    /// Add or remove a partner unit (配合单位).
    Partners,
    /// Add a target by hand.
    AddTarget,
    /// Remove the selected target.
    RemoveTarget,
    /// Charts of the whole board.
    Stats,
    /// Answer yes in a confirmation; keep the filter.
    Yes,
    /// Answer no in a confirmation.
    No,
    /// Open the quick-filter menu (status, warning, unit, due, changed).
    QuickFilter,
    /// Clear every filter (quick filters and the text filter).
    ClearFilters,
    /// Review: jump to the next red or yellow task.
    NextWarned,
    /// Open another board of the data directory.
    SwitchBoard,
    /// Decisions: mark the selected decision done (议定事项办结).
    DecisionDone,
    /// Decisions: drop the selected decision.
    DecisionDrop,
    /// Decisions: carry the selected decision over to this meeting.
    CarryOver,
    /// Decisions: extend the selected decision by a week.
    Extend,
    /// Review: turn the task's next step and coordination item into decisions.
    MakeDecision,
    /// Urge the selected task, measure or decision (催办): level, note, the notice written.
    Urge,
    /// Set where the selected task or decision came from (来源).
    SetSource,
}

impl Action {
    /// The column a `status_N` action sets (0-based).
    pub fn status_column(self) -> Option<usize> {
        use Action::*;
        [Status1, Status2, Status3, Status4, Status5, Status6]
            .iter()
            .position(|a| *a == self)
    }

    /// What the action does in both languages: (long zh, long en, short zh, short en).
    pub fn words(self) -> (&'static str, &'static str, &'static str, &'static str) {
        use crate::strings::{Lang, keys};
        (
            keys::action_long(Lang::Zh, self),
            keys::action_long(Lang::En, self),
            keys::action_short(Lang::Zh, self),
            keys::action_short(Lang::En, self),
        )
    }
}

/// Where keys are looked up: the screen or overlay that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Keys that work on the board and in the detail screen.
    Global,
    Board,
    Detail,
    Editor,
    Filter,
    Help,
    Confirm,
    /// The weekly review meeting screen.
    Review,
    /// Choosing from a short list (which tasks a review walks).
    Choose,
    /// A one-line prompt (jump to task N, a deadline, a value).
    Prompt,
    /// Picking a unit, typing to narrow the list.
    Picker,
    /// The quick-filter menu and the board picker.
    Filters,
    /// Last meeting's decisions, at the start of a review.
    Decisions,
}

impl Mode {
    pub const ALL: [Mode; 13] = [
        Mode::Global,
        Mode::Board,
        Mode::Detail,
        Mode::Review,
        Mode::Editor,
        Mode::Filter,
        Mode::Choose,
        Mode::Prompt,
        Mode::Picker,
        Mode::Filters,
        Mode::Help,
        Mode::Confirm,
        Mode::Decisions,
    ];

    /// Screens (not inputs or overlays) also answer to the `[keys.global]` bindings.
    pub fn sees_global(self) -> bool {
        matches!(self, Mode::Board | Mode::Detail | Mode::Review)
    }
}
