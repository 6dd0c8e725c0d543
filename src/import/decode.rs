//! Bytes of a published list → text: UTF-8 (with or without BOM), UTF-16 LE/BE (with or
//! without BOM) and GBK/GB18030, which is how Chinese Windows saves "plain text".
//!
//! A file that is none of these is an error naming the byte offset where the encoding that
//! read furthest gave up (and its line). Pure: no IO.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `gb18030`.
    pub encoding: &'static str,
}

/// A file in no encoding keywork reads.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "line {line}: invalid text at byte {offset}: the file is not UTF-8, UTF-16 or GBK/GB18030 \
     (read as {encoding}, the closest, it breaks there)"
)]
pub struct DecodeError {
    pub offset: usize,
    pub line: usize,
    pub encoding: &'static str,
}

/// Decode a whole file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        return strict(enc, body)
            .map(|text| Decoded {
                text,
                encoding: enc.name(),
            })
            .map_err(|at| error(bytes, bom + at, enc.name()));
    }
    if looks_utf16(bytes) {
        let le = strict(UTF_16LE, bytes);
        let be = strict(UTF_16BE, bytes);
        let best = match (le, be) {
            (Ok(a), Ok(b)) => Ok(if plausible(&a) >= plausible(&b) {
                (a, UTF_16LE)
            } else {
                (b, UTF_16BE)
            }),
            (Ok(a), Err(_)) => Ok((a, UTF_16LE)),
            (Err(_), Ok(b)) => Ok((b, UTF_16BE)),
            (Err(a), Err(b)) => Err(a.max(b)),
        };
        if let Ok((text, enc)) = best {
            return Ok(Decoded {
                text: text.replace('\0', ""),
                encoding: enc.name(),
            });
        }
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: "UTF-8",
            });
        }
        Err(e) => e.valid_up_to(),
    };
    match strict(GB18030, bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: GB18030.name(),
        }),
        Err(gb_err) if gb_err > utf8_err => Err(error(bytes, gb_err, "GBK/GB18030")),
        Err(_) => Err(error(bytes, utf8_err, "UTF-8")),
    }
}

fn error(bytes: &[u8], offset: usize, encoding: &'static str) -> DecodeError {
    DecodeError {
        offset,
        line: line_of_offset(bytes, offset),
        encoding,
    }
}

/// Decode without replacement; `Err(offset)` of the first malformed byte.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(bad as usize + after as usize))
        }
        DecoderResult::OutputFull => Err(read),
    }
}

/// UTF-16 without BOM: even length and many NUL bytes, nearly all on one side of the pairs.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return false;
    }
    let even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let pairs = bytes.len() / 2;
    (even.max(odd) * 5 >= pairs) && even.min(odd) * 10 <= even.max(odd)
}

/// How much of a text looks like a Chinese task list (CJK, ASCII, CJK punctuation, breaks).
fn plausible(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            c.is_ascii_graphic()
                || c.is_whitespace()
                || ('\u{4e00}'..='\u{9fff}').contains(c)
                || ('\u{3000}'..='\u{303f}').contains(c)
                || ('\u{ff00}'..='\u{ffef}').contains(c)
        })
        .count()
}

/// The 1-based line holding byte `offset` (CRLF, CR and LF each end a line).
pub fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "2024年重点工作任务\n1.新建养老床位300张。\n";

    #[test]
    fn utf8_gbk_and_utf16_all_read() {
        let (gbk, _, _) = GB18030.encode(LIST);
        let utf16le: Vec<u8> = LIST.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = LIST.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut bom_le = vec![0xff, 0xfe];
        bom_le.extend(&utf16le);
        let mut bom_be = vec![0xfe, 0xff];
        bom_be.extend(&utf16be);
        let mut bom8 = vec![0xef, 0xbb, 0xbf];
        bom8.extend(LIST.as_bytes());
        for (bytes, enc) in [
            (LIST.as_bytes().to_vec(), "UTF-8"),
            (bom8, "UTF-8"),
            (gbk.into_owned(), "gb18030"),
            (utf16le, "UTF-16LE"),
            (utf16be, "UTF-16BE"),
            (bom_le, "UTF-16LE"),
            (bom_be, "UTF-16BE"),
        ] {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{enc}: {e}"));
            assert_eq!((d.text.as_str(), d.encoding), (LIST, enc));
        }
    }

    #[test]
    fn undecodable_bytes_name_the_offset_and_line() {
        let mut bytes = "标题\n1.甲。\n".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend([0xff, 0xff, b'\n']);
        let e = decode(&bytes).expect_err("0xff is in no encoding");
        assert_eq!((e.offset, e.line), (at, 3));
        assert!(e.to_string().contains(&format!("byte {at}")), "{e}");
        // A GBK file broken after its first lines: the GBK offset is the one named.
        let (gbk, _, _) = GB18030.encode("标题\n1.新建学校。\n");
        let mut bytes = gbk.into_owned();
        let at = bytes.len();
        bytes.extend([0x81, b'\n']);
        let e = decode(&bytes).expect_err("a lone lead byte");
        assert_eq!((e.offset, e.encoding), (at, "GBK/GB18030"));
    }
}
