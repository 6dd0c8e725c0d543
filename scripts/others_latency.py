#!/usr/bin/env python3
"""How long a board on screen takes to show another user's change.

    scripts/others_latency.py BIN [--runs 30] [--large]

Starts `BIN` (the keywork binary) as a TUI in a pseudo-terminal (120x40) on a fresh board,
waits until it is idle (it writes nothing while nobody types), then, `--runs` times, changes a
status from another process (`BIN set 3 doing|todo`, as a colleague's CLI or TUI would) and
times from the moment that command has exited (the change is on disk) to the first byte the
TUI writes (its redraw showing the change). Does this twice: with the board directory watched
(config `watch = true`, the default) and with `watch = false` (the once-a-second look that
network file systems get). Prints one JSON line per mode with the median, p90 and max in ms.
Not a test: the figures depend on the machine.
"""
import json
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time


def drain(fd, quiet):
    """Read until the TUI has written nothing for `quiet` seconds."""
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def measure(binary, board, watch, runs):
    cfg = os.path.join(board, f"config-{watch}.toml")
    with open(cfg, "w") as f:
        # No ambiguous-width probe: this harness does not answer the terminal query.
        f.write(f"watch = {'true' if watch else 'false'}\nambiguous_width = \"narrow\"\n")
    env = dict(os.environ, KEYWORK_CONFIG=cfg, KEYWORK_AUTHOR="screen", TERM="xterm-256color",
               LANG="C.UTF-8")
    env.pop("KEYWORK_BOARD", None)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "--board", board], env)
    import fcntl
    import struct
    import termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drain(fd, 1.5)
    other = dict(env, KEYWORK_AUTHOR="colleague")
    times = []
    for i in range(runs):
        status = "doing" if i % 2 == 0 else "todo"
        subprocess.run([binary, "--board", board, "set", "3", status], env=other, check=True,
                       stdout=subprocess.DEVNULL)
        written = time.monotonic()
        ready, _, _ = select.select([fd], [], [], 5.0)
        if not ready:
            raise SystemExit(f"the screen did not change within 5 s (run {i})")
        times.append((time.monotonic() - written) * 1000)
        drain(fd, 0.3)
        # Start the next change at a random point of the once-a-second look.
        time.sleep(0.137 * (i % 7))
    os.write(fd, b"q")
    drain(fd, 0.5)
    os.waitpid(pid, 0)
    in_order = [round(t, 1) for t in times]
    times.sort()
    return {
        "watch": watch,
        "runs": runs,
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "max_ms": round(times[-1], 1),
        "times_ms": in_order,
    }


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    binary = os.path.abspath(args[0])
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 30
    with tempfile.TemporaryDirectory() as tmp:
        board = os.path.join(tmp, "board")
        env = dict(os.environ, KEYWORK_CONFIG="/nonexistent")
        subprocess.run([binary, "--board", board, "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        for watch in (True, False):
            print(json.dumps(measure(binary, board, watch, runs)), flush=True)


if __name__ == "__main__":
    main()
