"""Hostile: sigmoid calls os._exit(0), ending its worker at once with status 0 and no result; a worker that vanishes without answering is a failure of sigmoid only, so sigmoid scores zero with a message naming the exit.

expect: sigmoid = 0 ~ exit
"""
import os


def sigmoid(x):
    os._exit(0)
