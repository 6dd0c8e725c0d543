//! Rendering: pure functions from `&App` to a frame. One module per screen, overlays drawn on
//! top in stack order. No IO, no state changes (the tree widget's scroll offset, kept in a
//! `RefCell`, is the one exception the widget's API imposes). Every piece of text from the
//! board passes through `Symbols::show` and is cut by display width before it is drawn.

mod board;
mod decisions;
mod detail;
mod filter;
mod overlays;
mod review;
mod review_facts;
mod stats;
pub mod style;

use crate::app::nav::Selected;
use crate::app::{App, Overlay, Screen};
use crate::keymap::{Action, Mode};
use crate::layout;
use crate::model::target_name;
use crate::strings::{Lang, keys, tui as s};
use crate::text;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use style::{Symbols, Theme};

/// What every render function needs besides the app.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub sym: Symbols,
}

impl Ctx<'_> {
    /// The language every word on screen is in (board text is shown as written).
    pub fn lang(&self) -> Lang {
        self.app.display.lang
    }

    /// A bordered block in the current symbol set, its title shown safely.
    pub fn block(&self, title: &str, focused: bool) -> Block<'static> {
        let style = if focused {
            self.theme.focus_border()
        } else {
            Style::new()
        };
        Block::bordered()
            .border_set(self.sym.border)
            .border_style(style)
            .title(Span::styled(format!(" {} ", self.sym.show(title)), style))
    }

    /// Board text ready to draw in `width` cells: cleaned, mapped, cut with `⋯`.
    pub fn fit(&self, s: &str, width: usize) -> String {
        text::truncate(&self.sym.show(&text::one_line(s)), width)
    }
}

/// Draw the whole screen; whatever a screen drew, no hostile character of board text reaches
/// the terminal (`sanitize::clean_buffer`).
pub fn render(app: &App, frame: &mut Frame) {
    render_screen(app, frame);
    crate::sanitize::clean_buffer(frame.buffer_mut());
}

fn render_screen(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let ctx = Ctx {
        app,
        theme: Theme {
            color: app.display.color,
        },
        sym: Symbols::new(app.display.wide),
    };
    if layout::too_small(area) {
        render_too_small(&ctx, frame, area);
        return;
    }
    let [header, body, hint] = layout::screen(area);
    match app.ui.screen {
        Screen::Board => board::render(&ctx, frame, header, body),
        Screen::Detail => detail::render(&ctx, frame, header, body),
        Screen::Review => review::render(&ctx, frame, header, body),
    }
    render_hint(&ctx, frame, hint);
    let top = app.ui.overlays.len().saturating_sub(1);
    for (i, overlay) in app.ui.overlays.iter().enumerate() {
        // Only what has the keyboard shows the caret.
        let focused = i == top;
        match overlay {
            Overlay::Help { scroll } => overlays::help(&ctx, frame, area, *scroll),
            Overlay::Stats => stats::overlay(&ctx, frame, area),
            Overlay::Editor(e) => overlays::editor(&ctx, frame, area, e, focused),
            Overlay::ConfirmDiscard => {
                overlays::confirm(&ctx, frame, area, s::discard_unsaved(ctx.lang()))
            }
            Overlay::ConfirmRemoveTarget { task, id } => {
                let label = app
                    .board
                    .task(*task)
                    .and_then(|t| t.target(id))
                    .map(|t| format!("{} {}", t.label, t.phrase))
                    .unwrap_or_default();
                let q = s::remove_target_q(ctx.lang(), &target_name(id), &label);
                overlays::confirm(&ctx, frame, area, &q);
            }
            Overlay::ConfirmValue {
                task, id, value, ..
            } => {
                // Short enough for the dialog at 80 columns; the CLI's warning says more.
                let goal = app
                    .board
                    .task(*task)
                    .and_then(|t| t.target(id))
                    .map(|t| format!("{}{}", crate::model::format_value(t.target), t.unit))
                    .unwrap_or_default();
                let (name, v) = (target_name(id), crate::model::format_value(*value));
                let q = s::implausible_value_q(ctx.lang(), &name, &v, &goal);
                overlays::confirm(&ctx, frame, area, &q);
            }
            Overlay::ConfirmRemoveNote { task, id } => {
                let first = app
                    .board
                    .task(*task)
                    .and_then(|t| t.notes.iter().find(|n| n.id == *id))
                    .map(|n| crate::text::first_line(&n.text))
                    .unwrap_or_default();
                // The note's start, short enough that the question ends on screen (the
                // dialog is 46 columns inside; the words around the note take 20).
                let first = crate::text::truncate(&first, 24);
                let q = s::remove_note_q(ctx.lang(), &first);
                overlays::confirm(&ctx, frame, area, &q);
            }
            Overlay::ConfirmFinish => {
                let left = app
                    .review
                    .as_ref()
                    .map_or(0, |r| r.order.len() - r.reviewed_count());
                let q = s::finish_unreviewed_q(ctx.lang(), left);
                overlays::confirm(&ctx, frame, area, &q);
            }
            Overlay::ReviewStart {
                choice,
                date,
                since,
            } => overlays::review_start(&ctx, frame, area, *choice, *date, *since),
            Overlay::Prompt { kind, buf } => overlays::prompt_line(&ctx, frame, hint, kind, buf),
            Overlay::Units {
                role,
                query,
                choice,
                ..
            } => overlays::units(&ctx, frame, area, *role, query, *choice),
            Overlay::QuickFilter { choice } => filter::menu(&ctx, frame, area, *choice),
            Overlay::Boards { choice, boards } => {
                filter::boards(&ctx, frame, area, *choice, boards)
            }
            Overlay::LastDecisions(page) => decisions::render(&ctx, frame, area, page),
        }
    }
}

