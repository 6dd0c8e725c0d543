//! Keys are data: one table from (mode, key) to `Action`, and the reverse table that the help
//! overlay and the hint bar are generated from, so a rebound key shows correctly everywhere.
//!
//! Defaults come from the `[keys.*]` sections of `config/default.toml`; the user's config
//! overrides them action by action. A key string that cannot be read is a config error, never
//! a panic. This module knows nothing about the board or the screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

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
}

impl Action {
    /// The column a `status_N` action sets (0-based).
    pub fn status_column(self) -> Option<usize> {
        use Action::*;
        [Status1, Status2, Status3, Status4, Status5, Status6]
            .iter()
            .position(|a| *a == self)
    }

    /// What the action does, for the help overlay and hint bar: (long zh, long en, short zh, short en).
    pub fn words(self) -> (&'static str, &'static str, &'static str, &'static str) {
        use Action::*;
        match self {
            Quit => ("退出 keywork", "quit keywork", "退出", "quit"),
            Help => ("显示/关闭帮助", "show or hide help", "帮助", "help"),
            Undo => ("撤销上一次修改", "undo the last change", "撤销", "undo"),
            Redo => ("重做", "redo", "重做", "redo"),
            Filter => ("按文字筛选任务", "filter tasks by text", "筛选", "filter"),
            Suspend => ("挂起到 shell", "suspend to the shell", "挂起", "suspend"),
            Sync => (
                "与其他单位同步（git）",
                "sync with other offices (git)",
                "同步",
                "sync",
            ),
            Up => ("向上", "up", "上", "up"),
            Down => ("向下", "down", "下", "down"),
            Left => ("向左 / 收起", "left / collapse", "左", "left"),
            Right => ("向右 / 展开", "right / expand", "右", "right"),
            PageUp => ("上一页", "page up", "上页", "pg up"),
            PageDown => ("下一页", "page down", "下页", "pg down"),
            Top => ("到第一项", "to the first", "首", "first"),
            Bottom => ("到最后一项", "to the last", "尾", "last"),
            Open => ("打开任务详情", "open the task", "详情", "open"),
            Back => ("返回 / 关闭", "back / close", "返回", "back"),
            SwitchPane => ("切换窗格", "switch pane", "切换", "pane"),
            Toggle => ("展开/收起节点", "expand/collapse node", "展开", "expand"),
            StatusPrev => (
                "状态移到上一列",
                "status to the previous column",
                "状态前移",
                "status-",
            ),
            StatusNext => (
                "状态移到下一列",
                "status to the next column",
                "状态后移",
                "status+",
            ),
            Status1 => ("设为第 1 个状态", "set status 1", "状态1", "status 1"),
            Status2 => ("设为第 2 个状态", "set status 2", "状态2", "status 2"),
            Status3 => ("设为第 3 个状态", "set status 3", "状态3", "status 3"),
            Status4 => ("设为第 4 个状态", "set status 4", "状态4", "status 4"),
            Status5 => ("设为第 5 个状态", "set status 5", "状态5", "status 5"),
            Status6 => ("设为第 6 个状态", "set status 6", "状态6", "status 6"),
            AddNote => ("添加佐证材料", "add an evidence note", "佐证", "note"),
            Edit => ("编辑所选佐证", "edit the selected note", "编辑", "edit"),
            Save => ("保存", "save", "保存", "save"),
            NextField => (
                "切换输入框（正文/文号）",
                "switch field (text/ref)",
                "切换",
                "field",
            ),
            Cancel => ("取消", "cancel", "取消", "cancel"),
            Review => (
                "开始/继续周例会",
                "start or resume the weekly review",
                "例会",
                "review",
            ),
            NextItem => ("下一项任务", "next task", "下一项", "next"),
            PrevItem => ("上一项任务", "previous task", "上一项", "prev"),
            MarkReviewed => (
                "标记已审议并前进",
                "mark reviewed and go on",
                "已审议",
                "reviewed",
            ),
            Conclusion => ("填写结论", "write the conclusion", "结论", "conclusion"),
            NextStep => (
                "填写下一步（负责人、时间）",
                "next step (owner, date)",
                "下一步",
                "next step",
            ),
            Coordination => ("需协调事项", "needs coordination", "需协调", "coordinate"),
            Jump => ("跳到第 N 项任务", "jump to task N", "跳转", "jump"),
            Finish => ("结束例会", "finish the meeting", "结束", "finish"),
            Deadline => (
                "设置时间节点（如 12-31、年底、Q3）",
                "deadline (12-31, 年底, Q3)",
                "时间节点",
                "deadline",
            ),
            Lead => ("选择牵头单位", "lead unit", "牵头", "lead"),
            Partners => (
                "添加/去掉配合单位",
                "add or remove a partner unit",
                "配合",
                "partners",
            ),
            AddTarget => ("新增指标", "add a target", "新增指标", "add target"),
            RemoveTarget => (
                "删除所选佐证或指标",
                "delete the selected note or target",
                "删除",
                "delete",
            ),
            Stats => ("统计图表", "statistics", "统计", "stats"),
            Yes => ("确认", "yes", "确认", "yes"),
            No => ("取消", "no", "取消", "no"),
            DecisionDone => crate::strings::follow::KEY_DONE,
            DecisionDrop => crate::strings::follow::KEY_DROP,
            CarryOver => crate::strings::follow::KEY_CARRY,
            Extend => crate::strings::follow::KEY_EXTEND,
            MakeDecision => crate::strings::follow::KEY_MAKE,
        }
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
    /// Last meeting's decisions, at the start of a review.
    Decisions,
}

impl Mode {
    pub const ALL: [Mode; 12] = [
        Mode::Global,
        Mode::Board,
        Mode::Detail,
        Mode::Review,
        Mode::Editor,
        Mode::Filter,
        Mode::Choose,
        Mode::Prompt,
        Mode::Picker,
        Mode::Help,
        Mode::Confirm,
        Mode::Decisions,
    ];

