//! The ledger's cells as files need them: CSV (BOM, CRLF, formula-like cells quoted) and the
//! limits and column widths of an Excel sheet.

use crate::config::Lang;
use crate::strings::report as s;
use crate::text;
use std::borrow::Cow;

/// What a UTF-8 CSV starts with so that Excel does not read it as the local code page.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Excel refuses longer cell texts (counted in UTF-16 units).
pub(super) const EXCEL_MAX_UNITS: usize = 32_767;
/// Widest column, in Excel's character units.
const MAX_WIDTH: usize = 60;
const MIN_WIDTH: usize = 6;

/// Whether a spreadsheet would read the cell as a formula (or the start of one).
pub fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as CSV must hold it: a formula-like cell gets a leading `'`.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The ledger as CSV: BOM, CRLF line ends, fields quoted where needed (multi-line cells stay
/// multi-line inside their quotes).
pub fn to_csv(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut buf = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(headers)?;
        for row in rows {
            let cells: Vec<Cow<str>> = row.iter().map(|c| csv_safe(c)).collect();
            w.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> &'static str {
    s::ledger_sheet(lang)
}

/// A cell cut to what Excel accepts (32,767 UTF-16 units), ending in `⋯` when cut.
pub fn excel_text(cell: &str) -> Cow<'_, str> {
    if cell.len() <= EXCEL_MAX_UNITS || cell.encode_utf16().count() <= EXCEL_MAX_UNITS {
        return Cow::Borrowed(cell);
    }
    let mut used = 0;
    let end = cell
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > EXCEL_MAX_UNITS - 1
        })
        .map_or(cell.len(), |(i, _)| i);
    Cow::Owned(format!("{}⋯", &cell[..end]))
}

/// Column widths in Excel's units: the widest line of the column (CJK characters count
/// double) plus a margin, between `MIN_WIDTH` and `MAX_WIDTH` (longer text wraps).
pub fn column_widths(headers: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .flat_map(|cell| cell.lines())
                .map(text::width)
                // The header also needs room for the filter button.
                .chain([text::width(h) + 2])
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}