fn render_too_small(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let msg = s::too_small(
        ctx.lang(),
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        area.width,
        area.height,
    );
    let line = text::truncate(&msg, area.width as usize);
    let y = area.y + area.height / 2;
    if area.height > 0 {
        frame.render_widget(
            Paragraph::new(line).style(ctx.theme.warn()),
            Rect::new(
                area.x,
                y.min(area.bottom().saturating_sub(1)),
                area.width,
                1,
            ),
        );
    }
}

/// The actions the hint bar offers on each screen, in order.
fn hint_actions(mode: Mode) -> &'static [Action] {
    use Action::*;
    match mode {
        Mode::Board | Mode::Global => &[
            Open,
            StatusNext,
            AddNote,
            Deadline,
            Lead,
            Review,
            QuickFilter,
            ClearFilters,
            SwitchBoard,
            Stats,
            Filter,
            Undo,
            Help,
            Quit,
        ],
        Mode::Detail => &[
            Toggle,
            DecisionDone,
            DecisionDrop,
            Extend,
            StatusNext,
            AddNote,
            Edit,
            RemoveTarget,
            Attach,
            Deadline,
            Lead,
            AddTarget,
            Undo,
            Back,
            Help,
        ],
        Mode::Editor => &[Save, NextField, Attach, Cancel],
        Mode::Filter => &[Yes, Cancel],
        Mode::Help => &[Back],
        Mode::Confirm => &[Yes, No],
        Mode::Review => &[
            NextItem,
            MarkReviewed,
            Conclusion,
            NextStep,
            Coordination,
            StatusNext,
            AddNote,
            Jump,
            NextWarned,
            Finish,
            MakeDecision,
            Back,
            Help,
        ],
        Mode::Choose => &[Down, Yes, Cancel],
        Mode::Prompt => &[Yes, Cancel],
        Mode::Picker => &[Down, Yes, Cancel],
        Mode::Filters => &[Yes, ClearFilters, Back],
        Mode::Decisions => &[DecisionDone, DecisionDrop, CarryOver, Extend, Yes],
    }
}

/// Hints that always show when the bar is too narrow for all of them: the way out and help.
fn has_priority(a: Action) -> bool {
    use Action::*;
    matches!(a, Help | Quit | Back | Cancel | Yes | No | Save)
}

