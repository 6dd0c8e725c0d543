//! Drawn on top of a screen: the help overlay (generated from the keymap), the note editor
//! (the caret is the terminal's own cursor, so an IME candidate window follows it), the
//! discard confirmation, and the filter line.

use super::{Ctx, clear_popup, hint_line, hints, message_style};
use crate::app::editor::{EditTarget, Editor, Field};
use crate::app::textbuf::TextBuf;
use crate::app::{PromptKind, UnitRole};
use crate::keymap::Mode;
use crate::layout;
use crate::strings::{keys, tui as s};
use crate::text;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn help(ctx: &Ctx, frame: &mut Frame, area: Rect, scroll: usize) {
    let popup = layout::popup(
        area,
        area.width.saturating_sub(4).min(118),
        area.height.saturating_sub(2),
    );
    clear_popup(frame, popup);
    let mut block = ctx.block(s::help_title(ctx.lang()), true);
    let inner = block.inner(popup);
    // Sections flow into as many columns of `COL` cells as fit; one column scrolls.
    const COL: u16 = 54;
    let ncols = (inner.width / COL).max(1);
    let key_w = 18;
    let desc_w = (inner.width / ncols) as usize - key_w - 3;
    let mut sections: Vec<Vec<Line>> = Vec::new();
    for mode in Mode::ALL {
        let bindings = ctx.app.keymap.bindings(mode);
        if bindings.is_empty() {
            continue;
        }
        let mut lines = vec![Line::styled(
            keys::mode_title(ctx.lang(), mode),
            ctx.theme.title(),
        )];
        let nstatus = ctx.app.board.meta.statuses.len();
        for (action, keys) in bindings {
            if action.status_column().is_some_and(|c| c >= nstatus) {
                continue;
            }
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(text::fit(&ctx.sym.show(&keys), key_w), ctx.theme.key()),
                Span::raw(format!(
                    " {}",
                    text::truncate(keys::action_long(ctx.lang(), action), desc_w)
                )),
            ]));
        }
        lines.push(Line::default());
        sections.push(lines);
    }
    let height = inner.height as usize;
    let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
    for sec in sections {
        let room = columns.len() < ncols as usize;
        let last = columns.last_mut().expect("one column");
        if !last.is_empty() && last.len() + sec.len() > height && room {
            columns.push(sec);
        } else {
            last.extend(sec);
        }
    }
    let longest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let scroll = scroll.min(longest.saturating_sub(height));
    if longest > scroll + height {
        block = block.title_bottom(
            Line::styled(s::help_scroll(ctx.lang()), ctx.theme.dim()).right_aligned(),
        );
    }
    frame.render_widget(block, popup);
    let col_w = inner.width / ncols;
    for (i, col) in columns.into_iter().enumerate() {
        let rect = Rect::new(inner.x + i as u16 * col_w, inner.y, col_w, inner.height);
        let shown: Vec<Line> = col.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(shown), rect);
    }
}

