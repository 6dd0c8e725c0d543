//! The yardstick of issue 17's goal 5: a minimal ratatui app (a list of 30 items, Down/Up move,
//! q quits), built with the same ratatui, crossterm and release profile as keywork, so that
//! keywork's first frame can be compared with it in the same run:
//!
//!     cargo build --release --example minimal_list
//!     python3 ../shared/tools/ptybench.py --runs 7 --count 20 --key 'down*5,up*5' --idle-ms 0 \
//!         --ready-text 'item 30' --quit-key q -- target/release/examples/minimal_list

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, List, ListState};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let items: Vec<String> = (1..=30).map(|i| format!("item {i}")).collect();
    let mut state = ListState::default().with_selected(Some(0));
    let result = loop {
        let drawn = terminal.draw(|f| {
            let list = List::new(items.iter().map(String::as_str))
                .block(Block::bordered().title("minimal"))
                .highlight_symbol("▸ ");
            f.render_stateful_widget(list, f.area(), &mut state);
        });
        if let Err(e) = drawn {
            break Err(e);
        }
        match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Char('q') => break Ok(()),
                KeyCode::Down => state.select_next(),
                KeyCode::Up => state.select_previous(),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
