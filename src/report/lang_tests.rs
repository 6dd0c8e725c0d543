//! One language in every document. The board is the seed's with every text in ASCII and a
//! period full of changes (statuses, notes with references, a target, a deadline, an item closed
//! without evidence, a review with conclusion, next step and coordination), so that with
//! `lang = "en"` the weekly report and the ledger hold no Chinese character at all, and with
//! `lang = "zh"` their headings are the catalogue's Chinese ones.

use super::ledger::{self, Level};
use super::ledger_xlsx;
use super::weekly::{Options, Period, weekly};
use crate::config::Lang;
use crate::model::review::{Review, ReviewChange, ReviewScope};
use crate::model::{Board, ItemRef, Stamp, default_statuses};
use crate::strings::report as s;
use chrono::{DateTime, FixedOffset};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn r(s: &str) -> ItemRef {
    s.parse().expect("a test ref")
}

fn by(author: &str, t: &str) -> Stamp {
    Stamp {
        author: author.into(),
        at: at(t),
    }
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Every text of a board replaced by ASCII: titles, texts, units, sections, targets, authors.
pub(crate) fn in_ascii(b: &mut Board) {
    b.meta.title = "Test board".into();
    b.meta.source = "test".into();
    b.meta.issuer = None;
    b.meta.doc_number = None;
    b.meta.description = None;
    for t in &mut b.tasks {
        t.title = format!("Task {}", t.number);
        t.text = format!("The text of task {}.", t.number);
        t.lead = vec!["Housing Office".into()];
        t.partners = vec!["Finance Bureau".into()];
        t.leader = Vec::new();
        t.group = vec!["Section A".into()];
        for m in &mut t.measures {
            m.text = format!("Measure {}", m.id);
            m.leader = Vec::new();
        }
        for x in &mut t.targets {
            x.label = "lifts".into();
            x.phrase = "200 lifts".into();
            x.unit = " units".into();
            x.qualifier = None;
        }
        for e in &mut t.history {
            e.author = "importer".into();
        }
    }
}

/// The ASCII board after a week of changes, the period, and its review.
fn board() -> (Board, Period, Review) {
    let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
    in_ascii(&mut b);
    b.tasks[14].lead = vec!["Housing Office".into(), "Planning Bureau".into()];
    let t = "2023-10-09T10:00:00+08:00";
    b.set_status(r("15"), "doing", &by("li", t)).unwrap();
    b.set_status(r("15.2"), "done", &by("li", t)).unwrap();
    b.add_note(
        r("15.2"),
        "Signed\nSecond line",
        Some("Doc 12"),
        &by("wang", t),
    )
    .unwrap();
    b.add_note(r("15"), "Meeting held", None, &by("wang", t))
        .unwrap();
    b.set_target(15, "15.4", Some(120.0), &by("wang", t))
        .unwrap();
    b.set_deadline(r("15"), "2023-10-31".parse().ok(), &by("li", t))
        .unwrap();
    b.set_deadline(r("20"), "2023-10-01".parse().ok(), &by("li", t))
        .unwrap();
    b.set_status(r("7"), "done", &by("zhao", t)).unwrap();
    b.record_closing_reason(r("7"), "merged into task 6", &by("zhao", t))
        .unwrap();
    b.set_status(r("15.3"), "done", &by("zhao", t)).unwrap();
    b.record_closing_reason(r("15.3"), "done by the city", &by("zhao", t))
        .unwrap();
    let summaries: Vec<_> = b.tasks.iter().map(|t| t.summary()).collect();
    let mut review = Review::new(
        "2023-10-12".parse().unwrap(),
        ReviewScope::All,
        None,
        &b.meta,
        &summaries,
        at("2023-10-12T09:00:00+08:00"),
        "li",
    );
    let st = by("li", "2023-10-12T10:00:00+08:00");
    for c in [
        ReviewChange::Conclusion {
            task: 15,
            text: "On track".into(),
        },
        ReviewChange::NextStep {
            task: 15,
            text: "Sign the rest".into(),
            owner: "Housing Office".into(),
            due: "2023-10-31".parse().ok(),
        },
        ReviewChange::Coordination {
            task: 20,
            text: Some("Land use".into()),
            owner: "Planning Bureau".into(),
            due: "2023-11-15".parse().ok(),
        },
        ReviewChange::Reviewed {
            task: 15,
            reviewed: true,
        },
    ] {
        c.apply(&mut review, &st).unwrap();
    }
    let period = Period::after(
        Some(at("2023-10-05T11:30:00+08:00")),
        at("2023-10-12T12:00:00+08:00"),
    );
    (b, period, review)
}

fn opts(lang: Lang) -> Options {
    Options::new(lang, FixedOffset::east_opt(8 * 3600))
}

fn chinese_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.chars().any(is_chinese)).collect()
}

