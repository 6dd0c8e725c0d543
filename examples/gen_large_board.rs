//! Write a large, realistic board for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example gen_large_board -- DIR [--force] [--notes N]
//! ```
//!
//! Starts from the embedded seed (22 tasks) and grows it to 200 measures, 10,000 evidence
//! notes (multi-line Chinese, 40–120 characters, some with a reference, spread over 2023) and
//! 20,000 history events (one `note_added` per note, the rest status changes and target
//! updates, consistent from → to). Deterministic: the same DIR content every run (a small LCG,
//! no randomness from the system). Refuses a non-empty DIR unless `--force`.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use keywork::model::{
    Board, Event, EventKind, Measure, Note, default_statuses, format_value, round_value,
};
use keywork::store::Store;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

const MEASURES: usize = 200;
/// Notes by default (`--notes N` for the 1k or 50k boards); history events are twice that.
const NOTES: usize = 10_000;
/// Updates recorded per target (the rest of the events are status changes).
const UPDATES_PER_TARGET: usize = 40;

/// Knuth's MMIX LCG: deterministic, good enough to spread test data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A working-hours moment on one of the 359 days after `midnight` (its time zone).
    fn time_after(&mut self, midnight: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let day = 1 + self.below(359) as i64;
        let minute = 8 * 60 + 30 + self.below(10 * 60) as i64;
        let second = self.below(60) as i64;
        let nanos = self.below(1_000_000_000) as i64;
        midnight
            + Duration::days(day)
            + Duration::minutes(minute)
            + Duration::seconds(second)
            + Duration::nanoseconds(nanos)
    }
}

const AUTHORS: &[&str] = &[
    "王芳", "李明", "张伟", "刘洋", "陈静", "杨磊", "赵丽", "黄强", "周敏", "吴涛", "zhaoli",
    "sunqiang",
];

const UNITS: &[&str] = &[
    "区发展改革委",
    "区住房保障局",
    "区建设管理委",
    "区绿化市容局",
    "区商务委",
    "区科委",
    "区教育局",
    "区卫生健康委",
    "区民政局",
    "区司法局",
    "区城管执法局",
    "区规划资源局",
    "控江路街道",
    "长白新村街道",
    "五角场街道",
    "平凉路街道",
    "殷行街道",
    "大桥街道",
    "滨江公司",
    "区政府办公室",
];

const VERBS: &[&str] = &[
    "推进",
    "完成",
    "深化",
    "落实",
    "加快",
    "开展",
    "建立健全",
    "持续优化",
    "统筹推进",
    "全面实施",
];

const OBJECTS: &[&str] = &[
    "社区养老服务设施改造",
    "老旧小区雨污分流改造",
    "“一网通办”事项标准化",
    "滨江公共空间贯通工程",
    "重点企业走访服务",
    "街道综合执法队伍建设",
    "智慧社区应用场景建设",
    "校园周边交通综合整治",
    "15分钟社区生活圈建设",
    "历史风貌保护建筑修缮",
    "非机动车停放秩序治理",
    "既有多层住宅加装电梯",
    "政务服务“好差评”制度",
    "公共卫生应急能力建设",
    "口袋公园和街心花园建设",
    "数字经济重点项目储备",
];

const COMPLEMENTS: &[&str] = &[
    "形成可复制可推广的经验",
    "确保年内全面完成",
    "按季度报送推进情况",
    "建立问题清单和责任清单",
    "切实提升群众获得感",
    "年底前完成验收",
    "纳入年度绩效考核",
    "每月通报进展",
];

const TOPICS: &[&str] = &[
    "旧改收尾",
    "加装电梯",
    "美丽家园",
    "营商环境",
    "人才安居",
    "城市更新",
    "安全生产",
    "社区治理",
];

const CLOSERS: &[&str] = &[
    "下一步将加快推进剩余工作。",
    "相关台账已归档。",
    "详见附件。",
    "已报区政府办公室备案。",
    "存在的困难已列入下月协调事项。",
    "现场照片和签到表已上传。",
];

/// How a note starts: who did what, when.
fn opener(rng: &mut Lcg, at: DateTime<FixedOffset>) -> String {
    let unit = rng.pick(UNITS);
    match rng.below(4) {
        0 => format!(
            "{}月{}日，{unit}召开{}专题推进会，",
            at.format("%-m"),
            at.format("%-d"),
            rng.pick(TOPICS)
        ),
        1 => format!("会同{unit}开展现场踏勘{}次，", 1 + rng.below(9)),
        2 => format!("{unit}报送第{}季度进展情况：", 1 + rng.below(4)),
        _ => format!("{unit}牵头完成{}阶段性工作，", rng.pick(TOPICS)),
    }
}

