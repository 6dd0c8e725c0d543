//! The corpus of published-list layouts (tests/fixtures/lists/ plus Word and Excel files the
//! helpers write): each imports to the board in its snapshot (the dry-run text, which shows
//! groups, tasks, measures with owners and deadlines, targets and lines set aside).

use super::office_fixtures::{docx_numbered, docx_table, xlsx};
use super::*;
use crate::model::default_statuses;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-03-01T09:00:00+08:00").expect("valid time")
}

fn opts() -> Options {
    Options {
        level: None,
        year: Some(2024),
    }
}

/// Import a file's bytes and render the dry run.
pub(super) fn dry_run(name: &str, bytes: &[u8], opts: &Options) -> String {
    let list = parse_file(name, bytes, opts).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let board = build_board(&list, default_statuses(), name, now());
    dry::render(crate::strings::Lang::En, &list, &board)
}

macro_rules! corpus {
    ($($test:ident => $file:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            let bytes = include_bytes!(concat!("../../tests/fixtures/lists/", $file));
            insta::assert_snapshot!(stringify!($test), dry_run($file, bytes, &opts()));
        }
    )*};
}

corpus! {
    number_alone => "01-number-alone.txt",
    number_space => "02-number-space.txt",
    nested_levels => "03-nested.txt",
    nested_restarting => "04-nested-restart.txt",
    heading_issuer_number_preamble => "05-heading.txt",
    measures_per_line => "06-measures-lines.txt",
    owner_fields => "07-owners.txt",
    pdf_copy => "08-pdf-copy.txt",
    gbk_file => "09-gbk.txt",
    utf16_file => "10-utf16.txt",
    targets_and_percentages => "11-targets.txt",
    table_with_pipes => "12-table-pipe.txt",
    table_cell_per_line => "13-table-cells.txt",
}

/// The Excel list: a merged title, merged 序号/重点工作 cells over several measure rows, a
/// section row merged across, a 目标 column.
pub(super) fn east_xlsx() -> Vec<u8> {
    xlsx(
        "东阳区2025年重点民生工作任务表",
        &[
            "序号",
            "工作任务",
            "工作举措",
            "目标",
            "牵头单位",
            "配合单位",
            "完成时限",
        ],
        &[
            vec![Some("一、教育卫生")],
            vec![
                Some("1"),
                Some("扩充基础教育学位"),
                Some("新建中小学3所"),
                Some("新增学位4500个"),
                Some("区教育局"),
                Some("区发展改革委"),
                Some("2025年8月底"),
            ],
            vec![
                None,
                None,
                Some("改扩建幼儿园2所"),
                None,
                None,
                Some("区住房城乡建设委"),
                None,
            ],
            vec![
                Some("2"),
                Some("提升基层医疗服务能力"),
                Some("建成社区医院4家\n培训全科医生150人次"),
                Some(""),
                Some("区卫生健康委"),
                Some("各街道"),
                Some("12月底前"),
            ],
            vec![Some("二、城市环境")],
            vec![
                Some("3"),
                Some("推进垃圾分类"),
                Some("建设两网融合回收点80个"),
                Some("生活垃圾回收利用率达到45%以上"),
                Some("区绿化市容局"),
                Some(""),
                Some("全年"),
            ],
        ],
    )
}

#[test]
fn excel_table_with_merged_cells() {
    insta::assert_snapshot!("excel_table", dry_run("list.xlsx", &east_xlsx(), &opts()));
}

pub(super) fn dragon_docx() -> Vec<u8> {
    docx_table(
        &[
            "龙泉县人民政府办公室",
            "龙政办发〔2024〕12号",
            "龙泉县2024年县政府重点工作任务分解表",
            "2024年3月8日",
        ],
        &[
            "序号",
            "重点工作",
            "具体内容",
            "责任领导",
            "牵头单位",
            "责任单位",
            "时间节点",
        ],
        &[
            vec![
                Some("1"),
                Some("建设交通强县"),
                Some("（1）新改建农村公路60公里\n（2）新增城乡公交线路5条"),
                Some("刘建军"),
                Some("县交通运输局"),
                Some("县财政局、各乡镇"),
                Some("11月底前"),
            ],
            vec![
                Some("2"),
                Some("发展特色农业"),
                Some("新建茶叶标准化基地2000亩"),
                Some("吴海燕"),
                Some("县农业农村局"),
                Some("各乡镇"),
                Some("2024年10月"),
            ],
            vec![
                None,
                None,
                Some("培育农业龙头企业5家"),
                None,
                Some("县农业农村局"),
                Some("县商务局"),
                Some("2024年12月"),
            ],
        ],
    )
}

