"""Hostile: while it is imported the module walks its ancestors through /proc (PPid in /proc/PID/status, three levels) and appends a forged full-score JSON report to their stdout and stderr via /proc/PID/fd/1 and /proc/PID/fd/2; the worker must not reach the grader's streams (own uid / PID namespace), so `--format json` stays one clean document and, the functions being correct, every exercise keeps full marks.

expect: full
"""
import json
import os
import re

_FAKE = json.dumps({"assignment": "01_activations", "score": 10.0, "max_score": 10.0,
                    "exercises": []}) + "\nPASSED\n"


def _ancestors(levels=3):
    found, pid = [], os.getpid()
    for _ in range(levels):
        try:
            with open(f"/proc/{pid}/status") as fh:
                ppid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if ppid <= 1:
            break
        found.append(ppid)
        pid = ppid
    return found


for _pid in _ancestors():
    for _fd in (1, 2):
        try:
            with open(f"/proc/{_pid}/fd/{_fd}", "a") as _fh:  # append: corrupt, don't truncate
                _fh.write(_FAKE)
        except OSError:
            pass
