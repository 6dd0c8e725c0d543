//! What `keywork doctor` finds and how to fix it, and what `doctor --fix` did.

use std::path::Display as P;

text! {
    /// Labels of a finding's seriousness and of its fix.
    problem => "问题", "problem";
    warning => "注意", "warning";
    info => "说明", "note";
    fix => "办法：", "fix:";
    board => "看板：", "board:";
    no_problems => "没有发现问题。", "no problems found.";
    removed_label => "已删除", "removed";

    fix_no_dir =>
        "用 `keywork import 文件` 创建看板，或用 --board / KEYWORK_BOARD 指向它",
        "create the board with `keywork import FILE`, or point --board / KEYWORK_BOARD at it";
    fix_import_pending =>
        "下一条 keywork 命令（或 `keywork doctor --fix`）会换入新看板",
        "the next keywork command (or `keywork doctor --fix`) moves the new board in";
    fix_orphaned =>
        "`keywork doctor --fix` 会根据任务文件和最新备份重建 board.toml",
        "`keywork doctor --fix` rebuilds board.toml from the task files and the newest backup";
    fix_no_board =>
        "用 `keywork import 文件 --board 目录` 或 `keywork init --board 目录` 创建",
        "create one with `keywork import FILE --board DIR` or `keywork init --board DIR`";
    fix_unreadable_meta =>
        "在所指行手工改正该文件（或从 backups/ 或 git 恢复）；keywork 从不写入它读不懂的文件",
        "fix the file by hand at that line (or restore it from backups/ or git); keywork never writes a file it cannot read";
    fix_no_tasks_dir =>
        "重新导入看板（`keywork import 文件 --force` 会保留备份）",
        "re-import the board (`keywork import FILE --force` keeps a backup)";
    fix_out_of_range =>
        "按实际编号改名；若是误放的文件则删除",
        "rename it to its real number, or remove it if it is a mistake";
    fix_unreadable_task =>
        "在所指行手工改正该文件（或从 backups/ 或 git 恢复）",
        "fix the file by hand at that line (or restore it from backups/ or git)";
    fix_not_a_task_file => "任务文件名应为 N.toml", "task files are named N.toml";
    fix_missing =>
        "如果是误删，请从 backups/ 或 git 恢复",
        "restore them from backups/ or git if they were deleted by mistake";
    fix_cannot_write =>
        "修改会失败：请看板所有者给予组写权限（chgrp 用户组；chmod -R g+w；目录 chmod g+s）",
        "changes will fail: ask the board's owner for group write access (chgrp TEAM; chmod -R g+w; chmod g+s on directories)";
    fix_group_cannot_write =>
        "一人使用无妨；团队看板见 README（用户组、chmod 2775、umask 002）",
        "fine for one person; for a team board see the README (group, chmod 2775, umask 002)";
    fix_review_file => "在所指行手工改正该例会文件", "fix the review file by hand at that line";
    fix_draft =>
        "作者下次启动 keywork 时会在编辑器中找回它",
        "its author gets it back in the editor at the next start of keywork";
    fix_cache =>
        "无害：会重建；`keywork doctor --fix` 会删除它",
        "harmless: it is rebuilt; `keywork doctor --fix` removes it";
    temp_import =>
        "导入在完成前中断（原看板完好）",
        "an import interrupted before it was complete (the old board is intact)";
    temp_write => "写入中断时留下的", "left by an interrupted write";
    fix_temp =>
        "无害（会被忽略）；`keywork doctor --fix` 或下次修改会删除它",
        "harmless (it is ignored); `keywork doctor --fix` or the next change removes it";
    fix_lock_not_file =>
        "删除它（keywork 会重新创建），并查明是谁放的",
        "remove it (keywork creates it again), and find out who put it there";
    fix_lock_open =>
        "对它执行 chmod o-rwx（keywork 自己的锁文件权限为 660）",
        "chmod o-rwx on it (keywork's own lock file is mode 660)";
    fix_lock_unwritable =>
        "给团队写权限（chmod g+w），或删除它：会重新创建",
        "give the team write access to it (chmod g+w), or remove it: it is recreated";
    fix_git_lock =>
        "下次 `keywork sync` 会删除它（现在没有同步在运行）",
        "the next `keywork sync` removes it (no sync is running)";
    fix_merge_head =>
        "下次 `keywork sync` 会撤销它并重新合并",
        "the next `keywork sync` undoes it and merges again";
    fix_untrusted =>
        "修复之前 `keywork sync` 拒绝使用这个仓库",
        "`keywork sync` refuses this repository until it is fixed";
    built_in_defaults => "内置默认设置", "the built-in defaults";
}

