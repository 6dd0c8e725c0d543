//! `status` as a table: a column per fact, each as wide as its widest cell (CJK-aware), the
//! title last and cut to the terminal; and `status --warnings`, the tasks with a warning.

use super::{
    BOLD, DIM, LEAD_MAX, PLAIN, RED, Row, paint, percent, status_style, tally_line, title_cell,
    title_line, units, warning_mark, warning_style,
};
use crate::cli::{Ctx, Failure};
use crate::model::BoardMeta;
use crate::model::schedule::Warning;
use crate::present;
use crate::strings::output as s;
use crate::text::{self, fit, fit_right, one_line};
use anstyle::Style;
use chrono::{DateTime, FixedOffset};
use std::io::Write;

/// A column of the status table: its header, its cells, how it is aligned and coloured.
struct Column {
    head: String,
    cells: Vec<String>,
    right: bool,
    /// The style of each cell (painted after padding, so that widths stay right).
    styles: Vec<Style>,
}

impl Column {
    fn new(head: &str, cells: Vec<String>, right: bool) -> Column {
        let styles = vec![PLAIN; cells.len()];
        Column {
            head: head.to_string(),
            cells,
            right,
            styles,
        }
    }

    fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|c| text::width(c))
            .chain([text::width(&self.head)])
            .max()
            .unwrap_or(0)
    }
}

pub fn status_table(
    meta: &BoardMeta,
    tasks: &[Row],
    ctx: &Ctx,
    now: DateTime<FixedOffset>,
    filter: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    let en = lang.is_en();
    let week_ago = now - chrono::Duration::days(7);
    let title = title_line(meta, ctx, filter);
    writeln!(out, "{}", paint(ctx, BOLD, &title))?;

    let mut counts: Vec<String> = meta
        .statuses
        .iter()
        .map(|s| {
            let n = tasks.iter().filter(|t| t.summary.status == s.key).count();
            let label = format!("{} {n}", one_line(meta.status_name(&s.key, en)));
            paint(ctx, status_style(meta, &s.key), &label)
        })
        .collect();
    let overdue = tasks.iter().filter(|t| t.schedule.overdue).count();
    let changed = tasks
        .iter()
        .filter(|t| t.summary.last_change.is_some_and(|at| at >= week_ago))
        .count();
    counts.push(format!("{} {overdue}", s::overdue(lang)));
    counts.push(format!("{} {changed}", s::changed_this_week(lang)));
    writeln!(out, "{}", counts.join(" · "))?;
    // Without a deadline there is no schedule to be behind or ahead of: the tally and the
    // schedule's columns appear once some task has one.
    let scheduled = tasks.iter().any(|t| t.summary.deadline.is_some());
    if scheduled {
        writeln!(out, "{}", tally_line(tasks, en))?;
    }
    if tasks.is_empty() {
        writeln!(out, "{}", s::no_such_tasks(lang))?;
        return Ok(());
    }

    // Every cell first, then each column as wide as its widest cell (CJK-aware).
    let cells = |f: &dyn Fn(&Row) -> String| tasks.iter().map(f).collect::<Vec<_>>();
    let number = Column::new("#", cells(&|t| t.summary.number.to_string()), true);
    let mut status = Column::new(
        s::col_status(lang),
        cells(&|t| one_line(meta.status_name(&t.summary.status, en))),
        false,
    );
    status.styles = tasks
        .iter()
        .map(|t| status_style(meta, &t.summary.status))
        .collect();
    let mut columns = vec![
        number,
        status,
        Column::new(
            s::col_measures(lang),
            cells(&|t| format!("{}/{}", t.summary.measures_done(meta), t.summary.measures())),
            true,
        ),
        Column::new(
            s::col_notes(lang),
            cells(&|t| t.summary.notes.to_string()),
            true,
        ),
        Column::new(
            s::col_updated(lang),
            cells(&|t| {
                t.summary
                    .last_change
                    .map(|at| present::ago(at, now, lang))
                    .unwrap_or_else(|| "—".to_string())
            }),
            false,
        ),
    ];
    if scheduled {
        let mut warn = Column::new(
            s::col_warning(lang),
            cells(&|t| {
                t.schedule
                    .warning
                    .map_or("", |w| warning_mark(w, lang))
                    .to_string()
            }),
            false,
        );
        warn.styles = tasks
            .iter()
            .map(|t| t.schedule.warning.map_or(PLAIN, warning_style))
            .collect();
        columns.push(warn);
        columns.push(Column::new(
            s::due(lang),
            cells(&|t| {
                t.summary
                    .deadline
                    .map(|d| present::date(d, &ctx.config.date_format))
                    .unwrap_or_default()
            }),
            false,
        ));
    }
    // The overdue mark gets a column with a heading once some task is past its deadline.
    if tasks.iter().any(|t| t.schedule.overdue) {
        let mut late = Column::new(
            s::col_late(lang),
            cells(&|t| if t.schedule.overdue { "!" } else { "" }.to_string()),
            false,
        );
        late.styles = tasks
            .iter()
            .map(|t| if t.schedule.overdue { RED } else { PLAIN })
            .collect();
        columns.push(late);
    }
    if tasks.iter().any(|t| !t.summary.lead.is_empty()) {
        columns.push(Column::new(
            s::lead(lang),
            cells(&|t| text::truncate(&units(&t.summary.lead, lang), LEAD_MAX)),
            false,
        ));
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::width).collect();
    widths[0] = widths[0].max(3);
    let fixed: usize = widths.iter().sum::<usize>() + widths.len() + 2;
    let title_w = ctx.width.map(|w| w.saturating_sub(fixed).max(10));
    let cell = |c: &Column, w: usize, s: &str, style: Style| {
        let padded = if c.right { fit_right(s, w) } else { fit(s, w) };
        paint(ctx, style, &padded)
    };

    let mut head: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| cell(c, *w, &c.head, PLAIN))
        .collect();
    head.push(format!("  {}", s::col_task(lang)));
    writeln!(out, "{}", paint(ctx, DIM, head.join(" ").trim_end()))?;
    for (i, t) in tasks.iter().enumerate() {
        let mut line: Vec<String> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(c, *w, &c.cells[i], c.styles[i]))
            .collect();
        line.push(title_cell(ctx, false, &t.summary.title, title_w));
        writeln!(out, "{}", line.join(" "))?;
    }
    Ok(())
}

