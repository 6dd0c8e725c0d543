#!/usr/bin/env bash
# Issue 17 goal 2: the TUI's peak memory (and `status`'s) for two keywork binaries, on the same
# fresh boards, as scripts/bench_wave3.sh measures it (ptybench's peak_rss_kb: VmHWM just before
# the quit key, 120x40, 20 selection moves, 3 runs; median and every run).
#
#   scripts/bench_memory.sh BEFORE AFTER GEN
#
# BEFORE and AFTER are keywork release binaries, GEN the gen_large_board example. Both binaries
# are copied into the temp dir first, so that both are wholly in the page cache (the part of a
# binary mapped into a process, counted in its RSS, depends on that).
set -euo pipefail
before=$1 after=$2 gen=$3
cd "$(dirname "$0")/.."
ptybench=../shared/tools/ptybench.py
[ -f "$ptybench" ] || ptybench=/work/shared/tools/ptybench.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-mem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export KEYWORK_CONFIG=/nonexistent KEYWORK_AUTHOR=bench NO_COLOR=1 TERM=xterm-256color
unset KEYWORK_BOARD
cp "$before" "$tmp/before"
cp "$after" "$tmp/after"
"$tmp/before" --board "$tmp/seed" init >/dev/null
"$gen" "$tmp/k10" >/dev/null
"$gen" "$tmp/k50" --notes 50000 >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in seed k10 k50; do
    for bin in before after; do
        python3 "$ptybench" --runs 3 --count 20 --key 'down*5,up*5' --idle-ms 0 \
            --ready-text 加快推动城市更新 --quit-key q -- "$tmp/$bin" --board "$tmp/$b" \
            >"$tmp/moves.json"
        jq -c "{board: \"$b\", bin: \"$bin\", peak_rss_kb: .median.peak_rss_kb, runs: [.runs[].peak_rss_kb]}" \
            "$tmp/moves.json"
        status=$(for i in 1 2 3; do
            /usr/bin/time -f %M "$tmp/$bin" --board "$tmp/$b" status 2>&1 >/dev/null | tail -1
        done | sort -n | sed -n 2p)
        echo "{\"board\":\"$b\",\"bin\":\"$bin\",\"status_max_rss_kb_median\":$status}"
    done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
