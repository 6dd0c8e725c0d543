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
