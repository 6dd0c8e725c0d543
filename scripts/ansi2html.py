#!/usr/bin/env python3
"""Convert a `tmux capture-pane -e -p` dump (text + SGR escapes) into an HTML page that
draws the terminal grid cell-exact, for screenshots with headless Chromium.

Stdlib only. Usage:

    ansi2html.py [--cols 120] [--rows 40] [--cursor X,Y] [--title T] [--size-file F] < in > out.html
    ansi2html.py --reverse-text < in      # just print the reverse-video (selected) text

How the grid stays exact:
  * every line is a flex row of fixed-width boxes, so nothing depends on the font's advance;
  * a run of ASCII cells with one style is one box of N cells; every other character gets its
    own box of 1 or 2 cells (2 for East Asian Wide/Fullwidth, as tmux and ratatui count them);
  * box-drawing characters (U+2500-U+257F) and block elements (U+2580-U+259F) are drawn with
    CSS, not the font, so borders join into continuous lines whatever the line height;
  * narrow non-ASCII symbols (“ ” ⋯ · ▸ → ...) use a Latin font first, because CJK fonts draw
    them full-width, which would push the rest of the cell row to the right.

--size-file writes "WIDTH,HEIGHT" (CSS px) of the page, for chromium's --window-size.
"""

import argparse
import html
import re
import sys
import unicodedata

# ---------------------------------------------------------------- geometry and theme

FONT_SIZE = 16          # px; Noto Sans Mono CJK: Latin advance 0.5em = 8px, CJK 1em = 16px
CELL_W = 8              # px per cell
CELL_H = 19             # px per row (line-height ~1.19)
PAD = 10                # px around the grid

DEFAULT_FG = "#cccccc"
DEFAULT_BG = "#1e1e1e"
# VS Code's dark terminal palette.
PALETTE16 = [
    "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#e5e5e5",
]

MAIN_FONT = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei Mono', monospace"
SYMBOL_FONT = "'DejaVu Sans Mono', 'Noto Sans Mono', 'Liberation Mono', " + MAIN_FONT


def color256(n):
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        r, g, b = steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
        return "#%02x%02x%02x" % (r, g, b)
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)


