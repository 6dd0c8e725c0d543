//! The ledger's follow-through rows (台账), after the items: each meeting's 办结率, every
//! decision with its state and age, and every extended item with its original date, how many
//! times and by how much. Twelve cells a row, like the ledger's own rows; text only.

use super::follow::{View, extension_facts, rates_by_meeting};
use crate::model::Board;
use crate::model::decision::{DecisionState, Follow};
use crate::strings::follow as s;

const COLUMNS: usize = 12;

fn row(cells: &[String]) -> Vec<String> {
    let mut r: Vec<String> = cells.iter().map(|c| crate::text::sanitize(c)).collect();
    r.resize(COLUMNS, String::new());
    r
}

fn title(board: &Board, task: u32) -> String {
    board
        .task(task)
        .map(|t| t.title.clone())
        .unwrap_or_default()
}

/// The rows to append (none when nothing is followed up on the ledger's tasks).
pub fn rows(board: &Board, follows: &[Follow], v: &View) -> Vec<Vec<String>> {
    let follows: Vec<&Follow> = follows
        .iter()
        .filter(|f| board.task(f.task).is_some())
        .collect();
    let mut out = Vec::new();
    let decisions: Vec<(&Follow, &crate::model::decision::Decision)> = follows
        .iter()
        .flat_map(|f| f.decisions.iter().map(move |d| (*f, d)))
        .collect();
    if !decisions.is_empty() {
        out.push(row(&[]));
        out.push(row(&[
            String::new(),
            s::report_decisions(v.lang).to_string(),
        ]));
        for (name, r) in rates_by_meeting(&decisions, v) {
            let pct = r.percent().map_or("—".to_string(), |p| format!("{p:.0}%"));
            out.push(row(&[
                String::new(),
                name,
                s::ledger_rate(
                    v.lang,
                    r.made,
                    r.done,
                    &s::ledger_rate_rest(v.lang, r.on_time, r.late, r.dropped, r.open),
                    &pct,
                ),
            ]));
        }
        for (f, d) in &decisions {
            let mut state = s::state(v.lang, d.state).to_string();
            if d.state == DecisionState::Open {
                let age = match d.due.filter(|_| d.overdue(v.today)) {
                    Some(due) => s::overdue_days(v.lang, (v.today - due).num_days()),
                    None => s::age_days(v.lang, d.age(v.today)),
                };
                state = s::paren(v.lang, &state, &age);
            }
            let meeting = d
                .meeting
                .map_or(s::outside_meeting(v.lang).to_string(), |m| {
                    s::meeting_on(v.lang, &v.day(m))
                });
            let mut progress = vec![meeting];
            progress.extend(super::follow::extended(f, &d.id, v));
            progress.extend(super::follow::urged(f, &d.id, v));
            if !d.note.is_empty() {
                progress.push(d.note.clone());
            }
            let (at, by) = match d.closed {
                Some(at) => (at, d.closed_by.clone()),
                None => (d.made, d.made_by.clone()),
            };
            out.push(row(&[
                d.id.clone(),
                title(board, f.task),
                s::labelled(v.lang, &d.on, &d.text),
                d.unit.clone(),
                String::new(),
                d.due.map(|d| v.day(d)).unwrap_or_default(),
                state,
                progress.join("；"), // data: the ledger's list separator
                d.evidence.clone(),
                String::new(),
                at.format("%Y-%m-%d %H:%M").to_string(),
                by,
            ]));
        }
    }
    let mut extended = Vec::new();
    for f in &follows {
        let mut ons: Vec<&str> = f.extensions.iter().map(|e| e.on.as_str()).collect();
        ons.sort_unstable();
        ons.dedup();
        for on in ons {
            if let (Some((n, days, first, now)), Some(last)) =
                (extension_facts(f, on), f.extensions_of(on).last())
            {
                let first = first.map_or("—".to_string(), |d| v.day(d));
                let by = if last.approved_by.is_empty() {
                    "—"
                } else {
                    &last.approved_by
                };
                extended.push(row(&[
                    on.to_string(),
                    title(board, f.task),
                    s::extension_line(v.lang, on, &first, &v.day(now), n, days),
                    String::new(),
                    String::new(),
                    v.day(now),
                    String::new(),
                    s::extension_why(v.lang, &last.reason, by),
                    String::new(),
                    String::new(),
                    last.at.format("%Y-%m-%d %H:%M").to_string(),
                    last.by.clone(),
                ]));
            }
        }
    }
    if !extended.is_empty() {
        out.push(row(&[]));
        out.push(row(&[
            String::new(),
            s::report_extensions(v.lang).to_string(),
        ]));
        out.extend(extended);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;
    use crate::model::Stamp;
    use crate::model::decision::{FollowRef, NewDecision};
    use chrono::{FixedOffset, NaiveDate, TimeZone};

    #[test]
    fn the_ledger_gives_the_meetings_rate_each_decision_and_each_extension() {
        let at = FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2023, 10, 5, 10, 0, 0)
            .unwrap();
        let stamp = Stamp {
            author: "督查室".into(),
            at,
        };
        let board = crate::seed::board(crate::model::default_statuses(), at);
        let day = |m, d| NaiveDate::from_ymd_opt(2023, m, d).unwrap();
        let mut f = Follow::new(15);
        for text in ["一", "二"] {
            f.decide(
                NewDecision {
                    on: "15.2".parse().unwrap(),
                    text: text.into(),
                    unit: "区旧改办".into(),
                    due: Some(day(10, 12)),
                    meeting: Some(day(10, 5)),
                    source: None,
                },
                &stamp,
            )
            .unwrap();
        }
        f.close("D15-1", DecisionState::Done, "", "台账", &stamp)
            .unwrap();
        let on = FollowRef::parse("15.2").unwrap();
        f.extend(
            &on,
            Some(day(10, 31)),
            day(11, 30),
            "理由",
            "王区长",
            &stamp,
        )
        .unwrap();
        let v = View {
            lang: Lang::Zh,
            date_format: "%Y-%m-%d",
            today: day(10, 19),
        };
        let all = rows(&board, &[f], &v);
        assert!(all.iter().all(|r| r.len() == COLUMNS));
        let rate = all.iter().find(|r| r[1] == "2023-10-05 例会").unwrap();
        assert!(
            rate[2].contains("议定 2") && rate[2].contains("50%"),
            "{rate:?}"
        );
        let open = all.iter().find(|r| r[0] == "D15-2").unwrap();
        assert_eq!(open[6], "未办结（逾期 7 天）");
        let ext = all.iter().find(|r| r[0] == "15.2").unwrap();
        assert!(ext[2].contains("延期 1 次，共 30 天"), "{ext:?}");
        assert!(ext[7].contains("批准：王区长"), "{ext:?}");
        assert!(rows(&board, &[], &v).is_empty());
    }
}
