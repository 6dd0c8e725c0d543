//! Charts, for those who would rather look than read: the board's overall gauges (tasks and
//! measures done), tasks per status and per schedule class as bars (`i` on the board), and a
//! task's progress over time as a sparkline in its detail. ratatui's own widgets; in "wide"
//! mode the bars are drawn with ASCII so that no ambiguous-width block reaches the terminal.

use super::{Ctx, clear_popup, hint_line, hints};
use crate::keymap::Mode;
use crate::layout;
use crate::model::schedule::{Class, assess_summary, board_start};
use crate::strings::tui as s;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols;
use ratatui::text::Line;
use ratatui::text::Span;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

/// Bars from ASCII for terminals that draw block elements two cells wide.
const ASCII_BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

fn bar_set(ctx: &Ctx) -> symbols::bar::Set<'static> {
    if ctx.sym.wide {
        ASCII_BARS
    } else {
        symbols::bar::NINE_LEVELS
    }
}

/// A gauge as one line: a bar of coloured blanks (or `#` without colour) and its label.
/// ratatui's `Gauge` fills with block elements, which are ambiguous-width.
fn gauge(ctx: &Ctx, label: String, done: usize, total: usize, width: u16) -> Line<'static> {
    let pct = match total {
        0 => 0.0,
        t => done as f64 * 100.0 / t as f64,
    };
    let label = s::gauge_label(ctx.lang(), &label, &crate::present::percent(pct));
    let bar_w = (width as usize)
        .saturating_sub(crate::text::width(&label))
        .min(40);
    let filled = (done * bar_w).checked_div(total).unwrap_or(0);
    let (fs, es, f, e) = ctx.theme.bar();
    Line::from(vec![
        Span::styled(f.repeat(filled), fs),
        Span::styled(e.repeat(bar_w - filled), es),
        Span::raw(ctx.sym.show(&label).into_owned()),
    ])
}

/// The statistics overlay (`i` on the board).
pub fn overlay(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let app = ctx.app;
    let meta = &app.board.meta;
    let en = app.display.lang.is_en();
    let popup = layout::popup(area, 76, 20.min(area.height));
    clear_popup(frame, popup);
    let block = ctx.block(s::stats_title(ctx.lang()), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [g1, g2, _, charts, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(inner);
    let tasks = &app.summaries;
    let done = tasks.iter().filter(|t| meta.is_done(&t.status)).count();
    let measures: usize = tasks.iter().map(|t| t.measures()).sum();
    let measures_done: usize = tasks.iter().map(|t| t.measures_done(meta)).sum();
    let tasks_label = s::tasks_done(ctx.lang(), done, tasks.len());
    let gauge1 = gauge(ctx, tasks_label, done, tasks.len(), g1.width);
    frame.render_widget(Paragraph::new(gauge1), g1);
    let measures_label = s::measures_done(ctx.lang(), measures_done, measures);
    let gauge2 = gauge(ctx, measures_label, measures_done, measures, g2.width);
    frame.render_widget(Paragraph::new(gauge2), g2);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    let per_status: Vec<Bar> = meta
        .statuses
        .iter()
        .map(|s| {
            let n = tasks.iter().filter(|t| t.status == s.key).count() as u64;
            Bar::default()
                .value(n)
                .label(Line::from(
                    ctx.sym.show(meta.status_name(&s.key, en)).into_owned(),
                ))
                .style(ctx.theme.status(meta, &s.key))
        })
        .collect();
    let today = app.now.date_naive();
    let start = board_start(meta);
    let classes: Vec<Bar> = Class::ALL
        .iter()
        .map(|c| {
            let n = tasks
                .iter()
                .filter(|t| assess_summary(t, meta, start, today, &app.thresholds).class == *c)
                .count() as u64;
            Bar::default()
                .value(n)
                .label(Line::from(ctx.sym.show(c.words(en)).into_owned()))
        })
        .collect();
    for (rect, title, bars) in [
        (left, s::tasks_per_status(ctx.lang()), per_status),
        (right, s::against_schedule(ctx.lang()), classes),
    ] {
        let width = ((rect.width.saturating_sub(2) / bars.len().max(1) as u16).saturating_sub(1))
            .clamp(3, 10);
        let chart = BarChart::default()
            .block(ctx.block(title, false))
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_set(bar_set(ctx))
            .direction(Direction::Vertical);
        frame.render_widget(chart, rect);
    }
    frame.render_widget(
        Paragraph::new(hint_line(
            Vec::new(),
            hints(ctx, Mode::Help),
            hint.width as usize,
        )),
        hint,
    );
}

/// A task's measures done, week by week from the board's start to today.
pub fn sparkline<'a>(ctx: &Ctx, data: &'a [u64]) -> Sparkline<'a> {
    Sparkline::default()
        .data(data)
        .bar_set(bar_set(ctx))
        .style(if ctx.theme.color {
            Style::new().fg(Color::Green)
        } else {
            Style::new()
        })
}
