// strings-scan: data file — the words target extraction recognises in a task's text
//! The word lists of target extraction: units, qualifiers, stops, verbs and connectives.

/// Units a quantity may end in; matched longest first.
pub const UNITS: &[&str] = &[
    "个百分点",
    "微克/立方米",
    "个点位",
    "平方公里",
    "标准箱",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "公斤",
    "千克",
    "课时",
    "场次",
    "点位",
    "%",
    "％",
    "篇",
    "册",
    "盏",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "万元",
    "亿元",
    "人次",
    "米",
    "亩",
    "台",
    "所",
    "条",
    "处",
    "户",
    "名",
    "人",
    "个",
    "家",
    "张",
    "套",
    "座",
    "项",
    "间",
    "辆",
    "栋",
    "幢",
    "场",
    "次",
    "元",
    "批",
    "件",
    "支",
    "级",
    "岁",
    "只",
    "棵",
    "株",
    "吨",
    "床",
    "位",
    "块",
    "艘",
    "架",
];

/// Units that stay as written: money is reported in 万元/亿元.
pub(super) const MONEY_UNITS: &[&str] = &["万元", "亿元"];
/// Units a Chinese numeral may not take: too often part of a name (`四个意识`, `七项制度`).
pub(super) const CN_EXCLUDED_UNITS: &[&str] =
    &["个", "项", "次", "级", "批", "件", "支", "场", "篇", "册"];
/// Words after 个 that make a duration or percentage, not a count (`3个月`, `2个百分点`).
pub(super) const NOT_AFTER_GE: &[&str] = &["月", "工作日", "小时", "百分点"];

pub(super) const LEAD_QUALIFIERS: &[&str] = &["不少于", "不低于", "超过", "至少", "约", "近"];
pub(super) const INNER_QUALIFIERS: &[&str] = &["余", "多"];
pub(super) const TAIL_QUALIFIERS: &[&str] = &["以上", "以内", "以下", "左右"];

/// Characters that end a label.
pub(super) const STOPS: &[char] = &[
    '，', ',', '。', '；', ';', '：', ':', '！', '!', '？', '?', '、', '(', ')', '（', '）', '【',
    '】', '\n', '\r',
];
pub(super) const OPEN_QUOTES: &[char] = &['“', '「', '『', '《', '‘'];
pub(super) const CLOSE_QUOTES: &[char] = &['”', '」', '』', '》', '’'];
/// Verbs trimmed from the front of a label taken from before the number.
pub(super) const LEAD_VERBS: &[&str] = &[
    "开工建设",
    "新建改建",
    "完成",
    "新建",
    "改建",
    "启动",
    "建设",
    "提供",
    "实现",
    "推进",
    "开展",
    "累计",
    "新增",
    "改造",
    "实施",
    "开设",
    "布设",
    "推动",
    "推广",
    "年内",
    "打造",
    "建成",
    "举办",
    "培育",
    "引进",
    "创建",
    "增加",
    "全年",
    "为",
];
/// Words trimmed from the end of a label (connectives and 达/共 before a number).
pub(super) const TAIL_WORDS: &[&str] = &[
    "以及",
    "达到",
    "增至",
    "共计",
    "控制在",
    "保持在",
    "稳定在",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "降低到",
    "降至",
    "为",
    "和",
    "至",
    "到",
    "及",
    "与",
    "并",
    "或",
    "达",
    "共计",
    "等",
];
