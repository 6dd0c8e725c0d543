//! The board: one column per status with its count, a two-line card per task (number and
//! title; progress bar, measures done, notes, days since the last change, overdue mark).

use super::{Ctx, fit_spans};
use crate::layout;
use crate::model::Summary;
use crate::present;
use crate::strings::tui as s;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(ctx: &Ctx, frame: &mut Frame, header: Rect, body: Rect) {
    let app = ctx.app;
    let cols = app.columns();
    render_header(ctx, frame, header, &cols);
    let rects = layout::columns(body, cols.len());
    let visible = layout::cards_visible(frame.area());
    for (i, (col, rect)) in cols.iter().zip(rects).enumerate() {
        let meta = &app.board.meta;
        let status = &meta.statuses[i];
        let name = meta.status_name(&status.key, app.display.lang.is_en());
        let focused = i == app.ui.column;
        let scroll = app.ui.scroll.get(i).copied().unwrap_or(0);
        let title = format!("{name} {}", col.len());
        let below = col.len().saturating_sub(scroll + visible);
        let mut more = String::new();
        if scroll > 0 {
            more.push_str(&format!(" ▴{scroll}"));
        }
        if below > 0 {
            more.push_str(&format!(" ▾{below}"));
        }
        // The focused column is marked by its title alone: a coloured border would cost a
        // style change on every row, twice per column switch, over SSH.
        let title_style = if focused {
            ctx.theme
                .status(meta, &status.key)
                .patch(ctx.theme.selected())
        } else {
            ctx.theme.status(meta, &status.key).patch(ctx.theme.title())
        };
        // Columns share their separators and have no bottom edge: a third of the border
        // bytes of full boxes on the first frame, which matters on a slow link.
        let borders = if i == 0 {
            Borders::TOP
        } else {
            Borders::TOP | Borders::LEFT
        };
        let mut block = Block::new()
            .borders(borders)
            .border_set(ctx.sym.columns)
            .title(Span::styled(
                format!(" {} ", ctx.sym.show(&title)),
                title_style,
            ));
        if !more.is_empty() {
            block = block.title(Line::styled(format!("{more} "), ctx.theme.dim()).right_aligned());
        }
        let inner = block.inner(rect);
        // One blank cell before the next column's separator.
        let inner = Rect {
            width: inner.width.saturating_sub(1),
            ..inner
        };
        frame.render_widget(block, rect);
        let mut lines = Vec::new();
        for n in col.iter().skip(scroll).take(visible) {
            if let Some(task) = app.summary(*n) {
                let selected = app.ui.selected == Some(*n) && focused;
                lines.extend(card(ctx, task, inner.width as usize, selected));
            }
        }
        if col.is_empty() {
            lines.push(Line::styled(s::empty_column(ctx.lang()), ctx.theme.dim()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn render_header(ctx: &Ctx, frame: &mut Frame, area: Rect, cols: &[Vec<u32>]) {
    let app = ctx.app;
    let meta = &app.board.meta;
    let today = app.now.date_naive();
    let done = app
        .summaries
        .iter()
        .filter(|t| meta.is_done(&t.status))
        .count();
    let overdue = app
        .summaries
        .iter()
        .filter(|t| t.overdue(meta, today))
        .count();
    let mut right = s::board_counts(ctx.lang(), app.summaries.len(), done, overdue);
    let warned = {
        use crate::model::schedule::{assess_summary, board_start};
        let start = board_start(meta);
        app.summaries
            .iter()
            .filter(|t| {
                assess_summary(t, meta, start, today, &app.thresholds)
                    .warning
                    .is_some()
            })
            .count()
    };
    if warned > 0 {
        right.push_str(&s::board_warned(ctx.lang(), warned));
    }
    let filter = app.ui.filter.text();
    if !filter.is_empty() {
        let shown: usize = cols.iter().map(Vec::len).sum();
        let query = ctx.sym.show(&text::one_line(filter)).into_owned();
        right = s::board_filter(ctx.lang(), &query, shown, &right);
    }
    let right = ctx.sym.show(&right).into_owned();
    let width = area.width as usize;
    let right_w = text::width(&right);
    let title_w = width.saturating_sub(right_w + 2);
    let title = ctx.fit(&meta.title, title_w);
    let pad = width.saturating_sub(text::width(&title) + right_w);
    let spans = vec![
        Span::styled(title, ctx.theme.title()),
        Span::raw(" ".repeat(pad)),
        Span::styled(
            right,
            if overdue > 0 {
                ctx.theme.warn()
            } else {
                ctx.theme.dim()
            },
        ),
    ];
    frame.render_widget(Paragraph::new(fit_spans(spans, width)), area);
}

/// The two lines of a task's card, `width` cells wide.
fn card(ctx: &Ctx, task: &Summary, width: usize, selected: bool) -> [Line<'static>; 2] {
    let app = ctx.app;
    let meta = &app.board.meta;
    let sel = if selected {
        ctx.theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let marker = if selected { "▸" } else { " " };
    let number = format!("{marker}{:>2} ", task.number);
    let title_w = width.saturating_sub(text::width(&number));
    let title = text::fit(&ctx.fit(&task.title, title_w), title_w);
    let first = Line::from(vec![
        Span::styled(number, sel.patch(ctx.theme.title())),
        Span::styled(title, sel),
    ]);

    let done = task.measures_done(meta);
    let total = task.measures();
    let bar_w = if width >= 22 { 6 } else { 4 };
    // A task marked done is complete whatever its measures say.
    let filled = if meta.is_done(&task.status) {
        bar_w
    } else {
        (done * bar_w + total / 2).checked_div(total).unwrap_or(0)
    };
    let (fill_style, empty_style, fill, empty) = ctx.theme.bar();
    let mut facts = format!(" {done}/{total}");
    if task.notes > 0 {
        facts.push_str(&s::card_notes(ctx.lang(), task.notes));
    }
    if let Some(at) = task.last_change {
        match present::days_since(at, app.now) {
            0 => facts.push_str(s::card_today(ctx.lang())),
            days => facts.push_str(&s::card_days(ctx.lang(), days)),
        }
    }
    let (mark, mark_style) = warning_mark(ctx, task, width >= 24);
    let rest_w = width.saturating_sub(1 + bar_w + text::width(&mark));
    let facts = text::fit(&facts, rest_w);
    let second = Line::from(vec![
        Span::styled(" ", sel),
        Span::styled(fill.repeat(filled), fill_style),
        Span::styled(empty.repeat(bar_w - filled), empty_style),
        Span::styled(facts, sel.patch(ctx.theme.dim())),
        Span::styled(mark, mark_style),
    ]);
    [first, second]
}

/// The card's warning: overdue (逾期) or the schedule warning (红/黄/蓝 预警), as a coloured
/// badge — or in brackets without colour.
fn warning_mark(ctx: &Ctx, task: &Summary, roomy: bool) -> (String, ratatui::style::Style) {
    use crate::model::schedule::{Warning, assess_summary, board_start};
    let app = ctx.app;
    let meta = &app.board.meta;
    let today = app.now.date_naive();
    let a = assess_summary(task, meta, board_start(meta), today, &app.thresholds);
    let word = match (a.overdue, a.warning) {
        (true, _) => s::late(ctx.lang()),
        (false, Some(Warning::Red)) => s::badge_red(ctx.lang()),
        (false, Some(Warning::Yellow)) => s::badge_yellow(ctx.lang()),
        (false, Some(Warning::Blue)) => s::badge_blue(ctx.lang()),
        (false, None) => return (String::new(), ratatui::style::Style::new()),
    };
    let word = if roomy || word.chars().count() == 1 {
        word
    } else {
        "!"
    };
    if ctx.theme.color {
        (
            format!(" {word}"),
            ctx.theme.badge(a.warning.unwrap_or(Warning::Red)),
        )
    } else {
        (format!("[{word}]"), ratatui::style::Style::new())
    }
}
