//! The one sanitiser: which characters of text keywork did not write itself (board files,
//! remotes, the config, the command line) may reach a terminal, and what replaces the rest.
//!
//! A hostile character is a C0 control other than newline and tab, DEL, a C1 control
//! (U+0080–U+009F, 0x9B is a one-byte CSI), a bidi control (U+202A–202E, U+2066–2069, U+200E/F,
//! U+061C) or an invisible format character that can hide or reorder text (zero-width spaces and
//! joiners, U+2028/9, U+2060–2064, U+FEFF, tag characters…). For display each becomes visible
//! ASCII, as `cat -v` and `less` show them: `^[` for ESC, `^?` for DEL, `<U+202E>` for the rest
//! (an attack is seen, not silently removed; ASCII has the same width in every terminal, unlike
//! `�`); typed or pasted input drops them. JSON escapes
//! them as `\u` escapes. Two guards apply the same rule at the last moment, whatever a caller
//! forgot: [`Guard`] on everything the CLI prints (it lets through only keywork's own colour
//! codes), and [`clean_buffer`] on every TUI frame. Pure functions; no IO but the wrapped writer.

use ratatui::buffer::Buffer;
use std::borrow::Cow;
use std::io::{self, Write};

/// Append how a hostile character is shown: `^[` (C0 in caret notation), `^?`, `<U+009B>`.
pub fn push_visible(out: &mut String, c: char) {
    match c as u32 {
        n @ 0..=0x1f => {
            out.push('^');
            out.push(char::from(b'@' + n as u8));
        }
        0x7f => out.push_str("^?"),
        n => out.push_str(&format!("<U+{n:04X}>")),
    }
}

/// A character shown in place of bytes that are not UTF-8.
const NOT_UTF8: char = '?';

/// Bidi controls: embeddings, overrides, isolates and the implicit marks.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Invisible format characters that hide text, split words or change line structure.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// A character that must never reach a terminal as it is (newline and tab are not).
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi(c) || is_invisible(c)
}

