// strings-scan: data file — the field labels and deadline words published lists use
//! Owner and deadline fields of a task or measure: `牵头单位：…`, `责任单位：…`, `配合单位：…`,
//! `责任领导：…`, `完成时限：…`, as lines, inline (`[牵头单位:…;责任单位:…]`,
//! `（牵头：…；配合：…）`) or table columns, and the deadline forms published lists use.
//!
//! Rules: 牵头 units lead; 配合/协办 units are partners; 责任单位 alone means its first unit
//! leads and the others are partners (with a 牵头单位 given they are all partners); a unit
//! marked `（牵头）` leads. Pure: no IO.

use crate::model::schedule::parse_deadline;
use chrono::NaiveDate;

/// What a field says about its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Lead,
    Responsible,
    Partner,
    Leader,
    Deadline,
}

/// Field labels, longest first within a field so that `牵头单位` wins over `牵头`.
const LABELS: &[(&str, Field)] = &[
    ("牵头责任单位", Field::Lead),
    ("牵头单位", Field::Lead),
    ("牵头部门", Field::Lead),
    ("主责单位", Field::Lead),
    ("牵头", Field::Lead),
    ("责任单位", Field::Responsible),
    ("责任部门", Field::Responsible),
    ("承办单位", Field::Responsible),
    ("配合单位", Field::Partner),
    ("配合部门", Field::Partner),
    ("协办单位", Field::Partner),
    ("参与单位", Field::Partner),
    ("配合", Field::Partner),
    ("责任领导", Field::Leader),
    ("分管领导", Field::Leader),
    ("牵头领导", Field::Leader),
    ("责任区领导", Field::Leader),
    ("完成时限", Field::Deadline),
    ("完成时间", Field::Deadline),
    ("时间节点", Field::Deadline),
    ("完成期限", Field::Deadline),
    ("时限", Field::Deadline),
];

/// Owners and deadline gathered for one item; the deadline stays text until the year is known.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Owners {
    pub lead: Vec<String>,
    pub partners: Vec<String>,
    pub leader: Vec<String>,
    /// As written (`2024年6月底`, `长期`).
    pub deadline: Option<String>,
    /// 责任单位 as given, resolved in [`Owners::settle`].
    #[serde(skip)]
    responsible: Vec<String>,
}

impl Owners {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.partners.is_empty()
            && self.leader.is_empty()
            && self.deadline.is_none()
            && self.responsible.is_empty()
    }

    /// Record one field.
    pub fn add(&mut self, field: Field, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        match field {
            Field::Lead => push_all(&mut self.lead, units(value)),
            Field::Responsible => push_all(&mut self.responsible, units(value)),
            Field::Partner => push_all(&mut self.partners, units(value)),
            Field::Leader => push_all(&mut self.leader, units(value)),
            Field::Deadline => self.deadline = Some(value.to_string()),
        }
    }

    /// Take over another item's fields (kept where this one has its own deadline).
    pub fn absorb(&mut self, other: Owners) {
        push_all(&mut self.lead, other.lead);
        push_all(&mut self.partners, other.partners);
        push_all(&mut self.leader, other.leader);
        push_all(&mut self.responsible, other.responsible);
        if self.deadline.is_none() {
            self.deadline = other.deadline;
        }
    }

    /// Resolve 责任单位 and `（牵头）` marks into lead and partners.
    pub fn settle(&mut self) {
        let responsible = std::mem::take(&mut self.responsible);
        let mut rest = Vec::new();
        for u in responsible {
            match strip_lead_mark(&u) {
                Some(lead) => push_all(&mut self.lead, [lead]),
                None => rest.push(u),
            }
        }
        let partners = std::mem::take(&mut self.partners);
        for u in partners {
            match strip_lead_mark(&u) {
                Some(lead) => push_all(&mut self.lead, [lead]),
                None => rest.push(u),
            }
        }
        let mut rest = rest.into_iter();
        if self.lead.is_empty()
            && let Some(first) = rest.next()
        {
            self.lead.push(first);
        }
        for u in rest {
            if !self.lead.contains(&u) && !self.partners.contains(&u) {
                self.partners.push(u);
            }
        }
    }
}

