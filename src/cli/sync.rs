//! `keywork sync` and the merge driver git calls.

use super::{Ctx, Failure};
use crate::strings::cli as say;
use crate::sync::{self, Who, merge};
use std::io::Write;
use std::path::Path;

pub fn sync(
    ctx: &Ctx,
    setup: Option<String>,
    clone: Option<String>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.lang();
    let who = Who::here(&ctx.acting_author());
    let dir = ctx.store.dir();
    if let Some(remote) = clone {
        sync::clone(dir, &remote)?;
        let (_, summaries) = ctx.store.load_summaries()?;
        let line = say::cloned(lang, dir.display(), summaries.len(), &remote);
        writeln!(out, "{line}")?;
        return Ok(());
    }
    ctx.ensure_board()?;
    if let Some(remote) = setup {
        let remote = sync::setup(&ctx.store, &remote, &who)?;
        writeln!(out, "{}", say::shared(lang, &remote))?;
        return Ok(());
    }
    let outcome = sync::sync(&ctx.store, &who, lang.is_en(), false)?;
    writeln!(
        out,
        "{}",
        crate::text::sanitize(&outcome.words(lang.is_en()))
    )?;
    match outcome.failed {
        Some(_) => Err(Failure::runtime(|l| say::sync_unfinished(l).into())),
        None => Ok(()),
    }
}

/// `keywork merge-driver %O %A %B %P`: merge the three versions, the result into `ours`.
/// Exit 1 (git then reports a conflict) only when a version does not parse.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, path: &Path) -> Result<(), Failure> {
    let read = |p: &Path| crate::tomlfile::read(p);
    let base_bytes = read(base)?;
    let (ours_bytes, theirs_bytes) = (read(ours)?, read(theirs)?);
    let kind = merge::FileKind::of(path).ok_or_else(|| {
        let path = path.to_path_buf();
        Failure::runtime(move |l| say::not_a_board_file(l, path.display()))
    })?;
    let base = (!base_bytes.is_empty()).then_some(base_bytes.as_slice());
    let merged = merge::merge_text(kind, path, base, &ours_bytes, &theirs_bytes)?;
    std::fs::write(ours, merged).map_err(|e| crate::tomlfile::FileError::write(ours, e).into())
}
