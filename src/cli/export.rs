//! `keywork export`: the ledger (台账) as CSV or Excel.

use super::{Ctx, ExportFormat, ExportLevel, Failure};
use std::io::Write;
use std::path::PathBuf;

pub fn export(
    _ctx: &Ctx,
    _format: ExportFormat,
    _output: Option<PathBuf>,
    _level: ExportLevel,
    _out: &mut impl Write,
) -> Result<(), Failure> {
    Err(Failure::Runtime("export: not written yet".into()))
}
