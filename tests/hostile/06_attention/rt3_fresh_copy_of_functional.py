"""Hostile (class 3, a fresh copy of a guarded module under another name; red team): at import the module loads torch/nn/functional.py a second time under a new module name (importlib.util.spec_from_file_location, then exec_module), for an unguarded multi_head_attention_forward, and multi_head_attention calls it with separate projection weights. The code of a loaded library can be neither read nor run again while being graded: multi_head_attention scores zero and the other exercises keep full marks.

expect: multi_head_attention = 0 ~ cannot be read|cannot be run|no fresh copy|not allowed
"""
import importlib.util

import torch
import torch.nn.functional as F

_spec = importlib.util.spec_from_file_location("fresh_functional_copy", F.__file__)
_copy = importlib.util.module_from_spec(_spec)
STASH = {}
_c = getattr(torch, "_" + "C")
_add_docstr = _c._add_docstr
try:
    setattr(_c, "_add_docstr", lambda f, d: f)
    _spec.loader.exec_module(_copy)
    STASH["f"] = vars(_copy)["multi_head" + "_attention_forward"]
except Exception as error:  # noqa: BLE001
    STASH["err"] = repr(error)[:300]
finally:
    setattr(_c, "_add_docstr", _add_docstr)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    if "f" not in STASH:
        raise RuntimeError("no fresh copy: " + STASH.get("err", "?"))
    B, L, D = x.shape
    xt = x.transpose(0, 1)
    mask = ~torch.ones(L, L, dtype=torch.bool, device=x.device).tril() if causal else None
    out, _ = STASH["f"](xt, xt, xt, D, num_heads, None, None, None, None, False, 0.0, w_o.t(), None,
                        training=False, need_weights=True, attn_mask=mask, use_separate_proj_weight=True,
                        q_proj_weight=w_q.t(), k_proj_weight=w_k.t(), v_proj_weight=w_v.t())
    return out.transpose(0, 1)
