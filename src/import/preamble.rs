//! The heading of a list, before its first numbered item: a title over one or more lines,
//! the issuing body, the document number (文号, `某政发〔2024〕2号`), the date, and a preamble
//! paragraph that becomes the board's description.

use super::clean::Line;
use super::words::ISSUERS;
use super::{SetAside, parse_date, split_issued};
use chrono::NaiveDate;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Heading {
    pub title: String,
    pub issued: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub description: Option<String>,
}

/// Brackets that close the year of a 文号.
const CLOSE_BRACKETS: &str = "〕]］）)"; // data: punctuation
/// The label of an attachment (`附件1：`).
const ATTACHMENT: &str = "附件"; // data: the word lists use
const COLONS: &str = "：:"; // data: punctuation

/// A 文号: `某政发〔2024〕2号`, `[2024] 2号`, `（2024）2号`.
pub fn doc_number(text: &str) -> Option<String> {
    let t = text.trim();
    let open = t.find(['〔', '[', '［', '（', '('])?;
    let after = &t[open..];
    let mut chars = after.char_indices().skip(1);
    let digits: String = chars
        .by_ref()
        .take_while(|(_, c)| c.is_ascii_digit())
        .map(|(_, c)| c)
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let close_at = open + after.char_indices().nth(5)?.0;
    let rest = &t[close_at..];
    let close = rest.chars().next()?;
    if !CLOSE_BRACKETS.contains(close) {
        return None;
    }
    let rest = rest[close.len_utf8()..].trim_start();
    let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if n.is_empty() || !rest[n.len()..].starts_with('号') {
        return None;
    }
    let end = close_at + close.len_utf8() + (t[close_at + close.len_utf8()..].len() - rest.len());
    let end = end + n.len() + '号'.len_utf8();
    // The prefix (某政发) is the text right before the bracket on the same word.
    let start = t[..open]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace() && !"，。：:".contains(*c)) // data: marks that end a 文号
        .last()
        .map_or(open, |(i, _)| i);
    Some(t[start..end].to_string())
}

fn is_issuer(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 40
        && !t.contains(['。', '，', '：'])
        && ISSUERS.iter().any(|w| t.ends_with(w))
}

/// A line that is a date alone (`2024年2月5日`, `（2024年2月5日）`).
fn date_line(text: &str) -> Option<NaiveDate> {
    let t = text
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    parse_date(t)
}

/// Read the heading lines. Attachment labels (`附件`, `附件1`) are set aside.
pub fn read(lines: &[Line], set_aside: &mut Vec<SetAside>) -> Heading {
    let mut h = Heading::default();
    let mut title: Vec<String> = Vec::new();
    let mut description: Vec<String> = Vec::new();
    for line in lines {
        let t = line.text.as_str();
        let bare: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if bare == ATTACHMENT
            || bare
                .strip_prefix(ATTACHMENT)
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || COLONS.contains(c)))
        {
            set_aside.push(SetAside::new(line, super::Aside::AttachmentLabel));
            continue;
        }
        if h.doc_number.is_none()
            && let Some(n) = doc_number(t)
            && t.chars().count() <= n.chars().count() + 2
        {
            h.doc_number = Some(n);
            continue;
        }
        if let Some(d) = date_line(t) {
            h.issued.get_or_insert(d);
            continue;
        }
        if h.issuer.is_none() && is_issuer(t) {
            h.issuer = Some(t.to_string());
            continue;
        }
        let sentence = t.contains(['。', '，', ',', '：', '；']) || t.chars().count() > 60;
        if description.is_empty() && !sentence {
            let (text, date) = split_issued(t);
            if date.is_some() {
                h.issued.get_or_insert_with(|| date.unwrap_or_default());
            }
            title.push(text);
        } else {
            description.push(t.to_string());
        }
    }
    h.title = title.concat();
    if h.title.is_empty() && h.issuer.is_some() && description.is_empty() {
        h.title = h.issuer.clone().unwrap_or_default();
    }
    if !description.is_empty() {
        h.description = Some(description.join("\n"));
    }
    h
}

/// The year a list is for: the issue date's, else a `2024年` in its title.
pub fn year(h: &Heading) -> Option<i32> {
    use chrono::Datelike;
    if let Some(d) = h.issued {
        return Some(d.year());
    }
    let chars: Vec<char> = h.title.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        (w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()) && w[0] == '2')
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// The year the list's texts name most often (`2024年8月底`), for a list without one in its
/// heading.
pub fn year_named<'a>(texts: impl Iterator<Item = &'a str>) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for t in texts {
        let chars: Vec<char> = t.chars().collect();
        for w in chars.windows(5) {
            if w[4] == '年' && w[0] == '2' && w[..4].iter().all(|c| c.is_ascii_digit()) {
                let y: String = w[..4].iter().collect();
                if let Ok(y) = y.parse::<i32>() {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(src: &str) -> Vec<Line> {
        super::super::clean::split_lines(src)
    }

    #[test]
    fn the_year_named_most_often() {
        let texts = ["2024年8月", "年底", "2024年10月底", "对标2023年"];
        assert_eq!(year_named(texts.into_iter()), Some(2024));
        assert_eq!(year_named(["年底"].into_iter()), None);
    }

    #[test]
    fn doc_numbers_in_their_forms() {
        assert_eq!(
            doc_number("某政发〔2024〕2号").as_deref(),
            Some("某政发〔2024〕2号")
        );
        assert_eq!(
            doc_number("东府办[2023] 15号").as_deref(),
            Some("东府办[2023] 15号")
        );
        assert_eq!(doc_number("新建5所学校"), None);
        assert_eq!(doc_number("（2024年版）"), None);
    }

    #[test]
    fn a_title_over_two_lines_issuer_number_date_and_preamble() {
        let src = "附件1\n某区人民政府办公室\n某府办发〔2024〕7号\n关于印发某区2024年\n重点工作任务清单的通知\n各街道、各委办局：\n现将清单印发给你们，请认真贯彻落实。\n2024年2月5日\n";
        let mut aside = Vec::new();
        let h = read(&lines(src), &mut aside);
        assert_eq!(h.title, "关于印发某区2024年重点工作任务清单的通知");
        assert_eq!(h.issuer.as_deref(), Some("某区人民政府办公室"));
        assert_eq!(h.doc_number.as_deref(), Some("某府办发〔2024〕7号"));
        assert_eq!(h.issued, NaiveDate::from_ymd_opt(2024, 2, 5));
        assert_eq!(
            h.description.as_deref(),
            Some("各街道、各委办局：\n现将清单印发给你们，请认真贯彻落实。")
        );
        assert_eq!(aside.len(), 1);
        assert_eq!(year(&h), Some(2024));
    }
}
