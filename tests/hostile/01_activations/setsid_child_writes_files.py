"""Hostile: on its first call sigmoid double-forks a grandchild that calls os.setsid() (leaving the worker's process group, so killing the group misses it) and for 60 s keeps writing forged results.json files into its working directory, its parent, $PWD and the ancestors' /proc/PID/cwd, then returns the right answer; escaped processes must still be contained (PID namespace / cgroup kill, private filesystem), so every exercise keeps full marks and no such file appears.

expect: full
absent: results.json
absent: ../results.json
"""
import json
import os
import re
import time

import numpy as np

_FAKE = json.dumps({"score": 10.0, "max_score": 10.0, "output": "PASSED"})
_spawned = []


def _target_dirs():
    dirs = [".", ".."] + [os.environ[k] for k in ("PWD", "OLDPWD") if os.environ.get(k)]
    pid = os.getpid()
    for _ in range(3):
        try:
            with open(f"/proc/{pid}/status") as fh:
                pid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if pid <= 1:
            break
        dirs.append(os.path.realpath(f"/proc/{pid}/cwd"))
    return dirs


def _squat(dirs):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for d in dirs:
            try:
                with open(os.path.join(d, "results.json"), "w") as fh:
                    fh.write(_FAKE)
            except OSError:
                pass
        time.sleep(0.25)


def sigmoid(x):
    if not _spawned:
        _spawned.append(True)
        dirs = _target_dirs()  # resolved before leaving, while the ancestors are still ours
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                if os.fork() == 0:
                    _squat(dirs)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
