#!/usr/bin/env bash
# Time the quick commands on a fresh seed board and on a large generated board.
#
#   scripts/bench.sh            # writes bench/seed.json, bench/large.json, bench/summary.txt,
#                               # bench/tui.txt
#   BENCH_BOARDS="seed large huge" scripts/bench.sh   # also the 50k-note board (slow)
#
# Builds the release binary and the gen_large_board example, makes both boards in a temp dir,
# then runs hyperfine (--warmup 5 --runs 50, no shell) on: status, status --json, show 15,
# note 15 and note 10 (real writes with fsync; the notes simply accumulate). On the large board
# task 15 is the largest task (about 1,500 notes, 1 MB) and task 10 a typical one. Not a test: numbers depend on
# the machine. Targets: status seed < 3 ms, large < 50 ms; note seed < 10 ms, large < 30 ms.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y hyperfine >/dev/null || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
    else
        echo "bench.sh: hyperfine is needed (apt-get install hyperfine, or cargo install hyperfine)" >&2
        exit 1
    fi
fi
command -v jq >/dev/null 2>&1 || { echo "bench.sh: jq is needed" >&2; exit 1; }

cargo build --release --bin keywork --example gen_large_board
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
bin="$target_dir/release/keywork"
gen="$target_dir/release/examples/gen_large_board"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The same environment for every run: no user config, a fixed author, no colour.
export KEYWORK_CONFIG=/nonexistent KEYWORK_AUTHOR=bench NO_COLOR=1
unset KEYWORK_BOARD

"$gen" "$tmp/large" >/dev/null
"$bin" --board "$tmp/seed" init >/dev/null
boards=${BENCH_BOARDS:-seed large}
case " $boards " in *" huge "*) "$gen" "$tmp/huge" --notes 50000 >/dev/null ;; esac

mkdir -p bench
for board in seed large; do
    dir="$tmp/$board"
    hyperfine -N --warmup 5 --runs 50 --style basic \
        --export-json "bench/$board.json" \
        -n "status" "$bin --board $dir status" \
        -n "status --json" "$bin --board $dir status --json" \
        -n "show 15" "$bin --board $dir show 15" \
        -n "note 15 bench" "$bin --board $dir note 15 bench" \
        -n "note 10 bench" "$bin --board $dir note 10 bench" \
        -n "set 15 doing" "$bin --board $dir set 15 doing" \
        -n "report" "$bin --board $dir report -o $tmp/report.md" \
        -n "export csv" "$bin --board $dir export --format csv -o $tmp/ledger.csv" \
        -n "export xlsx" "$bin --board $dir export --format xlsx -o $tmp/ledger.xlsx" \
        -n "log -n 50" "$bin --board $dir log -n 50"
done

{
    echo "keywork $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(uname -srm), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "large board: $(du -sh "$tmp/large/tasks" | cut -f1) of task files"
    echo
    printf '%-16s %12s %12s\n' "median (ms)" "seed" "large"
    jq -rn --slurpfile s bench/seed.json --slurpfile l bench/large.json '
        [$s[0].results, $l[0].results] | transpose[]
        | [.[0].command, (.[0].median * 1000), (.[1].median * 1000)]
        | "\(.[0])\t\(.[1])\t\(.[2])"' |
        while IFS=$'\t' read -r name seed large; do
            printf '%-16s %12.2f %12.2f\n' "$name" "$seed" "$large"
        done
    echo
    echo "targets: status seed < 3 ms, large < 50 ms; note seed < 10 ms, large < 30 ms;"
    echo "         report and export on the large board < 200 ms"
} | tee bench/summary.txt

# The board in a terminal (120x40, TERM=xterm-256color): first frame, first key answered (a
# Down sent the moment the first frame is on screen), peak memory, bytes per selection move
# and per Chinese character typed in the editor. Needs Python 3 with pyte for ptybench.
ptybench=../shared/tools/ptybench.py
[ -f "$ptybench" ] || ptybench=/work/shared/tools/ptybench.py
{
    echo "keywork $(git rev-parse --short HEAD 2>/dev/null || echo '?'), TUI at 120x40 (medians)"
    printf '%-8s %12s %16s %12s %10s %10s\n' board "first frame" "first key (ms)" "peak RSS" "move (B)" "中 (B)"
    for board in $boards; do
        dir="$tmp/$board"
        fk=$(python3 scripts/firstkey.py --runs 7 -- "$bin" --board "$dir")
        moves=$(python3 "$ptybench" --runs 3 --count 20 --key 'down*5,up*5' --idle-ms 0 \
            --ready-text 加快推动城市更新 --quit-key q -- "$bin" --board "$dir")
        typing=$(python3 "$ptybench" --runs 1 --count 10 --pre-key n --key 中 --idle-ms 0 \
            --ready-text 加快推动城市更新 --quit-key ctrl-c -- "$bin" --board "$dir")
        printf '%-8s %9.1f ms %16.1f %9.1f MB %10s %10s\n' "$board" \
            "$(jq .median.first_frame_ms <<<"$fk")" "$(jq .median.answered_ms <<<"$fk")" \
            "$(jq '.median.peak_rss_kb / 1024' <<<"$moves")" \
            "$(jq .median.key_bytes_median <<<"$moves")" "$(jq .median.key_bytes_median <<<"$typing")"
    done
} | tee bench/tui.txt
