//! What the app says in the hint bar and its editor: results of changes, the review meeting,
//! syncing, mistakes from the keyboard (`src/app`, `src/effects`).

text! {
    /// Setting a done status on an item without evidence.
    closing_needs_evidence =>
        "销号需要佐证：写明无佐证的原因并回车，或 Esc 后按 n 添加带文号的佐证",
        "closing needs evidence: give the reason and Enter, or Esc and n for a note with a reference";
    /// `e` with no note selected.
    select_note_first =>
        "请先在任务详情中选中一条佐证（Enter 打开任务）",
        "select a note in the task's detail first (Enter opens the task)";
    /// `x` with neither a note nor a target selected.
    select_note_or_target =>
        "请先在任务详情中选中一条佐证或一个指标",
        "select a note or a target in the task's detail first";
    nothing_to_undo => "没有可撤销的修改", "nothing to undo";
    nothing_to_redo => "没有可重做的修改", "nothing to redo";
    /// What a change was about, after its item: `15.2 佐证`.
    about_note => "佐证", "note";
    about_reviewed => "已审议", "reviewed";
    about_units => "责任单位", "units";
    /// A new target typed wrongly.
    add_target_format =>
        "请写：名称 数值 单位，如：签约户数 1200 户",
        "write: label value unit, e.g. households 1200 户";
    /// Closing without evidence and without a reason.
    give_reason => "请写明无佐证的原因", "give the reason";
    draft_restored =>
        "已恢复上次未保存的草稿：Ctrl-S 保存，Esc 放弃",
        "restored your unsaved draft: Ctrl-S saves, Esc discards";
    draft_discarded => "草稿已放弃", "draft discarded";
    note_empty => "佐证内容不能为空", "the note is empty";
    syncing => "正在同步…", "syncing…";
    review_finished =>
        "例会已结束：keywork report 生成周报",
        "review finished: keywork report writes the weekly report";
    review_resumed => "继续上次中断的例会", "resuming the interrupted review";
    review_already_finished =>
        "这次例会已结束：查看记录（keywork report --review 日期 生成周报）",
        "this review is finished: its record (keywork report --review DATE)";
    not_in_review => "本次例会没有这项任务", "that task is not in this review";
    last_task => "已是最后一项：F 结束例会", "this is the last task: F finishes the meeting";
    left_review => "已离开例会：按 R 从原处继续", "left the review: R resumes where it stopped";
    /// Between the items of a list in a message.
    list_separator => "、", "、";
    /// The editor's second field for a note.
    reference_field =>
        "文号 / 路径 / 链接（可选）",
        "Reference: document no., path or URL (optional)";
    /// The editor's second field for a next step or a coordination item.
    owner_due_field =>
        "负责人 和 时间（可选，如：区旧改办 10-31）",
        "Owner and date (optional, e.g. Housing Office 10-31)";
    /// Errors of a background sync.
    sync_running => "同步已在进行", "a sync is already running";
    sync_stopped => "同步意外中止", "sync stopped";
}

message! {
    /// An undo refused: someone changed the item since.
    not_undone(item: &str, by: &str) =>
        "{item} 已被 {by} 修改，未撤销（保留对方的修改）",
        "{item} was changed since by {by}: not undone, their change stays";
    /// A redo refused: someone changed the item since.
    not_redone(item: &str, by: &str) =>
        "{item} 已被 {by} 修改，未重做（保留对方的修改）",
        "{item} was changed since by {by}: not redone, their change stays";
    saved(what: &str) => "已保存 {what}", "saved {what}";
    undone(what: &str) => "已撤销： {what}", "undone: {what}";
    redone(what: &str) => "已重做： {what}", "redone: {what}";
    not_saved(why: &dyn std::fmt::Display) => "未保存： {why}", "not saved: {why}";
    /// Others' changes taken in: `15 (zhang)、3 (li)`.
    others_changed(tasks: &str) => "已载入他人的修改：任务 {tasks}", "changed by others: task {tasks}";
    /// Our change overridden by a newer one of someone else.
    overridden(what: &str) =>
        "你的修改已被他人覆盖：{what}（双方都记入了历史）",
        "your change was overridden: {what} (both are in the history)";
    /// A note's reference that has no brackets of its own.
    reference_in_brackets(r: &str) => " 〔{r}〕", " 〔{r}〕";
    /// The terminal does not decode UTF-8; the English part stays readable in any encoding.
    not_utf8(ascii: &str) => "终端不是 UTF-8：把客户端的编码设为 UTF-8，并 export LANG=zh_CN.UTF-8 | {ascii}", "{ascii}";
}
