//! What `status`, `status --warnings` and `show` print around the board's own text: column
//! headings, counts, section headings, the warning marks (`src/cli/output/`).

text! {
    /// Count of tasks past their deadline, in the status line under the title.
    overdue => "逾期", "overdue";
    /// Count of tasks a person changed in the last seven days.
    changed_this_week => "本周更新", "changed this week";
    /// `status` with a filter that leaves no task.
    no_such_tasks => "（没有这样的任务）", "(no such tasks)";
    /// `status --warnings` when no task has a warning.
    no_warnings => "（无预警）", "(no warnings)";
    /// Heading of the status column.
    col_status => "状态", "status";
    /// Heading of the measures-done column (`1/4`).
    col_measures => "措施", "done";
    /// Heading of the evidence-count column.
    col_notes => "佐证", "notes";
    /// Heading of the time-of-last-change column.
    col_updated => "更新", "updated";
    /// Heading of the warning column (红/黄/蓝).
    col_warning => "预警", "warn";
    /// Heading of the deadline column, and the word before a deadline.
    due => "时间节点", "due";
    /// Heading of the overdue-mark column.
    col_late => "逾期", "late";
    /// Heading of the lead-unit column, and the word before the lead units.
    lead => "牵头", "lead";
    /// Heading of the title column.
    col_task => "任务", "task";
    /// One-cell mark of a red warning.
    mark_red => "红", "R";
    /// One-cell mark of a yellow warning.
    mark_yellow => "黄", "Y";
    /// One-cell mark of a blue warning.
    mark_blue => "蓝", "B";
    /// Between the unit names of a list (the names are Chinese in either language).
    unit_separator => "、", "、";
    /// `show`: measures done out of all (`措施完成 1/4`).
    measures_done => "措施完成", "measures done";
    /// `show`: the evidence count.
    notes => "佐证", "notes";
    /// `show`: the leaders in charge.
    leader => "责任领导", "leader";
    /// `show`: heading of the measures.
    heading_measures => "措施", "Measures";
    /// `show`: heading of the targets.
    heading_targets => "指标", "Targets";
    /// `show`: heading of the last changes.
    heading_recent => "最近变更", "Recent changes";
}

message! {
    /// `status --warnings`: progress expected by now against progress made.
    expected_actual(expected: &str, actual: &str) =>
        "预期 {expected} 实际 {actual}", "expected {expected} actual {actual}";
    /// `status --warnings`: progress made, for a task without dates.
    actual_only(actual: &str) => "实际 {actual}", "actual {actual}";
    /// `show`: a note's document reference (`杨府发〔2023〕12号`), after its text.
    note_reference(reference: &str) => "  〔{reference}〕", "  〔{reference}〕";
    /// `show`: the measure a target belongs to, after the target.
    target_measure(measure: &str) => "（{measure}）", "（{measure}）";
    /// `show N` found no task to show (the board lost it while being read).
    no_such_task() => "看板上没有这项任务", "the board has no such task";
}
