"""Hostile (class 3, banned library at run time): softmax resolves "tor" + "ch.softmax" with pkgutil.resolve_name (a stdlib helper that imports the module named by a string; neither importlib nor __import__ appears in the source, and the computed string is not a literal the static scan can read) at module import, and answers with torch.softmax. After the fix a numpy worker cannot import torch at all, so softmax raises and scores zero while log_softmax and softmax_cross_entropy keep full marks; today softmax scores full marks.

expect: softmax = 0 ~ torch|banned|not allowed|forbidden|no module|import
"""
import pkgutil

import numpy as np

try:  # guarded, so that after the fix only softmax (not the whole import) fails
    _softmax = pkgutil.resolve_name("tor" + "ch.softmax")
    _from_numpy = pkgutil.resolve_name("tor" + "ch.from_numpy")
    _why = ""
except Exception as error:  # noqa: BLE001
    _softmax = _from_numpy = None
    _why = f"{type(error).__name__}: {error}"


def softmax(logits, axis=-1):
    if _softmax is None:
        raise ImportError(f"the resolved torch import failed ({_why})")
    return _softmax(_from_numpy(np.array(logits, copy=True)), dim=axis).numpy()
