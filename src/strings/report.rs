//! The weekly report, the ledger and the progress form: headings, labels, sentences.

use crate::strings::Lang;

text! {
    /// Between a label and its value (`- 状态：推进中`).
    field_sep => "：", ": ";
    /// Between the parts of a clause.
    clause_sep => "，", ", ";
    /// Between units or task numbers in a list.
    list_sep => "、", ", ";
    /// The end of the period line when no review is quoted.
    period_end => "。", ".";
    /// Summary heading.
    summary_heading => "## 概况", "## Summary";
    /// Summary: measures done.
    measures_done => "措施完成", "Measures done";
    /// Summary and task: where tasks stand against their schedule.
    schedule => "序时进度", "Schedule";
    /// Summary: no warning.
    none => "无", "none";
    /// Summary: schedule warnings.
    warnings => "预警", "Warnings";
    /// Summary: the review is still going on.
    in_progress => "（进行中）", " (in progress)";
    /// Summary: status changes.
    status_changes => "状态调整", "status";
    /// Summary: notes added.
    notes_added => "新增佐证", "notes added";
    /// Summary: target values updated.
    targets_updated => "指标更新", "targets";
    /// Summary: other changes.
    other_changes => "其他", "other";
    /// Summary: nothing overdue.
    overdue_none => "- 逾期：无", "- Overdue: none";
    /// Needs-coordination heading.
    coordination_heading => "## 需协调事项", "## Needs coordination";
    /// No needs-coordination item in the review.
    coordination_none => "无。", "None.";
    /// No review in the period.
    no_review => "本期无周例会记录。", "No review meeting in this period.";
    /// Heading of the tasks that changed.
    progress_heading => "## 本期推进情况", "## Progress this period";
    /// No task changed.
    no_changes => "本期无变化。", "No changes in this period.";
    /// Task: its status.
    status => "状态", "Status";
    /// Closed without evidence (销号 without 佐证材料).
    closed_without_evidence => "无佐证销号", "closed without evidence";
    /// The references of a measure's notes.
    evidence => "佐证", "evidence";
    /// Task: the section headings of an imported list.
    section => "板块", "Section";
    /// Task: measures done.
    progress_measures => "进度（措施完成）", "Progress (measures done)";
    /// Task: lead units.
    lead => "牵头单位", "Lead";
    /// Task: deadline.
    due => "时间节点", "Due";
    /// Task: past its deadline.
    overdue_mark => "，已逾期", ", overdue";
    /// Task: measures whose status changed.
    measures_changed => "本期措施调整", "Measures changed";
    /// Task: targets.
    targets => "指标", "Targets";
    /// A note's reference.
    note_ref => "出处", "ref";
    /// Review: next step.
    next_step => "下一步", "Next step";
    /// Review: needs coordination.
    needs_coordination => "需协调", "Needs coordination";
    /// Review: who answers for a step.
    owner => "责任人", "owner";
    /// Review: by when.
    due_by => "完成时限", "due";
    /// Heading of the tasks without changes.
    other_tasks_heading => "## 其他任务（本期无变化）", "## Other tasks (no changes this period)";
    /// Header row of the table of other tasks.
    other_tasks_header =>
        "| 序号 | 任务 | 状态 | 措施完成 | 最近更新 |", "| # | Task | Status | Measures done | Last change |";
}

message! {
    /// Report title.
    weekly_title(title: &str, from: &str, to: &str) =>
        "# {title} 周报（{from} 至 {to}）", "# {title} weekly report ({from} to {to})";
    /// Period: everything up to a time.
    period_up_to(to: &str) => "统计区间：截至 {to}", "Period: up to {to}";
    /// Period: from a time (included) to another.
    period_from(from: &str, to: &str) => "统计区间：{from} 起至 {to}", "Period: from {from} to {to}";
    /// Period: after a time (excluded) to another.
    period_after(from: &str, to: &str) => "统计区间：{from} 之后至 {to}", "Period: after {from} to {to}";
    /// Where the conclusions come from.
    conclusions_from(day: &str) =>
        "；例会结论取自 {day} 周例会。", "; conclusions from the review meeting of {day}.";
    /// Summary: tasks per status.
    tasks_line(n: usize, counts: &str) => "- 任务：共 {n} 项；{counts}", "- Tasks: {n}; {counts}";
    /// Summary: one warning colour and its tasks.
    warning_tasks(words: &str, n: usize, plural: &str, tasks: &str) =>
        "{words} {n} 项（任务 {tasks}）", "{words} {n} (task{plural} {tasks})";
    /// Summary: the review meeting.
    review_line(date: &str, done: usize, all: usize, going: &str) =>
        "- 周例会：{date}，已过会 {done}/{all} 项{going}",
        "- Review meeting: {date}, {done}/{all} tasks reviewed{going}";
    /// Summary: changes in the period.
    changes_line(n: usize, tasks: usize, detail: &str) =>
        "- 本期变更：{n} 项，涉及 {tasks} 项任务{detail}", "- Changes this period: {n} in {tasks} tasks{detail}";
    /// Summary: overdue tasks.
    overdue_line(n: usize, tasks: &str) => "- 逾期：{n} 项（任务 {tasks}）", "- Overdue: {n} (tasks {tasks})";
    /// A parenthesis after a value.
    paren(s: &str) => "（{s}）", " ({s})";
    /// Task: how its status moved in the period.
    status_moved(now: &str, from: &str) =>
        "{now}（本期由 {from} 调整）", "{now} (changed this period from {from})";
    /// Task: expected against actual progress.
    expected_actual(e: &str, a: &str) => "（预期 {e}，实际 {a}）", " (expected {e}, actual {a})";
    /// Task: a schedule warning.
    warning_mark(w: &str) => "，{w}", ", warning: {w}";
    /// Task: a target's value before the period.
    target_was(from: &str) => "（本期由 {from} 更新）", " (updated this period from {from})";
    /// Task: the notes of the period.
    evidence_added(n: usize) => "- 本期佐证（{n} 条）：", "- Evidence added ({n}):";
    /// Task: the review's conclusion.
    conclusion(date: &str) => "例会结论（{date}）", "Review conclusion ({date})";
}

