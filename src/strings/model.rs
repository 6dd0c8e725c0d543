//! The names the model gives things: a task's place against its schedule, warnings, the
//! scopes of a review meeting. (Status names are board data, in `board.toml`.)

use crate::strings::Lang;

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
        "状态“{key}”：`done = true` 与 `role = \"behind\"` 矛盾；一个状态只能是其中之一",
        "status '{key}': done = true but role = \"behind\"; a status is one or the other";
}

text! {
    not_a_whole_number => "不是整数", "not a whole number";
    number_too_large => "数字太大", "the number is too large";
    number_empty => "没有填写数字", "no number given";
    number_zero => "不能为 0", "it must not be 0";
    /// A TOML file's text the parser could not read at the given position.
    toml_unreadable => "此处内容无效", "invalid text here";
}

/// Why a value typed on the command line was refused (the source of clap's
/// `ValueValidation` error), in `lang`: the standard library's number errors and the model's
/// errors are worded here; another reason is shown as it is.
pub fn value_refused(lang: Lang, why: &(dyn std::error::Error + 'static)) -> String {
    use crate::strings::errors::Voiced;
    use std::num::IntErrorKind;
    if let Some(e) = why.downcast_ref::<crate::model::ModelError>() {
        return e.say(lang);
    }
    if let Some(e) = why.downcast_ref::<std::num::ParseIntError>() {
        return match e.kind() {
            IntErrorKind::Empty => number_empty(lang),
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => number_too_large(lang),
            IntErrorKind::Zero => number_zero(lang),
            _ => not_a_whole_number(lang),
        }
        .to_string();
    }
    why.to_string()
}

// A TOML file's parse error, from the TOML parser or serde, both English only: the forms they
// write are worded here. Names in backticks are the file's own (keys, values) and stay.
text! {
    toml_expected => "应为", "expected";
    toml_one_of => "可用：", "expected one of";
    toml_separator => "，", ", ";
}

message! {
    toml_invalid_type(found: &str, expected: &str) =>
        "类型不对：这里是{found}，应为{expected}", "invalid type: {found}, expected {expected}";
    toml_invalid_value(found: &str, expected: &str) =>
        "值无效：{found}，应为{expected}", "invalid value: {found}, expected {expected}";
    toml_unknown_field(field: &str, known: &str) =>
        "未知的键 {field}（可用：{known}）", "unknown field {field}, expected one of {known}";
    toml_unknown_variant(value: &str, known: &str) =>
        "未知的取值 {value}（可用：{known}）", "unknown variant {value}, expected one of {known}";
    toml_missing_field(field: &str) => "缺少键 {field}", "missing field {field}";
    toml_duplicate(key: &str) => "键 {key} 重复", "duplicate key {key}";
    toml_not_a_date(text: &str) => "“{text}”不是 YYYY-MM-DD 格式的日期", "'{text}' is not a date YYYY-MM-DD";
}

/// The parser's words for what it found or wanted, in Chinese (`None`: not a known one).
fn toml_word_zh(w: &str) -> Option<String> {
    let known: &[(&str, &str)] = &[
        ("a string", "字符串"),
        ("a borrowed string", "字符串"),
        ("a boolean", "布尔值（true 或 false）"),
        ("a sequence", "数组"),
        ("an array", "数组"),
        ("a map", "表"),
        ("a table", "表"),
        ("an integer", "整数"),
        ("a number", "数字"),
        ("a date", "日期"),
        ("a character", "单个字符"),
        ("sequence", "数组"),
        ("map", "表"),
        ("unit value", "空值"),
        ("i8", "整数"),
        ("i16", "整数"),
        ("i32", "整数"),
        ("i64", "整数"),
        ("u8", "非负整数"),
        ("u16", "非负整数"),
        ("u32", "非负整数"),
        ("u64", "非负整数"),
        ("usize", "非负整数"),
        ("f32", "数字"),
        ("f64", "数字"),
        ("newline", "换行"),
        ("EOL", "行尾"),
    ];
    if let Some((_, zh)) = known.iter().find(|(en, _)| *en == w) {
        return Some((*zh).to_string());
    }
    let typed: &[(&str, &str)] = &[
        ("integer ", "整数 "),
        ("string ", "字符串 "),
        ("boolean ", "布尔值 "),
        ("floating point ", "小数 "),
        ("character ", "字符 "),
        ("struct ", "表 "),
    ];
    for (en, zh) in typed {
        if let Some(v) = w.strip_prefix(en) {
            return Some(format!("{zh}{v}"));
        }
    }
    // Tokens: `"`, `]`, `=`…
    (w.starts_with('`') && w.ends_with('`')).then(|| w.to_string())
}

/// The parser's own descriptions (toml_parser), in Chinese.
fn toml_description_zh(d: &str) -> Option<&'static str> {
    Some(match d {
        "invalid basic string" => "字符串无效（缺少结尾的引号？）",
        "invalid multi-line basic string" | "invalid multi-line literal string" => "多行字符串无效",
        "invalid literal string" | "invalid string" => "字符串无效",
        "unclosed array" | "unclosed array table" => "数组没有闭合",
        "unclosed table" => "表头没有闭合",
        "unclosed inline table" => "行内表没有闭合",
        "invalid key" | "invalid unquoted key" => "键无效",
        "unquoted keys cannot be empty" => "键不能为空",
        "invalid value" => "值无效",
        "missing value" | "missing value for key" => "缺少值",
        "invalid key-value pair" => "键值对无效",
        "missing assignment between key-value pairs" => "键值对之间缺少 =",
        "extra assignment between key-value pairs" => "键值对之间多了一个 =",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing comma between key-value pairs" => "键值对之间缺少逗号",
        "extra comma in array" | "extra comma in inline table" => "多了一个逗号",
        "missing opening quote" => "缺少开头的引号",
        "missing escaped value" => "转义字符后缺少内容",
        "invalid integer number"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number" => "整数无效",
        "invalid float" | "invalid fraction" | "invalid exponent" | "invalid mantissa" => {
            "小数无效"
        }
        "invalid date-time" => "日期时间无效",
        "invalid boolean" => "布尔值无效（应为 true 或 false）",
        "invalid comment character" => "注释中有无效字符",
        "invalid table" | "missing table open" => "表头无效",
        "invalid inline table element" | "missing key for inline table element" => {
            "行内表的元素无效"
        }
        "missing inline table opening" | "missing array opening" => "缺少开头的括号",
        "missing comment start" => "缺少注释开头的 #",
        "duplicate key" => "键重复",
        "value is missing" => "缺少值",
        _ => return None,
    })
}

