#!/usr/bin/env bash
# Issue 17 wave 3: the CLI and TUI figures of bench/issue17-wave3.md for one keywork binary.
#
#   scripts/bench_wave3.sh BIN GEN OPEN_BENCH OUT_PREFIX
#
# BIN is keywork, GEN gen_large_board, OPEN_BENCH the open_bench example (all release builds).
# Makes fresh boards (seed, 1k, 10k, 50k notes) in a temp dir, then: hyperfine (-N, warmup 3,
# 10 runs; median and user+sys CPU) of status, show 15, note 15, set 15 doing on the 10k and 50k
# boards; ptybench bytes per selection move and peak RSS (120x40); open task 15 (ptybench and
# open_bench); first frame and first key (firstkey.py). JSON files go to OUT_PREFIX-*.json.
set -euo pipefail
bin=$1 gen=$2 open=$3 out=$4
cd "$(dirname "$0")/.."
ptybench=../shared/tools/ptybench.py
[ -f "$ptybench" ] || ptybench=/work/shared/tools/ptybench.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-wave3.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export KEYWORK_CONFIG=/nonexistent KEYWORK_AUTHOR=bench NO_COLOR=1 TERM=xterm-256color
unset KEYWORK_BOARD
"$bin" --board "$tmp/seed" init >/dev/null
"$gen" "$tmp/k1" --notes 1000 >/dev/null
"$gen" "$tmp/k10" >/dev/null
"$gen" "$tmp/k50" --notes 50000 >/dev/null
for b in k10 k50; do cp -a "$tmp/$b" "$tmp/$b-cli"; done

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in k10 k50; do
    d=$tmp/$b-cli
    hyperfine -N --warmup 3 --runs 10 --style none --export-json "$out-cli-$b.json" \
        -n status "$bin --board $d status" -n "show 15" "$bin --board $d show 15" \
        -n "note 15" "$bin --board $d note 15 bench" -n "set 15 doing" "$bin --board $d set 15 doing" \
        >/dev/null
    jq -r '.results[] | "\(.command)\tmedian \(.median*1000*10|floor/10) ms\tuser+sys \((.user+.system)*1000*10|floor/10) ms"' \
        "$out-cli-$b.json" | sed "s/^/$b /"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in seed k1 k10 k50; do
    python3 "$ptybench" --runs 3 --count 20 --key 'down*5,up*5' --idle-ms 0 \
        --ready-text 加快推动城市更新 --quit-key q -- "$bin" --board "$tmp/$b" >"$out-moves-$b.json"
    jq -c "{board: \"$b\", peak_rss_kb: .median.peak_rss_kb, bytes_per_move: .median.key_bytes_median}" "$out-moves-$b.json"
done
python3 "$ptybench" --runs 5 --count 1 --pre-key down --pre-key down --key enter --idle-ms 0 \
    --ready-text 加快推动城市更新 --quit-key q -- "$bin" --board "$tmp/k10" >"$out-open.json"
jq -c '{open_15_key_to_screen: [.runs[].key_latency_ms_median]}' "$out-open.json"
for i in 1 2 3 4 5; do "$open" "$tmp/k10" 2>&1 | tail -1; done
for b in seed k10 k50; do
    python3 scripts/firstkey.py --runs 7 -- "$bin" --board "$tmp/$b" >"$out-firstkey-$b.json"
    jq -c "{board: \"$b\"} + .median" "$out-firstkey-$b.json"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
