//! One filter over a board's tasks, written as one expression everywhere: the board's quick
//! filters, the review chooser, `status`, `report` and `export --filter`, so that "my tasks"
//! means the same in each.
//!
//! `unit:区旧改办 warn:red due:14 status:doing source:领导批示 changed` — facets are combined
//! with "and", the values of one facet with "or" (`warn:red warn:yellow`, or `warn:red,yellow`).
//! Keys have Chinese aliases (单位 预警 到期 状态 来源 有变化). `source:none` (来源:未标注)
//! asks for tasks without a source. A value holding a space, a comma, a quote or a
//! backslash is quoted (`unit:"a b"`). `parse` and `Display` round-trip. Pure: no IO.

use super::schedule::{Thresholds, Warning, assess_summary};
use super::{BoardMeta, Measure, Summary};
use crate::strings::{self, Lang};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::fmt;

/// A warning a filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarnKind {
    Red,
    Yellow,
    Blue,
    Overdue,
}

impl WarnKind {
    pub const ALL: [WarnKind; 4] = [
        WarnKind::Red,
        WarnKind::Yellow,
        WarnKind::Blue,
        WarnKind::Overdue,
    ];

    /// The word an expression writes.
    pub fn word(self) -> &'static str {
        match self {
            WarnKind::Red => "red",
            WarnKind::Yellow => "yellow",
            WarnKind::Blue => "blue",
            WarnKind::Overdue => "overdue",
        }
    }

    fn parse(s: &str) -> Option<WarnKind> {
        Some(match s.to_lowercase().as_str() {
            "red" | "红" | "红色" => WarnKind::Red, // data: accepted words
            "yellow" | "黄" | "黄色" => WarnKind::Yellow, // data: accepted words
            "blue" | "蓝" | "蓝色" | "临期" => WarnKind::Blue, // data: accepted words
            "overdue" | "逾期" => WarnKind::Overdue, // data: accepted words
            _ => return None,
        })
    }
}

/// Which tasks to show. The empty filter shows every task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Lead or partner units, on the task or one of its measures (part of a name is enough).
    pub units: Vec<String>,
    pub warnings: Vec<WarnKind>,
    /// Statuses as written (key, Chinese or English name, column number); see `resolve`.
    pub statuses: Vec<String>,
    /// Not done and due within this many days (overdue included).
    pub due_within: Option<u32>,
    /// Changed since the last finished review meeting.
    pub changed: bool,
    /// Where the task came from (its follow-up's source kind; part of a name is enough).
    pub sources: Vec<String>,
}

/// The `source:` values that ask for tasks without a source.
const NO_SOURCE: [&str; 2] = ["none", "未标注"]; // data: accepted words

/// Why an expression could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    UnknownWord(String),
    BadWarning(String),
    BadDays(String),
    EmptyValue(String),
    UnclosedQuote(String),
    UnknownStatus { value: String, known: String },
}

impl FilterError {
    pub fn message(&self, lang: Lang) -> String {
        use strings::filters as s;
        match self {
            FilterError::UnknownWord(w) => s::unknown_word(lang, w),
            FilterError::BadWarning(v) => s::bad_warning(lang, v),
            FilterError::BadDays(v) => s::bad_days(lang, v),
            FilterError::EmptyValue(k) => s::empty_value(lang, k),
            FilterError::UnclosedQuote(at) => s::unclosed_quote(lang, at),
            FilterError::UnknownStatus { value, known } => s::unknown_status(lang, value, known),
        }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FilterError {}

/// What matching needs besides the task: the board, today, the warning rule and when the
/// last review meeting ended.
pub struct Facts<'a> {
    pub meta: &'a BoardMeta,
    pub today: NaiveDate,
    pub start: NaiveDate,
    pub thresholds: &'a Thresholds,
    pub since: Option<DateTime<FixedOffset>>,
    /// The tasks' follow-up files (their sources), when the filter asks for a source.
    pub follows: Option<&'a std::collections::BTreeMap<u32, super::decision::Follow>>,
}

/// Split an expression into words, honouring quotes; `Err` on an unclosed quote.
fn words(s: &str) -> Result<Vec<(String, bool)>, FilterError> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut word = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '"' {
                quoted = true;
                loop {
                    match chars.next() {
                        None => return Err(FilterError::UnclosedQuote(word)),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e) => word.push(e),
                            None => return Err(FilterError::UnclosedQuote(word)),
                        },
                        Some(c) => word.push(c),
                    }
                }
            } else {
                word.push(c);
            }
        }
        out.push((word, quoted));
    }
}

