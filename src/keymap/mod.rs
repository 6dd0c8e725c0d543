//! Keys are data: one table from (mode, key) to `Action`, and the reverse table that the help
//! overlay and the hint bar are generated from, so a rebound key shows correctly everywhere.
//!
//! Defaults come from the `[keys.*]` sections of `config/default.toml`; the user's config
//! overrides them action by action. A key string that cannot be read is a config error, never
//! a panic. This module knows nothing about the board or the screen.

mod action;
mod key;

pub use action::{Action, Mode};
pub use key::{Key, KeyCodeOrd, KeyError};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// The `[keys]` part of a config file: mode → action → keys.
pub type KeysConfig = BTreeMap<Mode, BTreeMap<Action, Vec<Key>>>;

/// The key table in effect.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    by_key: BTreeMap<(Mode, Key), Action>,
    by_action: BTreeMap<(Mode, Action), Vec<Key>>,
}

impl Keymap {
    /// Build from the defaults with the user's bindings on top (an action the user binds loses
    /// its default keys in that mode).
    pub fn new(defaults: &KeysConfig, user: Option<&KeysConfig>) -> Keymap {
        let mut merged = defaults.clone();
        if let Some(user) = user {
            for (mode, actions) in user {
                let section = merged.entry(*mode).or_default();
                for (action, keys) in actions {
                    section.insert(*action, keys.clone());
                }
            }
        }
        let mut map = Keymap::default();
        for (mode, actions) in &merged {
            for (action, keys) in actions {
                for &key in keys {
                    map.by_key.insert((*mode, key), *action);
                    map.by_action.entry((*mode, *action)).or_default().push(key);
                }
            }
        }
        map
    }

    /// Ctrl-H (0x08) is Backspace as some terminals send it (SecureCRT in VT100 mode, some
    /// Xshell profiles), unless the user bound Ctrl-H in this mode.
    pub fn backspace_alias(&self, mode: Mode, key: KeyEvent) -> KeyEvent {
        let ctrl_h = key.code == KeyCode::Char('h')
            && key.modifiers == KeyModifiers::CONTROL
            && self.action(mode, &key).is_none();
        if ctrl_h {
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        } else {
            key
        }
    }

    /// The action for a key in a mode; board and detail also see the global keys.
    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key)?;
        self.by_key.get(&(mode, k)).copied().or_else(|| {
            mode.sees_global()
                .then(|| self.by_key.get(&(Mode::Global, k)).copied())
                .flatten()
        })
    }

    /// The keys bound to an action in a mode (global keys for board and detail).
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        let own = self
            .by_action
            .get(&(mode, action))
            .cloned()
            .unwrap_or_default();
        if own.is_empty() && mode.sees_global() {
            return self
                .by_action
                .get(&(Mode::Global, action))
                .cloned()
                .unwrap_or_default();
        }
        own
    }

    /// `j/↓`: the keys of an action joined for display.
    pub fn label(&self, mode: Mode, action: Action) -> String {
        self.keys(mode, action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding of a mode, grouped by action, for the help overlay.
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, String)> {
        self.by_action
            .keys()
            .filter(|(m, _)| *m == mode)
            .map(|(_, a)| (*a, self.label(mode, *a)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
