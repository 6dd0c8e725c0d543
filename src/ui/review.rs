//! The weekly review screen: one task at a time, large enough for a projector — the task and
//! its status and progress, what changed since the previous review (status moves, notes,
//! target values, each with author and time), its targets, and what this meeting records
//! (conclusion, next step, needs coordination). Progress through the meeting in the header.

use super::{Ctx, fit_spans};
use crate::config;
use crate::model::review::{Review, ReviewItem, changes_since};
use crate::model::{Event, EventKind, Task};
use crate::present;
use crate::strings::{Lang, tui as s};
use crate::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(ctx: &Ctx, frame: &mut Frame, header: Rect, body: Rect) {
    let app = ctx.app;
    let Some(review) = app.review.as_ref() else {
        return;
    };
    render_header(ctx, frame, header, review);
    let Some(task) = review.current().and_then(|n| app.board.task(n)) else {
        let empty = s::review_empty(ctx.lang());
        frame.render_widget(Paragraph::new(ctx.fit(empty, body.width as usize)), body);
        return;
    };
    // Four lines about the task, and a fifth when it has follow-up (decisions, urging).
    let top_h = 4 + u16::from(app.follow_line(task.number).is_some());
    let [top, rest] = Layout::vertical([Constraint::Length(top_h), Constraint::Min(1)]).areas(body);
    render_task(ctx, frame, top, task);
    let (changes_area, record_area) = if rest.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(rest);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(rest);
        (a, b)
    };
    render_changes(ctx, frame, changes_area, task, review);
    render_record(ctx, frame, record_area, task, review.item(task.number));
}

fn render_header(ctx: &Ctx, frame: &mut Frame, area: Rect, review: &Review) {
    let en = ctx.app.display.lang.is_en();
    let total = review.order.len();
    let at = if total == 0 { 0 } else { review.position + 1 };
    let lang = ctx.lang();
    let since = match review.since {
        Some(at) => s::last_review(
            lang,
            &config::to_display(at, ctx.app.display.offset)
                .format("%m-%d %H:%M")
                .to_string(),
        ),
        None => s::first_review(lang).to_string(),
    };
    let state = match review.finished {
        Some(_) => s::review_finished(lang),
        None => "",
    };
    let spans = vec![
        Span::styled(
            s::review_heading(lang, &review.date.format("%Y-%m-%d").to_string()),
            ctx.theme.title(),
        ),
        Span::styled(format!("{at}/{total}"), ctx.theme.selected()),
        Span::raw(
            ctx.sym
                .show(&s::review_progress(
                    lang,
                    review.reviewed_count(),
                    review.scope.words(en),
                    &since,
                    state,
                ))
                .into_owned(),
        ),
    ];
    frame.render_widget(Paragraph::new(fit_spans(spans, area.width as usize)), area);
}

