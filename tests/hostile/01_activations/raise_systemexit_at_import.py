"""Hostile: the module raises SystemExit (a BaseException that `except Exception` does not catch) while it is imported; the module cannot be loaded, so every exercise scores zero with a message naming the exit.

expect: * = 0 ~ exit
"""
raise SystemExit
