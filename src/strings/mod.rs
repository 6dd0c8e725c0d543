//! Every sentence keywork shows a person, in both languages, from one place.
//!
//! Nothing else in the crate writes user-visible text: the CLI, errors and warnings, `doctor`,
//! the TUI, the reports and the ledger all call a function of this module. A message is declared
//! once with both its Chinese and its English form, so a message cannot lack a language:
//!
//! ```ignore
//! text! {
//!     /// Column heading of the ledger.
//!     ledger_lead => "牵头单位", "Lead unit";
//! }
//! message! {
//!     /// A task number the board does not have.
//!     no_task(n: u32) => "本看板没有第 {n} 项任务", "no task {n} on this board";
//! }
//! ```
//!
//! `text!` makes `fn name(Lang) -> &'static str`; `message!` makes
//! `fn name(Lang, args…) -> String`, its two literals being `format!` strings over the arguments
//! (checked at compile time; an argument neither language uses is a warning).
//!
//! The catalogue is split by area (one file each: `cli`, `errors`, `tui`, `report`, …) so that
//! two people adding messages to different areas never edit the same file.
//!
//! # Glossary
//!
//! Use the same word for the same thing everywhere (these are the terms district offices use):
//!
//! | 中文 | English | meaning |
//! | --- | --- | --- |
//! | 重点工作任务 | key task | a numbered task of the year's list |
//! | 措施 | measure | a concrete step under a task (`15.2`) |
//! | 指标 | target | a number a task names (200 台电梯); id `15#4` |
//! | 牵头单位 | lead unit | the unit answerable for a task or measure |
//! | 配合单位 | partner units | units that help |
//! | 责任领导 | leader | the district leader in charge |
//! | 时间节点 | deadline | the date a task or measure is due |
//! | 佐证材料 | evidence | what shows progress: a note marked as evidence, a file |
//! | 进展情况 | progress | what happened in a period |
//! | 销号 | close (an item) | mark done; 无佐证销号 = closed without evidence |
//! | 序时进度 | expected progress | where an item should be by today, by its dates |
//! | 滞后 | behind | behind the expected progress |
//! | 台账 | ledger | the table of every item, sent upward |
//! | 周例会 | weekly review (meeting) | the keyboard-driven review and its report |
//! | 议定事项 | decision | what a meeting decided, tracked until done |
//! | 催办 / 督办 | urge / urging notice | a notice to a unit that is behind |
//! | 延期 | extension | a recorded change of a deadline |
//! | 看板 | board | one list of tasks kept in one directory |

pub use crate::config::Lang;

/// Declares messages without arguments: `name => "中文", "English";` becomes
/// `pub fn name(lang: Lang) -> &'static str`.
#[macro_export]
macro_rules! text {
    ($( $(#[$meta:meta])* $name:ident => $zh:literal, $en:literal; )*) => {
        $(
            $(#[$meta])*
            pub fn $name(lang: $crate::strings::Lang) -> &'static str {
                match lang {
                    $crate::strings::Lang::Zh => $zh,
                    $crate::strings::Lang::En => $en,
                }
            }
        )*
    };
}

/// Declares messages with arguments: `name(a: T, …) => "中文 {a}", "English {a}";` becomes
/// `pub fn name(lang: Lang, a: T, …) -> String`, each literal a `format!` string.
#[macro_export]
macro_rules! message {
    ($( $(#[$meta:meta])* $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) => $zh:literal, $en:literal; )*) => {
        $(
            $(#[$meta])*
            pub fn $name(lang: $crate::strings::Lang, $($arg: $ty),*) -> String {
                match lang {
                    $crate::strings::Lang::Zh => format!($zh),
                    $crate::strings::Lang::En => format!($en),
                }
            }
        )*
    };
}

pub mod app;
pub mod cli;
pub mod common;
pub mod doctor;
pub mod errors;
pub mod files;
pub mod filters;
pub mod follow;
pub mod help;
pub mod import;
pub mod keys;
pub mod model;
pub mod output;
pub mod perf;
pub mod present;
pub mod report;
#[cfg(test)]
mod scan;
pub mod sync;
pub mod tui;
