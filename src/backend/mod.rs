//! A crossterm backend that writes fewer bytes over SSH, above all for Chinese text, and
//! leaves the terminal showing exactly the frame.
//!
//! ratatui's crossterm backend moves the cursor before every cell that does not sit one column
//! after the previous one — which is every cell after a double-width character, since the
//! buffer diff skips the wide character's second column; on a Chinese board that was nearly
//! half the bytes of a selection move (TERMINAL.md item 12a). It also writes 16 colours in
//! their 256-colour form and resets every attribute after each frame. This backend's `draw`
//! tracks where the terminal's cursor really is (advancing by each symbol's display width),
//! moves it only where a run of changed cells breaks (forward moves as `CSI n C`), and writes
//! the shortest SGR sequences. Everything else is delegated to crossterm unchanged.
//!
//! What the buffer diff alone gets wrong around wide characters (stale cells under them, the
//! other half a terminal erases) is handled by [`plan`]: draw frames with [`draw`], which
//! settles each buffer before ratatui compares it, and the backend adds the cells a terminal
//! erased behind the diff's back.

mod plan;

use plan::Screen;
pub use plan::settle;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use ratatui::{Frame, Terminal};
use std::io::{self, Write};

pub struct WideAwareBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the terminal's cursor is known to be hidden (`None`: unknown). ratatui hides
    /// the cursor on every frame without one; this makes repeats free.
    cursor_hidden: Option<bool>,
    /// What the terminal shows.
    screen: Screen,
    /// A size to report instead of asking the terminal (tests drawing into a byte buffer).
    fixed_size: Option<Size>,
    /// Where the terminal's cursor is, if known: kept across frames, so that a frame (or the
    /// editor's caret) that starts where the cursor already is needs no move at all.
    at: Option<(u16, u16)>,
    /// The size the last frame was drawn at (a resize may move the cursor).
    drawn_size: Option<Size>,
    /// The size last reported to ratatui (which asks before every full-screen frame); the
    /// frame's width tells where writing leaves the cursor waiting to wrap.
    reported: std::cell::Cell<Option<Size>>,
}

impl<W: Write> WideAwareBackend<W> {
    pub fn new(writer: W) -> Self {
        WideAwareBackend {
            inner: CrosstermBackend::new(writer),
            cursor_hidden: None,
            screen: Screen::default(),
            fixed_size: None,
            at: None,
            drawn_size: None,
            reported: std::cell::Cell::new(None),
        }
    }

    /// A backend for a terminal of this size that is not the process's own (tests).
    pub fn with_size(writer: W, size: Size) -> Self {
        WideAwareBackend {
            fixed_size: Some(size),
            ..WideAwareBackend::new(writer)
        }
    }

    /// The terminal (of a backend made `with_size`) was resized.
    pub fn set_size(&mut self, size: Size) {
        self.fixed_size = Some(size);
    }

    /// Someone else changed the terminal (suspend and resume): assume nothing.
    pub fn forget_cursor(&mut self) {
        self.cursor_hidden = None;
        self.at = None;
    }
}

/// Draw one frame: render, settle the buffer (see [`settle`]), and write what changed. Every
/// frame of the board goes through here.
pub fn draw<W: Write>(
    terminal: &mut Terminal<WideAwareBackend<W>>,
    render: impl FnOnce(&mut Frame),
) -> io::Result<()> {
    terminal.draw(|f| {
        render(f);
        settle(f.buffer_mut());
    })?;
    Ok(())
}

/// The colours and attributes the terminal is currently drawing with.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    /// Write the shortest SGR sequence that turns this pen into the cell's.
    fn change_to(&mut self, cell: &Cell, out: &mut Vec<u8>) -> io::Result<()> {
        let want = Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        };
        if want == *self {
            return Ok(());
        }
        let mut params: Vec<String> = Vec::new();
        let removed = self.modifier - want.modifier;
        let (fg_changed, bg_changed, added) = if removed.is_empty() {
            (
                want.fg != self.fg,
                want.bg != self.bg,
                want.modifier - self.modifier,
            )
        } else {
            // Taking an attribute away: reset everything and set what is wanted again.
            params.push("0".into());
            (
                want.fg != Color::Reset,
                want.bg != Color::Reset,
                want.modifier,
            )
        };
        for (m, code) in MODIFIER_CODES {
            if added.contains(m) {
                params.push(code.into());
            }
        }
        if fg_changed {
            params.push(color_code(want.fg, false));
        }
        if bg_changed {
            params.push(color_code(want.bg, true));
        }
        write!(out, "\x1b[{}m", params.join(";"))?;
        *self = want;
        Ok(())
    }
}

