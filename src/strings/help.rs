//! The command line's help (`keywork --help`, `keywork set --help`) and clap's own errors, in
//! both languages. The clap definitions in `cli` keep doc comments for developers; what a
//! person reads is set from [`HELP`] before parsing. A test checks that every subcommand and
//! every argument has its entry. (Over 500 lines: one table, three lines an entry.)

use crate::strings::Lang;
use clap::error::{ContextKind, ErrorKind};

/// `(key, 中文, English)`: the key is `""` for the program, `cmd` for a subcommand's summary,
/// `cmd.arg` for an argument of it, `arg` for an argument of every command (`board`, `help`).
pub const HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "区重点工作任务进度看板（终端）",
        "A terminal progress board for a district's annual key work tasks.",
    ),
    (
        "board",
        "看板：数据目录 boards/ 下的名称（见 `keywork boards`），或带 `/` 的目录（./board）。默认：配置中的 `board`（default）",
        "The board: a NAME in the data dir's boards/ (see `keywork boards`) or a DIR with a `/` (./board). Default: the config's `board` (\"default\").",
    ),
    (
        "author",
        "修改人（默认：KEYWORK_AUTHOR、配置中的 `author`、登录名）。用于 `log` 时：只列此人的修改",
        "Who makes the change (default: KEYWORK_AUTHOR, config `author`, the login name). With `log`: show only this person's changes.",
    ),
    ("help", "显示帮助", "Print help"),
    ("version", "显示版本", "Print version"),
    (
        "status",
        "各状态数量、逾期、本周变动；每项任务一行",
        "Counts per status, overdue, changed this week; one line per task.",
    ),
    (
        "status.json",
        "机器可读的输出（稳定格式）",
        "Machine-readable output (a stable contract).",
    ),
    (
        "status.filter",
        "只列符合筛选条件的任务（与看板的快速筛选相同）：unit:区旧改办 warn:red due:14 status:doing changed",
        "Only tasks passing a filter, as on the board: unit:区旧改办 warn:red due:14 status:doing changed.",
    ),
    (
        "review.filter",
        "只审议符合筛选条件的任务（同 `status --filter`）；只用于本次，不改变看板上记住的筛选",
        "Only tasks passing a filter (as `status --filter`); for this run only, the board's remembered filter stays.",
    ),
    (
        "report.filter",
        "只包含符合筛选条件的任务（同 `status --filter`）",
        "Only tasks passing a filter (as `status --filter`).",
    ),
    (
        "export.filter",
        "只导出符合筛选条件的任务（同 `status --filter`）",
        "Only tasks passing a filter (as `status --filter`).",
    ),
    (
        "status.unit",
        "只列此单位牵头或配合的任务（名称的一部分即可：旧改办）",
        "Only tasks this unit leads or partners in (part of a name is enough).",
    ),
    (
        "status.warnings",
        "只列有进度预警（红、黄、临期）或已逾期的任务",
        "Only tasks with a schedule warning (red, yellow, due soon) or overdue.",
    ),
    (
        "show",
        "以树形显示一项任务：措施、佐证、指标、历史",
        "One task as a tree: measures, notes, targets, history.",
    ),
    ("show.task", "任务编号", "Task number."),
    (
        "show.json",
        "机器可读的输出（稳定格式）",
        "Machine-readable output (a stable contract).",
    ),
    (
        "set",
        "修改任务（N）或措施（N.M）的状态",
        "Change the status of a task (N) or a measure (N.M).",
    ),
    (
        "set.item",
        "任务或措施：15 或 15.2",
        "Task or measure: 15 or 15.2.",
    ),
    (
        "set.status",
        "状态：中文名称、英文键（todo doing behind done）或列号",
        "Status: Chinese name, English key (todo doing behind done) or column number.",
    ),
    (
        "set.reason",
        "无佐证销号的理由（完成状态而没有带出处的佐证）；记入历史",
        "Why it is closed without evidence (a done status on an item without a note with a reference); recorded in its history.",
    ),
    (
        "note",
        "为任务或措施添加佐证材料",
        "Add an evidence note to a task or measure.",
    ),
    (
        "note.item",
        "任务或措施：15 或 15.2",
        "Task or measure: 15 or 15.2.",
    ),
    (
        "note.text",
        "佐证内容；“-” 表示从标准输入读取（保留多行）",
        "The note; \"-\" reads it from standard input (several lines kept).",
    ),
    (
        "note.reference",
        "出处：文号、路径或网址",
        "Reference: document number, path or URL.",
    ),
    (
        "attach",
        "附加佐证文件：在任务或措施（15、15.2）上新建一条佐证，或为已有佐证（其编号）添加文件。文件复制到看板的 files/ 中",
        "Attach evidence files: a new note on a task or measure (15, 15.2), or more files on an existing note (its id). The files are copied into the board's files/.",
    ),
    (
        "attach.on",
        "任务、措施（15、15.2）或已有佐证的编号",
        "Task, measure (15, 15.2) or the id of an existing note.",
    ),
    (
        "attach.files",
        "文件（普通文件；不接受符号链接）",
        "The files (regular files; symlinks are refused).",
    ),
    (
        "attach.note",
        "新佐证的内容（默认：文件名）",
        "Text of the new note (default: the file names).",
    ),
    (
        "attach.reference",
        "新佐证的出处：文号",
        "Reference of the new note: document number.",
    ),
    (
        "open",
        "显示佐证文件的存放位置（每行一个路径；不打开文件）",
        "Print where a note's files are kept (one path a line; nothing is opened).",
    ),
    (
        "open.note",
        "佐证编号，见 `show N`",
        "The note's id, as `show N` lists it.",
    ),
    (
        "rm-note",
        "删除误加的佐证（内容留在历史中；`restore-note` 可恢复）",
        "Delete a mistaken note (its text stays in the history; `restore-note` puts it back).",
    ),
    (
        "rm-note.id",
        "佐证编号，见 `show N` 方括号中",
        "The note's id, as `show N` lists it (in brackets).",
    ),
    (
        "restore-note",
        "从历史中恢复已删除的佐证（撤销 `rm-note`，重启后也可）",
        "Put a deleted note back from the history (undo of `rm-note`, also after a restart).",
    ),
    (
        "restore-note.id",
        "已删除佐证的编号，见 `log`",
        "The deleted note's id, as `log` lists it.",
    ),
    (
        "move-note",
        "把佐证移到另一任务（N）或措施（N.M）：一次删除加一次添加",
        "Move a note to another task (N) or measure (N.M): a deletion and an addition in one.",
    ),
    ("move-note.id", "佐证编号", "The note's id."),
    (
        "move-note.to",
        "移到哪里：16 或 16.2",
        "Where it goes: 16 or 16.2.",
    ),
    (
        "target",
        "更新指标的当前值（指标 N#K，见 `show N`）",
        "Update a target's current value (target N#K, as listed by `show N`).",
    ),
    (
        "target.id",
        "指标编号：15#3（旧写法 15.3 仍可用，会提示）",
        "Target id: 15#3 (the old form 15.3 still works, with a warning).",
    ),
    (
        "target.value",
        "当前值：120、7.4万、1,200",
        "Current value: 120, 74000, 1,200.",
    ),
    (
        "assign",
        "设置任务（N）或措施（N.M）的牵头单位和配合单位",
        "Set the lead and partner units of a task (N) or measure (N.M).",
    ),
    (
        "assign.item",
        "任务或措施：15 或 15.2",
        "Task or measure: 15 or 15.2.",
    ),
    (
        "assign.lead",
        "牵头单位：区旧改办（多个：区旧改办、区房管局）",
        "Lead unit(s); several separated by commas.",
    ),
    (
        "assign.partners",
        "配合单位；可重复此选项或并列书写：区房管局、街道",
        "Partner unit; repeat the option or list them separated by commas.",
    ),
    (
        "due",
        "设置任务（N）或措施（N.M）的时间节点",
        "Set the deadline of a task (N) or measure (N.M).",
    ),
    (
        "due.item",
        "任务或措施：15 或 15.2",
        "Task or measure: 15 or 15.2.",
    ),
    (
        "due.date",
        "2023-12-31、12-31（看板年份）、年底、Q1–Q4（一季度–四季度）或上半年",
        "2023-12-31, 12-31 (the board's year), 年底, Q1–Q4 (一季度–四季度) or 上半年.",
    ),
    ("due.clear", "清除时间节点", "Remove the deadline."),
    (
        "due.extend",
        "记为延期：保留原时间节点；也可用于议定事项（D15-2）",
        "Record the change as an extension: the original deadline is kept. Also for a decision (D15-2).",
    ),
    ("due.reason", "延期原因", "Why the extension was granted."),
    (
        "due.approved_by",
        "批准延期的人",
        "Who approved the extension.",
    ),
    (
        "decide",
        "记录任务或措施的议定事项（如常务会议定）",
        "Record a decision on a task or measure, e.g. from an executive meeting.",
    ),
    (
        "decide.item",
        "任务或措施：15 或 15.2",
        "Task or measure: 15 or 15.2.",
    ),
    ("decide.text", "议定的内容", "What was decided."),
    ("decide.unit", "责任单位", "The unit answerable for it."),
    (
        "decide.due",
        "完成时限（2024-12-31、12-31、年底、Q4 …）",
        "Its deadline (2024-12-31, 12-31, end of year, Q4 …).",
    ),
    (
        "decide.meeting",
        "作出该议定的例会（日期）",
        "The review meeting that made it (its date).",
    ),
    (
        "decide.source",
        "来源（常务会议、领导批示 …）",
        "Where it came from (an executive meeting, a leader's instruction …).",
    ),
    (
        "decisions",
        "议定事项，按任务列出",
        "The decisions, by task.",
    ),
    ("decisions.open", "只列未办结的", "Only the open ones."),
    (
        "decisions.unit",
        "只列此单位的（名称的一部分即可）",
        "Only this unit's (part of a name is enough).",
    ),
    (
        "decisions.json",
        "机器可读的输出（稳定格式）",
        "Machine-readable output (a stable contract).",
    ),
    (
        "decision",
        "议定事项办结（附佐证）、撤销，或重新打开",
        "Close a decision as done (with evidence) or dropped, or open it again.",
    ),
    ("decision.id", "编号：D15-2", "Its id: D15-2."),
    (
        "decision.action",
        "done（办结）、drop（撤销）或 open（重新打开）",
        "done, drop or open.",
    ),
    ("decision.note", "说明", "A note."),
    (
        "decision.evidence",
        "办结的佐证（文件、文号）",
        "What shows it was done (a file, a document number).",
    ),
    (
        "urge",
        "记录催办，并生成督办通知单（Markdown 与 Word）",
        "Record an urging notice and write it as Markdown and Word.",
    ),
    (
        "urge.item",
        "任务、措施或议定事项：15、15.2、D15-2",
        "Task, measure or decision: 15, 15.2, D15-2.",
    ),
    (
        "urge.level",
        "blue、yellow 或 red（默认：按 `[urge]` 规则）",
        "blue, yellow or red (default: what the `[urge]` rule proposes).",
    ),
    ("urge.note", "说明", "A note."),
    (
        "urge.expected",
        "要求完成的日期（默认：未到期的时间节点，否则 7 天后）",
        "What the notice expects by when (default: the deadline if still ahead, else in 7 days).",
    ),
    (
        "urge.dir",
        "通知单写入的目录（默认：当前目录）",
        "Where to write the notice files (default: the current directory).",
    ),
    (
        "source",
        "任务或议定事项的来源",
        "Where a task or decision came from.",
    ),
    (
        "source.item",
        "任务或议定事项：15、D15-2",
        "Task or decision: 15, D15-2.",
    ),
    (
        "source.kind",
        "政府工作报告、常务会议、领导批示、上级交办、人大建议/政协提案，或配置中的一种",
        "The kind of source: a government work report, an executive meeting, a leader's instruction, a task assigned from above, a deputies' proposal (by their Chinese names), or one of the config's.",
    ),
    ("source.text", "批示的内容", "For an instruction: its text."),
    ("source.by", "批示或交办人", "Who gave it."),
    ("source.date", "日期", "Its date."),
    ("source.feedback", "反馈日期", "When it was reported back."),
    (
        "log",
        "修改历史，最新的在前",
        "The history of changes, newest first.",
    ),
    ("log.task", "只看此任务", "Only this task."),
    (
        "log.since",
        "只看此日期及以后的修改（2023-10-01）",
        "Only changes on or after this date (2023-10-01).",
    ),
    (
        "log.limit",
        "最多列出这么多条",
        "At most this many changes.",
    ),
    (
        "log.json",
        "机器可读的输出（稳定格式）",
        "Machine-readable output (a stable contract).",
    ),
    (
        "review",
        "在终端中开周例会",
        "The weekly review meeting, in the terminal.",
    ),
    (
        "review.date",
        "会议日期（默认今天）；该日未完成的例会会继续",
        "The meeting's date (default: today); an unfinished review of that date resumes.",
    ),
    (
        "review.scope",
        "过哪些任务：all、changed、behind、overdue（默认开始时询问）",
        "Which tasks to walk: all, changed, behind, overdue (default: asked at the start).",
    ),
    (
        "report",
        "周报（Markdown 或 Word）：按时段或按一次周例会",
        "The weekly report (Markdown, or Word): by period or for one review meeting.",
    ),
    (
        "report.format",
        "md（默认）或 docx：公文格式（GB/T 9704）的 Word 文档",
        "md (default) or docx: a Word document in the official layout (GB/T 9704).",
    ),
    (
        "report.since",
        "此日期及以后的修改（默认：上次完成的例会以来，否则 7 天）",
        "Changes on or after this date (default: since the last finished review, else 7 days).",
    ),
    (
        "report.review",
        "此日期周例会的报告",
        "The report of the review meeting of this date.",
    ),
    (
        "report.output",
        "写入此文件，而不是标准输出",
        "Write to this file instead of standard output.",
    ),
    (
        "export",
        "导出台账（CSV 或 Excel），或某单位的进展填报表",
        "The ledger as CSV or Excel, or a unit's progress form.",
    ),
    ("export.format", "格式：csv 或 xlsx", "Format: csv or xlsx."),
    (
        "export.form",
        "供 --unit 填写后交回的进展填报表（`keywork collect`）",
        "A progress form for --unit to fill in and send back (`keywork collect`).",
    ),
    (
        "export.unit",
        "只含此单位的任务和措施（牵头或配合；全称）",
        "Only this unit's tasks and measures (as lead or partner; the full name).",
    ),
    (
        "export.output",
        "写入此文件（默认：CSV 写到标准输出，Excel 写到 keywork-台账.xlsx）",
        "Write to this file (default: standard output for CSV, keywork-ledger-DATE.xlsx for Excel).",
    ),
    (
        "export.level",
        "每项任务一行，或每项措施一行",
        "One row per task or per measure.",
    ),
    (
        "export.since",
        "进展情况列出此日期起添加的佐证（默认：周报的时段——上次例会以来，或最近七天）",
        "The progress column lists the evidence added from this date on (default: the weekly report's period — since the last meeting, or the last seven days).",
    ),
    (
        "init",
        "在看板目录（默认、--board 或 KEYWORK_BOARD，须尚无看板）中用内置的公开清单（2023）创建看板",
        "Create a board from the built-in published list (2023) in the board directory (default, --board or KEYWORK_BOARD), which must hold no board yet.",
    ),
    (
        "collect",
        "导入填好的进展填报表：佐证、状态、指标值",
        "Apply filled-in progress forms: notes, statuses, target values.",
    ),
    (
        "collect.files",
        "填好的表（.xlsx）",
        "The filled forms (.xlsx).",
    ),
    (
        "collect.dry_run",
        "只列出将要导入的内容，不写入",
        "Print what would be applied and stop.",
    ),
    (
        "import",
        "从公开的任务清单创建看板",
        "Create the board from a published task list.",
    ),
    (
        "import.file",
        "文本清单（UTF-8、GBK 或 UTF-16），或 Word（.docx）、Excel（.xlsx）文件",
        "A text list (UTF-8, GBK or UTF-16), or a Word (.docx) or Excel (.xlsx) file.",
    ),
    (
        "import.force",
        "替换已有看板（旧看板先备份）",
        "Replace an existing board (the old one is backed up first).",
    ),
    (
        "import.dry_run",
        "列出将要创建的内容和每一行被搁置的文字，不写入",
        "Print what would be created and every line set aside, and write nothing.",
    ),
    (
        "import.json",
        "与 --dry-run 同用：以 JSON 输出",
        "With --dry-run: print it as JSON.",
    ),
    (
        "import.level",
        "任务在第几级编号（1 = 文件中最外层）",
        "Which numbering level holds the tasks (1 = the outermost in the file).",
    ),
    (
        "import.update",
        "把修订后的清单并入现有看板：状态、佐证、历史和当前值保留；新清单没有的保留并列出",
        "Take a revised list into the existing board: statuses, notes, history and current values stay; what the new list lacks is kept and listed.",
    ),
    (
        "doctor",
        "检查看板，说明问题所在和解决办法",
        "Check the board and explain what is wrong and how to fix it.",
    ),
    (
        "doctor.fix",
        "删除可以安全删除的：中断写入留下的临时文件、缓存",
        "Remove what is safe to remove: temp files of interrupted writes, the cache.",
    ),
    (
        "sync",
        "通过 git 与其他单位共享看板：提交、拉取、合并、推送",
        "Share the board with other offices through git: commit, fetch, merge, push.",
    ),
    (
        "sync.setup",
        "把看板设为推送到 REMOTE 的 git 仓库（路径，或 git 能识别的网址，如 user@host:boards/district.git）；本地路径不存在时新建裸仓库",
        "Make this board a git repository that pushes to REMOTE (a path, or any URL git understands, e.g. user@host:boards/district.git); a missing local path becomes a new bare repository.",
    ),
    (
        "sync.clone",
        "从其他单位设置的 REMOTE 取得看板（放到 --board 目录，须新建或为空）",
        "Create the board (in --board DIR, new or empty) from REMOTE, set up by another office.",
    ),
    (
        "merge-driver",
        "看板文件的 git 合并驱动（由 `sync` 注册，git 调用）",
        "The git merge driver for board files (registered by `sync`; git calls it).",
    ),
    (
        "merge-driver.base",
        "共同祖先版本",
        "The common ancestor's version.",
    ),
    (
        "merge-driver.ours",
        "本地版本（合并结果写回这里）",
        "Our version (the merge is written here).",
    ),
    ("merge-driver.theirs", "对方版本", "Their version."),
    (
        "merge-driver.path",
        "文件在看板中的路径",
        "The file's path in the board.",
    ),
    (
        "config",
        "显示使用中的配置文件和看板路径",
        "Print the config and board paths in use.",
    ),
    (
        "boards",
        "数据目录中的看板：名称、标题、年份、数量、最近修改（* 为默认）",
        "The boards in the data dir: name, title, year, counts, last change (* the default).",
    ),
    (
        "boards.json",
        "机器可读的输出（稳定格式）",
        "Machine-readable output (a stable contract).",
    ),
    (
        "completions",
        "输出 shell 补全脚本",
        "Print shell completions.",
    ),
    ("completions.shell", "哪种 shell", "Which shell."),
    (
        "help.commands",
        "显示本帮助或某个命令的帮助",
        "Print this message or the help of the given subcommand(s)",
    ),
];

