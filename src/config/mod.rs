//! Configuration: the defaults compiled in from `config/default.toml`, overridden key by key
//! by the user's file.
//!
//! Owns where the config and the default board live (the `directories` crate), the author of
//! changes, the language, the display time zone and the other options. Never panics on a bad
//! file: an unknown key or a wrong type is an error naming `path:line:column`.

use crate::keymap::{Keymap, KeysConfig};
use crate::model::StatusDef;
use crate::model::schedule::Thresholds;
use crate::tomlfile::{self, FileError};
use chrono::{DateTime, FixedOffset, Local, Offset, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod check;
mod paths;
pub use check::{ConfigProblem, lang_hint};
use check::{check_date_format, check_statuses, check_urge, key_line, parse_timezone};
pub use paths::{board_dir, boards_dir, config_path, default_board_dir, is_board_name, login_name};

/// The documented defaults, compiled in.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Pick the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The language of code that still passes `en: bool`.
    pub fn of_en(en: bool) -> Lang {
        if en { Lang::En } else { Lang::Zh }
    }
}

/// How the terminal draws East Asian ambiguous-width characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmbiguousWidth {
    Auto,
    Narrow,
    Wide,
}

/// One config file as written: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    board: Option<String>,
    author: Option<String>,
    lang: Option<Lang>,
    timezone: Option<String>,
    date_format: Option<String>,
    ambiguous_width: Option<AmbiguousWidth>,
    statuses: Option<Vec<StatusDef>>,
    units: Option<Vec<String>>,
    schedule: Option<Thresholds>,
    require_evidence: Option<bool>,
    watch: Option<bool>,
    keys: Option<KeysConfig>,
    report: Option<ReportConfig>,
    files: Option<FilesConfig>,
    source_kinds: Option<Vec<String>>,
    urge: Option<crate::model::decision::UrgeRule>,
}

/// `[files]`: size limits of evidence files (`keywork attach`), in MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesConfig {
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
    #[serde(default = "default_max_board_mb")]
    pub max_board_mb: u64,
}

fn default_max_file_mb() -> u64 {
    50
}

fn default_max_board_mb() -> u64 {
    2048
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            max_file_mb: default_max_file_mb(),
            max_board_mb: default_max_board_mb(),
        }
    }
}

/// `[report]`: what the Word report is signed with.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The issuing office (发文机关署名) at the end of the Word report.
    #[serde(default)]
    pub office: String,
}

/// The configuration in effect.
#[derive(Debug, Clone)]
pub struct Config {
    /// The default board's name (`<data>/boards/NAME`).
    pub board: String,
    pub author: String,
    pub lang: Lang,
    pub timezone: String,
    pub offset: Option<FixedOffset>,
    pub date_format: String,
    pub ambiguous_width: AmbiguousWidth,
    pub statuses: Vec<StatusDef>,
    /// The units (牵头/配合单位) offered by the picker; others may be typed freely.
    pub units: Vec<String>,
    /// The schedule-warning thresholds (`model::schedule`).
    pub schedule: Thresholds,
    /// Closing a task or measure (done) needs evidence or a written reason, everywhere.
    pub require_evidence: bool,
    /// Watch the board directory for others' changes (else look once a second).
    pub watch: bool,
    /// Key bindings (defaults with the user's on top, see `keymap`).
    pub keys: KeysConfig,
    /// `[report]`.
    pub report: ReportConfig,
    /// `[files]`.
    pub files: FilesConfig,
    /// Source kinds (来源) beyond the built-in ones.
    pub source_kinds: Vec<String>,
    /// `[urge]`: the escalation rule of urging notices.
    pub urge: crate::model::decision::UrgeRule,
    /// The user file that was read, if there was one.
    pub user_file: Option<PathBuf>,
}

/// What is wrong with a config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}:{line}:1: {problem}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        problem: ConfigProblem,
    },
}

impl Config {
    /// The compiled-in defaults.
    pub fn defaults() -> Config {
        let file: ConfigFile =
            toml::from_str(DEFAULT_TOML).expect("config/default.toml is valid (tested)");
        Config::from_file(file, None).expect("config/default.toml is complete (tested)")
    }

