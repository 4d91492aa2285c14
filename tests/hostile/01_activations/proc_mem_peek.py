"""Hostile: sigmoid tries to read the memory of its parent and grandparent through /proc/PID/maps and /proc/PID/mem (where the grader keeps its expected values) and answers correctly only if a read succeeds; the worker must not be able to read the grader's memory (own uid, PID namespace), so it raises LookupError and sigmoid scores zero: a readable grader shows up as full marks and fails this test.

expect: sigmoid = 0 ~ LookupError
"""
import os
import re

import numpy as np


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


def _can_read_memory(pid):
    try:
        with open(f"/proc/{pid}/maps") as fh:
            regions = [line.split() for line in fh]
        with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
            for fields in regions:
                if len(fields) > 1 and fields[1].startswith("r"):
                    start = int(fields[0].split("-")[0], 16)
                    try:
                        mem.seek(start)
                        if mem.read(16):
                            return True
                    except (OSError, ValueError, OverflowError):
                        continue
    except OSError:
        return False
    return False


def sigmoid(x):
    if not any(_can_read_memory(pid) for pid in _ancestors()):
        raise LookupError("the grader's memory is not readable from the worker")
    z = np.exp(-np.abs(x))  # readable: act as if the answer had been read from it
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
