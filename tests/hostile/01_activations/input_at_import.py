"""Hostile: the module waits for a line on stdin (input()) while it is imported; with stdin on /dev/null that is an EOFError (or a hang until the kill), the module cannot be loaded, so every exercise scores zero.

expect: * = 0 ~ EOF|input|stdin|time limit|timed out|timeout
"""
_ANSWER = input("press enter to be graded: ")