fn strip_lead_mark(u: &str) -> Option<String> {
    ["（牵头）", "(牵头)", "牵头"]
        .iter()
        .find_map(|m| u.strip_suffix(m))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn push_all(into: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for i in items {
        if !into.contains(&i) {
            into.push(i);
        }
    }
}

/// Units of a field value: split on 、，,；;/ and whitespace; end marks dropped.
pub fn units(value: &str) -> Vec<String> {
    value
        .split([
            '、', '，', ',', '；', ';', '/', '／', ' ', '\u{3000}', '\t', '\n',
        ])
        .map(|u| u.trim().trim_end_matches(['。', '.']).trim())
        .filter(|u| !u.is_empty() && *u != "等")
        .map(|u| u.trim_end_matches('等').to_string())
        .collect()
}

/// The field a table header or a label names.
pub fn label_field(label: &str) -> Option<Field> {
    let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    LABELS.iter().find(|(w, _)| *w == l).map(|(_, f)| *f)
}

/// A label at the start of `s` followed by `：` or `:`; returns the field and the text after.
fn label_at(s: &str) -> Option<(Field, &str)> {
    LABELS.iter().find_map(|(w, f)| {
        let rest = s.strip_prefix(w)?.trim_start();
        let rest = rest.strip_prefix(['：', ':'])?;
        Some((*f, rest))
    })
}

/// A field line: one or more `label：value` pairs (`牵头单位：A  配合单位：B；完成时限：年底`).
/// `None` when the line does not start with a label.
pub fn field_line(line: &str) -> Option<Vec<(Field, String)>> {
    let line = line.trim().trim_start_matches(['【', '[', '（', '(']);
    let (first, mut rest) = label_at(line)?;
    let mut out = Vec::new();
    let mut field = first;
    loop {
        // The next label starts after a separator (space, ；, ，) at the earliest.
        let next = rest.char_indices().find_map(|(i, c)| {
            let sep = matches!(c, ' ' | '\u{3000}' | '；' | ';' | '，' | ',' | '\t');
            if !sep {
                return None;
            }
            let after = rest[i + c.len_utf8()..].trim_start();
            label_at(after).map(|(f, v)| (i, f, v))
        });
        match next {
            Some((i, f, v)) => {
                out.push((field, clean_value(&rest[..i])));
                field = f;
                rest = v;
            }
            None => {
                out.push((field, clean_value(rest)));
                return Some(out);
            }
        }
    }
}

fn clean_value(v: &str) -> String {
    v.trim()
        .trim_end_matches(['】', ']', '）', ')', '。', '；', ';', '，', ','])
        .trim()
        .to_string()
}

/// Remove inline field groups (`[牵头单位:A;责任单位:B]`, `（牵头：A；配合：B）`) from a text.
pub fn strip_inline(text: &str) -> (String, Vec<(Field, String)>) {
    let mut out = String::new();
    let mut fields = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['[', '【', '（', '(']) {
        let opener = rest[open..].chars().next().unwrap_or('(');
        let closer = match opener {
            '[' => ']',
            '【' => '】',
            '（' => '）',
            _ => ')',
        };
        let inner_start = open + opener.len_utf8();
        let Some(close) = rest[inner_start..].find([closer, '）', ')', ']', '】']) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        let close_len = rest[inner_start + close..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        match field_line(inner) {
            Some(found) => {
                out.push_str(rest[..open].trim_end());
                fields.extend(found);
            }
            None => out.push_str(&rest[..inner_start + close + close_len]),
        }
        rest = &rest[inner_start + close + close_len..];
    }
    out.push_str(rest);
    (out, fields)
}

/// A deadline as lists write it: the forms `keywork due` accepts, `2024年6月底`, `6月底前`,
/// `9月30日前`, `2024年底`, `全年`; several dates (`3月底前启动，12月底前完成`) give the
/// latest. `Ok(None)` for ongoing work (`长期`, `持续推进`, `常态化`).
pub fn deadline(text: &str, year: i32) -> Result<Option<NaiveDate>, String> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let ongoing = ["长期", "持续", "常态", "每年", "逐年", "按年度"];
    if ongoing.iter().any(|w| t.starts_with(w)) {
        return Ok(None);
    }
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31);
    let mut found: Vec<NaiveDate> = Vec::new();
    for piece in t.split(['，', ',', '；', ';', '、', '—', '～', '~']) {
        if let Some(d) = one_deadline(piece, year) {
            found.push(d);
        }
    }
    if found.is_empty() && (t.contains("全年") || t.contains("年底") || t.contains("年内")) {
        return Ok(year_end);
    }
    found
        .into_iter()
        .max()
        .map(Some)
        .ok_or_else(|| text.trim().to_string())
}

