//! Tests of the import module.

use super::*;
use crate::model::default_statuses;

const SEED: &str = include_str!("../../seeds/yangpu-2023-key-tasks.txt");

fn ok(src: &str) -> ParsedList {
    parse_str(src).unwrap_or_else(|e| panic!("{e:?}"))
}

/// (line, message) of each error.
fn errs(src: &str) -> Vec<(usize, String)> {
    match parse_str(src) {
        Ok(list) => panic!("expected errors, got {list:?}"),
        Err(e) => e
            .into_iter()
            .map(|e| (e.line, e.problem.to_string()))
            .collect(),
    }
}

fn numbers(list: &ParsedList) -> Vec<u32> {
    list.tasks.iter().map(|t| t.number).collect()
}

fn measure_counts(list: &ParsedList) -> Vec<usize> {
    list.tasks.iter().map(|t| t.measures.len()).collect()
}

fn measure_texts(t: &ParsedTask) -> Vec<&str> {
    t.measures.iter().map(|m| m.text.as_str()).collect()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-10-01T09:00:00+08:00").expect("valid time")
}

#[test]
fn seed_gives_22_tasks_with_title_and_date() {
    let list = ok(SEED);
    assert_eq!(numbers(&list), (1..=22).collect::<Vec<_>>());
    assert_eq!(list.title, "2023 年区委、区政府重点工作任务");
    assert_eq!(list.issued, NaiveDate::from_ymd_opt(2023, 9, 19));
    assert_eq!(
        list.tasks[0].title,
        "深入学习贯彻党的二十大精神和习近平总书记考察上海重要讲话精神"
    );
    assert_eq!(list.tasks[0].line, 3);
    assert_eq!(list.tasks[21].line, 45);
}

#[test]
fn seed_measures_are_the_sentences_after_the_title() {
    let list = ok(SEED);
    let t15 = &list.tasks[14];
    assert_eq!(t15.title, "加快推动城市更新");
    // The brief said 5; the published text has 4 sentences after the title.
    assert_eq!(t15.measures.len(), 4);
    assert!(t15.measures[1].text.starts_with("综合运用拆除重建"));
    assert!(t15.measures[3].text.ends_with("“小而美”的公共空间。"));
    assert_eq!(
        measure_counts(&list),
        vec![
            3, 8, 5, 9, 4, 8, 5, 4, 6, 3, 5, 8, 5, 4, 4, 6, 7, 4, 6, 7, 7, 8
        ]
    );
    let t10 = &list.tasks[9];
    let last = t10.measures.last().expect("task 10 has measures");
    assert!(
        last.text.ends_with("基层武装部规范化建设成果"),
        "{}",
        last.text
    );
    assert!(t15.text.starts_with("加快推动城市更新。按照全市"));
    assert!(t10.text.ends_with("建设成果"));
    assert!(list.tasks[17].measures[3].text.ends_with("“十连冠”。"));
}

#[test]
fn seed_board_has_ids_statuses_targets_and_history() {
    let list = ok(SEED);
    let board = build_board(
        &list,
        default_statuses(),
        "yangpu-2023-key-tasks.txt",
        now(),
    );
    assert_eq!(board.meta.schema, SCHEMA);
    assert_eq!(board.meta.title, "2023 年区委、区政府重点工作任务");
    assert_eq!(board.meta.issued, NaiveDate::from_ymd_opt(2023, 9, 19));
    assert_eq!(board.meta.source, "yangpu-2023-key-tasks.txt");
    assert_eq!(board.meta.created, now());
    assert_eq!(board.tasks.len(), 22);
    let t15 = board.task(15).expect("task 15");
    assert_eq!(t15.status, "todo");
    let ids: Vec<_> = t15.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, vec!["15.1", "15.2", "15.3", "15.4"]);
    assert!(t15.measures.iter().all(|m| m.status == "todo"));
    let targets: Vec<_> = t15
        .targets
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.target,
                t.unit.as_str(),
                t.measure.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        targets,
        vec![
            ("15.1", 74000.0, "平方米", Some("15.2")),
            ("15.2", 2400.0, "户", Some("15.2")),
            ("15.3", 500000.0, "平方米", Some("15.3")),
            ("15.4", 200.0, "台", Some("15.3")),
            ("15.5", 10.0, "条", Some("15.4")),
            ("15.6", 5.0, "条", Some("15.4")),
            ("15.7", 4.0, "处", Some("15.4")),
            ("15.8", 16.0, "公里", Some("15.4")),
        ]
    );
    let t13 = board.task(13).expect("task 13");
    assert_eq!(t13.targets.len(), 2);
    assert_eq!(t13.targets[1].measure.as_deref(), Some("13.5"));
    let history = &t15.history;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, EventKind::Created);
    assert_eq!(
        (history[0].on.as_str(), history[0].author.as_str()),
        ("15", "import")
    );
    assert!(
        board
            .tasks
            .iter()
            .all(|t| t.lead.is_empty() && t.notes.is_empty())
    );
    let with_targets: Vec<u32> = board
        .tasks
        .iter()
        .filter(|t| !t.targets.is_empty())
        .map(|t| t.number)
        .collect();
    assert_eq!(with_targets, vec![13, 15]);
}

