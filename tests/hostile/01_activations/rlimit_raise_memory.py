"""Hostile: sigmoid first tries to lift its own resource limits (RLIMIT_AS, DATA, RSS, CPU, NPROC, FSIZE, STACK to unlimited, else to the hard limit), then reserves and touches up to 20 GiB of memory and returns the right answer only if nothing stopped it; hard limits must be out of the worker's reach (no CAP_SYS_RESOURCE) or memory bounded another way, so sigmoid scores zero with a memory message: a worker that can lift its limits shows up as full marks and fails this test.

expect: sigmoid = 0 ~ memory
"""
import resource

import numpy as np

_GIB = 2**30
_MAX_GIB = 20  # bounded, so a sandbox without limits cannot take the machine down


def _lift_limits():
    for name in ("RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_RSS", "RLIMIT_CPU", "RLIMIT_NPROC",
                 "RLIMIT_FSIZE", "RLIMIT_STACK"):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        except (ValueError, OSError):
            try:
                hard = resource.getrlimit(which)[1]
                resource.setrlimit(which, (hard, hard))
            except (ValueError, OSError):
                pass


def sigmoid(x):
    _lift_limits()
    hoard = []
    for _ in range(_MAX_GIB):
        hoard.append(np.empty(_GIB, dtype=np.uint8))  # address space first: an AS limit stops this at once
    for block in hoard:
        block[::4096] = 1  # then touch every page: an RSS / cgroup limit stops this
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
