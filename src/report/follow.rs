//! How follow-through reads (督查督办): the one-line summaries of urging and extensions that
//! `status --warnings`, `show`, `decisions` and the review share, the report's section (each
//! meeting's 办结率, the open decisions with their age, the extensions, counts by source) and
//! the text of an urging notice (督办通知单). Pure: text in, text out.

use crate::config::Lang;
use crate::model::Board;
use crate::model::decision::{Decision, DecisionState, Follow, Rate, Urge};
use crate::model::schedule::Warning;
use crate::strings::follow as s;
use chrono::NaiveDate;

/// Whole days from `b` to `a`.
trait Days {
    fn days_since(self, b: NaiveDate) -> i64;
}

impl Days for NaiveDate {
    fn days_since(self, b: NaiveDate) -> i64 {
        (self - b).num_days()
    }
}

/// How dates are written and which day it is.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub lang: Lang,
    pub date_format: &'a str,
    pub today: NaiveDate,
}

impl View<'_> {
    pub fn day(&self, d: NaiveDate) -> String {
        d.format(self.date_format).to_string()
    }

    fn short(&self, d: NaiveDate) -> String {
        d.format("%m-%d").to_string()
    }
}

/// `催办 2 次（黄），最近 10-12`, none when `on` was never urged.
pub fn urged(f: &Follow, on: &str, v: &View) -> Option<String> {
    let urges: Vec<&Urge> = f.urges_of(on).collect();
    let last = urges.iter().max_by_key(|u| u.at)?;
    Some(s::urged(
        v.lang,
        urges.len(),
        s::level(v.lang, last.level),
        &v.short(last.at.date_naive()),
    ))
}

/// How often `on` was extended and by how many days in all, with its original date.
pub fn extension_facts(f: &Follow, on: &str) -> Option<(usize, i64, Option<NaiveDate>, NaiveDate)> {
    let all: Vec<_> = f.extensions_of(on).collect();
    let first = all.first()?;
    let last = all.last()?;
    let days = first.from.map_or(0, |from| last.to.days_since(from));
    Some((all.len(), days, first.from, last.to))
}

/// `延期 2 次（共 30 天）`.
pub fn extended(f: &Follow, on: &str, v: &View) -> Option<String> {
    extension_facts(f, on).map(|(n, days, _, _)| s::extended_times(v.lang, n, days))
}

/// One decision on one line: id, state, item, text, unit, dates, age, extensions, urging.
pub fn decision_line(d: &Decision, f: &Follow, v: &View) -> String {
    let mut parts = vec![format!(
        "{} [{}] {} {}",
        d.id,
        s::state(v.lang, d.state),
        d.on,
        crate::text::one_line(&d.text)
    )];
    if !d.unit.is_empty() {
        parts.push(crate::text::one_line(&d.unit));
    }
    if let Some(due) = d.due {
        parts.push(s::due_on(v.lang, &v.day(due)));
    }
    parts.push(match d.meeting {
        Some(m) => s::meeting_on(v.lang, &v.day(m)),
        None => s::outside_meeting(v.lang).to_string(),
    });
    if d.state == DecisionState::Open {
        match d.due.filter(|_| d.overdue(v.today)) {
            Some(due) => parts.push(s::overdue_days(v.lang, v.today.days_since(due))),
            None => parts.push(s::age_days(v.lang, d.age(v.today))),
        }
    }
    parts.extend(extended(f, &d.id, v));
    parts.extend(urged(f, &d.id, v));
    if !d.evidence.is_empty() {
        parts.push(s::labelled(
            v.lang,
            crate::strings::common::evidence(v.lang),
            &crate::text::one_line(&d.evidence),
        ));
    }
    parts.join(" · ")
}

