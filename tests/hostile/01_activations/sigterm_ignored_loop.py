"""Hostile: at import the module ignores SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1/2, SIGALRM, SIGVTALRM, SIGPROF and SIGXCPU, then sigmoid loops forever; only SIGKILL (or a hard rlimit) from outside can stop it, so sigmoid scores zero with a time-limit message and the others, which never hang, keep full marks.

expect: sigmoid = 0 ~ time limit|timed out|timeout|cpu
"""
import signal

for _name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2",
              "SIGALRM", "SIGVTALRM", "SIGPROF", "SIGXCPU"):
    try:
        signal.signal(getattr(signal, _name), signal.SIG_IGN)
    except (AttributeError, OSError, ValueError):
        pass


def sigmoid(x):
    while True:
        pass
