//! The parts of the .docx package, as OOXML text.
//!
//! Page and type as GB/T 9704-2012 asks: A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm,
//! left 28 mm, right 26 mm, leaving a type area of 156 × 225 mm; body text 3号 (16 pt)
//! 仿宋_GB2312 on 22 lines of 28 characters (§5.2.1: 一般每面排22行，每行排28个字);
//! title 2号 (22 pt) 方正小标宋简体; headings 黑体 and 楷体_GB2312; page numbers 4号 (14 pt)
//! 宋体 `— 1 —`, right on odd pages and left on even ones, one character in from the edge.

use super::{Block, Signature};

/// Twips (1/20 pt) in a millimetre.
const MM: f64 = 56.692_913;
const fn twips(mm: f64) -> u32 {
    (mm * MM + 0.5) as u32
}
pub const PAGE_W: u32 = twips(210.0);
pub const PAGE_H: u32 = twips(297.0);
pub const TOP: u32 = twips(37.0);
pub const BOTTOM: u32 = twips(35.0);
pub const LEFT: u32 = twips(28.0);
pub const RIGHT: u32 = twips(26.0);
/// Lines and characters of a page.
pub const LINES: u32 = 22;
pub const CHARS: u32 = 28;
/// The line pitch: the type area's height over 22 lines (579 twips, 28.95 pt).
pub const LINE_PITCH: u32 = (PAGE_H - TOP - BOTTOM) / LINES;
/// Text width: 156 mm.
pub const TEXT_W: u32 = PAGE_W - LEFT - RIGHT;
/// Character spacing of the body, in twips (negative: condensed), so that 28 characters of
/// 16 pt fit the 156 mm line: -0.25 pt, a pitch of 15.75 pt. A character grid
/// (`linesAndChars`) would say the same to Word, but LibreOffice spreads every character of a
/// gridded line apart; condensed spacing reads the same in both.
pub const CHAR_SPACING: i32 = {
    let pitch = (TEXT_W / CHARS) as i32; // twips, rounded down
    pitch - 320 - 1
};
/// Half-points.
pub const BODY_SZ: u32 = 32;
pub const TITLE_SZ: u32 = 44;
pub const PAGE_NO_SZ: u32 = 28;
pub const TABLE_SZ: u32 = 28;

/// Fonts: the name a GB/T document asks for, and the common one Word falls back to.
pub const FANGSONG: (&str, &str) = ("仿宋_GB2312", "仿宋"); // data: font names
pub const XIAOBIAOSONG: (&str, &str) = ("方正小标宋简体", "宋体"); // data: font names
pub const HEITI: (&str, &str) = ("黑体", "SimHei"); // data: font names
pub const KAITI: (&str, &str) = ("楷体_GB2312", "楷体"); // data: font names
pub const SONGTI: (&str, &str) = ("宋体", "SimSun"); // data: font names

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Every part of the package: (name in the zip, text).
pub fn parts(blocks: &[Block], sign: &Signature) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(blocks, sign)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/footer1.xml", footer(true)),
        ("word/footer2.xml", footer(false)),
    ]
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/></Types>"#
    )
}

fn package_rels() -> String {
    format!(
        r#"{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#
    )
}

fn document_rels() -> String {
    let rel = |id: &str, kind: &str, target: &str| {
        format!(r#"<Relationship Id="{id}" Type="{R}/{kind}" Target="{target}"/>"#)
    };
    format!(
        r#"{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}{}</Relationships>"#,
        rel("rId1", "styles", "styles.xml"),
        rel("rId2", "settings", "settings.xml"),
        rel("rId3", "fontTable", "fontTable.xml"),
        rel("rId4", "footer", "footer1.xml"),
        rel("rId5", "footer", "footer2.xml"),
    )
}

/// Text safe inside an XML element: escaped, and characters XML 1.0 cannot hold dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn para(style: &str, extra_ppr: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{}</w:p>"#,
        run(text)
    )
}

