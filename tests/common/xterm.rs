//! A terminal model with xterm's rule for double-width characters, as a thin layer over `vt100`:
//! before each printed character, the other half of any wide character it lands on is erased
//! to a blank in the background colour in effect (xterm, urxvt, tmux drawn into xterm;
//! TERMINAL.md item 18). vt100 erases that half too, but keeps other attributes: without the
//! layer a test would miss what xterm shows.

use unicode_width::UnicodeWidthChar;

pub struct Xterm {
    pub parser: vt100::Parser,
    /// Apply xterm's rule (false: plain vt100).
    rule: bool,
    /// Bytes of an escape sequence or a UTF-8 character cut by a read.
    pending: Vec<u8>,
}

impl Xterm {
    pub fn new(rows: u16, cols: u16, rule: bool) -> Xterm {
        Xterm {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            rule,
            pending: Vec::new(),
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn set_size(&mut self, rows: u16, cols: u16) {
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    pub fn process(&mut self, bytes: &[u8]) {
        if !self.rule {
            self.parser.process(bytes);
            return;
        }
        self.pending.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < data.len() {
            let Some(n) = token_len(&data[i..]) else {
                self.pending = data[i..].to_vec();
                return;
            };
            let tok = &data[i..i + n];
            let printable = tok[0] >= 0x80 || (0x20..0x7f).contains(&tok[0]);
            if let Some(c) = std::str::from_utf8(tok).ok().and_then(|s| s.chars().next())
                && printable
            {
                self.before_print(c);
            }
            self.parser.process(tok);
            i += n;
        }
    }

    /// Erase the other half of any wide character that `c`, printed at the cursor, lands on.
    fn before_print(&mut self, c: char) {
        let w = c.width().unwrap_or(0) as u16;
        let screen = self.parser.screen();
        let (_, cols) = screen.size();
        let (row, col) = screen.cursor_position();
        if w == 0 || col + w > cols.get() {
            return;
        }
        let mut erase = Vec::new();
        for l in col..col + w {
            let Some(cell) = screen.cell(row, l) else {
                continue;
            };
            if cell.is_wide_continuation() && l > 0 && l - 1 < col {
                erase.push(l - 1);
            }
            if cell.is_wide() && l + 1 >= col + w && l + 1 < cols.get() {
                erase.push(l + 1);
            }
        }
        if erase.is_empty() {
            return;
        }
        let bg = match screen.bgcolor() {
            vt100::Color::Default => "49".to_string(),
            vt100::Color::Idx(i) => format!("48;5;{i}"),
            vt100::Color::Rgb(r, g, b) => format!("48;2;{r};{g};{b}"),
        };
        for e in erase {
            // Save cursor and attributes, blank the cell in the background only, restore.
            let seq = format!("\x1b7\x1b[{};{}H\x1b[0;{bg}m \x1b8", row + 1, e + 1);
            self.parser.process(seq.as_bytes());
        }
    }
}

/// The length of the token at the start of `b` (an escape sequence, a control, one UTF-8
/// character), or None if it is cut off.
fn token_len(b: &[u8]) -> Option<usize> {
    match b[0] {
        0x1b => {
            let kind = *b.get(1)?;
            match kind {
                b'[' => b[2..]
                    .iter()
                    .position(|c| (0x40..=0x7e).contains(c))
                    .map(|p| p + 3),
                b']' | b'P' | b'_' | b'^' => {
                    // Until BEL or ST.
                    (2..b.len()).find_map(|j| match b[j] {
                        0x07 => Some(j + 1),
                        b'\\' if b[j - 1] == 0x1b => Some(j + 1),
                        _ => None,
                    })
                }
                b'(' | b')' | b'*' | b'+' | b'#' => (b.len() >= 3).then_some(3),
                _ => Some(2),
            }
        }
        c if c < 0x80 => Some(1),
        c => {
            let n = match c {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 1,
            };
            (b.len() >= n).then_some(n)
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}
