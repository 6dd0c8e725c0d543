//! The names the model gives things: a task's place against its schedule, warnings, the
//! scopes of a review meeting. (Status names are board data, in `board.toml`.)

text! {
    class_behind => "欠进度", "behind schedule";
    class_on => "达进度", "on schedule";
    class_ahead => "超进度", "ahead of schedule";
    class_done => "已完成", "done";
    warning_red => "红色预警", "red";
    warning_yellow => "黄色预警", "yellow";
    warning_blue => "临期提醒", "due soon";
    scope_all => "全部任务", "all tasks";
    scope_changed => "上次例会以来有变化的任务", "tasks changed since the last review";
    scope_behind => "滞后的任务", "tasks behind";
    scope_overdue => "逾期的任务", "overdue tasks";
}

// What is wrong in a board file the model reads (through serde, as English text: the edge
// words a file's parse error in the user's language, see `strings::errors::toml_detail`).
message! {
    /// A date field that is not `YYYY-MM-DD`.
    not_a_date(text: &str, why: &str) =>
        "“{text}”不是 YYYY-MM-DD 格式的日期：{why}", "'{text}' is not a date YYYY-MM-DD: {why}";
    /// A status both done and behind.
    done_and_behind(key: &str) =>
        "状态“{key}”：done = true 与 role = \"behind\" 矛盾；一个状态只能是其中之一",
        "status '{key}': done = true but role = \"behind\"; a status is one or the other";
}
