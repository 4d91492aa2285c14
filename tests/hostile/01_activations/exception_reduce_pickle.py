"""Hostile: sigmoid raises an exception whose __reduce__ makes unpickling create the file pwned_by_reduce; results must cross as JSON/npy and never be unpickled by the grader, so sigmoid scores zero under the class name and the file never appears.

expect: sigmoid = 0 ~ PickleBombError
absent: pwned_by_reduce
"""


class PickleBombError(Exception):
    def __reduce__(self):
        return (open, ("pwned_by_reduce", "w"))


def sigmoid(x):
    raise PickleBombError("look at my __reduce__")
