"""Hostile: sigmoid raises an exception whose __str__, __repr__ and __format__ themselves raise, so naive error reporting crashes; the grader must still report sigmoid as failed (zero) under the exception's class name, and grade the others normally.

expect: sigmoid = 0 ~ BadStrError
"""


class BadStrError(Exception):
    def __str__(self):
        raise RuntimeError("__str__ refuses")

    def __repr__(self):
        raise RuntimeError("__repr__ refuses")

    def __format__(self, spec):
        raise RuntimeError("__format__ refuses")


def sigmoid(x):
    raise BadStrError("never shown")