#[test]
fn title_targets_have_no_measure_and_come_first() {
    let list = ok("1.新建5所学校。完成200台加装电梯。\n");
    let board = build_board(&list, default_statuses(), "x", now());
    let t = &board.tasks[0].targets;
    assert_eq!((t[0].id.as_str(), t[0].measure.as_deref()), ("1.1", None));
    assert_eq!(
        (t[1].id.as_str(), t[1].measure.as_deref()),
        ("1.2", Some("1.1"))
    );
}

#[test]
fn every_numbering_style_parses() {
    let fixtures = [
        include_str!("../../tests/fixtures/import/style-dot.txt"),
        include_str!("../../tests/fixtures/import/style-dunhao.txt"),
        include_str!("../../tests/fixtures/import/style-fullwidth.txt"),
        include_str!("../../tests/fixtures/import/style-paren.txt"),
        include_str!("../../tests/fixtures/import/style-chinese-paren.txt"),
    ];
    for src in fixtures {
        let list = ok(src);
        assert_eq!(numbers(&list), vec![1, 2, 3], "{src}");
        assert_eq!(list.tasks[0].title, "推进旧区改造", "{src}");
        assert_eq!(list.tasks[1].title, "优化营商环境", "{src}");
    }
    let cn = ok(include_str!(
        "../../tests/fixtures/import/style-chinese.txt"
    ));
    assert_eq!(numbers(&cn), vec![1, 2, 3, 4]);
    assert_eq!(cn.tasks[3].text, "建设美丽家园。新建4处公共绿地。");
    assert_eq!(cn.issued, None);
    assert_eq!(cn.title, "街道重点工作任务");
}

