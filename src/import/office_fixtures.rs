// strings-scan: data file — Word and Excel test fixtures
//! Test helpers: Word and Excel task lists written the way offices circulate them — a title
//! above a table with merged cells, or numbered paragraphs (Word's automatic numbering).

use std::io::Write;

/// One table row: cells; `None` is a cell merged with the one above.
pub type Cells<'a> = Vec<Option<&'a str>>;

/// An `.xlsx` with a merged title row, a header row and rows whose `None` cells are merged
/// with the cell above (as Excel stores them: the value in the top cell only); a row of one
/// cell is a section heading merged across all columns.
pub fn xlsx(title: &str, header: &[&str], rows: &[Cells]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let width = header.len() as u16;
    let plain = Format::new();
    ws.merge_range(0, 0, 0, width - 1, title, &plain)
        .expect("merge title");
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("header");
    }
    // Merged runs: (col, first row, last row, value).
    let mut open: Vec<Option<(u32, String)>> = vec![None; header.len()];
    let mut merges: Vec<(u16, u32, u32, String)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        if row.len() == 1 {
            let v = row[0].unwrap_or_default();
            ws.merge_range(r, 0, r, width - 1, v, &plain)
                .expect("section");
            for (c, o) in open.iter_mut().enumerate() {
                if let Some((first, v)) = o.take() {
                    merges.push((c as u16, first, r - 1, v));
                }
            }
            continue;
        }
        for (c, cell) in row.iter().enumerate() {
            if let Some(v) = cell {
                if let Some((first, old)) = open[c].take() {
                    merges.push((c as u16, first, r - 1, old));
                }
                open[c] = Some((r, v.to_string()));
            }
        }
    }
    let last = rows.len() as u32 + 1;
    for (c, o) in open.into_iter().enumerate() {
        if let Some((first, v)) = o {
            merges.push((c as u16, first, last, v));
        }
    }
    for (c, first, end, v) in merges {
        if end > first {
            ws.merge_range(first, c, end, c, &v, &plain).expect("merge");
        } else {
            ws.write_string(first, c, &v).expect("cell");
        }
    }
    wb.save_to_buffer().expect("xlsx to memory")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn para(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(text)
    )
}

/// A paragraph with Word's automatic numbering (numId 1, level `ilvl`).
fn numbered(text: &str, ilvl: u32) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\
         <w:r><w:t>{}</w:t></w:r></w:p>",
        esc(text)
    )
}

/// A `.docx` of heading paragraphs and a table; `None` cells continue a vertical merge.
pub fn docx_table(before: &[&str], header: &[&str], rows: &[Cells]) -> Vec<u8> {
    let mut body: String = before.iter().map(|p| para(p)).collect();
    body.push_str("<w:tbl><w:tblGrid/>");
    let cell = |text: &str, merge: &str, span: usize| {
        let span = if span > 1 {
            format!("<w:gridSpan w:val=\"{span}\"/>")
        } else {
            String::new()
        };
        // A cell holds paragraphs: a line break in the value is a new paragraph.
        let paras: String = text.split('\n').map(para).collect();
        format!("<w:tc><w:tcPr>{span}{merge}</w:tcPr>{paras}</w:tc>")
    };
    body.push_str("<w:tr>");
    for h in header {
        body.push_str(&cell(h, "", 1));
    }
    body.push_str("</w:tr>");
    for (i, row) in rows.iter().enumerate() {
        body.push_str("<w:tr>");
        if row.len() == 1 {
            body.push_str(&cell(row[0].unwrap_or_default(), "", header.len()));
        } else {
            for (c, v) in row.iter().enumerate() {
                let next_merges = rows
                    .get(i + 1)
                    .is_some_and(|n| n.len() > 1 && n.get(c) == Some(&None));
                match v {
                    Some(v) if next_merges => {
                        body.push_str(&cell(v, "<w:vMerge w:val=\"restart\"/>", 1))
                    }
                    Some(v) => body.push_str(&cell(v, "", 1)),
                    None => body.push_str(&cell("", "<w:vMerge/>", 1)),
                }
            }
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    docx(&body, None)
}

/// A `.docx` of paragraphs: `(0, text)` plain, `(1, text)` numbered level 0 `一、`,
/// `(2, text)` numbered level 1 `（一）` style digits `1.`, `(3, text)` level 2 `（1）`.
pub fn docx_numbered(paras: &[(u32, &str)]) -> Vec<u8> {
    let body: String = paras
        .iter()
        .map(|(level, t)| match level {
            0 => para(t),
            l => numbered(t, l - 1),
        })
        .collect();
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%3）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;
    docx(&body, Some(numbering))
}

fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
    ];
    for (name, text) in files {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    if let Some(n) = numbering {
        zip.start_file("word/numbering.xml", opts)
            .expect("zip entry");
        zip.write_all(n.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
