//! Deadlines and schedule warnings (序时进度): when a task is due, how far along it should be
//! by now on a linear schedule from the board's start, and how it is classed — 欠进度 /
//! 达进度 / 超进度 / 已完成 (behind / on / ahead of schedule / done) — with the warning
//! colours of common supervision practice: 10–30 points behind is yellow, more than 30 red, due
//! within the warning window blue (all configurable). Pure functions with explicit dates.

use super::{BoardMeta, ModelError, Summary, Task};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The thresholds of the warning rule (config `[schedule]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Points behind the expected progress from which a task is yellow (and 欠进度).
    pub yellow: f64,
    /// Points behind from which it is red.
    pub red: f64,
    /// Points ahead from which it is 超进度.
    pub ahead: f64,
    /// Days before the deadline in which an unfinished task is blue (due soon).
    pub due_soon_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            yellow: 10.0,
            red: 30.0,
            ahead: 10.0,
            due_soon_days: 14,
        }
    }
}

/// The four classes of a task against its schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Behind,
    On,
    Ahead,
    Done,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Behind, Class::On, Class::Ahead, Class::Done];

    pub fn words(self, en: bool) -> &'static str {
        use crate::strings::model as say;
        let lang = crate::strings::Lang::of_en(en);
        match self {
            Class::Behind => say::class_behind(lang),
            Class::On => say::class_on(lang),
            Class::Ahead => say::class_ahead(lang),
            Class::Done => say::class_done(lang),
        }
    }
}

/// A warning colour (滞后预警).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// Due within the warning window and not done.
    Blue,
    /// 10–30 points behind expected progress.
    Yellow,
    /// More than 30 points behind, or overdue.
    Red,
}

impl Warning {
    pub fn words(self, en: bool) -> &'static str {
        use crate::strings::model as say;
        let lang = crate::strings::Lang::of_en(en);
        match self {
            Warning::Red => say::warning_red(lang),
            Warning::Yellow => say::warning_yellow(lang),
            Warning::Blue => say::warning_blue(lang),
        }
    }
}

/// Where a task stands against its schedule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessment {
    /// Progress expected by now, 0–100 (none without a deadline).
    pub expected: Option<f64>,
    /// Progress made, 0–100.
    pub actual: f64,
    pub class: Class,
    pub warning: Option<Warning>,
    pub overdue: bool,
}

/// Progress of a task, 0–100: done is 100; otherwise the mean of its measures done and, for
/// each target with a current value, current / target (capped at 100).
pub fn progress(task: &Task, meta: &BoardMeta) -> f64 {
    summary_progress(&task.summary(), meta)
}

/// The same from a task's summary (what the board and `status` have).
pub fn summary_progress(s: &Summary, meta: &BoardMeta) -> f64 {
    if meta.is_done(&s.status) {
        return 100.0;
    }
    let mut parts: Vec<f64> = s.target_ratios.clone();
    if s.measures() > 0 {
        parts.push(100.0 * s.measures_done(meta) as f64 / s.measures() as f64);
    }
    if parts.is_empty() {
        0.0
    } else {
        parts.iter().sum::<f64>() / parts.len() as f64
    }
}

/// Expected progress on a linear schedule from `start` to `deadline`, 0–100, on `today`.
pub fn expected(start: NaiveDate, deadline: NaiveDate, today: NaiveDate) -> f64 {
    let total = (deadline - start).num_days();
    if total <= 0 {
        return if today >= deadline { 100.0 } else { 0.0 };
    }
    let elapsed = (today - start).num_days().clamp(0, total);
    100.0 * elapsed as f64 / total as f64
}

/// The rule: compare progress with the time elapsed since the board's start.
pub fn assess(
    task: &Task,
    meta: &BoardMeta,
    start: NaiveDate,
    today: NaiveDate,
    th: &Thresholds,
) -> Assessment {
    assess_summary(&task.summary(), meta, start, today, th)
}

/// The rule on a task's summary.
pub fn assess_summary(
    task: &Summary,
    meta: &BoardMeta,
    start: NaiveDate,
    today: NaiveDate,
    th: &Thresholds,
) -> Assessment {
    let actual = summary_progress(task, meta);
    let done = meta.is_done(&task.status);
    let expected = task.deadline.map(|d| expected(start, d, today));
    let overdue = !done && task.deadline.is_some_and(|d| d < today);
    let gap = expected.map_or(0.0, |e| e - actual);
    let class = if done {
        Class::Done
    } else if expected.is_some() && gap >= th.yellow {
        Class::Behind
    } else if expected.is_some() && -gap >= th.ahead {
        Class::Ahead
    } else {
        Class::On
    };
    let warning = if done {
        None
    } else if overdue || gap > th.red {
        Some(Warning::Red)
    } else if gap >= th.yellow {
        Some(Warning::Yellow)
    } else if task
        .deadline
        .is_some_and(|d| (d - today).num_days() <= th.due_soon_days)
    {
        Some(Warning::Blue)
    } else {
        None
    };
    Assessment {
        expected,
        actual,
        class,
        warning,
        overdue,
    }
}

/// Measures done at the end of each week from `start` to `today` (the last point is today),
/// replayed from the task's history: for a progress-over-time chart.
pub fn weekly_done(task: &Task, meta: &BoardMeta, start: NaiveDate, today: NaiveDate) -> Vec<u64> {
    use super::EventKind;
    use std::collections::HashMap;
    // One pass over the history (a large task has thousands of events and the detail screen
    // draws this on every frame): each measure's status events by day, swept week by week.
    // A measure's status at a week's end is its latest status event (by time; among equal
    // times the later in the history) dated on or before that day.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for m in &task.measures {
        let next = ids.len();
        ids.entry(m.id.as_str()).or_insert(next);
    }
    let mut events: Vec<(NaiveDate, usize, usize)> = task
        .history
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Status)
        .filter_map(|(i, e)| Some((e.at.date_naive(), i, *ids.get(e.on.as_str())?)))
        .collect();
    events.sort_unstable();
    let mut latest: Vec<Option<usize>> = vec![None; ids.len()];
    let mut next = 0;
    let mut points = Vec::new();
    let mut day = start + chrono::Duration::days(6);
    loop {
        let end = day.min(today);
        while let Some(&(_, i, m)) = events.get(next).filter(|e| e.0 <= end) {
            let at = task.history[i].at;
            if latest[m].is_none_or(|j| (at, i) > (task.history[j].at, j)) {
                latest[m] = Some(i);
            }
            next += 1;
        }
        let done = task
            .measures
            .iter()
            .filter(|m| {
                latest[ids[m.id.as_str()]]
                    .and_then(|i| task.history[i].to.as_deref())
                    .is_some_and(|k| meta.is_done(k))
            })
            .count();
        points.push(done as u64);
        if day >= today {
            break;
        }
        day += chrono::Duration::days(7);
    }
    points
}

/// When the board's year started: its issue date's year, else its creation date's.
pub fn board_start(meta: &BoardMeta) -> NaiveDate {
    let year = meta.issued.map_or(meta.created.year(), |d| d.year());
    NaiveDate::from_ymd_opt(year, 1, 1).expect("January 1st exists")
}

/// A deadline as people write it: `2023-12-31`, `12-31` (the board's year), `年底`/`年末`
/// (December 31st), `Q1`–`Q4` or `一季度`…`四季度` (end of that quarter), `上半年`/`年中`
/// (June 30th).
pub fn parse_deadline(s: &str, year: i32) -> Result<NaiveDate, ModelError> {
    let t = s.trim();
    let bad = || ModelError::BadDate(t.to_string());
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).ok_or_else(bad);
    let quarter_end = |q: u32| match q {
        1 => ymd(3, 31),
        2 => ymd(6, 30),
        3 => ymd(9, 30),
        4 => ymd(12, 31),
        _ => Err(bad()),
    };
    match t {
        "年底" | "年末" | "年内" | "end of year" => return ymd(12, 31), // data: deadline words
        "上半年" | "年中" | "年中前" => return ymd(6, 30),              // data: deadline words
        "一季度" => return quarter_end(1),                              // data: deadline words
        "二季度" => return quarter_end(2),                              // data: deadline words
        "三季度" => return quarter_end(3),                              // data: deadline words
        "四季度" => return quarter_end(4),                              // data: deadline words
        _ => {}
    }
    if let Some(q) = t
        .strip_prefix(['Q', 'q'])
        .and_then(|q| q.parse::<u32>().ok())
    {
        return quarter_end(q);
    }
    let t2 = t.replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&t2, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{year}-{t2}"), "%Y-%m-%d"))
        .map_err(|_| bad())
}

/// Order of ids like `15.3` by their numbers (not as text: 15.10 after 15.9).
pub fn id_order(id: &str) -> (u32, u32) {
    let mut parts = id.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stamp, default_statuses};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn board() -> crate::model::Board {
        crate::seed::board(
            default_statuses(),
            chrono::DateTime::parse_from_rfc3339("2023-09-20T09:00:00+08:00").unwrap(),
        )
    }

    #[test]
    fn measures_done_week_by_week() {
        let mut b = board();
        let meta = b.meta.clone();
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let st = |t: &str| Stamp {
            author: "a".into(),
            at: at(t),
        };
        b.set_status(
            "15.1".parse().unwrap(),
            "done",
            &st("2023-01-10T10:00:00+08:00"),
        )
        .unwrap();
        b.set_status(
            "15.2".parse().unwrap(),
            "done",
            &st("2023-01-20T10:00:00+08:00"),
        )
        .unwrap();
        b.set_status(
            "15.2".parse().unwrap(),
            "doing",
            &st("2023-01-25T10:00:00+08:00"),
        )
        .unwrap();
        let points = weekly_done(b.task(15).unwrap(), &meta, d("2023-01-01"), d("2023-01-31"));
        assert_eq!(points, vec![0, 1, 2, 1, 1]);
    }

    #[test]
    fn deadlines_in_every_accepted_form() {
        assert_eq!(parse_deadline("2023-12-31", 2023).unwrap(), d("2023-12-31"));
        assert_eq!(parse_deadline("12-31", 2023).unwrap(), d("2023-12-31"));
        assert_eq!(parse_deadline("2023/6/30", 2023).unwrap(), d("2023-06-30"));
        assert_eq!(parse_deadline("年底", 2023).unwrap(), d("2023-12-31"));
        assert_eq!(parse_deadline("Q3", 2023).unwrap(), d("2023-09-30"));
        assert_eq!(parse_deadline("q1", 2024).unwrap(), d("2024-03-31"));
        assert_eq!(parse_deadline("二季度", 2023).unwrap(), d("2023-06-30"));
        assert_eq!(parse_deadline("上半年", 2023).unwrap(), d("2023-06-30"));
        for bad in ["Q5", "13-01", "明年", "", "2023-02-30"] {
            let e = parse_deadline(bad, 2023).unwrap_err().to_string();
            assert!(e.contains("年底") && e.contains("Q1"), "{bad}: {e}");
        }
    }

    #[test]
    fn expected_progress_is_linear_from_the_start_of_the_year() {
        let (start, end) = (d("2023-01-01"), d("2023-12-31"));
        assert_eq!(expected(start, end, d("2023-01-01")), 0.0);
        assert!((expected(start, end, d("2023-07-02")) - 50.0).abs() < 0.5);
        assert_eq!(expected(start, end, d("2024-02-01")), 100.0);
        assert_eq!(expected(start, end, d("2022-12-01")), 0.0);
    }

    #[test]
    fn the_warning_rule_with_fixed_dates() {
        let mut b = board();
        let th = Thresholds::default();
        let meta = b.meta.clone();
        let start = board_start(&meta);
        assert_eq!(start, d("2023-01-01"));
        let st = Stamp {
            author: "a".into(),
            at: meta.created,
        };
        // Task 15: 4 measures, due at year end. On 2023-07-02 about 50 % is expected.
        b.set_deadline("15".parse().unwrap(), Some(d("2023-12-31")), &st)
            .unwrap();
        let mid = d("2023-07-02");
        let a = |b: &crate::model::Board, day| assess(b.task(15).unwrap(), &meta, start, day, &th);
        // 0 % done: 50 points behind → 欠进度, red.
        assert_eq!(a(&b, mid).class, Class::Behind);
        assert_eq!(a(&b, mid).warning, Some(Warning::Red));
        // 1 of 4 measures (25 %): 25 points behind → yellow.
        b.set_status("15.1".parse().unwrap(), "done", &st).unwrap();
        assert_eq!(a(&b, mid).warning, Some(Warning::Yellow));
        assert_eq!(a(&b, mid).class, Class::Behind);
        // 2 of 4 (50 %): on schedule, no warning.
        b.set_status("15.2".parse().unwrap(), "done", &st).unwrap();
        assert_eq!(a(&b, mid).class, Class::On);
        assert_eq!(a(&b, mid).warning, None);
        // 3 of 4 (75 %): 25 points ahead → 超进度.
        b.set_status("15.3".parse().unwrap(), "done", &st).unwrap();
        assert_eq!(a(&b, mid).class, Class::Ahead);
        // On 12-20 about 97 % is expected: 75 % is 22 points behind → yellow, not blue.
        assert_eq!(a(&b, d("2023-12-20")).warning, Some(Warning::Yellow));
        // With every measure done but the task still open: due within 14 days → blue.
        b.set_status("15.4".parse().unwrap(), "done", &st).unwrap();
        assert_eq!(a(&b, d("2023-12-20")).warning, Some(Warning::Blue));
        // Past the deadline and not done → red and overdue.
        let late = a(&b, d("2024-01-05"));
        assert!(late.overdue);
        assert_eq!(late.warning, Some(Warning::Red));
        // Done: no warning at all.
        b.set_status("15".parse().unwrap(), "done", &st).unwrap();
        assert_eq!(a(&b, d("2024-01-05")).class, Class::Done);
        assert_eq!(a(&b, d("2024-01-05")).warning, None);
        // A target's value counts as progress too.
        b.set_status("15".parse().unwrap(), "doing", &st).unwrap();
        b.set_status("15.4".parse().unwrap(), "todo", &st).unwrap();
        let before = progress(b.task(15).unwrap(), &meta);
        b.set_target(15, "15.4", Some(200.0), &st).unwrap();
        assert!(progress(b.task(15).unwrap(), &meta) > before);
        // Without a deadline a task is never behind schedule.
        assert_eq!(
            assess(b.task(1).unwrap(), &meta, start, mid, &th).class,
            Class::On
        );
    }

    /// The earlier, quadratic definition: the oracle for the one-pass sweep.
    fn weekly_done_slow(
        task: &Task,
        meta: &BoardMeta,
        start: NaiveDate,
        today: NaiveDate,
    ) -> Vec<u64> {
        use crate::model::EventKind;
        let mut points = Vec::new();
        let mut day = start + chrono::Duration::days(6);
        loop {
            let end = day.min(today);
            let done = task
                .measures
                .iter()
                .filter(|m| {
                    let last = task
                        .history
                        .iter()
                        .filter(|e| {
                            e.kind == EventKind::Status && e.on == m.id && e.at.date_naive() <= end
                        })
                        .max_by_key(|e| e.at);
                    last.and_then(|e| e.to.as_deref())
                        .is_some_and(|k| meta.is_done(k))
                })
                .count();
            points.push(done as u64);
            if day >= today {
                break;
            }
            day += chrono::Duration::days(7);
        }
        points
    }

    #[test]
    fn weekly_done_in_one_pass_matches_the_definition() {
        use crate::model::{Event, EventKind, default_statuses};
        use chrono::{FixedOffset, TimeZone};
        let now = chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        let board = crate::seed::board(default_statuses(), now);
        let meta = &board.meta;
        let statuses: Vec<String> = meta.statuses.iter().map(|s| s.key.clone()).collect();
        let mut seed = 7u64;
        let mut rand = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for round in 0..40 {
            let mut task = board.tasks[round % board.tasks.len()].clone();
            task.history.clear();
            let ids: Vec<String> = task.measures.iter().map(|m| m.id.clone()).collect();
            for _ in 0..rand(120) {
                // Offsets either side of UTC and equal instants: day and time order differ.
                let tz = FixedOffset::east_opt(3600 * (rand(27) as i32 - 12)).unwrap();
                let secs = 1_672_500_000 + rand(40) as i64 * 86_400 * 7 + rand(3) as i64 * 40_000;
                let on = match (ids.is_empty(), rand(5)) {
                    (false, 0..=3) => ids[rand(ids.len() as u64) as usize].clone(),
                    _ => task.number.to_string(),
                };
                task.history.push(Event {
                    at: tz.timestamp_opt(secs, 0).unwrap(),
                    author: "a".into(),
                    kind: if rand(6) == 0 {
                        EventKind::NoteAdded
                    } else {
                        EventKind::Status
                    },
                    on,
                    from: None,
                    to: Some(statuses[rand(statuses.len() as u64) as usize].clone()),
                    note: None,
                });
            }
            let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
            let today = NaiveDate::from_ymd_opt(2023, 1, 1 + rand(28) as u32)
                .unwrap()
                .checked_add_months(chrono::Months::new(rand(12) as u32))
                .unwrap();
            assert_eq!(
                weekly_done(&task, meta, start, today),
                weekly_done_slow(&task, meta, start, today),
                "round {round}"
            );
        }
    }
}
