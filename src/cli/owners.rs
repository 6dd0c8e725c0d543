//! Owners, deadlines and schedule warnings on the command line: `assign` (lead and partner
//! units), `due` (the deadline, 时间节点), `status` with its `--unit` and `--warnings` filters,
//! and the evidence rule of closing (销号) that `set` applies.
//!
//! Units come from the config list but may be typed freely: a name not in the list is stored
//! as typed, with a warning on stderr suggesting the listed name it most likely meant.

use super::output::{self, Row};
use super::{Ctx, Failure};
use crate::model::schedule::{self, Thresholds};
use crate::model::{Board, BoardMeta, ItemRef, ModelError, Summary};
use crate::present;
use crate::store::Scope;
use crate::text::{one_line, strip_line};
use chrono::{Datelike, NaiveDate};
use std::io::Write;

/// What closing an item (a done status) means for its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Not a closing, or one with evidence: nothing to say.
    None,
    /// Closed without evidence, with a reason to record.
    Explained,
    /// Closed without evidence or reason: allowed, with a warning.
    Unproven,
    /// Closed without evidence or reason where the config requires one: refused.
    Refused,
}

/// Whether setting `status` on `r` closes it without evidence, and what follows from that.
/// Checks the status and the item the way `Board::set_status` does, so errors read the same.
pub fn closing(
    b: &Board,
    r: ItemRef,
    status: &str,
    has_reason: bool,
    require: bool,
) -> Result<Closing, ModelError> {
    let to = b.meta.resolve_status(status)?.key.clone();
    b.check_ref(r)?;
    let from = item_status(b, r).unwrap_or_default();
    if !b.meta.is_done(&to) || b.meta.is_done(&from) || b.has_evidence(r) {
        return Ok(Closing::None);
    }
    Ok(if has_reason {
        Closing::Explained
    } else if require {
        Closing::Refused
    } else {
        Closing::Unproven
    })
}

fn item_status(b: &Board, r: ItemRef) -> Option<String> {
    let task = b.task(r.task)?;
    match r.sub {
        None => Some(task.status.clone()),
        Some(_) => task.measure(&r.to_string()).map(|m| m.status.clone()),
    }
}

/// The usage error of a closing refused for want of evidence.
pub fn refused(ctx: &Ctx, r: ItemRef) -> Failure {
    let file = ctx
        .config
        .user_file
        .as_ref()
        .map(|p| format!(" in {}", p.display()))
        .unwrap_or_default();
    Failure::Usage(format!(
        "{r} has no evidence: closing it needs a note with a reference \
         (keywork note {r} TEXT --ref REF) or --reason TEXT (require_evidence = true{file})"
    ))
}

pub fn warn_unproven(r: ItemRef) {
    eprintln!(
        "keywork: warning: {r} closed without evidence (add a note with --ref, or give --reason TEXT)"
    );
}

/// Unit names as typed: each argument may hold several, separated by `、` or commas.
pub fn split_units<S: AsRef<str>>(args: &[S]) -> Vec<String> {
    args.iter()
        .flat_map(|a| {
            a.as_ref()
                .split(['、', ',', '，'])
                .map(|u| strip_line(u).trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|u| !u.is_empty())
        .collect()
}

/// The listed unit a typed name most likely means: one containing the typed text or contained
/// in it, the closest in length (the first listed on a tie). None for a listed name.
pub fn suggest<'a>(typed: &str, units: &'a [String]) -> Option<&'a str> {
    let t = typed.trim();
    if t.is_empty() || units.iter().any(|u| u == t) {
        return None;
    }
    let len = |s: &str| s.chars().count() as isize;
    units
        .iter()
        .filter(|u| !u.is_empty() && (u.contains(t) || t.contains(u.as_str())))
        .min_by_key(|u| (len(u) - len(t)).abs())
        .map(String::as_str)
}

/// The stderr warning for a unit not in the configured list, if it is not.
pub fn unit_warning(typed: &str, units: &[String]) -> Option<String> {
    if units.iter().any(|u| u == typed) {
        return None;
    }
    let hint = suggest(typed, units)
        .map(|s| format!("; did you mean {s}?"))
        .unwrap_or_default();
    Some(format!(
        "keywork: warning: '{typed}' is not in the configured units{hint}"
    ))
}

