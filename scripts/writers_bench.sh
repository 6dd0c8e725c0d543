#!/usr/bin/env bash
# Many writers at once on one board, counted afterwards:
#
#   scripts/writers_bench.sh [WRITERS] [CHANGES_EACH]     # default 20 × 50
#
# WRITERS processes each run CHANGES_EACH `keywork` commands on the same two tasks (15 and
# 15.2), alternating a note and a status change, as fast as they can. Every command that exits 0
# must be on the board: this prints how many commands reported success, how many notes and
# status events the board holds, and whether they match (zero loss). The CI test
# (tests/concurrency.rs) does the same with 8 × 25 on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
writers=${1:-20}
each=${2:-50}
cargo build --release --bin keywork >/dev/null 2>&1
bin="$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)/release/keywork"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/keywork-writers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export KEYWORK_CONFIG=/nonexistent
"$bin" --board "$tmp/b" init >/dev/null 2>&1

start=$(date +%s%N)
for w in $(seq 1 "$writers"); do
    (
        ok=0
        statuses=(doing behind done todo)
        for i in $(seq 1 "$each"); do
            if (( i % 2 )); then
                KEYWORK_AUTHOR="w$w" "$bin" --board "$tmp/b" note 15.2 "writer $w change $i" >/dev/null 2>>"$tmp/errors" && ok=$((ok + 1))
            else
                KEYWORK_AUTHOR="w$w" "$bin" --board "$tmp/b" set 15 "${statuses[$(( (w + i) % 4 ))]}" --reason "w$w" >/dev/null 2>>"$tmp/errors" && ok=$((ok + 1))
            fi
        done
        echo "$ok" >"$tmp/ok.$w"
    ) &
done
wait
end=$(date +%s%N)

reported=$(cat "$tmp"/ok.* | awk '{ s += $1 } END { print s }')
notes=$(grep -c '^text = "writer ' "$tmp/b/tasks/15.toml" || true)
# A status command that set the status the task already had records nothing.
events=$(grep -c '^kind = "status"' "$tmp/b/tasks/15.toml" || true)
noops=$(grep -c . "$tmp/errors" 2>/dev/null || true)
expected_notes=$(( writers * ((each + 1) / 2) ))
echo "writers × changes: $writers × $each = $((writers * each)) commands in $(( (end - start) / 1000000 )) ms"
echo "reported success:  $reported   (stderr lines: $noops)"
echo "notes on board:    $notes of $expected_notes"
echo "status events:     $events (a status set to the value it already has records none)"
if [ "$notes" -eq "$expected_notes" ] && [ "$reported" -eq $((writers * each)) ]; then
    echo "zero loss"
else
    echo "LOSS" && exit 1
fi
