//! Follow-through on screen: the page of last meeting's decisions that opens a new review
//! (each decision with its state, its task, what happened since, and the keys to close,
//! drop, carry over or extend it), and the urging/extension line of the review screen.

use super::{Ctx, clear_popup, hint_line, hints};
use crate::app::decisions::LastDecisions;
use crate::keymap::Mode;
use crate::layout;
use crate::model::decision::{Decision, DecisionState};
use crate::strings::follow as s;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The review screen's line under the task's title: urging, extensions, open decisions.
pub fn follow_line(ctx: &Ctx, task: u32, width: usize) -> Line<'static> {
    match ctx.app.follow_line(task) {
        Some(t) => Line::styled(ctx.fit(&t, width), ctx.theme.warn()),
        None => Line::default(),
    }
}

pub fn render(ctx: &Ctx, frame: &mut Frame, area: Rect, page: &LastDecisions) {
    let lang = ctx.app.display.lang;
    let fmt = ctx.app.display.date_format.as_str();
    let want_h = (page.rows.len() * 2 + 5).min(u16::MAX as usize) as u16;
    let popup = layout::popup(area, area.width.saturating_sub(4).min(116), want_h);
    clear_popup(frame, popup);
    let block = ctx.block(s::review_last_title(lang), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    let open = page
        .rows
        .iter()
        .filter(|r| r.decision.state == DecisionState::Open)
        .count();
    let head = match page.previous {
        Some(p) => s::review_last_count(lang, &p.format(fmt).to_string(), open, page.rows.len()),
        None => s::labelled(lang, s::state_open(lang), &open.to_string()),
    };
    let mut lines = vec![Line::raw(ctx.fit(&head, w))];
    // Keep the selected decision on screen: rows of two lines under the head and above the keys.
    let room = (inner.height as usize).saturating_sub(3) / 2;
    let first = page.choice.saturating_sub(room.saturating_sub(1));
    let today = ctx.app.now.date_naive();
    for (i, row) in page.rows.iter().enumerate().skip(first).take(room.max(1)) {
        let d = &row.decision;
        let mut facts = vec![d.unit.clone()];
        if row.since > 0 {
            facts.push(s::review_since(lang, row.since));
        }
        if let Some(due) = d.due {
            facts.push(s::due_on(lang, &due.format(fmt).to_string()));
        }
        if d.state == DecisionState::Open {
            facts.push(match d.due.filter(|_| d.overdue(today)) {
                Some(due) => s::overdue_days(lang, (today - due).num_days()),
                None => s::age_days(lang, d.age(today)),
            });
        }
        for c in &d.carried {
            facts.push(s::review_carried(lang, &c.format(fmt).to_string()));
        }
        let task = crate::model::decision::id_task(&d.id).unwrap_or(0);
        if let Some(f) = ctx.app.followed.by_task.get(&task) {
            let v = crate::report::follow::View {
                lang,
                date_format: fmt,
                today,
            };
            facts.extend(crate::report::follow::extended(f, &d.id, &v));
            facts.extend(crate::report::follow::urged(f, &d.id, &v));
        }
        if !d.evidence.is_empty() {
            let evidence = crate::strings::common::evidence(lang);
            facts.push(s::labelled(lang, evidence, &d.evidence));
        }
        let mark = if i == page.choice { "▸" } else { " " };
        let first_line = format!("{mark} {} [{}] {}", d.id, s::state(lang, d.state), d.text);
        let style = if i == page.choice {
            ctx.theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(ctx.fit(&first_line, w), style));
        let facts: Vec<String> = facts.into_iter().filter(|f| !f.is_empty()).collect();
        let second = format!("    {} {} · {}", d.on, row.task_title, facts.join(" · "));
        lines.push(Line::raw(ctx.fit(&second, w)));
    }
    lines.push(Line::default());
    lines.push(hint_line(Vec::new(), hints(ctx, Mode::Decisions), w));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A decision as a row of the detail tree: id, state, text, owner unit and due date (逾期 in
/// red once passed); a done or dropped one dimmed.
pub fn tree_row(ctx: &Ctx, d: &Decision, width: usize) -> Vec<Span<'static>> {
    let lang = ctx.app.display.lang;
    let today = ctx.app.now.date_naive();
    let open = d.state == DecisionState::Open;
    let head = format!("{} [{}] ", d.id, s::state(lang, d.state));
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", crate::text::one_line(&d.unit))
    };
    let (due, due_style) = match d.due {
        Some(_) if open && d.overdue(today) => (
            format!(" {}", crate::strings::tui::late(lang)),
            ctx.theme.error(),
        ),
        Some(due) => (format!(" {}", due.format("%m-%d")), ctx.theme.dim()),
        None => (String::new(), Style::new()),
    };
    // Indentation (up to three levels) and the marker come before the text.
    let rest = width.saturating_sub(
        8 + crate::text::width(&head) + crate::text::width(&unit) + crate::text::width(&due),
    );
    let body = ctx.fit(&crate::text::one_line(&d.text), rest);
    if !open {
        let dim = ctx.theme.dim();
        return vec![Span::styled(head + &body + &unit + &due, dim)];
    }
    vec![
        Span::styled(head, ctx.theme.warn()),
        Span::raw(body),
        Span::styled(unit, ctx.theme.key()),
        Span::styled(due, due_style),
    ]
}

/// The info pane of a selected decision: its text, who answers for it, when it is due, the
/// meeting that made it, how it was closed, its extensions and urging.
pub fn info_lines(ctx: &Ctx, d: &Decision, width: usize) -> Vec<Line<'static>> {
    let lang = ctx.app.display.lang;
    let fmt = ctx.app.display.date_format.as_str();
    let today = ctx.app.now.date_naive();
    let mut lines = vec![Line::styled(
        ctx.fit(
            &s::tree_decision_heading(lang, &d.id, s::state(lang, d.state)),
            width,
        ),
        ctx.theme.title(),
    )];
    for l in crate::text::wrap(&ctx.sym.show(&d.text), width.max(2)) {
        lines.push(Line::raw(l));
    }
    let mut facts = Vec::new();
    if !d.unit.is_empty() {
        facts.push(s::labelled(lang, s::tree_unit(lang), &d.unit));
    }
    if let Some(due) = d.due {
        facts.push(s::due_on(lang, &due.format(fmt).to_string()));
    }
    facts.push(match d.meeting {
        Some(m) => s::meeting_on(lang, &m.format(fmt).to_string()),
        None => s::outside_meeting(lang).to_string(),
    });
    if let Some(due) = d.due.filter(|_| d.overdue(today)) {
        facts.push(s::overdue_days(lang, (today - due).num_days()));
    }
    if !d.closed_by.is_empty() {
        facts.push(s::labelled(lang, s::state(lang, d.state), &d.closed_by));
    }
    if !d.evidence.is_empty() {
        facts.push(s::labelled(
            lang,
            crate::strings::common::evidence(lang),
            &d.evidence,
        ));
    }
    if let Some(f) = ctx
        .app
        .followed
        .by_task
        .get(&crate::model::decision::id_task(&d.id).unwrap_or(0))
    {
        let v = crate::report::follow::View {
            lang,
            date_format: fmt,
            today,
        };
        facts.extend(crate::report::follow::extended(f, &d.id, &v));
        facts.extend(crate::report::follow::urged(f, &d.id, &v));
    }
    for f in facts.into_iter().filter(|f| !f.is_empty()) {
        lines.push(Line::styled(ctx.fit(&f, width), ctx.theme.dim()));
    }
    lines.push(Line::default());
    lines
}
