//! The detail screen: the task as a tree (task → measures → evidence notes) beside or above an
//! information pane (the selected item's full text, the task's targets with progress bars, its
//! recent history). CJK text is wrapped by `text::wrap`, never by ratatui.

use super::{Ctx, fit_spans};
use crate::app::Pane;
use crate::app::nav::{self, Node, Selected};
use crate::config;
use crate::layout;
use crate::model::{Note, Target, Task};
use crate::present;
use crate::strings::tui as s;
use crate::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_tree_widget::Tree;

pub fn render(ctx: &Ctx, frame: &mut Frame, header: Rect, body: Rect) {
    let app = ctx.app;
    let Some(task) = app.selected_task() else {
        return;
    };
    render_header(ctx, frame, header, task);
    let (tree_area, info_area) = layout::detail(body);
    render_tree(ctx, frame, tree_area, task);
    render_info(ctx, frame, info_area, task);
}

fn render_header(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task) {
    let meta = &ctx.app.board.meta;
    let status = meta.status_name(&task.status, ctx.app.display.lang.is_en());
    let spans = vec![
        Span::styled(format!("{} ", task.number), ctx.theme.title()),
        Span::styled(ctx.fit(&task.title, area.width as usize), ctx.theme.title()),
        Span::raw("  "),
        Span::styled(format!("[{status}]"), ctx.theme.status(meta, &task.status)),
        Span::styled(
            s::detail_counts(
                ctx.lang(),
                task.measures_done(meta),
                task.measures.len(),
                task.notes.len(),
            ),
            ctx.theme.dim(),
        ),
    ];
    let mut spans = spans;
    if !task.group.is_empty() {
        // The section headings an imported list put the task under (`一、稳增长 › （一）…`),
        // last, so a narrow screen cuts them first.
        let path: Vec<String> = task.group.iter().map(|g| text::one_line(g)).collect();
        spans.push(Span::styled(
            format!("  {}", path.join(" › ")),
            ctx.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(fit_spans(spans, area.width as usize)), area);
}

fn when(ctx: &Ctx, n: &Note) -> String {
    config::to_display(n.at, ctx.app.display.offset)
        .format("%m-%d %H:%M")
        .to_string()
}

fn render_tree(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task) {
    let app = ctx.app;
    let meta = &app.board.meta;
    let en = app.display.lang.is_en();
    let focused = app.ui.pane == Pane::Tree;
    let title = super::filter::tree_title(ctx, s::tree_title(ctx.lang()));
    let block = ctx.block(&title, focused);
    // Room for the text after indentation (2 per level) and the open/closed marker.
    let inner_w = block.inner(area).width as usize;
    let near = rows_near_view(app, task, area.height as usize);
    let opened = app.ui.tree.borrow().opened().clone();
    let items = nav::tree_items(task, app.decisions_of(task.number), &opened, &|node| {
        let spans: Vec<Span<'static>> = match node {
            Node::Task(t) => {
                let st = meta.status_name(&t.status, en);
                let head = format!("{} [{st}] ", t.number);
                let rest = inner_w.saturating_sub(2 + text::width(&head));
                vec![
                    Span::styled(head, ctx.theme.status(meta, &t.status)),
                    Span::styled(ctx.fit(&t.title, rest), ctx.theme.title()),
                ]
            }
            Node::Measure(m) => {
                let st = meta.status_name(&m.status, en);
                let n = task.notes_on(&m.id).count();
                let count = if n > 0 {
                    format!(" ({n})")
                } else {
                    String::new()
                };
                let head = format!("{} [{st}] ", m.id);
                // A measure's deadline in the tree: its date, or 逾期 in red once passed.
                let (due, due_style) = match m.deadline {
                    Some(d) if d < app.now.date_naive() && !meta.is_done(&m.status) => {
                        (format!(" {}", s::late(ctx.lang())), ctx.theme.error())
                    }
                    Some(d) => (format!(" {}", d.format("%m-%d")), ctx.theme.dim()),
                    None => (String::new(), Style::new()),
                };
                let rest = inner_w.saturating_sub(
                    4 + text::width(&head) + text::width(&count) + text::width(&due),
                );
                let spans = vec![
                    Span::styled(head, ctx.theme.status(meta, &m.status)),
                    Span::raw(ctx.fit(&m.text, rest)),
                    Span::styled(count, ctx.theme.dim()),
                    Span::styled(due, due_style),
                ];
                super::filter::mark_measure(ctx, m, spans)
            }
            Node::Targets(t) => vec![Span::styled(
                s::targets_count(ctx.lang(), t.targets.len()),
                ctx.theme.title(),
            )],
            Node::Target(t) => {
                let s = format!(
                    "{} {} {}",
                    t.name(),
                    text::one_line(&t.label),
                    present::target_progress(t)
                );
                vec![Span::raw(ctx.fit(&s, inner_w.saturating_sub(8)))]
            }
            Node::Decision(d) => super::decisions::tree_row(ctx, d, inner_w),
            Node::Note(n) if !near.contains(n.id.as_str()) => return Line::default(),
            Node::Note(n) => {
                let depth = if n.on.is_some() { 4 } else { 2 };
                let mut s = note_summary(ctx, n);
                if !n.files.is_empty() {
                    let label = crate::strings::files::files_label(ctx.app.display.lang);
                    s = format!("[{label} {}] {s}", n.files.len());
                }
                vec![Span::raw(ctx.fit(&s, inner_w.saturating_sub(depth + 4)))]
            }
        };
        Line::from(spans)
    });
    let Ok(tree) = Tree::new(&items) else {
        return;
    };
    let tree = tree
        .block(block)
        .highlight_style(ctx.theme.selected())
        .node_closed_symbol(ctx.sym.closed)
        .node_open_symbol(ctx.sym.open)
        .node_no_children_symbol(ctx.sym.leaf);
    let mut state = app.ui.tree.borrow_mut();
    frame.render_stateful_widget(tree, area, &mut state);
}

/// A one-line summary of a note for the tree: time, author, first line, reference.
fn note_summary(ctx: &Ctx, n: &Note) -> String {
    let mut line = format!(
        "{} {} {}",
        when(ctx, n),
        text::one_line(&n.author),
        text::first_line(&n.text)
    );
    if let Some(r) = &n.reference {
        let r = text::one_line(r);
        // A document number has its own brackets (杨府发〔2023〕12号): none around it again.
        if r.contains(['〔', '〕']) {
            line.push_str(&format!(" · {r}"));
        } else {
            line.push_str(&s::tree_reference(ctx.lang(), &r));
        }
    }
    line
}

/// The notes on rows the tree can show this frame: within a screen's height of the scroll
/// offset and of the selection (the widget scrolls to keep the selection in view). Only they
/// get their text: a task may have thousands of notes, and building every note's line on every
/// frame was most of the detail screen's time. The rows are walked without building items.
fn rows_near_view<'a>(
    app: &'a crate::app::App,
    task: &'a Task,
    height: usize,
) -> std::collections::HashSet<&'a str> {
    let state = app.ui.tree.borrow();
    let rows = nav::visible_rows(task, app.decisions_of(task.number), state.opened());
    let selected = rows
        .iter()
        .position(|r| r.is_at(state.selected()))
        .unwrap_or(0);
    let offset = state.get_offset();
    let lo = offset.min(selected).saturating_sub(height);
    let hi = offset.max(selected) + 2 * height;
    rows.get(lo..=hi.min(rows.len().saturating_sub(1)))
        .unwrap_or_default()
        .iter()
        .filter_map(|r| match r.node {
            Node::Note(n) => Some(n.id.as_str()),
            _ => None,
        })
        .collect()
}

