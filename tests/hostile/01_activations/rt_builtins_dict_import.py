"""Hostile (class 3, banned library at run time): tanh reaches the import machinery through the module's own globals, globals()["__builtins__"]["__import__"] (a subscript with string keys, not the names __builtins__ or __import__ the static scan looks for), imports "tor" + "ch" (a computed name, imported at module import time so it fits the load limit) and answers with torch.tanh. After the fix a numpy worker cannot import torch at all, so tanh raises and scores zero while the other exercises keep full marks; today tanh scores full marks.

expect: tanh = 0 ~ torch|banned|not allowed|forbidden|no module|import
"""
import numpy as np

_table = globals()["__builtins__"]
_table = _table if isinstance(_table, dict) else vars(_table)
try:  # guarded, so that after the fix only tanh (not the whole import) fails
    _lib = _table["__import__"]("tor" + "ch")
    _why = ""
except Exception as error:  # noqa: BLE001
    _lib = None
    _why = f"{type(error).__name__}: {error}"


def tanh(x):
    if _lib is None:
        raise ImportError(f"the computed torch import failed ({_why})")
    return getattr(_lib, "tanh")(getattr(_lib, "from_numpy")(np.array(x, copy=True))).numpy()
