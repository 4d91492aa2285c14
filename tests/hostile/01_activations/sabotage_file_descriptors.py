"""Hostile: sigmoid points every file descriptor from 3 to 1023 at /dev/null and closes it, cutting whatever pipe or socket its worker reports through, then returns wrong values (0.5 + x/4); whether the worker goes silent (a failure of sigmoid only) or its channel survives (then the values are wrong), sigmoid loses marks and the others keep full marks.

expect: sigmoid ~ crash|lost|no result|closed|died|exit|pipe|channel|worker|respond|EOF|mismatch|expected|match|differ|wrong
"""
import os


def sigmoid(x):
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        null = -1
    for fd in range(3, 1024):
        if fd == null:
            continue
        try:
            if null >= 0:
                os.dup2(null, fd)
            os.close(fd)
        except OSError:
            pass
    return 0.5 + x / 4
