#!/bin/sh
# Issue 19 §1 in a real xterm: run the board under Xvfb at 120x40, add a note to task 15
# (`j`x14, Enter, n, 完成签约2400余户, Ctrl-S), move down once, and save a screenshot. Before
# the backend rewrote the other half of a wide character, the target progress bars showed one
# grey cell too many there. Local only (slow, needs X): not part of `cargo test` or CI.
#
#   scripts/xterm_shot.sh [BIN] [OUT.png]
#
# Needs the Debian packages xvfb, xterm, xdotool, x11-apps (xwd), netpbm and a CJK font
# (fonts-wqy-zenhei).
set -eu
BIN=${1:-target/release/keywork}
OUT=${2:-xterm-issue19.png}
BIN=$(realpath "$BIN")
TMP=$(mktemp -d)
trap 'kill $XPID 2>/dev/null || true; kill $VPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
export HOME="$TMP" XDG_CONFIG_HOME="$TMP/c" XDG_DATA_HOME="$TMP/d" KEYWORK_CONFIG=/nonexistent
export LANG=C.UTF-8 KEYWORK_AUTHOR=shot
"$BIN" --board "$TMP/board" init >/dev/null
D=:$((90 + $$ % 9))
Xvfb "$D" -screen 0 1500x900x24 >/dev/null 2>&1 &
VPID=$!
sleep 1
DISPLAY=$D xterm -geometry 120x40+0+0 -fa 'WenQuanYi Zen Hei Mono' -fs 10 \
    -bg white -fg black -e "$BIN" --board "$TMP/board" &
XPID=$!
sleep 2
key() { DISPLAY=$D xdotool key --delay 80 "$@"; sleep 0.3; }
i=0
while [ $i -lt 14 ]; do key j; i=$((i + 1)); done
key Return
key n
sleep 0.5
DISPLAY=$D xdotool type --delay 80 '完成签约2400余户'
sleep 0.5
key ctrl+s
sleep 0.5
key j
sleep 1
DISPLAY=$D xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$OUT"
echo "$OUT"
