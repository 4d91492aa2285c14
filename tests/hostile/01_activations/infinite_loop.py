"""Hostile: sigmoid spins in `while True: pass`, which only a kill from outside the worker can stop, so sigmoid must score zero with a time-limit message while the other exercises keep full marks.

expect: sigmoid = 0 ~ time limit|timed out|timeout
"""


def sigmoid(x):
    while True:
        pass
