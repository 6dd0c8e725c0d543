//! Task files and sealed chunks parsed block by block, so that reading a large one costs about
//! what it holds.
//!
//! The TOML parser builds the whole document (tokens, tables, spans) before a value comes out:
//! 18 bytes of transient memory per byte of file, 86 MB for the 4.8 MB task 15 of the 50k
//! board (`bench/issue17-memory.md`). A task file or chunk keywork writes is its fields (and a
//! task's measures and targets), then one `[[notes]]` or `[[history]]` table per note and
//! event; here each of those tables is parsed on its own (a few hundred bytes at a time) and
//! the rest of the file as one document.
//!
//! Only files whose layout makes the two readings the same are read so: the lexer of the TOML
//! parser finds the headers (never inside a string or an array), and anything unusual — a
//! table header other than `[[notes]]`, `[[history]]` or `[[notes.files]]` after the first
//! note or event, a root key `notes` or `history` or a quoted root key, a header with quotes —
//! or any part failing to parse sends the whole file to `tomlfile::parse`, which gives the
//! result or the error (`path:line:column`) exactly as before.

use super::chunks::Chunk;
use crate::model::{Event, Note, Task};
use crate::tomlfile::{self, FileError};
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::path::Path;
use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

/// A file whose notes and events are `[[notes]]` and `[[history]]` tables.
pub(super) trait Blocks: DeserializeOwned {
    fn arrays(&mut self) -> (&mut Vec<Note>, &mut Vec<Event>);
}

impl Blocks for Task {
    fn arrays(&mut self) -> (&mut Vec<Note>, &mut Vec<Event>) {
        (&mut self.notes, &mut self.history)
    }
}

impl Blocks for Chunk {
    fn arrays(&mut self) -> (&mut Vec<Note>, &mut Vec<Event>) {
        (&mut self.notes, &mut self.history)
    }
}

/// Parse a task file's or a chunk's bytes (from `path`).
pub(super) fn parse<T: Blocks>(path: &Path, bytes: &[u8]) -> Result<T, FileError> {
    match std::str::from_utf8(bytes).ok().and_then(by_blocks) {
        Some(read) => Ok(read),
        None => tomlfile::parse(path, bytes),
    }
}

/// Which array a block belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Note,
    Event,
}

/// One `[[notes]]` or `[[history]]` table: its body (after the header's line) and the spans
/// of its `[[notes.files]]` headers.
#[derive(Debug)]
struct Block {
    kind: Kind,
    body: Range<usize>,
    files: Vec<Range<usize>>,
}

/// Where the note and event tables are, if the file is one the blocks read the same.
#[derive(Debug)]
struct Layout {
    /// Everything before the first note or event table.
    prefix: Range<usize>,
    blocks: Vec<Block>,
}

/// The task or chunk, if the file reads the same block by block and every block parses.
fn by_blocks<T: Blocks>(text: &str) -> Option<T> {
    let layout = scan(text)?;
    if layout.blocks.is_empty() {
        return None;
    }
    let mut read: T = toml::from_str(&text[layout.prefix]).ok()?;
    let (notes, history) = read.arrays();
    if !notes.is_empty() || !history.is_empty() {
        return None;
    }
    let count = layout
        .blocks
        .iter()
        .filter(|b| b.kind == Kind::Note)
        .count();
    notes.reserve_exact(count);
    history.reserve_exact(layout.blocks.len() - count);
    for block in &layout.blocks {
        let body = if block.files.is_empty() {
            std::borrow::Cow::Borrowed(&text[block.body.clone()])
        } else {
            std::borrow::Cow::Owned(rename_files(text, block))
        };
        match block.kind {
            Kind::Note => notes.push(toml::from_str::<Note>(&body).ok()?),
            Kind::Event => history.push(toml::from_str::<Event>(&body).ok()?),
        }
    }
    Some(read)
}

/// A note's body with its `[[notes.files]]` headers written `[[files]]`: the same tables,
/// seen from the note.
fn rename_files(text: &str, block: &Block) -> String {
    let mut out = String::with_capacity(block.body.len());
    let mut at = block.body.start;
    for header in &block.files {
        out.push_str(&text[at..header.start]);
        out.push_str("[[files]]");
        at = header.end;
    }
    out.push_str(&text[at..block.body.end]);
    out
}