fn section(ctx: &Ctx, title: &str) -> Line<'static> {
    Line::styled(ctx.sym.show(title).into_owned(), ctx.theme.title())
}

/// At most this many lines of one text in the info pane: a pasted 100 KB line must not be
/// wrapped in full on every frame.
const MAX_WRAPPED_LINES: usize = 200;

fn wrapped(ctx: &Ctx, s: &str, width: usize, indent: &str, style: Style) -> Vec<Line<'static>> {
    let w = width.saturating_sub(text::width(indent)).max(2);
    let capped = text::truncate(s, w * MAX_WRAPPED_LINES);
    text::wrap(&ctx.sym.show(&capped), w)
        .into_iter()
        .map(|l| Line::styled(format!("{indent}{l}"), style))
        .collect()
}

fn render_info(ctx: &Ctx, frame: &mut Frame, area: Rect, task: &Task) {
    let app = ctx.app;
    let focused = app.ui.pane == Pane::Info;
    let block = ctx.block(s::info_title(ctx.lang()), focused);
    let inner = block.inner(area);
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    match app.selected_node() {
        Some(Selected::Note { id, .. }) => {
            if let Some(n) = task.notes.iter().find(|n| n.id == id) {
                lines.push(section(ctx, s::evidence_note(ctx.lang())));
                let by = format!("{} {}", when(ctx, n), text::one_line(&n.author));
                lines.push(Line::styled(ctx.fit(&by, w), ctx.theme.dim()));
                lines.extend(wrapped(ctx, &n.text, w, "", Style::new()));
                if let Some(r) = &n.reference {
                    let label = s::note_reference(ctx.lang(), &text::one_line(r));
                    lines.extend(wrapped(ctx, &label, w, "", ctx.theme.key()));
                }
                for f in &n.files {
                    let line = crate::app::attach::file_line(ctx.app.display.lang, f);
                    lines.extend(wrapped(ctx, &line, w, "", ctx.theme.key()));
                }
                lines.push(Line::default());
            }
        }
        Some(Selected::Decision(id)) => {
            if let Some(d) = app.decisions_of(task.number).iter().find(|d| d.id == id) {
                lines.extend(super::decisions::info_lines(ctx, d, w));
            }
        }
        Some(Selected::Measure(id)) => {
            if let Some(m) = task.measure(&id) {
                lines.push(section(ctx, &s::measure_heading(ctx.lang(), &m.id)));
                lines.extend(wrapped(ctx, &m.text, w, "", Style::new()));
                lines.extend(owner_lines(ctx, &m.lead, &m.partners, m.deadline, w));
                lines.push(Line::default());
            }
        }
        _ => {
            lines.extend(schedule_lines(ctx, task, w));
            lines.push(section(ctx, s::task_text(ctx.lang())));
            lines.extend(wrapped(ctx, &task.text, w, "", Style::new()));
            lines.push(Line::default());
        }
    }
    if !task.targets.is_empty() {
        lines.push(section(ctx, s::targets(ctx.lang())));
        for t in &task.targets {
            lines.extend(target_lines(ctx, t, w));
        }
        lines.push(Line::default());
    }
    lines.push(section(ctx, s::recent_changes(ctx.lang())));
    let meta = &app.board.meta;
    for e in task.history.iter().rev().take(12) {
        let at = present::when(e.at, app.now, app.display.offset, app.display.lang);
        let what = present::describe(e, meta, app.display.lang);
        let s = format!("{at} {} {what}", text::one_line(&e.author));
        lines.push(Line::raw(ctx.fit(&s, w)));
    }
    // Measures done week by week, at the foot of the pane when there is room.
    let mut text_area = inner;
    frame.render_widget(block, area);
    if inner.height >= 10 && !task.measures.is_empty() {
        use crate::model::schedule::{board_start, weekly_done};
        let meta = &app.board.meta;
        let points = weekly_done(task, meta, board_start(meta), app.now.date_naive());
        let width = inner.width as usize;
        let shown_points = &points[points.len().saturating_sub(width)..];
        let label = s::weekly_done(
            ctx.lang(),
            points.last().copied().unwrap_or(0),
            task.measures.len(),
        );
        let foot = Rect::new(inner.x, inner.bottom() - 3, inner.width, 3);
        text_area.height -= 3;
        frame.render_widget(
            Paragraph::new(Line::styled(ctx.fit(&label, width), ctx.theme.dim())),
            Rect { height: 1, ..foot },
        );
        frame.render_widget(
            super::stats::sparkline(ctx, shown_points).max(task.measures.len() as u64),
            Rect {
                y: foot.y + 1,
                height: 2,
                ..foot
            },
        );
    }
    let max_scroll = lines.len().saturating_sub(text_area.height as usize);
    let scroll = app.ui.info_scroll.min(max_scroll);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), text_area);
}

