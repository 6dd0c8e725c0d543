//! What the importer says about a list: problems with its lines, what an update kept.

message! {
    task_kept(number: u32, title: &str) =>
        "第 {number} 项任务“{title}”不在新清单中：原样保留",
        "task {number} \"{title}\" is not in the new list: kept as it is";
    measure_kept(id: &str, text: &str) =>
        "措施 {id}“{text}”不在新清单中：保留", "measure {id} \"{text}\" is not in the new list: kept";
    target_kept(id: &str, phrase: &str) =>
        "指标 {id}“{phrase}”不在新清单中：保留（它有已记录的值或是手工添加的）",
        "target {id} \"{phrase}\" is not in the new list: kept (it has a recorded value or was added by hand)";
    target_removed(id: &str, phrase: &str) =>
        "指标 {id}“{phrase}”不在新清单中且没有值：已删除",
        "target {id} \"{phrase}\" is not in the new list and had no value: removed";
}

message! {
    not_utf8_looks_like(line: usize, encoding: &str, command: &str) =>
        "文本不是 UTF-8 编码（从第 {line} 行起）；看来是 {encoding}。请转换为 UTF-8：{command}",
        "the text is not UTF-8 (from line {line}); it looks like {encoding}. Convert it to UTF-8: {command}";
    not_utf8_unknown(line: usize, command: &str) =>
        "文本不是 UTF-8 编码（从第 {line} 行起），也认不出是什么编码；请另存为 UTF-8（或转换：{command}）",
        "the text is not UTF-8 (from line {line}) and its encoding is not recognised; save it as UTF-8 (or convert it: {command})";
}
