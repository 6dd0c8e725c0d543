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

/// The documented defaults, compiled in.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

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

fn parse_timezone(tz: &str) -> Result<Option<FixedOffset>, ConfigProblem> {
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

fn check_statuses(statuses: &[StatusDef]) -> Result<(), ConfigProblem> {
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

fn check_date_format(fmt: &str) -> Result<(), ConfigProblem> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(fmt).any(|i| matches!(i, Item::Error)) {
        return Err(ConfigProblem::DateFormat(fmt.to_string()));
    }
    Ok(())
}

/// The user's bindings on top of the defaults, action by action within a section.
fn merge_keys(mut base: KeysConfig, user: Option<KeysConfig>) -> KeysConfig {
    for (mode, actions) in user.unwrap_or_default() {
        base.entry(mode).or_default().extend(actions);
    }
    base
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
fn key_line(text: &str, key: &str) -> usize {
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

/// The login name, for changes nobody signed.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        // Unset over some SSH setups (root with a bare environment): ask the system.
        .or_else(|| whoami::username().ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "keywork")
}

/// The user's config file: `KEYWORK_CONFIG`, else `config.toml` in the config dir.
pub fn config_path() -> PathBuf {
    if let Some(p) = std::env::var_os("KEYWORK_CONFIG").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    project_dirs()
        .map(|d| d.config_dir().join("config.toml"))
        .unwrap_or_else(|| PathBuf::from("keywork.toml"))
}

/// The default board directory in the data dir.
pub fn default_board_dir() -> PathBuf {
    boards_dir().join("default")
}

/// Where named boards live: `<data>/boards`.
pub fn boards_dir() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("boards"))
        .unwrap_or_else(|| PathBuf::from("keywork-boards"))
}

/// Whether `s` names a board in the data dir (`--board NAME`, config `board`) rather than a
/// path: not empty, no `/` or backslash, not `.` or `..`, no control characters.
pub fn is_board_name(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.contains(['/', '\\'])
        && !s.chars().any(char::is_control)
}

/// The directory of `--board` as given: a bare name is a board in the data dir, anything
/// with a `/` is a path.
pub fn board_dir(arg: &Path) -> PathBuf {
    match arg.to_str() {
        Some(name) if is_board_name(name) => boards_dir().join(name),
        _ => arg.to_path_buf(),
    }
}

/// `[urge]`: the day counts are not negative.
fn check_urge(
    u: crate::model::decision::UrgeRule,
) -> Result<crate::model::decision::UrgeRule, (&'static str, ConfigProblem)> {
    if u.blue_within_days < 0 || u.red_after_yellow_days < 0 {
        return Err(("urge", ConfigProblem::Urge));
    }
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_complete_and_chinese() {
        let c = Config::defaults();
        assert_eq!(c.lang, Lang::Zh);
        assert_eq!(c.statuses.len(), 4);
        assert_eq!(c.statuses[1].name, "推进中");
        assert_eq!(c.statuses, crate::model::default_statuses());
    }

    #[test]
    fn user_file_overrides_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(
            &p,
            "lang = \"en\"\ntimezone = \"+08:00\"\nauthor = \"王芳\"\n",
        )
        .unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.offset, FixedOffset::east_opt(8 * 3600));
        assert_eq!(c.date_format, "%Y-%m-%d");
        assert_eq!(c.author(None), "王芳");
        assert_eq!(c.author(Some("li")), "li");
        assert_eq!(c.now().offset().local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn bad_config_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, "lang = \"zh\"\ncolour = 3\n").unwrap();
        let msg = Config::load(&p).unwrap_err().to_string();
        assert!(msg.contains("c.toml:2:1:"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
        std::fs::write(&p, "lang = \"fr\"\n").unwrap();
        let msg = Config::load(&p).unwrap_err().to_string();
        assert!(msg.contains("c.toml:1:8:"), "{msg}");
        std::fs::write(&p, "lang = \"zh\"\ntimezone = \"Beijing\"\n").unwrap();
        let msg = Config::load(&p).unwrap_err().to_string();
        assert!(msg.contains("c.toml:2:1: timezone 'Beijing'"), "{msg}");
    }

    #[test]
    fn bad_key_binding_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, "lang = \"zh\"\n\n[keys.board]\nopen = [\"Entr\"]\n").unwrap();
        let msg = Config::load(&p).unwrap_err().to_string();
        assert!(
            msg.contains("c.toml:4:8: [keys]: unknown key 'Entr'"),
            "{msg}"
        );
        // The position is the parser's: not the first line that happens to hold the same word.
        std::fs::write(
            &p,
            "# open = [\"Entr\"] was a typo\n[keys.board]\nopen = [\"o\"]\nquit = [\"q\", \"Entr\"]\n",
        )
        .unwrap();
        let msg = Config::load(&p).unwrap_err().to_string();
        assert!(
            msg.contains("c.toml:4:8: [keys]: unknown key 'Entr'"),
            "{msg}"
        );
        std::fs::write(&p, "[keys.board]\nopen = [\"o\"]\n").unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!(
            c.keymap()
                .label(crate::keymap::Mode::Board, crate::keymap::Action::Open),
            "o"
        );
        assert_eq!(
            c.keymap()
                .label(crate::keymap::Mode::Board, crate::keymap::Action::Quit),
            "q"
        );
    }

    #[test]
    fn missing_user_file_gives_defaults() {
        let c = Config::load(Path::new("/nonexistent/keywork.toml")).unwrap();
        assert_eq!(c.lang, Lang::Zh);
        assert!(c.user_file.is_none());
    }

    #[test]
    fn a_utc_server_read_in_chinese_is_told_to_set_the_zone() {
        let east8 = FixedOffset::east_opt(8 * 3600);
        let w = utc_server_warning(Lang::Zh, None, 0).expect("warned");
        assert!(
            w.contains("8 小时") && w.contains("timezone = \"+08:00\""),
            "{w}"
        );
        assert_eq!(
            utc_server_warning(Lang::Zh, east8, 0),
            None,
            "the zone is set"
        );
        assert_eq!(
            utc_server_warning(Lang::Zh, None, 8 * 3600),
            None,
            "a server in +08"
        );
        assert_eq!(
            utc_server_warning(Lang::En, None, 0),
            None,
            "English: UTC may be right"
        );
    }

    #[test]
    fn timezone_forms() {
        assert_eq!(parse_timezone("local").unwrap(), None);
        assert_eq!(parse_timezone("UTC").unwrap(), FixedOffset::east_opt(0));
        assert_eq!(
            parse_timezone("-05:30").unwrap(),
            FixedOffset::east_opt(-(5 * 3600 + 1800))
        );
        assert!(parse_timezone("+25:00").is_err());
    }

    #[test]
    fn a_broken_config_still_names_its_language() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, "lang = \"en\" # English\nunits = [\n").unwrap();
        let e = Config::load(&p).unwrap_err();
        assert!(matches!(e, ConfigError::File(_)), "{e}");
        assert_eq!(lang_hint(&p), Some(Lang::En));
        std::fs::write(&p, "[report]\nlang = \"en\"\n").unwrap();
        assert_eq!(lang_hint(&p), None, "only the top-level key");
        assert_eq!(lang_hint(&dir.path().join("none.toml")), None);
    }
}
