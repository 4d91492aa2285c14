"""Hostile: the module calls sys.exit(0) while it is imported (a zero status, as if all went well); the module cannot be loaded, so every exercise scores zero with a message naming the exit, and grading carries on.

expect: * = 0 ~ exit
"""
import sys

sys.exit(0)
