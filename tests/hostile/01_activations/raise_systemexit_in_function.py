"""Hostile: sigmoid raises SystemExit, which slips past `except Exception`; it must be caught as a failure of sigmoid (zero, with a message naming the exit), never end grading, and the other exercises keep full marks.

expect: sigmoid = 0 ~ exit
"""


def sigmoid(x):
    raise SystemExit
