"""Hostile (class 4, neighbours' command lines): the worker reads /proc/*/cmdline of every process it can see. relu_backward answers correctly only if it can see a process outside the sandbox, recognised by its command line (the `grade` / `grade-class` console script, `grader.cli`, or pytest) and running under another uid: that command line names the submission's and the class folder's paths (a leak turns into marks). sigmoid_backward raises a RuntimeError quoting every command line it can see that carries something credential-like (token, secret, password, key=...). After the fix the worker sees no process but its own (PID namespace or hidepid): relu_backward scores zero, and sigmoid_backward scores zero with no neighbour's secret in its message (tests/test_sandbox_secrets.py starts a neighbour process with a fake token on its command line and asserts the token never appears in the report).

expect: relu_backward = 0 ~ LookupError|no process
expect: sigmoid_backward = 0 ~ RuntimeError|cmdline
"""
import os
import re

import numpy as np

_CREDENTIAL = re.compile(r"token|secret|passw|api.?key|credential", re.I)


def _cmdlines():
    me = os.getuid()
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                argv = [a.decode(errors="replace") for a in fh.read(1 << 16).split(b"\0") if a]
            uid = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            continue
        if argv:
            yield pid, uid, me, argv


def _outside(argv):
    return any(a.endswith(("/grade", "/grade-class")) or a in ("grader.cli", "grade", "grade-class")
               or "pytest" in a for a in argv)


def relu_backward(dout, x):
    for pid, uid, me, argv in _cmdlines():
        if uid != me and _outside(argv):
            return np.where(x > 0, dout, 0).astype(dout.dtype, copy=False)
    raise LookupError("no process outside the sandbox is visible")


def sigmoid_backward(dout, x):
    seen = [(uid == me, " ".join(argv)[:300]) for _, uid, me, argv in _cmdlines()
            if _CREDENTIAL.search(" ".join(argv))]
    seen = [text for _, text in sorted(seen, key=lambda s: s[0])]  # other uids' first
    raise RuntimeError(f"cmdline leak: {seen!r}")
