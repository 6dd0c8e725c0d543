//! How the commands print: the aligned status table, the task tree, and the `--json` shapes
//! (a contract for scripts: fields may be added, never renamed). CJK-aware widths throughout;
//! ANSI colour only when the context says so. All text from the board is cleaned first.

use super::{Ctx, Failure};
use crate::model::schedule::{Assessment, Class, Warning};
use crate::model::{Board, BoardMeta, Note, Summary, Task};
use crate::present;
use crate::text::{self, fit, fit_right, one_line};
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use std::io::Write;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(ctx: &Ctx, code: &str, s: &str) -> String {
    if ctx.color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// The colour of a status by its role: done green, behind red, in progress cyan.
fn status_code(meta: &BoardMeta, key: &str) -> &'static str {
    if meta.is_done(key) {
        "\x1b[32m"
    } else if key == "behind" {
        "\x1b[31m"
    } else if meta.status_index(key) == Some(0) {
        ""
    } else {
        "\x1b[36m"
    }
}

fn rfc3339(t: Option<DateTime<FixedOffset>>) -> Value {
    t.map_or(Value::Null, |t| Value::String(t.to_rfc3339()))
}

/// One task as `status` shows it: its summary, its partner units (known only when the whole
/// task was read: `--json` and `--unit`) and where it stands against its schedule.
pub struct Row {
    pub summary: Summary,
    pub partners: Vec<String>,
    pub schedule: Assessment,
}

/// How many tasks are in each schedule class, in `Class::ALL` order.
pub fn tally(rows: &[Row]) -> [usize; 4] {
    Class::ALL.map(|c| rows.iter().filter(|r| r.schedule.class == c).count())
}