fn document(blocks: &[Block], sign: &Signature) -> String {
    let mut body = String::with_capacity(64 * 1024);
    for b in blocks {
        body.push_str(&match b {
            Block::Title(t) => para("Title", "", t),
            Block::Heading1(t) => para("Heading1", "", t),
            Block::Heading2(t) => para("Heading2", "", t),
            Block::Item(t) | Block::Body(t) => para("BodyText", "", t),
            Block::Table(rows) => table(rows),
        });
    }
    // 空一行, then the office and the date, right-aligned four characters in.
    body.push_str(&para("BodyText", "", ""));
    if !sign.office.trim().is_empty() {
        body.push_str(&para("Signature", "", sign.office.trim()));
    }
    body.push_str(&para("Signature", "", &sign.date));
    let grid = format!(r#"<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>"#);
    format!(
        r#"{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" w:left="{LEFT}" w:header="851" w:footer="{footer}" w:gutter="0"/>{grid}</w:sectPr></w:body></w:document>"#,
        footer = twips(21.0),
    )
}

/// Column widths: 序号 narrow, the task's title wide, the rest alike.
fn widths(n: usize) -> Vec<u32> {
    match n {
        0 => vec![],
        1 => vec![TEXT_W],
        2 => vec![TEXT_W / 4, TEXT_W - TEXT_W / 4],
        _ => {
            let first = TEXT_W / 12;
            let rest = (TEXT_W - first) * 2 / (n as u32 + 1) / 2;
            let second = TEXT_W - first - rest * (n as u32 - 2);
            let mut w = vec![first, second];
            w.extend(std::iter::repeat_n(rest, n - 2));
            w
        }
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths = widths(cols);
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let grid: String = widths
        .iter()
        .map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#))
        .collect();
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for (i, row) in rows.iter().enumerate() {
        // The header row repeats at the top of every page the table runs onto.
        let tr_pr = if i == 0 {
            "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        };
        out.push_str(&format!("<w:tr>{tr_pr}"));
        for (c, w) in widths.iter().enumerate() {
            let text = row.get(c).map_or("", String::as_str);
            let style = if i == 0 { "TableHeader" } else { "TableText" };
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
                para(style, "", text)
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// `<w:rFonts>` naming `font` for every script.
fn fonts((name, _): (&str, &str)) -> String {
    format!(r#"<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>"#)
}

fn style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

fn styles() -> String {
    let exact = format!(
        r#"<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>"#
    );
    let body =
        format!(r#"{exact}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>"#);
    let heading = |outline: u8| {
        format!(
            r#"<w:keepNext/>{exact}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/><w:outlineLvl w:val="{outline}"/>"#
        )
    };
    let size = |hp: u32| format!(r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#);
    let condensed = format!(r#"<w:spacing w:val="{CHAR_SPACING}"/>"#);
    let table_ppr = r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:snapToGrid w:val="0"/><w:jc w:val="center"/>"#;
    let all = [
        style("BodyText", "Body Text", &body, &condensed),
        style(
            "Title",
            "Title",
            &format!(r#"<w:keepNext/><w:spacing w:before="0" w:after="{LINE_PITCH}" w:line="{}" w:lineRule="exact"/><w:jc w:val="center"/>"#, LINE_PITCH * 3 / 2),
            &format!("{}{}", fonts(XIAOBIAOSONG), size(TITLE_SZ)),
        ),
        style("Heading1", "heading 1", &heading(0), &(fonts(HEITI) + &condensed)),
        style("Heading2", "heading 2", &heading(1), &(fonts(KAITI) + &condensed)),
        style("TableHeader", "Table Header", table_ppr, &format!("{}{}<w:b/>", fonts(HEITI), size(TABLE_SZ))),
        style("TableText", "Table Text", table_ppr, &size(TABLE_SZ)),
        style(
            "Signature",
            "Signature",
            &format!(r#"{exact}<w:ind w:right="{}"/><w:jc w:val="right"/>"#, 4 * 320),
            &condensed,
        ),
        style("Footer", "footer", r#"<w:snapToGrid w:val="0"/>"#, &format!("{}{}", fonts(SONGTI), size(PAGE_NO_SZ))),
    ]
    .concat();
    format!(
        r#"{HEAD}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{}{}<w:kern w:val="2"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{all}</w:styles>"#,
        fonts(FANGSONG),
        size(BODY_SZ)
    )
}

fn settings() -> String {
    // Odd and even pages get their own footers: page numbers sit at the outer edge.
    format!(
        r#"{HEAD}<w:settings xmlns:w="{W}"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat></w:settings>"#
    )
}

/// Both names of each font: the preferred one, with the common one as `altName`.
fn font_table() -> String {
    let font = |(name, alt): (&str, &str), family: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        )
    };
    let fallback = |name: &str, family: &str| font((name, name), family);
    format!(
        r#"{HEAD}<w:fonts xmlns:w="{W}">{}{}{}{}{}{}{}{}{}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#,
        font(FANGSONG, "modern"),
        font(XIAOBIAOSONG, "script"),
        font(HEITI, "modern"),
        font(KAITI, "modern"),
        font(SONGTI, "auto"),
        fallback(FANGSONG.1, "modern"),
        fallback(KAITI.1, "modern"),
        fallback("SimHei", "modern"),
        fallback("SimSun", "auto"),
    )
}

/// `— 1 —`: odd pages on the right, even ones on the left, one character in.
fn footer(odd: bool) -> String {
    let (jc, ind) = if odd {
        (
            "right",
            format!(r#"<w:ind w:right="{}"/>"#, PAGE_NO_SZ * 10),
        )
    } else {
        ("left", format!(r#"<w:ind w:left="{}"/>"#, PAGE_NO_SZ * 10))
    };
    let field = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    format!(
        r#"{HEAD}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{jc}"/></w:pPr>{}{field}{}</w:p></w:ftr>"#,
        run("— "),
        run(" —")
    )
}