message! {
    no_dir(dir: P<'_>) => "{dir}：目录不存在", "{dir}: no such directory";
    import_pending(dir: P<'_>) => "{dir}：一次导入在完成后中断", "{dir}: an import was interrupted after it was complete";
    orphaned(dir: P<'_>, what: &str) =>
        "{dir}：有任务文件，但没有可读的 board.toml（{what}）",
        "{dir}: task files but no readable board.toml ({what})";
    no_board(dir: P<'_>) => "{dir}：这里没有看板", "{dir}: no board here";
    no_tasks_dir(dir: P<'_>) => "{dir}：没有任务目录", "{dir}: no tasks directory";
    out_of_range(path: P<'_>, max: u32) =>
        "{path}：任务编号不在 1..={max} 之内（该文件被忽略）",
        "{path}: task number outside 1..={max} (the file is ignored)";
    not_a_task_file(path: P<'_>) => "{path}：不是任务文件（被忽略）", "{path}: not a task file (ignored)";
    missing(which: &str, last: u32) =>
        "缺少 {which}（看板的任务编号到 {last}）", "{which} missing (the board's tasks go up to {last})";
    missing_files(list: &str, count: u64) => "{list}（共 {count} 个文件）", "{list} ({count} files)";
    more_gaps(more: usize) => "…… 另有 {more} 处缺口", "… {more} more gaps";
    cannot_write(dir: P<'_>, why: &str) => "{dir}：无法写入（{why}）", "{dir}: cannot write ({why})";
    group_cannot_write(dir: P<'_>, mode: &str) =>
        "{dir}：权限 {mode}，用户组不能写入", "{dir}: mode {mode}, the group cannot write";
    draft(path: P<'_>) => "{path}：一份未保存的草稿", "{path}: an unsaved draft";
    cache_damaged(path: P<'_>) => "{path}：已损坏", "{path}: damaged";
    temp(path: P<'_>, what: &str) => "{path}：{what}", "{path}: {what}";
    lock_not_file(path: P<'_>) => "{path}：不是普通文件", "{path}: not a regular file";
    lock_open(path: P<'_>, mode: &str) =>
        "{path}：权限 {mode}，任何账户都能打开它并阻止所有修改",
        "{path}: mode {mode}, any account can open it and block every change";
    lock_unwritable(path: P<'_>) => "{path}：无法以写方式打开", "{path}: cannot be opened for writing";
    team_not_writable(n: usize, list: &str) =>
        "此团队看板中有 {n} 个文件用户组不能写：{list}",
        "{n} file(s) in this team board are not group-writable: {list}";
    fix_team(dir: P<'_>) =>
        "chmod -R g+rwX {dir}（由文件所有者或 root 执行）；keywork 现在创建的文件都是组可写的",
        "chmod -R g+rwX {dir} (their owner or root); keywork now creates files group-writable";
    git_lock(path: P<'_>) => "{path}：同步中断时留下的", "{path}: left by an interrupted sync";
    merge_head(path: P<'_>) => "{path}：一次未完成的合并", "{path}: an unfinished merge";
    git_group(path: P<'_>) =>
        "{path}：用户组不能写入；其他成员的同步会失败",
        "{path}: the group cannot write it; other members' syncs fail";
    fix_git_group(path: P<'_>) =>
        "由其所有者执行 `chmod g+w {path}`（并设置 `umask 002`）",
        "its owner runs `chmod g+w {path}` (and sets `umask 002`)";

    /// What `doctor --fix` did.
    import_finished(dir: P<'_>) => "{dir}：中断的导入已完成", "{dir}: the interrupted import was finished";
    removed(path: P<'_>) => "{path}：已删除", "{path}: removed";
    rebuilt(path: P<'_>, tasks: usize, from: &str) =>
        "{path}：已根据 {tasks} 个任务文件和 {from} 重建", "{path}: rebuilt from {tasks} task files and {from}";
    problems_left(n: usize) => "{n} 个问题需要处理（见上）", "{n} problem(s) to fix (see above)";
}