fn one_deadline(piece: &str, year: i32) -> Option<NaiveDate> {
    let mut p = piece;
    for suffix in ["完成", "启动", "前", "之前", "以前", "底", "末"] {
        p = p.strip_suffix(suffix).unwrap_or(p);
    }
    for suffix in ["之前", "以前", "前"] {
        p = p.strip_suffix(suffix).unwrap_or(p);
    }
    let end_word = piece.contains('底') || piece.contains('末');
    if let Ok(d) = parse_deadline(p, year) {
        return Some(d);
    }
    if ["全年", "年底", "年内", "年末"].contains(&p) || p == "年" {
        return NaiveDate::from_ymd_opt(year, 12, 31);
    }
    // 2024年6月30日, 2024年6月, 2024年, 6月30日, 6月, 2024.6
    let (y, rest) = match p.split_once('年') {
        Some((y, rest)) if y.len() == 4 => (y.parse().ok()?, rest),
        Some(_) => return None,
        None => (year, p),
    };
    if rest.is_empty() || rest == "底" || rest == "末" || rest == "内" {
        return NaiveDate::from_ymd_opt(y, 12, 31);
    }
    if let Some(q) = rest.strip_suffix("季度") {
        return parse_deadline(&format!("{q}季度"), y).ok();
    }
    let (m, d) = match rest.split_once('月') {
        Some((m, d)) => (m, d.trim_end_matches(['日', '号'])),
        None => return None,
    };
    let m: u32 = m.parse().ok()?;
    if !d.is_empty() && d != "底" && d != "末" && d != "中旬" && d != "上旬" && d != "下旬"
    {
        return NaiveDate::from_ymd_opt(y, m, d.parse().ok()?);
    }
    let _ = end_word;
    month_end(y, m)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn deadlines_as_lists_write_them() {
        for (text, want) in [
            ("2024年6月底", d(2024, 6, 30)),
            ("6月底前", d(2024, 6, 30)),
            ("年底前", d(2024, 12, 31)),
            ("全年", d(2024, 12, 31)),
            ("9月30日前", d(2024, 9, 30)),
            ("2024年12月", d(2024, 12, 31)),
            ("2月底", d(2024, 2, 29)),
            ("2024-10-31", d(2024, 10, 31)),
            ("三季度", d(2024, 9, 30)),
            ("上半年", d(2024, 6, 30)),
            ("3月底前启动，11月底前完成", d(2024, 11, 30)),
            ("2025年底", d(2025, 12, 31)),
            ("长期", None),
            ("持续推进", None),
        ] {
            assert_eq!(deadline(text, 2024), Ok(want), "{text}");
        }
        assert_eq!(deadline("视情况而定", 2024), Err("视情况而定".to_string()));
    }

    #[test]
    fn field_lines_with_several_fields() {
        let f =
            field_line("牵头单位：区发展改革委  配合单位：区财政局、区规划资源局；完成时限：6月底")
                .expect("a field line");
        assert_eq!(
            f,
            vec![
                (Field::Lead, "区发展改革委".to_string()),
                (Field::Partner, "区财政局、区规划资源局".to_string()),
                (Field::Deadline, "6月底".to_string()),
            ]
        );
        assert_eq!(field_line("牵头推进城市更新"), None);
    }

    #[test]
    fn inline_fields_leave_the_text() {
        let (text, f) = strip_inline("新建养老床位300张（牵头：区民政局；配合：各街道）。");
        assert_eq!(text, "新建养老床位300张。");
        assert_eq!(f.len(), 2);
        let (text, f) = strip_inline("推进“一网通办”(2024年版)[牵头单位:区数据局;责任单位:各街道]");
        assert_eq!(text, "推进“一网通办”(2024年版)");
        assert_eq!(f[1], (Field::Responsible, "各街道".to_string()));
    }

    #[test]
    fn responsible_units_lead_first_and_lead_marks_win() {
        let mut o = Owners::default();
        o.add(Field::Responsible, "区民政局、区卫生健康委、各街道");
        o.settle();
        assert_eq!(o.lead, vec!["区民政局"]);
        assert_eq!(o.partners, vec!["区卫生健康委", "各街道"]);
        let mut o = Owners::default();
        o.add(Field::Responsible, "区财政局，区发展改革委（牵头）");
        o.settle();
        assert_eq!(
            (o.lead.as_slice(), o.partners.as_slice()),
            (
                &["区发展改革委".to_string()][..],
                &["区财政局".to_string()][..]
            )
        );
        let mut o = Owners::default();
        o.add(Field::Lead, "区教育局");
        o.add(Field::Responsible, "区教育局、区体育局");
        o.settle();
        assert_eq!(o.partners, vec!["区体育局"]);
    }
}