    /// Defaults overridden by the user's file at `path` (a missing file is no error).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::defaults()),
            Err(e) => return Err(FileError::io(path, e).into()),
        };
        let user: ConfigFile = tomlfile::parse(path, &bytes)?;
        let defaults: ConfigFile = toml::from_str(DEFAULT_TOML).expect("valid defaults");
        let merged = ConfigFile {
            board: user.board.or(defaults.board),
            author: user.author.or(defaults.author),
            lang: user.lang.or(defaults.lang),
            timezone: user.timezone.or(defaults.timezone),
            date_format: user.date_format.or(defaults.date_format),
            ambiguous_width: user.ambiguous_width.or(defaults.ambiguous_width),
            statuses: user.statuses.or(defaults.statuses),
            units: user.units.or(defaults.units),
            schedule: user.schedule.or(defaults.schedule),
            require_evidence: user.require_evidence.or(defaults.require_evidence),
            watch: user.watch.or(defaults.watch),
            keys: Some(merge_keys(defaults.keys.unwrap_or_default(), user.keys)),
            report: user.report.or(defaults.report),
            files: user.files.or(defaults.files),
            source_kinds: user.source_kinds.or(defaults.source_kinds),
            urge: user.urge.or(defaults.urge),
        };
        Config::from_file(merged, Some(path.to_path_buf())).map_err(|(key, problem)| {
            let text = String::from_utf8_lossy(&bytes);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line: key_line(&text, key),
                problem,
            }
        })
    }

    /// Check and complete a merged file; an error names the offending key.
    fn from_file(
        f: ConfigFile,
        user: Option<PathBuf>,
    ) -> Result<Config, (&'static str, ConfigProblem)> {
        fn need<T>(v: Option<T>, key: &'static str) -> Result<T, (&'static str, ConfigProblem)> {
            v.ok_or((key, ConfigProblem::MissingKey(key)))
        }
        let timezone = need(f.timezone, "timezone")?;
        let offset = parse_timezone(&timezone).map_err(|m| ("timezone", m))?;
        let statuses = need(f.statuses, "statuses")?;
        check_statuses(&statuses).map_err(|m| ("statuses", m))?;
        let schedule = need(f.schedule, "schedule")?;
        if !(0.0..=100.0).contains(&schedule.yellow)
            || schedule.red < schedule.yellow
            || schedule.due_soon_days < 0
        {
            return Err(("schedule", ConfigProblem::Schedule));
        }
        // Each key was checked as it was read (`Key` is parsed by the TOML reader).
        let keys = need(f.keys, "keys")?;
        let date_format = need(f.date_format, "date_format")?;
        check_date_format(&date_format).map_err(|m| ("date_format", m))?;
        let board = need(f.board, "board")?;
        if !is_board_name(&board) {
            return Err(("board", ConfigProblem::BoardName(board)));
        }
        Ok(Config {
            board,
            author: need(f.author, "author")?,
            lang: need(f.lang, "lang")?,
            timezone,
            offset,
            date_format,
            ambiguous_width: need(f.ambiguous_width, "ambiguous_width")?,
            statuses,
            units: need(f.units, "units")?,
            schedule,
            require_evidence: need(f.require_evidence, "require_evidence")?,
            watch: need(f.watch, "watch")?,
            keys,
            report: f.report.unwrap_or_default(),
            files: f.files.unwrap_or_default(),
            source_kinds: f.source_kinds.unwrap_or_default(),
            urge: check_urge(f.urge.unwrap_or_default())?,
            user_file: user,
        })
    }

    /// The key table in effect (checked when the config was loaded).
    pub fn keymap(&self) -> Keymap {
        Keymap::new(&self.keys, None)
    }

    /// The current time in the display time zone. `KEYWORK_NOW` (RFC 3339) fixes it, for
    /// tests and for recording a meeting's changes at the meeting's time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let utc = std::env::var("KEYWORK_NOW")
            .ok()
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map_or_else(Utc::now, |t| t.to_utc());
        match self.offset {
            Some(o) => utc.with_timezone(&o),
            None => utc.with_timezone(&Local.fix_offset(&utc)),
        }
    }

    /// Show a time in the display time zone.
    pub fn local(&self, t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        to_display(t, self.offset)
    }

    /// The author of a change: the explicit one (from `--author` or `KEYWORK_AUTHOR`), else the
    /// configured name, else the login name.
    pub fn author(&self, explicit: Option<&str>) -> String {
        explicit
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .or_else(|| Some(self.author.trim().to_string()).filter(|a| !a.is_empty()))
            .unwrap_or_else(login_name)
    }
}

/// A server whose zone is UTC, read in Chinese with `timezone = "local"`: every time would be
/// 8 hours off for the people reading it. What to tell them (in Chinese, then the setting to
/// add); `None` when the zone is set or the server's zone is not UTC.
pub fn utc_server_warning(
    lang: Lang,
    offset: Option<FixedOffset>,
    local_secs: i32,
) -> Option<String> {
    (lang == Lang::Zh && offset.is_none() && local_secs == 0)
        .then(|| crate::strings::cli::utc_server(lang, config_path().display()))
}

impl Config {
    /// `utc_server_warning` for this config on this server, now.
    pub fn timezone_warning(&self) -> Option<String> {
        let local = Local::now().offset().local_minus_utc();
        utc_server_warning(self.lang, self.offset, local)
    }
}

/// A time in the display zone: a fixed offset, or the server's local zone when `None`.
pub fn to_display(t: DateTime<FixedOffset>, offset: Option<FixedOffset>) -> DateTime<FixedOffset> {
    match offset {
        Some(o) => t.with_timezone(&o),
        None => t.with_timezone(&Local.fix_offset(&t.to_utc())),
    }
}

trait FixOffset {
    fn fix_offset(&self, utc: &DateTime<Utc>) -> FixedOffset;
}

impl FixOffset for Local {
    fn fix_offset(&self, utc: &DateTime<Utc>) -> FixedOffset {
        utc.with_timezone(&Local).offset().fix()
    }
}

/// The user's bindings on top of the defaults, action by action within a section.
fn merge_keys(mut base: KeysConfig, user: Option<KeysConfig>) -> KeysConfig {
    for (mode, actions) in user.unwrap_or_default() {
        base.entry(mode).or_default().extend(actions);
    }
    base
}

#[cfg(test)]
mod tests;
