//! The weekly report as a Word document (.docx) in the layout of official documents
//! (GB/T 9704-2012 党政机关公文格式).
//!
//! The content is the Markdown report's (`weekly::weekly`), read back block by block — title,
//! `##` and `###` headings, field lines, sub-items, quoted notes, the table of quiet tasks — so
//! the two formats can never say different things. Headings are numbered as documents are
//! (`一、`, `（一）`, `1.`), the quiet tasks become a bordered table whose header row repeats
//! on every page, and the issuing office and the date close the document.
//!
//! The OOXML is written by hand into a zip: `docx-rs` (0.4) writes a fixed font table
//! (Times New Roman, Symbol, Arial) and cannot name 仿宋_GB2312 with its fallback 仿宋 there,
//! which is what lets Word substitute fonts on machines without the GB2312 ones.

mod xml;

use crate::config::Lang;
use std::io::Write;

/// What signs the document: the issuing office (may be empty) and the date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub office: String,
    /// `2023年10月12日`.
    pub date: String,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// `一、概况`.
    Heading1(String),
    /// `（一）15. 旧区改造`.
    Heading2(String),
    /// `1. …`: a third-level item in the body font.
    Item(String),
    Body(String),
    /// Rows of cells, the first the header.
    Table(Vec<Vec<String>>),
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the Word document: {0}")]
pub struct DocxError(String);

/// The .docx bytes of the Markdown report `md`.
pub fn to_docx(md: &str, lang: Lang, sign: &Signature) -> Result<Vec<u8>, DocxError> {
    let blocks = blocks(md, lang);
    let parts = xml::parts(&blocks, sign);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| DocxError(e.to_string());
    for (name, body) in parts {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// The blocks of a Markdown report as `weekly::weekly` writes it.
pub fn blocks(md: &str, lang: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    let (mut h1, mut h2, mut item) = (0usize, 0usize, 0usize);
    let mut table: Vec<Vec<String>> = Vec::new();
    for raw in md.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with('|') {
            if !is_separator(trimmed) {
                table.push(cells(trimmed));
            }
            continue;
        }
        if !table.is_empty() {
            out.push(Block::Table(std::mem::take(&mut table)));
        }
        if trimmed.is_empty() {
            continue;
        }
        if let Some(t) = line.strip_prefix("# ") {
            out.push(Block::Title(plain(t)));
        } else if let Some(t) = line.strip_prefix("## ") {
            (h1, h2, item) = (h1 + 1, 0, 0);
            out.push(Block::Heading1(first_level(h1, &plain(t), lang)));
        } else if let Some(t) = line.strip_prefix("### ") {
            (h2, item) = (h2 + 1, 0);
            out.push(Block::Heading2(second_level(h2, &plain(t), lang)));
        } else if line.starts_with(' ') {
            if let Some(q) = trimmed.strip_prefix('>') {
                out.push(Block::Body(plain(hard_break(q.trim()))));
            } else {
                item += 1;
                let t = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                out.push(Block::Item(format!("{item}. {}", plain(t))));
            }
        } else if numbered(trimmed) {
            item = 0;
            out.push(Block::Item(plain(trimmed)));
        } else {
            item = 0;
            let t = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            out.push(Block::Body(plain(t)));
        }
    }
    if !table.is_empty() {
        out.push(Block::Table(table));
    }
    out
}

/// `一、` in Chinese, `1.` in English.
fn first_level(n: usize, text: &str, lang: Lang) -> String {
    crate::strings::report::docx_first_level(lang, &numeral(n), n, text)
}

/// `（一）` in Chinese, `(1)` in English.
fn second_level(n: usize, text: &str, lang: Lang) -> String {
    crate::strings::report::docx_second_level(lang, &numeral(n), n, text)
}

/// 一 … 九十九 (beyond that, digits).
pub fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]; // data: numerals
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]), // data: numerals
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]), // data: numerals
        _ => n.to_string(),
    }
}

/// `1. **15. 标题**：…` — a numbered line of the needs-coordination list.
fn numbered(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(". ")
}

/// `| --- | ---: |`.
fn is_separator(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a table row, split at the `|` that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(n) = chars.next() {
                    cell.push(n);
                }
            }
            '|' => cells.push(plain(std::mem::take(&mut cell).trim())),
            _ => cell.push(c),
        }
    }
    if !cell.trim().is_empty() {
        cells.push(plain(cell.trim()));
    }
    cells
}

/// A quoted line without its hard-break backslash (an odd number of trailing backslashes
/// ends in one that is not itself escaped).
fn hard_break(s: &str) -> &str {
    let n = s.chars().rev().take_while(|c| *c == '\\').count();
    if n % 2 == 1 { &s[..s.len() - 1] } else { s }
}

/// Markdown text as plain text: emphasis marks dropped, escapes undone.
pub fn plain(s: &str) -> String {
    let s = s.replace("**", "");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
