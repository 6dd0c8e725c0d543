//! Numbering markers at the start of a line and their nesting kind:
//! `一、` > `（一）` > `1.`/`1、`/`1．`/`01 `/a number alone > `（1）` > `①`.

use crate::targets;

/// The kind of a marker, outermost first; the order is the nesting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Kind {
    /// `一、`
    CnComma,
    /// `（一）` `(一)`
    CnParen,
    /// `1.` `1、` `１．` `01 ` `1` alone
    Digit,
    /// `（1）` `(1)`
    DigitParen,
    /// `①`
    Circled,
}

impl Kind {
    /// How the kind is written, for messages.
    pub fn sample(self) -> &'static str {
        match self {
            Kind::CnComma => "一、",   // data: how the marker is written
            Kind::CnParen => "（一）", // data: how the marker is written
            Kind::Digit => "1.",
            Kind::DigitParen => "（1）", // data: how the marker is written
            Kind::Circled => "①",
        }
    }
}

/// A marker found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker<'a> {
    pub kind: Kind,
    pub number: u32,
    /// The text after the marker, trimmed.
    pub rest: &'a str,
    /// The marker was the whole line (a number alone).
    pub alone: bool,
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn split_run(s: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| i);
    s.split_at(end)
}

fn digits_number(s: &str) -> Option<u32> {
    ascii_digits(s).parse().ok()
}

/// Parse a marker at the start of a trimmed line.
pub fn parse(line: &str) -> Option<Marker<'_>> {
    let m = paren(line)
        .or_else(|| circled(line))
        .or_else(|| plain(line))?;
    Some(Marker {
        rest: m.rest.trim_start_matches(is_space).trim(),
        ..m
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// `(1)` `（1）` `（一）` `(十二)`.
fn paren(line: &str) -> Option<Marker<'_>> {
    let inner = line.strip_prefix(['(', '（'])?;
    let (num, rest) = split_run(inner, |c| is_any_digit(c) || targets::is_cn_numeral(c));
    let rest = rest.strip_prefix([')', '）'])?;
    if num.is_empty() {
        return None;
    }
    let (kind, number) = if num.chars().all(is_any_digit) {
        (Kind::DigitParen, digits_number(num)?)
    } else {
        (Kind::CnParen, targets::parse_chinese_numeral(num)?)
    };
    Some(Marker {
        kind,
        number,
        rest,
        alone: false,
    })
}

/// `①` … `⑳`.
fn circled(line: &str) -> Option<Marker<'_>> {
    let c = line.chars().next()?;
    let n = match c {
        '①'..='⑳' => c as u32 - '①' as u32 + 1,
        _ => return None,
    };
    Some(Marker {
        kind: Kind::Circled,
        number: n,
        rest: &line[c.len_utf8()..],
        alone: false,
    })
}

/// Characters after `12 ` that make it a quantity or a date, not a number and its text.
const NOT_TEXT_AFTER_NUMBER: &[char] = &['年', '月', '日', '号', '万', '亿', '%', '％', '个', '项'];

/// `1.` `1、` `１．` `01 text` `1` alone, `一、` (a `.` followed by a digit is a decimal).
fn plain(line: &str) -> Option<Marker<'_>> {
    let (digits, rest) = split_run(line, is_any_digit);
    if !digits.is_empty() {
        let number = digits_number(digits)?;
        if rest.is_empty() {
            // A number alone: at most three digits (a year or a code is not a task number).
            return (digits.chars().count() <= 3).then_some(Marker {
                kind: Kind::Digit,
                number,
                rest,
                alone: true,
            });
        }
        if let Some(after) = rest.strip_prefix(['.', '．', '、']) {
            if rest.starts_with(['.', '．']) && after.starts_with(is_any_digit) {
                return None;
            }
            return Some(Marker {
                kind: Kind::Digit,
                number,
                rest: after,
                alone: after.trim().is_empty(),
            });
        }
        // `01 新增…`: digits, a space, then text that does not read as a quantity or date.
        let after = rest.trim_start_matches(is_space);
        let spaced = after.len() < rest.len();
        let text_follows = after
            .chars()
            .next()
            .is_some_and(|c| !is_any_digit(c) && !NOT_TEXT_AFTER_NUMBER.contains(&c));
        let unit = targets::UNITS.iter().any(|u| after.starts_with(u));
        if spaced && text_follows && !unit && digits.chars().count() <= 3 {
            return Some(Marker {
                kind: Kind::Digit,
                number,
                rest: after,
                alone: false,
            });
        }
        return None;
    }
    let (numeral, rest) = split_run(line, targets::is_cn_numeral);
    let after = rest.strip_prefix('、')?;
    Some(Marker {
        kind: Kind::CnComma,
        number: targets::parse_chinese_numeral(numeral)?,
        rest: after,
        alone: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn km(line: &str) -> Option<(Kind, u32, &str)> {
        parse(line).map(|m| (m.kind, m.number, m.rest))
    }

    #[test]
    fn every_marker_kind() {
        assert_eq!(km("一、稳增长"), Some((Kind::CnComma, 1, "稳增长")));
        assert_eq!(km("（十二）加强"), Some((Kind::CnParen, 12, "加强")));
        assert_eq!(km("(二) 加强"), Some((Kind::CnParen, 2, "加强")));
        assert_eq!(km("１５．加快"), Some((Kind::Digit, 15, "加快")));
        assert_eq!(km("22.\u{3000}加强"), Some((Kind::Digit, 22, "加强")));
        assert_eq!(
            km("01 新增公共充电桩"),
            Some((Kind::Digit, 1, "新增公共充电桩"))
        );
        assert_eq!(km("7"), Some((Kind::Digit, 7, "")));
        assert_eq!(km("（3）完善"), Some((Kind::DigitParen, 3, "完善")));
        assert_eq!(km("②完善"), Some((Kind::Circled, 2, "完善")));
        assert!(parse("12").is_some_and(|m| m.alone));
    }

    #[test]
    fn quantities_dates_and_years_are_not_markers() {
        for line in [
            "1.5万平方米",
            "2023 年区委",
            "2024",
            "300 个",
            "1，加强",
            "一批项目",
            "20 万元",
            "12 台",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