/// One fact of progress (12–25 characters).
fn fact(rng: &mut Lcg) -> String {
    let n = 1 + rng.below(60);
    match rng.below(5) {
        0 => format!("已完成{n}项，占年度目标的{}%；", 20 + rng.below(80)),
        1 => format!(
            "累计投入资金{}.{}万元；",
            10 + rng.below(900),
            rng.below(10)
        ),
        2 => format!("协调解决难点问题{n}个；"),
        3 => format!(
            "形成问题清单{n}项，已整改{}项；",
            n.saturating_sub(rng.below(n + 1))
        ),
        _ => format!("签约率达到{}.{}%；", 60 + rng.below(40), rng.below(10)),
    }
}

/// A multi-line note of about 40–120 characters: opener, facts, closing remark.
fn note_text(rng: &mut Lcg, at: DateTime<FixedOffset>) -> String {
    let want = 40 + rng.below(81);
    let mut text = opener(rng, at);
    if rng.chance(50) {
        text.push('\n');
    }
    let closer = rng.pick(CLOSERS);
    let budget = |t: &str| t.chars().count() + closer.chars().count();
    loop {
        let f = fact(rng);
        if budget(&text) + f.chars().count() > 120 {
            break;
        }
        text.push_str(&f);
        if budget(&text) >= want {
            break;
        }
    }
    let mut text = text.trim_end_matches(['，', '；']).to_string();
    text.push_str(if text.ends_with('：') { "" } else { "。" });
    if rng.chance(50) {
        text.push('\n');
    }
    text.push_str(closer);
    text
}

fn make_reference(rng: &mut Lcg, task: u32) -> Option<String> {
    if !rng.chance(30) {
        return None;
    }
    let n = 1 + rng.below(200);
    Some(match rng.below(4) {
        0 => format!("杨府办发〔2023〕{n}号"),
        1 => format!("杨建管〔2023〕{n}号"),
        2 => format!("杨发改〔2023〕{n}号"),
        _ => format!("台账/2023/Q{}/任务{task}-{n}.xlsx", 1 + rng.below(4)),
    })
}

fn measure_text(rng: &mut Lcg) -> String {
    let verb = rng.pick(VERBS);
    let object = rng.pick(OBJECTS);
    let complement = rng.pick(COMPLEMENTS);
    if rng.chance(40) {
        let n = 2 + rng.below(48);
        let unit = rng.pick(&["个", "处", "项", "条", "家"]);
        format!("{verb}{object}，年内完成{n}{unit}，{complement}。")
    } else {
        format!("{verb}{object}，{complement}。")
    }
}

struct Totals {
    measures: usize,
    targets: usize,
    notes: usize,
    events: usize,
}

fn totals(board: &Board) -> Totals {
    let sum = |f: fn(&keywork::model::Task) -> usize| board.tasks.iter().map(f).sum();
    Totals {
        measures: sum(|t| t.measures.len()),
        targets: sum(|t| t.targets.len()),
        notes: sum(|t| t.notes.len()),
        events: sum(|t| t.history.len()),
    }
}

