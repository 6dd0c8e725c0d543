//! The words of the keys: what each action does (long, in the help overlay; short, in the
//! hint bar) and the names of the key modes.

use crate::keymap::{Action, Mode};
use crate::strings::Lang;

fn pair(lang: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// What an action does, as the help overlay lists it.
pub fn action_long(lang: Lang, a: Action) -> &'static str {
    use Action::*;
    pair(
        lang,
        match a {
            Quit => ("退出 keywork", "quit keywork"),
            Help => ("显示/关闭帮助", "show or hide help"),
            Undo => ("撤销上一次修改", "undo the last change"),
            Redo => ("重做", "redo"),
            Filter => ("按文字筛选任务", "filter tasks by text"),
            Suspend => ("挂起到 shell", "suspend to the shell"),
            Sync => ("与其他单位同步（git）", "sync with other offices (git)"),
            Up => ("向上", "up"),
            Down => ("向下", "down"),
            Left => ("向左 / 收起", "left / collapse"),
            Right => ("向右 / 展开", "right / expand"),
            PageUp => ("上一页", "page up"),
            PageDown => ("下一页", "page down"),
            Top => ("到第一项", "to the first"),
            Bottom => ("到最后一项", "to the last"),
            Open => ("打开任务详情", "open the task"),
            Back => ("返回 / 关闭", "back / close"),
            SwitchPane => ("切换窗格", "switch pane"),
            Toggle => ("展开/收起节点", "expand/collapse node"),
            StatusPrev => ("状态移到上一列", "status to the previous column"),
            StatusNext => ("状态移到下一列", "status to the next column"),
            Status1 => ("设为第 1 个状态", "set status 1"),
            Status2 => ("设为第 2 个状态", "set status 2"),
            Status3 => ("设为第 3 个状态", "set status 3"),
            Status4 => ("设为第 4 个状态", "set status 4"),
            Status5 => ("设为第 5 个状态", "set status 5"),
            Status6 => ("设为第 6 个状态", "set status 6"),
            AddNote => ("添加佐证材料", "add an evidence note"),
            Edit => ("编辑所选佐证", "edit the selected note"),
            Attach => ("为佐证附加文件", "attach a file to the note"),
            Save => ("保存", "save"),
            NextField => ("切换输入框（正文/文号）", "switch field (text/ref)"),
            Cancel => ("取消", "cancel"),
            Review => ("开始/继续周例会", "start or resume the weekly review"),
            NextItem => ("下一项任务", "next task"),
            PrevItem => ("上一项任务", "previous task"),
            MarkReviewed => ("标记已审议并前进", "mark reviewed and go on"),
            Conclusion => ("填写结论", "write the conclusion"),
            NextStep => ("填写下一步（负责人、时间）", "next step (owner, date)"),
            Coordination => ("需协调事项", "needs coordination"),
            Jump => ("跳到第 N 项任务", "jump to task N"),
            Finish => ("结束例会", "finish the meeting"),
            Deadline => (
                "设置时间节点（如 12-31、年底、Q3）",
                "deadline (12-31, end of year, Q3)",
            ),
            Lead => ("选择牵头单位", "lead unit"),
            Partners => ("添加/去掉配合单位", "add or remove a partner unit"),
            AddTarget => ("新增指标", "add a target"),
            RemoveTarget => ("删除所选佐证或指标", "delete the selected note or target"),
            Stats => ("统计图表", "statistics"),
            Yes => ("确认", "yes"),
            No => ("取消", "no"),
            QuickFilter | ClearFilters | NextWarned | SwitchBoard => {
                let (zh, en, _, _) = crate::strings::filters::action_words(a);
                (zh, en)
            }
            DecisionDone => ("议定事项办结", "mark the decision done"),
            DecisionDrop => ("撤销议定事项", "drop the decision"),
            CarryOver => ("延续到本次例会", "carry over to this meeting"),
            Extend => (
                "延期（新日期、理由、批准人）",
                "extend (new date, reason, approver)",
            ),
            MakeDecision => (
                "下一步/需协调事项转为议定事项",
                "make decisions of the next step and coordination item",
            ),
            Urge => ("催办（写督办通知单）", "urge (write the urging notice)"),
            SetSource => ("设置来源", "set the source"),
        },
    )
}

