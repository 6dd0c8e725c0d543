//! Progress forms (进展填报) on the command line: `export --form --unit U` writes a unit's form,
//! `collect FILE…` applies filled forms.
//!
//! `collect` reads every file first and checks every filled row against the board (the item is
//! on it, the status is one of its statuses, a target row only has a value); any problem names
//! the file, sheet and row and nothing is applied. Then it prints what it will apply and
//! (unless `--dry-run`) applies each row as the unit — an evidence note whose reference is the
//! 佐证文号 and the form's file name, a status change, a target value — through the store's
//! locked read–modify–write with history, like every other change. A row already applied (the
//! same note by the same unit from the same form, a status or value already set) changes
//! nothing, so collecting a form twice adds nothing twice.

use super::outfile::Dest;
use super::owners::{self, Closing};
use super::{Ctx, Failure};
use crate::model::{Board, EventKind, ItemRef, ModelError, Stamp};
use crate::report::form::{self, Entry, Item};
use crate::store::Scope;
use crate::strings::errors::Voiced;
use crate::strings::{Lang, cli as say};
use crate::text;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `keywork export --form --unit U [-o FILE]`: the unit's form, by default
/// `U-进展填报.xlsx` in the current directory.
pub fn export_form(
    ctx: &Ctx,
    unit: &str,
    output: Option<PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let unit = text::strip_line(unit);
    let unit = unit.trim();
    if unit.is_empty() {
        return Err(Failure::usage(|l| say::unit_needs_full_name(l).into()));
    }
    let dest = Dest::or_chosen(output, || {
        PathBuf::from(say::form_file_name(ctx.lang(), unit))
    });
    let path = dest.path();
    if path.as_os_str() == "-" {
        return Err(Failure::usage(|l| say::form_needs_file(l).into()));
    }
    ctx.ensure_board()?;
    let board = ctx.store.load()?;
    let rows = form::rows(&board, unit);
    if rows.is_empty() {
        let (unit, units) = (unit.to_string(), ctx.config.units.clone());
        return Err(Failure::runtime(move |l| {
            let mut s = say::no_rows_for_unit(l, &unit);
            if let Some(hint) = owners::unit_warning(l, &unit, &units) {
                s.push_str(&say::then(l, &hint));
            }
            s
        }));
    }
    let bytes = form::to_xlsx(&board, unit, &rows).map_err(|e| {
        let e = e.to_string();
        Failure::runtime(move |l| say::cannot_build_form(l, &e))
    })?;
    dest.write(&bytes)?;
    let wrote = say::wrote_form(ctx.lang(), rows.len(), unit, path.display());
    writeln!(out, "{wrote}")?;
    Ok(())
}

