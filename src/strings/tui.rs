//! The terminal screens: headers, panes, overlays, prompts, the review screen, the charts.
//! English uses ASCII punctuation; Chinese its full-width marks.

use std::io;

text! {
    /// Separator between units in a list (`区建管委、区房管局`).
    list_sep => "、", ", ";
    /// Separator between the parts of a clause.
    clause_sep => "，", ", ";
    /// Question of the discard dialog.
    discard_unsaved => "放弃尚未保存的内容？", "Discard the unsaved text?";
    /// Title of every yes/no dialog.
    confirm_title => "确认", "Confirm";
    /// A board column without tasks.
    empty_column => "（空）", "(empty)";
    /// Card: changed today.
    card_today => " 今天", " today";
    /// Card and tree: past the deadline.
    late => "逾期", "late";
    /// Card badge: red warning.
    badge_red => "红", "R";
    /// Card badge: yellow warning.
    badge_yellow => "黄", "Y";
    /// Card badge: due soon.
    badge_blue => "蓝", "B";
    /// Detail: the tree pane's title.
    tree_title => "措施与佐证", "Measures and evidence";
    /// Detail: the info pane's title.
    info_title => "内容 · 指标 · 变更", "Text · targets · changes";
    /// Detail: heading over a selected note.
    evidence_note => "佐证材料", "Evidence note";
    /// Detail: heading over the task's own text.
    task_text => "任务原文", "Task text";
    /// Heading over a task's targets.
    targets => "指标", "Targets";
    /// Detail: heading over the history.
    recent_changes => "最近变更", "Recent changes";
    /// Help overlay title.
    help_title => "按键帮助（Esc 关闭）", "Keys (Esc closes)";
    /// Help overlay: more below.
    help_scroll => " ▾ j/k 滚动 ", " ▾ j/k scroll ";
    /// Editor: the text field's title.
    editor_text => "正文（Enter 换行）", "Text (Enter: new line)";
    /// Editor: a note's second field.
    editor_reference => "文号 / 路径 / 链接（可选）", "Reference: document no., path or URL (optional)";
    /// Editor: a next step's or coordination item's second field.
    editor_owner_date =>
        "负责人 和 时间（可选，如：区旧改办 10-31）", "Owner and date (optional, e.g. Housing Office 10-31)";
    /// Review chooser: the line over the choices.
    review_goes_through => "本次例会审议：", "This meeting goes through:";
    /// Prompt: jump to a task.
    prompt_jump => "跳到任务：", "Go to task: ";
    /// Unit picker: choosing the lead unit.
    picker_lead => "牵头单位", "Lead unit";
    /// Unit picker: choosing partner units.
    picker_partners => "配合单位（再选一次即去掉）", "Partner units (pick again to remove)";
    /// Unit picker: the query line.
    picker_narrow => "输入筛选：", "Type to narrow: ";
    /// Unit picker: nothing matches yet.
    picker_empty => "（输入单位名称）", "(type a unit's name)";
    /// Review screen: no task to walk.
    review_empty =>
        "本次例会没有需要审议的任务：F 结束例会，Esc 返回看板",
        "No tasks in this review: F finishes it, Esc goes back to the board";
    /// Review header: the first meeting.
    first_review => "首次例会", "first review";
    /// Review header: the meeting is over.
    review_finished => " · 已结束", " · finished";
    /// Review: no change since the last meeting.
    no_changes => "（无变化）", "(no changes)";
    /// Review: the record pane's title.
    record_title => "本次例会记录", "This meeting's record";
    /// Review: a record field not written yet.
    not_filled => "（未填写）", "(none yet)";
    /// Review record: the conclusion.
    conclusion => "结论", "Conclusion";
    /// Review record: the next step.
    next_step => "下一步", "Next step";
    /// Review record: needs coordination.
    coordination => "需协调", "Coordination";
    /// Review record: the task was gone through.
    reviewed => "已审议", "reviewed";
    /// Review record: the task was not gone through yet.
    not_reviewed => "未审议（Enter 标记）", "not reviewed (Enter marks it)";
    /// Statistics overlay title.
    stats_title => "统计（Esc 关闭）", "Statistics (Esc closes)";
    /// Statistics: the chart of tasks per status.
    tasks_per_status => "各状态任务数", "Tasks per status";
    /// Statistics: the chart of schedule classes.
    against_schedule => "序时进度", "Against schedule";
    /// The board was started without a terminal.
    not_a_terminal =>
        "看板需要在终端中打开；脚本中请用 `keywork status` 或 `keywork show N`",
        "the board needs a terminal; in scripts use `keywork status` or `keywork show N`";
    /// TERM=dumb.
    dumb_terminal =>
        "TERM=dumb 无法显示看板：请设置 TERM（如 TERM=xterm-256color），或用 `keywork status` / `keywork show N`",
        "TERM=dumb cannot show the board: set TERM (e.g. TERM=xterm-256color) or use `keywork status` / `keywork show N`";
    /// The thread reading the board ended without an answer.
    board_read_stopped => "读取看板中断", "reading the board stopped";
    /// The sync thread ended without an answer.
    sync_stopped => "同步中断", "sync stopped";
    /// A sync was asked for while one runs.
    sync_running => "同步已在进行", "a sync is already running";
}

