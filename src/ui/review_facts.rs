//! What the review meeting needs to see of a task besides its changes (issue 16 §5): its
//! warning colour and 序时进度 (expected against actual progress), its partner units, each
//! measure with its status, owners and deadline, and its evidence notes in full. Pure
//! rendering; the review screen scrolls these lines with its list of changes.

use super::Ctx;
use crate::model::Task;
use crate::model::schedule::{assess, board_start};
use crate::present;
use crate::strings::filters as s;
use crate::text;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Notes shown in full under the changes, newest first; older ones are counted.
const NOTES_SHOWN: usize = 20;

/// `红色预警  序时进度 78%  实际 25%  落后 53 个百分点`, in the warning's colour.
pub fn schedule_line(ctx: &Ctx, task: &Task, w: usize) -> Line<'static> {
    let app = ctx.app;
    let lang = app.display.lang;
    let en = lang.is_en();
    let meta = &app.board.meta;
    let a = assess(
        task,
        meta,
        board_start(meta),
        app.now.date_naive(),
        &app.thresholds,
    );
    let badge = match a.warning {
        Some(wn) => wn.words(en).to_string(),
        None => a.class.words(en).to_string(),
    };
    let rest = match a.expected {
        Some(e) => {
            // From the figures as shown, so that they add up on screen.
            let gap = (e.round() - a.actual.round()) as i64;
            let gap = match gap {
                1.. => s::review_behind(lang, gap),
                ..=-1 => s::review_ahead(lang, -gap),
                0 => String::new(),
            };
            s::review_schedule(
                lang,
                &present::percent(e),
                &present::percent(a.actual),
                &gap,
            )
        }
        None => format!(
            "{} {}  {}",
            s::review_actual(lang),
            present::percent(a.actual),
            s::review_no_deadline(lang)
        ),
    };
    let style = match a.warning {
        Some(wn) if ctx.theme.color => ctx.theme.badge(wn),
        Some(_) => ctx.theme.title(),
        None => Style::new(),
    };
    let badge = format!("{} ", ctx.sym.show(&badge));
    let rest_w = w.saturating_sub(text::width(&badge) + 1);
    Line::from(vec![
        Span::styled(badge, style),
        Span::raw(format!(" {}", ctx.fit(rest.trim_end(), rest_w))),
    ])
}

/// `配合单位：区房管局、街道`, or nothing.
pub fn partners_line(ctx: &Ctx, task: &Task, w: usize) -> Line<'static> {
    if task.partners.is_empty() {
        return Line::default();
    }
    let lang = ctx.app.display.lang;
    Line::raw(ctx.fit(
        &s::review_partners(lang, &task.partners.join(s::list_sep(lang))),
        w,
    ))
}

/// `牵头单位：区旧改办  配合单位：区房管局`.
fn owners(lang: crate::strings::Lang, lead: &[String], partners: &[String]) -> String {
    use crate::strings::common;
    let mut out = String::new();
    if !lead.is_empty() {
        out.push_str(&s::label_value(
            lang,
            common::lead(lang),
            &lead.join(s::list_sep(lang)),
        ));
    }
    if !partners.is_empty() {
        out.push_str(&format!(
            "  {}",
            s::label_value(
                lang,
                common::partners(lang),
                &partners.join(s::list_sep(lang))
            )
        ));
    }
    out
}

fn section(ctx: &Ctx, title: &str) -> Line<'static> {
    Line::styled(
        ctx.sym.show(&format!("── {title}")).into_owned(),
        ctx.theme.title(),
    )
}

/// Lines wrapped to `w` with a hanging indent.
fn wrapped(ctx: &Ctx, head: &str, body: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    let head = ctx.sym.show(head).into_owned();
    let pad = " ".repeat(text::width(&head));
    text::wrap(
        &ctx.sym.show(body),
        w.saturating_sub(text::width(&head)).max(4),
    )
    .into_iter()
    .enumerate()
    .map(|(i, l)| {
        let lead = if i == 0 { head.clone() } else { pad.clone() };
        Line::styled(format!("{lead}{l}"), style)
    })
    .collect()
}

/// The measures (status, lead and partner units, deadline, text) and the evidence notes in
/// full, for the review screen's scrolled pane.
pub fn detail_lines(ctx: &Ctx, task: &Task, w: usize) -> Vec<Line<'static>> {
    let app = ctx.app;
    let lang = app.display.lang;
    let meta = &app.board.meta;
    let today = app.now.date_naive();
    let mut out = Vec::new();
    if !task.measures.is_empty() {
        out.push(Line::default());
        out.push(section(ctx, s::review_measures(lang)));
        for m in &task.measures {
            let status = meta.status_name(&m.status, lang.is_en());
            let mut owners = owners(lang, &m.lead, &m.partners);
            if let Some(d) = m.deadline {
                let late = d < today && !meta.is_done(&m.status);
                owners.push_str(&format!(
                    "  {}{}",
                    d.format("%Y-%m-%d"),
                    if late {
                        format!(
                            " {}",
                            s::warn_label(lang, crate::model::filter::WarnKind::Overdue)
                        )
                    } else {
                        String::new()
                    }
                ));
            }
            let head = format!("{} [{status}] ", m.id);
            let mut line = vec![Span::styled(
                head.clone(),
                ctx.theme.status(meta, &m.status),
            )];
            line.push(Span::styled(
                ctx.fit(owners.trim(), w.saturating_sub(text::width(&head))),
                ctx.theme.dim(),
            ));
            out.push(Line::from(line));
            out.extend(wrapped(ctx, "    ", &m.text, w, Style::new()));
        }
    }
    if !task.notes.is_empty() {
        out.push(Line::default());
        out.push(section(
            ctx,
            &s::counted(lang, s::review_notes(lang), task.notes.len()),
        ));
        let mut notes: Vec<_> = task.notes.iter().collect();
        notes.sort_by_key(|n| std::cmp::Reverse(n.at));
        for n in notes.iter().take(NOTES_SHOWN) {
            let at = crate::config::to_display(n.at, app.display.offset).format("%m-%d");
            let on = n.on.as_deref().unwrap_or("");
            let head = format!("{at} {} {on} ", text::one_line(&n.author));
            out.extend(wrapped(ctx, "• ", &head, w, ctx.theme.dim()));
            out.extend(wrapped(ctx, "  ", &n.text, w, Style::new()));
            if let Some(r) = &n.reference {
                out.extend(wrapped(ctx, "  ", r, w, ctx.theme.dim()));
            }
        }
        if notes.len() > NOTES_SHOWN {
            out.push(Line::styled(
                ctx.sym
                    .show(&format!("  … {}", notes.len() - NOTES_SHOWN))
                    .into_owned(),
                ctx.theme.dim(),
            ));
        }
    }
    out
}
