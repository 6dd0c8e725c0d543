//! The start-up probe: print characters whose width tells the encoding and the ambiguous-width
//! mode apart, and read where the terminal's cursor went (TERMINAL.md items 1, 7 and 19).
//!
//! Nothing waits for the answer before the first frame: the probe and its cursor-position
//! request are written first, the first frame is drawn with the answer remembered for this
//! terminal type (TERM and TERM_PROGRAM, in the user's cache dir), and the answer is read after
//! it (a terminal answers in order, so keys typed after the frame come behind it). A terminal
//! that does not answer within [`REPLY_LIMIT`] is remembered as silent and not asked again.

use crossterm::{cursor, queue};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest the start-up waits for the terminal's answer (once per silent terminal type).
pub const REPLY_LIMIT: Duration = Duration::from_millis(300);

/// Whether the locale says UTF-8: what decides when the terminal does not answer the probe.
pub fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// What the terminal told the start-up probe.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probe {
    /// Ambiguous-width characters are drawn two columns wide (or we could not tell).
    pub wide: bool,
    /// Whether the terminal decodes UTF-8; `None`: it did not answer.
    pub utf8: Option<bool>,
}

/// The probe's text: a CJK character (two columns in a UTF-8 terminal; its three bytes are
/// something else in GBK or Latin-1) and an ambiguous-width one (one column or two).
const PROBE: &str = "中“"; // data: the probe characters whose width the terminal reports

/// Print [`PROBE`] at the left edge and ask where the cursor went; the answer is read by
/// [`read_reply`] after the first frame. The caller clears the screen afterwards.
pub fn send_probe(out: &mut impl Write) -> io::Result<()> {
    queue!(out, cursor::MoveTo(0, 0))?;
    write!(out, "{PROBE}\x1b[6n")?;
    out.flush()
}

/// The column (0-based) of the first cursor-position report (`ESC [ row ; col R`) in `buf`.
pub fn parse_reply(buf: &[u8]) -> Option<u16> {
    let mut i = 0;
    while let Some(start) = buf[i..].windows(2).position(|w| w == b"\x1b[") {
        let rest = &buf[i + start + 2..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'));
        if let Some(end) = end.filter(|e| rest[*e] == b'R') {
            let body = std::str::from_utf8(&rest[..end]).ok()?;
            if let Some(col) = body
                .split_once(';')
                .and_then(|(_, c)| c.parse::<u16>().ok())
            {
                return Some(col.saturating_sub(1));
            }
        }
        i += start + 2;
    }
    None
}

/// Read until the cursor-position report or until `limit` has passed on `clock`.
/// `read(wait)` returns what arrived within `wait` (empty: nothing; an error ends the wait).
pub fn read_reply(
    mut read: impl FnMut(Duration) -> io::Result<Vec<u8>>,
    clock: impl Fn() -> Instant,
    limit: Duration,
) -> Option<u16> {
    let deadline = clock() + limit;
    let mut buf = Vec::new();
    loop {
        let now = clock();
        if now >= deadline {
            return None;
        }
        let chunk = read(deadline - now).ok()?;
        buf.extend_from_slice(&chunk);
        if let Some(col) = parse_reply(&buf) {
            return Some(col);
        }
    }
}

/// The next byte on standard input if one arrives within `wait` (raw mode). One byte at a
/// time, so that nothing after the reply is taken from the event loop; a key typed before the
/// reply arrives is lost (at most [`REPLY_LIMIT`], once per silent terminal type).
pub fn read_stdin(wait: Duration) -> io::Result<Vec<u8>> {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().clamp(1, i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd for the duration of the call.
    let ready = unsafe { libc::poll(&mut fds, 1, ms) };
    if ready < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(Vec::new())
        } else {
            Err(e)
        };
    }
    if ready == 0 {
        return Ok(Vec::new());
    }
    let mut buf = [0u8; 1];
    // SAFETY: `buf` is valid for its length.
    let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
    if n <= 0 {
        return Err(io::Error::other("the terminal closed"));
    }
    Ok(buf[..n as usize].to_vec())
}

