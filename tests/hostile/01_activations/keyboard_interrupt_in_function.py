"""Hostile: sigmoid raises KeyboardInterrupt; the grader must not take it for Ctrl-C and abort the run, so sigmoid scores zero with a message naming the interrupt and the other exercises keep full marks.

expect: sigmoid = 0 ~ interrupt
"""


def sigmoid(x):
    raise KeyboardInterrupt
