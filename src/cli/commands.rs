//! The non-interactive commands: each reads or changes the board through the store and prints
//! a short answer. Changes are one read–modify–write of one task under the board's lock.

use super::output;
use super::owners::{self, Closing};
use super::{Command, Ctx, Failure};
use crate::import;
use crate::model::{ItemRef, parse_target_ref, parse_value};
use crate::store::Held;
use crate::strings::cli as say;
use crate::strings::errors::io as io_say;
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
            filter,
        }) => {
            owners::status(ctx, json, unit.as_deref(), warnings, filter.as_deref(), out)?;
            match json || unit.is_some() || filter.is_some() {
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
        Some(Command::Attach {
            on,
            files,
            note,
            reference,
        }) => super::attach::attach(ctx, &on, &files, note.as_deref(), reference.as_deref(), out),
        Some(Command::Open { note }) => super::attach::open(ctx, &note, out),
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
            filter,
        }) => {
            let (since, review) = (since.as_deref(), review.as_deref());
            super::history::report(ctx, format, since, review, output, filter.as_deref(), out)
        }
        Some(Command::Export {
            format,
            form,
            unit,
            output,
            level,
            since,
            filter,
        }) => match (form, format, unit) {
            (true, _, Some(unit)) => super::collect::export_form(ctx, &unit, output, out),
            (_, Some(format), unit) => {
                let what = super::export::What {
                    level,
                    unit: unit.as_deref(),
                    since: since.as_deref(),
                    filter: filter.as_deref(),
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
        output::show_json(&board, &ctx.store.load_follow(number)?, ctx, out)
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
    // The task file alone answers unless a closing asks whether there is evidence: only
    // the whole task can say there is none.
    let ((from, closing), board) = ctx.store.update_recent(r.task, |b, held| {
        let from = current_status(b, r);
        let closing = owners::closing(b, r, status, reason.is_some(), require)?;
        if closing != Closing::None && held == Held::Recent {
            return Ok(None);
        }
        if closing != Closing::Refused {
            b.set_status(r, status, &stamp)?;
        }
        if let (Closing::Explained, Some(why)) = (closing, &reason) {
            b.record_closing_reason(r, why, &stamp)?;
        }
        Ok(Some((from, closing)))
    })?;
    match closing {
        Closing::Refused => return Err(owners::refused(ctx, r)),
        Closing::Unproven => owners::warn_unproven(ctx, r),
        Closing::None | Closing::Explained => {}
    }
    let to = current_status(&board, r);
    let lang = ctx.lang();
    let name = |k: &str| text::one_line(board.meta.status_name(k, lang.is_en()));
    if from == to {
        writeln!(
            out,
            "{}",
            say::status_unchanged(lang, &r.to_string(), &name(&to))
        )?;
    } else {
        writeln!(out, "{r} {} → {}", name(&from), name(&to))?;
    }
    Ok(())
}

fn current_status(board: &crate::model::Board, r: ItemRef) -> String {
    board
        .item(r)
        .map(|i| i.status.to_string())
        .unwrap_or_default()
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
            .map_err(|e| Failure::usage(move |l| say::stdin_unreadable(l, &io_say(l, &e))))?;
        String::from_utf8(bytes).map_err(|e| {
            let bytes = e.into_bytes();
            Failure::usage(move |l| {
                let why =
                    crate::encoding::describe_non_utf8_in(l, &bytes, None).unwrap_or_default();
                say::stdin_unreadable(l, &why)
            })
        })?
    } else {
        body.to_string()
    };
    let body = text::strip(&body);
    let reference = reference.map(text::strip_line);
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (id, _) = ctx.store.update_recent(r.task, |b, _| {
        b.add_note(r, &body, reference.as_deref(), &stamp).map(Some)
    })?;
    writeln!(out, "{}", say::note_added(ctx.lang(), &id, &r.to_string()))?;
    Ok(())
}

fn target(ctx: &Ctx, id: &str, value: &str, out: &mut impl Write) -> Result<(), Failure> {
    let given = id;
    let (number, id) = parse_target_ref(given)?;
    let value = parse_value(value)?;
    let name = crate::model::target_name(&id);
    let lang = ctx.config.lang;
    if crate::model::is_old_target_ref(given) {
        let what = say::old_target_ref(lang, &text::one_line(given), &name);
        crate::sanitize::eprint_line(&say::warning(lang, &what));
    }
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (_, board) = ctx.store.update_recent(number, |b, _| {
        b.set_target(number, &id, Some(value), &stamp).map(Some)
    })?;
    if let Some(t) = board.task(number).and_then(|t| t.target(&id)) {
        writeln!(
            out,
            "{name} {}: {}",
            text::one_line(&t.label),
            crate::present::target_progress(t)
        )?;
        if t.implausible(value) {
            let what = crate::present::implausible(t, value, lang);
            crate::sanitize::eprint_line(&say::warning(lang, &what));
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
    let bytes = crate::tomlfile::read(file)?;
    let now = ctx.config.now();
    let opts = import::Options {
        level: how.level,
        year: Some(import::default_year(now)),
    };
    let name = file.to_string_lossy();
    let list = import::parse_file(&name, &bytes, &opts).map_err(|errors| {
        let file = file.to_path_buf();
        Failure::runtime(move |l| {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| crate::strings::errors::at_line(l, file.display(), e.line, &e.message(l)))
                .collect();
            let head = match errors.len() {
                1 => say::cannot_import_one(l, file.display()),
                n => say::cannot_import(l, file.display(), n),
            };
            format!("{head}\n{}", lines.join("\n"))
        })
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
            let run = output::json::ImportRun::new(&list, &board, None);
            writeln!(out, "{}", output::json::pretty(&run)?)?;
        } else {
            write!(out, "{}", import::dry::render(ctx.lang(), &list, &board))?;
            writeln!(out, "{}", say::dry_run(ctx.lang()))?;
        }
        return Ok(());
    }
    let backup = ctx.store.create(&board, force)?;
    let measures: usize = board.tasks.iter().map(|t| t.measures.len()).sum();
    let targets: usize = board.tasks.iter().map(|t| t.targets.len()).sum();
    let lang = ctx.lang();
    let (from, to) = (file.display(), ctx.store.dir().display());
    let tasks = board.tasks.len();
    writeln!(
        out,
        "{}",
        say::imported(lang, from, to, tasks, measures, targets)
    )?;
    if !list.set_aside.is_empty() {
        writeln!(out, "{}", say::set_aside(lang, list.set_aside.len()))?;
    }
    if let Some(b) = backup {
        writeln!(out, "{}", say::backed_up(lang, b.display()))?;
    }
    Ok(())
}

/// `keywork init`: the built-in list as a new board, only where there is no board yet.
fn init(ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    let board = crate::seed::board(ctx.config.statuses.clone(), ctx.config.now());
    ctx.store.create(&board, false)?;
    let (seed, dir) = (crate::seed::SEED_NAME, ctx.store.dir().display());
    writeln!(
        out,
        "{}",
        say::initialised(ctx.lang(), seed, dir, board.tasks.len())
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
        let run = output::json::ImportRun::new(list, &board, Some(&outcome));
        writeln!(out, "{}", output::json::pretty(&run)?)?;
        return Ok(());
    }
    if how.dry_run {
        write!(out, "{}", import::dry::render(ctx.lang(), list, &board))?;
    }
    let lang = ctx.lang();
    let (from, to) = (file.display(), ctx.store.dir().display());
    let (matched, added) = (outcome.matched.len(), outcome.added.len());
    let mut line = say::updated(lang, from, to, matched, added);
    if !outcome.added.is_empty() {
        let numbers: Vec<String> = outcome.added.iter().map(u32::to_string).collect();
        line.push_str(&say::added_numbers(lang, &numbers.join(", ")));
    }
    writeln!(out, "{line}")?;
    for (new, old) in outcome.matched.iter().filter(|(n, o)| n != o) {
        writeln!(out, "  {}", say::renumbered(lang, *new, *old))?;
    }
    for u in &outcome.unmatched {
        writeln!(out, "  {}", u.words(lang))?;
    }
    if how.dry_run {
        writeln!(out, "{}", say::dry_run(lang))?;
    }
    Ok(())
}

fn config(ctx: &Ctx, out: &mut impl Write) -> Result<(), Failure> {
    use crate::strings::cli::config as c;
    let lang = ctx.lang();
    let cfg = &ctx.config;
    let path = crate::config::config_path();
    let mut file = path.display().to_string();
    if !path.is_file() {
        file.push_str(c::not_present(lang));
    }
    let mut board = ctx.store.dir().display().to_string();
    if !ctx.store.exists() {
        board.push_str(c::no_board_yet(lang));
    }
    let now = cfg.now().format("%Y-%m-%d %H:%M %:z").to_string();
    let lang_key = match cfg.lang {
        crate::config::Lang::Zh => "zh",
        crate::config::Lang::En => "en",
    };
    let lines = [
        (c::file(lang), file),
        (c::board(lang), board),
        (c::author(lang), ctx.acting_author()),
        (c::lang(lang), lang_key.to_string()),
        (
            c::timezone(lang),
            c::timezone_now(lang, &cfg.timezone, &now),
        ),
        (c::date_format(lang), cfg.date_format.clone()),
    ];
    let wide = lines.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    for (key, value) in lines {
        writeln!(out, "{}  {value}", text::fit(key, wide))?;
    }
    Ok(())
}

fn doctor(ctx: &Ctx, fix: bool, out: &mut impl Write) -> Result<(), Failure> {
    use crate::store::doctor::Severity;
    use crate::strings::doctor as d;
    let lang = ctx.lang();
    if fix {
        for removed in ctx.store.repair(lang)? {
            writeln!(out, "{} {removed}", d::removed_label(lang))?;
        }
    }
    let mut findings = ctx.store.check(lang);
    findings.extend(ctx.store.check_files(lang));
    findings.extend(crate::sync::doctor(ctx.store.dir(), lang)); // the board's .git
    findings.sort_by_key(|f| f.severity);
    writeln!(out, "{} {}", d::board(lang), ctx.store.dir().display())?;
    if let Some(w) = ctx.config.timezone_warning() {
        writeln!(out, "{}: {w}", d::warning(lang))?;
    }
    for f in &findings {
        let label = match f.severity {
            Severity::Problem => d::problem(lang),
            Severity::Warning => d::warning(lang),
            Severity::Info => d::info(lang),
        };
        writeln!(out, "{label}: {}", text::one_line(&f.what))?;
        writeln!(out, "  {} {}", d::fix(lang), f.fix)?;
    }
    let problems = findings
        .iter()
        .filter(|f| f.severity == Severity::Problem)
        .count();
    if problems == 0 {
        writeln!(out, "{}", d::no_problems(lang))?;
        Ok(())
    } else {
        Err(Failure::runtime(move |l| d::problems_left(l, problems)))
    }
}
