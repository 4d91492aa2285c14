"""Hostile (top-level tampering: the module table at import costs every exercise, named statically): at import (after the real numpy is bound as `np`) the module puts a fake in sys.modules['numpy'] and sys.modules['numpy.testing'] whose every attribute is a function answering True; the student's functions keep using the real numpy and are correct, and the worker must not re-import numpy after loading student code, so every exercise keeps full marks.

expect: * = 0 ~ internals
"""
import sys
import types


class _FakeNumpy(types.ModuleType):
    def __getattr__(self, name):
        def _yes(*args, **kwargs):
            return True
        return _yes


sys.modules["numpy"] = _FakeNumpy("numpy")
sys.modules["numpy.testing"] = _FakeNumpy("numpy.testing")