/// What an action does, in a word or two for the hint bar.
pub fn action_short(lang: Lang, a: Action) -> &'static str {
    use Action::*;
    pair(
        lang,
        match a {
            Quit => ("退出", "quit"),
            Help => ("帮助", "help"),
            Undo => ("撤销", "undo"),
            Redo => ("重做", "redo"),
            Filter => ("筛选", "filter"),
            Suspend => ("挂起", "suspend"),
            Sync => ("同步", "sync"),
            Up => ("上", "up"),
            Down => ("下", "down"),
            Left => ("左", "left"),
            Right => ("右", "right"),
            PageUp => ("上页", "pg up"),
            PageDown => ("下页", "pg down"),
            Top => ("首", "first"),
            Bottom => ("尾", "last"),
            Open => ("详情", "open"),
            Back => ("返回", "back"),
            SwitchPane => ("切换", "pane"),
            Toggle => ("展开", "expand"),
            StatusPrev => ("状态前移", "status-"),
            StatusNext => ("状态后移", "status+"),
            Status1 => ("状态1", "status 1"),
            Status2 => ("状态2", "status 2"),
            Status3 => ("状态3", "status 3"),
            Status4 => ("状态4", "status 4"),
            Status5 => ("状态5", "status 5"),
            Status6 => ("状态6", "status 6"),
            AddNote => ("佐证", "note"),
            Edit => ("编辑", "edit"),
            Attach => ("附加文件", "attach file"),
            Save => ("保存", "save"),
            NextField => ("切换", "field"),
            Cancel => ("取消", "cancel"),
            Review => ("例会", "review"),
            NextItem => ("下一项", "next"),
            PrevItem => ("上一项", "prev"),
            MarkReviewed => ("已审议", "reviewed"),
            Conclusion => ("结论", "conclusion"),
            NextStep => ("下一步", "next step"),
            Coordination => ("需协调", "coordinate"),
            Jump => ("跳转", "jump"),
            Finish => ("结束", "finish"),
            Deadline => ("时间节点", "deadline"),
            Lead => ("牵头", "lead"),
            Partners => ("配合", "partners"),
            AddTarget => ("新增指标", "add target"),
            RemoveTarget => ("删除", "delete"),
            Stats => ("统计", "stats"),
            Yes => ("确认", "yes"),
            No => ("取消", "no"),
            QuickFilter | ClearFilters | NextWarned | SwitchBoard => {
                let (_, _, zh, en) = crate::strings::filters::action_words(a);
                (zh, en)
            }
            DecisionDone => ("办结", "done"),
            DecisionDrop => ("撤销事项", "drop"),
            CarryOver => ("延续", "carry"),
            Extend => ("延期", "extend"),
            MakeDecision => ("转议定", "decide"),
            Urge => ("催办", "urge"),
            SetSource => ("来源", "source"),
        },
    )
}

/// The heading of a mode's keys in the help overlay.
pub fn mode_title(lang: Lang, m: Mode) -> &'static str {
    pair(
        lang,
        match m {
            Mode::Global => ("通用", "Everywhere"),
            Mode::Board => ("看板", "Board"),
            Mode::Detail => ("任务详情", "Task detail"),
            Mode::Editor => ("佐证编辑器", "Note editor"),
            Mode::Filter => ("筛选", "Filter"),
            Mode::Help => ("帮助", "Help"),
            Mode::Confirm => ("确认", "Confirm"),
            Mode::Review => ("周例会", "Weekly review"),
            Mode::Choose => ("选择", "Choose"),
            Mode::Prompt => ("输入", "Prompt"),
            Mode::Picker => ("选择单位", "Pick a unit"),
            Mode::Filters => (
                crate::strings::filters::menu_title(Lang::Zh),
                crate::strings::filters::menu_title(Lang::En),
            ),
            Mode::Decisions => ("上次议定事项", "Last meeting's decisions"),
        },
    )
}

message! {
    /// A key in the config that cannot be read.
    unknown_key(key: &str, names: &str) =>
        "[keys]：无法识别的按键 '{key}'（请写一个字符、Space、F1–F12 或 {names} 之一；可在前面加 Ctrl+、Alt+ 或 Shift+）",
        "[keys]: unknown key '{key}' (write a character, Space, F1–F12, or one of {names}; with Ctrl+, Alt+ or Shift+ in front)";
}
