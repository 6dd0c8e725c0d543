// strings-scan: data file — the words published lists use (table headers, issuing bodies)
//! The word lists of the importer: the header cells that name a table's columns and the
//! words an issuing body's name ends with.

use super::table::Col;

/// Header cells naming each column (a cell matches when it contains one).
pub(super) const HEADERS: &[(&[&str], Col)] = &[
    (&["序号", "编号", "序"], Col::Number),
    (
        &[
            "重点工作",
            "工作任务",
            "任务名称",
            "重点任务",
            "主要任务",
            "任务",
            "工作事项",
            "项目名称",
        ],
        Col::Task,
    ),
    (
        &[
            "具体内容",
            "工作举措",
            "主要措施",
            "工作措施",
            "具体措施",
            "推进措施",
            "任务内容",
            "工作内容",
            "具体任务",
            "主要内容",
        ],
        Col::Content,
    ),
    (
        &[
            "目标",
            "指标",
            "工作目标",
            "预期目标",
            "量化指标",
            "目标任务",
        ],
        Col::Goal,
    ),
    (&["类别", "领域", "板块", "分类", "类型"], Col::Group),
];

/// Words an issuing body's name ends with.
pub(super) const ISSUERS: &[&str] = &[
    "人民政府办公室",
    "人民政府",
    "政府办公室",
    "办公室",
    "委员会",
    "区委",
    "县委",
    "市委",
    "街道办事处",
    "办事处",
    "管委会",
    "管理委员会",
];
