//! The start-up probe: print characters whose width tells the encoding and the ambiguous-width
//! mode apart, and read where the terminal's cursor went (TERMINAL.md items 1, 7 and 19).

use crossterm::{cursor, execute};
use std::io::{self, Write};

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
const PROBE: &str = "中“";

/// Ask the terminal how it draws [`PROBE`]: print it at the left edge and read the cursor
/// column back (TERMINAL.md items 1, 7 and 19).
pub fn probe_terminal() -> Probe {
    let mut out = io::stdout();
    if execute!(out, cursor::MoveTo(0, 0)).is_err()
        || write!(out, "{PROBE}").and_then(|_| out.flush()).is_err()
    {
        return decide(None);
    }
    let answer = cursor::position().ok().map(|(col, _)| col);
    let _ = execute!(out, cursor::MoveTo(0, 0));
    let _ = write!(out, "{:8}", "");
    decide(answer)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_decision() {
        let d = |c| decide(c);
        assert_eq!(
            d(Some(3)),
            Probe {
                wide: false,
                utf8: Some(true)
            },
            "中 2 + “ 1"
        );
        assert_eq!(
            d(Some(4)),
            Probe {
                wide: true,
                utf8: Some(true)
            },
            "中 2 + “ 2"
        );
        for gbk_or_latin1 in [5, 6, 2] {
            assert_eq!(
                d(Some(gbk_or_latin1)),
                Probe {
                    wide: true,
                    utf8: Some(false)
                }
            );
        }
        assert_eq!(
            d(None),
            Probe {
                wide: true,
                utf8: None
            },
            "no answer: wide, locale decides"
        );
    }

    #[test]
    fn the_probe_text_advances_as_decided_in_a_utf8_terminal() {
        // vt100 decodes UTF-8 and draws ambiguous characters narrow.
        let mut p = vt100::Parser::new(1.try_into().unwrap(), 20.try_into().unwrap(), 0);
        p.process(PROBE.as_bytes());
        assert_eq!(
            decide(Some(p.screen().cursor_position().1)).utf8,
            Some(true)
        );
    }
}
