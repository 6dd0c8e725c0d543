//! What `keywork sync` says, and the commit messages it writes for the other offices.

use crate::strings::Lang;

message! {
    repaired(what: &str) => "已清除上次同步中断留下的 {what}", "removed what an interrupted sync left: {what}";
    committed(subject: &str) => "已提交：{subject}", "committed: {subject}";
    received(what: &str) => "收到 {what}", "received {what}";
    received_from(who: &str) => "，来自 {who}", " from {who}";
    not_synced(why: &str) =>
        "未能同步（本地修改已保存并提交，下次同步时再发送）：{why}",
        "not synced (local changes are saved and committed; the next sync sends them): {why}";
    files_changed(n: usize) => "{n} 个文件修改", "{n} files changed";
}

text! {
    pushed => "已推送", "pushed";
    up_to_date => "已是最新，没有要同步的修改", "up to date, nothing to sync";
    /// The commit of files no longer shared, when nothing else describes it.
    unshared_commit => "keywork：本地文件不再共享", "keywork: local files no longer shared";
    note_added => "+佐证", "+note";
    note_edited => "佐证修改", "note edited";
    note_removed => "佐证删除", "note removed";
    created => "创建", "created";
    reviewed => "例会审议", "reviewed";
    units => "责任单位", "units";
    deadline => "时间节点", "deadline";
    target_added => "+指标", "+target";
    target_removed => "-指标", "-target";
    closed_unproven => "无佐证销号", "closed without evidence";
    removed => "删除", "removed";
    changed => "修改", "changed";
    review => "例会记录", "review";
}

/// Between the parts of a sync's report.
pub fn joined(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// `3 条佐证` / `3 notes`.
pub fn notes(lang: Lang, n: usize) -> String {
    counted(lang, n, "条佐证", "note", "notes")
}

pub fn status_changes(lang: Lang, n: usize) -> String {
    counted(lang, n, "项状态变更", "status change", "status changes")
}

pub fn target_values(lang: Lang, n: usize) -> String {
    counted(lang, n, "项指标进度", "target value", "target values")
}

pub fn other_changes(lang: Lang, n: usize) -> String {
    counted(lang, n, "项其他修改", "other change", "other changes")
}

fn counted(lang: Lang, n: usize, zh: &str, one: &str, many: &str) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("{n} {zh}"),
        (Lang::En, 1) => format!("1 {one}"),
        (Lang::En, n) => format!("{n} {many}"),
    }
}

/// `a、b、c` / `a, b and c`.
pub fn list(lang: Lang, parts: &[String]) -> String {
    match (lang, parts.len()) {
        (_, 0) => String::new(),
        (Lang::Zh, _) => parts.join("、"),
        (Lang::En, 1) => parts[0].clone(),
        (Lang::En, n) => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}
