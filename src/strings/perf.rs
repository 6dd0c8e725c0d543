//! Messages of the store's chunked task layout (issue 17).

use std::path::Display as P;

message! {
    /// `doctor`: a chunk directory `tasks/N/` without its task file `tasks/N.toml`.
    chunks_without_task(dir: P<'_>) => "{dir}：有任务的早期佐证与记录分块，却没有对应的任务文件（已忽略）",
        "{dir}: sealed chunks of a task's older notes and history, but no task file for them (ignored)";
}

text! {
    /// `doctor`: what to do about it.
    chunks_without_task_fix => "从 backups/ 或 git 恢复该任务文件；确属多余可删除该目录",
        "restore the task file from backups/ or git; remove the directory if it is left over";
}