/// 办结率 of each meeting that made decisions, in date order (decisions made outside a
/// meeting last), named as the report and the ledger show it.
pub fn rates_by_meeting(decisions: &[(&Follow, &Decision)], v: &View) -> Vec<(String, Rate)> {
    let mut meetings: Vec<Option<NaiveDate>> = decisions.iter().map(|(_, d)| d.meeting).collect();
    meetings.sort_by_key(|m| (m.is_none(), *m));
    meetings.dedup();
    meetings
        .into_iter()
        .map(|m| {
            let r = Rate::of(
                decisions
                    .iter()
                    .filter(|(_, d)| d.meeting == m)
                    .map(|(_, d)| *d),
            );
            let name = match m {
                Some(m) => s::meeting_on(v.lang, &v.day(m)),
                None => s::outside_meeting(v.lang).to_string(),
            };
            (name, r)
        })
        .collect()
}

fn percent(r: &Rate) -> String {
    r.percent().map_or("—".into(), |p| format!("{p:.0}%"))
}

fn cell(t: &str) -> String {
    crate::report::weekly::inline(t)
}

/// The report's section: meetings and their 办结率, open decisions with their age,
/// extensions, counts by source. Empty when nothing is followed up.
pub fn section(board: &Board, follows: &[Follow], v: &View) -> String {
    let decisions: Vec<(&Follow, &Decision)> = follows
        .iter()
        .flat_map(|f| f.decisions.iter().map(move |d| (f, d)))
        .collect();
    let mut out = String::new();
    let mut line = |t: &str| {
        out.push_str(t);
        out.push('\n');
    };
    if !decisions.is_empty() {
        line("");
        line(&format!("## {}", s::report_decisions(v.lang)));
        line("");
        line(s::rate_header(v.lang));
        line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (name, r) in rates_by_meeting(&decisions, v) {
            line(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&name),
                r.made,
                r.done,
                r.on_time,
                r.late,
                r.dropped,
                r.open,
                percent(&r)
            ));
        }
        let open: Vec<_> = decisions
            .iter()
            .filter(|(_, d)| d.state == DecisionState::Open)
            .collect();
        if !open.is_empty() {
            line("");
            line(&format!("### {}", s::report_open(v.lang)));
            line("");
            for (f, d) in open {
                line(&format!("- {}", cell(&decision_line(d, f, v))));
            }
        }
    }
    let extended: Vec<(&Follow, &str)> = follows
        .iter()
        .flat_map(|f| {
            let mut ons: Vec<&str> = f.extensions.iter().map(|e| e.on.as_str()).collect();
            ons.sort_unstable();
            ons.dedup();
            ons.into_iter().map(move |on| (f, on))
        })
        .collect();
    if !extended.is_empty() {
        line("");
        line(&format!("## {}", s::report_extensions(v.lang)));
        line("");
        for (f, on) in extended {
            let Some((n, days, first, now)) = extension_facts(f, on) else {
                continue;
            };
            let first = first.map_or("—".to_string(), |d| v.day(d));
            let last = f.extensions_of(on).last().expect("counted above");
            let by = if last.approved_by.is_empty() {
                "—"
            } else {
                &last.approved_by
            };
            let what = s::extension_line(v.lang, on, &first, &v.day(now), n, days);
            let why = s::extension_why(v.lang, &last.reason, by);
            line(&format!("- {}", cell(&s::joined(v.lang, &what, &why))));
        }
    }
    if follows
        .iter()
        .any(|f| f.source.is_some() || f.decisions.iter().any(|d| d.source.is_some()))
    {
        line("");
        line(&format!("## {}", s::report_sources(v.lang)));
        line("");
        line(s::source_header(v.lang));
        line("| --- | --- | --- | --- | --- | --- | --- |");
        for row in by_source(board, follows, v.lang) {
            line(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&row.kind),
                row.tasks,
                row.tasks_done,
                if row.tasks == 0 {
                    "—".to_string()
                } else {
                    format!("{:.0}%", 100.0 * row.tasks_done as f64 / row.tasks as f64)
                },
                row.decisions.made,
                row.decisions.done,
                percent(&row.decisions)
            ));
        }
    }
    out
}

/// Counts of one source kind.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub kind: String,
    pub tasks: usize,
    pub tasks_done: usize,
    pub decisions: Rate,
}