/// The ledger's (台账) column headers, in order.
pub fn ledger_headers(lang: Lang) -> Vec<&'static str> {
    const COLUMNS: [(&str, &str); 12] = [
        ("序号", "No."),
        ("任务", "Task"),
        ("具体举措", "Measures"),
        ("牵头单位", "Lead unit"),
        ("配合单位", "Partner units"),
        ("时间节点", "Deadline"),
        ("状态", "Status"),
        ("进展情况", "Progress"),
        ("佐证材料", "Evidence"),
        ("指标", "Targets"),
        ("更新时间", "Updated"),
        ("更新人", "Updated by"),
    ];
    COLUMNS
        .iter()
        .map(|(zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
        .collect()
}

text! {
    /// The ledger's sheet name.
    ledger_sheet => "台账", "Ledger";
    /// Ledger evidence cell of an item closed without evidence.
    ledger_no_evidence => "无（无佐证销号）", "none (closed without evidence)";
}

message! {
    /// Ledger progress cell: why an item was closed without evidence.
    ledger_closed_reason(date: &str, reason: &str) =>
        "{date} 无佐证销号：{reason}", "{date} closed without evidence: {reason}";
    /// Ledger progress cell on a task's row: a note on one of its measures.
    ledger_note_on(date: &str, on: &str, body: &str) => "{date}（{on}）{body}", "{date} ({on}) {body}";
    /// Ledger targets cell: one target.
    ledger_target(label: &str, progress: &str) => "{label}：{progress}", "{label}: {progress}";
}

/// The Excel ledger's columns after the ledger's own.
pub fn ledger_extra_headers(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["措施完成率", "指标完成率", "序时进度", "已完成措施"],
        Lang::En => ["Measures done %", "Targets %", "Schedule", "Measures done"],
    }
}

text! {
    /// Excel's date format for deadlines.
    excel_date_format => r#"yyyy"年"m"月"d"日""#, "yyyy-mm-dd";
    /// The printed page's footer (Excel codes: &C centre, &P page, &N pages).
    page_footer => "&C第 &P 页 共 &N 页", "&CPage &P of &N";
}

message! {
    /// The Excel ledger's title row.
    ledger_title(name: &str, y: i32, m: u32, d: u32, date: &str) =>
        "{name}推进台账（截至{y}年{m}月{d}日）", "{name} ledger (as of {date})";
}

message! {
    /// A first-level heading of the Word report (`一、概况` / `1. Summary`).
    docx_first_level(zh_n: &str, n: usize, text: &str) => "{zh_n}、{text}", "{n}. {text}";
    /// A second-level heading of the Word report (`（一）…` / `(1) …`).
    docx_second_level(zh_n: &str, n: usize, text: &str) => "（{zh_n}）{text}", "({n}) {text}";
}

message! {
    /// A filled form that cannot be read at all.
    form_unreadable(why: &str) => "无法读取：{why}", "cannot read it: {why}";
    /// A form row with an item id keywork does not know.
    form_unknown_item(key: &str) => "未知的事项 {key:?}", "unknown item {key:?}";
    /// A current value that is not a number.
    form_not_a_number(value: &str) => "当前值不是数字：{value:?}", "当前值 is not a number: {value:?}";
}

text! {
    /// Something typed below or beside the form's rows.
    form_not_a_row => "填写的内容不在表格的事项行中", "filled in, but not a row of the form";
    /// A row of a form made from another board.
    form_other_board => "此表由另一个看板生成", "the form was made from another board";
    /// A row whose locked cells were edited.
    form_locked_changed => "锁定的单元格被修改过", "locked cells were changed";
    /// A workbook without the form's sheet.
    form_not_a_form => "不是 keywork 进展填报表", "not a keywork progress form (进展填报)";
}
