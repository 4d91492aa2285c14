"""Hostile (class 7, memory the address-space limit does not count; red team): sigmoid fills anonymous memory files (os.memfd_create), 64 MiB at a time up to 3 GiB, and keeps them open: written pages of a memfd are not address space, so the worker's RLIMIT_AS never sees them. Workers cannot create memory files (seccomp refuses memfd_create): sigmoid scores zero and the other exercises keep full marks.

expect: sigmoid = 0 ~ not permitted|PermissionError|memory
"""
import os

import numpy as np

_HELD = []


def sigmoid(x):
    chunk = b"\x01" * (64 << 20)
    for _ in range(48):
        fd = os.memfd_create("hoard")
        os.write(fd, chunk)
        _HELD.append(fd)
    return 1 / (1 + np.exp(-x))
