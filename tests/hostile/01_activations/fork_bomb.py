"""Hostile: sigmoid forks up to 200 children per worker (each sleeps 30 s, then exits) and then waits for them, so it either hits the process limit or the wall-clock limit: sigmoid must score zero, the others keep full marks, and the bound keeps a failed sandbox from taking the machine down.

expect: sigmoid = 0 ~ process|fork|resource|time limit|timed out|timeout
"""
import os
import time

_FORK_BUDGET = 200  # forks per worker process, over all calls
_forked = 0


def sigmoid(x):
    global _forked
    children = []
    while _forked < _FORK_BUDGET:
        pid = os.fork()  # raises BlockingIOError once a process limit is reached
        if pid == 0:
            try:
                time.sleep(30)
            finally:
                os._exit(0)
        _forked += 1
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)  # about 30 s: past any sane per-call limit
    raise RuntimeError("fork budget of this worker used up")
