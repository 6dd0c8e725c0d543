//! How things look: the colour theme (16 ANSI colours, or none under `NO_COLOR`) and the
//! symbol set (Unicode, or for terminals that draw ambiguous-width characters two cells wide,
//! symbols whose width is the same either way, with text mapped for display only).

use crate::model::BoardMeta;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Styles in effect.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Done green, behind red, in progress cyan, not started plain.
    pub fn status(&self, meta: &BoardMeta, key: &str) -> Style {
        if meta.is_done(key) {
            self.fg(Color::Green)
        } else if meta.is_behind(key) {
            self.fg(Color::Red)
        } else if meta.status_index(key) == Some(0) {
            Style::new()
        } else {
            self.fg(Color::Cyan)
        }
    }

    /// The selection: reverse video, so it shows in monochrome too.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn focus_border(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Secondary text. Half intensity rather than a grey, which some dark palettes draw
    /// nearly invisible; terminals without dim show it plainly.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Warnings: red, not yellow, which is unreadable on a light background.
    pub fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A warning badge: black on the warning's colour, readable on dark and light backgrounds.
    pub fn badge(&self, w: crate::model::schedule::Warning) -> Style {
        use crate::model::schedule::Warning;
        let bg = match w {
            Warning::Red => Color::Red,
            Warning::Yellow => Color::Yellow,
            Warning::Blue => Color::Blue,
        };
        Style::new()
            .fg(Color::Black)
            .bg(bg)
            .add_modifier(Modifier::BOLD)
    }

    /// Filled and empty parts of a progress bar. In colour they are coloured blanks (safe in
    /// every width mode); in monochrome `#` and `.`.
    pub fn bar(&self) -> (Style, Style, &'static str, &'static str) {
        if self.color {
            (
                Style::new().bg(Color::Green),
                Style::new().bg(Color::DarkGray),
                " ",
                " ",
            )
        } else {
            (Style::new(), Style::new(), "#", ".")
        }
    }
}

/// Symbols that depend on how the terminal draws ambiguous-width characters.
#[derive(Debug, Clone, Copy)]
pub struct Symbols {
    pub wide: bool,
    pub border: border::Set<'static>,
    /// Board columns: a top edge with the title and a shared separator on the left.
    pub columns: border::Set<'static>,
    pub open: &'static str,
    pub closed: &'static str,
    pub leaf: &'static str,
}

/// Borders from ASCII: the same width whatever the terminal thinks.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    pub fn new(wide: bool) -> Symbols {
        Symbols {
            wide,
            border: if wide { ASCII_BORDER } else { border::ROUNDED },
            columns: if wide {
                ASCII_BORDER
            } else {
                border::Set {
                    top_left: "┬",
                    ..border::PLAIN
                }
            },
            open: "▾ ",
            closed: "▸ ",
            leaf: "  ",
        }
    }

    /// Text as it may be drawn: unchanged in narrow mode; in wide mode every ambiguous-width
    /// character is replaced by one whose width is certain. Stored text never changes.
    pub fn show<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if !self.wide || !s.chars().any(is_ambiguous) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if is_ambiguous(c) {
                out.push_str(replacement(c));
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }
}

/// A character whose width differs between narrow and wide ("CJK") terminals.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

fn replacement(c: char) -> &'static str {
    const CIRCLED: [&str; 20] = [
        "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)",
        "(13)", "(14)", "(15)", "(16)", "(17)", "(18)", "(19)", "(20)",
    ];
    match c {
        '“' => "「",             // data: a certain-width stand-in for board text
        '”' => "」",             // data: a certain-width stand-in for board text
        '‘' => "『",             // data: a certain-width stand-in for board text
        '’' => "』",             // data: a certain-width stand-in for board text
        '—' | '–' | '―' => "－", // data: a certain-width stand-in for board text
        '…' => "⋯",
        '·' | '•' => "・",
        '×' => "x",
        '÷' => "/",
        '→' => "->",
        '←' => "<-",
        '°' => "度", // data: a certain-width stand-in for board text
        '①'..='⑳' => CIRCLED[(c as u32 - '①' as u32) as usize],
        '─' | '━' | '═' => "-",
        '│' | '┃' | '║' => "|",
        '■' | '□' | '●' | '○' | '★' | '☆' | '◆' | '◇' | '▲' | '△' | '▶' | '▼' => {
            "*"
        }
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wide_mode_maps_ambiguous_text_to_certain_widths() {
        let s = Symbols::new(true);
        let shown = s.show("“两旧一村”改造—完成…①·×");
        assert_eq!(shown, "「两旧一村」改造－完成⋯(1)・x");
        assert_eq!(shown.width(), shown.width_cjk());
        assert_eq!(Symbols::new(false).show("“a”"), "“a”");
        for sym in [
            s.open,
            s.closed,
            s.border.top_left,
            s.border.horizontal_top,
            "⋯",
        ] {
            assert_eq!(sym.width(), sym.width_cjk(), "{sym}");
        }
    }
}
