#!/usr/bin/env bash
# shellcheck disable=SC2317  # the seed_* functions are called by name
# Coverage-guided fuzzing of keywork with cargo-fuzz (libFuzzer), one target after the other.
#
#   scripts/fuzz.sh                    # every target (import, task_file, editor), 600 s each
#   scripts/fuzz.sh 60                 # every target, 60 s each
#   scripts/fuzz.sh 600 editor import  # only these targets
#
#   FUZZ_SANITIZER=none scripts/fuzz.sh   # without AddressSanitizer (default: address)
#
# Prints per target libFuzzer's closing `Done N runs in S second(s)` line, its last status line
# (`#N DONE cov: .. ft: .. corp: N/size exec/s: ..`) and whether it found a crash; the whole
# log is kept in fuzz/logs/<target>.log. Exits 1 if any target crashed: the input is then in
# fuzz/artifacts/<target>/ (minimise it with `cargo fuzz tmin <target> <file>`).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). It passes nightly-only compiler
# flags (-Zsanitizer, sanitizer-coverage), so on a stable toolchain the builds run with
# RUSTC_BOOTSTRAP=1. Everything runs at `nice -n 19` and as ONE fuzzing process
# (`-workers=1 -jobs=1`: libFuzzer runs the fuzzer in one child process whose log it writes to
# ./fuzz-0.log, removed here once copied).
#
# Seed corpora are made at run time (fuzz/corpus/ is not committed; a corpus left by an
# earlier run is kept and grows):
#   import     seeds/*.txt and tests/fixtures/import/* (published lists, good and bad ones)
#   task_file  board.toml, tasks/1.toml and tasks/15.toml of a board that the debug binary
#              creates from its embedded seed (`keywork --board DIR init`) and then changes
#              (set, note, target, assign, due, set done with a reason); plus a review file and
#              a draft file written below
#   editor     three hand-made operation sequences (the byte layout is described in
#              fuzz/fuzz_targets/editor.rs): typing CJK, pastes with control sequences, cursor
#              moves, resizes from 20x5 to 200x60, save, cancel, edit, undo
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import task_file editor)
sanitizer=${FUZZ_SANITIZER:-address}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is needed: cargo install cargo-fuzz --locked" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1

corpus=fuzz/corpus
logs=fuzz/logs
mkdir -p "$logs"

