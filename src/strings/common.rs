//! Words used by several areas: the names of things (see the glossary in `strings`).

text! {
    /// A task of the list.
    task => "任务", "task";
    /// A measure under a task.
    measure => "措施", "measure";
    /// A target a task names.
    target => "指标", "target";
    /// Lead unit of a task or measure.
    lead => "牵头单位", "lead unit";
    /// Partner units of a task or measure.
    partners => "配合单位", "partner units";
    /// Deadline of a task or measure.
    deadline => "时间节点", "deadline";
    /// Evidence of progress.
    evidence => "佐证材料", "evidence";
}

message! {
    /// A file the user named could not be written.
    cannot_write(path: std::path::Display<'_>, why: &dyn std::fmt::Display) =>
        "无法写入 {path}：{why}", "cannot write {path}: {why}";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::Lang;

    #[test]
    fn a_message_formats_its_arguments_in_each_language() {
        let p = std::path::Path::new("/tmp/报告.md");
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            cannot_write(Lang::Zh, p.display(), &e),
            "无法写入 /tmp/报告.md：permission denied"
        );
        assert!(cannot_write(Lang::En, p.display(), &e).starts_with("cannot write /tmp/报告.md: "));
        assert_eq!(lead(Lang::Zh), "牵头单位");
        assert_eq!(lead(Lang::En), "lead unit");
    }
}