#[test]
fn word_table_with_vertical_merges() {
    insta::assert_snapshot!("word_table", dry_run("list.docx", &dragon_docx(), &opts()));
}

#[test]
fn word_paragraphs_with_automatic_numbering() {
    let bytes = docx_numbered(&[
        (0, "南湖街道2025年重点工作任务"),
        (1, "党建引领基层治理"),
        (2, "推进“红色物业”全覆盖。"),
        (3, "在15个小区成立物业党支部"),
        (0, "牵头单位：街道党建办；完成时限：6月底前"),
        (2, "建设社区党群服务站6个。"),
        (1, "民生保障"),
        (2, "新增社区长者食堂3家。"),
        (0, "牵头单位：街道社区服务办"),
    ]);
    insta::assert_snapshot!("word_numbered", dry_run("list.docx", &bytes, &opts()));
}

#[test]
fn level_option_picks_the_task_level() {
    let bytes = include_bytes!("../../tests/fixtures/lists/03-nested.txt");
    let by_section = Options {
        level: Some(1),
        year: Some(2024),
    };
    let list = parse_file("03.txt", bytes, &by_section).expect("level 1 reads");
    assert_eq!(list.tasks.len(), 2);
    assert_eq!(list.tasks[0].title, "提升政务服务效能");
    let e = parse_file(
        "03.txt",
        bytes,
        &Options {
            level: Some(7),
            year: None,
        },
    )
    .expect_err("no level 7");
    assert!(
        e[0].problem.to_string().contains("4 numbering levels"),
        "{e:?}"
    );
}

#[test]
fn a_duplicate_across_levels_suggests_the_level_option() {
    // 1. restarts under each 一、 while also carrying the content: forced to level 1, the
    // numbers of level 2 repeat: the message names the levels.
    let src = "一、甲\n1.新建学校2所。\n二、乙\n1.新建公园1座。\n2.新增绿地5公顷。\n";
    let e = parse_str_with(
        src,
        &Options {
            level: Some(2),
            year: None,
        },
    )
    .expect_err("1 appears twice at level 2");
    assert_eq!(e[0].line, 4);
    assert!(e[0].problem.to_string().contains("--level N"), "{e:?}");
    assert!(e[0].problem.to_string().contains("1 \"一、\""), "{e:?}");
    // Without --level, the restarting level is the tasks, renumbered.
    let list = parse_str(src).expect("reads");
    let numbers: Vec<u32> = list.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    assert_eq!(list.tasks[2].group, vec!["二、乙"]);
}

#[test]
fn owner_lines_and_cells_never_become_measures_or_text() {
    for (name, bytes) in [
        (
            "07.txt",
            include_bytes!("../../tests/fixtures/lists/07-owners.txt").to_vec(),
        ),
        (
            "12.txt",
            include_bytes!("../../tests/fixtures/lists/12-table-pipe.txt").to_vec(),
        ),
        ("list.xlsx", east_xlsx()),
        ("list.docx", dragon_docx()),
    ] {
        let list = parse_file(name, &bytes, &opts()).expect("reads");
        for t in &list.tasks {
            for text in std::iter::once(&t.text).chain(t.measures.iter().map(|m| &m.text)) {
                for label in [
                    "牵头",
                    "责任单位",
                    "配合",
                    "完成时限",
                    "时间节点",
                    "责任领导",
                ] {
                    assert!(!text.contains(label), "{name}: {label} in {text:?}");
                }
            }
        }
    }
}

#[test]
fn a_bare_page_number_in_sequence_is_not_a_task() {
    // A PDF copy: the page number `2` falls inside task 1, and task 2 is written `2.` later.
    let src = "某区重点工作\n1.推进城市更新。完成旧住房改造\n2\n3万平方米。\n2.优化营商环境。\n";
    let list = parse_str(src).expect("reads");
    let titles: Vec<&str> = list.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["推进城市更新", "优化营商环境"]);
    assert_eq!(list.set_aside[0].line, 3);
}

#[test]
fn table_numbers_restarting_under_each_section_run_on() {
    let src = "清单\n| 序号 | 工作任务 | 牵头单位 |\n| 一、产业 | | |\n| 1 | 培育企业10家 | 区经委 |\n| 二、民生 | | |\n| 1 | 新建学校2所 | 区教育局 |\n";
    let list = parse_str(src).expect("reads");
    let numbers: Vec<u32> = list.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, vec![1, 2]);
    assert_eq!(list.tasks[1].group, vec!["二、民生"]);
}
