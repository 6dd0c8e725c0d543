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

text! {
    /// Between the names of several things in one line (numbering levels).
    list_separator => "、", ", ";
    /// Between unit names: they are the list's (Chinese) data, so 、 in both languages.
    unit_separator => "、", "、";
}

message! {
    /// A numbering level named in a hint: place, sample marker, how many items.
    level_name(at: usize, sample: &str, items: usize) =>
        "{at} “{sample}”（{items} 项）", "{at} \"{sample}\" ({items} items)";
    /// Appended to a numbering error when the numbers repeat at several levels.
    level_hint(names: &str) =>
        "；编号在多个层级重复：请用 --level N 指定任务所在的层级（{names}）",
        "; numbering repeats at several levels: choose the task level with --level N ({names})";
    /// `s` is the English plural ending.
    no_such_level(asked: usize, count: usize, s: &str, names: &str) =>
        "--level {asked}：本清单只有 {count} 个编号层级（{names}）",
        "--level {asked}: this list has {count} numbering level{s} ({names})";
    undecodable(offset: usize, encoding: &str) =>
        "第 {offset} 字节处的文本无效：文件不是 UTF-8、UTF-16 或 GBK/GB18030 编码（按最接近的 {encoding} 读取，在此处出错）",
        "invalid text at byte {offset}: the file is not UTF-8, UTF-16 or GBK/GB18030 (read as {encoding}, the closest, it breaks there)";
    number_alone(text: &str) =>
        "“{text}”只有编号：其内容应在下一行", "\"{text}\" — a number alone; its text is expected on the next line";
    task_twice(number: u32, first: usize, hint: &str) =>
        "第 {number} 项任务出现两次（首次在第 {first} 行）{hint}",
        "task {number} appears twice (first on line {first}){hint}";
    task_backwards(number: u32, last: u32, hint: &str) =>
        "第 {number} 项任务排在第 {last} 项之后：编号应逐项递增{hint}",
        "task {number} comes after task {last}: numbers must go up{hint}";
    task_missing(number: u32, line: usize) =>
        "第 {line} 行之前缺少第 {number} 项任务", "task {number} is missing before line {line}";
    tasks_missing(from: u32, to: u32, line: usize) =>
        "第 {line} 行之前缺少第 {from}–{to} 项任务", "tasks {from}–{to} are missing before line {line}";
    row_out_of_order(number: u32, last: u32) =>
        "编号为 {number} 的行排在第 {last} 项任务之后：编号应依次为 1、2、3 …",
        "row numbered {number} follows task {last}: numbers must run 1, 2, 3 …";
    no_text_in_row(number: u32) =>
        "第 {number} 项任务所在的行没有内容", "task {number} has no text in its row";
    no_text_after_number(number: u32) =>
        "第 {number} 项任务的编号后没有内容", "task {number} has no text after its number";
    not_xlsx(why: &str) => "不是可读取的 .xlsx 文件：{why}", "not a readable .xlsx file: {why}";
    bad_sheet(name: &str, why: &str) => "工作表 {name}：{why}", "sheet {name}: {why}";
    not_docx(why: &str) => "不是可读取的 .docx 文件：{why}", "not a readable .docx file: {why}";
    bad_document(why: &str) => "word/document.xml 有误：{why}", "word/document.xml: {why}";
}

text! {
    no_tasks => "没有找到带编号的任务", "no numbered tasks found";
    task_zero => "任务编号为 0：编号从 1 开始", "task number 0: numbers start at 1";
    no_rows => "表格中没有带编号的行", "the table has no numbered rows";
    no_header_row =>
        "没有一张工作表在前 30 行中有表头行（序号、重点工作/工作任务、具体内容、牵头单位、完成时限 …）",
        "no sheet has a header row (序号, 重点工作/工作任务, 具体内容, 牵头单位, 完成时限 …) in its first 30 rows";
    no_document => "不是 Word 文档：缺少 word/document.xml", "not a Word document: word/document.xml is missing";
}

