//! The non-interactive commands: each reads or changes the board through the store and prints
//! a short answer. Changes are one read–modify–write of one task under the board's lock.

use super::output;
use super::owners::{self, Closing};
use super::{Command, Ctx, Failure};
use crate::import;
use crate::model::{ItemRef, parse_target_ref, parse_value};
use crate::store::Scope;
use crate::text;
use std::io::{Read, Write};
use std::path::Path;

pub fn dispatch(ctx: &Ctx, command: Option<Command>, out: &mut impl Write) -> Result<(), Failure> {
    match command {
        // A bare `keywork` opens the board; `cli::run` handles it before any output is locked.
        None => unreachable!("the TUI is started before dispatch"),
        Some(Command::Status {
            json,
            unit,
            warnings,
        }) => {
            owners::status(ctx, json, unit.as_deref(), warnings, out)?;
            match json || unit.is_some() {
                true => Ok(()),
                false => super::follow::status_tail(ctx, warnings, out),
            }
        }
        Some(Command::Show { task, json }) => show(ctx, task, json, out),
        Some(Command::Set {
            item,
            status,
            reason,
        }) => set(ctx, &item, &status, reason.as_deref(), out),
        Some(Command::Assign {
            item,
            lead,
            partners,
        }) => owners::assign(ctx, &item, &lead, &partners, out),
        Some(Command::Due {
            item,
            date,
            clear,
            extend,
            reason,
            approved_by,
        }) => {
            let why = (reason.as_deref(), approved_by.as_deref());
            super::follow::due(ctx, &item, date.as_deref(), clear, extend, why, out)
        }
        Some(Command::Follow(cmd)) => super::follow::dispatch(ctx, cmd, out),
        Some(Command::Note {
            item,
            text,
            reference,
        }) => note(ctx, &item, &text, reference.as_deref(), out),
        Some(Command::RmNote { id }) => super::notes::remove(ctx, &id, out),
        Some(Command::RestoreNote { id }) => super::notes::restore(ctx, &id, out),
        Some(Command::MoveNote { id, to }) => super::notes::move_to(ctx, &id, &to, out),
        Some(Command::Target { id, value }) => target(ctx, &id, &value, out),
        Some(Command::Import {
            file,
            force,
            dry_run,
            json,
            level,
            update,
        }) => {
            let how = ImportHow {
                force,
                dry_run,
                json,
                level,
                update,
            };
            import_file(ctx, &file, &how, out)
        }
        Some(Command::Init) => init(ctx, out),
        Some(Command::Log {
            task,
            since,
            limit,
            json,
        }) => super::history::log(ctx, task, since.as_deref(), limit, json, out),
        Some(Command::Report {
            format,
            since,
            review,
            output,
        }) => {
            let (since, review) = (since.as_deref(), review.as_deref());
            super::history::report(ctx, format, since, review, output, out)
        }
        Some(Command::Export {
            format,
            form,
            unit,
            output,
            level,
            since,
        }) => match (form, format, unit) {
            (true, _, Some(unit)) => super::collect::export_form(ctx, &unit, output, out),
            (_, Some(format), unit) => {
                let what = super::export::What {
                    level,
                    unit: unit.as_deref(),
                    since: since.as_deref(),
                };
                super::export::export(ctx, format, output, &what, out)
            }
            _ => unreachable!("clap requires --format or --form --unit"),
        },
        Some(Command::Collect { files, dry_run }) => {
            super::collect::collect(ctx, &files, dry_run, out)
        }
        Some(Command::Review { .. }) => unreachable!("the TUI is started before dispatch"),
        Some(Command::Sync { setup, clone }) => super::sync::sync(ctx, setup, clone, out),
        Some(Command::MergeDriver { .. }) => unreachable!("handled before the board is opened"),
        Some(Command::Config) => config(ctx, out),
        Some(Command::Boards { json }) => super::boards::list(ctx, json, out),
        Some(Command::Doctor { fix }) => doctor(ctx, fix, out),
        Some(Command::Completions { .. }) => unreachable!("handled before the board is opened"),
    }
}

fn show(ctx: &Ctx, number: u32, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    // Task 0 is no task (as `set 0` says), not a missing file.
    let _: ItemRef = number.to_string().parse()?;
    ctx.ensure_board()?;
    let board = ctx.store.load_task(number)?;
    if json {
        let mut shown = Vec::new();
        output::show_json(&board, &mut shown)?;
        super::follow::show_json(ctx, number, &shown, out)
    } else {
        output::show_text(&board, ctx, out)?;
        super::follow::show_text(ctx, number, out)
    }
}

