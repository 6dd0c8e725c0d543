use super::*;

#[test]
fn probe_decision() {
    let d = |c| decide(c);
    assert_eq!(
        d(Some(3)),
        Probe {
            wide: false,
            utf8: Some(true)
        },
        "中 2 + “ 1"
    );
    assert_eq!(
        d(Some(4)),
        Probe {
            wide: true,
            utf8: Some(true)
        },
        "中 2 + “ 2"
    );
    for gbk_or_latin1 in [5, 6, 2] {
        assert_eq!(
            d(Some(gbk_or_latin1)),
            Probe {
                wide: true,
                utf8: Some(false)
            }
        );
    }
    assert_eq!(
        d(None),
        Probe {
            wide: true,
            utf8: None
        },
        "no answer: wide, locale decides"
    );
}

#[test]
fn the_probe_text_advances_as_decided_in_a_utf8_terminal() {
    // vt100 decodes UTF-8 and draws ambiguous characters narrow.
    let mut p = vt100::Parser::new(1.try_into().unwrap(), 20.try_into().unwrap(), 0);
    p.process(PROBE.as_bytes());
    assert_eq!(
        decide(Some(p.screen().cursor_position().1)).utf8,
        Some(true)
    );
}

#[test]
fn the_reply_is_found_among_other_bytes_and_split_reads() {
    assert_eq!(parse_reply(b"\x1b[12;4R"), Some(3));
    assert_eq!(
        parse_reply(b"j\x1b[A\x1b[1;5R"),
        Some(4),
        "an arrow key first"
    );
    assert_eq!(parse_reply(b"\x1b[12;4"), None, "not complete yet");
    assert_eq!(parse_reply(b"\x1b[12R"), None, "no column");

    // A fake terminal: the reply comes in three pieces; the clock moves by what is waited.
    let now = std::cell::Cell::new(Instant::now());
    let mut chunks = vec![b"\x1b[".to_vec(), b"1;".to_vec(), b"5R".to_vec()].into_iter();
    let read = |wait: Duration| {
        now.set(now.get() + wait / 10);
        Ok(chunks.next().unwrap_or_default())
    };
    assert_eq!(read_reply(read, || now.get(), REPLY_LIMIT), Some(4));
}

#[test]
fn a_silent_terminal_costs_the_limit_and_no_more() {
    let start = Instant::now();
    let now = std::cell::Cell::new(start);
    let mut reads = 0;
    let read = |wait: Duration| {
        reads += 1;
        // Nothing arrives: the whole wait passes.
        now.set(now.get() + wait);
        Ok(Vec::new())
    };
    assert_eq!(read_reply(read, || now.get(), REPLY_LIMIT), None);
    assert_eq!(now.get() - start, REPLY_LIMIT, "waited exactly the limit");
    assert_eq!(reads, 1);

    // Trickles of other bytes never extend the wait past the limit.
    let now = std::cell::Cell::new(start);
    let read = |_: Duration| {
        now.set(now.get() + Duration::from_millis(7));
        Ok(b"x".to_vec())
    };
    assert_eq!(read_reply(read, || now.get(), REPLY_LIMIT), None);
    assert!(now.get() - start <= REPLY_LIMIT + Duration::from_millis(7));

    // A closed terminal ends the wait at once.
    let read = |_: Duration| Err(io::Error::other("closed"));
    assert_eq!(read_reply(read, Instant::now, REPLY_LIMIT), None);
}

#[test]
fn answers_are_remembered_per_terminal_type() {
    let dir = std::env::temp_dir().join(format!("keywork-probe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let memory = Memory::at(dir.join("cache").join("terminals.txt"));
    assert_eq!(memory.get("xterm-256color/"), None, "nothing yet");

    let narrow = decide(Some(3));
    memory
        .put("xterm-256color/", Remembered::Answered(narrow))
        .unwrap();
    memory.put("screen/tmux", Remembered::Silent).unwrap();
    memory
        .put(
            "xterm-256color/WezTerm",
            Remembered::Answered(decide(Some(4))),
        )
        .unwrap();
    memory
        .put("linux/", Remembered::Answered(decide(Some(6))))
        .unwrap();
    assert_eq!(
        memory.get("xterm-256color/"),
        Some(Remembered::Answered(narrow))
    );
    assert_eq!(memory.get("screen/tmux"), Some(Remembered::Silent));
    assert_eq!(
        memory.get("xterm-256color/WezTerm"),
        Some(Remembered::Answered(decide(Some(4))))
    );
    assert_eq!(
        memory.get("linux/"),
        Some(Remembered::Answered(decide(Some(5))))
    );

    // A new answer replaces the old one for that type only.
    memory.put("xterm-256color/", Remembered::Silent).unwrap();
    assert_eq!(memory.get("xterm-256color/"), Some(Remembered::Silent));
    assert_eq!(memory.get("screen/tmux"), Some(Remembered::Silent));
    let text = std::fs::read_to_string(dir.join("cache").join("terminals.txt")).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");

    // A damaged file is no answer, not a failure.
    std::fs::write(
        dir.join("cache").join("terminals.txt"),
        "garbage\nxterm/\tpurple\n",
    )
    .unwrap();
    assert_eq!(memory.get("xterm/"), None);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_first_frame_uses_the_remembered_answer_and_a_different_reply_redraws() {
    // Never seen: draw wide (the safe guess), ask.
    let (first, ask) = before_first_frame(None);
    assert_eq!((first, ask), (decide(None), true));
    // The terminal answers narrow: remembered, and the screen is redrawn narrow.
    let (remember, redraw) = after_reply(first, Some(3));
    assert_eq!(remember, Remembered::Answered(decide(Some(3))));
    assert_eq!(redraw, Some(decide(Some(3))));

    // Next start: narrow at once, asked again; the same reply draws nothing more.
    let (first, ask) = before_first_frame(Some(remember));
    assert_eq!((first.wide, ask), (false, true));
    assert_eq!(after_reply(first, Some(3)).1, None);

    // A terminal that never answers is remembered silent and not asked again.
    let (remember, redraw) = after_reply(first, None);
    assert_eq!((remember, redraw), (Remembered::Silent, None));
    let (first, ask) = before_first_frame(Some(Remembered::Silent));
    assert_eq!((first, ask), (decide(None), false));
}