message! {
    /// The terminal failed.
    terminal_error(e: &io::Error) => "终端出错：{e}", "terminal: {e}";
    /// The window is below the minimum size.
    too_small(min_w: u16, min_h: u16, w: u16, h: u16) =>
        "窗口太小，请放大到至少 {min_w}x{min_h} (当前 {w}x{h})",
        "Please enlarge the window to at least {min_w}x{min_h} (now {w}x{h})";
    /// Asked before removing a target.
    remove_target_q(id: &str, label: &str) => "删除指标 {id} {label}？", "Remove target {id} {label}?";
    /// Asked before saving a value far from its target (short enough for 80 columns).
    implausible_value_q(name: &str, v: &str, goal: &str) =>
        "{name} 填 {v}，目标 {goal}，相差悬殊。保存？", "{name}: {v} vs target {goal}. Save?";
    /// Asked before deleting a note (its first words).
    remove_note_q(first: &str) =>
        "删除佐证“{first}”？（可撤销）", "Delete the note \"{first}\"? (undo restores it)";
    /// Asked before finishing a meeting with tasks left.
    finish_unreviewed_q(left: usize) =>
        "还有 {left} 项任务未审议，仍然结束例会？", "{left} tasks not reviewed yet. Finish anyway?";
    /// Board header: counts.
    board_counts(tasks: usize, done: usize, overdue: usize) =>
        "{tasks} 项 · 完成 {done} · 逾期 {overdue}", "{tasks} tasks · done {done} · overdue {overdue}";
    /// Board header: tasks with a schedule warning.
    board_warned(n: usize) => " · 预警 {n}", " · warnings {n}";
    /// Board header: the filter in effect and what it shows.
    board_filter(query: &str, shown: usize, rest: &str) =>
        "筛选「{query}」{shown} · {rest}", "filter \"{query}\" {shown} · {rest}";
    /// Card: evidence notes.
    card_notes(n: usize) => " 佐{n}", " n{n}";
    /// Card: days since the last change.
    card_days(days: i64) => " {days}天", " {days}d";
    /// Detail header: measures done and notes.
    detail_counts(done: usize, total: usize, notes: usize) =>
        "  措施 {done}/{total}  佐证 {notes}", "  measures {done}/{total}  notes {notes}";
    /// Detail tree: the targets node.
    targets_count(n: usize) => "指标（{n}）", "Targets ({n})";
    /// Detail tree: a note's reference after its first line.
    tree_reference(r: &str) => " 〔{r}〕", " [{r}]";
    /// Detail: a note's document number.
    note_reference(r: &str) => "文号：{r}", "ref: {r}";
    /// Detail: heading over a selected measure.
    measure_heading(id: &str) => "措施 {id}", "Measure {id}";
    /// Detail: the sparkline's label.
    weekly_done(done: u64, total: usize) =>
        "每周完成措施（{done}/{total}）", "Measures done per week ({done}/{total})";
    /// Detail: the lead units.
    lead_line(units: &str) => "牵头：{units}", "Lead: {units}";
    /// Detail: the partner units, after the lead.
    partners_line(units: &str) => "  配合：{units}", "  Partners: {units}";
    /// Detail: days to the deadline.
    days_left(days: i64) => "剩 {days} 天", "{days} days left";
    /// Detail: days past the deadline.
    overdue_by(days: i64) => "逾期 {days} 天", "overdue by {days} days";
    /// Detail: the deadline and how far it is.
    deadline_line(date: &str, left: &str) => "时间节点：{date}（{left}）", "Deadline: {date} ({left})";
    /// Detail: expected against actual progress.
    schedule_line(expected: &str, actual: &str, class: &str) =>
        "序时进度：预期 {expected}，实际 {actual} · {class}",
        "Schedule: expected {expected}, actual {actual} · {class}";
    /// Detail: progress of a task without a deadline.
    progress_no_deadline(actual: &str) =>
        "进度：{actual}（未设时间节点：按 d 设置）", "Progress: {actual} (no deadline: d sets one)";
    /// Detail: a target linked to its measure.
    target_of_measure(name: &str, label: &str, measure: &str) =>
        "{name} {label}（{measure}）", "{name} {label} ({measure})";
    /// Editor title: a new note.
    editor_new_note(item: &dyn std::fmt::Display) => "添加佐证材料 → {item}", "New evidence note → {item}";
    /// Editor title: editing a note.
    editor_edit_note(task: u32) => "编辑佐证材料 ({task})", "Edit evidence note ({task})";
    /// Editor title: a meeting's conclusion.
    editor_conclusion(task: u32) => "例会结论 → {task}", "Conclusion → {task}";
    /// Editor title: a next step.
    editor_next_step(task: u32) => "下一步 → {task}", "Next step → {task}";
    /// Editor title: needs coordination.
    editor_coordination(task: u32) => "需协调事项 → {task}", "Needs coordination → {task}";
    /// Review chooser title.
    review_start_title(date: &str) => "开始周例会 {date}", "Start the weekly review {date}";
    /// Review chooser: one choice and how many tasks it walks.
    scope_choice(mark: &str, words: &str, n: usize) => " {mark} {words}（{n}）", " {mark} {words} ({n})";
    /// Prompt: a deadline.
    prompt_deadline(item: &dyn std::fmt::Display) =>
        "{item} 时间节点（2023-12-31、12-31、年底、Q3；空=清除）：",
        "{item} deadline (2023-12-31, 12-31, end of year, Q3; empty clears): ";
    /// Prompt: a target's current value.
    prompt_value(name: &str) =>
        "{name} 当前值（如 120、7.4万；空=清除）：", "{name} current value (120, 74000; empty clears): ";
    /// Prompt: a new target.
    prompt_add_target(task: u32) =>
        "{task} 新增指标（名称 数值 单位）：", "{task} new target (label value unit): ";
    /// Prompt: why an item is closed without evidence.
    prompt_close_reason(item: &dyn std::fmt::Display) =>
        "{item} 无佐证销号的原因：", "{item} closed without evidence because: ";
    /// Filter line: how many tasks match.
    filter_count(n: usize) => "  {n} 项匹配  ", "  {n} match  ";
    /// Review header: the last meeting.
    last_review(at: &str) => "上次例会 {at}", "last review {at}";
    /// Review header: the meeting and its date.
    review_heading(date: &str) => "周例会 {date}  ", "Weekly review {date}  ";
    /// Review header: how far the meeting is.
    review_progress(n: usize, scope: &str, since: &str, state: &str) =>
        "  已审议 {n}  ·  {scope}  ·  {since}{state}", "  reviewed {n}  ·  {scope}  ·  {since}{state}";
    /// Review: the task's facts under its title.
    review_facts(done: usize, total: usize, notes: usize) =>
        " 措施完成 {done}/{total}  佐证 {notes}", " measures done {done}/{total}  notes {notes}";
    /// Review: the task's deadline.
    review_due(date: &str) => "  时间节点 {date}", "  due {date}";
    /// Review: the task's lead units.
    review_lead(units: &str) => "  牵头 {units}", "  lead {units}";
    /// Review: a note's first line after its change.
    change_note(first: &str) => "：{first}", ": {first}";
    /// Review: the changes pane's title.
    changes_since_title(n: usize) => "上次例会以来的变化（{n}）", "Changes since the last review ({n})";
    /// Review record: a field's label.
    field_label(label: &str) => "{label}：", "{label}: ";
    /// Review record: a text with its owner and date.
    with_owner(text: &str, who: &str) => "{text}（{who}）", "{text} ({who})";
    /// Statistics: a gauge's label with its percentage.
    gauge_label(label: &str, pct: &str) => " {label}（{pct}）", " {label} ({pct})";
    /// Statistics: tasks done.
    tasks_done(d: usize, t: usize) => "任务完成 {d}/{t}", "tasks done {d}/{t}";
    /// Statistics: measures done.
    measures_done(d: usize, t: usize) => "措施完成 {d}/{t}", "measures done {d}/{t}";
}
