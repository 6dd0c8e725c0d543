//! Copy artefacts of text taken out of a PDF or Word file: page footers (`— 3 —`, `第3页`),
//! running headers repeated on every page, and line-wrap spaces inside Chinese words
//! (`工作机 制`). Hard breaks inside words are joined by the parser, which knows the wrap width.

use super::{Aside, SetAside};
use unicode_width::UnicodeWidthStr;

/// A line of the list: its 1-based number in the file and its trimmed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// Lines numbered from 1; `\r\n`, `\r` and `\n` all end a line. Blank lines are dropped.
pub fn split_lines(src: &str) -> Vec<Line> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::new();
    let mut no = 0;
    let mut rest = src;
    while !rest.is_empty() {
        no += 1;
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let text = rest[..end].trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !text.is_empty() {
            out.push(Line {
                no,
                text: text.to_string(),
            });
        }
        let mut next = end;
        if rest[end..].starts_with("\r\n") {
            next += 2;
        } else if end < rest.len() {
            next += 1;
        }
        rest = &rest[next..];
    }
    out
}

/// A page footer or page number line: `— 3 —`, `- 12 -`, `－3－`, `第3页`, `第 3 页 共 9 页`.
pub fn is_page_footer(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let dashes = ['—', '-', '－', '–', '―'];
    let inner = t.trim_start_matches(dashes).trim_end_matches(dashes);
    let dashed = inner.len() < t.len() && t.starts_with(dashes) && t.ends_with(dashes);
    if dashed && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let (n, rest) = rest.split_at(
        rest.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len()),
    );
    if n.is_empty() {
        return false;
    }
    let Some(rest) = rest.strip_prefix('页') else {
        return false;
    };
    rest.is_empty()
        || rest
            .strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

/// Marks that end a sentence: the line after is not its continuation.
const ENDS: &str = "。！？；;!?"; // data: punctuation
/// Marks after which a line goes on.
const CONTINUES: &str = "，,、：:（(“《—"; // data: punctuation

/// Drop footers and running headers (set aside with the reason); join split Chinese words.
pub fn clean(lines: Vec<Line>, set_aside: &mut Vec<SetAside>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut after_footer = false;
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for mut line in lines {
        if is_page_footer(&line.text) {
            set_aside.push(SetAside::new(&line, Aside::PageFooter));
            after_footer = true;
            continue;
        }
        let short = line.text.chars().count() <= 40;
        if after_footer && short && seen.contains(&line.text) {
            set_aside.push(SetAside::new(&line, Aside::RunningHeader));
            continue;
        }
        after_footer = false;
        seen.insert(line.text.clone());
        if !is_table_row(&line.text) && super::fields::field_line(&line.text).is_none() {
            line.text = join_split_words(&line.text);
        }
        out.push(line);
    }
    out
}

/// A flattened table row: cells between `|` or tabs.
pub fn is_table_row(text: &str) -> bool {
    text.matches(['|', '｜']).count() >= 2 || text.matches('\t').count() >= 2
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || ('\u{3001}'..='\u{303f}').contains(&c)
        || ('\u{ff01}'..='\u{ff0f}').contains(&c)
        || ('\u{ff1a}'..='\u{ff20}').contains(&c)
        || "“”‘’《》（）【】".contains(c) // data: punctuation the cleaner matches
}

/// Remove one space (ASCII or ideographic) between two CJK characters: `工作机 制` → `工作机制`.
/// Two or more spaces are kept (they separate columns).
pub fn join_split_words(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let space = c == ' ' || c == '\u{3000}';
        let between = i > 0
            && i + 1 < chars.len()
            && is_cjk(chars[i - 1])
            && is_cjk(chars[i + 1])
            && chars[i - 1] != ' '
            && chars[i + 1] != ' ';
        if space && between {
            continue;
        }
        out.push(c);
    }
    out
}

/// The width most long lines share when a PDF or Word copy wrapped them; `None` when no width
/// is shared by at least three lines and a fifth of the long ones.
pub fn wrap_width(lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.width())
        .filter(|w| *w >= 30)
        .collect();
    let mut counts = std::collections::HashMap::new();
    for w in &widths {
        // Lines wrap within a column or two of the width.
        *counts.entry(*w).or_insert(0usize) += 1;
    }
    let (best, n) = counts
        .keys()
        .map(|w| {
            let near = widths.iter().filter(|x| x.abs_diff(*w) <= 1).count();
            (*w, near)
        })
        .max_by_key(|&(w, near)| (near, w))?;
    (n >= 3 && n * 5 >= widths.len()).then_some(best)
}

/// Whether `prev` runs on into the next line (a wrap, not a break between items).
pub fn wraps_into(prev: &str, next: &str, wrap: Option<usize>) -> bool {
    let Some(last) = prev.chars().last() else {
        return false;
    };
    if ENDS.contains(last) {
        return false;
    }
    if CONTINUES.contains(last) {
        return true;
    }
    let latin = |c: char| c.is_ascii_alphanumeric();
    if latin(last) && next.chars().next().is_some_and(latin) {
        return true;
    }
    wrap.is_some_and(|w| prev.width() + 2 >= w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_and_page_numbers() {
        for t in ["— 3 —", "-12-", "－ 3 －", "第3页", "第 3 页 共 9 页"] {
            assert!(is_page_footer(t), "{t}");
        }
        for t in ["3", "—", "第三批", "1-2", "第3页码"] {
            assert!(!is_page_footer(t), "{t}");
        }
    }

    #[test]
    fn wrap_spaces_inside_chinese_words_go() {
        assert_eq!(
            join_split_words("健全工作机 制，推动重 大项目"),
            "健全工作机制，推动重大项目"
        );
        assert_eq!(join_split_words("2024 年 5G 基站"), "2024 年 5G 基站");
        assert_eq!(join_split_words("区民政局  区财政局"), "区民政局  区财政局");
    }

    #[test]
    fn running_headers_after_footers_are_set_aside() {
        let lines = split_lines("某区重点工作\n1.甲。\n— 1 —\n某区重点工作\n乙。\n");
        let mut aside = Vec::new();
        let kept = clean(lines, &mut aside);
        let texts: Vec<&str> = kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["某区重点工作", "1.甲。", "乙。"]);
        assert_eq!(aside.len(), 2);
        assert_eq!(aside[1].line, 4);
    }
}
