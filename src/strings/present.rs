//! Words for what happened and how long ago, shared by the command line, the TUI and the
//! reports (`present`): one history event, a relative time, a suspicious target value.

use crate::model::EventKind;
use crate::strings::Lang;

/// The word before an event's values (`状态 未启动 → 推进中`), or the whole description of an
/// event without values (`添加佐证`).
pub fn event_word(lang: Lang, kind: EventKind) -> &'static str {
    let (zh, en) = match kind {
        EventKind::Created => ("导入", "imported"),
        EventKind::Status => ("状态", "status"),
        EventKind::NoteAdded => ("添加佐证", "note added"),
        EventKind::NoteEdited => ("修改佐证", "note edited"),
        EventKind::NoteRemoved => ("删除佐证", "note removed"),
        EventKind::Reviewed => ("例会：", "review:"),
        EventKind::Assigned => ("责任单位", "units"),
        EventKind::Deadline => ("时间节点", "deadline"),
        EventKind::TargetAdded => ("新增指标", "target added"),
        EventKind::TargetRemoved => ("删除指标", "target removed"),
        EventKind::ClosedWithoutEvidence => ("无佐证销号：", "closed without evidence:"),
        EventKind::Target => ("指标", "target"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

text! {
    /// Less than a minute ago.
    just_now => "刚刚", "just now";
}

message! {
    /// Minutes ago.
    minutes_ago(n: i64) => "{n} 分钟前", "{n} min ago";
    /// Hours ago.
    hours_ago(n: i64) => "{n} 小时前", "{n} h ago";
    /// Days ago.
    days_ago(n: i64) => "{n} 天前", "{n} d ago";
    /// A current value far outside its target.
    implausible(name: &str, v: &str, goal: &str) =>
        "请核对 {name}：{v} 与目标 {goal} 相差悬殊（是否输错？）",
        "check {name}: {v} is far outside its target {goal} (a typo?)";
}