    /// Screens (not inputs or overlays) also answer to the `[keys.global]` bindings.
    pub fn sees_global(self) -> bool {
        matches!(self, Mode::Board | Mode::Detail | Mode::Review)
    }

    pub fn title(self, en: bool) -> &'static str {
        let (zh, e) = match self {
            Mode::Global => ("通用", "Everywhere"),
            Mode::Board => ("看板", "Board"),
            Mode::Detail => ("任务详情", "Task detail"),
            Mode::Editor => ("佐证编辑器", "Note editor"),
            Mode::Filter => ("筛选", "Filter"),
            Mode::Help => ("帮助", "Help"),
            Mode::Confirm => ("确认", "Confirm"),
            Mode::Review => ("周例会", "Weekly review"),
            Mode::Choose => ("选择", "Choose"),
            Mode::Decisions => crate::strings::follow::MODE_DECISIONS,
            Mode::Prompt => ("输入", "Prompt"),
            Mode::Picker => ("选择单位", "Pick a unit"),
        };
        if en { e } else { zh }
    }
}

/// One key as written in config: `q`, `H`, `Enter`, `Ctrl+r`, `Shift+Left`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// `KeyCode` restricted to what can be bound, ordered for stable help output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    Named(u8),
    F(u8),
}

const NAMED: [(&str, KeyCode); 14] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

