//! Words for people: how a history event, a relative time or a target reads, in Chinese or
//! English. Shared by the command line, the TUI and reports so that they all say the same
//! thing. Pure functions of the model and the config; no IO.

use crate::config::Lang;
use crate::model::{BoardMeta, Event, EventKind, Target, Task, format_value};
use crate::strings::present as s;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// One line saying what an event changed: `15.2 状态 未启动 → 推进中`.
pub fn describe(e: &Event, meta: &BoardMeta, lang: Lang) -> String {
    let en = lang.is_en();
    let st = |k: &Option<String>| {
        meta.status_name(k.as_deref().unwrap_or("?"), en)
            .to_string()
    };
    let word = s::event_word(lang, e.kind);
    // "word from → to", or "word value" for events with one side.
    let moved = || {
        let or_dash = |v: &Option<String>| v.as_deref().unwrap_or("—").to_string();
        format!("{word} {} → {}", or_dash(&e.from), or_dash(&e.to))
    };
    let one = |v: &Option<String>| format!("{word} {}", v.as_deref().unwrap_or(""));
    let what = match e.kind {
        EventKind::Created
        | EventKind::NoteAdded
        | EventKind::NoteEdited
        | EventKind::NoteRemoved => word.to_string(),
        EventKind::Status => format!("{word} {} → {}", st(&e.from), st(&e.to)),
        EventKind::Reviewed | EventKind::TargetAdded | EventKind::ClosedWithoutEvidence => {
            one(&e.to)
        }
        EventKind::TargetRemoved => one(&e.from),
        EventKind::Assigned | EventKind::Deadline | EventKind::Target => moved(),
    };

    crate::text::one_line(&format!("{} {what}", event_subject(e)))
}

/// What an event is about as people name it: `15.2` for a task or measure, `15#4` for a
/// target (so that `15#4 指标 — → 120` cannot be read as measure 15.4).
pub fn event_subject(e: &Event) -> String {
    match e.kind {
        EventKind::Target | EventKind::TargetAdded | EventKind::TargetRemoved => {
            crate::model::target_name(&e.on)
        }
        _ => e.on.clone(),
    }
}

/// How long ago, in words: `刚刚`, `5 分钟前`, `3 天前` / `just now`, `5 min ago`, `3 d ago`.
pub fn ago(then: DateTime<FixedOffset>, now: DateTime<FixedOffset>, lang: Lang) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => s::just_now(lang).to_string(),
        60..3600 => s::minutes_ago(lang, secs / 60),
        3600..86400 => s::hours_ago(lang, secs / 3600),
        _ => s::days_ago(lang, secs / 86400),
    }
}

/// When something happened, as people say it: relative within a week (`3 天前`), else the
/// date and time in the display zone (`10-05 14:30`, with the year when it is not this year's).
pub fn when(
    t: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
    offset: Option<chrono::FixedOffset>,
    lang: Lang,
) -> String {
    if now - t < chrono::Duration::days(7) && t <= now {
        return ago(t, now, lang);
    }
    let local = crate::config::to_display(t, offset);
    if local.format("%Y").to_string() == now.format("%Y").to_string() {
        local.format("%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d").to_string()
    }
}

/// Whole days between a time and now (for compact columns).
pub fn days_since(then: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> i64 {
    (now - then).num_days().max(0)
}

/// `120 / 200 台` or `— / 200 台`, with the qualifier (`2400余户`).
pub fn target_progress(t: &Target) -> String {
    let cur = t.current.map_or("—".to_string(), format_value);
    crate::text::one_line(&format!(
        "{cur} / {}{}{}",
        format_value(t.target),
        t.qualifier.as_deref().unwrap_or(""),
        t.unit
    ))
}

/// A current value far outside its target (see [`Target::implausible`]), in words: warned
/// of by the command line, asked about by the TUI.
pub fn implausible(t: &Target, value: f64, lang: Lang) -> String {
    let v = format_value(value);
    let goal = format!("{}{}", format_value(t.target), t.unit);
    let name = t.name();
    s::implausible(lang, &name, &v, &goal)
}

/// A percentage for people, rounded half away from zero to a whole number: 42.5 → `43%`.
/// The one rule for every screen, command and report.
pub fn percent(v: f64) -> String {
    format!("{}%", format_value(v.round()))
}

/// How far a target is (current / target, in percent), if it has a current value.
pub fn target_percent(t: &Target) -> Option<f64> {
    t.current
        .filter(|_| t.target > 0.0)
        .map(|c| c / t.target * 100.0)
}

/// A date in the configured format.
pub fn date(d: NaiveDate, fmt: &str) -> String {
    d.format(fmt).to_string()
}

/// The last change a person made to a task (import does not count).
pub fn last_change(task: &Task) -> Option<&Event> {
    task.history
        .iter()
        .filter(|e| e.kind != EventKind::Created)
        .max_by_key(|e| e.at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn percentages_round_half_away_from_zero_everywhere() {
        assert_eq!(percent(42.5), "43%");
        assert_eq!(percent(42.49), "42%");
        assert_eq!(percent(0.5), "1%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(percent(66.666), "67%");
    }

    #[test]
    fn ago_reads_naturally_in_both_languages() {
        let now = t("2023-10-08T10:00:00+08:00");
        assert_eq!(ago(t("2023-10-08T09:59:30+08:00"), now, Lang::Zh), "刚刚");
        assert_eq!(
            ago(t("2023-10-08T09:55:00+08:00"), now, Lang::Zh),
            "5 分钟前"
        );
        assert_eq!(ago(t("2023-10-05T10:00:00+08:00"), now, Lang::Zh), "3 天前");
        assert_eq!(
            ago(t("2023-10-08T07:00:00+08:00"), now, Lang::En),
            "3 h ago"
        );
        assert_eq!(
            ago(t("2023-10-09T07:00:00+08:00"), now, Lang::En),
            "just now"
        );
    }

    #[test]
    fn when_is_relative_within_a_week_then_a_date() {
        let now = t("2023-10-08T10:00:00+08:00");
        let tz = chrono::FixedOffset::east_opt(8 * 3600);
        assert_eq!(
            when(t("2023-10-05T10:00:00+08:00"), now, tz, Lang::Zh),
            "3 天前"
        );
        assert_eq!(
            when(t("2023-09-20T14:30:00+08:00"), now, tz, Lang::Zh),
            "09-20 14:30"
        );
        assert_eq!(
            when(t("2022-09-20T14:30:00+08:00"), now, tz, Lang::Zh),
            "2022-09-20"
        );
    }

    #[test]
    fn describe_names_statuses_in_the_language() {
        let meta = BoardMeta {
            schema: 1,
            title: String::new(),
            issued: None,
            source: String::new(),
            created: t("2023-10-08T10:00:00+08:00"),
            statuses: crate::model::default_statuses(),
            issuer: None,
            doc_number: None,
            description: None,
        };
        let e = Event {
            at: meta.created,
            author: "li".into(),
            kind: EventKind::Status,
            on: "15.2".into(),
            from: Some("todo".into()),
            to: Some("doing".into()),
            note: None,
        };
        assert_eq!(describe(&e, &meta, Lang::Zh), "15.2 状态 未启动 → 推进中");
        assert_eq!(
            describe(&e, &meta, Lang::En),
            "15.2 status not started → in progress"
        );
    }
}