/// Tasks and decisions by source kind (a decision without its own source counts under its
/// task's), in order of first appearance; "not set" last.
pub fn by_source(board: &Board, follows: &[Follow], lang: Lang) -> Vec<SourceRow> {
    let unset = s::no_source(lang).to_string();
    let kind_of = |n: u32| {
        follows
            .iter()
            .find(|f| f.task == n)
            .and_then(|f| f.source.as_ref())
            .map_or(unset.clone(), |s| s.kind.clone())
    };
    let mut rows: Vec<SourceRow> = Vec::new();
    fn row(rows: &mut Vec<SourceRow>, kind: String) -> usize {
        match rows.iter().position(|r| r.kind == kind) {
            Some(i) => i,
            None => {
                rows.push(SourceRow {
                    kind,
                    tasks: 0,
                    tasks_done: 0,
                    decisions: Rate::default(),
                });
                rows.len() - 1
            }
        }
    }
    let mut decisions: Vec<(usize, &Decision)> = Vec::new();
    for t in &board.tasks {
        let i = row(&mut rows, kind_of(t.number));
        rows[i].tasks += 1;
        if board.meta.is_done(&t.status) {
            rows[i].tasks_done += 1;
        }
    }
    for f in follows {
        for d in &f.decisions {
            let kind = d
                .source
                .as_ref()
                .map_or_else(|| kind_of(f.task), |s| s.kind.clone());
            decisions.push((row(&mut rows, kind), d));
        }
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.decisions = Rate::of(decisions.iter().filter(|(k, _)| *k == i).map(|(_, d)| *d));
    }
    rows.sort_by_key(|r| r.kind == unset);
    rows
}

/// What an urging notice says about the item.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeFacts {
    /// `15.2 加快签约` or `议定事项 D15-1：…`.
    pub what: String,
    pub due: Option<NaiveDate>,
    /// Expected and actual progress, 0–100, when behind the schedule.
    pub behind: Option<(f64, f64)>,
}

/// The notice (督办通知单) as Markdown, in the report's layout (title, then body lines):
/// what is late, by how much, since when, what is expected by when.
pub fn notice(urge: &Urge, facts: &NoticeFacts, previous: &[&Urge], v: &View) -> String {
    let l = v.lang;
    let mut lines = vec![
        format!("# {}", s::notice_title(l, s::level_full(l, urge.level))),
        String::new(),
        s::notice_no(l, &urge.id),
        s::notice_to(
            l,
            if urge.unit.is_empty() {
                "—"
            } else {
                &urge.unit
            },
        ),
        s::notice_item(l, &crate::text::one_line(&facts.what)),
    ];
    if let Some(due) = facts.due {
        let mut t = s::notice_due(l, &v.day(due));
        let today = urge.at.date_naive();
        if due < today {
            t = s::then(
                l,
                &t,
                &s::notice_overdue(l, &v.day(due), today.days_since(due)),
            );
        } else if urge.level == Warning::Blue {
            t = s::then(l, &t, &s::notice_due_soon(l, due.days_since(today)));
        }
        lines.push(t);
    }
    if let Some((expected, actual)) = facts.behind {
        let (e, a) = (expected.round() as i64, actual.round() as i64);
        lines.push(s::notice_behind(l, e, a, e - a));
    }
    if let Some(last) = previous.iter().max_by_key(|u| u.at) {
        let when = s::paren(l, &v.day(last.at.date_naive()), s::level(l, last.level));
        lines.push(s::notice_previous(l, previous.len(), &when));
    }
    if let Some(by) = urge.expected {
        lines.push(s::notice_expect(l, &v.day(by)));
    }
    lines.push(s::notice_light(l).to_string());
    if !urge.note.is_empty() {
        lines.push(s::notice_note(l, &crate::text::one_line(&urge.note)));
    }
    lines.push(String::new());
    lines.push(s::notice_from(l, &urge.by, &v.day(urge.at.date_naive())));
    let mut md = lines.join("\n");
    md.push('\n');
    md
}

#[cfg(test)]
#[path = "follow_tests.rs"]
mod tests;
