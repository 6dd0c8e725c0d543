//! Follow-through in the detail screen: decisions as rows of the tree (open ones with their
//! owner unit and date, 逾期 in red once passed; done and dropped ones dimmed), the info pane
//! of a selected decision, and the prompts that close and extend one.

use super::*;
use crate::app::nav::Selected;
use crate::model::ItemRef;
use crate::model::decision::{DecisionState, Follow, NewDecision};

/// Task 15 with three decisions: one open on the task (overdue), one on measure 15.2 (open,
/// due later), one done with evidence.
fn with_decisions(mut a: App) -> App {
    let made = Stamp {
        author: "督查室".into(),
        at: now() - chrono::Duration::days(7),
    };
    let mut f = Follow::new(15);
    let mut decide = |sub: Option<u32>, text: &str, unit: &str, due: &str| {
        f.decide(
            NewDecision {
                on: ItemRef { task: 15, sub },
                text: text.into(),
                unit: unit.into(),
                due: due.parse().ok(),
                meeting: Some(made.at.date_naive()),
                source: None,
            },
            &made,
        )
        .unwrap()
    };
    decide(
        None,
        "月底前完成剩余签约，报区政府",
        "区旧改办",
        "2023-10-05",
    );
    decide(Some(2), "协调加装电梯资金缺口", "区财政局", "2023-10-31");
    let done = decide(None, "召开旧改基地收尾推进会", "区住建局", "2023-10-06");
    f.close(&done, DecisionState::Done, "", "会议纪要〔2023〕5号", &made)
        .unwrap();
    a.set_follows(vec![f]);
    a
}

/// The detail screen of task 15 with the tree open at measure 15.2, `downs` rows down.
fn detail_at(w: u16, h: u16, downs: usize) -> App {
    let mut a = with_decisions(app(w, h));
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    for _ in 0..downs {
        act(&mut a, Action::Down);
    }
    a
}

fn follow_screens(w: u16, h: u16) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    // Down from the task: its note, its two decisions.
    let a = detail_at(w, h, 2);
    assert!(matches!(a.selected_node(), Some(Selected::Decision(_))));
    out.push(("detail_decision", a));
    // Measure 15.2 opened: its decision under it.
    let mut a = detail_at(w, h, 5);
    act(&mut a, Action::Right);
    act(&mut a, Action::Down);
    assert!(
        matches!(a.selected_node(), Some(Selected::Decision(ref id)) if id == "D15-2"),
        "{:?}",
        a.selected_node()
    );
    out.push(("detail_decision_measure", a));
    let mut a = detail_at(w, h, 2);
    act(&mut a, Action::Extend);
    act(&mut a, Action::Yes);
    typ(&mut a, "资金未到位");
    out.push(("decision_extend_reason", a));
    out
}

#[test]
fn decision_snapshots_80x24() {
    for (name, app) in follow_screens(80, 24) {
        insta::assert_snapshot!(format!("{name}_80x24"), draw(&app).backend());
    }
}

#[test]
fn decision_snapshots_120x40() {
    for (name, app) in follow_screens(120, 40) {
        insta::assert_snapshot!(format!("{name}_120x40"), draw(&app).backend());
    }
}

#[test]
fn a_done_decision_is_dimmed_and_an_overdue_one_is_red() {
    let mut a = detail_at(120, 40, 2);
    a.display.color = true;
    a.ui.tree.get_mut().open(vec![
        crate::app::nav::TASK_NODE.to_string(),
        "m:15.2".to_string(),
    ]);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let row_of = |needle: &str| {
        (0..40u16)
            .find(|y| {
                let line: String = (0..120u16).map(|x| buf[(x, *y)].symbol()).collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle} not on screen"))
    };
    let style_at = |needle: &str, y: u16| {
        let x = (0..120u16)
            .find(|x| buf[(*x, y)].symbol() == needle.chars().next().unwrap().to_string())
            .unwrap();
        buf[(x, y)].style()
    };
    let done = row_of("D15-3 [");
    assert!(style_at("召", done).add_modifier.contains(Modifier::DIM));
    let open = row_of("D15-2 [");
    assert!(!style_at("协", open).add_modifier.contains(Modifier::DIM));
    // D15-1 is due 10-05, three days before today: 逾期 in red.
    let late = crate::strings::tui::late(crate::config::Lang::Zh);
    let overdue = row_of("D15-1 [");
    let line: String = (0..120u16).map(|x| buf[(x, overdue)].symbol()).collect();
    assert!(line.replace(' ', "").contains(late), "{line}");
    let red = Some(ratatui::style::Color::Red);
    assert_eq!(style_at(late, overdue).fg, red);
}
