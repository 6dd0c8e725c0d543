//! The statuses of a board (its columns) and what each means: a status may have a role,
//! `done` (counts as finished; closing needs evidence) or `behind` (the review's "behind"
//! tasks, drawn red), so that code asks for the role and never for a key. A board written
//! before roles existed gets them from what it said then: `done = true`, and the key `behind`.

use super::{BoardMeta, ModelError};
use serde::{Deserialize, Serialize};

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StatusFile")]
pub struct StatusDef {
    /// Stable key stored in task files (`todo`, `doing`, ...).
    pub key: String,
    /// Chinese name shown by default (`未启动`).
    pub name: String,
    /// English name (`not started`).
    pub name_en: String,
    /// Whether this status means "finished" (counts as done for progress): the role `done`,
    /// kept as its own field for boards read by earlier versions.
    pub done: bool,
    /// What the status means to keywork, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<StatusRole>,
}

/// What a status means besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusRole {
    /// Finished (销号): counts as done, needs evidence to be set.
    Done,
    /// Behind schedule (滞后): the review's "behind" tasks, drawn red.
    Behind,
}

/// The key that meant "behind" before statuses had roles.
const BEHIND_KEY: &str = "behind";

impl StatusDef {
    pub fn new(key: &str, name: &str, name_en: &str, role: Option<StatusRole>) -> StatusDef {
        StatusDef {
            key: key.into(),
            name: name.into(),
            name_en: name_en.into(),
            done: role == Some(StatusRole::Done),
            role,
        }
    }
}

/// A status as written in `board.toml` or the config, roles optional.
#[derive(Deserialize)]
struct StatusFile {
    key: String,
    name: String,
    name_en: String,
    #[serde(default)]
    done: Option<bool>,
    #[serde(default)]
    role: Option<StatusRole>,
}

impl TryFrom<StatusFile> for StatusDef {
    type Error = String;
    fn try_from(f: StatusFile) -> Result<StatusDef, String> {
        let role = match (f.role, f.done) {
            (Some(StatusRole::Behind), Some(true)) => {
                // Through serde as text: English (see `toml_date`).
                let key = &f.key;
                return Err(crate::strings::model::done_and_behind(
                    crate::strings::Lang::En,
                    key,
                ));
            }
            (Some(role), _) => Some(role),
            (None, Some(true)) => Some(StatusRole::Done),
            (None, _) if f.key == BEHIND_KEY => Some(StatusRole::Behind),
            (None, _) => None,
        };
        Ok(StatusDef::new(&f.key, &f.name, &f.name_en, role))
    }
}

/// The default statuses, in column order.
pub fn default_statuses() -> Vec<StatusDef> {
    use StatusRole::{Behind, Done};
    [
        ("todo", "未启动", "not started", None), // data: the default statuses
        ("doing", "推进中", "in progress", None), // data: the default statuses
        ("behind", "滞后", "behind", Some(Behind)), // data: the default statuses
        ("done", "已完成", "done", Some(Done)),  // data: the default statuses
    ]
    .into_iter()
    .map(|(key, name, name_en, role)| StatusDef::new(key, name, name_en, role))
    .collect()
}

impl BoardMeta {
    /// Resolve what a user typed (Chinese name, English key or name, column number) to a status.
    pub fn resolve_status(&self, given: &str) -> Result<&StatusDef, ModelError> {
        let g = given.trim();
        let by_number = g
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.statuses.get(i));
        by_number
            .or_else(|| {
                self.statuses.iter().find(|s| {
                    s.key.eq_ignore_ascii_case(g)
                        || s.name == g
                        || s.name_en.eq_ignore_ascii_case(g)
                })
            })
            .ok_or_else(|| ModelError::UnknownStatus {
                given: g.to_string(),
                known: self
                    .statuses
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{} {}/{}", i + 1, s.name, s.key))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    pub fn status(&self, key: &str) -> Option<&StatusDef> {
        self.statuses.iter().find(|s| s.key == key)
    }

    pub fn status_index(&self, key: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.key == key)
    }

    /// Whether `key` is a done status (its role is `done`).
    pub fn is_done(&self, key: &str) -> bool {
        self.status(key).is_some_and(|s| s.done)
    }

    /// Whether `key` is a behind status (its role is `behind`), whatever it is called.
    pub fn is_behind(&self, key: &str) -> bool {
        self.status(key)
            .is_some_and(|s| s.role == Some(StatusRole::Behind))
    }

