"""Hostile: sigmoid reaches the reference without an import statement the static pass can see (getattr(builtins, "__imp" + "ort__")("refer" + "ence.activations")); the reference must be absent from the worker at run time as well, so the import fails (or the grader detects it) and sigmoid scores zero, while the others keep full marks.

expect: sigmoid = 0 ~ not allowed|banned|forbidden|import|reference|no module|machinery
"""
import builtins


def sigmoid(x):
    loader = getattr(builtins, "__imp" + "ort__")
    module = loader("refer" + "ence.activ" + "ations", fromlist=["sigmoid"])
    return module.sigmoid(x)
