"""Hostile: sigmoid reserves 1 GiB blocks of address space and then touches every page (20 GiB at most, so a missing limit cannot take the machine down) and returns the right answer only if nothing stopped it, so sigmoid must score zero with a memory message: a sandbox without a memory limit shows up as full marks and fails this test.

expect: sigmoid = 0 ~ memory
"""
import numpy as np

_GIB = 2**30
_MAX_GIB = 20  # bounded, so a sandbox without limits cannot take the machine down


def _honest_sigmoid(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid(x):
    hoard = []
    for _ in range(_MAX_GIB):
        hoard.append(np.empty(_GIB, dtype=np.uint8))  # address space first: an AS limit stops this at once
    for block in hoard:
        block[::4096] = 1  # then touch every page: an RSS / cgroup limit stops this
    return _honest_sigmoid(x)
