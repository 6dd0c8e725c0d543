//! `keywork export`: the ledger (台账) as CSV or Excel.
//!
//! Loads the whole board, has `report::ledger` build the rows and encode them, and puts the
//! bytes where they belong: CSV goes to standard output unless `-o FILE`; Excel goes to
//! `keywork-台账-YYYY-MM-DD.xlsx` (`keywork-ledger-…` in English) in the current directory unless
//! `-o FILE`, and never to a terminal (`-o -` sends it to a pipe). Files are replaced
//! atomically; a file written gets a one-line confirmation on standard output, data sent to
//! standard output gets none. Errors name the path.

use super::{Ctx, ExportFormat, ExportLevel, Failure};
use crate::report::ledger::{self, Level};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where the bytes go.
enum Target {
    Stdout,
    File(PathBuf),
}

pub fn export(
    ctx: &Ctx,
    format: ExportFormat,
    output: Option<PathBuf>,
    level: ExportLevel,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let target = target(ctx, format, output)?;
    ctx.ensure_board()?;
    let board = ctx.store.load()?;
    let lang = ctx.config.lang;
    let level = match level {
        ExportLevel::Task => Level::Task,
        ExportLevel::Measure => Level::Measure,
    };
    let headers = ledger::headers(lang);
    let rows = ledger::rows(
        &board,
        level,
        lang,
        ctx.config.offset,
        &ctx.config.date_format,
    );
    let bytes = match format {
        ExportFormat::Csv => ledger::to_csv(&headers, &rows)
            .map_err(|e| Failure::Runtime(format!("cannot write the CSV: {e}")))?,
        ExportFormat::Xlsx => ledger::to_xlsx(&headers, &rows, lang)
            .map_err(|e| Failure::Runtime(format!("cannot build the Excel file: {e}")))?,
    };
    match target {
        // Text goes through the output's guard; an Excel file's bytes are not text.
        Target::Stdout if format == ExportFormat::Csv => out.write_all(&bytes)?,
        Target::Stdout => {
            out.flush()?;
            std::io::stdout().lock().write_all(&bytes)?;
        }
        Target::File(path) => {
            write_file(&path, &bytes)?;
            let said = lang.pick("已导出", "wrote");
            let rows_to = lang.pick("行到", "rows to");
            writeln!(out, "{said} {} {rows_to} {}", rows.len(), path.display())?;
        }
    }
    Ok(())
}

/// Resolve `-o`: none means stdout for CSV and a dated file for Excel; `-` means stdout.
fn target(ctx: &Ctx, format: ExportFormat, output: Option<PathBuf>) -> Result<Target, Failure> {
    let target = match output {
        Some(p) if p.as_os_str() == "-" => Target::Stdout,
        Some(p) => Target::File(p),
        None if format == ExportFormat::Csv => Target::Stdout,
        None => Target::File(default_xlsx_name(ctx)),
    };
    if matches!(target, Target::Stdout)
        && format == ExportFormat::Xlsx
        && std::io::stdout().is_terminal()
    {
        return Err(Failure::Usage(
            "refusing to write an Excel file to the terminal: use -o FILE, or pipe it".into(),
        ));
    }
    Ok(target)
}

/// `keywork-台账-2023-10-08.xlsx` (today in the display zone), in the current directory.
fn default_xlsx_name(ctx: &Ctx) -> PathBuf {
    let word = ctx.config.lang.pick("台账", "ledger");
    let today = ctx.config.now().format("%Y-%m-%d");
    PathBuf::from(format!("keywork-{word}-{today}.xlsx"))
}

/// Replace the file atomically; the error names the path asked for.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    // A bare file name has an empty parent; the atomic write syncs that directory, so name it.
    let in_dir = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new(".").join(path),
        _ => path.to_path_buf(),
    };
    crate::tomlfile::write_atomic(&in_dir, bytes)
        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))
}