/// `status --warnings`: the tasks with a warning or past their deadline, worst first, each
/// with its warning, class, expected against actual progress, deadline and lead unit.
pub fn warnings_list(
    meta: &BoardMeta,
    rows: &[Row],
    ctx: &Ctx,
    filter: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    let en = lang.is_en();
    writeln!(out, "{}", paint(ctx, BOLD, &title_line(meta, ctx, filter)))?;
    let count = |w: Warning| {
        rows.iter()
            .filter(|r| r.schedule.warning == Some(w))
            .count()
    };
    let overdue = rows.iter().filter(|r| r.schedule.overdue).count();
    let mut counts: Vec<String> = [Warning::Red, Warning::Yellow, Warning::Blue]
        .into_iter()
        .map(|w| {
            paint(
                ctx,
                warning_style(w),
                &format!("{} {}", w.words(en), count(w)),
            )
        })
        .collect();
    counts.push(format!("{} {overdue}", s::overdue(lang)));
    writeln!(out, "{}", counts.join(" · "))?;
    if rows.is_empty() {
        writeln!(out, "{}", s::no_warnings(lang))?;
        return Ok(());
    }
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by_key(|r| (std::cmp::Reverse(r.schedule.warning), r.summary.number));
    let cells: Vec<[String; 6]> = order
        .iter()
        .map(|r| {
            let a = &r.schedule;
            let progress = match a.expected {
                Some(e) => s::expected_actual(lang, &percent(e), &percent(a.actual)),
                None => s::actual_only(lang, &percent(a.actual)),
            };
            let due = r.summary.deadline.map_or(String::new(), |d| {
                format!(
                    "{} {}",
                    s::due(lang),
                    present::date(d, &ctx.config.date_format)
                )
            });
            let lead = if r.summary.lead.is_empty() {
                String::new()
            } else {
                let units = text::truncate(&units(&r.summary.lead, lang), LEAD_MAX);
                format!("{} {units}", s::lead(lang))
            };
            [
                format!("{:>3}", r.summary.number),
                a.warning.map_or("", |w| w.words(en)).to_string(),
                a.class.words(en).to_string(),
                progress,
                due,
                lead,
            ]
        })
        .collect();
    let mut widths = [0usize; 6];
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(c));
        }
    }
    // Columns nobody has (no lead unit anywhere) take no room.
    let shown: Vec<usize> = (0..6).filter(|&i| widths[i] > 0).collect();
    let fixed: usize = shown.iter().map(|&i| widths[i] + 1).sum::<usize>() + 2;
    let title_w = ctx.width.map(|w| w.saturating_sub(fixed).max(10));
    for (r, row) in order.iter().zip(&cells) {
        let mut line: Vec<String> = shown
            .iter()
            .map(|&i| match (i, r.schedule.warning) {
                (0, _) => fit_right(&row[0], widths[0]),
                (1, Some(w)) => paint(ctx, warning_style(w), &fit(&row[1], widths[1])),
                _ => fit(&row[i], widths[i]),
            })
            .collect();
        line.push(title_cell(
            ctx,
            r.schedule.overdue,
            &r.summary.title,
            title_w,
        ));
        writeln!(out, "{}", line.join(" "))?;
    }
    Ok(())
}
