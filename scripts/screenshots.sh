#!/usr/bin/env bash
# Render the keywork TUI to PNG screenshots in screenshots/.
#
# Usage (from the repo root):  scripts/screenshots.sh [SCREEN...]
#   SCREEN is any of: board detail editor help review (default: all five).
#
# What it does:
#   1. installs tmux, chromium, fonts-noto-cjk and fonts-dejavu-core with apt-get if missing
#      (needs root, or sudo);
#   2. builds target/release/keywork with `cargo build --release` if it is missing;
#   3. makes a demo board in a temp dir with the keywork CLI;
#   4. for each screen: runs keywork in a detached tmux session of exactly 120x40, sends keys,
#      waits for the screen to show what it should, captures it with `tmux capture-pane -e`,
#      turns that into HTML with scripts/ansi2html.py and screenshots the HTML with headless
#      Chromium into screenshots/NAME.png.
#
# Environment:
#   KEYWORK_BIN      binary to run (default target/release/keywork)
#   SCREENSHOT_DIR   where the PNGs go (default screenshots)
#   SCALE            device scale factor for Chromium (default 1; 2 gives a 2x sharper PNG)
#   KEEP_TMP=1       keep the temp dir (board, captures, HTML) and print its path
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

COLS=120
ROWS=40
BIN=${KEYWORK_BIN:-$ROOT/target/release/keywork}
OUT=${SCREENSHOT_DIR:-$ROOT/screenshots}
SCALE=${SCALE:-1}
SCREENS=("$@")
[ ${#SCREENS[@]} -gt 0 ] || SCREENS=(board detail editor help review sync filters tree)

log() { printf 'screenshots: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ------------------------------------------------------------------ dependencies

need_pkgs=()
fonts=$(fc-list : family 2>/dev/null || true)
command -v tmux >/dev/null 2>&1 || need_pkgs+=(tmux)
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
command -v fc-list >/dev/null 2>&1 || need_pkgs+=(fontconfig)
case $fonts in *"Noto Sans Mono CJK SC"*) ;; *) need_pkgs+=(fonts-noto-cjk) ;; esac
case $fonts in *"DejaVu Sans Mono"*) ;; *) need_pkgs+=(fonts-dejavu-core) ;; esac
if [ ${#need_pkgs[@]} -gt 0 ]; then
    log "installing ${need_pkgs[*]}"
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${need_pkgs[@]}" >/dev/null
    if command -v fc-cache >/dev/null 2>&1; then fc-cache -f >/dev/null 2>&1 || true; fi
fi

if [ ! -x "$BIN" ]; then
    log "building the release binary"
    cargo build --release
fi
[ -x "$BIN" ] || die "no binary at $BIN"

# ------------------------------------------------------------------ temp dir, tmux server

TMP=$(mktemp -d "${TMPDIR:-/tmp}/keywork-shots.XXXXXX")
SOCK="keywork-shots-$$"
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# Reproducible: no user config, a fixed author, a UTF-8 locale.
export KEYWORK_CONFIG=/nonexistent LANG=C.UTF-8 LC_ALL=C.UTF-8 KEYWORK_AUTHOR=王芳
unset KEYWORK_BOARD NO_COLOR || true

kw() { "$BIN" --board "$TMP/demo" "$@" >/dev/null; }

# ------------------------------------------------------------------ demo board

log "preparing the demo board"
# `init` creates the board from the embedded seed (an explicit --board is never created by
# another command).
out=$("$BIN" --board "$TMP/demo" init 2>&1) || { printf '%s\n' "$out" >&2; die "keywork init failed"; }
kw set 2 doing
kw set 2.1 "done"
kw note 2.1 "出台《促进在线新经济发展若干政策》，新增规上企业36家" --ref "杨府办发〔2023〕5号"
kw set 6 doing
kw set 13 "done"
kw note 13 "全年新建改扩建中小学、幼儿园5所，新增学位2800个"
kw set 15 doing
kw set 15.1 doing
kw set 15.3 "done"
kw note 15.3 "完成加装电梯120台，另有45台在建" --ref "杨府发〔2023〕12号"
kw target 15.4 120
kw note 15 "区城市更新指挥部召开第三次推进会，明确年底前完成凤南一村签约"
kw set 17 doing
kw set 20 behind
kw note 20 "燃气管网改造因施工许可延后，预计滞后两个月" --ref "区安委办〔2023〕8号"
kw set 22 doing

# ------------------------------------------------------------------ tmux helpers

T() { tmux -L "$SOCK" "$@"; }

# A private tmux server (own socket, no user config): no status line, so the pane is the whole
# 120x40 window; Esc is passed on at once; a crashed app stays on screen for the error message.
cat >"$TMP/tmux.conf" <<'CONF'
set -g status off
set -s escape-time 0
set -g remain-on-exit on
set -g default-terminal screen-256color
CONF

start() {   # start NAME [ARGS...]: a fresh copy of the board in a detached 120x40 session
    local name=$1
    shift
    if [ "${KEEP_BOARD:-0}" != 1 ]; then
        rm -rf "$TMP/run-$name"
        cp -a "$TMP/demo" "$TMP/run-$name"
    fi
    T -f "$TMP/tmux.conf" new-session -d -s "$name" -x "$COLS" -y "$ROWS" \
        "exec '$BIN' --board '$TMP/run-$name' $*"
    wait_for "$name" "${READY:-帮助}"
}

plain() { T capture-pane -p -t "$1"; }

wait_for() {  # wait_for NAME TEXT [TIMEOUT_S]: until the screen shows TEXT
    local name=$1 text=$2 tries=$(( ${3:-10} * 10 ))
    for ((i = 0; i < tries; i++)); do
        if plain "$name" 2>/dev/null | grep -qF -- "$text"; then
            sleep 0.15      # let the frame finish drawing
            return 0
        fi
        sleep 0.1
    done
    plain "$name" >&2 || true
    die "screen '$name' never showed '$text'"
}

keys() {      # keys NAME KEY...: send keys one at a time, with a short pause after each
    local name=$1; shift
    for k in "$@"; do
        T send-keys -t "$name" "$k"
        sleep 0.12
    done
}

selected() {  # the text shown in reverse video (the selection), one line per screen row
    T capture-pane -e -p -N -t "$1" | python3 "$ROOT/scripts/ansi2html.py" --reverse-text \
        --cols "$COLS" --rows "$ROWS"
}

shoot() {     # shoot NAME [--cursor]: capture the pane and render screenshots/NAME.png
    local name=$1 cursor_args=()
    T capture-pane -e -p -N -t "$name" >"$TMP/$name.ans"
    local size
    size=$(T display-message -p -t "$name" '#{pane_width}x#{pane_height}')
    [ "$size" = "${COLS}x${ROWS}" ] || die "pane is $size, not ${COLS}x${ROWS}"
    if [ "${2:-}" = --cursor ] && [ "$(T display-message -p -t "$name" '#{cursor_flag}')" = 1 ]; then
        cursor_args=(--cursor "$(T display-message -p -t "$name" '#{cursor_x},#{cursor_y}')")
    fi
    python3 "$ROOT/scripts/ansi2html.py" --cols "$COLS" --rows "$ROWS" \
        --title "keywork $name" --size-file "$TMP/$name.size" "${cursor_args[@]}" \
        -o "$TMP/$name.html" "$TMP/$name.ans"
    local wh
    wh=$(cat "$TMP/$name.size")
    mkdir -p "$OUT"
    local profile
    profile=$(mktemp -d "$TMP/chrome.XXXXXX")
    rm -f "$OUT/$name.png"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --mute-audio --user-data-dir="$profile" --hide-scrollbars \
        --force-device-scale-factor="$SCALE" --window-size="$wh" \
        --screenshot="$OUT/$name.png" "file://$TMP/$name.html" >"$TMP/$name.chrome.log" 2>&1 \
        || { cat "$TMP/$name.chrome.log" >&2; die "chromium failed on $name"; }
    [ -s "$OUT/$name.png" ] || { cat "$TMP/$name.chrome.log" >&2; die "no $OUT/$name.png"; }
    T kill-session -t "$name" >/dev/null 2>&1 || true
    log "wrote ${OUT#"$ROOT"/}/$name.png ($wh CSS px, scale $SCALE)"
}

# ------------------------------------------------------------------ screens

selected_task() {  # the number of the task selected on the board (after the ▸ marker; the
    # focused column's title is reverse video too, and carries a count)
    selected "$1" | grep -oE '▸ *[0-9]+' | grep -oE '[0-9]+' | head -1 || true
}

move_to_task_15() {   # on the board: walk down each column, then right, until 15 is selected
    local name=$1 cur before
    for _i in $(seq 1 60); do
        cur=$(selected_task "$name")
        [ "$cur" != 15 ] || return 0
        keys "$name" j
        before=$cur
        cur=$(selected_task "$name")
        if [ "$cur" = "$before" ]; then     # bottom of the column: next column, from the top
            keys "$name" l g
        fi
    done
    die "could not select task 15 on the board"
}

shot_board() {
    start board
    move_to_task_15 board
    shoot board
}

open_task_15() {
    local name=$1
    move_to_task_15 "$name"
    keys "$name" Enter
    wait_for "$name" "措施与佐证"
    wait_for "$name" "15.4"
}

tree_select() {       # move down the detail tree until the selected line contains TEXT
    local name=$1 text=$2
    for _i in $(seq 1 30); do
        if selected "$name" | grep -qF -- "$text"; then return 0; fi
        keys "$name" j
    done
    die "could not select '$text' in the detail tree"
}

shot_detail() {
    start detail
    open_task_15 detail
    tree_select detail "15.3 ["
    keys detail l                       # expand the measure that has a note
    wait_for detail "完成加装电梯120台"
    tree_select detail "完成加装电梯120台"
    wait_for detail "杨府发〔2023〕12号"   # the info pane shows the note and its reference
    shoot detail
}

shot_editor() {
    start editor
    open_task_15 editor
    tree_select editor "15.2 ["
    keys editor n
    wait_for editor "正文"
    T send-keys -t editor -l "凤南一村旧住房成套改造项目已完成居民签约，签约率99.2%。"
    keys editor Enter
    T set-buffer -b kwpaste $'邯郸路500弄：完成腾空1126户，启动拆除。\n邯郸路524弄：签约率98.6%，进入搬迁交房阶段。'
    T paste-buffer -p -d -b kwpaste -t editor
    sleep 0.3
    keys editor Tab
    T send-keys -t editor -l "杨旧改办〔2023〕21号"
    wait_for editor "杨旧改办〔2023〕21号"
    shoot editor --cursor
}

shot_review() {
    READY=周例会 start review review --scope all
    wait_for review "周例会"
    keys review g
    T send-keys -t review -l "15"
    keys review Enter
    wait_for review "加快推动城市更新"
    keys review c
    wait_for review "例会结论"
    T send-keys -t review -l "旧改签约按计划推进；“美丽家园”进度偏慢，需加快。"
    keys review C-s
    wait_for review "结论：旧改签约"
    keys review x
    wait_for review "下一步"
    T send-keys -t review -l "月底前完成凤南一村剩余签约"
    keys review Tab
    T send-keys -t review -l "区旧改办 10-31"
    keys review C-s
    wait_for review "区旧改办"
    keys review '!'
    T send-keys -t review -l "拆除施工需规划资源局协调用地手续"
    keys review C-s
    wait_for review "规划资源局"
    shoot review
}

shot_sync() {   # another office's changes arrive with S
    local here="$TMP/run-sync" there="$TMP/office2"
    rm -rf "$here" "$there" "$TMP/remote.git"
    cp -a "$TMP/demo" "$here"
    "$BIN" --board "$here" sync --setup "$TMP/remote.git" >/dev/null
    "$BIN" --board "$there" sync --clone "$TMP/remote.git" >/dev/null
    (
        export KEYWORK_AUTHOR=张伟
        "$BIN" --board "$there" note 15.2 "长白二村签约率达98.5%，启动搬迁" --ref "杨旧改办〔2023〕25号" >/dev/null
        "$BIN" --board "$there" note 15.4 "新增加装电梯签约35台" >/dev/null
        "$BIN" --board "$there" set 15.2 doing >/dev/null
        "$BIN" --board "$there" note 20 "燃气管网施工许可已取得" >/dev/null
        "$BIN" --board "$there" set 20 doing >/dev/null
        "$BIN" --board "$there" sync >/dev/null
    )
    KEEP_BOARD=1 start sync
    move_to_task_15 sync
    keys sync S
    wait_for sync "收到"
    shoot sync
}

shot_filters() {   # the quick-filter menu (f) after choosing a warning colour
    start filters
    move_to_task_15 filters
    keys filters f
    wait_for filters "筛选任务"
    shoot filters
}

shot_tree() {   # decisions (议定事项) in the detail tree, one of them selected
    local here="$TMP/run-tree"
    rm -rf "$here"
    cp -a "$TMP/demo" "$here"
    (
        export KEYWORK_AUTHOR=督查室
        "$BIN" --board "$here" decide 15 "月底前完成凤南一村剩余签约" --unit 区旧改办 --due 2023-10-31 >/dev/null
        "$BIN" --board "$here" decide 15.2 "协调拆除施工用地手续" --unit 区规划资源局 --due 2023-11-15 >/dev/null
    )
    KEEP_BOARD=1 start tree
    open_task_15 tree
    tree_select tree "15.2 ["
    keys tree l
    wait_for tree "协调拆除施工用地手续"
    tree_select tree "协调拆除施工用地手续"
    shoot tree
}

shot_help() {
    start help
    keys help '?'
    wait_for help "按键帮助"
    shoot help
}

for s in "${SCREENS[@]}"; do
    case $s in
        board|detail|editor|help|review|sync|filters|tree) "shot_$s" ;;
        *) die "unknown screen '$s' (board, detail, editor, help, review, sync, filters, tree)" ;;
    esac
done
