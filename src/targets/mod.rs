//! Target (指标) extraction: finds the quantities a task sentence names (`200台`, `7.4万平方米`,
//! `2400余户`) together with the words that say what is counted.
//!
//! Owns the unit whitelist, the qualifier words (余, 以上, 不少于 ...) and the rules that keep
//! dates, ordinals, addresses, percentages and quoted slogans out. Pure: no IO, no state.
//!
//! Rules worth knowing:
//! - A quantity is a number directly followed (spaces allowed) by an optional 万/亿 and a unit
//!   from [`UNITS`]; a bare number is never a target, so `2023年`, `9月`, `20号线`, `6.0版`,
//!   `500、524弄` give nothing (年 月 日 号 版 弄 are not units).
//! - Money keeps its unit as written (`50亿元` is 50 亿元); every other unit has 万/亿
//!   multiplied out (`7.4万平方米` is 74000 平方米).
//! - Numbers inside quotes or title marks (“” 「」 『』 《》 ‘’ `"`) never count, nor numbers
//!   after 第 (ordinals), after an ASCII letter or a range dash, or after 百分之.
//! - Percentages (`增长6.2%左右`, `达到95%以上`, `控制在3%以内`) and percentage points
//!   (`提高2个百分点`) are targets in `%` and `个百分点`, with their qualifier; the label is
//!   the clause before them without the verb that links it (`控制在`, `达到`, `提高到`).
//! - Chinese numerals (五, 十二, 两, 一百零五) count only when well formed, worth at least 2, and
//!   followed by a unit other than 个 项 次 级 批 件 支 场 (`四个意识`, `七项制度`, `一批` are
//!   not targets).
//! - Thousands separators (`1,200`) are not read: published lists use ASCII commas as clause
//!   separators. Ranges (`3-5所`, `3至5所`) give nothing for the upper bound.

use crate::model::round_value;

mod words;
pub use words::UNITS;
use words::*;

/// A quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTarget {
    /// What is counted (`多层住宅加装电梯任务`); never empty.
    pub label: String,
    /// The verbatim text from the number (or leading qualifier) through the unit and a trailing
    /// qualifier (`2400余户`, `不少于5所`, `60岁以上`).
    pub phrase: String,
    /// The value in plain units (万/亿 multiplied out, except for money units).
    pub value: f64,
    pub unit: String,
    /// 余, 多, 以上, 以内, 以下, 左右, 不少于, 不低于, 超过, 至少, 约, 近 — the first one found.
    pub qualifier: Option<String>,
}

/// Find every quantity the sentence names, in text order.
pub fn extract(sentence: &str) -> Vec<FoundTarget> {
    let chars: Vec<char> = sentence.chars().collect();
    let quoted = quoted_mask(&chars);
    let mut spans: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(num) = read_number(&chars, i) else {
            i += 1;
            continue;
        };
        let floor = spans.last().map_or(0, |s| s.end);
        match quantity_at(&chars, &quoted, &num, floor) {
            Some(span) => {
                i = span.end;
                spans.push(span);
            }
            None => i = num.end,
        }
    }
    let labels = labels(&chars, &spans);
    spans
        .into_iter()
        .zip(labels)
        .map(|(s, label)| FoundTarget {
            label,
            phrase: chars[s.start..s.end].iter().collect(),
            value: s.value,
            unit: s.unit,
            qualifier: s.qualifier,
        })
        .collect()
}

/// A number read at some position.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    start: usize,
    end: usize,
    value: f64,
    chinese: bool,
}

/// A recognised quantity: char range of its phrase plus what it means.
#[derive(Debug)]
struct Span {
    start: usize,
    /// Where the number starts (the phrase may begin earlier with a qualifier).
    number: usize,
    end: usize,
    value: f64,
    unit: String,
    qualifier: Option<String>,
}

