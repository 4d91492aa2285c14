"""Hostile (class 3, undoing the run-time ban; red team): scaled_dot_product_attention imports gc by a computed name through builtins, finds every torch.library.Library on the heap and destroys it (which unregisters kernels registered through it), then calls the math attention kernel by a computed name from torch.ops.aten. The refusals live on a dispatcher handle nothing refers to, and the heap walk itself is refused: scaled_dot_product_attention scores zero and the other exercises keep full marks.

expect: scaled_dot_product_attention = 0 ~ not allowed|banned
"""
import sys as _sys

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    table = getattr(_sys, "mod" + "ules")
    load = getattr(table["built" + "ins"], "__imp" + "ort__")
    heap = load("g" + "c")
    try:
        for item in getattr(heap, "get_" + "objects")():
            if type(item).__name__ == "Library":
                item._destroy()
    except Exception:
        pass
    kernel = getattr(torch.ops.aten, "_scaled_dot" + "_product_attention_math")
    out, weights = kernel(q, k, v, attn_mask=mask)
    return out, weights
