//! The Word report read back: the blocks taken from the Markdown, and the package's XML (page,
//! margins, grid, fonts, sizes, headings, the table and its repeated header row, footers).

use super::*;
use crate::model::{ItemRef, Stamp, default_statuses};
use crate::report::weekly::{self, Options, Period};
use chrono::{DateTime, FixedOffset};
use std::io::Read;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn sign() -> Signature {
    Signature {
        office: "区委督查室".into(),
        date: "2023年10月12日".into(),
    }
}

/// The seed board with a status change and a note in the period, as Markdown.
fn report_md() -> String {
    let mut b = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
    let by = Stamp {
        author: "王芳".into(),
        at: at("2023-10-10T11:00:00+08:00"),
    };
    let r = |s: &str| s.parse::<ItemRef>().unwrap();
    b.set_status(r("3"), "behind", &by).unwrap();
    b.add_note(
        r("3"),
        "签约 <95%> & 第二批\n- 已搬迁",
        Some("杨府办〔2023〕12号"),
        &by,
    )
    .unwrap();
    let period = Period::after(
        Some(at("2023-10-05T11:30:00+08:00")),
        at("2023-10-12T12:00:00+08:00"),
    );
    let opts = Options::new(Lang::Zh, FixedOffset::east_opt(8 * 3600));
    weekly::weekly(&b, None, &period, &opts)
}

/// The text of one part of the package.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Every `w:t` text of a part, in order.
fn texts(xml: &str) -> Vec<String> {
    xml.replace(r#"<w:t xml:space="preserve">"#, "<w:t>")
        .split("<w:t>")
        .skip(1)
        .filter_map(|s| s.split_once("</w:t>").map(|(t, _)| t.to_string()))
        .collect()
}

#[test]
fn blocks_follow_the_markdown_numbered_as_documents_are() {
    let md = report_md();
    let blocks = blocks(&md, Lang::Zh);
    let Block::Title(title) = &blocks[0] else {
        panic!("a title first: {blocks:?}")
    };
    assert!(
        title.contains("周报") && title.contains("2023-10-12"),
        "{title}"
    );
    let h1: Vec<&String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading1(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(
        h1,
        [
            "一、概况",
            "二、本期推进情况",
            "三、其他任务（本期无变化）",
            "四、需协调事项"
        ]
    );
    let h2: Vec<&Block> = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading2(_)))
        .collect();
    assert_eq!(h2.len(), 1);
    assert!(
        matches!(h2[0], Block::Heading2(t) if t.starts_with("（一）3. ")),
        "{h2:?}"
    );
    // The note's sub-item is numbered; its lines are plain text, escapes undone.
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Item(t) if t.starts_with("1. 2023-10-10 王芳"))),
        "{blocks:?}"
    );
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Body(t) if t == "签约 <95%> & 第二批"))
    );
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Body(t) if t == "- 已搬迁"))
    );
    // The quiet tasks: a header and one row per task, every task but the changed one.
    let Some(Block::Table(rows)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("a table")
    };
    assert_eq!(rows[0], ["序号", "任务", "状态", "措施完成", "最近更新"]);
    let seeded = crate::seed::board(default_statuses(), at("2023-09-20T09:00:00+08:00"));
    assert_eq!(rows.len(), seeded.tasks.len());
    assert!(rows.iter().all(|r| r.len() == 5), "no row split at a cell");
}