#[test]
fn styles_keep_their_own_measures_and_dates() {
    let dot = ok(include_str!("../../tests/fixtures/import/style-dot.txt"));
    assert_eq!(measure_counts(&dot), vec![2, 1, 1]);
    assert_eq!(dot.title, "2024 年街道重点工作任务");
    assert_eq!(dot.issued, NaiveDate::from_ymd_opt(2024, 2, 1));
    let dunhao = ok(include_str!("../../tests/fixtures/import/style-dunhao.txt"));
    assert_eq!(dunhao.tasks[0].text, "推进旧区改造。完成3处旧住房改造。");
    assert_eq!(dunhao.issued, NaiveDate::from_ymd_opt(2024, 3, 8));
    assert_eq!(dunhao.title, "街道重点工作任务");
    assert_eq!(measure_counts(&dunhao), vec![1, 0, 2]);
    let fw = ok(include_str!(
        "../../tests/fixtures/import/style-fullwidth.txt"
    ));
    assert_eq!(fw.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
    assert_eq!(fw.tasks[2].title, "加强社区治理");
    assert_eq!(
        measure_texts(&fw.tasks[2]),
        vec!["深化睦邻中心建设？", "推动志愿服务"]
    );
    let paren = ok(include_str!("../../tests/fixtures/import/style-paren.txt"));
    assert_eq!(paren.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
    assert_eq!(paren.tasks[2].text, "加强社区治理。深化睦邻中心建设。");
}

#[test]
fn markers_up_to_twenty_two_and_non_markers() {
    assert_eq!(parse_marker("十二、加强"), Some((12, "加强")));
    assert_eq!(parse_marker("二十二、加强"), Some((22, "加强")));
    assert_eq!(parse_marker("（十二）加强"), Some((12, "加强")));
    assert_eq!(parse_marker("１５．加快"), Some((15, "加快")));
    assert_eq!(parse_marker("22.\u{3000}加强"), Some((22, "加强")));
    assert_eq!(parse_marker("1.5万平方米"), None);
    assert_eq!(parse_marker("2023 年区委"), None);
    assert_eq!(parse_marker("1，加强"), None);
    assert_eq!(parse_marker("一批项目"), None);
    assert_eq!(parse_marker("2."), Some((2, "")));
}

#[test]
fn title_dates_in_every_style() {
    let d = NaiveDate::from_ymd_opt(2023, 9, 19);
    for line in [
        "重点工作任务 2023-09-19",
        "重点工作任务 2023年9月19日",
        "重点工作任务2023年9月19日",
        "重点工作任务 2023.09.19",
        "重点工作任务 2023/9/19",
        "重点工作任务（２０２３年９月１９日）",
        "重点工作任务 (2023-09-19)",
    ] {
        assert_eq!(
            split_issued(line),
            ("重点工作任务".to_string(), d),
            "{line}"
        );
    }
    assert_eq!(split_issued("2023 年重点工作任务").1, None);
    assert_eq!(
        split_issued("任务 2023-13-40"),
        ("任务 2023-13-40".to_string(), None)
    );
    assert_eq!(split_issued("任务 12023-09-19").1, None);
}

#[test]
fn crlf_bom_and_cr_only_files_parse() {
    let bytes = include_bytes!("../../tests/fixtures/import/crlf-bom.txt");
    for list in [
        parse_bytes(bytes),
        parse_str(include_str!("../../tests/fixtures/import/crlf-bom.txt")),
    ] {
        let list = list.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(list.title, "街道重点工作任务");
        assert_eq!(list.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(numbers(&list), vec![1, 2, 3]);
        assert_eq!(list.tasks[0].line, 3);
        assert!(!list.tasks[2].text.contains('\r'));
    }
    let cr = ok(include_str!("../../tests/fixtures/import/cr-only.txt"));
    assert_eq!(numbers(&cr), vec![1, 2, 3]);
    assert_eq!(cr.tasks[2].line, 4);
}

#[test]
fn blank_lines_and_all_kinds_of_spaces_are_ignored() {
    let list = ok(include_str!("../../tests/fixtures/import/blank-spaces.txt"));
    assert_eq!(list.title, "街道重点工作任务");
    assert_eq!(list.issued, NaiveDate::from_ymd_opt(2024, 1, 5));
    assert_eq!(numbers(&list), vec![1, 2, 3]);
    let lines: Vec<usize> = list.tasks.iter().map(|t| t.line).collect();
    assert_eq!(lines, vec![6, 9, 11]);
    assert_eq!(list.tasks[0].text, "推进旧区改造。完成3处旧住房改造。");
    assert_eq!(list.tasks[1].text, "优化营商环境。");
    assert_eq!(measure_texts(&list.tasks[2]), vec!["深化睦邻中心建设。"]);
}

#[test]
fn continuation_lines_join_the_task_before() {
    let list = ok(include_str!("../../tests/fixtures/import/continuation.txt"));
    assert_eq!(numbers(&list), vec![1, 2, 3]);
    let t1 = &list.tasks[0];
    assert_eq!(
        t1.text,
        "推进旧区改造。综合运用拆除重建、成套改造等方式,加快7.4万平方米旧住房改造。\n完成200台加装电梯任务。"
    );
    assert_eq!(t1.measures.len(), 2);
    assert_eq!(
        list.tasks[1].text,
        "推进数字化转型。建设5G network 基站10座。"
    );
    assert_eq!(list.tasks[2].line, 7);
}

#[test]
fn a_file_without_title_line_has_an_empty_title() {
    let list = ok(include_str!("../../tests/fixtures/import/no-title.txt"));
    assert_eq!((list.title.as_str(), list.issued), ("", None));
    assert_eq!(numbers(&list), vec![1, 2, 3]);
    assert_eq!(list.tasks[0].line, 1);
}

#[test]
fn duplicate_number_is_an_error_naming_both_lines() {
    let e = errs(include_str!(
        "../../tests/fixtures/import/bad-duplicate.txt"
    ));
    assert_eq!(
        e,
        vec![(4, "task 2 appears twice (first on line 3)".to_string())]
    );
}

#[test]
fn backwards_number_is_an_error() {
    let e = errs(include_str!(
        "../../tests/fixtures/import/bad-backwards.txt"
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, 5);
}

#[test]
fn going_back_to_an_unused_number_is_an_error() {
    let e = errs("1.一。\n3.三。\n2.二。\n");
    assert_eq!(
        e,
        vec![
            (2, "task 2 is missing before line 2".to_string()),
            (
                3,
                "task 2 comes after task 3: numbers must go up".to_string()
            ),
        ]
    );
}

#[test]
fn gap_is_an_error() {
    let e = errs(include_str!("../../tests/fixtures/import/bad-gap.txt"));
    assert_eq!(e, vec![(4, "task 3 is missing before line 4".to_string())]);
    let e = errs("1.一。\n5.五。\n");
    assert_eq!(
        e,
        vec![(2, "tasks 2–4 are missing before line 2".to_string())]
    );
}

#[test]
fn a_line_before_the_first_task_is_the_description() {
    let list = ok(include_str!("../../tests/fixtures/import/bad-stray.txt"));
    assert_eq!(list.title, "街道重点工作任务");
    assert_eq!(list.description.as_deref(), Some("这一行不是任务。"));
    assert_eq!(numbers(&list), vec![1, 2, 3]);
}

#[test]
fn empty_task_line_is_an_error() {
    let e = errs(include_str!(
        "../../tests/fixtures/import/bad-empty-task.txt"
    ));
    assert_eq!(
        e,
        vec![(
            3,
            "\"2.\" — a number alone; its text is expected on the next line".to_string()
        )]
    );
    assert_eq!(
        errs("1.推进旧区改造。\n2.（牵头：区建管委）\n"),
        vec![(2, "task 2 has no text after its number".to_string())]
    );
}

#[test]
fn task_zero_and_no_tasks_are_errors() {
    assert_eq!(errs("0.零。\n")[0].0, 1);
    assert_eq!(
        errs("只有标题\n\n"),
        vec![(2, "no numbered tasks found".to_string())]
    );
    assert_eq!(errs("")[0].0, 1);
    let huge = errs("4294967295.甲。\n4294967295.乙。\n");
    assert_eq!(huge.len(), 2, "{huge:?}");
}

#[test]
fn every_bad_line_is_reported() {
    let e = errs(include_str!(
        "../../tests/fixtures/import/bad-two-errors.txt"
    ));
    let lines: Vec<usize> = e.iter().map(|(l, _)| *l).collect();
    // The line before the first task is preamble now, not an error.
    assert_eq!(lines, vec![5]);
    let err = parse_str("标题\n杂项\n1.一。\n1.二。\n3.\n").expect_err("three problems");
    let lines: Vec<usize> = err.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![4, 5, 5]);
    assert_eq!(
        err[1].to_string(),
        "line 5: \"3.\" — a number alone; its text is expected on the next line"
    );
}

#[test]
fn invalid_utf8_names_line_and_byte() {
    let bytes = include_bytes!("../../tests/fixtures/import/bad-utf8.txt");
    let e: Vec<_> = parse_bytes(bytes)
        .expect_err("invalid UTF-8")
        .into_iter()
        .map(|e| (e.line, e.problem.to_string()))
        .collect();
    // Neither UTF-8 nor GBK: one error, at the first byte no encoding reads.
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, 3);
    assert!(e[0].1.starts_with("invalid text at byte 51:"), "{e:?}");
    let crlf = parse_bytes(b"t\r\n1.a\r\n\xff\r\n").expect_err("bad");
    assert_eq!(crlf[0].line, 3);
}

#[test]
fn sentences_keep_closing_quotes_and_last_unfinished_one() {
    assert_eq!(
        split_sentences("甲。乙“丙。”丁！！戊"),
        vec!["甲。", "乙“丙。”", "丁！！", "戊"]
    );
    assert_eq!(split_sentences("  "), Vec::<String>::new());
}

mod fuzz {
    //! The importer on arbitrary text: never a panic; every error names a line in the file.
    use super::super::*;
    use proptest::prelude::*;

    fn lines() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("1.".to_string()),
            Just("（二）".to_string()),
            Just("十二、".to_string()),
            Just("１５．".to_string()),
            Just("。".to_string()),
            Just("\r\n".to_string()),
            Just("\n".to_string()),
            Just("\u{feff}".to_string()),
            Just("7.4万平方米、2400余户".to_string()),
            "[ 0-9a-z。，、（）．“”\u{3000}一二三十中文]{0,12}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        #[test]
        fn never_panics_and_errors_name_real_lines(src in lines()) {
            let total = src.lines().count().max(1);
            match parse_str(&src) {
                Ok(list) => {
                    for t in &list.tasks {
                        prop_assert!(t.number >= 1);
                        prop_assert!(t.line >= 1 && t.line <= total);
                    }
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(e.line >= 1 && e.line <= total + 1, "{e:?} of {total}");
                    }
                }
            }
        }

        #[test]
        fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_bytes(&bytes);
        }
    }
}
