"""Hostile: the module writes 50 MB to stdout and 50 MB to stderr while it is imported (through print and through raw fd writes); output is not grading, and a grader that reads the worker's streams must not deadlock or run out of memory, so every exercise keeps full marks.

expect: full
"""
import os
import sys

_LINE = "PASSED " * 149 + "\n"  # ~1 KiB
_BLOCK = _LINE * 1024  # ~1 MiB


def _flood(stream, fd):
    for _ in range(25):
        try:
            stream.write(_BLOCK)
            stream.flush()
        except (OSError, AttributeError, ValueError):
            pass
        try:
            os.write(fd, _BLOCK.encode())
        except OSError:
            pass


_flood(sys.stdout, 1)
_flood(sys.stderr, 2)
