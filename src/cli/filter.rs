//! `--filter EXPR` on `status`, `report`, `export` and `review`: the same expression as the
//! board's quick filters (`model::filter`), so that "my tasks" means the same everywhere. A bad
//! expression is a usage error (exit 2) naming the expression and what is wrong in it.

use super::{Ctx, Failure};
use crate::model::filter::{Facts, Filter, FilterError, last_review_end};
use crate::model::schedule::board_start;
use crate::model::{Board, BoardMeta, Summary};

fn usage(ctx: &Ctx, expr: &str, e: &FilterError) -> Failure {
    let lang = ctx.config.lang;
    let expr = crate::text::one_line(expr);
    Failure::Usage(crate::strings::filters::bad_filter(
        lang,
        &expr,
        &e.message(lang),
    ))
}

/// Read `--filter EXPR` (before the board is opened: a typo costs nothing).
pub fn parse(ctx: &Ctx, expr: Option<&str>) -> Result<Option<Filter>, Failure> {
    let Some(expr) = expr else {
        return Ok(None);
    };
    Filter::parse(expr)
        .map(Some)
        .map_err(|e| usage(ctx, expr, &e))
}

/// The filter checked against the board (its statuses), ready to match.
pub fn resolve(ctx: &Ctx, f: Filter, meta: &BoardMeta) -> Result<Filter, Failure> {
    let expr = f.to_string();
    f.resolve(meta).map_err(|e| usage(ctx, &expr, &e))
}

/// Keep the summaries that pass.
pub fn retain_summaries(
    ctx: &Ctx,
    f: &Filter,
    meta: &BoardMeta,
    summaries: &mut Vec<Summary>,
) -> Result<(), Failure> {
    let since = if f.changed {
        last_review_end(&ctx.store.load_reviews()?)
    } else {
        None
    };
    // The sources are in the follow-up files: read only when the filter asks for one.
    let follows: std::collections::BTreeMap<u32, crate::model::decision::Follow> =
        if f.sources.is_empty() {
            Default::default()
        } else {
            ctx.store
                .load_follows()?
                .into_iter()
                .map(|f| (f.task, f))
                .collect()
        };
    let facts = Facts {
        meta,
        today: ctx.config.now().date_naive(),
        start: board_start(meta),
        thresholds: &ctx.config.schedule,
        since,
        follows: Some(&follows),
    };
    summaries.retain(|s| f.matches(s, &facts));
    Ok(())
}

/// Keep the board's tasks that pass `--filter EXPR`, if given.
pub fn retain_tasks(ctx: &Ctx, f: Option<Filter>, board: &mut Board) -> Result<(), Failure> {
    let Some(f) = f else {
        return Ok(());
    };
    let f = resolve(ctx, f, &board.meta)?;
    let mut keep: Vec<Summary> = board.tasks.iter().map(|t| t.summary()).collect();
    retain_summaries(ctx, &f, &board.meta, &mut keep)?;
    board
        .tasks
        .retain(|t| keep.iter().any(|s| s.number == t.number));
    Ok(())
}

/// The heading a filtered listing carries: `筛选：区旧改办 · 红`.
pub fn heading(ctx: &Ctx, f: &Filter, meta: &BoardMeta) -> String {
    let lang = ctx.config.lang;
    format!(
        "{}{}",
        crate::strings::filters::header_prefix(lang),
        f.label(meta, lang)
    )
}

/// The report with the filter named under its title, so a partial report says so.
pub fn mark_report(md: &str, heading: &str) -> String {
    match md.split_once('\n') {
        Some((title, rest)) => format!("{title}\n\n> {heading}\n{rest}"),
        None => format!("{md}\n\n> {heading}\n"),
    }
}
