//! Switching boards from the keyboard (issue 16 §6): `B` asks the event loop for the boards of
//! the data directory (`Effect::ListBoards`), the picker shows them (title, tasks, which one
//! is open and which is the config's default), and Enter asks the loop to open the chosen one
//! (`Effect::SwitchBoard`). The config's default never changes here.

use super::*;

/// A board of the data directory as the picker lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardEntry {
    /// Its name (`--board NAME`).
    pub name: String,
    /// Its title, or why it cannot be read.
    pub title: String,
    pub tasks: usize,
    /// The board on screen.
    pub current: bool,
    /// The config's `board`.
    pub default: bool,
    /// It could not be read (`title` says why): listed, not openable.
    pub broken: bool,
}

impl App {
    /// The loop listed the boards: show the picker on the current one.
    pub fn show_boards(&mut self, boards: Vec<BoardEntry>) {
        if boards.iter().all(|b| b.current || b.broken) {
            self.say(crate::strings::filters::boards_none(self.lang()));
            return;
        }
        let choice = boards.iter().position(|b| b.current).unwrap_or(0);
        self.ui.overlays.push(Overlay::Boards { choice, boards });
    }

    pub(super) fn update_boards(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Boards { choice, boards }) = self.ui.overlays.last_mut() else {
            return None;
        };
        let n = boards.len().max(1);
        match action {
            Action::Down => *choice = (*choice + 1) % n,
            Action::Up => *choice = (*choice + n - 1) % n,
            Action::Top => *choice = 0,
            Action::Bottom => *choice = n - 1,
            Action::Yes | Action::Toggle => {
                let b = boards.get(*choice)?.clone();
                if b.broken {
                    self.warn(b.title);
                    return None;
                }
                self.ui.overlays.pop();
                if b.current {
                    return None;
                }
                return Some(Effect::SwitchBoard(b.name));
            }
            Action::Back | Action::Cancel | Action::Quit | Action::SwitchBoard => {
                self.ui.overlays.pop();
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_statuses;

    fn entry(name: &str, current: bool, default: bool) -> BoardEntry {
        BoardEntry {
            name: name.into(),
            title: format!("{name} 看板"),
            tasks: 22,
            current,
            default,
            broken: false,
        }
    }

    fn app() -> App {
        let now = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        let board = crate::seed::board(default_statuses(), now);
        App::new(board, &Config::defaults(), now)
    }

    #[test]
    fn b_lists_the_boards_and_enter_opens_the_chosen_one() {
        let mut app = app();
        assert_eq!(app.update(Action::SwitchBoard), vec![Effect::ListBoards]);
        app.show_boards(vec![
            entry("default", true, true),
            entry("民生实事", false, false),
        ]);
        assert_eq!(app.mode(), Mode::Filters);
        assert_eq!(
            app.update(Action::Yes),
            Vec::new(),
            "the open board: nothing to do"
        );
        assert_eq!(app.mode(), Mode::Board);
        app.show_boards(vec![
            entry("default", true, true),
            entry("民生实事", false, false),
        ]);
        app.update(Action::Down);
        assert_eq!(
            app.update(Action::Yes),
            vec![Effect::SwitchBoard("民生实事".into())]
        );
    }

    #[test]
    fn alone_in_the_data_dir_it_says_so_and_a_broken_board_is_not_opened() {
        let mut app = app();
        app.show_boards(vec![entry("default", true, true)]);
        assert_eq!(app.mode(), Mode::Board);
        assert!(app.ui.message.is_some());
        let mut bad = entry("坏", false, false);
        bad.broken = true;
        bad.title = "board.toml:3:1: expected".into();
        app.show_boards(vec![
            entry("default", true, true),
            entry("x", false, false),
            bad,
        ]);
        app.update(Action::Up);
        assert_eq!(app.update(Action::Yes), Vec::new());
        assert!(app.ui.message.as_ref().unwrap().error);
    }
}