/// Text for display: `\r\n` → `\n`, tab → four spaces, every other hostile character shown
/// visibly (`push_visible`).
/// Newlines are kept (notes are multi-line); Chinese and all other printable text is untouched.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hostile(c) || c == '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push_str("    "),
            c if is_hostile(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text as typed or pasted: like [`clean`], but a lone `\r` is a line break and hostile
/// characters are dropped (nothing of them is stored).
pub fn strip(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if is_hostile(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A character JSON must carry as a `\u` escape: serde_json escapes C0 only.
fn json_escaped(c: char) -> bool {
    c != '\n' && c != '\t' && is_hostile(c)
}

/// `json` (serialized by serde_json) with every raw C1, DEL, bidi and invisible character
/// written as a `\u` escape. Outside strings JSON holds only ASCII, so this never breaks it.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(json_escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if json_escaped(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value as one line of JSON, safe for a terminal.
pub fn json_line(v: &serde_json::Value) -> String {
    escape_json(&v.to_string()).into_owned()
}

/// A value as indented JSON, safe for a terminal (the same escapes as `json_line`).
pub fn json_pretty(v: &impl serde::Serialize) -> String {
    escape_json(&serde_json::to_string_pretty(v).unwrap_or_default()).into_owned()
}

/// A writer that lets through only text and, when `color` is on, keywork's own colour codes
/// (`ESC [ digits;… m`); any other control or escape sequence is shown visibly. The CLI's
/// standard output and error messages pass through it.
pub struct Guard<W: Write> {
    inner: W,
    color: bool,
    /// Bytes of an unfinished character or colour code, waiting for the next write.
    pending: Vec<u8>,
}

impl<W: Write> Guard<W> {
    pub fn new(inner: W, color: bool) -> Self {
        Guard {
            inner,
            color,
            pending: Vec::new(),
        }
    }

    /// Filter `pending`; with `end`, nothing more is coming, so an unfinished tail is cleaned too.
    fn drain(&mut self, end: bool) -> io::Result<()> {
        let mut out = String::with_capacity(self.pending.len());
        let mut i = 0;
        let bytes = std::mem::take(&mut self.pending);
        while i < bytes.len() {
            let rest = &bytes[i..];
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(s) => (s, None),
                Err(e) => (
                    std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                    Some(e.error_len()),
                ),
            };
            let used = self.filter(valid, &mut out, end);
            i += used;
            if used < valid.len() {
                // An unfinished colour code at the end: wait for the rest.
                break;
            }
            match bad {
                None => {}
                Some(Some(n)) => {
                    out.push(NOT_UTF8);
                    i += n;
                }
                Some(None) if end => {
                    out.push(NOT_UTF8);
                    i = bytes.len();
                }
                Some(None) => break,
            }
        }
        self.pending = bytes[i..].to_vec();
        self.inner.write_all(out.as_bytes())
    }

    /// Filter `s` into `out`; returns how many bytes were consumed (less than all only for an
    /// unfinished colour code at the end when more may come).
    fn filter(&self, s: &str, out: &mut String, end: bool) -> usize {
        let mut iter = s.char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            if c == '\u{1b}' && self.color {
                match sgr_len(&s[at..]) {
                    Some(Some(n)) => {
                        out.push_str(&s[at..at + n]);
                        while iter.peek().is_some_and(|(j, _)| *j < at + n) {
                            iter.next();
                        }
                        continue;
                    }
                    None if !end => return at,
                    _ => {}
                }
            }
            if is_hostile(c) {
                push_visible(out, c);
            } else {
                out.push(c);
            }
        }
        s.len()
    }
}

/// The length of an SGR sequence (`ESC [ 0-9; m`) at the start of `s`: `Some(Some(n))`,
/// `Some(None)` if it is not one, `None` if `s` ends before it could be told.
fn sgr_len(s: &str) -> Option<Option<usize>> {
    let b = s.as_bytes();
    match b.get(1) {
        None => return None,
        Some(b'[') => {}
        Some(_) => return Some(None),
    }
    for (i, &x) in b.iter().enumerate().skip(2) {
        match x {
            b'0'..=b'9' | b';' if i < 32 => {}
            b'm' => return Some(Some(i + 1)),
            _ => return Some(None),
        }
    }
    None
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The common case: whole characters and nothing to clean.
        if self.pending.is_empty()
            && let Ok(s) = std::str::from_utf8(buf)
            && !s.chars().any(is_hostile)
        {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

/// A message for standard error, cleaned (errors echo arguments and file contents).
pub fn eprint_line(msg: &str) {
    let mut err = Guard::new(io::stderr().lock(), false);
    let _ = writeln!(err, "{msg}");
    let _ = err.flush();
}

/// The TUI's last guard: every cell of a rendered frame loses any hostile character that a
/// render function let through (ratatui appends zero-width characters to the cell before
/// them). A cell left empty becomes a space. Text cleaned earlier (`^[`) is unchanged.
pub fn clean_buffer(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol.chars().any(is_hostile) {
            let kept: String = symbol.chars().filter(|c| !is_hostile(*c)).collect();
            if kept.is_empty() {
                cell.set_symbol(" ");
            } else {
                cell.set_symbol(&kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NASTY: &str = "\u{1b}[2J\u{1b}]52;c;eA==\u{7}\u{1b}]8;;http://x\u{1b}\\\u{9b}31m\u{202e}\u{2066}\u{200f}\u{feff}\u{8}\r\u{7f}";

    #[test]
    fn clean_replaces_every_hostile_character_visibly_and_keeps_chinese() {
        let input = format!("旧改{NASTY}尾\r\n下一行\t!");
        let s = clean(&input);
        assert!(!s.chars().any(is_hostile), "{s:?}");
        assert!(
            s.starts_with("旧改^[[2J^[]52;c;eA==^G^[]8;;http://x^[\\<U+009B>31m<U+202E>"),
            "{s}"
        );
        assert!(s.ends_with("尾\n下一行    !"));
        assert_eq!(clean("加快推动城市更新 ok"), "加快推动城市更新 ok");
        assert!(matches!(clean("加快"), Cow::Borrowed(_)));
    }

    #[test]
    fn strip_drops_hostile_characters() {
        assert_eq!(strip("a\u{1b}[2Jb\u{202e}c\r\nd\re"), "a[2Jbc\nd\ne");
    }

    #[test]
    fn json_escapes_c1_bidi_and_invisible_characters() {
        let v = serde_json::json!({ "t": format!("x{NASTY}\u{E0041}") });
        let line = json_line(&v);
        assert!(line.is_ascii(), "{line}");
        assert!(!line.chars().any(|c| c.is_control()));
        assert!(line.contains("\\u009b") && line.contains("\\u202e") && line.contains("\\u007f"));
        assert!(
            line.contains("\\udb40\\udc41"),
            "a tag character as a surrogate pair"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back, v, "the escaped JSON means the same");
        // Indented JSON (import --dry-run --json, boards --json) gets the same escapes.
        let pretty = json_pretty(&vec![v.clone()]);
        assert!(
            pretty.contains("\\u202e") && !pretty.contains('\u{202e}'),
            "{pretty}"
        );
        let back: Vec<serde_json::Value> = serde_json::from_str(&pretty).unwrap();
        assert_eq!(back, vec![v]);
    }

    fn guarded(chunks: &[&[u8]], color: bool) -> String {
        let mut g = Guard::new(Vec::new(), color);
        for c in chunks {
            g.write_all(c).unwrap();
        }
        g.flush().unwrap();
        String::from_utf8(g.inner).unwrap()
    }

    #[test]
    fn the_guard_passes_keyworks_colours_only_when_colour_is_on() {
        let own = "\u{1b}[1m任务\u{1b}[0m \u{1b}[31m!\u{1b}[0m\n";
        assert_eq!(guarded(&[own.as_bytes()], true), own);
        assert_eq!(
            guarded(&[own.as_bytes()], false),
            "^[[1m任务^[[0m ^[[31m!^[[0m\n"
        );
        let hostile = format!("a{NASTY}b");
        let out = guarded(&[hostile.as_bytes()], true);
        assert!(!out.chars().any(is_hostile), "{out:?}");
        // Split inside a character and inside a colour code: the same result.
        let b = own.as_bytes();
        assert_eq!(guarded(&[&b[..2], &b[2..6], &b[6..]], true), own);
        assert_eq!(guarded(&[b"x\xff\xe4"], false), "x??");
    }

    proptest! {
        #[test]
        fn nothing_hostile_survives(s in any::<String>(), cut in 0usize..64, color: bool) {
            let c = clean(&s);
            prop_assert!(!c.chars().any(is_hostile));
            prop_assert!(!strip(&s).chars().any(is_hostile));
            // Printable text is kept in order, each hostile character shown in its place.
            let mut expected = String::new();
            let mut it = s.chars().peekable();
            while let Some(x) = it.next() {
                match x {
                    '\r' if it.peek() == Some(&'\n') => {}
                    '\t' => expected.push_str("    "),
                    x if is_hostile(x) => push_visible(&mut expected, x),
                    x => expected.push(x),
                }
            }
            prop_assert_eq!(c.as_ref(), expected.as_str());
            let json = json_line(&serde_json::Value::String(s.clone()));
            prop_assert!(!json.chars().any(|c| c.is_control() || is_hostile(c)));
            prop_assert_eq!(serde_json::from_str::<String>(&json).unwrap(), s.clone());
            let b = s.as_bytes();
            let cut = cut.min(b.len());
            let out = guarded(&[&b[..cut], &b[cut..]], color);
            // Only keywork's colour codes (and only with colour on) may keep an ESC.
            let mut rest = out.clone();
            while let Some(i) = rest.find('\u{1b}') {
                match sgr_len(&rest[i..]) {
                    Some(Some(n)) if color => rest.replace_range(i..i + n, ""),
                    _ => break,
                }
            }
            let bad: Vec<char> = rest.chars().filter(|c| is_hostile(*c)).collect();
            prop_assert!(bad.is_empty(), "{:?} → {:?}", s, out);
        }
    }
}