/// The note editor; `focused` when nothing is open on top of it (only then the caret shows).
pub fn editor(ctx: &Ctx, frame: &mut Frame, area: Rect, e: &Editor, focused: bool) {
    let (popup, text_area, ref_area) = layout::editor(area);
    clear_popup(frame, popup);
    let block = ctx.block(&editor_title(ctx, &e.target), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let head_area = Rect::new(inner.x, inner.y, inner.width, 1);
    let about = editor_context(ctx, &e.target);
    frame.render_widget(
        Paragraph::new(Line::styled(
            ctx.fit(&about, inner.width as usize),
            ctx.theme.dim(),
        )),
        head_area,
    );
    let second = e.target.second_field();
    // Without a second field the text takes its room too.
    let text_area = match second {
        Some(_) => text_area,
        None => Rect {
            height: ref_area.bottom() - text_area.y,
            ..text_area
        },
    };
    let focus_text = e.field == Field::Text;
    frame.render_widget(
        ctx.block(s::editor_text(ctx.lang()), focus_text),
        layout_block(text_area),
    );
    let caret_text = field(ctx, frame, text_area, &e.text);
    let mut caret = caret_text;
    if second.is_some() {
        let title = match e.target {
            EditTarget::NextStep(_) | EditTarget::Coordination(_) => {
                s::editor_owner_date(ctx.lang())
            }
            _ => s::editor_reference(ctx.lang()),
        };
        frame.render_widget(ctx.block(title, !focus_text), layout_block(ref_area));
        let caret_ref = field(ctx, frame, ref_area, &e.reference);
        if !focus_text {
            caret = caret_ref;
        }
    }
    if focused {
        frame.set_cursor_position(caret);
    }
}

fn editor_title(ctx: &Ctx, target: &EditTarget) -> String {
    let lang = ctx.lang();
    match target {
        EditTarget::New(item) => s::editor_new_note(lang, item),
        EditTarget::Existing { task, .. } => s::editor_edit_note(lang, *task),
        EditTarget::Conclusion(t) => s::editor_conclusion(lang, *t),
        EditTarget::NextStep(t) => s::editor_next_step(lang, *t),
        EditTarget::Coordination(t) => s::editor_coordination(lang, *t),
    }
}

/// A line above the text saying what it is about: the measure's text or the task's title.
fn editor_context(ctx: &Ctx, target: &EditTarget) -> String {
    let task = ctx.app.board.task(target.task());
    match target {
        EditTarget::New(item) if item.sub.is_some() => task
            .and_then(|t| t.measure(&item.to_string()))
            .map(|m| m.text.clone()),
        _ => task.map(|t| t.title.clone()),
    }
    .unwrap_or_default()
}

/// The block around a field's inner area.
fn layout_block(inner: Rect) -> Rect {
    Rect::new(
        inner.x.saturating_sub(1),
        inner.y.saturating_sub(1),
        inner.width + 2,
        inner.height + 2,
    )
}

/// Draw a text field's visible rows; returns where its caret is on screen.
fn field(ctx: &Ctx, frame: &mut Frame, area: Rect, buf: &TextBuf) -> Position {
    let width = area.width as usize;
    let rows = buf.layout(width);
    let (row, col) = buf.caret_in(&rows);
    let height = area.height.max(1) as usize;
    let top = row.saturating_sub(height - 1);
    let lines: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| Line::raw(ctx.sym.show(buf.row_text(*r)).into_owned()))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    // In wide mode the mapped text can differ in width: measure what is drawn.
    let shown_col = if ctx.sym.wide {
        let r = rows[row];
        let before = &buf.text()[r.start..buf.caret_byte().max(r.start)];
        text::width(&ctx.sym.show(before))
    } else {
        col
    };
    Position::new(
        area.x + (shown_col as u16).min(area.width.saturating_sub(1)),
        area.y + (row - top) as u16,
    )
}

