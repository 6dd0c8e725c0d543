//! Evidence files (`keywork attach`, `open`, `doctor`'s check of `files/`, the editor's path
//! prompt).

use super::Lang;
use std::fmt::Display;
use std::path::Display as PathDisplay;

text! {
    /// A symbolic link given to attach.
    what_symlink => "符号链接", "a symbolic link";
    /// A directory given to attach.
    what_directory => "目录", "a directory";
    /// A FIFO given to attach.
    what_fifo => "命名管道（FIFO）", "a FIFO";
    /// A socket given to attach.
    what_socket => "套接字", "a socket";
    /// A device given to attach.
    what_device => "设备文件", "a device";
    /// Anything else that is not a regular file.
    what_other => "特殊文件", "not a regular file";
    /// doctor: what to do about a linked file that is missing or changed.
    fix_file => "从备份或另一份看板副本（git）恢复 files/ 下的该文件；keywork 从不改写已存入的文件",
        "restore the file in files/ from a backup or another copy of the board (git); keywork never rewrites a stored file";
    /// doctor: what to do about something planted in files/.
    fix_planted => "删除它并告知放置者：files/ 只存放 keywork 按内容哈希命名的普通文件",
        "remove it and tell whoever put it there: files/ holds only regular files keywork names by their hash";
    /// doctor: a file no note links to.
    fix_unreferenced => "无需处理：删除佐证时保留其文件以便撤销；确认不再需要后可手工删除",
        "nothing to do: a deleted note keeps its files so that undo works; remove it by hand once it is surely not needed";
    /// Heading of a note's files in `show`.
    files_label => "附件", "files";
    /// Editor: the prompt for a file path.
    prompt => "附加文件（Tab 补全）：", "attach file (Tab completes): ";
    /// Attach with no note selected.
    select_note => "先选中一条佐证（或按 n 写佐证，在编辑器中按 Ctrl+t 附加文件）",
        "select a note first (or write one with n and attach with Ctrl+t in the editor)";
    /// Kind of file: PDF.
    kind_pdf => "PDF", "PDF";
    /// Kind of file: a picture.
    kind_image => "图片", "image";
    /// Kind of file: a Word document.
    kind_document => "文档", "document";
    /// Kind of file: a spreadsheet.
    kind_spreadsheet => "表格", "spreadsheet";
    /// Kind of file: slides.
    kind_slides => "演示文稿", "slides";
    /// Kind of file: plain text.
    kind_text => "文本", "text";
    /// Kind of file: an archive.
    kind_archive => "压缩包", "archive";
    /// Kind of file: anything else.
    kind_other => "文件", "file";
    /// Between the names of several files.
    list_sep => "、", ", ";
    /// `open`: the note has no files.
    no_files_on_note => "该佐证没有附件", "the note has no files";
}

message! {
    /// attach refused a symlink, a directory, a FIFO ….
    not_regular(path: PathDisplay<'_>, what: &str) =>
        "{path}：是{what}，不是普通文件；只能附加普通文件（不跟随符号链接），未做任何更改",
        "{path}: {what}, not a regular file; only regular files can be attached (symlinks are not followed); nothing was changed";
    /// attach refused a file above the per-file limit.
    too_large(path: PathDisplay<'_>, size: &str, limit: &str) =>
        "{path}：{size}，超过单个文件上限 {limit}（配置 [files] max_file_mb）；未做任何更改",
        "{path}: {size}, above the limit of {limit} per file (config [files] max_file_mb); nothing was changed";
    /// attach refused a file that would take files/ above the per-board limit.
    board_full(path: PathDisplay<'_>, size: &str, used: &str, limit: &str) =>
        "{path}：{size}，看板附件已用 {used}，将超过每个看板上限 {limit}（配置 [files] max_board_mb）；未做任何更改",
        "{path}: {size}, with {used} already in the board's files it would pass the limit of {limit} per board (config [files] max_board_mb); nothing was changed";
    /// Something in files/ keywork did not put there.
    planted(path: PathDisplay<'_>) =>
        "{path}：不是 keywork 存入的普通文件（符号链接、目录或名称不是哈希），不予使用",
        "{path}: not a regular file keywork stored (a symlink, a directory, or a name that is not a hash); not used";
    /// A file could not be read.
    cannot_read(path: PathDisplay<'_>, why: &dyn Display) =>
        "无法读取 {path}：{why}", "cannot read {path}: {why}";
    /// A task file links a file by something that is not a hash.
    bad_hash(name: &str, hash: &str) =>
        "附件 {name} 的哈希“{hash}”不是 SHA-256（任务文件被手工修改？），不予使用",
        "file {name}: its hash '{hash}' is not a SHA-256 (a hand-edited task file?); not used";
    /// A linked file is not in files/.
    missing(path: PathDisplay<'_>, name: &str) =>
        "{path}：附件 {name} 缺失", "{path}: file {name} is missing";
    /// A linked file's bytes no longer match its hash.
    changed(path: PathDisplay<'_>, name: &str) =>
        "{path}：附件 {name} 的内容与其哈希不符（已被改动或损坏）",
        "{path}: file {name} does not match its hash (changed or damaged)";
    /// A file in files/ no note links to.
    unreferenced(path: PathDisplay<'_>) =>
        "{path}：没有佐证引用该文件", "{path}: no note links to this file";
    /// attach: what was done.
    attached(count: usize, id: &str, item: &str) =>
        "已附加 {count} 个文件到佐证 {id}（{item}）", "attached {count} file(s) to note {id} ({item})";
    /// attach: a file the note already had.
    already(name: &str) =>
        "{name}：该佐证已有相同内容的文件", "{name}: the note already has a file with this content";
    /// attach --note on a note that does not exist, or an item that is neither.
    not_item_or_note(what: &str) =>
        "“{what}”不是任务、措施（15、15.2）或佐证编号",
        "'{what}' is not a task, a measure (15, 15.2) or a note id";
    /// attach to an existing note with --note text given too.
    note_text_with_id(id: &str) =>
        "{id} 是已有佐证：附加文件时不能再给出 --note 文字",
        "{id} is an existing note: --note text cannot be given when attaching to it";
    /// Editor: the file could not be attached.
    tui_failed(why: &str) => "未附加：{why}", "not attached: {why}";
    /// Editor: the file was attached.
    tui_attached(name: &str) => "已附加 {name}", "attached {name}";
    /// Editor: the file will be attached when the note is saved.
    tui_pending(name: &str) => "保存佐证时附加 {name}", "{name} is attached when the note is saved";
}

/// The word for a kind of non-regular file (`FileError::NotRegular`'s `what`).
pub fn what(lang: Lang, key: &str) -> &'static str {
    match key {
        "symlink" => what_symlink(lang),
        "directory" => what_directory(lang),
        "fifo" => what_fifo(lang),
        "socket" => what_socket(lang),
        "device" => what_device(lang),
        _ => what_other(lang),
    }
}

/// The word for a kind of evidence file (`FileKind::key`).
pub fn kind(lang: Lang, key: &str) -> &'static str {
    match key {
        "pdf" => kind_pdf(lang),
        "image" => kind_image(lang),
        "document" => kind_document(lang),
        "spreadsheet" => kind_spreadsheet(lang),
        "slides" => kind_slides(lang),
        "text" => kind_text(lang),
        "archive" => kind_archive(lang),
        _ => kind_other(lang),
    }
}
