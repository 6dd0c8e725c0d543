//! Reading a task file block by block gives what the whole-file parser gives, or is not used.

use super::*;
use crate::model::{Board, EventKind, FileRef, default_statuses};
use chrono::DateTime;

fn seed() -> Board {
    let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    crate::seed::board(default_statuses(), at)
}

/// Task 15 of the seed board with `n` notes and events of every shape keywork writes: on the
/// task and on measures, with a reference, edited, with files, texts over several lines that
/// hold header-like lines, quotes and backslashes.
fn grown(n: usize) -> Task {
    let mut task = seed().task(15).unwrap().clone();
    let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
    for i in 0..n {
        let at = at + chrono::Duration::seconds(i as i64);
        let text = match i % 4 {
            0 => format!("第 {i} 条佐证"),
            1 => format!("完成 {i} 台\n[[notes]]\nid = \"fake\"\n[[history]]"),
            2 => format!("引号 \" 与 ''' 和 \"\"\" 与 \\ 第 {i} 条\n  [x]\n"),
            _ => format!("[[notes.files]]\n第 {i} 条"),
        };
        task.notes.push(Note {
            id: format!("20231005{i:06}-{i:08x}"),
            at,
            author: if i % 3 == 0 { "区建管委" } else { "zhang" }.into(),
            on: (i % 2 == 1).then(|| "15.2".to_string()),
            text,
            reference: (i % 5 == 0).then(|| "沪建〔2023〕1号".to_string()),
            edited: (i % 7 == 0).then_some(at),
            files: if i % 6 == 0 {
                vec![
                    FileRef {
                        sha256: "ab".repeat(32),
                        name: "验收单 [1].pdf".into(),
                        size: 1234,
                    },
                    FileRef {
                        sha256: "cd".repeat(32),
                        name: "照片.jpg".into(),
                        size: 99,
                    },
                ]
            } else {
                Vec::new()
            },
        });
        task.history.push(Event {
            at,
            author: "zhang".into(),
            kind: if i % 2 == 0 {
                EventKind::NoteAdded
            } else {
                EventKind::Status
            },
            on: "15.2".into(),
            from: (i % 2 == 1).then(|| "todo".to_string()),
            to: (i % 2 == 1).then(|| "doing\n[[measures]]".to_string()),
            note: (i % 2 == 0).then(|| format!("20231005{i:06}-{i:08x}")),
        });
    }
    task
}

fn whole(text: &str) -> Result<Task, FileError> {
    tomlfile::parse(Path::new("tasks/15.toml"), text.as_bytes())
}

fn parsed(text: &str) -> Result<Task, FileError> {
    parse(Path::new("tasks/15.toml"), text.as_bytes())
}

/// `text` with its last `[[history]]` header written `header`.
fn last_header(text: &str, header: &str) -> String {
    let at = text.rfind("\n[[history]]\n").unwrap() + 1;
    format!(
        "{}{header}{}",
        &text[..at],
        &text[at + "[[history]]".len()..]
    )
}

/// Both readings agree, error messages included.
fn agree(text: &str) {
    match (parsed(text), whole(text)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("block by block {a:?}\nwhole {b:?}"),
    }
}

#[test]
fn a_task_keywork_wrote_is_read_block_by_block_and_reads_the_same() {
    let task = grown(60);
    let text = super::super::task_toml(&task);
    assert!(
        text.contains("[[notes.files]]"),
        "the files' tables are tested"
    );
    let read = by_blocks::<Task>(&text).expect("read block by block");
    assert_eq!(read, task);
    assert_eq!(read, whole(&text).unwrap());
    // No slack: the arrays hold exactly the notes and events.
    assert_eq!(read.notes.capacity(), read.notes.len());
    assert_eq!(read.history.capacity(), read.history.len());
}

#[test]
fn crlf_comments_a_byte_order_mark_and_interleaved_tables_read_the_same() {
    let task = grown(8);
    // Each note followed by its event (the arrays keep each one's order), a comment after
    // every note's header.
    #[derive(serde::Serialize)]
    struct One<'a> {
        notes: &'a [Note],
        history: &'a [Event],
    }
    let mut bare = task.clone();
    bare.notes.clear();
    bare.history.clear();
    // (An empty array is written `notes = []`, which tables cannot extend.)
    let mut mixed = super::super::task_toml(&bare)
        .replace("\nnotes = []\n", "\n")
        .replace("\nhistory = []\n", "\n");
    for i in 0..8 {
        let one = One {
            notes: &task.notes[i..=i],
            history: &task.history[i..=i],
        };
        let one = toml::to_string(&one).unwrap();
        mixed.push_str(&one.replacen("[[notes]]\n", "[[notes]] # 一条\n", 1));
    }
    let read = by_blocks::<Task>(&mixed).expect("read block by block");
    assert_eq!(read, whole(&mixed).unwrap());
    assert_eq!(read.notes, task.notes);
    assert_eq!(read.history, task.history[..8]);
    let crlf = format!("\u{feff}{}", mixed.replace('\n', "\r\n"));
    let read = by_blocks::<Task>(&crlf).expect("read block by block");
    assert_eq!(read, whole(&crlf).unwrap());
}