/// The probe's decision from the column the cursor ended at (0-based), if the terminal
/// answered: 3 is UTF-8 with narrow ambiguous characters, 4 UTF-8 with wide ones, anything
/// else a terminal in another encoding. Without an answer: wide, the safe guess, and the
/// locale decides UTF-8.
pub fn decide(column: Option<u16>) -> Probe {
    match column {
        Some(3) => Probe {
            wide: false,
            utf8: Some(true),
        },
        Some(4) => Probe {
            wide: true,
            utf8: Some(true),
        },
        Some(_) => Probe {
            wide: true,
            utf8: Some(false),
        },
        None => Probe {
            wide: true,
            utf8: None,
        },
    }
}

/// Before the first frame: the answer to draw it with, and whether to ask the terminal.
pub fn before_first_frame(remembered: Option<Remembered>) -> (Probe, bool) {
    match remembered {
        None => (decide(None), true),
        Some(Remembered::Silent) => (decide(None), false),
        Some(Remembered::Answered(p)) => (p, true),
    }
}

/// After the reply (or its absence): what to remember for this terminal type, and the answer
/// to redraw with if it differs from the one the first frame was drawn with.
pub fn after_reply(first: Probe, reply: Option<u16>) -> (Remembered, Option<Probe>) {
    match reply {
        None => (Remembered::Silent, None),
        Some(col) => {
            let p = decide(Some(col));
            (Remembered::Answered(p), (p != first).then_some(p))
        }
    }
}

/// What is remembered about a terminal type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Remembered {
    /// It answered the probe so.
    Answered(Probe),
    /// It did not answer within [`REPLY_LIMIT`]: it is not asked again.
    Silent,
}

impl Remembered {
    fn word(self) -> &'static str {
        match self {
            Remembered::Silent => "silent",
            Remembered::Answered(p) => match (p.wide, p.utf8) {
                (false, _) => "narrow",
                (true, Some(true)) => "wide",
                (true, _) => "other-encoding",
            },
        }
    }

    fn from_word(w: &str) -> Option<Remembered> {
        Some(match w {
            "silent" => Remembered::Silent,
            "narrow" => Remembered::Answered(decide(Some(3))),
            "wide" => Remembered::Answered(decide(Some(4))),
            "other-encoding" => Remembered::Answered(decide(Some(5))),
            _ => return None,
        })
    }
}

/// The terminal type the answer is remembered for: TERM, and TERM_PROGRAM where set.
pub fn terminal_key() -> String {
    let var = |k| std::env::var(k).unwrap_or_default();
    format!("{}/{}", var("TERM"), var("TERM_PROGRAM"))
}

/// The remembered answers: one `TERM/TERM_PROGRAM<TAB>answer` line per terminal type.
pub struct Memory {
    path: PathBuf,
}

impl Memory {
    pub fn at(path: impl Into<PathBuf>) -> Memory {
        Memory { path: path.into() }
    }

    /// `terminals.txt` in the user's cache dir (none if there is no home).
    pub fn user() -> Option<Memory> {
        directories::ProjectDirs::from("", "", "keywork")
            .map(|d| Memory::at(d.cache_dir().join("terminals.txt")))
    }

    fn lines(&self) -> Vec<(String, String)> {
        std::fs::read_to_string(&self.path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect()
    }

    /// What is remembered for `key` (nothing for an unreadable or foreign line).
    pub fn get(&self, key: &str) -> Option<Remembered> {
        let lines = self.lines();
        let (_, word) = lines.iter().find(|(k, _)| k == key)?;
        Remembered::from_word(word)
    }

    /// Remember `answer` for `key`. Best effort (a cache): written whole and renamed in place.
    pub fn put(&self, key: &str, answer: Remembered) -> io::Result<()> {
        if key.contains(['\t', '\n']) || self.get(key) == Some(answer) {
            return Ok(());
        }
        let mut text = String::new();
        for (k, v) in self.lines().into_iter().filter(|(k, _)| k != key) {
            text.push_str(&format!("{k}\t{v}\n"));
        }
        text.push_str(&format!("{key}\t{}\n", answer.word()));
        write_atomically(&self.path, &text)
    }
}

fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests;