pub fn assign(
    ctx: &Ctx,
    item: &str,
    lead: &str,
    partners: &[String],
    out: &mut impl Write,
) -> Result<(), Failure> {
    let r: ItemRef = item.parse()?;
    let lead = split_units(&[lead]);
    let partners = split_units(partners);
    if lead.is_empty() {
        return Err(Failure::Usage(
            "--lead needs a unit name (e.g. --lead 区旧改办)".into(),
        ));
    }
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (changed, board) = ctx.store.update(Scope::Task(r.task), |b| {
        b.assign(r, &lead, &partners, &stamp)
    })?;
    let mut warned: Vec<&String> = Vec::new();
    for u in lead.iter().chain(&partners) {
        if warned.contains(&u) {
            continue;
        }
        warned.push(u);
        if let Some(w) = unit_warning(u, &ctx.config.units) {
            crate::sanitize::eprint_line(&w);
        }
    }
    let (lead, partners) = units_of(&board, r);
    let en = ctx.config.lang.is_en();
    let mut line = match en {
        false => format!("{r} 牵头：{}", lead.join("、")),
        true => format!("{r} lead: {}", lead.join(", ")),
    };
    if !partners.is_empty() {
        line.push_str(&match en {
            false => format!("；配合：{}", partners.join("、")),
            true => format!("; partners: {}", partners.join(", ")),
        });
    }
    if !changed {
        line.push_str(&format!(" ({})", ctx.config.lang.pick("未变", "unchanged")));
    }
    writeln!(out, "{}", one_line(&line))?;
    Ok(())
}

/// The lead and partner units of a task or measure as stored.
fn units_of(board: &Board, r: ItemRef) -> (Vec<String>, Vec<String>) {
    let Some(task) = board.task(r.task) else {
        return Default::default();
    };
    match r.sub {
        None => (task.lead.clone(), task.partners.clone()),
        Some(_) => task
            .measure(&r.to_string())
            .map(|m| (m.lead.clone(), m.partners.clone()))
            .unwrap_or_default(),
    }
}

fn deadline_of(board: &Board, r: ItemRef) -> Option<NaiveDate> {
    let task = board.task(r.task)?;
    match r.sub {
        None => task.deadline,
        Some(_) => task.measure(&r.to_string())?.deadline,
    }
}

pub fn due(
    ctx: &Ctx,
    item: &str,
    date: Option<&str>,
    clear: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let r: ItemRef = item.parse()?;
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    let (changed, board) = ctx.store.update(Scope::Task(r.task), |b| {
        b.check_ref(r)?;
        let date = match date {
            Some(s) if !clear => {
                let year = schedule::board_start(&b.meta).year();
                Some(schedule::parse_deadline(s, year)?)
            }
            _ => None,
        };
        b.set_deadline(r, date, &stamp)
    })?;
    let shown = deadline_of(&board, r).map_or("—".to_string(), |d| {
        present::date(d, &ctx.config.date_format)
    });
    let label = ctx.config.lang.pick("时间节点", "due");
    let mut line = format!("{r} {label} {shown}");
    if !changed {
        line.push_str(&format!(" ({})", ctx.config.lang.pick("未变", "unchanged")));
    }
    writeln!(out, "{line}")?;
    Ok(())
}

/// A status row: the summary with its partners and its place against the schedule.
fn row(
    summary: Summary,
    partners: Vec<String>,
    meta: &BoardMeta,
    start: NaiveDate,
    today: NaiveDate,
    th: &Thresholds,
) -> Row {
    let schedule = schedule::assess_summary(&summary, meta, start, today, th);
    Row {
        summary,
        partners,
        schedule,
    }
}

