//! The quick filters on screen: the header's `筛选：区旧改办 · 红` and the menu (`f`) that
//! sets them, a line per choice with its mark. Pure rendering.

use super::{Ctx, clear_popup, hint_line, hints};
use crate::app::MenuRow;
use crate::keymap::{Action, Mode};
use crate::layout;
use crate::strings::filters as s;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// `筛选：区旧改办 · 红 12 项`: the quick filter in effect and how many tasks show; none
/// when no quick filter is on.
pub fn header_label(ctx: &Ctx, shown: usize) -> Option<String> {
    let label = header_label_plain(ctx)?;
    Some(format!("{label} {}", s::shown(ctx.app.display.lang, shown)))
}

fn row_text(ctx: &Ctx, row: &MenuRow) -> String {
    let app = ctx.app;
    let lang = app.display.lang;
    let meta = &app.board.meta;
    match row {
        MenuRow::Status(k) => format!(
            "{}  {}",
            s::facet_status(lang),
            meta.status_name(k, lang.is_en())
        ),
        MenuRow::Warn(w) => format!("{}  {}", s::facet_warning(lang), s::warn_label(lang, *w)),
        MenuRow::Due => {
            let days = match app.quick.filter.due_within {
                Some(d) => s::due_within(lang, d),
                None => s::due_off(lang).to_string(),
            };
            // One key each way, an arrow where one is bound.
            let keys = |a| {
                let all = app.keymap.keys(Mode::Filters, a);
                let names: Vec<String> = all.iter().map(ToString::to_string).collect();
                names
                    .iter()
                    .find(|k| k.starts_with(['←', '→']))
                    .or(names.first())
                    .cloned()
                    .unwrap_or_default()
            };
            format!(
                "{}  {days}  {}/{}",
                s::facet_due(lang),
                keys(Action::Left),
                keys(Action::Right)
            )
        }
        MenuRow::Changed => s::changed(lang).to_string(),
        MenuRow::Unit(u) => format!("{}  {u}", s::facet_unit(lang)),
        MenuRow::Source(k) => format!("{}  {k}", crate::strings::follow::source_label(lang)),
    }
}

/// The menu: every status, warning, the deadline window, "changed", every unit.
pub fn menu(ctx: &Ctx, frame: &mut Frame, area: Rect, choice: usize) {
    let app = ctx.app;
    let rows = app.menu_rows();
    let popup = layout::popup(area, 48, (rows.len() as u16 + 4).clamp(8, area.height));
    clear_popup(frame, popup);
    let block = ctx.block(s::menu_title(app.display.lang), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    let visible = inner.height.saturating_sub(2) as usize;
    let choice = choice.min(rows.len().saturating_sub(1));
    let top = choice.saturating_sub(visible.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(top).take(visible) {
        let mark = match (i == choice, app.row_on(row)) {
            (true, true) => "▸[x] ",
            (true, false) => "▸[ ] ",
            (false, true) => " [x] ",
            (false, false) => " [ ] ",
        };
        let style = if i == choice {
            ctx.theme.selected()
        } else if app.row_on(row) {
            ctx.theme.title()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            ctx.fit(&format!("{mark}{}", row_text(ctx, row)), w),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let hint_y = inner.bottom().saturating_sub(1);
    frame.render_widget(
        Paragraph::new(hint_line(Vec::new(), hints(ctx, Mode::Filters), w)),
        Rect::new(inner.x, hint_y, inner.width, 1),
    );
}

/// The tree's title with the quick filter named: `措施与佐证 · 筛选：区旧改办`.
pub fn tree_title(ctx: &Ctx, title: &str) -> String {
    match header_label_plain(ctx) {
        Some(label) => format!("{title} · {label}"),
        None => title.to_string(),
    }
}

/// A measure of the tree that the quick filter leaves out is dimmed (and loses its colours);
/// one it keeps is drawn as it is. The tree keeps every measure, so nothing moves under the
/// selection.
pub fn mark_measure(
    ctx: &Ctx,
    m: &crate::model::Measure,
    spans: Vec<ratatui::text::Span<'static>>,
) -> Vec<ratatui::text::Span<'static>> {
    let app = ctx.app;
    let passes = app
        .quick
        .filter
        .matches_measure(m, &app.board.meta, app.now.date_naive());
    if passes != Some(false) {
        return spans;
    }
    spans
        .into_iter()
        .map(|s| ratatui::text::Span::styled(s.content, ctx.theme.dim()))
        .collect()
}

/// The review chooser's second line: the quick filter that narrows every choice (blank
/// without one), so the counts beside the choices are understood.
pub fn chooser_line(ctx: &Ctx) -> Line<'static> {
    match header_label_plain(ctx) {
        Some(label) => Line::styled(ctx.fit(&label, 56), ctx.theme.title()),
        None => Line::default(),
    }
}

fn header_label_plain(ctx: &Ctx) -> Option<String> {
    let app = ctx.app;
    let f = &app.quick.filter;
    (!f.is_empty()).then(|| {
        let lang = app.display.lang;
        format!(
            "{}{}",
            s::header_prefix(lang),
            f.label(&app.board.meta, lang)
        )
    })
}

/// The board picker (`B`): every board of the data directory with its title and size, the
/// one on screen and the config's default marked.
pub fn boards(
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
    choice: usize,
    boards: &[crate::app::BoardEntry],
) {
    let lang = ctx.app.display.lang;
    let popup = layout::popup(area, 76, (boards.len() as u16 + 4).clamp(6, area.height));
    clear_popup(frame, popup);
    let block = ctx.block(s::boards_title(lang), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    let visible = inner.height.saturating_sub(2) as usize;
    let top = choice.saturating_sub(visible.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, b) in boards.iter().enumerate().skip(top).take(visible) {
        let mark = if i == choice { "▸ " } else { "  " };
        // Which one is open and which is the default before the title, which may be cut.
        let mut text = format!("{mark}{}", b.name);
        if b.current {
            text.push_str(s::boards_current(lang));
        }
        if b.default {
            text.push_str(s::boards_default(lang));
        }
        text.push_str(&format!("  {}", b.title));
        if !b.broken {
            text.push_str(&format!("  ({})", b.tasks));
        }
        let style = if i == choice {
            ctx.theme.selected()
        } else if b.broken {
            ctx.theme.error()
        } else {
            Style::new()
        };
        lines.push(Line::styled(ctx.fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let hint_y = inner.bottom().saturating_sub(1);
    frame.render_widget(
        Paragraph::new(hint_line(Vec::new(), hints(ctx, Mode::Filters), w)),
        Rect::new(inner.x, hint_y, inner.width, 1),
    );
}

#[cfg(test)]
mod tests;