#[test]
fn an_array_over_several_lines_in_the_fields_is_not_taken_for_headers() {
    let task = grown(3);
    let text = super::super::task_toml(&task);
    let odd = text.replacen(
        "partners = []",
        "lead = [\n[\"x\"][0],\n]\nextra = [\n[[1]],\n[[2]],\n]",
        1,
    );
    agree(&odd);
    let odd = text.replacen(
        "partners = []",
        "partners = [\n\"区建管委\",\n\"区房管局\",\n]",
        1,
    );
    let read = by_blocks::<Task>(&odd).expect("read block by block");
    assert_eq!(read, whole(&odd).unwrap());
    assert_eq!(read.partners, ["区建管委", "区房管局"]);
}

#[test]
fn files_the_blocks_would_read_differently_go_to_the_whole_file_parser() {
    let task = grown(4);
    let text = super::super::task_toml(&task);
    let at_notes = text.find("\n[[notes]]").unwrap();
    let cases = [
        // A root `notes` array and note tables: the whole parser refuses it.
        text.replacen("number = 15\n", "number = 15\nnotes = []\n", 1),
        text.replacen("number = 15\n", "number = 15\n\"history\" = []\n", 1),
        text.replacen("number = 15\n", "number = 15\nnotes.x = 1\n", 1),
        // A measure after the notes.
        format!("{text}\n[[measures]]\nid = \"15.9\"\ntext = \"x\"\nstatus = \"todo\"\n"),
        // A table the blocks do not know, and quoted or spaced headers.
        format!("{}\n[notes]\n{}", &text[..at_notes], &text[at_notes..]),
        last_header(&text, "[[\"history\"]]"),
        last_header(&text, "[ [history]]"),
        last_header(&text, "[[history]] x = 1"),
        // Files before any note.
        format!(
            "{}\n[[notes.files]]\nsha256 = \"ab\"\nname = \"a\"\nsize = 1\n{}",
            &text[..at_notes],
            &text[at_notes..]
        ),
    ];
    for (i, case) in cases.iter().enumerate() {
        assert!(by_blocks::<Task>(case).is_none(), "case {i}");
        agree(case);
    }
    assert!(whole(&cases[0]).is_err() && parsed(&cases[0]).is_err());
    assert_eq!(
        parsed(&cases[3]).unwrap().measures.len(),
        task.measures.len() + 1
    );
}

#[test]
fn a_broken_note_or_event_is_reported_where_the_whole_file_parser_reports_it() {
    let task = grown(10);
    let text = super::super::task_toml(&task);
    let broken = [
        // A note without its text, an event of an unknown kind, a bad date, a duplicate key.
        text.replacen("text = \"第 4 条佐证\"", "", 1),
        text.replacen("kind = \"status\"", "kind = \"bogus\"", 1),
        text.replacen(
            "at = \"2023-10-05T10:00:03+08:00\"",
            "at = \"yesterday\"",
            1,
        ),
        text.replacen(
            "author = \"zhang\"",
            "author = \"zhang\"\nauthor = \"li\"",
            1,
        ),
        // An unclosed string and an unclosed array run to the end of the file.
        text.replacen("text = \"第 8 条佐证\"", "text = \"第 8 条佐证", 1),
        text.replacen("kind = \"status\"", "kind = [\"status\"", 1),
        // Not UTF-8.
        text.replacen("第 8 条", "\u{fffd}", 1),
    ];
    for case in &broken[..6] {
        assert!(by_blocks::<Task>(case).is_none());
        let e = parsed(case).unwrap_err();
        assert_eq!(e.to_string(), whole(case).unwrap_err().to_string());
        assert!(
            matches!(e, FileError::Parse { line, .. } if line > 1),
            "{e}"
        );
    }
    let mut bytes = broken[6].clone().into_bytes();
    let at = broken[6].find('\u{fffd}').unwrap();
    bytes.splice(at..at + 3, [0xb5, 0xda]);
    let path = Path::new("tasks/15.toml");
    let e = parse::<Task>(path, &bytes).unwrap_err();
    assert_eq!(
        e.to_string(),
        tomlfile::parse::<Task>(path, &bytes)
            .unwrap_err()
            .to_string()
    );
}

#[test]
fn a_task_without_notes_or_events_is_read_whole() {
    let task = seed().task(3).unwrap().clone();
    let mut task = task;
    task.history.clear();
    let text = super::super::task_toml(&task);
    assert!(by_blocks::<Task>(&text).is_none());
    assert_eq!(parsed(&text).unwrap(), task);
}

#[test]
fn a_sealed_chunk_is_read_block_by_block_and_reads_the_same() {
    let task = grown(40);
    let chunk = Chunk {
        schema: 1,
        task: 15,
        notes: task.notes,
        history: task.history,
    };
    let text = super::super::chunk_toml(&chunk);
    let read = by_blocks::<Chunk>(&text).expect("read block by block");
    assert_eq!(read, chunk);
    let path = Path::new("tasks/15/1.toml");
    assert_eq!(
        read,
        tomlfile::parse::<Chunk>(path, text.as_bytes()).unwrap()
    );
    // A root `history` array beside the tables: as the whole-file parser says.
    let odd = text.replacen("task = 15\n", "task = 15\nhistory = []\n", 1);
    assert!(by_blocks::<Chunk>(&odd).is_none());
    assert_eq!(
        parse::<Chunk>(path, odd.as_bytes())
            .unwrap_err()
            .to_string(),
        tomlfile::parse::<Chunk>(path, odd.as_bytes())
            .unwrap_err()
            .to_string()
    );
}
