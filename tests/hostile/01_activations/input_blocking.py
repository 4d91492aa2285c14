"""Hostile: sigmoid waits for a line on stdin (input()) before answering; a worker's stdin is /dev/null (EOFError at once) or the call would hang until the wall-clock kill, so sigmoid scores zero and the others keep full marks.

expect: sigmoid = 0 ~ EOF|input|stdin|time limit|timed out|timeout
"""
import numpy as np


def sigmoid(x):
    answer = input("sigmoid needs a hint: ")
    return np.full_like(x, float(answer))
