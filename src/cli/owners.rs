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
use crate::strings::{Lang, cli as say};
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
    let from = b.item(r).map(|i| i.status.to_string()).unwrap_or_default();
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

/// The usage error of a closing refused for want of evidence.
pub fn refused(ctx: &Ctx, r: ItemRef) -> Failure {
    let file = ctx.config.user_file.clone();
    let item = r.to_string();
    Failure::usage(move |l| match &file {
        Some(f) => say::closing_refused_in(l, &item, f.display()),
        None => say::closing_refused(l, &item),
    })
}

pub fn warn_unproven(ctx: &Ctx, r: ItemRef) {
    warn_unproven_in(ctx.lang(), r);
}

/// The warning of a closing without evidence, in `lang`.
pub fn warn_unproven_in(lang: Lang, r: ItemRef) {
    let what = say::closed_unproven(lang, &r.to_string());
    crate::sanitize::eprint_line(&say::warning(lang, &what));
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
pub fn unit_warning(lang: Lang, typed: &str, units: &[String]) -> Option<String> {
    if units.iter().any(|u| u == typed) {
        return None;
    }
    let what = match suggest(typed, units) {
        Some(s) => say::unit_unlisted_meant(lang, typed, s),
        None => say::unit_unlisted(lang, typed),
    };
    Some(say::warning(lang, &what))
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
        return Err(Failure::usage(|l| say::lead_needs_unit(l).into()));
    }
    ctx.ensure_board()?;
    let stamp = ctx.stamp();
    // Head fields only: the task file alone says it (see `Store::update_recent`).
    let (changed, board) = ctx.store.update_recent(r.task, |b, _| {
        b.assign(r, &lead, &partners, &stamp).map(Some)
    })?;
    let mut warned: Vec<&String> = Vec::new();
    for u in lead.iter().chain(&partners) {
        if warned.contains(&u) {
            continue;
        }
        warned.push(u);
        if let Some(w) = unit_warning(ctx.lang(), u, &ctx.config.units) {
            crate::sanitize::eprint_line(&w);
        }
    }
    let (lead, partners) = board.item(r).map(|i| i.units()).unwrap_or_default();
    let lang = ctx.lang();
    let list = |units: &[String]| units.join(say::list_sep(lang));
    let mut line = say::assigned(lang, &r.to_string(), &list(&lead));
    if !partners.is_empty() {
        line.push_str(&say::and_partners(lang, &list(&partners)));
    }
    if !changed {
        line.push_str(say::unchanged_after(lang));
    }
    writeln!(out, "{}", one_line(&line))?;
    Ok(())
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
    let (changed, board) = ctx.store.update_recent(r.task, |b, _| {
        b.check_ref(r)?;
        let date = match date {
            Some(s) if !clear => {
                let year = schedule::board_start(&b.meta).year();
                Some(schedule::parse_deadline(s, year)?)
            }
            _ => None,
        };
        b.set_deadline(r, date, &stamp).map(Some)
    })?;
    let shown = board
        .item(r)
        .ok()
        .and_then(|i| i.deadline)
        .map_or("—".to_string(), |d| {
            present::date(d, &ctx.config.date_format)
        });
    let mut line = say::due_set(ctx.lang(), &r.to_string(), &shown);
    if !changed {
        line.push_str(say::unchanged_after(ctx.lang()));
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
            return Err(Failure::usage(|l| say::unit_needs_name(l).into()));
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
    let unit_label = unit.as_deref().map(|u| say::unit_filter(ctx.lang(), u));
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
    let lang = ctx.lang();
    let warn = |what: String| crate::sanitize::eprint_line(&say::warning(lang, &what));
    match missing.as_slice() {
        [] => {}
        [n] => warn(say::task_file_missing(
            lang,
            ctx.store.task_path(*n).display(),
        )),
        [first, ..] => warn(say::task_files_missing(
            lang,
            missing.len(),
            last,
            ctx.store.task_path(*first).display(),
        )),
    }
    for path in ctx.store.out_of_range() {
        let max = crate::store::MAX_TASK;
        warn(say::task_out_of_range(lang, path.display(), max));
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
        assert_eq!(unit_warning(Lang::En, "区旧改办", &units()), None);
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
            unit_warning(Lang::En, "街道", &units()).unwrap(),
            "keywork: warning: '街道' is not in the configured units"
        );
        assert_eq!(
            unit_warning(Lang::En, "区旧改", &units()).unwrap(),
            "keywork: warning: '区旧改' is not in the configured units; did you mean 区旧改办?"
        );
        assert_eq!(
            unit_warning(Lang::Zh, "区旧改", &units()).unwrap(),
            "keywork：注意：“区旧改”不在配置的单位列表中；是指 区旧改办 吗？"
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