seed_import() {
    local dir=$corpus/import
    mkdir -p "$dir"
    cp seeds/*.txt tests/fixtures/import/* "$dir"/
}

seed_task_file() {
    local dir=$corpus/task_file tmp
    mkdir -p "$dir"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-fuzz.XXXXXX")
    (
        export KEYWORK_CONFIG=/nonexistent KEYWORK_AUTHOR=fuzz NO_COLOR=1
        unset KEYWORK_BOARD
        kw() { nice -n 19 cargo run --quiet --bin keywork -- --board "$tmp/b" "$@" >/dev/null; }
        kw init &&
            kw set 15.2 doing &&
            kw note 15.2 $'第一行：签约率 99.2%\n第二行 "引号"' --ref '杨府发〔2023〕1号' &&
            kw target 15.1 1200 &&
            kw assign 15 --lead 区旧改办 --partner 区房管局 --partner 街道 &&
            kw due 15.3 2023-12-31 &&
            kw set 15.2 'done' --reason 市级统筹
    ) || {
        echo "fuzz.sh: could not make the task file seeds" >&2
        rm -rf "$tmp"
        return 1
    }
    cp "$tmp/b/board.toml" "$dir/board.toml"
    cp "$tmp/b/tasks/1.toml" "$dir/task-1.toml"
    cp "$tmp/b/tasks/15.toml" "$dir/task-15.toml"
    rm -rf "$tmp"
    cat >"$dir/review.toml" <<'EOF'
schema = 1
date = "2023-10-12"
scope = "changed"
started = "2023-10-12T09:30:00+08:00"
started_by = "王芳"
since = "2023-10-05T11:00:00+08:00"
order = [15, 20]
position = 1

[[items]]
number = 15
reviewed = true
conclusion = "进度正常"
next_step = "加快签约"
owner = "区旧改办"
due = "2023-10-31"
updated = "2023-10-12T09:40:00+08:00"
updated_by = "王芳"

[[items]]
number = 20
coordination = "需市级部门协调"
EOF
    cat >"$dir/draft.toml" <<'EOF'
on = "15.2"
text = "第一行\n第二行"
reference = "杨府发〔2023〕1号"
saved = "2023-10-05T10:00:00+08:00"
EOF
}

seed_editor() {
    local dir=$corpus/editor
    mkdir -p "$dir"
    # 80x24: type 中文一, Enter, paste pieces, Left Left Up, draw, End Backspace Tab,
    # paste raw UTF-8, draw, Ctrl-S, draw.
    printf '\x3c\x13\x00\x00\x27\x00\x00\x28\x00\x00\x29\x00\x02\x00\x00\x04\x04\x00\x00\x01\x0c\x05\x02\x06\x00\x02\x06\x00\x02\x08\x00\x07\x02\x0b\x00\x02\x04\x00\x02\x02\x00\x04\x0d\x01\xe6\x9d\xa8\xe5\xba\x9c\xe5\x8f\x91\x32\x30\x32\x33\x07\x00\x02\x04\x07' >"$dir/type-save"
    # 200x60, English, wide mode: emoji, combining mark, Hangul, ideographic space, Home Delete
    # Down, typed newline/ESC/bidi override, resize to 20x5, draw, back to 200x60, draw, Esc, y.
    printf '\xb4\x37\x03\x00\x36\x00\x00\x33\x00\x00\x38\x00\x00\x31\x00\x00\x27\x03\x02\x0a\x00\x02\x05\x00\x02\x09\x00\x00\x3d\x00\x00\x3f\x00\x00\x44\x00\x05\x00\x00\x07\x05\xb4\x37\x07\x02\x01\x00\x00\x0d\x00\x07' >"$dir/wide-resize"
    # 20x5: Esc, Edit (the existing note), type, paste control sequences, Save, Undo, Redo, draw.
    printf '\x00\x00\x04\x02\x01\x00\x06\x04\x00\x0b\x00\x04\x06\x00\x05\x06\x07\x08\x0a\x09\x06\x00\x06\x13\x06\x14\x07' >"$dir/edit-undo"
}

echo "fuzz.sh: building ${targets[*]} (sanitizer: $sanitizer)"
for t in "${targets[@]}"; do
    nice -n 19 cargo fuzz build --sanitizer "$sanitizer" "$t" || exit 2
done

crashed=0
summary=()
for t in "${targets[@]}"; do
    "seed_$t" || exit 2
    log=$logs/$t.log
    start=$logs/.start-$t
    touch "$start"
    # libFuzzer caps inputs at the largest seed unless told, and grows the cap only slowly
    # (-len_control): the editor's seeds are a few dozen bytes, far fewer operations than an
    # editing session, and at ~50 runs/s the cap would stay near them for the whole run.
    extra=()
    [ "$t" = editor ] && extra=(-max_len=2048 -len_control=0)
    echo "fuzz.sh: $t for ${seconds}s, corpus $corpus/$t ($(find "$corpus/$t" -type f | wc -l) files), log $log"
    nice -n 19 cargo fuzz run --sanitizer "$sanitizer" "$t" "$corpus/$t" -- \
        -max_total_time="$seconds" -workers=1 -jobs=1 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
    rc=$?
    rm -f "$root/fuzz-0.log"
    new_artifacts=$(find "fuzz/artifacts/$t" -type f -newer "$start" \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) 2>/dev/null)
    rm -f "$start"
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1)
    status_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
    if [ -n "$new_artifacts" ] || grep -qE '^==[0-9]+==ERROR|deadly signal|panicked at' "$log"; then
        why=$(grep -A1 -m1 'panicked at' "$log" | tail -n 1 | cut -c1-200)
        verdict="CRASH (exit $rc): ${new_artifacts:-no artifact written}${why:+; $why}"
        crashed=1
    elif [ "$rc" -ne 0 ]; then
        verdict="FAILED (exit $rc, no crash artifact): see $log"
        crashed=1
    else
        verdict="no crash"
    fi
    summary+=("$t: ${done_line:-no Done line (stopped early)}" "  ${status_line:-no status line}" "  $verdict")
done

echo
printf '%s\n' "${summary[@]}"
exit "$crashed"
