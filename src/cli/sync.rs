//! `keywork sync` and the merge driver git calls.

use super::{Ctx, Failure};
use crate::config::Lang;
use crate::sync::{self, Who, merge};
use std::io::Write;
use std::path::Path;

pub fn sync(
    ctx: &Ctx,
    setup: Option<String>,
    clone: Option<String>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let en = ctx.config.lang == Lang::En;
    let who = Who::here(&ctx.acting_author());
    let dir = ctx.store.dir();
    let fail = |e: sync::SyncError| Failure::Runtime(e.to_string());
    if let Some(remote) = clone {
        sync::clone(dir, &remote).map_err(fail)?;
        let (_, summaries) = ctx.store.load_summaries()?;
        writeln!(
            out,
            "{} {} ({} {}) {} {remote}",
            ctx.config.lang.pick("看板", "board"),
            dir.display(),
            summaries.len(),
            ctx.config.lang.pick("项任务", "tasks"),
            ctx.config.lang.pick("取自", "from"),
        )?;
        return Ok(());
    }
    ctx.ensure_board()?;
    if let Some(remote) = setup {
        let remote = sync::setup(&ctx.store, &remote, &who).map_err(fail)?;
        writeln!(
            out,
            "{} {remote}{}",
            ctx.config.lang.pick("看板已共享到", "board shared to"),
            ctx.config.lang.pick(
                "；其他单位用 `keywork --board 目录 sync --clone 远程` 取得它",
                "; other offices fetch it with `keywork --board DIR sync --clone REMOTE`"
            )
        )?;
        return Ok(());
    }
    let outcome = sync::sync(&ctx.store, &who, en, false).map_err(fail)?;
    writeln!(out, "{}", crate::text::sanitize(&outcome.words(en)))?;
    match outcome.failed {
        Some(_) => Err(Failure::Runtime(
            ctx.config
                .lang
                .pick("同步未完成，见上", "the sync did not finish, see above")
                .into(),
        )),
        None => Ok(()),
    }
}

/// `keywork merge-driver %O %A %B %P`: merge the three versions, the result into `ours`.
/// Exit 1 (git then reports a conflict) only when a version does not parse.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, path: &Path) -> Result<(), Failure> {
    let read =
        |p: &Path| std::fs::read(p).map_err(|e| Failure::Runtime(format!("{}: {e}", p.display())));
    let base_bytes = read(base)?;
    let (ours_bytes, theirs_bytes) = (read(ours)?, read(theirs)?);
    let kind = merge::FileKind::of(path).ok_or_else(|| {
        Failure::Runtime(format!(
            "{}: not a board file; the keywork merge driver merges board.toml, tasks/N.toml and reviews/DATE.toml",
            path.display()
        ))
    })?;
    let base = (!base_bytes.is_empty()).then_some(base_bytes.as_slice());
    let merged = merge::merge_text(kind, path, base, &ours_bytes, &theirs_bytes)
        .map_err(|e| Failure::Runtime(e.to_string()))?;
    std::fs::write(ours, merged).map_err(|e| Failure::Runtime(format!("{}: {e}", ours.display())))
}