impl Key {
    /// Read a key as written in config.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut key = Key {
            code: KeyCodeOrd::Char(' '),
            ctrl: false,
            alt: false,
            shift: false,
        };
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl+") {
                key.ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt+") {
                key.alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift+") {
                key.shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ if rest.eq_ignore_ascii_case("space") => KeyCodeOrd::Char(' '),
            _ => {
                if let Some(i) = NAMED.iter().position(|(n, _)| n.eq_ignore_ascii_case(rest)) {
                    KeyCodeOrd::Named(i as u8)
                } else if let Some(n) = rest
                    .strip_prefix(['F', 'f'])
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCodeOrd::F(n)
                } else {
                    return Err(format!(
                        "unknown key '{s}' (write a character, Space, F1–F12, or one of {}; \
                         with Ctrl+, Alt+ or Shift+ in front)",
                        NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" ")
                    ));
                }
            }
        };
        if let KeyCodeOrd::Char(_) = key.code {
            // A shifted character arrives as the character itself ('H', '?').
            key.shift = false;
        }
        Ok(key)
    }

    /// The key of a terminal key event.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let code = match e.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if e.modifiers.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().position(|(_, c)| *c == other)? as u8),
        };
        let shift =
            e.modifiers.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCodeOrd::Char(_));
        Some(Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
            shift,
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::Named(i) => {
                let name = NAMED[i as usize].0;
                let arrow = match name {
                    "Up" => "↑",
                    "Down" => "↓",
                    "Left" => "←",
                    "Right" => "→",
                    other => other,
                };
                f.write_str(arrow)
            }
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
        }
    }
}

/// The `[keys]` part of a config file: mode → action → keys.
pub type KeysConfig = BTreeMap<Mode, BTreeMap<Action, Vec<String>>>;

/// The key table in effect.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    by_key: BTreeMap<(Mode, Key), Action>,
    by_action: BTreeMap<(Mode, Action), Vec<Key>>,
}

impl Keymap {
    /// Build from the defaults with the user's bindings on top (an action the user binds loses
    /// its default keys in that mode).
    pub fn new(defaults: &KeysConfig, user: Option<&KeysConfig>) -> Result<Keymap, String> {
        let mut merged = defaults.clone();
        if let Some(user) = user {
            for (mode, actions) in user {
                let section = merged.entry(*mode).or_default();
                for (action, keys) in actions {
                    section.insert(*action, keys.clone());
                }
            }
        }
        let mut map = Keymap::default();
        for (mode, actions) in &merged {
            for (action, keys) in actions {
                for k in keys {
                    let key = Key::parse(k).map_err(|e| format!("[keys]: {e}"))?;
                    map.by_key.insert((*mode, key), *action);
                    map.by_action.entry((*mode, *action)).or_default().push(key);
                }
            }
        }
        Ok(map)
    }

    /// Ctrl-H (0x08) is Backspace as some terminals send it (SecureCRT in VT100 mode, some
    /// Xshell profiles), unless the user bound Ctrl-H in this mode.
    pub fn backspace_alias(&self, mode: Mode, key: KeyEvent) -> KeyEvent {
        let ctrl_h = key.code == KeyCode::Char('h')
            && key.modifiers == KeyModifiers::CONTROL
            && self.action(mode, &key).is_none();
        if ctrl_h {
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        } else {
            key
        }
    }