/// A yes/no question in a small popup.
pub fn confirm(ctx: &Ctx, frame: &mut Frame, area: Rect, question: &str) {
    let popup = layout::popup(area, 48, 5);
    clear_popup(frame, popup);
    let block = ctx.block(s::confirm_title(ctx.lang()), true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let lines = vec![
        Line::styled(ctx.fit(question, inner.width as usize), ctx.theme.warn()),
        Line::default(),
        hint_line(Vec::new(), hints(ctx, Mode::Confirm), inner.width as usize),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Which tasks a new review walks: the four choices with how many tasks each has.
pub fn review_start(
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
    choice: usize,
    date: chrono::NaiveDate,
    since: Option<chrono::DateTime<chrono::FixedOffset>>,
) {
    use crate::model::review::ReviewScope;
    let app = ctx.app;
    let en = app.display.lang.is_en();
    let popup = layout::popup(area, 60, ReviewScope::ALL.len() as u16 + 6);
    clear_popup(frame, popup);
    let title = s::review_start_title(ctx.lang(), &date.format("%Y-%m-%d").to_string());
    let block = ctx.block(&title, true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut lines = vec![
        Line::raw(s::review_goes_through(ctx.lang())),
        super::filter::chooser_line(ctx),
    ];
    for (i, scope) in ReviewScope::ALL.iter().enumerate() {
        let n = app.scope_count(*scope, since);
        let mark = if i == choice { "▸" } else { " " };
        let text = s::scope_choice(ctx.lang(), mark, scope.words(en), n);
        let style = if i == choice {
            ctx.theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(ctx.fit(&text, inner.width as usize), style));
    }
    lines.push(Line::default());
    lines.push(hint_line(
        Vec::new(),
        hints(ctx, Mode::Choose),
        inner.width as usize,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A one-line prompt at the bottom (jump to, deadline, value, new target, closing reason),
/// with the caret.
pub fn prompt_line(ctx: &Ctx, frame: &mut Frame, area: Rect, kind: &PromptKind, buf: &TextBuf) {
    let lang = ctx.lang();
    let label = match kind {
        PromptKind::Jump => s::prompt_jump(lang).to_string(),
        PromptKind::AttachFile(_) => crate::strings::files::prompt(lang).to_string(),
        PromptKind::Deadline(item) => s::prompt_deadline(lang, item),
        PromptKind::TargetValue { id, .. } => s::prompt_value(lang, &crate::model::target_name(id)),
        PromptKind::AddTarget(task) => s::prompt_add_target(lang, *task),
        PromptKind::CloseReason { item, .. } => s::prompt_close_reason(lang, item),
        PromptKind::ExtensionReason { item, from, .. } => {
            crate::strings::follow::extension_question(
                lang,
                &item.to_string(),
                &from.format("%Y-%m-%d").to_string(),
            )
        }
        other => ctx.app.follow_prompt_label(other).unwrap_or_default(),
    };
    let label = ctx.sym.show(&label).into_owned();
    // A long path shows its end, where it is typed and completed.
    let room = (area.width as usize).saturating_sub(text::width(&label) + 2);
    let tail = match kind {
        PromptKind::AttachFile(_) => crate::app::attach::tail(&ctx.sym.show(buf.text()), room),
        _ => None,
    };
    let spans = vec![
        Span::styled(label.clone(), ctx.theme.key()),
        Span::raw(
            tail.clone()
                .unwrap_or_else(|| ctx.sym.show(buf.text()).into_owned()),
        ),
        Span::raw("  "),
    ];
    // The prompt owns its whole line: nothing of the hint bar under it stays visible.
    frame.render_widget(Clear, area);
    let line = hint_line(spans, hints(ctx, Mode::Prompt), area.width as usize);
    frame.render_widget(Paragraph::new(line), area);
    // Why the answer was refused (or what the prompt is for), on the line just above it.
    if let Some(m) = &ctx.app.ui.message
        && area.y > 0
    {
        let above = Rect::new(area.x, area.y - 1, area.width, 1);
        super::clear_popup(frame, above);
        let text = ctx.fit(&m.text, area.width as usize);
        frame.render_widget(
            Paragraph::new(Line::styled(text, message_style(ctx, m))),
            above,
        );
    }
    let typed = match &tail {
        Some(t) => t.clone(),
        None => ctx.sym.show(&buf.text()[..buf.caret_byte()]).into_owned(),
    };
    let x = text::width(&label) + text::width(&typed);
    frame.set_cursor_position(Position::new(
        area.x + (x as u16).min(area.width.saturating_sub(1)),
        area.y,
    ));
}

/// The unit picker: what was typed, and the matching configured units.
pub fn units(
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
    role: UnitRole,
    query: &TextBuf,
    choice: usize,
) {
    let choices = ctx.app.unit_choices(query.text());
    let popup = layout::popup(area, 50, (choices.len() as u16 + 6).clamp(8, area.height));
    clear_popup(frame, popup);
    let title = match role {
        UnitRole::Lead => s::picker_lead(ctx.lang()),
        UnitRole::Partner => s::picker_partners(ctx.lang()),
    };
    let block = ctx.block(title, true);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    let prompt = s::picker_narrow(ctx.lang());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(prompt, ctx.theme.key()),
            Span::raw(ctx.sym.show(query.text()).into_owned()),
        ]),
        Line::default(),
    ];
    let visible = inner.height.saturating_sub(4) as usize;
    let top = choice.saturating_sub(visible.saturating_sub(1));
    for (i, u) in choices.iter().enumerate().skip(top).take(visible) {
        let mark = if i == choice { "▸ " } else { "  " };
        let style = if i == choice {
            ctx.theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(ctx.fit(&format!("{mark}{u}"), w), style));
    }
    if choices.is_empty() {
        lines.push(Line::styled(s::picker_empty(ctx.lang()), ctx.theme.dim()));
    }
    let hint_y = inner.bottom().saturating_sub(1);
    frame.render_widget(Paragraph::new(lines), inner);
    frame.render_widget(
        Paragraph::new(hint_line(Vec::new(), hints(ctx, Mode::Picker), w)),
        Rect::new(inner.x, hint_y, inner.width, 1),
    );
    let x = text::width(prompt) + text::width(&ctx.sym.show(&query.text()[..query.caret_byte()]));
    frame.set_cursor_position(Position::new(
        inner.x + (x as u16).min(inner.width.saturating_sub(1)),
        inner.y,
    ));
}

/// The filter line at the bottom, with the caret and the number of matching tasks.
pub fn filter_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let app = ctx.app;
    let query = ctx.sym.show(app.ui.filter.text()).into_owned();
    let shown: usize = app.columns().iter().map(Vec::len).sum();
    let prompt = "/";
    let count = s::filter_count(ctx.lang(), shown);
    let spans = vec![
        Span::styled(prompt, ctx.theme.key()),
        Span::raw(query.clone()),
        Span::styled(count, ctx.theme.dim()),
    ];
    let line = hint_line(spans, hints(ctx, Mode::Filter), area.width as usize);
    frame.render_widget(Paragraph::new(line), area);
    let before = &app.ui.filter.text()[..app.ui.filter.caret_byte()];
    let x = text::width(prompt) + text::width(&ctx.sym.show(before));
    frame.set_cursor_position(Position::new(
        area.x + (x as u16).min(area.width.saturating_sub(1)),
        area.y,
    ));
}