#[test]
fn a_table_cell_keeps_an_escaped_bar() {
    assert_eq!(
        cells(r"| 1 | 美丽家园 \| 20 万 | 推进中 |"),
        ["1", "美丽家园 | 20 万", "推进中"]
    );
    assert_eq!(
        plain(r"\*\*不加粗\*\* **加粗** a\\b"),
        "**不加粗** 加粗 a\\b"
    );
    assert_eq!(hard_break(r"第一行\"), "第一行");
    assert_eq!(hard_break(r"反斜杠\\"), r"反斜杠\\");
    assert_eq!(numeral(1), "一");
    assert_eq!(numeral(10), "十");
    assert_eq!(numeral(23), "二十三");
}

#[test]
fn the_package_has_the_official_page_type_and_footers() {
    let bytes = to_docx(&report_md(), Lang::Zh, &sign()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    // A4, margins 37/35/28/26 mm, 22 lines of 28 characters.
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{doc}"
    );
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579"/>"#));
    let pitch = 320 + xml::CHAR_SPACING; // twips: 16 pt condensed
    assert_eq!(xml::TEXT_W as i32 / pitch, 28, "28 characters a line");
    assert_eq!((xml::PAGE_H - xml::TOP - xml::BOTTOM) / xml::LINE_PITCH, 22);
    // Headings and body paragraphs in their styles, with their text.
    assert!(doc.contains(r#"<w:pStyle w:val="Title"/>"#));
    let t = texts(&doc);
    for h in ["一、概况", "二、本期推进情况", "四、需协调事项"] {
        assert!(t.iter().any(|x| x == h), "{h} in {t:?}");
    }
    assert!(
        t.iter().any(|x| x == "签约 &lt;95%&gt; &amp; 第二批"),
        "escaped"
    );
    // The signature at the end: office, then the date.
    let n = t.len();
    assert_eq!(t[n - 2..], ["区委督查室", "2023年10月12日"]);
    // The table: borders, and a header row that repeats.
    assert!(doc.contains("<w:tblBorders>") && doc.contains(r#"<w:insideV w:val="single""#));
    let first_row = doc.split("<w:tr>").nth(1).unwrap();
    assert!(
        first_row.starts_with("<w:trPr><w:tblHeader/>"),
        "{first_row}"
    );
    assert_eq!(
        doc.matches("<w:tblHeader/>").count(),
        1,
        "only the header row repeats"
    );

    let styles = part(&bytes, "word/styles.xml");
    let style = |id: &str| {
        let s = styles
            .split(&format!(r#"w:styleId="{id}""#))
            .nth(1)
            .unwrap();
        s.split("</w:style>").next().unwrap().to_string()
    };
    assert!(styles.contains(r#"<w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋_GB2312""#));
    assert!(styles.contains(r#"<w:sz w:val="32"/>"#), "body 16 pt");
    let title = style("Title");
    assert!(
        title.contains(r#"w:eastAsia="方正小标宋简体""#) && title.contains(r#"<w:sz w:val="44"/>"#)
    );
    assert!(title.contains(r#"<w:jc w:val="center"/>"#));
    assert!(style("Heading1").contains(r#"w:eastAsia="黑体""#));
    assert!(style("Heading2").contains(r#"w:eastAsia="楷体_GB2312""#));
    assert!(
        style("BodyText").contains(r#"w:lineRule="exact""#),
        "fixed line spacing"
    );
    let footer_style = style("Footer");
    assert!(
        footer_style.contains(r#"w:eastAsia="宋体""#)
            && footer_style.contains(r#"<w:sz w:val="28"/>"#)
    );

    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#));

    // Page numbers at the outer edge: odd pages right, even pages left.
    assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let odd = part(&bytes, "word/footer1.xml");
    let even = part(&bytes, "word/footer2.xml");
    assert!(odd.contains(r#"<w:jc w:val="right"/>"#) && even.contains(r#"<w:jc w:val="left"/>"#));
    for f in [&odd, &even] {
        assert!(f.contains(" PAGE "));
        assert_eq!(texts(f), ["— ", "1", " —"]);
    }
}

#[test]
fn no_office_configured_leaves_the_date_alone_and_hostile_text_stays_text() {
    let md = "# 标题\n\n- 佐证：<w:p>\u{1}&\n";
    let sign = Signature {
        office: "  ".into(),
        date: "2023年10月12日".into(),
    };
    let bytes = to_docx(md, Lang::Zh, &sign).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("佐证：&lt;w:p&gt;&amp;"), "{doc}");
    assert!(!doc.contains('\u{1}'));
    let t = texts(&doc);
    assert_eq!(t.last().map(String::as_str), Some("2023年10月12日"));
    assert_eq!(doc.matches(r#"<w:pStyle w:val="Signature"/>"#).count(), 1);
}
