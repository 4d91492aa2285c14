"""Hostile (class 4, the project's .git and model solutions): softmax looks for the course repository from every path the worker knows (numpy's and Python's install paths, sys.path, the command lines in /proc, the usual roots) walking up to a `.git`, then reads the model solution out of its history with the `git` binary (safe.directory forced through GIT_CONFIG_* variables), from loose objects decompressed by hand, or straight from tests/model_solutions, and answers correctly only if it read the text "Model solution for 05_softmax" (a readable history turns into marks). After the fix neither .git nor tests/ is visible from a worker, so softmax raises LookupError and scores zero while the other exercises keep full marks; today the history is readable and softmax scores full marks.

expect: softmax = 0 ~ LookupError|not readable|starts programs
"""
import os
import subprocess
import sys
import time
import zlib

import numpy as np

_MARK = b"Model solution for 05_softmax"
_MODULE = "tests/model_solutions/05_softmax/softmax.py"
_found = []


def _starts():
    starts = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.executable, os.path.realpath(sys.executable),
              os.path.dirname(np.__file__), os.__file__, os.getcwd()] + [p for p in sys.path if p]
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                starts += [a.decode(errors="replace") for a in fh.read(1 << 16).split(b"\0") if a.startswith(b"/")]
        except OSError:
            continue
    starts += ["/work", "/srv", "/opt", "/home", "/root", "/var/tmp"]
    return starts


def _repositories():
    seen = set()
    for start in _starts():
        path = os.path.abspath(start)
        while True:
            if path not in seen:
                seen.add(path)
                if os.path.isdir(os.path.join(path, ".git")):
                    yield path
            parent = os.path.dirname(path)
            if parent == path:
                break
            path = parent
    for root in ("/work", "/srv", "/opt", "/home"):
        try:
            for name in os.listdir(root):
                if os.path.isdir(os.path.join(root, name, ".git")) and os.path.join(root, name) not in seen:
                    yield os.path.join(root, name)
        except OSError:
            continue


def _read(repo):
    try:
        with open(os.path.join(repo, _MODULE), "rb") as fh:
            if _MARK in fh.read():
                return "working tree"
    except OSError:
        pass
    env = dict(os.environ, GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="safe.directory", GIT_CONFIG_VALUE_0="*",
               GIT_CONFIG_NOSYSTEM="1", HOME=os.getcwd())
    for command in (["git", f"--git-dir={repo}/.git", "show", f"HEAD:{_MODULE}"],
                    ["git", f"--git-dir={repo}/.git", "log", "--all", "-p", "-n", "50", "--", _MODULE]):
        try:
            done = subprocess.run(command, capture_output=True, timeout=2, env=env)
            if _MARK in done.stdout:
                return "git " + command[2]
        except (OSError, subprocess.SubprocessError):
            pass
    deadline = time.monotonic() + 1.0
    objects = os.path.join(repo, ".git", "objects")
    try:
        for prefix in os.listdir(objects):
            if len(prefix) != 2 or time.monotonic() > deadline:
                continue
            for name in os.listdir(os.path.join(objects, prefix)):
                try:
                    with open(os.path.join(objects, prefix, name), "rb") as fh:
                        if _MARK in zlib.decompress(fh.read()):
                            return "loose object"
                except (OSError, zlib.error):
                    continue
    except OSError:
        pass
    return None


def _search():
    for repo in _repositories():
        how = _read(repo)
        if how:
            return f"{repo} ({how})"
    return None


def softmax(logits, axis=-1):
    if not _found:
        _found.append(_search())  # one search per worker
    if _found[0] is None:
        raise LookupError("the model solution is not readable from the sandbox")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
