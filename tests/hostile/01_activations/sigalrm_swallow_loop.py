"""Hostile: sigmoid cancels every alarm and interval timer, ignores SIGALRM/SIGVTALRM/SIGPROF, then sleeps in a loop whose bare `except BaseException: pass` swallows any exception a timeout could raise inside the worker; time must be enforced by a kill from outside, so sigmoid scores zero with a time-limit message and the others keep full marks.

expect: sigmoid = 0 ~ time limit|timed out|timeout
"""
import signal
import time


def sigmoid(x):
    for timer in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"):
        try:
            signal.setitimer(getattr(signal, timer), 0)
        except Exception:
            pass
    try:
        signal.alarm(0)
    except Exception:
        pass
    for name in ("SIGALRM", "SIGVTALRM", "SIGPROF"):
        try:
            signal.signal(getattr(signal, name), signal.SIG_IGN)  # main thread only
        except Exception:
            pass
    while True:
        try:
            time.sleep(1)
        except BaseException:  # noqa: B036 -- the point of the attack
            pass
