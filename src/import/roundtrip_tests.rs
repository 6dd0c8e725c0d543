//! Property: a list written from a random board in any of the layouts imports back to that
//! board (groups, titles, measures, lead and partner units, leader, deadlines).

use super::office_fixtures::{docx_table, xlsx};
use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

const TITLES: &[&str] = &[
    "推进城市更新行动",
    "建设口袋公园8座",
    "优化营商环境",
    "新建养老床位300张",
    "加强社区治理",
    "提升公共服务水平",
    "改造老旧小区20个",
    "推广新能源公交车",
];
const MEASURES: &[&str] = &[
    "完成旧住房改造",
    "新增停车泊位500个",
    "开展消防安全检查",
    "建成社区食堂3家",
    "培训社区工作者200人次",
    "完善议事协商机制",
];
const UNITS: &[&str] = &["区发展改革委", "区财政局", "区教育局", "各街道", "区民政局"];
const LEADERS: &[&str] = &["王晓东", "李红梅"];
const GROUPS: &[&str] = &["稳增长", "惠民生", "强治理"];

#[derive(Debug, Clone)]
struct T {
    group: usize,
    title: &'static str,
    measures: Vec<&'static str>,
    lead: Option<&'static str>,
    partners: Vec<&'static str>,
    leader: Option<&'static str>,
    month: Option<u32>,
}

fn task() -> impl Strategy<Value = T> {
    (
        0..GROUPS.len(),
        prop::sample::select(TITLES),
        prop::collection::vec(prop::sample::select(MEASURES), 0..4),
        prop::option::of(0..UNITS.len()),
        prop::option::of(prop::sample::select(LEADERS)),
        prop::option::of(1u32..=12),
    )
        .prop_map(|(group, title, measures, lead, leader, month)| {
            let lead = lead.map(|i| UNITS[i]);
            // Partners only with a lead, never the lead itself.
            let partners = lead
                .map(|l| UNITS.iter().copied().filter(|u| *u != l).take(2).collect())
                .unwrap_or_default();
            T {
                group,
                title,
                measures,
                lead,
                partners,
                leader,
                month,
            }
        })
}

/// Tasks in group order (groups are contiguous, as in a published list).
fn board() -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(task(), 1..8).prop_map(|mut v| {
        v.sort_by_key(|t| t.group);
        v
    })
}

fn deadline_text(m: u32) -> String {
    format!("2024年{m}月底")
}

fn field_lines(t: &T) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(l) = t.lead {
        out.push(format!("牵头单位：{l}"));
        out.push(format!("配合单位：{}", t.partners.join("、")));
    }
    if let Some(l) = t.leader {
        out.push(format!("责任领导：{l}"));
    }
    if let Some(m) = t.month {
        out.push(format!("完成时限：{}", deadline_text(m)));
    }
    out
}

/// `N.title。m1。m2。` then field lines.
fn sentences(tasks: &[T]) -> String {
    let mut s = String::from("2024年某区重点工作任务\n");
    for (i, t) in tasks.iter().enumerate() {
        let ms: String = t.measures.iter().map(|m| format!("{m}。")).collect();
        s += &format!("{}.{}。{ms}\n", i + 1, t.title);
        for f in field_lines(t) {
            s += &format!("{f}\n");
        }
    }
    s
}

/// Number alone, title on the next line, one measure per line, fields.
fn alone(tasks: &[T]) -> String {
    let mut s = String::from("2024年某区重点工作任务\n");
    for (i, t) in tasks.iter().enumerate() {
        s += &format!("{:02}\n{}\n", i + 1, t.title);
        for m in &t.measures {
            s += &format!("{m}\n");
        }
        for f in field_lines(t) {
            s += &format!("{f}\n");
        }
    }
    s
}

/// 一、group > N. task, fields > （k）measure.
fn nested(tasks: &[T]) -> String {
    let cn = ["一", "二", "三"];
    let mut s = String::from("2024年某区重点工作任务\n");
    let mut group = None;
    let mut g = 0;
    for (i, t) in tasks.iter().enumerate() {
        if group != Some(t.group) {
            s += &format!("{}、{}\n", cn[g], GROUPS[t.group]);
            g += 1;
            group = Some(t.group);
        }
        s += &format!("{}.{}\n", i + 1, t.title);
        for f in field_lines(t) {
            s += &format!("{f}\n");
        }
        for (k, m) in t.measures.iter().enumerate() {
            s += &format!("（{}）{m}\n", k + 1);
        }
    }
    s
}

