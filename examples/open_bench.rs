//! Time opening a task's detail screen and drawing it (120x40, off-screen):
//!
//! ```text
//! cargo run --release --example open_bench -- BOARD_DIR [EXTRA_FRAMES]
//! ```
//!
//! Opens task 15 (the largest on the generated boards) and prints the time of the open, of the
//! first and second frame, and of one move down. Not a test: numbers depend on the machine.

use keywork::app::{App, Msg};
use keywork::config::Config;
use keywork::keymap::Action;
use ratatui::{Terminal, backend::TestBackend};
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let store = keywork::store::Store::new(&dir);
    let board = store.load().unwrap();
    let config = Config::defaults();
    let mut app = App::new(board, &config, config.now());
    app.handle(Msg::Resize(120, 40));
    app.ui.selected = Some(15);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| keywork::ui::render(&app, f)).unwrap();
    let t = Instant::now();
    app.update(Action::Open);
    let t1 = t.elapsed();
    term.draw(|f| keywork::ui::render(&app, f)).unwrap();
    let t2 = t.elapsed();
    term.draw(|f| keywork::ui::render(&app, f)).unwrap();
    let t3 = t.elapsed();
    for _ in 0..std::env::args().nth(2).map_or(0, |n| n.parse().unwrap()) {
        term.draw(|f| keywork::ui::render(&app, f)).unwrap();
    }
    app.update(Action::Down);
    let t4 = t.elapsed();
    eprintln!(
        "open {:?} first render {:?} second render {:?} down {:?} screen {:?}",
        t1,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        app.ui.screen
    );
}