#[test]
fn the_english_weekly_report_has_no_chinese_character() {
    let (b, period, review) = board();
    for review in [Some(&review), None] {
        let md = weekly(&b, review, &period, &opts(Lang::En));
        // The period's changes are all there, so every part of the report was written.
        for part in [
            "## Summary",
            "## Progress this period",
            "## Other tasks",
            "## Needs coordination",
        ] {
            assert!(md.contains(part), "{part}:\n{md}");
        }
        assert!(md.contains("closed without evidence"), "{md}");
        assert!(chinese_lines(&md).is_empty(), "{:?}", chinese_lines(&md));
    }
}

#[test]
fn the_chinese_weekly_report_has_chinese_headings() {
    let (b, period, review) = board();
    let md = weekly(&b, Some(&review), &period, &opts(Lang::Zh));
    for heading in [
        s::summary_heading(Lang::Zh),
        s::progress_heading(Lang::Zh),
        s::other_tasks_heading(Lang::Zh),
        s::coordination_heading(Lang::Zh),
        s::other_tasks_header(Lang::Zh),
    ] {
        assert!(md.contains(heading), "{heading}:\n{md}");
    }
    // Every section heading and label line is Chinese (board data here is ASCII).
    for line in md
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("- "))
    {
        assert!(line.chars().any(is_chinese), "{line}");
    }
    assert!(!md.contains("Summary") && !md.contains("Progress"), "{md}");
}

#[test]
fn the_english_ledger_has_no_chinese_character() {
    let (b, period, _) = board();
    for level in [Level::Task, Level::Measure] {
        let headers = ledger::headers(Lang::En);
        let rows = ledger::rows(&b, level, Lang::En, None, "%Y-%m-%d", Some(&period));
        assert!(
            rows.iter()
                .flatten()
                .any(|c| c.contains("closed without evidence")),
            "the closing reason is written"
        );
        for cell in headers
            .iter()
            .copied()
            .chain(rows.iter().flatten().map(String::as_str))
        {
            assert!(!cell.chars().any(is_chinese), "{cell}");
        }
        assert!(!ledger::sheet_name(Lang::En).chars().any(is_chinese));
        let layout = ledger_xlsx::Layout {
            board: &b,
            level,
            lang: Lang::En,
            offset: None,
            today: "2023-10-12".parse().unwrap(),
            thresholds: Default::default(),
        };
        let title = ledger_xlsx::title(&layout);
        assert!(!title.chars().any(is_chinese), "{title}");
        for h in s::ledger_extra_headers(Lang::En) {
            assert!(!h.chars().any(is_chinese), "{h}");
        }
        ledger_xlsx::to_xlsx(&headers, &rows, &layout).expect("an English workbook");
    }
}

#[test]
fn the_chinese_ledger_has_chinese_headers_and_cells() {
    let (b, period, _) = board();
    let headers = ledger::headers(Lang::Zh);
    assert!(
        headers.iter().all(|h| h.chars().all(is_chinese)),
        "{headers:?}"
    );
    let rows = ledger::rows(&b, Level::Task, Lang::Zh, None, "%Y-%m-%d", Some(&period));
    let seven = &rows[6];
    assert!(
        seven[6].chars().all(is_chinese),
        "a status name: {}",
        seven[6]
    );
    assert!(seven[7].contains("无佐证销号"), "{}", seven[7]);
    assert_eq!(seven[8], s::ledger_no_evidence(Lang::Zh));
    assert_eq!(ledger::sheet_name(Lang::Zh), "台账");
}