/// Which chars are inside quotes or title marks.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut depth = 0usize;
    let mut ascii_open = false;
    chars
        .iter()
        .map(|&c| {
            if OPEN_QUOTES.contains(&c) {
                depth += 1;
            } else if CLOSE_QUOTES.contains(&c) {
                depth = depth.saturating_sub(1);
            } else if c == '"' {
                ascii_open = !ascii_open;
            }
            depth > 0 || ascii_open
        })
        .collect()
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A character of a Chinese numeral (`零一二三四五六七八九十两百千`).
pub(crate) fn is_cn_numeral(c: char) -> bool {
    "零一二三四五六七八九十两百千".contains(c) // data: characters the target parser reads
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Read an ASCII/full-width or Chinese number starting exactly at `i`.
fn read_number(chars: &[char], i: usize) -> Option<Number> {
    let c = *chars.get(i)?;
    if is_digit(c) {
        return read_digits(chars, i);
    }
    let len = chars[i..].iter().take_while(|c| is_cn_numeral(**c)).count();
    let not_first = "零百千"; // data: numerals that cannot start a number
    if len == 0 || not_first.contains(c) {
        return None;
    }
    let text: String = chars[i..i + len].iter().collect();
    Some(Number {
        start: i,
        end: i + len,
        value: f64::from(parse_chinese_numeral(&text)?),
        chinese: true,
    })
}

/// Digits with an optional decimal part (`7.4`, `１２．５`).
fn read_digits(chars: &[char], i: usize) -> Option<Number> {
    let mut text = String::new();
    let mut end = i;
    let mut seen_dot = false;
    while let Some(&c) = chars.get(end) {
        if let Some(d) = digit_value(c) {
            text.push(char::from_digit(d, 10)?);
        } else if (c == '.' || c == '．')
            && !seen_dot
            && chars.get(end + 1).is_some_and(|n| is_digit(*n))
        {
            seen_dot = true;
            text.push('.');
        } else {
            break;
        }
        end += 1;
    }
    Some(Number {
        start: i,
        end,
        value: text.parse().ok()?,
        chinese: false,
    })
}

/// Parse a well-formed Chinese numeral below 10000 (`五`, `十二`, `二十二`, `两`, `一百零五`).
/// Returns `None` for runs that are not one number (`四五`, `十四五`).
pub(crate) fn parse_chinese_numeral(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_mag = u32::MAX;
    let mut any = false;
    for c in s.chars() {
        let digit = "零一二三四五六七八九".find(c).map(|b| (b / 3) as u32); // data: characters the target parser reads
        let digit = digit.or((c == '两').then_some(2));
        let mag = match c {
            '十' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        };
        match (digit, mag) {
            (Some(0), _) if pending.is_none() => {}
            (Some(d), _) if pending.is_none() => pending = Some(d),
            (None, Some(m)) if m < last_mag => {
                total += pending.take().unwrap_or(1) * m;
                last_mag = m;
            }
            _ => return None,
        }
        any = true;
    }
    any.then_some(total + pending.unwrap_or(0))
}

/// Whether the context before a number makes it something other than a quantity.
fn blocked_before(chars: &[char], num: &Number) -> bool {
    let prev = num.start.checked_sub(1).map(|p| chars[p]);
    let ordinal = prev == Some('第');
    let coded = prev.is_some_and(|p| {
        p.is_ascii_alphanumeric() || "-~～—–".contains(p) || (!num.chinese && p == '.') // data: characters the target parser reads
    });
    let range = prev.is_some_and(|p| "至到".contains(p)) // data: characters the target parser reads
        && num.start >= 2
        && (is_digit(chars[num.start - 2]) || is_cn_numeral(chars[num.start - 2]));
    let percent = num.start >= 3 && chars[num.start - 3..num.start] == ['百', '分', '之'];
    let after_cn_numeral = num.chinese && prev.is_some_and(is_cn_numeral);
    ordinal || coded || range || percent || after_cn_numeral
}

/// The first of `words` that `chars` starts with at `i`.
fn word_at<'w>(chars: &[char], i: usize, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .filter(|w| {
            let n = w.chars().count();
            chars.len() >= i + n && w.chars().eq(chars[i..i + n].iter().copied())
        })
        .max_by_key(|w| w.chars().count())
}

/// A leading qualifier (`不少于`, `约`) that ends right before the number, not before `floor`.
fn lead_qualifier(chars: &[char], number: usize, floor: usize) -> Option<&'static str> {
    LEAD_QUALIFIERS.iter().copied().find(|w| {
        let n = w.chars().count();
        number >= floor + n && w.chars().eq(chars[number - n..number].iter().copied())
    })
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    i
}

