//! Follow-through (督查督办): decisions (议定事项), extensions (延期), urging notices (催办) and
//! sources (来源), in the CLI, the review, the report and the notices.

text! {
    /// A decision still to be done.
    state_open => "未办结", "open";
    /// A decision done.
    state_done => "已办结", "done";
    /// A decision dropped.
    state_dropped => "已撤销", "dropped";
    /// `doctor`: how to fix a follow-up file.
    follow_fix => "修改该文件的对应行（议定事项、延期、催办、来源），或从 backups/ 或副本恢复",
        "fix the follow-up file (decisions, extensions, urging, source) by hand at that line, or restore it from a copy";
    /// A 批示 not yet reported back on.
    source_no_feedback => "未反馈", "not reported back";
    /// No decision matched the listing's filters.
    no_decisions => "没有议定事项", "no decisions";
    /// Nothing changed.
    unchanged => "未变", "unchanged";
    /// Short words of the urging levels.
    level_blue => "蓝", "blue";
    level_yellow => "黄", "yellow";
    level_red => "红", "red";
    /// Full names of the urging levels (on the notice).
    level_blue_full => "蓝色", "blue";
    level_yellow_full => "黄色", "yellow";
    level_red_full => "红色", "red";
    /// Made outside a review meeting (`keywork decide`).
    outside_meeting => "会外议定", "outside a meeting";
    /// Heading of the decisions in `show` and the report.
    decisions_heading => "议定事项", "Decisions";
    /// Report section: each meeting's decisions and their 办结率.
    report_decisions => "议定事项落实情况", "Decisions of the meetings";
    /// Report sub-section: the decisions still open.
    report_open => "未办结事项", "Open decisions";
    /// Report section: the extensions.
    report_extensions => "延期事项", "Extensions";
    /// Report section: counts by source.
    report_sources => "来源分布", "By source";
    /// Header of the table of meetings.
    rate_header => "| 会议 | 议定 | 办结 | 按期 | 逾期办结 | 撤销 | 未办结 | 办结率 |",
        "| Meeting | Made | Done | On time | Late | Dropped | Open | Done rate |";
    /// Header of the table of sources.
    source_header => "| 来源 | 任务 | 已完成 | 完成率 | 议定事项 | 办结 | 办结率 |",
        "| Source | Tasks | Done | Done rate | Decisions | Done | Done rate |";
    /// A task or decision without a source.
    no_source => "未标注", "not set";
    /// Heading of the source in `show`.
    source_label => "来源", "source";
    /// Review: the page of last meeting's decisions.
    review_last_title => "上次议定事项落实情况", "Last meeting's decisions";
    /// Review: keys of the decisions page.
    review_last_keys => "↑↓ 选择  d 办结  x 撤销  c 延续到本次  e 延期  Enter 开始逐项",
        "↑↓ select  d done  x drop  c carry over  e extend  Enter start";
    /// Review: no decision is open from the last meeting.
    review_last_none => "上次会议没有未办结的议定事项", "no open decision from the last meeting";
    /// Review: D on a task with no next step, coordination item or conclusion.
    review_nothing_to_decide => "本项没有下一步、需协调事项或结论可转为议定事项",
        "no next step, coordination item or conclusion to make a decision of";
    /// The deadline prompt, when the old deadline had passed.
    extension_hint => "原时间节点已过：如是延期，请写延期理由（回车记录为延期；留空回车为普通修改）",
        "the old deadline had passed: if this is an extension, give its reason (empty: a plain edit)";
    /// Review: D again on a task whose items are already decisions.
    review_already_made => "本项已转为议定事项", "already made into decisions";
    /// Detail: the owner unit of a decision.
    tree_unit => "责任单位", "owner unit";
    /// An extension without a reason.
    extension_needs_reason => "请写延期理由（Esc 取消，不作记录）", "give the extension's reason (Esc cancels, nothing is recorded)";
    /// A decision key pressed on a row that is not a decision.
    select_a_decision => "请先在树中选中一项议定事项", "select a decision in the tree first";
    /// A notice asks for no extra material (the 2024 rules against formalism).
    notice_light => "（反馈进展即可，无需另附照片等留痕材料。）",
        "(A short answer on progress is enough: no photos or other traces are needed.)";
}

