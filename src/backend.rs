//! A crossterm backend that writes fewer bytes over SSH, above all for Chinese text.
//!
//! ratatui's crossterm backend moves the cursor before every cell that does not sit one column
//! after the previous one — which is every cell after a double-width character, since the
//! buffer diff skips the wide character's second column; on a Chinese board that was nearly
//! half the bytes of a selection move (TERMINAL.md item 12a). It also writes 16 colours in
//! their 256-colour form and resets every attribute after each frame. This backend's `draw`
//! tracks where the terminal's cursor really is (advancing by each symbol's display width),
//! moves it only where a run of changed cells breaks (forward moves as `CSI n C`), and writes
//! the shortest SGR sequences. Everything else is delegated to crossterm unchanged.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct WideAwareBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the terminal's cursor is known to be hidden (`None`: unknown). ratatui hides
    /// the cursor on every frame without one; this makes repeats free.
    cursor_hidden: Option<bool>,
}

impl<W: Write> WideAwareBackend<W> {
    pub fn new(writer: W) -> Self {
        WideAwareBackend {
            inner: CrosstermBackend::new(writer),
            cursor_hidden: None,
        }
    }

    /// Someone else changed the terminal (suspend and resume): assume nothing.
    pub fn forget_cursor(&mut self) {
        self.cursor_hidden = None;
    }
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

impl<W: Write> Backend for WideAwareBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out = Vec::with_capacity(4096);
        let mut pen = Pen::default();
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match cursor {
                Some((cx, cy)) if cy == y && cx == x => {}
                Some((cx, cy)) if cy == y && x > cx => write!(out, "\x1b[{}C", x - cx)?,
                _ => write!(out, "\x1b[{};{}H", y + 1, x + 1)?,
            }
            pen.change_to(cell, &mut out)?;
            out.extend_from_slice(cell.symbol().as_bytes());
            cursor = Some((x.saturating_add(cell.symbol().width().max(1) as u16), y));
        }
        if pen != Pen::default() {
            out.extend_from_slice(b"\x1b[0m");
        }
        self.inner.write_all(&out)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
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
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    /// A writer whose bytes the test can take between frames.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The bytes of two successive frames of one line of text.
    fn bytes_for(lines: [&str; 2], wide_aware: bool) -> (Vec<u8>, Vec<u8>) {
        fn frames<B: Backend>(backend: B, lines: [&str; 2], out: Shared) -> (Vec<u8>, Vec<u8>) {
            let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 30, 1));
            let mut t =
                Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
            let mut frames = Vec::new();
            for s in lines {
                t.draw(|f| f.render_widget(Paragraph::new(s.to_string()), f.area()))
                    .unwrap();
                frames.push(std::mem::take(&mut *out.0.borrow_mut()));
            }
            (frames[0].clone(), frames[1].clone())
        }
        let out = Shared::default();
        if wide_aware {
            frames(WideAwareBackend::new(out.clone()), lines, out)
        } else {
            frames(CrosstermBackend::new(out.clone()), lines, out)
        }
    }

    /// Replay bytes on a terminal emulator and return the screen.
    fn screen(bytes: &[u8]) -> String {
        let mut p = vt100::Parser::new(1.try_into().unwrap(), 30.try_into().unwrap(), 0);
        p.process(bytes);
        p.screen().contents()
    }

    #[test]
    fn chinese_text_needs_one_cursor_move_per_run_and_looks_the_same() {
        let text = "加快推动城市更新 ab 中文";
        let (plain, _) = bytes_for([text, text], false);
        let (ours, _) = bytes_for([text, text], true);
        let moves = |b: &[u8]| String::from_utf8_lossy(b).matches('H').count();
        assert_eq!(moves(&ours), 1, "{}", String::from_utf8_lossy(&ours));
        assert!(moves(&plain) > 5);
        assert!(ours.len() < plain.len());
        assert_eq!(screen(&ours), screen(&plain));
        assert_eq!(screen(&ours).trim_end(), text);
    }

    #[test]
    fn a_changed_cell_after_a_gap_still_moves_the_cursor() {
        let (first, second) = bytes_for(["中文中文 x", "中文中文 y"], true);
        let mut all = first.clone();
        all.extend_from_slice(&second);
        assert_eq!(screen(&all).trim_end(), "中文中文 y");
        let (first, second) = bytes_for(["一二三四五六", "一二X四五Y"], true);
        let mut all = first;
        all.extend_from_slice(&second);
        assert_eq!(screen(&all).trim_end(), "一二X四五Y");
    }

    #[test]
    fn styles_use_short_codes_and_reset_once() {
        let mut pen = Pen::default();
        let mut out = Vec::new();
        let mut cell = Cell::new("a");
        cell.set_fg(Color::Cyan).modifier = Modifier::BOLD | Modifier::REVERSED;
        pen.change_to(&cell, &mut out).unwrap();
        assert_eq!(out, b"\x1b[1;7;36m");
        out.clear();
        cell.modifier = Modifier::BOLD;
        cell.set_bg(Color::DarkGray);
        pen.change_to(&cell, &mut out).unwrap();
        assert_eq!(out, b"\x1b[0;1;36;100m");
        out.clear();
        pen.change_to(&cell, &mut out).unwrap();
        assert!(out.is_empty());
    }
}
