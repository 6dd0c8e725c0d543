//! What other commands add about follow-through: `show N`'s source, decisions, extensions and
//! urging; `status`'s counts by source and `status --warnings`' urging; the ledger's rows and
//! the report's section. Read-only.

use super::{Board, Ctx, Failure, Write, view};
use crate::model::decision::{self, INSTRUCTION, Source};
use crate::report::follow::{self as view_mod, View};
use crate::strings::follow as s;

/// What `show N` adds: the source, the decisions, the extensions and urging of the task.
pub fn show_text(ctx: &Ctx, task: u32, out: &mut impl Write) -> Result<(), Failure> {
    let f = ctx.store.load_follow(task)?;
    let v = view(ctx);
    let l = v.lang;
    if let Some(src) = &f.source {
        writeln!(
            out,
            "{}",
            s::labelled(l, s::source_label(l), &source_words(src, &v))
        )?;
    }
    let mut ons: Vec<&str> = f
        .extensions
        .iter()
        .map(|e| e.on.as_str())
        .chain(f.urges.iter().map(|u| u.on.as_str()))
        .collect();
    ons.sort_unstable();
    ons.dedup();
    for on in ons.into_iter().filter(|on| !decision::is_decision_id(on)) {
        let parts: Vec<String> = view_mod::extended(&f, on, &v)
            .into_iter()
            .chain(view_mod::urged(&f, on, &v))
            .collect();
        writeln!(out, "{on} {}", parts.join(" · "))?;
    }
    if !f.decisions.is_empty() {
        writeln!(out, "{}", s::decisions_heading(l))?;
        for d in &f.decisions {
            writeln!(out, "  {}", view_mod::decision_line(d, &f, &v))?;
        }
    }
    Ok(())
}

fn source_words(src: &Source, v: &View) -> String {
    let mut t = crate::text::one_line(&src.kind);
    if src.kind == INSTRUCTION || !src.text.is_empty() {
        let date = src.date.map_or("—".to_string(), |d| v.day(d));
        t = s::then(
            v.lang,
            &t,
            &s::source_instruction(v.lang, &crate::text::one_line(&src.text), &src.by, &date),
        );
        let fb = src
            .feedback
            .map_or(s::source_no_feedback(v.lang).to_string(), |d| {
                s::source_feedback(v.lang, &v.day(d))
            });
        t = s::then(v.lang, &t, &fb);
    }
    t
}

/// What `status --warnings` adds: the urging of each listed task; `status` adds the counts by
/// source when any source is set.
pub fn status_tail(ctx: &Ctx, warnings: bool, out: &mut impl Write) -> Result<(), Failure> {
    let follows = ctx.store.load_follows()?;
    let v = view(ctx);
    if warnings {
        for f in &follows {
            let mut ons: Vec<&str> = f.urges.iter().map(|u| u.on.as_str()).collect();
            ons.sort_unstable();
            ons.dedup();
            for on in ons {
                if let Some(u) = view_mod::urged(f, on, &v) {
                    writeln!(out, "{on} {u}")?;
                }
            }
        }
        return Ok(());
    }
    if !follows.iter().any(|f| f.source.is_some()) {
        return Ok(());
    }
    let board = ctx.store.load()?;
    let rows = view_mod::by_source(&board, &follows, v.lang);
    let list: Vec<String> = rows
        .iter()
        .map(|r| s::source_count(v.lang, &r.kind, r.tasks, r.tasks_done))
        .collect();
    writeln!(out, "{}", s::sources_line(v.lang, &list.join(" · ")))?;
    Ok(())
}

/// The ledger's follow-through rows for the board (see `report::follow_ledger`).
pub fn ledger_rows(ctx: &Ctx, board: &Board) -> Result<Vec<Vec<String>>, Failure> {
    let follows = ctx.store.load_follows()?;
    Ok(crate::report::follow_ledger::rows(
        board,
        &follows,
        &view(ctx),
    ))
}

/// The report's follow-through section for the board.
pub fn report_section(ctx: &Ctx, board: &Board) -> Result<String, Failure> {
    let follows = ctx.store.load_follows()?;
    Ok(view_mod::section(board, &follows, &view(ctx)))
}
