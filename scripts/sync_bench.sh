#!/usr/bin/env bash
# Time `keywork sync` on the large board (22 tasks, 10,000 notes, 6 MB), two offices on this
# machine sharing a bare repository:
#
#   scripts/sync_bench.sh          # writes bench/sync.json and bench/sync.txt
#
#   nothing      office b syncs with nothing to commit, fetch or push
#   ff-100       office a has pushed 100 new notes (spread over all 22 tasks); b has no local
#                change: commit nothing, fetch, fast-forward, nothing to push
#   merge-100    the same 100 incoming notes while b has a local note on every task: commit
#                it, fetch, merge all 22 task files with the keywork merge driver, push
#
# Each timed run starts from the same state (hyperfine --prepare resets b and the remote).
# Not a test: the figures depend on the machine. Needs hyperfine and jq (bench.sh installs
# hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "sync_bench.sh: needs hyperfine" >&2; exit 1; }
command -v jq >/dev/null || { echo "sync_bench.sh: needs jq" >&2; exit 1; }

cargo build --release --bin keywork --example gen_large_board
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
bin="$target_dir/release/keywork"
gen="$target_dir/release/examples/gen_large_board"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-sync.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export KEYWORK_CONFIG=/nonexistent NO_COLOR=1
unset KEYWORK_BOARD

"$gen" "$tmp/a" >/dev/null
KEYWORK_AUTHOR=zhang "$bin" --board "$tmp/a" sync --setup "$tmp/remote.git" >/dev/null
KEYWORK_AUTHOR=li "$bin" --board "$tmp/b" sync --clone "$tmp/remote.git" >/dev/null
base=$(git -C "$tmp/b" rev-parse HEAD)

for i in $(seq 1 100); do
    KEYWORK_AUTHOR=zhang "$bin" --board "$tmp/a" note "$(( (i % 22) + 1 ))" "甲方第 $i 条佐证：现场核查完成" >/dev/null
done
KEYWORK_AUTHOR=zhang "$bin" --board "$tmp/a" sync >/dev/null
incoming=$(git -C "$tmp/a" rev-parse HEAD)

reset_b="git -C $tmp/b reset -q --hard $base && git -C $tmp/b update-ref refs/remotes/origin/main $base && git -C $tmp/remote.git update-ref refs/heads/main $incoming && rm -f $tmp/b/.keywork-cache.json"
local_notes="for n in \$(seq 1 22); do KEYWORK_AUTHOR=li $bin --board $tmp/b note \$n 乙方本地佐证 >/dev/null; done"

mkdir -p bench
hyperfine --warmup 2 --runs 20 --style basic --export-json bench/sync.json \
    -n "nothing" --prepare "git -C $tmp/b fetch -q && git -C $tmp/b merge -q --ff-only origin/main || true" \
    "KEYWORK_AUTHOR=li $bin --board $tmp/b sync" \
    -n "ff-100" --prepare "$reset_b" \
    "KEYWORK_AUTHOR=li $bin --board $tmp/b sync" \
    -n "merge-100" --prepare "$reset_b && $local_notes" \
    "KEYWORK_AUTHOR=li $bin --board $tmp/b sync"

{
    echo "keywork $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(uname -srm), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(git --version)"
    echo "large board: $(du -sh "$tmp/a/tasks" | cut -f1) of task files; 100 incoming notes over 22 tasks"
    jq -r '.results[] | "\(.command)\tmedian \(.median * 1000 | floor) ms\tmin \(.min * 1000 | floor) ms\tmax \(.max * 1000 | floor) ms"' bench/sync.json
} | tee bench/sync.txt