def blend(c1, c2, t):
    """Mix hex colour c1 towards c2 by t (0..1)."""
    a = [int(c1[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i:i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# ---------------------------------------------------------------- SGR state

class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse", "strike",
                 "hidden", "blink")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None      # None = default, else "#rrggbb"
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.strike = self.hidden = self.blink = False

    def key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def apply(self, params):
        """Apply one SGR parameter string (the part between ESC[ and m)."""
        if params == "":
            self.reset()
            return
        # Split on ';'; a parameter with ':' sub-parameters (38:2::r:g:b, 4:3) stays together.
        parts = params.split(";")
        i = 0
        while i < len(parts):
            p = parts[i]
            if ":" in p:
                sub = [s for s in p.split(":")]
                head = int(sub[0] or 0)
                if head in (38, 48, 58):
                    col = None
                    if len(sub) >= 3 and sub[1] == "5":
                        col = color256(int(sub[2] or 0) & 255)
                    elif len(sub) >= 5 and sub[1] == "2":
                        rgb = [int(x or 0) for x in sub[-3:]]
                        col = "#%02x%02x%02x" % tuple(v & 255 for v in rgb)
                    if head == 38:
                        self.fg = col
                    elif head == 48:
                        self.bg = col
                elif head == 4:
                    self.underline = (sub[1] if len(sub) > 1 else "1") != "0"
                i += 1
                continue
            n = int(p) if p.isdigit() else 0
            if n == 0:
                self.reset()
            elif n == 1:
                self.bold = True
            elif n == 2:
                self.dim = True
            elif n == 3:
                self.italic = True
            elif n in (4, 21):
                self.underline = True
            elif n in (5, 6):
                self.blink = True
            elif n == 7:
                self.reverse = True
            elif n == 8:
                self.hidden = True
            elif n == 9:
                self.strike = True
            elif n == 22:
                self.bold = self.dim = False
            elif n == 23:
                self.italic = False
            elif n == 24:
                self.underline = False
            elif n == 25:
                self.blink = False
            elif n == 27:
                self.reverse = False
            elif n == 28:
                self.hidden = False
            elif n == 29:
                self.strike = False
            elif 30 <= n <= 37:
                self.fg = PALETTE16[n - 30]
            elif n == 39:
                self.fg = None
            elif 40 <= n <= 47:
                self.bg = PALETTE16[n - 40]
            elif n == 49:
                self.bg = None
            elif 90 <= n <= 97:
                self.fg = PALETTE16[n - 90 + 8]
            elif 100 <= n <= 107:
                self.bg = PALETTE16[n - 100 + 8]
            elif n in (38, 48, 58):
                col = None
                if i + 1 < len(parts) and parts[i + 1] == "5" and i + 2 < len(parts):
                    col = color256(int(parts[i + 2] or 0) & 255)
                    i += 2
                elif i + 1 < len(parts) and parts[i + 1] == "2" and i + 4 < len(parts):
                    rgb = [int(x or 0) & 255 for x in parts[i + 2:i + 5]]
                    col = "#%02x%02x%02x" % tuple(rgb)
                    i += 4
                if n == 38:
                    self.fg = col
                elif n == 48:
                    self.bg = col
            i += 1


def resolved(key, cursor=False):
    """(fg, bg, bold, italic, underline, strike) as colours to paint."""
    fg, bg, bold, dim, italic, underline, reverse, strike, hidden, _blink = key
    fg = fg or DEFAULT_FG
    bg = bg or DEFAULT_BG
    if reverse != cursor:
        fg, bg = bg, fg
    if dim:
        fg = blend(fg, bg, 0.45)
    if hidden:
        fg = bg
    return fg, bg, bold, italic, underline, strike


# ---------------------------------------------------------------- widths

def char_width(ch):
    """Cells a character takes, the way unicode-width / tmux count them (ambiguous = 1)."""
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0:
        return 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0 if o != 0xAD else 1
    if 0x1160 <= o <= 0x11FF or o == 0x200B:
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


# ---------------------------------------------------------------- parsing

CSI = re.compile(r"\x1b\[([0-9;:?<=>]*)([@-~])|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+#%]?.")


def parse(text, cols, rows):
    """Return rows x cols grid of cells: [char_text, width, style_key]; width 0 = continuation."""
    style = Style()
    blank = lambda k: [" ", 1, k]
    grid = []
    line = []
    col = 0
    pos = 0
    text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]

    def put(ch):
        nonlocal col
        w = char_width(ch)
        k = style.key()
        if w == 0:
            if line and ch.strip():
                # Combining mark: attach to the previous real cell.
                j = len(line) - 1
                while j > 0 and line[j][1] == 0:
                    j -= 1
                line[j][0] += ch
            return
        if col + w > cols:
            return
        line.append([ch, w, k])
        if w == 2:
            line.append(["", 0, k])
        col += w

    while pos < len(text):
        ch = text[pos]
        if ch == "\x1b":
            m = CSI.match(text, pos)
            if m:
                if m.group(2) == "m":
                    style.apply(m.group(1))
                pos = m.end()
                continue
            pos += 1
            continue
        if ch == "\n":
            grid.append(line)
            line, col = [], 0
        elif ch == "\t":
            nxt = min(cols, (col // 8 + 1) * 8)
            while col < nxt:
                put(" ")
        else:
            put(ch)
        pos += 1
    grid.append(line)

    default = Style().key()
    out = []
    for r in range(rows):
        ln = grid[r] if r < len(grid) else []
        used = sum(c[1] for c in ln)
        # Cells the capture left out (trailing blanks) are default cells.
        ln.extend(blank(default) for _ in range(cols - used))
        out.append(ln)
    return out


# ---------------------------------------------------------------- box drawing

WEIGHTS = {"LIGHT": 1, "SINGLE": 1, "HEAVY": 2, "DOUBLE": 3}
DIRS = {"UP": ["U"], "DOWN": ["D"], "LEFT": ["L"], "RIGHT": ["R"],
        "HORIZONTAL": ["L", "R"], "VERTICAL": ["U", "D"]}


def box_segments(ch):
    """{'U'|'D'|'L'|'R': weight} for a box-drawing character, 'arc' for rounded corners,
    or None if it should be left to the font (dashes, diagonals)."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    if not name.startswith("BOX DRAWINGS "):
        return None
    words = name[len("BOX DRAWINGS "):].split()
    if any(w in ("DASH", "DIAGONAL") for w in words):
        return None
    arc = "ARC" in words
    words = [w for w in words if w not in ("ARC", "AND")]
    seg = {}
    if words and words[0] in WEIGHTS:
        cur = 1
        for w in words:
            if w in WEIGHTS:
                cur = WEIGHTS[w]
            elif w in DIRS:
                for d in DIRS[w]:
                    seg[d] = cur
            else:
                return None
    else:
        pending = []
        for w in words:
            if w in DIRS:
                pending += DIRS[w]
            elif w in WEIGHTS:
                for d in pending:
                    seg[d] = WEIGHTS[w]
                pending = []
            else:
                return None
        for d in pending:
            seg[d] = 1
    if arc:
        seg["arc"] = True
    return seg or None


def rect(x, y, w, h, color):
    return ("linear-gradient(%s,%s) %dpx %dpx/%dpx %dpx no-repeat" % (color, color, x, y, w, h))


def box_html(ch, width_px, fg, bg):
    """A cell drawn with CSS backgrounds (and a bordered child for arcs)."""
    seg = box_segments(ch)
    if seg is None:
        return None
    W, H = width_px, CELL_H
    cx, cy = W // 2, H // 2
    layers = []
    inner = ""
    if seg.get("arc"):
        r = min(W - cx, H - cy, cx, cy)
        left = "L" in seg
        up = "U" in seg
        # The bordered box spans from the centre to the corner the lines leave towards.
        x0 = 0 if left else cx
        y0 = 0 if up else cy
        w = (cx + 1) if left else (W - cx)
        h = (cy + 1) if up else (H - cy)
        bs = "1px solid " + fg
        corner = ("border-%s-%s-radius:%dpx" % ("bottom" if up else "top",
                                                "right" if left else "left", r + 1))
        borders = ";".join([
            ("border-bottom:" if up else "border-top:") + bs,
            ("border-right:" if left else "border-left:") + bs,
            corner,
        ])
        inner = ('<i style="position:absolute;box-sizing:border-box;left:%dpx;top:%dpx;'
                 'width:%dpx;height:%dpx;%s"></i>' % (x0, y0, w, h, borders))
        return ('<span class="bx" style="width:%dpx;background:%s">%s</span>'
                % (W, bg, inner))
    for d, wt in seg.items():
        if wt == 3:
            offs = [(-1, 1), (1, 1)]       # two 1px lines, one pixel apart each side
        elif wt == 2:
            offs = [(0, 2)]
        else:
            offs = [(0, 1)]
        for off, t in offs:
            if d in ("L", "R"):
                y = cy + off - (t // 2) if t > 1 else cy + off
                # Lines reach past the centre by the width of the crossing line so corners close.
                reach = 2 if any(seg.get(v) == 3 for v in ("U", "D")) else 1
                if d == "L":
                    layers.append(rect(0, y, cx + reach, t, fg))
                else:
                    start = cx - (1 if any(seg.get(v) == 3 for v in ("U", "D")) else 0)
                    layers.append(rect(start, y, W - start, t, fg))
            else:
                x = cx + off - (t // 2) if t > 1 else cx + off
                reach = 2 if any(seg.get(v) == 3 for v in ("L", "R")) else 1
                if d == "U":
                    layers.append(rect(x, 0, t, cy + reach, fg))
                else:
                    start = cy - (1 if any(seg.get(v) == 3 for v in ("L", "R")) else 0)
                    layers.append(rect(x, start, t, H - start, fg))
    layers.append(bg)
    return '<span class="bx" style="width:%dpx;background:%s"></span>' % (W, ",".join(layers))


BLOCKS = {
    "█": (0, 0, 8, 8), "▀": (0, 0, 8, 4), "▄": (0, 4, 8, 8), "▌": (0, 0, 4, 8),
    "▐": (4, 0, 8, 8), "▁": (0, 7, 8, 8), "▂": (0, 6, 8, 8), "▃": (0, 5, 8, 8),
    "▅": (0, 3, 8, 8), "▆": (0, 2, 8, 8), "▇": (0, 1, 8, 8), "▉": (0, 0, 7, 8),
    "▊": (0, 0, 6, 8), "▋": (0, 0, 5, 8), "▍": (0, 0, 3, 8), "▎": (0, 0, 2, 8),
    "▏": (0, 0, 1, 8), "▔": (0, 0, 8, 1), "▕": (7, 0, 8, 8),
}
SHADES = {"░": 0.25, "▒": 0.5, "▓": 0.75}


def block_html(ch, width_px, fg, bg):
    W, H = width_px, CELL_H
    if ch in SHADES:
        return '<span class="bx" style="width:%dpx;background:%s"></span>' % (
            W, blend(bg, fg, SHADES[ch]))
    if ch in BLOCKS:
        x0, y0, x1, y1 = BLOCKS[ch]
        px = lambda v, n: round(v * n / 8)
        layer = rect(px(x0, W), px(y0, H), px(x1, W) - px(x0, W), px(y1, H) - px(y0, H), fg)
        return '<span class="bx" style="width:%dpx;background:%s,%s"></span>' % (W, layer, bg)
    return None


# ---------------------------------------------------------------- HTML

def style_css(fg, bg, bold, italic, underline, strike):
    css = ["color:" + fg, "background:" + bg]
    if bold:
        css.append("font-weight:700")
    if italic:
        css.append("font-style:italic")
    deco = [d for d, on in (("underline", underline), ("line-through", strike)) if on]
    if deco:
        css.append("text-decoration:" + " ".join(deco))
    return ";".join(css)


def render(grid, cols, rows, cursor=None, title="terminal"):
    classes = {}

    def cls(res):
        css = style_css(*res)
        if css not in classes:
            classes[css] = "s%d" % len(classes)
        return classes[css]

    body = []
    for y, line in enumerate(grid):
        parts = []
        run_text, run_cells, run_cls = [], 0, None

        def flush():
            nonlocal run_text, run_cells, run_cls
            if run_cells:
                parts.append('<span class="%s" style="width:%dpx">%s</span>' % (
                    run_cls, run_cells * CELL_W, html.escape("".join(run_text))))
            run_text, run_cells, run_cls = [], 0, None

        x = 0
        for ch, w, key in line:
            if w == 0:
                continue
            res = resolved(key, cursor is not None and (x, y) == cursor)
            fg, bg = res[0], res[1]
            c = cls(res)
            if w == 1 and len(ch) == 1 and " " <= ch <= "~":
                if run_cls not in (None, c):
                    flush()
                run_cls = c
                run_text.append(ch)
                run_cells += 1
                x += w
                continue
            flush()
            o = ord(ch[0])
            special = None
            if 0x2500 <= o <= 0x257F:
                special = box_html(ch[0], w * CELL_W, fg, bg)
            elif 0x2580 <= o <= 0x259F:
                special = block_html(ch[0], w * CELL_W, fg, bg)
            if special:
                parts.append(special)
            else:
                extra = "" if w == 2 else " n"
                parts.append('<span class="%s%s" style="width:%dpx">%s</span>' % (
                    c, extra, w * CELL_W, html.escape(ch)))
            x += w
        flush()
        body.append('<div class="r">%s</div>' % "".join(parts))

    width = cols * CELL_W + 2 * PAD
    height = rows * CELL_H + 2 * PAD
    css_classes = "\n".join(".%s{%s}" % (name, css) for css, name in classes.items())
    page = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%(title)s</title>
<style>
html,body{margin:0;padding:0;background:%(bg)s;overflow:hidden}
body{width:%(width)dpx;height:%(height)dpx}
.t{position:absolute;left:%(pad)dpx;top:%(pad)dpx;width:%(gw)dpx;height:%(gh)dpx;
   font-family:%(font)s;font-size:%(fs)dpx;line-height:%(lh)dpx;color:%(fg)s;
   font-kerning:none;font-variant-ligatures:none;text-rendering:optimizeSpeed;
   -webkit-font-smoothing:antialiased}
.r{display:flex;height:%(lh)dpx;white-space:pre}
.r>span{flex:none;display:block;height:%(lh)dpx;overflow:visible;position:relative}
.r>span.n{font-family:%(sym)s}
.r>span.bx{overflow:hidden}
%(classes)s
</style></head>
<body><div class="t">
%(body)s
</div></body></html>
""" % dict(title=html.escape(title), bg=DEFAULT_BG, fg=DEFAULT_FG, width=width, height=height,
           pad=PAD, gw=cols * CELL_W, gh=rows * CELL_H, font=MAIN_FONT, sym=SYMBOL_FONT,
           fs=FONT_SIZE, lh=CELL_H, classes=css_classes, body="\n".join(body))
    return page, width, height


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", help="capture file (default stdin)")
    ap.add_argument("-o", "--output", help="HTML file (default stdout)")
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--cursor", help="X,Y of a visible cursor to draw (0-based)")
    ap.add_argument("--title", default="terminal")
    ap.add_argument("--size-file", help="write 'W,H' page size in px here")
    ap.add_argument("--reverse-text", action="store_true",
                    help="print the text of reverse-video cells, one line per screen row "
                         "that has any (to find the selection), instead of HTML")
    a = ap.parse_args()

    data = (open(a.input, encoding="utf-8", errors="replace").read() if a.input
            else sys.stdin.read())
    cursor = tuple(int(v) for v in a.cursor.split(",")) if a.cursor else None
    grid = parse(data, a.cols, a.rows)
    if a.reverse_text:
        for line in grid:
            text = "".join(ch for ch, w, key in line if w and key[6]).strip()
            if text:
                print(text)
        return
    page, w, h = render(grid, a.cols, a.rows, cursor, a.title)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(page)
    else:
        sys.stdout.write(page)
    if a.size_file:
        with open(a.size_file, "w") as f:
            f.write("%d,%d\n" % (w, h))


if __name__ == "__main__":
    main()