    /// The action for a key in a mode; board and detail also see the global keys.
    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key)?;
        self.by_key.get(&(mode, k)).copied().or_else(|| {
            mode.sees_global()
                .then(|| self.by_key.get(&(Mode::Global, k)).copied())
                .flatten()
        })
    }

    /// The keys bound to an action in a mode (global keys for board and detail).
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        let own = self
            .by_action
            .get(&(mode, action))
            .cloned()
            .unwrap_or_default();
        if own.is_empty() && mode.sees_global() {
            return self
                .by_action
                .get(&(Mode::Global, action))
                .cloned()
                .unwrap_or_default();
        }
        own
    }

    /// `j/↓`: the keys of an action joined for display.
    pub fn label(&self, mode: Mode, action: Action) -> String {
        self.keys(mode, action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding of a mode, grouped by action, for the help overlay.
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, String)> {
        self.by_action
            .keys()
            .filter(|(m, _)| *m == mode)
            .map(|(_, a)| (*a, self.label(mode, *a)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn defaults() -> KeysConfig {
        crate::config::Config::defaults().keys
    }

    #[test]
    fn parses_key_strings() {
        assert_eq!(Key::parse("q").unwrap().code, KeyCodeOrd::Char('q'));
        let k = Key::parse("Ctrl+R").unwrap();
        assert!(k.ctrl);
        assert_eq!(k.code, KeyCodeOrd::Char('r'));
        assert!(Key::parse("Shift+Left").unwrap().shift);
        assert_eq!(Key::parse("F5").unwrap().code, KeyCodeOrd::F(5));
        assert!(Key::parse("Hyper+x").is_err());
        assert!(
            Key::parse("Enterr")
                .unwrap_err()
                .contains("unknown key 'Enterr'")
        );
    }

    #[test]
    fn default_keys_follow_the_design() {
        let map = Keymap::new(&defaults(), None).unwrap();
        let a = |m, c, md| map.action(m, &ev(c, md));
        assert_eq!(
            a(Mode::Board, KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            a(Mode::Board, KeyCode::Char('H'), KeyModifiers::SHIFT),
            Some(Action::StatusPrev)
        );
        assert_eq!(
            a(Mode::Board, KeyCode::Left, KeyModifiers::SHIFT),
            Some(Action::StatusPrev)
        );
        assert_eq!(
            a(Mode::Board, KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::Redo)
        );
        assert_eq!(
            a(Mode::Detail, KeyCode::Char('u'), KeyModifiers::NONE),
            Some(Action::Undo)
        );
        assert_eq!(
            a(Mode::Board, KeyCode::Char('3'), KeyModifiers::NONE),
            Some(Action::Status3)
        );
        assert_eq!(
            a(Mode::Editor, KeyCode::Char('s'), KeyModifiers::CONTROL),
            Some(Action::Save)
        );
        assert_eq!(
            a(Mode::Editor, KeyCode::Char('q'), KeyModifiers::NONE),
            None
        );
    }

    #[test]
    fn ctrl_h_is_backspace_unless_bound() {
        let ctrl_h = ev(KeyCode::Char('h'), KeyModifiers::CONTROL);
        let backspace = ev(KeyCode::Backspace, KeyModifiers::NONE);
        let map = Keymap::new(&defaults(), None).unwrap();
        for mode in [Mode::Editor, Mode::Filter, Mode::Prompt, Mode::Detail] {
            assert_eq!(map.backspace_alias(mode, ctrl_h), backspace, "{mode:?}");
        }
        let plain_h = ev(KeyCode::Char('h'), KeyModifiers::NONE);
        assert_eq!(map.backspace_alias(Mode::Editor, plain_h), plain_h);
        let user: KeysConfig = toml::from_str("[editor]\nsave = [\"Ctrl+h\"]\n").unwrap();
        let map = Keymap::new(&defaults(), Some(&user)).unwrap();
        assert_eq!(
            map.backspace_alias(Mode::Editor, ctrl_h),
            ctrl_h,
            "the user's binding wins"
        );
        assert_eq!(map.action(Mode::Editor, &ctrl_h), Some(Action::Save));
        assert_eq!(map.backspace_alias(Mode::Filter, ctrl_h), backspace);
    }

    #[test]
    fn user_binding_replaces_default_everywhere_it_is_shown() {
        let user: KeysConfig = toml::from_str("[global]\nquit = [\"x\", \"Ctrl+q\"]\n").unwrap();
        let map = Keymap::new(&defaults(), Some(&user)).unwrap();
        assert_eq!(
            map.action(Mode::Board, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            map.action(Mode::Board, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(map.label(Mode::Board, Action::Quit), "x/Ctrl-Q");
        assert!(
            map.bindings(Mode::Global)
                .iter()
                .any(|(a, l)| *a == Action::Quit && l == "x/Ctrl-Q")
        );
    }

    #[test]
    fn bad_key_in_config_is_an_error() {
        let user: KeysConfig = toml::from_str("[board]\nopen = [\"Entr\"]\n").unwrap();
        let err = Keymap::new(&defaults(), Some(&user)).unwrap_err();
        assert!(err.contains("Entr"), "{err}");
    }
}