/// `欠进度 3 · 达进度 15 · 超进度 1 · 已完成 3`.
pub fn tally_line(rows: &[Row], en: bool) -> String {
    Class::ALL
        .iter()
        .zip(tally(rows))
        .map(|(c, n)| format!("{} {n}", c.words(en)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A percentage for people: `52%` (the rule every screen and report follows).
pub fn percent(v: f64) -> String {
    crate::present::percent(v)
}

/// A percentage for scripts: one decimal.
fn ratio(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The one-cell mark of a warning: 红/黄/蓝 (R/Y/B in English).
fn warning_mark(w: Warning, en: bool) -> &'static str {
    match (w, en) {
        (Warning::Red, false) => "红",
        (Warning::Yellow, false) => "黄",
        (Warning::Blue, false) => "蓝",
        (Warning::Red, true) => "R",
        (Warning::Yellow, true) => "Y",
        (Warning::Blue, true) => "B",
    }
}

/// Red, yellow (33) and blue.
fn warning_code(w: Warning) -> &'static str {
    match w {
        Warning::Red => "\x1b[31m",
        Warning::Yellow => "\x1b[33m",
        Warning::Blue => "\x1b[34m",
    }
}

pub fn status_json(meta: &BoardMeta, rows: &[Row], out: &mut impl Write) -> Result<(), Failure> {
    let tasks: Vec<Value> = rows
        .iter()
        .map(|r| {
            let (t, a) = (&r.summary, &r.schedule);
            json!({
                "number": t.number,
                "title": t.title,
                "status": meta.status_name(&t.status, false),
                "status_key": t.status,
                "measures": t.measures(),
                "measures_done": t.measures_done(meta),
                "notes": t.notes,
                "targets": t.targets,
                "overdue": a.overdue,
                "deadline": t.deadline,
                "updated": rfc3339(t.updated),
                "lead": t.lead,
                "partners": r.partners,
                "schedule": {
                    "class": a.class,
                    "warning": a.warning,
                    "expected": a.expected.map(ratio),
                    "actual": ratio(a.actual),
                },
            })
        })
        .collect();
    let [behind, on, ahead, done] = tally(rows);
    let v = json!({
        "title": meta.title,
        "issued": meta.issued,
        "statuses": meta.statuses.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "tasks": tasks,
        "tally": {"behind": behind, "on": on, "ahead": ahead, "done": done},
    });
    writeln!(out, "{}", crate::sanitize::json_line(&v))?;
    Ok(())
}

/// A column of the status table: its header, its cells, how it is aligned and coloured.
struct Column {
    head: String,
    cells: Vec<String>,
    right: bool,
    /// The colour of each cell (painted after padding, so that widths stay right).
    codes: Vec<&'static str>,
}

impl Column {
    fn new(head: &str, cells: Vec<String>, right: bool) -> Column {
        let codes = vec![""; cells.len()];
        Column {
            head: head.to_string(),
            cells,
            right,
            codes,
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

/// Widest lead-unit cell of the status table (longer lists are cut with `⋯`).
const LEAD_MAX: usize = 12;

/// The board's title line, with the filter in use (`· 单位：旧改办`).
fn title_line(meta: &BoardMeta, ctx: &Ctx, filter: Option<&str>) -> String {
    let mut title = one_line(&meta.title);
    if let Some(d) = meta.issued {
        title.push_str(&format!(" ({})", present::date(d, &ctx.config.date_format)));
    }
    if let Some(f) = filter {
        title.push_str(&format!(" · {}", f));
    }
    title
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
            paint(ctx, status_code(meta, &s.key), &label)
        })
        .collect();
    let overdue = tasks.iter().filter(|t| t.schedule.overdue).count();
    let changed = tasks
        .iter()
        .filter(|t| t.summary.last_change.is_some_and(|at| at >= week_ago))
        .count();
    counts.push(format!("{} {overdue}", lang.pick("逾期", "overdue")));
    counts.push(format!(
        "{} {changed}",
        lang.pick("本周更新", "changed this week")
    ));
    writeln!(out, "{}", counts.join(" · "))?;
    // Without a deadline there is no schedule to be behind or ahead of: the tally and the
    // schedule's columns appear once some task has one.
    let scheduled = tasks.iter().any(|t| t.summary.deadline.is_some());
    if scheduled {
        writeln!(out, "{}", tally_line(tasks, en))?;
    }
    if tasks.is_empty() {
        let none = lang.pick("（没有这样的任务）", "(no such tasks)");
        writeln!(out, "{none}")?;
        return Ok(());
    }

    // Every cell first, then each column as wide as its widest cell (CJK-aware).
    let cells = |f: &dyn Fn(&Row) -> String| tasks.iter().map(f).collect::<Vec<_>>();
    let number = Column::new("#", cells(&|t| t.summary.number.to_string()), true);
    let mut status = Column::new(
        lang.pick("状态", "status"),
        cells(&|t| one_line(meta.status_name(&t.summary.status, en))),
        false,
    );
    status.codes = tasks
        .iter()
        .map(|t| status_code(meta, &t.summary.status))
        .collect();
    let mut columns = vec![
        number,
        status,
        Column::new(
            lang.pick("措施", "done"),
            cells(&|t| format!("{}/{}", t.summary.measures_done(meta), t.summary.measures())),
            true,
        ),
        Column::new(
            lang.pick("佐证", "notes"),
            cells(&|t| t.summary.notes.to_string()),
            true,
        ),
        Column::new(
            lang.pick("更新", "updated"),
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
            lang.pick("预警", "warn"),
            cells(&|t| {
                t.schedule
                    .warning
                    .map_or("", |w| warning_mark(w, en))
                    .to_string()
            }),
            false,
        );
        warn.codes = tasks
            .iter()
            .map(|t| t.schedule.warning.map_or("", warning_code))
            .collect();
        columns.push(warn);
        columns.push(Column::new(
            lang.pick("时间节点", "due"),
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
            lang.pick("逾期", "late"),
            cells(&|t| if t.schedule.overdue { "!" } else { "" }.to_string()),
            false,
        );
        late.codes = tasks
            .iter()
            .map(|t| if t.schedule.overdue { "\x1b[31m" } else { "" })
            .collect();
        columns.push(late);
    }
    if tasks.iter().any(|t| !t.summary.lead.is_empty()) {
        columns.push(Column::new(
            lang.pick("牵头", "lead"),
            cells(&|t| text::truncate(&one_line(&t.summary.lead.join("、")), LEAD_MAX)),
            false,
        ));
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::width).collect();
    widths[0] = widths[0].max(3);
    let fixed: usize = widths.iter().sum::<usize>() + widths.len() + 2;
    let title_w = ctx.width.map(|w| w.saturating_sub(fixed).max(10));
    let cell = |c: &Column, w: usize, s: &str, code: &str| {
        let padded = if c.right { fit_right(s, w) } else { fit(s, w) };
        if code.is_empty() {
            padded
        } else {
            paint(ctx, code, &padded)
        }
    };

    let mut head: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| cell(c, *w, &c.head, ""))
        .collect();
    head.push(format!("  {}", lang.pick("任务", "task")));
    writeln!(out, "{}", paint(ctx, DIM, head.join(" ").trim_end()))?;
    for (i, t) in tasks.iter().enumerate() {
        let mut line: Vec<String> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(c, *w, &c.cells[i], c.codes[i]))
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
                warning_code(w),
                &format!("{} {}", w.words(en), count(w)),
            )
        })
        .collect();
    counts.push(format!("{} {overdue}", lang.pick("逾期", "overdue")));
    writeln!(out, "{}", counts.join(" · "))?;
    if rows.is_empty() {
        writeln!(out, "{}", lang.pick("（无预警）", "(no warnings)"))?;
        return Ok(());
    }
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by_key(|r| (std::cmp::Reverse(r.schedule.warning), r.summary.number));
    let cells: Vec<[String; 6]> = order
        .iter()
        .map(|r| {
            let a = &r.schedule;
            let progress = match (a.expected, en) {
                (Some(e), false) => format!("预期 {} 实际 {}", percent(e), percent(a.actual)),
                (Some(e), true) => {
                    format!("expected {} actual {}", percent(e), percent(a.actual))
                }
                (None, false) => format!("实际 {}", percent(a.actual)),
                (None, true) => format!("actual {}", percent(a.actual)),
            };
            let due = r.summary.deadline.map_or(String::new(), |d| {
                format!(
                    "{} {}",
                    lang.pick("时间节点", "due"),
                    present::date(d, &ctx.config.date_format)
                )
            });
            let lead = if r.summary.lead.is_empty() {
                String::new()
            } else {
                let units = text::truncate(&one_line(&r.summary.lead.join("、")), LEAD_MAX);
                format!("{} {units}", lang.pick("牵头", "lead"))
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
                (1, Some(w)) => paint(ctx, warning_code(w), &fit(&row[1], widths[1])),
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

fn note_json(n: &Note) -> Value {
    json!({
        "id": n.id,
        "at": n.at.to_rfc3339(),
        "author": n.author,
        "text": n.text,
        "ref": n.reference,
        "files": n.files.iter().map(super::attach::file_json).collect::<Vec<_>>(),
    })
}

fn the_task(board: &Board) -> Result<&Task, Failure> {
    board
        .tasks
        .first()
        .ok_or_else(|| Failure::Runtime("the board has no such task".into()))
}

pub fn show_json(board: &Board, out: &mut impl Write) -> Result<(), Failure> {
    let t = the_task(board)?;
    let meta = &board.meta;
    let measures: Vec<Value> = t
        .measures
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "text": m.text,
                "status": meta.status_name(&m.status, false),
                "status_key": m.status,
                "lead": m.lead,
                "partners": m.partners,
                "deadline": m.deadline,
                "leader": m.leader,
                "notes": t.notes_on(&m.id).map(note_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let targets: Vec<Value> = t
        .targets
        .iter()
        .map(|x| {
            json!({
                "id": x.name(),
                "label": x.label,
                "phrase": x.phrase,
                "target": x.target,
                "unit": x.unit,
                "qualifier": x.qualifier,
                "current": x.current,
                "measure": x.measure,
                "updated": rfc3339(x.updated),
                "updated_by": x.updated_by,
            })
        })
        .collect();
    let history: Vec<Value> = t
        .history
        .iter()
        .map(|e| {
            json!({
                "at": e.at.to_rfc3339(),
                "author": e.author,
                "what": present::describe(e, meta, crate::config::Lang::Zh),
                "kind": e.kind,
                "on": e.on,
                "from": e.from,
                "to": e.to,
                "note": e.note,
            })
        })
        .collect();
    let v = json!({
        "number": t.number,
        "title": t.title,
        "text": t.text,
        "status": meta.status_name(&t.status, false),
        "status_key": t.status,
        "lead": t.lead,
        "partners": t.partners,
        "deadline": t.deadline,
        "leader": t.leader,
        "group": t.group,
        "measures": measures,
        "targets": targets,
        "notes": t.own_notes().map(note_json).collect::<Vec<_>>(),
        "history": history,
    });
    writeln!(out, "{}", crate::sanitize::json_line(&v))?;
    Ok(())
}

pub fn show_text(board: &Board, ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    let t = the_task(board)?;
    let meta = &board.meta;
    let lang = ctx.config.lang;
    let en = lang.is_en();
    let width = ctx.width.unwrap_or(usize::MAX / 4);
    // Wrapped to the terminal; piped, every line as written (and no time spent wrapping).
    let lines = |s: &str, w: usize| -> Vec<String> {
        match ctx.width {
            Some(_) => text::wrap(s, w),
            None => text::sanitize(s).split('\n').map(str::to_string).collect(),
        }
    };
    let status = |k: &str| {
        paint(
            ctx,
            status_code(&board.meta, k),
            &one_line(meta.status_name(k, en)),
        )
    };
    if !t.group.is_empty() {
        let path: Vec<String> = t.group.iter().map(|g| one_line(g)).collect();
        writeln!(out, "{}", path.join(" › "))?;
    }
    let head = format!("{} {}", t.number, one_line(&t.title));
    writeln!(out, "{}  [{}]", paint(ctx, BOLD, &head), status(&t.status))?;
    let mut facts = vec![format!(
        "{} {}/{}",
        lang.pick("措施完成", "measures done"),
        t.measures_done(meta),
        t.measures.len()
    )];
    facts.push(format!("{} {}", lang.pick("佐证", "notes"), t.notes.len()));
    if !t.lead.is_empty() {
        facts.push(format!(
            "{} {}",
            lang.pick("牵头", "lead"),
            one_line(&t.lead.join("、"))
        ));
    }
    if !t.leader.is_empty() {
        facts.push(format!(
            "{} {}",
            lang.pick("责任领导", "leader"),
            one_line(&t.leader.join("、"))
        ));
    }
    if let Some(d) = t.deadline {
        facts.push(format!(
            "{} {}",
            lang.pick("时间节点", "due"),
            present::date(d, &ctx.config.date_format)
        ));
    }
    writeln!(out, "{}", facts.join(" · "))?;
    let when = |n: &Note| ctx.config.local(n.at).format("%Y-%m-%d %H:%M").to_string();
    let write_notes =
        |out: &mut dyn Write, notes: Vec<&Note>, indent: &str| -> std::io::Result<()> {
            for n in notes {
                let reference = n
                    .reference
                    .as_deref()
                    .map(|r| format!("  〔{}〕", one_line(r)))
                    .unwrap_or_default();
                let head = format!("{indent}• {} {}  ", when(n), one_line(&n.author));
                let body_w = width.saturating_sub(text::width(&head)).max(20);
                let mut lines = lines(&n.text, body_w).into_iter();
                // The id, for `rm-note` / `move-note`.
                writeln!(
                    out,
                    "{head}{}{reference}  [{}]",
                    lines.next().unwrap_or_default(),
                    one_line(&n.id)
                )?;
                let pad = " ".repeat(text::width(&head));
                for l in lines {
                    writeln!(out, "{pad}{l}")?;
                }
                super::attach::write_files(ctx, n, &pad, out)?;
            }
            Ok(())
        };
    write_notes(out, t.own_notes().collect(), "  ")?;
    writeln!(out, "\n{}", paint(ctx, BOLD, lang.pick("措施", "Measures")))?;
    for m in &t.measures {
        let head = format!(
            "  {} [{}] ",
            m.id,
            one_line(meta.status_name(&m.status, en))
        );
        let body_w = width.saturating_sub(text::width(&head)).max(20);
        let pad = " ".repeat(text::width(&head));
        for (i, l) in lines(&m.text, body_w).iter().enumerate() {
            if i == 0 {
                let colored = format!("  {} [{}] ", m.id, status(&m.status));
                writeln!(out, "{colored}{l}")?;
            } else {
                writeln!(out, "{pad}{l}")?;
            }
        }
        write_notes(out, t.notes_on(&m.id).collect(), &pad)?;
    }
    if !t.targets.is_empty() {
        writeln!(out, "\n{}", paint(ctx, BOLD, lang.pick("指标", "Targets")))?;
        for x in &t.targets {
            writeln!(
                out,
                "  {:<6} {}  {}{}",
                x.name(),
                present::target_progress(x),
                one_line(&x.label),
                x.measure
                    .as_deref()
                    .map(|m| format!("（{}）", one_line(m)))
                    .unwrap_or_default()
            )?;
        }
    }
    let recent: Vec<_> = t.history.iter().rev().take(10).collect();
    if !recent.is_empty() {
        writeln!(
            out,
            "\n{}",
            paint(ctx, BOLD, lang.pick("最近变更", "Recent changes"))
        )?;
        for e in recent {
            writeln!(
                out,
                "  {} {}  {}",
                ctx.config.local(e.at).format("%Y-%m-%d %H:%M"),
                one_line(&e.author),
                present::describe(e, meta, lang)
            )?;
        }
    }
    Ok(())
}

/// The last cell of a status row: the overdue mark and the title, cut to the terminal.
fn title_cell(ctx: &Ctx, overdue: bool, title: &str, width: Option<usize>) -> String {
    let mark = if overdue {
        paint(ctx, "\x1b[31m", "! ")
    } else {
        "  ".to_string()
    };
    let title = one_line(title);
    let title = match width {
        Some(w) => text::truncate(&title, w),
        None => title,
    };
    format!("{mark}{title}")
}
