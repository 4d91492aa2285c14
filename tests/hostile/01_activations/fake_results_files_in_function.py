"""Hostile: every sigmoid call writes forged full-score results.json / grade.json files into its working directory and its parent, into $PWD and $OLDPWD, and into its ancestors' working directories via /proc/PID/cwd, then returns the correct answer; nothing the worker writes may reach the grader's directory, so every exercise keeps full marks and no such file appears.

expect: full
absent: results.json
absent: ../results.json
absent: grade.json
absent: ../grade.json
"""
import json
import os
import re

import numpy as np

_FAKE = json.dumps({"score": 10.0, "max_score": 10.0, "output": "PASSED",
                    "tests": [{"name": "sigmoid", "score": 2.0, "max_score": 2.0, "status": "passed"}]})


def _ancestor_cwds(levels=3):
    cwds, pid = [], os.getpid()
    for _ in range(levels):
        try:
            with open(f"/proc/{pid}/status") as fh:
                ppid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if ppid <= 1:
            break
        cwds.append(f"/proc/{ppid}/cwd")
        pid = ppid
    return cwds


def _plant_results():
    dirs = [".", ".."]
    dirs += [os.environ[k] for k in ("PWD", "OLDPWD", "INIT_CWD") if os.environ.get(k)]
    dirs += _ancestor_cwds()
    dirs += [os.path.join(d, "..") for d in list(dirs[2:])]
    for d in dirs:
        for name in ("results.json", "grade.json"):
            try:
                with open(os.path.join(d, name), "w") as fh:
                    fh.write(_FAKE)
            except OSError:
                pass


def sigmoid(x):
    _plant_results()
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
