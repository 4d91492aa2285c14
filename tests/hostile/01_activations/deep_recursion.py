"""Hostile: sigmoid raises the recursion limit to 10**6 and recurses through map()/list(), so each level also grows the C stack, which overflows and kills the worker with SIGSEGV (or, with a larger stack, ends in RecursionError); either way it is a crash of sigmoid only, so sigmoid scores zero and the others keep full marks.

expect: sigmoid = 0 ~ crash|segmentation|signal|SIGSEGV|recursion|stack
"""
import sys


def _deeper(n):
    return list(map(_deeper, [n + 1]))


def sigmoid(x):
    sys.setrecursionlimit(10**6)
    _deeper(0)
    return x
