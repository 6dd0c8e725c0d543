//! The library's errors in the user's language: each error type keeps its variants until the
//! edge (the command line) shows it through [`Voiced::say`]. The `Display` of the `thiserror`
//! enums stays English, for logs and tests; what a person reads comes from here.

use crate::config::ConfigError;
use crate::model::ModelError;
use crate::store::StoreError;
use crate::strings::Lang;
use crate::sync::SyncError;
use crate::tomlfile::FileError;
use std::io;

/// An error that can say what went wrong in either language.
pub trait Voiced {
    fn say(&self, lang: Lang) -> String;
}

message! {
    /// A file name keywork chose itself (an urging notice, a unit's form) is taken by a
    /// symlink or a special file: never written through (someone may have planted it).
    name_in_the_way(path: std::path::Display<'_>, what: &str) =>
        "{path}：这个文件名已被{what}占用；keywork 不会经由它写入（可能是他人放置的），请先删除它或换一个目录，未做任何更改",
        "{path}: {what} already has this name; keywork does not write through it (someone may have planted it): remove it or choose another directory; nothing was changed";
    /// A file could not be read or written: the OS's reason.
    file_io(path: std::path::Display<'_>, why: &str) => "{path}：{why}", "{path}: {why}";
    /// A file that does not parse, at its position.
    file_parse(path: std::path::Display<'_>, line: usize, column: usize, why: &str) =>
        "{path}:{line}:{column}：格式有误：{why}", "{path}:{line}:{column}: {why}";
    /// A file that is not UTF-8.
    file_utf8(path: std::path::Display<'_>, offset: usize, hint: &str) =>
        "{path}：第 {offset} 字节起不是 UTF-8 编码：{hint}",
        "{path}: invalid UTF-8 at byte {offset}: {hint}";
    /// A file could not be replaced; it keeps its content.
    file_write(path: std::path::Display<'_>, why: &str, hint: &str) =>
        "{path}：未保存：{why}；文件保持原内容{hint}",
        "{path}: not saved: {why}; the file keeps its previous content{hint}";
    /// A line-numbered problem in a file.
    at_line(path: std::path::Display<'_>, line: usize, why: &str) =>
        "{path}:{line}：{why}", "{path}:{line}: {why}";
    /// The config names a line that is wrong.
    config_invalid(path: std::path::Display<'_>, line: usize, why: &str) =>
        "{path}:{line}:1：配置有误：{why}", "{path}:{line}:1: {why}";

    no_board(dir: std::path::Display<'_>) =>
        "{dir} 没有看板；用 `keywork import 文件 --board {dir}` 创建（或 `keywork init --board {dir}` 使用内置的 2023 年任务清单）",
        "no board at {dir}; create one with `keywork import FILE --board {dir}` (or `keywork init --board {dir}` for the built-in 2023 list)";
    orphaned(dir: std::path::Display<'_>, file: &str, what: &str) =>
        "{dir}：有任务文件，但没有可读的 {file}（{what}）；未创建或改动任何内容。`keywork doctor --fix` 会根据任务文件和最新备份重建 {file}",
        "{dir}: task files but no readable {file} ({what}); nothing was created or changed. `keywork doctor --fix` rebuilds {file} from the task files and the newest backup";
    import_pending(dir: std::path::Display<'_>, why: &str) =>
        "{dir}：有一次中断的导入等待完成，本账户无法完成（{why}）；请有看板写权限的人运行 `keywork doctor --fix`",
        "{dir}: an interrupted import waits to be finished, and this account cannot finish it ({why}); someone who can write the board runs `keywork doctor --fix`";
    bad_lock(path: std::path::Display<'_>, what: &str) =>
        "{path}：锁文件是{what}，不是普通文件；请删除它（keywork 会重新创建）并告知放置它的人",
        "{path}: the lock file is {what}, not a regular file; remove it (keywork creates it again) and tell whoever put it there";
    exists(dir: std::path::Display<'_>) =>
        "{dir}：这里已有看板；用 --force 替换（旧看板会先备份）",
        "{dir}: a board already exists here; use --force to replace it (the old one is backed up)";
    newer_schema(path: std::path::Display<'_>, found: u32, known: u32) =>
        "{path}：数据格式版本 {found} 比本版 keywork 支持的（{known}）新；请升级 keywork",
        "{path}: schema version {found} is newer than this keywork understands ({known}); upgrade keywork";
    busy(path: std::path::Display<'_>, waited: u64) =>
        "{path}：看板正忙：另一个 keywork 进程已占用锁 {waited} 秒（进程停住或卡死？`fuser -v {path}` 可查出是谁）；未作任何改动，请重试",
        "{path}: the board is busy: another keywork process has held its lock for {waited} s (a stopped or hung process? `fuser -v {path}` names it); nothing was changed, try again";
    not_a_number(path: std::path::Display<'_>, target: &str) =>
        "{path}：指标 {target} 的值是 nan 或 inf；请填写数字（或删除 `current` 以清空）",
        "{path}: target {target} holds nan or inf; write a number (or remove `current` to clear it)";
    missing_task(path: std::path::Display<'_>, last: u32) =>
        "{path}：文件缺失（看板的任务编号到 {last}）；`keywork doctor` 会说明，可从看板的 backups/ 或副本恢复",
        "{path}: the file is missing (the board has tasks up to {last}); `keywork doctor` explains, restore it from the board's backups/ or a copy";
    misnamed(path: std::path::Display<'_>, expected: u32, found: u32) =>
        "{path}：文件内容是第 {found} 项任务，文件名却是 {expected}",
        "{path}: the file is task {found}, but its name says {expected}";

    unknown_task(n: u32) => "本看板没有第 {n} 项任务", "no task {n} on this board";
    unknown_measure(task: u32, id: &str) => "第 {task} 项任务没有措施 {id}", "task {task} has no measure {id}";
    unknown_target(task: u32, id: &str) => "第 {task} 项任务没有指标 {id}", "task {task} has no target {id}";
    unknown_status(given: &str, known: &str) =>
        "没有“{given}”这个状态（可用：{known}）", "unknown status '{given}' (known: {known})";
    unknown_note(id: &str) => "本看板没有佐证 {id}", "no note {id} on this board";
    not_removed(id: &str) => "历史记录中没有已删除的佐证 {id}", "no removed note {id} in the history";
    note_still_there(id: &str) => "佐证 {id} 仍在看板上，无需恢复", "note {id} is on the board: nothing to put back";
    note_already_on(id: &str, on: &str) => "佐证 {id} 已在 {on} 上", "note {id} is already on {on}";
    bad_ref(given: &str) =>
        "“{given}”不是任务或措施编号（应为 N 或 N.M，如 15 或 15.2）",
        "'{given}' is not a task or measure (expected N or N.M, e.g. 15 or 15.2)";
    bad_target_ref(given: &str) =>
        "指标编号写作 N#K（如 15#3，见 `show N` 的列表），不是“{given}”",
        "a target is addressed as N#K (e.g. 15#3, as `show N` lists it), not '{given}'";
    bad_number(given: &str) => "“{given}”不是数字", "'{given}' is not a number";
    no_review(date: &str) => "{date} 没有周例会记录", "no review meeting on {date}";
    bad_deadline(given: &str) =>
        "“{given}”不是时间节点：请写 2023-12-31、12-31（本看板年份）、年底、Q1–Q4（一季度–四季度）或上半年",
        "'{given}' is not a deadline: write 2023-12-31, 12-31 (this board's year), 年底, Q1–Q4 (一季度–四季度) or 上半年";
    changed_since(item: &str, by: &str) =>
        "{item} 之后已被 {by} 修改：未撤销，保留对方的修改",
        "{item} was changed since by {by}: not undone, their change stays";

    git_failed(args: &str, why: &str) => "`git {args}` 失败：{why}", "`git {args}` failed: {why}";
    not_shared(dir: std::path::Display<'_>) =>
        "{dir}：此看板未通过 git 共享；`keywork sync --setup 远程仓库` 可共享它，`keywork --board 目录 sync --clone 远程仓库` 可取得其他单位共享的看板",
        "{dir}: this board is not shared through git; `keywork sync --setup REMOTE` shares it, `keywork --board DIR sync --clone REMOTE` fetches one another office shares";
    remote_has_board(remote: &str) =>
        "{remote} 已有看板（另一单位已设置）；请用 `keywork --board 目录 sync --clone {remote}` 取到一个新目录",
        "{remote} already holds a board (another office set it up); fetch it with `keywork --board DIR sync --clone {remote}` into a new directory";
    no_board_in_remote(remote: &str) =>
        "{remote} 中没有 keywork 看板（无 board.toml）；未克隆任何内容",
        "{remote} holds no keywork board (no board.toml); nothing was cloned";
    not_empty(dir: std::path::Display<'_>) =>
        "{dir}：目录不是空的；--clone 需要新的或空的目录",
        "{dir}: not empty; --clone needs a new or empty directory for the board";
    untrusted(path: std::path::Display<'_>, why: &str, fix: &str) =>
        "{path}：{why}；修复之前 keywork 不同步此看板：{fix}",
        "{path}: {why}; keywork does not sync this board until it is fixed: {fix}";
    sync_lock(path: std::path::Display<'_>, why: &str) =>
        "{path}：无法取得同步锁（{why}）；由其所有者设为组可写（`chmod g+rw`），或任何人删除它（会重新创建）",
        "{path}: cannot take the sync lock ({why}); its owner makes it group-writable (`chmod g+rw`), or anyone removes it (it is recreated)";
    remote_deletes(what: &str, by: &str) =>
        "远程版本删除了{what}（{by}）；keywork 拒绝合并：本地看板未变，也未推送。请推送该版本的单位恢复这些文件（如 `git revert` 那次提交）后再同步",
        "the remote's version deletes {what} ({by}); keywork refuses to merge it: the board here is unchanged and nothing was pushed. The office that pushed it restores the files (e.g. `git revert` of that commit) and syncs again";
    merge_parse(side: &str, why: &str) =>
        "无法合并：{side}版本格式有误：{why}", "cannot merge: the {side} version does not parse: {why}";
    merge_newer(path: std::path::Display<'_>, side: &str, found: u32, known: u32) =>
        "无法合并 {path}：{side}版本的数据格式版本 {found} 比本版 keywork 支持的（{known}）新；请升级 keywork",
        "cannot merge {path}: the {side} version has schema {found}, newer than this keywork understands ({known}); upgrade keywork";
    merge_failed(what: &str, why: &str) =>
        "合并 {what} 未成功：{why}；合并已撤销，看板保持原样（你的修改已提交，随下次同步发出）",
        "merging {what} did not go through: {why}; the merge was undone, the board is as before (your changes are committed and go with the next sync)";
}

text! {
    side_base => "共同祖先", "base";
    side_ours => "本地", "ours";
    side_theirs => "对方", "theirs";
    empty_note => "佐证内容为空", "the note is empty";
    no_git =>
        "未安装 git（或不在 PATH 中）；`keywork sync` 需要它：apt-get install git",
        "git is not installed (or not on PATH); `keywork sync` needs it: apt-get install git";
    hint_cannot_write =>
        "（本账户无法写入看板目录：`keywork doctor` 会说明，README 的团队设置一节列出共享看板所需的用户组和权限）",
        " (this account cannot write the board directory: `keywork doctor` explains, the README's team setup shows the group and permissions a shared board needs)";
    hint_disk_full =>
        "（磁盘已满或达到大小限制：请腾出空间后重做这次修改）",
        " (the disk is full or a size limit was reached: free some space, then repeat the change)";
    io_not_found => "文件或目录不存在", "no such file or directory";
    io_permission => "没有权限", "permission denied";
    io_is_dir => "这是一个目录", "is a directory";
    io_exists => "已存在", "already exists";
    io_disk_full => "磁盘已满", "no space left on device";
    io_read_only => "文件系统只读", "read-only file system";
    io_invalid_data => "数据无效", "invalid data";
}

/// An OS error: the common kinds in the user's language, the rest as the OS says them.
pub fn io(lang: Lang, e: &io::Error) -> String {
    use io::ErrorKind::*;
    let said = match e.kind() {
        NotFound => io_not_found(lang),
        PermissionDenied => io_permission(lang),
        IsADirectory => io_is_dir(lang),
        AlreadyExists => io_exists(lang),
        StorageFull => io_disk_full(lang),
        ReadOnlyFilesystem => io_read_only(lang),
        InvalidData if e.get_ref().is_none() => io_invalid_data(lang),
        _ => return e.to_string(),
    };
    said.to_string()
}

fn write_hint(lang: Lang, e: &io::Error) -> &'static str {
    use io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => hint_cannot_write(lang),
        StorageFull | FileTooLarge | QuotaExceeded => hint_disk_full(lang),
        _ => "",
    }
}

impl Voiced for io::Error {
    fn say(&self, lang: Lang) -> String {
        io(lang, self)
    }
}

impl Voiced for FileError {
    fn say(&self, lang: Lang) -> String {
        match self {
            FileError::Io { path, source } => file_io(lang, path.display(), &io(lang, source)),
            FileError::Parse {
                path,
                line,
                column,
                message,
            } => {
                let why = crate::strings::model::toml_detail(lang, message);
                file_parse(lang, path.display(), *line, *column, &why)
            }
            FileError::Utf8 { path, offset, hint } => {
                file_utf8(lang, path.display(), *offset, &hint.words(lang))
            }
            FileError::Write { path, source } => file_write(
                lang,
                path.display(),
                &io(lang, source),
                write_hint(lang, source),
            ),
        }
    }
}

impl Voiced for ModelError {
    fn say(&self, lang: Lang) -> String {
        use ModelError::*;
        match self {
            UnknownTask(n) => unknown_task(lang, *n),
            UnknownMeasure { task, id } => unknown_measure(lang, *task, id),
            UnknownTarget { task, id } => {
                unknown_target(lang, *task, &crate::model::target_name(id))
            }
            UnknownStatus { given, known } => unknown_status(lang, given, known),
            UnknownNote(id) => unknown_note(lang, id),
            NotRemoved(id) => not_removed(lang, id),
            NoteStillThere(id) => note_still_there(lang, id),
            NoteAlreadyOn(id, on) => note_already_on(lang, id, on),
            EmptyNote => empty_note(lang).to_string(),
            BadRef(s) => bad_ref(lang, s),
            BadTargetRef(s) => bad_target_ref(lang, s),
            BadNumber(s) => bad_number(lang, s),
            NoReview(d) => no_review(lang, d),
            BadDate(s) => bad_deadline(lang, s),
            ChangedSince { item, by } => changed_since(lang, item, by),
        }
    }
}

impl Voiced for StoreError {
    fn say(&self, lang: Lang) -> String {
        use crate::store::BOARD_FILE;
        use StoreError::*;
        match self {
            File(e) => e.say(lang),
            Model(e) => e.say(lang),
            NoBoard { dir } => no_board(lang, dir.display()),
            Orphaned { dir, what } => orphaned(lang, dir.display(), BOARD_FILE, what),
            ImportPending { dir, why } => import_pending(lang, dir.display(), why),
            BadLock { path, what } => bad_lock(lang, path.display(), what),
            Invalid {
                path,
                line,
                problem,
            } => at_line(lang, path.display(), *line, &problem.message(lang)),
            Exists { dir } => exists(lang, dir.display()),
            NewerSchema { path, found } => {
                newer_schema(lang, path.display(), *found, crate::model::SCHEMA)
            }
            Busy { path, waited } => busy(lang, path.display(), *waited),
            NotANumber { path, target } => not_a_number(lang, path.display(), target),
            MissingTask { path, last } => missing_task(lang, path.display(), *last),
            Misnamed {
                path,
                expected,
                found,
            } => misnamed(lang, path.display(), *expected, *found),
        }
    }
}

impl Voiced for ConfigError {
    fn say(&self, lang: Lang) -> String {
        match self {
            ConfigError::File(e) => e.say(lang),
            ConfigError::Invalid {
                path,
                line,
                problem,
            } => config_invalid(lang, path.display(), *line, &problem.message(lang)),
        }
    }
}

impl Voiced for SyncError {
    fn say(&self, lang: Lang) -> String {
        use SyncError::*;
        match self {
            NoGit => no_git(lang).to_string(),
            Git { args, message } => git_failed(lang, args, message),
            NotShared { dir } => not_shared(lang, dir.display()),
            RemoteHasBoard { remote } => remote_has_board(lang, remote),
            NoBoardInRemote { remote } => no_board_in_remote(lang, remote),
            NotEmpty { dir } => not_empty(lang, dir.display()),
            Untrusted { path, why, fix } => untrusted(lang, path.display(), why, fix),
            SyncLock { path, message } => sync_lock(lang, path.display(), message),
            RemoteDeletes { what, by } => remote_deletes(lang, what, by),
            Store(e) => e.say(lang),
            File(e) => e.say(lang),
            Merge { what, message } => merge_failed(lang, what, message),
        }
    }
}

impl Voiced for crate::sync::merge::MergeError {
    fn say(&self, lang: Lang) -> String {
        use crate::sync::merge::{MergeError, Side};
        let side = |s: &Side| match s {
            Side::Base => side_base(lang),
            Side::Ours => side_ours(lang),
            Side::Theirs => side_theirs(lang),
        };
        match self {
            MergeError::Parse { side: s, source } => merge_parse(lang, side(s), &source.say(lang)),
            MergeError::NewerSchema {
                path,
                side: s,
                found,
            } => merge_newer(lang, path.display(), side(s), *found, crate::model::SCHEMA),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn each_error_speaks_the_users_language_and_keeps_its_english_display() {
        let e = StoreError::Model(ModelError::UnknownTask(99));
        assert_eq!(e.say(Lang::Zh), "本看板没有第 99 项任务");
        assert_eq!(e.say(Lang::En), e.to_string());
        let busy = StoreError::Busy {
            path: PathBuf::from("/b/.keywork.lock"),
            waited: 10,
        };
        assert_eq!(busy.say(Lang::En), busy.to_string());
        assert!(busy.say(Lang::Zh).contains("看板正忙"));
        let w = FileError::write(
            &PathBuf::from("/b/board.toml"),
            io::Error::from(io::ErrorKind::PermissionDenied),
        );
        assert!(
            w.say(Lang::Zh).contains("未保存：没有权限"),
            "{}",
            w.say(Lang::Zh)
        );
        assert!(w.say(Lang::En).contains("cannot write the board directory"));
        let s = SyncError::NotShared {
            dir: PathBuf::from("/b"),
        };
        assert_eq!(s.say(Lang::En), s.to_string());
        assert!(s.say(Lang::Zh).contains("未通过 git 共享"));
    }
}
