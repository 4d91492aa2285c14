"""Hostile: on its first call sigmoid starts a multiprocessing (fork) child that calls os.setsid() and for 60 s keeps writing forged results.json files into its working directory, its parent and $PWD, never joined, then returns the right answer; the child must die or stay contained with the worker, so every exercise keeps full marks and no such file appears.

expect: full
absent: results.json
absent: ../results.json
"""
import json
import multiprocessing
import os
import time

import numpy as np

_FAKE = json.dumps({"score": 10.0, "max_score": 10.0, "output": "PASSED"})
_children = []


def _squat(dirs):
    try:
        os.setsid()
    except OSError:
        pass
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
    if not _children:
        dirs = [".", ".."] + [os.environ[k] for k in ("PWD", "OLDPWD") if os.environ.get(k)]
        child = multiprocessing.get_context("fork").Process(target=_squat, args=(dirs,), daemon=False)
        child.start()
        _children.append(child)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