/// A table header: `[[a.b]]` (`array`) or `[a.b]`, its dotted name and its span.
struct Header {
    array: bool,
    name: String,
    span: Range<usize>,
    /// Where the line after the header starts.
    line_end: usize,
}

/// Find the note and event tables; `None` when the file is not laid out as keywork writes
/// it (the whole-file parser then reads it).
fn scan(text: &str) -> Option<Layout> {
    let source = Source::new(text);
    let mut tokens = source.lex().peekable();
    let mut layout = Layout {
        prefix: 0..text.len(),
        blocks: Vec::new(),
    };
    // Open `[` and `{` of the value being read; a line starts a statement only outside them.
    let mut depth = 0usize;
    let mut line_start = true;
    let mut in_root = true;
    while let Some(token) = tokens.next() {
        match token.kind() {
            TokenKind::Eof => break,
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::Newline => line_start |= depth == 0,
            TokenKind::LeftSquareBracket if line_start && depth == 0 => {
                let header = header(text, token, &mut tokens)?;
                in_root = false;
                open(&mut layout, header)?;
            }
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString
                if line_start && depth == 0 =>
            {
                line_start = false;
                if in_root {
                    let key = &text[token.span().start()..token.span().end()];
                    if token.kind() != TokenKind::Atom || key == "notes" || key == "history" {
                        return None;
                    }
                }
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                line_start = false;
                depth += 1;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                line_start = false;
                depth = depth.checked_sub(1)?;
            }
            _ => line_start = false,
        }
    }
    if depth != 0 {
        return None;
    }
    if let Some(last) = layout.blocks.last_mut() {
        last.body.end = text.len();
    }
    Some(layout)
}

/// A header just read: close the block before it and open the next one, or `None` when the
/// file is not one the blocks read the same.
fn open(layout: &mut Layout, header: Header) -> Option<()> {
    let kind = match (header.array, header.name.as_str()) {
        (true, "notes") => Some(Kind::Note),
        (true, "history") => Some(Kind::Event),
        (true, "notes.files") => {
            let block = layout.blocks.last_mut()?;
            if block.kind != Kind::Note {
                return None;
            }
            block.files.push(header.span);
            return Some(());
        }
        _ => None,
    };
    let root = header.name.split('.').next().unwrap_or("");
    match kind {
        None if layout.blocks.is_empty() && root != "notes" && root != "history" => Some(()),
        None => None,
        Some(kind) => {
            if let Some(last) = layout.blocks.last_mut() {
                last.body.end = header.span.start;
            } else {
                layout.prefix = 0..header.span.start;
            }
            layout.blocks.push(Block {
                kind,
                body: header.line_end..header.line_end,
                files: Vec::new(),
            });
            Some(())
        }
    }
}

/// Read a header whose first `[` is `first`, up to the end of its line: bare keys only.
fn header(
    text: &str,
    first: Token,
    tokens: &mut std::iter::Peekable<toml_parser::lexer::Lexer<'_>>,
) -> Option<Header> {
    let start = first.span().start();
    let mut array = false;
    if tokens.peek()?.kind() == TokenKind::LeftSquareBracket
        && tokens.peek()?.span().start() == first.span().end()
    {
        array = true;
        tokens.next();
    }
    let mut name = String::new();
    let end = loop {
        let t = tokens.next()?;
        match t.kind() {
            TokenKind::Whitespace => {}
            TokenKind::Atom => name.push_str(&text[t.span().start()..t.span().end()]),
            TokenKind::Dot => name.push('.'),
            TokenKind::RightSquareBracket => break t.span().end(),
            _ => return None,
        }
    };
    let end = if array {
        let t = tokens.next()?;
        if t.kind() != TokenKind::RightSquareBracket || t.span().start() != end {
            return None;
        }
        t.span().end()
    } else {
        end
    };
    // The rest of the line: nothing but a comment.
    let line_end = loop {
        let t = tokens.next()?;
        match t.kind() {
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::Newline => break t.span().end(),
            TokenKind::Eof => break t.span().end(),
            _ => return None,
        }
    };
    Some(Header {
        array,
        name,
        span: start..end,
        line_end,
    })
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
mod tests;
