//! What the terminal shows, and which cells a frame must write so that it shows the new frame.
//!
//! ratatui's buffer diff yields the cells that changed, skipping the hidden column(s) under a
//! double-width character. Two things make that not enough on a real terminal:
//!
//! - A buffer may hold stale text under a wide character (ratatui's `Paragraph` does not clear
//!   the column a wide character covers, so text drawn over other text keeps the old symbol
//!   there). The diff trusts that hidden cell: when a later frame shows the same symbol there,
//!   it is never written, though the terminal shows the right half of the wide character.
//!   That was issue 12's scrambled hint bar. [`settle`] puts every buffer into the shape the
//!   diff assumes before it is compared: nothing under a wide character, no wide character
//!   across the right edge, no empty or zero-width symbol.
//! - Printing over either half of a wide character erases its other half (xterm, urxvt, tmux
//!   and vt100 all do; xterm fills it with the background in effect). The diff thinks that
//!   other half unchanged. [`Screen::plan`] adds every such cell to the frame's writes, in the
//!   new frame's content and style.

use ratatui::buffer::{Buffer, Cell, CellWidth};

/// The display width of a cell as written to the terminal (at least 1: `settle` leaves no
/// zero-width symbols).
pub fn width(cell: &Cell) -> usize {
    cell.symbol().cell_width().max(1) as usize
}

/// Bring a finished frame into the shape the buffer diff and the terminal agree on:
/// - the column(s) under a wide character hold a plain blank (a wide character wins over
///   whatever an earlier widget left beneath it, as ratatui's `TestBackend` shows it);
/// - a wide character that would cross the right edge becomes a blank in its style (the
///   terminal would wrap it to the next line);
/// - an empty or zero-width symbol becomes a blank (the terminal would not advance, or would
///   join it to the character before).
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &mut buf[(x, y)];
            let mut w = cell.symbol().cell_width() as usize;
            if w == 0 || (w > 1 && x as usize + w > area.right() as usize) {
                cell.set_symbol(" ");
                w = 1;
            }
            for k in 1..w {
                buf[(x + k as u16, y)].reset();
            }
            x += w as u16;
        }
    }
}

/// The cells the terminal shows, row by row, as the last frame left them (blank where
/// nothing was written since the screen was cleared).
#[derive(Default)]
pub struct Screen {
    rows: Vec<Vec<Cell>>,
}

impl Screen {
    /// The terminal was cleared.
    pub fn clear(&mut self) {
        self.rows.clear();
    }

    /// The cells to write, in order, so that the terminal shows the frame that `updates` (the
    /// buffer diff, row by row) turn the last one into; and remember that frame.
    pub fn plan(&mut self, updates: Vec<(u16, u16, Cell)>) -> Vec<(u16, u16, Cell)> {
        let mut out = Vec::with_capacity(updates.len());
        let mut rest = updates.as_slice();
        while let Some(&(_, y, _)) = rest.first() {
            let n = rest.iter().take_while(|u| u.1 == y).count();
            let (row, tail) = rest.split_at(n);
            rest = tail;
            self.plan_row(y, row, &mut out);
        }
        out
    }

    fn plan_row(&mut self, y: u16, updates: &[(u16, u16, Cell)], out: &mut Vec<(u16, u16, Cell)>) {
        let y_i = y as usize;
        if self.rows.len() <= y_i {
            self.rows.resize_with(y_i + 1, Vec::new);
        }
        let old = &mut self.rows[y_i];
        let end = updates
            .iter()
            .map(|(x, _, c)| *x as usize + width(c))
            .max()
            .unwrap_or(0);
        if old.len() < end {
            old.resize(end, Cell::default());
        }
        let mut new = old.clone();
        for (x, _, cell) in updates {
            let x = *x as usize;
            new[x] = cell.clone();
            for k in 1..width(cell) {
                new[x + k] = Cell::default();
            }
        }
        let old_start = starts(old);
        let new_start = starts(&new);
        let mut write = vec![false; new.len()];
        let mut todo: Vec<usize> = updates.iter().map(|(x, _, _)| *x as usize).collect();
        while let Some(s) = todo.pop() {
            if write[s] {
                continue;
            }
            write[s] = true;
            // Every character of the old row this write lands on loses its other columns.
            let span = s..s + width(&new[s]);
            for c in span.clone() {
                let os = old_start[c];
                for d in os..os + width(&old[os]) {
                    if !span.contains(&d) && !write[new_start[d]] {
                        todo.push(new_start[d]);
                    }
                }
            }
        }
        for (x, w) in write.iter().enumerate() {
            if *w {
                out.push((x as u16, y, new[x].clone()));
            }
        }
        *old = new;
    }
}

/// For each column, the column where the character covering it starts.
fn starts(row: &[Cell]) -> Vec<usize> {
    let mut out = Vec::with_capacity(row.len());
    let mut x = 0;
    while x < row.len() {
        let w = width(&row[x]).min(row.len() - x);
        out.extend(std::iter::repeat_n(x, w));
        x += w;
    }
    out
}
