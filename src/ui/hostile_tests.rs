//! Every screen drawn from a board whose every text field (and the config's units) holds
//! terminal escapes, C1 controls, bidi overrides and invisible characters: no cell of any frame
//! holds one of them.

use super::tests::{board, draw, now, screens_with};
use crate::app::App;
use crate::config::Config;
use crate::model::Board;
use crate::model::review::ReviewChange;

const PAYLOAD: &str = "\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]8;;http://evil.example/\u{1b}\\L\
                       \u{9b}2J\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}\u{feff}\u{200b}\
                       \u{7}\u{8}\r\u{7f}\u{85}";

fn evil(s: &mut String) {
    s.push_str(PAYLOAD);
}

fn evil_all(v: &mut [String]) {
    v.iter_mut().for_each(evil);
}

/// The test board with the payload appended to every text field.
fn hostile_board() -> Board {
    let mut b = board();
    evil(&mut b.meta.title);
    for s in &mut b.meta.statuses {
        evil(&mut s.name);
        evil(&mut s.name_en);
    }
    for t in &mut b.tasks {
        evil(&mut t.title);
        evil(&mut t.text);
        t.lead.push("区旧改办".into());
        evil_all(&mut t.lead);
        t.partners.push("区房管局".into());
        evil_all(&mut t.partners);
        for m in &mut t.measures {
            evil(&mut m.text);
            m.lead.push("街道".into());
            evil_all(&mut m.lead);
            evil_all(&mut m.partners);
        }
        for x in &mut t.targets {
            evil(&mut x.label);
            evil(&mut x.phrase);
            evil(&mut x.unit);
            x.qualifier.get_or_insert_default().push_str(PAYLOAD);
            x.updated_by.get_or_insert_default().push_str(PAYLOAD);
        }
        for n in &mut t.notes {
            evil(&mut n.author);
            evil(&mut n.text);
            n.reference.get_or_insert_default().push_str(PAYLOAD);
        }
        for e in &mut t.history {
            evil(&mut e.author);
            e.from.get_or_insert_default().push_str(PAYLOAD);
            e.to.get_or_insert_default().push_str(PAYLOAD);
            e.note.get_or_insert_default().push_str(PAYLOAD);
        }
    }
    b
}

fn hostile_app(w: u16, h: u16) -> App {
    let mut config = Config::defaults();
    config.units = vec![format!("区旧改办{PAYLOAD}"), format!("区{PAYLOAD}")];
    let mut app = App::new(hostile_board(), &config, now());
    app.display.offset = chrono::FixedOffset::east_opt(8 * 3600);
    app.handle(crate::app::Msg::Resize(w, h));
    app
}

/// A character no cell may hold (written out here, not taken from `crate::sanitize`).
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'
            | '\u{61c}' | '\u{feff}')
}

#[test]
fn no_cell_of_any_screen_holds_a_hostile_character() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut screens = screens_with(&|| hostile_app(w, h));
        // The review screen with hostile conclusion, next step, owner and coordination.
        let (_, review) = screens.iter_mut().find(|(n, _)| *n == "review").unwrap();
        let mut r = review.review.clone().unwrap();
        let st = crate::model::Stamp {
            author: format!("李明{PAYLOAD}"),
            at: now(),
        };
        for c in [
            ReviewChange::Conclusion {
                task: 15,
                text: format!("结论{PAYLOAD}"),
            },
            ReviewChange::NextStep {
                task: 15,
                text: format!("下一步{PAYLOAD}"),
                owner: format!("区旧改办{PAYLOAD}"),
                due: None,
            },
            ReviewChange::Coordination {
                task: 15,
                text: Some(format!("协调{PAYLOAD}")),
                owner: format!("区规划资源局{PAYLOAD}"),
                due: None,
            },
        ] {
            c.apply(&mut r, &st).unwrap();
        }
        review.handle(crate::app::Msg::ReviewSaved {
            change: None,
            result: Ok(r),
        });
        let mut shown = 0;
        for (name, app) in &screens {
            let t = draw(app);
            let buf = t.backend().buffer();
            let bad: Vec<String> = buf
                .content
                .iter()
                .filter(|c| c.symbol().chars().any(forbidden))
                .map(|c| format!("{:?}", c.symbol()))
                .collect();
            assert!(bad.is_empty(), "{w}x{h} {name}: {bad:?}");
            let text: String = buf.content.iter().map(|c| c.symbol()).collect();
            shown += usize::from(text.contains("^[[2J"));
        }
        assert!(
            shown >= 8,
            "the payload is shown visibly on most screens ({shown})"
        );
    }
}
