//! Files that are not UTF-8: which encoding they look like and how to convert them.
//!
//! keywork reads UTF-8 only. A task list saved by Chinese Windows tools is often GBK (GB18030)
//! or, from Notepad's "Unicode", UTF-16; instead of "invalid UTF-8" on every line, the error
//! names the likely encoding and the `iconv` command that converts the file. Detection only
//! (with `encoding_rs`): nothing here decodes a file for use. Pure functions, no IO.

use crate::strings::Lang;
use std::path::{Path, PathBuf};

/// An encoding a non-UTF-8 file looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// GBK or its superset GB18030 (Simplified Chinese Windows).
    Gb18030,
    /// UTF-16 with a byte-order mark.
    Utf16Bom,
    /// UTF-16 little-endian without a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian without a byte-order mark.
    Utf16Be,
}

impl Guess {
    /// How people call it.
    pub fn name(self) -> &'static str {
        match self {
            Guess::Gb18030 => "GBK (GB18030)",
            Guess::Utf16Bom => "UTF-16",
            Guess::Utf16Le => "UTF-16LE",
            Guess::Utf16Be => "UTF-16BE",
        }
    }

    /// Its name for `iconv -f`.
    pub fn iconv(self) -> &'static str {
        match self {
            Guess::Gb18030 => "GB18030",
            Guess::Utf16Bom => "UTF-16",
            Guess::Utf16Le => "UTF-16LE",
            Guess::Utf16Be => "UTF-16BE",
        }
    }
}

/// The encoding `bytes` look like, if they are not UTF-8 and look like one keywork knows.
pub fn detect(bytes: &[u8]) -> Option<Guess> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => return Some(Guess::Utf16Bom),
        _ => {}
    }
    // UTF-16 without a BOM: ASCII (digits, punctuation, line ends) leaves a zero byte in
    // every pair, on the same side.
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let zeros = |side: usize| sample.chunks(2).filter(|p| p[side] == 0).count();
        let (even, odd) = (zeros(0), zeros(1));
        if odd * 5 >= pairs && even * 20 < pairs {
            return Some(Guess::Utf16Le);
        }
        if even * 5 >= pairs && odd * 20 < pairs {
            return Some(Guess::Utf16Be);
        }
    }
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        .then_some(Guess::Gb18030)
}

/// The line (1-based) of the first byte that is not UTF-8, if any.
fn first_bad_line(bytes: &[u8]) -> Option<usize> {
    let at = std::str::from_utf8(bytes).err()?.valid_up_to();
    Some(bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1)
}

/// Bytes that are not UTF-8: where, what they look like, and the file they came from (none for
/// standard input). Put into words by [`NonUtf8::words`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonUtf8 {
    /// The line (1-based) of the first byte that is not UTF-8.
    pub line: usize,
    pub guess: Option<Guess>,
    pub file: Option<PathBuf>,
}

/// Why `bytes` (from `file`, or standard input when none) cannot be read: `None` when they
/// are UTF-8.
pub fn non_utf8(bytes: &[u8], file: Option<&Path>) -> Option<NonUtf8> {
    Some(NonUtf8 {
        line: first_bad_line(bytes)?,
        guess: detect(bytes),
        file: file.map(Path::to_path_buf),
    })
}

/// As [`non_utf8`], in `lang`, with what to do.
pub fn describe_non_utf8_in(lang: Lang, bytes: &[u8], file: Option<&Path>) -> Option<String> {
    non_utf8(bytes, file).map(|n| n.words(lang))
}

impl NonUtf8 {
    /// What is wrong and the command that converts it.
    pub fn words(&self, lang: Lang) -> String {
        use crate::strings::import as say;
        let (from, to) = match &self.file {
            Some(p) => {
                let converted = p.with_file_name(format!(
                    "{}-utf8.{}",
                    p.file_stem().unwrap_or_default().to_string_lossy(),
                    p.extension().unwrap_or_default().to_string_lossy()
                ));
                (
                    format!(" {}", shell_quote(&p.to_string_lossy())),
                    format!(" > {}", shell_quote(&converted.to_string_lossy())),
                )
            }
            None => (" FILE".to_string(), " | keywork …".to_string()),
        };
        let command = |from_encoding: &str| format!("iconv -f {from_encoding} -t UTF-8{from}{to}");
        match self.guess {
            Some(g) => say::not_utf8_looks_like(lang, self.line, g.name(), &command(g.iconv())),
            None => say::not_utf8_unknown(lang, self.line, &command("ENCODING")),
        }
    }
}

impl std::fmt::Display for NonUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

/// As [`describe_non_utf8_in`], in English.
pub fn describe_non_utf8(bytes: &[u8], file: Option<&Path>) -> Option<String> {
    describe_non_utf8_in(Lang::En, bytes, file)
}

/// `s` as one shell word.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./+,:@%".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str =
        "2023 年区委、区政府重点工作任务\n1. 加快推动城市更新。完成 50 万平方米“美丽家园”建设。\n";

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf8_is_not_described() {
        assert_eq!(describe_non_utf8(LIST.as_bytes(), None), None);
        assert_eq!(detect(format!("\u{feff}{LIST}").as_bytes()), None);
    }

    #[test]
    fn gbk_is_named_with_the_iconv_command() {
        let (gbk, _, bad) = encoding_rs::GBK.encode(LIST);
        assert!(!bad);
        assert_eq!(detect(&gbk), Some(Guess::Gb18030));
        let m = describe_non_utf8(&gbk, Some(Path::new("任务 清单.txt"))).unwrap();
        assert!(m.contains("GBK"), "{m}");
        assert!(
            m.contains("iconv -f GB18030 -t UTF-8 '任务 清单.txt' > '任务 清单-utf8.txt'"),
            "{m}"
        );
        assert!(m.contains("from line 1"), "{m}");
    }

    #[test]
    fn utf16_with_and_without_bom_is_named() {
        assert_eq!(detect(&utf16(LIST, true, true)), Some(Guess::Utf16Bom));
        assert_eq!(detect(&utf16(LIST, false, true)), Some(Guess::Utf16Bom));
        let ascii = "1. task one 任务\n2. task two\n";
        assert_eq!(detect(&utf16(ascii, true, false)), Some(Guess::Utf16Le));
        assert_eq!(detect(&utf16(ascii, false, false)), Some(Guess::Utf16Be));
        let m = describe_non_utf8(&utf16(LIST, true, true), None).unwrap();
        assert!(m.contains("iconv -f UTF-16 -t UTF-8 FILE"), "{m}");
    }

    #[test]
    fn unknown_bytes_say_so_with_the_line() {
        let m = describe_non_utf8(b"ok\nfine\ncaf\xe9 au lait\n", None).unwrap();
        assert!(m.contains("not recognised") && m.contains("line 3"), "{m}");
    }
}