/// `keywork status [--json] [--unit UNIT] [--warnings]`.
pub fn status(
    ctx: &Ctx,
    json: bool,
    unit: Option<&str>,
    warnings: bool,
    filter: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let filter = super::filter::parse(ctx, filter)?;
    let unit = match unit.map(|u| strip_line(u).trim().to_string()) {
        Some(u) if u.is_empty() => {
            return Err(Failure::Usage(
                "--unit needs a unit name (or part of one, e.g. 旧改办)".into(),
            ));
        }
        u => u,
    };
    ctx.ensure_board()?;
    let now = ctx.config.now();
    let today = now.date_naive();
    let th = ctx.config.schedule;
    // The summaries (cached) are enough: a quick look never parses every note.
    let (meta, mut summaries) = ctx.store.load_summaries()?;
    warn_gaps(ctx, &summaries);
    let filter = match filter {
        Some(f) => {
            let f = super::filter::resolve(ctx, f, &meta)?;
            super::filter::retain_summaries(ctx, &f, &meta, &mut summaries)?;
            Some(super::filter::heading(ctx, &f, &meta))
        }
        None => None,
    };
    let start = schedule::board_start(&meta);
    let mut rows: Vec<Row> = summaries
        .into_iter()
        .filter(|s| {
            unit.as_deref()
                .is_none_or(|u| s.units.iter().any(|x| x.contains(u)))
        })
        .map(|s| {
            let partners = s.partners.clone();
            row(s, partners, &meta, start, today, &th)
        })
        .collect();
    if warnings {
        rows.retain(|r| r.schedule.warning.is_some() || r.schedule.overdue);
    }
    let unit_label = unit
        .as_deref()
        .map(|u| format!("{}{u}", ctx.config.lang.pick("单位：", "unit: ")));
    let filter = match (unit_label, filter) {
        (Some(u), Some(f)) => Some(format!("{u} · {f}")),
        (u, f) => u.or(f),
    };
    if json {
        output::status_json(&meta, &rows, out)
    } else if warnings {
        output::warnings_list(&meta, &rows, ctx, filter.as_deref(), out)
    } else {
        output::status_table(&meta, &rows, ctx, now, filter.as_deref(), out)
    }
}

/// Task files missing below the last (one line, however many) and files numbered out of
/// range (one line each), on stderr.
fn warn_gaps(ctx: &Ctx, summaries: &[crate::model::Summary]) {
    let last = summaries.iter().map(|s| s.number).max().unwrap_or(0);
    let have: std::collections::BTreeSet<u32> = summaries.iter().map(|s| s.number).collect();
    let missing: Vec<u32> = (1..last).filter(|n| !have.contains(n)).collect();
    match missing.as_slice() {
        [] => {}
        [n] => crate::sanitize::eprint_line(&format!(
            "keywork: warning: {}: the file is missing; `keywork doctor` explains",
            ctx.store.task_path(*n).display()
        )),
        [first, ..] => crate::sanitize::eprint_line(&format!(
            "keywork: warning: {} task files below {last} are missing (the first: {}); \
             `keywork doctor` explains",
            missing.len(),
            ctx.store.task_path(*first).display()
        )),
    }
    for path in ctx.store.out_of_range() {
        crate::sanitize::eprint_line(&format!(
            "keywork: warning: {}: task numbers run from 1 to {}; the file is ignored \
             (`keywork doctor` explains)",
            path.display(),
            crate::store::MAX_TASK
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Vec<String> {
        [
            "区发展改革委",
            "区旧改办",
            "区住房保障局",
            "区房管局",
            "区建管委",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn a_listed_name_needs_no_suggestion() {
        assert_eq!(suggest("区旧改办", &units()), None);
        assert_eq!(unit_warning("区旧改办", &units()), None);
    }

    #[test]
    fn part_of_a_listed_name_suggests_it() {
        assert_eq!(suggest("区旧改", &units()), Some("区旧改办"));
        assert_eq!(suggest("旧改办", &units()), Some("区旧改办"));
        assert_eq!(suggest(" 住房保障 ", &units()), Some("区住房保障局"));
    }

    #[test]
    fn a_longer_name_containing_a_listed_one_suggests_it() {
        assert_eq!(suggest("杨浦区旧改办", &units()), Some("区旧改办"));
        assert_eq!(suggest("区房管局（物业科）", &units()), Some("区房管局"));
    }

    #[test]
    fn the_closest_in_length_wins_and_ties_go_to_the_first_listed() {
        // 区 is in every name: the shortest ones are closest, 区旧改办 and 区房管局 tie (4
        // characters) and 区旧改办 is listed first.
        assert_eq!(suggest("区", &units()), Some("区旧改办"));
        assert_eq!(suggest("管", &units()), Some("区房管局"));
    }

    #[test]
    fn an_unrelated_name_has_no_suggestion() {
        assert_eq!(suggest("街道", &units()), None);
        assert_eq!(suggest("", &units()), None);
        assert_eq!(
            unit_warning("街道", &units()).unwrap(),
            "keywork: warning: '街道' is not in the configured units"
        );
        assert_eq!(
            unit_warning("区旧改", &units()).unwrap(),
            "keywork: warning: '区旧改' is not in the configured units; did you mean 区旧改办?"
        );
    }

    #[test]
    fn unit_lists_split_on_dun_and_commas() {
        assert_eq!(
            split_units(&["区房管局、街道", "区建管委,区财政局", " 区科委 ， ", ""]),
            ["区房管局", "街道", "区建管委", "区财政局", "区科委"]
        );
    }
}