// Why a line was set aside.
text! {
    aside_page_footer => "页脚", "a page footer";
    aside_running_header => "每页重复的页眉", "a running header repeated on each page";
    aside_stray_number =>
        "单独成行的编号不按顺序或与已有任务重复（页码？）",
        "a number alone out of sequence or written again as a task (a page number?)";
    aside_numbered_before => "第一项任务之前的编号条目", "a numbered item before the first task";
    aside_owner_before => "第一项任务之前的责任单位行", "an owner line before the first task";
    aside_text_before =>
        "分组标题下、第一项任务之前的文字", "text under a section heading, before its first task";
    aside_attachment => "附件标注", "an attachment label";
    aside_outside_table => "在表格各行之外", "outside the table's rows";
    aside_header_repeated => "换页后重复的表头", "the table header repeated on a new page";
}

message! {
    aside_task_deadline(n: u32) =>
        "第 {n} 项任务的时间节点不是日期：未设置", "the deadline of task {n} is not a date; it is left unset";
    aside_measure_deadline(id: &str) =>
        "措施 {id} 的时间节点不是日期：未设置", "the deadline of measure {id} is not a date; it is left unset";
}

// `import --dry-run`: what the import would create.
message! {
    dry_title(v: &str) => "标题：    {v}", "title:       {v}";
    dry_issuer(v: &str) => "发文单位：{v}", "issuer:      {v}";
    dry_number(v: &str) => "文号：    {v}", "number:      {v}";
    dry_issued(v: &str) => "印发日期：{v}", "issued:      {v}";
    dry_description(v: &str) => "说明：    {v}", "description: {v}";
    dry_description_more(v: &str) => "          {v}", "             {v}";
    dry_levels(v: &str) => "编号层级：{v}", "levels:      {v}";
    dry_encoding(v: &str) => "编码：    {v}", "encoding:    {v}";
    /// One level: place, sample, count, role; `again` is [`dry_renumbered`] or empty.
    dry_level(at: usize, sample: &str, items: usize, role: &str, again: &str) =>
        "{at} “{sample}” ×{items} → {role}{again}", "{at} \"{sample}\" ×{items} → {role}{again}";
    dry_lead(units: &str) => "牵头单位 {units}", "lead {units}";
    dry_partners(units: &str) => "配合单位 {units}", "partners {units}";
    dry_leader(names: &str) => "责任领导 {names}", "leader {names}";
    dry_due(date: &str) => "时间节点 {date}", "due {date}";
    /// The owners of an item after its text.
    dry_owners(parts: &str) => "  【{parts}】", "  [{parts}]";
    /// A target: id, label, value, unit, then [`dry_qualifier`] and [`dry_on`] or empty.
    dry_target(id: &str, label: &str, value: &str, unit: &str, q: &str, on: &str) =>
        "   ◎ {id} {label}：{value} {unit}{q}{on}", "   ◎ {id} {label}: {value} {unit}{q}{on}";
    /// A target measured on a measure.
    dry_on(id: &str) => "（见措施 {id}）", " (on {id})";
    dry_qualifier(q: &str) => "（{q}）", " ({q})";
    dry_aside_line(line: usize, text: &str, reason: &str) =>
        "  第 {line} 行：“{text}”——{reason}", "  line {line}: \"{text}\" — {reason}";
    dry_totals(tasks: usize, measures: usize, targets: usize, owners: usize, deadlines: usize, aside: usize) =>
        "共 {tasks} 项任务、{measures} 条措施、{targets} 个指标；{owners} 项有责任单位，{deadlines} 项有时间节点；{aside} 行未导入",
        "{tasks} tasks, {measures} measures, {targets} targets; {owners} items with owners, {deadlines} with deadlines; {aside} lines set aside";
}

text! {
    dry_renumbered => "（各组内编号重新开始：已重排为 1..N）", " (numbers restart in each group: renumbered 1..N)";
    dry_set_aside => "未导入的行：", "set aside:";
    /// Between the parts of an item's owners.
    dry_parts_separator => "；", "; ";
    role_groups => "分组", "groups";
    role_tasks => "任务", "tasks";
    role_measures => "措施", "measures";
}
