"""Hostile (class 7, a process limit the worker lifts itself): relu raises its own RLIMIT_NPROC soft limit to the hard limit (only the soft limit of 32 is set today; the hard one stays the host's) and then forks 48 children that all stay alive at once (each blocks on a pipe until the parent has forked them all, then exits; they are reaped before relu returns, once per worker). It answers correctly only if all 48 existed together (lifting the limit turns into marks). After the fix the hard limit is the limit (or a cgroup / PID namespace bounds the processes), the forks fail past the limit, and relu raises and scores zero while the other exercises keep full marks.

expect: relu = 0 ~ process|fork|limit|resource
"""
import os
import resource

import numpy as np

_WANTED = 48
_result = []


def _fork_many():
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        resource.setrlimit(resource.RLIMIT_NPROC, (hard, hard))
    except (ValueError, OSError):
        pass
    read_end, write_end = os.pipe()
    children = []
    try:
        for _ in range(_WANTED):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                os.close(write_end)
                try:
                    os.read(read_end, 1)  # returns when the parent closes its end
                finally:
                    os._exit(0)
            children.append(pid)
    finally:
        os.close(write_end)
        os.close(read_end)
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
    return len(children)


def relu(x):
    if not _result:
        _result.append(_fork_many())  # once per worker
    if _result[0] < _WANTED:
        raise BlockingIOError(f"the process limit held: only {_result[0]} of {_WANTED} forks succeeded")
    return np.maximum(x, 0)