message! {
    /// `label：value`.
    labelled(label: &str, value: &str) => "{label}：{value}", "{label}: {value}";
    /// Two clauses: `a；b`.
    joined(a: &str, b: &str) => "{a}；{b}", "{a}; {b}";
    /// A clause continued: `a，b`.
    then(a: &str, b: &str) => "{a}，{b}", "{a}, {b}";
    /// `a（b）`.
    paren(a: &str, b: &str) => "{a}（{b}）", "{a} ({b})";
    /// A change that could not be saved.
    not_saved(why: &str) => "未保存：{why}", "not saved: {why}";
    /// How many decisions on a task are open.
    open_decisions(n: usize) => "议定事项未办结 {n} 项", "{n} decisions open";
    /// The ledger's row of a meeting's 办结率 (`rest`: `ledger_rate_rest`).
    ledger_rate(made: usize, done: usize, rest: &str, pct: &str) =>
        "议定 {made} 项，办结 {done} 项{rest}；办结率 {pct}",
        "{made} decided, {done} done{rest}; done rate {pct}";
    /// The middle of `ledger_rate`.
    ledger_rate_rest(on_time: usize, late: usize, dropped: usize, open: usize) =>
        "（按期 {on_time}，逾期 {late}），撤销 {dropped} 项，未办结 {open} 项",
        " ({on_time} on time, {late} late), {dropped} dropped, {open} open";
    /// The prompt's label asking whether a change of a passed deadline is an extension.
    extension_question(item: &str, from: &str) => "{item} 原时间节点 {from} 已过，延期理由：",
        "{item} deadline {from} had passed; extension reason: ";
    /// `due D15-2 DATE` without `--extend`.
    decision_due_extends(id: &str) => "议定事项 {id} 的时限只能以延期方式调整：加 --extend --reason 理由",
        "the date of decision {id} moves only as an extension: add --extend --reason TEXT";
    /// `doctor`: a follow-up file of a task the board does not have.
    follow_orphan(path: std::path::Display<'_>) => "{path}：看板没有这项任务", "{path}: the board has no such task";
    /// `keywork decide`: recorded.
    decided(id: &str, on: &str) => "已记录议定事项 {id}（{on}）", "decision {id} recorded on {on}";
    /// A decision id the board does not have.
    no_decision(id: &str) => "没有议定事项 {id}", "no decision {id}";
    /// `keywork decision ID done|drop|open`.
    decision_now(id: &str, state: &str) => "{id} {state}", "{id} {state}";
    /// Its deadline.
    due_on(d: &str) => "时限 {d}", "due {d}";
    /// The meeting that made it.
    meeting_on(d: &str) => "{d} 例会", "review {d}";
    /// How long it has been open.
    age_days(n: i64) => "已 {n} 天", "{n} days old";
    /// Past its date.
    overdue_days(n: i64) => "逾期 {n} 天", "{n} days overdue";
    /// How often it was extended.
    extended_times(n: usize, days: i64) => "延期 {n} 次（共 {days} 天）", "extended {n}× ({days} days)";
    /// How often it was urged: count, latest level, latest date.
    urged(n: usize, level: &str, last: &str) => "催办 {n} 次（{level}），最近 {last}",
        "urged {n}× ({level}), last {last}";
    /// An extension recorded.
    extension_recorded(on: &str, from: &str, to: &str) =>
        "{on} 时间节点 {from} → {to}（延期，已记录；原时间节点保留）",
        "{on} deadline {from} → {to} (extension recorded; the original is kept)";
    /// One extension in `show` and the report.
    extension_line(on: &str, first: &str, now: &str, n: usize, days: i64) =>
        "{on} 原定 {first}，现为 {now}，延期 {n} 次，共 {days} 天",
        "{on} originally {first}, now {now}, extended {n}× by {days} days";
    /// Why and who approved, after an extension line.
    extension_why(reason: &str, by: &str) => "理由：{reason}；批准：{by}", "reason: {reason}; approved by {by}";
    /// A plain deadline edit after the deadline had passed.
    passed_deadline(on: &str, old: &str) =>
        "warning: {on} 的时间节点 {old} 已过。如是延期，请用 --extend --reason 记录（原时间节点会保留）",
        "warning: the deadline of {on} ({old}) had passed. If this is an extension, record it with --extend --reason (the original deadline is kept)";
    /// `keywork urge`: recorded and written.
    urge_recorded(id: &str, level: &str, md: std::path::Display<'_>, docx: std::path::Display<'_>) =>
        "已记录催办 {id}（{level}），督办通知单：{md}、{docx}",
        "urging notice {id} ({level}) recorded: {md}, {docx}";
    /// The file name of a notice, without extension.
    notice_stem(id: &str) => "督办通知单-{id}", "urging-notice-{id}";
    /// Title of the notice.
    notice_title(level: &str) => "督办通知单（{level}）", "Urging notice ({level})";
    notice_no(id: &str) => "编号：{id}", "No.: {id}";
    notice_to(unit: &str) => "致：{unit}", "To: {unit}";
    notice_item(what: &str) => "事项：{what}", "Item: {what}";
    notice_due(d: &str) => "时间节点：{d}", "Deadline: {d}";
    notice_overdue(since: &str, days: i64) => "已逾期 {days} 天（自 {since} 起）",
        "overdue by {days} days (since {since})";
    notice_behind(expected: i64, actual: i64, gap: i64) =>
        "序时进度 {expected}%，实际进度 {actual}%，滞后 {gap} 个百分点",
        "expected progress {expected}%, actual {actual}%: {gap} points behind";
    notice_due_soon(days: i64) => "距时间节点还有 {days} 天", "{days} days to the deadline";
    notice_previous(n: usize, last: &str) => "此前已催办 {n} 次，最近一次 {last}",
        "urged {n} times before, last on {last}";
    notice_expect(d: &str) => "请于 {d} 前办结，或报告进展及困难，并反馈督查室。",
        "Please finish it, or report progress and obstacles, by {d} and answer the supervision office.";
    notice_note(t: &str) => "备注：{t}", "Note: {t}";
    notice_from(by: &str, date: &str) => "督办人：{by}　{date}", "From: {by}, {date}";
    /// A decision as the notice names it.
    notice_decision(id: &str, text: &str) => "议定事项 {id}：{text}", "decision {id}: {text}";
    /// `keywork source`: set.
    source_set(on: &str, kind: &str) => "{on} 来源：{kind}", "{on} source: {kind}";
    /// An unknown source kind.
    unknown_source(kind: &str, known: &str) => "未知来源类别“{kind}”（可用：{known}）",
        "unknown source kind '{kind}' (known: {known})";
    /// The instruction of a 批示, in `show`.
    source_instruction(text: &str, by: &str, date: &str) => "批示：{text}（{by}，{date}）",
        "instruction: {text} ({by}, {date})";
    /// A 批示 reported back on.
    source_feedback(date: &str) => "已反馈 {date}", "reported back {date}";
    /// The status line by source.
    sources_line(list: &str) => "来源：{list}", "sources: {list}";
    /// One source in the status line.
    source_count(kind: &str, n: usize, done: usize) => "{kind} {n}（完成 {done}）", "{kind} {n} ({done} done)";
    /// Review: how many decisions of the last meeting are open.
    review_last_count(date: &str, open: usize, made: usize) =>
        "{date} 例会议定 {made} 项，未办结 {open} 项", "review {date}: {made} decided, {open} open";
    /// Review: what happened on the decision's task since the last meeting.
    review_since(n: usize) => "此后任务有 {n} 项变化", "{n} changes on its task since";
    /// Review: a decision carried over.
    review_carried(date: &str) => "延续到 {date} 例会", "carried over to the review of {date}";
    /// Review: the next step, conclusion or coordination item turned into a decision.
    review_made(id: &str) => "已转为议定事项 {id}", "made decision {id}";
    /// The board's `U`: recorded, and the directory the notice files went to.
    urge_written(id: &str, level: &str, dir: std::path::Display<'_>) =>
        "已记录催办 {id}（{level}），督办通知单（.md、.docx）写入 {dir}",
        "urging notice {id} ({level}) recorded, written (.md, .docx) to {dir}";
    /// Prompt: the level of an urging notice, with the rule's proposal.
    prompt_urge_level(on: &str, proposed: &str) => "催办 {on}，级别（蓝/黄/红，规则建议：{proposed}）：",
        "urge {on}: level (blue/yellow/red; the rule proposes {proposed}): ";
    /// Prompt: the note of an urging notice.
    prompt_urge_note(on: &str, level: &str) => "催办 {on}（{level}），备注（可留空）：",
        "urge {on} ({level}): note (optional): ";
    /// A level that is none of blue, yellow, red.
    bad_level(typed: &str) => "“{typed}”不是催办级别：请写 蓝、黄 或 红", "'{typed}' is no level: blue, yellow or red";
    /// Prompt: the kind of a source, with the known kinds.
    prompt_source_kind(on: &str, known: &str) => "{on} 来源（{known}）：", "{on} source ({known}): ";
    /// Prompt: the instruction of a 批示.
    prompt_source_text(on: &str) => "{on} 批示内容（可留空）：", "{on} instruction text (optional): ";
    /// Prompt: who gave the instruction.
    prompt_source_by(on: &str) => "{on} 批示人（可留空）：", "{on} instruction by (optional): ";
    /// Prompt: when it was given.
    prompt_source_date(on: &str) => "{on} 批示日期（可留空）：", "{on} instruction date (optional): ";
    /// Detail: the heading of a selected decision in the info pane.
    tree_decision_heading(id: &str, state: &str) => "议定事项 {id}（{state}）", "Decision {id} ({state})";
    /// Prompt: closing a decision as done, with an optional evidence note.
    prompt_decision_evidence(id: &str) => "{id} 办结，佐证（可留空）：", "{id} done; evidence (optional): ";
    /// Prompt: the new date of an extension (the old one shown).
    prompt_extend_to(id: &str, was: &str) => "{id} 延期至（原 {was}）：", "{id} extend to (was {was}): ";
    /// Prompt: the reason of an extension.
    prompt_extend_reason(id: &str, to: &str) => "{id} 延期至 {to}，理由：", "{id} extend to {to}; reason: ";
    /// Prompt: who approved an extension.
    prompt_extend_approver(id: &str, to: &str) => "{id} 延期至 {to}，批准人（可留空）：",
        "{id} extend to {to}; approved by (optional): ";
}

/// The short word of a level.
pub fn level(lang: crate::strings::Lang, w: crate::model::schedule::Warning) -> &'static str {
    use crate::model::schedule::Warning;
    match w {
        Warning::Blue => level_blue(lang),
        Warning::Yellow => level_yellow(lang),
        Warning::Red => level_red(lang),
    }
}

/// The full name of a level.
pub fn level_full(lang: crate::strings::Lang, w: crate::model::schedule::Warning) -> &'static str {
    use crate::model::schedule::Warning;
    match w {
        Warning::Blue => level_blue_full(lang),
        Warning::Yellow => level_yellow_full(lang),
        Warning::Red => level_red_full(lang),
    }
}

/// The word of a decision's state.
pub fn state(lang: crate::strings::Lang, s: crate::model::decision::DecisionState) -> &'static str {
    use crate::model::decision::DecisionState;
    match s {
        DecisionState::Open => state_open(lang),
        DecisionState::Done => state_done(lang),
        DecisionState::Dropped => state_dropped(lang),
    }
}
