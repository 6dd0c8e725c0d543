//! `keywork log` and `keywork report`: the history of changes and the weekly report.

use super::{Ctx, Failure};
use std::io::Write;
use std::path::PathBuf;

pub fn log(
    _ctx: &Ctx,
    _task: Option<u32>,
    _since: Option<&str>,
    _limit: Option<usize>,
    _json: bool,
    _out: &mut impl Write,
) -> Result<(), Failure> {
    Err(Failure::Runtime("log: not written yet".into()))
}

pub fn report(
    _ctx: &Ctx,
    _since: Option<&str>,
    _review: Option<&str>,
    _output: Option<PathBuf>,
    _out: &mut impl Write,
) -> Result<(), Failure> {
    Err(Failure::Runtime("report: not written yet".into()))
}