    /// The display name of a status key in the given language (the key itself if unknown).
    pub fn status_name<'a>(&'a self, key: &'a str, english: bool) -> &'a str {
        match self.status(key) {
            Some(s) if english => &s.name_en,
            Some(s) => &s.name,
            None => key,
        }
    }

    /// The status new tasks and measures start in.
    pub fn initial_status(&self) -> &str {
        self.statuses.first().map_or("todo", |s| s.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::{Review, ReviewScope};
    use crate::model::{Stamp, Summary, Task};

    fn meta(statuses: &str) -> BoardMeta {
        let text = format!(
            "schema = 1\ntitle = \"t\"\nsource = \"s\"\ncreated = \"2023-10-01T09:00:00+08:00\"\n{statuses}"
        );
        toml::from_str(&text).unwrap()
    }

    const RENAMED: &str = r#"
[[statuses]]
key = "waiting"
name = "未开始"
name_en = "waiting"
[[statuses]]
key = "lagging"
name = "进度落后"
name_en = "lagging"
role = "behind"
[[statuses]]
key = "closed"
name = "已销号"
name_en = "closed"
role = "done"
"#;

    #[test]
    fn a_board_written_before_roles_gets_them_from_its_keys_and_done_flags() {
        let m = meta(
            r#"
[[statuses]]
key = "todo"
name = "未启动"
name_en = "not started"
done = false
[[statuses]]
key = "behind"
name = "滞后"
name_en = "behind"
done = false
[[statuses]]
key = "done"
name = "已完成"
name_en = "done"
done = true
"#,
        );
        let roles: Vec<_> = m.statuses.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            vec![None, Some(StatusRole::Behind), Some(StatusRole::Done)]
        );
        assert!(m.is_behind("behind") && !m.is_behind("todo"));
        assert!(m.is_done("done") && !m.is_done("behind"));
        // And it is written back with its roles, `done` kept for earlier versions.
        let again: BoardMeta = toml::from_str(&toml::to_string(&m).unwrap()).unwrap();
        assert_eq!(again, m);
        let builtin: Vec<StatusDef> = default_statuses()
            .into_iter()
            .filter(|s| s.key != "doing")
            .collect();
        assert_eq!(m.statuses, builtin, "the same statuses as a new board's");
    }

    #[test]
    fn renamed_statuses_keep_their_roles_in_the_chooser_and_in_closing() {
        let m = meta(RENAMED);
        assert!(m.is_behind("lagging"));
        assert!(!m.is_behind("behind"), "an unknown key has no role");
        assert!(m.is_done("closed"));
        assert!(
            m.statuses[2].done,
            "role done sets the flag older versions read"
        );
        let mut board = crate::seed::board(
            m.statuses.clone(),
            "2023-10-01T09:00:00+08:00".parse().unwrap(),
        );
        board.meta = m.clone();
        let st = Stamp {
            author: "王芳".into(),
            at: "2023-10-02T09:00:00+08:00".parse().unwrap(),
        };
        board
            .set_status("3".parse().unwrap(), "lagging", &st)
            .unwrap();
        board
            .set_status("7".parse().unwrap(), "进度落后", &st)
            .unwrap();
        let sums: Vec<Summary> = board.tasks.iter().map(Task::summary).collect();
        let r = Review::new(
            st.at.date_naive(),
            ReviewScope::Behind,
            None,
            &m,
            &sums,
            st.at,
            "li",
        );
        assert_eq!(r.order, vec![3, 7]);
        // The board's colours follow the roles too: behind red, done green.
        let theme = crate::ui::style::Theme { color: true };
        use ratatui::style::Color;
        assert_eq!(theme.status(&m, "lagging").fg, Some(Color::Red));
        assert_eq!(theme.status(&m, "closed").fg, Some(Color::Green));
        assert_eq!(theme.status(&m, "waiting").fg, None);
    }

    #[test]
    fn a_status_both_done_and_behind_is_refused_with_its_key() {
        let text = format!(
            "schema = 1\ntitle = \"t\"\nsource = \"s\"\ncreated = \"2023-10-01T09:00:00+08:00\"\n{}",
            "[[statuses]]\nkey = \"x\"\nname = \"x\"\nname_en = \"x\"\ndone = true\nrole = \"behind\"\n"
        );
        let e = toml::from_str::<BoardMeta>(&text).unwrap_err().to_string();
        assert!(e.contains("'x'") && e.contains("behind"), "{e}");
        let bad = text.replace("role = \"behind\"", "role = \"late\"");
        assert!(toml::from_str::<BoardMeta>(&bad).is_err());
    }
}