/// Read the rest of a quantity after its number: 余/多, 万/亿, unit, trailing qualifier.
fn quantity_at(chars: &[char], quoted: &[bool], num: &Number, floor: usize) -> Option<Span> {
    if quoted[num.start] || blocked_before(chars, num) {
        return None;
    }
    let mut qualifier: Option<&'static str> = None;
    let mut i = skip_spaces(chars, num.end);
    take_inner(chars, &mut i, &mut qualifier);
    let money = word_at(chars, i, MONEY_UNITS);
    let mut factor = 1.0;
    if money.is_none() {
        match chars.get(i) {
            Some('万') => factor = 1e4,
            Some('亿') => factor = 1e8,
            _ => {}
        }
        if factor > 1.0 {
            i += 1;
            take_inner(chars, &mut i, &mut qualifier);
        }
    }
    // Hundreds of digits are no count: they overflow to infinity.
    let value = round_value(num.value * factor);
    if !value.is_finite() {
        return None;
    }
    let unit = money.or_else(|| word_at(chars, i, UNITS))?;
    i += unit.chars().count();
    let unit = if unit == "％" { "%" } else { unit }; // data: characters the target parser reads
    if !unit_allowed(chars, num, unit, i) {
        return None;
    }
    let lead = lead_qualifier(chars, num.start, floor);
    let tail = word_at(chars, i, TAIL_QUALIFIERS);
    let end = i + tail.map_or(0, |t| t.chars().count());
    let qualifier = lead.or(qualifier).or(tail);
    Some(Span {
        start: num.start - lead.map_or(0, |l| l.chars().count()),
        number: num.start,
        end,
        value,
        unit: unit.to_string(),
        qualifier: qualifier.map(str::to_string),
    })
}

/// Take a 余/多 at `*i`, keeping the first qualifier found.
fn take_inner(chars: &[char], i: &mut usize, qualifier: &mut Option<&'static str>) {
    if let Some(w) = word_at(chars, *i, INNER_QUALIFIERS) {
        qualifier.get_or_insert(w);
        *i += 1;
    }
}

/// Unit checks that depend on the number kind and on what follows the unit.
fn unit_allowed(chars: &[char], num: &Number, unit: &str, after: usize) -> bool {
    if num.chinese && (num.value < 2.0 || CN_EXCLUDED_UNITS.contains(&unit)) {
        return false;
    }
    !(unit == "个" && word_at(chars, after, NOT_AFTER_GE).is_some()) // data: characters the target parser reads
}

/// One label per span, in order.
fn labels(chars: &[char], spans: &[Span]) -> Vec<String> {
    let afters: Vec<String> = spans
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let limit = spans.get(k + 1).map_or(chars.len(), |n| n.start);
            after_label(chars, s.end, limit)
        })
        .collect();
    let mut out = vec![String::new(); spans.len()];
    for k in (0..spans.len()).rev() {
        let s = &spans[k];
        let listed = spans
            .get(k + 1)
            .is_some_and(|n| chars.get(s.end) == Some(&'、') && n.start == s.end + 1);
        out[k] = if !afters[k].is_empty() {
            afters[k].clone()
        } else if listed {
            out[k + 1].clone()
        } else {
            let floor = k.checked_sub(1).map_or(0, |p| spans[p].end);
            fallback_label(chars, s, floor)
        };
    }
    out
}

/// The words after a quantity up to the next punctuation, number or quantity.
fn after_label(chars: &[char], from: usize, limit: usize) -> String {
    let end = chars[from..limit]
        .iter()
        .position(|c| STOPS.contains(c) || is_digit(*c))
        .map_or(limit, |p| from + p);
    tidy(&chars[from..end], false)
}

/// The words before the number in its clause, else the clause, else the phrase.
fn fallback_label(chars: &[char], s: &Span, floor: usize) -> String {
    let clause_start = chars[..s.start]
        .iter()
        .rposition(|c| STOPS.contains(c))
        .map_or(0, |p| p + 1);
    let before = tidy(&chars[clause_start.max(floor)..s.start], true);
    if !before.is_empty() {
        return before;
    }
    let clause_end = chars[s.end..]
        .iter()
        .position(|c| STOPS.contains(c))
        .map_or(chars.len(), |p| s.end + p);
    let clause = tidy(&chars[clause_start..clause_end], false);
    if !clause.is_empty() {
        return clause;
    }
    chars[s.number..s.end].iter().collect()
}

/// Drop quote marks, trailing connectives and (for text before a number) leading verbs.
fn tidy(chars: &[char], strip_verbs: bool) -> String {
    let text: String = chars
        .iter()
        .filter(|c| !OPEN_QUOTES.contains(c) && !CLOSE_QUOTES.contains(c) && **c != '"')
        .collect();
    let mut t = text.trim();
    while let Some(w) = TAIL_WORDS.iter().find(|w| t.ends_with(**w)) {
        t = t[..t.len() - w.len()].trim_end();
    }
    if strip_verbs {
        while let Some(w) = LEAD_VERBS.iter().find(|w| t.starts_with(**w)) {
            t = t[w.len()..].trim_start();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests;
