//! No wide character straddles a border, a pane's edge or the screen's edge (issue 19 §2):
//! where one would, the text is cut by display width and the last column left blank. A wide
//! character whose second column holds something else means two widgets fought over a cell;
//! urxvt then draws half a glyph as a box.

use super::tests::{act, app, draw, goto, screens, typ};
use crate::app::{App, Msg};
use crate::keymap::Action;
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
                out.push(format!(
                    "{:?} at ({x},{y}) crosses the right edge",
                    cell.symbol()
                ));
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

/// Long mixed text in the note editor, the filter and a prompt, at every width from 80 to
/// 101: some width puts a Chinese character on each edge.
#[test]
fn long_text_in_inputs_stays_inside_its_borders() {
    let long = "完成签约2400余户，“美丽家园”开工①→② a中b文c 杨府发〔2023〕12号；".repeat(3);
    for w in 80..=101 {
        for wide in [false, true] {
            let mut a = app(w, 24);
            a.display.wide = wide;
            goto(&mut a, 15);
            act(&mut a, Action::Open);
            act(&mut a, Action::AddNote);
            typ(&mut a, &long);
            check("editor", &a, w, 24);
            act(&mut a, Action::NextField);
            typ(&mut a, &long);
            check("editor reference", &a, w, 24);

            let mut a = app(w, 24);
            a.display.wide = wide;
            act(&mut a, Action::Filter);
            typ(&mut a, &long);
            check("filter", &a, w, 24);

            let mut a = app(w, 24);
            a.display.wide = wide;
            goto(&mut a, 15);
            act(&mut a, Action::Deadline);
            typ(&mut a, &long);
            check("prompt", &a, w, 24);
            a.warn_encoding();
            check("warning", &a, w, 24);
        }
    }
}

#[test]
fn a_border_under_a_wide_character_is_reported() {
    use ratatui::layout::Rect;
    let mut b = Buffer::empty(Rect::new(0, 0, 4, 1));
    b[(2, 0)].set_symbol("中");
    b[(3, 0)].set_symbol("|");
    assert_eq!(straddles(&b).len(), 1);
    let mut b = Buffer::empty(Rect::new(0, 0, 4, 1));
    b[(3, 0)].set_symbol("中");
    assert_eq!(straddles(&b).len(), 1, "across the right edge");
}
