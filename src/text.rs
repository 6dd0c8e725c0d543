//! Text for the terminal: display width, truncation, padding, CJK line wrapping and cleaning.
//!
//! Owns every decision about how wide a string is on screen and which characters may reach
//! the terminal. Used by the CLI tables and the TUI alike. Pure functions, no IO.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The width-stable ellipsis used when text is cut (same width in narrow and wide mode).
pub const ELLIPSIS: &str = "⋯";

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` cells, ending in `⋯` when anything was cut. Never splits a
/// grapheme; a wide character that does not fit leaves the cell empty rather than half-drawn.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - width(ELLIPSIS);
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > budget {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(ELLIPSIS);
    out
}

/// Truncate then pad with spaces to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// Pad on the left to `w` cells (for numbers in tables).
pub fn fit_right(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(pad))
}

/// Text from a board, a remote or the command line, ready for display: every hostile
/// character (controls, bidi, invisible) shown visibly (`^[`, `<U+202E>`), tabs as spaces, newlines kept. The one
/// rule lives in `crate::sanitize`.
pub fn sanitize(s: &str) -> String {
    crate::sanitize::clean(s).into_owned()
}

/// One line for display: like `sanitize`, and newlines become spaces.
pub fn one_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// First line of a multi-line text, cleaned.
pub fn first_line(s: &str) -> String {
    sanitize(s.lines().next().unwrap_or(""))
}

/// Typed or pasted text as it is stored: line breaks normalised, hostile characters dropped.
pub fn strip(s: &str) -> String {
    crate::sanitize::strip(s)
}

/// One line of typed or pasted text: like `strip`, and newlines become spaces.
pub fn strip_line(s: &str) -> String {
    strip(s).replace('\n', " ")
}

/// Characters that must not begin a line (Chinese line-breaking rules, 避头).
const NO_START: &str = "，。、；：！？）》」』】〕〉,.;:!?)]}%・⋯"; // data: punctuation a line may not start or end with
/// Characters that must not end a line (避尾).
const NO_END: &str = "（《「『【〔〈([{“‘"; // data: punctuation a line may not start or end with

/// Wrap text to lines of at most `max` cells, breaking between any two CJK characters and at
/// spaces for Latin words, keeping CJK punctuation off line starts and opening brackets off
/// line ends. Explicit newlines start new lines. Every returned line is at most `max` wide.
///
/// By hand rather than with `textwrap`: its Unicode line-breaking (UAX #14) allows no break
/// around an opening quote (`米“美` stays together), so lines of Chinese come out up to three
/// cells short of the width (tried against the tests below: widths 20 and 40 fail), and it
/// brought some 25 crates (icu_segmenter) into the build.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in sanitize(s).split('\n') {
        wrap_paragraph(para, max, &mut lines);
    }
    lines
}

fn wrap_paragraph(para: &str, max: usize, lines: &mut Vec<String>) {
    let units = break_units(para);
    let mut line = String::new();
    let mut used = 0;
    for unit in units {
        let w = width(&unit);
        if used + width(unit.trim_end()) > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        if w > max {
            for g in unit.graphemes(true) {
                let gw = width(g);
                if used + gw > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
            continue;
        }
        if line.is_empty() {
            line.push_str(unit.trim_start());
            used = width(&line);
            continue;
        }
        line.push_str(&unit);
        used += w;
    }
    lines.push(line.trim_end().to_string());
}

/// Split a paragraph into unbreakable units: a Latin word (with its trailing space), or one
/// CJK grapheme. Punctuation that must not start a line is glued to the unit before it.
fn break_units(para: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut glue_next = false;
    for g in para.graphemes(true) {
        let wide = width(g) >= 2;
        let no_start = g.chars().all(|c| NO_START.contains(c));
        let no_end = g.chars().all(|c| NO_END.contains(c));
        if no_start && (!word.is_empty() || !units.is_empty()) {
            if !word.is_empty() {
                word.push_str(g);
            } else if let Some(last) = units.last_mut() {
                last.push_str(g);
            }
            continue;
        }
        if glue_next {
            if wide || g == " " {
                if let Some(last) = units.last_mut() {
                    last.push_str(g);
                }
                glue_next = no_end;
                continue;
            }
            // A Latin word after an opening bracket: start the word with the bracket.
            if let Some(last) = units.pop() {
                word.push_str(&last);
            }
            glue_next = false;
        }
        if wide || no_end {
            if !word.is_empty() {
                units.push(std::mem::take(&mut word));
            }
            units.push(g.to_string());
            glue_next = no_end;
        } else if g == " " {
            word.push(' ');
            units.push(std::mem::take(&mut word));
        } else {
            if word.ends_with(' ') {
                units.push(std::mem::take(&mut word));
            }
            word.push_str(g);
        }
    }
    if !word.is_empty() {
        units.push(word);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "综合运用拆除重建、成套改造等方式,加快邯郸路500、524弄和凤南一村等7.4万平方米、2400余户居民旧住房改造。完成50万平方米“美丽家园”建设和200台多层住宅加装电梯任务。《上海市城市更新条例》发布，“两旧一村”改造。";

    #[test]
    fn truncate_cuts_by_display_width_with_ellipsis() {
        assert_eq!(truncate("加快推动城市更新", 8), "加快推⋯");
        assert_eq!(truncate("加快推动城市更新", 7), "加快推⋯");
        assert_eq!(truncate("加快推动", 8), "加快推动");
        assert_eq!(truncate("abc", 0), "");
        for w in 0..20 {
            assert!(width(&truncate(TEXT, w)) <= w);
        }
    }

    #[test]
    fn fit_pads_to_exact_width() {
        assert_eq!(width(&fit("城市更新", 11)), 11);
        assert_eq!(width(&fit("城市更新abc", 6)), 6);
        assert_eq!(fit_right("12", 4), "  12");
    }

    #[test]
    fn sanitize_shows_controls_and_bidi_and_keeps_newlines() {
        let s = sanitize("a\u{1b}]0;x\u{7}b\u{9b}2J\u{202e}\tc\r\nd\re");
        assert_eq!(s, "a^[]0;x^Gb<U+009B>2J<U+202E>    c\nd^Me");
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(one_line("a\nb"), "a b");
        assert_eq!(first_line("一\n二"), "一");
        assert_eq!(strip_line("a\u{1b}[2J\r\nb"), "a[2J b");
    }

    #[test]
    fn wrap_chinese_never_overflows_nor_starts_with_closing_punctuation() {
        for max in [19, 20, 21, 40, 7] {
            let lines = wrap(TEXT, max);
            for (i, l) in lines.iter().enumerate() {
                assert!(width(l) <= max, "{max}: {l:?} too wide");
                let first = l.chars().next().unwrap();
                assert!(
                    !"，。、；：！？）》」』".contains(first),
                    "{max}: {l:?} starts badly"
                );
                let last = l.chars().last().unwrap();
                assert!(!"（《「『“".contains(last), "{max}: {l:?} ends badly");
                if i + 1 < lines.len() && max >= 19 {
                    assert!(width(l) + 3 >= max, "{max}: {l:?} too short");
                }
            }
            let joined: String = lines.concat();
            assert_eq!(joined.replace(' ', ""), TEXT.replace(' ', ""));
        }
    }

    #[test]
    fn wrap_keeps_latin_words_and_newlines() {
        assert_eq!(wrap("hello world foo", 11), vec!["hello world", "foo"]);
        assert_eq!(wrap("一\n二", 10), vec!["一", "二"]);
        assert_eq!(wrap("", 10), vec![""]);
        let long = "x".repeat(25);
        assert!(wrap(&long, 10).iter().all(|l| width(l) <= 10));
    }
}