/// Lead and partner units and the deadline, where there are any.
fn owner_lines(
    ctx: &Ctx,
    lead: &[String],
    partners: &[String],
    deadline: Option<chrono::NaiveDate>,
    w: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if !lead.is_empty() || !partners.is_empty() {
        let sep = s::list_sep(ctx.lang());
        let mut line = s::lead_line(ctx.lang(), &lead.join(sep));
        if !partners.is_empty() {
            line.push_str(&s::partners_line(ctx.lang(), &partners.join(sep)));
        }
        out.extend(wrapped(ctx, &line, w, "", Style::new()));
    }
    if let Some(d) = deadline {
        let days = (d - ctx.app.now.date_naive()).num_days();
        let left = match days {
            0.. => s::days_left(ctx.lang(), days),
            _ => s::overdue_by(ctx.lang(), -days),
        };
        let line = s::deadline_line(ctx.lang(), &d.format("%Y-%m-%d").to_string(), &left);
        let style = if days < 0 {
            ctx.theme.error()
        } else {
            Style::new()
        };
        out.push(Line::styled(ctx.fit(&line, w), style));
    }
    out
}

/// The task's owners, deadline and where it stands against its schedule.
fn schedule_lines(ctx: &Ctx, task: &Task, w: usize) -> Vec<Line<'static>> {
    use crate::model::schedule::{assess, board_start};
    let app = ctx.app;
    let meta = &app.board.meta;
    let en = app.display.lang.is_en();
    let mut out = owner_lines(ctx, &task.lead, &task.partners, task.deadline, w);
    let a = assess(
        task,
        meta,
        board_start(meta),
        app.now.date_naive(),
        &app.thresholds,
    );
    let mut line = match a.expected {
        Some(e) => s::schedule_line(
            ctx.lang(),
            &present::percent(e),
            &present::percent(a.actual),
            a.class.words(en),
        ),
        None => s::progress_no_deadline(ctx.lang(), &present::percent(a.actual)),
    };
    if let Some(warning) = a.warning {
        line.push_str(&format!(" · {}", warning.words(en)));
    }
    let style = match a.warning {
        Some(wn) if ctx.theme.color => ctx.theme.badge(wn),
        _ => Style::new(),
    };
    out.push(Line::styled(ctx.fit(&line, w), style));
    out.push(Line::default());
    out
}

/// A target: its label, then a bar with current / target and percent.
fn target_lines(ctx: &Ctx, t: &Target, w: usize) -> Vec<Line<'static>> {
    let head = match &t.measure {
        Some(m) => s::target_of_measure(ctx.lang(), &t.name(), &text::one_line(&t.label), m),
        None => format!("{} {}", t.name(), text::one_line(&t.label)),
    };
    let progress = present::target_progress(t);
    let pct = present::target_percent(t).map(f64::round);
    let pct_s = pct.map_or(String::new(), |p| format!(" {}", present::percent(p)));
    let bar_w = 10.min(w.saturating_sub(text::width(&progress) + text::width(&pct_s) + 3));
    let filled = pct.map_or(0, |p| {
        ((p.clamp(0.0, 100.0) / 100.0) * bar_w as f64).round() as usize
    });
    let (fs, es, f, e) = ctx.theme.bar();
    vec![
        Line::raw(ctx.fit(&head, w)),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(f.repeat(filled), fs),
            Span::styled(e.repeat(bar_w - filled), es),
            Span::raw(format!(" {}{pct_s}", ctx.sym.show(&progress))),
        ]),
    ]
}
