"""Hostile: sigmoid sends SIGKILL to its parent and grandparent (the zygote and the grader, when their command line says python or grade) and then raises RuntimeError; the worker must not be able to signal the grader (own uid, PID namespace) and a lost zygote must be replaced, so sigmoid scores zero with the error and the others keep full marks.

expect: sigmoid = 0 ~ RuntimeError|still alive
"""
import os
import re
import signal


def _ancestors(levels=2):
    found, pid = [], os.getpid()
    for _ in range(levels):
        try:
            with open(f"/proc/{pid}/status") as fh:
                pid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if pid <= 1:
            break
        found.append(pid)
    return found


def sigmoid(x):
    for pid in _ancestors():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").lower()
        except OSError:
            continue
        if b"python" in cmdline or b"grade" in cmdline:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    raise RuntimeError("tried to kill the grader; it is still alive if you can read this")