/// A list the parser wrote (`` `a`, `b` ``), joined the Chinese way.
fn toml_list_zh(list: &str) -> String {
    list.split(", ").collect::<Vec<_>>().join("、")
}

/// A TOML parse error's reason in `lang`. Under `Lang::En` it is the parser's English as it
/// is; under `Lang::Zh` the known forms (the parser's descriptions, serde's type, field and
/// variant errors, the model's own checks) are worded in Chinese, and a form this function
/// does not know is not shown in English: [`toml_unreadable`] (the file and position are
/// named beside it).
pub fn toml_detail(lang: Lang, why: &str) -> String {
    if lang == Lang::En {
        return why.to_string();
    }
    toml_detail_zh(why).unwrap_or_else(|| toml_unreadable(lang).to_string())
}

fn toml_detail_zh(why: &str) -> Option<String> {
    let zh = Lang::Zh;
    let why = why.trim();
    if let Some(rest) = why.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(toml_invalid_type(
            zh,
            &toml_word_zh(found)?,
            &toml_word_zh(expected)?,
        ));
    }
    if let Some(rest) = why.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        let expected = toml_word_zh(expected).unwrap_or_else(|| expected.to_string());
        if !expected.is_ascii() || expected.starts_with('`') {
            return Some(toml_invalid_value(zh, &toml_word_zh(found)?, &expected));
        }
        return None;
    }
    for (prefix, say) in [
        (
            "unknown field ",
            toml_unknown_field as fn(Lang, &str, &str) -> String,
        ),
        ("unknown variant ", toml_unknown_variant),
    ] {
        if let Some(rest) = why.strip_prefix(prefix) {
            let (name, known) = rest.split_once(", expected ")?;
            let known = known.strip_prefix("one of ").unwrap_or(known);
            let known = known.replace(" or ", ", ");
            return Some(say(zh, name, &toml_list_zh(&known)));
        }
    }
    if let Some(field) = why.strip_prefix("missing field ") {
        return Some(toml_missing_field(zh, field));
    }
    if let Some(key) = why.strip_prefix("duplicate key: ") {
        return Some(toml_duplicate(zh, key));
    }
    if let Some(rest) = why.strip_prefix("status '") {
        let (key, _) = rest.split_once("': done = true but role")?;
        return Some(done_and_behind(zh, key));
    }
    if why.starts_with('\'') && why.contains("' is not a date YYYY-MM-DD: ") {
        let (text, _) = why[1..].split_once("' is not a date YYYY-MM-DD: ")?;
        return Some(toml_not_a_date(zh, text));
    }
    // The parser: "description, expected `x`, `y`".
    let (description, expected) = match why.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (why, None),
    };
    let mut said = toml_description_zh(description)?.to_string();
    if let Some(e) = expected {
        let words: Option<Vec<String>> = e.split(", ").map(toml_word_zh).collect();
        said.push_str(toml_separator(zh));
        said.push_str(toml_expected(zh));
        said.push(' ');
        said.push_str(&words?.join("、"));
    }
    Some(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_english_words(s: &str) -> bool {
        // Backticked names are the file's own; anything else ASCII-alphabetic of 3+ letters is a leak.
        let mut outside = String::new();
        let mut inside = false;
        for c in s.chars() {
            if c == '`' {
                inside = !inside;
            } else if !inside {
                outside.push(c);
            }
        }
        outside
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3 && !["true", "false", "YYYY"].contains(&w))
    }

    #[test]
    fn toml_errors_are_worded_in_chinese_and_kept_in_english() {
        let seen = [
            "invalid basic string, expected `\"`",
            "unclosed array, expected `]`",
            "invalid type: integer `5`, expected a string",
            "invalid type: string \"x\", expected u32",
            "missing field `title`",
            "unknown field `width`, expected one of `board`, `author`, `lang`",
            "unknown variant `frob`, expected `zh` or `en`",
            "duplicate key: `status`",
            "invalid key-value pair, expected `=`",
            "'2023-13-45' is not a date YYYY-MM-DD: input is out of range",
            "status 'x': done = true but role = \"behind\"; a status is one or the other",
            "something the parser may say one day",
        ];
        for why in seen {
            assert_eq!(toml_detail(Lang::En, why), why);
            let zh = toml_detail(Lang::Zh, why);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{why} → {zh}"
            );
            assert!(!has_english_words(&zh), "{why} → {zh}");
        }
        assert_eq!(
            toml_detail(Lang::Zh, "missing field `title`"),
            "缺少键 `title`"
        );
        assert_eq!(
            toml_detail(Lang::Zh, "unknown variant `frob`, expected `zh` or `en`"),
            "未知的取值 `frob`（可用：`zh`、`en`）"
        );
    }

    #[test]
    fn a_number_or_reference_refused_on_the_command_line_is_worded() {
        let e = "x".parse::<u32>().unwrap_err();
        assert_eq!(value_refused(Lang::Zh, &e), "不是整数");
        assert_eq!(value_refused(Lang::En, &e), "not a whole number");
        let e = "99999999999".parse::<u32>().unwrap_err();
        assert_eq!(value_refused(Lang::Zh, &e), "数字太大");
        let e = "x.y".parse::<crate::model::ItemRef>().unwrap_err();
        assert!(value_refused(Lang::Zh, &e).contains("“x.y”"));
    }
}