/// One hint: `key word`, and whether it keeps its place on a narrow bar.
pub struct Hint {
    spans: [Span<'static>; 2],
    priority: bool,
}

impl Hint {
    fn width(&self) -> usize {
        self.spans.iter().map(|s| text::width(&s.content)).sum()
    }
}

/// The hints of a mode, in order, from the keymap in effect.
pub fn hints(ctx: &Ctx, mode: Mode) -> Vec<Hint> {
    let mut out = Vec::new();
    // Delete is offered where it applies: on a note or a target of the tree.
    // (A note or target just deleted may still hold the selection: no hint then.)
    let task = ctx.app.selected_task();
    let deletable = match ctx.app.selected_node() {
        Some(Selected::Note { id, .. }) => task.is_some_and(|t| t.notes.iter().any(|n| n.id == id)),
        Some(Selected::Target(id)) => task.is_some_and(|t| t.target(&id).is_some()),
        _ => false,
    };
    // Attach is offered on a note, and in the editor of a note.
    let on_note = match ctx.app.ui.overlays.last() {
        Some(crate::app::Overlay::Editor(e)) => matches!(
            e.target,
            crate::app::editor::EditTarget::New(_)
                | crate::app::editor::EditTarget::Existing { .. }
        ),
        _ => deletable && matches!(ctx.app.selected_node(), Some(Selected::Note { .. })),
    };
    // On a decision of the tree its own keys, instead of those of the task.
    let on_decision = matches!(ctx.app.selected_node(), Some(Selected::Decision(_)));
    let for_decision = |a: Action| {
        use Action::*;
        match a {
            DecisionDone | DecisionDrop | Extend => Some(true),
            StatusNext | Edit | Deadline | Lead | AddTarget => Some(false),
            _ => None,
        }
    };
    for a in hint_actions(mode) {
        if (*a == Action::RemoveTarget && !deletable) || (*a == Action::Attach && !on_note) {
            continue;
        }
        if mode == Mode::Detail && for_decision(*a).is_some_and(|d| d != on_decision) {
            continue;
        }
        if *a == Action::ClearFilters && !ctx.app.offers_clear_filters() {
            continue;
        }
        let Some(key) = ctx
            .app
            .keymap
            .keys(mode, *a)
            .first()
            .map(ToString::to_string)
        else {
            continue;
        };
        out.push(Hint {
            spans: [
                Span::styled(ctx.sym.show(&key).into_owned(), ctx.theme.key()),
                Span::raw(format!(" {}", keys::action_short(ctx.lang(), *a))),
            ],
            priority: has_priority(*a),
        });
    }
    out
}

/// `lead` (a message, a prompt and what was typed) and then as many of the hints as fit in
/// `width` cells, by display width: the hints with priority first, the others in order while
/// there is room, all shown in their own order.
pub fn hint_line(lead: Vec<Span<'static>>, hints: Vec<Hint>, width: usize) -> Line<'static> {
    const GAP: usize = 2;
    let lead_w: usize = lead.iter().map(|s| text::width(&s.content)).sum();
    let room = width.saturating_sub(lead_w);
    // Each hint costs its width and the gap before the next one; the last needs no gap.
    let cost = |h: &Hint| h.width() + GAP;
    let mut used: usize = hints.iter().filter(|h| h.priority).map(cost).sum();
    let mut keep: Vec<bool> = hints.iter().map(|h| h.priority).collect();
    if used > room + GAP {
        // Not even the priority hints fit: keep those that do, in order.
        used = 0;
        for (i, h) in hints.iter().enumerate() {
            keep[i] = h.priority && used + cost(h) <= room + GAP;
            used += if keep[i] { cost(h) } else { 0 };
        }
    }
    for (i, h) in hints.iter().enumerate() {
        if !keep[i] && used + cost(h) <= room + GAP {
            keep[i] = true;
            used += cost(h);
        }
    }
    let mut spans = lead;
    for (i, (h, _)) in hints.into_iter().zip(keep).filter(|(_, k)| *k).enumerate() {
        if i > 0 {
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        spans.extend(h.spans);
    }
    fit_spans(spans, width)
}

fn render_hint(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let app = ctx.app;
    let width = area.width as usize;
    if app.ui.filtering {
        overlays::filter_line(ctx, frame, area);
        return;
    }
    let mut spans = Vec::new();
    // A prompt draws its own line, with the message next to it.
    if let Some(m) = app
        .ui
        .message
        .as_ref()
        .filter(|_| app.mode() != Mode::Prompt)
    {
        spans.push(Span::styled(
            ctx.fit(&m.text, width.saturating_sub(2)),
            message_style(ctx, m),
        ));
        spans.push(Span::raw("  "));
    }
    let mode = match app.mode() {
        Mode::Filter => Mode::Board,
        m => m,
    };
    frame.render_widget(
        Paragraph::new(hint_line(spans, hints(ctx, mode), width)),
        area,
    );
}

pub fn message_style(ctx: &Ctx, m: &crate::app::Message) -> Style {
    if m.error {
        ctx.theme.error()
    } else {
        ctx.theme.ok()
    }
}

/// Cut a line of spans to `width` cells (by display width, never inside a character).
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = text::width(&s.content);
        if used + w > width {
            let rest = width.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(text::truncate(&s.content, rest), s.style));
            }
            break;
        }
        used += w;
        out.push(s);
    }
    Line::from(out)
}

/// Clear a popup's area, including the half of a wide character cut by its left edge
/// (ratatui issue 2526) and the orphaned right half of one cut by its right edge.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let buf: &mut Buffer = frame.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let cell = &mut buf[(area.left() - 1, y)];
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() {
            let cell = &mut buf[(area.right(), y)];
            if cell.symbol().is_empty() {
                cell.set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod edge_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;
