//! What the commands print: answers, warnings, and the errors the command line finds itself.

message! {
    /// A hint under an error.
    hint(what: &str) => "  提示：{what}", "  hint: {what}";
    /// A date argument that is not a date.
    bad_date(given: &str) =>
        "“{given}”不是日期（请写 2023-10-12，或写 10-12 表示今年）",
        "'{given}' is not a date (write 2023-10-12, or 10-12 for this year)";
    /// The config names a default board that does not exist.
    no_configured_board(name: &str, dir: std::path::Display<'_>) =>
        "{dir} 没有看板“{name}”（配置中的 `board`）：`keywork boards` 列出已有看板，`keywork --board {name} init` 创建它",
        "no board '{name}' in {dir} (the config's `board`): `keywork boards` lists the boards, `keywork --board {name} init` creates it";
    /// The default board was created on first use.
    created_default(dir: std::path::Display<'_>, seed: &str) =>
        "keywork：已在 {dir} 用公开的任务清单（{seed}）新建看板",
        "keywork: created a new board in {dir} from the published task list ({seed})";
}

text! {
    not_a_terminal =>
        "看板需要在终端中打开；脚本中请用 `keywork status` 或 `keywork show N`",
        "the board needs a terminal; in scripts use `keywork status` or `keywork show N`";
    dumb_terminal =>
        "TERM=dumb 无法显示看板：请设置 TERM（如 TERM=xterm-256color），或用 `keywork status` / `keywork show N`",
        "TERM=dumb cannot show the board: set TERM (e.g. TERM=xterm-256color) or use `keywork status` / `keywork show N`";
}

message! {
    /// `sync --clone` fetched a board.
    cloned(dir: std::path::Display<'_>, tasks: usize, remote: &str) =>
        "看板 {dir}（{tasks} 项任务）取自 {remote}", "board {dir} ({tasks} tasks) from {remote}";
    /// `sync --setup` shared the board.
    shared(remote: &str) =>
        "看板已共享到 {remote}；其他单位用 `keywork --board 目录 sync --clone 远程仓库` 取得它",
        "board shared to {remote}; other offices fetch it with `keywork --board DIR sync --clone REMOTE`";
    /// git called the merge driver on a file that is not a board file.
    not_a_board_file(path: std::path::Display<'_>) =>
        "{path}：不是看板文件；keywork 合并驱动只合并 board.toml、tasks/N.toml 和 reviews/日期.toml",
        "{path}: not a board file; the keywork merge driver merges board.toml, tasks/N.toml and reviews/DATE.toml";
    note_deleted(id: &str, on: &str, first: &str) => "已删除佐证 {id}（{on}）：{first}", "note deleted {id} ({on}): {first}";
    to_put_back(id: &str) => "恢复：keywork restore-note {id}", "to put it back: keywork restore-note {id}";
    note_restored(id: &str, on: &str, first: &str) => "已恢复佐证 {id}（{on}）：{first}", "note restored {id} ({on}): {first}";
    note_moved(id: &str, to: &str) => "已移动佐证 {id} → {to}", "note moved {id} → {to}";
}

text! {
    sync_unfinished => "同步未完成，见上", "the sync did not finish, see above";
}

message! {
    /// A warning on stderr.
    warning(what: &str) => "keywork：注意：{what}", "keywork: warning: {what}";
    closing_refused(item: &str) =>
        "{item} 没有佐证材料：销号需要一条带出处的佐证（keywork note {item} 内容 --ref 出处）或 --reason 理由（require_evidence = true）",
        "{item} has no evidence: closing it needs a note with a reference (keywork note {item} TEXT --ref REF) or --reason TEXT (require_evidence = true)";
    closing_refused_in(item: &str, file: std::path::Display<'_>) =>
        "{item} 没有佐证材料：销号需要一条带出处的佐证（keywork note {item} 内容 --ref 出处）或 --reason 理由（{file} 中 require_evidence = true）",
        "{item} has no evidence: closing it needs a note with a reference (keywork note {item} TEXT --ref REF) or --reason TEXT (require_evidence = true in {file})";
    closed_unproven(item: &str) =>
        "{item} 无佐证销号（请用 --ref 添加带出处的佐证，或写明 --reason 理由）",
        "{item} closed without evidence (add a note with --ref, or give --reason TEXT)";
    unit_unlisted(typed: &str) =>
        "“{typed}”不在配置的单位列表中", "'{typed}' is not in the configured units";
    unit_unlisted_meant(typed: &str, meant: &str) =>
        "“{typed}”不在配置的单位列表中；是指 {meant} 吗？",
        "'{typed}' is not in the configured units; did you mean {meant}?";
    assigned(item: &str, lead: &str) => "{item} 牵头：{lead}", "{item} lead: {lead}";
    and_partners(partners: &str) => "；配合：{partners}", "; partners: {partners}";
    due_set(item: &str, date: &str) => "{item} 时间节点 {date}", "{item} due {date}";
    unit_filter(unit: &str) => "单位：{unit}", "unit: {unit}";
    task_file_missing(path: std::path::Display<'_>) =>
        "{path}：文件缺失；`keywork doctor` 会说明", "{path}: the file is missing; `keywork doctor` explains";
    task_files_missing(count: usize, last: u32, first: std::path::Display<'_>) =>
        "第 {last} 项以前缺少 {count} 个任务文件（第一个：{first}）；`keywork doctor` 会说明",
        "{count} task files below {last} are missing (the first: {first}); `keywork doctor` explains";
    task_out_of_range(path: std::path::Display<'_>, max: u32) =>
        "{path}：任务编号应在 1 到 {max} 之间；此文件被忽略（`keywork doctor` 会说明）",
        "{path}: task numbers run from 1 to {max}; the file is ignored (`keywork doctor` explains)";
}

text! {
    lead_needs_unit => "--lead 需要单位名称（如 --lead 区旧改办）", "--lead needs a unit name (e.g. --lead 区旧改办)";
    unit_needs_name => "--unit 需要单位名称（或其一部分，如 旧改办）", "--unit needs a unit name (or part of one, e.g. 旧改办)";
    unchanged_after => " (未变)", " (unchanged)";
}

/// Between the names of a list of units.
pub fn list_sep(lang: crate::strings::Lang) -> &'static str {
    match lang {
        crate::strings::Lang::Zh => "、",
        crate::strings::Lang::En => ", ",
    }
}

message! {
    status_unchanged(item: &str, status: &str) => "{item} {status} (状态未变)", "{item} {status} (unchanged)";
    stdin_unreadable(why: &str) => "无法从标准输入读取佐证：{why}", "cannot read the note from stdin: {why}";
    note_added(id: &str, item: &str) => "已添加佐证 {id} → {item}", "note added {id} → {item}";
    old_target_ref(given: &str, name: &str) =>
        "“{given}”容易误读为措施编号；指标编号现写作 {name}（旧写法本版仍可用）",
        "'{given}' reads as a measure; targets are now written {name} (the old form still works in this release)";
    cannot_import(file: std::path::Display<'_>, count: usize) =>
        "无法导入 {file}（{count} 处问题）：", "cannot import {file} ({count} problems):";
    cannot_import_one(file: std::path::Display<'_>) =>
        "无法导入 {file}（1 处问题）：", "cannot import {file} (1 problem):";
    imported(from: std::path::Display<'_>, to: std::path::Display<'_>, tasks: usize, measures: usize, targets: usize) =>
        "{from} → {to}：{tasks} 项任务、{measures} 项措施、{targets} 项指标",
        "{from} → {to}: {tasks} tasks, {measures} measures, {targets} targets";
    set_aside(lines: usize) => "{lines} 行未导入（用 --dry-run 查看）", "{lines} lines set aside (see them with --dry-run)";
    backed_up(path: std::path::Display<'_>) => "原看板已备份到 {path}", "the previous board was backed up to {path}";
    initialised(seed: &str, dir: std::path::Display<'_>, tasks: usize) =>
        "{seed} → {dir}：{tasks} 项任务", "{seed} → {dir}: {tasks} tasks";
    updated(from: std::path::Display<'_>, to: std::path::Display<'_>, matched: usize, added: usize) =>
        "{from} → {to}：对上 {matched} 项任务，新增 {added} 项",
        "{from} → {to}: {matched} tasks matched, {added} added";
    added_numbers(numbers: &str) => "（编号 {numbers}）", " (numbers {numbers})";
    renumbered(new: u32, old: u32) =>
        "新清单的第 {new} 项是看板上的第 {old} 项", "task {new} of the new list is task {old} on the board";
}

text! {
    dry_run => "（试运行：未写入任何内容）", "(dry run: nothing was written)";
}

message! {
    no_rows_for_unit(unit: &str) =>
        "本看板没有 {unit} 的任务或措施（请写全称，见 `keywork status --unit`）",
        "no task or measure of {unit} on this board (the full name, as `keywork status --unit` shows it)";
    /// Joins a second sentence to a first.
    then(more: &str) => "；{more}", "; {more}";
    cannot_build_form(why: &str) => "无法生成填报表：{why}", "cannot build the form: {why}";
    wrote_form(rows: usize, unit: &str, path: std::path::Display<'_>) =>
        "已将 {unit} 的 {rows} 行写入 {path}", "wrote {rows} rows for {unit} to {path}";
    at_sheet(file: std::path::Display<'_>, sheet: &str) => "{file}：工作表 {sheet}", "{file}: sheet {sheet}";
    at_row(file: std::path::Display<'_>, sheet: &str, row: u32) =>
        "{file}：工作表 {sheet} 第 {row} 行", "{file}: sheet {sheet}, row {row}";
    fix_rows_first(problems: &str) =>
        "未导入任何内容；请先改正这些行：\n{problems}", "nothing applied; fix these rows first:\n{problems}";
    applied(changes: usize, rows: usize) =>
        "从 {rows} 行中导入 {changes} 处修改（其余已在看板上）",
        "applied {changes} changes from {rows} rows (the rest already on the board)";
    applied_none(rows: usize) =>
        "从 {rows} 行中导入 0 处修改（全部已在看板上）",
        "applied 0 changes from {rows} rows (all already on the board)";
    bad_log_date(given: &str) =>
        "“{given}”不是日期：请写 YYYY-MM-DD（2023-10-05）或 MM-DD（10-05，今年）",
        "'{given}' is not a date: use YYYY-MM-DD (2023-10-05) or MM-DD (10-05, this year)";
    row_no_task(n: u32) => "本看板没有第 {n} 项任务", "task {n} is not on this board";
    row_no_target(id: &str) => "本看板没有指标 {id}", "target {id} is not on this board";
    row_target_only_value(id: &str) =>
        "指标 {id}：指标行只填“当前值”", "target {id}: only 当前值 is filled in on a target row";
    row_no_measure(id: &str) => "本看板没有措施 {id}", "measure {id} is not on this board";
    row_value_on_target_rows(item: &str) =>
        "{item}：“当前值”应填在指标行", "{item}: 当前值 belongs on the target rows";
    row_closing_needs_evidence(item: &str) =>
        "{item}：销号需要佐证材料：请填写“本期进展”或“佐证文号”",
        "{item}: closing needs evidence: fill in 本期进展 or 佐证文号";
    part_note(text: &str) => "佐证「{text}」", "note 「{text}」";
    part_reference(r: &str) => "文号 {r}", "reference {r}";
    part_status(name: &str) => "状态 → {name}", "status → {name}";
    part_value(v: &str) => "当前值 = {v}", "value = {v}";
    /// A remark on stderr that is not a warning.
    note_line(what: &str) => "keywork：{what}", "keywork: {what}";
    not_set_back(on: &str, to: &str, by: &str, now: &str, author: &str) =>
        "{on}：未改回 {to}：{author} 设置之后，{by} 已改为 {now}",
        "{on}: not set back to {to}: {by} changed it to {now} after {author} set it";
    not_closed_no_evidence(item: &str) =>
        "{item}：未销号：没有佐证材料（本期进展或佐证文号）",
        "{item}: not closed: no evidence (本期进展 or 佐证文号)";
}

text! {
    unit_needs_full_name => "--unit 需要单位名称（如 --unit 区旧改办）", "--unit needs a unit name (e.g. --unit 区旧改办)";
    form_needs_file => "填报表须写入文件：请用 -o 文件.xlsx", "a progress form goes to a file: use -o FILE.xlsx";
    no_filled_rows => "没有已填写的行：无需导入", "no filled rows: nothing to apply";
    dry_run_nothing_applied => "--dry-run：未导入任何内容", "--dry-run: nothing applied";
    row_no_unit => "填报表没有写明单位", "the form names no unit";
    row_not_an_item => "不是任务或措施", "not an item";
}

/// The date under the Word report's signature, in Chinese (`2023年10月12日`).
pub const ZH_SIGNATURE_DATE: &str = "%Y年%-m月%-d日";

message! {
    cannot_write_csv(why: &str) => "无法写出 CSV：{why}", "cannot write the CSV: {why}";
    cannot_build_xlsx(why: &str) => "无法生成 Excel 文件：{why}", "cannot build the Excel file: {why}";
    cannot_build_docx(why: &str) => "无法生成 Word 文件：{why}", "cannot build the Word file: {why}";
    exported(rows: usize, path: std::path::Display<'_>) => "已导出 {rows} 行到 {path}", "wrote {rows} rows to {path}";
    /// A report or a file was written.
    wrote(path: std::path::Display<'_>) => "已写入 {path}", "wrote {path}";
    no_midnight(date: &str) => "{date} 在显示时区中没有零点", "{date} has no midnight in the display time zone";
    no_boards_yet(dir: std::path::Display<'_>) => "还没有看板：{dir}", "no boards yet in {dir}";
    board_counts(tasks: usize, done: usize, notes: usize) =>
        "{tasks} 项任务 · 完成 {done} · 佐证 {notes}", "{tasks} tasks, {done} done, {notes} notes";
    last_change(at: &str) => "最近修改 {at}", "last change {at}";
}

text! {
    no_xlsx_to_terminal =>
        "不把 Excel 文件输出到终端：请用 -o 文件，或用管道",
        "refusing to write an Excel file to the terminal: use -o FILE, or pipe it";
    no_docx_to_terminal =>
        "不把 Word 文件输出到终端：请用 -o 文件（如 -o 周报.docx），或用管道",
        "refusing to write a Word file to the terminal: use -o FILE (e.g. -o 周报.docx), or pipe it";
    /// In the default name of an exported ledger: `keywork-台账-2023-10-08.xlsx`.
    ledger_file_word => "台账", "ledger";
    no_changes => "没有变更记录", "no changes";
}

/// `keywork config`: its labels (with the config key where there is one).
pub mod config {
    text! {
        file => "配置文件：", "config file:";
        board => "看板：", "board:";
        author => "修改人（author）：", "author:";
        lang => "语言（lang）：", "lang:";
        timezone => "时区（timezone）：", "timezone:";
        date_format => "日期格式（date_format）：", "date_format:";
        not_present => "（不存在：使用默认设置）", " (not present: defaults in use)";
        no_board_yet => "（还没有看板）", " (no board yet)";
    }
    message! {
        timezone_now(zone: &str, now: &str) => "{zone}（现在 {now}）", "{zone} (now {now})";
    }
}

message! {
    /// A server in UTC read in Chinese with `timezone = "local"` (only said in Chinese).
    utc_server(path: std::path::Display<'_>) =>
        "服务器时区为 UTC，显示的时间可能比北京时间慢 8 小时：请在配置文件（{path}）中写 timezone = \"+08:00\"",
        "the server's time zone is UTC: times may be 8 hours behind Beijing time; write timezone = \"+08:00\" in the config file ({path})";
}

message! {
    /// An error on stderr.
    error_line(what: &str) => "keywork：{what}", "keywork: {what}";
}

/// Between a filled form's reference and the form's file name, in the note's reference (data
/// that stays the same in both languages).
pub const REFERENCE_SEP: &str = "；";

message! {
    /// The default file of a unit's progress form.
    form_file_name(unit: &str) => "{unit}-进展填报.xlsx", "{unit}-进展填报.xlsx";
}