/// The entry for `key` in `lang`.
pub fn help(lang: Lang, key: &str) -> Option<&'static str> {
    HELP.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

text! {
    /// Under `keywork --help`: how to change the language.
    switch_language =>
        "语言：在配置文件中写 lang = \"zh\"（中文）或 lang = \"en\"（英文）；`keywork config` 显示配置文件的位置，环境变量 KEYWORK_CONFIG 可指定另一个配置文件。",
        "Language: write lang = \"en\" (English) or lang = \"zh\" (Chinese) in the config file; `keywork config` shows where it is, and the environment variable KEYWORK_CONFIG names another config file.";
    usage_heading => "用法：", "Usage: ";
    commands_heading => "命令", "Commands";
    arguments_heading => "参数", "Arguments";
    options_heading => "选项", "Options";
    more_help => "更多信息请用 --help。", "For more information, try '--help'.";
    bad_arguments => "参数有误", "bad arguments";
}

message! {
    unknown_argument(arg: &str) => "不认识的参数 {arg}", "unexpected argument '{arg}' found";
    unknown_command(cmd: &str) => "不认识的命令 {cmd}", "unrecognized subcommand '{cmd}'";
    invalid_value(arg: &str, value: &str) => "{arg} 的值“{value}”无效", "invalid value '{value}' for '{arg}'";
    possible_values(values: &str) => "可用的值：{values}", "possible values: {values}";
    value_invalid_because(arg: &str, value: &str, why: &str) =>
        "{arg} 的值“{value}”无效：{why}", "invalid value '{value}' for '{arg}': {why}";
    missing_argument(args: &str) => "缺少必需的参数：{args}", "the following required arguments were not provided: {args}";
    conflict(arg: &str, other: &str) => "{arg} 不能与 {other} 同用", "the argument '{arg}' cannot be used with '{other}'";
    missing_value(arg: &str) => "{arg} 需要一个值", "a value is required for '{arg}' but none was supplied";
    too_many(arg: &str) => "{arg} 多了一个值", "unexpected value for '{arg}'";
    clap_other(first: &str) => "参数有误：{first}", "{first}";
}