// The config's checks of the model's settings (statuses, schedule, timezone…).
message! {
    config_missing_key(key: &str) => "缺少键“{key}”", "missing key '{key}'";
    config_timezone(tz: &str) =>
        "时区“{tz}”无效：应为 \"local\"、\"UTC\" 或 \"+08:00\" 这样的偏移",
        "timezone '{tz}' is not \"local\", \"UTC\" or an offset like \"+08:00\"";
    config_empty_status(i: usize) =>
        "statuses[{i}]：状态的 key 和 name 不能为空", "statuses[{i}]: key and name must not be empty";
    config_status_twice(key: &str) =>
        "statuses：状态“{key}”出现了两次", "statuses: key '{key}' appears twice";
    config_date_format(fmt: &str) =>
        "date_format“{fmt}”不是有效的 strftime 格式", "date_format '{fmt}' is not a valid strftime format";
    config_board_name(board: &str) =>
        "board：“{board}”不是看板名称（字母、数字、- _ .，不含 /）",
        "board: '{board}' is not a board name (letters, digits, - _ ., no /)";
}

text! {
    config_too_few_statuses => "statuses：至少需要两个状态", "statuses: at least two statuses are needed";
    config_schedule =>
        "schedule：需要 0 <= yellow <= red 且 due_soon_days >= 0",
        "schedule: need 0 <= yellow <= red and due_soon_days >= 0";
    config_urge =>
        "urge：blue_within_days 和 red_after_yellow_days 不能小于 0",
        "urge: blue_within_days and red_after_yellow_days must be >= 0";
}

// What a task file or board.toml breaks (the store's checks when it loads them).
message! {
    broken_task_number(n: u32, max: u32) =>
        "任务编号 {n} 超出 1..={max}", "task number {n} is outside 1..={max}";
    broken_measure_twice(id: &str) =>
        "措施编号 {id} 出现两次；每条措施需要自己的编号", "measure id {id} appears twice; each measure needs its own id";
    broken_target_twice(id: &str) =>
        "指标编号 {id} 出现两次；每个指标需要自己的编号", "target id {id} appears twice; each target needs its own id";
    broken_target_on(target: &str, measure: &str) =>
        "指标 {target} 属于措施 {measure}，但任务中没有这条措施",
        "target {target} names measure {measure}, which the task does not have";
    broken_note_twice(id: &str) =>
        "佐证编号 {id} 出现两次；每条佐证需要自己的编号", "note id {id} appears twice; each note needs its own id";
    broken_note_on(note: &str, measure: &str) =>
        "佐证 {note} 记在措施 {measure} 上，但任务中没有这条措施",
        "note {note} is on measure {measure}, which the task does not have";
    broken_status_twice(key: &str) => "状态 {key} 出现两次", "status key {key} appears twice";
}

text! {
    broken_no_statuses =>
        "看板没有任何状态；至少需要一个 [[statuses]]", "the board has no statuses; it needs at least one [[statuses]]";
}
