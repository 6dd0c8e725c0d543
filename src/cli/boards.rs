//! `keywork boards`: the boards in the data dir, one line each — name, title, year, counts,
//! last change — the default (the config's `board`) marked `*`.

use super::output::json::BoardEntry;
use super::{Ctx, Failure};
use crate::store::Store;
use crate::strings::cli as say;
use crate::strings::errors::Voiced;
use crate::text;
use chrono::Datelike;
use std::io::Write;

/// One board as listed.
struct Row {
    name: String,
    title: String,
    year: i32,
    tasks: usize,
    done: usize,
    notes: usize,
    last: Option<chrono::DateTime<chrono::FixedOffset>>,
}

pub fn list(ctx: &Ctx, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let dir = crate::config::boards_dir();
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.path().join("board.toml").is_file())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(crate::tomlfile::FileError::io(&dir, e).into()),
    };
    names.sort();
    let mut rows = Vec::new();
    let mut broken = Vec::new();
    for name in names {
        match Store::new(dir.join(&name)).load() {
            Ok(b) => rows.push(Row {
                title: b.meta.title.clone(),
                year: crate::model::schedule::board_start(&b.meta).year(),
                tasks: b.tasks.len(),
                done: b.tasks.iter().filter(|t| b.meta.is_done(&t.status)).count(),
                notes: b.tasks.iter().map(|t| t.notes.len()).sum(),
                last: b
                    .tasks
                    .iter()
                    .flat_map(|t| t.history.iter().map(|e| e.at))
                    .max(),
                name,
            }),
            // A board that cannot be read is listed with why, never skipped silently.
            Err(e) => broken.push((name, e.say(ctx.lang()))),
        }
    }
    let default = &ctx.config.board;
    if json {
        let v: Vec<_> = rows
            .iter()
            .map(|r| BoardEntry::Board {
                name: &r.name,
                default: &r.name == default,
                title: &r.title,
                year: r.year,
                tasks: r.tasks,
                done: r.done,
                notes: r.notes,
                last_change: r.last.map(|t| t.to_rfc3339()),
            })
            .chain(
                broken
                    .iter()
                    .map(|(n, e)| BoardEntry::Broken { name: n, error: e }),
            )
            .collect();
        writeln!(out, "{}", super::output::json::pretty(&v)?)?;
        return Ok(());
    }
    let lang = ctx.config.lang;
    if rows.is_empty() && broken.is_empty() {
        writeln!(out, "{}", say::no_boards_yet(lang, dir.display()))?;
        return Ok(());
    }
    for r in &rows {
        let mark = if &r.name == default { "*" } else { " " };
        let last = r.last.map_or("—".to_string(), |t| {
            ctx.config.local(t).format("%Y-%m-%d %H:%M").to_string()
        });
        let counts = say::board_counts(lang, r.tasks, r.done, r.notes);
        let last = say::last_change(lang, &last);
        writeln!(
            out,
            "{mark} {}  {}  {}  {counts}  {last}",
            text::one_line(&r.name),
            r.year,
            text::one_line(&r.title),
        )?;
    }
    for (name, e) in &broken {
        writeln!(out, "! {}  {}", text::one_line(name), text::one_line(e))?;
    }
    Ok(())
}