fn set(
    ctx: &Ctx,
    item: &str,
    status: &str,
    reason: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let r: ItemRef = item.parse()?;
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let reason = reason
        .map(text::strip_line)
        .filter(|s| !s.trim().is_empty());
    let require = ctx.config.require_evidence;
    // Closing (销号) without evidence: explained by the reason, warned about, or refused.
    let ((from, closing), board) = ctx.store.update(Scope::Task(r.task), |b| {
        let from = current_status(b, r);
        let closing = owners::closing(b, r, status, reason.is_some(), require)?;
        if closing != Closing::Refused {
            b.set_status(r, status, &stamp)?;
        }
        if let (Closing::Explained, Some(why)) = (closing, &reason) {
            b.record_closing_reason(r, why, &stamp)?;
        }
        Ok((from, closing))
    })?;
    match closing {
        Closing::Refused => return Err(owners::refused(ctx, r)),
        Closing::Unproven => owners::warn_unproven(r),
        Closing::None | Closing::Explained => {}
    }
    let to = current_status(&board, r);
    let en = ctx.config.lang.is_en();
    let name = |k: &str| text::one_line(board.meta.status_name(k, en));
    if from == to {
        let msg = ctx.config.lang.pick("状态未变", "unchanged");
        writeln!(out, "{r} {} ({msg})", name(&to))?;
    } else {
        writeln!(out, "{r} {} → {}", name(&from), name(&to))?;
    }
    Ok(())
}

fn current_status(board: &crate::model::Board, r: ItemRef) -> String {
    let Some(task) = board.task(r.task) else {
        return String::new();
    };
    match r.sub {
        None => task.status.clone(),
        Some(_) => task
            .measure(&r.to_string())
            .map(|m| m.status.clone())
            .unwrap_or_default(),
    }
}

fn note(
    ctx: &Ctx,
    item: &str,
    body: &str,
    reference: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let r: ItemRef = item.parse()?;
    let body = if body == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Usage(format!("cannot read the note from stdin: {e}")))?;
        String::from_utf8(bytes).map_err(|e| {
            let why = crate::encoding::describe_non_utf8(e.as_bytes(), None).unwrap_or_default();
            Failure::Usage(format!("cannot read the note from stdin: {why}"))
        })?
    } else {
        body.to_string()
    };
    let body = text::strip(&body);
    let reference = reference.map(text::strip_line);
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (id, _) = ctx.store.update(Scope::Task(r.task), |b| {
        b.add_note(r, &body, reference.as_deref(), &stamp)
    })?;
    let said = ctx.config.lang.pick("已添加佐证", "note added");
    writeln!(out, "{said} {id} → {r}")?;
    Ok(())
}

fn target(ctx: &Ctx, id: &str, value: &str, out: &mut impl Write) -> Result<(), Failure> {
    let given = id;
    let (number, id) = parse_target_ref(given)?;
    let value = parse_value(value)?;
    let name = crate::model::target_name(&id);
    let lang = ctx.config.lang;
    if crate::model::is_old_target_ref(given) {
        crate::sanitize::eprint_line(&format!(
            "keywork: {}",
            match lang.is_en() {
                true => format!(
                    "'{}' reads as a measure; targets are now written {name} (the old form \
                     still works in this release)",
                    text::one_line(given)
                ),
                false => format!(
                    "“{}”容易误读为措施编号；指标编号现写作 {name}（旧写法本版仍可用）",
                    text::one_line(given)
                ),
            }
        ));
    }
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (_, board) = ctx.store.update(Scope::Task(number), |b| {
        b.set_target(number, &id, Some(value), &stamp)
    })?;
    if let Some(t) = board.task(number).and_then(|t| t.target(&id)) {
        writeln!(
            out,
            "{name} {}: {}",
            text::one_line(&t.label),
            crate::present::target_progress(t)
        )?;
        if t.implausible(value) {
            crate::sanitize::eprint_line(&format!(
                "keywork: {}",
                crate::present::implausible(t, value, lang)
            ));
        }
    }
    Ok(())
}

/// The flags of `keywork import`.
struct ImportHow {
    force: bool,
    dry_run: bool,
    json: bool,
    level: Option<usize>,
    update: bool,
}

fn import_file(
    ctx: &Ctx,
    file: &Path,
    how: &ImportHow,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let force = how.force;
    let bytes =
        std::fs::read(file).map_err(|e| Failure::Runtime(format!("{}: {e}", file.display())))?;
    let now = ctx.config.now();
    let opts = import::Options {
        level: how.level,
        year: Some(import::default_year(now)),
    };
    let name = file.to_string_lossy();
    let list = import::parse_file(&name, &bytes, &opts).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}: {}", file.display(), e.line, e.message))
            .collect();
        Failure::Runtime(format!(
            "cannot import {} ({} problem{}):\n{}",
            file.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            lines.join("\n")
        ))
    })?;
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if how.update {
        return import_update(ctx, file, how, &list, &source, out);
    }
    let board = import::build_board(&list, ctx.config.statuses.clone(), &source, now);
    if how.dry_run {
        if how.json {
            let v = import::dry::json(&list, &board);
            writeln!(out, "{}", crate::sanitize::json_pretty(&v))?;
        } else {
            write!(out, "{}", import::dry::render(&list, &board))?;
            writeln!(out, "(dry run: nothing was written)")?;
        }
        return Ok(());
    }
    let backup = ctx.store.create(&board, force)?;
    let measures: usize = board.tasks.iter().map(|t| t.measures.len()).sum();
    let targets: usize = board.tasks.iter().map(|t| t.targets.len()).sum();
    writeln!(
        out,
        "{} → {}: {} tasks, {measures} measures, {targets} targets",
        file.display(),
        ctx.store.dir().display(),
        board.tasks.len()
    )?;
    if !list.set_aside.is_empty() {
        writeln!(
            out,
            "{} lines set aside (see them with --dry-run)",
            list.set_aside.len()
        )?;
    }
    if let Some(b) = backup {
        writeln!(out, "the previous board was backed up to {}", b.display())?;
    }
    Ok(())
}

