//! Quick filters (issue 16 §1), the review screen's facts (§5) and switching boards (§6).

use crate::keymap::Action;
use crate::model::filter::WarnKind;
use crate::strings::Lang;

text! {
    /// Header of the board when a quick filter is on: `筛选：区旧改办 · 红`.
    header_prefix => "筛选：", "filter: ";
    /// Title of the quick-filter menu.
    menu_title => "筛选任务", "Filter tasks";
    /// Facet names in the menu.
    facet_status => "状态", "status";
    facet_warning => "预警", "warning";
    facet_unit => "单位", "unit";
    facet_due => "到期", "due";
    /// "Changed since the last review" as a menu line and a header part.
    changed => "上次例会以来有变化", "changed since the last review";
    changed_short => "有变化", "changed";
    /// The menu's line for the deadline window when it is off.
    due_off => "不限", "any";
    /// Said when the filters are cleared.
    cleared => "已清除筛选", "filters cleared";
    /// No task matches the quick filter.
    nothing_matches => "没有符合筛选的任务", "no task matches the filter";
    /// The per-user filter file could not be read: the board opens unfiltered.
    state_unreadable => "无法读取保存的筛选，已忽略", "the saved filter could not be read: ignored";
    /// Review: no red or yellow task after this one.
    no_more_warned => "后面没有红色或黄色预警的任务", "no red or yellow task further on";
    /// Review screen labels.
    review_expected => "序时进度", "expected";
    review_actual => "实际", "actual";
    review_measures => "措施", "Measures";
    review_notes => "佐证材料", "Evidence";
    review_no_deadline => "未设时间节点", "no deadline";
    /// The board picker.
    boards_title => "切换看板", "Switch board";
    boards_none => "数据目录里没有其他看板", "no other board in the data directory";
    boards_default => "（默认）", " (default)";
    boards_current => "（当前）", " (current)";
    /// Between the items of a list of units or statuses.
    list_sep => "、", ", ";
}

message! {
    /// A word of a filter expression that is not `key:value` with a known key.
    unknown_word(word: &str) =>
        "筛选条件中有无法识别的“{word}”（可用：unit:单位 warn:red|yellow|blue|overdue due:天数 status:状态 changed）",
        "unknown word '{word}' in the filter (use: unit:UNIT warn:red|yellow|blue|overdue due:DAYS status:STATUS changed)";
    /// `warn:` with something else than the four colours.
    bad_warning(value: &str) =>
        "“{value}”不是预警类型（red 红、yellow 黄、blue 蓝、overdue 逾期）",
        "'{value}' is not a warning (red, yellow, blue, overdue)";
    /// `due:` with something else than a number of days.
    bad_days(value: &str) =>
        "“{value}”不是天数（如 due:14）", "'{value}' is not a number of days (e.g. due:14)";
    /// `key:` with nothing after it.
    empty_value(key: &str) => "“{key}:”后面缺少内容", "'{key}:' needs a value";
    /// A quote that is not closed.
    unclosed_quote(at: &str) => "引号没有闭合：{at}", "unclosed quote: {at}";
    /// A status the board does not have.
    unknown_status(value: &str, known: &str) =>
        "本看板没有状态“{value}”（可用：{known}）", "unknown status '{value}' (known: {known})";
    /// The CLI error around any of the above.
    bad_filter(expr: &str, why: &str) => "--filter “{expr}”：{why}", "--filter '{expr}': {why}";
    /// Deadline window in the header and the menu.
    due_within(days: u32) => "{days} 天内到期", "due within {days} days";
    /// The count of tasks shown with a quick filter on.
    shown(n: usize) => "显示 {n}", "{n} shown";
    /// Review: the schedule line.
    review_schedule(expected: &str, actual: &str, gap: &str) =>
        "序时进度 {expected}  实际 {actual}  {gap}", "expected {expected}  actual {actual}  {gap}";
    /// Review: the gap between expected and actual progress.
    review_behind(points: i64) => "落后 {points} 个百分点", "{points} points behind";
    review_ahead(points: i64) => "超前 {points} 个百分点", "{points} points ahead";
    /// Review: the partner units line.
    review_partners(units: &str) => "配合单位：{units}", "Partner units: {units}";
    /// Review: jumped to a warned task.
    jumped_to(n: u32, colour: &str) => "第 {n} 项：{colour}", "task {n}: {colour}";
    /// `牵头单位：区旧改办`.
    label_value(label: &str, value: &str) => "{label}：{value}", "{label}: {value}";
    /// A section title with its count: `佐证材料（3）`.
    counted(title: &str, n: usize) => "{title}（{n}）", "{title} ({n})";
    /// Switching to another board.
    switched_to(name: &str) => "已切换到看板 {name}", "switched to board {name}";
}

/// A warning kind as a filter shows it in the header and the menu.
pub fn warn_label(lang: Lang, w: WarnKind) -> &'static str {
    match (lang, w) {
        (Lang::Zh, WarnKind::Red) => "红",
        (Lang::Zh, WarnKind::Yellow) => "黄",
        (Lang::Zh, WarnKind::Blue) => "蓝",
        (Lang::Zh, WarnKind::Overdue) => "逾期",
        (Lang::En, WarnKind::Red) => "red",
        (Lang::En, WarnKind::Yellow) => "yellow",
        (Lang::En, WarnKind::Blue) => "blue",
        (Lang::En, WarnKind::Overdue) => "overdue",
    }
}

/// What the new actions do, for the help overlay and the hint bar (see `Action::words`).
pub fn action_words(a: Action) -> (&'static str, &'static str, &'static str, &'static str) {
    match a {
        Action::QuickFilter => (
            "按状态、预警、单位等快速筛选",
            "quick filters (status, warning, unit, due, changed)",
            "快筛",
            "filters",
        ),
        Action::ClearFilters => ("清除全部筛选", "clear every filter", "清筛", "clear"),
        Action::NextWarned => (
            "跳到下一项红色或黄色预警任务",
            "jump to the next red or yellow task",
            "下个预警",
            "next warned",
        ),
        Action::SwitchBoard => ("切换看板", "switch board", "看板", "boards"),
        _ => ("", "", "", ""),
    }
}