/// `cmd` with its help in `lang`: summaries, arguments, headings, and how to switch.
pub fn localize(mut cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.build();
    let cmd = cmd.after_help(switch_language(lang));
    walk(cmd, "", lang)
}

fn walk(mut cmd: clap::Command, name: &str, lang: Lang) -> clap::Command {
    let key = if name == "help" {
        "help.commands"
    } else {
        name
    };
    if let Some(about) = help(lang, key) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    if lang == Lang::Zh {
        cmd = cmd.subcommand_help_heading(commands_heading(lang));
        cmd = cmd.help_template(
            "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{name}.{id}");
        let text = help(lang, &key).or_else(|| help(lang, &id));
        cmd = cmd.mut_arg(&id, |a| {
            let a = match (lang, a.is_positional()) {
                (Lang::En, _) => a,
                (Lang::Zh, true) => a.help_heading(arguments_heading(lang)),
                (Lang::Zh, false) => a.help_heading(options_heading(lang)),
            };
            match text {
                Some(t) => a.help(t).long_help(None::<&str>),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| walk(s, &sub, lang));
    }
    cmd
}

/// One of clap's errors in `lang`: what is wrong, the usage, where to look.
pub fn clap_error(lang: Lang, e: &clap::Error) -> String {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let first = match e.kind() {
        ErrorKind::UnknownArgument => unknown_argument(lang, &arg),
        ErrorKind::InvalidSubcommand => unknown_command(lang, &get(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => missing_value(lang, &arg),
        ErrorKind::InvalidValue => {
            let mut s = invalid_value(lang, &arg, &value);
            let valid = get(ContextKind::ValidValue);
            if !valid.is_empty() {
                s.push_str(match lang {
                    Lang::Zh => "；",
                    Lang::En => "; ",
                });
                s.push_str(&possible_values(lang, &valid));
            }
            s
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| crate::strings::model::value_refused(lang, s))
                .unwrap_or_default();
            value_invalid_because(lang, &arg, &value, &why)
        }
        ErrorKind::MissingRequiredArgument => missing_argument(lang, &arg),
        ErrorKind::ArgumentConflict => conflict(lang, &arg, &get(ContextKind::PriorArg)),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => too_many(lang, &arg),
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string();
            clap_other(lang, &first)
        }
    };
    let prefix = match lang {
        Lang::Zh => "错误：",
        Lang::En => "error: ",
    };
    let mut s = format!("{prefix}{first}\n");
    if let Some(usage) = get_usage(e) {
        s.push_str(&format!("\n{}{usage}\n", usage_heading(lang)));
    }
    s.push_str(&format!("\n{}\n", more_help(lang)));
    s
}

/// The usage line clap put into the error, without its heading.
fn get_usage(e: &clap::Error) -> Option<String> {
    let rendered = e.render().to_string();
    rendered.lines().find_map(|l| {
        l.trim()
            .strip_prefix("Usage:")
            .map(|u| u.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(cmd: &clap::Command, name: &str, out: &mut Vec<String>) {
        out.push(name.to_string());
        for a in cmd.get_arguments() {
            let id = a.get_id().to_string();
            let key = format!("{name}.{id}");
            out.push(if HELP.iter().any(|(k, ..)| *k == key) {
                key
            } else {
                id
            });
        }
        for s in cmd.get_subcommands() {
            if s.get_name() != "help" {
                keys(s, s.get_name(), out);
            }
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
        cmd.build();
        let mut all = Vec::new();
        keys(&cmd, "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|k| help(Lang::Zh, k).is_none()).collect();
        assert!(
            missing.is_empty(),
            "help without an entry in strings::help: {missing:?}"
        );
        for (k, zh, en) in HELP {
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k}: {zh}"
            );
            assert!(!en.is_empty(), "{k}");
        }
    }

    #[test]
    fn the_help_follows_the_language_and_says_how_to_switch() {
        let mut zh = localize(
            <crate::cli::Cli as clap::CommandFactory>::command(),
            Lang::Zh,
        );
        let text = zh.render_help().to_string();
        assert!(text.contains("用法："), "{text}");
        assert!(text.contains("修改任务（N）或措施（N.M）的状态"), "{text}");
        assert!(text.contains("lang = \"en\""), "{text}");
        let mut en = localize(
            <crate::cli::Cli as clap::CommandFactory>::command(),
            Lang::En,
        );
        let text = en.render_help().to_string();
        assert!(text.contains("Change the status of a task"), "{text}");
        assert!(text.contains("lang = \"zh\""), "{text}");
    }
}
