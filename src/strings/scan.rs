//! The rule that keeps one voice: user-visible text is written only in `src/strings/`.
//!
//! A simple scan of the source: outside `src/strings/`, outside tests and comments, no string
//! literal holds Chinese text and nobody picks between two languages inline (`pick(…)`,
//! `zh_en(…)`). Text that is data rather than a message (the words the importer recognises,
//! the embedded seed) says so: a line ending in a `// data: <why>` comment, or a file whose
//! first lines hold `// strings-scan: data file — <why>`.
//!
//! `SCANNED` lists the parts of the crate already converted; each conversion adds its roots.

/// Roots (relative to the crate) whose files must keep the rule.
const SCANNED: &[&str] = &[
    "src/strings", // the catalogue itself is skipped; listed so the list is never empty
    "src/ui",
    "src/tui",
    "src/keymap",
    "src/present.rs",
    "src/layout.rs",
    "src/text.rs",
    "src/targets",
    "src/report/mod.rs",
    "src/report/form.rs",
    "src/report/weekly",
    "src/report/ledger",
    "src/report/ledger_xlsx.rs",
    "src/report/follow.rs",
    "src/report/follow_ledger.rs",
    "src/report/docx",
    "src/cli",
    "src/store",
    "src/sync",
    "src/config",
    "src/encoding.rs",
    "src/tomlfile.rs",
    "src/change.rs",
    "src/main.rs",
    "src/app",
    "src/effects",
    "src/model",
    "src/import",
];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The lines of one file's source that break the rule, as `path:line: text`.
pub(crate) fn offences(path: &str, source: &str) -> Vec<String> {
    if path.contains("/strings/")
        || path.ends_with("tests.rs")
        || path.contains("/tests/")
        || source
            .lines()
            .take(5)
            .any(|l| l.contains("// strings-scan: data file"))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") || line.contains("// data:") {
            continue;
        }
        let code = match line.find(" // ") {
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        };
        let chinese = code.contains('"') && code.chars().any(is_cjk);
        let inline_pick = code.contains(".pick(\"") || code.contains("zh_en(");
        if chinese || inline_pick {
            found.push(format!("{path}:{}: {}", i + 1, t));
        }
    }
    found
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converted_code_writes_no_message_outside_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for r in SCANNED {
            let p = root.join(r);
            if p.is_file() {
                files.push(p);
            } else {
                walk(&p, &mut files);
            }
        }
        let mut bad = Vec::new();
        for f in files {
            let rel = f
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            bad.extend(offences(&rel, &std::fs::read_to_string(&f).unwrap()));
        }
        assert!(
            bad.is_empty(),
            "user-visible text outside src/strings/ (move it to the catalogue, or mark data with `// data: why`):\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn the_scan_finds_chinese_literals_and_inline_picks_but_not_comments_tests_or_data() {
        let src = "fn a() {\n    // 注释\n    let x = \"中文\";\n    let y = lang.pick(\"是\", \"yes\");\n    let z = \"牵头\"; // data: a keyword the importer matches\n    let w = 1; // 说明\n}\n#[cfg(test)]\nmod tests { const T: &str = \"测试\"; }\n";
        let found = offences("src/x.rs", src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("src/x.rs:3:"));
        assert!(found[1].starts_with("src/x.rs:4:"));
        assert!(offences("src/strings/cli.rs", src).is_empty());
        assert!(offences("src/a/tests.rs", src).is_empty());
        let data = format!("// strings-scan: data file — the seed\n{src}");
        assert!(offences("src/seed.rs", &data).is_empty());
    }
}
