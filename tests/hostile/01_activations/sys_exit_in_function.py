"""Hostile: sigmoid calls sys.exit(0) (a zero status, as if all went well); that is a crash of sigmoid, so sigmoid scores zero with a message naming the exit, and the other exercises keep full marks.

expect: sigmoid = 0 ~ exit
"""
import sys


def sigmoid(x):
    sys.exit(0)