const MODIFIER_CODES: [(Modifier, &str); 8] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
];

/// SGR parameters of a colour: the short 16-colour forms where they exist.
fn color_code(c: Color, background: bool) -> String {
    let base = |n: u8| (if background { n + 10 } else { n }).to_string();
    match c {
        Color::Reset => base(39),
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => format!("{};5;{i}", if background { 48 } else { 38 }),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", if background { 48 } else { 38 }),
    }
}

/// Move the terminal's cursor from `from` (if known) to `to` in the fewest bytes: nothing if
/// it is there; else the shortest of an absolute move (`CSI row H` for the first column) and
/// a relative one (carriage return, `CSI n A/B/C/D`; none of them scrolls).
fn move_cursor(from: Option<(u16, u16)>, to: (u16, u16), out: &mut Vec<u8>) {
    let (x, y) = to;
    let absolute = if x == 0 {
        format!("\x1b[{}H", y + 1)
    } else {
        format!("\x1b[{};{}H", y + 1, x + 1)
    };
    let Some((cx, cy)) = from else {
        out.extend_from_slice(absolute.as_bytes());
        return;
    };
    if (cx, cy) == to {
        return;
    }
    let step = |n: u16, dir: char| match n {
        0 => String::new(),
        1 => format!("\x1b[{dir}"),
        n => format!("\x1b[{n}{dir}"),
    };
    let vertical = if y > cy {
        step(y - cy, 'B')
    } else {
        step(cy - y, 'A')
    };
    let horizontal = if x == cx {
        String::new()
    } else if x == 0 {
        "\r".to_string()
    } else if x > cx {
        step(x - cx, 'C')
    } else {
        let back = step(cx - x, 'D');
        let from_start = format!("\r{}", step(x, 'C'));
        if from_start.len() < back.len() {
            from_start
        } else {
            back
        }
    };
    let relative = vertical + &horizontal;
    let best = if relative.len() < absolute.len() {
        relative
    } else {
        absolute
    };
    out.extend_from_slice(best.as_bytes());
}

impl<W: Write> Backend for WideAwareBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let writes = self.screen.plan(updates);
        let size = self.reported.get();
        if self.drawn_size != size {
            // The terminal may have moved the cursor into the new bounds.
            self.at = None;
            self.drawn_size = size;
        }
        let mut out = Vec::with_capacity(4096);
        let mut pen = Pen::default();
        let mut cursor = self.at;
        for (i, (x, y, cell)) in writes.iter().enumerate() {
            let (x, y) = (*x, *y);
            move_cursor(cursor, (x, y), &mut out);
            pen.change_to(cell, &mut out)?;
            out.extend_from_slice(cell.symbol().as_bytes());
            let end = x.saturating_add(plan::width(cell) as u16);
            // At the right edge the terminal holds the cursor on the last column, waiting to
            // wrap: where it is then depends on the terminal. Without a known width only the
            // next write on the same row may start from here (a forward move).
            cursor = match size {
                Some(s) if end < s.width => Some((end, y)),
                Some(_) => None,
                None => {
                    let (nx, ny) = writes.get(i + 1).map_or((0, y), |w| (w.0, w.1));
                    (ny == y && nx >= end).then_some((end, y))
                }
            };
        }
        self.at = cursor.filter(|_| size.is_some());
        if pen != Pen::default() {
            out.extend_from_slice(b"\x1b[0m");
        }
        self.inner.write_all(&out)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.at = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(true) {
            self.inner.hide_cursor()?;
            self.cursor_hidden = Some(true);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(false) {
            self.inner.show_cursor()?;
            self.cursor_hidden = Some(false);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p: Position = position.into();
        let mut out = Vec::new();
        move_cursor(self.at, (p.x, p.y), &mut out);
        self.at = Some((p.x, p.y));
        self.inner.write_all(&out)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen.clear();
        self.at = None;
        self.inner.clear()
    }

    /// Only `ClearType::All` is used for a full-screen board; any clear forgets the screen.
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.screen.clear();
        self.at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let size = match self.fixed_size {
            Some(s) => s,
            None => self.inner.size()?,
        };
        self.reported.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests;