fn render_task(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task) {
    let app = ctx.app;
    let meta = &app.board.meta;
    let en = app.display.lang.is_en();
    let w = area.width as usize;
    let status = meta.status_name(&task.status, en);
    let head = format!("{}  ", task.number);
    let title_w = w.saturating_sub(text::width(&head) + text::width(status) + 4);
    let done = task.measures_done(meta);
    let total = task.measures.len();
    let bar_w = 20.min(w / 4);
    let filled = if meta.is_done(&task.status) {
        bar_w
    } else {
        (done * bar_w + total / 2).checked_div(total).unwrap_or(0)
    };
    let (fs, es, f, e) = ctx.theme.bar();
    let lang = ctx.lang();
    let mut facts = s::review_facts(lang, done, total, task.notes.len());
    if let Some(d) = task.deadline {
        facts.push_str(&s::review_due(lang, &d.format("%Y-%m-%d").to_string()));
    }
    if !task.lead.is_empty() {
        facts.push_str(&s::review_lead(lang, &task.lead.join(s::list_sep(lang))));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(head, ctx.theme.title()),
            Span::styled(ctx.fit(&task.title, title_w), ctx.theme.title()),
            Span::raw("  "),
            Span::styled(
                format!("[{status}]"),
                ctx.theme
                    .status(meta, &task.status)
                    .patch(ctx.theme.title()),
            ),
        ]),
        super::review_facts::schedule_line(ctx, task, w),
        Line::from(vec![
            Span::styled(f.repeat(filled), fs),
            Span::styled(e.repeat(bar_w - filled), es),
            Span::raw(ctx.fit(&facts, w.saturating_sub(bar_w))),
        ]),
        super::review_facts::partners_line(ctx, task, w),
    ];
    if app.follow_line(task.number).is_some() {
        lines.insert(2, super::decisions::follow_line(ctx, task.number, w));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// One change as a line: time, author, what, and for a note its text in full.
fn change_line(ctx: &Ctx, task: &Task, e: &Event) -> String {
    let app = ctx.app;
    let at = config::to_display(e.at, app.display.offset).format("%m-%d %H:%M");
    let what = present::describe(e, &app.board.meta, app.display.lang);
    let note = match (e.kind, e.note.as_deref()) {
        (EventKind::NoteAdded | EventKind::NoteEdited, Some(id)) => task
            .notes
            .iter()
            .find(|n| n.id == id)
            .map(|n| s::change_note(ctx.lang(), &text::sanitize(&n.text)))
            .unwrap_or_default(),
        _ => String::new(),
    };
    format!("{at} {} {what}{note}", text::one_line(&e.author))
}

fn render_changes(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task, review: &Review) {
    let changes = changes_since(task, review.since);
    let title = s::changes_since_title(ctx.lang(), changes.len());
    let block = ctx.block(&title, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if changes.is_empty() {
        lines.push(Line::styled(s::no_changes(ctx.lang()), ctx.theme.dim()));
    }
    for e in changes.iter().rev() {
        for (i, l) in text::wrap(
            &ctx.sym.show(&change_line(ctx, task, e)),
            w.saturating_sub(2),
        )
        .into_iter()
        .enumerate()
        {
            let lead = if i == 0 {
                ctx.sym.show("• ")
            } else {
                "  ".into()
            };
            lines.push(Line::raw(format!("{lead}{l}")));
        }
    }
    lines.extend(super::review_facts::detail_lines(ctx, task, w));
    let scroll = ctx
        .app
        .ui
        .review_scroll
        .min(lines.len().saturating_sub(inner.height as usize));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn render_record(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task, item: Option<&ReviewItem>) {
    let lang = ctx.lang();
    let block = ctx.block(s::record_title(lang), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let empty = s::not_filled(lang);
    let field = |lines: &mut Vec<Line>, label: &str, value: &str, key_style: Style| {
        let label = s::field_label(lang, label);
        let value = if value.is_empty() { empty } else { value };
        let wrapped = text::wrap(
            &ctx.sym.show(value),
            w.saturating_sub(text::width(&label)).max(4),
        );
        let pad = " ".repeat(text::width(&label));
        for (i, l) in wrapped.into_iter().enumerate() {
            let head = if i == 0 { label.clone() } else { pad.clone() };
            lines.push(Line::from(vec![
                Span::styled(head, key_style),
                Span::raw(l),
            ]));
        }
    };
    let item = item.cloned().unwrap_or_default();
    let key = ctx.theme.key();
    field(&mut lines, s::conclusion(lang), &item.conclusion, key);
    let next = with_owner(lang, &item.next_step, &item.owner, item.due);
    field(&mut lines, s::next_step(lang), &next, key);
    let coordination = match &item.coordination {
        Some(c) => with_owner(lang, c, &item.coordination_owner, item.coordination_due),
        None => String::new(),
    };
    let style = if coordination.is_empty() {
        key
    } else {
        ctx.theme.warn()
    };
    field(&mut lines, s::coordination(lang), &coordination, style);
    lines.push(Line::default());
    let state = if item.reviewed {
        Span::styled(s::reviewed(lang), ctx.theme.ok())
    } else {
        Span::styled(s::not_reviewed(lang), ctx.theme.dim())
    };
    lines.push(Line::from(state));
    if !task.targets.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(s::targets(lang), ctx.theme.title()));
    }
    for t in &task.targets {
        let pct = present::target_percent(t)
            .map(|p| format!(" {}", present::percent(p)))
            .unwrap_or_default();
        let s = format!(
            "{} {}{pct}",
            text::one_line(&t.label),
            present::target_progress(t)
        );
        lines.push(Line::raw(ctx.fit(&s, w)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text（owner，date）`, or the text alone when neither is set.
fn with_owner(lang: Lang, text: &str, owner: &str, due: Option<chrono::NaiveDate>) -> String {
    let who: Vec<String> = [
        Some(owner.to_string()).filter(|o| !o.is_empty()),
        due.map(|d| d.format("%Y-%m-%d").to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    match who.is_empty() {
        true => text.to_string(),
        false => s::with_owner(lang, text, &who.join(s::clause_sep(lang))),
    }
}