/// `01 title；m1；m2 [牵头单位:…;配合单位:…;完成时限:…]`.
fn spaced(tasks: &[T]) -> String {
    let mut s = String::from("2024年某区重点工作任务\n");
    for (i, t) in tasks.iter().enumerate() {
        let mut parts = vec![t.title.to_string()];
        parts.extend(t.measures.iter().map(|m| m.to_string()));
        let fields: Vec<String> = field_lines(t)
            .iter()
            .map(|f| f.replace('：', ":"))
            .collect();
        let tail = if fields.is_empty() {
            String::new()
        } else {
            format!(" [{}]", fields.join(";"))
        };
        s += &format!("{:02} {}{tail}\n", i + 1, parts.join("；"));
    }
    s
}

const HEADER: [&str; 7] = [
    "序号",
    "重点工作",
    "具体内容",
    "责任领导",
    "牵头单位",
    "配合单位",
    "完成时限",
];

fn row(i: usize, t: &T) -> Vec<String> {
    vec![
        (i + 1).to_string(),
        t.title.to_string(),
        t.measures.join("\n"),
        t.leader.unwrap_or_default().to_string(),
        t.lead.unwrap_or_default().to_string(),
        t.partners.join("、"),
        t.month.map(deadline_text).unwrap_or_default(),
    ]
}

fn pipes(tasks: &[T]) -> String {
    let mut s = String::from("2024年某区重点工作任务\n");
    s += &format!("| {} |\n", HEADER.join(" | "));
    for (i, t) in tasks.iter().enumerate() {
        let mut cells = row(i, t);
        cells[2] = t.measures.join("；");
        s += &format!("| {} |\n", cells.join(" | "));
    }
    s
}

fn office(tasks: &[T], word: bool) -> Vec<u8> {
    let rows: Vec<Vec<String>> = tasks.iter().enumerate().map(|(i, t)| row(i, t)).collect();
    let cells: Vec<Vec<Option<&str>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| Some(c.as_str())).collect())
        .collect();
    if word {
        docx_table(&["2024年某区重点工作任务"], &HEADER, &cells)
    } else {
        xlsx("2024年某区重点工作任务", &HEADER, &cells)
    }
}

fn check(tasks: &[T], list: &ParsedList, with_groups: bool) -> Result<(), TestCaseError> {
    prop_assert_eq!(list.tasks.len(), tasks.len());
    for (i, (want, got)) in tasks.iter().zip(&list.tasks).enumerate() {
        prop_assert_eq!(got.number as usize, i + 1);
        prop_assert_eq!(&got.title, want.title);
        let measures: Vec<String> = got
            .measures
            .iter()
            .map(|m| strip_end_mark(&m.text))
            .collect();
        prop_assert_eq!(&measures, &want.measures);
        let o = &got.owners;
        prop_assert_eq!(
            o.lead.clone(),
            want.lead.map(String::from).into_iter().collect::<Vec<_>>()
        );
        let partners: Vec<String> = want.partners.iter().map(|p| p.to_string()).collect();
        prop_assert_eq!(&o.partners, &partners);
        prop_assert_eq!(
            o.leader.clone(),
            want.leader
                .map(String::from)
                .into_iter()
                .collect::<Vec<_>>()
        );
        let due = want.month.map(|m| {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(2025, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(2024, m + 1, 1)
            };
            next.and_then(|d| d.pred_opt()).expect("a month end")
        });
        prop_assert_eq!(o.deadline, due);
        for m in &got.measures {
            prop_assert!(m.owners.lead.is_empty() && m.owners.deadline.is_none());
        }
        if with_groups {
            let cn = ["一", "二", "三"];
            let g = tasks[..=i]
                .iter()
                .map(|t| t.group)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                - 1;
            prop_assert_eq!(
                got.group.clone(),
                vec![format!("{}、{}", cn[g], GROUPS[want.group])]
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn any_layout_imports_back_to_its_board(tasks in board()) {
        let opts = Options { level: None, year: Some(2024) };
        for (name, text) in [
            ("sentences", sentences(&tasks)),
            ("alone", alone(&tasks)),
            ("spaced", spaced(&tasks)),
            ("pipes", pipes(&tasks)),
        ] {
            let list = parse_str_with(&text, &opts)
                .map_err(|e| TestCaseError::fail(format!("{name}: {e:?}\n{text}")))?;
            check(&tasks, &list, false).map_err(|e| TestCaseError::fail(format!("{name}: {e}\n{text}")))?;
        }
        let text = nested(&tasks);
        let list = parse_str_with(&text, &opts)
            .map_err(|e| TestCaseError::fail(format!("nested: {e:?}\n{text}")))?;
        check(&tasks, &list, true).map_err(|e| TestCaseError::fail(format!("nested: {e}\n{text}")))?;
        for (name, bytes) in [("list.xlsx", office(&tasks, false)), ("list.docx", office(&tasks, true))] {
            let list = parse_file(name, &bytes, &opts)
                .map_err(|e| TestCaseError::fail(format!("{name}: {e:?}")))?;
            check(&tasks, &list, false).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        }
    }
}
