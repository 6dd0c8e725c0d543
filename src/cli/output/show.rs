//! `show N`: one task as a tree — its facts, its notes, each measure with its notes, its
//! targets and its last changes; text wrapped to the terminal, or whole when piped.

use super::{BOLD, paint, status_style, units};
use crate::cli::{Ctx, Failure};
use crate::model::{Board, Note, Task};
use crate::present;
use crate::strings::{Lang, output as s};
use crate::text::{self, one_line};
use std::io::Write;

/// The one task a `show` board was loaded with.
pub(super) fn the_task(board: &Board, lang: Lang) -> Result<&Task, Failure> {
    board
        .tasks
        .first()
        .ok_or_else(|| Failure::Runtime(s::no_such_task(lang)))
}

pub fn show_text(board: &Board, ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    let t = the_task(board, ctx.config.lang)?;
    let meta = &board.meta;
    let lang = ctx.config.lang;
    let en = lang.is_en();
    let width = ctx.width.unwrap_or(usize::MAX / 4);
    // Wrapped to the terminal; piped, every line as written (and no time spent wrapping).
    let lines = |s: &str, w: usize| -> Vec<String> {
        match ctx.width {
            Some(_) => text::wrap(s, w),
            None => text::sanitize(s).split('\n').map(str::to_string).collect(),
        }
    };
    let status = |k: &str| {
        paint(
            ctx,
            status_style(&board.meta, k),
            &one_line(meta.status_name(k, en)),
        )
    };
    if !t.group.is_empty() {
        let path: Vec<String> = t.group.iter().map(|g| one_line(g)).collect();
        writeln!(out, "{}", path.join(" › "))?;
    }
    let head = format!("{} {}", t.number, one_line(&t.title));
    writeln!(out, "{}  [{}]", paint(ctx, BOLD, &head), status(&t.status))?;
    let mut facts = vec![format!(
        "{} {}/{}",
        s::measures_done(lang),
        t.measures_done(meta),
        t.measures.len()
    )];
    facts.push(format!("{} {}", s::notes(lang), t.notes.len()));
    if !t.lead.is_empty() {
        facts.push(format!("{} {}", s::lead(lang), units(&t.lead, lang)));
    }
    if !t.leader.is_empty() {
        facts.push(format!("{} {}", s::leader(lang), units(&t.leader, lang)));
    }
    if let Some(d) = t.deadline {
        facts.push(format!(
            "{} {}",
            s::due(lang),
            present::date(d, &ctx.config.date_format)
        ));
    }
    writeln!(out, "{}", facts.join(" · "))?;
    let when = |n: &Note| ctx.config.local(n.at).format("%Y-%m-%d %H:%M").to_string();
    let write_notes =
        |out: &mut dyn Write, notes: Vec<&Note>, indent: &str| -> std::io::Result<()> {
            for n in notes {
                let reference = n
                    .reference
                    .as_deref()
                    .map(|r| s::note_reference(lang, &one_line(r)))
                    .unwrap_or_default();
                let head = format!("{indent}• {} {}  ", when(n), one_line(&n.author));
                let body_w = width.saturating_sub(text::width(&head)).max(20);
                let mut lines = lines(&n.text, body_w).into_iter();
                // The id, for `rm-note` / `move-note`.
                writeln!(
                    out,
                    "{head}{}{reference}  [{}]",
                    lines.next().unwrap_or_default(),
                    one_line(&n.id)
                )?;
                let pad = " ".repeat(text::width(&head));
                for l in lines {
                    writeln!(out, "{pad}{l}")?;
                }
            }
            Ok(())
        };
    write_notes(out, t.own_notes().collect(), "  ")?;
    writeln!(out, "\n{}", paint(ctx, BOLD, s::heading_measures(lang)))?;
    for m in &t.measures {
        let head = format!(
            "  {} [{}] ",
            m.id,
            one_line(meta.status_name(&m.status, en))
        );
        let body_w = width.saturating_sub(text::width(&head)).max(20);
        let pad = " ".repeat(text::width(&head));
        for (i, l) in lines(&m.text, body_w).iter().enumerate() {
            if i == 0 {
                let colored = format!("  {} [{}] ", m.id, status(&m.status));
                writeln!(out, "{colored}{l}")?;
            } else {
                writeln!(out, "{pad}{l}")?;
            }
        }
        write_notes(out, t.notes_on(&m.id).collect(), &pad)?;
    }
    if !t.targets.is_empty() {
        writeln!(out, "\n{}", paint(ctx, BOLD, s::heading_targets(lang)))?;
        for x in &t.targets {
            writeln!(
                out,
                "  {:<6} {}  {}{}",
                x.name(),
                present::target_progress(x),
                one_line(&x.label),
                x.measure
                    .as_deref()
                    .map(|m| s::target_measure(lang, &one_line(m)))
                    .unwrap_or_default()
            )?;
        }
    }
    let recent: Vec<_> = t.history.iter().rev().take(10).collect();
    if !recent.is_empty() {
        writeln!(out, "\n{}", paint(ctx, BOLD, s::heading_recent(lang)))?;
        for e in recent {
            writeln!(
                out,
                "  {} {}  {}",
                ctx.config.local(e.at).format("%Y-%m-%d %H:%M"),
                one_line(&e.author),
                present::describe(e, meta, lang)
            )?;
        }
    }
    Ok(())
}