impl std::str::FromStr for Filter {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Filter, FilterError> {
        Filter::parse(s)
    }
}

impl Filter {
    /// Read an expression (see the module doc).
    pub fn parse(s: &str) -> Result<Filter, FilterError> {
        let mut f = Filter::default();
        for (word, quoted) in words(s)? {
            let (key, value) = match word.split_once([':', '：']) {
                Some((k, v)) => (k.to_lowercase(), v.to_string()),
                None => (word.to_lowercase(), String::new()),
            };
            // A value written with quotes is one value; a bare one may list several.
            let values = |v: &str| -> Vec<String> {
                if quoted {
                    vec![v.to_string()]
                } else {
                    v.split([',', '，']).map(str::to_string).collect()
                }
            };
            match key.as_str() {
                "changed" | "有变化" // data: keys
                    if value.is_empty() && !word.contains([':', '：']) => {
                    f.changed = true
                }
                "unit" | "单位" | "status" | "状态" | "warn" | "预警" | "due" | "到期" | "source" | "来源" // data: keys
                    if value.is_empty() =>
                {
                    return Err(FilterError::EmptyValue(key));
                }
                "unit" | "单位" => f.units.push(value), // data: keys
                "source" | "来源" => { // data: keys
                    for v in values(&value) {
                        if v.trim().is_empty() {
                            return Err(FilterError::EmptyValue(key));
                        }
                        f.sources.push(v);
                    }
                }
                "status" | "状态" => { // data: keys
                    for v in values(&value) {
                        if v.is_empty() {
                            return Err(FilterError::EmptyValue(key));
                        }
                        f.statuses.push(v);
                    }
                }
                "warn" | "预警" => { // data: keys
                    for v in values(&value) {
                        let w = WarnKind::parse(v.trim()).ok_or(FilterError::BadWarning(v))?;
                        f.warnings.push(w);
                    }
                }
                "due" | "到期" => { // data: keys
                    let days = value
                        .trim()
                        .parse::<u32>()
                        .map_err(|_| FilterError::BadDays(value.clone()))?;
                    f.due_within = Some(days);
                }
                _ => return Err(FilterError::UnknownWord(word)),
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The same filter with its statuses as the board's keys; an unknown status is an error.
    pub fn resolve(mut self, meta: &BoardMeta) -> Result<Filter, FilterError> {
        for s in &mut self.statuses {
            match meta.resolve_status(s) {
                Ok(def) => *s = def.key.clone(),
                Err(_) => {
                    let known = meta
                        .statuses
                        .iter()
                        .map(|d| format!("{} {}", d.key, d.name))
                        .collect::<Vec<_>>()
                        .join(strings::filters::list_sep(Lang::Zh));
                    return Err(FilterError::UnknownStatus {
                        value: s.clone(),
                        known,
                    });
                }
            }
        }
        Ok(self)
    }

    /// Whether a task passes: every facet set holds (any of its values).
    pub fn matches(&self, t: &Summary, facts: &Facts) -> bool {
        let meta = facts.meta;
        if !self.units.is_empty()
            && !self
                .units
                .iter()
                .any(|u| t.units.iter().any(|x| x == u || x.contains(u.trim())))
        {
            return false;
        }
        if !self.statuses.is_empty()
            && !self
                .statuses
                .iter()
                .any(|s| *s == t.status || meta.resolve_status(s).is_ok_and(|d| d.key == t.status))
        {
            return false;
        }
        let changed = t
            .last_change
            .is_some_and(|at| facts.since.is_none_or(|s| at > s));
        if self.changed && !changed {
            return false;
        }
        if !self.sources.is_empty() {
            let kind = facts
                .follows
                .and_then(|f| f.get(&t.number))
                .and_then(|f| f.source.as_ref())
                .map(|s| s.kind.as_str());
            let any = self.sources.iter().any(|v| match kind {
                None => NO_SOURCE.contains(&v.trim()),
                Some(k) => k == v || (!v.trim().is_empty() && k.contains(v.trim())),
            });
            if !any {
                return false;
            }
        }
        if let Some(days) = self.due_within {
            let due = t.deadline.is_some_and(|d| {
                !meta.is_done(&t.status) && (d - facts.today).num_days() <= i64::from(days)
            });
            if !due {
                return false;
            }
        }
        if !self.warnings.is_empty() {
            let a = assess_summary(t, meta, facts.start, facts.today, facts.thresholds);
            let any = self.warnings.iter().any(|w| match w {
                WarnKind::Red => a.warning == Some(Warning::Red),
                WarnKind::Yellow => a.warning == Some(Warning::Yellow),
                WarnKind::Blue => a.warning == Some(Warning::Blue),
                WarnKind::Overdue => a.overdue,
            });
            if !any {
                return false;
            }
        }
        true
    }

    /// Whether a measure passes the facets a measure has (unit, status, deadline); `None`
    /// when the filter sets none of them. The tree marks the measures that do not pass.
    pub fn matches_measure(&self, m: &Measure, meta: &BoardMeta, today: NaiveDate) -> Option<bool> {
        if self.units.is_empty() && self.statuses.is_empty() && self.due_within.is_none() {
            return None;
        }
        let units = self.units.is_empty()
            || self.units.iter().any(|u| {
                m.lead
                    .iter()
                    .chain(&m.partners)
                    .any(|x| x == u || x.contains(u.trim()))
            });
        let status = self.statuses.is_empty()
            || self
                .statuses
                .iter()
                .any(|s| *s == m.status || meta.resolve_status(s).is_ok_and(|d| d.key == m.status));
        let due = self.due_within.is_none_or(|days| {
            m.deadline.is_some_and(|d| {
                !meta.is_done(&m.status) && (d - today).num_days() <= i64::from(days)
            })
        });
        Some(units && status && due)
    }

    /// Add a value to a facet, or take it away if it is there (the quick-filter menu).
    pub fn toggle_unit(&mut self, unit: &str) {
        toggle(&mut self.units, unit.to_string());
    }

    pub fn toggle_source(&mut self, kind: &str) {
        toggle(&mut self.sources, kind.to_string());
    }

    pub fn toggle_status(&mut self, key: &str) {
        toggle(&mut self.statuses, key.to_string());
    }

    pub fn toggle_warning(&mut self, w: WarnKind) {
        toggle(&mut self.warnings, w);
        self.warnings.sort();
    }

    /// The filter for a header: `区旧改办 · 红 · 推进中` (statuses by their names).
    pub fn label(&self, meta: &BoardMeta, lang: Lang) -> String {
        let mut parts: Vec<String> = self.units.clone();
        parts.extend(
            self.warnings
                .iter()
                .map(|w| strings::filters::warn_label(lang, *w).to_string()),
        );
        parts.extend(
            self.statuses
                .iter()
                .map(|s| meta.status_name(s, lang.is_en()).to_string()),
        );
        if let Some(d) = self.due_within {
            parts.push(strings::filters::due_within(lang, d));
        }
        parts.extend(self.sources.iter().cloned());
        if self.changed {
            parts.push(strings::filters::changed_short(lang).to_string());
        }
        parts.join(" · ")
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, v: T) {
    match list.iter().position(|x| *x == v) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(v),
    }
}

/// A value as an expression writes it: quoted when it holds a space, comma, quote, colon
/// or backslash, or is empty.
fn quote(v: &str) -> String {
    let plain = !v.is_empty()
        && !v
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\\' | ',' | '，')); // data: separators
    if plain {
        return v.to_string();
    }
    let mut out = String::from("\"");
    for c in v.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

impl fmt::Display for Filter {
    /// `unit:区旧改办 warn:red due:14 status:doing changed` (one word per value).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<String> = Vec::new();
        words.extend(self.units.iter().map(|u| format!("unit:{}", quote(u))));
        words.extend(self.warnings.iter().map(|w| format!("warn:{}", w.word())));
        if let Some(d) = self.due_within {
            words.push(format!("due:{d}"));
        }
        words.extend(self.statuses.iter().map(|s| format!("status:{}", quote(s))));
        words.extend(self.sources.iter().map(|s| format!("source:{}", quote(s))));
        if self.changed {
            words.push("changed".into());
        }
        f.write_str(&words.join(" "))
    }
}

/// When the last finished review meeting ended: "changed" means changed after it.
pub fn last_review_end(reviews: &[super::review::Review]) -> Option<DateTime<FixedOffset>> {
    reviews.iter().filter_map(|r| r.finished).max()
}

#[cfg(test)]
mod tests;