/// `keywork collect FILE… [--dry-run]`.
pub fn collect(
    ctx: &Ctx,
    files: &[PathBuf],
    dry_run: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    ctx.ensure_board()?;
    let board = ctx.store.load()?;
    let identity = form::identity(&board.meta);
    let mut plan: Vec<(String, Entry)> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let lang = ctx.lang();
    for file in files {
        let name = file_name(file);
        let at = |sheet: &str, row: u32| match (sheet.is_empty(), row) {
            (true, _) => file.display().to_string(),
            (false, 0) => say::at_sheet(lang, file.display(), sheet),
            (false, r) => say::at_row(lang, file.display(), sheet, r),
        };
        match form::read(file, &identity) {
            Ok(entries) => {
                for e in entries {
                    match check(lang, &board, &e, ctx.config.require_evidence) {
                        Ok(()) => plan.push((name.clone(), e)),
                        Err(m) => problems.push(format!("{}: {m}", at(&e.sheet, e.row))),
                    }
                }
            }
            Err(found) => {
                problems.extend(
                    found
                        .iter()
                        .map(|p| format!("{}: {}", at(&p.sheet, p.row), p.message)),
                );
            }
        }
    }
    if !problems.is_empty() {
        let problems = problems.join("\n");
        return Err(Failure::runtime(move |l| say::fix_rows_first(l, &problems)));
    }
    for (file, e) in &plan {
        writeln!(
            out,
            "{}",
            crate::sanitize::clean(&describe(lang, file, e, &board))
        )?;
    }
    if plan.is_empty() {
        writeln!(out, "{}", say::no_filled_rows(lang))?;
        return Ok(());
    }
    if dry_run {
        writeln!(out, "{}", say::dry_run_nothing_applied(lang))?;
        return Ok(());
    }
    let mut changes = 0;
    for (file, e) in &plan {
        let stamp = Stamp {
            author: e.unit.clone(),
            at: ctx.config.now(),
        };
        let require = ctx.config.require_evidence;
        let (n, _) = ctx.store.update(Scope::Task(e.item.task()), |b| {
            apply(lang, b, file, e, &stamp, require)
        })?;
        changes += n;
    }
    let rows = plan.len();
    let line = match changes {
        0 => say::applied_none(lang, rows),
        _ => say::applied(lang, changes, rows),
    };
    writeln!(out, "{line}")?;
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The item a task or measure row stands for.
fn item_ref(item: &Item) -> Option<ItemRef> {
    match item {
        Item::Task(n) => n.to_string().parse().ok(),
        Item::Measure(id) => id.parse().ok(),
        Item::Target(..) => None,
    }
}

/// Whether a filled row can be applied to `board`.
fn check(lang: Lang, board: &Board, e: &Entry, require: bool) -> Result<(), String> {
    let task = board
        .task(e.item.task())
        .ok_or_else(|| say::row_no_task(lang, e.item.task()))?;
    if e.unit.trim().is_empty() {
        return Err(say::row_no_unit(lang).into());
    }
    match &e.item {
        Item::Target(_, id) => {
            if task.target(id).is_none() {
                return Err(say::row_no_target(lang, id));
            }
            if e.progress.is_some() || e.reference.is_some() || e.status.is_some() {
                return Err(say::row_target_only_value(lang, id));
            }
        }
        Item::Task(_) | Item::Measure(_) => {
            let r = item_ref(&e.item).ok_or_else(|| say::row_not_an_item(lang).to_string())?;
            if let (Some(_), Item::Measure(id)) = (r.sub, &e.item)
                && task.measure(id).is_none()
            {
                return Err(say::row_no_measure(lang, id));
            }
            if e.value.is_some() {
                return Err(say::row_value_on_target_rows(lang, &r.to_string()));
            }
            if let Some(s) = &e.status {
                board.meta.resolve_status(s).map_err(|err| err.say(lang))?;
                let evidence = e.progress.is_some() || e.reference.is_some();
                if !evidence
                    && owners::closing(board, r, s, false, require).map_err(|e| e.say(lang))?
                        == Closing::Refused
                {
                    return Err(say::row_closing_needs_evidence(lang, &r.to_string()));
                }
            }
        }
    }
    Ok(())
}

/// `区旧改办-进展填报.xlsx 进展填报!5 15.2: 佐证「…」 · 状态 → 已完成 · 当前值 = 120`.
fn describe(lang: Lang, file: &str, e: &Entry, board: &Board) -> String {
    let mut parts = Vec::new();
    let id = match &e.item {
        Item::Task(n) => n.to_string(),
        Item::Measure(id) | Item::Target(_, id) => id.clone(),
    };
    if let Some(p) = &e.progress {
        parts.push(say::part_note(lang, &text::one_line(p)));
    }
    if let Some(r) = &e.reference {
        parts.push(say::part_reference(lang, &text::one_line(r)));
    }
    if let Some(s) = &e.status {
        let name = board
            .meta
            .resolve_status(s)
            .map_or(s.as_str(), |d| d.name.as_str());
        parts.push(say::part_status(lang, name));
    }
    if let Some(v) = e.value {
        parts.push(say::part_value(lang, &crate::model::format_value(v)));
    }
    format!(
        "{file} {}!{}: {id} ({}): {}",
        e.sheet,
        e.row,
        e.unit,
        parts.join(" · ")
    )
}

/// A change of a row: task, kind, item, the value it set.
type Change<'a> = (u32, EventKind, &'a str, &'a str);

/// Whether `author` already made this very change to the item and someone changed it since:
/// collecting the same form again must not undo a later decision. Says so on stderr.
fn overtaken(lang: Lang, b: &Board, at: Change<'_>, author: &str) -> bool {
    let (task, kind, on, to) = at;
    let Some(t) = b.task(task) else {
        return false;
    };
    let mut events: Vec<_> = t
        .history
        .iter()
        .filter(|e| e.kind == kind && e.on == on)
        .collect();
    events.sort_by_key(|e| e.at);
    let Some(mine) = events.iter().rposition(|e| e.author == author) else {
        return false;
    };
    if events[mine].to.as_deref() != Some(to) {
        return false;
    }
    let Some(later) = events[mine + 1..].last() else {
        return false;
    };
    let (by, now) = (
        text::one_line(&later.author),
        text::one_line(later.to.as_deref().unwrap_or("—")),
    );
    let what = say::not_set_back(lang, on, to, &by, &now, author);
    crate::sanitize::eprint_line(&say::note_line(lang, &what));
    true
}

/// Apply one row under the lock; returns how many changes it made.
fn apply(
    lang: Lang,
    b: &mut Board,
    file: &str,
    e: &Entry,
    stamp: &Stamp,
    require: bool,
) -> Result<usize, ModelError> {
    let mut changes = 0;
    if let Item::Target(n, id) = &e.item {
        let to = e.value.map(crate::model::format_value).unwrap_or_default();
        if overtaken(lang, b, (*n, EventKind::Target, id, &to), &stamp.author) {
            return Ok(0);
        }
        return Ok(usize::from(b.set_target(*n, id, e.value, stamp)?));
    }
    let Some(r) = item_ref(&e.item) else {
        return Ok(0);
    };
    let body = e.progress.as_deref().or(e.reference.as_deref());
    if let Some(body) = body {
        let body = text::strip(body);
        let reference = match &e.reference {
            Some(r) => format!("{}{}{file}", text::strip_line(r), say::REFERENCE_SEP),
            None => file.to_string(),
        };
        let on = r.sub.map(|_| r.to_string());
        let already = b.task(r.task).is_some_and(|t| {
            t.notes.iter().any(|n| {
                n.on == on
                    && n.author == stamp.author
                    && n.text == body
                    && n.reference.as_deref() == Some(&reference)
            })
        });
        if !already {
            b.add_note(r, &body, Some(&reference), stamp)?;
            changes += 1;
        }
    }
    if let Some(s) = &e.status {
        let key = b.meta.resolve_status(s)?.key.clone();
        let on = r.to_string();
        if overtaken(
            lang,
            b,
            (r.task, EventKind::Status, &on, &key),
            &stamp.author,
        ) {
            return Ok(changes);
        }
        match owners::closing(b, r, s, false, require)? {
            Closing::Refused => {
                let what = say::not_closed_no_evidence(lang, &r.to_string());
                crate::sanitize::eprint_line(&say::note_line(lang, &what));
                return Ok(changes);
            }
            Closing::Unproven => owners::warn_unproven_in(lang, r),
            Closing::None | Closing::Explained => {}
        }
        changes += usize::from(b.set_status(r, s, stamp)?);
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_statuses;

    fn entry(item: Item) -> Entry {
        Entry {
            sheet: form::SHEET.into(),
            row: 3,
            item,
            unit: "区旧改办".into(),
            progress: Some("进展".into()),
            reference: None,
            status: None,
            value: None,
        }
    }

    #[test]
    fn ids_not_on_the_board_and_misplaced_cells_are_refused() {
        let at = chrono::DateTime::parse_from_rfc3339("2023-09-20T09:00:00+08:00").unwrap();
        let b = crate::seed::board(default_statuses(), at);
        assert!(check(Lang::En, &b, &entry(Item::Measure("15.2".into())), false).is_ok());
        let cases = [
            (entry(Item::Task(99)), "task 99 is not on this board"),
            (
                entry(Item::Measure("15.99".into())),
                "measure 15.99 is not on this board",
            ),
            (
                entry(Item::Target(15, "15.99".into())),
                "target 15.99 is not on this board",
            ),
            (entry(Item::Target(15, "15.4".into())), "only 当前值"),
        ];
        for (e, want) in cases {
            let err = check(Lang::En, &b, &e, false).unwrap_err();
            assert!(err.contains(want), "{err}");
        }
        let mut bad_status = entry(Item::Task(15));
        bad_status.status = Some("差不多".into());
        assert!(
            check(Lang::En, &b, &bad_status, false)
                .unwrap_err()
                .contains("差不多")
        );
        // Closing without any evidence where evidence is required.
        let mut closing = entry(Item::Measure("15.2".into()));
        closing.progress = None;
        closing.status = Some("done".into());
        assert!(
            check(Lang::En, &b, &closing, true)
                .unwrap_err()
                .contains("evidence")
        );
        assert!(check(Lang::En, &b, &closing, false).is_ok());
    }
}