/// `keywork init`: the built-in list as a new board, only where there is no board yet.
fn init(ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    let board = crate::seed::board(ctx.config.statuses.clone(), ctx.config.now());
    ctx.store.create(&board, false)?;
    writeln!(
        out,
        "{} → {}: {} tasks",
        crate::seed::SEED_NAME,
        ctx.store.dir().display(),
        board.tasks.len()
    )?;
    Ok(())
}

/// `import --update`: the revised list into the existing board (or, with --dry-run, into a
/// copy in memory).
fn import_update(
    ctx: &Ctx,
    file: &Path,
    how: &ImportHow,
    list: &import::ParsedList,
    source: &str,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let now = ctx.config.now();
    let statuses = ctx.config.statuses.clone();
    let (outcome, board) = if how.dry_run {
        let mut board = ctx.store.load()?;
        let o = import::update::apply(&mut board, list, statuses, source, now);
        (o, board)
    } else {
        ctx.store.update(crate::store::Scope::All, |board| {
            Ok(import::update::apply(board, list, statuses, source, now))
        })?
    };
    if how.json {
        let mut v = import::dry::json(list, &board);
        v["update"] = serde_json::to_value(&outcome).unwrap_or_default();
        writeln!(out, "{}", crate::sanitize::json_pretty(&v))?;
        return Ok(());
    }
    if how.dry_run {
        write!(out, "{}", import::dry::render(list, &board))?;
    }
    writeln!(
        out,
        "{} → {}: {} tasks matched, {} added{}",
        file.display(),
        ctx.store.dir().display(),
        outcome.matched.len(),
        outcome.added.len(),
        if outcome.added.is_empty() {
            String::new()
        } else {
            format!(
                " (numbers {})",
                outcome
                    .added
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    )?;
    for (new, old) in outcome.matched.iter().filter(|(n, o)| n != o) {
        writeln!(
            out,
            "  task {new} of the new list is task {old} on the board"
        )?;
    }
    for u in &outcome.unmatched {
        writeln!(out, "  {u}")?;
    }
    if how.dry_run {
        writeln!(out, "(dry run: nothing was written)")?;
    }
    Ok(())
}

fn config(ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    let c = &ctx.config;
    let path = crate::config::config_path();
    let state = if path.is_file() {
        ""
    } else {
        " (not present: defaults in use)"
    };
    let board_state = if ctx.store.exists() {
        ""
    } else {
        " (no board yet)"
    };
    writeln!(out, "config file:  {}{state}", path.display())?;
    writeln!(
        out,
        "board:        {}{board_state}",
        ctx.store.dir().display()
    )?;
    writeln!(out, "author:       {}", ctx.acting_author())?;
    writeln!(out, "lang:         {:?}", c.lang)?;
    writeln!(
        out,
        "timezone:     {} (now {})",
        c.timezone,
        c.now().format("%Y-%m-%d %H:%M %:z")
    )?;
    writeln!(out, "date_format:  {}", c.date_format)?;
    Ok(())
}

fn doctor(ctx: &Ctx, fix: bool, out: &mut impl Write) -> Result<(), Failure> {
    use crate::store::doctor::Severity;
    let lang = ctx.config.lang;
    if fix {
        for removed in ctx.store.repair()? {
            writeln!(out, "{} {removed}", lang.pick("已删除", "removed"))?;
        }
    }
    let mut findings = ctx.store.check();
    findings.extend(crate::sync::doctor(ctx.store.dir())); // the board's .git
    findings.sort_by_key(|f| f.severity);
    writeln!(
        out,
        "{} {}",
        lang.pick("看板：", "board:"),
        ctx.store.dir().display()
    )?;
    if let Some(w) = ctx.config.timezone_warning() {
        writeln!(out, "{}: {w}", lang.pick("注意", "warning"))?;
    }
    for f in &findings {
        let label = match f.severity {
            Severity::Problem => lang.pick("问题", "problem"),
            Severity::Warning => lang.pick("注意", "warning"),
            Severity::Info => lang.pick("说明", "note"),
        };
        writeln!(out, "{label}: {}", text::one_line(&f.what))?;
        writeln!(out, "  {} {}", lang.pick("办法：", "fix:"), f.fix)?;
    }
    let problems = findings
        .iter()
        .filter(|f| f.severity == Severity::Problem)
        .count();
    if problems == 0 {
        writeln!(out, "{}", lang.pick("没有发现问题。", "no problems found."))?;
        Ok(())
    } else {
        Err(Failure::Runtime(format!(
            "{problems} {}",
            lang.pick("个问题需要处理（见上）", "problem(s) to fix (see above)")
        )))
    }
}