/// Build the large board. Pure: the same board every time.
fn large_board(notes: usize) -> Board {
    let tz = FixedOffset::east_opt(8 * 3600).unwrap();
    let created = tz.with_ymd_and_hms(2023, 1, 3, 9, 0, 0).unwrap();
    let midnight = tz.with_ymd_and_hms(2023, 1, 3, 0, 0, 0).unwrap();
    let mut board = keywork::seed::board(default_statuses(), created);
    let mut rng = Lcg(0x6b65_7977_6f72_6b21);
    let statuses: Vec<String> = board.meta.statuses.iter().map(|s| s.key.clone()).collect();
    let initial = board.meta.initial_status().to_string();

    // Measures: grow to MEASURES, ids continuing N.k.
    let mut count = totals(&board).measures;
    while count < MEASURES {
        let i = rng.below(board.tasks.len());
        let task = &mut board.tasks[i];
        let id = format!("{}.{}", task.number, task.measures.len() + 1);
        task.measures.push(Measure {
            id,
            text: measure_text(&mut rng),
            status: initial.clone(),
            lead: Vec::new(),
            partners: Vec::new(),
            deadline: None,
            leader: Vec::new(),
        });
        count += 1;
    }

    // Some tasks get much more attention than others (task 15 most of all).
    let weights: Vec<usize> = board
        .tasks
        .iter()
        .map(|t| match t.number {
            15 => 12,
            n => 1 + (n as usize * 7) % 5,
        })
        .collect();
    let total_weight: usize = weights.iter().sum();
    let pick_task = |rng: &mut Lcg| {
        let mut r = rng.below(total_weight);
        weights
            .iter()
            .position(|w| {
                if r < *w {
                    true
                } else {
                    r -= w;
                    false
                }
            })
            .unwrap()
    };

    // Notes, each with its note_added event.
    let mut ids = HashSet::new();
    for _ in 0..notes {
        let i = pick_task(&mut rng);
        let at = rng.time_after(midnight);
        let author = rng.pick(AUTHORS).to_string();
        let task = &mut board.tasks[i];
        let on = if task.measures.is_empty() || rng.chance(25) {
            None
        } else {
            Some(rng.pick(&task.measures).id.clone())
        };
        let id = loop {
            let id = format!("{}-{:08x}", at.format("%Y%m%d%H%M%S"), rng.next() as u32);
            if ids.insert(id.clone()) {
                break id;
            }
        };
        let text = note_text(&mut rng, at);
        let reference = make_reference(&mut rng, task.number);
        task.history.push(Event {
            at,
            author: author.clone(),
            kind: EventKind::NoteAdded,
            on: on.clone().unwrap_or_else(|| task.number.to_string()),
            from: None,
            to: None,
            note: Some(id.clone()),
        });
        task.notes.push(Note {
            id,
            at,
            author,
            on,
            text,
            reference,
            edited: None,
            files: Vec::new(),
        });
    }

    // Target updates: rising towards the target.
    for task in &mut board.tasks {
        for target in &mut task.targets {
            let mut times: Vec<_> = (0..UPDATES_PER_TARGET)
                .map(|_| rng.time_after(midnight))
                .collect();
            times.sort();
            let mut current: Option<f64> = None;
            for (k, at) in times.into_iter().enumerate() {
                let share = (k + 1) as f64 / UPDATES_PER_TARGET as f64;
                let jitter = 0.9 + rng.below(21) as f64 / 100.0;
                let value = round_value((target.target * share * jitter).round());
                let author = rng.pick(AUTHORS).to_string();
                task.history.push(Event {
                    at,
                    author: author.clone(),
                    kind: EventKind::Target,
                    on: target.id.clone(),
                    from: current.map(format_value),
                    to: Some(format_value(value)),
                    note: None,
                });
                current = Some(value);
                target.current = current;
                target.updated = Some(at);
                target.updated_by = Some(author);
            }
        }
    }

    // Status changes fill the rest, consistent from → to per task or measure.
    let so_far = totals(&board).events;
    let status_events = (2 * notes).saturating_sub(so_far);
    let mut changes: Vec<(usize, Option<usize>, DateTime<FixedOffset>)> = (0..status_events)
        .map(|_| {
            let i = pick_task(&mut rng);
            let n = board.tasks[i].measures.len();
            let m = (n > 0 && rng.chance(80)).then(|| rng.below(n));
            (i, m, rng.time_after(midnight))
        })
        .collect();
    changes.sort_by_key(|c| c.2);
    for (i, m, at) in changes {
        let task = &mut board.tasks[i];
        let (slot, on) = match m {
            Some(m) => {
                let measure = &mut task.measures[m];
                (&mut measure.status, measure.id.clone())
            }
            None => (&mut task.status, task.number.to_string()),
        };
        let others: Vec<&String> = statuses.iter().filter(|s| **s != *slot).collect();
        let to = (*rng.pick(&others)).clone();
        let from = std::mem::replace(slot, to.clone());
        task.history.push(Event {
            at,
            author: rng.pick(AUTHORS).to_string(),
            kind: EventKind::Status,
            on,
            from: Some(from),
            to: Some(to),
            note: None,
        });
    }

    for task in &mut board.tasks {
        task.notes.sort_by_key(|n| n.at);
        task.history.sort_by_key(|e| e.at);
    }
    board
}

fn usage() -> ExitCode {
    eprintln!("usage: gen_large_board DIR [--force] [--notes N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut force = false;
    let mut notes = NOTES;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--force") => force = true,
            Some("--notes") => match args.next().and_then(|n| n.to_str()?.parse().ok()) {
                Some(n) => notes = n,
                None => return usage(),
            },
            Some("-h" | "--help") => return usage(),
            Some(a) if a.starts_with('-') => return usage(),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return usage(),
        }
    }
    let Some(dir) = dir else {
        return usage();
    };
    let non_empty = std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !force {
        eprintln!(
            "gen_large_board: {} is not empty; use --force to write there anyway",
            dir.display()
        );
        return ExitCode::from(2);
    }

    let started = std::time::Instant::now();
    let board = large_board(notes);
    let built = started.elapsed();
    let store = Store::new(&dir);
    match store.create(&board, force) {
        Ok(Some(backup)) => println!("the previous board was backed up to {}", backup.display()),
        Ok(None) => {}
        Err(e) => {
            eprintln!("gen_large_board: {e}");
            return ExitCode::from(1);
        }
    }
    let t = totals(&board);
    let bytes: u64 = std::fs::read_dir(dir.join("tasks"))
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!(
        "{}: {} tasks, {} measures, {} targets, {} notes, {} history events; \
         task files {:.1} MB (built in {:.0?}, written in {:.0?})",
        dir.display(),
        board.tasks.len(),
        t.measures,
        t.targets,
        t.notes,
        t.events,
        bytes as f64 / 1e6,
        built,
        started.elapsed() - built
    );
    ExitCode::SUCCESS
}
