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
    let app = ctx.app;
    let f = &app.quick.filter;
    if f.is_empty() {
        return None;
    }
    let lang = app.display.lang;
    Some(format!(
        "{}{} {}",
        s::header_prefix(lang),
        f.label(&app.board.meta, lang),
        s::shown(lang, shown)
    ))
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
            let keys = |a| app.keymap.label(Mode::Filters, a);
            format!(
                "{}  {days}  {}/{}",
                s::facet_due(lang),
                keys(Action::Left),
                keys(Action::Right)
            )
        }
        MenuRow::Changed => s::changed(lang).to_string(),
        MenuRow::Unit(u) => format!("{}  {u}", s::facet_unit(lang)),
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
