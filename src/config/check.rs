//! The config's checks of its values (time zone, statuses, date format, `[urge]`) and the
//! problems they find, worded at the edge; where a key is set in the file.

use super::Lang;
use crate::model::StatusDef;
use chrono::{FixedOffset, Offset, Utc};
use std::path::Path;

/// What a config's check found wrong with a key's value. Worded at the edge
/// (`strings::model`, `message(lang)`); `Display` is English, for logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigProblem {
    MissingKey(&'static str),
    Timezone(String),
    TooFewStatuses,
    /// The index of a status without key or name.
    EmptyStatus(usize),
    StatusTwice(String),
    Schedule,
    DateFormat(String),
    BoardName(String),
    Urge,
}

impl ConfigProblem {
    pub fn message(&self, lang: Lang) -> String {
        use crate::strings::model as say;
        match self {
            ConfigProblem::MissingKey(k) => say::config_missing_key(lang, k),
            ConfigProblem::Timezone(tz) => say::config_timezone(lang, tz),
            ConfigProblem::TooFewStatuses => say::config_too_few_statuses(lang).to_string(),
            ConfigProblem::EmptyStatus(i) => say::config_empty_status(lang, *i),
            ConfigProblem::StatusTwice(k) => say::config_status_twice(lang, k),
            ConfigProblem::Schedule => say::config_schedule(lang).to_string(),
            ConfigProblem::DateFormat(f) => say::config_date_format(lang, f),
            ConfigProblem::BoardName(b) => say::config_board_name(lang, b),
            ConfigProblem::Urge => say::config_urge(lang).to_string(),
        }
    }
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

pub(super) fn parse_timezone(tz: &str) -> Result<Option<FixedOffset>, ConfigProblem> {
    let t = tz.trim();
    if t.eq_ignore_ascii_case("local") {
        return Ok(None);
    }
    if t.eq_ignore_ascii_case("utc") || t == "Z" {
        return Ok(Some(Utc.fix()));
    }
    let bad = || ConfigProblem::Timezone(tz.to_string());
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i32 = h.parse().map_err(|_| bad())?;
    let m: i32 = m.parse().map_err(|_| bad())?;
    if h > 14 || m > 59 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
        .map(Some)
        .ok_or_else(bad)
}

pub(super) fn check_statuses(statuses: &[StatusDef]) -> Result<(), ConfigProblem> {
    if statuses.len() < 2 {
        return Err(ConfigProblem::TooFewStatuses);
    }
    for (i, s) in statuses.iter().enumerate() {
        if s.key.trim().is_empty() || s.name.trim().is_empty() {
            return Err(ConfigProblem::EmptyStatus(i));
        }
        if statuses[..i].iter().any(|o| o.key == s.key) {
            return Err(ConfigProblem::StatusTwice(s.key.clone()));
        }
    }
    Ok(())
}

pub(super) fn check_date_format(fmt: &str) -> Result<(), ConfigProblem> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(fmt).any(|i| matches!(i, Item::Error)) {
        return Err(ConfigProblem::DateFormat(fmt.to_string()));
    }
    Ok(())
}

/// `[urge]`: the day counts are not negative.
pub(super) fn check_urge(
    u: crate::model::decision::UrgeRule,
) -> Result<crate::model::decision::UrgeRule, (&'static str, ConfigProblem)> {
    if u.blue_within_days < 0 || u.red_after_yellow_days < 0 {
        return Err(("urge", ConfigProblem::Urge));
    }
    Ok(u)
}

/// The `lang` a config file sets on a top-level line of its own (`lang = "en"`), read even
/// when the file is broken elsewhere: the error about the file is then in that language.
pub fn lang_hint(path: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            let value = value.split('#').next()?.trim().trim_matches(['"', '\'']);
            match (key.trim(), value) {
                ("lang", "en") => Some(Lang::En),
                ("lang", "zh") => Some(Lang::Zh),
                _ => None,
            }
        })
}

/// The line where `key` is set in a config file (1 if it is not found).
pub(super) fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l
                .trim_start()
                .trim_start_matches("[[")
                .trim_start_matches('[');
            l.starts_with(key) && l[key.len()..].trim_start().starts_with(['=', ']'])
        })
        .map_or(1, |i| i + 1)
}
