//! How the commands print: the aligned status table (`table`), one task (`show`) and the
//! `--json` shapes (`json`, the contract for scripts). This file holds what they share: the
//! status rows, the colours and the cells every table ends with. CJK-aware widths throughout;
//! colour only when stdout takes it (`colour_stdout`). All text from the board is cleaned first.

pub mod json;
mod show;
mod table;

pub use json::{show_json, status_json};
pub use show::show_text;
pub use table::{status_table, warnings_list};

use super::Ctx;
use crate::model::BoardMeta;
use crate::model::Summary;
use crate::model::schedule::{Assessment, Class, Warning};
use crate::present;
use crate::strings::{Lang, output as s};
use crate::text::{self, one_line};
use anstyle::{AnsiColor, Style};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const PLAIN: Style = Style::new();
const RED: Style = AnsiColor::Red.on_default();

/// Whether standard output takes colours, as `anstream` decides it: a terminal whose `TERM` is
/// not `dumb`, no `NO_COLOR`; `CLICOLOR=0` turns them off, `CLICOLOR_FORCE=1` on.
pub fn colour_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// `s` in `style`, when the context has colours (the reset is written only after a style).
fn paint(ctx: &Ctx, style: Style, s: &str) -> String {
    if ctx.color && style != PLAIN {
        format!("{style}{s}{style:#}")
    } else {
        s.to_string()
    }
}

/// The colour of a status by its role: done green, behind red, in progress cyan.
fn status_style(meta: &BoardMeta, key: &str) -> Style {
    if meta.is_done(key) {
        AnsiColor::Green.on_default()
    } else if meta.is_behind(key) {
        RED
    } else if meta.status_index(key) == Some(0) {
        PLAIN
    } else {
        AnsiColor::Cyan.on_default()
    }
}

/// The one-cell mark of a warning: 红/黄/蓝 (R/Y/B in English).
fn warning_mark(w: Warning, lang: Lang) -> &'static str {
    match w {
        Warning::Red => s::mark_red(lang),
        Warning::Yellow => s::mark_yellow(lang),
        Warning::Blue => s::mark_blue(lang),
    }
}

/// Red, yellow and blue.
fn warning_style(w: Warning) -> Style {
    match w {
        Warning::Red => RED,
        Warning::Yellow => AnsiColor::Yellow.on_default(),
        Warning::Blue => AnsiColor::Blue.on_default(),
    }
}

/// One task as `status` shows it: its summary, its partner units (known only when the whole
/// task was read: `--json` and `--unit`) and where it stands against its schedule.
pub struct Row {
    pub summary: Summary,
    pub partners: Vec<String>,
    pub schedule: Assessment,
}

/// How many tasks are in each schedule class, in `Class::ALL` order.
pub fn tally(rows: &[Row]) -> [usize; 4] {
    Class::ALL.map(|c| rows.iter().filter(|r| r.schedule.class == c).count())
}

/// `欠进度 3 · 达进度 15 · 超进度 1 · 已完成 3`.
pub fn tally_line(rows: &[Row], en: bool) -> String {
    Class::ALL
        .iter()
        .zip(tally(rows))
        .map(|(c, n)| format!("{} {n}", c.words(en)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A percentage for people: `52%` (the rule every screen and report follows).
pub fn percent(v: f64) -> String {
    crate::present::percent(v)
}

/// Widest lead-unit cell of the status table (longer lists are cut with `⋯`).
const LEAD_MAX: usize = 12;

/// Unit names as one cleaned line: `旧改办、房管局`.
fn units(names: &[String], lang: Lang) -> String {
    one_line(&names.join(s::unit_separator(lang)))
}

/// The board's title line, with the filter in use (`· 单位：旧改办`).
fn title_line(meta: &BoardMeta, ctx: &Ctx, filter: Option<&str>) -> String {
    let mut title = one_line(&meta.title);
    if let Some(d) = meta.issued {
        title.push_str(&format!(" ({})", present::date(d, &ctx.config.date_format)));
    }
    if let Some(f) = filter {
        title.push_str(&format!(" · {}", f));
    }
    title
}

/// The last cell of a status row: the overdue mark and the title, cut to the terminal.
fn title_cell(ctx: &Ctx, overdue: bool, title: &str, width: Option<usize>) -> String {
    let mark = if overdue {
        paint(ctx, RED, "! ")
    } else {
        "  ".to_string()
    };
    let title = one_line(title);
    let title = match width {
        Some(w) => text::truncate(&title, w),
        None => title,
    };
    format!("{mark}{title}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The styles write the same codes the hand-written ones did, and a reset only after one.
    #[test]
    fn styles_render_the_usual_sgr_codes() {
        assert_eq!(format!("{BOLD}x{BOLD:#}"), "\x1b[1mx\x1b[0m");
        assert_eq!(format!("{DIM}"), "\x1b[2m");
        assert_eq!(format!("{RED}"), "\x1b[31m");
        assert_eq!(format!("{}", warning_style(Warning::Yellow)), "\x1b[33m");
        assert_eq!(format!("{}", warning_style(Warning::Blue)), "\x1b[34m");
        assert_eq!(format!("{PLAIN}x{PLAIN:#}"), "x");
    }
}
