"""Hostile: sigmoid runs the reference module through runpy.run_module("reference.activations") (neither `import`, `__import__`, `importlib` nor `exec` appear) and calls its sigmoid; the reference must be unreachable from the worker, so this fails and sigmoid scores zero, while the others keep full marks.

expect: sigmoid = 0 ~ not allowed|banned|forbidden|import|reference|no module
"""
import runpy


def sigmoid(x):
    namespace = runpy.run_module("refer" + "ence.activations")
    return namespace["sigmoid"](x)
