//! What the differential render tests share: a byte sink, ratatui's own crossterm backend
//! with a made-up size (the reference), and the comparison of an emulator's screen with a
//! frame, symbols and styles.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::cell::{Cell as StdCell, RefCell};
use std::io::{self, Write};
use std::rc::Rc;

/// A writer whose bytes the test takes after each frame.
#[derive(Clone, Default)]
pub struct Shared(Rc<RefCell<Vec<u8>>>);

impl Shared {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// ratatui's crossterm backend with a size that does not come from a real terminal.
pub struct Reference {
    pub inner: CrosstermBackend<Shared>,
    pub size: Rc<StdCell<Size>>,
}

impl Backend for Reference {
    type Error = io::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, c: I) -> io::Result<()> {
        self.inner.draw(c)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> io::Result<()> {
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, t: ClearType) -> io::Result<()> {
        self.inner.clear_region(t)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size.get())
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Err(io::Error::other("no window"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Where the emulator's screen differs from the frame, if anywhere.
pub fn mismatch(screen: &vt100::Screen, buf: &Buffer) -> Option<String> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let w = cell.symbol().cell_width().max(1);
            let got = screen.cell(y, x)?;
            let got_sym = if got.has_contents() {
                got.contents()
            } else {
                " "
            };
            let m = cell.modifier;
            let want = (
                cell.symbol(),
                w > 1,
                vt_color(cell.fg),
                vt_color(cell.bg),
                [
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::DIM),
                    m.contains(Modifier::ITALIC),
                    m.contains(Modifier::UNDERLINED),
                    m.contains(Modifier::REVERSED),
                ],
            );
            let have = (
                got_sym,
                got.is_wide(),
                got.fgcolor(),
                got.bgcolor(),
                [
                    got.bold(),
                    got.dim(),
                    got.italic(),
                    got.underline(),
                    got.inverse(),
                ],
            );
            if want != have {
                return Some(format!(
                    "at ({x},{y}): frame {want:?}, terminal {have:?}\nterminal:\n{}\nframe:\n{}",
                    screen.contents(),
                    buffer_text(buf)
                ));
            }
            x += w;
        }
    }
    None
}

fn buffer_text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let c = &buf[(x, y)];
            s.push_str(c.symbol());
            x += c.symbol().cell_width().max(1);
        }
        s.push('\n');
    }
    s
}

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}
