//! No wide character straddles a border, a pane's edge or the screen's edge (issue 19 §2):
//! where one would, the text is cut by display width and the last column left blank. A wide
//! character whose second column holds something else means two widgets fought over a cell;
//! urxvt then draws half a glyph as a box.

use super::tests::{draw, screens};
use crate::app::{App, Msg};
use ratatui::buffer::{Buffer, CellWidth};

/// Where a wide character covers something drawn, or crosses the right edge.
fn straddles(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let w = cell.symbol().cell_width().max(1);
            if x + w > area.right() {
                out.push(format!("{:?} at ({x},{y}) crosses the right edge", cell.symbol()));
            }
            for k in 1..w.min(area.right() - x) {
                let under = buf[(x + k, y)].symbol();
                if under != " " {
                    out.push(format!("{:?} at ({x},{y}) covers {under:?}", cell.symbol()));
                }
            }
            x += w;
        }
    }
    out
}

fn check(name: &str, app: &App, w: u16, h: u16) {
    let t = draw(app);
    let bad = straddles(t.backend().buffer());
    assert!(bad.is_empty(), "{name} {w}x{h}: {bad:?}\n{}", t.backend());
}

#[test]
fn no_wide_character_straddles_an_edge_at_any_width() {
    // Odd and even widths put the panes' edges on either column of a Chinese character.
    for w in [80, 81, 82, 83, 97, 100, 101, 119, 120, 121] {
        for h in [24, 40] {
            for (name, mut app) in screens(w, h) {
                check(name, &app, w, h);
                app.display.wide = true;
                app.handle(Msg::Resize(w, h));
                check(name, &app, w, h);
            }
        }
    }
}
