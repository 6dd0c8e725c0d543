#!/usr/bin/env python3
"""First key answered: start the board in a pseudo-terminal (120x40), send one key the moment
the first frame is on screen, and time the answer.

    scripts/firstkey.py [--runs N] [--key BYTES] [--ready TEXT] [--until TEXT] [--silent] -- keywork --board DIR

The first frame is "on screen" when the UTF-8 bytes of TEXT (a task title) have been written
and output has paused for 2 ms. Cursor-position requests (ESC [ 6n) are answered like a UTF-8
terminal with narrow ambiguous characters, unless --silent (a terminal that never answers).
Prints one JSON line: medians of first_frame_ms (start to the frame), answered_ms (key written
to the last byte of its answer, the answer ending after 100 ms of silence), answer_bytes; with
--until, also until_ms (key written to the moment TEXT appears in the answer: an answer that comes
in two bursts, like Enter opening a task while the board is still being read).
"""
import argparse, fcntl, json, os, pty, select, signal, statistics, struct, termios, time


def run_once(cmd, key, ready, silent, until=None):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.monotonic()
    out, frame_at, sent_at, last_at, answer = b"", None, None, None, 0
    seen, until_at = b"", None
    while True:
        now = time.monotonic()
        waiting = until is not None and until_at is None
        if sent_at is not None and last_at is not None and now - last_at > 0.1 and not waiting:
            break
        if now - t0 > 20:
            break
        wait = 0.002 if frame_at is None and ready in out else 0.1
        r, _, _ = select.select([fd], [], [], wait)
        now = time.monotonic()
        if not r:
            if frame_at is None and ready in out:
                frame_at = now
                os.write(fd, key)
                sent_at = time.monotonic()
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if b"\x1b[6n" in chunk and not silent:
            os.write(fd, b"\x1b[1;4R")
        if sent_at is None:
            out += chunk
        else:
            answer += len(chunk)
            last_at = now
            if until is not None and until_at is None:
                seen += chunk
                if until in seen:
                    until_at = now
    os.write(fd, b"q")
    time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    if frame_at is None or last_at is None or (until is not None and until_at is None):
        return None
    result = {
        "first_frame_ms": (frame_at - t0) * 1000,
        "answered_ms": (last_at - sent_at) * 1000,
        "answer_bytes": answer,
    }
    if until is not None:
        result["until_ms"] = (until_at - sent_at) * 1000
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--key", default="\\x1b[B", help="bytes, Python escapes (default Down)")
    p.add_argument("--ready", default="加快推动城市更新")
    p.add_argument("--until", help="time until this text appears in the answer")
    p.add_argument("--silent", action="store_true")
    p.add_argument("cmd", nargs="+")
    a = p.parse_args()
    key = a.key.encode().decode("unicode_escape").encode("latin-1")
    until = a.until.encode() if a.until else None
    runs = [run_once(a.cmd, key, a.ready.encode(), a.silent, until) for _ in range(a.runs)]
    ok = [r for r in runs if r]
    med = {k: round(statistics.median(r[k] for r in ok), 2) for k in ok[0]} if ok else {}
    print(json.dumps({"cmd": " ".join(a.cmd), "runs": len(runs), "failed": len(runs) - len(ok), "median": med}))


if __name__ == "__main__":
    main()
