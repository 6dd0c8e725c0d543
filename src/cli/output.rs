//! How the commands print: the aligned status table, the task tree, and the `--json` shapes
//! (a contract for scripts: fields may be added, never renamed). CJK-aware widths throughout;
//! ANSI colour only when the context says so. All text from the board is cleaned first.

use super::{Ctx, Failure};
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

pub fn status_json(
    meta: &BoardMeta,
    tasks: &[Summary],
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let today = now.date_naive();
    let tasks: Vec<Value> = tasks
        .iter()
        .map(|t| {
            json!({
                "number": t.number,
                "title": t.title,
                "status": meta.status_name(&t.status, false),
                "status_key": t.status,
                "measures": t.measures(),
                "measures_done": t.measures_done(meta),
                "notes": t.notes,
                "targets": t.targets,
                "overdue": t.overdue(meta, today),
                "deadline": t.deadline,
                "updated": rfc3339(t.updated),
            })
        })
        .collect();
    let v = json!({
        "title": meta.title,
        "issued": meta.issued,
        "statuses": meta.statuses.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "tasks": tasks,
    });
    writeln!(out, "{v}")?;
    Ok(())
}

pub fn status_table(
    meta: &BoardMeta,
    tasks: &[Summary],
    ctx: &Ctx,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    let en = lang.is_en();
    let today = now.date_naive();
    let week_ago = now - chrono::Duration::days(7);
    let mut title = one_line(&meta.title);
    if let Some(d) = meta.issued {
        title.push_str(&format!(" ({})", present::date(d, &ctx.config.date_format)));
    }
    writeln!(out, "{}", paint(ctx, BOLD, &title))?;

    let mut counts: Vec<String> = meta
        .statuses
        .iter()
        .map(|s| {
            let n = tasks.iter().filter(|t| t.status == s.key).count();
            let label = format!("{} {n}", meta.status_name(&s.key, en));
            paint(ctx, status_code(meta, &s.key), &label)
        })
        .collect();
    let overdue = tasks.iter().filter(|t| t.overdue(meta, today)).count();
    let changed = tasks
        .iter()
        .filter(|t| t.last_change.is_some_and(|at| at >= week_ago))
        .count();
    counts.push(format!("{} {overdue}", lang.pick("逾期", "overdue")));
    counts.push(format!(
        "{} {changed}",
        lang.pick("本周更新", "changed this week")
    ));
    writeln!(out, "{}", counts.join(" · "))?;

    // Every cell first, then each column as wide as its widest cell (CJK-aware).
    let rows: Vec<[String; 5]> = tasks
        .iter()
        .map(|t| {
            let changed = t
                .last_change
                .map(|at| present::ago(at, now, lang))
                .unwrap_or_else(|| "—".to_string());
            [
                t.number.to_string(),
                meta.status_name(&t.status, en).to_string(),
                format!("{}/{}", t.measures_done(meta), t.measures()),
                t.notes.to_string(),
                changed,
            ]
        })
        .collect();
    let header = [
        "#",
        lang.pick("状态", "status"),
        lang.pick("措施", "done"),
        lang.pick("佐证", "notes"),
        lang.pick("更新", "updated"),
    ];
    let mut widths = header.map(text::width);
    widths[0] = 3;
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(cell));
        }
    }
    let fixed: usize = widths.iter().sum::<usize>() + widths.len() + 2;
    let title_w = ctx.width.map(|w| w.saturating_sub(fixed).max(10));
    let line = |cells: [&str; 5], mark: &str, title: &str, status_style: Option<&str>| {
        let status = fit(cells[1], widths[1]);
        let status = match status_style {
            Some(code) => paint(ctx, code, &status),
            None => status,
        };
        format!(
            "{} {} {} {} {} {}{}",
            fit_right(cells[0], widths[0]),
            status,
            fit_right(cells[2], widths[2]),
            fit_right(cells[3], widths[3]),
            fit(cells[4], widths[4]),
            mark,
            title
        )
    };
    let head = line(header, "  ", lang.pick("任务", "task"), None);
    writeln!(out, "{}", paint(ctx, DIM, head.trim_end()))?;
    for (t, row) in tasks.iter().zip(&rows) {
        let mark = if t.overdue(meta, today) {
            paint(ctx, "\x1b[31m", "! ")
        } else {
            "  ".to_string()
        };
        let title = one_line(&t.title);
        let title = match title_w {
            Some(w) => text::truncate(&title, w),
            None => title,
        };
        let cells = [
            row[0].as_str(),
            row[1].as_str(),
            row[2].as_str(),
            row[3].as_str(),
            row[4].as_str(),
        ];
        writeln!(
            out,
            "{}",
            line(cells, &mark, &title, Some(status_code(meta, &t.status)))
        )?;
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
                "notes": t.notes_on(&m.id).map(note_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let targets: Vec<Value> = t
        .targets
        .iter()
        .map(|x| {
            json!({
                "id": x.id,
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
        "measures": measures,
        "targets": targets,
        "notes": t.own_notes().map(note_json).collect::<Vec<_>>(),
        "history": history,
    });
    writeln!(out, "{v}")?;
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
    let status = |k: &str| paint(ctx, status_code(&board.meta, k), meta.status_name(k, en));
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
            t.lead.join("、")
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
                writeln!(out, "{head}{}{reference}", lines.next().unwrap_or_default())?;
                let pad = " ".repeat(text::width(&head));
                for l in lines {
                    writeln!(out, "{pad}{l}")?;
                }
            }
            Ok(())
        };
    write_notes(out, t.own_notes().collect(), "  ")?;
    writeln!(out, "\n{}", paint(ctx, BOLD, lang.pick("措施", "Measures")))?;
    for m in &t.measures {
        let head = format!("  {} [{}] ", m.id, meta.status_name(&m.status, en));
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
                "  {:<6} {}  {}",
                x.id,
                present::target_progress(x),
                one_line(&x.label)
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
