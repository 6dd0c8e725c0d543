//! `keywork export`: the ledger (台账) as CSV or Excel.
//!
//! Loads the whole board, has `report::ledger` build the rows and encode them, and puts the
//! bytes where they belong: CSV goes to standard output unless `-o FILE`; Excel goes to
//! `keywork-台账-YYYY-MM-DD.xlsx` (`keywork-ledger-…` in English) in the current directory unless
//! `-o FILE`, and never to a terminal (`-o -` sends it to a pipe). Files are replaced
//! atomically; a file written gets a one-line confirmation on standard output, data sent to
//! standard output gets none. Errors name the path.

use super::outfile::Dest;
use super::{Ctx, ExportFormat, ExportLevel, Failure};
use crate::report::ledger::{self, Level};
use crate::strings::cli as say;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Where the bytes go.
enum Target {
    Stdout,
    File(Dest),
}

/// Which rows and which period the ledger covers.
pub struct What<'a> {
    pub level: ExportLevel,
    /// One unit's ledger (`--unit`).
    pub unit: Option<&'a str>,
    /// `--since DATE`: the period whose evidence 进展情况 lists.
    pub since: Option<&'a str>,
    /// `--filter EXPR`: only the tasks passing it.
    pub filter: Option<&'a str>,
}

pub fn export(
    ctx: &Ctx,
    format: ExportFormat,
    output: Option<PathBuf>,
    what: &What,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let filter = super::filter::parse(ctx, what.filter)?;
    let target = target(ctx, format, output)?;
    let request = super::history::request(ctx, None, what.since)?;
    ctx.ensure_board()?;
    let mut board = ctx.store.load()?;
    let reviews = ctx.store.load_reviews()?;
    let (period, _) = super::history::period_of(&board, &reviews, request, ctx.config.now())?;
    super::filter::retain_tasks(ctx, filter, &mut board)?;
    let unit = what.unit;
    let level = what.level;
    if let Some(unit) = unit {
        // One unit's ledger: the tasks it leads or partners in, on the task or a measure.
        let involved = |names: &[String]| names.iter().any(|n| n.trim() == unit.trim());
        board.tasks.retain(|t| {
            involved(&t.lead)
                || involved(&t.partners)
                || t.measures
                    .iter()
                    .any(|m| involved(&m.lead) || involved(&m.partners))
        });
    }
    let lang = ctx.config.lang;
    let level = match level {
        ExportLevel::Task => Level::Task,
        ExportLevel::Measure => Level::Measure,
    };
    let headers = ledger::headers(lang);
    let mut rows = ledger::rows(
        &board,
        level,
        lang,
        ctx.config.offset,
        &ctx.config.date_format,
        Some(&period),
    );
    rows.extend(super::follow::ledger_rows(ctx, &board)?);
    let bytes = match format {
        ExportFormat::Csv => ledger::to_csv(&headers, &rows).map_err(|e| {
            let e = e.to_string();
            Failure::runtime(move |l| say::cannot_write_csv(l, &e))
        })?,
        ExportFormat::Xlsx => {
            let layout = crate::report::ledger_xlsx::Layout {
                board: &board,
                level,
                lang,
                offset: ctx.config.offset,
                today: ctx.config.now().date_naive(),
                thresholds: ctx.config.schedule,
            };
            crate::report::ledger_xlsx::to_xlsx(&headers, &rows, &layout)
        }
        .map_err(|e| {
            let e = e.to_string();
            Failure::runtime(move |l| say::cannot_build_xlsx(l, &e))
        })?,
    };
    match target {
        // Bytes that are not text (Excel), or text with its own BOM and CRLF (CSV, cleaned
        // here line by line), pass beside the output's guard.
        Target::Stdout => {
            let bytes = match format {
                ExportFormat::Csv => csv_for_terminal(&bytes).into_bytes(),
                ExportFormat::Xlsx => bytes,
            };
            out.flush()?;
            std::io::stdout().lock().write_all(&bytes)?;
        }
        Target::File(dest) => {
            dest.write(&bytes)?;
            let path = dest.path().display();
            writeln!(out, "{}", say::exported(lang, rows.len(), path))?;
        }
    }
    Ok(())
}

/// The CSV as it may reach a terminal: its BOM and CRLF line ends kept, every other hostile
/// character of every line shown visibly by the one sanitiser.
fn csv_for_terminal(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text.as_ref()),
    };
    let lines: Vec<_> = body.split("\r\n").map(crate::sanitize::clean).collect();
    format!("{bom}{}", lines.join("\r\n"))
}

/// Resolve `-o`: none means stdout for CSV and a dated file for Excel; `-` means stdout.
fn target(ctx: &Ctx, format: ExportFormat, output: Option<PathBuf>) -> Result<Target, Failure> {
    let target = match output {
        Some(p) if p.as_os_str() == "-" => Target::Stdout,
        Some(p) => Target::File(Dest::Given(p)),
        None if format == ExportFormat::Csv => Target::Stdout,
        None => Target::File(Dest::Chosen(default_xlsx_name(ctx))),
    };
    if matches!(target, Target::Stdout)
        && format == ExportFormat::Xlsx
        && std::io::stdout().is_terminal()
    {
        return Err(Failure::usage(|l| say::no_xlsx_to_terminal(l).into()));
    }
    Ok(target)
}

/// `keywork-台账-2023-10-08.xlsx` (today in the display zone), in the current directory.
fn default_xlsx_name(ctx: &Ctx) -> PathBuf {
    let word = say::ledger_file_word(ctx.lang());
    let today = ctx.config.now().format("%Y-%m-%d");
    PathBuf::from(format!("keywork-{word}-{today}.xlsx"))
}
